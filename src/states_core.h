/*
 * states_core.h: the pure part of keeping a region's access_states (src/states.c,
 * doc/states.md): signed per-day histograms a statement's cases are added to (+1) and
 * subtracted from (-1), and the first day of a date's month.  Plain C, no PostgreSQL
 * headers; test/unit/test_states.c exercises it.
 *
 * A StHist holds sorted distinct days, each with a net count (any int64, 0 included: a day
 * added and subtracted again stays, with 0).  Its arrays belong to the caller, who grows
 * them (st_hist_add says when); the positive and the negative parts are what the state
 * rows get merged and subtracted (pekefb.waits: days >= 0, counts >= 1).
 */
#ifndef PEKEFB_STATES_CORE_H
#define PEKEFB_STATES_CORE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct StHist
{
	int32_t		n;				/* days in use */
	int32_t		cap;			/* room of the arrays, in days */
	int32_t    *days;			/* days[0..n): strictly ascending */
	int64_t    *counts;			/* counts[i]: net count of days[i] */
} StHist;

/* Index of day in h, or where it would be inserted (*found false then). */
static inline int32_t
st_hist_find(const StHist *h, int32_t day, bool *found)
{
	int32_t		lo = 0,
				hi = h->n;

	if (h->n > 0)
	{
		int64_t		guess = (int64_t) day - h->days[0];

		if (guess >= 0 && guess < h->n && h->days[guess] == day)
		{
			*found = true;
			return (int32_t) guess;
		}
		/* past the last day: the common case of a growing histogram */
		if (day > h->days[h->n - 1])
		{
			*found = false;
			return h->n;
		}
	}
	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (h->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = (lo < h->n && h->days[lo] == day);
	return lo;
}

/*
 * Adds delta to the count of day: true when done; false (h unchanged) when day is new and
 * h has no room (n == cap): grow the arrays and call again.  The first guess is the index
 * day - days[0] (days are usually dense), then a binary search.  Inline: it runs several
 * times per case.
 */
static inline bool
st_hist_add(StHist *h, int32_t day, int64_t delta)
{
	bool		found;
	int32_t		idx = st_hist_find(h, day, &found);

	if (found)
	{
		h->counts[idx] += delta;
		return true;
	}
	if (h->n >= h->cap)
		return false;
	memmove(&h->days[idx + 1], &h->days[idx], sizeof(int32_t) * (size_t) (h->n - idx));
	memmove(&h->counts[idx + 1], &h->counts[idx], sizeof(int64_t) * (size_t) (h->n - idx));
	h->days[idx] = day;
	h->counts[idx] = delta;
	h->n++;
	return true;
}

/*
 * The part of h of one sign (sign > 0: the days with a positive count and those counts;
 * sign < 0: the days with a negative count and minus those counts) into days/counts (room
 * for h->n; NULL: only counted), ascending; returns how many days, and their total in *total.
 */
extern int32_t st_hist_part(const StHist *h, int sign, int32_t *days, int64_t *counts, int64_t *total);

/* True when every count of h is 0 (an empty h too). */
extern bool st_hist_zero(const StHist *h);

/*
 * The first day of the month of day, both as PostgreSQL's DateADT (0 = 2000-01-01), for
 * every finite date PostgreSQL allows.
 */
extern int32_t st_month_start(int32_t day);

/*
 * The first day of the suppression unit of the month starting on month (DateADT): its
 * calendar year, or its THL half-year (1.4. or 1.10.) when half_yearly; as the region's
 * _access_unit(month, period), through access_unit_start (access_rollup_core.h).
 */
extern int32_t st_unit_start(int32_t month, bool half_yearly);

#endif
