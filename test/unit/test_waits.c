/*
 * test_waits.c: unit tests of the waits histogram maths (src/waits_core.c) without a
 * server: insert, grow, merge (in place and into new memory), subtract, percentile against
 * a sorted-array reference on random data, buckets, and the text form round trip.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "waits_core.h"

/* A value with room for cap days (malloc'd; the varlena header is left 0). */
static Waits *
new_waits(int32_t cap)
{
	Waits	   *w = calloc(1, waits_size(cap));

	waits_init(w, cap);
	return w;
}

/* Adds one wait, growing (doubling) like the aggregate does. */
static Waits *
add_one(Waits *w, int32_t day)
{
	if (waits_add(w, day, 1) == WAITS_FULL)
	{
		Waits	   *g = new_waits(w->cap ? w->cap * 2 : 1);

		waits_copy(g, g->cap, w);
		free(w);
		w = g;
		waits_add(w, day, 1);
	}
	return w;
}

/* Parses text into a fresh value (NULL on error, detail in err). */
static Waits *
parse(const char *text, WaitsStatus *st, char *err)
{
	Waits	   *w = new_waits(waits_parse_room(text));

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

int
main(void)
{
	WaitsStatus st;
	char		err[WAITS_DETAIL_LEN];
	Waits	   *w,
			   *a,
			   *b,
			   *m;
	bool		ok;

	/* insert keeps days sorted and distinct; growth doubles */
	w = new_waits(1);
	w = add_one(w, 5);
	w = add_one(w, 0);
	w = add_one(w, 5);
	w = add_one(w, 3);
	w = add_one(w, 100);
	w = add_one(w, 0);
	CHECK("insert: sorted distinct days with counts", strcmp(fmt(w), "{0:2,3:1,5:2,100:1}") == 0);
	CHECK("insert: capacity doubled from 1 to 4", w->cap == 4 && w->n == 4);
	{
		int64_t		t;

		CHECK("total", waits_total(w, &t) == WAITS_OK && t == 6);
	}
	CHECK("full: a new day without room is reported", waits_add(w, 7, 1) == WAITS_FULL && w->n == 4);
	CHECK("count overflow is reported",
		  waits_add(w, 3, INT64_MAX) == WAITS_RANGE && WAITS_COUNTS(w)[1] == 1);
	free(w);

	/* text form */
	w = parse(" { 0 : 12 , 1:40,3 :7 } ", &st, err);
	CHECK("parse with spaces", w && strcmp(fmt(w), "{0:12,1:40,3:7}") == 0);
	free(w);
	w = parse("{}", &st, err);
	CHECK("parse empty", w && w->n == 0 && strcmp(fmt(w), "{}") == 0);
	free(w);
	w = parse("{2147483647:9223372036854775807}", &st, err);
	CHECK("parse extremes round-trip", w && strcmp(fmt(w), "{2147483647:9223372036854775807}") == 0);
	free(w);
	{
		static const struct
		{
			const char *text;
			WaitsStatus st;
		}			bad[] = {
			{"", WAITS_SYNTAX}, {"{", WAITS_SYNTAX}, {"0:1", WAITS_SYNTAX},
			{"{0:1", WAITS_SYNTAX}, {"{0:1,}", WAITS_SYNTAX}, {"{0}", WAITS_SYNTAX},
			{"{0:}", WAITS_SYNTAX}, {"{:1}", WAITS_SYNTAX}, {"{1:1,0:1}", WAITS_SYNTAX},
			{"{1:1,1:1}", WAITS_SYNTAX}, {"{0:1} x", WAITS_SYNTAX}, {"{0:1 2:3}", WAITS_SYNTAX},
			{"{-1:1}", WAITS_RANGE}, {"{0:0}", WAITS_RANGE}, {"{0:-5}", WAITS_RANGE},
			{"{2147483648:1}", WAITS_RANGE}, {"{0:9223372036854775808}", WAITS_RANGE},
			{"{0:9223372036854775807,1:1}", WAITS_RANGE},
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

	/* merge: into new memory and in place; subtract undoes it */
	a = parse("{0:1,2:2,4:4}", &st, err);
	b = parse("{1:10,2:20,9:90}", &st, err);
	CHECK("union size", waits_union_size(a, b) == 5);
	m = new_waits(5);
	CHECK("merge into new value", waits_merge(m, a, b) == WAITS_OK &&
		  strcmp(fmt(m), "{0:1,1:10,2:22,4:4,9:90}") == 0);
	{
		Waits	   *big = new_waits(8);

		waits_copy(big, 8, a);
		CHECK("merge in place (a has room)", waits_merge(big, big, b) == WAITS_OK &&
			  waits_equal(big, m));
		CHECK("subtract undoes merge", waits_subtract(big, b) == WAITS_OK && waits_equal(big, a));
		CHECK("subtract of something not contained is refused",
			  waits_subtract(big, b) == WAITS_RANGE && waits_equal(big, a));
		CHECK("subtract self gives empty", waits_subtract(big, a) == WAITS_OK && big->n == 0);
		free(big);
	}
	{
		Waits	   *e = new_waits(0),
				   *r = new_waits(3);

		ok = waits_merge(r, a, e) == WAITS_OK && waits_equal(r, a) &&
			waits_merge(r, e, a) == WAITS_OK && waits_equal(r, a);
		CHECK("merge with empty", ok);
		free(e);
		free(r);
	}
	free(a);
	free(b);
	free(m);

	/* random data: histogram vs sorted array, merge of halves equals the whole */
	{
		bool		pct_ok = true,
					merge_ok = true,
					share_ok = true,
					rt_ok = true,
					mean_ok = true;

		for (int iter = 0; iter < 200; iter++)
		{
			int64_t		n = 1 + (int64_t) (next_rand() % (iter < 20 ? 5 : 3000));
			int32_t		range = 1 + (int32_t) (next_rand() % (iter % 3 ? 250 : 5));
			int32_t    *v = malloc(n * sizeof(int32_t));
			Waits	   *all = new_waits(1),
					   *h1 = new_waits(1),
					   *h2 = new_waits(1),
					   *mm;
			int64_t		total;
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
			qsort(v, n, sizeof(int32_t), cmp_int);
			waits_total(all, &total);
			if (total != n)
				pct_ok = false;
			for (int k = 0; k <= 1000; k++)
			{
				double		p = k / 1000.0;

				if (waits_percentile(all, total, p) != ref_percentile(v, n, p))
					pct_ok = false;
			}
			if (waits_percentile(all, total, 0.999) != ref_percentile(v, n, 0.999))
				pct_ok = false;
			for (int32_t d = -1; d < range + 1001; d += 7)
			{
				int64_t		c = 0;

				for (int64_t i = 0; i < n && v[i] <= d; i++)
					c++;
				if (waits_count_within(all, d) != c)
					share_ok = false;
			}
			if (fabs(waits_mean(all, total) - sum / n) > 1e-9 * (1 + sum / n))
				mean_ok = false;
			mm = new_waits(waits_union_size(h1, h2));
			if (waits_merge(mm, h1, h2) != WAITS_OK || !waits_equal(mm, all))
				merge_ok = false;
			{
				char	   *txt = malloc(waits_text_len(all));
				Waits	   *back;

				waits_format(all, txt);
				back = parse(txt, &st, err);
				if (!back || !waits_equal(back, all))
					rt_ok = false;
				free(back);
				free(txt);
			}
			free(v);
			free(all);
			free(h1);
			free(h2);
			free(mm);
		}
		CHECK("random: percentile equals sorted-array percentile_disc", pct_ok);
		CHECK("random: count within n equals a count over the sorted array", share_ok);
		CHECK("random: mean equals the arithmetic mean", mean_ok);
		CHECK("random: merge of two halves equals the whole", merge_ok);
		CHECK("random: text round trip", rt_ok);
	}

	/* percentile edge cases */
	w = parse("{7:1}", &st, err);
	CHECK("percentile of one value", waits_percentile(w, 1, 0) == 7 && waits_percentile(w, 1, 1) == 7);
	free(w);
	w = parse("{1:1,2:1}", &st, err);
	CHECK("percentile of two values (0.5 -> first, 0.51 -> second)",
		  waits_percentile(w, 2, 0.5) == 1 && waits_percentile(w, 2, 0.51) == 2 &&
		  waits_percentile(w, 2, 0) == 1 && waits_percentile(w, 2, 1) == 2);
	free(w);

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
