/*
 * test_tally.c: unit tests of the pekefb.tally text form (src/tally_core.c).
 */
#include <string.h>

#include "tally_core.h"
#include "unit.h"

/* Parses s and compares the canonical text with expect. */
static int
reads_as(const char *s, const char *expect)
{
	int64_t		v[3];
	char		buf[TALLY_BUFLEN];

	if (tally_parse(s, v) != TALLY_PARSE_OK)
		return 0;
	tally_format(v, buf);
	return strcmp(buf, expect) == 0;
}

/* The checks; exit status 1 on any failure. */
int
main(void)
{
	int64_t		v[3];

	CHECK("tally: (3,1,10)", reads_as("(3,1,10)", "(3,1,10)"));
	CHECK("tally: spaces around", reads_as("  ( 3 , 1 , 10 )  ", "(3,1,10)"));
	CHECK("tally: leading zeros", reads_as("(007,0,00)", "(7,0,0)"));
	CHECK("tally: int64 max", reads_as("(9223372036854775807,0,9223372036854775807)",
									   "(9223372036854775807,0,9223372036854775807)"));
	CHECK("tally: 2^63 is out of range", tally_parse("(9223372036854775808,0,0)", v) == TALLY_PARSE_RANGE);
	CHECK("tally: syntax before range", tally_parse("(9223372036854775808,0)", v) == TALLY_PARSE_SYNTAX);
	CHECK("tally: empty", tally_parse("", v) == TALLY_PARSE_SYNTAX);
	CHECK("tally: open paren only", tally_parse("(", v) == TALLY_PARSE_SYNTAX);
	CHECK("tally: negative", tally_parse("(-1,0,0)", v) == TALLY_PARSE_SYNTAX);
	CHECK("tally: plus sign", tally_parse("(+1,0,0)", v) == TALLY_PARSE_SYNTAX);
	CHECK("tally: four counters", tally_parse("(1,2,3,4)", v) == TALLY_PARSE_SYNTAX);
	CHECK("tally: trailing", tally_parse("(1,2,3)x", v) == TALLY_PARSE_SYNTAX);
	CHECK("tally: tab is not a space", tally_parse("(1,\t2,3)", v) == TALLY_PARSE_SYNTAX);
	CHECK("tally: valid", tally_valid((int64_t[3]) {0, 0, 0}));
	CHECK("tally: negative invalid", !tally_valid((int64_t[3]) {0, -1, 0}));
	return unit_exit();
}
