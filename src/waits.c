/*
 * waits.c: the pekefb.waits type (exact distribution of waits in whole days) and its
 * two-step aggregates: wait_agg(integer) and rollup(waits) build states, accessors
 * (wait_count, share_within, wait_percentile, wait_mean, wait_min, wait_max,
 * wait_buckets) read them.  The maths is in waits_core.c; this file is the fmgr layer:
 * memory, detoasting, the executor's in-place update rules, and ereport.
 *
 * Three kinds of argument handling, one per kind of function:
 *   - a working state (argument 0 of a transition, inverse or combine function called by
 *     the executor) is updated in place: new days go to its unsorted buffer, which is
 *     compacted when full (waits_make_room), so a state is built in O(rows · log n);
 *   - called directly, the same functions work on a private copy and return a canonical
 *     value (waits_result): sorted, no buffer, no spare room, so its bytes are a function
 *     of the value;
 *   - readers (output, accessors, equality) read a compact view (waits_read), compacting a
 *     copy if the value still has a buffer (a state from a user's own aggregate without
 *     pekefb's final function, or a partial state from a parallel worker).
 * Every value from outside has its header checked before any array is read, and its pairs
 * too where the function does O(n) work anyway (waits_state_arg, waits_arg).
 *
 * The SQL declarations are in src/waits.sql, in the same order as this file.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"

#include "number_core.h"
#include "pekefb.h"
#include "waits_core.h"

#define PG_RETURN_WAITS_P(x)	PG_RETURN_POINTER(x)

/* ---------------------------------------------------------------- errors */

/*
 * 22003, the library's one helper in core's wording: the value out of range quoted (the
 * input text, a negative wait, or the total a count would reach), the reason as DETAIL.
 */
static void
waits_out_of_range(const char *value, const char *detail)
{
	pekefb_report_out_of_range("waits", value, detail);
}

/* 22003 when the total would pass bigint (it would be a + b): counters never wrap. */
static void
waits_overflow(int64 a, int64 b)
{
	char		sum[32];

	snprintf(sum, sizeof(sum), UINT64_FORMAT, (uint64) a + (uint64) b);
	waits_out_of_range(sum, "The total number of waits must fit in bigint (at most 9223372036854775807).");
}

/*
 * 54000 when a value would hold more than WAITS_MAX_DAYS distinct days; a soft error of
 * waits_in when escontext (its fcinfo->context) asks for one, else ERROR.
 */
static void
waits_too_many_days(Node *escontext)
{
	pekefb_input_error(escontext, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
					   "The text form of a larger value could exceed 1 GB, so it could not be printed, copied or dumped.",
					   "waits value cannot hold more than %d distinct days", WAITS_MAX_DAYS);
}

/* ---------------------------------------------------------------- memory */

/* A new empty value with room for cap pairs, zeroed, in CurrentMemoryContext. */
static Waits *
waits_alloc(int32 cap)
{
	Size		size;
	Waits	   *w;

	if (cap < 0 || cap > WAITS_MAX_CAP)
		waits_too_many_days(NULL);
	size = waits_size(cap);
	w = (Waits *) palloc0(size);
	SET_VARSIZE(w, size);
	waits_init(w, cap);
	return w;
}

/* A private copy of src with room for its pairs plus extra more. */
static Waits *
waits_work(const Waits *src, int32 extra)
{
	int64		cap = (int64) src->n + src->buf + extra;
	Waits	   *w;

	if (cap > WAITS_MAX_CAP)
		waits_too_many_days(NULL);
	w = waits_alloc((int32) cap);
	waits_copy(w, (int32) cap, src);
	return w;
}

/* Sorts the buffer of s (writable) into its sorted part; errors past WAITS_MAX_DAYS. */
static void
waits_compact_pg(Waits *s)
{
	void	   *scratch;
	WaitsStatus st;

	if (s->buf == 0)
		return;
	scratch = palloc(waits_scratch_size(s));
	st = waits_compact(s, scratch);
	pfree(scratch);
	if (st == WAITS_TOOBIG)
		waits_too_many_days(NULL);
}

/*
 * The canonical form of the private working value s: compacted, and copied to exact size
 * if it has spare room.
 */
static Waits *
waits_result(Waits *s)
{
	Waits	   *r;

	waits_compact_pg(s);
	if (s->cap == s->n)
		return s;
	r = waits_alloc(s->n);
	waits_copy(r, s->n, s);
	pfree(s);
	return r;
}

/* Raises the error for a value whose header or pairs are inconsistent. */
static void
waits_invalid(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid waits value"),
			 errdetail_internal("%s", detail)));
}

/*
 * Working-state argument argno, detoasted, its header checked (O(1): this runs once per
 * row).  A plain datum (4-byte header, not compressed) is returned as it is, without a
 * call: inside an aggregate that is the executor's own copy, updated in place.
 */
static inline Waits *
waits_state_arg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(argno));
	Waits	   *w;

	if (likely(!VARATT_IS_EXTENDED(v)))
		w = (Waits *) v;
	else
		w = (Waits *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	if (unlikely(VARSIZE(w) < WAITS_HDRSZ || w->cap < 0 || VARSIZE(w) != waits_size(w->cap) ||
				 w->n < 0 || w->buf < 0 || (int64) w->n + w->buf > w->cap ||
				 w->total < 0 || w->cap > WAITS_MAX_CAP))
	{
		char		detail[WAITS_DETAIL_LEN];

		waits_check_header(w, VARSIZE(w), detail);
		waits_invalid(detail);
	}
	return w;
}

/*
 * Any other argument argno: detoasted, header and pairs checked (O(n), like the work of
 * every function that takes a value), so no function reads a value it could not have
 * built.
 */
static Waits *
waits_arg(FunctionCallInfo fcinfo, int argno)
{
	Waits	   *w = waits_state_arg(fcinfo, argno);
	char		detail[WAITS_DETAIL_LEN];

	if (waits_check_content(w, detail) != WAITS_OK)
		waits_invalid(detail);
	return w;
}

/* Argument argno as a compact value for reading (a compacted copy if it has a buffer). */
static Waits *
waits_read(FunctionCallInfo fcinfo, int argno)
{
	Waits	   *w = waits_arg(fcinfo, argno);

	if (w->buf > 0)
	{
		w = waits_work(w, 0);
		waits_compact_pg(w);
	}
	return w;
}

/*
 * Makes room for another buffered pair in the working value s: compacts it, and if the
 * room left is under half its size, copies it into a value of twice the size.  orig is the
 * state the function was given, which belongs to the executor (never freed here); other
 * intermediate values are.
 */
static Waits *
waits_make_room(Waits *s, const Waits *orig)
{
	Waits	   *t;
	int32		cap;

	waits_compact_pg(s);
	if (waits_has_room(s))
		return s;
	cap = waits_grow_cap(s->n);
	t = waits_alloc(cap);
	waits_copy(t, cap, s);
	if (s != orig)
		pfree(s);
	return t;
}

/* Adds count waits of day to the working value s (making room if needed). */
static inline Waits *
waits_add_pg(Waits *s, const Waits *orig, int32 day, int64 count)
{
	WaitsStatus st = waits_add(s, day, count);

	if (unlikely(st == WAITS_FULL))
	{
		s = waits_make_room(s, orig);
		st = waits_add(s, day, count);
	}
	if (unlikely(st != WAITS_OK))
		waits_overflow(s->total, count);
	return s;
}

/* ---------------------------------------------------------------- I/O */

/*
 * waits_in: "{0:12,1:40,3:7}" (ascending days, counts >= 1, spaces allowed), "{}" empty.
 * Text with more pairs than WAITS_MAX_DAYS is refused before anything is allocated.
 */
PG_FUNCTION_INFO_V1(waits_in);
Datum
waits_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	char		detail[WAITS_DETAIL_LEN];
	int64		room = waits_parse_room(str);
	Waits	   *w;
	WaitsStatus st;

	if (room > WAITS_MAX_DAYS)
	{
		waits_too_many_days(fcinfo->context);
		return (Datum) 0;
	}
	w = waits_alloc((int32) room);
	st = waits_parse(str, w, detail);
	if (st == WAITS_SYNTAX)
		PEKEFB_REPORT_INPUT_ERROR(fcinfo, "waits", str, CORE_SYNTAX, detail);
	if (st == WAITS_INVALID)
		PEKEFB_REPORT_INPUT_ERROR(fcinfo, "waits", str, CORE_INVALID, detail);
	if (st != WAITS_OK)
		PEKEFB_OUT_OF_RANGE(fcinfo, "waits", str, detail);
	PG_RETURN_WAITS_P(waits_result(w));
}

/* waits_out: the canonical text form, which waits_in reads back to the same value. */
PG_FUNCTION_INFO_V1(waits_out);
Datum
waits_out(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);
	char	   *buf = palloc(waits_text_len(w));

	waits_format(w, buf);
	PG_RETURN_CSTRING(buf);
}

/*
 * Binary form: a version byte (1), int32 n, then n times (int32 day, int64 count).  The
 * pairs are checked like the text form's; errors are 22P03.
 */
PG_FUNCTION_INFO_V1(waits_recv);
Datum
waits_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int32		n;
	int64		total;
	Waits	   *w;
	char		detail[WAITS_DETAIL_LEN];

	/* a short message would be 08P01 "insufficient data left in message" */
	if (buf->len - buf->cursor < 5)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external waits value"),
				 errdetail("Expected at least 5 bytes (version and number of days), got %d.",
						   buf->len - buf->cursor)));
	version = pq_getmsgbyte(buf);
	if (version != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external waits value"),
				 errdetail("Unknown format version %d; expected 1.", version)));
	n = (int32) pq_getmsgint(buf, 4);
	/* exact: trailing bytes would be COPY's "incorrect binary data format", without a DETAIL */
	if (n < 0 || (int64) n * 12 != buf->len - buf->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external waits value"),
				 errdetail("The number of days %d does not match the message length.", n)));
	if (n > WAITS_MAX_DAYS)
		waits_too_many_days(NULL);
	w = waits_alloc(n);
	for (int32 i = 0; i < n; i++)
	{
		WAITS_DAYS(w)[i] = (int32) pq_getmsgint(buf, 4);
		WAITS_COUNTS(w)[i] = pq_getmsgint64(buf);
	}
	if (waits_validate(WAITS_DAYS(w), WAITS_COUNTS(w), n, &total, detail) != WAITS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external waits value"),
				 errdetail_internal("%s", detail)));
	w->n = n;
	w->total = total;
	PG_RETURN_WAITS_P(w);
}

/* waits_send: the binary form of the compact value. */
PG_FUNCTION_INFO_V1(waits_send);
Datum
waits_send(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, 1);
	pq_sendint32(&buf, w->n);
	for (int32 i = 0; i < w->n; i++)
	{
		pq_sendint32(&buf, WAITS_DAYS(w)[i]);
		pq_sendint64(&buf, WAITS_COUNTS(w)[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* = : the same days with the same counts. */
PG_FUNCTION_INFO_V1(waits_eq);
Datum
waits_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(waits_equal(waits_read(fcinfo, 0), waits_read(fcinfo, 1)));
}

/* <> : not the same distribution. */
PG_FUNCTION_INFO_V1(waits_ne);
Datum
waits_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!waits_equal(waits_read(fcinfo, 0), waits_read(fcinfo, 1)));
}

/*
 * waits_hash: hash of the pairs, for the hash opclass that lets GROUP BY, DISTINCT and
 * hash joins work on states.
 */
PG_FUNCTION_INFO_V1(waits_hash);
Datum
waits_hash(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);
	uint32		h = hash_bytes((const unsigned char *) WAITS_DAYS(w), w->n * sizeof(int32));

	h = hash_combine(h, hash_bytes((const unsigned char *) WAITS_COUNTS(w), w->n * sizeof(int64)));
	PG_RETURN_UINT32(h);
}

/* ---------------------------------------------------------------- aggregates */

/* Rejects a negative wait, quoting it. */
static inline void
waits_check_day(int32 day)
{
	if (unlikely(day < 0))
	{
		char		value[16];

		snprintf(value, sizeof(value), "%d", day);
		waits_out_of_range(value, "Waits are whole days, 0 or more; check that the finish is not before the start.");
	}
}

/*
 * wait_agg transition (STRICT; the state starts as '{}', NULL waits are skipped by the
 * executor): counts one wait.  Inside an aggregate the day's count is bumped in place (one
 * probe for dense data, a binary search otherwise) or the day is buffered; when the buffer
 * is full the state is compacted, or copied into one of twice the room, which is returned:
 * the executor copies it into its own context and frees the old one (we must not).
 * Called directly it returns a new canonical value.
 */
PG_FUNCTION_INFO_V1(waits_agg_trans);
Datum
waits_agg_trans(PG_FUNCTION_ARGS)
{
	int32		day = PG_GETARG_INT32(1);
	Waits	   *s;

	waits_check_day(day);
	if (pekefb_in_aggregate(fcinfo))
	{
		s = waits_state_arg(fcinfo, 0);
		PG_RETURN_WAITS_P(waits_add_pg(s, s, day, 1));
	}
	s = waits_work(waits_read(fcinfo, 0), 1);
	s = waits_add_pg(s, s, day, 1);
	PG_RETURN_WAITS_P(waits_result(s));
}

/*
 * wait_agg inverse (moving-window) transition: takes one wait out again (compacting the
 * state first if it has a buffer).  Returns NULL, which makes the window code recompute
 * the frame, if the wait is not in the state (it always is when the executor calls us).
 */
PG_FUNCTION_INFO_V1(waits_agg_inv);
Datum
waits_agg_inv(PG_FUNCTION_ARGS)
{
	int32		day = PG_GETARG_INT32(1);
	bool		in_agg = pekefb_in_aggregate(fcinfo);
	Waits	   *s = in_agg ? waits_state_arg(fcinfo, 0) : waits_work(waits_read(fcinfo, 0), 0);
	bool		found;
	int32		idx;

	waits_compact_pg(s);
	idx = waits_find(s, day, &found);
	if (!found)
		PG_RETURN_NULL();
	s->total--;
	if (--WAITS_COUNTS(s)[idx] == 0)
	{
		int32		tail = s->n - idx - 1;

		memmove(&WAITS_COUNTS(s)[idx], &WAITS_COUNTS(s)[idx + 1], tail * sizeof(int64));
		memmove(&WAITS_DAYS(s)[idx], &WAITS_DAYS(s)[idx + 1], tail * sizeof(int32));
		s->n--;
		WAITS_COUNTS(s)[s->n] = 0;
		WAITS_DAYS(s)[s->n] = 0;
	}
	PG_RETURN_WAITS_P(in_agg ? s : waits_result(s));
}

/*
 * The state of a final function, checked and compact: inside an aggregate the state itself
 * is compacted in place (the value it holds does not change, so a window aggregate may go
 * on with it), otherwise a compacted copy.
 */
static Waits *
waits_final_state(FunctionCallInfo fcinfo)
{
	Waits	   *s = waits_arg(fcinfo, 0);

	if (s->buf == 0)
		return s;
	if (pekefb_in_aggregate(fcinfo))
	{
		waits_compact_pg(s);
		return s;
	}
	return waits_read(fcinfo, 0);
}

/* A canonical copy of compact s in new memory. */
static Waits *
waits_exact_copy(const Waits *s)
{
	Waits	   *r = waits_alloc(s->n);

	waits_copy(r, s->n, s);
	return r;
}

/*
 * wait_agg final function: a canonical copy of the state.  An empty state (no waits, or a
 * moving window whose waits all left the frame) gives NULL, like no rows.
 */
PG_FUNCTION_INFO_V1(waits_agg_final);
Datum
waits_agg_final(PG_FUNCTION_ARGS)
{
	Waits	   *s = waits_final_state(fcinfo);

	if (s->total == 0)
		PG_RETURN_NULL();
	PG_RETURN_WAITS_P(waits_exact_copy(s));
}

/*
 * rollup final function: a canonical copy; a rollup of empty distributions is the empty
 * distribution "{}".
 */
PG_FUNCTION_INFO_V1(waits_rollup_final);
Datum
waits_rollup_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_WAITS_P(waits_exact_copy(waits_final_state(fcinfo)));
}

/*
 * waits_merge(a, b): counts summed per day.  The transition function of rollup and the
 * combine function of both aggregates.  Inside an aggregate every pair of b is added to
 * the state a in place like a wait of wait_agg (bumped, or buffered), so a rollup of many
 * states costs O(pairs · log n) whatever their order; called directly it returns a new
 * canonical value.  A total past bigint raises 22003.
 */
PG_FUNCTION_INFO_V1(waits_merge_fn);
Datum
waits_merge_fn(PG_FUNCTION_ARGS)
{
	bool		in_agg = pekefb_in_aggregate(fcinfo);
	Waits	   *b = in_agg ? waits_arg(fcinfo, 1) : waits_read(fcinfo, 1);
	Waits	   *a = in_agg ? waits_state_arg(fcinfo, 0) : waits_read(fcinfo, 0);
	Waits	   *s,
			   *orig;
	int32		len = b->n + b->buf;

	if (a->total > PG_INT64_MAX - b->total)
		waits_overflow(a->total, b->total);
	s = orig = in_agg ? a : waits_work(a, len);
	for (int32 i = 0; i < len; i++)
	{
		if ((i & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
		s = waits_add_pg(s, orig, WAITS_CDAYS(b)[i], WAITS_CCOUNTS(b)[i]);
	}
	PG_RETURN_WAITS_P(in_agg ? s : waits_result(s));
}

/*
 * waits_subtract(a, b): the inverse transition of rollup as a moving aggregate.  NULL
 * (recompute the frame) if b is not contained in a.
 */
PG_FUNCTION_INFO_V1(waits_subtract_fn);
Datum
waits_subtract_fn(PG_FUNCTION_ARGS)
{
	bool		in_agg = pekefb_in_aggregate(fcinfo);
	Waits	   *b = waits_read(fcinfo, 1);
	Waits	   *s = in_agg ? waits_state_arg(fcinfo, 0) : waits_work(waits_read(fcinfo, 0), 0);

	waits_compact_pg(s);
	if (waits_subtract(s, b) != WAITS_OK)
		PG_RETURN_NULL();
	PG_RETURN_WAITS_P(in_agg ? s : waits_result(s));
}

/* ---------------------------------------------------------------- accessors */

/* wait_count: number of waits (0 for the empty distribution), kept in the header. */
PG_FUNCTION_INFO_V1(waits_count_fn);
Datum
waits_count_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(waits_arg(fcinfo, 0)->total);
}

/* share_within(w, n): share of waits of at most n days; NULL when w is empty. */
PG_FUNCTION_INFO_V1(waits_share_within);
Datum
waits_share_within(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);
	int32		n = PG_GETARG_INT32(1);

	if (w->total == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) waits_count_within(w, n) / (double) w->total);
}

/*
 * wait_count_within(w, n): number of waits of at most n days, exact (0 when w is empty or
 * n is below every wait); share_within's numerator.  The access states count open cases
 * due before a judging day with it (a histogram of due days).
 */
PG_FUNCTION_INFO_V1(waits_count_within_fn);
Datum
waits_count_within_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);

	PG_RETURN_INT64(waits_count_within(w, PG_GETARG_INT32(1)));
}

/* The same check and message as percentile_disc's. */
static inline void
waits_check_percentile(double p)
{
	if (p < 0 || p > 1 || isnan(p))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentile value %g is not between 0 and 1", p)));
}

/* wait_percentile(w, p): percentile_disc(p) of the waits; NULL when w is empty. */
PG_FUNCTION_INFO_V1(waits_percentile_fn);
Datum
waits_percentile_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);
	double		p = PG_GETARG_FLOAT8(1);

	waits_check_percentile(p);
	if (w->total == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(waits_percentile(w, p));
}

/*
 * wait_percentile(w, p[]): like percentile_disc's array form: the result has the shape
 * of the argument, NULL percentiles give NULL elements.  NULL when w is empty.
 */
PG_FUNCTION_INFO_V1(waits_percentiles_fn);
Datum
waits_percentiles_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);
	ArrayType  *ps = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *pd;
	bool	   *pn;
	int			np;
	Datum	   *rd;

	deconstruct_array(ps, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &pd, &pn, &np);
	for (int i = 0; i < np; i++)
		if (!pn[i])
			waits_check_percentile(DatumGetFloat8(pd[i]));
	if (w->total == 0)
		PG_RETURN_NULL();
	if (np == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(INT4OID));
	rd = palloc(np * sizeof(Datum));
	for (int i = 0; i < np; i++)
		rd[i] = pn[i] ? (Datum) 0 : Int32GetDatum(waits_percentile(w, DatumGetFloat8(pd[i])));
	PG_RETURN_ARRAYTYPE_P(construct_md_array(rd, pn, ARR_NDIM(ps), ARR_DIMS(ps), ARR_LBOUND(ps),
											 INT4OID, sizeof(int32), true, TYPALIGN_INT));
}

/* wait_mean: mean wait in days; NULL when empty. */
PG_FUNCTION_INFO_V1(waits_mean_fn);
Datum
waits_mean_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);

	if (w->total == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(waits_mean(w));
}

/* wait_min: shortest wait; NULL when empty. */
PG_FUNCTION_INFO_V1(waits_min_fn);
Datum
waits_min_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);

	if (w->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(WAITS_DAYS(w)[0]);
}

/* wait_max: longest wait; NULL when empty. */
PG_FUNCTION_INFO_V1(waits_max_fn);
Datum
waits_max_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);

	if (w->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(WAITS_DAYS(w)[w->n - 1]);
}

/*
 * wait_buckets(w, bounds): one row per bucket (label, lower_days, upper_days, waits,
 * share), empty buckets included; the last bucket is open (upper_days NULL).  share is
 * NULL when w is empty.
 */
PG_FUNCTION_INFO_V1(waits_buckets_fn);
Datum
waits_buckets_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = waits_read(fcinfo, 0);
	ArrayType  *ba = PG_GETARG_ARRAYTYPE_P(1);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum	   *bd;
	bool	   *bn;
	int			nb;
	int32	   *bounds;
	bool		has_null = false;
	int64	   *counts;
	int64		total = w->total;
	char		detail[WAITS_DETAIL_LEN];

	if (ARR_NDIM(ba) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid bucket bounds for wait_buckets"),
				 errdetail("Expected a one-dimensional array of ascending day limits, like '{0,7,14,28,90}'.")));
	deconstruct_array(ba, INT4OID, sizeof(int32), true, TYPALIGN_INT, &bd, &bn, &nb);
	bounds = palloc((nb + 1) * sizeof(int32));
	for (int i = 0; i < nb; i++)
	{
		has_null |= bn[i];
		bounds[i] = bn[i] ? 0 : DatumGetInt32(bd[i]);
	}
	if (waits_check_bounds(bounds, nb, has_null, detail) != WAITS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid bucket bounds for wait_buckets: \"%s\"",
						OidOutputFunctionCall(F_ARRAY_OUT, PointerGetDatum(ba))),
				 errdetail("%s", detail)));

	counts = palloc((nb + 1) * sizeof(int64));
	waits_bucket_counts(w, bounds, nb, counts);

	InitMaterializedSRF(fcinfo, 0);
	for (int k = 0; k <= nb; k++)
	{
		int32		lower = k == 0 ? 0 : bounds[k - 1] + 1;
		bool		open = (k == nb);
		char		label[64];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		waits_bucket_label(lower, open ? 0 : bounds[k], open, label, sizeof(label));
		values[0] = CStringGetTextDatum(label);
		values[1] = Int32GetDatum(lower);
		values[2] = open ? (Datum) 0 : Int32GetDatum(bounds[k]);
		nulls[2] = open;
		values[3] = Int64GetDatum(counts[k]);
		values[4] = total ? Float8GetDatum((double) counts[k] / (double) total) : (Datum) 0;
		nulls[4] = (total == 0);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
