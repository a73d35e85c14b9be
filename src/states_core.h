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

typedef struct StHist
{
	int32_t		n;				/* days in use */
	int32_t		cap;			/* room of the arrays, in days */
	int32_t    *days;			/* days[0..n): strictly ascending */
	int64_t    *counts;			/* counts[i]: net count of days[i] */
} StHist;

/*
 * Adds delta to the count of day: true when done; false (h unchanged) when day is new and
 * h has no room (n == cap): grow the arrays and call again.  The first guess is the index
 * day - days[0] (days are usually dense), then a binary search.
 */
extern bool st_hist_add(StHist *h, int32_t day, int64_t delta);

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

#endif
