/*
 * test_calendar.c: unit tests of calendar_core.c: date conversion, Easter (against dates
 * computed with python-dateutil's independent implementation), the 2024-2026 holidays of
 * domain.md §6.1, 150/1930 §3 months, and a property test of the lookup table against a
 * naive day-by-day loop.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar_core.h"
#include "unit.h"

static CalTable strict_t,
			literal_t;

/* Naive working-day test: weekday and not one of the year's non-working named days. */
static int
naive_working(int32_t day, CalMode mode)
{
	int			y,
				m,
				d;
	CalNamedDay h[CAL_NHOLIDAYS];
	int			n;

	if (cal_isodow(day) > 5)
		return 0;
	cal_ymd(day, &y, &m, &d);
	n = cal_year_holidays(y, mode, h);
	for (int i = 0; i < n; i++)
		if (h[i].day == day)
			return 0;
	return 1;
}

static uint64_t rng = 88172645463325252ULL;
static uint32_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t) (rng >> 32);
}

int
main(void)
{
	static const struct
	{
		int			y,
					m,
					d;
	}			easter[] = {
		{1900, 4, 15}, {1943, 4, 25}, {1954, 4, 18}, {2000, 4, 23}, {2008, 3, 23},
		{2019, 4, 21}, {2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5}, {2038, 4, 25},
		{2100, 3, 28}, {2200, 4, 6}
	};
	bool		ok;

	cal_table_build(&strict_t, CAL_STRICT, NULL, 0);
	cal_table_build(&literal_t, CAL_LITERAL, NULL, 0);

	/* day numbers share PostgreSQL's epoch */
	CHECK("calendar epoch 2000-01-01 = 0", cal_day(2000, 1, 1) == 0);
	CHECK("calendar range constants", cal_day(1900, 1, 1) == CAL_MIN_DAY && cal_day(2200, 12, 31) == CAL_MAX_DAY);
	CHECK("calendar 2000-01-01 is a Saturday", cal_isodow(0) == 6);
	ok = true;
	for (int32_t day = -800000; day <= 800000; day += 7)
	{
		int			y,
					m,
					d;

		cal_ymd(day, &y, &m, &d);
		if (cal_day(y, m, d) != day || d < 1 || d > cal_days_in_month(y, m))
			ok = false;
	}
	CHECK("calendar ymd round trip", ok);

	ok = true;
	for (size_t i = 0; i < sizeof(easter) / sizeof(easter[0]); i++)
		if (cal_easter(easter[i].y) != cal_day(easter[i].y, easter[i].m, easter[i].d))
			ok = false;
	CHECK("calendar Easter matches dateutil for 12 years", ok);
	ok = true;
	for (int y = CAL_MIN_YEAR; y <= CAL_MAX_YEAR; y++)
	{
		int32_t		e = cal_easter(y);

		if (cal_isodow(e) != 7 || e < cal_day(y, 3, 22) || e > cal_day(y, 4, 25))
			ok = false;
	}
	CHECK("calendar Easter is a Sunday in 22.3.-25.4. for 1900-2200", ok);

	/* domain.md §6.1 */
	{
		CalNamedDay h[CAL_NHOLIDAYS];
		int			n = cal_year_holidays(2025, CAL_STRICT, h);
		int			weekday[3] = {0, 0, 0};

		CHECK("calendar 2025 has 15 named days strict", n == 15);
		CHECK("calendar 2025 literal has 13", cal_year_holidays(2025, CAL_LITERAL, h) == 13);
		n = cal_year_holidays(2024, CAL_STRICT, h);
		CHECK("calendar 2024 juhannusaatto 21.6.", h[8].holiday == CAL_MIDSUMMER_EVE && h[8].day == cal_day(2024, 6, 21));
		CHECK("calendar 2024 pyhäinpäivä 2.11.", h[10].day == cal_day(2024, 11, 2));
		n = cal_year_holidays(2026, CAL_STRICT, h);
		CHECK("calendar 2026 pyhäinpäivä 31.10.", h[10].day == cal_day(2026, 10, 31));
		CHECK("calendar 2026 helatorstai 14.5.", h[6].day == cal_day(2026, 5, 14));
		for (int y = 2024; y <= 2026; y++)
		{
			n = cal_year_holidays(y, CAL_STRICT, h);
			for (int i = 0; i < n; i++)
				if (cal_isodow(h[i].day) <= 5)
					weekday[y - 2024]++;
		}
		CHECK("calendar weekday holidays 10/10/9", weekday[0] == 10 && weekday[1] == 10 && weekday[2] == 9);
		CHECK("calendar working days 2024 = 252",
			  cal_working_days(&strict_t, cal_day(2023, 12, 31), cal_day(2024, 12, 31)) == 252);
		CHECK("calendar working days 2025 = 251",
			  cal_working_days(&strict_t, cal_day(2024, 12, 31), cal_day(2025, 12, 31)) == 251);
		CHECK("calendar working days 2026 = 252",
			  cal_working_days(&strict_t, cal_day(2025, 12, 31), cal_day(2026, 12, 31)) == 252);
		n = cal_year_holidays(2008, CAL_STRICT, h);
		CHECK("calendar 2008 vappu and helatorstai share 1.5.",
			  h[5].day == cal_day(2008, 5, 1) && h[6].day == cal_day(2008, 5, 1) &&
			  h[5].holiday == CAL_MAY_DAY && h[6].holiday == CAL_ASCENSION);
	}

	/* domain.md §6.2 */
	{
		int32_t		r;

		cal_add_working_days(&strict_t, cal_day(2024, 6, 18), 7, &r);
		CHECK("calendar 7 wd from 2024-06-18 strict = 06-28", r == cal_day(2024, 6, 28));
		cal_add_working_days(&literal_t, cal_day(2024, 6, 18), 7, &r);
		CHECK("calendar 7 wd from 2024-06-18 literal = 06-27", r == cal_day(2024, 6, 27));
		cal_add_working_days(&strict_t, cal_day(2025, 12, 22), 7, &r);
		CHECK("calendar 7 wd from 2025-12-22 strict = 2026-01-07", r == cal_day(2026, 1, 7));
		CHECK("calendar add_working_days past 2200 fails",
			  !cal_add_working_days(&strict_t, cal_day(2200, 12, 20), 30, &r));
		CHECK("calendar add_working_days before 1900 fails",
			  !cal_add_working_days(&strict_t, cal_day(1900, 1, 10), -30, &r));
	}

	/* 150/1930 §3 */
	CHECK("calendar 2025-01-31 + 3 months = 04-30", cal_add_months(cal_day(2025, 1, 31), 3) == cal_day(2025, 4, 30));
	CHECK("calendar 2023-11-30 + 3 months = 2024-02-29", cal_add_months(cal_day(2023, 11, 30), 3) == cal_day(2024, 2, 29));
	CHECK("calendar 2024-02-29 + 12 months = 2025-02-28", cal_add_months(cal_day(2024, 2, 29), 12) == cal_day(2025, 2, 28));
	CHECK("calendar 2024-03-31 - 1 month = 02-29", cal_add_months(cal_day(2024, 3, 31), -1) == cal_day(2024, 2, 29));
	CHECK("calendar 1900-01-31 + 1 month = 1900-02-28 (1900 is no leap year)",
		  cal_add_months(cal_day(1900, 1, 31), 1) == cal_day(1900, 2, 28));
	CHECK("calendar 2200-12-31 + 1 month = 2201-01-31 (past the table)",
		  cal_add_months(cal_day(2200, 12, 31), 1) == cal_day(2201, 1, 31));
	CHECK("calendar 1899-12-31 + 2 months = 1900-02-28 (before the table)",
		  cal_add_months(cal_day(1899, 12, 31), 2) == cal_day(1900, 2, 28));

	/* property: the month table (1900..2200) gives what year-month-day arithmetic gives,
	 * for every day of the range, forwards and backwards, up to and across its edges */
	{
		static const int32_t ns[] = {1, 2, 3, 4, 6, 12, 24, 48, 1000, 3611, 3612, -1, -3, -12, -13, -3612};
		bool		ok = true;
		int32_t		r;
		long		tabled = 0;

		for (int32_t day = CAL_MIN_DAY; day <= CAL_MAX_DAY; day++)
			for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
			{
				if (cal_add_months_tab(cal_months(), day, ns[i], &r))
				{
					tabled++;
					if (r != cal_add_months_ymd(day, ns[i]))
						ok = false;
				}
				if (cal_add_months(day, ns[i]) != cal_add_months_ymd(day, ns[i]))
					ok = false;
			}
		CHECK("calendar month table = ymd arithmetic, every day 1900..2200 x 16 month counts", ok);
		CHECK("calendar month table answers in range and declines outside it",
			  tabled > 1000000 && !cal_add_months_tab(cal_months(), cal_day(2200, 12, 1), 1, &r) &&
			  !cal_add_months_tab(cal_months(), cal_day(1900, 1, 1), -1, &r) &&
			  cal_add_months_tab(cal_months(), cal_day(1900, 2, 1), -1, &r) && r == cal_day(1900, 1, 1));
	}

	/* property: table vs naive loop over random pairs, both modes */
	{
		bool		okw = true,
					oka = true,
					okf = true;

		for (int i = 0; i < 20000; i++)
		{
			CalTable   *t = (i & 1) ? &literal_t : &strict_t;
			CalMode		mode = (i & 1) ? CAL_LITERAL : CAL_STRICT;
			int32_t		a = CAL_MIN_DAY + 400 + (int32_t) (next_rand() % (CAL_NDAYS - 800));
			int32_t		b = a + (int32_t) (next_rand() % 401) - 200;
			int32_t		cnt = 0,
						lo = a < b ? a : b,
						hi = a < b ? b : a,
						n,
						r,
						d;

			for (d = lo + 1; d <= hi; d++)
				cnt += naive_working(d, mode);
			if (b < a)
				cnt = -cnt;
			if (cal_working_days(t, a, b) != cnt)
				okw = false;
			if ((cal_is_working(t, a) != 0) != (naive_working(a, mode) != 0))
				okf = false;
			/* naive add: step day by day */
			n = (int32_t) (next_rand() % 61) - 30;
			d = a;
			for (int k = n; k != 0;)
			{
				d += n > 0 ? 1 : -1;
				if (naive_working(d, mode))
					k += n > 0 ? -1 : 1;
			}
			if (!cal_add_working_days(t, a, n, &r) || r != d)
				oka = false;
		}
		CHECK("calendar property: working_days = naive loop (20000 pairs)", okw);
		CHECK("calendar property: is_working = naive", okf);
		CHECK("calendar property: add_working_days = naive stepping", oka);
	}

	/* extra closing days and §5 roll-forward */
	{
		int32_t		days[4];
		int			n = 0;
		char		err[200];
		CalTable   *t = malloc(sizeof(CalTable));
		int32_t		r;

		CHECK("calendar parse day list",
			  cal_parse_day_list(" 2026-01-02,2025-12-31  2025-12-31", days, 4, &n, err, sizeof(err)) == NULL &&
			  n == 2 && days[0] == cal_day(2025, 12, 31) && days[1] == cal_day(2026, 1, 2));
		CHECK("calendar parse day list rejects 2025-02-30",
			  cal_parse_day_list("2025-02-30", days, 4, &n, err, sizeof(err)) != NULL);
		CHECK("calendar parse day list rejects 31.12.2025",
			  cal_parse_day_list("31.12.2025", days, 4, &n, err, sizeof(err)) != NULL);
		CHECK("calendar parse day list rejects 1899-12-31",
			  cal_parse_day_list("1899-12-31", days, 4, &n, err, sizeof(err)) != NULL);
		cal_parse_day_list("2025-12-31, 2026-01-02", days, 4, &n, err, sizeof(err));
		cal_table_build(t, CAL_STRICT, days, n);
		CHECK("calendar extra closing days reduce working days",
			  cal_working_days(t, cal_day(2025, 12, 22), cal_day(2026, 1, 7)) == 5);
		cal_roll_forward(&strict_t, cal_day(2025, 6, 21), &r);
		CHECK("calendar roll 2025-06-21 -> 06-23", r == cal_day(2025, 6, 23));
		cal_roll_forward(&literal_t, cal_day(2024, 12, 24), &r);
		CHECK("calendar roll uses the strict set even in literal mode", r == cal_day(2024, 12, 27));
		free(t);
	}
	return unit_exit();
}
