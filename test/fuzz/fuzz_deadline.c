/*
 * fuzz_deadline.c: fuzz harness of pekefb.deadline (src/deadline_core.c).  Text: dl_parse
 * with the server's 400-byte detail buffer; an accepted value must pass dl_valid, print
 * with dl_format into the server's 32-byte buffer without being cut, read back to the same
 * 32-bit value and print the same text.  Binary: the int32 of deadline_send/deadline_recv
 * (4 bytes, network order) checked with dl_valid, then the same round trip.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "deadline_core.h"

#define DETAIL_LEN 400			/* src/deadline.c's buffer */
#define OUT_LEN 32				/* src/deadline.c's buffer */

const char	fz_name[] = "deadline";
const char *const fz_tokens[] = {
	"day", "days", "d", "vrk", "vrk.", "pv", "pv.", "päivä", "päivää", "PÄIVÄÄ", "dygn",
	"dag", "dagar", "calendar day", "calendar  days", "working day", "working days",
	"WORKING DAYS", "wd", "arkipäivä", "arkipäivää", "ARKIPÄIVÄÄ", "arkip", "arkip.",
	"vardag", "vardagar", "month", "months", "kk", "kk.", "kuukausi", "kuukautta", "mån",
	"MÅN", "månad", "månader", "MÅNADER", "week", "weeks", "vk", "viikko", "viikkoa",
	"vecka", "veckor", "year", "years", "v", "vuosi", "vuotta", "år", "ÅR", "Ä", "Å", "Ö",
	"\xC3\x97", "\xC3\x9F", "\xC3", ".", "..", "\f", "\v", NULL
};

/* Formats into an exactly sized heap buffer (so an overrun is an ASan report). */
static char *
format(int32_t dl)
{
	char	   *buf = malloc(OUT_LEN);

	dl_format(dl, buf, OUT_LEN);
	if (strlen(buf) >= OUT_LEN - 1)
		fz_fail("dl_format output \"%s\" fills the server's buffer (may be cut)", buf);
	return buf;
}

/* The round trip of an accepted value (src is the input it came from, for reports). */
static void
check_value(int32_t dl, const char *src)
{
	char	   *detail = malloc(DETAIL_LEN);
	char	   *out1,
			   *out2;
	int32_t		dl2 = 0;
	uint8_t		b[4];

	if (!dl_valid(dl))
		fz_fail("accepted value %d fails dl_valid (binary input would refuse it)", (int) dl);
	out1 = format(dl);
	if (dl_parse(out1, &dl2, detail, DETAIL_LEN) != DL_PARSE_OK)
		fz_fail("output \"%s\" of \"%s\" is refused: %s", out1, src, detail);
	if (dl2 != dl)
		fz_fail("output \"%s\" reads back as a different value (%d, not %d)", out1, (int) dl2, (int) dl);
	out2 = format(dl2);
	if (strcmp(out1, out2) != 0)
		fz_fail("output not canonical: \"%s\" then \"%s\"", out1, out2);
	fz_put32(b, (uint32_t) dl);
	if ((int32_t) fz_get32(b) != dl)
		fz_fail("binary form of \"%s\" does not read back", out1);
	free(out1);
	free(out2);
	free(detail);
	fz_roundtrip_checked();
}

/* Text input: parse; a refusal must explain itself, an accepted value must round-trip. */
int
fz_text(const char *s)
{
	char	   *detail = malloc(DETAIL_LEN);
	int32_t		dl = 0;
	DeadlineParseStatus st;

	detail[0] = '\0';
	st = dl_parse(s, &dl, detail, DETAIL_LEN);
	if (st != DL_PARSE_OK)
	{
		if ((st != DL_PARSE_SYNTAX && st != DL_PARSE_RANGE) || !fz_good_detail(s, detail, DETAIL_LEN))
			fz_fail("refused without a known status and a detail that is valid UTF-8: \"%s\"", detail);
		free(detail);
		return 0;
	}
	free(detail);
	check_value(dl, s);
	return 1;
}

/* Binary input as the receive function gets it: decode, check, round-trip. */
int
fz_bin(const uint8_t *b, size_t n)
{
	int32_t		dl;

	if (n != 4)
		return 0;
	dl = (int32_t) fz_get32(b);
	if (!dl_valid(dl))
		return 0;
	check_value(dl, "(binary)");
	return 1;
}

/* The binary form of an accepted text, to seed the binary mutations. */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	char		detail[DETAIL_LEN];
	int32_t		dl = 0;

	if (cap < 4 || dl_parse(s, &dl, detail, DETAIL_LEN) != DL_PARSE_OK)
		return 0;
	fz_put32(out, (uint32_t) dl);
	return 4;
}
