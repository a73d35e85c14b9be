/*
 * fuzz_tally.c: fuzz harness of pekefb.tally (src/tally_core.c).  Text: tally_parse; an
 * accepted value must pass tally_valid, print with tally_format, read back to the same
 * counters and print the same text.  Binary: tally_send/tally_recv's three int64 (24 bytes,
 * network order) checked with tally_valid, then the same round trip.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "tally_core.h"

#define SEND_LEN 24

const char	fz_name[] = "tally";
const char *const fz_tokens[] = {
	"(", ")", ",", "(0,0,0)", "(3,1,10)", " ( ", " ) ", "(,", ",)", "9223372036854775807",
	"9223372036854775808", NULL
};

/* Formats into an exactly sized heap buffer (so an overrun is an ASan report). */
static char *
format(const int64_t v[3])
{
	char	   *buf = malloc(TALLY_BUFLEN);

	tally_format(v, buf);
	if (strlen(buf) >= TALLY_BUFLEN - 1)
		fz_fail("tally_format output fills its buffer (may be cut)");
	return buf;
}

/* The round trip of an accepted value (src is the input it came from, for reports). */
static void
check_value(const int64_t v[3], const char *src)
{
	int64_t		v2[3];
	char	   *out1,
			   *out2;
	uint8_t		b[SEND_LEN];

	if (!tally_valid(v))
		fz_fail("accepted value fails tally_valid (binary input would refuse it)");
	out1 = format(v);
	if (tally_parse(out1, v2) != TALLY_PARSE_OK)
		fz_fail("output \"%s\" of \"%s\" is refused", out1, src);
	if (memcmp(v, v2, sizeof(v2)) != 0)
		fz_fail("output \"%s\" reads back as a different value", out1);
	out2 = format(v2);
	if (strcmp(out1, out2) != 0)
		fz_fail("output not canonical: \"%s\" then \"%s\"", out1, out2);
	for (int i = 0; i < 3; i++)
		fz_put64(b + 8 * i, (uint64_t) v[i]);
	for (int i = 0; i < 3; i++)
		if ((int64_t) fz_get64(b + 8 * i) != v[i])
			fz_fail("binary form of \"%s\" does not read back", out1);
	free(out1);
	free(out2);
	fz_roundtrip_checked();
}

/* Text input: parse; a refusal must explain itself, an accepted value must round-trip. */
int
fz_text(const char *s)
{
	int64_t		v[3];
	TallyParseStatus st = tally_parse(s, v);

	if (st != TALLY_PARSE_OK)
	{
		if (st != TALLY_PARSE_SYNTAX && st != TALLY_PARSE_RANGE)
			fz_fail("refused with an unknown status");
		return 0;
	}
	check_value(v, s);
	return 1;
}

/* Binary input as the receive function gets it: decode, check, round-trip. */
int
fz_bin(const uint8_t *b, size_t n)
{
	int64_t		v[3];

	if (n != SEND_LEN)
		return 0;
	for (int i = 0; i < 3; i++)
		v[i] = (int64_t) fz_get64(b + 8 * i);
	if (!tally_valid(v))
		return 0;
	check_value(v, "(binary)");
	return 1;
}

/* The binary form of an accepted text, to seed the binary mutations. */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	int64_t		v[3];

	if (cap < SEND_LEN || tally_parse(s, v) != TALLY_PARSE_OK)
		return 0;
	for (int i = 0; i < 3; i++)
		fz_put64(out + 8 * i, (uint64_t) v[i]);
	return SEND_LEN;
}
