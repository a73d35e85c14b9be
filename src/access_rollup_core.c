/*
 * access_rollup_core.c: access_summary_on's cells from per-month states (see
 * access_rollup_core.h).  Plain C99 with GCC's overflow builtins; no PostgreSQL headers.
 *
 * Within a unit (an indicator's calendar year, or THL half-year) every cell has a slot: the
 * months first, then the quarters, then the year or half-year; a cell is addressed by
 * (organisation, includes_sub, slot) in a dense array of the unit.  A state row adds to its
 * organisation's own cell and to the with-sub-organisations cells of the organisation and
 * every one above it, in its month's three slots.
 */
#include "access_rollup_core.h"

#include <stdlib.h>
#include <string.h>

/* A cell of the unit being worked on. */
typedef struct Cell
{
	int64_t		n[3];			/* the counts suppressed on: cases, rate denominator, finished */
	int64_t		on_time;
	int64_t		late;
	int64_t		past_due;
	int64_t		open;
	int64_t		pairs;			/* distinct-day pairs of its state rows' waits */
	int32_t		ncontrib;		/* its state rows with waits */
	int32_t		first;			/* where its state rows start in the unit's list */
	bool		exists;
	bool		hidden;			/* the tree's suppression, then the periods' */
} Cell;

/* The work of one call. */
typedef struct Work
{
	const AccessRollup *in;
	CoreError  *err;
	int32_t    *anc_start;		/* ancestors of organisation o (itself first): anc[anc_start[o] ..] */
	int32_t    *anc;
	int32_t    *order;			/* state rows sorted by indicator and unit */
	int32_t    *unit;			/* per state row: its unit's first month */
} Work;

/* Floor division for month arithmetic (months before year 0 are negative). */
static inline int32_t
floor_div(int32_t a, int32_t b)
{
	int32_t		q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/*
 * First month of the unit of month: its calendar year, or its THL half-year (1.4.-30.9.,
 * 1.10.-31.3.): the half-year of month - 3 months counted in six-month steps from April.
 */
int32_t
access_unit_start(int32_t month, bool half_yearly)
{
	if (half_yearly)
		return floor_div(month - 3, 6) * 6 + 3;
	return floor_div(month, 12) * 12;
}

/* a += b, false (err set) on overflow. */
static bool
add_checked(int64_t *a, int64_t b, CoreError *err)
{
	if (__builtin_add_overflow(*a, b, a))
	{
		core_error(err, CORE_OUT_OF_RANGE, "A sum of the states is beyond the range of bigint.");
		return false;
	}
	return true;
}

/* Ancestor lists of every organisation (itself first); a cycle is an error. */
static bool
build_ancestors(Work *w)
{
	const AccessRollup *in = w->in;
	int64_t		total = 0;
	int32_t		pos = 0;

	w->anc_start = in->alloc(sizeof(int32_t) * ((size_t) in->norg + 1), in->arg);
	for (int32_t o = 0; o < in->norg; o++)
	{
		int32_t		len = 0;

		for (int32_t a = o; a >= 0; a = in->parent[a])
		{
			if (a >= in->norg || ++len > in->norg)
			{
				core_error(w->err, CORE_INVALID, a >= in->norg
						   ? "A parent is not among the organisations."
						   : "The parents of the organisations form a cycle.");
				return false;
			}
		}
		total += len;
	}
	w->anc = in->alloc(sizeof(int32_t) * (size_t) (total > 0 ? total : 1), in->arg);
	for (int32_t o = 0; o < in->norg; o++)
	{
		w->anc_start[o] = pos;
		for (int32_t a = o; a >= 0; a = in->parent[a])
			w->anc[pos++] = a;
	}
	w->anc_start[in->norg] = pos;
	return true;
}

/* Order of state rows: by indicator, then unit, then position. */
static int
order_cmp(const void *x, const void *y, void *arg)
{
	const Work *w = arg;
	int32_t		a = *(const int32_t *) x,
				b = *(const int32_t *) y;
	const AccessStateRow *ra = &w->in->rows[a],
			   *rb = &w->in->rows[b];

	if (ra->indicator != rb->indicator)
		return ra->indicator < rb->indicator ? -1 : 1;
	if (w->unit[a] != w->unit[b])
		return w->unit[a] < w->unit[b] ? -1 : 1;
	return a < b ? -1 : (a > b);
}

/* A small merge sort of int32 indices with a comparator (stable, no qsort_r dependence). */
static void
sort_indices(int32_t *v, int32_t *tmp, int32_t n, int (*cmp) (const void *, const void *, void *), void *arg)
{
	for (int32_t width = 1; width < n; width *= 2)
	{
		for (int32_t lo = 0; lo < n; lo += 2 * width)
		{
			int32_t		mid = lo + width < n ? lo + width : n;
			int32_t		hi = lo + 2 * width < n ? lo + 2 * width : n;
			int32_t		i = lo,
						j = mid,
						k = lo;

			while (i < mid && j < hi)
				tmp[k++] = cmp(&v[j], &v[i], arg) < 0 ? v[j++] : v[i++];
			while (i < mid)
				tmp[k++] = v[i++];
			while (j < hi)
				tmp[k++] = v[j++];
		}
		memcpy(v, tmp, sizeof(int32_t) * (size_t) n);
	}
}

/*
 * _tree_suppress for dimension d over the cells of one slot (views_privacy.sql): primary
 * suppression of 1..m-1; then for every visible total whose hidden mass not covered by
 * a visible sub-total is 1..m-1, its own cell is hidden if visible and not empty, else its
 * smallest visible child total (ties by code) is cut with everything below it.
 */
static void
tree_suppress(const Work *w, Cell *cells, int32_t nslot, int32_t slot, int d, bool *hid,
			  int64_t *r, int32_t *best, bool *cut)
{
	const AccessRollup *in = w->in;
	int64_t		m = in->min_group_size;
	bool		anycut = false;

#define CELL(o, inc) (&cells[((size_t) (o) * 2 + (inc)) * (size_t) nslot + (size_t) slot])
#define PRIM(c) ((c)->n[d] >= 1 && (c)->n[d] < m)
	for (int32_t o = 0; o < in->norg; o++)
	{
		r[o] = 0;
		best[o] = -1;
		cut[o] = false;
	}
	for (int32_t o = 0; o < in->norg; o++)
	{
		for (int inc = 0; inc < 2; inc++)
		{
			Cell	   *c = CELL(o, inc);

			if (!c->exists)
				continue;
			hid[o * 2 + inc] = PRIM(c);
			if (inc)
			{
				int32_t		p = in->parent[o];

				if (p < 0 || !CELL(p, 1)->exists)
					continue;
				if (PRIM(c))
					r[p] += c->n[d];	/* bounded: the parent's own sum did not overflow */
				else if (c->n[d] > 0 &&
						 (best[p] < 0 || c->n[d] < CELL(best[p], 1)->n[d] ||
						  (c->n[d] == CELL(best[p], 1)->n[d] && in->rank[o] < in->rank[best[p]])))
					best[p] = o;
			}
			else if (CELL(o, 1)->exists && PRIM(c))
				r[o] += c->n[d];
		}
	}
	for (int32_t o = 0; o < in->norg; o++)
	{
		Cell	   *t = CELL(o, 1),
				   *own = CELL(o, 0);

		if (!t->exists || PRIM(t) || r[o] == 0 || r[o] >= m)
			continue;
		if (own->exists && !PRIM(own) && own->n[d] > 0)
			hid[o * 2] = true;
		else if (best[o] >= 0)
		{
			cut[best[o]] = true;
			anycut = true;
		}
	}
	if (anycut)
	{
		for (int32_t o = 0; o < in->norg; o++)
		{
			bool		below = false;

			if (!CELL(o, 0)->exists && !CELL(o, 1)->exists)
				continue;
			for (int32_t k = w->anc_start[o]; k < w->anc_start[o + 1] && !below; k++)
			{
				if (!CELL(w->anc[k], 1)->exists)
					break;
				below = cut[w->anc[k]];
			}
			if (below)
			{
				if (CELL(o, 0)->exists)
					hid[o * 2] = true;
				if (CELL(o, 1)->exists)
					hid[o * 2 + 1] = true;
			}
		}
	}
#undef PRIM
#undef CELL
}

/*
 * _parts_suppress for dimension d: a hidden total hides every part; else the hidden parts
 * must be none or reach m units together, the smallest visible non-empty parts (ties:
 * first) are hidden until they do.  parts are the cells, hid their flags on entry; out
 * receives (ORs in) the result.
 */
static void
parts_suppress(bool total_hidden, Cell *const *parts, int nparts, int d, const bool *hid,
			   bool *out, int64_t m)
{
	bool		h[12];
	int64_t		mass = 0;

	if (total_hidden)
	{
		for (int i = 0; i < nparts; i++)
			out[i] = true;
		return;
	}
	for (int i = 0; i < nparts; i++)
	{
		h[i] = hid[i];
		if (h[i])
			mass += parts[i]->n[d];
	}
	while (mass > 0 && mass < m)
	{
		int			b = -1;

		for (int i = 0; i < nparts; i++)
			if (!h[i] && parts[i]->n[d] > 0 && (b < 0 || parts[i]->n[d] < parts[b]->n[d]))
				b = i;
		if (b < 0)
			break;
		h[b] = true;
		mass += parts[b]->n[d];
	}
	for (int i = 0; i < nparts; i++)
		out[i] = out[i] || h[i];
}

/* Quarters (or months) of a total against it: the three dimensions ORed. */
static void
parts_all(bool total_hidden, Cell *const *parts, int nparts, int64_t m)
{
	bool		hid[12];
	bool		out[12] = {false};

	for (int i = 0; i < nparts; i++)
		hid[i] = parts[i]->hidden;
	for (int d = 0; d < 3; d++)
		parts_suppress(total_hidden, parts, nparts, d, hid, out, m);
	for (int i = 0; i < nparts; i++)
		parts[i]->hidden = out[i];
}

/*
 * The median and 90th percentile wait of a cell's state rows' waits (exact, as rollup):
 * their pairs buffered into v (room for the unit's largest cell) and sorted with scratch.
 */
static bool
cell_percentiles(const Work *w, const Cell *c, const int32_t *contrib, Waits *v, void *scratch,
				 AccessCell *out)
{
	const AccessRollup *in = w->in;
	int32_t		cap = (int32_t) c->pairs + WAITS_MIN_ROOM;

	out->has_waits = false;
	if (c->pairs == 0)
		return true;
	memset(v, 0, waits_size(cap));
	waits_init(v, cap);
	for (int32_t k = 0; k < c->ncontrib; k++)
	{
		const Waits *s = in->rows[contrib[c->first + k]].waits;
		const int64_t *sc = WAITS_CCOUNTS(s);
		const int32_t *sd = WAITS_CDAYS(s);

		for (int32_t i = 0; i < s->n; i++)
			if (waits_add(v, sd[i], sc[i]) != WAITS_OK)
			{
				core_error(w->err, CORE_OUT_OF_RANGE, "The waits of a cell count more than the range of bigint.");
				return false;
			}
	}
	if (waits_compact(v, scratch) != WAITS_OK)
	{
		core_error(w->err, CORE_OUT_OF_RANGE, "The waits of a cell have more than %d distinct days.", WAITS_MAX_DAYS);
		return false;
	}
	if (v->total == 0)
		return true;
	out->has_waits = true;
	out->median = waits_percentile(v, 0.5);
	out->p90 = waits_percentile(v, 0.9);
	return true;
}

/* Adds state row r to cell c. */
static bool
cell_add(Cell *c, const AccessStateRow *r, int64_t denominator, CoreError *err)
{
	c->exists = true;
	if (!add_checked(&c->n[0], r->cases, err) ||
		!add_checked(&c->n[1], denominator, err) ||
		!add_checked(&c->n[2], r->finished, err) ||
		!add_checked(&c->on_time, r->on_time, err) ||
		!add_checked(&c->late, r->late, err) ||
		!add_checked(&c->past_due, r->past_due, err) ||
		!add_checked(&c->open, r->open, err))
		return false;
	if (r->waits != NULL && r->waits->n > 0)
	{
		c->ncontrib++;
		c->pairs += r->waits->n;
	}
	return true;
}

/* The unit of the state rows order[lo .. hi): accumulate, suppress, emit. */
static bool
do_unit(Work *w, int32_t lo, int32_t hi)
{
	const AccessRollup *in = w->in;
	const AccessStateRow *first = &in->rows[w->order[lo]];
	int32_t		ind = first->indicator;
	bool		half = in->half_yearly[ind];
	int32_t		ustart = w->unit[w->order[lo]];
	int32_t		nmonth = half ? 6 : 12;
	int32_t		nquarter = nmonth / 3;
	int32_t		nslot = nmonth + nquarter + 1;
	int32_t		top = nslot - 1;
	size_t		ncell = (size_t) in->norg * 2 * (size_t) nslot;
	Cell	   *cells = in->alloc_unit(sizeof(Cell) * ncell, in->arg);
	bool	   *hid = in->alloc_unit(sizeof(bool) * (size_t) in->norg * 2, in->arg);
	int64_t    *r = in->alloc_unit(sizeof(int64_t) * (size_t) in->norg, in->arg);
	int32_t    *best = in->alloc_unit(sizeof(int32_t) * (size_t) in->norg, in->arg);
	bool	   *cut = in->alloc_unit(sizeof(bool) * (size_t) in->norg, in->arg);
	int32_t    *contrib;
	int64_t		ncontrib = 0;
	int64_t		maxpairs = 0;
	int64_t		m = in->min_group_size;
	Waits	   *v;
	void	   *scratch;

#define CELL(o, inc, s) (&cells[((size_t) (o) * 2 + (inc)) * (size_t) nslot + (size_t) (s)])
	/* the sums, and how many state rows with waits each cell has */
	for (int32_t k = lo; k < hi; k++)
	{
		const AccessStateRow *row = &in->rows[w->order[k]];
		int32_t		mo = row->month - ustart;
		int32_t		slots[3] = {mo, nmonth + mo / 3, top};
		int64_t		denom;

		if (__builtin_add_overflow(row->on_time, row->late, &denom) ||
			__builtin_add_overflow(denom, row->past_due, &denom))
		{
			core_error(w->err, CORE_OUT_OF_RANGE, "A sum of the states is beyond the range of bigint.");
			return false;
		}
		for (int s = 0; s < 3; s++)
		{
			if (!cell_add(CELL(row->org, 0, slots[s]), row, denom, w->err))
				return false;
			for (int32_t a = w->anc_start[row->org]; a < w->anc_start[row->org + 1]; a++)
				if (!cell_add(CELL(w->anc[a], 1, slots[s]), row, denom, w->err))
					return false;
		}
	}
	/* the state rows of each cell, for its percentiles */
	for (size_t i = 0; i < ncell; i++)
	{
		if (cells[i].pairs > maxpairs)
			maxpairs = cells[i].pairs;
		cells[i].first = (int32_t) ncontrib;
		ncontrib += cells[i].ncontrib;
		cells[i].ncontrib = 0;
	}
	if (maxpairs + WAITS_MIN_ROOM > WAITS_MAX_CAP || ncontrib > INT32_MAX)
	{
		core_error(w->err, CORE_OUT_OF_RANGE, "The waits of a cell have more than %d distinct days.", WAITS_MAX_DAYS);
		return false;
	}
	contrib = in->alloc_unit(sizeof(int32_t) * (size_t) (ncontrib > 0 ? ncontrib : 1), in->arg);
	v = in->alloc_unit(waits_size((int32_t) maxpairs + WAITS_MIN_ROOM), in->arg);
	scratch = in->alloc_unit((size_t) (maxpairs + WAITS_MIN_ROOM) * (sizeof(int64_t) + sizeof(int32_t)), in->arg);
	for (int32_t k = lo; k < hi; k++)
	{
		int32_t		ri = w->order[k];
		const AccessStateRow *row = &in->rows[ri];
		int32_t		mo = row->month - ustart;
		int32_t		slots[3] = {mo, nmonth + mo / 3, top};

		if (row->waits == NULL || row->waits->n == 0)
			continue;
		for (int s = 0; s < 3; s++)
		{
			Cell	   *c = CELL(row->org, 0, slots[s]);

			contrib[c->first + c->ncontrib++] = ri;
			for (int32_t a = w->anc_start[row->org]; a < w->anc_start[row->org + 1]; a++)
			{
				c = CELL(w->anc[a], 1, slots[s]);
				contrib[c->first + c->ncontrib++] = ri;
			}
		}
	}

	/* along the tree, per slot, the three counts ORed */
	for (int32_t s = 0; s < nslot; s++)
	{
		for (int d = 0; d < 3; d++)
		{
			tree_suppress(w, cells, nslot, s, d, hid, r, best, cut);
			for (int32_t o = 0; o < in->norg; o++)
				for (int inc = 0; inc < 2; inc++)
				{
					Cell	   *c = CELL(o, inc, s);

					if (c->exists)
						c->hidden = (d > 0 && c->hidden) || hid[o * 2 + inc];
				}
		}
	}

	/* down the nested periods: the quarters against the year or half-year, then months */
	for (int32_t o = 0; o < in->norg; o++)
	{
		for (int inc = 0; inc < 2; inc++)
		{
			Cell	   *total = CELL(o, inc, top);
			Cell	   *parts[12];
			int			np = 0;

			if (!total->exists)
				continue;
			for (int32_t q = 0; q < nquarter; q++)
				if (CELL(o, inc, nmonth + q)->exists)
					parts[np++] = CELL(o, inc, nmonth + q);
			parts_all(total->hidden, parts, np, m);
			for (int32_t q = 0; q < nquarter; q++)
			{
				Cell	   *quarter = CELL(o, inc, nmonth + q);

				if (!quarter->exists)
					continue;
				np = 0;
				for (int32_t mo = q * 3; mo < q * 3 + 3; mo++)
					if (CELL(o, inc, mo)->exists)
						parts[np++] = CELL(o, inc, mo);
				parts_all(quarter->hidden, parts, np, m);
			}
		}
	}

	/* the cells */
	for (int32_t o = 0; o < in->norg; o++)
	{
		for (int inc = 0; inc < 2; inc++)
		{
			for (int32_t s = 0; s < nslot; s++)
			{
				Cell	   *c = CELL(o, inc, s);
				AccessCell	out;

				if (!c->exists)
					continue;
				memset(&out, 0, sizeof(out));
				out.indicator = ind;
				out.org = o;
				out.includes_sub = inc == 1;
				if (s < nmonth)
				{
					out.kind = ACCESS_MONTH;
					out.start = ustart + s;
				}
				else if (s < top)
				{
					out.kind = ACCESS_QUARTER;
					out.start = ustart + (s - nmonth) * 3;
				}
				else
				{
					out.kind = half ? ACCESS_HALF_YEAR : ACCESS_YEAR;
					out.start = ustart;
				}
				out.cases = c->n[0];
				out.finished = c->n[2];
				out.on_time = c->on_time;
				out.late = c->late;
				out.past_due = c->past_due;
				out.open_within = c->open - c->past_due;
				out.suppressed = c->hidden;
				if (!c->hidden && !cell_percentiles(w, c, contrib, v, scratch, &out))
					return false;
				in->emit(&out, in->arg);
			}
		}
	}
#undef CELL
	return true;
}

bool
access_rollup(const AccessRollup *in, CoreError *err)
{
	Work		w;
	int32_t    *tmp;

	memset(&w, 0, sizeof(w));
	w.in = in;
	w.err = err;
	for (int32_t i = 0; i < in->nrow; i++)
	{
		const AccessStateRow *r = &in->rows[i];

		if (r->indicator < 0 || r->indicator >= in->nindicator || r->org < 0 || r->org >= in->norg)
		{
			core_error(err, CORE_INVALID, "A state row's indicator or organisation is not among those given.");
			return false;
		}
	}
	if (!build_ancestors(&w))
		return false;
	w.order = in->alloc(sizeof(int32_t) * (size_t) (in->nrow > 0 ? in->nrow : 1), in->arg);
	w.unit = in->alloc(sizeof(int32_t) * (size_t) (in->nrow > 0 ? in->nrow : 1), in->arg);
	tmp = in->alloc(sizeof(int32_t) * (size_t) (in->nrow > 0 ? in->nrow : 1), in->arg);
	for (int32_t i = 0; i < in->nrow; i++)
	{
		w.order[i] = i;
		w.unit[i] = access_unit_start(in->rows[i].month, in->half_yearly[in->rows[i].indicator]);
	}
	sort_indices(w.order, tmp, in->nrow, order_cmp, &w);
	for (int32_t lo = 0; lo < in->nrow;)
	{
		int32_t		hi = lo + 1;
		const AccessStateRow *a = &in->rows[w.order[lo]];

		while (hi < in->nrow && in->rows[w.order[hi]].indicator == a->indicator &&
			   w.unit[w.order[hi]] == w.unit[w.order[lo]])
			hi++;
		in->interrupt(in->arg);
		if (!do_unit(&w, lo, hi))
			return false;
		in->reset(in->arg);
		lo = hi;
	}
	return true;
}
