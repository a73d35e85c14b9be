/*
 * load_core.c: the CSV reader, header matching, Finnish numbers and dates and the edit
 * distance behind the region's loaders (load_core.h).  Plain C99: no server headers, no
 * allocation, so that test/unit and test/fuzz exercise it outside the server.
 */
#include "load_core.h"

#include <stdio.h>
#include <string.h>

/* Writes a detail sentence into err and returns status. */
static LoadStatus
fail(LoadError *err, LoadStatus status, long line, const char *fmt, const char *arg)
{
	err->status = status;
	err->line = line;
	snprintf(err->detail, sizeof(err->detail), fmt, arg);
	return status;
}

/* csv_has_bom: see load_core.h. */
bool
csv_has_bom(const char *text, size_t len)
{
	return len >= 3 && (unsigned char) text[0] == 0xEF && (unsigned char) text[1] == 0xBB &&
		(unsigned char) text[2] == 0xBF;
}

/* csv_detect_separator: see load_core.h. */
char
csv_detect_separator(const char *text, size_t len)
{
	size_t		semi = 0,
				comma = 0,
				tab = 0;
	bool		quoted = false;
	size_t		i = csv_has_bom(text, len) ? 3 : 0;

	for (; i < len; i++)
	{
		char		c = text[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ';')
			semi++;
		else if (!quoted && c == ',')
			comma++;
		else if (!quoted && c == '\t')
			tab++;
	}
	if (semi == 0 && comma == 0 && tab == 0)
		return ',';
	if (semi >= comma && semi >= tab)
		return ';';
	return comma >= tab ? ',' : '\t';
}

/* csv_init: see load_core.h. */
void
csv_init(CsvReader *r, const char *text, size_t len, char sep)
{
	r->p = text;
	r->end = text + len;
	if (csv_has_bom(text, len))
		r->p += 3;
	r->sep = sep;
	r->line = 1;
	r->record_line = 0;
}

/* Skips blank lines (only spaces and tabs, or nothing) before a record. */
static void
skip_blank_lines(CsvReader *r)
{
	for (;;)
	{
		const char *q = r->p;

		while (q < r->end && (*q == ' ' || (*q == '\t' && r->sep != '\t')))
			q++;
		if (q >= r->end)
		{
			if (q > r->p && r->p < r->end)
				r->p = r->end;
			return;
		}
		if (*q == '\n' || *q == '\r')
		{
			if (*q == '\r' && q + 1 < r->end && q[1] == '\n')
				q++;
			r->p = q + 1;
			r->line++;
			continue;
		}
		return;
	}
}

/* csv_next: see load_core.h. */
LoadStatus
csv_next(CsvReader *r, CsvField *fields, int cap, int *n, LoadError *err)
{
	int			k = 0;

	skip_blank_lines(r);
	*n = 0;
	if (r->p >= r->end)
		return LOAD_END;
	r->record_line = r->line;
	for (;;)
	{
		CsvField	f;

		if (k >= cap)
		{
			char		num[32];

			snprintf(num, sizeof(num), "%d", cap);
			return fail(err, LOAD_ERR_FORMAT, r->record_line,
						"The record has more than %s fields.", num);
		}
		f.escaped = false;
		if (r->p < r->end && *r->p == '"')
		{
			const char *q = ++r->p;
			long		start_line = r->line;

			for (;;)
			{
				if (q >= r->end)
				{
					char		num[32];

					snprintf(num, sizeof(num), "%ld", start_line);
					return fail(err, LOAD_ERR_FORMAT, start_line,
								"A quoted field opened on line %s is not closed before the end of the file.", num);
				}
				if (*q == '"')
				{
					if (q + 1 < r->end && q[1] == '"')
					{
						f.escaped = true;
						q += 2;
						continue;
					}
					break;
				}
				if (*q == '\n' || (*q == '\r' && !(q + 1 < r->end && q[1] == '\n')))
					r->line++;
				q++;
			}
			f.p = r->p;
			f.len = (size_t) (q - r->p);
			r->p = q + 1;
			/* spaces after the closing quote are tolerated */
			while (r->p < r->end && *r->p == ' ' && r->sep != ' ')
				r->p++;
			if (r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r')
			{
				char		c[2] = {*r->p, '\0'};

				return fail(err, LOAD_ERR_FORMAT, r->line,
							"Expected a separator or the end of the line after a closing quote, found \"%s\".", c);
			}
		}
		else
		{
			const char *q = r->p;

			while (q < r->end && *q != r->sep && *q != '\n' && *q != '\r')
				q++;
			f.p = r->p;
			f.len = (size_t) (q - r->p);
			r->p = q;
		}
		fields[k++] = f;
		if (r->p < r->end && *r->p == r->sep)
		{
			r->p++;
			continue;
		}
		/* the end of the record */
		if (r->p < r->end)
		{
			if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
				r->p++;
			r->p++;
			r->line++;
		}
		*n = k;
		return LOAD_OK;
	}
}

/* csv_unescape: see load_core.h. */
size_t
csv_unescape(const CsvField *f, char *out)
{
	size_t		o = 0;

	for (size_t i = 0; i < f->len; i++)
	{
		out[o++] = f->p[i];
		if (f->escaped && f->p[i] == '"' && i + 1 < f->len && f->p[i + 1] == '"')
			i++;
	}
	return o;
}

/*
 * The next code point of s[*i..len), case-folded (ASCII letters and Å Ä Ö to lower case);
 * an invalid byte stands for itself.
 */
static uint32_t
next_folded(const char *s, size_t len, size_t *i)
{
	unsigned char c = (unsigned char) s[*i];
	uint32_t	cp;
	int			more;

	if (c < 0x80)
	{
		(*i)++;
		return (c >= 'A' && c <= 'Z') ? (uint32_t) (c + 32) : c;
	}
	if ((c & 0xE0) == 0xC0)
		more = 1, cp = c & 0x1F;
	else if ((c & 0xF0) == 0xE0)
		more = 2, cp = c & 0x0F;
	else if ((c & 0xF8) == 0xF0)
		more = 3, cp = c & 0x07;
	else
	{
		(*i)++;
		return 0x110000 + c;
	}
	if (*i + (size_t) more >= len)
	{
		(*i)++;
		return 0x110000 + c;
	}
	for (int k = 1; k <= more; k++)
	{
		unsigned char d = (unsigned char) s[*i + k];

		if ((d & 0xC0) != 0x80)
		{
			(*i)++;
			return 0x110000 + c;
		}
		cp = (cp << 6) | (d & 0x3F);
	}
	*i += (size_t) more + 1;
	if (cp == 0xC5 || cp == 0xC4 || cp == 0xD6)	/* Å Ä Ö */
		cp += 0x20;
	return cp;
}

/* Trims spaces (and no-break spaces are left: they are rare in names) around s[0..*len). */
static const char *
trim(const char *s, size_t *len)
{
	while (*len > 0 && (s[0] == ' ' || s[0] == '\t'))
		s++, (*len)--;
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

/* load_name_equal: see load_core.h. */
bool
load_name_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t		i = 0,
				j = 0;

	a = trim(a, &alen);
	b = trim(b, &blen);
	while (i < alen && j < blen)
		if (next_folded(a, alen, &i) != next_folded(b, blen, &j))
			return false;
	return i == alen && j == blen;
}

/* load_spec_optional: see load_core.h. */
bool
load_spec_optional(const char *spec, size_t speclen)
{
	return speclen > 0 && spec[0] == '?';
}

/* load_spec_matches: see load_core.h. */
bool
load_spec_matches(const char *spec, size_t speclen, const char *name, size_t namelen)
{
	size_t		i = load_spec_optional(spec, speclen) ? 1 : 0;

	while (i <= speclen)
	{
		size_t		j = i;

		while (j < speclen && spec[j] != '|')
			j++;
		if (j > i && load_name_equal(spec + i, j - i, name, namelen))
			return true;
		i = j + 1;
	}
	return false;
}

/* load_number: see load_core.h. */
LoadStatus
load_number(const char *s, size_t len, char *out, LoadError *err)
{
	size_t		i = 0,
				o = 0;
	int			digits = 0,
				group = -1;		/* digits since the last group space, -1 before any */
	bool		point = false,
				grouped = false;
	static const char expect[] = "Expected a number such as 94,5, -3 or 1 234,5 (decimal comma or point, spaces between groups of thousands).";

	s = trim(s, &len);
	if (len == 0)
		return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
	if (s[0] == '+' || s[0] == '-' || (len >= 3 && (unsigned char) s[0] == 0xE2 &&
										(unsigned char) s[1] == 0x88 && (unsigned char) s[2] == 0x92))
	{
		if (s[0] == '-' || s[0] != '+')
			out[o++] = '-';
		i = (s[0] == '+' || s[0] == '-') ? 1 : 3;	/* U+2212 minus sign too */
	}
	for (; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];
		size_t		skip = 0;

		if (c >= '0' && c <= '9')
		{
			if (o >= LOAD_NUM_BUFLEN - 2)
				return fail(err, LOAD_ERR_RANGE, 0, "%s", "The number has too many digits (at most 60).");
			out[o++] = (char) c;
			digits++;
			if (group >= 0)
				group++;
			continue;
		}
		if (c == ' ')
			skip = 1;
		else if (c == 0xC2 && i + 1 < len && (unsigned char) s[i + 1] == 0xA0)
			skip = 2;			/* no-break space */
		else if (c == 0xE2 && i + 2 < len && (unsigned char) s[i + 1] == 0x80 &&
				 (unsigned char) s[i + 2] == 0xAF)
			skip = 3;			/* narrow no-break space */
		if (skip > 0)
		{
			/* a group space: after 1-3 digits first, then after exactly three */
			if (point || digits == 0 || (group < 0 && digits > 3) || (group >= 0 && group != 3))
				return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
			group = 0;
			grouped = true;
			i += skip - 1;
			continue;
		}
		if ((c == ',' || c == '.') && !point && digits > 0)
		{
			if (grouped && group != 3)
				return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
			point = true;
			group = -1;
			out[o++] = '.';
			if (i + 1 >= len || s[i + 1] < '0' || s[i + 1] > '9')
				return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
			continue;
		}
		return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
	}
	if (digits == 0 || (grouped && !point && group != 3))
		return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
	out[o] = '\0';
	return LOAD_OK;
}

#define Max_size(a, b) ((a) > (b) ? (a) : (b))

/* The parts of a number as load_number writes it: sign, integer digits without leading zeros, fraction digits without trailing zeros. */
static void
number_parts(const char *s, bool *neg, const char **ip, size_t *ilen, const char **fp, size_t *flen)
{
	const char *dot;

	*neg = s[0] == '-';
	if (*neg)
		s++;
	while (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		s++;
	dot = strchr(s, '.');
	*ip = s;
	*ilen = dot ? (size_t) (dot - s) : strlen(s);
	if (*ilen == 1 && s[0] == '0')
		*ilen = 0;
	*fp = dot ? dot + 1 : "";
	*flen = strlen(*fp);
	while (*flen > 0 && (*fp)[*flen - 1] == '0')
		(*flen)--;
}

int
load_number_cmp(const char *a, const char *b)
{
	bool		an,
				bn;
	const char *ai,
			   *af,
			   *bi,
			   *bf;
	size_t		ail,
				afl,
				bil,
				bfl;
	int			c = 0;
	bool		azero,
				bzero;

	number_parts(a, &an, &ai, &ail, &af, &afl);
	number_parts(b, &bn, &bi, &bil, &bf, &bfl);
	azero = ail == 0 && afl == 0;
	bzero = bil == 0 && bfl == 0;
	if (azero)
		an = false;
	if (bzero)
		bn = false;
	if (an != bn)
		return an ? -1 : 1;
	/* the magnitudes: longer integer part, then digit by digit, then the fractions */
	if (ail != bil)
		c = ail < bil ? -1 : 1;
	else if ((c = memcmp(ai, bi, ail)) != 0)
		c = c < 0 ? -1 : 1;
	else
	{
		for (size_t k = 0; c == 0 && k < Max_size(afl, bfl); k++)
		{
			char		x = k < afl ? af[k] : '0',
						y = k < bfl ? bf[k] : '0';

			if (x != y)
				c = x < y ? -1 : 1;
		}
	}
	return an ? -c : c;
}

/* Reads 1..maxd digits at s[*i..len) into *v; false if none. */
static bool
digits(const char *s, size_t len, size_t *i, int maxd, int *v)
{
	int			n = 0;

	*v = 0;
	while (*i < len && n < maxd && s[*i] >= '0' && s[*i] <= '9')
	{
		*v = *v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n > 0 && !(*i < len && s[*i] >= '0' && s[*i] <= '9');
}

/* Days in a month of the proleptic Gregorian calendar. */
static int
month_days(int year, int month)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return d[month - 1];
}

/* load_date: see load_core.h. */
LoadStatus
load_date(const char *s, size_t len, int *year, int *month, int *day, int *time, LoadError *err)
{
	size_t		i = 0;
	int			a,
				b,
				c;
	static const char expect_date[] = "Expected a date such as 1.4.2025 or 2025-04-01.";
	static const char expect_time[] = "Expected a date such as 1.4.2025 or 2025-04-01, optionally with a time such as 14.30 or 14:30:15.";
	const char *expect = time ? expect_time : expect_date;

	s = trim(s, &len);
	if (!digits(s, len, &i, 4, &a))
		return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
	if (i < len && s[i] == '-' && i == 4)
	{
		i++;
		if (!digits(s, len, &i, 2, &b) || i >= len || s[i] != '-')
			return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
		i++;
		if (!digits(s, len, &i, 2, &c))
			return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
		*year = a, *month = b, *day = c;
	}
	else if (i < len && s[i] == '.' && i <= 2)
	{
		i++;
		if (!digits(s, len, &i, 2, &b) || i >= len || s[i] != '.')
			return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
		i++;
		{
			size_t		y0 = i;

			if (!digits(s, len, &i, 4, &c) || i - y0 != 4)
				return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
		}
		*year = c, *month = b, *day = a;
	}
	else
		return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
	if (*year < 1 || *month < 1 || *month > 12 || *day < 1 || *day > month_days(*year, *month))
		return fail(err, LOAD_ERR_RANGE, 0, "%s", "The day does not exist in the calendar.");
	if (time)
		*time = 0;
	if (i == len)
		return LOAD_OK;
	if (time == NULL || (s[i] != ' ' && s[i] != 'T'))
		return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
	while (i < len && (s[i] == ' ' || s[i] == 'T'))
		i++;
	{
		int			h,
					m,
					sec = 0;
		char		sep;

		if (!digits(s, len, &i, 2, &h) || i >= len || (s[i] != ':' && s[i] != '.'))
			return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
		sep = s[i++];
		if (!digits(s, len, &i, 2, &m))
			return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
		if (i < len && s[i] == sep)
		{
			i++;
			if (!digits(s, len, &i, 2, &sec))
				return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
			if (i < len && (s[i] == '.' || s[i] == ','))
			{
				i++;
				if (i >= len || s[i] < '0' || s[i] > '9')
					return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
				while (i < len && s[i] >= '0' && s[i] <= '9')
					i++;
			}
		}
		if (i != len)
			return fail(err, LOAD_ERR_SYNTAX, 0, "%s", expect);
		if (h > 23 || m > 59 || sec > 59)
			return fail(err, LOAD_ERR_RANGE, 0, "%s", "The time of day does not exist (hours 0-23, minutes and seconds 0-59).");
		*time = h * 3600 + m * 60 + sec;
	}
	return LOAD_OK;
}

/* Decodes at most LOAD_MAX_NAME folded code points of s into cps; returns how many. */
static int
decode_name(const char *s, size_t len, uint32_t *cps)
{
	size_t		i = 0;
	int			n = 0;

	s = trim(s, &len);
	while (i < len && n < LOAD_MAX_NAME)
		cps[n++] = next_folded(s, len, &i);
	return n;
}

/* load_distance: see load_core.h. */
int
load_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	uint32_t	x[LOAD_MAX_NAME],
				y[LOAD_MAX_NAME];
	int			row[LOAD_MAX_NAME + 1];
	int			n = decode_name(a, alen, x);
	int			m = decode_name(b, blen, y);

	for (int j = 0; j <= m; j++)
		row[j] = j;
	for (int i = 1; i <= n; i++)
	{
		int			diag = row[0];

		row[0] = i;
		for (int j = 1; j <= m; j++)
		{
			int			up = row[j];
			int			best = diag + (x[i - 1] != y[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}
