/*
 * target_core.c: parsing, formatting and attainment rules of pekefb.target (plain C99).
 *
 * Text forms: ">= 90%", "> 10 %", "<= 60 d", "< 7", "= 100%", "80%..95%"; decimal comma
 * allowed; "pv" and "vrk" are read as "d".  Canonical output: operator, one space, number,
 * unit ("%" attached, " d" after a space); ranges without spaces around "..": "80%..95%",
 * "1 d..7 d", "1..7".
 */
#include "target_core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EXPECTED_FORMS "Expected an operator (>=, >, <=, <, =) followed by a number and an optional unit (%%, d), or a range like \"80%%..95%%\"."

/* target_op_symbol: the operator as written in the canonical text form. */
const char *
target_op_symbol(TargetOp op)
{
	static const char *const sym[] = {">=", ">", "<=", "<", "=", ".."};

	return op <= TOP_MAX ? sym[op] : "?";
}

/*
 * Reads the unit after a number (spaces allowed before it) into *unit; on an unknown word
 * fills err and returns false.
 */
static bool
parse_unit_after(const char **pp, Unit *unit, CoreError *err)
{
	const char *p = skip_spaces(*pp);

	if (!unit_parse(&p, unit))
	{
		core_error(err, CORE_SYNTAX,
				   "Unknown unit at \"%.40s\": expected %% (percent), d (days; also pv, vrk) or no unit.", p);
		return false;
	}
	*pp = p;
	return true;
}

/* Fails with "trailing garbage" unless only spaces remain. */
static bool
expect_end(const char *p, CoreError *err)
{
	p = skip_spaces(p);
	if (*p == '\0')
		return true;
	core_error(err, CORE_SYNTAX, "Unexpected \"%.40s\" after the target; expected the end of the text.", p);
	return false;
}

/*
 * target_parse: reads a target; on failure fills err (CORE_SYNTAX for unparsable text,
 * CORE_OUT_OF_RANGE for an overflowing number, CORE_INVALID for a range whose low bound is
 * above its high bound) and returns false.
 */
bool
target_parse(const char *s, Target *t, CoreError *err)
{
	const char *p = skip_spaces(s);
	Unit		unit,
				unit2;

	memset(t, 0, sizeof(*t));
	err->kind = CORE_OK;
	err->detail[0] = '\0';

	if (*p == '\0')
	{
		core_error(err, CORE_SYNTAX, EXPECTED_FORMS);
		return false;
	}

	if (strchr("<>=!", *p))
	{
		/* an operator: the whole run of operator characters must be one we know */
		const char *o = p;
		size_t		n;
		char		op[16];

		while (*p && strchr("<>=!", *p))
			p++;
		n = (size_t) (p - o);
		if (n == 2 && memcmp(o, ">=", 2) == 0)
			t->op = TOP_GE;
		else if (n == 1 && *o == '>')
			t->op = TOP_GT;
		else if (n == 2 && memcmp(o, "<=", 2) == 0)
			t->op = TOP_LE;
		else if (n == 1 && *o == '<')
			t->op = TOP_LT;
		else if (n == 1 && *o == '=')
			t->op = TOP_EQ;
		else
		{
			core_error(err, CORE_SYNTAX,
					   "Unknown operator \"%.*s\": expected >=, >, <=, < or = followed by a number.",
					   (int) (n > 10 ? 10 : n), o);
			return false;
		}
		snprintf(op, sizeof(op), "after \"%s\"", target_op_symbol((TargetOp) t->op));
		if (!num_read(&p, &t->lo, op, NULL, err) ||
			!parse_unit_after(&p, &unit, err) ||
			!expect_end(p, err))
			return false;
		t->hi = t->lo;
		t->unit = (uint8_t) unit;
		return true;
	}

	/* no operator: a range lo..hi */
	if (num_parse(&p, &t->lo) != NUM_OK)
	{
		const char *q = p;

		if (num_parse(&q, &t->lo) == NUM_RANGE)
			core_error(err, CORE_OUT_OF_RANGE,
					   "The number \"%.*s\" is out of range for double precision.", num_span(p), p);
		else if (num_nonfinite_word(p))
			core_error(err, CORE_SYNTAX, "Expected a finite number; NaN and Infinity are not allowed.");
		else
			core_error(err, CORE_SYNTAX, EXPECTED_FORMS);
		return false;
	}
	if (!parse_unit_after(&p, &unit, err))
		return false;
	p = skip_spaces(p);
	if (p[0] != '.' || p[1] != '.')
	{
		if (*p == '\0')
			core_error(err, CORE_SYNTAX,
					   "A number alone is not a target: expected an operator before it (\">= 90%%\") or a range (\"80%%..95%%\").");
		else
			core_error(err, CORE_SYNTAX,
					   "Unexpected \"%.40s\" after the first number; expected \"..\" and the range's high bound.", p);
		return false;
	}
	p += 2;
	if (!num_read(&p, &t->hi, "after \"..\"", NULL, err) ||
		!parse_unit_after(&p, &unit2, err) ||
		!expect_end(p, err))
		return false;
	if (unit != unit2)
	{
		core_error(err, CORE_SYNTAX,
				   "Both bounds of a range need the same unit; the low bound is in %s, the high bound in %s.",
				   unit_name(unit), unit_name(unit2));
		return false;
	}
	t->op = TOP_RANGE;
	t->unit = (uint8_t) unit;
	if (t->lo > t->hi)
	{
		char		lo[NUM_BUFLEN],
					hi[NUM_BUFLEN];

		num_format(t->lo, lo);
		num_format(t->hi, hi);
		core_error(err, CORE_INVALID,
				   "The low bound of a range (%s) must not be greater than its high bound (%s).", lo, hi);
		return false;
	}
	return true;
}

/* Appends a number and its unit in canonical form ("90%", "60 d", "7"). */
static char *
format_bound(char *p, double v, Unit unit)
{
	num_format(v, p);
	p += strlen(p);
	if (unit == UNIT_PERCENT)
		*p++ = '%';
	else if (unit == UNIT_DAYS)
	{
		*p++ = ' ';
		*p++ = 'd';
	}
	*p = '\0';
	return p;
}

/* target_format: the canonical text form into buf (TARGET_BUFLEN bytes). */
void
target_format(const Target *t, char *buf)
{
	char	   *p = buf;

	if (t->op == TOP_RANGE)
	{
		p = format_bound(p, t->lo, (Unit) t->unit);
		*p++ = '.';
		*p++ = '.';
		format_bound(p, t->hi, (Unit) t->unit);
		return;
	}
	p += sprintf(p, "%s ", target_op_symbol((TargetOp) t->op));
	format_bound(p, t->lo, (Unit) t->unit);
}

/*
 * target_validate: whether a value built elsewhere (binary input) is one target_parse
 * could produce; if not, fills err and returns false.  CORE_SYNTAX: an unknown operator or
 * unit or non-zero padding; CORE_OUT_OF_RANGE: a bound that is not finite (NaN and
 * Infinity are never targets); CORE_INVALID: negative zero, hi != lo outside a range, or a
 * range with lo > hi.
 */
bool
target_validate(const Target *t, CoreError *err)
{
	bool		pad = false;

	for (int i = 0; i < 6; i++)
		pad |= t->pad[i] != 0;
	if (t->op > TOP_MAX || t->unit > UNIT_MAX || pad)
	{
		core_error(err, CORE_SYNTAX,
				   "Expected an operator code 0-5 and unit 0 (none), 1 (%%) or 2 (d); got operator %d and unit %d.",
				   t->op, t->unit);
		return false;
	}
	if (!isfinite(t->lo) || !isfinite(t->hi))
	{
		core_error(err, CORE_OUT_OF_RANGE,
				   "The bounds of a target are finite numbers; NaN and Infinity are not allowed.");
		return false;
	}
	if ((t->lo == 0.0 && signbit(t->lo)) || (t->hi == 0.0 && signbit(t->hi)))
	{
		core_error(err, CORE_INVALID, "A target never holds a negative zero.");
		return false;
	}
	if (t->op == TOP_RANGE ? !(t->lo <= t->hi) : t->lo != t->hi)
	{
		core_error(err, CORE_INVALID,
				   "A range has low <= high; any other target has one bound, sent twice.");
		return false;
	}
	return true;
}

/* target_check: target_validate without the explanation. */
bool
target_check(const Target *t)
{
	CoreError	err;

	return target_validate(t, &err);
}

/* Orders two finite doubles: -1, 0 or 1. */
static int
cmp_double(double x, double y)
{
	return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * target_cmp: the total order of targets: by unit (none, %, d), then direction (>=, >,
 * <=, <, =, range), then low bound, then high bound, numbers as written.  Two targets
 * compare equal exactly when they are = (same direction, unit and numbers).
 */
int
target_cmp(const Target *x, const Target *y)
{
	int			c;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->op != y->op)
		return x->op < y->op ? -1 : 1;
	if ((c = cmp_double(x->lo, y->lo)) != 0)
		return c;
	return cmp_double(x->hi, y->hi);
}

/* Higher is better: (v - b)/(t - b), without a baseline v/t.  False when dividing by 0. */
static bool
towards_higher(double v, double t, bool has_b, double b, double *out)
{
	double		num = has_b ? v - b : v;
	double		den = has_b ? t - b : t;

	if (den == 0.0)
		return false;
	*out = num / den + 0.0;		/* + 0.0: no negative zero (0/-2) */
	return true;
}

/* Lower is better: (b - v)/(b - t), without a baseline t/v.  False when dividing by 0. */
static bool
towards_lower(double v, double t, bool has_b, double b, double *out)
{
	double		num = has_b ? b - v : t;
	double		den = has_b ? b - t : v;

	if (den == 0.0)
		return false;
	*out = num / den + 0.0;		/* + 0.0: no negative zero (0/-2) */
	return true;
}

/*
 * target_attainment: progress of v towards the target (1 = just reached), all in base
 * units; never clamped.  >=, >: towards_higher; <=, <: towards_lower; a range (and = t,
 * which is the range t..t) gives 1 inside it, towards_higher with t = low below it and
 * towards_lower with t = high above it.  Returns false (SQL NULL) where the formula
 * divides by zero.
 */
bool
target_attainment(const Target *t, double v, bool has_b, double b, double *out)
{
	double		lo = target_lo_base(t);
	double		hi;

	switch ((TargetOp) t->op)
	{
		case TOP_GE:
		case TOP_GT:
			return towards_higher(v, lo, has_b, b, out);
		case TOP_LE:
		case TOP_LT:
			return towards_lower(v, lo, has_b, b, out);
		case TOP_EQ:
		case TOP_RANGE:
			hi = t->op == TOP_EQ ? lo : target_hi_base(t);
			if (v < lo)
				return towards_higher(v, lo, has_b, b, out);
			if (v > hi)
				return towards_lower(v, hi, has_b, b, out);
			*out = 1.0;
			return true;
	}
	return false;
}
