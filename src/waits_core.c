/*
 * waits_core.c: the histogram maths of pekefb.waits (see waits_core.h for the layout):
 * insert, merge, subtract, percentile, shares, buckets and the text form.  Plain C99, no
 * PostgreSQL headers; errors come back as a WaitsStatus plus a detail sentence.
 */
#include "waits_core.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* printf into the detail buffer (if the caller gave one). */
static void set_detail(char *detail, const char *fmt, ...)
			__attribute__((format(printf, 2, 3)));

static void
set_detail(char *detail, const char *fmt, ...)
{
	va_list		ap;

	if (detail == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(detail, WAITS_DETAIL_LEN, fmt, ap);
	va_end(ap);
}

/* Sets up an empty value with room for cap days. */
void
waits_init(Waits *w, int32_t cap)
{
	w->flags = 0;
	w->n = 0;
	w->cap = cap;
}

/*
 * Inserts a new day at index idx (where waits_find said it belongs), shifting the later
 * entries up by one.  New distinct days are rare once an aggregate has seen a few rows.
 */
WaitsStatus
waits_insert_at(Waits *w, int32_t idx, int32_t day, int64_t count)
{
	int64_t    *counts = WAITS_COUNTS(w);
	int32_t    *days = WAITS_DAYS(w);
	int32_t		tail = w->n - idx;

	if (w->n >= w->cap)
		return WAITS_FULL;
	if (tail > 0)
	{
		memmove(&counts[idx + 1], &counts[idx], (size_t) tail * sizeof(int64_t));
		memmove(&days[idx + 1], &days[idx], (size_t) tail * sizeof(int32_t));
	}
	counts[idx] = count;
	days[idx] = day;
	w->n++;
	return WAITS_OK;
}

/* Copies src's pairs into dst with room for dstcap days. */
void
waits_copy(Waits *dst, int32_t dstcap, const Waits *src)
{
	int32_t		n = src->n;

	/* src's arrays are read before dst's header changes, in case they overlap */
	waits_init(dst, dstcap);
	memmove(WAITS_COUNTS(dst), WAITS_CCOUNTS(src), (size_t) n * sizeof(int64_t));
	memmove(WAITS_DAYS(dst), WAITS_CDAYS(src), (size_t) n * sizeof(int32_t));
	dst->n = n;
}

/* Same pairs in both values? */
bool
waits_equal(const Waits *a, const Waits *b)
{
	if (a->n != b->n)
		return false;
	return memcmp(WAITS_CDAYS(a), WAITS_CDAYS(b), (size_t) a->n * sizeof(int32_t)) == 0 &&
		memcmp(WAITS_CCOUNTS(a), WAITS_CCOUNTS(b), (size_t) a->n * sizeof(int64_t)) == 0;
}

/* Distinct days in a ∪ b: one pass over both sorted arrays. */
int32_t
waits_union_size(const Waits *a, const Waits *b)
{
	const int32_t *ad = WAITS_CDAYS(a);
	const int32_t *bd = WAITS_CDAYS(b);
	int32_t		i = 0,
				j = 0,
				u = 0;

	while (i < a->n && j < b->n)
	{
		if (ad[i] < bd[j])
			i++;
		else if (ad[i] > bd[j])
			j++;
		else
			i++, j++;
		u++;
	}
	return u + (a->n - i) + (b->n - j);
}

/*
 * dst := a + b.  The merge runs from the largest day down, so dst may be a (with room for
 * the union): every write lands at or above the a-entry still to be read.
 */
WaitsStatus
waits_merge(Waits *dst, const Waits *a, const Waits *b)
{
	int32_t		an = a->n,
				bn = b->n;
	int32_t		u = waits_union_size(a, b);
	const int64_t *ac = WAITS_CCOUNTS(a);
	const int32_t *ad = WAITS_CDAYS(a);
	const int64_t *bc = WAITS_CCOUNTS(b);
	const int32_t *bd = WAITS_CDAYS(b);
	int64_t    *dc = WAITS_COUNTS(dst);
	int32_t    *dd = WAITS_DAYS(dst);
	int32_t		i = an - 1,
				j = bn - 1,
				k = u - 1;

	while (j >= 0)
	{
		if (i >= 0 && ad[i] > bd[j])
		{
			dd[k] = ad[i];
			dc[k] = ac[i];
			i--;
		}
		else if (i >= 0 && ad[i] == bd[j])
		{
			if (ac[i] > INT64_MAX - bc[j])
				return WAITS_RANGE;
			dd[k] = ad[i];
			dc[k] = ac[i] + bc[j];
			i--, j--;
		}
		else
		{
			dd[k] = bd[j];
			dc[k] = bc[j];
			j--;
		}
		k--;
	}
	/* what is left of a is already in place when dst == a */
	if (dst != a)
	{
		memcpy(dd, ad, (size_t) (i + 1) * sizeof(int32_t));
		memcpy(dc, ac, (size_t) (i + 1) * sizeof(int64_t));
	}
	dst->n = u;
	return WAITS_OK;
}

/* a := a - b, dropping days that reach 0; a is untouched when b is not part of a. */
WaitsStatus
waits_subtract(Waits *a, const Waits *b)
{
	int64_t    *ac = WAITS_COUNTS(a);
	int32_t    *ad = WAITS_DAYS(a);
	const int64_t *bc = WAITS_CCOUNTS(b);
	const int32_t *bd = WAITS_CDAYS(b);
	int32_t		i,
				j,
				k;

	/* first pass: check containment */
	for (i = 0, j = 0; j < b->n; j++)
	{
		while (i < a->n && ad[i] < bd[j])
			i++;
		if (i >= a->n || ad[i] != bd[j] || ac[i] < bc[j])
			return WAITS_RANGE;
	}
	/* second pass: subtract and compact */
	for (i = 0, j = 0, k = 0; i < a->n; i++)
	{
		int64_t		c = ac[i];

		if (j < b->n && bd[j] == ad[i])
			c -= bc[j++];
		if (c > 0)
		{
			ad[k] = ad[i];
			ac[k] = c;
			k++;
		}
	}
	a->n = k;
	return WAITS_OK;
}

/* Sum of the counts, checked against int64 overflow. */
WaitsStatus
waits_total(const Waits *w, int64_t *total)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	int64_t		t = 0;

	for (int32_t i = 0; i < w->n; i++)
	{
		if (t > INT64_MAX - c[i])
			return WAITS_RANGE;
		t += c[i];
	}
	*total = t;
	return WAITS_OK;
}

/*
 * The row number is computed exactly as PostgreSQL's percentile_disc_final does
 * ((int64) ceil(p * rowcount) in double precision), so both agree bit for bit; then the
 * day holding that row is found by walking the cumulative counts.
 */
int32_t
waits_percentile(const Waits *w, int64_t total, double p)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	const int32_t *d = WAITS_CDAYS(w);
	int64_t		rownum = (int64_t) ceil(p * (double) total);
	int64_t		cum = 0;

	for (int32_t i = 0; i < w->n; i++)
	{
		cum += c[i];
		if (cum >= rownum)
			return d[i];
	}
	return d[w->n - 1];
}

/* Waits of at most day days (sum of counts of days <= day). */
int64_t
waits_count_within(const Waits *w, int32_t day)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	const int32_t *d = WAITS_CDAYS(w);
	int64_t		s = 0;

	for (int32_t i = 0; i < w->n && d[i] <= day; i++)
		s += c[i];
	return s;
}

/*
 * Mean wait.  The sum of day * count is kept exactly in 128 bits where the compiler has
 * them (it can exceed int64 for large states), so the only rounding is the final division.
 */
double
waits_mean(const Waits *w, int64_t total)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	const int32_t *d = WAITS_CDAYS(w);
#ifdef __SIZEOF_INT128__
	unsigned __int128 s = 0;

	for (int32_t i = 0; i < w->n; i++)
		s += (unsigned __int128) (uint32_t) d[i] * (uint64_t) c[i];
	if (s <= (unsigned __int128) UINT64_MAX)
		return (double) (uint64_t) s / (double) total;
	return (double) s / (double) total;
#else
	long double s = 0;

	for (int32_t i = 0; i < w->n; i++)
		s += (long double) d[i] * (long double) c[i];
	return (double) (s / (long double) total);
#endif
}

/* ---------------------------------------------------------------- text form */

/* An upper bound for the pairs in text: one per ':' (the parser rejects anything else). */
int32_t
waits_parse_room(const char *text)
{
	int64_t		n = 0;

	for (const char *p = text; *p; p++)
		if (*p == ':')
			n++;
	return n > WAITS_MAX_CAP ? WAITS_MAX_CAP : (int32_t) n;
}

static const char *
skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * Reads an optionally signed decimal integer at *p into *out (saturating: *overflow set
 * when it does not fit int64); false if there are no digits.
 */
static bool
read_integer(const char **p, int64_t *out, bool *overflow)
{
	const char *s = *p;
	bool		neg = false;
	int64_t		v = 0;

	*overflow = false;
	if (*s == '-' || *s == '+')
		neg = (*s++ == '-');
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
	{
		int			dig = *s - '0';

		if (v > (INT64_MAX - dig) / 10)
			*overflow = true;
		else
			v = v * 10 + dig;
		s++;
	}
	*p = s;
	*out = neg ? -v : v;
	return true;
}

/* Parses "{day:count, ...}"; see waits_core.h. */
WaitsStatus
waits_parse(const char *text, Waits *w, char *detail)
{
	const char *p = skip_spaces(text);
	int64_t		total = 0;
	int32_t		prev = -1;

	w->n = 0;
	if (*p != '{')
	{
		set_detail(detail, "Expected \"{\" followed by day:count pairs, like \"{0:12,1:40,3:7}\".");
		return WAITS_SYNTAX;
	}
	p = skip_spaces(p + 1);
	if (*p != '}')
	{
		for (;;)
		{
			int64_t		day,
						count;
			bool		ovf;

			if (!read_integer(&p, &day, &ovf))
			{
				set_detail(detail, "Expected day:count pairs of whole numbers, like \"0:12\", separated by commas.");
				return WAITS_SYNTAX;
			}
			if (ovf || day > INT32_MAX || day < 0)
			{
				set_detail(detail, ovf || day > INT32_MAX
						   ? "Days must be between 0 and 2147483647."
						   : "Days must be 0 or more.");
				return WAITS_RANGE;
			}
			p = skip_spaces(p);
			if (*p != ':')
			{
				set_detail(detail, "Expected \":\" and a count after day %d.", (int) day);
				return WAITS_SYNTAX;
			}
			p = skip_spaces(p + 1);
			if (!read_integer(&p, &count, &ovf))
			{
				set_detail(detail, "Expected a count (a whole number) after \"%d:\".", (int) day);
				return WAITS_SYNTAX;
			}
			if (ovf)
			{
				set_detail(detail, "The count of day %d does not fit in bigint.", (int) day);
				return WAITS_RANGE;
			}
			if (count < 1)
			{
				set_detail(detail, "The count of day %d must be 1 or more; leave out days without waits.",
						   (int) day);
				return WAITS_RANGE;
			}
			if (day <= prev)
			{
				set_detail(detail, day == prev
						   ? "Day %d appears twice; each day must appear once."
						   : "Days must be in ascending order; %d follows %d.",
						   (int) day, (int) prev);
				return WAITS_SYNTAX;
			}
			if (total > INT64_MAX - count)
			{
				set_detail(detail, "The total number of waits does not fit in bigint.");
				return WAITS_RANGE;
			}
			if (w->n >= w->cap)		/* cannot happen with waits_parse_room */
			{
				set_detail(detail, "Too many days.");
				return WAITS_RANGE;
			}
			total += count;
			prev = (int32_t) day;
			WAITS_COUNTS(w)[w->n] = count;
			WAITS_DAYS(w)[w->n] = (int32_t) day;
			w->n++;

			p = skip_spaces(p);
			if (*p == ',')
			{
				p = skip_spaces(p + 1);
				continue;
			}
			if (*p == '}')
				break;
			set_detail(detail, "Expected \",\" or \"}\" after \"%d:%lld\".", (int) day, (long long) count);
			return WAITS_SYNTAX;
		}
	}
	p = skip_spaces(p + 1);
	if (*p != '\0')
	{
		set_detail(detail, "Expected nothing after the closing \"}\".");
		return WAITS_SYNTAX;
	}
	return WAITS_OK;
}

/* Checks pairs from binary input; same rules as the text form. */
WaitsStatus
waits_validate(const int32_t *days, const int64_t *counts, int32_t n, char *detail)
{
	int64_t		total = 0;

	for (int32_t i = 0; i < n; i++)
	{
		if (days[i] < 0)
		{
			set_detail(detail, "Days must be 0 or more.");
			return WAITS_RANGE;
		}
		if (i > 0 && days[i] <= days[i - 1])
		{
			set_detail(detail, "Days must be strictly ascending.");
			return WAITS_SYNTAX;
		}
		if (counts[i] < 1)
		{
			set_detail(detail, "Counts must be 1 or more.");
			return WAITS_RANGE;
		}
		if (total > INT64_MAX - counts[i])
		{
			set_detail(detail, "The total number of waits does not fit in bigint.");
			return WAITS_RANGE;
		}
		total += counts[i];
	}
	return WAITS_OK;
}

/* Room for the text form including the terminating NUL. */
size_t
waits_text_len(const Waits *w)
{
	return 3 + (size_t) w->n * WAITS_PAIR_TEXT_MAX;
}

/* Canonical text: "{d:c,d:c}", no spaces, ascending days; "{}" when empty. */
size_t
waits_format(const Waits *w, char *buf)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	const int32_t *d = WAITS_CDAYS(w);
	char	   *p = buf;

	*p++ = '{';
	for (int32_t i = 0; i < w->n; i++)
		p += sprintf(p, i ? ",%d:%lld" : "%d:%lld", (int) d[i], (long long) c[i]);
	*p++ = '}';
	*p = '\0';
	return (size_t) (p - buf);
}

/* ---------------------------------------------------------------- buckets */

/* Bounds: at least one, no NULLs, each 0 <= b < 2147483647, strictly ascending. */
WaitsStatus
waits_check_bounds(const int32_t *bounds, int nb, bool has_null, char *detail)
{
	if (nb < 1)
	{
		set_detail(detail, "Expected at least one bound, like '{0,7,14,28,90}'.");
		return WAITS_BADPARAM;
	}
	if (has_null)
	{
		set_detail(detail, "Bounds must not contain NULL.");
		return WAITS_BADPARAM;
	}
	for (int i = 0; i < nb; i++)
	{
		if (bounds[i] < 0 || bounds[i] == INT32_MAX)
		{
			set_detail(detail, "Bound %d is out of range; bounds must be between 0 and 2147483646.",
					   (int) bounds[i]);
			return WAITS_BADPARAM;
		}
		if (i > 0 && bounds[i] <= bounds[i - 1])
		{
			set_detail(detail, "Bounds must be strictly ascending; %d follows %d.",
					   (int) bounds[i], (int) bounds[i - 1]);
			return WAITS_BADPARAM;
		}
	}
	return WAITS_OK;
}

/* out[k] = waits in bucket k: (bounds[k-1], bounds[k]] with bounds[-1] = -1, out[nb] the rest. */
void
waits_bucket_counts(const Waits *w, const int32_t *bounds, int nb, int64_t *out)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	const int32_t *d = WAITS_CDAYS(w);
	int			k = 0;

	for (int i = 0; i <= nb; i++)
		out[i] = 0;
	for (int32_t i = 0; i < w->n; i++)
	{
		while (k < nb && d[i] > bounds[k])
			k++;
		out[k] += c[i];
	}
}

/* "7" for a one-day bucket, "1–7" (en dash) for a range, "> 90" for the open bucket. */
void
waits_bucket_label(int32_t lower, int32_t upper, bool open, char *buf, size_t len)
{
	if (open)
		snprintf(buf, len, "> %d", (int) (lower - 1));
	else if (lower == upper)
		snprintf(buf, len, "%d", (int) lower);
	else
		snprintf(buf, len, "%d\xE2\x80\x93%d", (int) lower, (int) upper);
}
