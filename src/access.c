/*
 * access.c: the access_rate aggregates: share of cases finished within their deadline,
 * overall or as the state on an as_of date, for dates and timestamptz.  The state is the
 * shared pekefb.tally (a = on time, n = counted); tally_combine and tally_share finish it.
 * The inverse transition functions make them cheap moving (window) aggregates.  The
 * *_cal variants take the region's calendar as arguments (calendar, closing_days,
 * roll_forward) instead of reading the session's settings.
 *
 * Per row: no palloc, no parsing (the deadline is a pass-by-value int4), and the due date
 * is O(1): started + N, or two lookups in the month table or in the working-day table.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "tally.h"

/*
 * Due date of one case: the common cases inline, the rest (errors, roll) in calendar.c.
 * cal is an explicit calendar's table, or NULL for the session settings' one.
 */
static inline DateADT
row_due(DateADT started, int32 dl, bool roll, const CalTable *cal)
{
	if (likely(!roll && !DATE_NOT_FINITE(started)))
	{
		int32		n = dl_length(dl);

		switch (dl_unit(dl))
		{
			case DL_DAYS:
				return started + n;
			case DL_WORKING_DAYS:
				if (cal_in_range(started))
				{
					const CalTable *t = cal ? cal : pekefb_cal_table();
					int64		k = (int64) t->cum[started - CAL_MIN_DAY + 1] + n;

					if (k <= t->nwork)
						return t->work[k - 1] + CAL_MIN_DAY;
				}
				break;
			case DL_MONTHS:
				{
					int32		due;

					if (cal_add_months_tab(cal_months(), started, n, &due))
						return due;
				}
				break;
		}
	}
	return pekefb_compute_due_cal(started, dl, roll, cal);
}

/* Session-time-zone date of a timestamptz argument. */
static inline DateADT
arg_date(FunctionCallInfo fcinfo, int argno, bool tz)
{
	if (tz)
		return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, PG_GETARG_DATUM(argno)));
	return PG_GETARG_DATEADT(argno);
}

/*
 * One row of access_rate: sign +1 adds it to the state, -1 removes it (inverse transition).
 * Arguments: state, started, finished, deadline [, as_of] [, calendar, closing_days,
 * roll_forward].  Rows with NULL started, deadline or as_of are ignored; so are unfinished
 * rows without as_of; NULL calendar arguments are an error (22004).  Not STRICT (a NULL
 * finished is an open case), so a NULL state is possible and is the empty state (0,0,0)
 * (tally_writable).  Counters never wrap, and removing a row that is not in the state is an
 * error (tally_apply).  Always inlined, so that each entry point below is compiled for its
 * own tz, has_as_of, explicit and sign.
 */
static pg_attribute_always_inline Datum
access_step(FunctionCallInfo fcinfo, bool tz, bool has_as_of, bool explicit_cal, int sign)
{
	Tally	   *s = tally_writable(fcinfo, 0);
	DateADT		started,
				finished = 0,
				as_of = 0,
				due;
	bool		have_finished = !PG_ARGISNULL(2);
	int32		dl;
	int			on_time;
	const CalTable *cal = NULL;
	bool		roll = pekefb_roll_forward;

	if (explicit_cal)
	{
		int			c = has_as_of ? 5 : 4;

		if (PG_ARGISNULL(c) || PG_ARGISNULL(c + 1) || PG_ARGISNULL(c + 2))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("calendar, closing_days and roll_forward of access_rate must not be NULL"),
					 errdetail("Pass the region's settings, e.g. 'strict', '{}' and false.")));
		cal = pekefb_cal_table_args(fcinfo, c, c + 1);
		roll = PG_GETARG_BOOL(c + 2);
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(3) || (has_as_of && PG_ARGISNULL(4)))
		PG_RETURN_TALLY_P(s);
	if (!has_as_of && !have_finished)
		PG_RETURN_TALLY_P(s);
	started = arg_date(fcinfo, 1, tz);
	dl = PG_GETARG_INT32(3);
	if (have_finished)
	{
		finished = arg_date(fcinfo, 2, tz);
		if (unlikely(finished < started))
			pekefb_finished_before_started(started, finished);
	}
	if (has_as_of)
	{
		as_of = arg_date(fcinfo, 4, tz);
		if (started > as_of)
			PG_RETURN_TALLY_P(s);	/* not yet pending on as_of */
		if (have_finished && finished > as_of)
			have_finished = false;	/* still open on as_of */
	}
	due = row_due(started, dl, roll, cal);
	if (have_finished)
		on_time = finished <= due;
	else if (as_of > due)
		on_time = 0;			/* open past its due date: late */
	else
		PG_RETURN_TALLY_P(s);	/* open within its deadline: left out */
	tally_apply(s, sign * on_time, 0, sign);
	PG_RETURN_TALLY_P(s);
}

PG_FUNCTION_INFO_V1(access_rate_trans);
Datum
access_rate_trans(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, false, false, false, 1);
}

PG_FUNCTION_INFO_V1(access_rate_inv);
Datum
access_rate_inv(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, false, false, false, -1);
}

PG_FUNCTION_INFO_V1(access_rate_asof_trans);
Datum
access_rate_asof_trans(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, false, true, false, 1);
}

PG_FUNCTION_INFO_V1(access_rate_asof_inv);
Datum
access_rate_asof_inv(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, false, true, false, -1);
}

PG_FUNCTION_INFO_V1(access_rate_tz_trans);
Datum
access_rate_tz_trans(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, true, false, false, 1);
}

PG_FUNCTION_INFO_V1(access_rate_tz_inv);
Datum
access_rate_tz_inv(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, true, false, false, -1);
}

PG_FUNCTION_INFO_V1(access_rate_tz_asof_trans);
Datum
access_rate_tz_asof_trans(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, true, true, false, 1);
}

PG_FUNCTION_INFO_V1(access_rate_tz_asof_inv);
Datum
access_rate_tz_asof_inv(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, true, true, false, -1);
}

/* access_rate(started, finished, deadline, calendar, closing_days, roll_forward). */
PG_FUNCTION_INFO_V1(access_rate_cal_trans);
Datum
access_rate_cal_trans(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, false, false, true, 1);
}

PG_FUNCTION_INFO_V1(access_rate_cal_inv);
Datum
access_rate_cal_inv(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, false, false, true, -1);
}

/* access_rate(started, finished, deadline, as_of, calendar, closing_days, roll_forward). */
PG_FUNCTION_INFO_V1(access_rate_asof_cal_trans);
Datum
access_rate_asof_cal_trans(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, false, true, true, 1);
}

PG_FUNCTION_INFO_V1(access_rate_asof_cal_inv);
Datum
access_rate_asof_cal_inv(PG_FUNCTION_ARGS)
{
	return access_step(fcinfo, false, true, true, -1);
}
