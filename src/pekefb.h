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
 * Reports a core parser's failure to read str as a value of type typname: "invalid input
 * syntax for type X" for a syntax error (22P02), core's out-of-range message for 22003
 * (pekefb_report_out_of_range), "invalid value for type X" (22023) otherwise; the parser's
 * explanation as DETAIL.
 */
extern void pekefb_report_input_error(const char *typname, const char *str,
									  int kind, const char *detail) pg_attribute_noreturn();

/*
 * The one 22003 error of the library, in core's wording: value "V" is out of range for
 * type T, with detail (a full sentence) as DETAIL.
 */
extern void pekefb_report_out_of_range(const char *typname, const char *value,
									   const char *detail) pg_attribute_noreturn();

#endif
