/*
 * test_indicator.c: unit tests of the pekefb.indicator parser, formatter and addition
 * (src/indicator_core.c), without a server.
 */
#include <math.h>
#include <string.h>

#include "indicator_core.h"
#include "unit.h"

/* Parses s, formats it, parses that again: true if both parses agree byte for byte. */
static bool
round_trips(const char *s)
{
	Indicator	a,
				b;
	CoreError	err;
	char		out[INDICATOR_BUFLEN];

	if (!indicator_parse(s, &a, &err))
		return false;
	indicator_format(&a, out);
	if (!indicator_parse(out, &b, &err))
		return false;
	return memcmp(&a, &b, sizeof(a)) == 0 && indicator_check(&a);
}

int
main(void)
{
	static const struct
	{
		const char *in;
		const char *out;
		double		value;
	}			ok[] = {
		{"698/788", "698/788", 698.0 / 788.0},
		{"698/788 %", "698/788", 698.0 / 788.0},
		{" 698 / 788% ", "698/788", 698.0 / 788.0},
		{"11140/2331 d", "11140/2331 d", 11140.0 / 2331.0},
		{"11140/2331 pv", "11140/2331 d", 11140.0 / 2331.0},
		{"45%", "45%", 0.45},
		{"45 %", "45%", 0.45},
		{"4.78 d", "4.78 d", 4.78},
		{"4,78 d", "4.78 d", 4.78},
		{"4,78 vrk", "4.78 d", 4.78},
		{"33", "33", 33},
		{"-2", "-2", -2},
		{"-0", "0", 0},
		{"0/5", "0/5", 0},
		{"0,5/2", "0.5/2", 0.25},
		{"1e3/2e3", "1000/2000", 0.5},
		{"120%", "120%", 1.2},
		/* issue 11: the deadline's Swedish and Finnish day words, working days, per 1000 */
		{"4,78 dagar", "4.78 d", 4.78},
		{"4,78 dygn", "4.78 d", 4.78},
		{"4 päivää", "4 d", 4},
		{"4 PÄIVÄÄ", "4 d", 4},
		{"45 days", "45 d", 45},
		{"6 vardagar", "6 wd", 6},
		{"6 arkipäivää", "6 wd", 6},
		{"120/20 wd", "120/20 wd", 6},
		{"123/45000 per 1000", "123/45000 per 1000", 123.0 / 45000.0},
		{"123/45000 ‰", "123/45000 per 1000", 123.0 / 45000.0},
		{"123 / 45000 per 1 000", "123/45000 per 1000", 123.0 / 45000.0},
		{"2,7 ‰", "2.7 per 1000", 0.0027},
		{"2.7 promille", "2.7 per 1000", 0.0027},
	};
	static const struct
	{
		const char *in;
		CoreErrorKind kind;
	}			bad[] = {
		{"", CORE_SYNTAX},
		{" ", CORE_SYNTAX},
		{"abc", CORE_SYNTAX},
		{"NaN", CORE_SYNTAX},
		{"Infinity", CORE_SYNTAX},
		{"1/", CORE_SYNTAX},
		{"/5", CORE_SYNTAX},
		{"1/2/3", CORE_SYNTAX},
		{"1/2 x", CORE_SYNTAX},
		{"45%%", CORE_SYNTAX},
		{"45 fortnights", CORE_SYNTAX},
		{"2 per 100", CORE_SYNTAX},
		{"2 per 10000", CORE_SYNTAX},
		{"2 per", CORE_SYNTAX},
		{"1//2", CORE_SYNTAX},
		{"4.78.1 d", CORE_SYNTAX},
		{"1e999", CORE_OUT_OF_RANGE},
		{"1/1e999", CORE_OUT_OF_RANGE},
		{"1/0", CORE_INVALID},
		{"0/0", CORE_INVALID},
		{"-1/5", CORE_INVALID},
		{"5/-1", CORE_INVALID},
	};
	char		buf[INDICATOR_BUFLEN];
	char		name[200];
	Indicator	x,
				y;
	CoreError	err;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
	{
		bool		parsed = indicator_parse(ok[i].in, &x, &err);

		if (parsed)
			indicator_format(&x, buf);
		snprintf(name, sizeof(name), "indicator accepts \"%s\" as \"%s\" = %g", ok[i].in, ok[i].out, ok[i].value);
		CHECK(name, parsed && strcmp(buf, ok[i].out) == 0 && indicator_value(&x) == ok[i].value &&
			  round_trips(ok[i].in));
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		bool		parsed = indicator_parse(bad[i].in, &x, &err);

		snprintf(name, sizeof(name), "indicator rejects \"%s\" (kind %d)", bad[i].in, (int) bad[i].kind);
		CHECK(name, !parsed && err.kind == bad[i].kind && err.detail[0] != '\0');
	}

	/* kinds and units */
	indicator_parse("698/788", &x, &err);
	CHECK("a bare ratio is a share in %", x.kind == IND_RATIO && x.unit == UNIT_PERCENT);
	indicator_parse("33", &x, &err);
	CHECK("a bare number is a plain quantity", x.kind == IND_QUANTITY && x.unit == UNIT_NONE);

	/* rates per 1000 add numerators and populations, not rates (Sotkanet PER1000) */
	indicator_parse("123/45000 per 1000", &x, &err);
	indicator_parse("7/1200 ‰", &y, &err);
	CHECK("123/45000 per 1000 + 7/1200 per 1000 = 130/46200 per 1000",
		  indicator_add(&x, &y, &err) && x.num == 130 && x.den == 46200 && x.unit == UNIT_PER_MILLE);
	indicator_parse("2 d", &x, &err);
	indicator_parse("2 wd", &y, &err);
	CHECK("days and working days do not add", !indicator_add(&x, &y, &err) && err.kind == CORE_INVALID);
	indicator_parse("45 vardagarna", &x, &err);
	CHECK("an unknown unit lists the unit words in the detail",
		  strstr(err.detail, "Unknown unit at \"vardagarna\"") != NULL && strstr(err.detail, "vardagar") != NULL);

	/* addition: ratios add numerators and denominators */
	indicator_parse("698/788", &x, &err);
	indicator_parse("810/896", &y, &err);
	CHECK("698/788 + 810/896 = 1508/1684", indicator_add(&x, &y, &err) && x.num == 1508 && x.den == 1684);
	indicator_parse("4.12 d", &x, &err);
	indicator_parse("-0.12 d", &y, &err);
	CHECK("4.12 d + -0.12 d = 4 d", indicator_add(&x, &y, &err) && x.num == 4.12 + -0.12);
	indicator_parse("698/788", &x, &err);
	indicator_parse("45%", &y, &err);
	CHECK("ratio + quantity is invalid, acc unchanged",
		  !indicator_add(&x, &y, &err) && err.kind == CORE_INVALID && x.num == 698 && x.den == 788);
	indicator_parse("698/788", &x, &err);
	indicator_parse("11140/2331 d", &y, &err);
	CHECK("% ratio + d ratio is invalid", !indicator_add(&x, &y, &err) && err.kind == CORE_INVALID);
	indicator_parse("1e308", &x, &err);
	indicator_parse("1e308", &y, &err);
	CHECK("overflowing sum is out of range", !indicator_add(&x, &y, &err) && err.kind == CORE_OUT_OF_RANGE);

	/* binary check */
	indicator_parse("1/2", &x, &err);
	x.den = 0;
	CHECK("indicator_check rejects a zero denominator", !indicator_check(&x));
	indicator_parse("5", &x, &err);
	x.den = 1;
	CHECK("indicator_check rejects a quantity with a denominator", !indicator_check(&x));
	indicator_parse("1/2", &x, &err);
	x.unit = UNIT_NONE;
	CHECK("indicator_check rejects a ratio without unit", !indicator_check(&x));
	return unit_exit();
}
