/*
 * tally_core.h: the text form of the pekefb.tally state "(a,b,n)" in plain C99 (no
 * PostgreSQL headers), so that the parser can be unit-tested and fuzzed outside the server.
 * src/tally.c wraps these in the type's input, output and receive functions.
 */
#ifndef PEKEFB_TALLY_CORE_H
#define PEKEFB_TALLY_CORE_H

#include <stdbool.h>
#include <stdint.h>

/* Outcome of tally_parse. */
typedef enum TallyParseStatus
{
	TALLY_PARSE_OK = 0,
	TALLY_PARSE_SYNTAX,			/* unparsable text: 22P02 */
	TALLY_PARSE_RANGE			/* a counter beyond int64: 22003 */
} TallyParseStatus;

/* Longest text tally_format writes, with the terminating NUL: "(" 3 × 19 digits, 2 commas ")". */
#define TALLY_BUFLEN 64

/* Parses "(a,b,n)": three non-negative decimal integers, spaces allowed around them. */
extern TallyParseStatus tally_parse(const char *s, int64_t v[3]);

/* The canonical text "(a,b,n)" into buf (TALLY_BUFLEN bytes). */
extern void tally_format(const int64_t v[3], char *buf);

/* Whether three counters (e.g. from binary input) are a value tally_parse can produce. */
extern bool tally_valid(const int64_t v[3]);

#endif
