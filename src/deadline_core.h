/*
 * deadline_core.h: the statutory time limit ("14 days", "7 working days", "3 months") as a
 * 32-bit value, its parser and canonical text form.  Plain C, no PostgreSQL headers.
 *
 * Encoding (the pass-by-value Datum of pekefb.deadline): (length << 2) | unit.
 */
#ifndef PEKEFB_DEADLINE_CORE_H
#define PEKEFB_DEADLINE_CORE_H

#include <stdbool.h>
#include <stdint.h>

typedef enum DeadlineUnit
{
	DL_DAYS = 0,				/* calendar days (vrk, pv): finished - started <= N */
	DL_WORKING_DAYS = 1,		/* arkipäivää: the N-th working day after the start */
	DL_MONTHS = 2				/* kuukautta: 150/1930 §3 */
} DeadlineUnit;

#define DL_MAX_DAYS			3650
#define DL_MAX_WORKING_DAYS	600
#define DL_MAX_MONTHS		120

typedef enum DeadlineParseStatus
{
	DL_PARSE_OK = 0,
	DL_PARSE_SYNTAX,			/* unparsable text: 22P02 */
	DL_PARSE_RANGE				/* zero, negative or too large: 22003 */
} DeadlineParseStatus;

static inline int32_t
dl_make(DeadlineUnit unit, int32_t length)
{
	return (int32_t) (((uint32_t) length << 2) | (uint32_t) unit);
}

static inline DeadlineUnit
dl_unit(int32_t dl)
{
	return (DeadlineUnit) (dl & 3);
}

static inline int32_t
dl_length(int32_t dl)
{
	return dl >> 2;
}

/* Largest allowed length of a unit. */
extern int32_t dl_max_length(DeadlineUnit unit);

/* Checks an encoded value (from binary input): a known unit and a length in 1..max. */
extern bool dl_valid(int32_t dl);

/*
 * Parses "N unit" into *out.  On failure returns the status and writes a full-sentence
 * DETAIL into detail.
 */
extern DeadlineParseStatus dl_parse(const char *s, int32_t *out, char *detail, int detlen);

/* Canonical text ("14 days", "1 working day", "3 months") into buf. */
extern void dl_format(int32_t dl, char *buf, int buflen);

/* Order: by unit (days, working days, months), then length; -1, 0 or 1. */
extern int	dl_cmp(int32_t x, int32_t y);

/* Unit name as in the canonical form: "days", "working days", "months". */
extern const char *dl_unit_name(DeadlineUnit unit);

#endif
