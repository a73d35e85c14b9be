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
format(const void *t)
{
	char	   *buf = malloc(TALLY_BUFLEN);

	tally_format(t, buf);
	if (strlen(buf) >= TALLY_BUFLEN - 1)
		fz_fail("tally_format output fills its buffer (may be cut)");
	return buf;
}

/* The binary form, as tally_send writes it. */
static void
encode(const void *v, uint8_t *out)
{
	const Tally *t = v;

	fz_put64(out, (uint64_t) t->a);
	fz_put64(out + 8, (uint64_t) t->b);
	fz_put64(out + 16, (uint64_t) t->n);
}

/* The value of a 24-byte binary form, as tally_recv reads it. */
static void
decode(const uint8_t *b, void *v)
{
	Tally	   *t = v;

	t->a = (int64_t) fz_get64(b);
	t->b = (int64_t) fz_get64(b + 8);
	t->n = (int64_t) fz_get64(b + 16);
}

/* tally_parse for the shared checks. */
static bool
parse(const char *s, void *t, CoreError *err)
{
	return tally_parse(s, t, err);
}

/* tally_check for the shared checks (a refusal's detail in err). */
static bool
check(const void *t, CoreError *err)
{
	return tally_check(t, err);
}

static const FzValueType tally_type = {
	sizeof(Tally), SEND_LEN, "tally_check", true,
	parse, format, check, encode, decode
};

/* Text input: parse; a refusal must explain itself, an accepted value must round-trip. */
int
fz_text(const char *s)
{
	return fz_text_value(&tally_type, s);
}

/* Binary input as the receive function gets it: decode, check (a refusal explains itself), round-trip. */
int
fz_bin(const uint8_t *b, size_t n)
{
	return fz_bin_value(&tally_type, b, n);
}

/* The binary form of an accepted text, to seed the binary mutations. */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	return fz_send_value(&tally_type, s, out, cap);
}
