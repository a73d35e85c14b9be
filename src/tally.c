/*
 * tally.c: the pekefb.tally state type (three counters), its I/O, combine and final
 * functions.  See tally.h for which aggregate uses which counter.
 */
#include "postgres.h"

#include <limits.h>

#include "fmgr.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "pekefb.h"
#include "tally.h"

Tally *
tally_copy(const Tally *src)
{
	Tally	   *dst = (Tally *) palloc(sizeof(Tally));

	*dst = *src;
	return dst;
}

/*
 * Parses one non-negative decimal int64 at *p, advancing *p.  Returns false if there is no
 * number; sets *overflow when the digits do not fit in an int64.
 */
static bool
parse_count(const char **p, int64 *out, bool *overflow)
{
	const char *s = *p;
	int64		v = 0;

	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
	{
		int			d = *s - '0';

		if (v > (PG_INT64_MAX - d) / 10)
			*overflow = true;
		else
			v = v * 10 + d;
		s++;
	}
	*p = s;
	*out = v;
	return true;
}

/*
 * tally_in: "(a,b,n)" with three non-negative integers; spaces allowed around them.
 */
PG_FUNCTION_INFO_V1(tally_in);
Datum
tally_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	int64		v[3];
	bool		overflow = false;
	Tally	   *t;

	while (*p == ' ')
		p++;
	if (*p++ != '(')
		goto bad;
	for (int i = 0; i < 3; i++)
	{
		while (*p == ' ')
			p++;
		if (!parse_count(&p, &v[i], &overflow))
			goto bad;
		while (*p == ' ')
			p++;
		if (*p++ != (i < 2 ? ',' : ')'))
			goto bad;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		goto bad;
	if (overflow)
		PEKEFB_INPUT_ERROR(fcinfo, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
						   psprintf("Each counter must be at most %lld.", (long long) PG_INT64_MAX),
						   "value out of range for type tally: \"%s\"", str);

	t = (Tally *) palloc(sizeof(Tally));
	t->a = v[0];
	t->b = v[1];
	t->n = v[2];
	PG_RETURN_TALLY_P(t);

bad:
	PEKEFB_INPUT_ERROR(fcinfo, ERRCODE_INVALID_TEXT_REPRESENTATION,
					   "Expected three non-negative integers in parentheses, like \"(3,1,10)\".",
					   "invalid input syntax for type tally: \"%s\"", str);
}

PG_FUNCTION_INFO_V1(tally_out);
Datum
tally_out(PG_FUNCTION_ARGS)
{
	Tally	   *t = PG_GETARG_TALLY_P(0);

	PG_RETURN_CSTRING(psprintf("(" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT ")",
							   t->a, t->b, t->n));
}

PG_FUNCTION_INFO_V1(tally_recv);
Datum
tally_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Tally	   *t = (Tally *) palloc(sizeof(Tally));

	t->a = pq_getmsgint64(buf);
	t->b = pq_getmsgint64(buf);
	t->n = pq_getmsgint64(buf);
	if (t->a < 0 || t->b < 0 || t->n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external tally value"),
				 errdetail("Counters must not be negative.")));
	PG_RETURN_TALLY_P(t);
}

PG_FUNCTION_INFO_V1(tally_send);
Datum
tally_send(PG_FUNCTION_ARGS)
{
	Tally	   *t = PG_GETARG_TALLY_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, t->a);
	pq_sendint64(&buf, t->b);
	pq_sendint64(&buf, t->n);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(tally_eq);
Datum
tally_eq(PG_FUNCTION_ARGS)
{
	Tally	   *x = PG_GETARG_TALLY_P(0);
	Tally	   *y = PG_GETARG_TALLY_P(1);

	PG_RETURN_BOOL(x->a == y->a && x->b == y->b && x->n == y->n);
}

/*
 * tally_combine: component-wise sum, the combine function of every tally aggregate.
 * Overflow is reported rather than wrapped (it would take 2^63 rows, but a hand-written
 * state can get there).
 */
PG_FUNCTION_INFO_V1(tally_combine);
Datum
tally_combine(PG_FUNCTION_ARGS)
{
	Tally	   *s = tally_writable(fcinfo, 0);
	Tally	   *o = PG_GETARG_TALLY_P(1);

	if (pg_add_s64_overflow(s->a, o->a, &s->a) ||
		pg_add_s64_overflow(s->b, o->b, &s->b) ||
		pg_add_s64_overflow(s->n, o->n, &s->n))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("tally counter out of range")));
	PG_RETURN_TALLY_P(s);
}

/* tally_share: a / n, the final function of share aggregates; NULL when nothing was counted. */
PG_FUNCTION_INFO_V1(tally_share);
Datum
tally_share(PG_FUNCTION_ARGS)
{
	Tally	   *t = PG_GETARG_TALLY_P(0);

	if (t->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) t->a / (double) t->n);
}

/* tally_nps: 100 * (promoters - detractors) / answers, unrounded; NULL when no answers. */
PG_FUNCTION_INFO_V1(tally_nps);
Datum
tally_nps(PG_FUNCTION_ARGS)
{
	Tally	   *t = PG_GETARG_TALLY_P(0);

	if (t->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) (t->a - t->b) / (double) t->n);
}
