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
 * Bad input of an input function, reported through one place so that it is a soft error
 * where the server has them: pekefb_input_error raises ERROR with sqlstate, the message
 * formatted from fmt and detail (a full sentence; NULL for none), except on PostgreSQL 16+
 * when escontext (the input function's fcinfo->context) is an ErrorSaveContext, which then
 * receives the error (pg_input_is_valid, pg_input_error_info, COPY ... ON_ERROR) and the
 * function returns.  Input functions use PEKEFB_INPUT_ERROR, which returns from them then.
 */
extern void pekefb_input_error(Node *escontext, int sqlstate, const char *detail,
							   const char *fmt,...) pg_attribute_printf(4, 5);

#define PEKEFB_INPUT_ERROR(fcinfo, sqlstate, detail, ...) \
	do { \
		pekefb_input_error((fcinfo)->context, (sqlstate), (detail), __VA_ARGS__); \
		return (Datum) 0; \
	} while (0)

/*
 * A core parser's failure to read str as a value of type typname, through
 * pekefb_input_error: "invalid input syntax for type X" for a syntax error, "invalid value
 * for type X" otherwise, the parser's explanation as DETAIL.  Returns only for a soft error;
 * escontext NULL makes it a plain ERROR.
 */
extern void pekefb_report_input_error(Node *escontext, const char *typname, const char *str,
									  int kind, const char *detail);

/* pekefb_report_input_error from an input function, which returns for a soft error. */
#define PEKEFB_REPORT_INPUT_ERROR(fcinfo, typname, str, kind, detail) \
	do { \
		pekefb_report_input_error((fcinfo)->context, (typname), (str), (kind), (detail)); \
		return (Datum) 0; \
	} while (0)

#endif
