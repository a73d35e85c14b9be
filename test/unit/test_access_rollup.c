/*
 * test_access_rollup.c: unit tests of access_rollup_core.c without a server: the units
 * (calendar year, THL half-year), the roll-up along the tree and the periods, the
 * suppression rules (a tree cut with ties broken by code rank, months against their
 * quarter), the percentiles, and refused input (a cycle, an index out of range, a sum
 * beyond int64).  Memory comes from a small arena so that sanitizers see every byte freed.
 */
#include <stdlib.h>
#include <string.h>

#include "access_rollup_core.h"
#include "unit.h"

/* An arena of blocks: call-lifetime and unit-lifetime lists. */
typedef struct Block
{
	struct Block *next;
} Block;

typedef struct Arena
{
	Block	   *call;
	Block	   *unit;
	int			units;
	int			ncells;
	AccessCell	cells[512];
} Arena;

static void *
take(Block **list, size_t size)
{
	Block	   *b = calloc(1, sizeof(Block) + size + 16);

	if (b == NULL)
		abort();
	b->next = *list;
	*list = b;
	return (char *) b + sizeof(Block) + (16 - sizeof(Block) % 16) % 16;
}

static void
drop(Block **list)
{
	while (*list)
	{
		Block	   *n = (*list)->next;

		free(*list);
		*list = n;
	}
}

static void *
a_call(size_t size, void *arg)
{
	return take(&((Arena *) arg)->call, size);
}

static void *
a_unit(size_t size, void *arg)
{
	return take(&((Arena *) arg)->unit, size);
}

static void
a_reset(void *arg)
{
	drop(&((Arena *) arg)->unit);
}

static void
a_interrupt(void *arg)
{
	((Arena *) arg)->units++;
}

static void
a_emit(const AccessCell *c, void *arg)
{
	Arena	   *a = arg;

	if (a->ncells < 512)
		a->cells[a->ncells] = *c;
	a->ncells++;
}

/* A compact waits value of (day, count) pairs, in the arena. */
static Waits *
make_waits(Arena *a, const int32_t *days, const int64_t *counts, int n)
{
	Waits	   *w = a_call(waits_size(n), a);

	waits_init(w, n);
	for (int i = 0; i < n; i++)
	{
		WAITS_DAYS(w)[i] = days[i];
		WAITS_COUNTS(w)[i] = counts[i];
		w->total += counts[i];
	}
	w->n = n;
	return w;
}

static bool
run(Arena *a, AccessRollup *in, CoreError *err)
{
	bool		ok;

	a->unit = NULL;
	a->units = a->ncells = 0;
	in->alloc = a_call;
	in->alloc_unit = a_unit;
	in->reset = a_reset;
	in->interrupt = a_interrupt;
	in->emit = a_emit;
	in->arg = a;
	ok = access_rollup(in, err);
	drop(&a->unit);
	return ok;
}

/* The emitted cell of (org, includes_sub, kind, start), or NULL. */
static const AccessCell *
cell(const Arena *a, int32_t org, bool sub, AccessKind kind, int32_t start)
{
	for (int i = 0; i < a->ncells && i < 512; i++)
		if (a->cells[i].org == org && a->cells[i].includes_sub == sub && a->cells[i].kind == kind &&
			a->cells[i].start == start)
			return &a->cells[i];
	return NULL;
}

#define M(y, mo) ((y) * 12 + (mo) - 1)

int
main(void)
{
	Arena	   *a = calloc(1, sizeof(Arena));
	CoreError	err;

	/* units: a calendar year, or THL's half-years 1.4.-30.9. and 1.10.-31.3. */
	CHECK("unit of May 2025 (yearly) is January 2025", access_unit_start(M(2025, 5), false) == M(2025, 1));
	CHECK("unit of January 2025 (half-yearly) is October 2024", access_unit_start(M(2025, 1), true) == M(2024, 10));
	CHECK("unit of March 2025 (half-yearly) is October 2024", access_unit_start(M(2025, 3), true) == M(2024, 10));
	CHECK("unit of April 2025 (half-yearly) is April 2025", access_unit_start(M(2025, 4), true) == M(2025, 4));
	CHECK("unit of September 2025 (half-yearly) is April 2025", access_unit_start(M(2025, 9), true) == M(2025, 4));
	CHECK("unit of October 2025 (half-yearly) is October 2025", access_unit_start(M(2025, 10), true) == M(2025, 10));
	CHECK("unit of a month before year 0 (yearly)", access_unit_start(-5, false) == -12);
	CHECK("unit of a month before year 0 (half-yearly)", access_unit_start(-5, true) == -9);

	/*
	 * r above a and b (min_group_size 5): a has 3 cases, b 10; r's hidden mass 3 has no own
	 * cell to hide, so b's total (the smallest visible child) is cut with its own cell.
	 */
	{
		int32_t		parent[3] = {-1, 0, 0};
		int32_t		rank[3] = {2, 0, 1};
		bool		half[1] = {false};
		int32_t		d1[1] = {2},
					d2[1] = {4};
		int64_t		c1[1] = {3},
					c2[1] = {10};
		AccessStateRow rows[2] = {
			{0, 1, M(2025, 1), 3, 3, 3, 0, 0, 0, NULL},
			{0, 2, M(2025, 1), 10, 10, 9, 1, 0, 0, NULL}};
		AccessRollup in = {.norg = 3, .parent = parent, .rank = rank, .nindicator = 1, .half_yearly = half, .nrow = 2, .rows = rows, .min_group_size = 5};
		const AccessCell *rt;

		rows[0].waits = make_waits(a, d1, c1, 1);
		rows[1].waits = make_waits(a, d2, c2, 1);
		CHECK("tree: rolls up", run(a, &in, &err));
		CHECK("tree: 15 cells (a, b own and total; r total; month, quarter, year)", a->ncells == 15);
		CHECK("tree: one unit", a->units == 1);
		rt = cell(a, 0, true, ACCESS_YEAR, M(2025, 1));
		CHECK("tree: r's year counts 13", rt && rt->cases == 13 && rt->finished == 13 && rt->on_time == 12 && rt->late == 1);
		CHECK("tree: r's year visible with median 4 and p90 4", rt && !rt->suppressed && rt->has_waits && rt->median == 4 && rt->p90 == 4);
		CHECK("tree: r has no own cell", cell(a, 0, false, ACCESS_YEAR, M(2025, 1)) == NULL);
		CHECK("tree: a's cells primary", cell(a, 1, false, ACCESS_MONTH, M(2025, 1))->suppressed &&
			  cell(a, 1, true, ACCESS_QUARTER, M(2025, 1))->suppressed);
		CHECK("tree: b's total and own cell cut", cell(a, 2, true, ACCESS_YEAR, M(2025, 1))->suppressed &&
			  cell(a, 2, false, ACCESS_MONTH, M(2025, 1))->suppressed);
		CHECK("tree: hidden cells carry no percentiles", !cell(a, 2, true, ACCESS_YEAR, M(2025, 1))->has_waits);
		drop(&a->call);

		/* ties: a and b both 10 and r's own cell 3 (primary): a child total is cut, the first in code order */
		rows[0].cases = rows[0].finished = 10;
		rows[0].on_time = 10;
		rows[0].waits = NULL;
		rows[1].waits = NULL;
		{
			AccessStateRow more[3] = {rows[0], rows[1], {0, 0, M(2025, 1), 3, 3, 3, 0, 0, 0, NULL}};
			AccessRollup in2 = {.norg = 3, .parent = parent, .rank = rank, .nindicator = 1, .half_yearly = half, .nrow = 3, .rows = more, .min_group_size = 5};

			CHECK("own cell: rolls up", run(a, &in2, &err));
			CHECK("own cell: r's own 3 is primary, r's total (23) visible",
				  cell(a, 0, false, ACCESS_YEAR, M(2025, 1))->suppressed && !cell(a, 0, true, ACCESS_YEAR, M(2025, 1))->suppressed);
			CHECK("own cell: hidden mass 3 under r, no visible own cell: the smallest child by rank is cut (a, rank 0)",
				  cell(a, 1, true, ACCESS_YEAR, M(2025, 1))->suppressed && !cell(a, 2, true, ACCESS_YEAR, M(2025, 1))->suppressed);
			drop(&a->call);
			rank[1] = 1;
			rank[2] = 0;
			CHECK("own cell: reranked rolls up", run(a, &in2, &err));
			CHECK("own cell: with b first in code order, b is cut",
				  !cell(a, 1, true, ACCESS_YEAR, M(2025, 1))->suppressed && cell(a, 2, true, ACCESS_YEAR, M(2025, 1))->suppressed);
			drop(&a->call);
		}
	}

	/* months against their quarter: January 2 hidden, February 4 hidden with it (m = 3) */
	{
		int32_t		parent[1] = {-1};
		int32_t		rank[1] = {0};
		bool		half[1] = {false};
		AccessStateRow rows[3] = {
			{0, 0, M(2025, 1), 2, 0, 0, 0, 0, 0, NULL},
			{0, 0, M(2025, 2), 4, 0, 0, 0, 0, 0, NULL},
			{0, 0, M(2025, 3), 6, 0, 0, 0, 0, 0, NULL}};
		AccessRollup in = {.norg = 1, .parent = parent, .rank = rank, .nindicator = 1, .half_yearly = half, .nrow = 3, .rows = rows, .min_group_size = 3};

		CHECK("months: rolls up", run(a, &in, &err));
		CHECK("months: January and February hidden, March and the quarter shown",
			  cell(a, 0, false, ACCESS_MONTH, M(2025, 1))->suppressed && cell(a, 0, false, ACCESS_MONTH, M(2025, 2))->suppressed &&
			  !cell(a, 0, false, ACCESS_MONTH, M(2025, 3))->suppressed && !cell(a, 0, false, ACCESS_QUARTER, M(2025, 1))->suppressed);
		drop(&a->call);

		/* two units: a year each */
		rows[2].month = M(2026, 3);
		CHECK("units: rolls up", run(a, &in, &err));
		CHECK("units: two units", a->units == 2);
		CHECK("units: a 2026 year cell of 6", cell(a, 0, true, ACCESS_YEAR, M(2026, 1)) &&
			  cell(a, 0, true, ACCESS_YEAR, M(2026, 1))->cases == 6);
		drop(&a->call);

		/* beyond int64 */
		rows[0].cases = INT64_MAX;
		rows[1].cases = 1;
		CHECK("overflow: refused", !run(a, &in, &err) && err.kind == CORE_OUT_OF_RANGE);
		drop(&a->call);
		rows[0].cases = 1;
		rows[1].org = 3;
		CHECK("index out of range: refused", !run(a, &in, &err) && err.kind == CORE_INVALID);
		drop(&a->call);
	}

	/* a cycle */
	{
		int32_t		parent[2] = {1, 0};
		int32_t		rank[2] = {0, 1};
		bool		half[1] = {false};
		AccessRollup in = {.norg = 2, .parent = parent, .rank = rank, .nindicator = 1, .half_yearly = half, .nrow = 0, .rows = NULL, .min_group_size = 5};

		CHECK("cycle: refused", !run(a, &in, &err) && err.kind == CORE_INVALID && strstr(err.detail, "cycle") != NULL);
		drop(&a->call);
	}
	free(a);
	return unit_exit();
}
