/*
 * fuzz_target.c: fuzz harness of pekefb.target (src/target_core.c).  Text: target_parse;
 * an accepted value must pass target_check, print with target_format into a buffer of
 * exactly TARGET_BUFLEN bytes, read back to the same bytes and print the same text again.
 * Binary: the layout of target_send/target_recv (op int8, unit int8, lo and hi float8,
 * 18 bytes) decoded and checked with target_check; an accepted value must print, read back
 * and send the same bytes.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "target_core.h"

#define SEND_LEN 18

const char	fz_name[] = "target";
const char *const fz_tokens[] = {
	">=", ">", "<=", "<", "=", "==", "!=", "=>", "<>", ">==", "..", "...", ". .", "%..",
	" d..", "%", " %", " d", " pv", " vrk", "80%..95%", "1 d..7 d", "1..7", ">= 90%",
	"<= 60 d", NULL
};

/* The binary form of t, as target_send writes it. */
static void
encode(const void *v, uint8_t *out)
{
	const Target *t = v;

	out[0] = t->op;
	out[1] = t->unit;
	fz_putf8(out + 2, t->lo);
	fz_putf8(out + 10, t->hi);
}

/* The value of an 18-byte binary form, as target_recv reads it. */
static void
decode(const uint8_t *b, void *x)
{
	Target	   *t = x;

	memset(t, 0, sizeof(*t));
	t->op = b[0];
	t->unit = b[1];
	t->lo = fz_getf8(b + 2);
	t->hi = fz_getf8(b + 10);
}

/* Formats t into an exactly sized heap buffer (so an overrun is an ASan report). */
static char *
format(const void *t)
{
	char	   *buf = malloc(TARGET_BUFLEN);

	target_format(t, buf);
	return buf;
}

/* target_parse for the shared checks. */
static bool
parse(const char *s, void *t, CoreError *err)
{
	return target_parse(s, t, err);
}

/* target_check for the shared checks (it gives no detail). */
static bool
check(const void *t, CoreError *err)
{
	(void) err;
	return target_check(t);
}

static const FzValueType target_type = {
	sizeof(Target), SEND_LEN, "target_check", false,
	parse, format, check, encode, decode
};

/* Text input: parse; a refusal must explain itself, an accepted value must round-trip. */
int
fz_text(const char *s)
{
	return fz_text_value(&target_type, s);
}

/* Binary input as the receive function gets it: decode, check, round-trip. */
int
fz_bin(const uint8_t *b, size_t n)
{
	return fz_bin_value(&target_type, b, n);
}

/* The binary form of an accepted text, to seed the binary mutations. */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	return fz_send_value(&target_type, s, out, cap);
}
