/*
 * fuzz_indicator.c: fuzz harness of pekefb.indicator (src/indicator_core.c).  Text:
 * indicator_parse; an accepted value must pass indicator_check, print into a buffer of
 * exactly INDICATOR_BUFLEN bytes, read back to the same bytes and print the same text.
 * Binary: the layout of indicator_send/indicator_recv (kind int8, unit int8, num and den
 * float8, 18 bytes) checked with indicator_check, then the same round trip.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "indicator_core.h"

#define SEND_LEN 18

const char	fz_name[] = "indicator";
const char *const fz_tokens[] = {
	"/", " / ", "//", "698/788", "11140/2331 d", "45%", "4.78 d", "4,78 d", "33", "-2",
	"/0", "/-1", "/1e-400", "/5e-324", "1e308/", " %", " d", " pv", " vrk", "%", "d",
	NULL
};

/* The binary form, as the type's send function writes it. */
static void
encode(const Indicator *x, uint8_t *out)
{
	out[0] = x->kind;
	out[1] = x->unit;
	fz_putf8(out + 2, x->num);
	fz_putf8(out + 10, x->den);
}

/* The value of an 18-byte binary form, as indicator_recv reads it. */
static void
decode(const uint8_t *b, Indicator *x)
{
	memset(x, 0, sizeof(*x));
	x->kind = b[0];
	x->unit = b[1];
	x->num = fz_getf8(b + 2);
	x->den = fz_getf8(b + 10);
}

/* Formats into an exactly sized heap buffer (so an overrun is an ASan report). */
static char *
format(const Indicator *x)
{
	char	   *buf = malloc(INDICATOR_BUFLEN);

	indicator_format(x, buf);
	return buf;
}

/* The round trip of an accepted value (src is the input it came from, for reports). */
static void
check_value(const Indicator *x, const char *src)
{
	Indicator	x2,
				x3;
	CoreError	err;
	uint8_t		b1[SEND_LEN],
				b2[SEND_LEN];
	char	   *out1,
			   *out2;

	if (!indicator_check(x))
		fz_fail("accepted value fails indicator_check (binary input would refuse it)");
	out1 = format(x);
	if (!indicator_parse(out1, &x2, &err))
		fz_fail("output \"%s\" of \"%s\" is refused: %s", out1, src, err.detail);
	if (memcmp(x, &x2, sizeof(Indicator)) != 0)
		fz_fail("output \"%s\" reads back as a different value", out1);
	out2 = format(&x2);
	if (strcmp(out1, out2) != 0)
		fz_fail("output not canonical: \"%s\" then \"%s\"", out1, out2);
	encode(x, b1);
	decode(b1, &x3);
	if (!indicator_check(&x3) || memcmp(x, &x3, sizeof(Indicator)) != 0)
		fz_fail("binary form of \"%s\" does not read back", out1);
	encode(&x3, b2);
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
	Indicator	x;
	CoreError	err;

	if (!indicator_parse(s, &x, &err))
	{
		if (err.kind == CORE_OK || !fz_good_detail(s, err.detail, sizeof(err.detail)))
			fz_fail("refused without an error kind and a detail that is valid UTF-8: \"%s\"", err.detail);
		return 0;
	}
	check_value(&x, s);
	return 1;
}

/* Binary input as the receive function gets it: decode, check, round-trip. */
int
fz_bin(const uint8_t *b, size_t n)
{
	Indicator	x;
	uint8_t		again[SEND_LEN];

	if (n != SEND_LEN)
		return 0;
	decode(b, &x);
	if (!indicator_check(&x))
		return 0;
	check_value(&x, "(binary)");
	encode(&x, again);
	if (memcmp(again, b, SEND_LEN) != 0)
		fz_fail("accepted binary input is not sent back identically");
	return 1;
}

/* The binary form of an accepted text, to seed the binary mutations. */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	Indicator	x;
	CoreError	err;

	if (cap < SEND_LEN || !indicator_parse(s, &x, &err))
		return 0;
	encode(&x, out);
	return SEND_LEN;
}
