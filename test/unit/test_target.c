/*
 * test_target.c: unit tests of the pekefb.target parser, formatter and attainment rules
 * (src/target_core.c, src/number_core.c), without a server.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "target_core.h"
#include "unit.h"

/* Parses s, formats it, parses that again: true if both parses agree byte for byte. */
static bool
round_trips(const char *s, char *out)
{
	Target		a,
				b;
	CoreError	err;

	if (!target_parse(s, &a, &err))
		return false;
	target_format(&a, out);
	if (!target_parse(out, &b, &err))
		return false;
	return memcmp(&a, &b, sizeof(a)) == 0 && target_check(&a);
}

int
main(void)
{
	/* accepted forms and their canonical output */
	static const struct
	{
		const char *in;
		const char *out;
	}			ok[] = {
		{">= 90%", ">= 90%"},
		{"> 10 %", "> 10%"},
		{"<= 60 d", "<= 60 d"},
		{"< 7", "< 7"},
		{"= 100%", "= 100%"},
		{"80%..95%", "80%..95%"},
		{">= 94,5 %", ">= 94.5%"},
		{">=94.5%", ">= 94.5%"},
		{"  <=  150 pv  ", "<= 150 d"},
		{"< 14 vrk", "< 14 d"},
		{"<7 D", "< 7 d"},
		{"1 d .. 7 d", "1 d..7 d"},
		{"1..7", "1..7"},
		{"-5..-1", "-5..-1"},
		{">= -2,5", ">= -2.5"},
		{"= 0", "= 0"},
		{"= -0", "= 0"},
		{">= 0.1%", ">= 0.1%"},
		{">= 1e20", ">= 1e+20"},
		{"50%..50%", "50%..50%"},
		/* issue 11: the deadline's Swedish and Finnish day words, working days, per 1000 */
		{"< 7 dagar", "< 7 d"},
		{"< 7 dygn", "< 7 d"},
		{"<= 14 päivää", "<= 14 d"},
		{">= 90 days", ">= 90 d"},
		{"<= 7 vardagar", "<= 7 wd"},
		{"<= 7 ARKIPÄIVÄÄ", "<= 7 wd"},
		{"<= 2,5 ‰", "<= 2.5 per 1000"},
		{"<= 2.5 per 1000", "<= 2.5 per 1000"},
		{"1 per 1000..3 per 1 000", "1 per 1000..3 per 1000"},
		{"1‰..3‰", "1 per 1000..3 per 1000"},
	};
	/* rejected forms and the error kind */
	static const struct
	{
		const char *in;
		CoreErrorKind kind;
	}			bad[] = {
		{"", CORE_SYNTAX},
		{"   ", CORE_SYNTAX},
		{">== 5", CORE_SYNTAX},
		{"=> 5", CORE_SYNTAX},
		{"!= 5", CORE_SYNTAX},
		{"== 5", CORE_SYNTAX},
		{">=", CORE_SYNTAX},
		{">= %", CORE_SYNTAX},
		{">= NaN", CORE_SYNTAX},
		{">= Infinity", CORE_SYNTAX},
		{">= inf %", CORE_SYNTAX},
		{">= 90% x", CORE_SYNTAX},
		{">= 90%%", CORE_SYNTAX},
		{">= 90 fortnights", CORE_SYNTAX},
		{"1 d..3 wd", CORE_SYNTAX},
		{"<= 2 per 1000x", CORE_SYNTAX},
		{"90%", CORE_SYNTAX},
		{"90%..", CORE_SYNTAX},
		{"..95%", CORE_SYNTAX},
		{"80..95%", CORE_SYNTAX},
		{"80%..95 d", CORE_SYNTAX},
		{"80%...95%", CORE_SYNTAX},
		{"80%..95%..99%", CORE_SYNTAX},
		{">= 5.", CORE_SYNTAX},
		{">= .5", CORE_SYNTAX},
		{">= 1,2,3", CORE_SYNTAX},
		{">= 1e", CORE_SYNTAX},
		{">= 1e999", CORE_OUT_OF_RANGE},
		{">= 1e-999", CORE_OUT_OF_RANGE},
		{"95%..80%", CORE_INVALID},
	};
	char		buf[TARGET_BUFLEN];
	char		name[200];
	Target		t;
	CoreError	err;
	bool		all;
	double		r;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
	{
		bool		parsed = target_parse(ok[i].in, &t, &err);

		if (parsed)
			target_format(&t, buf);
		snprintf(name, sizeof(name), "target accepts \"%s\" as \"%s\"", ok[i].in, ok[i].out);
		CHECK(name, parsed && strcmp(buf, ok[i].out) == 0 && round_trips(ok[i].in, buf));
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		bool		parsed = target_parse(bad[i].in, &t, &err);

		snprintf(name, sizeof(name), "target rejects \"%s\" (kind %d)", bad[i].in, (int) bad[i].kind);
		CHECK(name, !parsed && err.kind == bad[i].kind && err.detail[0] != '\0');
	}

	/* display units and base units: 90% is stored as 90 and means exactly the double 0.9 */
	target_parse(">= 90%", &t, &err);
	CHECK("90% stores 90 and has base value 0.9", t.lo == 90 && target_lo_base(&t) == 0.9);
	target_parse(">= 94,5 %", &t, &err);
	CHECK("94,5% has base value 0.945", target_lo_base(&t) == 0.945);

	target_parse("<= 2,5 ‰", &t, &err);
	CHECK("2.5 per 1000 stores 2.5 and has base value 0.0025", t.lo == 2.5 && target_lo_base(&t) == 0.0025);

	/* shortest round-trip formatting over many doubles: text -> double identical */
	all = true;
	srand(42);
	for (int i = 0; i < 100000 && all; i++)
	{
		double		v = ldexp((double) rand() / RAND_MAX, rand() % 200 - 100) * (i % 2 ? 1 : -1);
		char		text[NUM_BUFLEN];
		const char *p = text;
		double		back;

		num_format(v, text);
		all = num_parse(&p, &back) == NUM_OK && *p == '\0' && back == v;
	}
	CHECK("num_format output reads back identically (100000 doubles)", all);
	num_format(0.1, buf);
	CHECK("0.1 prints as 0.1", strcmp(buf, "0.1") == 0);
	num_format(0.1 + 0.2, buf);
	CHECK("0.1 + 0.2 prints as 0.30000000000000004", strcmp(buf, "0.30000000000000004") == 0);

	/* attained: directions and ends */
	target_parse(">= 90%", &t, &err);
	CHECK(">= 90% met by 0.9, not by 0.8999", target_met(&t, 0.9) && !target_met(&t, 0.8999));
	target_parse("> 10%", &t, &err);
	CHECK("> 10% not met by 0.1, met by 0.11", !target_met(&t, 0.1) && target_met(&t, 0.11));
	target_parse("<= 150 d", &t, &err);
	CHECK("<= 150 d met by 150, not by 150.5", target_met(&t, 150) && !target_met(&t, 150.5));
	target_parse("< 7", &t, &err);
	CHECK("< 7 met by 6.9, not by 7", target_met(&t, 6.9) && !target_met(&t, 7));
	target_parse("= 100%", &t, &err);
	CHECK("= 100% met by 1 only", target_met(&t, 1.0) && !target_met(&t, 0.99));
	target_parse("80%..95%", &t, &err);
	CHECK("80%..95% met at both ends, not outside",
		  target_met(&t, 0.8) && target_met(&t, 0.95) && !target_met(&t, 0.79) && !target_met(&t, 0.96));

	/* attainment formulas */
	target_parse(">= 90%", &t, &err);
	CHECK(">= 90%: 643/760 gives 0.94006",
		  target_attainment(&t, 643.0 / 760.0, false, 0, &r) && fabs(r - 0.940058) < 1e-6);
	CHECK(">= 90% from baseline 0.85: 0.875 is halfway",
		  target_attainment(&t, 0.875, true, 0.85, &r) && fabs(r - 0.5) < 1e-12);
	CHECK(">= 90% with baseline 0.9 divides by zero (NULL)", !target_attainment(&t, 0.95, true, 0.9, &r));
	target_parse("<= 60 d", &t, &err);
	CHECK("<= 60 d: 80 days gives 0.75", target_attainment(&t, 80, false, 0, &r) && r == 0.75);
	CHECK("<= 60 d from baseline 150: 120 days gives 1/3",
		  target_attainment(&t, 120, true, 150, &r) && fabs(r - 1.0 / 3) < 1e-12);
	CHECK("<= 60 d: 0 days divides by zero (NULL)", !target_attainment(&t, 0, false, 0, &r));
	target_parse("80%..95%", &t, &err);
	CHECK("80%..95%: inside is 1", target_attainment(&t, 0.9, false, 0, &r) && r == 1.0);
	CHECK("80%..95%: 0.6 below is 0.6/0.8", target_attainment(&t, 0.6, false, 0, &r) && r == 0.6 / 0.8);
	CHECK("80%..95%: 1.0 above is 0.95/1", target_attainment(&t, 1.0, false, 0, &r) && r == 0.95);
	target_parse("= 100%", &t, &err);
	CHECK("= 100%: 0.5 is 0.5, exact is 1",
		  target_attainment(&t, 0.5, false, 0, &r) && r == 0.5 &&
		  target_attainment(&t, 1.0, false, 0, &r) && r == 1.0);

	/* binary check rejects what the parser never produces */
	target_parse("80%..95%", &t, &err);
	t.lo = 99;
	CHECK("target_check rejects low > high", !target_check(&t));
	target_parse(">= 5", &t, &err);
	t.hi = 6;
	CHECK("target_check rejects hi != lo outside ranges", !target_check(&t));
	target_parse(">= 5", &t, &err);
	t.lo = t.hi = NAN;
	CHECK("target_check rejects NaN", !target_check(&t));
	return unit_exit();
}
