/*
 * fuzz_feedback.c: fuzz harness of pekefb.feedback (src/feedback_core.c).  Text: fb_parse;
 * an accepted response must encode (fb_encode into exactly fb_encoded_size bytes) to a
 * form fb_check_encoded accepts, print (fb_print into exactly FB_PRINT_MAX bytes) to JSON
 * that reads back to the same bytes and prints the same text.  Binary: feedback_recv takes
 * the bytes as they are and checks them with fb_check_encoded; an accepted form must print
 * and read back to the same bytes.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "feedback_core.h"

const char	fz_name[] = "feedback";
const char *const fz_tokens[] = {
	"{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "\"role\"", "\"channel\"",
	"\"nps\"", "\"lang\"", "\"items\"", "\"role\":\"parent\"", "\"channel\":\"web\"",
	"\"nps\":9", "\"nps\":10", "\"nps\":11", "\"nps\":-1", "\"nps\":9.0", "\"nps\":9e0",
	"\"nps\":0.99999999999999999", "\"nps\":1e-400", "\"nps\":1e400", "\"nps\":09",
	"\"nps\":9.", "\"lang\":\"fi\"", "\"lang\":\"smn\"", "\"lang\":\"FI\"", "\"items\":{}",
	"\"items\":{\"q1\":5}", "\"q1\":null", "\"q2\":3", "\"q1\":6", "\"q1\":0",
	"\"a_very_long_statement_code_33_xx\":1", "\"a_very_long_statement_code_32_x\":1",
	"\"client\"", "\"child\"", "\"staff\"", "\"partner\"", "\"other\"", "\"sms\"",
	"\"paper\"", "\"kiosk\"", "\"phone\"", "\"meeting\"", "\\u0000", "\\u00e4", "\\u0041",
	"\\ud800", "\\udc00", "\\ud83d\\ude00", "\\\\", "\\\"", "\\n", "\\t", "\\/", "\\x",
	"\xEF\xBB\xBF", "\x01", "\x1f", "\x7f", "/*", "*/", "//", "\"comment\"", "\"C:\\\\u0000\\\\data\"",
	NULL
};

static uint8_t *
encode(const FbValue *v, size_t *n)
{
	uint8_t    *b;

	*n = fb_encoded_size(v);
	b = malloc(*n);
	fb_encode(v, b);
	return b;
}

static char *
print(const uint8_t *b, size_t n)
{
	char	   *out = malloc(FB_PRINT_MAX);
	size_t		len = fb_print(b, n, out);

	if (len != strlen(out) || len >= FB_PRINT_MAX)
		fz_fail("fb_print wrote %zu bytes into %d", len, FB_PRINT_MAX);
	return out;
}

/* The round trip of an accepted binary form b[0..n). */
static void
check_form(const uint8_t *b, size_t n, const char *src)
{
	FbValue    *v = malloc(sizeof(FbValue));
	FbError		err;
	char	   *out1,
			   *out2;
	uint8_t    *b2,
			   *b3;
	size_t		n2,
				n3;

	if (!fb_check_encoded(b, n))
		fz_fail("accepted response encodes to a form fb_check_encoded refuses (binary input would refuse it)");
	out1 = print(b, n);
	if (fb_parse(out1, v, &err) != FB_OK)
		fz_fail("output %s of %.200s is refused: %s", out1, src, err.detail);
	b2 = encode(v, &n2);
	if (n2 != n || memcmp(b, b2, n) != 0)
		fz_fail("output %s reads back as a different value", out1);
	out2 = print(b2, n2);
	if (strcmp(out1, out2) != 0)
		fz_fail("output not canonical: %s then %s", out1, out2);
	/* send is the bytes themselves; recv takes them as they are */
	b3 = malloc(n);
	memcpy(b3, b, n);
	n3 = n;
	if (!fb_check_encoded(b3, n3))
		fz_fail("binary form of %s does not read back", out1);
	free(b3);
	free(b2);
	free(out1);
	free(out2);
	free(v);
	fz_roundtrip_checked();
}

int
fz_text(const char *s)
{
	FbValue    *v = malloc(sizeof(FbValue));
	FbError		err;
	FbStatus	st = fb_parse(s, v, &err);
	uint8_t    *b;
	size_t		n;

	if (st != FB_OK)
	{
		if ((st != FB_ERR_SYNTAX && st != FB_ERR_RANGE) || err.status != st ||
			!fz_good_detail(s, err.detail, sizeof(err.detail)))
			fz_fail("refused with status %d without a detail that is valid UTF-8: \"%s\"", (int) st, err.detail);
		free(v);
		return 0;
	}
	b = encode(v, &n);
	check_form(b, n, s);
	free(b);
	free(v);
	return 1;
}

int
fz_bin(const uint8_t *b, size_t n)
{
	if (!fb_check_encoded(b, n))
		return 0;
	check_form(b, n, "(binary)");
	return 1;
}

size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	FbValue    *v = malloc(sizeof(FbValue));
	FbError		err;
	size_t		n = 0;

	if (fb_parse(s, v, &err) == FB_OK)
	{
		n = fb_encoded_size(v);
		if (n <= cap)
			fb_encode(v, out);
		else
			n = 0;
	}
	free(v);
	return n;
}
