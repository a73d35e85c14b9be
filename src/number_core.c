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

/*
 * unit_parse: an optional unit at *pp: "%", or a word "d", "pv", "vrk" (days; any case).
 * No unit leaves *unit = UNIT_NONE and returns true; a word that is not a unit returns
 * false with *pp at the word.
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
	while (isalpha((unsigned char) *p))
		p++;
	n = (size_t) (p - w);
	if (n == 0)
		return true;
	if ((n == 1 && strncasecmp(w, "d", 1) == 0) ||
		(n == 2 && strncasecmp(w, "pv", 2) == 0) ||
		(n == 3 && strncasecmp(w, "vrk", 3) == 0))
	{
		*unit = UNIT_DAYS;
		*pp = p;
		return true;
	}
	return false;
}

/* unit_symbol: the unit as the SQL accessors return it: "%", "d" or "". */
const char *
unit_symbol(Unit unit)
{
	switch (unit)
	{
		case UNIT_PERCENT:
			return "%";
		case UNIT_DAYS:
			return "d";
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
		default:
			return "a plain number (no unit)";
	}
}

/*
 * unit_base: a number as written (display units) in base units: percent is divided by 100
 * (one correctly rounded division, so 90 gives exactly the double 0.9); others unchanged.
 */
double
unit_base(Unit unit, double display)
{
	return unit == UNIT_PERCENT ? display / 100.0 : display;
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
