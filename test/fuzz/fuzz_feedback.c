/*
 * fuzz_feedback.c: fuzz harness of pekefb.feedback (src/feedback_core.c).  Text: fb_parse;
 * an accepted response must encode (fb_encode into exactly fb_encoded_size bytes) to a
 * form fb_check_encoded accepts, print (fb_print into exactly FB_PRINT_MAX bytes) to JSON
 * that reads back to the same bytes and prints the same text.  Binary: feedback_recv takes
 * the bytes as they are and checks them with fb_check_encoded; an accepted form must print
 * and read back to the same bytes.
 *
 * Strict JSON: every accepted text must also be accepted by PostgreSQL's json type (RFC 8259:
 * no control characters in strings, no BOM, no leading zeros, no "9.", nothing after the
 * value) and its nps must be a whole number in the text (9 and 9.0, not 1e-400 or
 * 0.99999999999999999).  A violation is a failure; FUZZ_STRICT=0 only counts them and
 * reports them at the end of the run.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "feedback_core.h"

/* ---------------------------------------------------------------- strict JSON oracle */

typedef struct Json
{
	const unsigned char *p;
	int			depth;
	bool		nps_not_integer;	/* top-level "nps" written with a fraction or exponent */
} Json;

static bool json_value(Json *j, bool top_nps);

/* Skips JSON white space (space, tab, newline, carriage return only). */
static void
json_ws(Json *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
		j->p++;
}

/* The value of a hex digit, -1 if c is none. */
static int
hexval(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A string; its content into key (up to cap bytes, for object keys) when key is not NULL. */
static bool
json_string(Json *j, char *key, size_t cap)
{
	size_t		n = 0;

	if (*j->p != '"')
		return false;
	j->p++;
	for (;;)
	{
		unsigned char c = *j->p;

		if (c == '"')
		{
			j->p++;
			if (key)
				key[n < cap ? n : cap - 1] = '\0';
			return true;
		}
		if (c < 0x20)			/* also the end of the text */
			return false;
		if (c == '\\')
		{
			c = *++j->p;
			if (c == 'u')
			{
				int			cp = 0;

				for (int k = 1; k <= 4; k++)
				{
					int			h = hexval(j->p[k]);

					if (h < 0)
						return false;
					cp = cp * 16 + h;
				}
				j->p += 5;
				/* a high surrogate must be followed by a low one, and a low one never stands alone */
				if (cp >= 0xDC00 && cp <= 0xDFFF)
					return false;
				if (cp >= 0xD800 && cp <= 0xDBFF)
				{
					int			lo = 0;

					if (j->p[0] != '\\' || j->p[1] != 'u')
						return false;
					for (int k = 2; k <= 5; k++)
					{
						int			h = hexval(j->p[k]);

						if (h < 0)
							return false;
						lo = lo * 16 + h;
					}
					if (lo < 0xDC00 || lo > 0xDFFF)
						return false;
					j->p += 6;
				}
				c = '?';
			}
			else if (strchr("\"\\/bfnrt", c) == NULL || c == '\0')
				return false;
			else
				j->p++;
		}
		else
			j->p++;
		if (key && n < cap)
			key[n++] = (char) c;
	}
}

/*
 * A number by RFC 8259's grammar; *integer says its exact decimal value is a whole number
 * (9, 9.0 and 0.5e1 are; 0.99999999999999999 and 1e-400 are not).
 */
static bool
json_number(Json *j, bool *integer)
{
	long		ndigits = 0,
				nfrac = 0,
				exp = 0,
				scale,
				last_nonzero = -1;	/* index of the last non-zero digit */
	bool		neg_exp = false;

	if (*j->p == '-')
		j->p++;
	if (*j->p == '0')
		j->p++, ndigits++;
	else if (*j->p >= '1' && *j->p <= '9')
		while (*j->p >= '0' && *j->p <= '9')
		{
			if (*j->p != '0')
				last_nonzero = ndigits;
			j->p++, ndigits++;
		}
	else
		return false;
	if (*j->p == '.')
	{
		j->p++;
		if (!(*j->p >= '0' && *j->p <= '9'))
			return false;
		while (*j->p >= '0' && *j->p <= '9')
		{
			if (*j->p != '0')
				last_nonzero = ndigits;
			j->p++, ndigits++, nfrac++;
		}
	}
	if (*j->p == 'e' || *j->p == 'E')
	{
		j->p++;
		if (*j->p == '+' || *j->p == '-')
			neg_exp = (*j->p++ == '-');
		if (!(*j->p >= '0' && *j->p <= '9'))
			return false;
		while (*j->p >= '0' && *j->p <= '9')
		{
			if (exp < 1000000)
				exp = exp * 10 + (*j->p - '0');
			j->p++;
		}
	}
	/* value = digits × 10^scale: whole iff no non-zero digit sits below the units */
	scale = (neg_exp ? -exp : exp) - nfrac;
	*integer = last_nonzero < 0 || scale >= 0 || last_nonzero < ndigits + scale;
	return true;
}

/* One JSON value at j->p (top_nps: it is the top-level "nps", whose number must be an integer). */
static bool
json_value(Json *j, bool top_nps)
{
	bool		integer;

	json_ws(j);
	if (++j->depth > 200)
		return false;
	switch (*j->p)
	{
		case '{':
			j->p++;
			json_ws(j);
			if (*j->p == '}')
				break;
			for (;;)
			{
				char		key[8];

				json_ws(j);
				if (!json_string(j, key, sizeof(key)))
					return false;
				json_ws(j);
				if (*j->p++ != ':')
					return false;
				if (!json_value(j, j->depth == 1 && strcmp(key, "nps") == 0))
					return false;
				json_ws(j);
				if (*j->p == ',')
				{
					j->p++;
					continue;
				}
				if (*j->p != '}')
					return false;
				break;
			}
			break;
		case '[':
			j->p++;
			json_ws(j);
			if (*j->p == ']')
				break;
			for (;;)
			{
				if (!json_value(j, false))
					return false;
				json_ws(j);
				if (*j->p == ',')
				{
					j->p++;
					continue;
				}
				if (*j->p != ']')
					return false;
				break;
			}
			break;
		case '"':
			j->depth--;
			return json_string(j, NULL, 0);
		case 't':
		case 'f':
		case 'n':
			{
				const char *w = *j->p == 't' ? "true" : *j->p == 'f' ? "false" : "null";

				if (strncmp((const char *) j->p, w, strlen(w)) != 0)
					return false;
				j->p += strlen(w);
				j->depth--;
				return true;
			}
		default:
			if (!json_number(j, &integer))
				return false;
			if (top_nps && !integer)
				j->nps_not_integer = true;
			j->depth--;
			return true;
	}
	j->p++;
	j->depth--;
	return true;
}

/* Why s is not what PostgreSQL's json accepts with an integer nps; NULL if it is. */
static const char *
strict_json_problem(const char *s)
{
	Json		j = {(const unsigned char *) s, 0, false};

	if (!fz_valid_utf8(s))
		return "invalid UTF-8";
	if (!json_value(&j, false))
		return "not JSON by RFC 8259";
	json_ws(&j);
	if (*j.p != '\0')
		return "text after the JSON value";
	if (j.nps_not_integer)
		return "nps not a whole number";
	return NULL;
}

static long n_not_strict;
static char first_not_strict[4][200];
static const char *first_problem[4];

/* Fails on (or, with FUZZ_STRICT=0, counts) an accepted text that is not strict JSON. */
static void
check_strict(const char *s)
{
	const char *why = strict_json_problem(s);

	if (why == NULL)
		return;
	if (!(getenv("FUZZ_STRICT") && strcmp(getenv("FUZZ_STRICT"), "0") == 0))
		fz_fail("accepted, but %s", why);
	if (n_not_strict < 4)
	{
		snprintf(first_not_strict[n_not_strict], sizeof(first_not_strict[0]), "%s", s);
		first_problem[n_not_strict] = why;
	}
	n_not_strict++;
}

/* Prints the strict-JSON note at the end of a run. */
void
fz_report(void)
{
	if (n_not_strict == 0)
		return;
	printf("fuzz/feedback: note: %ld accepted inputs are not strict JSON with a whole nps "
		   "(FUZZ_STRICT=0: reported, not failed), e.g.:\n", n_not_strict);
	for (long i = 0; i < n_not_strict && i < 4; i++)
	{
		printf("    %s: \"", first_problem[i]);
		for (const unsigned char *c = (const unsigned char *) first_not_strict[i]; *c; c++)
			if (*c < 0x20 || *c >= 0x7F || *c == '"' || *c == '\\')
				printf("\\x%02x", *c);
			else
				putchar(*c);
		printf("\"\n");
	}
}

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

/* The binary form, as the type's send function writes it. */
static uint8_t *
encode(const FbValue *v, size_t *n)
{
	uint8_t    *b;

	*n = fb_encoded_size(v);
	b = malloc(*n);
	fb_encode(v, b);
	return b;
}

/* fb_print into an exactly sized heap buffer of FB_PRINT_MAX bytes. */
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

/* Text input: parse; a refusal must explain itself, an accepted value must round-trip. */
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
		if ((st != FB_ERR_SYNTAX && st != FB_ERR_RANGE && st != FB_ERR_UNTRANSLATABLE) || err.status != st ||
			!fz_good_detail(s, err.detail, sizeof(err.detail)))
			fz_fail("refused with status %d without a detail that is valid UTF-8: \"%s\"", (int) st, err.detail);
		free(v);
		return 0;
	}
	check_strict(s);
	b = encode(v, &n);
	check_form(b, n, s);
	free(b);
	free(v);
	return 1;
}

/* Binary input as the receive function gets it: decode, check, round-trip. */
int
fz_bin(const uint8_t *b, size_t n)
{
	if (!fb_check_encoded(b, n))
		return 0;
	check_form(b, n, "(binary)");
	return 1;
}

/* The binary form of an accepted text, to seed the binary mutations. */
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
