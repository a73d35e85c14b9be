/*
 * tally.c: the pekefb.tally state type (three counters): its I/O, comparison and hash
 * support, combine and final functions.  Parsing, the consistency rule and checked updates
 * are in tally_core.c; see tally.h for which aggregate uses which counter.
 */
#include "postgres.h"

#include "fmgr.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "tally.h"

StaticAssertDecl(sizeof(Tally) == 24, "pekefb.tally is declared with INTERNALLENGTH = 24");

/* tally_copy: see tally.h. */
Tally *
tally_copy(const Tally *src)
{
	Tally	   *dst = (Tally *) palloc(sizeof(Tally));

	memcpy(dst, src, sizeof(Tally));
	return dst;
}

/* The canonical text of a tally, palloc'd (for error messages). */
static char *
tally_text(const Tally *t)
{
	char	   *buf = palloc(TALLY_BUFLEN);

	tally_format(t, buf);
	return buf;
}

/* tally_report_invalid: see tally.h. */
void
tally_report_invalid(const Tally *t, const CoreError *err)
{
	pekefb_report_input_error("tally", tally_text(t), CORE_INVALID, err->detail);
}

/* tally_report_add: see tally.h. */
void
tally_report_add(const Tally *t, int64 da, int64 db, int64 dn, const CoreError *err)
{
	bool		minus = da <= 0 && db <= 0 && dn <= 0 && (da | db | dn) != 0 &&
		da != PG_INT64_MIN && db != PG_INT64_MIN && dn != PG_INT64_MIN;
	Tally		d;
	char	   *expr;

	d.a = minus ? -da : da;
	d.b = minus ? -db : db;
	d.n = minus ? -dn : dn;
	expr = psprintf("%s %c %s", tally_text(t), minus ? '-' : '+', tally_text(&d));
	pekefb_report_input_error("tally", expr, err->kind, err->detail);
}

/*
 * tally_in: "(a,b,n)".  Unparsable text is 22P02; a counter beyond int64 22003; a negative
 * counter or a + b > n 22023.
 */
PG_FUNCTION_INFO_V1(tally_in);
Datum
tally_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Tally	   *t = (Tally *) palloc0(sizeof(Tally));
	CoreError	err;

	if (!tally_parse(str, t, &err))
		pekefb_report_input_error("tally", str, err.kind, err.detail);
	PG_RETURN_TALLY_P(t);
}

/* tally_out: the canonical text "(a,b,n)". */
PG_FUNCTION_INFO_V1(tally_out);
Datum
tally_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(tally_text(tally_arg(fcinfo, 0)));
}

/*
 * tally_recv: binary input, three int64 (a, b, n), held to the same rule as text input:
 * too few bytes is 22P03, a negative counter or a + b > n 22023.
 */
PG_FUNCTION_INFO_V1(tally_recv);
Datum
tally_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Tally	   *t = (Tally *) palloc0(sizeof(Tally));
	CoreError	err;

	if (buf->len - buf->cursor < 24)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external tally value"),
				 errdetail("The binary form of a tally is 24 bytes (three 8-byte integers); got %d.",
						   buf->len - buf->cursor)));
	t->a = pq_getmsgint64(buf);
	t->b = pq_getmsgint64(buf);
	t->n = pq_getmsgint64(buf);
	if (!tally_check(t, &err))
		tally_report_invalid(t, &err);
	PG_RETURN_TALLY_P(t);
}

/* tally_send: binary output, the layout tally_recv reads. */
PG_FUNCTION_INFO_V1(tally_send);
Datum
tally_send(PG_FUNCTION_ARGS)
{
	Tally	   *t = tally_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, t->a);
	pq_sendint64(&buf, t->b);
	pq_sendint64(&buf, t->n);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Order of the two tally arguments (tally_cmp: by a, then b, then n). */
static inline int
tally_cmp_args(FunctionCallInfo fcinfo)
{
	return tally_cmp(PG_GETARG_TALLY_P(0), PG_GETARG_TALLY_P(1));
}

/* Comparison support: =, <>, <, <=, >, >= and the btree comparator. */
PG_FUNCTION_INFO_V1(tally_eq);
Datum
tally_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) == 0);
}

PG_FUNCTION_INFO_V1(tally_ne);
Datum
tally_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) != 0);
}

PG_FUNCTION_INFO_V1(tally_lt);
Datum
tally_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(tally_le);
Datum
tally_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(tally_gt);
Datum
tally_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(tally_ge);
Datum
tally_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(tally_cmp_fn);
Datum
tally_cmp_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(tally_cmp_args(fcinfo));
}

/*
 * tally_hash, tally_hash_extended: hash of the three counters; equal tallies have equal
 * counters, hence equal bytes (no padding), hence equal hashes.
 */
PG_FUNCTION_INFO_V1(tally_hash);
Datum
tally_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_TALLY_P(0), sizeof(Tally));
}

PG_FUNCTION_INFO_V1(tally_hash_extended);
Datum
tally_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended((const unsigned char *) PG_GETARG_TALLY_P(0), sizeof(Tally),
							 PG_GETARG_INT64(1));
}

/*
 * tally_combine: component-wise sum, the combine function of every tally aggregate.  Both
 * states are checked; a counter that would pass 2^63 - 1 is 22003, never a wrap.
 */
PG_FUNCTION_INFO_V1(tally_combine);
Datum
tally_combine(PG_FUNCTION_ARGS)
{
	Tally	   *o = tally_arg(fcinfo, 1);
	Tally	   *s = pekefb_in_aggregate(fcinfo) ? tally_arg(fcinfo, 0) : tally_copy(tally_arg(fcinfo, 0));

	tally_apply(s, o->a, o->b, o->n);
	PG_RETURN_TALLY_P(s);
}

/* tally_share: a / n, the final function of share aggregates; NULL when nothing was counted. */
PG_FUNCTION_INFO_V1(tally_share);
Datum
tally_share(PG_FUNCTION_ARGS)
{
	Tally	   *t = tally_arg(fcinfo, 0);

	if (t->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) t->a / (double) t->n);
}

/*
 * tally_nps: 100 * (promoters - detractors) / answers, unrounded; NULL when no answers.
 * a - b cannot overflow: both are in 0..n.
 */
PG_FUNCTION_INFO_V1(tally_nps);
Datum
tally_nps(PG_FUNCTION_ARGS)
{
	Tally	   *t = tally_arg(fcinfo, 0);

	if (t->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) (t->a - t->b) / (double) t->n);
}

/*
 * tally_mean: the final function of item_mean.  The state counts points on the 1-5 scale
 * above its minimum: a = sum of (score - 1), n = 4 points possible per answer, b unused,
 * so the rule a + b <= n holds.  The mean is sum of scores / answers = (a + n/4) / (n/4),
 * computed from the same two integers as a plain sum / count (unsigned: a + n/4 may pass
 * 2^63).  NULL when no answers; a state whose n is not a multiple of 4 or whose b is not 0
 * was not built by item_mean and is 22023.
 */
PG_FUNCTION_INFO_V1(tally_mean);
Datum
tally_mean(PG_FUNCTION_ARGS)
{
	Tally	   *t = tally_arg(fcinfo, 0);
	uint64		answers;

	if (t->b != 0 || t->n % 4 != 0)
	{
		CoreError	err;

		core_error(&err, CORE_INVALID,
				   "An item_mean state has b = 0 and n = 4 points per answer; got b = " INT64_FORMAT " and n = " INT64_FORMAT ".",
				   t->b, t->n);
		tally_report_invalid(t, &err);
	}
	if (t->n == 0)
		PG_RETURN_NULL();
	answers = (uint64) t->n / 4;
	PG_RETURN_FLOAT8((double) ((uint64) t->a + answers) / (double) answers);
}
