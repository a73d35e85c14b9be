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
encode(const void *v, uint8_t *out)
{
	const Indicator *x = v;

	out[0] = x->kind;
	out[1] = x->unit;
	fz_putf8(out + 2, x->num);
	fz_putf8(out + 10, x->den);
}

/* The value of an 18-byte binary form, as indicator_recv reads it. */
static void
decode(const uint8_t *b, void *v)
{
	Indicator  *x = v;

	memset(x, 0, sizeof(*x));
	x->kind = b[0];
	x->unit = b[1];
	x->num = fz_getf8(b + 2);
	x->den = fz_getf8(b + 10);
}

/* Formats into an exactly sized heap buffer (so an overrun is an ASan report). */
static char *
format(const void *x)
{
	char	   *buf = malloc(INDICATOR_BUFLEN);

	indicator_format(x, buf);
	return buf;
}

/* indicator_parse for the shared checks. */
static bool
parse(const char *s, void *x, CoreError *err)
{
	return indicator_parse(s, x, err);
}

/* indicator_check for the shared checks (it gives no detail). */
static bool
check(const void *x, CoreError *err)
{
	(void) err;
	return indicator_check(x);
}

static const FzValueType indicator_type = {
	sizeof(Indicator), SEND_LEN, "indicator_check", false,
	parse, format, check, encode, decode
};

/* Text input: parse; a refusal must explain itself, an accepted value must round-trip. */
int
fz_text(const char *s)
{
	return fz_text_value(&indicator_type, s);
}

/* Binary input as the receive function gets it: decode, check, round-trip. */
int
fz_bin(const uint8_t *b, size_t n)
{
	return fz_bin_value(&indicator_type, b, n);
}

/* The binary form of an accepted text, to seed the binary mutations. */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	return fz_send_value(&indicator_type, s, out, cap);
}
