/*
 * pekefb.h: library-wide declarations: the module's settings (GUCs) and the init hooks
 * each subsystem registers its own settings with.
 */
#ifndef PEKEFB_H
#define PEKEFB_H

#include "postgres.h"
#include "fmgr.h"
#include "nodes/nodes.h"

/*
 * True when a transition function runs inside an aggregate or window aggregate, so that it
 * may update its state argument in place: AggCheckCallContext's test, written inline
 * because it runs once per row (AggCheckCallContext is an out-of-line call).
 */
static inline bool
pekefb_in_aggregate(FunctionCallInfo fcinfo)
{
	return likely(fcinfo->context != NULL &&
				  (IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState)));
}

/* pekefb.min_group_size: groups with 1 <= n < this are suppressed in views (default 5). */
extern int	pekefb_min_group_size;

/* Called once from _PG_init: the calendar subsystem defines its settings (calendar.c). */
extern void pekefb_calendar_init(void);

/*
 * The SQLSTATE of a core parser's error kind (number_core.h): syntax 22P02, out of range
 * 22003, invalid value 22023.
 */
extern int	pekefb_core_errcode(int kind);

/*
 * Errors of bad input all go through pekefb_input_error, so that an input function's are
 * soft errors where the server has them: it raises ERROR with sqlstate, the message
 * formatted from fmt and detail (a full sentence; NULL for none), except on PostgreSQL 16+
 * when escontext (an input function's fcinfo->context) is an ErrorSaveContext: then that
 * receives the error (pg_input_is_valid, pg_input_error_info, COPY ... ON_ERROR) and the
 * call returns.  NULL escontext: always ERROR.  An input function reports through the
 * PEKEFB_* macros below, which return from it after a soft error.
 */
extern void pekefb_input_error(Node *escontext, int sqlstate, const char *detail,
							   const char *fmt,...) pg_attribute_printf(4, 5);

/*
 * A core parser's failure to read str as a value of type typname: "invalid input syntax for
 * type X" for a syntax error (22P02), core's out-of-range message for 22003, "invalid value
 * for type X" (22023) otherwise; the parser's explanation as DETAIL.
 */
extern void pekefb_input_error_esc(Node *escontext, const char *typname, const char *str,
								   int kind, const char *detail);

/*
 * The one 22003 error of the library, in core's wording: value "V" is out of range for
 * type T, with detail (a full sentence) as DETAIL.
 */
extern void pekefb_out_of_range_esc(Node *escontext, const char *typname, const char *value,
									const char *detail);

/* The same as hard errors, for functions that are not input functions. */
extern void pekefb_report_input_error(const char *typname, const char *str,
									  int kind, const char *detail) pg_attribute_noreturn();
extern void pekefb_report_out_of_range(const char *typname, const char *value,
									   const char *detail) pg_attribute_noreturn();

/* In an input function: pekefb_input_error, then return after a soft error. */
#define PEKEFB_INPUT_ERROR(fcinfo, sqlstate, detail, ...) \
	do { \
		pekefb_input_error((fcinfo)->context, (sqlstate), (detail), __VA_ARGS__); \
		return (Datum) 0; \
	} while (0)

/* In an input function: pekefb_input_error_esc, then return after a soft error. */
#define PEKEFB_REPORT_INPUT_ERROR(fcinfo, typname, str, kind, detail) \
	do { \
		pekefb_input_error_esc((fcinfo)->context, (typname), (str), (kind), (detail)); \
		return (Datum) 0; \
	} while (0)

/* In an input function: pekefb_out_of_range_esc, then return after a soft error. */
#define PEKEFB_OUT_OF_RANGE(fcinfo, typname, value, detail) \
	do { \
		pekefb_out_of_range_esc((fcinfo)->context, (typname), (value), (detail)); \
		return (Datum) 0; \
	} while (0)

#endif
