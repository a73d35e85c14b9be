/*
 * calendar.c: SQL functions of the Finnish working-day calendar (is_working_day, holidays,
 * working_days, add_working_days) and its settings pekefb.calendar,
 * pekefb.extra_closing_days and pekefb.roll_forward.  The arithmetic is in calendar_core.c;
 * this file keeps one per-day table for the backend, built on first use and rebuilt when
 * a calendar setting changes.
 */
#include "postgres.h"

#include <stdlib.h>

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/guc.h"

#include "calendar.h"
#include "compat.h"
#include "pekefb.h"

#define MAX_EXTRA_DAYS 10000

/* The parsed form of pekefb.extra_closing_days (GUC "extra" data, pekefb_guc_malloc'd). */
typedef struct ExtraDays
{
	int			n;
	int32		days[FLEXIBLE_ARRAY_MEMBER];
} ExtraDays;

static int	calendar_mode = CAL_STRICT;
static char *extra_days_text = NULL;
static const ExtraDays *extra_days = NULL;
bool		pekefb_roll_forward = false;

static const struct config_enum_entry calendar_options[] = {
	{"strict", CAL_STRICT, false},
	{"literal", CAL_LITERAL, false},
	{NULL, 0, false}
};

static CalTable cal_table;
static bool cal_table_valid = false;

/* Assign hook of pekefb.calendar: the table must be rebuilt. */
static void
calendar_assign(int newval, void *extra)
{
	cal_table_valid = false;
}

/* Check hook of pekefb.extra_closing_days: parse and validate the list of dates. */
static bool
extra_days_check(char **newval, void **extra, GucSource source)
{
	int32	   *buf;
	int			n = 0;
	char		err[200];
	const char *msg;
	ExtraDays  *ed;

	buf = malloc(sizeof(int32) * MAX_EXTRA_DAYS);
	if (buf == NULL)
		return false;
	msg = cal_parse_day_list(*newval ? *newval : "", buf, MAX_EXTRA_DAYS, &n, err, sizeof(err));
	if (msg != NULL)
	{
		free(buf);
		GUC_check_errmsg("invalid value for parameter \"pekefb.extra_closing_days\": \"%s\"", *newval);
		GUC_check_errdetail("%s Expected ISO dates (YYYY-MM-DD) separated by commas or spaces, e.g. '2025-12-31, 2026-01-02'.", msg);
		return false;
	}
	ed = pekefb_guc_malloc(offsetof(ExtraDays, days) + sizeof(int32) * (n > 0 ? n : 1));
	if (ed == NULL)
	{
		free(buf);
		return false;
	}
	ed->n = n;
	memcpy(ed->days, buf, sizeof(int32) * n);
	free(buf);
	*extra = ed;
	return true;
}

/* Assign hook of pekefb.extra_closing_days. */
static void
extra_days_assign(const char *newval, void *extra)
{
	extra_days = (const ExtraDays *) extra;
	cal_table_valid = false;
}

void
pekefb_calendar_init(void)
{
	DefineCustomEnumVariable("pekefb.calendar",
							 "Which Finnish eves are working days: strict or literal.",
							 "strict (default): Midsummer Eve and Christmas Eve are non-working "
							 "like the 13 holidays; literal: the two eves are working days.",
							 &calendar_mode,
							 CAL_STRICT, calendar_options,
							 PGC_USERSET, 0,
							 NULL, calendar_assign, NULL);
	DefineCustomStringVariable("pekefb.extra_closing_days",
							   "Local extra non-working days (ISO dates separated by commas or spaces).",
							   "For example '2025-12-31, 2026-01-02'; they count as non-working "
							   "days in all working-day arithmetic.",
							   &extra_days_text,
							   "",
							   PGC_USERSET, 0,
							   extra_days_check, extra_days_assign, NULL);
	DefineCustomBoolVariable("pekefb.roll_forward",
							 "Move due dates that fall on a non-working day to the next working day (150/1930 section 5).",
							 NULL,
							 &pekefb_roll_forward,
							 false,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);
}

const CalTable *
pekefb_cal_table(void)
{
	if (unlikely(!cal_table_valid))
	{
		cal_table_build(&cal_table, (CalMode) calendar_mode,
						extra_days ? extra_days->days : NULL, extra_days ? extra_days->n : 0);
		cal_table_valid = true;
	}
	return &cal_table;
}

/* ISO text whatever DateStyle says, so that messages read the same in every session. */
char *
pekefb_date_text(DateADT d)
{
	int			y,
				m,
				dd;

	if (DATE_IS_NOBEGIN(d))
		return pstrdup("-infinity");
	if (DATE_IS_NOEND(d))
		return pstrdup("infinity");
	cal_ymd(d, &y, &m, &dd);
	if (y <= 0)
		return psprintf("%04d-%02d-%02d BC", 1 - y, m, dd);
	return psprintf("%04d-%02d-%02d", y, m, dd);
}

void
pekefb_cal_check(DateADT d, const char *what)
{
	if (DATE_NOT_FINITE(d) || !cal_in_range(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s \"%s\" is outside the range of the Finnish calendar", what, pekefb_date_text(d)),
				 errdetail("Working days are known from %d-01-01 to %d-12-31.", CAL_MIN_YEAR, CAL_MAX_YEAR)));
}

void
pekefb_check_finite(DateADT d, const char *what)
{
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s date \"%s\" is not finite", what, pekefb_date_text(d)),
				 errdetail("Deadlines are computed for finite dates only.")));
}

void
pekefb_finished_before_started(DateADT started, DateADT finished)
{
	char	   *s = pekefb_date_text(started);
	char	   *f = pekefb_date_text(finished);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("case finished on \"%s\" before it started on \"%s\"", f, s),
			 errdetail("The finished date must not be earlier than the started date.")));
	pg_unreachable();
}

/* The due date for a deadline; see calendar.h. */
DateADT
pekefb_compute_due(DateADT started, int32 dl, bool roll)
{
	int32		n = dl_length(dl);
	int32		due;

	switch (dl_unit(dl))
	{
		case DL_DAYS:
			pekefb_check_finite(started, "started");
			due = started + n;
			break;
		case DL_MONTHS:
			pekefb_check_finite(started, "started");
			due = cal_add_months(started, n);
			break;
		default:
			pekefb_cal_check(started, "started date");
			if (!cal_add_working_days(pekefb_cal_table(), started, n, &due))
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
						 errmsg("due date of \"%s\" plus %d working days is outside the range of the Finnish calendar",
								pekefb_date_text(started), n),
						 errdetail("Working days are known from %d-01-01 to %d-12-31.", CAL_MIN_YEAR, CAL_MAX_YEAR)));
			break;
	}
	if (!IS_VALID_DATE(due))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("due date of \"%s\" plus %d %s is out of range for type date",
						pekefb_date_text(started), n, dl_unit_name(dl_unit(dl))),
				 errdetail("Dates end at 5874897-12-31.")));
	if (roll)
	{
		int32		rolled;

		pekefb_cal_check(due, "due date");
		if (!cal_roll_forward(pekefb_cal_table(), due, &rolled))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("due date \"%s\" rolls forward past the range of the Finnish calendar",
							pekefb_date_text(due)),
					 errdetail("Working days are known from %d-01-01 to %d-12-31.", CAL_MIN_YEAR, CAL_MAX_YEAR)));
		due = rolled;
	}
	return due;
}

/* is_working_day(date): Monday-Friday and not a holiday under the current settings. */
PG_FUNCTION_INFO_V1(pekefb_is_working_day);
Datum
pekefb_is_working_day(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);

	pekefb_cal_check(d, "date");
	PG_RETURN_BOOL(cal_is_working(pekefb_cal_table(), d));
}

/* working_days(from, to): working days d with from < d <= to; negative if to < from. */
PG_FUNCTION_INFO_V1(pekefb_working_days);
Datum
pekefb_working_days(PG_FUNCTION_ARGS)
{
	DateADT		from = PG_GETARG_DATEADT(0);
	DateADT		to = PG_GETARG_DATEADT(1);

	pekefb_cal_check(from, "date");
	pekefb_cal_check(to, "date");
	PG_RETURN_INT32(cal_working_days(pekefb_cal_table(), from, to));
}

/* add_working_days(date, n): the n-th working day after (n > 0) or before (n < 0) date. */
PG_FUNCTION_INFO_V1(pekefb_add_working_days);
Datum
pekefb_add_working_days(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);
	int32		n = PG_GETARG_INT32(1);
	int32		result;

	pekefb_cal_check(d, "date");
	if (!cal_add_working_days(pekefb_cal_table(), d, n, &result))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("\"%s\" plus %d working days is outside the range of the Finnish calendar",
						pekefb_date_text(d), n),
				 errdetail("Working days are known from %d-01-01 to %d-12-31.", CAL_MIN_YEAR, CAL_MAX_YEAR)));
	PG_RETURN_DATEADT(result);
}

/*
 * holidays(year): the named non-working days of a year under the current settings
 * (15 strict, 13 literal) plus the extra closing days of that year, by day.
 */
PG_FUNCTION_INFO_V1(pekefb_holidays);
Datum
pekefb_holidays(PG_FUNCTION_ARGS)
{
	int32		year = PG_GETARG_INT32(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	CalNamedDay hol[CAL_NHOLIDAYS];
	int			nh,
				i = 0,
				j = 0;
	int32		first,
				last;

	if (year < CAL_MIN_YEAR || year > CAL_MAX_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("year %d is outside the range of the Finnish calendar", year),
				 errdetail("Working days are known from %d-01-01 to %d-12-31.", CAL_MIN_YEAR, CAL_MAX_YEAR)));
	InitMaterializedSRF(fcinfo, 0);
	nh = cal_year_holidays(year, (CalMode) calendar_mode, hol);
	first = cal_day(year, 1, 1);
	last = cal_day(year, 12, 31);
	if (extra_days)
		while (j < extra_days->n && extra_days->days[j] < first)
			j++;
	for (;;)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};
		int32		day;
		int			which;
		bool		have_extra = extra_days && j < extra_days->n && extra_days->days[j] <= last;

		if (i < nh && (!have_extra || hol[i].day <= extra_days->days[j]))
		{
			day = hol[i].day;
			which = hol[i].holiday;
			i++;
		}
		else if (have_extra)
		{
			day = extra_days->days[j];
			which = -1;
			j++;
		}
		else
			break;
		values[0] = DateADTGetDatum(day);
		values[1] = CStringGetTextDatum(cal_holiday_name_fi(which));
		values[2] = CStringGetTextDatum(cal_holiday_name_sv(which));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
