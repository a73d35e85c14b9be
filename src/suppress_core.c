/*
 * suppress_core.c: the tree and parts rules of complementary suppression (see
 * suppress_core.h).  Plain C99 with GCC's overflow builtins; no PostgreSQL headers.
 */
#include "suppress_core.h"

/* a += b, false on overflow */
static inline bool
add64(int64_t *a, int64_t b)
{
	return !__builtin_add_overflow(*a, b, a);
}

/*
 * The tree rule, as _tree_suppress had it: primary suppression of 1..m-1; for each
 * visible total whose hidden mass not covered by a visible sub-total (its own cell if
 * hidden, plus its children's hidden totals) is 1..m-1, its own cell is hidden if visible
 * and not empty, else its smallest visible child total (ties by code) is cut with every
 * cell of an organisation at or below it.  The first total cell of a code is its total.
 */
bool
suppress_tree(const TreeGroup *g, TreeWork *w, bool *hid)
{
	int32_t		k = g->k;
	bool		anycut = false;

	for (int32_t c = 0; c < g->ncodes; c++)
	{
		w->total_of[c] = -1;
		w->cut[c] = false;
	}
	for (int32_t i = k - 1; i >= 0; i--)
		if (g->incl[i] && g->org[i] >= 0)
			w->total_of[g->org[i]] = i;
	for (int32_t i = 0; i < k; i++)
	{
		w->prim[i] = g->n[i] >= 1 && g->n[i] < g->m;
		hid[i] = w->prim[i];
		w->r[i] = 0;
		w->best[i] = -1;
		w->own[i] = -1;
	}
	for (int32_t i = 0; i < k; i++)
	{
		int32_t		p;

		if (g->incl[i])
		{
			if (g->parent[i] < 0 || (p = w->total_of[g->parent[i]]) < 0)
				continue;
			if (w->prim[i])
			{
				if (!add64(&w->r[p], g->n[i]))
					return false;
			}
			else if (g->n[i] > 0)
			{
				int32_t		b = w->best[p];

				if (b < 0 || g->n[i] < g->n[b] ||
					(g->n[i] == g->n[b] && g->org[i] >= 0 && g->org[b] >= 0 &&
					 g->rank[g->org[i]] < g->rank[g->org[b]]))
					w->best[p] = i;
			}
		}
		else
		{
			if (g->org[i] < 0 || (p = w->total_of[g->org[i]]) < 0)
				continue;
			w->own[p] = i;
			if (w->prim[i] && !add64(&w->r[p], g->n[i]))
				return false;
		}
	}
	for (int32_t i = 0; i < k; i++)
	{
		int32_t		o = w->own[i];

		if (!g->incl[i] || w->prim[i] || w->r[i] == 0 || w->r[i] >= g->m)
			continue;
		if (o >= 0 && !w->prim[o] && g->n[o] > 0)
			hid[o] = true;
		else if (w->best[i] >= 0 && g->org[w->best[i]] >= 0)
		{
			w->cut[g->org[w->best[i]]] = true;
			anycut = true;
		}
	}
	if (anycut)
	{
		for (int32_t i = 0; i < k; i++)
		{
			int32_t		up = g->org[i] >= 0 ? w->total_of[g->org[i]] : -1;

			for (int32_t steps = 0; up >= 0 && steps <= k; steps++)
			{
				if (g->org[up] >= 0 && w->cut[g->org[up]])
				{
					hid[i] = true;
					break;
				}
				up = g->parent[up] >= 0 ? w->total_of[g->parent[up]] : -1;
			}
		}
	}
	return true;
}

/* The parts rule, as _parts_suppress had it. */
bool
suppress_parts(bool total_hidden, int32_t k, const int64_t *n, bool *hid, int64_t m)
{
	int64_t		mass = 0;

	if (total_hidden)
	{
		for (int32_t i = 0; i < k; i++)
			hid[i] = true;
		return true;
	}
	for (int32_t i = 0; i < k; i++)
		if (hid[i] && !add64(&mass, n[i]))
			return false;
	while (mass > 0 && mass < m)
	{
		int32_t		b = -1;

		for (int32_t i = 0; i < k; i++)
			if (!hid[i] && n[i] > 0 && (b < 0 || n[i] < n[b]))
				b = i;
		if (b < 0)
			break;
		hid[b] = true;
		if (!add64(&mass, n[b]))
			return false;
	}
	return true;
}
