/*
 * test_states.c: unit tests of the signed histograms and months of the access states
 * (src/states_core.c) without a server: adds in any order against a dense reference,
 * growth when full, zero counts kept and left out of both parts, the parts' totals, and
 * month starts across leap years, centuries and BC dates.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "calendar_core.h"
#include "states_core.h"

/* Adds delta to day, growing h's malloc'd arrays (by doubling) when it is full. */
static void
add(StHist *h, int32_t day, int64_t delta)
{
	if (!st_hist_add(h, day, delta))
	{
		int32_t		cap = h->cap ? h->cap * 2 : 1;

		h->days = realloc(h->days, sizeof(int32_t) * cap);
		h->counts = realloc(h->counts, sizeof(int64_t) * cap);
		h->cap = cap;
		if (!st_hist_add(h, day, delta))
			abort();
	}
}

int
main(void)
{
	StHist		h = {0, 0, NULL, NULL};
	int64_t		ref[1000];
	int32_t		days[1000];
	int64_t		counts[1000];
	int64_t		total;
	int32_t		k;
	bool		sorted = true,
				same = true;
	int64_t		pos = 0,
				neg = 0;

	/* an empty histogram */
	CHECK("empty is zero", st_hist_zero(&h));
	CHECK("empty part", st_hist_part(&h, 1, days, counts, &total) == 0 && total == 0);
	/* full: no room, nothing changed */
	CHECK("no room", !st_hist_add(&h, 5, 1) && h.n == 0);

	/* random days and signs against a dense reference */
	memset(ref, 0, sizeof(ref));
	srand(7);
	for (int i = 0; i < 20000; i++)
	{
		int32_t		day = rand() % 1000;
		int64_t		delta = (rand() % 3) - 1;

		add(&h, day, delta);
		ref[day] += delta;
	}
	for (int32_t i = 1; i < h.n; i++)
		sorted = sorted && h.days[i - 1] < h.days[i];
	CHECK("days ascending", sorted);
	for (int32_t i = 0; i < h.n; i++)
		same = same && h.counts[i] == ref[h.days[i]];
	CHECK("counts as the reference", same);
	for (int i = 0; i < 1000; i++)
	{
		if (ref[i] > 0)
			pos += ref[i];
		else
			neg -= ref[i];
	}
	k = st_hist_part(&h, 1, days, counts, &total);
	same = total == pos;
	for (int32_t i = 0; i < k; i++)
		same = same && counts[i] > 0 && counts[i] == ref[days[i]] && (i == 0 || days[i - 1] < days[i]);
	CHECK("positive part", same && k > 0);
	k = st_hist_part(&h, -1, days, counts, &total);
	same = total == neg;
	for (int32_t i = 0; i < k; i++)
		same = same && counts[i] > 0 && counts[i] == -ref[days[i]] && (i == 0 || days[i - 1] < days[i]);
	CHECK("negative part", same && k > 0);
	CHECK("not zero", !st_hist_zero(&h));

	/* a day added and subtracted stays with 0, in neither part */
	free(h.days);
	free(h.counts);
	h = (StHist) {0, 0, NULL, NULL};
	add(&h, 2451545, 1);
	add(&h, 2451545, -1);
	add(&h, 0, 1);
	add(&h, 0, -1);
	CHECK("zero kept", h.n == 2 && st_hist_zero(&h));
	CHECK("zero in no part", st_hist_part(&h, 1, days, counts, &total) == 0 &&
		  st_hist_part(&h, -1, days, counts, &total) == 0);
	add(&h, 2147483647, 3);
	CHECK("largest day", h.n == 3 && h.days[2] == 2147483647 && st_hist_part(&h, 1, days, counts, &total) == 1 &&
		  days[0] == 2147483647 && counts[0] == 3 && total == 3);
	/* descending input (every add an insert at the front) */
	free(h.days);
	free(h.counts);
	h = (StHist) {0, 0, NULL, NULL};
	for (int32_t d = 500; d >= 0; d--)
		add(&h, d, 1);
	sorted = h.n == 501;
	for (int32_t i = 0; i < h.n; i++)
		sorted = sorted && h.days[i] == i && h.counts[i] == 1;
	CHECK("descending input", sorted);
	free(h.days);
	free(h.counts);

	/* months */
	CHECK("month 2000-01-01", st_month_start(0) == 0);
	CHECK("month 2000-01-31", st_month_start(30) == 0);
	CHECK("month 2000-02-29", st_month_start(cal_day(2000, 2, 29)) == cal_day(2000, 2, 1));
	CHECK("month 1999-12-31", st_month_start(-1) == cal_day(1999, 12, 1));
	CHECK("month 2025-03-15", st_month_start(cal_day(2025, 3, 15)) == cal_day(2025, 3, 1));
	CHECK("month 1900-02-28", st_month_start(cal_day(1900, 2, 28)) == cal_day(1900, 2, 1));
	/* 4714-11-24 BC is year -4713 proleptic: its month starts on 4714-11-01 BC */
	CHECK("month of the first date", st_month_start(-2451545) == cal_day(-4713, 11, 1));
	CHECK("month of 5874897-12-31", st_month_start(2147483493 - 2451545) == cal_day(5874897, 12, 1));
	/* suppression units: the calendar year, or the THL half-year (1.4.-30.9., 1.10.-31.3.) */
	CHECK("unit of 2025-05 (year)", st_unit_start(cal_day(2025, 5, 1), false) == cal_day(2025, 1, 1));
	CHECK("unit of 2025-05 (half-year)", st_unit_start(cal_day(2025, 5, 1), true) == cal_day(2025, 4, 1));
	CHECK("unit of 2025-04 (half-year)", st_unit_start(cal_day(2025, 4, 1), true) == cal_day(2025, 4, 1));
	CHECK("unit of 2025-09 (half-year)", st_unit_start(cal_day(2025, 9, 1), true) == cal_day(2025, 4, 1));
	CHECK("unit of 2025-10 (half-year)", st_unit_start(cal_day(2025, 10, 1), true) == cal_day(2025, 10, 1));
	CHECK("unit of 2026-03 (half-year)", st_unit_start(cal_day(2026, 3, 1), true) == cal_day(2025, 10, 1));
	CHECK("unit of 2026-01 (half-year)", st_unit_start(cal_day(2026, 1, 1), true) == cal_day(2025, 10, 1));
	CHECK("unit of 1 BC-12 (year)", st_unit_start(cal_day(0, 12, 1), false) == cal_day(0, 1, 1));
	CHECK("unit of 2 BC-02 (half-year)", st_unit_start(cal_day(-1, 2, 1), true) == cal_day(-2, 10, 1));
	return unit_exit();
}
