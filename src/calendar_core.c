/*
 * calendar_core.c: Finnish holidays (domain.md §2), working days (Defaults 1), the per-day
 * lookup table behind working_days()/add_working_days(), and 150/1930 §3 month arithmetic.
 * Plain C99, no PostgreSQL headers; errors are returned, not thrown.
 */
#include "calendar_core.h"
#include "number_core.h"		/* core_clip */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names_fi[CAL_NHOLIDAYS] = {
	"Uudenvuodenpäivä", "Loppiainen", "Pitkäperjantai", "Pääsiäispäivä", "2. pääsiäispäivä",
	"Vappu", "Helatorstai", "Helluntaipäivä", "Juhannusaatto", "Juhannuspäivä",
	"Pyhäinpäivä", "Itsenäisyyspäivä", "Jouluaatto", "Joulupäivä", "Tapaninpäivä"
};
static const char *const names_sv[CAL_NHOLIDAYS] = {
	"Nyårsdagen", "Trettondagen", "Långfredagen", "Påskdagen", "Andra påskdagen",
	"Första maj", "Kristi himmelfärds dag", "Pingstdagen", "Midsommarafton", "Midsommardagen",
	"Alla helgons dag", "Självständighetsdagen", "Julafton", "Juldagen", "Andra juldagen"
};

/* Finnish name of a CalHoliday; -1 is a local extra closing day. */
const char *
cal_holiday_name_fi(int holiday)
{
	return holiday >= 0 && holiday < CAL_NHOLIDAYS ? names_fi[holiday] : "paikallinen vapaapäivä";
}

/* Swedish name of a CalHoliday; -1 is a local extra closing day. */
const char *
cal_holiday_name_sv(int holiday)
{
	return holiday >= 0 && holiday < CAL_NHOLIDAYS ? names_sv[holiday] : "lokal ledig dag";
}

/* Floor division for possibly negative numerators. */
static inline int64_t
floordiv(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/*
 * Day number (0 = 2000-01-01) of a proleptic Gregorian date: Howard Hinnant's
 * days_from_civil, shifted from the 1970 epoch to PostgreSQL's 2000 epoch.
 */
int32_t
cal_day(int y, int m, int d)
{
	int64_t		yy = (int64_t) y - (m <= 2);
	int64_t		era = floordiv(yy, 400);
	int64_t		yoe = yy - era * 400;
	int64_t		doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t) (era * 146097 + doe - 719468 - 10957);
}

/* Inverse of cal_day (Hinnant's civil_from_days). */
void
cal_ymd(int32_t day, int *y, int *m, int *d)
{
	int64_t		z = (int64_t) day + 10957 + 719468;
	int64_t		era = floordiv(z, 146097);
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int			mm = (int) (mp < 10 ? mp + 3 : mp - 9);

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int) (yoe + era * 400 + (mm <= 2));
}

/* ISO weekday, 1 = Monday .. 7 = Sunday (2000-01-01 was a Saturday). */
int
cal_isodow(int32_t day)
{
	int64_t		r = ((int64_t) day + 5) % 7;

	if (r < 0)
		r += 7;
	return (int) r + 1;
}

int
cal_days_in_month(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return len[m - 1];
}

/* Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
int32_t
cal_easter(int y)
{
	int			a = y % 19,
				b = y / 100,
				c = y % 100,
				d = b / 4,
				e = b % 4,
				f = (b + 8) / 25,
				g = (b - f + 1) / 3,
				h = (19 * a + b - d - g + 15) % 30,
				i = c / 4,
				k = c % 4,
				l = (32 + 2 * e + 2 * i - h - k) % 7,
				m = (a + 11 * h + 22 * l) / 451,
				month = (h + l - 7 * m + 114) / 31,
				day = (h + l - 7 * m + 114) % 31 + 1;

	return cal_day(y, month, day);
}

/* The first day >= from that is an ISO weekday dow. */
static int32_t
weekday_on_or_after(int32_t from, int dow)
{
	return from + (dow - cal_isodow(from) + 7) % 7;
}

int
cal_year_holidays(int y, CalMode mode, CalNamedDay *out)
{
	int32_t		easter = cal_easter(y);
	CalNamedDay all[CAL_NHOLIDAYS];
	int			n = 0;

	all[CAL_NEW_YEAR].day = cal_day(y, 1, 1);
	all[CAL_EPIPHANY].day = cal_day(y, 1, 6);
	all[CAL_GOOD_FRIDAY].day = easter - 2;
	all[CAL_EASTER].day = easter;
	all[CAL_EASTER_MONDAY].day = easter + 1;
	all[CAL_MAY_DAY].day = cal_day(y, 5, 1);
	all[CAL_ASCENSION].day = easter + 39;
	all[CAL_WHITSUN].day = easter + 49;
	all[CAL_MIDSUMMER_EVE].day = weekday_on_or_after(cal_day(y, 6, 19), 5);
	all[CAL_MIDSUMMER].day = weekday_on_or_after(cal_day(y, 6, 20), 6);
	all[CAL_ALL_SAINTS].day = weekday_on_or_after(cal_day(y, 10, 31), 6);
	all[CAL_INDEPENDENCE].day = cal_day(y, 12, 6);
	all[CAL_CHRISTMAS_EVE].day = cal_day(y, 12, 24);
	all[CAL_CHRISTMAS].day = cal_day(y, 12, 25);
	all[CAL_BOXING_DAY].day = cal_day(y, 12, 26);

	for (int h = 0; h < CAL_NHOLIDAYS; h++)
	{
		int			j = n;

		if (mode == CAL_LITERAL && (h == CAL_MIDSUMMER_EVE || h == CAL_CHRISTMAS_EVE))
			continue;
		all[h].holiday = h;
		/* insertion sort by day, stable (Vappu before Helatorstai when both fall on 1.5.) */
		while (j > 0 && out[j - 1].day > all[h].day)
		{
			out[j] = out[j - 1];
			j--;
		}
		out[j] = all[h];
		n++;
	}
	return n;
}

void
cal_table_build(CalTable *t, CalMode mode, const int32_t *extra, int nextra)
{
	CalNamedDay hol[CAL_NHOLIDAYS];
	int32_t		k = 0;

	/* weekdays first */
	for (int32_t i = 0; i < CAL_NDAYS; i++)
		t->flags[i] = cal_isodow(CAL_MIN_DAY + i) <= 5 ? (CAL_F_WORKING | CAL_F_OPEN5) : 0;
	/* then the named days (strict set: §5 also closes both eves) */
	for (int y = CAL_MIN_YEAR; y <= CAL_MAX_YEAR; y++)
	{
		int			nh = cal_year_holidays(y, CAL_STRICT, hol);

		for (int j = 0; j < nh; j++)
		{
			uint8_t    *f = &t->flags[hol[j].day - CAL_MIN_DAY];

			*f &= (uint8_t) ~CAL_F_OPEN5;
			if (mode == CAL_STRICT ||
				(hol[j].holiday != CAL_MIDSUMMER_EVE && hol[j].holiday != CAL_CHRISTMAS_EVE))
				*f &= (uint8_t) ~CAL_F_WORKING;
		}
	}
	for (int j = 0; j < nextra; j++)
		if (cal_in_range(extra[j]))
			t->flags[extra[j] - CAL_MIN_DAY] = 0;

	t->cum[0] = 0;
	for (int32_t i = 0; i < CAL_NDAYS; i++)
	{
		if (t->flags[i] & CAL_F_WORKING)
			t->work[k++] = i;
		t->cum[i + 1] = k;
	}
	t->nwork = k;

	{
		int32_t		next = -1;

		for (int32_t i = CAL_NDAYS - 1; i >= 0; i--)
		{
			if (t->flags[i] & CAL_F_OPEN5)
				next = i;
			t->next_open[i] = next;
		}
	}
}

/*
 * Working days are numbered 1..nwork in the table.  n > 0: the working day numbered
 * cum[day+1] + n; n < 0: the one numbered cum[day] + n + 1 (the |n|-th before day).
 */
bool
cal_add_working_days(const CalTable *t, int32_t day, int32_t n, int32_t *result)
{
	int64_t		idx = day - CAL_MIN_DAY;
	int64_t		k;

	if (n == 0)
	{
		*result = day;
		return true;
	}
	k = n > 0 ? (int64_t) t->cum[idx + 1] + n : (int64_t) t->cum[idx] + n + 1;
	if (k < 1 || k > t->nwork)
		return false;
	*result = t->work[k - 1] + CAL_MIN_DAY;
	return true;
}

bool
cal_roll_forward(const CalTable *t, int32_t day, int32_t *result)
{
	int32_t		j;

	if (!cal_in_range(day))
		return false;
	j = t->next_open[day - CAL_MIN_DAY];
	if (j < 0)
		return false;
	*result = j + CAL_MIN_DAY;
	return true;
}

/* 150/1930 §3 month arithmetic by the calendar: the same-numbered day, else the month's last. */
int32_t
cal_add_months_ymd(int32_t day, int32_t n)
{
	int			y,
				m,
				d;
	int64_t		mm;
	int			dim;

	cal_ymd(day, &y, &m, &d);
	mm = (int64_t) y * 12 + (m - 1) + n;
	y = (int) floordiv(mm, 12);
	m = (int) (mm - (int64_t) y * 12) + 1;
	dim = cal_days_in_month(y, m);
	return cal_day(y, m, d < dim ? d : dim);
}

CalMonths	cal_months_table;
bool		cal_months_ready = false;

void
cal_months_build(void)
{
	CalMonths  *t = &cal_months_table;

	for (int k = 0; k <= CAL_NMONTHS; k++)
		t->first[k] = cal_day(CAL_MIN_YEAR + k / 12, k % 12 + 1, 1);
	for (int k = 0; k < CAL_NMONTHS; k++)
		for (int32_t day = t->first[k]; day < t->first[k + 1]; day++)
			t->month[day - CAL_MIN_DAY] = (int16_t) k;
	cal_months_ready = true;
}

int32_t
cal_add_months(int32_t day, int32_t n)
{
	int32_t		due;

	if (cal_add_months_tab(cal_months(), day, n, &due))
		return due;
	return cal_add_months_ymd(day, n);
}

static int
cmp_int32(const void *a, const void *b)
{
	int32_t		x = *(const int32_t *) a,
				y = *(const int32_t *) b;

	return (x > y) - (x < y);
}

const char *
cal_parse_day_list(const char *s, int32_t *out, int max, int *n, char *errbuf, int errlen)
{
	int			cnt = 0;
	const char *p = s;

	for (;;)
	{
		const char *start;
		int			len,
					y,
					m,
					d;

		while (*p == ',' || isspace((unsigned char) *p))
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p && *p != ',' && !isspace((unsigned char) *p))
			p++;
		len = (int) (p - start);
		if (len != 10 || start[4] != '-' || start[7] != '-' ||
			!isdigit((unsigned char) start[0]) || !isdigit((unsigned char) start[1]) ||
			!isdigit((unsigned char) start[2]) || !isdigit((unsigned char) start[3]) ||
			!isdigit((unsigned char) start[5]) || !isdigit((unsigned char) start[6]) ||
			!isdigit((unsigned char) start[8]) || !isdigit((unsigned char) start[9]))
		{
			snprintf(errbuf, errlen, "\"%.*s\" is not a date in the form YYYY-MM-DD.",
					 core_clip(start, len > 40 ? 40 : len), start);
			return errbuf;
		}
		y = (start[0] - '0') * 1000 + (start[1] - '0') * 100 + (start[2] - '0') * 10 + (start[3] - '0');
		m = (start[5] - '0') * 10 + (start[6] - '0');
		d = (start[8] - '0') * 10 + (start[9] - '0');
		if (m < 1 || m > 12 || d < 1 || d > cal_days_in_month(y, m))
		{
			snprintf(errbuf, errlen, "\"%.10s\" is not a valid date.", start);
			return errbuf;
		}
		if (y < CAL_MIN_YEAR || y > CAL_MAX_YEAR)
		{
			snprintf(errbuf, errlen, "\"%.10s\" is outside the supported range %d-01-01 to %d-12-31.",
					 start, CAL_MIN_YEAR, CAL_MAX_YEAR);
			return errbuf;
		}
		if (cnt >= max)
		{
			snprintf(errbuf, errlen, "At most %d dates are allowed.", max);
			return errbuf;
		}
		out[cnt++] = cal_day(y, m, d);
	}
	qsort(out, cnt, sizeof(int32_t), cmp_int32);
	{
		int			w = 0;

		for (int i = 0; i < cnt; i++)
			if (w == 0 || out[w - 1] != out[i])
				out[w++] = out[i];
		cnt = w;
	}
	*n = cnt;
	return NULL;
}
