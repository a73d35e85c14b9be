/*
 * indicator.c: the pekefb.indicator type (a ratio or a quantity with a unit): text and
 * binary I/O, comparison and hash support, accessors, sum(indicator); and target attainment for both
 * double precision and indicator values (attained, attainment, target_attainment), which
 * sits here because it needs both types.  Parsing and the arithmetic are in
 * indicator_core.c and target_core.c.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "pekefb.h"

#include "indicator_core.h"
#include "tally.h"
#include "target_core.h"

#define DatumGetIndicatorP(X)		((Indicator *) DatumGetPointer(X))
#define PG_GETARG_INDICATOR_P(n)	DatumGetIndicatorP(PG_GETARG_DATUM(n))
#define PG_RETURN_INDICATOR_P(x)	PG_RETURN_POINTER(x)
#define PG_GETARG_TARGET_P(n)		((Target *) DatumGetPointer(PG_GETARG_DATUM(n)))

StaticAssertDecl(sizeof(Indicator) == 24, "pekefb.indicator is declared with INTERNALLENGTH = 24");

/* The canonical text of an indicator, palloc'd (for error messages). */
static char *
indicator_text(const Indicator *x)
{
	char	   *buf = palloc(INDICATOR_BUFLEN);

	indicator_format(x, buf);
	return buf;
}

/* The canonical text of a target, palloc'd (for error messages). */
static char *
target_text(const Target *t)
{
	char	   *buf = palloc(TARGET_BUFLEN);

	target_format(t, buf);
	return buf;
}

/*
 * indicator_in: text to indicator.  Unparsable text is 22P02 "invalid input syntax"; a
 * number beyond double precision or a ratio whose value is (1/5e-324) 22003; a negative
 * ratio part or a zero denominator 22023.
 */
PG_FUNCTION_INFO_V1(indicator_in);
Datum
indicator_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Indicator  *x = (Indicator *) palloc0(sizeof(Indicator));
	CoreError	err;

	if (!indicator_parse(str, x, &err))
		pekefb_report_input_error("indicator", str, err.kind, err.detail);
	PG_RETURN_INDICATOR_P(x);
}

/* indicator_out: the canonical text form ("698/788", "11140/2331 d", "45%", "33"). */
PG_FUNCTION_INFO_V1(indicator_out);
Datum
indicator_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(indicator_text(PG_GETARG_INDICATOR_P(0)));
}

/*
 * indicator_recv: binary input: kind (int8: 0 quantity, 1 ratio), unit (int8: 0 none,
 * 1 %, 2 d), numerator or quantity (float8), denominator (float8, 0 for a quantity).  Held
 * to the rules of text input: too few bytes or an unknown kind or unit is 22P03, a number
 * or value that is not finite (NaN, Infinity) 22003, an inconsistent value 22023.
 */
PG_FUNCTION_INFO_V1(indicator_recv);
Datum
indicator_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Indicator  *x = (Indicator *) palloc0(sizeof(Indicator));
	CoreError	err;

	if (buf->len - buf->cursor < 18)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external indicator value"),
				 errdetail("The binary form of an indicator is 18 bytes; got %d.", buf->len - buf->cursor)));
	x->kind = (uint8) pq_getmsgbyte(buf);
	x->unit = (uint8) pq_getmsgbyte(buf);
	x->num = pq_getmsgfloat8(buf);
	x->den = pq_getmsgfloat8(buf);
	if (!indicator_validate(x, &err))
	{
		if (err.kind == CORE_SYNTAX)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external indicator value"),
					 errdetail_internal("%s", err.detail)));
		pekefb_report_input_error("indicator", indicator_text(x), err.kind, err.detail);
	}
	PG_RETURN_INDICATOR_P(x);
}

/* indicator_send: binary output, the layout indicator_recv reads. */
PG_FUNCTION_INFO_V1(indicator_send);
Datum
indicator_send(PG_FUNCTION_ARGS)
{
	Indicator  *x = PG_GETARG_INDICATOR_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, x->kind);
	pq_sendbyte(&buf, x->unit);
	pq_sendfloat8(&buf, x->num);
	pq_sendfloat8(&buf, x->den);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * Order of the two indicator arguments (indicator_cmp: by unit, value, kind, numerator,
 * denominator).  Equal exactly under representation equality: same kind, unit and numbers,
 * so 698/788 is not equal to 349/394 (they would not sum alike); compare value() for
 * numeric equality.
 */
static inline int
indicator_cmp_args(FunctionCallInfo fcinfo)
{
	return indicator_cmp(PG_GETARG_INDICATOR_P(0), PG_GETARG_INDICATOR_P(1));
}

/* Comparison support: =, <>, <, <=, >, >= and the btree comparator. */
PG_FUNCTION_INFO_V1(indicator_eq);
Datum
indicator_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(indicator_cmp_args(fcinfo) == 0);
}

PG_FUNCTION_INFO_V1(indicator_ne);
Datum
indicator_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(indicator_cmp_args(fcinfo) != 0);
}

PG_FUNCTION_INFO_V1(indicator_lt);
Datum
indicator_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(indicator_cmp_args(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(indicator_le);
Datum
indicator_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(indicator_cmp_args(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(indicator_gt);
Datum
indicator_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(indicator_cmp_args(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(indicator_ge);
Datum
indicator_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(indicator_cmp_args(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(indicator_cmp_fn);
Datum
indicator_cmp_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(indicator_cmp_args(fcinfo));
}

/*
 * The hashed image of an indicator: the fields that decide equality in a zeroed struct,
 * + 0.0 folding a negative zero into zero (none is ever stored), so = implies equal bytes.
 */
static Indicator
indicator_hash_image(const Indicator *x)
{
	Indicator	h;

	memset(&h, 0, sizeof(h));
	h.kind = x->kind;
	h.unit = x->unit;
	h.num = x->num + 0.0;
	h.den = x->den + 0.0;
	return h;
}

/* indicator_hash, indicator_hash_extended: hash opclass support, consistent with =. */
PG_FUNCTION_INFO_V1(indicator_hash);
Datum
indicator_hash(PG_FUNCTION_ARGS)
{
	Indicator	h = indicator_hash_image(PG_GETARG_INDICATOR_P(0));

	return hash_any((const unsigned char *) &h, sizeof(h));
}

PG_FUNCTION_INFO_V1(indicator_hash_extended);
Datum
indicator_hash_extended(PG_FUNCTION_ARGS)
{
	Indicator	h = indicator_hash_image(PG_GETARG_INDICATOR_P(0));

	return hash_any_extended((const unsigned char *) &h, sizeof(h), PG_GETARG_INT64(1));
}

/* value(indicator): num/den for a ratio, v/100 for a % quantity, else v. */
PG_FUNCTION_INFO_V1(indicator_value_fn);
Datum
indicator_value_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(indicator_value(PG_GETARG_INDICATOR_P(0)));
}

/* numerator(indicator): a ratio's numerator; NULL for a quantity. */
PG_FUNCTION_INFO_V1(indicator_numerator);
Datum
indicator_numerator(PG_FUNCTION_ARGS)
{
	Indicator  *x = PG_GETARG_INDICATOR_P(0);

	if (x->kind != IND_RATIO)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(x->num);
}

/* denominator(indicator): a ratio's denominator; NULL for a quantity. */
PG_FUNCTION_INFO_V1(indicator_denominator);
Datum
indicator_denominator(PG_FUNCTION_ARGS)
{
	Indicator  *x = PG_GETARG_INDICATOR_P(0);

	if (x->kind != IND_RATIO)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(x->den);
}

/* unit(indicator): '%', 'd' or ''. */
PG_FUNCTION_INFO_V1(indicator_unit);
Datum
indicator_unit(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(unit_symbol((Unit) PG_GETARG_INDICATOR_P(0)->unit)));
}

/* is_ratio(indicator): true for num/den, false for a quantity. */
PG_FUNCTION_INFO_V1(indicator_is_ratio);
Datum
indicator_is_ratio(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_INDICATOR_P(0)->kind == IND_RATIO);
}

/*
 * The value of an indicator in base units, after checking that its unit is the target's:
 * comparing days with percent is an error (22023), not a silent false.
 */
static inline double
indicator_value_for(const Indicator *x, const Target *t)
{
	if (unlikely(x->unit != t->unit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator \"%s\" and target \"%s\" have different units",
						indicator_text(x), target_text(t)),
				 errdetail("The indicator is in %s, the target in %s.",
						   unit_name((Unit) x->unit), unit_name((Unit) t->unit))));
	return indicator_value(x);
}

/*
 * A double precision value or baseline compared with a target, refused when NaN (22023):
 * PostgreSQL sorts NaN above every number, which would make NaN meet every ">=" target;
 * a measured value that is not a number meets no target and misses none.  Infinity is
 * kept: it compares like any number.
 */
static inline double
float8_for(double v, const Target *t, const char *what)
{
	if (unlikely(isnan(v)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare NaN with target \"%s\"", target_text(t)),
				 errdetail("The %s is NaN; a value compared with a target must be a number.", what)));
	return v;
}

/* attained(double precision, target): v, read in the target's unit, meets the target. */
PG_FUNCTION_INFO_V1(attained_float8);
Datum
attained_float8(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(1);

	PG_RETURN_BOOL(target_met(t, float8_for(PG_GETARG_FLOAT8(0), t, "value")));
}

/* attained(indicator, target): the indicator's value meets the target (same unit). */
PG_FUNCTION_INFO_V1(attained_indicator);
Datum
attained_indicator(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(1);

	PG_RETURN_BOOL(target_met(t, indicator_value_for(PG_GETARG_INDICATOR_P(0), t)));
}

/*
 * The attainment r of value v (baseline b) against t, refused with 22003 when finite
 * inputs overflow (1e308 towards >= 1e-300), as PostgreSQL's float division refuses
 * them; with an infinite value or baseline the result follows float semantics (Infinity,
 * or NaN for Infinity - Infinity).
 */
static double
attainment_checked(double r, double v, bool has_b, double b, const Target *t)
{
	if (unlikely(isinf(r)) && isfinite(v) && (!has_b || isfinite(b)))
	{
		char		vbuf[NUM_BUFLEN];

		num_format(v, vbuf);
		pekefb_report_out_of_range("double precision",
								   psprintf("attainment(%s, %s)", vbuf, target_text(t)),
								   "The progress towards the target is beyond double precision.");
	}
	return r;
}

/*
 * attainment(double precision, target [, baseline]): progress towards the target, see
 * target_attainment in target_core.c; NULL where the formula divides by zero.
 */
PG_FUNCTION_INFO_V1(attainment_float8);
Datum
attainment_float8(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(1);
	double		v = float8_for(PG_GETARG_FLOAT8(0), t, "value");
	bool		has_b = PG_NARGS() > 2;
	double		b = has_b ? float8_for(PG_GETARG_FLOAT8(2), t, "baseline") : 0.0;
	double		r;

	if (!target_attainment(t, v, has_b, b, &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(attainment_checked(r, v, has_b, b, t));
}

/* attainment(indicator, target [, baseline]): the same for an indicator (same unit). */
PG_FUNCTION_INFO_V1(attainment_indicator);
Datum
attainment_indicator(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(1);
	double		v = indicator_value_for(PG_GETARG_INDICATOR_P(0), t);
	bool		has_b = PG_NARGS() > 2;
	double		b = has_b ? float8_for(PG_GETARG_FLOAT8(2), t, "baseline") : 0.0;
	double		r;

	if (!target_attainment(t, v, has_b, b, &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(attainment_checked(r, v, has_b, b, t));
}

/*
 * Transition functions of target_attainment (tally state: a = rows meeting their target,
 * n = rows counted).  STRICT: a row with a NULL value or target leaves the state as it is,
 * which is what skipping it means.  The inverse functions (moving-window aggregates) take
 * a row out again; counters never wrap, and taking out a row that is not in the state is an
 * error (tally_apply).
 */
PG_FUNCTION_INFO_V1(target_attainment_trans_float8);
Datum
target_attainment_trans_float8(PG_FUNCTION_ARGS)
{
	Tally	   *s = tally_writable(fcinfo, 0);
	Target	   *t = PG_GETARG_TARGET_P(2);
	int			met = target_met(t, float8_for(PG_GETARG_FLOAT8(1), t, "value"));

	tally_apply(s, met, 0, 1);
	PG_RETURN_TALLY_P(s);
}

PG_FUNCTION_INFO_V1(target_attainment_inv_float8);
Datum
target_attainment_inv_float8(PG_FUNCTION_ARGS)
{
	Tally	   *s = tally_writable(fcinfo, 0);
	Target	   *t = PG_GETARG_TARGET_P(2);
	int			met = target_met(t, float8_for(PG_GETARG_FLOAT8(1), t, "value"));

	tally_apply(s, -met, 0, -1);
	PG_RETURN_TALLY_P(s);
}

PG_FUNCTION_INFO_V1(target_attainment_trans_indicator);
Datum
target_attainment_trans_indicator(PG_FUNCTION_ARGS)
{
	Tally	   *s = tally_writable(fcinfo, 0);
	Target	   *t = PG_GETARG_TARGET_P(2);
	int			met = target_met(t, indicator_value_for(PG_GETARG_INDICATOR_P(1), t));

	tally_apply(s, met, 0, 1);
	PG_RETURN_TALLY_P(s);
}

PG_FUNCTION_INFO_V1(target_attainment_inv_indicator);
Datum
target_attainment_inv_indicator(PG_FUNCTION_ARGS)
{
	Tally	   *s = tally_writable(fcinfo, 0);
	Target	   *t = PG_GETARG_TARGET_P(2);
	int			met = target_met(t, indicator_value_for(PG_GETARG_INDICATOR_P(1), t));

	tally_apply(s, -met, 0, -1);
	PG_RETURN_TALLY_P(s);
}

/*
 * indicator_add(indicator, indicator): the transition and combine function of
 * sum(indicator); ratios add numerators and denominators, quantities add values.  Strict
 * with no initial state, so the executor copies the first value into the aggregate's
 * memory; from then on the state is updated in place when called as an aggregate (the
 * test is pekefb_in_aggregate; a direct call returns a new value and leaves its arguments
 * alone).
 */
PG_FUNCTION_INFO_V1(indicator_add_fn);
Datum
indicator_add_fn(PG_FUNCTION_ARGS)
{
	Indicator  *acc = PG_GETARG_INDICATOR_P(0);
	Indicator  *x = PG_GETARG_INDICATOR_P(1);
	CoreError	err;

	if (!pekefb_in_aggregate(fcinfo))
	{
		Indicator  *copy = (Indicator *) palloc(sizeof(Indicator));

		memcpy(copy, acc, sizeof(Indicator));
		acc = copy;
	}
	if (unlikely(!indicator_add(acc, x, &err)))
	{
		if (err.kind == CORE_OUT_OF_RANGE)
			pekefb_report_out_of_range("indicator",
									   psprintf("%s + %s", indicator_text(acc), indicator_text(x)),
									   err.detail);
		ereport(ERROR,
				(errcode(pekefb_core_errcode(err.kind)),
				 errmsg("cannot add indicator \"%s\" to \"%s\"",
						indicator_text(x), indicator_text(acc)),
				 errdetail_internal("%s", err.detail)));
	}
	PG_RETURN_INDICATOR_P(acc);
}
