/*
 * suppress_core.h: complementary suppression of one group's cells (doc/partners.md), in
 * plain C99: along the organisation tree (suppress_tree) and between a total and its parts
 * (suppress_parts).  The rules and their order are those the region's SQL functions
 * _tree_suppress and _parts_suppress had (src/region/views_privacy.sql now calls these
 * through pekefb.tree_suppress and pekefb.parts_suppress), so every view hides the same
 * cells; access_rollup_core.c applies the same rules to its own index-based cells.
 */
#ifndef PEKEFB_SUPPRESS_CORE_H
#define PEKEFB_SUPPRESS_CORE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * One group of k cells.  org[i] and parent[i] are indices of the cells' organisation codes
 * and of their parents' codes in a code table the caller built (equal codes, equal
 * indices; -1 for NULL), rank[c] the place of code c in the collation's order (ties);
 * incl[i] says the cell counts the organisation with everything below it (a total), n[i]
 * is the count its figure is computed over.  total_of[c] (caller's memory, ncodes entries)
 * and the work arrays r, best, own (k entries), cut (ncodes) are scratch.  hid[i] receives
 * the result: hidden (primary: 1 <= n < m; or complementary).
 */
typedef struct TreeGroup
{
	int32_t		k;
	const int32_t *org;
	const int32_t *parent;
	const bool *incl;
	const int64_t *n;
	int32_t		ncodes;
	const int32_t *rank;
	int64_t		m;
} TreeGroup;

typedef struct TreeWork
{
	int32_t    *total_of;		/* ncodes: the first total cell of each code, or -1 */
	int64_t    *r;				/* k */
	int32_t    *best;			/* k */
	int32_t    *own;			/* k */
	bool	   *prim;			/* k */
	bool	   *cut;			/* ncodes */
} TreeWork;

/* Hides the cells of g (hid[k]); false when a hidden mass would overflow int64. */
extern bool suppress_tree(const TreeGroup *g, TreeWork *w, bool *hid);

/*
 * The parts of a total: a hidden total hides every part; else the hidden parts must be
 * none or reach m together, the smallest visible non-empty parts (ties: first) are hidden
 * until they do.  hid[k] in: the parts' flags; out: the result (in place).  False when the
 * hidden mass would overflow int64.
 */
extern bool suppress_parts(bool total_hidden, int32_t k, const int64_t *n, bool *hid, int64_t m);

#endif
