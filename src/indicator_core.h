/*
 * indicator_core.h: the pekefb.indicator value (a ratio numerator/denominator or a
 * quantity, with a unit), its text parser and formatter, and addition (no PostgreSQL
 * headers).
 */
#ifndef PEKEFB_INDICATOR_CORE_H
#define PEKEFB_INDICATOR_CORE_H

#include "number_core.h"

typedef enum IndicatorKind
{
	IND_QUANTITY = 0,			/* one number as written: 45 (%), 4.78 (d), 33 */
	IND_RATIO = 1				/* num/den: a share (%) or average days (d) */
} IndicatorKind;

/*
 * The on-disk value (24 bytes, double aligned).  A quantity keeps its number as written in
 * num (45 for 45%) and den = 0; a ratio keeps num >= 0 and den > 0.  Padding is zero.
 */
typedef struct Indicator
{
	double		num;
	double		den;
	uint8_t		kind;			/* IndicatorKind */
	uint8_t		unit;			/* Unit; a ratio is UNIT_PERCENT or UNIT_DAYS */
	uint8_t		pad[6];
} Indicator;

/* Longest text indicator_format writes, with the terminating NUL. */
#define INDICATOR_BUFLEN (2 * NUM_BUFLEN + 8)

extern bool indicator_parse(const char *s, Indicator *x, CoreError *err);
extern void indicator_format(const Indicator *x, char *buf);
extern bool indicator_check(const Indicator *x);
extern bool indicator_validate(const Indicator *x, CoreError *err);
extern int	indicator_cmp(const Indicator *x, const Indicator *y);
extern bool indicator_add(Indicator *acc, const Indicator *x, CoreError *err);

/*
 * indicator_value: the value in base units: a ratio num/den (a fraction for %, average
 * days for d); a % quantity num/100; other quantities num.
 */
static inline double
indicator_value(const Indicator *x)
{
	if (x->kind == IND_RATIO)
		return x->num / x->den;
	return unit_base((Unit) x->unit, x->num);
}

#endif
