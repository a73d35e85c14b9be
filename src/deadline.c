/*
 * deadline.c: the pekefb.deadline type (I/O, send/recv, comparison and hash support,
 * accessors) and the
 * due-date functions due_date() and within_deadline() for dates and timestamptz.
 * Parsing and formatting live in deadline_core.c; the due-date rule in calendar.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "access/hash.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "pekefb.h"

#define PG_GETARG_DEADLINE(n)	PG_GETARG_INT32(n)
#define PG_RETURN_DEADLINE(x)	PG_RETURN_INT32(x)

/* deadline_in: "N days", "N working days", "N months" and their synonyms. */
PG_FUNCTION_INFO_V1(deadline_in);
Datum
deadline_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int32		dl = 0;
	char		detail[400];

	switch (dl_parse(str, &dl, detail, sizeof(detail)))
	{
		case DL_PARSE_OK:
			break;
		case DL_PARSE_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type deadline: \"%s\"", str),
					 errdetail("%s", detail)));
			break;
		case DL_PARSE_RANGE:
			pekefb_report_out_of_range("deadline", str, detail);
			break;
	}
	PG_RETURN_DEADLINE(dl);
}

/* deadline_out: canonical "14 days", "1 working day", "3 months". */
PG_FUNCTION_INFO_V1(deadline_out);
Datum
deadline_out(PG_FUNCTION_ARGS)
{
	char		buf[32];

	dl_format(PG_GETARG_DEADLINE(0), buf, sizeof(buf));
	PG_RETURN_CSTRING(pstrdup(buf));
}

/* deadline_recv: the 32-bit encoding, validated (22P03 when short or invalid). */
PG_FUNCTION_INFO_V1(deadline_recv);
Datum
deadline_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		dl;

	if (buf->len - buf->cursor < 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external deadline value"),
				 errdetail("The binary form of a deadline is 4 bytes; got %d.", buf->len - buf->cursor)));
	dl = pq_getmsgint(buf, 4);
	if (!dl_valid(dl))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external deadline value"),
				 errdetail("Expected a unit code 0-2 and a length within the unit's limits.")));
	PG_RETURN_DEADLINE(dl);
}

/* deadline_send: binary output, the 32-bit encoding (length << 2 | unit). */
PG_FUNCTION_INFO_V1(deadline_send);
Datum
deadline_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, PG_GETARG_DEADLINE(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Order of the two deadline arguments (dl_cmp: by unit, then length). */
static inline int
deadline_cmp_args(FunctionCallInfo fcinfo)
{
	return dl_cmp(PG_GETARG_DEADLINE(0), PG_GETARG_DEADLINE(1));
}

/* Comparison support: =, <>, <, <=, >, >= and the btree comparator. */
PG_FUNCTION_INFO_V1(deadline_eq);
Datum
deadline_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_DEADLINE(0) == PG_GETARG_DEADLINE(1));
}

PG_FUNCTION_INFO_V1(deadline_ne);
Datum
deadline_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_DEADLINE(0) != PG_GETARG_DEADLINE(1));
}

PG_FUNCTION_INFO_V1(deadline_lt);
Datum
deadline_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(deadline_cmp_args(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(deadline_le);
Datum
deadline_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(deadline_cmp_args(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(deadline_gt);
Datum
deadline_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(deadline_cmp_args(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(deadline_ge);
Datum
deadline_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(deadline_cmp_args(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(deadline_cmp_fn);
Datum
deadline_cmp_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(deadline_cmp_args(fcinfo));
}

/* deadline_hash: for GROUP BY / DISTINCT over deadlines (equal values, equal encodings). */
PG_FUNCTION_INFO_V1(deadline_hash);
Datum
deadline_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_DEADLINE(0));
}

/* deadline_hash_extended: the seeded 64-bit hash of the hash opclass. */
PG_FUNCTION_INFO_V1(deadline_hash_extended);
Datum
deadline_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_DEADLINE(0), PG_GETARG_INT64(1));
}

/* deadline_unit: 'days', 'working days' or 'months'. */
PG_FUNCTION_INFO_V1(deadline_unit);
Datum
deadline_unit(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(dl_unit_name(dl_unit(PG_GETARG_DEADLINE(0)))));
}

/* deadline_length: N of the deadline (weeks and years are stored as days and months). */
PG_FUNCTION_INFO_V1(deadline_length);
Datum
deadline_length(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(dl_length(PG_GETARG_DEADLINE(0)));
}

/* The session-time-zone date of a timestamptz. */
static DateADT
tz_date(Datum ts)
{
	return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, ts));
}

/* due_date(started, deadline): last day that meets the deadline (roll per the setting). */
PG_FUNCTION_INFO_V1(pekefb_due_date);
Datum
pekefb_due_date(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(pekefb_compute_due(PG_GETARG_DATEADT(0), PG_GETARG_DEADLINE(1), pekefb_roll_forward));
}

/* due_date(started, deadline, roll_forward): with an explicit 150/1930 §5 choice. */
PG_FUNCTION_INFO_V1(pekefb_due_date_roll);
Datum
pekefb_due_date_roll(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(pekefb_compute_due(PG_GETARG_DATEADT(0), PG_GETARG_DEADLINE(1), PG_GETARG_BOOL(2)));
}

PG_FUNCTION_INFO_V1(pekefb_due_date_tz);
Datum
pekefb_due_date_tz(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(pekefb_compute_due(tz_date(PG_GETARG_DATUM(0)), PG_GETARG_DEADLINE(1), pekefb_roll_forward));
}

PG_FUNCTION_INFO_V1(pekefb_due_date_tz_roll);
Datum
pekefb_due_date_tz_roll(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(pekefb_compute_due(tz_date(PG_GETARG_DATUM(0)), PG_GETARG_DEADLINE(1), PG_GETARG_BOOL(2)));
}

/* within: finished <= due date; finished before started is an error (22023). */
static bool
within(DateADT started, DateADT finished, int32 dl)
{
	pekefb_check_finite(started, "started");
	pekefb_check_finite(finished, "finished");
	if (finished < started)
		pekefb_finished_before_started(started, finished);
	return finished <= pekefb_compute_due(started, dl, pekefb_roll_forward);
}

/* within_deadline(started, finished, deadline): STRICT, so NULL while unfinished. */
PG_FUNCTION_INFO_V1(pekefb_within_deadline);
Datum
pekefb_within_deadline(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(within(PG_GETARG_DATEADT(0), PG_GETARG_DATEADT(1), PG_GETARG_DEADLINE(2)));
}

PG_FUNCTION_INFO_V1(pekefb_within_deadline_tz);
Datum
pekefb_within_deadline_tz(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(within(tz_date(PG_GETARG_DATUM(0)), tz_date(PG_GETARG_DATUM(1)), PG_GETARG_DEADLINE(2)));
}
