/*
 * fuzz_tally.c: fuzz harness of pekefb.tally (src/tally_core.c).  Text: tally_parse; an
 * accepted value must pass tally_check, print with tally_format, read back to the same
 * counters and print the same text.  Binary: tally_send/tally_recv's three int64 (24 bytes,
 * network order) checked with tally_check, then the same round trip.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "tally_core.h"

#define SEND_LEN 24

const char	fz_name[] = "tally";
const char *const fz_tokens[] = {
	"(", ")", ",", "(0,0,0)", "(3,1,10)", " ( ", " ) ", "(,", ",)", "9223372036854775807",
	"9223372036854775808", "4611686018427387904", NULL
};

/* Formats into an exactly sized heap buffer (so an overrun is an ASan report). */
static char *
format(const Tally *t)
{
	char	   *buf = malloc(TALLY_BUFLEN);

	tally_format(t, buf);
	if (strlen(buf) >= TALLY_BUFLEN - 1)
		fz_fail("tally_format output fills its buffer (may be cut)");
	return buf;
}

/* The binary form, as tally_send writes it. */
static void
encode(const Tally *t, uint8_t *out)
{
	fz_put64(out, (uint64_t) t->a);
	fz_put64(out + 8, (uint64_t) t->b);
	fz_put64(out + 16, (uint64_t) t->n);
}

/* The value of a 24-byte binary form, as tally_recv reads it. */
static void
decode(const uint8_t *b, Tally *t)
{
	t->a = (int64_t) fz_get64(b);
	t->b = (int64_t) fz_get64(b + 8);
	t->n = (int64_t) fz_get64(b + 16);
}

/* The round trip of an accepted value (src is the input it came from, for reports). */
static void
check_value(const Tally *t, const char *src)
{
	Tally		t2,
				t3;
	CoreError	err;
	char	   *out1,
			   *out2;
	uint8_t		b1[SEND_LEN],
				b2[SEND_LEN];

	if (!tally_check(t, &err))
		fz_fail("accepted value fails tally_check (binary input would refuse it): %s", err.detail);
	out1 = format(t);
	if (!tally_parse(out1, &t2, &err))
		fz_fail("output \"%s\" of \"%s\" is refused: %s", out1, src, err.detail);
	if (memcmp(t, &t2, sizeof(Tally)) != 0)
		fz_fail("output \"%s\" reads back as a different value", out1);
	out2 = format(&t2);
	if (strcmp(out1, out2) != 0)
		fz_fail("output not canonical: \"%s\" then \"%s\"", out1, out2);
	encode(t, b1);
	decode(b1, &t3);
	if (!tally_check(&t3, &err) || memcmp(t, &t3, sizeof(Tally)) != 0)
		fz_fail("binary form of \"%s\" does not read back", out1);
	encode(&t3, b2);
	if (memcmp(b1, b2, SEND_LEN) != 0)
		fz_fail("binary form of \"%s\" not identical after recv and send", out1);
	free(out1);
	free(out2);
	fz_roundtrip_checked();
}

/* Text input: parse; a refusal must explain itself, an accepted value must round-trip. */
int
fz_text(const char *s)
{
	Tally		t;
	CoreError	err;

	if (!tally_parse(s, &t, &err))
	{
		if (err.kind == CORE_OK || !fz_good_detail(s, err.detail, sizeof(err.detail)))
			fz_fail("refused without an error kind and a detail that is valid UTF-8: \"%s\"", err.detail);
		return 0;
	}
	check_value(&t, s);
	return 1;
}

/* Binary input as the receive function gets it: decode, check, round-trip. */
int
fz_bin(const uint8_t *b, size_t n)
{
	Tally		t;
	CoreError	err;

	if (n != SEND_LEN)
		return 0;
	decode(b, &t);
	if (!tally_check(&t, &err))
	{
		if (err.kind == CORE_OK || !fz_good_detail("", err.detail, sizeof(err.detail)))
			fz_fail("binary input refused without an error kind and a detail");
		return 0;
	}
	check_value(&t, "(binary)");
	return 1;
}

/* The binary form of an accepted text, to seed the binary mutations. */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	Tally		t;
	CoreError	err;

	if (cap < SEND_LEN || !tally_parse(s, &t, &err))
		return 0;
	encode(&t, out);
	return SEND_LEN;
}
