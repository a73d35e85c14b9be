/*
 * waits.c: the pekefb.waits type (exact distribution of waits in whole days) and its
 * two-step aggregates: wait_agg(integer) and rollup(waits) build states, accessors
 * (wait_count, share_within, wait_percentile, wait_mean, wait_min, wait_max,
 * wait_buckets) read them.  The maths is in waits_core.c; this file is the fmgr layer:
 * memory, detoasting, the executor's in-place update rules, and ereport.
 *
 * The SQL declarations are in src/waits.sql, in the same order as this file.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"

#include "pekefb.h"
#include "waits_core.h"

/* Room the aggregate starts with; it doubles when a new distinct day does not fit. */
#define WAITS_INITIAL_CAP 32

#define DatumGetWaitsP(X)		((Waits *) PG_DETOAST_DATUM(X))
#define PG_GETARG_WAITS_P(n)	DatumGetWaitsP(PG_GETARG_DATUM(n))
#define PG_RETURN_WAITS_P(x)	PG_RETURN_POINTER(x)

/* A new empty value with room for cap days, in CurrentMemoryContext. */
static Waits *
waits_alloc(int32 cap)
{
	Size		size;
	Waits	   *w;

	if (cap > WAITS_MAX_CAP)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("waits value cannot hold more than %d distinct days", WAITS_MAX_CAP)));
	size = waits_size(cap);
	w = (Waits *) palloc(size);
	SET_VARSIZE(w, size);
	waits_init(w, cap);
	return w;
}

/* A copy of src with room for cap >= src->n days. */
static Waits *
waits_clone(const Waits *src, int32 cap)
{
	Waits	   *w = waits_alloc(cap);

	waits_copy(w, cap, src);
	return w;
}

/* Raises the error for an overflowing count. */
static void
waits_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("waits count out of range"),
			 errdetail("The number of waits does not fit in bigint.")));
}

/* The total of w (errors on overflow, which only hand-written values can reach). */
static int64
waits_total_checked(const Waits *w)
{
	int64_t		total;

	if (waits_total(w, &total) != WAITS_OK)
		waits_overflow();
	return total;
}

/* ---------------------------------------------------------------- I/O */

/*
 * waits_in: "{0:12,1:40,3:7}" (ascending days, counts >= 1, spaces allowed), "{}" empty.
 */
PG_FUNCTION_INFO_V1(waits_in);
Datum
waits_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	char		detail[WAITS_DETAIL_LEN];
	Waits	   *w = waits_alloc(waits_parse_room(str));
	WaitsStatus st = waits_parse(str, w, detail);

	if (st == WAITS_SYNTAX)
		PEKEFB_INPUT_ERROR(fcinfo, ERRCODE_INVALID_TEXT_REPRESENTATION, detail,
						   "invalid input syntax for type waits: \"%s\"", str);
	if (st != WAITS_OK)
		PEKEFB_INPUT_ERROR(fcinfo, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, detail,
						   "value out of range for type waits: \"%s\"", str);
	if (w->n < w->cap)
		w = waits_clone(w, w->n);
	PG_RETURN_WAITS_P(w);
}

/* waits_out: the canonical text form, which waits_in reads back to the same value. */
PG_FUNCTION_INFO_V1(waits_out);
Datum
waits_out(PG_FUNCTION_ARGS)
{
	Waits	   *w = PG_GETARG_WAITS_P(0);
	char	   *buf = palloc(waits_text_len(w));

	waits_format(w, buf);
	PG_RETURN_CSTRING(buf);
}

/*
 * Binary form: a version byte (1), int32 n, then n times (int32 day, int64 count).
 */
PG_FUNCTION_INFO_V1(waits_recv);
Datum
waits_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int32		n;
	Waits	   *w;
	char		detail[WAITS_DETAIL_LEN];

	if (version != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external waits value"),
				 errdetail("Unknown format version %d; expected 1.", version)));
	n = pq_getmsgint(buf, 4);
	if (n < 0 || n > (buf->len - buf->cursor) / 12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external waits value"),
				 errdetail("The number of days %d does not match the message length.", n)));
	w = waits_alloc(n);
	for (int32 i = 0; i < n; i++)
	{
		WAITS_DAYS(w)[i] = pq_getmsgint(buf, 4);
		WAITS_COUNTS(w)[i] = pq_getmsgint64(buf);
	}
	w->n = n;
	if (waits_validate(WAITS_DAYS(w), WAITS_COUNTS(w), n, detail) != WAITS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external waits value"),
				 errdetail("%s", detail)));
	PG_RETURN_WAITS_P(w);
}

PG_FUNCTION_INFO_V1(waits_send);
Datum
waits_send(PG_FUNCTION_ARGS)
{
	Waits	   *w = PG_GETARG_WAITS_P(0);
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

/* = : the same days with the same counts (spare room does not matter). */
PG_FUNCTION_INFO_V1(waits_eq);
Datum
waits_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(waits_equal(PG_GETARG_WAITS_P(0), PG_GETARG_WAITS_P(1)));
}

PG_FUNCTION_INFO_V1(waits_ne);
Datum
waits_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!waits_equal(PG_GETARG_WAITS_P(0), PG_GETARG_WAITS_P(1)));
}

/*
 * waits_hash: hash of the pairs (spare room ignored), for the hash opclass that lets
 * GROUP BY, DISTINCT and hash joins work on states.
 */
PG_FUNCTION_INFO_V1(waits_hash);
Datum
waits_hash(PG_FUNCTION_ARGS)
{
	Waits	   *w = PG_GETARG_WAITS_P(0);
	uint32		h = hash_bytes((const unsigned char *) WAITS_DAYS(w), w->n * sizeof(int32));

	h = hash_combine(h, hash_bytes((const unsigned char *) WAITS_COUNTS(w), w->n * sizeof(int64)));
	PG_RETURN_UINT32(h);
}

/* ---------------------------------------------------------------- aggregates */

/*
 * The state to update: argument argno itself inside an aggregate (the executor owns it;
 * detoasting returns it unchanged unless it arrived compressed or with a short header,
 * in which case we get a private copy), otherwise a copy so that a direct call never
 * modifies its input.
 */
static inline Waits *
waits_writable(FunctionCallInfo fcinfo, int argno)
{
	Datum		d = PG_GETARG_DATUM(argno);
	Waits	   *w;

	if (likely(!VARATT_IS_EXTENDED(DatumGetPointer(d))))
		w = (Waits *) DatumGetPointer(d);	/* the executor's own copy: no detoast call */
	else
		w = DatumGetWaitsP(d);
	if (pekefb_in_aggregate(fcinfo))
		return w;
	if ((Pointer) w != DatumGetPointer(d))
		return w;				/* already a fresh copy */
	return waits_clone(w, w->cap);
}

/* Rejects a negative wait, quoting it. */
static inline void
waits_check_day(int32 day)
{
	if (day < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("wait %d is out of range for type waits", day),
				 errdetail("Waits are whole days, 0 or more; check that the finish is not before the start.")));
}

/*
 * wait_agg transition: counts one wait.  NULL waits are ignored; the state starts NULL
 * and is created at the first wait.  The day is found with one probe for dense data
 * (binary search otherwise) and its count bumped in place.  When a new distinct day does
 * not fit, a state of twice the room is built in CurrentMemoryContext and returned: the
 * executor copies it into its own context and frees the old one (we must not).
 */
PG_FUNCTION_INFO_V1(waits_agg_trans);
Datum
waits_agg_trans(PG_FUNCTION_ARGS)
{
	Waits	   *s;
	int32		day;
	WaitsStatus st;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	day = PG_GETARG_INT32(1);
	waits_check_day(day);

	if (PG_ARGISNULL(0))
		s = waits_alloc(WAITS_INITIAL_CAP);
	else
		s = waits_writable(fcinfo, 0);

	st = waits_add(s, day, 1);
	if (st == WAITS_FULL)
	{
		s = waits_clone(s, s->cap > WAITS_MAX_CAP / 2 ? WAITS_MAX_CAP : s->cap * 2);
		st = waits_add(s, day, 1);
	}
	if (st != WAITS_OK)
		waits_overflow();
	PG_RETURN_WAITS_P(s);
}

/*
 * wait_agg inverse (moving-window) transition: takes one wait out again.  Returns NULL,
 * which makes the window code recompute the frame, if the wait is not in the state (it
 * always is when the executor calls us).
 */
PG_FUNCTION_INFO_V1(waits_agg_inv);
Datum
waits_agg_inv(PG_FUNCTION_ARGS)
{
	Waits	   *s;
	bool		found;
	int32		idx;
	int32		day;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	day = PG_GETARG_INT32(1);
	s = waits_writable(fcinfo, 0);
	idx = waits_find(s, day, &found);
	if (!found)
		PG_RETURN_NULL();
	if (--WAITS_COUNTS(s)[idx] == 0)
	{
		int32		tail = s->n - idx - 1;

		memmove(&WAITS_COUNTS(s)[idx], &WAITS_COUNTS(s)[idx + 1], tail * sizeof(int64));
		memmove(&WAITS_DAYS(s)[idx], &WAITS_DAYS(s)[idx + 1], tail * sizeof(int32));
		s->n--;
	}
	PG_RETURN_WAITS_P(s);
}

/*
 * wait_agg final function: a compacted copy of the state (no spare room).  An empty
 * state (a moving window whose waits all left the frame) gives NULL, like no rows.
 */
PG_FUNCTION_INFO_V1(waits_agg_final);
Datum
waits_agg_final(PG_FUNCTION_ARGS)
{
	Waits	   *s = PG_GETARG_WAITS_P(0);

	if (s->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_WAITS_P(waits_clone(s, s->n));
}

/*
 * rollup final function: a compacted copy; a rollup of empty distributions is the empty
 * distribution "{}".
 */
PG_FUNCTION_INFO_V1(waits_rollup_final);
Datum
waits_rollup_final(PG_FUNCTION_ARGS)
{
	Waits	   *s = PG_GETARG_WAITS_P(0);

	PG_RETURN_WAITS_P(waits_clone(s, s->n));
}

/*
 * waits_merge(a, b): counts summed per day.  The transition function of rollup and the
 * combine function of both aggregates.  Inside an aggregate a is merged in place when its
 * spare room holds the union; otherwise a new state (room doubled) is returned.
 */
PG_FUNCTION_INFO_V1(waits_merge_fn);
Datum
waits_merge_fn(PG_FUNCTION_ARGS)
{
	Datum		ad = PG_GETARG_DATUM(0);
	Waits	   *a = DatumGetWaitsP(ad);
	Waits	   *b = PG_GETARG_WAITS_P(1);
	int32		u = waits_union_size(a, b);
	Waits	   *dst;

	if (pekefb_in_aggregate(fcinfo) && u <= a->cap)
		dst = a;
	else if (pekefb_in_aggregate(fcinfo))
		dst = waits_alloc(Max(u, a->cap > WAITS_MAX_CAP / 2 ? WAITS_MAX_CAP : a->cap * 2));
	else
		dst = waits_alloc(u);
	if (waits_merge(dst, a, b) != WAITS_OK)
		waits_overflow();
	PG_RETURN_WAITS_P(dst);
}

/*
 * waits_subtract(a, b): the inverse transition of rollup as a moving aggregate.  NULL
 * (recompute the frame) if b is not contained in a.
 */
PG_FUNCTION_INFO_V1(waits_subtract_fn);
Datum
waits_subtract_fn(PG_FUNCTION_ARGS)
{
	Waits	   *a = waits_writable(fcinfo, 0);
	Waits	   *b = PG_GETARG_WAITS_P(1);

	if (waits_subtract(a, b) != WAITS_OK)
		PG_RETURN_NULL();
	PG_RETURN_WAITS_P(a);
}

/* ---------------------------------------------------------------- accessors */

/* wait_count: number of waits (0 for the empty distribution). */
PG_FUNCTION_INFO_V1(waits_count_fn);
Datum
waits_count_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(waits_total_checked(PG_GETARG_WAITS_P(0)));
}

/* share_within(w, n): share of waits of at most n days; NULL when w is empty. */
PG_FUNCTION_INFO_V1(waits_share_within);
Datum
waits_share_within(PG_FUNCTION_ARGS)
{
	Waits	   *w = PG_GETARG_WAITS_P(0);
	int32		n = PG_GETARG_INT32(1);
	int64		total = waits_total_checked(w);

	if (total == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) waits_count_within(w, n) / (double) total);
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
	Waits	   *w = PG_GETARG_WAITS_P(0);
	double		p = PG_GETARG_FLOAT8(1);
	int64		total;

	waits_check_percentile(p);
	total = waits_total_checked(w);
	if (total == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(waits_percentile(w, total, p));
}

/*
 * wait_percentile(w, p[]): like percentile_disc's array form: the result has the shape
 * of the argument, NULL percentiles give NULL elements.  NULL when w is empty.
 */
PG_FUNCTION_INFO_V1(waits_percentiles_fn);
Datum
waits_percentiles_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = PG_GETARG_WAITS_P(0);
	ArrayType  *ps = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *pd;
	bool	   *pn;
	int			np;
	int64		total;
	Datum	   *rd;

	deconstruct_array(ps, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &pd, &pn, &np);
	for (int i = 0; i < np; i++)
		if (!pn[i])
			waits_check_percentile(DatumGetFloat8(pd[i]));
	total = waits_total_checked(w);
	if (total == 0)
		PG_RETURN_NULL();
	if (np == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(INT4OID));
	rd = palloc(np * sizeof(Datum));
	for (int i = 0; i < np; i++)
		rd[i] = pn[i] ? (Datum) 0 : Int32GetDatum(waits_percentile(w, total, DatumGetFloat8(pd[i])));
	PG_RETURN_ARRAYTYPE_P(construct_md_array(rd, pn, ARR_NDIM(ps), ARR_DIMS(ps), ARR_LBOUND(ps),
											 INT4OID, sizeof(int32), true, TYPALIGN_INT));
}

/* wait_mean: mean wait in days; NULL when empty. */
PG_FUNCTION_INFO_V1(waits_mean_fn);
Datum
waits_mean_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = PG_GETARG_WAITS_P(0);
	int64		total = waits_total_checked(w);

	if (total == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(waits_mean(w, total));
}

/* wait_min: shortest wait; NULL when empty. */
PG_FUNCTION_INFO_V1(waits_min_fn);
Datum
waits_min_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = PG_GETARG_WAITS_P(0);

	if (w->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(WAITS_DAYS(w)[0]);
}

/* wait_max: longest wait; NULL when empty. */
PG_FUNCTION_INFO_V1(waits_max_fn);
Datum
waits_max_fn(PG_FUNCTION_ARGS)
{
	Waits	   *w = PG_GETARG_WAITS_P(0);

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
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Waits	   *w = PG_GETARG_WAITS_P(0);
	ArrayType  *ba = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *bd;
	bool	   *bn;
	int			nb;
	int32	   *bounds;
	bool		has_null = false;
	int64	   *counts;
	int64		total;
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

	total = waits_total_checked(w);
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
