/*
 * waits_core.h: the histogram maths behind the pekefb.waits type, in plain C99.
 *
 * A waits value is an exact distribution of waits in whole days: sorted distinct days
 * (int32, >= 0), each with a count (int64, >= 1).  Its size depends on the number of
 * distinct days, never on the number of rows counted.
 *
 * The in-memory layout is also the on-disk layout (a PostgreSQL varlena):
 *
 *     int32  vl_len_   varlena header, set by the fmgr layer (src/waits.c), never here
 *     int32  flags     reserved, always 0
 *     int32  n         distinct days in use
 *     int32  cap       room for this many days (n <= cap; the aggregate keeps spare room)
 *     int64  counts[cap]
 *     int32  days[cap]
 *
 * counts come first so they stay 8-byte aligned whatever cap is.  Only the first n entries
 * of each array mean anything; equality and the text form ignore the spare room.
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
	int32_t		flags;			/* reserved, 0 */
	int32_t		n;				/* distinct days in use */
	int32_t		cap;			/* allocated room, in days */
	/* int64_t counts[cap]; int32_t days[cap]; follow */
} Waits;

#define WAITS_HDRSZ			((size_t) sizeof(Waits))
#define WAITS_COUNTS(w)		((int64_t *) ((char *) (w) + WAITS_HDRSZ))
#define WAITS_DAYS(w)		((int32_t *) (WAITS_COUNTS(w) + (w)->cap))
#define WAITS_CCOUNTS(w)	((const int64_t *) ((const char *) (w) + WAITS_HDRSZ))
#define WAITS_CDAYS(w)		((const int32_t *) (WAITS_CCOUNTS(w) + (w)->cap))

/* Largest capacity whose size still fits a varlena (1 GB). */
#define WAITS_MAX_CAP		((int32_t) ((0x3FFFFFFF - WAITS_HDRSZ) / 12))

/* Text form of one pair is at most "2147483647:9223372036854775807," (31 chars). */
#define WAITS_PAIR_TEXT_MAX	31

typedef enum WaitsStatus
{
	WAITS_OK = 0,
	WAITS_FULL,					/* a new distinct day needs room the value does not have */
	WAITS_SYNTAX,				/* text cannot be parsed (22P02) */
	WAITS_RANGE,				/* a number is out of range or not allowed (22003) */
	WAITS_BADPARAM				/* a bad parameter such as bucket bounds (22023) */
} WaitsStatus;

#define WAITS_DETAIL_LEN	256

/* Bytes needed for a value with room for cap days. */
static inline size_t
waits_size(int32_t cap)
{
	return WAITS_HDRSZ + (size_t) cap * (sizeof(int64_t) + sizeof(int32_t));
}

/* Sets up an empty value with room for cap days in memory of waits_size(cap) bytes. */
extern void waits_init(Waits *w, int32_t cap);

/*
 * Index of day in w, or where it would be inserted (then *found is false).  Waits are
 * usually dense (0, 1, 2, ... days), so the first guess is index day - days[0]; a binary
 * search follows when the guess misses.
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

/* Slow path of waits_add: inserts a new distinct day (shifting the arrays). */
extern WaitsStatus waits_insert_at(Waits *w, int32_t idx, int32_t day, int64_t count);

/*
 * Adds count (>= 1) waits of day (>= 0) to w in place.  WAITS_FULL when the day is new and
 * w has no spare room (w is then unchanged: copy it into a bigger value and retry);
 * WAITS_RANGE when the day's count would overflow int64.
 */
static inline WaitsStatus
waits_add(Waits *w, int32_t day, int64_t count)
{
	bool		found;
	int32_t		idx = waits_find(w, day, &found);

	if (found)
	{
		int64_t    *c = &WAITS_COUNTS(w)[idx];

		if (*c > INT64_MAX - count)
			return WAITS_RANGE;
		*c += count;
		return WAITS_OK;
	}
	return waits_insert_at(w, idx, day, count);
}

/* Copies the n pairs of src into dst, which has room for dstcap >= src->n days. */
extern void waits_copy(Waits *dst, int32_t dstcap, const Waits *src);

/* True when a and b hold the same pairs (spare room ignored). */
extern bool waits_equal(const Waits *a, const Waits *b);

/* Number of distinct days in the union of a and b. */
extern int32_t waits_union_size(const Waits *a, const Waits *b);

/*
 * dst := a + b (counts summed per day).  dst needs room for waits_union_size(a, b) days;
 * dst may be a itself (the merge runs backwards, so a value with spare room is merged in
 * place).  WAITS_RANGE on count overflow (dst then holds garbage).
 */
extern WaitsStatus waits_merge(Waits *dst, const Waits *a, const Waits *b);

/*
 * a := a - b in place, dropping days whose count reaches 0.  WAITS_RANGE (a unchanged)
 * when b is not contained in a: some day of b is missing from a or has a larger count.
 */
extern WaitsStatus waits_subtract(Waits *a, const Waits *b);

/* Total number of waits; WAITS_RANGE if it does not fit int64. */
extern WaitsStatus waits_total(const Waits *w, int64_t *total);

/*
 * percentile_disc semantics: the first day whose cumulative fraction is >= p, i.e. the
 * row number ceil(p * total) (at least 1) of the sorted waits.  Requires w->n > 0 and
 * 0 <= p <= 1.
 */
extern int32_t waits_percentile(const Waits *w, int64_t total, double p);

/* Waits of at most day days. */
extern int64_t waits_count_within(const Waits *w, int32_t day);

/* Mean wait in days (w->n > 0). */
extern double waits_mean(const Waits *w, int64_t total);

/*
 * Parses the text form "{0:12,1:40,3:7}" (spaces allowed between tokens, "{}" empty) into
 * w, which needs room for waits_parse_room(text) days.  On failure the detail buffer
 * (WAITS_DETAIL_LEN bytes) says what was wrong.
 */
extern int32_t waits_parse_room(const char *text);
extern WaitsStatus waits_parse(const char *text, Waits *w, char *detail);

/*
 * Checks n pairs of days and counts as they come from outside (binary input): days
 * strictly ascending and >= 0, counts >= 1, total within int64.
 */
extern WaitsStatus waits_validate(const int32_t *days, const int64_t *counts, int32_t n,
								  char *detail);

/* Writes the canonical text form into buf (room for waits_text_len(w) bytes); returns length. */
extern size_t waits_text_len(const Waits *w);
extern size_t waits_format(const Waits *w, char *buf);

/*
 * Bucket bounds: ascending inclusive upper limits of the closed buckets; the first bucket
 * starts at 0, the last (open) bucket holds everything above the last bound.  Checks nb
 * bounds (nb >= 1, each >= 0, strictly ascending); has_null says the array held a NULL.
 */
extern WaitsStatus waits_check_bounds(const int32_t *bounds, int nb, bool has_null, char *detail);

/* out[0..nb]: waits per bucket for checked bounds. */
extern void waits_bucket_counts(const Waits *w, const int32_t *bounds, int nb, int64_t *out);

/* Label of bucket lower..upper ("0", "1–7"), or "> lower-1" when open (upper < 0). */
extern void waits_bucket_label(int32_t lower, int32_t upper, bool open, char *buf, size_t len);

#endif
