/*
 * waits_core.c: the histogram maths of pekefb.waits (see waits_core.h for the layout):
 * buffered insert and compaction, subtract, exact percentile ranks, shares, buckets and the
 * text form.  Plain C99, no PostgreSQL headers; errors come back as a WaitsStatus plus a
 * detail sentence.
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

/* Sets up an empty value with room for cap pairs (the memory is already zero). */
void
waits_init(Waits *w, int32_t cap)
{
	w->n = 0;
	w->buf = 0;
	w->cap = cap;
	w->total = 0;
}

/* Header consistency of a value from outside; see waits_core.h. */
WaitsStatus
waits_check_header(const Waits *w, size_t varsize, char *detail)
{
	if (varsize < WAITS_HDRSZ)
	{
		set_detail(detail, "The value is %zu bytes long, shorter than the %zu-byte header.",
				   varsize, WAITS_HDRSZ);
		return WAITS_INVALID;
	}
	if (w->cap < 0 || w->cap > WAITS_MAX_CAP || varsize != waits_size(w->cap))
	{
		set_detail(detail, "The value is %zu bytes long, which does not match its room for %d pairs.",
				   varsize, (int) w->cap);
		return WAITS_INVALID;
	}
	if (w->n < 0 || w->buf < 0 || (int64_t) w->n + w->buf > w->cap || w->total < 0)
	{
		set_detail(detail, "The header (sorted pairs %d, buffered %d, room %d, total %lld) is inconsistent.",
				   (int) w->n, (int) w->buf, (int) w->cap, (long long) w->total);
		return WAITS_INVALID;
	}
	return WAITS_OK;
}

/* Content of a value from outside; see waits_core.h. */
WaitsStatus
waits_check_content(const Waits *w, char *detail)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	const int32_t *d = WAITS_CDAYS(w);
	int64_t		t = 0;

	for (int32_t i = 0; i < w->n + w->buf; i++)
	{
		if (d[i] < 0 || c[i] < 1)
		{
			set_detail(detail, "Pair %d (day %d, count %lld) is not a day >= 0 with a count >= 1.",
					   (int) i, (int) d[i], (long long) c[i]);
			return WAITS_INVALID;
		}
		if (i > 0 && i < w->n && d[i] <= d[i - 1])
		{
			set_detail(detail, "Days must be strictly ascending; %d follows %d.", (int) d[i], (int) d[i - 1]);
			return WAITS_INVALID;
		}
		if (t > INT64_MAX - c[i])
		{
			set_detail(detail, "The total number of waits does not fit in bigint.");
			return WAITS_INVALID;
		}
		t += c[i];
	}
	if (t != w->total)
	{
		set_detail(detail, "The counts add up to %lld, not to the total %lld.", (long long) t,
				   (long long) w->total);
		return WAITS_INVALID;
	}
	return WAITS_OK;
}

/* Room check of a working value; see waits_core.h. */
bool
waits_has_room(const Waits *w)
{
	int32_t		want = w->n / 2 > WAITS_MIN_ROOM ? w->n / 2 : WAITS_MIN_ROOM;

	return (int64_t) w->cap - w->n - w->buf >= want;
}

/* Room to grow a working value with n sorted days to: 2n + WAITS_MIN_ROOM, capped. */
int32_t
waits_grow_cap(int32_t n)
{
	int64_t		cap = 2 * (int64_t) n + WAITS_MIN_ROOM;

	return cap > WAITS_MAX_CAP ? WAITS_MAX_CAP : (int32_t) cap;
}

/*
 * One pass of the radix sort: the b pairs (sd, sc) scattered into (dd, dc) by the byte of
 * the day at shift, stably.
 */
static void
radix_pass(const int32_t *sd, const int64_t *sc, int32_t *dd, int64_t *dc, int32_t b, int shift)
{
	int32_t		pos[256];

	memset(pos, 0, sizeof(pos));
	for (int32_t i = 0; i < b; i++)
		pos[((uint32_t) sd[i] >> shift) & 0xFF]++;
	for (int32_t k = 0, sum = 0; k < 256; k++)
	{
		int32_t		c = pos[k];

		pos[k] = sum;
		sum += c;
	}
	for (int32_t i = 0; i < b; i++)
	{
		int32_t		j = pos[((uint32_t) sd[i] >> shift) & 0xFF]++;

		dd[j] = sd[i];
		dc[j] = sc[i];
	}
}

/* Number of days of sorted d[0..n) that also appear in sorted e[0..m). */
static int32_t
common_days(const int32_t *d, int32_t n, const int32_t *e, int32_t m)
{
	int32_t		common = 0;

	if ((int64_t) m * 32 < n)
	{
		/* few against many: a binary search each */
		for (int32_t j = 0, lo = 0; j < m; j++)
		{
			int32_t		hi = n;

			while (lo < hi)
			{
				int32_t		mid = lo + (hi - lo) / 2;

				if (d[mid] < e[j])
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < n && d[lo] == e[j])
				common++;
		}
		return common;
	}
	for (int32_t i = 0, j = 0; i < n && j < m;)
	{
		if (d[i] < e[j])
			i++;
		else if (d[i] > e[j])
			j++;
		else
			common++, i++, j++;
	}
	return common;
}

/*
 * Compaction: the buffer is radix-sorted by day (8 bits a pass, passes whose byte is the
 * same for every pair skipped) ping-ponging between its place and scratch, ending in
 * scratch; equal days are summed; then the sorted part and the sorted buffer are merged from
 * the top down into the front of the arrays (every write lands at or above the sorted entry
 * still to be read).  Counts cannot overflow: each is at most the total.
 */
WaitsStatus
waits_compact(Waits *w, void *scratch)
{
	int32_t		n = w->n,
				b = w->buf,
				m = 0,
				u;
	int64_t    *c = WAITS_COUNTS(w);
	int32_t    *d = WAITS_DAYS(w);
	int64_t    *sc = (int64_t *) scratch;
	int32_t    *sd = (int32_t *) (sc + b);
	int32_t    *fromd = d + n,
			   *tod = sd;
	int64_t    *fromc = c + n,
			   *toc = sc;
	uint32_t	diff = 0;

	if (b == 0)
		return n > WAITS_MAX_DAYS ? WAITS_TOOBIG : WAITS_OK;

	for (int32_t i = 0; i < b; i++)
		diff |= (uint32_t) fromd[i] ^ (uint32_t) fromd[0];
	for (int shift = 0; shift < 32; shift += 8)
	{
		int32_t    *td;
		int64_t    *tc;

		if (((diff >> shift) & 0xFF) == 0)
			continue;
		radix_pass(fromd, fromc, tod, toc, b, shift);
		td = fromd, fromd = tod, tod = td;
		tc = fromc, fromc = toc, toc = tc;
	}
	if (fromd != sd)
	{
		memcpy(sd, fromd, (size_t) b * sizeof(int32_t));
		memcpy(sc, fromc, (size_t) b * sizeof(int64_t));
	}

	/* equal days summed */
	for (int32_t i = 0; i < b; i++)
	{
		if (m > 0 && sd[m - 1] == sd[i])
			sc[m - 1] += sc[i];
		else
		{
			sd[m] = sd[i];
			sc[m] = sc[i];
			m++;
		}
	}

	u = n + m - common_days(d, n, sd, m);
	/* k >= 0 holds for any valid value; the test only keeps a corrupt one in bounds */
	for (int32_t i = n - 1, j = m - 1, k = u - 1; j >= 0 && k >= 0; k--)
	{
		if (i >= 0 && d[i] > sd[j])
		{
			d[k] = d[i];
			c[k] = c[i];
			i--;
		}
		else if (i >= 0 && d[i] == sd[j])
		{
			c[k] = c[i] + sc[j];
			d[k] = d[i];
			i--, j--;
		}
		else
		{
			d[k] = sd[j];
			c[k] = sc[j];
			j--;
		}
	}
	/* the room freed holds buffered pairs: zero it */
	for (int32_t k = u; k < n + b; k++)
	{
		c[k] = 0;
		d[k] = 0;
	}
	w->n = u;
	w->buf = 0;
	return u > WAITS_MAX_DAYS ? WAITS_TOOBIG : WAITS_OK;
}

/* Copies src's pairs, buffer and total into dst (zeroed) with room for dstcap pairs. */
void
waits_copy(Waits *dst, int32_t dstcap, const Waits *src)
{
	int32_t		len = src->n + src->buf;

	waits_init(dst, dstcap);
	memcpy(WAITS_COUNTS(dst), WAITS_CCOUNTS(src), (size_t) len * sizeof(int64_t));
	memcpy(WAITS_DAYS(dst), WAITS_CDAYS(src), (size_t) len * sizeof(int32_t));
	dst->n = src->n;
	dst->buf = src->buf;
	dst->total = src->total;
}

/* Same pairs in both values? */
bool
waits_equal(const Waits *a, const Waits *b)
{
	if (a->n != b->n || a->total != b->total)
		return false;
	return memcmp(WAITS_CDAYS(a), WAITS_CDAYS(b), (size_t) a->n * sizeof(int32_t)) == 0 &&
		memcmp(WAITS_CCOUNTS(a), WAITS_CCOUNTS(b), (size_t) a->n * sizeof(int64_t)) == 0;
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
	for (i = k; i < a->n; i++)
	{
		ac[i] = 0;
		ad[i] = 0;
	}
	a->n = k;
	a->total -= b->total;
	return WAITS_OK;
}

/* hi:lo := a * b, in plain 64-bit arithmetic (no __int128 needed). */
static void
mul_64x64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
	uint64_t	a0 = a & 0xFFFFFFFFu,
				a1 = a >> 32,
				b0 = b & 0xFFFFFFFFu,
				b1 = b >> 32;
	uint64_t	p00 = a0 * b0,
				p01 = a0 * b1,
				p10 = a1 * b0,
				p11 = a1 * b1;
	uint64_t	mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);

	*lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
	*hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/*
 * Row number of percentile_disc(p); see waits_core.h.  Above 2^53 rows: 0 < p < 1 is
 * m / 2^k exactly (m the 53-bit significand, k >= 53), so ceil(p · total) is the 116-bit
 * product m · total shifted right by k, plus one if any bit shifted out was set.
 */
int64_t
waits_rank(int64_t total, double p)
{
	int64_t		r;

	if (total <= ((int64_t) 1 << 53))
		r = (int64_t) ceil(p * (double) total);
	else if (p >= 1.0)
		r = total;
	else if (p <= 0.0)
		r = 1;
	else
	{
		int			e;
		uint64_t	m = (uint64_t) ldexp(frexp(p, &e), 53);
		int			k = 53 - e;
		uint64_t	hi,
					lo,
					q;
		bool		rest;

		mul_64x64(m, (uint64_t) total, &hi, &lo);
		if (k >= 128)
		{
			q = 0;
			rest = true;
		}
		else if (k >= 64)
		{
			q = hi >> (k - 64);
			rest = lo != 0 || (hi & ((((uint64_t) 1) << (k - 64)) - 1)) != 0;
		}
		else
		{
			q = (hi << (64 - k)) | (lo >> k);
			rest = (lo & ((((uint64_t) 1) << k) - 1)) != 0;
		}
		r = (int64_t) q + (rest ? 1 : 0);
	}
	if (r < 1)
		r = 1;
	if (r > total)
		r = total;
	return r;
}

/* The day holding row waits_rank(total, p), found by walking the cumulative counts. */
int32_t
waits_percentile(const Waits *w, double p)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	const int32_t *d = WAITS_CDAYS(w);
	int64_t		rownum = waits_rank(w->total, p);
	int64_t		cum = 0;

	for (int32_t i = 0; i < w->n; i++)
	{
		cum += c[i];
		if (cum >= rownum)
			return d[i];
	}
	return w->n > 0 ? d[w->n - 1] : 0;
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
waits_mean(const Waits *w)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	const int32_t *d = WAITS_CDAYS(w);
#ifdef __SIZEOF_INT128__
	unsigned __int128 s = 0;

	for (int32_t i = 0; i < w->n; i++)
		s += (unsigned __int128) (uint32_t) d[i] * (uint64_t) c[i];
	if (s <= (unsigned __int128) UINT64_MAX)
		return (double) (uint64_t) s / (double) w->total;
	return (double) s / (double) w->total;
#else
	long double s = 0;

	for (int32_t i = 0; i < w->n; i++)
		s += (long double) d[i] * (long double) c[i];
	return (double) (s / (long double) w->total);
#endif
}

/* ---------------------------------------------------------------- text form */

/* An upper bound for the pairs in text: one per ':' (the parser rejects anything else). */
int64_t
waits_parse_room(const char *text)
{
	int64_t		n = 0;

	for (const char *p = text; *p; p++)
		if (*p == ':')
			n++;
	return n;
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
	w->buf = 0;
	w->total = 0;
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
				return WAITS_INVALID;
			}
			if (total > INT64_MAX - count)
			{
				set_detail(detail, "The total number of waits must fit in bigint (at most 9223372036854775807).");
				return WAITS_RANGE;
			}
			if (w->n >= w->cap)		/* cannot happen with waits_parse_room */
			{
				set_detail(detail, "Too many days.");
				return WAITS_TOOBIG;
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
	w->total = total;
	return WAITS_OK;
}

/* Checks pairs from binary input; same rules as the text form. */
WaitsStatus
waits_validate(const int32_t *days, const int64_t *counts, int32_t n, int64_t *total,
			   char *detail)
{
	int64_t		t = 0;

	for (int32_t i = 0; i < n; i++)
	{
		if (days[i] < 0)
		{
			set_detail(detail, "Days must be 0 or more; day %d is not.", (int) days[i]);
			return WAITS_RANGE;
		}
		if (i > 0 && days[i] <= days[i - 1])
		{
			set_detail(detail, "Days must be strictly ascending; %d follows %d.",
					   (int) days[i], (int) days[i - 1]);
			return WAITS_INVALID;
		}
		if (counts[i] < 1)
		{
			set_detail(detail, "The count of day %d must be 1 or more.", (int) days[i]);
			return WAITS_RANGE;
		}
		if (t > INT64_MAX - counts[i])
		{
			set_detail(detail, "The total number of waits must fit in bigint (at most 9223372036854775807).");
			return WAITS_RANGE;
		}
		t += counts[i];
	}
	*total = t;
	return WAITS_OK;
}

/* Decimal digits of v >= 0. */
static size_t
digits(uint64_t v)
{
	size_t		k = 1;

	while (v >= 10)
		v /= 10, k++;
	return k;
}

/* Exact length of the text form plus the NUL: "{", the pairs with commas, "}". */
size_t
waits_text_len(const Waits *w)
{
	const int64_t *c = WAITS_CCOUNTS(w);
	const int32_t *d = WAITS_CDAYS(w);
	size_t		len = 3;

	/* a negative number (only in a corrupt value) is counted at its longest */
	for (int32_t i = 0; i < w->n; i++)
		len += (d[i] < 0 ? 11 : digits((uint32_t) d[i])) + 1 +
			(c[i] < 0 ? 20 : digits((uint64_t) c[i])) + (i > 0);
	return len;
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
