/*
 * fuzz_waits.c: fuzz harness of pekefb.waits (src/waits_core.c).  Text: waits_parse into
 * a value of exactly waits_size(waits_parse_room(text)) bytes, as waits_in allocates it; an
 * accepted value must pass waits_validate, print into exactly waits_text_len bytes, read
 * back equal and print the same text.  Binary: waits_send/waits_recv's layout (version
 * byte 1, int32 n, n × (int32 day, int64 count)), length and pairs checked as waits_recv
 * does, then the same round trip and an identical binary form.  An accepted value must also
 * pass the checks every function applies to its arguments (waits_check_header,
 * waits_check_content), and its accessors must agree with the pairs: percentile 0 and 1 are
 * the first and the last day, count_within(last day) is the total, the mean lies between
 * the first and the last day.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "waits_core.h"

const char	fz_name[] = "waits";
const char *const fz_tokens[] = {
	"{", "}", "{}", ":", ",", "0:1", "1:40", "3:7", "{0:12,1:40,3:7}", ",0:1", ", 5:5",
	"2147483647:1", "2147483648:1", "0:9223372036854775807", "1:9223372036854775806",
	":0", ":-1", "-1:", " : ", " , ", "{ ", " }", NULL
};

/* A value with room for cap days, exactly sized. */
static Waits *
alloc_waits(int32_t cap)
{
	Waits	   *w = calloc(1, waits_size(cap));

	waits_init(w, cap);
	return w;
}

/* Parses s as waits_in does; NULL if refused (status in *st). */
static Waits *
parse(const char *s, WaitsStatus *st, char *detail)
{
	int64_t		room = waits_parse_room(s);
	Waits	   *w;

	detail[0] = '\0';
	if (room > WAITS_MAX_DAYS)
	{
		/* waits_in refuses it before parsing (54000) */
		*st = WAITS_TOOBIG;
		snprintf(detail, WAITS_DETAIL_LEN, "too many days");
		return NULL;
	}
	w = alloc_waits((int32_t) room);
	*st = waits_parse(s, w, detail);
	if (*st != WAITS_OK)
	{
		free(w);
		return NULL;
	}
	return w;
}

/* Formats into an exactly sized heap buffer (so an overrun is an ASan report). */
static char *
format(const Waits *w)
{
	size_t		room = waits_text_len(w);
	char	   *buf = malloc(room);
	size_t		len = waits_format(w, buf);

	if (len != strlen(buf) || len + 1 != room)
		fz_fail("waits_format wrote %zu bytes into %zu", len, room);
	return buf;
}

/* Bytes of the binary form of w. */
static size_t
send_len(const Waits *w)
{
	return 5 + 12 * (size_t) w->n;
}

/* The binary form, as the type's send function writes it. */
static void
encode(const Waits *w, uint8_t *out)
{
	out[0] = 1;
	fz_put32(out + 1, (uint32_t) w->n);
	for (int32_t i = 0; i < w->n; i++)
	{
		fz_put32(out + 5 + 12 * (size_t) i, (uint32_t) WAITS_CDAYS(w)[i]);
		fz_put64(out + 9 + 12 * (size_t) i, (uint64_t) WAITS_CCOUNTS(w)[i]);
	}
}

/* waits_recv on b[0..n): NULL when it would raise an error. */
static Waits *
decode(const uint8_t *b, size_t n)
{
	char		detail[WAITS_DETAIL_LEN];
	int32_t		cnt;
	int64_t		total;
	Waits	   *w;

	if (n < 5 || b[0] != 1)
		return NULL;
	cnt = (int32_t) fz_get32(b + 1);
	if (cnt < 0 || (size_t) cnt != (n - 5) / 12 || (n - 5) % 12 != 0)
		return NULL;
	w = alloc_waits(cnt);
	for (int32_t i = 0; i < cnt; i++)
	{
		WAITS_DAYS(w)[i] = (int32_t) fz_get32(b + 5 + 12 * (size_t) i);
		WAITS_COUNTS(w)[i] = (int64_t) fz_get64(b + 9 + 12 * (size_t) i);
	}
	if (waits_validate(WAITS_DAYS(w), WAITS_COUNTS(w), cnt, &total, detail) != WAITS_OK)
	{
		if (!fz_good_detail("", detail, sizeof(detail)))
			fz_fail("binary input refused without a detail");
		free(w);
		return NULL;
	}
	w->n = cnt;
	w->total = total;
	return w;
}

/* The round trip of an accepted value (src is the input it came from, for reports). */
static void
check_value(const Waits *w, const char *src)
{
	char		detail[WAITS_DETAIL_LEN];
	WaitsStatus st;
	Waits	   *w2,
			   *w3;
	char	   *out1,
			   *out2;
	uint8_t    *b1,
			   *b2;
	size_t		bn = send_len(w);
	int64_t		total;

	if (waits_validate(WAITS_CDAYS(w), WAITS_CCOUNTS(w), w->n, &total, detail) != WAITS_OK)
		fz_fail("accepted value fails waits_validate (binary input would refuse it): %s", detail);
	if (total != w->total)
		fz_fail("stored total %lld, pairs sum to %lld", (long long) w->total, (long long) total);
	if (waits_check_header(w, waits_size(w->cap), detail) != WAITS_OK ||
		waits_check_content(w, detail) != WAITS_OK)
		fz_fail("accepted value fails the argument checks: %s", detail);
	if (w->buf != 0)
		fz_fail("accepted value is not compact (buf = %d)", (int) w->buf);
	if (w->n > 0)
	{
		int32_t		first = WAITS_CDAYS(w)[0],
					last = WAITS_CDAYS(w)[w->n - 1];
		double		mean = waits_mean(w);

		if (waits_percentile(w, 0.0) != first)
			fz_fail("percentile 0 is %d, not the first day %d", (int) waits_percentile(w, 0.0), (int) first);
		if (waits_percentile(w, 1.0) != last)
			fz_fail("percentile 1 is %d, not the last day %d", (int) waits_percentile(w, 1.0), (int) last);
		if (waits_count_within(w, last) != w->total)
			fz_fail("count_within(last day) is not the total");
		if (!(mean >= first && mean <= last))
			fz_fail("mean %.17g outside [%d, %d]", mean, (int) first, (int) last);
	}
	out1 = format(w);
	if ((w2 = parse(out1, &st, detail)) == NULL)
		fz_fail("output \"%.200s\" of \"%.200s\" is refused: %s", out1, src, detail);
	if (!waits_equal(w, w2))
		fz_fail("output \"%.200s\" reads back as a different value", out1);
	out2 = format(w2);
	if (strcmp(out1, out2) != 0)
		fz_fail("output not canonical: \"%.200s\" then \"%.200s\"", out1, out2);
	b1 = malloc(bn);
	b2 = malloc(bn);
	encode(w, b1);
	if ((w3 = decode(b1, bn)) == NULL || !waits_equal(w, w3))
		fz_fail("binary form of \"%.200s\" does not read back", out1);
	encode(w3, b2);
	if (memcmp(b1, b2, bn) != 0)
		fz_fail("binary form of \"%.200s\" not identical after recv and send", out1);
	free(b1);
	free(b2);
	free(w2);
	free(w3);
	free(out1);
	free(out2);
	fz_roundtrip_checked();
}

/* Text input: parse; a refusal must explain itself, an accepted value must round-trip. */
int
fz_text(const char *s)
{
	char		detail[WAITS_DETAIL_LEN];
	WaitsStatus st;
	Waits	   *w = parse(s, &st, detail);

	if (w == NULL)
	{
		if ((st != WAITS_SYNTAX && st != WAITS_RANGE && st != WAITS_INVALID && st != WAITS_TOOBIG) ||
			!fz_good_detail(s, detail, sizeof(detail)))
			fz_fail("refused with status %d without a detail that is valid UTF-8: \"%s\"", (int) st, detail);
		return 0;
	}
	check_value(w, s);
	free(w);
	return 1;
}

/* Binary input as the receive function gets it: decode, check, round-trip. */
int
fz_bin(const uint8_t *b, size_t n)
{
	Waits	   *w = decode(b, n);
	uint8_t    *again;

	if (w == NULL)
		return 0;
	check_value(w, "(binary)");
	again = malloc(send_len(w));
	encode(w, again);
	if (send_len(w) != n || memcmp(again, b, n) != 0)
		fz_fail("accepted binary input is not sent back identically");
	free(again);
	free(w);
	return 1;
}

/* The binary form of an accepted text, to seed the binary mutations. */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	char		detail[WAITS_DETAIL_LEN];
	WaitsStatus st;
	Waits	   *w = parse(s, &st, detail);
	size_t		n;

	if (w == NULL)
		return 0;
	n = send_len(w);
	if (n <= cap)
		encode(w, out);
	else
		n = 0;
	free(w);
	return n;
}
