/*
 * test_waits.c: unit tests of the waits histogram maths (src/waits_core.c) without a
 * server: buffered insert, compaction and growth (as src/waits.c does them), order
 * independence, subtract, exact percentile ranks up to 2^63 - 1, percentile against a
 * sorted-array reference on random data, header checks, the distinct-day limit, buckets,
 * and the text form round trip with its exact length.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "waits_core.h"

/* A zeroed value with room for cap pairs (malloc'd; the varlena header is left 0). */
static Waits *
new_waits(int32_t cap)
{
	Waits	   *w = calloc(1, waits_size(cap));

	waits_init(w, cap);
	return w;
}

/* Compacts w with a malloc'd scratch buffer. */
static WaitsStatus
compact(Waits *w)
{
	void	   *scratch = malloc(waits_scratch_size(w) + 1);
	WaitsStatus st = waits_compact(w, scratch);

	free(scratch);
	return st;
}

/* Makes room in a full working value the way src/waits.c does: compact, then grow. */
static Waits *
make_room(Waits *w)
{
	Waits	   *g;

	compact(w);
	if (waits_has_room(w))
		return w;
	g = new_waits(waits_grow_cap(w->n));
	waits_copy(g, g->cap, w);
	free(w);
	return g;
}

/* Adds count waits of day, making room like the aggregate does. */
static Waits *
add_n(Waits *w, int32_t day, int64_t count)
{
	if (waits_add(w, day, count) == WAITS_FULL)
	{
		w = make_room(w);
		waits_add(w, day, count);
	}
	return w;
}

static Waits *
add_one(Waits *w, int32_t day)
{
	return add_n(w, day, 1);
}

/* The canonical form of w (compacted, exact room), in new memory; w is freed. */
static Waits *
finish(Waits *w)
{
	Waits	   *r;

	compact(w);
	r = new_waits(w->n);
	waits_copy(r, w->n, w);
	free(w);
	return r;
}

/* True when the bytes of a and b are identical (header and arrays). */
static bool
same_bytes(const Waits *a, const Waits *b)
{
	return a->cap == b->cap && memcmp(a, b, waits_size(a->cap)) == 0;
}

/* True when every pair slot past n + buf is zero. */
static bool
spare_zero(const Waits *w)
{
	for (int32_t i = w->n + w->buf; i < w->cap; i++)
		if (WAITS_CCOUNTS(w)[i] != 0 || WAITS_CDAYS(w)[i] != 0)
			return false;
	return true;
}

/* Parses text into a fresh value (NULL on error, detail in err). */
static Waits *
parse(const char *text, WaitsStatus *st, char *err)
{
	Waits	   *w = new_waits((int32_t) waits_parse_room(text));

	*st = waits_parse(text, w, err);
	if (*st != WAITS_OK)
	{
		free(w);
		return NULL;
	}
	return w;
}

/* Formats into a static buffer. */
static const char *
fmt(const Waits *w)
{
	static char buf[1 << 16];

	waits_format(w, buf);
	return buf;
}

/* Deterministic pseudo-random numbers (xorshift). */
static uint64_t rng = 88172645463325252ULL;
static uint64_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int
cmp_int(const void *a, const void *b)
{
	int32_t		x = *(const int32_t *) a,
				y = *(const int32_t *) b;

	return (x > y) - (x < y);
}

/* Reference percentile_disc on a sorted array (PostgreSQL's row-number rule). */
static int32_t
ref_percentile(const int32_t *sorted, int64_t n, double p)
{
	int64_t		row = (int64_t) ceil(p * (double) n);

	if (row < 1)
		row = 1;
	return sorted[row - 1];
}

#ifdef __SIZEOF_INT128__
/* Reference exact rank with 128-bit arithmetic: ceil(p * total) from p's binary value. */
static int64_t
ref_rank_exact(int64_t total, double p)
{
	int			e;
	double		f = frexp(p, &e);
	unsigned __int128 m = (unsigned __int128) ldexp(f, 53);
	int			k = 53 - e;
	unsigned __int128 prod = m * (unsigned __int128) total;
	unsigned __int128 q;
	int64_t		r;

	if (p == 0)
		return 1;
	if (k >= 128)
		return 1;
	q = prod >> k;
	r = (int64_t) q + ((q << k) != prod);
	if (r < 1)
		r = 1;
	if (r > total)
		r = total;
	return r;
}
#endif

int
main(void)
{
	WaitsStatus st;
	char		err[WAITS_DETAIL_LEN];
	Waits	   *w,
			   *a,
			   *b;
	bool		ok;

	/* insert: buffered, compacted into sorted distinct days with counts */
	w = new_waits(0);
	w = add_one(w, 5);
	w = add_one(w, 0);
	w = add_one(w, 5);
	w = add_one(w, 3);
	w = add_one(w, 100);
	w = add_one(w, 0);
	CHECK("insert: buffered pairs (a repeat of the last one bumped), total kept",
		  w->n == 0 && w->buf == 6 && w->total == 6);
	CHECK("insert: unused room is zero", spare_zero(w));
	CHECK("compact: sorted distinct days with counts",
		  compact(w) == WAITS_OK && w->buf == 0 && strcmp(fmt(w), "{0:2,3:1,5:2,100:1}") == 0);
	CHECK("compact: freed room zeroed", spare_zero(w));
	w = add_one(w, 3);
	CHECK("known day bumped in place, not buffered", w->buf == 0 && WAITS_COUNTS(w)[1] == 2);
	CHECK("total overflow is reported, value unchanged",
		  waits_add(w, 3, INT64_MAX) == WAITS_RANGE && WAITS_COUNTS(w)[1] == 2 && w->total == 7);
	CHECK("total overflow of a new day is reported too",
		  waits_add(w, 77, INT64_MAX - 6) == WAITS_RANGE && w->buf == 0 && w->total == 7);
	CHECK("total up to INT64_MAX is fine",
		  waits_add(w, 77, INT64_MAX - 7) == WAITS_OK && w->total == INT64_MAX);
	free(w);

	/* a full value reports WAITS_FULL; growth keeps at least half the room free */
	w = new_waits(2);
	ok = waits_add(w, 1, 1) == WAITS_OK && waits_add(w, 2, 1) == WAITS_OK &&
		waits_add(w, 3, 1) == WAITS_FULL && w->buf == 2 && w->total == 2;
	CHECK("full: a new day without room is reported, value unchanged", ok);
	CHECK("has_room: false when full", !waits_has_room(w));
	CHECK("grow_cap: 2n + 16, capped", waits_grow_cap(0) == 16 && waits_grow_cap(100) == 216 &&
		  waits_grow_cap(WAITS_MAX_DAYS) == WAITS_MAX_CAP && waits_grow_cap(INT32_MAX / 2) == WAITS_MAX_CAP);
	free(w);

	/* compaction merges buffered days with the sorted ones and sums duplicates */
	{
		Waits	   *m = new_waits(20);

		for (int d = 0; d < 10; d += 2)
			waits_add(m, d, 1);
		compact(m);				/* sorted 0 2 4 6 8 */
		/* buffered: 9, 1, 9, 3, 1; 4 is a sorted day, bumped in place */
		waits_add(m, 9, 5);
		waits_add(m, 1, 1);
		waits_add(m, 9, 1);
		waits_add(m, 4, 7);
		waits_add(m, 3, 2);
		waits_add(m, 1, 1);
		ok = m->n == 5 && m->buf == 5;
		ok = ok && compact(m) == WAITS_OK && strcmp(fmt(m), "{0:1,1:2,2:1,3:2,4:8,6:1,8:1,9:6}") == 0 &&
			m->total == 22 && spare_zero(m);
		CHECK("compact: buffer merged into sorted days, duplicates summed", ok);
		free(m);
	}

	/* order independence: ascending, descending and random input give identical bytes */
	{
		const int32_t N = 200000;
		Waits	   *asc = new_waits(0),
				   *desc = new_waits(0),
				   *rnd = new_waits(0),
				   *sparse = new_waits(0);
		int32_t    *perm = malloc(N * sizeof(int32_t));

		for (int32_t i = 0; i < N; i++)
			perm[i] = i;
		for (int32_t i = N - 1; i > 0; i--)
		{
			int32_t		j = (int32_t) (next_rand() % (uint64_t) (i + 1)),
						t = perm[i];

			perm[i] = perm[j];
			perm[j] = t;
		}
		for (int32_t i = 0; i < N; i++)
		{
			asc = add_one(asc, i);
			desc = add_one(desc, N - 1 - i);
			rnd = add_one(rnd, perm[i]);
			/* sparse days over the whole int32 range, each twice */
			sparse = add_one(sparse, (int32_t) (((int64_t) perm[i] * 10007) % 2147483647));
			sparse = add_one(sparse, (int32_t) (((int64_t) perm[(i + 7) % N] * 10007) % 2147483647));
		}
		CHECK("grown working value keeps its room zeroed", spare_zero(asc) && spare_zero(rnd));
		asc = finish(asc);
		desc = finish(desc);
		rnd = finish(rnd);
		sparse = finish(sparse);
		ok = asc->n == N && asc->total == N;
		for (int32_t i = 0; i < N && ok; i++)
			ok = WAITS_DAYS(asc)[i] == i && WAITS_COUNTS(asc)[i] == 1;
		CHECK("ascending: every day once", ok);
		CHECK("descending and random: the same bytes as ascending",
			  same_bytes(asc, desc) && same_bytes(asc, rnd));
		ok = sparse->n == N && sparse->total == 2 * (int64_t) N;
		for (int32_t i = 1; i < sparse->n && ok; i++)
			ok = WAITS_DAYS(sparse)[i] > WAITS_DAYS(sparse)[i - 1] && WAITS_COUNTS(sparse)[i] == 2;
		CHECK("sparse days over the int32 range: sorted, counts summed", ok);
		free(asc);
		free(desc);
		free(rnd);
		free(sparse);
		free(perm);
	}

	/* text form */
	w = parse(" { 0 : 12 , 1:40,3 :7 } ", &st, err);
	CHECK("parse with spaces", w && strcmp(fmt(w), "{0:12,1:40,3:7}") == 0 && w->total == 59 &&
		  w->cap == 3 && w->buf == 0);
	free(w);
	w = parse("{}", &st, err);
	CHECK("parse empty", w && w->n == 0 && w->total == 0 && strcmp(fmt(w), "{}") == 0 &&
		  waits_text_len(w) == 3);
	free(w);
	w = parse("{2147483647:9223372036854775807}", &st, err);
	CHECK("parse extremes round-trip", w && strcmp(fmt(w), "{2147483647:9223372036854775807}") == 0 &&
		  waits_text_len(w) == strlen("{2147483647:9223372036854775807}") + 1);
	free(w);
	w = parse("{0:1,5:9223372036854775806}", &st, err);
	CHECK("parse total exactly 2^63 - 1", w && w->total == INT64_MAX);
	free(w);
	{
		static const struct
		{
			const char *text;
			WaitsStatus st;
		}			bad[] = {
			{"", WAITS_SYNTAX}, {"{", WAITS_SYNTAX}, {"0:1", WAITS_SYNTAX},
			{"{0:1", WAITS_SYNTAX}, {"{0:1,}", WAITS_SYNTAX}, {"{0}", WAITS_SYNTAX},
			{"{0:}", WAITS_SYNTAX}, {"{:1}", WAITS_SYNTAX}, {"{1:1,0:1}", WAITS_INVALID},
			{"{1:1,1:1}", WAITS_INVALID}, {"{0:1} x", WAITS_SYNTAX}, {"{0:1 2:3}", WAITS_SYNTAX},
			{"{-1:1}", WAITS_RANGE}, {"{0:0}", WAITS_RANGE}, {"{0:-5}", WAITS_RANGE},
			{"{2147483648:1}", WAITS_RANGE}, {"{0:9223372036854775808}", WAITS_RANGE},
			{"{0:9223372036854775807,1:1}", WAITS_RANGE},
			{"{0:4611686018427387904,1:4611686018427387904}", WAITS_RANGE},
		};
		ok = true;
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		{
			err[0] = '\0';
			w = parse(bad[i].text, &st, err);
			if (w || st != bad[i].st || err[0] == '\0')
			{
				printf("# %s: status %d, detail \"%s\"\n", bad[i].text, (int) st, err);
				ok = false;
			}
			free(w);
		}
		CHECK("bad text rejected with the right class and a detail", ok);
	}
	CHECK("parse room: one per colon", waits_parse_room("{1:2, 3:4 ,5:6}") == 3 && waits_parse_room("{}") == 0);

	/* binary input checks */
	{
		int32_t		days[] = {0, 3, 3, -1};
		int64_t		counts[] = {1, 2, 3, 4};
		int64_t		big[] = {INT64_MAX, 1};
		int64_t		total = -1;

		CHECK("validate: ascending ok, total", waits_validate(days, counts, 2, &total, err) == WAITS_OK && total == 3);
		CHECK("validate: duplicate day refused", waits_validate(days, counts, 3, &total, err) == WAITS_INVALID);
		CHECK("validate: negative day refused", waits_validate(&days[3], counts, 1, &total, err) == WAITS_RANGE);
		CHECK("validate: total overflow refused", waits_validate(days, big, 2, &total, err) == WAITS_RANGE);
		counts[1] = 0;
		CHECK("validate: zero count refused", waits_validate(days, counts, 2, &total, err) == WAITS_RANGE);
		counts[1] = -7;
		CHECK("validate: negative count refused", waits_validate(days, counts, 2, &total, err) == WAITS_RANGE);
	}

	/* header checks of values from outside */
	{
		Waits	   *h = new_waits(4);

		CHECK("header: consistent", waits_check_header(h, waits_size(4), err) == WAITS_OK);
		CHECK("header: size not matching room", waits_check_header(h, waits_size(3), err) == WAITS_INVALID);
		CHECK("header: shorter than a header", waits_check_header(h, 8, err) == WAITS_INVALID);
		h->n = 3;
		h->buf = 2;
		CHECK("header: n + buf > cap", waits_check_header(h, waits_size(4), err) == WAITS_INVALID);
		h->n = -1;
		h->buf = 0;
		CHECK("header: negative n", waits_check_header(h, waits_size(4), err) == WAITS_INVALID);
		h->n = 0;
		h->total = -5;
		CHECK("header: negative total", waits_check_header(h, waits_size(4), err) == WAITS_INVALID);
		h->total = 0;
		h->cap = -4;
		CHECK("header: negative room", waits_check_header(h, waits_size(4), err) == WAITS_INVALID);
		free(h);
	}

	/* subtract */
	a = parse("{0:1,2:2,4:4}", &st, err);
	b = parse("{1:10,2:20,9:90}", &st, err);
	{
		Waits	   *m = new_waits(a->n + b->n);

		waits_copy(m, m->cap, a);
		for (int32_t i = 0; i < b->n; i++)
			m = add_n(m, WAITS_DAYS(b)[i], WAITS_COUNTS(b)[i]);
		compact(m);
		CHECK("merge by adding pairs", strcmp(fmt(m), "{0:1,1:10,2:22,4:4,9:90}") == 0 && m->total == 127);
		CHECK("subtract undoes merge", waits_subtract(m, b) == WAITS_OK && waits_equal(m, a) &&
			  m->total == 7 && spare_zero(m));
		CHECK("subtract of something not contained is refused",
			  waits_subtract(m, b) == WAITS_RANGE && waits_equal(m, a));
		CHECK("subtract self gives empty", waits_subtract(m, a) == WAITS_OK && m->n == 0 && m->total == 0 &&
			  spare_zero(m));
		free(m);
	}
	free(a);
	free(b);

	/* random data: histogram vs sorted array, merge of halves equals the whole */
	{
		bool		pct_ok = true,
					merge_ok = true,
					share_ok = true,
					rt_ok = true,
					len_ok = true,
					mean_ok = true;

		for (int iter = 0; iter < 200; iter++)
		{
			int64_t		n = 1 + (int64_t) (next_rand() % (iter < 20 ? 5 : 3000));
			int32_t		range = 1 + (int32_t) (next_rand() % (iter % 3 ? 250 : 5));
			int32_t    *v = malloc(n * sizeof(int32_t));
			Waits	   *all = new_waits(0),
					   *h1 = new_waits(0),
					   *h2 = new_waits(0);
			double		sum = 0;

			for (int64_t i = 0; i < n; i++)
			{
				/* skewed: many short waits, a long tail */
				uint64_t	r = next_rand();

				v[i] = (int32_t) ((r % range) * (r % range) / range + (iter % 7 ? 0 : 1000));
				sum += v[i];
				all = add_one(all, v[i]);
				if (i % 2)
					h1 = add_one(h1, v[i]);
				else
					h2 = add_one(h2, v[i]);
			}
			all = finish(all);
			h2 = finish(h2);
			qsort(v, n, sizeof(int32_t), cmp_int);
			if (all->total != n)
				pct_ok = false;
			for (int k = 0; k <= 1000; k++)
			{
				double		p = k / 1000.0;

				if (waits_percentile(all, p) != ref_percentile(v, n, p))
					pct_ok = false;
			}
			if (waits_percentile(all, 0.999) != ref_percentile(v, n, 0.999))
				pct_ok = false;
			for (int32_t d = -1; d < range + 1001; d += 7)
			{
				int64_t		c = 0;

				for (int64_t i = 0; i < n && v[i] <= d; i++)
					c++;
				if (waits_count_within(all, d) != c)
					share_ok = false;
			}
			if (fabs(waits_mean(all) - sum / n) > 1e-9 * (1 + sum / n))
				mean_ok = false;
			/* h1 (still a working value with a buffer) plus h2's pairs equals all */
			for (int32_t i = 0; i < h2->n; i++)
				h1 = add_n(h1, WAITS_DAYS(h2)[i], WAITS_COUNTS(h2)[i]);
			h1 = finish(h1);
			if (!same_bytes(h1, all))
				merge_ok = false;
			{
				size_t		len = waits_text_len(all);
				char	   *txt = malloc(len);
				Waits	   *back;

				if (waits_format(all, txt) + 1 != len)
					len_ok = false;
				back = parse(txt, &st, err);
				if (!back || !same_bytes(back, all))
					rt_ok = false;
				free(back);
				free(txt);
			}
			free(v);
			free(all);
			free(h1);
			free(h2);
		}
		CHECK("random: percentile equals sorted-array percentile_disc", pct_ok);
		CHECK("random: count within n equals a count over the sorted array", share_ok);
		CHECK("random: mean equals the arithmetic mean", mean_ok);
		CHECK("random: merge of two halves equals the whole, byte for byte", merge_ok);
		CHECK("random: text length is exact", len_ok);
		CHECK("random: text round trip gives the same bytes", rt_ok);
	}

	/* percentile edge cases */
	w = parse("{7:1}", &st, err);
	CHECK("percentile of one value", waits_percentile(w, 0) == 7 && waits_percentile(w, 1) == 7);
	free(w);
	w = parse("{1:1,2:1}", &st, err);
	CHECK("percentile of two values (0.5 -> first, 0.51 -> second)",
		  waits_percentile(w, 0.5) == 1 && waits_percentile(w, 0.51) == 2 &&
		  waits_percentile(w, 0) == 1 && waits_percentile(w, 1) == 2);
	free(w);

	/* exact ranks at huge totals */
	{
		const int64_t M = INT64_MAX;
		const int64_t two53 = (int64_t) 1 << 53;

		CHECK("rank: p = 1 is the last row up to 2^63 - 1",
			  waits_rank(M, 1) == M && waits_rank(M - 1, 1) == M - 1 && waits_rank(two53 + 1, 1) == two53 + 1 &&
			  waits_rank(two53, 1) == two53 && waits_rank(two53 - 1, 1) == two53 - 1 && waits_rank(1, 1) == 1);
		CHECK("rank: p = 0 is the first row", waits_rank(M, 0) == 1 && waits_rank(two53 + 1, 0) == 1 &&
			  waits_rank(5, 0) == 1);
		CHECK("rank: tiny p is the first row", waits_rank(M, 5e-324) == 1 && waits_rank(M, 1e-300) == 1 &&
			  waits_rank(M, 1e-19) == 1 && waits_rank(M, 2e-19) == 2);
		CHECK("rank: p = 0.5 of 2^63 - 1 is 2^62", waits_rank(M, 0.5) == (int64_t) 1 << 62);
		CHECK("rank: p = 0.5 of 2^53 + 1 is 2^52 + 1", waits_rank(two53 + 1, 0.5) == ((int64_t) 1 << 52) + 1);
		CHECK("rank: largest p below 1 of 2^63 - 1", waits_rank(M, nextafter(1.0, 0.0)) == M - 1023);
		CHECK("rank: up to 2^53 the double formula of percentile_disc",
			  waits_rank(10, 0.1) == 1 && waits_rank(10, 0.7) == 7 && waits_rank(3, 1.0 / 3) == 1);
#ifdef __SIZEOF_INT128__
		ok = true;
		for (int i = 0; i < 100000; i++)
		{
			int64_t		total = (int64_t) (next_rand() >> 1);
			double		p = (double) (next_rand() >> 11) / 9007199254740992.0;

			if (total <= two53)
				total += two53 + 1;
			if (i % 10 == 0)
				p = ldexp(p, -(int) (next_rand() % 1100));
			if (waits_rank(total, p) != ref_rank_exact(total, p))
			{
				printf("# rank(%lld, %.17g) = %lld, expected %lld\n", (long long) total, p,
					   (long long) waits_rank(total, p), (long long) ref_rank_exact(total, p));
				ok = false;
				break;
			}
		}
		CHECK("rank: above 2^53 equals a 128-bit exact ceil(p * total) (100 000 random cases)", ok);
#endif
		w = parse("{0:1,1:9223372036854775806}", &st, err);
		CHECK("percentile at 2^63 - 1: p = 1 is the maximum, p = 0 the minimum",
			  waits_percentile(w, 1) == 1 && waits_percentile(w, 0) == 0 &&
			  waits_percentile(w, 1e-300) == 0 && waits_percentile(w, 0.5) == 1);
		free(w);
		w = parse("{0:9223372036854775806,1:1}", &st, err);
		CHECK("percentile at 2^63 - 1: a single maximum is found by p = 1 only",
			  waits_percentile(w, 1) == 1 && waits_percentile(w, nextafter(1.0, 0.0)) == 0);
		free(w);
	}

	/* limits: the text of the largest value fits in 1 GB, and more days are refused */
	CHECK("limit: text of WAITS_MAX_DAYS pairs is under 1 GB",
		  WAITS_TEXT_MAX(WAITS_MAX_DAYS) < (size_t) 0x3FFFFFFF);
	CHECK("limit: the largest working value fits a varlena",
		  waits_size(WAITS_MAX_CAP) < (size_t) 0x3FFFFFFF);
	{
		Waits	   *big = new_waits(WAITS_MAX_DAYS + 1);
		Waits	   *c;

		for (int32_t i = 0; i <= WAITS_MAX_DAYS; i++)
			waits_add(big, WAITS_MAX_DAYS - i, 1);
		c = new_waits(WAITS_MAX_DAYS + 1);
		waits_copy(c, c->cap, big);
		c->buf--;				/* one day fewer: exactly the limit */
		c->total--;
		CHECK("limit: WAITS_MAX_DAYS distinct days compact fine", compact(c) == WAITS_OK && c->n == WAITS_MAX_DAYS);
		CHECK("limit: one more distinct day is WAITS_TOOBIG",
			  compact(big) == WAITS_TOOBIG && big->n == WAITS_MAX_DAYS + 1 && WAITS_DAYS(big)[0] == 0);
		free(big);
		free(c);
	}

	/* buckets */
	{
		int32_t		def[] = {0, 7, 14, 28, 90};
		int32_t		unsorted[] = {7, 0};
		int32_t		neg[] = {-1, 3};
		int64_t		out[6];
		char		label[32];

		CHECK("bounds: default ok", waits_check_bounds(def, 5, false, err) == WAITS_OK);
		CHECK("bounds: unsorted, negative, empty, NULL refused",
			  waits_check_bounds(unsorted, 2, false, err) == WAITS_BADPARAM &&
			  waits_check_bounds(neg, 2, false, err) == WAITS_BADPARAM &&
			  waits_check_bounds(def, 0, false, err) == WAITS_BADPARAM &&
			  waits_check_bounds(def, 5, true, err) == WAITS_BADPARAM);
		w = parse("{0:3,1:1,7:2,8:1,28:4,29:5,90:6,91:7,500:8}", &st, err);
		waits_bucket_counts(w, def, 5, out);
		CHECK("bucket counts 0 | 1-7 | 8-14 | 15-28 | 29-90 | > 90",
			  out[0] == 3 && out[1] == 3 && out[2] == 1 && out[3] == 4 && out[4] == 11 && out[5] == 15);
		free(w);
		waits_bucket_label(0, 0, false, label, sizeof label);
		ok = strcmp(label, "0") == 0;
		waits_bucket_label(1, 7, false, label, sizeof label);
		ok = ok && strcmp(label, "1\xE2\x80\x93" "7") == 0;
		waits_bucket_label(91, 0, true, label, sizeof label);
		ok = ok && strcmp(label, "> 90") == 0;
		CHECK("bucket labels", ok);
	}

	return unit_exit();
}
