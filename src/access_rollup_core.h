/*
 * access_rollup_core.h: access_summary_on's figures from per-month states, in plain C99.
 *
 * Input: the organisations (a forest: each one's parent or -1, and its rank in the code's
 * collation order, for ties), the access indicators (half-yearly or not) and the state rows
 * (indicator, organisation, month, counts and the waits of the finished cases).  Output:
 * every cell access_summary_on has, per indicator, organisation (own cases, or with its
 * sub-organisations), period kind and start: the sums of the state rows of its months and
 * organisations, the suppression of doc/partners.md (primary and complementary along the
 * organisation tree per indicator and period, then down the nested periods: quarters against
 * their year or THL half-year, months against their quarter, for the cases, the rate's
 * denominator and the finished cases), and the median and 90th percentile wait of the cells
 * left visible.  The same rules, in the same order, as the SQL of _tree_suppress and
 * _parts_suppress in src/region/views_privacy.sql, so the figures are exactly the direct
 * computation's.
 *
 * The work runs per suppression unit (indicator and calendar year, or THL half-year for a
 * half-yearly indicator: the cells the rules couple), so memory is that of one unit's cells.
 * Nothing here knows PostgreSQL: memory comes from the caller's allocator, errors are
 * returned as a CoreError (src/access_rollup.c raises them), cells are handed to a callback.
 */
#ifndef PEKEFB_ACCESS_ROLLUP_CORE_H
#define PEKEFB_ACCESS_ROLLUP_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "number_core.h"
#include "waits_core.h"

/* Period kinds of a cell. */
typedef enum AccessKind
{
	ACCESS_MONTH = 0,
	ACCESS_QUARTER,
	ACCESS_HALF_YEAR,			/* THL half-year: 1.4.-30.9. or 1.10.-31.3. */
	ACCESS_YEAR
} AccessKind;

/* One state row: an indicator's cases of one organisation and month. */
typedef struct AccessStateRow
{
	int32_t		indicator;		/* index into the indicators */
	int32_t		org;			/* index into the organisations */
	int32_t		month;			/* year * 12 + month - 1 */
	int64_t		cases;
	int64_t		finished;
	int64_t		on_time;
	int64_t		late;
	int64_t		past_due;		/* open cases past their due date on the judging day */
	int64_t		open;			/* open cases */
	const Waits *waits;			/* compact waits of the finished cases; NULL: none */
} AccessStateRow;

/* One output cell. */
typedef struct AccessCell
{
	int32_t		indicator;
	int32_t		org;
	bool		includes_sub;
	AccessKind	kind;
	int32_t		start;			/* first month, year * 12 + month - 1 */
	int64_t		cases;
	int64_t		finished;
	int64_t		on_time;
	int64_t		late;
	int64_t		past_due;
	int64_t		open_within;
	bool		suppressed;
	bool		has_waits;		/* median and p90 set: visible and some finished case */
	int32_t		median;
	int32_t		p90;
} AccessCell;

typedef struct AccessRollup
{
	int32_t		norg;
	const int32_t *parent;		/* per organisation: its parent's index, -1 at a top */
	const int32_t *rank;		/* per organisation: its place in code order (ties) */
	int32_t		nindicator;
	const bool *half_yearly;	/* per indicator */
	int32_t		nrow;
	const AccessStateRow *rows;
	int64_t		min_group_size;

	/* zeroed memory of at least size bytes for the whole call (never NULL: it raises) */
	void	   *(*alloc) (size_t size, void *arg);
	/* the same for one unit's work: everything it gave may go at the next reset */
	void	   *(*alloc_unit) (size_t size, void *arg);
	/* called after each unit */
	void		(*reset) (void *arg);
	/* called once per unit: a chance to cancel */
	void		(*interrupt) (void *arg);
	/* receives each cell */
	void		(*emit) (const AccessCell *cell, void *arg);
	void	   *arg;
} AccessRollup;

/*
 * Computes and emits every cell.  False with err set (CORE_INVALID: an index out of range,
 * a cycle in the parents; CORE_OUT_OF_RANGE: a sum beyond int64) when the input cannot be
 * rolled up; cells of units done before may have been emitted.
 */
extern bool access_rollup(const AccessRollup *in, CoreError *err);

/* The first month of the suppression unit of month (a calendar year, or a THL half-year). */
extern int32_t access_unit_start(int32_t month, bool half_yearly);

#endif
