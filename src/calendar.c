/*
 * calendar.c: SQL functions of the Finnish working-day calendar (is_working_day, holidays,
 * working_days, add_working_days) and its settings pekefb.calendar,
 * pekefb.extra_closing_days and pekefb.roll_forward.  The arithmetic is in calendar_core.c;
 * this file keeps one per-day table for the backend, built on first use and rebuilt when
 * a calendar setting changes.
 *
 * A region's calendar reaches the computation as data instead (the *_cal functions at the
 * end: calendar text, closing_days date[], roll_forward boolean), because session settings
 * do not reach Citus workers and a view must not depend on the reader's session.  Those
 * tables are cached per backend keyed by the passed values (a few at a time, least
 * recently used replaced), and per call site keyed by the argument bytes, so an aggregate
 * over a join with the settings row costs one memcmp per row.
 */
#include "postgres.h"

#include <stdlib.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
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
	return pekefb_compute_due_cal(started, dl, roll, NULL);
}

/* The due date under an explicit calendar table (NULL: the session settings' table). */
DateADT
pekefb_compute_due_cal(DateADT started, int32 dl, bool roll, const CalTable *cal)
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
			if (!cal_add_working_days(cal ? cal : pekefb_cal_table(), started, n, &due))
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
		if (!cal_roll_forward(cal ? cal : pekefb_cal_table(), due, &rolled))
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


/* ---------------------------------------------------------------- explicit calendars */

#define EXPLICIT_SLOTS 4

/* One cached table of an explicit calendar: its mode and sorted distinct closing days. */
typedef struct ExplicitCal
{
	bool		used;
	CalMode		mode;
	int			n;
	int32	   *days;			/* TopMemoryContext */
	CalTable   *table;			/* TopMemoryContext, rebuilt in place */
	uint64		generation;		/* bumped whenever the slot is rebuilt */
	uint64		last_used;
} ExplicitCal;

static ExplicitCal explicit_cal[EXPLICIT_SLOTS];
static uint64 explicit_clock = 0;

/* Per call site (fn_extra): the argument bytes last seen and the slot they resolved to. */
typedef struct CalArgCache
{
	int			slot;
	uint64		generation;
	int			callen;
	int			dayslen;
	char	   *cal;
	char	   *days;
} CalArgCache;

/* The calendar argument: 'strict' or 'literal'; anything else is 22023. */
static CalMode
calendar_arg(text *t)
{
	const char *p = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);

	if (len == 6 && memcmp(p, "strict", 6) == 0)
		return CAL_STRICT;
	if (len == 7 && memcmp(p, "literal", 7) == 0)
		return CAL_LITERAL;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid calendar: \"%s\"", text_to_cstring(t)),
			 errdetail("Expected 'strict' (Midsummer Eve and Christmas Eve are non-working days) or 'literal' (they are working days).")));
	pg_unreachable();
}

/* qsort comparator of day numbers. */
static int
day_cmp(const void *a, const void *b)
{
	int32		x = *(const int32 *) a,
				y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/* The closing_days argument as sorted distinct day numbers (palloc'd); NULL elements are 22004. */
static int32 *
closing_days_arg(ArrayType *a, int *n_out)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				k = 0;
	int32	   *days;

	if (ARR_ELEMTYPE(a) != DATEOID)
		elog(ERROR, "closing_days must be a date array");
	deconstruct_array(a, DATEOID, sizeof(DateADT), true, TYPALIGN_INT, &elems, &nulls, &n);
	days = palloc(sizeof(int32) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("closing_days must not contain NULL"),
					 errdetail("Each element of closing_days is a date on which the region's offices are closed.")));
		days[i] = DatumGetDateADT(elems[i]);
	}
	qsort(days, n, sizeof(int32), day_cmp);
	for (int i = 0; i < n; i++)
		if (k == 0 || days[k - 1] != days[i])
			days[k++] = days[i];
	*n_out = k;
	return days;
}

/* The slot holding the table of (mode, days): found, or the least recently used rebuilt. */
static int
explicit_slot(CalMode mode, const int32 *days, int n)
{
	int			victim = 0;
	ExplicitCal *e;

	for (int i = 0; i < EXPLICIT_SLOTS; i++)
	{
		e = &explicit_cal[i];
		if (e->used && e->mode == mode && e->n == n &&
			(n == 0 || memcmp(e->days, days, sizeof(int32) * n) == 0))
		{
			e->last_used = ++explicit_clock;
			return i;
		}
		if (!e->used || (explicit_cal[victim].used && e->last_used < explicit_cal[victim].last_used))
			victim = i;
	}
	e = &explicit_cal[victim];
	if (e->table == NULL)
		e->table = MemoryContextAlloc(TopMemoryContext, sizeof(CalTable));
	if (e->days != NULL)
		pfree(e->days);
	e->days = NULL;
	e->used = false;
	e->days = MemoryContextAlloc(TopMemoryContext, sizeof(int32) * Max(n, 1));
	memcpy(e->days, days, sizeof(int32) * n);
	cal_table_build(e->table, mode, e->days, n);
	e->mode = mode;
	e->n = n;
	e->generation++;
	e->last_used = ++explicit_clock;
	e->used = true;
	return victim;
}

/* True when a varlena argument is inline and has exactly these content bytes. */
static inline bool
raw_equal(Datum d, const char *bytes, int len)
{
	struct varlena *p = (struct varlena *) DatumGetPointer(d);

	if (len < 0 || VARATT_IS_EXTERNAL(p) || VARATT_IS_COMPRESSED(p))
		return false;
	return VARSIZE_ANY_EXHDR(p) == (Size) len && memcmp(VARDATA_ANY(p), bytes, len) == 0;
}

/* Remembers a varlena argument's content bytes in the call site's memory (-1: not inline). */
static char *
raw_copy(FunctionCallInfo fcinfo, Datum d, int *len)
{
	struct varlena *p = (struct varlena *) DatumGetPointer(d);
	char	   *copy;

	if (VARATT_IS_EXTERNAL(p) || VARATT_IS_COMPRESSED(p))
	{
		*len = -1;
		return NULL;
	}
	*len = (int) VARSIZE_ANY_EXHDR(p);
	copy = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, Max(*len, 1));
	memcpy(copy, VARDATA_ANY(p), *len);
	return copy;
}

/* See calendar.h. */
const CalTable *
pekefb_cal_table_args(FunctionCallInfo fcinfo, int calarg, int daysarg)
{
	CalArgCache *c = (CalArgCache *) fcinfo->flinfo->fn_extra;
	Datum		cald = PG_GETARG_DATUM(calarg);
	Datum		daysd = PG_GETARG_DATUM(daysarg);
	CalMode		mode;
	int32	   *days;
	int			n,
				slot;

	if (likely(c != NULL) &&
		c->generation == explicit_cal[c->slot].generation &&
		raw_equal(cald, c->cal, c->callen) && raw_equal(daysd, c->days, c->dayslen))
		return explicit_cal[c->slot].table;

	mode = calendar_arg(DatumGetTextPP(cald));
	days = closing_days_arg(DatumGetArrayTypeP(daysd), &n);
	slot = explicit_slot(mode, days, n);
	pfree(days);

	if (c == NULL)
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CalArgCache));
	else
	{
		if (c->cal)
			pfree(c->cal);
		if (c->days)
			pfree(c->days);
	}
	c->cal = raw_copy(fcinfo, cald, &c->callen);
	c->days = raw_copy(fcinfo, daysd, &c->dayslen);
	c->slot = slot;
	c->generation = explicit_cal[slot].generation;
	fcinfo->flinfo->fn_extra = c;
	return explicit_cal[slot].table;
}

/* See calendar.h. */
const CalTable *
pekefb_cal_table_of(text *calendar, ArrayType *closing_days)
{
	CalMode		mode = calendar_arg(calendar);
	int			n;
	int32	   *days = closing_days_arg(closing_days, &n);
	int			slot = explicit_slot(mode, days, n);

	pfree(days);
	return explicit_cal[slot].table;
}

/* is_working_day(date, calendar, closing_days): under an explicit calendar. */
PG_FUNCTION_INFO_V1(pekefb_is_working_day_cal);
Datum
pekefb_is_working_day_cal(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);
	const CalTable *t = pekefb_cal_table_args(fcinfo, 1, 2);

	pekefb_cal_check(d, "date");
	PG_RETURN_BOOL(cal_is_working(t, d));
}

/* working_days(from, to, calendar, closing_days): under an explicit calendar. */
PG_FUNCTION_INFO_V1(pekefb_working_days_cal);
Datum
pekefb_working_days_cal(PG_FUNCTION_ARGS)
{
	DateADT		from = PG_GETARG_DATEADT(0);
	DateADT		to = PG_GETARG_DATEADT(1);
	const CalTable *t = pekefb_cal_table_args(fcinfo, 2, 3);

	pekefb_cal_check(from, "date");
	pekefb_cal_check(to, "date");
	PG_RETURN_INT32(cal_working_days(t, from, to));
}

/* due_date(started, deadline, calendar, closing_days, roll_forward): explicit calendar. */
PG_FUNCTION_INFO_V1(pekefb_due_date_cal);
Datum
pekefb_due_date_cal(PG_FUNCTION_ARGS)
{
	const CalTable *t = pekefb_cal_table_args(fcinfo, 2, 3);

	PG_RETURN_DATEADT(pekefb_compute_due_cal(PG_GETARG_DATEADT(0), PG_GETARG_INT32(1),
											 PG_GETARG_BOOL(4), t));
}

/* within_deadline(started, finished, deadline, calendar, closing_days, roll_forward). */
PG_FUNCTION_INFO_V1(pekefb_within_deadline_cal);
Datum
pekefb_within_deadline_cal(PG_FUNCTION_ARGS)
{
	DateADT		started = PG_GETARG_DATEADT(0);
	DateADT		finished = PG_GETARG_DATEADT(1);
	const CalTable *t = pekefb_cal_table_args(fcinfo, 3, 4);

	pekefb_check_finite(started, "started");
	pekefb_check_finite(finished, "finished");
	if (finished < started)
		pekefb_finished_before_started(started, finished);
	PG_RETURN_BOOL(finished <= pekefb_compute_due_cal(started, PG_GETARG_INT32(2), PG_GETARG_BOOL(5), t));
}
