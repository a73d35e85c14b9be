/*
 * waits_core.h: the histogram maths behind the pekefb.waits type, in plain C99.
 *
 * A waits value is an exact distribution of waits in whole days: sorted distinct days
 * (int32, >= 0), each with a count (int64, >= 1), whose total fits in int64.  Its size
 * depends on the number of distinct days (at most WAITS_MAX_DAYS), never on the number of
 * rows counted.
 *
 * The in-memory layout is also the on-disk layout (a PostgreSQL varlena):
 *
 *     int32  vl_len_   varlena header, set by the fmgr layer (src/waits.c), never here
 *     int32  n         sorted distinct days at the front of the arrays
 *     int32  buf       buffered pairs after them, unsorted (working states only)
 *     int32  cap       room for this many pairs (n + buf <= cap)
 *     int64  total     sum of all counts, sorted and buffered
 *     int64  counts[cap]
 *     int32  days[cap]
 *
 * counts come first so they stay 8-byte aligned whatever cap is; there is no padding.
 *
 * A canonical value has buf = 0 and cap = n: its bytes are a function of the value.  Every
 * value a pekefb function returns is canonical.  Inside an aggregate the state is a working
 * value: new distinct days are appended to the unsorted buffer (O(1)) and sorted into the
 * front by waits_compact (a radix sort and one merge, O(n + buf)) when the room is used up
 * or the value leaves the aggregate, so building a value costs O(rows · log n) whatever the
 * order of the input.  Unused room is always zero.
 *
 * Nothing in this file knows PostgreSQL: functions return a WaitsStatus and, where the
 * caller needs to explain the failure, write a sentence into a detail buffer; src/waits.c
 * turns that into ereport.  test/unit/test_waits.c exercises everything here.
 */
#ifndef PEKEFB_WAITS_CORE_H
#define PEKEFB_WAITS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Waits
{
	int32_t		vl_len_;		/* PostgreSQL varlena header; do not touch directly */
	int32_t		n;				/* sorted distinct days in use */
	int32_t		buf;			/* unsorted buffered pairs after them */
	int32_t		cap;			/* allocated room, in pairs */
	int64_t		total;			/* sum of all counts */
	/* int64_t counts[cap]; int32_t days[cap]; follow */
} Waits;

#define WAITS_HDRSZ			((size_t) sizeof(Waits))
#define WAITS_COUNTS(w)		((int64_t *) ((char *) (w) + WAITS_HDRSZ))
#define WAITS_DAYS(w)		((int32_t *) (WAITS_COUNTS(w) + (w)->cap))
#define WAITS_CCOUNTS(w)	((const int64_t *) ((const char *) (w) + WAITS_HDRSZ))
#define WAITS_CDAYS(w)		((const int32_t *) (WAITS_CCOUNTS(w) + (w)->cap))

/*
 * The most distinct days a value may hold: 2^24 (16 777 216, 46 000 years of distinct
 * waits).  It keeps the text form of any value under 520 MB (WAITS_TEXT_MAX), far below
 * PostgreSQL's 1 GB limit for a datum or a COPY line, so every value that can be built
 * can be printed, dumped and read back.
 */
#define WAITS_MAX_DAYS		(1 << 24)

/* Smallest unsorted buffer a working value gets. */
#define WAITS_MIN_ROOM		16

/* Largest room of a working value: WAITS_MAX_DAYS sorted plus as many buffered (403 MB). */
#define WAITS_MAX_CAP		(2 * WAITS_MAX_DAYS + WAITS_MIN_ROOM)

/* Text form of one pair is at most "2147483647:9223372036854775807," (31 chars). */
#define WAITS_PAIR_TEXT_MAX	31

/* Upper bound of the text form of n pairs, terminating NUL included. */
#define WAITS_TEXT_MAX(n)	(3 + (size_t) (n) * WAITS_PAIR_TEXT_MAX)

typedef enum WaitsStatus
{
	WAITS_OK = 0,
	WAITS_FULL,					/* the value has no room for another buffered pair */
	WAITS_SYNTAX,				/* text cannot be parsed (22P02) */
	WAITS_INVALID,				/* well-formed but not a distribution: days unsorted (22023) */
	WAITS_RANGE,				/* a number is out of range, or the total overflows (22003) */
	WAITS_BADPARAM,				/* a bad parameter such as bucket bounds (22023) */
	WAITS_TOOBIG				/* more than WAITS_MAX_DAYS distinct days (54000) */
} WaitsStatus;

#define WAITS_DETAIL_LEN	256

/* Bytes needed for a value with room for cap pairs. */
static inline size_t
waits_size(int32_t cap)
{
	return WAITS_HDRSZ + (size_t) cap * (sizeof(int64_t) + sizeof(int32_t));
}

/*
 * Sets up an empty value with room for cap pairs in zeroed memory of waits_size(cap)
 * bytes (the caller zeroes it, so that unused room never holds stale bytes).
 */
extern void waits_init(Waits *w, int32_t cap);

/*
 * Checks the header of a value that came from outside (a datum of varsize bytes): room
 * matching the size, 0 <= n, 0 <= buf, n + buf <= cap, total >= 0.  O(1); it makes every
 * array access of the other functions stay inside the value.
 */
extern WaitsStatus waits_check_header(const Waits *w, size_t varsize, char *detail);

/*
 * Checks the pairs of a value whose header passed waits_check_header: days >= 0, sorted
 * part strictly ascending, counts >= 1, their sum equal to total.  O(n + buf).
 */
extern WaitsStatus waits_check_content(const Waits *w, char *detail);

/*
 * Index of day in the sorted part of w, or where it would be inserted (then *found is
 * false).  Waits are usually dense (0, 1, 2, ... days), so the first guess is index
 * day - days[0]; a binary search follows when the guess misses.
 */
static inline int32_t
waits_find(const Waits *w, int32_t day, bool *found)
{
	const int32_t *days = WAITS_CDAYS(w);
	int32_t		lo,
				hi;

	if (w->n > 0)
	{
		int64_t		guess = (int64_t) day - days[0];

		if (guess >= 0 && guess < w->n && days[guess] == day)
		{
			*found = true;
			return (int32_t) guess;
		}
	}
	lo = 0;
	hi = w->n;
	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = (lo < w->n && days[lo] == day);
	return lo;
}

/*
 * Adds count (>= 1) waits of day (>= 0) to the working value w in place: the day's count
 * is bumped if it is in the sorted part (or is the last buffered pair), else the pair is
 * buffered.  WAITS_RANGE when the total would overflow int64 (w unchanged); WAITS_FULL
 * when the pair needs buffering and there is no room (w unchanged: compact it or copy it
 * into a bigger value, then retry).
 */
static inline WaitsStatus
waits_add(Waits *w, int32_t day, int64_t count)
{
	bool		found;
	int32_t		idx;
	int32_t		end;

	if (w->total > INT64_MAX - count)
		return WAITS_RANGE;
	idx = waits_find(w, day, &found);
	if (found)
		WAITS_COUNTS(w)[idx] += count;
	else
	{
		end = w->n + w->buf;
		if (w->buf > 0 && WAITS_DAYS(w)[end - 1] == day)
			WAITS_COUNTS(w)[end - 1] += count;
		else if (end < w->cap)
		{
			WAITS_COUNTS(w)[end] = count;
			WAITS_DAYS(w)[end] = day;
			w->buf++;
		}
		else
			return WAITS_FULL;
	}
	w->total += count;
	return WAITS_OK;
}

/* Scratch bytes waits_compact needs for w (0 when nothing is buffered). */
static inline size_t
waits_scratch_size(const Waits *w)
{
	return (size_t) w->buf * (sizeof(int64_t) + sizeof(int32_t));
}

/*
 * Sorts the buffered pairs of w into its sorted part (radix sort of the buffer in scratch,
 * then one merge from the top down), in place: afterwards buf = 0 and the room freed is
 * zeroed.  The value is unchanged.  WAITS_TOOBIG when the result has more than
 * WAITS_MAX_DAYS distinct days (w is compacted all the same).
 */
extern WaitsStatus waits_compact(Waits *w, void *scratch);

/*
 * Room a working value with n sorted days should have for buffering: false when
 * cap - n < max(WAITS_MIN_ROOM, n / 2), so that every compaction has at least n / 2
 * buffered pairs to pay for it.  waits_grow_cap(n) is the room to grow to then.
 */
extern bool waits_has_room(const Waits *w);
extern int32_t waits_grow_cap(int32_t n);

/*
 * Copies src (sorted part, buffer and total) into dst, zeroed memory with room for
 * dstcap >= src->n + src->buf pairs.
 */
extern void waits_copy(Waits *dst, int32_t dstcap, const Waits *src);

/* True when a and b (both compact: buf = 0) hold the same pairs (spare room ignored). */
extern bool waits_equal(const Waits *a, const Waits *b);

/*
 * a := a - b in place (both compact), dropping days whose count reaches 0 and zeroing the
 * room freed.  WAITS_RANGE (a unchanged) when b is not contained in a: some day of b is
 * missing from a or has a larger count.
 */
extern WaitsStatus waits_subtract(Waits *a, const Waits *b);

/*
 * The row number percentile_disc(p) picks among total sorted rows (total >= 1,
 * 0 <= p <= 1): ceil(p · total), at least 1 and at most total.  Up to 2^53 rows it is
 * computed in double precision exactly as PostgreSQL's percentile_disc does, so the two
 * agree bit for bit; above, where a double cannot hold total, it is computed exactly in
 * integer arithmetic from p's binary value, so p = 1 is the last row for every total.
 */
extern int64_t waits_rank(int64_t total, double p);

/* percentile_disc(p) of compact w (w->total >= 1, 0 <= p <= 1): the day of row waits_rank. */
extern int32_t waits_percentile(const Waits *w, double p);

/* Waits of at most day days (compact w). */
extern int64_t waits_count_within(const Waits *w, int32_t day);

/* Mean wait in days (compact w, w->total >= 1). */
extern double waits_mean(const Waits *w);

/*
 * Parses the text form "{0:12,1:40,3:7}" (spaces allowed between tokens, "{}" empty) into
 * w, zeroed memory set up with room for waits_parse_room(text) pairs; the result is
 * canonical when that room was exact.  waits_parse_room is an upper bound (one pair per
 * ':'); more than WAITS_MAX_DAYS means the text cannot be a value.  On failure the detail
 * buffer (WAITS_DETAIL_LEN bytes) says what was wrong.
 */
extern int64_t waits_parse_room(const char *text);
extern WaitsStatus waits_parse(const char *text, Waits *w, char *detail);

/*
 * Checks n pairs of days and counts as they come from outside (binary input): days
 * strictly ascending and >= 0, counts >= 1, total within int64 (stored in *total).
 */
extern WaitsStatus waits_validate(const int32_t *days, const int64_t *counts, int32_t n,
								  int64_t *total, char *detail);

/*
 * The canonical text form of compact w: waits_text_len(w) is its exact length with the
 * terminating NUL (at most WAITS_TEXT_MAX(w->n)); waits_format writes it into buf and
 * returns the length without the NUL.
 */
extern size_t waits_text_len(const Waits *w);
extern size_t waits_format(const Waits *w, char *buf);

/*
 * Bucket bounds: ascending inclusive upper limits of the closed buckets; the first bucket
 * starts at 0, the last (open) bucket holds everything above the last bound.  Checks nb
 * bounds (nb >= 1, each >= 0, strictly ascending); has_null says the array held a NULL.
 */
extern WaitsStatus waits_check_bounds(const int32_t *bounds, int nb, bool has_null, char *detail);

/* out[0..nb]: waits per bucket of compact w for checked bounds. */
extern void waits_bucket_counts(const Waits *w, const int32_t *bounds, int nb, int64_t *out);

/* Label of bucket lower..upper ("0", "1–7"), or "> lower-1" when open (upper < 0). */
extern void waits_bucket_label(int32_t lower, int32_t upper, bool open, char *buf, size_t len);

#endif
