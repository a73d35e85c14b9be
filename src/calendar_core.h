/*
 * calendar_core.h: the Finnish working-day calendar in plain C (no PostgreSQL headers).
 *
 * Days are numbered like PostgreSQL's DateADT: 0 = 2000-01-01.  The calendar covers
 * 1900-01-01 .. 2200-12-31; a CalTable holds, for that range, a prefix count of working
 * days, the list of working days and a "next open day" index, so that working-day
 * arithmetic is a couple of array lookups.  Rules: domain.md §2 (holidays) and Defaults 1.
 */
#ifndef PEKEFB_CALENDAR_CORE_H
#define PEKEFB_CALENDAR_CORE_H

#include <stdbool.h>
#include <stdint.h>

#define CAL_MIN_YEAR	1900
#define CAL_MAX_YEAR	2200
#define CAL_MIN_DAY		(-36524)	/* 1900-01-01 */
#define CAL_MAX_DAY		73413		/* 2200-12-31 */
#define CAL_NDAYS		(CAL_MAX_DAY - CAL_MIN_DAY + 1)

/* Which days besides Saturdays, Sundays and the 13 holidays are non-working. */
typedef enum CalMode
{
	CAL_STRICT = 0,				/* Midsummer Eve and Christmas Eve are non-working (default) */
	CAL_LITERAL = 1				/* the two eves are working days */
} CalMode;

/* The 15 named days of domain.md §2, in calendar order within a typical year. */
typedef enum CalHoliday
{
	CAL_NEW_YEAR, CAL_EPIPHANY, CAL_GOOD_FRIDAY, CAL_EASTER, CAL_EASTER_MONDAY,
	CAL_MAY_DAY, CAL_ASCENSION, CAL_WHITSUN, CAL_MIDSUMMER_EVE, CAL_MIDSUMMER,
	CAL_ALL_SAINTS, CAL_INDEPENDENCE, CAL_CHRISTMAS_EVE, CAL_CHRISTMAS, CAL_BOXING_DAY,
	CAL_NHOLIDAYS
} CalHoliday;

typedef struct CalNamedDay
{
	int32_t		day;
	int			holiday;		/* CalHoliday, or -1 for a local extra closing day */
} CalNamedDay;

/* Flags per day in a CalTable. */
#define CAL_F_WORKING	0x01	/* a working day under the table's mode and extra days */
#define CAL_F_OPEN5		0x02	/* a day a §5-rolled deadline may end on (see cal_table_build) */

typedef struct CalTable
{
	int32_t		cum[CAL_NDAYS + 1];	/* cum[i] = working days among the first i days */
	int32_t		work[CAL_NDAYS];	/* work[k] = index of the (k+1)-th working day */
	int32_t		next_open[CAL_NDAYS];	/* smallest j >= i with CAL_F_OPEN5, or -1 */
	uint8_t		flags[CAL_NDAYS];
	int32_t		nwork;
} CalTable;

/* Civil date <-> day number (proleptic Gregorian; any int32 day PostgreSQL allows). */
extern int32_t cal_day(int y, int m, int d);
extern void cal_ymd(int32_t day, int *y, int *m, int *d);
/* ISO weekday of a day number: 1 = Monday .. 7 = Sunday. */
extern int	cal_isodow(int32_t day);
extern int	cal_days_in_month(int y, int m);
/* Easter Sunday of year y (anonymous Gregorian algorithm). */
extern int32_t cal_easter(int y);

extern const char *cal_holiday_name_fi(int holiday);
extern const char *cal_holiday_name_sv(int holiday);

/*
 * Fills out[] (room for CAL_NHOLIDAYS) with the named days of year y that are non-working
 * under mode (15 in strict mode, 13 in literal mode), sorted by day; returns how many.
 */
extern int	cal_year_holidays(int y, CalMode mode, CalNamedDay *out);

/*
 * Builds the per-day table for mode and the sorted extra closing days.  CAL_F_OPEN5 marks
 * the days of 150/1930 §5: Monday-Friday, not one of the 15 named days (both eves
 * included whatever the mode) and not an extra closing day.
 */
extern void cal_table_build(CalTable *t, CalMode mode, const int32_t *extra, int nextra);

static inline bool
cal_in_range(int32_t day)
{
	return day >= CAL_MIN_DAY && day <= CAL_MAX_DAY;
}

/* Working day?  Caller checks the range. */
static inline bool
cal_is_working(const CalTable *t, int32_t day)
{
	return (t->flags[day - CAL_MIN_DAY] & CAL_F_WORKING) != 0;
}

/* Working days d with from < d <= to (negative when to < from).  Caller checks the range. */
static inline int32_t
cal_working_days(const CalTable *t, int32_t from, int32_t to)
{
	return t->cum[to - CAL_MIN_DAY + 1] - t->cum[from - CAL_MIN_DAY + 1];
}

/*
 * The n-th working day after day (n > 0), before it (n < 0, 150/1930 §4) or day itself
 * (n = 0).  False when the answer falls outside the calendar's range.
 */
extern bool cal_add_working_days(const CalTable *t, int32_t day, int32_t n, int32_t *result);

/* First day >= day on which a §5-rolled deadline may end; false outside the range. */
extern bool cal_roll_forward(const CalTable *t, int32_t day, int32_t *result);

/*
 * Month arithmetic by table for 1900..2200: the month of every day (0 = 1900-01) and the
 * first day of every month (first[CAL_NMONTHS] = 2201-01-01).  Built once, on first use
 * (cal_months()); the same for every setting, so it is a plain static table.
 */
#define CAL_NMONTHS		((CAL_MAX_YEAR - CAL_MIN_YEAR + 1) * 12)

typedef struct CalMonths
{
	int16_t		month[CAL_NDAYS];
	int32_t		first[CAL_NMONTHS + 1];
} CalMonths;

extern CalMonths cal_months_table;
extern bool cal_months_ready;
extern void cal_months_build(void);

static inline const CalMonths *
cal_months(void)
{
	if (!cal_months_ready)
		cal_months_build();
	return &cal_months_table;
}

/*
 * day + n months (150/1930 §3) in O(1) by the table; false when day or the result's month
 * lies outside 1900..2200 (then use cal_add_months_ymd).
 */
static inline bool
cal_add_months_tab(const CalMonths *t, int32_t day, int32_t n, int32_t *result)
{
	int32_t		k,
				d,
				len;
	int64_t		k2;

	if (!cal_in_range(day))
		return false;
	k = t->month[day - CAL_MIN_DAY];
	k2 = (int64_t) k + n;
	if (k2 < 0 || k2 >= CAL_NMONTHS)
		return false;
	d = day - t->first[k];		/* 0-based day of the month */
	len = t->first[k2 + 1] - t->first[k2];
	*result = t->first[k2] + (d < len ? d : len - 1);
	return true;
}

/* day + n months (150/1930 §3) from year, month and day; any day. */
extern int32_t cal_add_months_ymd(int32_t day, int32_t n);

/* day + n months (150/1930 §3): by the table in 1900..2200, else from year, month and day. */
extern int32_t cal_add_months(int32_t day, int32_t n);

/*
 * Parses a list of ISO dates (YYYY-MM-DD) separated by commas and/or white space into
 * out[] (room for max), sorted and without duplicates; *n gets the count.  Returns NULL on
 * success, else a message (in errbuf) naming the offending item.
 */
extern const char *cal_parse_day_list(const char *s, int32_t *out, int max, int *n,
									  char *errbuf, int errlen);

#endif
