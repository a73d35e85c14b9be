/*
 * number_core.c: decimal number and unit parsing and shortest round-trip formatting,
 * shared by target_core.c and indicator_core.c (no PostgreSQL headers).
 */
#include "number_core.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest number text we accept (digits, sign, separator, exponent). */
#define NUM_MAXLEN 400

/* Skips ASCII spaces and tabs. */
const char *
skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * num_parse: a decimal number at *pp: optional sign, digits, optional fraction after '.' or
 * ',' (the Finnish decimal comma), optional exponent (e5, E-3; needed to read back what
 * num_format writes for very large or small values).  A separator must have digits on both
 * sides, so "80..95" reads as 80, "..", 95 and "80...95" is an error, not 80..0.95.  No NaN or Infinity: they are not numbers here.
 * On success *pp points after the number; -0 becomes 0.
 */
NumStatus
num_parse(const char **pp, double *out)
{
	const char *s = *pp;
	const char *p = s;
	char		buf[NUM_MAXLEN + 1];
	size_t		len;
	int			digits = 0;
	bool		nonzero = false;
	double		v;
	char	   *end;

	if (*p == '+' || *p == '-')
		p++;
	while (isdigit((unsigned char) *p))
	{
		nonzero |= (*p != '0');
		digits++;
		p++;
	}
	if (digits > 0 && (*p == '.' || *p == ',') && isdigit((unsigned char) p[1]))
	{
		p++;
		while (isdigit((unsigned char) *p))
		{
			nonzero |= (*p != '0');
			digits++;
			p++;
		}
	}
	if (digits == 0)
		return NUM_NONE;
	if (*p == 'e' || *p == 'E')
	{
		const char *q = p + 1;

		if (*q == '+' || *q == '-')
			q++;
		if (isdigit((unsigned char) *q))
		{
			while (isdigit((unsigned char) *q))
				q++;
			p = q;
		}
	}
	len = (size_t) (p - s);
	if (len > NUM_MAXLEN)
		return NUM_RANGE;
	memcpy(buf, s, len);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (buf[i] == ',')
			buf[i] = '.';

	errno = 0;
	v = strtod(buf, &end);
	if (end != buf + len)
		return NUM_NONE;		/* cannot happen: we only pass what strtod reads */
	if (isinf(v) || (errno == ERANGE && v == 0.0 && nonzero))
		return NUM_RANGE;
	if (v == 0.0)
		v = 0.0;				/* no negative zero */
	*out = v;
	*pp = p;
	return NUM_OK;
}

/*
 * num_format: the shortest of %.15g, %.16g, %.17g that reads back (strtod) as exactly v, so
 * 0.1 prints as "0.1" and every double survives text output and input unchanged.
 */
void
num_format(double v, char *buf)
{
	for (int prec = 15; prec <= 17; prec++)
	{
		snprintf(buf, NUM_BUFLEN, "%.*g", prec, v);
		if (prec == 17 || strtod(buf, NULL) == v)
			return;
	}
}

/* num_span: length of the number-like text at p (for quoting it in an error). */
int
num_span(const char *p)
{
	int			n = 0;

	while (p[n] && strchr("+-0123456789.,eE", p[n]) && n < 40)
		n++;
	return n;
}

/* num_nonfinite_word: whether p starts with NaN or [+-]Inf (any case), to say so. */
bool
num_nonfinite_word(const char *p)
{
	if (*p == '+' || *p == '-')
		p++;
	return strncasecmp(p, "nan", 3) == 0 || strncasecmp(p, "inf", 3) == 0;
}

/* Unit words (lower case; ASCII letters compare case-insensitively). */
typedef struct UnitWord
{
	const char *word;
	Unit		unit;
} UnitWord;

static const UnitWord unit_words[] = {
	{"d", UNIT_DAYS}, {"pv", UNIT_DAYS}, {"vrk", UNIT_DAYS}, {"päivä", UNIT_DAYS},
	{"päivää", UNIT_DAYS}, {"day", UNIT_DAYS}, {"days", UNIT_DAYS}, {"dag", UNIT_DAYS},
	{"dagar", UNIT_DAYS}, {"dygn", UNIT_DAYS},
	{"wd", UNIT_WORKING_DAYS}, {"arkipäivä", UNIT_WORKING_DAYS},
	{"arkipäivää", UNIT_WORKING_DAYS}, {"arkip", UNIT_WORKING_DAYS},
	{"vardag", UNIT_WORKING_DAYS}, {"vardagar", UNIT_WORKING_DAYS},
	{"promille", UNIT_PER_MILLE},
};

/* Whether c may be part of a unit word: an ASCII letter or a byte of a UTF-8 sequence. */
static bool
word_byte(unsigned char c)
{
	return isalpha(c) || c >= 0x80;
}

/*
 * word_eq: whether the n bytes at w spell word (lower case) ignoring case: ASCII letters
 * and the Latin-1 capitals of UTF-8 (Ä, Å, Ö as ä, å, ö), as the deadline parser does.
 */
static bool
word_eq(const char *w, size_t n, const char *word)
{
	const unsigned char *a = (const unsigned char *) w;
	const unsigned char *b = (const unsigned char *) word;
	size_t		i = 0;

	for (; i < n && *b; i++, b++)
	{
		unsigned char c = a[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char) (c + 32);
		else if (i > 0 && a[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
			c = (unsigned char) (c + 0x20);
		if (c != *b)
			return false;
	}
	return i == n && *b == '\0';
}

/*
 * unit_parse: an optional unit at *pp: "%", "‰" or "per 1000" (also "per 1 000"), or a
 * word (unit_words: days such as d, pv, vrk, dagar, dygn; working days such as wd,
 * arkipäivää, vardagar; in any case, word_eq).  No unit leaves *unit = UNIT_NONE and
 * returns true; a word that is not a unit returns false with *pp at the word.
 */
bool
unit_parse(const char **pp, Unit *unit)
{
	const char *p = *pp;
	const char *w = p;
	size_t		n;

	*unit = UNIT_NONE;
	if (*p == '%')
	{
		*unit = UNIT_PERCENT;
		*pp = p + 1;
		return true;
	}
	if (strncmp(p, "‰", strlen("‰")) == 0)
	{
		*unit = UNIT_PER_MILLE;
		*pp = p + strlen("‰");
		return true;
	}
	while (word_byte((unsigned char) *p))
		p++;
	n = (size_t) (p - w);
	if (n == 0)
		return true;
	if (n == 3 && strncasecmp(w, "per", 3) == 0)
	{
		/* "per 1000" or "per 1 000", not followed by another digit */
		const char *q = skip_spaces(p);

		if (strncmp(q, "1000", 4) == 0)
			q += 4;
		else if (strncmp(q, "1 000", 5) == 0)
			q += 5;
		else
			return false;
		if (isdigit((unsigned char) *q) || ((*q == '.' || *q == ',') && isdigit((unsigned char) q[1])))
			return false;
		*unit = UNIT_PER_MILLE;
		*pp = q;
		return true;
	}
	for (size_t i = 0; i < sizeof(unit_words) / sizeof(unit_words[0]); i++)
	{
		if (word_eq(w, n, unit_words[i].word))
		{
			*unit = unit_words[i].unit;
			*pp = p;
			return true;
		}
	}
	return false;
}

/* unit_symbol: the unit as the SQL accessors return it: "%", "per 1000", "d", "wd" or "". */
const char *
unit_symbol(Unit unit)
{
	switch (unit)
	{
		case UNIT_PERCENT:
			return "%";
		case UNIT_DAYS:
			return "d";
		case UNIT_WORKING_DAYS:
			return "wd";
		case UNIT_PER_MILLE:
			return "per 1000";
		default:
			return "";
	}
}

/* unit_name: the unit in words, for error details. */
const char *
unit_name(Unit unit)
{
	switch (unit)
	{
		case UNIT_PERCENT:
			return "percent (%)";
		case UNIT_DAYS:
			return "days (d)";
		case UNIT_WORKING_DAYS:
			return "working days (wd)";
		case UNIT_PER_MILLE:
			return "per 1000";
		default:
			return "a plain number (no unit)";
	}
}

/*
 * unit_base: a number as written (display units) in base units: percent is divided by 100
 * (one correctly rounded division, so 90 gives exactly the double 0.9), per 1000 by 1000;
 * others unchanged.
 */
double
unit_base(Unit unit, double display)
{
	if (unit == UNIT_PERCENT)
		return display / 100.0;
	if (unit == UNIT_PER_MILLE)
		return display / 1000.0;
	return display;
}

/* unit_suffix: what the canonical text form writes after a number: "%", " per 1000", " d", " wd" or "". */
const char *
unit_suffix(Unit unit)
{
	switch (unit)
	{
		case UNIT_PERCENT:
			return "%";
		case UNIT_DAYS:
			return " d";
		case UNIT_WORKING_DAYS:
			return " wd";
		case UNIT_PER_MILLE:
			return " per 1000";
		default:
			return "";
	}
}

/*
 * core_clip: how many bytes of p to quote in a detail ("%.*s"): at most max, never cutting
 * a UTF-8 character in two (a cut character makes the server's conversion of the message
 * to another client_encoding fail with 22021 instead of the error itself).
 */
int
core_clip(const char *p, int max)
{
	int			n = 0;

	while (n < max && p[n] != '\0')
		n++;
	while (n > 0 && ((unsigned char) p[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* core_error: fills err with a kind and a formatted DETAIL sentence. */
void
core_error(CoreError *err, CoreErrorKind kind, const char *fmt,...)
{
	va_list		ap;

	err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

/* num_read: see number_core.h. */
bool
num_read(const char **pp, double *v, const char *what, const char *whole, CoreError *err)
{
	const char *p = skip_spaces(*pp);

	switch (num_parse(&p, v))
	{
		case NUM_OK:
			*pp = p;
			return true;
		case NUM_RANGE:
			core_error(err, CORE_OUT_OF_RANGE,
					   "The number \"%.*s\" is out of range for double precision.", num_span(p), p);
			return false;
		default:
			if (num_nonfinite_word(p))
				core_error(err, CORE_SYNTAX, "Expected a finite number; NaN and Infinity are not allowed.");
			else if (what == NULL)
				core_error(err, CORE_SYNTAX, "%s", whole);
			else if (*p == '\0')
				core_error(err, CORE_SYNTAX, "Expected a number %s, found the end of the text.", what);
			else
				core_error(err, CORE_SYNTAX, "Expected a number %s, found \"%.*s\".", what,
						   core_clip(p, 40), p);
			return false;
	}
}
