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
encode(const Target *t, uint8_t *out)
{
	out[0] = t->op;
	out[1] = t->unit;
	fz_putf8(out + 2, t->lo);
	fz_putf8(out + 10, t->hi);
}

/* Formats t into an exactly sized heap buffer (so an overrun is an ASan report). */
static char *
format(const Target *t)
{
	char	   *buf = malloc(TARGET_BUFLEN);

	target_format(t, buf);
	return buf;
}

/* The round trip of an accepted value t, the text it came from being src. */
static void
check_value(const Target *t, const char *src)
{
	Target		t2,
				t3;
	CoreError	err;
	uint8_t		b1[SEND_LEN],
				b2[SEND_LEN];
	char	   *out1,
			   *out2;

	if (!target_check(t))
		fz_fail("accepted value fails target_check (binary input would refuse it)");
	out1 = format(t);
	if (!target_parse(out1, &t2, &err))
		fz_fail("output \"%s\" of \"%s\" is refused: %s", out1, src, err.detail);
	if (memcmp(t, &t2, sizeof(Target)) != 0)
		fz_fail("output \"%s\" reads back as a different value", out1);
	out2 = format(&t2);
	if (strcmp(out1, out2) != 0)
		fz_fail("output not canonical: \"%s\" then \"%s\"", out1, out2);
	encode(t, b1);
	memset(&t3, 0, sizeof(t3));
	t3.op = b1[0];
	t3.unit = b1[1];
	t3.lo = fz_getf8(b1 + 2);
	t3.hi = fz_getf8(b1 + 10);
	if (!target_check(&t3) || memcmp(t, &t3, sizeof(Target)) != 0)
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
	Target		t;
	CoreError	err;

	if (!target_parse(s, &t, &err))
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
	Target		t;

	if (n != SEND_LEN)
		return 0;
	memset(&t, 0, sizeof(t));
	t.op = b[0];
	t.unit = b[1];
	t.lo = fz_getf8(b + 2);
	t.hi = fz_getf8(b + 10);
	if (!target_check(&t))
		return 0;
	check_value(&t, "(binary)");
	{
		uint8_t		again[SEND_LEN];

		encode(&t, again);
		if (memcmp(again, b, SEND_LEN) != 0)
			fz_fail("accepted binary input is not sent back identically");
	}
	return 1;
}

/* The binary form of an accepted text, to seed the binary mutations. */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	Target		t;
	CoreError	err;

	if (cap < SEND_LEN || !target_parse(s, &t, &err))
		return 0;
	encode(&t, out);
	return SEND_LEN;
}
