/*
 * target_core.h: the pekefb.target value (a target level with direction and unit), its
 * text parser and formatter, and the attainment rules (no PostgreSQL headers).
 */
#ifndef PEKEFB_TARGET_CORE_H
#define PEKEFB_TARGET_CORE_H

#include "number_core.h"

/* Direction of a target. */
typedef enum TargetOp
{
	TOP_GE = 0,					/* >= t: higher is better */
	TOP_GT = 1,					/* >  t */
	TOP_LE = 2,					/* <= t: lower is better */
	TOP_LT = 3,					/* <  t */
	TOP_EQ = 4,					/* =  t: behaves as the range t..t */
	TOP_RANGE = 5				/* lo..hi, both ends inclusive */
} TargetOp;

#define TOP_MAX TOP_RANGE

/*
 * The on-disk value (24 bytes, double aligned).  Numbers are kept as written, in display
 * units (90 for 90%); hi equals lo except for ranges.  Padding is always zero so that
 * bytewise comparison works.
 */
typedef struct Target
{
	double		lo;
	double		hi;
	uint8_t		op;				/* TargetOp */
	uint8_t		unit;			/* Unit */
	uint8_t		pad[6];
} Target;

/* Longest text target_format writes, with the terminating NUL. */
#define TARGET_BUFLEN (2 * NUM_BUFLEN + 16)

extern bool target_parse(const char *s, Target *t, CoreError *err);
extern void target_format(const Target *t, char *buf);
extern bool target_check(const Target *t);
extern bool target_validate(const Target *t, CoreError *err);
extern int	target_cmp(const Target *x, const Target *y);
extern const char *target_op_symbol(TargetOp op);
extern bool target_attainment(const Target *t, double v, bool has_baseline,
							  double baseline, double *out);

/* The low and high bound in base units (a % target's 90 as 0.9). */
static inline double
target_lo_base(const Target *t)
{
	return unit_base((Unit) t->unit, t->lo);
}

static inline double
target_hi_base(const Target *t)
{
	return unit_base((Unit) t->unit, t->hi);
}

/*
 * target_met: whether v (in base units: 0.9 for 90%) meets the target.  Inline because
 * target_attainment calls it once per row.
 */
static inline bool
target_met(const Target *t, double v)
{
	double		lo = target_lo_base(t);

	switch ((TargetOp) t->op)
	{
		case TOP_GE:
			return v >= lo;
		case TOP_GT:
			return v > lo;
		case TOP_LE:
			return v <= lo;
		case TOP_LT:
			return v < lo;
		case TOP_EQ:
			return v == lo;
		case TOP_RANGE:
			return lo <= v && v <= target_hi_base(t);
	}
	return false;
}

#endif
