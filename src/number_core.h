/*
 * number_core.h: decimal numbers and units shared by the target and indicator types.
 *
 * Plain C99, no PostgreSQL headers, so the parsers can be unit-tested and fuzzed outside
 * the server.  Parsers report problems through CoreError (a kind that the fmgr wrappers map
 * to an SQLSTATE, and a DETAIL sentence) instead of throwing.
 */
#ifndef PEKEFB_NUMBER_CORE_H
#define PEKEFB_NUMBER_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What went wrong; the fmgr wrappers map these to 22P02, 22003 and 22023. */
typedef enum CoreErrorKind
{
	CORE_OK = 0,
	CORE_SYNTAX,				/* unparsable text: 22P02 */
	CORE_OUT_OF_RANGE,			/* number too large or too small for a double: 22003 */
	CORE_INVALID				/* parsable but not a valid value (1/0, 95%..80%): 22023 */
} CoreErrorKind;

typedef struct CoreError
{
	CoreErrorKind kind;
	char		detail[256];	/* a full sentence for errdetail */
} CoreError;

/*
 * Units: '%' is a fraction of one written in percent, 'per 1000' a fraction of one written
 * per thousand (Sotkanet's PER1000: a rate per 1 000 inhabitants), 'd' calendar days, 'wd'
 * working days, none a plain number.  The codes are stored (binary form of the types): new
 * units are appended.
 */
typedef enum Unit
{
	UNIT_NONE = 0,
	UNIT_PERCENT = 1,
	UNIT_DAYS = 2,
	UNIT_WORKING_DAYS = 3,
	UNIT_PER_MILLE = 4
} Unit;

#define UNIT_MAX UNIT_PER_MILLE

/* The DETAIL of an unknown unit word, shared by the target and indicator parsers. */
#define UNIT_EXPECTED "expected % (percent), per 1000 (also ‰, promille), d (days; also pv, vrk, " \
	"päivää, dagar, dygn, days), wd (working days; also arkipäivää, arkip, vardagar) or no unit"


/* Outcome of num_parse. */
typedef enum NumStatus
{
	NUM_OK = 0,
	NUM_NONE,					/* no number at the position */
	NUM_RANGE					/* a number, but it overflows (or underflows to 0) */
} NumStatus;

/* Longest text num_format writes, with the terminating NUL. */
#define NUM_BUFLEN 32

extern NumStatus num_parse(const char **pp, double *out);
extern void num_format(double v, char *buf);
extern int	num_span(const char *p);
extern bool num_nonfinite_word(const char *p);
extern const char *skip_spaces(const char *p);

/*
 * num_read: skips spaces and reads a finite number at *pp, advancing *pp; on failure fills
 * err and returns false: CORE_OUT_OF_RANGE for a number beyond double precision, else
 * CORE_SYNTAX with "Expected a number <what>, found ..." (or the sentence whole, when what
 * is NULL).
 */
extern bool num_read(const char **pp, double *v, const char *what, const char *whole,
					 CoreError *err);
extern bool unit_parse(const char **pp, Unit *unit);
extern const char *unit_symbol(Unit unit);
extern const char *unit_name(Unit unit);
extern double unit_base(Unit unit, double display);
extern const char *unit_suffix(Unit unit);
extern int	core_clip(const char *p, int max);
extern void core_error(CoreError *err, CoreErrorKind kind, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

#endif
