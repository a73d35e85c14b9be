/*
 * indicator_core.c: parsing, formatting and addition of pekefb.indicator (plain C99).
 *
 * Text forms: ratios "698/788" (a share, unit %), "698/788 %" (the same), "11140/2331 d"
 * (average days); "123/45000 per 1000" (a rate per 1 000, also "‰"; Sotkanet's PER1000:
 * the numerator and the population are kept, so sums add both); quantities "45%", "4.78 d",
 * "4,78 d", "2.7 per 1000", "6 wd", "33", "-2".  Canonical output: "698/788", "11140/2331 d",
 * "123/45000 per 1000", "45%", "4.78 d", "33".  Ratio parts are non-negative, the
 * denominator positive; quantities may be any finite number (a change can be negative).
 */
#include "indicator_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EXPECTED_FORMS_TEXT "Expected a ratio like \"698/788\" or \"11140/2331 d\", or a quantity like \"45%\", \"4.78 d\" or \"33\"."

/*
 * indicator_parse: reads an indicator; on failure fills err (CORE_SYNTAX unparsable,
 * CORE_OUT_OF_RANGE overflowing number, CORE_INVALID negative ratio part or zero
 * denominator) and returns false.
 */
bool
indicator_parse(const char *s, Indicator *x, CoreError *err)
{
	const char *p = s;
	Unit		unit;

	memset(x, 0, sizeof(*x));
	err->kind = CORE_OK;
	err->detail[0] = '\0';

	if (!num_read(&p, &x->num, NULL, EXPECTED_FORMS_TEXT, err))
		return false;
	p = skip_spaces(p);
	if (*p == '/')
	{
		p++;
		if (!num_read(&p, &x->den, "after \"/\" (the denominator)", NULL, err))
			return false;
		x->kind = IND_RATIO;
	}
	p = skip_spaces(p);
	if (!unit_parse(&p, &unit))
	{
		core_error(err, CORE_SYNTAX, "Unknown unit at \"%.*s\": %s.", core_clip(p, 40), p, UNIT_EXPECTED);
		return false;
	}
	p = skip_spaces(p);
	if (*p != '\0')
	{
		if (*p == '/')
			core_error(err, CORE_SYNTAX, "A ratio has exactly one \"/\"; found another at \"%.*s\".",
					   core_clip(p, 40), p);
		else
			core_error(err, CORE_SYNTAX, "Unexpected \"%.*s\" after the indicator; expected the end of the text.",
					   core_clip(p, 40), p);
		return false;
	}
	x->unit = (uint8_t) unit;
	if (x->kind == IND_RATIO)
	{
		char		a[NUM_BUFLEN],
					b[NUM_BUFLEN];

		if (unit == UNIT_NONE)
			x->unit = UNIT_PERCENT;
		if (x->num >= 0 && x->den > 0 && isfinite(x->num / x->den))
			return true;
		/* the numbers are formatted for the message only (snprintf is slow: loaders parse many) */
		num_format(x->num, a);
		num_format(x->den, b);
		if (x->num < 0 || x->den < 0)
		{
			core_error(err, CORE_INVALID,
					   "The numerator and denominator of a ratio must not be negative; got %s/%s.", a, b);
			return false;
		}
		if (x->den == 0)
		{
			core_error(err, CORE_INVALID,
					   "The denominator of a ratio must be greater than zero; got %s/%s.", a, b);
			return false;
		}
		if (!isfinite(x->num / x->den))
		{
			core_error(err, CORE_OUT_OF_RANGE,
					   "The value of the ratio %s/%s is out of range for double precision.", a, b);
			return false;
		}
	}
	return true;
}

/* indicator_format: the canonical text form into buf (INDICATOR_BUFLEN bytes). */
void
indicator_format(const Indicator *x, char *buf)
{
	char	   *p = buf;

	num_format(x->num, p);
	p += strlen(p);
	if (x->kind == IND_RATIO)
	{
		*p++ = '/';
		num_format(x->den, p);
		p += strlen(p);
		if (x->unit != UNIT_PERCENT)
			strcpy(p, unit_suffix((Unit) x->unit));
		return;
	}
	strcpy(p, unit_suffix((Unit) x->unit));
}

/*
 * indicator_validate: whether a value built elsewhere (binary input, a sum) is one that
 * indicator_parse could produce; if not, fills err and returns false.  CORE_SYNTAX: an
 * unknown kind or unit or non-zero padding (no value at all); CORE_OUT_OF_RANGE: a number
 * or a ratio's value that is not finite (NaN and Infinity are never indicators);
 * CORE_INVALID: negative zero, a ratio part below zero, a ratio without a positive
 * denominator or without a unit, a quantity with a denominator.
 */
bool
indicator_validate(const Indicator *x, CoreError *err)
{
	bool		pad = false;

	for (int i = 0; i < 6; i++)
		pad |= x->pad[i] != 0;
	if (x->kind > IND_RATIO || x->unit > UNIT_MAX || pad)
	{
		core_error(err, CORE_SYNTAX,
				   "Expected kind 0 (quantity) or 1 (ratio) and unit 0 (none), 1 (%%), 2 (d), 3 (wd) or 4 (per 1000); got kind %d and unit %d.",
				   x->kind, x->unit);
		return false;
	}
	if (!isfinite(x->num) || !isfinite(x->den) ||
		(x->kind == IND_RATIO && x->den > 0 && !isfinite(x->num / x->den)))
	{
		core_error(err, CORE_OUT_OF_RANGE,
				   "An indicator holds finite numbers with a finite value; NaN and Infinity are not allowed.");
		return false;
	}
	if ((x->num == 0.0 && signbit(x->num)) || (x->den == 0.0 && signbit(x->den)))
	{
		core_error(err, CORE_INVALID, "An indicator never holds a negative zero.");
		return false;
	}
	if (x->kind == IND_RATIO)
	{
		if (!(x->num >= 0) || !(x->den > 0) || x->unit == UNIT_NONE)
		{
			core_error(err, CORE_INVALID,
					   "A ratio has a non-negative numerator, a positive denominator and a unit (%%, per 1000, d or wd).");
			return false;
		}
	}
	else if (x->den != 0.0)
	{
		core_error(err, CORE_INVALID, "A quantity has no denominator (it must be 0).");
		return false;
	}
	return true;
}

/* indicator_check: indicator_validate without the explanation. */
bool
indicator_check(const Indicator *x)
{
	CoreError	err;

	return indicator_validate(x, &err);
}

/* Orders two doubles (finite, so < and > decide): -1, 0 or 1. */
static int
cmp_double(double x, double y)
{
	return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * indicator_cmp: the total order of indicators: by unit (none, %, d, wd, per 1000), then by value in base
 * units (indicator_value), then quantities before ratios, then numerator, then denominator.
 * Two indicators compare equal exactly when kind, unit, numerator and denominator are
 * equal, which is the type's = (698/788 is not 349/394, though their values are equal).
 */
int
indicator_cmp(const Indicator *x, const Indicator *y)
{
	int			c;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if ((c = cmp_double(indicator_value(x), indicator_value(y))) != 0)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = cmp_double(x->num, y->num)) != 0)
		return c;
	return cmp_double(x->den, y->den);
}

/*
 * indicator_add: acc += x.  Ratios add numerators and denominators (698/788 + 810/896 =
 * 1508/1684), quantities add their numbers.  A ratio and a quantity, or different units,
 * do not add: err is CORE_INVALID.  A sum that overflows a double is CORE_OUT_OF_RANGE.
 * acc is unchanged on failure.
 */
bool
indicator_add(Indicator *acc, const Indicator *x, CoreError *err)
{
	double		num,
				den;

	if (acc->kind != x->kind)
	{
		core_error(err, CORE_INVALID,
				   "A ratio (numerator/denominator) and a quantity cannot be added; sum the ratios and the quantities separately.");
		return false;
	}
	if (acc->unit != x->unit)
	{
		core_error(err, CORE_INVALID,
				   "Indicators in different units cannot be added: one is in %s, the other in %s.",
				   unit_name((Unit) acc->unit), unit_name((Unit) x->unit));
		return false;
	}
	num = acc->num + x->num;
	den = acc->den + x->den;
	if (isinf(num) || isinf(den) || (acc->kind == IND_RATIO && !isfinite(num / den)))
	{
		core_error(err, CORE_OUT_OF_RANGE, "The sum is out of range for double precision.");
		return false;
	}
	acc->num = num == 0.0 ? 0.0 : num;
	acc->den = den;
	return true;
}
