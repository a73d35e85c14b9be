/*
 * tally_core.c: parsing, formatting, the consistency rule, checked updates and the order of
 * pekefb.tally (plain C99; see tally_core.h).
 *
 * Text form "(a,b,n)": three decimal integers in parentheses, spaces allowed around them.
 * Canonical output has no spaces: "(3,1,10)".
 */
#include "tally_core.h"

#include <stdio.h>

static const char *const counter_name[] = {"a", "b", "n"};

/* Skips the spaces tally text allows around its parts. */
static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * Reads one optionally negative decimal integer at *pp, advancing *pp.  Returns false if
 * there is no number; sets *overflow when it does not fit in an int64 (the digits are
 * still consumed, so that the syntax of the rest is checked first).
 */
static bool
read_counter(const char **pp, int64_t *out, bool *overflow)
{
	const char *s = *pp;
	bool		neg = false;
	uint64_t	v = 0;
	uint64_t	limit;

	if (*s == '-')
	{
		neg = true;
		s++;
	}
	if (*s < '0' || *s > '9')
		return false;
	limit = neg ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
	while (*s >= '0' && *s <= '9')
	{
		unsigned	d = (unsigned) (*s - '0');

		if (v > (limit - d) / 10)
			*overflow = true;
		else
			v = v * 10 + d;
		s++;
	}
	*pp = s;
	if (neg)
		*out = v == (uint64_t) INT64_MAX + 1 ? INT64_MIN : -(int64_t) v;
	else
		*out = (int64_t) v;
	return true;
}

/*
 * tally_parse: reads "(a,b,n)"; on failure fills err (CORE_SYNTAX unparsable,
 * CORE_OUT_OF_RANGE a counter beyond int64, CORE_INVALID a negative counter or a + b > n)
 * and returns false.
 */
bool
tally_parse(const char *s, Tally *t, CoreError *err)
{
	const char *p = skip_blanks(s);
	int64_t		v[3] = {0, 0, 0};
	bool		overflow = false;

	err->kind = CORE_OK;
	err->detail[0] = '\0';
	t->a = t->b = t->n = 0;

	if (*p++ != '(')
		goto syntax;
	for (int i = 0; i < 3; i++)
	{
		p = skip_blanks(p);
		if (!read_counter(&p, &v[i], &overflow))
			goto syntax;
		p = skip_blanks(p);
		if (*p++ != (i < 2 ? ',' : ')'))
			goto syntax;
	}
	p = skip_blanks(p);
	if (*p != '\0')
		goto syntax;
	if (overflow)
	{
		core_error(err, CORE_OUT_OF_RANGE,
				   "Each counter must be between 0 and %lld.", (long long) INT64_MAX);
		return false;
	}
	t->a = v[0];
	t->b = v[1];
	t->n = v[2];
	return tally_check(t, err);

syntax:
	core_error(err, CORE_SYNTAX,
			   "Expected three non-negative integers in parentheses, like \"(3,1,10)\".");
	return false;
}

/* tally_format: the canonical text "(a,b,n)" into buf (TALLY_BUFLEN bytes). */
void
tally_format(const Tally *t, char *buf)
{
	snprintf(buf, TALLY_BUFLEN, "(%lld,%lld,%lld)",
			 (long long) t->a, (long long) t->b, (long long) t->n);
}

/*
 * tally_check: whether t keeps the rule of every tally (0 <= a, 0 <= b, a + b <= n); if
 * not, fills err (CORE_INVALID) with a sentence naming the broken part.
 */
bool
tally_check(const Tally *t, CoreError *err)
{
	const int64_t v[3] = {t->a, t->b, t->n};

	for (int i = 0; i < 3; i++)
		if (v[i] < 0)
		{
			core_error(err, CORE_INVALID,
					   "Counter %s is %lld; the counters of a tally are never negative.",
					   counter_name[i], (long long) v[i]);
			return false;
		}
	if (t->a > t->n || t->b > t->n - t->a)
	{
		core_error(err, CORE_INVALID,
				   "The counters a = %lld and b = %lld add up to more than n = %lld; a and b count disjoint parts of the n rows.",
				   (long long) t->a, (long long) t->b, (long long) t->n);
		return false;
	}
	return true;
}

/*
 * tally_add_slow: the failing path of tally_add, which says why: a counter that would
 * leave the int64 range (CORE_OUT_OF_RANGE) or a result breaking the rule (CORE_INVALID).
 * Also correct, if slower, as a plain tally_add.
 */
bool
tally_add_slow(Tally *t, int64_t da, int64_t db, int64_t dn, CoreError *err)
{
	const int64_t cur[3] = {t->a, t->b, t->n};
	const int64_t delta[3] = {da, db, dn};
	Tally		r;
	int64_t    *res[3] = {&r.a, &r.b, &r.n};

	for (int i = 0; i < 3; i++)
		if (__builtin_add_overflow(cur[i], delta[i], res[i]))
		{
			core_error(err, CORE_OUT_OF_RANGE,
					   "Counter %s would pass %lld, the largest count a tally holds.",
					   counter_name[i], (long long) (delta[i] > 0 ? INT64_MAX : INT64_MIN));
			return false;
		}
	if (!tally_check(&r, err))
		return false;
	*t = r;
	return true;
}

/* tally_cmp: the total order of tallies: by a, then b, then n (-1, 0 or 1). */
int
tally_cmp(const Tally *x, const Tally *y)
{
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return 0;
}
