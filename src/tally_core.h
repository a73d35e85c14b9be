/*
 * tally_core.h: the pekefb.tally value (three 64-bit counters a, b, n), its text parser and
 * formatter, its consistency rule, overflow-checked updates and its total order.  Plain
 * C99 (with GCC's overflow builtins), no PostgreSQL headers, so it can be unit-tested and
 * fuzzed outside the server.
 *
 * Every tally satisfies 0 <= a, 0 <= b and a + b <= n: a and b count disjoint subsets of
 * the n rows (or, for item_mean, points out of n possible points).  Nothing outside this
 * rule is accepted as input or returned by any function.
 */
#ifndef PEKEFB_TALLY_CORE_H
#define PEKEFB_TALLY_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "number_core.h"

typedef struct Tally
{
	int64_t		a;
	int64_t		b;
	int64_t		n;
} Tally;

/* Longest text tally_format writes ("(" 3 x 20 digits, 2 commas, ")"), with the NUL. */
#define TALLY_BUFLEN 72

extern bool tally_parse(const char *s, Tally *t, CoreError *err);
extern void tally_format(const Tally *t, char *buf);
extern bool tally_check(const Tally *t, CoreError *err);
extern bool tally_add_slow(Tally *t, int64_t da, int64_t db, int64_t dn, CoreError *err);
extern int	tally_cmp(const Tally *x, const Tally *y);

/*
 * tally_add: t += (da, db, dn), all three at once.  False, with t unchanged and err filled,
 * when a counter would overflow an int64 (CORE_OUT_OF_RANGE) or the result would break the
 * rule 0 <= a, 0 <= b, a + b <= n (CORE_INVALID, e.g. removing a row that is not there).
 * Inline: the transition functions call it once per row; failures take the slow path.
 */
static inline bool
tally_add(Tally *t, int64_t da, int64_t db, int64_t dn, CoreError *err)
{
	int64_t		a,
				b,
				n,
				ab;

	if (__builtin_add_overflow(t->a, da, &a) ||
		__builtin_add_overflow(t->b, db, &b) ||
		__builtin_add_overflow(t->n, dn, &n) ||
		a < 0 || b < 0 ||
		__builtin_add_overflow(a, b, &ab) || ab > n)
		return tally_add_slow(t, da, db, dn, err);
	t->a = a;
	t->b = b;
	t->n = n;
	return true;
}

#endif
