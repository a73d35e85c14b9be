/*
 * feedback_core.c: parsing, checking and printing pekefb.feedback values without the server
 * (see feedback_core.h for the binary layout).  A strict JSON tokenizer with PostgreSQL's json
 * syntax, and on top of it the validation of keys, types and ranges, with a detail sentence
 * naming the field and the byte where the input went wrong.  Nothing is allocated.
 */
#include "feedback_core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const fb_roles[FB_NROLES + 1] = {
	NULL, "client", "child", "parent", "staff", "partner", "other"
};
const char *const fb_channels[FB_NCHANNELS + 1] = {
	NULL, "web", "sms", "paper", "kiosk", "phone", "meeting", "other"
};

/* Known top-level keys, as bits for the duplicate check. */
enum
{
	KEY_ROLE = 1, KEY_CHANNEL = 2, KEY_NPS = 4, KEY_LANG = 8, KEY_ITEMS = 16
};

/* Fills err and returns its status. */
static FbStatus fail(FbError *err, FbStatus status, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

static FbStatus
fail(FbError *err, FbStatus status, const char *fmt,...)
{
	va_list		ap;

	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	return status;
}

bool
fb_valid_code(const char *code, size_t len)
{
	if (len < 1 || len > FB_MAX_CODE)
		return false;
	for (size_t i = 0; i < len; i++)
	{
		char		c = code[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------- JSON tokenizer */

/* Bytes of whitespace or of one token between calls of the tick function. */
#define FBJ_TICK_BYTES	(1 << 20)

/* the tokenizer's rare paths kept out of line: fbj_next stays small (no message buffer) */
#if defined(__GNUC__)
#define FB_NOINLINE __attribute__((noinline))
#else
#define FB_NOINLINE
#endif

/* PostgreSQL's JSON_ALPHANUMERIC_CHAR: what continues a number or keyword token. */
static inline bool
json_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '_' || c >= 0x80;
}

/*
 * Copies at most 40 bytes of s[0..n) into out (48 bytes) for quoting in a detail.  A cut
 * is made only after an ASCII byte (always a character boundary, in every server encoding)
 * and marked with "...".
 */
static const char *
clip_len(const char *s, size_t n, char *out)
{
	bool		cut = n > 40;

	if (cut)
	{
		n = 40;
		while (n > 0 && (unsigned char) s[n - 1] >= 0x80)
			n--;
	}
	memcpy(out, s, n);
	memcpy(out + n, cut ? "..." : "", cut ? 4 : 1);
	return out;
}

void
fbj_init(FbJson *j, const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);

	memset(j, 0, sizeof(*j));
	j->text = text;
	j->end = nul != NULL ? nul : text + len;
	j->p = text;
	j->start = j->tok = text;
}

size_t
fbj_pos(const FbJson *j)
{
	return (size_t) (j->start - j->text) + 1;
}

const char *
fbj_kind(const FbJson *j)
{
	switch (j->token)
	{
		case FBJ_END:
			return "the end of the text";
		case FBJ_OBJECT_START:
			return "an object";
		case FBJ_ARRAY_START:
			return "an array";
		case FBJ_STRING:
			return "a string";
		case FBJ_NUMBER:
			return "a number";
		case FBJ_TRUE:
		case FBJ_FALSE:
			return "a boolean";
		case FBJ_NULL:
			return "null";
		case FBJ_OBJECT_END:
			return "\"}\"";
		case FBJ_ARRAY_END:
			return "\"]\"";
		case FBJ_COLON:
			return "\":\"";
		case FBJ_COMMA:
			return "\",\"";
	}
	return "an invalid token";
}

FbStatus
fbj_expected(const FbJson *j, const char *what, FbError *err)
{
	char		buf[48];

	if (j->token == FBJ_NUMBER)
		return fail(err, FB_ERR_SYNTAX, "Expected %s at byte %zu, found the number %s.",
					what, fbj_pos(j), clip_len(j->tok, j->toklen, buf));
	return fail(err, FB_ERR_SYNTAX, "Expected %s at byte %zu, found %s.",
				what, fbj_pos(j), fbj_kind(j));
}

/* Calls the tick function, if any, when p has moved FBJ_TICK_BYTES past *mark. */
static inline void
tick(const FbJson *j, const char *p, const char **mark)
{
	if ((p - *mark >= FBJ_TICK_BYTES))
	{
		*mark = p;
		if (j->tick != NULL)
			j->tick(j->tick_arg);
	}
}

/* The value of a hexadecimal digit, -1 for any other byte. */
static inline int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Bytes that stand for themselves inside a JSON string: all but '"', '\\' and 0x00-0x1F. */
static const bool json_plain[256] = {
	['\x20'] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x20-0x2F, '"' not */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,	/* 0x50-0x5F, '\\' not */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/*
 * Lexes a string token whose opening quote is at j->start, escapes and errors included
 * (lex_string's path for all but the plain short strings).
 */
static FB_NOINLINE FbStatus
lex_string_full(FbJson *j, FbError *err)
{
	const char *p = j->start + 1;
	const char *mark = p;

	j->tok = p;
	j->escapes = false;
	for (;;)
	{
		unsigned char c;

		/* the plain bytes of a string (no quote, backslash or control byte) in one run */
		{
			const char *stop = j->end - p > FBJ_TICK_BYTES ? p + FBJ_TICK_BYTES : j->end;

			while (p < stop && json_plain[(unsigned char) *p])
				p++;
			tick(j, p, &mark);
		}
		if (p >= j->end)
			return fail(err, FB_ERR_SYNTAX,
						"Expected the closing quote of the string that starts at byte %zu, found the end of the text.",
						fbj_pos(j));
		c = (unsigned char) *p;
		if (c == '"')
			break;
		if (c < 0x20)
			return fail(err, FB_ERR_SYNTAX,
						"Expected a character or an escape at byte %zu, found the control character 0x%02x (JSON requires it escaped).",
						(size_t) (p - j->text) + 1, c);
		if (c == '\\')
		{
			j->escapes = true;
			p++;
			if (p >= j->end)
				continue;		/* reported as an unterminated string */
			c = (unsigned char) *p;
			if (c == 'u')
			{
				for (int k = 1; k <= 4; k++)
					if (p + k >= j->end || hexval((unsigned char) p[k]) < 0)
						return fail(err, FB_ERR_SYNTAX,
									"Expected four hexadecimal digits after \"\\u\" at byte %zu.",
									(size_t) (p - j->text));
				p += 4;
			}
			else if (strchr("\"\\/bfnrt", c) == NULL || c == '\0')
			{
				if (c >= 0x20 && c < 0x7F)
					return fail(err, FB_ERR_SYNTAX,
								"Expected an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX) at byte %zu, found \"\\%c\".",
								(size_t) (p - j->text), c);
				return fail(err, FB_ERR_SYNTAX,
							"Expected an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX) at byte %zu.",
							(size_t) (p - j->text));
			}
		}
		p++;
		tick(j, p, &mark);
	}
	j->toklen = (size_t) (p - j->tok);
	j->p = p + 1;
	j->token = FBJ_STRING;
	return FB_OK;
}

/*
 * Lexes a string token whose opening quote is at j->start: a string of plain bytes (no
 * escape) closed within FBJ_TICK_BYTES in one run, any other by lex_string_full.
 */
static inline FbStatus
lex_string(FbJson *j, FbError *err)
{
	const char *p = j->start + 1;
	const char *stop = j->end - p > FBJ_TICK_BYTES ? p + FBJ_TICK_BYTES : j->end;

	while (p < stop && json_plain[(unsigned char) *p])
		p++;
	if (p >= stop || *p != '"')
		return lex_string_full(j, err);
	j->tok = j->start + 1;
	j->toklen = (size_t) (p - j->tok);
	j->escapes = false;
	j->p = p + 1;
	j->token = FBJ_STRING;
	return FB_OK;
}

/* Skips the white space at p (ticking in a long run of it); returns the first other byte. */
static FB_NOINLINE const char *
skip_space(const FbJson *j, const char *p)
{
	const char *mark = p;

	while (p < j->end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
	{
		p++;
		tick(j, p, &mark);
	}
	return p;
}

/* Lexes a number token at j->start: PostgreSQL's json_lex_number grammar. */
static FB_NOINLINE FbStatus
lex_number(FbJson *j, FbError *err)
{
	const char *p = j->start;
	const char *e = j->end;
	bool		ok = true;
	char		buf[48];

	if (p < e && *p == '-')
		p++;
	if (p < e && *p == '0')
		p++;
	else if (p < e && *p >= '1' && *p <= '9')
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	else
		ok = false;
	if (ok && p < e && *p == '.')
	{
		p++;
		if (!(p < e && *p >= '0' && *p <= '9'))
			ok = false;
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	if (ok && p < e && (*p == 'e' || *p == 'E'))
	{
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (!(p < e && *p >= '0' && *p <= '9'))
			ok = false;
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	/* anything alphanumeric right after the number is part of the (invalid) token */
	while (p < e && json_alnum((unsigned char) *p))
	{
		ok = false;
		p++;
	}
	if (!ok)
	{
		/* the token for the message: up to the next delimiter */
		while (p < e && (*p == '.' || *p == '+' || *p == '-'))
		{
			p++;
			while (p < e && json_alnum((unsigned char) *p))
				p++;
		}
		return fail(err, FB_ERR_SYNTAX,
					"Expected a JSON number at byte %zu, found \"%s\" (JSON numbers have no leading zeros, a digit after the point and nothing after the digits).",
					fbj_pos(j), clip_len(j->start, (size_t) (p - j->start), buf));
	}
	j->tok = j->start;
	j->toklen = (size_t) (p - j->start);
	j->p = p;
	j->token = FBJ_NUMBER;
	return FB_OK;
}

static FB_NOINLINE FbStatus lex_word(FbJson *j, FbError *err);

FbStatus
fbj_next(FbJson *j, FbError *err)
{
	const char *p = j->p;
	unsigned char c;

	/* most tokens follow no white space or one space */
	if (p < j->end && *p == ' ')
		p++;
	if (p < j->end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p = skip_space(j, p);
	j->start = j->tok = p;
	j->toklen = 0;
	j->escapes = false;
	if (p >= j->end)
	{
		j->token = FBJ_END;
		j->p = p;
		return FB_OK;
	}
	c = (unsigned char) *p;
	j->toklen = 1;
	j->p = p + 1;
	switch (c)
	{
		case '{':
			j->token = FBJ_OBJECT_START;
			return FB_OK;
		case '}':
			j->token = FBJ_OBJECT_END;
			return FB_OK;
		case '[':
			j->token = FBJ_ARRAY_START;
			return FB_OK;
		case ']':
			j->token = FBJ_ARRAY_END;
			return FB_OK;
		case ':':
			j->token = FBJ_COLON;
			return FB_OK;
		case ',':
			j->token = FBJ_COMMA;
			return FB_OK;
		case '"':
			return lex_string(j, err);
		default:
			break;
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return lex_number(j, err);
	return lex_word(j, err);
}

/* Lexes true, false or null at j->start (anything else is an error). */
static FbStatus
lex_word(FbJson *j, FbError *err)
{
	const char *p = j->start;
	unsigned char c = (unsigned char) *p;

	{
		const char *q = p;
		size_t		n;
		char		buf[48];

		while (q < j->end && json_alnum((unsigned char) *q))
			q++;
		n = (size_t) (q - p);
		if (n == 4 && memcmp(p, "true", 4) == 0)
			j->token = FBJ_TRUE;
		else if (n == 5 && memcmp(p, "false", 5) == 0)
			j->token = FBJ_FALSE;
		else if (n == 4 && memcmp(p, "null", 4) == 0)
			j->token = FBJ_NULL;
		else if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			return fail(err, FB_ERR_SYNTAX,
						"Expected a JSON value at byte %zu, found a byte order mark (U+FEFF), which JSON text must not have.",
						fbj_pos(j));
		else if (n == 0 && c >= 0x20 && c < 0x7F)
			return fail(err, FB_ERR_SYNTAX,
						"Expected a JSON value at byte %zu, found \"%c\".", fbj_pos(j), c);
		else if (n == 0)
			return fail(err, FB_ERR_SYNTAX,
						"Expected a JSON value at byte %zu, found the byte 0x%02x.", fbj_pos(j), c);
		else
			return fail(err, FB_ERR_SYNTAX,
						"Expected a JSON value (an object, array, string, number, true, false or null) at byte %zu, found \"%s\".",
						fbj_pos(j), clip_len(p, n, buf));
		j->toklen = n;
		j->p = q;
		return FB_OK;
	}
}

/* Writes cp as UTF-8 to out; returns the number of bytes (the default code point writer). */
static int
utf8_write(uint32_t cp, char *out, void *arg)
{
	(void) arg;
	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (char) (0xC0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (char) (0xE0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char) (0xF0 | (cp >> 18));
	out[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

/* The four hex digits at s as a number (the tokenizer has checked them). */
static uint32_t
hex4(const char *s)
{
	return (uint32_t) ((hexval((unsigned char) s[0]) << 12) | (hexval((unsigned char) s[1]) << 8) |
					   (hexval((unsigned char) s[2]) << 4) | hexval((unsigned char) s[3]));
}

FbStatus
fbj_string(const FbJson *j, char *out, size_t cap, size_t *len, bool *truncated, FbError *err)
{
	const char *p = j->tok;
	const char *e = j->tok + j->toklen;
	size_t		n = 0;
	FbUnicodeFn write = j->unicode != NULL ? j->unicode : utf8_write;

	*truncated = false;
	if (!j->escapes)
	{
		n = j->toklen;
		if (n + 1 > cap)
		{
			n = cap - 1;
			*truncated = true;
		}
		memcpy(out, p, n);
		out[n] = '\0';
		*len = n;
		return FB_OK;
	}
	while (p < e)
	{
		char		tmp[8];
		int			k = 1;

		if (*p != '\\')
			tmp[0] = *p++;
		else
		{
			char		c = p[1];
			size_t		at = (size_t) (p - j->text) + 1;

			p += 2;
			switch (c)
			{
				case 'b':
					tmp[0] = '\b';
					break;
				case 'f':
					tmp[0] = '\f';
					break;
				case 'n':
					tmp[0] = '\n';
					break;
				case 'r':
					tmp[0] = '\r';
					break;
				case 't':
					tmp[0] = '\t';
					break;
				case 'u':
					{
						uint32_t	cp = hex4(p);

						p += 4;
						if (cp >= 0xDC00 && cp <= 0xDFFF)
							return fail(err, FB_ERR_SYNTAX,
										"Unicode escape at byte %zu: a low surrogate must follow a high surrogate.", at);
						if (cp >= 0xD800 && cp <= 0xDBFF)
						{
							uint32_t	lo;

							if (!(e - p >= 6 && p[0] == '\\' && p[1] == 'u'))
								return fail(err, FB_ERR_SYNTAX,
											"Unicode escape at byte %zu: a high surrogate must be followed by a low surrogate.", at);
							lo = hex4(p + 2);
							if (lo >= 0xD800 && lo <= 0xDBFF)
								return fail(err, FB_ERR_SYNTAX,
											"Unicode escape at byte %zu: a high surrogate must not follow a high surrogate.", at + 6);
							if (lo < 0xDC00 || lo > 0xDFFF)
								return fail(err, FB_ERR_SYNTAX,
											"Unicode escape at byte %zu: a high surrogate must be followed by a low surrogate.", at);
							p += 6;
							cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
						}
						if (cp == 0)
							return fail(err, FB_ERR_UNTRANSLATABLE,
										"Unicode escape \\u0000 at byte %zu cannot be converted to text.", at);
						k = write(cp, tmp, j->unicode_arg);
						if (k < 0 || k > 6)
							return fail(err, FB_ERR_UNTRANSLATABLE,
										"Unicode escape at byte %zu (U+%04X) has no equivalent in the database encoding.",
										at, (unsigned) cp);
						break;
					}
				default:		/* " \ / */
					tmp[0] = c;
					break;
			}
		}
		if (n + (size_t) k + 1 > cap)
		{
			*truncated = true;
			break;
		}
		memcpy(out + n, tmp, (size_t) k);
		n += (size_t) k;
	}
	out[n] = '\0';
	*len = n;
	return FB_OK;
}

/* ---------------------------------------------------------------- feedback values */

/* Reads the next token, which must be `want` (described as what). */
static FbStatus
expect(FbJson *j, FbJsonToken want, const char *what, FbError *err)
{
	FbStatus	st = fbj_next(j, err);

	if (st != FB_OK)
		return st;
	if (j->token != want)
		return fbj_expected(j, what, err);
	return FB_OK;
}

/*
 * The exact value of the number token of j when it is an integer (judged on the decimal
 * text, not on a rounded double: 9, 9.0, 90e-1 are 9; 0.99999999999999999 and 1e-400 are
 * not integers).  Returns 1 with *out set, 0 when not an integer, 2 when |value| >= 1e10.
 */
static int
number_integer(const FbJson *j, int64_t *out)
{
	const char *p = j->tok;
	const char *e = j->tok + j->toklen;
	bool		neg = false;
	const char *digits[2];		/* integer part, fraction */
	size_t		ndig[2] = {0, 0};
	int64_t		exp = 0;
	int64_t		scale;
	char		d[24];
	size_t		nd = 0;
	int64_t		v = 0;

	if (*p == '-')
	{
		neg = true;
		p++;
	}
	digits[0] = p;
	while (p < e && *p >= '0' && *p <= '9')
		p++;
	ndig[0] = (size_t) (p - digits[0]);
	digits[1] = p;
	if (p < e && *p == '.')
	{
		digits[1] = ++p;
		while (p < e && *p >= '0' && *p <= '9')
			p++;
		ndig[1] = (size_t) (p - digits[1]);
	}
	if (p < e && (*p == 'e' || *p == 'E'))
	{
		bool		eneg = false;

		p++;
		if (*p == '+' || *p == '-')
			eneg = (*p++ == '-');
		for (; p < e; p++)
			if (exp < 1000000000)
				exp = exp * 10 + (*p - '0');
		if (eneg)
			exp = -exp;
	}

	/*
	 * The value is D * 10^scale for the digit string D (integer then fraction digits) and
	 * scale = exp - fraction digits; leading and trailing zeros of D do not matter.
	 */
	scale = exp - (int64_t) ndig[1];
	{
		size_t		total = ndig[0] + ndig[1];
		size_t		first = 0,
					last = total;

#define DIGIT(i) ((i) < ndig[0] ? digits[0][(i)] : digits[1][(i) - ndig[0]])
		while (first < total && DIGIT(first) == '0')
			first++;
		if (first == total)
		{
			*out = 0;
			return 1;
		}
		while (DIGIT(last - 1) == '0')
		{
			last--;
			scale++;
		}
		if (scale < 0)
			return 0;
		if ((int64_t) (last - first) + scale > 10)
			return 2;
		for (size_t i = first; i < last; i++)
			d[nd++] = DIGIT(i);
#undef DIGIT
	}
	for (size_t i = 0; i < nd; i++)
		v = v * 10 + (d[i] - '0');
	for (int64_t s = 0; s < scale; s++)
		v *= 10;
	*out = neg ? -v : v;
	return 1;
}

/*
 * Reads an integer in [lo, hi] from the current token: a number whose decimal value is an
 * integer.  A fraction is a syntax error, a value outside the range a range error.
 */
static FbStatus
read_int(const FbJson *j, const char *field, int lo, int hi, bool null_ok, int *out, FbError *err)
{
	const char *what = null_ok ? " or null" : "";
	char		buf[48];
	int64_t		v = 0;
	int			r;

	if (j->token != FBJ_NUMBER)
		return fail(err, FB_ERR_SYNTAX,
					"Field \"%s\": expected an integer from %d to %d%s at byte %zu, not %s.",
					field, lo, hi, what, fbj_pos(j), fbj_kind(j));
	r = number_integer(j, &v);
	if (r == 0)
		return fail(err, FB_ERR_SYNTAX,
					"Field \"%s\": expected an integer from %d to %d%s at byte %zu, not %s.",
					field, lo, hi, what, fbj_pos(j), clip_len(j->tok, j->toklen, buf));
	if (r == 2 || v < lo || v > hi)
		return fail(err, FB_ERR_RANGE,
					"Field \"%s\": expected an integer from %d to %d%s at byte %zu, not %s.",
					field, lo, hi, what, fbj_pos(j), clip_len(j->tok, j->toklen, buf));
	*out = (int) v;
	return FB_OK;
}

/* Decodes the current string token into buf (48 bytes): keys, names, codes. */
static FbStatus
short_string(const FbJson *j, char *buf, size_t *len, bool *truncated, FbError *err)
{
	return fbj_string(j, buf, 48, len, truncated, err);
}

/* Looks a string up in a name list counted from 1; 0 if absent. */
static int
lookup(const char *const *names, int count, const char *s)
{
	for (int i = 1; i <= count; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return 0;
}

/* Parses role or channel from the current token. */
static FbStatus
read_enum(const FbJson *j, const char *field, const char *const *names, int count,
		  const char *list, uint8_t *out, FbError *err)
{
	char		s[48];
	char		buf[48];
	size_t		len;
	bool		trunc;
	FbStatus	st;
	int			i = 0;

	if (j->token != FBJ_STRING)
		return fail(err, FB_ERR_SYNTAX, "Field \"%s\": expected one of %s at byte %zu, not %s.",
					field, list, fbj_pos(j), fbj_kind(j));
	st = short_string(j, s, &len, &trunc, err);
	if (st != FB_OK)
		return st;
	if (!trunc && strlen(s) == len)
		i = lookup(names, count, s);
	if (i == 0)
		return fail(err, FB_ERR_SYNTAX, "Field \"%s\": expected one of %s at byte %zu, not \"%s\".",
					field, list, fbj_pos(j), clip_len(j->tok, j->toklen, buf));
	*out = (uint8_t) i;
	return FB_OK;
}

/* Parses lang from the current token: 2 or 3 letters a-z. */
static FbStatus
read_lang(const FbJson *j, uint16_t *out, FbError *err)
{
	const char *expect = "Field \"lang\": expected a language code of 2 or 3 lower-case letters "
		"(fi, sv, en, se, smn, sms, ...)";
	char		s[48];
	char		buf[48];
	size_t		n;
	bool		trunc;
	FbStatus	st;
	uint16_t	v = 0;

	if (j->token != FBJ_STRING)
		return fail(err, FB_ERR_SYNTAX, "%s at byte %zu, not %s.", expect, fbj_pos(j), fbj_kind(j));
	st = short_string(j, s, &n, &trunc, err);
	if (st != FB_OK)
		return st;
	if (trunc || n < 2 || n > 3)
		goto bad;
	for (size_t i = 0; i < 3; i++)
	{
		int			c = 0;

		if (i < n)
		{
			if (s[i] < 'a' || s[i] > 'z')
				goto bad;
			c = s[i] - 'a' + 1;
		}
		v = (uint16_t) ((v << 5) | c);
	}
	*out = v;
	return FB_OK;
bad:
	return fail(err, FB_ERR_SYNTAX, "%s at byte %zu, not \"%s\".", expect, fbj_pos(j),
				clip_len(j->tok, j->toklen, buf));
}

/* Orders statements bytewise by code (shorter first on a common prefix): a value's order. */
int
fb_item_cmp(const void *x, const void *y)
{
	const FbItem *a = x;
	const FbItem *b = y;
	size_t		n = a->len < b->len ? a->len : b->len;
	int			c = memcmp(a->code, b->code, n);

	if (c != 0)
		return c;
	return (int) a->len - (int) b->len;
}

/* Parses the items object starting at the current token; leaves its "}" current. */
static FbStatus
read_items(FbJson *j, FbValue *v, FbError *err)
{
	char		buf[48];
	char		field[64];
	int			n = 0;
	FbStatus	st;

	if (j->token != FBJ_OBJECT_START)
		return fail(err, FB_ERR_SYNTAX,
					"Field \"items\": expected an object of statement codes and scores at byte %zu, not %s.",
					fbj_pos(j), fbj_kind(j));
	if ((st = fbj_next(j, err)) != FB_OK)
		return st;
	if (j->token == FBJ_OBJECT_END)
	{
		v->nitems = 0;
		return FB_OK;
	}
	for (;;)
	{
		char		code[48];
		size_t		len;
		bool		trunc;
		int			score = FB_DONT_KNOW;

		if (j->token != FBJ_STRING)
			return fbj_expected(j, "a statement code (a string)", err);
		if ((st = short_string(j, code, &len, &trunc, err)) != FB_OK)
			return st;
		if (trunc || !fb_valid_code(code, len))
			return fail(err, FB_ERR_SYNTAX,
						"Field \"items\": statement code \"%s\" at byte %zu is invalid; expected 1 to %d characters a-z, 0-9 or _.",
						clip_len(j->tok, j->toklen, buf), fbj_pos(j), FB_MAX_CODE);
		if ((st = expect(j, FBJ_COLON, "\":\"", err)) != FB_OK)
			return st;
		if ((st = fbj_next(j, err)) != FB_OK)
			return st;
		snprintf(field, sizeof(field), "items.%s", code);
		if (j->token != FBJ_NULL &&
			(st = read_int(j, field, 1, 5, true, &score, err)) != FB_OK)
			return st;
		if (n < FB_MAX_ITEMS)
		{
			v->items[n].len = (uint8_t) len;
			v->items[n].score = (uint8_t) score;
			memset(v->items[n].code, 0, FB_MAX_CODE);
			memcpy(v->items[n].code, code, len);
		}
		n++;
		if ((st = fbj_next(j, err)) != FB_OK)
			return st;
		if (j->token == FBJ_OBJECT_END)
			break;
		if (j->token != FBJ_COMMA)
			return fbj_expected(j, "\",\" or \"}\"", err);
		if ((st = fbj_next(j, err)) != FB_OK)
			return st;
	}
	if (n > FB_MAX_ITEMS)
		return fail(err, FB_ERR_SYNTAX,
					"Field \"items\": expected at most %d statements, got %d.", FB_MAX_ITEMS, n);
	qsort(v->items, (size_t) n, sizeof(FbItem), fb_item_cmp);
	for (int i = 1; i < n; i++)
		if (fb_item_cmp(&v->items[i - 1], &v->items[i]) == 0)
			return fail(err, FB_ERR_SYNTAX,
						"Field \"items\": statement code \"%.*s\" appears more than once.",
						(int) v->items[i].len, v->items[i].code);
	v->nitems = (uint8_t) n;
	return FB_OK;
}

FbStatus
fb_parse_value(FbJson *j, FbValue *v, FbError *err)
{
	unsigned	seen = 0;
	char		buf[48];
	FbStatus	st;

	memset(v, 0, offsetof(FbValue, items));
	v->nps = FB_NPS_NONE;
	err->status = FB_OK;
	err->detail[0] = '\0';

	if (j->token != FBJ_OBJECT_START)
		return fail(err, FB_ERR_SYNTAX, "Expected a JSON object at byte %zu, not %s.",
					fbj_pos(j), fbj_kind(j));
	if ((st = fbj_next(j, err)) != FB_OK)
		return st;
	while (j->token != FBJ_OBJECT_END)
	{
		char		k[48];
		size_t		klen;
		bool		trunc;
		unsigned	bit = 0;

		if (seen != 0)
		{
			if (j->token != FBJ_COMMA)
				return fbj_expected(j, "\",\" or \"}\"", err);
			if ((st = fbj_next(j, err)) != FB_OK)
				return st;
		}
		if (j->token != FBJ_STRING)
			return fbj_expected(j, seen ? "a key (a string)" : "a key (a string) or \"}\"", err);
		if ((st = short_string(j, k, &klen, &trunc, err)) != FB_OK)
			return st;
		if (!trunc && strlen(k) == klen)
		{
			if (strcmp(k, "role") == 0)
				bit = KEY_ROLE;
			else if (strcmp(k, "channel") == 0)
				bit = KEY_CHANNEL;
			else if (strcmp(k, "nps") == 0)
				bit = KEY_NPS;
			else if (strcmp(k, "lang") == 0)
				bit = KEY_LANG;
			else if (strcmp(k, "items") == 0)
				bit = KEY_ITEMS;
		}
		if (bit == 0)
			return fail(err, FB_ERR_SYNTAX,
						"Unknown key \"%s\" at byte %zu; expected role, channel, nps, lang or items.",
						clip_len(j->tok, j->toklen, buf), fbj_pos(j));
		if (seen & bit)
			return fail(err, FB_ERR_SYNTAX, "Key \"%s\" at byte %zu appears more than once; expected each key at most once.",
						k, fbj_pos(j));
		seen |= bit;
		if ((st = expect(j, FBJ_COLON, "\":\" after the key", err)) != FB_OK)
			return st;
		if ((st = fbj_next(j, err)) != FB_OK)
			return st;

		/* null is the same as leaving the key out */
		if (j->token != FBJ_NULL)
		{
			switch (bit)
			{
				case KEY_ROLE:
					st = read_enum(j, "role", fb_roles, FB_NROLES,
								   "client, child, parent, staff, partner, other", &v->role, err);
					break;
				case KEY_CHANNEL:
					st = read_enum(j, "channel", fb_channels, FB_NCHANNELS,
								   "web, sms, paper, kiosk, phone, meeting, other", &v->channel, err);
					break;
				case KEY_NPS:
					{
						int			nps = 0;

						st = read_int(j, "nps", 0, 10, false, &nps, err);
						v->nps = (uint8_t) nps;
						break;
					}
				case KEY_LANG:
					st = read_lang(j, &v->lang, err);
					break;
				case KEY_ITEMS:
					st = read_items(j, v, err);
					break;
			}
			if (st != FB_OK)
				return st;
		}
		if ((st = fbj_next(j, err)) != FB_OK)
			return st;
	}
	if (v->nps == FB_NPS_NONE && v->nitems == 0)
		return fail(err, FB_ERR_SYNTAX,
					"Expected at least one answer: \"nps\" (0 to 10) or a statement in \"items\".");
	return fbj_next(j, err);
}

FbStatus
fb_parse_text(const char *text, size_t len, FbUnicodeFn unicode, void *arg,
			  FbValue *v, FbError *err)
{
	FbJson		j;
	FbStatus	st;

	memset(v, 0, offsetof(FbValue, items));
	err->status = FB_OK;
	err->detail[0] = '\0';
	fbj_init(&j, text, len);
	j.unicode = unicode;
	j.unicode_arg = arg;
	if ((st = fbj_next(&j, err)) != FB_OK)
		return st;
	if (j.token == FBJ_END)
		return fail(err, FB_ERR_SYNTAX, "Expected a JSON object, not an empty string.");
	if ((st = fb_parse_value(&j, v, err)) != FB_OK)
		return st;
	if (j.token != FBJ_END)
		return fbj_expected(&j, "the end of the text after the object", err);
	return FB_OK;
}

FbStatus
fb_parse(const char *text, FbValue *v, FbError *err)
{
	return fb_parse_text(text, strlen(text), NULL, NULL, v, err);
}

size_t
fb_encoded_size(const FbValue *v)
{
	size_t		n = FB_HEADER_SIZE;

	for (int i = 0; i < v->nitems; i++)
		n += 2 + v->items[i].len;
	return n;
}

void
fb_encode(const FbValue *v, uint8_t *out)
{
	uint8_t    *q = out + FB_HEADER_SIZE;

	out[0] = FB_VERSION;
	out[1] = v->role;
	out[2] = v->channel;
	out[3] = v->nps;
	out[4] = (uint8_t) (v->lang >> 8);
	out[5] = (uint8_t) (v->lang & 0xFF);
	out[6] = v->nitems;
	for (int i = 0; i < v->nitems; i++)
	{
		*q++ = v->items[i].len;
		memcpy(q, v->items[i].code, v->items[i].len);
		q += v->items[i].len;
		*q++ = v->items[i].score;
	}
}

bool
fb_lang_text(uint16_t lang, char *out)
{
	int			n = 0;

	if (lang == 0)
		return false;
	for (int shift = 10; shift >= 0; shift -= 5)
	{
		int			c = (lang >> shift) & 31;

		if (c != 0)
			out[n++] = (char) ('a' + c - 1);
	}
	out[n] = '\0';
	return true;
}

/* Whether a stored lang is one that read_lang can produce: 2 or 3 letters, none after a gap. */
static bool
valid_lang(uint16_t lang)
{
	int			c1 = (lang >> 10) & 31,
				c2 = (lang >> 5) & 31,
				c3 = lang & 31;

	if (lang == 0)
		return true;
	if (lang >> 15)
		return false;
	/* two letters are stored in the top two slots */
	return c1 >= 1 && c1 <= 26 && c2 >= 1 && c2 <= 26 && c3 <= 26;
}

bool
fb_check_encoded(const uint8_t *p, size_t len)
{
	const uint8_t *q;
	const uint8_t *end = p + len;
	const uint8_t *prev = NULL;

	if (len < FB_HEADER_SIZE || p[0] != FB_VERSION || p[1] > FB_NROLES ||
		p[2] > FB_NCHANNELS || (p[3] > 10 && p[3] != FB_NPS_NONE) ||
		!valid_lang((uint16_t) ((p[4] << 8) | p[5])) || p[6] > FB_MAX_ITEMS ||
		(p[3] == FB_NPS_NONE && p[6] == 0))
		return false;
	q = p + FB_HEADER_SIZE;
	for (int i = 0; i < p[6]; i++)
	{
		FbItem		a,
					b;

		if (q >= end || q + q[0] + 2 > end || !fb_valid_code((const char *) q + 1, q[0]) ||
			q[1 + q[0]] > 5)
			return false;
		if (prev != NULL)
		{
			a.len = prev[0];
			memcpy(a.code, prev + 1, a.len);
			b.len = q[0];
			memcpy(b.code, q + 1, b.len);
			if (fb_item_cmp(&a, &b) >= 0)
				return false;
		}
		prev = q;
		q += q[0] + 2;
	}
	return q == end;
}

size_t
fb_print(const uint8_t *p, size_t len, char *out)
{
	char	   *o = out;
	const char *sep = "";
	const uint8_t *q;
	char		lang[4];

	*o++ = '{';
	if (p[1] != 0)
	{
		o += sprintf(o, "%s\"role\":\"%s\"", sep, fb_roles[p[1]]);
		sep = ",";
	}
	if (p[2] != 0)
	{
		o += sprintf(o, "%s\"channel\":\"%s\"", sep, fb_channels[p[2]]);
		sep = ",";
	}
	if (p[3] != FB_NPS_NONE)
	{
		o += sprintf(o, "%s\"nps\":%d", sep, p[3]);
		sep = ",";
	}
	if (fb_lang_text((uint16_t) ((p[4] << 8) | p[5]), lang))
	{
		o += sprintf(o, "%s\"lang\":\"%s\"", sep, lang);
		sep = ",";
	}
	if (p[6] > 0)
	{
		o += sprintf(o, "%s\"items\":{", sep);
		q = p + FB_HEADER_SIZE;
		for (int i = 0; i < p[6] && q < p + len; i++)
		{
			int			l = q[0];
			int			s = q[1 + l];

			if (s == FB_DONT_KNOW)
				o += sprintf(o, "%s\"%.*s\":null", i ? "," : "", l, (const char *) q + 1);
			else
				o += sprintf(o, "%s\"%.*s\":%d", i ? "," : "", l, (const char *) q + 1, s);
			q += l + 2;
		}
		*o++ = '}';
	}
	*o++ = '}';
	*o = '\0';
	return (size_t) (o - out);
}

/* Order of two statement codes for fb_item_counts_add: bytewise, shorter first on a prefix. */
static int
item_count_cmp(const uint8_t *a, size_t alen, const char *b, size_t blen)
{
	size_t		k = alen < blen ? alen : blen;
	int			c = memcmp(a, b, k);

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

void
fb_item_counts_add(FbItemCount *counts, int *n, const uint8_t *p, size_t len, int sign)
{
	const uint8_t *q = p + FB_HEADER_SIZE;
	const uint8_t *end = p + len;
	int			items = p[6];

	for (int i = 0; i < items && q < end; i++)
	{
		size_t		l = q[0];
		int			score = q[1 + l];
		int			lo = 0;
		int			hi = *n;
		FbItemCount *c;

		/* binary search for the code; lo ends at its place */
		while (lo < hi)
		{
			int			mid = lo + (hi - lo) / 2;
			int			cmp = item_count_cmp(q + 1, l, counts[mid].code, counts[mid].len);

			if (cmp == 0)
			{
				lo = mid;
				hi = -1;
				break;
			}
			if (cmp < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		if (hi != -1)
		{
			memmove(&counts[lo + 1], &counts[lo], (size_t) (*n - lo) * sizeof(FbItemCount));
			c = &counts[lo];
			memset(c, 0, sizeof(FbItemCount));
			c->len = (uint8_t) l;
			memcpy(c->code, q + 1, l);
			(*n)++;
		}
		c = &counts[lo];
		if (score == FB_DONT_KNOW)
			c->dont_know += sign;
		else
		{
			c->answers += sign;
			c->score_sum += (int64_t) sign * score;
			if (score >= 4)
				c->agree += sign;
		}
		q += l + 2;
	}
}
