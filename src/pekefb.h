/*
 * pekefb.h: library-wide declarations: the module's settings (GUCs) and the init hooks
 * each subsystem registers its own settings with.
 */
#ifndef PEKEFB_H
#define PEKEFB_H

#include "postgres.h"
#include "fmgr.h"
#include "common/hashfn.h"
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

/* pekefb.min_group_size: a session's raise of the regions' minimum group size (default 1). */
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


/*
 * The fmgr comparison functions of a type whose arguments cmp_args(fcinfo) orders (a static
 * inline int function of the type's .c file: <0, 0, >0).  PEKEFB_EQUALITY_FUNCTIONS defines
 * prefix_eq and prefix_ne (=, <>), PEKEFB_ORDERING_FUNCTIONS prefix_lt, _le, _gt, _ge and
 * the btree comparator prefix_cmp_fn, PEKEFB_COMPARISON_FUNCTIONS all seven.  Written at
 * the start of a line as `PEKEFB_..._FUNCTIONS(prefix, cmp_args);`: the Makefile's export
 * list is read from such lines (keep its names in step with these macros).
 */
#define PEKEFB_CMP_FUNCTION(name, result) \
	PG_FUNCTION_INFO_V1(name); \
	Datum name(PG_FUNCTION_ARGS) { result; }

#define PEKEFB_EQUALITY_FUNCTIONS(prefix, cmp_args) \
	PEKEFB_CMP_FUNCTION(prefix##_eq, PG_RETURN_BOOL(cmp_args(fcinfo) == 0)) \
	PEKEFB_CMP_FUNCTION(prefix##_ne, PG_RETURN_BOOL(cmp_args(fcinfo) != 0)) \
	extern Datum prefix##_ne(PG_FUNCTION_ARGS)

#define PEKEFB_ORDERING_FUNCTIONS(prefix, cmp_args) \
	PEKEFB_CMP_FUNCTION(prefix##_lt, PG_RETURN_BOOL(cmp_args(fcinfo) < 0)) \
	PEKEFB_CMP_FUNCTION(prefix##_le, PG_RETURN_BOOL(cmp_args(fcinfo) <= 0)) \
	PEKEFB_CMP_FUNCTION(prefix##_gt, PG_RETURN_BOOL(cmp_args(fcinfo) > 0)) \
	PEKEFB_CMP_FUNCTION(prefix##_ge, PG_RETURN_BOOL(cmp_args(fcinfo) >= 0)) \
	PEKEFB_CMP_FUNCTION(prefix##_cmp_fn, PG_RETURN_INT32(cmp_args(fcinfo))) \
	extern Datum prefix##_cmp_fn(PG_FUNCTION_ARGS)

#define PEKEFB_COMPARISON_FUNCTIONS(prefix, cmp_args) \
	PEKEFB_EQUALITY_FUNCTIONS(prefix, cmp_args); \
	PEKEFB_ORDERING_FUNCTIONS(prefix, cmp_args)


/*
 * The hash opclass support functions prefix_hash and prefix_hash_extended of a type whose
 * equal values have equal images: image is an expression of fcinfo (the first argument's
 * image, a value of type Type with its padding zeroed), hashed bytewise.  Written at the
 * start of a line as `PEKEFB_IMAGE_HASH_FUNCTIONS(prefix, Type, image);` (see above).
 */
#define PEKEFB_IMAGE_HASH_FUNCTIONS(prefix, Type, image) \
	PG_FUNCTION_INFO_V1(prefix##_hash); \
	Datum prefix##_hash(PG_FUNCTION_ARGS) \
	{ \
		Type		h = (image); \
		return hash_any((const unsigned char *) &h, sizeof(h)); \
	} \
	PG_FUNCTION_INFO_V1(prefix##_hash_extended); \
	Datum prefix##_hash_extended(PG_FUNCTION_ARGS) \
	{ \
		Type		h = (image); \
		return hash_any_extended((const unsigned char *) &h, sizeof(h), PG_GETARG_INT64(1)); \
	} \
	extern Datum prefix##_hash_extended(PG_FUNCTION_ARGS)

#endif
