/*
 * tally.h: the shared transition state of pekefb's counting aggregates.
 *
 * Every pekefb aggregate whose answer is a share, a mean of small integers or an NPS keeps
 * three 64-bit counters.  The state is the SQL type pekefb.tally (fixed length, text form
 * "(a,b,n)"), so partial aggregates travel between parallel workers and Citus nodes as
 * ordinary values, and one combine function (tally_combine: component-wise sum) serves all.
 * Every tally keeps 0 <= a, 0 <= b, a + b <= n (tally_core.h); input, support functions and
 * updates enforce it, and no counter ever wraps.
 *
 *   aggregate            a                    b            n
 *   target_attainment    values meeting       -            non-NULL values
 *   access_rate          on time              -            counted cases
 *   nps                  promoters            detractors   answers
 *   item_mean            points (score - 1)   -            possible points (4 per answer)
 *   agree_share          answers 4 or 5       -            answers
 */
#ifndef PEKEFB_TALLY_H
#define PEKEFB_TALLY_H

#include "postgres.h"
#include "fmgr.h"

#include "pekefb.h"
#include "tally_core.h"

#define DatumGetTallyP(X)		((Tally *) DatumGetPointer(X))
#define PG_GETARG_TALLY_P(n)	DatumGetTallyP(PG_GETARG_DATUM(n))
#define PG_RETURN_TALLY_P(x)	PG_RETURN_POINTER(x)

/* A palloc'd copy of a tally. */
extern Tally *tally_copy(const Tally *src);

/* Raises the error of a tally that breaks the rule (22023), quoting it. */
extern void tally_report_invalid(const Tally *t, const CoreError *err) pg_attribute_noreturn();

/*
 * Raises the error of a failed tally_add of (da, db, dn) to t: 22003 for a counter
 * overflow, 22023 for a result breaking the rule; the message quotes "t + (da,db,dn)".
 */
extern void tally_report_add(const Tally *t, int64 da, int64 db, int64 dn,
							 const CoreError *err) pg_attribute_noreturn();

/* Argument argno as a tally checked against the rule (for states the caller did not build). */
static inline Tally *
tally_arg(FunctionCallInfo fcinfo, int argno)
{
	Tally	   *t = PG_GETARG_TALLY_P(argno);
	CoreError	err;

	if (unlikely(!tally_check(t, &err)))
		tally_report_invalid(t, &err);
	return t;
}

/*
 * The state to update in a transition function: argument argno itself when called as an
 * aggregate (the executor owns that copy, and our own steps built it, so updating in place
 * saves a palloc and a check per row), otherwise a checked fresh copy so that a direct SQL
 * call never modifies its input.  A NULL argument (a user's aggregate without INITCOND, or
 * a direct call) is the empty state (0,0,0), as PostgreSQL's own aggregates treat a NULL
 * state; callers that are STRICT never see one.
 */
static inline Tally *
tally_writable(FunctionCallInfo fcinfo, int argno)
{
	if (unlikely(PG_ARGISNULL(argno)))
		return (Tally *) palloc0(sizeof(Tally));
	if (pekefb_in_aggregate(fcinfo))
		return PG_GETARG_TALLY_P(argno);
	return tally_copy(tally_arg(fcinfo, argno));
}

/* s += (da, db, dn), or the error of tally_report_add. */
static inline void
tally_apply(Tally *s, int64 da, int64 db, int64 dn)
{
	CoreError	err;

	if (unlikely(!tally_add(s, da, db, dn, &err)))
		tally_report_add(s, da, db, dn, &err);
}

#endif
