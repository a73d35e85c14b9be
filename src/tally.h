/*
 * tally.h: the shared transition state of pekefb's counting aggregates.
 *
 * Every pekefb aggregate whose answer is a share, a mean of small integers or an NPS keeps
 * three 64-bit counters.  The state is the SQL type pekefb.tally (fixed length, text form
 * "(a,b,n)"), so partial aggregates travel between parallel workers and Citus nodes as
 * ordinary values, and one combine function (tally_combine: component-wise sum) serves all.
 *
 *   aggregate            a                b            n
 *   target_attainment    values meeting   -            non-NULL values
 *   access_rate          on time          -            counted cases
 *   nps                  promoters        detractors   answers
 *   item_mean            sum of scores    -            answers
 *   agree_share          answers 4 or 5   -            answers
 */
#ifndef PEKEFB_TALLY_H
#define PEKEFB_TALLY_H

#include "postgres.h"
#include "fmgr.h"

#include "pekefb.h"

typedef struct Tally
{
	int64		a;
	int64		b;
	int64		n;
} Tally;

#define DatumGetTallyP(X)		((Tally *) DatumGetPointer(X))
#define PG_GETARG_TALLY_P(n)	DatumGetTallyP(PG_GETARG_DATUM(n))
#define PG_RETURN_TALLY_P(x)	PG_RETURN_POINTER(x)

/* A palloc'd copy of a tally. */
extern Tally *tally_copy(const Tally *src);

/*
 * The state to update in a transition function: argument argno itself when called as an
 * aggregate (the executor owns that copy, so updating in place saves a palloc per row),
 * otherwise a fresh copy so that a direct SQL call never modifies its input.
 */
static inline Tally *
tally_writable(FunctionCallInfo fcinfo, int argno)
{
	Tally	   *src = PG_GETARG_TALLY_P(argno);

	if (pekefb_in_aggregate(fcinfo))
		return src;
	return tally_copy(src);
}

#endif
