/*
 * test_tally.c: unit tests of tally_core.c: parsing and canonical output, the rule
 * 0 <= a, 0 <= b, a + b <= n, overflow-checked updates and the order; and the orders of
 * indicator, target and deadline (indicator_cmp, target_cmp, dl_cmp), without a server.
 */
#include <math.h>
#include <string.h>

#include "deadline_core.h"
#include "indicator_core.h"
#include "tally_core.h"
#include "target_core.h"
#include "unit.h"

/* The error kind of parsing s (CORE_OK when it parses). */
static CoreErrorKind
parse_kind(const char *s)
{
	Tally		t;
	CoreError	err;

	return tally_parse(s, &t, &err) ? CORE_OK : err.kind;
}

/* Whether s parses and prints as want. */
static bool
parses_as(const char *s, const char *want)
{
	Tally		t;
	CoreError	err;
	char		buf[TALLY_BUFLEN];

	if (!tally_parse(s, &t, &err))
		return false;
	tally_format(&t, buf);
	return strcmp(buf, want) == 0;
}

/* Sign of an int, for comparing orders. */
static int
sgn(int c)
{
	return (c > 0) - (c < 0);
}

int
main(void)
{
	Tally		t;
	CoreError	err;
	char		buf[TALLY_BUFLEN];

	CHECK("tally parses (3,1,10)", parses_as("(3,1,10)", "(3,1,10)"));
	CHECK("tally allows spaces", parses_as(" ( 0 , 0 , 0 ) ", "(0,0,0)"));
	CHECK("tally reads the largest counter",
		  parses_as("(9223372036854775807,0,9223372036854775807)", "(9223372036854775807,0,9223372036854775807)"));
	CHECK("tally -0 is 0", parses_as("(-0,0,1)", "(0,0,1)"));
	CHECK("tally syntax: two counters", parse_kind("(1,2)") == CORE_SYNTAX);
	CHECK("tally syntax: trailing text", parse_kind("(1,2,3) x") == CORE_SYNTAX);
	CHECK("tally syntax: empty", parse_kind("") == CORE_SYNTAX);
	CHECK("tally syntax: plus sign", parse_kind("(+1,0,1)") == CORE_SYNTAX);
	CHECK("tally syntax: lone minus", parse_kind("(-,0,1)") == CORE_SYNTAX);
	CHECK("tally range: 2^63", parse_kind("(9223372036854775808,0,0)") == CORE_OUT_OF_RANGE);
	CHECK("tally range: -2^63 - 1", parse_kind("(-9223372036854775809,0,0)") == CORE_OUT_OF_RANGE);
	CHECK("tally range: many digits", parse_kind("(1,0,99999999999999999999999999)") == CORE_OUT_OF_RANGE);
	CHECK("tally invalid: negative", parse_kind("(1,-2,3)") == CORE_INVALID);
	CHECK("tally invalid: -2^63", parse_kind("(0,0,-9223372036854775808)") == CORE_INVALID);
	CHECK("tally invalid: a + b > n", parse_kind("(5,6,10)") == CORE_INVALID);
	CHECK("tally invalid: a > n", parse_kind("(11,0,10)") == CORE_INVALID);
	CHECK("tally invalid: a + b overflows",
		  parse_kind("(9223372036854775807,9223372036854775807,9223372036854775807)") == CORE_INVALID);
	CHECK("tally valid: a + b = n", parse_kind("(4,6,10)") == CORE_OK);

	/* checked updates */
	t = (Tally) {1, 0, 9223372036854775806};
	CHECK("tally_add up to the maximum", tally_add(&t, 0, 0, 1, &err) && t.n == INT64_MAX);
	CHECK("tally_add past the maximum is out of range",
		  !tally_add(&t, 0, 0, 1, &err) && err.kind == CORE_OUT_OF_RANGE && t.n == INT64_MAX && t.a == 1);
	t = (Tally) {0, 0, 0};
	CHECK("tally_add removing from empty is invalid",
		  !tally_add(&t, 0, 0, -1, &err) && err.kind == CORE_INVALID && t.n == 0);
	t = (Tally) {1, 1, 2};
	CHECK("tally_add: a + b > n after removal is invalid", !tally_add(&t, 0, 0, -1, &err) && err.kind == CORE_INVALID);
	CHECK("tally_add: removal keeps the rule", tally_add(&t, -1, 0, -1, &err) && t.a == 0 && t.b == 1 && t.n == 1);
	t = (Tally) {INT64_MAX, 0, INT64_MAX};
	CHECK("tally_add: a overflows first", !tally_add(&t, 1, 0, 1, &err) && err.kind == CORE_OUT_OF_RANGE);
	CHECK("tally_add_slow agrees with tally_add", tally_add_slow(&(Tally) {0, 0, 0}, 1, 1, 2, &err));
	tally_format(&(Tally) {INT64_MAX, INT64_MAX, INT64_MAX}, buf);
	CHECK("tally_format fits the largest value", strlen(buf) == 61);

	/*
	 * tally_add against 128-bit arithmetic on random states near the edges: it succeeds
	 * exactly when the exact result fits in int64 and keeps the rule, and then equals it;
	 * on failure t is unchanged.  Every accepted state formats and parses back to itself.
	 */
	{
		uint64_t	seed = 88172645463325252ULL;
		bool		agree = true,
					round_trip = true;
		const int64_t edge[] = {0, 1, 2, 3, INT64_MAX - 2, INT64_MAX - 1, INT64_MAX, -1, INT64_MIN};

		for (int k = 0; k < 200000; k++)
		{
			int64_t		v[6];
			Tally		s,
						before;
			__int128	ra,
						rb,
						rn;
			bool		want,
						got;

			for (int j = 0; j < 6; j++)
			{
				seed ^= seed << 13;
				seed ^= seed >> 7;
				seed ^= seed << 17;
				v[j] = (seed & 1) ? edge[(seed >> 1) % 9] : (int64_t) (seed >> 8) % 1000 - (j >= 3 ? 500 : 0);
			}
			s = (Tally) {v[0], v[1], v[2]};
			if (!tally_check(&s, &err))
				continue;
			before = s;
			ra = (__int128) s.a + v[3];
			rb = (__int128) s.b + v[4];
			rn = (__int128) s.n + v[5];
			want = ra >= 0 && rb >= 0 && rn <= INT64_MAX && ra <= INT64_MAX && rb <= INT64_MAX && ra + rb <= rn;
			got = tally_add(&s, v[3], v[4], v[5], &err);
			if (got != want || (got && (s.a != ra || s.b != rb || s.n != rn)) ||
				(!got && memcmp(&s, &before, sizeof(s)) != 0))
				agree = false;
			if (got)
			{
				Tally		back;

				tally_format(&s, buf);
				if (!tally_parse(buf, &back, &err) || memcmp(&back, &s, sizeof(s)) != 0)
					round_trip = false;
			}
		}
		CHECK("tally_add agrees with exact arithmetic on 200000 random updates", agree);
		CHECK("every tally formats and parses back to itself", round_trip);
	}

	/* order */
	CHECK("tally_cmp by a first", tally_cmp(&(Tally) {1, 9, 10}, &(Tally) {2, 0, 2}) < 0);
	CHECK("tally_cmp then b", tally_cmp(&(Tally) {1, 0, 10}, &(Tally) {1, 1, 2}) < 0);
	CHECK("tally_cmp then n", tally_cmp(&(Tally) {1, 1, 3}, &(Tally) {1, 1, 2}) > 0);
	CHECK("tally_cmp equal", tally_cmp(&(Tally) {1, 1, 3}, &(Tally) {1, 1, 3}) == 0);

	/* indicator order: unit, value, kind, numerator, denominator; 0 only for = */
	{
		static const char *const sorted[] = {"-2", "0", "33", "0/5", "45%", "9/20", "18/40", "698/788",
		"120%", "0 d", "11140/2331 d", "4.78 d"};
		int			n = (int) (sizeof(sorted) / sizeof(sorted[0]));
		bool		ok = true;

		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
			{
				Indicator	x,
							y;

				if (!indicator_parse(sorted[i], &x, &err) || !indicator_parse(sorted[j], &y, &err))
					ok = false;
				else if (sgn(indicator_cmp(&x, &y)) != sgn(i - j))
				{
					printf("  indicator_cmp(%s, %s) = %d\n", sorted[i], sorted[j], indicator_cmp(&x, &y));
					ok = false;
				}
			}
		CHECK("indicator_cmp is the documented total order", ok);
	}
	{
		Indicator	x;

		CHECK("indicator 1/5e-324 is out of range",
			  !indicator_parse("1/5e-324", &x, &err) && err.kind == CORE_OUT_OF_RANGE);
		CHECK("indicator 1e308/1e-10 d is out of range",
			  !indicator_parse("1e308/1e-10 d", &x, &err) && err.kind == CORE_OUT_OF_RANGE);
		CHECK("indicator 5e-324/1 is fine", indicator_parse("5e-324/1", &x, &err));
		memset(&x, 0, sizeof(x));
		x.kind = IND_RATIO;
		x.unit = UNIT_PERCENT;
		x.num = 1;
		x.den = 5e-324;
		CHECK("indicator_validate refuses an infinite ratio",
			  !indicator_validate(&x, &err) && err.kind == CORE_OUT_OF_RANGE);
		x.den = 1;
		x.num = NAN;
		CHECK("indicator_validate refuses NaN", !indicator_validate(&x, &err) && err.kind == CORE_OUT_OF_RANGE);
		x.num = 1;
		x.unit = 7;
		CHECK("indicator_validate: unknown unit is a syntax error",
			  !indicator_validate(&x, &err) && err.kind == CORE_SYNTAX);
	}

	/* target order: unit, direction, low, high */
	{
		static const char *const sorted[] = {">= 5", "< 7", "1..7", ">= 80%", ">= 90%", "> 90%",
		"<= 5%", "= 100%", "80%..95%", "80%..99%", "85%..90%", "<= 60 d"};
		int			n = (int) (sizeof(sorted) / sizeof(sorted[0]));
		bool		ok = true;

		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
			{
				Target		x,
							y;

				if (!target_parse(sorted[i], &x, &err) || !target_parse(sorted[j], &y, &err))
					ok = false;
				else if (sgn(target_cmp(&x, &y)) != sgn(i - j))
				{
					printf("  target_cmp(%s, %s) = %d\n", sorted[i], sorted[j], target_cmp(&x, &y));
					ok = false;
				}
			}
		CHECK("target_cmp is the documented total order", ok);
	}

	/* deadline order: unit, then length */
	CHECK("dl_cmp: days before working days",
		  dl_cmp(dl_make(DL_DAYS, 3650), dl_make(DL_WORKING_DAYS, 1)) < 0);
	CHECK("dl_cmp: working days before months",
		  dl_cmp(dl_make(DL_WORKING_DAYS, 600), dl_make(DL_MONTHS, 1)) < 0);
	CHECK("dl_cmp: by length", dl_cmp(dl_make(DL_DAYS, 7), dl_make(DL_DAYS, 14)) < 0);
	CHECK("dl_cmp: equal", dl_cmp(dl_make(DL_MONTHS, 3), dl_make(DL_MONTHS, 3)) == 0);

	return unit_exit();
}
