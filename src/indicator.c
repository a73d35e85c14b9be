/*
 * indicator.c: the pekefb.indicator type (a ratio or a quantity with a unit): text and
 * binary I/O, equality, accessors, sum(indicator); and target attainment for both
 * double precision and indicator values (attained, attainment, target_attainment), which
 * sits here because it needs both types.  Parsing and the arithmetic are in
 * indicator_core.c and target_core.c.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
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
 * number beyond double precision 22003; a negative ratio part or a zero denominator 22023.
 */
PG_FUNCTION_INFO_V1(indicator_in);
Datum
indicator_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Indicator  *x = (Indicator *) palloc(sizeof(Indicator));
	CoreError	err;

	if (!indicator_parse(str, x, &err))
		PEKEFB_REPORT_INPUT_ERROR(fcinfo, "indicator", str, err.kind, err.detail);
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
 * 1 %, 2 d), numerator or quantity (float8), denominator (float8, 0 for a quantity).
 */
PG_FUNCTION_INFO_V1(indicator_recv);
Datum
indicator_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Indicator  *x = (Indicator *) palloc0(sizeof(Indicator));

	x->kind = (uint8) pq_getmsgbyte(buf);
	x->unit = (uint8) pq_getmsgbyte(buf);
	x->num = pq_getmsgfloat8(buf);
	x->den = pq_getmsgfloat8(buf);
	if (!indicator_check(x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external indicator value"),
				 errdetail("Expected a known kind and unit, finite numbers, and for a ratio a non-negative numerator and a positive denominator.")));
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
 * indicator_eq: representation equality: same kind, unit and numbers, so 698/788 is not
 * equal to 349/394 (they would not sum alike); compare value() for numeric equality.
 */
PG_FUNCTION_INFO_V1(indicator_eq);
Datum
indicator_eq(PG_FUNCTION_ARGS)
{
	Indicator  *x = PG_GETARG_INDICATOR_P(0);
	Indicator  *y = PG_GETARG_INDICATOR_P(1);

	PG_RETURN_BOOL(x->kind == y->kind && x->unit == y->unit &&
				   x->num == y->num && x->den == y->den);
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

/* attained(double precision, target): v, read in the target's unit, meets the target. */
PG_FUNCTION_INFO_V1(attained_float8);
Datum
attained_float8(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(target_met(PG_GETARG_TARGET_P(1), PG_GETARG_FLOAT8(0)));
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
 * attainment(double precision, target [, baseline]): progress towards the target, see
 * target_attainment in target_core.c; NULL where the formula divides by zero.
 */
PG_FUNCTION_INFO_V1(attainment_float8);
Datum
attainment_float8(PG_FUNCTION_ARGS)
{
	bool		has_b = PG_NARGS() > 2;
	double		r;

	if (!target_attainment(PG_GETARG_TARGET_P(1), PG_GETARG_FLOAT8(0),
						   has_b, has_b ? PG_GETARG_FLOAT8(2) : 0.0, &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

/* attainment(indicator, target [, baseline]): the same for an indicator (same unit). */
PG_FUNCTION_INFO_V1(attainment_indicator);
Datum
attainment_indicator(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(1);
	double		v = indicator_value_for(PG_GETARG_INDICATOR_P(0), t);
	bool		has_b = PG_NARGS() > 2;
	double		r;

	if (!target_attainment(t, v, has_b, has_b ? PG_GETARG_FLOAT8(2) : 0.0, &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

/*
 * The tally state to update (tally_writable), or NULL for a NULL state, which the
 * aggregates never pass (INITCOND) but a direct SQL call can.
 */
static inline Tally *
tally_state(FunctionCallInfo fcinfo)
{
	if (unlikely(PG_ARGISNULL(0)))
		return NULL;
	return tally_writable(fcinfo, 0);
}

/*
 * Transition functions of target_attainment (tally state: a = rows meeting their target,
 * n = rows counted).  Not strict: a row with a NULL value or target is skipped.  The
 * inverse functions (moving-window aggregates) take a row out again.
 */
PG_FUNCTION_INFO_V1(target_attainment_trans_float8);
Datum
target_attainment_trans_float8(PG_FUNCTION_ARGS)
{
	Tally	   *s = tally_state(fcinfo);

	if (s == NULL)
		PG_RETURN_NULL();

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		s->a += target_met(PG_GETARG_TARGET_P(2), PG_GETARG_FLOAT8(1));
		s->n++;
	}
	PG_RETURN_TALLY_P(s);
}

PG_FUNCTION_INFO_V1(target_attainment_inv_float8);
Datum
target_attainment_inv_float8(PG_FUNCTION_ARGS)
{
	Tally	   *s = tally_state(fcinfo);

	if (s == NULL)
		PG_RETURN_NULL();

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		s->a -= target_met(PG_GETARG_TARGET_P(2), PG_GETARG_FLOAT8(1));
		s->n--;
	}
	PG_RETURN_TALLY_P(s);
}

PG_FUNCTION_INFO_V1(target_attainment_trans_indicator);
Datum
target_attainment_trans_indicator(PG_FUNCTION_ARGS)
{
	Tally	   *s = tally_state(fcinfo);

	if (s == NULL)
		PG_RETURN_NULL();

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		Target	   *t = PG_GETARG_TARGET_P(2);

		s->a += target_met(t, indicator_value_for(PG_GETARG_INDICATOR_P(1), t));
		s->n++;
	}
	PG_RETURN_TALLY_P(s);
}

PG_FUNCTION_INFO_V1(target_attainment_inv_indicator);
Datum
target_attainment_inv_indicator(PG_FUNCTION_ARGS)
{
	Tally	   *s = tally_state(fcinfo);

	if (s == NULL)
		PG_RETURN_NULL();

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		Target	   *t = PG_GETARG_TARGET_P(2);

		s->a -= target_met(t, indicator_value_for(PG_GETARG_INDICATOR_P(1), t));
		s->n--;
	}
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

		*copy = *acc;
		acc = copy;
	}
	if (unlikely(!indicator_add(acc, x, &err)))
		ereport(ERROR,
				(errcode(pekefb_core_errcode(err.kind)),
				 errmsg("cannot add indicator \"%s\" to \"%s\"",
						indicator_text(x), indicator_text(acc)),
				 errdetail_internal("%s", err.detail)));
	PG_RETURN_INDICATOR_P(acc);
}
