/*
 * tally_core.c: parsing and formatting of the pekefb.tally text form "(a,b,n)" (plain C99,
 * see tally_core.h).
 */
#include "tally_core.h"

#include <stdio.h>

/*
 * Parses one non-negative decimal int64 at *p, advancing *p.  Returns false if there is no
 * number; sets *overflow when the digits do not fit in an int64.
 */
static bool
parse_count(const char **p, int64_t *out, bool *overflow)
{
	const char *s = *p;
	int64_t		v = 0;

	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
	{
		int			d = *s - '0';

		if (v > (INT64_MAX - d) / 10)
			*overflow = true;
		else
			v = v * 10 + d;
		s++;
	}
	*p = s;
	*out = v;
	return true;
}

/* tally_parse: see tally_core.h; a syntax error wins over an overflowing counter. */
TallyParseStatus
tally_parse(const char *s, int64_t v[3])
{
	const char *p = s;
	bool		overflow = false;

	while (*p == ' ')
		p++;
	if (*p++ != '(')
		return TALLY_PARSE_SYNTAX;
	for (int i = 0; i < 3; i++)
	{
		while (*p == ' ')
			p++;
		if (!parse_count(&p, &v[i], &overflow))
			return TALLY_PARSE_SYNTAX;
		while (*p == ' ')
			p++;
		if (*p++ != (i < 2 ? ',' : ')'))
			return TALLY_PARSE_SYNTAX;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return TALLY_PARSE_SYNTAX;
	return overflow ? TALLY_PARSE_RANGE : TALLY_PARSE_OK;
}

/* tally_format: "(a,b,n)", no spaces. */
void
tally_format(const int64_t v[3], char *buf)
{
	snprintf(buf, TALLY_BUFLEN, "(%lld,%lld,%lld)",
			 (long long) v[0], (long long) v[1], (long long) v[2]);
}

/* tally_valid: no negative counter. */
bool
tally_valid(const int64_t v[3])
{
	return v[0] >= 0 && v[1] >= 0 && v[2] >= 0;
}
