/*
 * access_rollup.c: pekefb.access_rollup, the fmgr side of access_rollup_core.c: the
 * access figures of per-month states rolled up along the organisation tree and the nested
 * periods, and suppressed (the region's access_summary_on reads its states through it,
 * doc/states.md).  The arrays are checked and mapped to indices here; the computation is
 * plain C in access_rollup_core.c.
 */
#include "postgres.h"

#include "catalog/pg_collation.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/varlena.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "access_rollup_core.h"
#include "pekefb.h"

/* One array argument taken apart. */
typedef struct Arg
{
	Datum	   *values;
	bool	   *nulls;
	int			n;
} Arg;

/* A code and its place: sorted bytewise for look-up. */
typedef struct Code
{
	const char *s;
	int32		index;
} Code;

/* What the core's callbacks need. */
typedef struct Call
{
	MemoryContext callcxt;
	MemoryContext unitcxt;
	ReturnSetInfo *rsi;
	Datum	   *org_text;
	Datum	   *ind_text;
	Datum		kind_text[4];
} Call;

static Oid	sort_collation;

/* Argument argno (an array of elements of type elem, InvalidOid: its own) as datums. */
static void
get_array(FunctionCallInfo fcinfo, int argno, Oid elem, const char *name, Arg *a)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(argno);
	int16		len;
	bool		byval;
	char		align;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", name),
				 errdetail("The array has %d dimensions.", ARR_NDIM(arr))));
	if (!OidIsValid(elem))
		elem = ARR_ELEMTYPE(arr);
	get_typlenbyvalalign(elem, &len, &byval, &align);
	deconstruct_array(arr, elem, len, byval, align, &a->values, &a->nulls, &a->n);
}

/* An error for a NULL element. */
static void pg_attribute_noreturn()
null_element(const char *name, int i)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s must not contain NULL", name),
			 errdetail("Element %d is NULL.", i + 1)));
}

/* An error for arrays of different lengths that belong together. */
static void
same_length(const Arg *a, const Arg *b, const char *aname, const char *bname)
{
	if (a->n != b->n)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s and %s must have the same length", aname, bname),
				 errdetail("%s has %d elements, %s has %d.", aname, a->n, bname, b->n)));
}

static int
code_cmp(const void *x, const void *y)
{
	return strcmp(((const Code *) x)->s, ((const Code *) y)->s);
}

/* Order of codes in the collation of the call (the ties of the suppression). */
static int
coll_cmp(const void *x, const void *y)
{
	const char *a = ((const Code *) x)->s;
	const char *b = ((const Code *) y)->s;

	return varstr_cmp(a, strlen(a), b, strlen(b), sort_collation);
}

/* The codes of a text array sorted for look-up; a NULL or repeated code is an error. */
static Code *
index_codes(const Arg *a, const char *name)
{
	Code	   *codes = palloc(sizeof(Code) * (a->n > 0 ? a->n : 1));

	for (int i = 0; i < a->n; i++)
	{
		if (a->nulls[i])
			null_element(name, i);
		codes[i].s = TextDatumGetCString(a->values[i]);
		codes[i].index = i;
	}
	qsort(codes, a->n, sizeof(Code), code_cmp);
	for (int i = 1; i < a->n; i++)
		if (strcmp(codes[i - 1].s, codes[i].s) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not repeat a code: \"%s\"", name, codes[i].s),
					 errdetail("Each organisation or indicator is given once.")));
	return codes;
}

/* Index of code s among codes, or -1. */
static int32
find_code(const Code *codes, int n, const char *s)
{
	Code		key = {s, 0};
	const Code *hit = bsearch(&key, codes, n, sizeof(Code), code_cmp);

	return hit ? hit->index : -1;
}

/* Element i of a text array looked up among codes; NULL or unknown is an error. */
static int32
lookup(const Arg *a, int i, const Code *codes, int ncodes, const char *name, const char *among)
{
	char	   *s;
	int32		k;

	if (a->nulls[i])
		null_element(name, i);
	s = TextDatumGetCString(a->values[i]);
	k = find_code(codes, ncodes, s);
	if (k < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has an unknown code: \"%s\"", name, s),
				 errdetail("Element %d is not among %s.", i + 1, among)));
	pfree(s);
	return k;
}

/* A non-negative bigint element. */
static int64
count_element(const Arg *a, int i, const char *name)
{
	int64		v;

	if (a->nulls[i])
		null_element(name, i);
	v = DatumGetInt64(a->values[i]);
	if (v < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative: %lld", name, (long long) v),
				 errdetail("Element %d counts cases; a state row never counts fewer than none.", i + 1)));
	return v;
}

/* A waits element, checked and compact (a compacted copy if it has a buffer). */
static const Waits *
waits_element(const Arg *a, int i)
{
	Waits	   *w;
	char		detail[WAITS_DETAIL_LEN];

	if (a->nulls[i])
		null_element("waits", i);
	w = (Waits *) PG_DETOAST_DATUM(a->values[i]);
	if (waits_check_header(w, VARSIZE(w), detail) != WAITS_OK ||
		waits_check_content(w, detail) != WAITS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid waits value"),
				 errdetail_internal("%s", detail)));
	if (w->buf > 0)
	{
		int32		cap = w->n + w->buf;
		Waits	   *c = palloc0(waits_size(cap));
		void	   *scratch = palloc(waits_scratch_size(w) + 1);

		waits_copy(c, cap, w);
		SET_VARSIZE(c, waits_size(cap));
		if (waits_compact(c, scratch) != WAITS_OK)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("waits value has too many distinct days")));
		w = c;
	}
	return w;
}

static void *
call_alloc(size_t size, void *arg)
{
	return MemoryContextAllocExtended(((Call *) arg)->callcxt, size, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
}

static void *
unit_alloc(size_t size, void *arg)
{
	return MemoryContextAllocExtended(((Call *) arg)->unitcxt, size, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
}

static void
unit_reset(void *arg)
{
	MemoryContextReset(((Call *) arg)->unitcxt);
}

static void
unit_interrupt(void *arg)
{
	(void) arg;
	CHECK_FOR_INTERRUPTS();
}

/* The date of month index m (year * 12 + month - 1). */
static Datum
month_date(int32 m)
{
	int			y = m / 12 - (m % 12 < 0 ? 1 : 0);
	int			mo = m - y * 12 + 1;

	return DateADTGetDatum(date2j(y, mo, 1) - POSTGRES_EPOCH_JDATE);
}

/* One output row. */
static void
emit_cell(const AccessCell *c, void *arg)
{
	Call	   *call = arg;
	Datum		v[14];
	bool		n[14] = {false};

	v[0] = call->ind_text[c->indicator];
	v[1] = call->org_text[c->org];
	v[2] = BoolGetDatum(c->includes_sub);
	v[3] = call->kind_text[c->kind];
	v[4] = month_date(c->start);
	v[5] = Int64GetDatum(c->cases);
	v[6] = Int64GetDatum(c->finished);
	v[7] = Int64GetDatum(c->on_time);
	v[8] = Int64GetDatum(c->late);
	v[9] = Int64GetDatum(c->past_due);
	v[10] = Int64GetDatum(c->open_within);
	v[11] = Int64GetDatum(c->median);
	v[12] = Int64GetDatum(c->p90);
	n[11] = n[12] = !c->has_waits;
	v[13] = BoolGetDatum(c->suppressed);
	tuplestore_putvalues(call->rsi->setResult, call->rsi->setDesc, v, n);
}

/*
 * access_rollup(org_codes, parent_codes, indicator_codes, half_yearly, state_indicator,
 * state_organization, state_month, cases, finished_cases, on_time, late, open_past_due,
 * open_cases, waits, min_group_size): every cell of access_summary_on from the state rows
 * (one array element per row), see access_rollup_core.h.  STRICT.
 */
PG_FUNCTION_INFO_V1(pekefb_access_rollup);
Datum
pekefb_access_rollup(PG_FUNCTION_ARGS)
{
	Arg			orgs,
				parents,
				inds,
				halves,
				s_ind,
				s_org,
				s_month,
				s_cases,
				s_fin,
				s_on,
				s_late,
				s_past,
				s_open,
				s_waits;
	Code	   *org_codes,
			   *ind_codes;
	int32	   *parent,
			   *rank;
	bool	   *half;
	AccessStateRow *rows;
	AccessRollup in;
	Call		call;
	CoreError	err;
	const char *kinds[4] = {"month", "quarter", "half_year", "year"};

	InitMaterializedSRF(fcinfo, 0);
	get_array(fcinfo, 0, TEXTOID, "org_codes", &orgs);
	get_array(fcinfo, 1, TEXTOID, "parent_codes", &parents);
	get_array(fcinfo, 2, TEXTOID, "indicator_codes", &inds);
	get_array(fcinfo, 3, BOOLOID, "half_yearly", &halves);
	get_array(fcinfo, 4, TEXTOID, "state_indicator", &s_ind);
	get_array(fcinfo, 5, TEXTOID, "state_organization", &s_org);
	get_array(fcinfo, 6, DATEOID, "state_month", &s_month);
	get_array(fcinfo, 7, INT8OID, "cases", &s_cases);
	get_array(fcinfo, 8, INT8OID, "finished_cases", &s_fin);
	get_array(fcinfo, 9, INT8OID, "on_time", &s_on);
	get_array(fcinfo, 10, INT8OID, "late", &s_late);
	get_array(fcinfo, 11, INT8OID, "open_past_due", &s_past);
	get_array(fcinfo, 12, INT8OID, "open_cases", &s_open);
	get_array(fcinfo, 13, InvalidOid, "waits", &s_waits);
	same_length(&orgs, &parents, "org_codes", "parent_codes");
	same_length(&inds, &halves, "indicator_codes", "half_yearly");
	same_length(&s_ind, &s_org, "state_indicator", "state_organization");
	same_length(&s_ind, &s_month, "state_indicator", "state_month");
	same_length(&s_ind, &s_cases, "state_indicator", "cases");
	same_length(&s_ind, &s_fin, "state_indicator", "finished_cases");
	same_length(&s_ind, &s_on, "state_indicator", "on_time");
	same_length(&s_ind, &s_late, "state_indicator", "late");
	same_length(&s_ind, &s_past, "state_indicator", "open_past_due");
	same_length(&s_ind, &s_open, "state_indicator", "open_cases");
	same_length(&s_ind, &s_waits, "state_indicator", "waits");

	/* the organisations: parents by index, ranks in the collation's order */
	org_codes = index_codes(&orgs, "org_codes");
	parent = palloc(sizeof(int32) * (orgs.n > 0 ? orgs.n : 1));
	rank = palloc(sizeof(int32) * (orgs.n > 0 ? orgs.n : 1));
	for (int i = 0; i < orgs.n; i++)
		parent[i] = parents.nulls[i] ? -1 : lookup(&parents, i, org_codes, orgs.n, "parent_codes", "org_codes");
	{
		Code	   *byname = palloc(sizeof(Code) * (orgs.n > 0 ? orgs.n : 1));

		memcpy(byname, org_codes, sizeof(Code) * orgs.n);
		sort_collation = OidIsValid(PG_GET_COLLATION()) ? PG_GET_COLLATION() : DEFAULT_COLLATION_OID;
		qsort(byname, orgs.n, sizeof(Code), coll_cmp);
		for (int i = 0; i < orgs.n; i++)
			rank[byname[i].index] = i;
	}
	ind_codes = index_codes(&inds, "indicator_codes");
	half = palloc(sizeof(bool) * (inds.n > 0 ? inds.n : 1));
	for (int i = 0; i < inds.n; i++)
	{
		if (halves.nulls[i])
			null_element("half_yearly", i);
		half[i] = DatumGetBool(halves.values[i]);
	}

	/* the state rows */
	rows = palloc0(sizeof(AccessStateRow) * (s_ind.n > 0 ? s_ind.n : 1));
	for (int i = 0; i < s_ind.n; i++)
	{
		DateADT		d;
		int			y,
					mo,
					dd;

		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		rows[i].indicator = lookup(&s_ind, i, ind_codes, inds.n, "state_indicator", "indicator_codes");
		rows[i].org = lookup(&s_org, i, org_codes, orgs.n, "state_organization", "org_codes");
		if (s_month.nulls[i])
			null_element("state_month", i);
		d = DatumGetDateADT(s_month.values[i]);
		if (DATE_NOT_FINITE(d))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("state_month must be finite: \"%s\"",
							DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)))),
					 errdetail("Element %d is not a month.", i + 1)));
		j2date(d + POSTGRES_EPOCH_JDATE, &y, &mo, &dd);
		rows[i].month = y * 12 + mo - 1;
		rows[i].cases = count_element(&s_cases, i, "cases");
		rows[i].finished = count_element(&s_fin, i, "finished_cases");
		rows[i].on_time = count_element(&s_on, i, "on_time");
		rows[i].late = count_element(&s_late, i, "late");
		rows[i].past_due = count_element(&s_past, i, "open_past_due");
		rows[i].open = count_element(&s_open, i, "open_cases");
		rows[i].waits = waits_element(&s_waits, i);
	}

	memset(&call, 0, sizeof(call));
	call.rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	call.callcxt = AllocSetContextCreate(CurrentMemoryContext, "access_rollup", ALLOCSET_DEFAULT_SIZES);
	call.unitcxt = AllocSetContextCreate(call.callcxt, "access_rollup unit", ALLOCSET_DEFAULT_SIZES);
	call.org_text = palloc(sizeof(Datum) * (orgs.n > 0 ? orgs.n : 1));
	for (int i = 0; i < orgs.n; i++)
		call.org_text[i] = orgs.values[i];
	call.ind_text = palloc(sizeof(Datum) * (inds.n > 0 ? inds.n : 1));
	for (int i = 0; i < inds.n; i++)
		call.ind_text[i] = inds.values[i];
	for (int k = 0; k < 4; k++)
		call.kind_text[k] = CStringGetTextDatum(kinds[k]);

	memset(&in, 0, sizeof(in));
	in.norg = orgs.n;
	in.parent = parent;
	in.rank = rank;
	in.nindicator = inds.n;
	in.half_yearly = half;
	in.nrow = s_ind.n;
	in.rows = rows;
	in.min_group_size = PG_GETARG_INT32(14);
	in.alloc = call_alloc;
	in.alloc_unit = unit_alloc;
	in.reset = unit_reset;
	in.interrupt = unit_interrupt;
	in.emit = emit_cell;
	in.arg = &call;
	if (!access_rollup(&in, &err))
		ereport(ERROR,
				(errcode(pekefb_core_errcode(err.kind)),
				 errmsg("the access states cannot be rolled up"),
				 errdetail("%s", err.detail)));
	MemoryContextDelete(call.callcxt);
	PG_RETURN_NULL();
}
