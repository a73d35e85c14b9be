/*
 * suppress.c: pekefb.tree_suppress and pekefb.parts_suppress, the fmgr side of
 * suppress_core.c: one group's cells as arrays in, the hidden flags out (in the order of
 * the input).  The region's _tree_suppress and _parts_suppress (views_privacy.sql) call
 * them for every view that suppresses.
 */
#include "postgres.h"

#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/varlena.h"

#include "suppress_core.h"

/* An array argument's elements. */
typedef struct Elems
{
	Datum	   *v;
	bool	   *isnull;
	int			n;
} Elems;

/* A code string and where it came from, for building the code table. */
typedef struct CodeRef
{
	const char *s;
	int			len;
	int32		pos;			/* position in the combined list (org 0..k-1, parent k..2k-1) */
} CodeRef;

static Oid	rank_collation;

static void
elems(ArrayType *a, Oid type, const char *name, Elems *e)
{
	int16		len;
	bool		byval;
	char		align;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", name),
				 errdetail("The array has %d dimensions.", ARR_NDIM(a))));
	get_typlenbyvalalign(type, &len, &byval, &align);
	deconstruct_array(a, type, len, byval, align, &e->v, &e->isnull, &e->n);
}

static void
same_length(const Elems *a, const Elems *b, const char *an, const char *bn)
{
	if (a->n != b->n)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s and %s must have the same length", an, bn),
				 errdetail("%s has %d elements, %s has %d.", an, a->n, bn, b->n)));
}

static void
no_nulls(const Elems *e, const char *name)
{
	for (int i = 0; i < e->n; i++)
		if (e->isnull[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain NULL", name),
					 errdetail("Element %d is NULL.", i + 1)));
}

static int
bytes_cmp(const void *x, const void *y)
{
	const CodeRef *a = x,
			   *b = y;
	int			c = memcmp(a->s, b->s, Min(a->len, b->len));

	return c != 0 ? c : (a->len > b->len) - (a->len < b->len);
}

static int
coll_cmp(const void *x, const void *y)
{
	const CodeRef *a = x,
			   *b = y;

	return varstr_cmp(a->s, a->len, b->s, b->len, rank_collation);
}

static ArrayType *
bool_array(const bool *flags, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * (n > 0 ? n : 1));

	for (int i = 0; i < n; i++)
		d[i] = BoolGetDatum(flags[i]);
	return construct_array(d, n, BOOLOID, 1, true, TYPALIGN_CHAR);
}

static void pg_attribute_noreturn()
overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("bigint out of range"),
			 errdetail("The hidden counts of a group add up beyond the range of bigint.")));
}

/*
 * tree_suppress(org, parent, incl, n, m): the hidden flags of one group's cells along the
 * organisation tree (suppress_core.c), in the order of the input.  STRICT.
 */
PG_FUNCTION_INFO_V1(pekefb_tree_suppress);
Datum
pekefb_tree_suppress(PG_FUNCTION_ARGS)
{
	Elems		org,
				parent,
				incl,
				n;
	int			k;
	CodeRef    *refs;
	int			nrefs = 0;
	int32	   *code_of;
	int32	   *rank;
	CodeRef    *uniq;
	int32		ncodes = 0;
	TreeGroup	g;
	TreeWork	w;
	bool	   *hid;
	int32	   *orgi,
			   *pari;
	bool	   *incl_b;
	int64	   *n_v;

	elems(PG_GETARG_ARRAYTYPE_P(0), TEXTOID, "org", &org);
	elems(PG_GETARG_ARRAYTYPE_P(1), TEXTOID, "parent", &parent);
	elems(PG_GETARG_ARRAYTYPE_P(2), BOOLOID, "incl", &incl);
	elems(PG_GETARG_ARRAYTYPE_P(3), INT8OID, "n", &n);
	same_length(&org, &parent, "org", "parent");
	same_length(&org, &incl, "org", "incl");
	same_length(&org, &n, "org", "n");
	no_nulls(&incl, "incl");
	no_nulls(&n, "n");
	k = org.n;

	/* the codes of org and parent numbered (equal bytes, equal number), ranked by collation */
	refs = palloc(sizeof(CodeRef) * (2 * k + 1));
	code_of = palloc(sizeof(int32) * (2 * k + 1));
	for (int i = 0; i < 2 * k; i++)
	{
		Datum		d = i < k ? org.v[i] : parent.v[i - k];
		bool		isnull = i < k ? org.isnull[i] : parent.isnull[i - k];
		text	   *t;

		code_of[i] = -1;
		if (isnull)
			continue;
		t = DatumGetTextPP(d);
		refs[nrefs].s = VARDATA_ANY(t);
		refs[nrefs].len = VARSIZE_ANY_EXHDR(t);
		refs[nrefs].pos = i;
		nrefs++;
	}
	qsort(refs, nrefs, sizeof(CodeRef), bytes_cmp);
	uniq = palloc(sizeof(CodeRef) * (nrefs + 1));
	for (int i = 0; i < nrefs; i++)
	{
		if (i == 0 || bytes_cmp(&refs[i - 1], &refs[i]) != 0)
		{
			uniq[ncodes] = refs[i];
			uniq[ncodes].pos = ncodes;
			ncodes++;
		}
		code_of[refs[i].pos] = ncodes - 1;
	}
	rank_collation = OidIsValid(PG_GET_COLLATION()) ? PG_GET_COLLATION() : DEFAULT_COLLATION_OID;
	qsort(uniq, ncodes, sizeof(CodeRef), coll_cmp);
	rank = palloc(sizeof(int32) * (ncodes + 1));
	for (int i = 0; i < ncodes; i++)
		rank[uniq[i].pos] = i;

	orgi = palloc(sizeof(int32) * (k + 1));
	pari = palloc(sizeof(int32) * (k + 1));
	incl_b = palloc(sizeof(bool) * (k + 1));
	n_v = palloc(sizeof(int64) * (k + 1));
	for (int i = 0; i < k; i++)
	{
		orgi[i] = code_of[i];
		pari[i] = code_of[k + i];
		incl_b[i] = DatumGetBool(incl.v[i]);
		n_v[i] = DatumGetInt64(n.v[i]);
	}
	g.k = k;
	g.org = orgi;
	g.parent = pari;
	g.incl = incl_b;
	g.n = n_v;
	g.ncodes = ncodes;
	g.rank = rank;
	g.m = PG_GETARG_INT32(4);
	w.total_of = palloc(sizeof(int32) * (ncodes + 1));
	w.cut = palloc(sizeof(bool) * (ncodes + 1));
	w.r = palloc(sizeof(int64) * (k + 1));
	w.best = palloc(sizeof(int32) * (k + 1));
	w.own = palloc(sizeof(int32) * (k + 1));
	w.prim = palloc(sizeof(bool) * (k + 1));
	hid = palloc(sizeof(bool) * (k + 1));
	if (!suppress_tree(&g, &w, hid))
		overflow();
	PG_RETURN_ARRAYTYPE_P(bool_array(hid, k));
}

/*
 * parts_suppress(total_hidden, n, hidden, m): the hidden flags of the parts of a total, in
 * the order of the input, as _parts_suppress gave them: NULL n is no parts (hidden comes
 * back, or an empty array under a hidden total), NULL hidden gives NULL (all true under a
 * hidden total), NULL total_hidden counts as visible, NULL m hides nothing more.
 */
PG_FUNCTION_INFO_V1(pekefb_parts_suppress);
Datum
pekefb_parts_suppress(PG_FUNCTION_ARGS)
{
	bool		total_hidden = !PG_ARGISNULL(0) && PG_GETARG_BOOL(0);
	Elems		n,
				hidden;
	int64	   *nv;
	bool	   *hv;

	if (PG_ARGISNULL(1))
	{
		if (total_hidden)
			PG_RETURN_ARRAYTYPE_P(construct_empty_array(BOOLOID));
		if (PG_ARGISNULL(2))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(2));
	}
	elems(PG_GETARG_ARRAYTYPE_P(1), INT8OID, "n", &n);
	if (PG_ARGISNULL(2))
	{
		bool	   *all;

		if (!total_hidden)
			PG_RETURN_NULL();
		all = palloc(sizeof(bool) * (n.n + 1));
		for (int i = 0; i < n.n; i++)
			all[i] = true;
		PG_RETURN_ARRAYTYPE_P(bool_array(all, n.n));
	}
	elems(PG_GETARG_ARRAYTYPE_P(2), BOOLOID, "hidden", &hidden);
	same_length(&n, &hidden, "n", "hidden");
	no_nulls(&n, "n");
	no_nulls(&hidden, "hidden");
	nv = palloc(sizeof(int64) * (n.n + 1));
	hv = palloc(sizeof(bool) * (n.n + 1));
	for (int i = 0; i < n.n; i++)
	{
		nv[i] = DatumGetInt64(n.v[i]);
		hv[i] = DatumGetBool(hidden.v[i]);
	}
	if (!suppress_parts(total_hidden, n.n, nv, hv,
						PG_ARGISNULL(3) ? PG_INT64_MIN : (int64) PG_GETARG_INT32(3)))
		overflow();
	PG_RETURN_ARRAYTYPE_P(bool_array(hv, n.n));
}
