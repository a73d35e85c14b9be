/*
 * states.c: pekefb.keep_access_states(), the statement trigger on a region's cases that
 * keeps its access_states (src/region/states.sql, doc/states.md "How the states are
 * kept").  It reads the statement's transition tables itself, once: each case's due date
 * (an access indicator's: a deadline, no owning organisation) under the region's calendar
 * settings, its counts and its three days (wait, open due day, latest event day) are added
 * (+1, new rows) or subtracted (-1, old rows) into one cell per indicator, organisation,
 * started and finished month (a hash table: one lookup per case), the cells then into one
 * group per state row (indicator, organisation, basis, month) with signed histograms
 * (states_core.c).  The groups that change something are applied by one SPI statement per
 * batch, over arrays of their columns: the update, insert and marking of stale units that
 * _access_states_sql builds for rebuild_access_states (the units computed here); state rows
 * left with no case are deleted.  A subtraction of cases a state row never counted is
 * refused with 55000.
 *
 * It runs as the owner of the cases table (the region's owner), as a SECURITY DEFINER
 * function would (members write cases under row-level security but may not write the
 * states), with search_path = pg_catalog, pg_temp for its statements (which qualify every
 * name and operator besides); its memory is one context per call.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "common/hashfn.h"
#include "datatype/timestamp.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"

#include "calendar.h"
#include "states_core.h"
#include "waits_core.h"

/* Day numbers of the states: days since 24.11.4714 BC (Julian day 0), DateADT + this. */
#define STATES_DAY0		POSTGRES_EPOCH_JDATE

/* ---------------------------------------------------------------- hash tables */

/* An (indicator, organisation) of the statement's cases: the bytes of the two codes. */
typedef struct PairKey
{
	const char *ind;
	const char *org;
	int32		indlen;
	int32		orglen;
} PairKey;

typedef struct PairEntry
{
	PairKey		key;
	uint32		hash;
	int32		idx;			/* into KeepState.pairs */
	char		status;
} PairEntry;

/* Hash of a pair's codes. */
static inline uint32
pair_hash(const PairKey *k)
{
	return hash_combine(hash_bytes((const unsigned char *) k->ind, k->indlen),
						hash_bytes((const unsigned char *) k->org, k->orglen));
}

/* Equality of two pairs' codes. */
static inline bool
pair_equal(const PairKey *a, const PairKey *b)
{
	return a->indlen == b->indlen && a->orglen == b->orglen &&
		memcmp(a->ind, b->ind, a->indlen) == 0 && memcmp(a->org, b->org, a->orglen) == 0;
}

#define SH_PREFIX		stpair
#define SH_ELEMENT_TYPE	PairEntry
#define SH_KEY_TYPE		PairKey
#define SH_KEY			key
#define SH_HASH_KEY(tb, k)	pair_hash(&(k))
#define SH_EQUAL(tb, a, b)	pair_equal(&(a), &(b))
#define SH_SCOPE		static inline
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a)	((a)->hash)
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/*
 * A group's key.  A state row's: a pair, a basis (0 started, 1 finished) and the first day
 * of the month (month2 0).  A cell's, the cases of a pair started in one month and
 * finished in another, aggregated first (one lookup per case) and then added to their two
 * rows: a pair, which of the two days are set (bit 0 started, bit 1 finished) and their
 * months.
 */
typedef struct GroupKey
{
	int32		pair;
	int32		basis;
	DateADT		month;
	DateADT		month2;
} GroupKey;

typedef struct GroupEntry
{
	GroupKey	key;
	uint32		hash;
	int32		idx;			/* into KeepState.groups */
	char		status;
} GroupEntry;

/* Hash of a state row's key. */
static inline uint32
group_hash(const GroupKey *k)
{
	return hash_combine(murmurhash32((uint32) k->pair * 4 + (uint32) k->basis),
						murmurhash32((uint32) k->month ^ ((uint32) k->month2 * 0x9E3779B1U)));
}

#define SH_PREFIX		stgroup
#define SH_ELEMENT_TYPE	GroupEntry
#define SH_KEY_TYPE		GroupKey
#define SH_KEY			key
#define SH_HASH_KEY(tb, k)	group_hash(&(k))
#define SH_EQUAL(tb, a, b)	((a).pair == (b).pair && (a).basis == (b).basis && (a).month == (b).month && \
							 (a).month2 == (b).month2)
#define SH_SCOPE		static inline
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a)	((a)->hash)
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/*
 * A cell's key as a case gives it: the bytes of its two codes, which of its days are set
 * (bit 0 started, bit 1 finished) and their months: one lookup per case.
 */
typedef struct CellKey
{
	const char *ind;
	const char *org;
	int32		indlen;
	int32		orglen;
	int32		flags;
	DateADT		smonth;
	DateADT		fmonth;
} CellKey;

typedef struct CellEntry
{
	CellKey		key;
	uint32		hash;
	int32		idx;			/* into KeepState.cells */
	char		status;
} CellEntry;

/* Hash of a cell's key, given the hash of its indicator's code. */
static inline uint32
cell_hash_ind(const CellKey *k, uint32 indhash)
{
	return hash_combine(hash_combine(indhash, hash_bytes((const unsigned char *) k->org, k->orglen)),
						murmurhash32((uint32) k->smonth * 4 + (uint32) k->flags) ^
						((uint32) k->fmonth * 0x9E3779B1U));
}

/* Hash of a cell's key. */
static inline uint32
cell_hash(const CellKey *k)
{
	return cell_hash_ind(k, hash_bytes((const unsigned char *) k->ind, k->indlen));
}

/* Equality of two cells' keys. */
static inline bool
cell_equal(const CellKey *a, const CellKey *b)
{
	return a->smonth == b->smonth && a->fmonth == b->fmonth && a->flags == b->flags &&
		a->indlen == b->indlen && a->orglen == b->orglen &&
		memcmp(a->org, b->org, a->orglen) == 0 && memcmp(a->ind, b->ind, a->indlen) == 0;
}

#define SH_PREFIX		stcell
#define SH_ELEMENT_TYPE	CellEntry
#define SH_KEY_TYPE		CellKey
#define SH_KEY			key
#define SH_HASH_KEY(tb, k)	cell_hash(&(k))
#define SH_EQUAL(tb, a, b)	cell_equal(&(a), &(b))
#define SH_SCOPE		static inline
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a)	((a)->hash)
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* ---------------------------------------------------------------- state */

/* A pair: its codes as text values for the arrays, and the indicator's deadline. */
typedef struct Pair
{
	Datum		ind;
	Datum		org;
	bool		access;			/* an access indicator: a deadline, no owning organisation */
	int32		deadline;
	int32		indicator;		/* its index in KeepState.indicators (-1: not access) */
} Pair;

/* What one state row of the statement gets: the net change of each column. */
typedef struct StGroup
{
	GroupKey	key;
	int64		cases;
	int64		finished_cases;
	int64		on_time;
	int64		late;
	StHist		waits;
	StHist		dues;
	StHist		days;
} StGroup;

/* Groups: a hash table of their keys and their array. */
typedef struct GroupSet
{
	stgroup_hash *tab;
	StGroup    *groups;
	int32		n,
				cap;
} GroupSet;

/* The size of the cache of months (days of a statement repeat: loads span a few years). */
#define MONTH_CACHE		4096

/* An access indicator of the region (code as bytes, deadline). */
typedef struct AccessIndicator
{
	char	   *code;
	int32		len;
	int32		deadline;
	bool		half_yearly;	/* period half_year: its units are THL half-years */
	Datum		code_text;		/* the code as a text value */
} AccessIndicator;

typedef struct KeepState
{
	MemoryContext cxt;
	Oid			nsp;			/* the region's schema */
	/* the columns of cases read */
	AttrNumber	att_org,
				att_ind,
				att_started,
				att_finished,
				maxatt;
	/* the region's access indicators and calendar settings */
	AccessIndicator *indicators;
	int			nindicators;
	bool		settings_null;	/* a NULL setting: due_date (STRICT) gives NULL */
	text	   *calendar;
	ArrayType  *closing_days;
	bool		roll_forward;
	const CalTable *cal;		/* looked up at the first working-day or rolled deadline */
	/* the statement's pairs and groups */
	stpair_hash *pair_tab;
	Pair	   *pairs;
	int32		npairs,
				pairs_cap;
	GroupSet	cells;			/* per pair, started and finished month (looked up by cell_tab) */
	stcell_hash *cell_tab;
	GroupSet	rows;			/* per state row */
	/* months of days seen: month_day[i % MONTH_CACHE] = i gives month_start[...] */
	DateADT		month_day[MONTH_CACHE];
	DateADT		month_start[MONTH_CACHE];
	/* the last case's indicator code and its hash (loads come in runs of an indicator) */
	char	   *last_ind;
	int32		last_indlen,
				last_indcap;
	uint32		last_indhash;
} KeepState;

/* ---------------------------------------------------------------- errors */

/* Raises the trigger protocol error of a wrong use (call, event or definition). */
static void
keep_misuse(const char *what, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
			 errmsg("keep_access_states: %s", what),
			 errdetail("%s", detail)));
}

/* ---------------------------------------------------------------- setup */

/* The attribute number of column name of cases, which must be of type typid. */
static AttrNumber
case_column(TupleDesc desc, const char *name, Oid typid)
{
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);

		if (!a->attisdropped && strcmp(NameStr(a->attname), name) == 0)
		{
			if (a->atttypid != typid)
				keep_misuse("the trigger's table is not a region's cases",
							"Its columns organization_code and indicator_code must be of type text, started and finished of type date.");
			return a->attnum;
		}
	}
	keep_misuse("the trigger's table is not a region's cases",
				"It needs the columns organization_code, indicator_code, started and finished.");
	pg_unreachable();
}

/* Runs a read-only query of the setup (SPI connected); false when it gave no row. */
static bool
setup_query(const char *sql)
{
	int			ret = SPI_execute(sql, true, 0);

	if (ret != SPI_OK_SELECT)
		elog(ERROR, "keep_access_states: SPI_execute failed: %s", SPI_result_code_string(ret));
	return SPI_processed > 0;
}

/*
 * Reads the region's access indicators and its calendar settings into st (in st->cxt);
 * false when the region has no settings row (then its cases have no states: the statement
 * joins the settings).
 */
static bool
read_region(KeepState *st, const char *region)
{
	MemoryContext spicxt;

	if (!setup_query(psprintf("SELECT s.calendar, s.extra_closing_days, s.roll_forward FROM %s.settings s", region)))
		return false;
	spicxt = MemoryContextSwitchTo(st->cxt);
	{
		HeapTuple	tup = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		n1,
					n2,
					n3;
		Datum		cal = SPI_getbinval(tup, desc, 1, &n1);
		Datum		days = SPI_getbinval(tup, desc, 2, &n2);
		Datum		roll = SPI_getbinval(tup, desc, 3, &n3);

		st->settings_null = n1 || n2 || n3;
		if (!st->settings_null)
		{
			st->calendar = DatumGetTextPCopy(cal);
			st->closing_days = DatumGetArrayTypePCopy(days);
			st->roll_forward = DatumGetBool(roll);
		}
	}
	MemoryContextSwitchTo(spicxt);

	setup_query(psprintf("SELECT i.code, i.deadline, i.period OPERATOR(pg_catalog.=) 'half_year' FROM %s.indicators i "
						 "WHERE i.deadline IS NOT NULL AND i.organization_code IS NULL", region));
	spicxt = MemoryContextSwitchTo(st->cxt);
	st->nindicators = (int) SPI_processed;
	st->indicators = palloc0(sizeof(AccessIndicator) * Max(st->nindicators, 1));
	for (int i = 0; i < st->nindicators; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		bool		isnull;
		Datum		code = SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull);
		text	   *t;

		if (isnull)
			continue;			/* the key is NOT NULL: never */
		t = DatumGetTextPP(code);
		st->indicators[i].len = VARSIZE_ANY_EXHDR(t);
		st->indicators[i].code = palloc(Max(st->indicators[i].len, 1));
		memcpy(st->indicators[i].code, VARDATA_ANY(t), st->indicators[i].len);
		st->indicators[i].code_text = PointerGetDatum(cstring_to_text_with_len(st->indicators[i].code,
																			   st->indicators[i].len));
		st->indicators[i].deadline = DatumGetInt32(SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull));
		st->indicators[i].half_yearly = DatumGetBool(SPI_getbinval(tup, SPI_tuptable->tupdesc, 3, &isnull)) && !isnull;
	}
	MemoryContextSwitchTo(spicxt);
	return true;
}

/* ---------------------------------------------------------------- aggregation */

/* A text column of a case as bytes (detoasted into *copy when it had to be; else NULL). */
static inline void
case_text(Datum d, const char **bytes, int32 *len, struct varlena **copy)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	struct varlena *p = pg_detoast_datum_packed(v);

	*copy = (p != v) ? p : NULL;
	*bytes = VARDATA_ANY(p);
	*len = VARSIZE_ANY_EXHDR(p);
}

/*
 * The index of the pair of codes (ind, org), added with its indicator's deadline if new
 * (looked up once per new cell).
 */
static int32
pair_of(KeepState *st, const char *ind, int32 indlen, const char *org, int32 orglen)
{
	PairKey		key = {ind, org, indlen, orglen};
	PairEntry  *e;
	bool		found;
	Pair	   *p;

	e = stpair_insert(st->pair_tab, key, &found);
	if (!found)
	{
		text	   *indt = cstring_to_text_with_len(ind, indlen);
		text	   *orgt = cstring_to_text_with_len(org, orglen);

		if (st->npairs == st->pairs_cap)
		{
			st->pairs_cap *= 2;
			st->pairs = repalloc_huge(st->pairs, sizeof(Pair) * st->pairs_cap);
		}
		p = &st->pairs[st->npairs];
		p->ind = PointerGetDatum(indt);
		p->org = PointerGetDatum(orgt);
		p->access = false;
		p->deadline = 0;
		p->indicator = -1;
		for (int i = 0; i < st->nindicators; i++)
			if (st->indicators[i].code != NULL && st->indicators[i].len == indlen &&
				memcmp(st->indicators[i].code, ind, indlen) == 0)
			{
				p->access = true;
				p->deadline = st->indicators[i].deadline;
				p->indicator = i;
				break;
			}
		/* the key now points at the pair's own copies of the codes */
		e->key.ind = VARDATA_ANY(indt);
		e->key.org = VARDATA_ANY(orgt);
		e->idx = st->npairs++;
	}
	return e->idx;
}

/* Sets up an empty set of groups in cxt. */
static void
groups_init(GroupSet *set, MemoryContext cxt)
{
	set->cap = 256;
	set->n = 0;
	set->groups = MemoryContextAlloc(cxt, sizeof(StGroup) * set->cap);
	set->tab = stgroup_create(cxt, 256, NULL);
}

/* The group of a key (added, all zero, if new). */
static inline StGroup *
group_of(GroupSet *set, int32 pair, int32 basis, DateADT month, DateADT month2)
{
	GroupKey	key = {pair, basis, month, month2};
	GroupEntry *e;
	bool		found;

	e = stgroup_insert(set->tab, key, &found);
	if (!found)
	{
		if (set->n == set->cap)
		{
			set->cap *= 2;
			set->groups = repalloc_huge(set->groups, sizeof(StGroup) * set->cap);
		}
		memset(&set->groups[set->n], 0, sizeof(StGroup));
		set->groups[set->n].key = key;
		e->idx = set->n++;
	}
	return &set->groups[e->idx];
}

/*
 * The cell of a case's codes, days set and months (added, all zero, with its pair if
 * new); its key is the cell's pair (index), flags, started and finished month.
 */
static inline StGroup *
cell_of(KeepState *st, const char *ind, int32 indlen, const char *org, int32 orglen,
		int32 flags, DateADT smonth, DateADT fmonth)
{
	CellKey		key = {ind, org, indlen, orglen, flags, smonth, fmonth};
	CellEntry  *e;
	bool		found;
	GroupSet   *set = &st->cells;

	if (indlen != st->last_indlen || memcmp(ind, st->last_ind, indlen) != 0)
	{
		if (indlen > st->last_indcap)
		{
			st->last_indcap = Max(indlen, 64);
			st->last_ind = MemoryContextAlloc(st->cxt, st->last_indcap);
		}
		memcpy(st->last_ind, ind, indlen);
		st->last_indlen = indlen;
		st->last_indhash = hash_bytes((const unsigned char *) ind, indlen);
	}
	e = stcell_insert_hash(st->cell_tab, key, cell_hash_ind(&key, st->last_indhash), &found);
	if (!found)
	{
		int32		pair = pair_of(st, ind, indlen, org, orglen);
		StGroup    *c;

		if (set->n == set->cap)
		{
			set->cap *= 2;
			set->groups = repalloc_huge(set->groups, sizeof(StGroup) * set->cap);
		}
		c = &set->groups[set->n];
		memset(c, 0, sizeof(StGroup));
		c->key.pair = pair;
		c->key.basis = flags;
		c->key.month = smonth;
		c->key.month2 = fmonth;
		/* the key now points at the pair's own copies of the codes */
		e->key.ind = VARDATA_ANY(DatumGetPointer(st->pairs[pair].ind));
		e->key.org = VARDATA_ANY(DatumGetPointer(st->pairs[pair].org));
		e->idx = set->n++;
	}
	return &set->groups[e->idx];
}

/* Adds delta to day of h, growing its arrays (in the current context) when full. */
static inline void
hist_add(StHist *h, int32 day, int64 delta)
{
	if (unlikely(!st_hist_add(h, day, delta)))
	{
		int32		cap = h->cap ? h->cap * 2 : 8;

		if (cap > WAITS_MAX_DAYS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("waits value cannot hold more than %d distinct days", WAITS_MAX_DAYS),
					 errdetail("The text form of a larger value could exceed 1 GB, so it could not be printed, copied or dumped.")));
		if (h->days == NULL)
		{
			h->days = palloc(sizeof(int32) * cap);
			h->counts = palloc(sizeof(int64) * cap);
		}
		else
		{
			h->days = repalloc(h->days, sizeof(int32) * cap);
			h->counts = repalloc(h->counts, sizeof(int64) * cap);
		}
		h->cap = cap;
		if (!st_hist_add(h, day, delta))
			elog(ERROR, "keep_access_states: histogram has no room");
	}
}

/*
 * The day number of d (d - date '4714-11-24 BC'); an infinite date raises the error of
 * that subtraction, as the statement does.
 */
static inline int32
day_number(DateADT d)
{
	if (unlikely(DATE_NOT_FINITE(d)))
		DirectFunctionCall2(date_mi, DateADTGetDatum(d), DateADTGetDatum(DATEVAL_NOBEGIN));
	return d + STATES_DAY0;
}

/*
 * The first day of d's month, as date_trunc('month', CAST(d AS timestamp)) (a date past
 * the timestamps raises that cast's error; an infinite one stays infinite).
 */
static inline DateADT
month_of(KeepState *st, DateADT d)
{
	uint32		slot = (uint32) d % MONTH_CACHE;

	if (unlikely(DATE_NOT_FINITE(d)))
		return d;
	if (likely(st->month_day[slot] == d))
		return st->month_start[slot];
	if (unlikely(d >= (TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE)))
		DirectFunctionCall1(date_timestamp, DateADTGetDatum(d));
	st->month_day[slot] = d;
	st->month_start[slot] = st_month_start(d);
	return st->month_start[slot];
}

/* One case of the transition table: its states added to (sign 1) or taken from (-1) its groups. */
static void
add_case(KeepState *st, TupleTableSlot *slot, int64 sign)
{
	Datum	   *v = slot->tts_values;
	bool	   *isnull = slot->tts_isnull;
	const char *ind,
			   *org;
	int32		indlen,
				orglen;
	struct varlena *indcopy,
			   *orgcopy;
	bool		started_set = !isnull[st->att_started - 1],
				finished_set = !isnull[st->att_finished - 1],
				due_set = false,
				ev_set;
	DateADT		started = started_set ? DatumGetDateADT(v[st->att_started - 1]) : 0,
				finished = finished_set ? DatumGetDateADT(v[st->att_finished - 1]) : 0,
				due = 0,
				ev;
	int32		wait = 0,
				evday = 0;
	Pair	   *p;
	StGroup    *cell;

	if (unlikely(isnull[st->att_ind - 1] || isnull[st->att_org - 1]))
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("keep_access_states: a case without indicator_code or organization_code"),
				 errdetail("Every case has an indicator and an organisation.")));
	/* the wait, and the latest event (GREATEST ignores a NULL) */
	if (finished_set && started_set)
	{
		if (unlikely(DATE_NOT_FINITE(started) || DATE_NOT_FINITE(finished)))
			DirectFunctionCall2(date_mi, DateADTGetDatum(finished), DateADTGetDatum(started));
		wait = finished - started;
	}
	ev_set = started_set || finished_set;
	if (!ev_set)
		return;					/* no basis day: in no state row */
	ev = !started_set ? finished : !finished_set ? started : Max(started, finished);
	evday = day_number(ev);

	case_text(v[st->att_ind - 1], &ind, &indlen, &indcopy);
	case_text(v[st->att_org - 1], &org, &orglen, &orgcopy);
	cell = cell_of(st, ind, indlen, org, orglen, (started_set ? 1 : 0) | (finished_set ? 2 : 0),
				   started_set ? month_of(st, started) : 0, finished_set ? month_of(st, finished) : 0);
	if (indcopy)
		pfree(indcopy);
	if (orgcopy)
		pfree(orgcopy);
	p = &st->pairs[cell->key.pair];

	/* the due date of an access indicator's case (due_date is STRICT) */
	if (p->access && started_set && !st->settings_null)
	{
		if (st->cal == NULL && (st->roll_forward || dl_unit(p->deadline) == DL_WORKING_DAYS))
			st->cal = pekefb_cal_table_of(st->calendar, st->closing_days);
		due = pekefb_compute_due_cal(started, p->deadline, st->roll_forward, st->cal);
		due_set = true;
	}

	cell->cases += sign;
	if (finished_set)
	{
		if (started_set)
			hist_add(&cell->waits, wait, sign);
		if (due_set)
		{
			if (finished <= due)
				cell->on_time += sign;
			else
				cell->late += sign;
		}
	}
	else if (due_set)
		hist_add(&cell->dues, day_number(due), sign);
	hist_add(&cell->days, evday, sign);
}

/* Adds the non-zero counts of histogram from to histogram to. */
static void
hist_merge(StHist *to, const StHist *from)
{
	for (int32 i = 0; i < from->n; i++)
		if (from->counts[i] != 0)
			hist_add(to, from->days[i], from->counts[i]);
}

/* Adds a cell to a state row (finished: the row counts the cell's cases as finished). */
static void
cell_to_row(StGroup *row, const StGroup *cell, bool finished)
{
	row->cases += cell->cases;
	if (finished)
		row->finished_cases += cell->cases;
	row->on_time += cell->on_time;
	row->late += cell->late;
	hist_merge(&row->waits, &cell->waits);
	hist_merge(&row->dues, &cell->dues);
	hist_merge(&row->days, &cell->days);
}

/* The state rows of the cells: each cell to its started month's and its finished month's. */
static void
cells_to_rows(KeepState *st)
{
	for (int32 i = 0; i < st->cells.n; i++)
	{
		const StGroup *c = &st->cells.groups[i];

		CHECK_FOR_INTERRUPTS();
		if (c->key.basis & 1)
			cell_to_row(group_of(&st->rows, c->key.pair, 0, c->key.month, 0), c, (c->key.basis & 2) != 0);
		if (c->key.basis & 2)
			cell_to_row(group_of(&st->rows, c->key.pair, 1, c->key.month2, 0), c, true);
	}
}

/* Adds (sign 1) or subtracts (-1) every case of a transition table. */
static void
add_table(KeepState *st, Tuplestorestate *ts, TupleDesc desc, int64 sign)
{
	TupleTableSlot *slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	int			ptr = tuplestore_alloc_read_pointer(ts, EXEC_FLAG_REWIND);

	/* a read pointer of our own from the start (other triggers read the same table) */
	tuplestore_select_read_pointer(ts, ptr);
	tuplestore_rescan(ts);
	while (tuplestore_gettupleslot(ts, true, false, slot))
	{
		CHECK_FOR_INTERRUPTS();
		slot_getsomeattrs(slot, st->maxatt);
		add_case(st, slot, sign);
	}
	ExecDropSingleTupleTableSlot(slot);
}

/* ---------------------------------------------------------------- apply */

/* The part of one sign of h as a pekefb.waits value (canonical). */
static Datum
waits_part(const StHist *h, int sign)
{
	int64		total;
	int32		n = st_hist_part(h, sign, NULL, NULL, &total);
	Size		size = waits_size(n);
	Waits	   *w = palloc0(size);

	SET_VARSIZE(w, size);
	waits_init(w, n);
	st_hist_part(h, sign, WAITS_DAYS(w), WAITS_COUNTS(w), &total);
	w->n = n;
	w->total = total;
	return PointerGetDatum(w);
}

/* The net change of h as a pekefb.waits value; false (NULL) when a count is negative. */
static bool
waits_net(const StHist *h, Datum *d)
{
	int64		total;

	if (st_hist_part(h, -1, NULL, NULL, &total) > 0)
		return false;
	*d = waits_part(h, 1);
	return true;
}

/* True when a group changes nothing (every net count 0). */
static bool
group_is_zero(const StGroup *g)
{
	return g->cases == 0 && g->finished_cases == 0 && g->on_time == 0 && g->late == 0 &&
		st_hist_zero(&g->waits) && st_hist_zero(&g->dues) && st_hist_zero(&g->days);
}

/*
 * The statements applying a batch of groups (parameters $1..$14: arrays of one column
 * each; $15..$17: the suppression units touched, indicators, bases and first days, marked
 * in access_rows_dirty by the first statement of the trigger):
 * - update (subtracting only): the existing state rows merged, then subtracted (a
 *   subtraction that does not fit fails on the NOT NULL or CHECK constraints), returning
 *   the ordinal of each group updated;
 * - insert: the other groups with cases, new rows of their net change, or (a concurrent
 *   statement inserted the key meanwhile) merged into it.
 * Together they are the d, u and INSERT parts of _access_states_sql.  The update is a
 * statement of its own, planned with no hash or merge join: the planner, which cannot tell
 * how many groups meet a state row, would hash every state row to join a few groups.
 */
#define APPLY_ROWS \
	"ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4),\n" \
	"           pg_catalog.unnest($5), pg_catalog.unnest($6), pg_catalog.unnest($7), pg_catalog.unnest($8),\n" \
	"           pg_catalog.unnest($9), pg_catalog.unnest($10), pg_catalog.unnest($11), pg_catalog.unnest($12),\n" \
	"           pg_catalog.unnest($13), pg_catalog.unnest($14))\n" \
	"    WITH ORDINALITY AS a (indicator_code, organization_code, basis, month, cases, finished_cases, on_time, late,\n" \
	"                          waits_add, waits_sub, dues_add, dues_sub, days_add, days_sub, ord)\n"

/*
 * The rows of an insert: $1, an array of access_states' row type, the groups' net changes
 * (the histograms NULL where a count is negative, as waits_subtract gives a subtraction
 * that does not fit), and the units in $15..$17 as above ($2..$14 unused).
 */

/* The d part: the units ($15..$17) into access_rows_dirty. */
static void
append_units_cte(StringInfo s, const char *r)
{
	appendStringInfo(s,
					 "WITH d AS (\n"
					 "    INSERT INTO %s.access_rows_dirty (indicator_code, basis, unit_start)\n"
					 "    SELECT x.indicator_code, x.basis, x.unit_start\n"
					 "    FROM ROWS FROM (pg_catalog.unnest($15), pg_catalog.unnest($16), pg_catalog.unnest($17))\n"
					 "         AS x (indicator_code, basis, unit_start)\n"
					 "    ON CONFLICT DO NOTHING\n"
					 ")\n", r);
}

/* The update statement (see above). */
static char *
update_sql(const char *r, const char *lib)
{
	StringInfoData s;

	initStringInfo(&s);
	append_units_cte(&s, r);
	appendStringInfo(&s,
					 "UPDATE %s.access_states s\n"
					 "SET cases = s.cases OPERATOR(pg_catalog.+) a.cases,\n"
					 "    finished_cases = s.finished_cases OPERATOR(pg_catalog.+) a.finished_cases,\n"
					 "    on_time = s.on_time OPERATOR(pg_catalog.+) a.on_time,\n"
					 "    late = s.late OPERATOR(pg_catalog.+) a.late,\n"
					 "    waits = %s.waits_subtract(%s.waits_merge(s.waits, a.waits_add), a.waits_sub),\n"
					 "    open_dues = %s.waits_subtract(%s.waits_merge(s.open_dues, a.dues_add), a.dues_sub),\n"
					 "    event_days = %s.waits_subtract(%s.waits_merge(s.event_days, a.days_add), a.days_sub)\n"
					 "FROM " APPLY_ROWS
					 "WHERE s.indicator_code OPERATOR(pg_catalog.=) a.indicator_code\n"
					 "  AND s.organization_code OPERATOR(pg_catalog.=) a.organization_code\n"
					 "  AND s.basis OPERATOR(pg_catalog.=) a.basis AND s.month OPERATOR(pg_catalog.=) a.month\n"
					 "RETURNING a.ord",
					 r, lib, lib, lib, lib, lib, lib);
	return s.data;
}

/*
 * The insert statement (see above); merge false: a plain INSERT, for groups no state row
 * was found for (a concurrent insert of a key then fails on the primary key and the batch
 * is run again with the merge).
 */
static char *
insert_sql(const char *r, const char *lib, bool merge)
{
	StringInfoData s;

	initStringInfo(&s);
	append_units_cte(&s, r);
	appendStringInfo(&s,
					 "INSERT INTO %s.access_states AS s\n"
					 "SELECT * FROM pg_catalog.unnest($1)\n",
					 r);
	if (!merge)
		return s.data;
	appendStringInfo(&s,
					 "ON CONFLICT (indicator_code, organization_code, basis, month) DO UPDATE\n"
					 "SET cases = s.cases OPERATOR(pg_catalog.+) excluded.cases,\n"
					 "    finished_cases = s.finished_cases OPERATOR(pg_catalog.+) excluded.finished_cases,\n"
					 "    on_time = s.on_time OPERATOR(pg_catalog.+) excluded.on_time,\n"
					 "    late = s.late OPERATOR(pg_catalog.+) excluded.late,\n"
					 "    waits = %s.waits_merge(s.waits, excluded.waits),\n"
					 "    open_dues = %s.waits_merge(s.open_dues, excluded.open_dues),\n"
					 "    event_days = %s.waits_merge(s.event_days, excluded.event_days)",
					 lib, lib, lib);
	return s.data;
}

/*
 * The suppression units (access_rows_dirty) of the groups that change something, of the
 * access indicators, as three arrays (indicators, bases, first days) into args[0..2].
 */
static void
unit_arrays(KeepState *st, Datum *args)
{
	GroupSet	units;
	Datum	   *cols[3];
	Datum		basis[2];

	groups_init(&units, CurrentMemoryContext);
	for (int32 i = 0; i < st->rows.n; i++)
	{
		const StGroup *g = &st->rows.groups[i];
		int32		ind = st->pairs[g->key.pair].indicator;

		if (ind < 0 || group_is_zero(g))
			continue;
		(void) group_of(&units, ind, g->key.basis,
						st_unit_start(g->key.month, st->indicators[ind].half_yearly), 0);
	}
	basis[0] = CStringGetTextDatum("started");
	basis[1] = CStringGetTextDatum("finished");
	for (int c = 0; c < 3; c++)
		cols[c] = palloc(sizeof(Datum) * Max(units.n, 1));
	for (int32 i = 0; i < units.n; i++)
	{
		cols[0][i] = st->indicators[units.groups[i].key.pair].code_text;
		cols[1][i] = basis[units.groups[i].key.basis];
		cols[2][i] = DateADTGetDatum(units.groups[i].key.month);
	}
	args[0] = PointerGetDatum(construct_array(cols[0], units.n, TEXTOID, -1, false, TYPALIGN_INT));
	args[1] = PointerGetDatum(construct_array(cols[1], units.n, TEXTOID, -1, false, TYPALIGN_INT));
	args[2] = PointerGetDatum(construct_array(cols[2], units.n, DATEOID, sizeof(DateADT), true, TYPALIGN_INT));
}

/* The most state rows one apply statement gets (its arrays stay a few MB). */
#define APPLY_BATCH		10000

/* What the statements of a trigger share: their texts, types and the units to mark. */
typedef struct Apply
{
	char	   *update;			/* NULL: only adding */
	char	   *insert;			/* with the merge (ON CONFLICT DO UPDATE) */
	char	   *insert_new;		/* plain, for groups no state row was found for */
	Oid			types[17];
	Oid			waitsoid;
	int16		wlen;
	bool		wbyval;
	char		walign;
	Datum		units[3];		/* the units, for the first statement */
	Datum		no_units[3];	/* none, for the others */
	Datum		no_ints;		/* an empty bigint[] for the unused parameters */
	bool		units_sent;
	Datum		basis[2];
	Oid			rowtype;		/* access_states' row type, its array type, its columns */
	Oid			rowarray;
	TupleDesc	rowdesc;
	int			att[11];		/* attribute index of each column of an insert (row_columns) */
	DateADT    *occupied;		/* the months of the groups that have state rows, sorted */
	int32		noccupied;
} Apply;

/* The columns of an insert's rows, in the order apply_insert_run fills them. */
static const char *const row_columns[11] = {
	"indicator_code", "organization_code", "basis", "month", "cases", "finished_cases", "on_time", "late",
	"waits", "open_dues", "event_days"};

/* Finds access_states' row type and the attribute of each of row_columns (SPI connected). */
static void
row_type(KeepState *st, Apply *ap)
{
	Oid			relid = get_relname_relid("access_states", st->nsp);

	if (!OidIsValid(relid))
		elog(ERROR, "keep_access_states: table access_states not found");
	ap->rowtype = get_rel_type_id(relid);
	ap->rowarray = get_array_type(ap->rowtype);
	if (!OidIsValid(ap->rowtype) || !OidIsValid(ap->rowarray))
		elog(ERROR, "keep_access_states: access_states has no row type");
	ap->rowdesc = lookup_rowtype_tupdesc_copy(ap->rowtype, -1);
	for (int c = 0; c < 11; c++)
	{
		ap->att[c] = -1;
		for (int a = 0; a < ap->rowdesc->natts; a++)
		{
			Form_pg_attribute attr = TupleDescAttr(ap->rowdesc, a);

			if (!attr->attisdropped && strcmp(NameStr(attr->attname), row_columns[c]) == 0)
				ap->att[c] = a;
		}
		if (ap->att[c] < 0)
			elog(ERROR, "keep_access_states: access_states has no column %s", row_columns[c]);
	}
}

/*
 * Runs an insert over the groups g[0..n) (SPI connected): their rows, net changes, as one
 * array of access_states' row type (one function scan, one stored row per group, instead
 * of a column per array).  Returns SPI's result code.
 */
static int
apply_insert_run(KeepState *st, Apply *ap, const char *sql, StGroup **g, int32 n)
{
	int			natts = ap->rowdesc->natts;
	Datum	   *values = palloc(sizeof(Datum) * natts);
	bool	   *nulls = palloc(sizeof(bool) * natts);
	Datum	   *rows = palloc(sizeof(Datum) * Max(n, 1));
	Datum		args[17];
	Oid			types[17];
	int			ret;

	for (int32 i = 0; i < n; i++)
	{
		HeapTuple	tup;

		CHECK_FOR_INTERRUPTS();
		for (int a = 0; a < natts; a++)
			nulls[a] = true;
		values[ap->att[0]] = st->pairs[g[i]->key.pair].ind;
		values[ap->att[1]] = st->pairs[g[i]->key.pair].org;
		values[ap->att[2]] = ap->basis[g[i]->key.basis];
		values[ap->att[3]] = DateADTGetDatum(g[i]->key.month);
		values[ap->att[4]] = Int64GetDatum(g[i]->cases);
		values[ap->att[5]] = Int64GetDatum(g[i]->finished_cases);
		values[ap->att[6]] = Int64GetDatum(g[i]->on_time);
		values[ap->att[7]] = Int64GetDatum(g[i]->late);
		for (int c = 0; c < 8; c++)
			nulls[ap->att[c]] = false;
		nulls[ap->att[8]] = !waits_net(&g[i]->waits, &values[ap->att[8]]);
		nulls[ap->att[9]] = !waits_net(&g[i]->dues, &values[ap->att[9]]);
		nulls[ap->att[10]] = !waits_net(&g[i]->days, &values[ap->att[10]]);
		tup = heap_form_tuple(ap->rowdesc, values, nulls);
		rows[i] = heap_copy_tuple_as_datum(tup, ap->rowdesc);
		heap_freetuple(tup);
	}
	memcpy(types, ap->types, sizeof(types));
	types[0] = ap->rowarray;
	args[0] = PointerGetDatum(construct_array(rows, n, ap->rowtype, -1, false, TYPALIGN_DOUBLE));
	for (int c = 1; c < 14; c++)
	{
		/* (unused) */
		types[c] = INT8ARRAYOID;
		args[c] = ap->no_ints;
	}
	for (int c = 0; c < 3; c++)
		args[14 + c] = ap->units_sent ? ap->no_units[c] : ap->units[c];
	ret = SPI_execute_with_args(sql, 17, types, args, NULL, false, 0);
	if (ret < 0)
		elog(ERROR, "keep_access_states: SPI_execute_with_args failed: %s", SPI_result_code_string(ret));
	ap->units_sent = true;
	return ret;
}

/*
 * Runs one statement over the groups g[0..n) (SPI connected): their columns as arrays
 * built in the current context.  Returns SPI's result code.
 */
static int
apply_run(KeepState *st, Apply *ap, const char *sql, StGroup **g, int32 n)
{
	Datum	   *cols[14];
	Datum		args[17];
	int			ret;

	for (int c = 0; c < 14; c++)
		cols[c] = palloc(sizeof(Datum) * Max(n, 1));
	for (int32 i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		cols[0][i] = st->pairs[g[i]->key.pair].ind;
		cols[1][i] = st->pairs[g[i]->key.pair].org;
		cols[2][i] = ap->basis[g[i]->key.basis];
		cols[3][i] = DateADTGetDatum(g[i]->key.month);
		cols[4][i] = Int64GetDatum(g[i]->cases);
		cols[5][i] = Int64GetDatum(g[i]->finished_cases);
		cols[6][i] = Int64GetDatum(g[i]->on_time);
		cols[7][i] = Int64GetDatum(g[i]->late);
		cols[8][i] = waits_part(&g[i]->waits, 1);
		cols[9][i] = waits_part(&g[i]->waits, -1);
		cols[10][i] = waits_part(&g[i]->dues, 1);
		cols[11][i] = waits_part(&g[i]->dues, -1);
		cols[12][i] = waits_part(&g[i]->days, 1);
		cols[13][i] = waits_part(&g[i]->days, -1);
	}
	for (int c = 0; c < 3; c++)
		args[c] = PointerGetDatum(construct_array(cols[c], n, TEXTOID, -1, false, TYPALIGN_INT));
	args[3] = PointerGetDatum(construct_array(cols[3], n, DATEOID, sizeof(DateADT), true, TYPALIGN_INT));
	for (int c = 4; c < 8; c++)
		args[c] = PointerGetDatum(construct_array(cols[c], n, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	for (int c = 8; c < 14; c++)
		args[c] = PointerGetDatum(construct_array(cols[c], n, ap->waitsoid, ap->wlen, ap->wbyval, ap->walign));
	for (int c = 0; c < 3; c++)
		args[14 + c] = ap->units_sent ? ap->no_units[c] : ap->units[c];
	ret = SPI_execute_with_args(sql, 17, ap->types, args, NULL, false, 0);
	if (ret < 0)
		elog(ERROR, "keep_access_states: SPI_execute_with_args failed: %s", SPI_result_code_string(ret));
	ap->units_sent = true;
	return ret;
}

/* Runs the update of the groups g[0..n) with no hash or merge join; marks updated[i]. */
static void
apply_update(KeepState *st, Apply *ap, StGroup **g, int32 n, bool *updated)
{
	int			nest = NewGUCNestLevel();

	(void) set_config_option("enable_hashjoin", "off", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("enable_mergejoin", "off", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	apply_run(st, ap, ap->update, g, n);
	AtEOXact_GUC(true, nest);
	for (uint64 k = 0; k < SPI_processed; k++)
	{
		bool		isnull;
		int64		ord = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[k], SPI_tuptable->tupdesc, 1, &isnull));

		if (!isnull && ord >= 1 && ord <= n)
			updated[ord - 1] = true;
	}
	SPI_freetuptable(SPI_tuptable);
}

/*
 * Inserts the groups g[0..n) no state row was found for by a plain INSERT (one search of
 * the primary key per row instead of the merge's two), in a subtransaction: a concurrent
 * statement that inserted one of the keys meanwhile makes it fail on the primary key
 * (after waiting for that statement's transaction), and the batch is then run again with
 * the merge (ON CONFLICT DO UPDATE), as the insert always ran before.
 */
static void
apply_new(KeepState *st, Apply *ap, StGroup **g, int32 n)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	bool		units_sent = ap->units_sent;
	volatile bool conflict = false;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		apply_insert_run(st, ap, ap->insert_new, g, n);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
		if (edata->sqlerrcode != ERRCODE_UNIQUE_VIOLATION)
			ReThrowError(edata);
		FreeErrorData(edata);
		conflict = true;
	}
	PG_END_TRY();
	if (conflict)
	{
		/* (the units went with the statement rolled back) */
		ap->units_sent = units_sent;
		apply_insert_run(st, ap, ap->insert, g, n);
	}
}

/* Order of two months. */
static int
month_cmp(const void *a, const void *b)
{
	DateADT		x = *(const DateADT *) a,
				y = *(const DateADT *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * The months of the groups that change something that have a state row (by the index on
 * month, one probe per month), sorted, into ap->occupied: the groups of the other months
 * are new rows (a plain insert, no search for an existing row).
 */
static void
occupied_months(KeepState *st, Apply *ap, const char *region)
{
	DateADT    *months = palloc(sizeof(DateADT) * Max(st->rows.n, 1));
	Datum	   *d;
	int32		n = 0,
				m = 0;
	Oid			types[1] = {DATEARRAYOID};
	Datum		args[1];
	int			ret;

	for (int32 i = 0; i < st->rows.n; i++)
		if (!group_is_zero(&st->rows.groups[i]))
			months[n++] = st->rows.groups[i].key.month;
	if (n > 0)
		qsort(months, n, sizeof(DateADT), month_cmp);
	for (int32 i = 0; i < n; i++)
		if (m == 0 || months[m - 1] != months[i])
			months[m++] = months[i];
	ap->occupied = months;
	ap->noccupied = 0;
	if (m == 0)
		return;
	d = palloc(sizeof(Datum) * m);
	for (int32 i = 0; i < m; i++)
		d[i] = DateADTGetDatum(months[i]);
	args[0] = PointerGetDatum(construct_array(d, m, DATEOID, sizeof(DateADT), true, TYPALIGN_INT));
	ret = SPI_execute_with_args(psprintf("SELECT x.m FROM pg_catalog.unnest($1) AS x (m)\n"
										 "WHERE EXISTS (SELECT FROM %s.access_states s WHERE s.month OPERATOR(pg_catalog.=) x.m)",
										 region),
								1, types, args, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "keep_access_states: SPI_execute_with_args failed: %s", SPI_result_code_string(ret));
	for (uint64 k = 0; k < SPI_processed; k++)
	{
		bool		isnull;
		Datum		v = SPI_getbinval(SPI_tuptable->vals[k], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
			months[ap->noccupied++] = DatumGetDateADT(v);
	}
	SPI_freetuptable(SPI_tuptable);
	if (ap->noccupied > 0)
		qsort(months, ap->noccupied, sizeof(DateADT), month_cmp);
}

/* Whether a group's month has state rows (occupied_months). */
static inline bool
month_occupied(const Apply *ap, DateADT month)
{
	return ap->noccupied > 0 &&
		bsearch(&month, ap->occupied, ap->noccupied, sizeof(DateADT), month_cmp) != NULL;
}

/*
 * Applies the groups that change something in batches of at most APPLY_BATCH (each
 * batch's arrays in a context reset after it): subtracting, the update first and the
 * insert of the groups it did not find (with cases); only adding, the insert alone.
 * Returns how many groups were applied.
 */
static int64
apply_batches(KeepState *st, const char *region, const char *lib, Oid waitsoid, bool subtracting)
{
	MemoryContext batch = AllocSetContextCreate(CurrentMemoryContext, "keep_access_states batch",
												ALLOCSET_DEFAULT_SIZES);
	MemoryContext old;
	Apply		ap;
	Oid			waitsarr = get_array_type(waitsoid);
	Oid			types[17] = {TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, DATEARRAYOID,
							 INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID,
							 waitsarr, waitsarr, waitsarr, waitsarr, waitsarr, waitsarr,
							 TEXTARRAYOID, TEXTARRAYOID, DATEARRAYOID};
	int64		applied = 0;
	int32		i = 0;

	if (!OidIsValid(waitsarr))
		elog(ERROR, "keep_access_states: type waits has no array type");
	memset(&ap, 0, sizeof(ap));
	memcpy(ap.types, types, sizeof(types));
	ap.waitsoid = waitsoid;
	get_typlenbyvalalign(waitsoid, &ap.wlen, &ap.wbyval, &ap.walign);
	ap.update = subtracting ? update_sql(region, lib) : NULL;
	ap.insert = insert_sql(region, lib, true);
	ap.insert_new = insert_sql(region, lib, false);
	unit_arrays(st, ap.units);
	occupied_months(st, &ap, region);
	ap.no_units[0] = ap.no_units[1] = PointerGetDatum(construct_empty_array(TEXTOID));
	ap.no_units[2] = PointerGetDatum(construct_empty_array(DATEOID));
	ap.no_ints = PointerGetDatum(construct_empty_array(INT8OID));
	row_type(st, &ap);
	ap.basis[0] = CStringGetTextDatum("started");
	ap.basis[1] = CStringGetTextDatum("finished");

	old = MemoryContextSwitchTo(batch);
	while (i < st->rows.n)
	{
		StGroup   **g,
				  **fresh;
		bool	   *updated;
		int32		n = 0,
					nfresh = 0,
					k = 0;

		MemoryContextReset(batch);
		g = palloc(sizeof(StGroup *) * Min(st->rows.n - i, APPLY_BATCH));
		fresh = palloc(sizeof(StGroup *) * Min(st->rows.n - i, APPLY_BATCH));
		/* the groups of months with no state row are new rows (no cases: nothing to insert) */
		for (; i < st->rows.n && n + nfresh < APPLY_BATCH; i++)
		{
			StGroup    *gr = &st->rows.groups[i];

			if (group_is_zero(gr))
				continue;
			if (month_occupied(&ap, gr->key.month))
				g[n++] = gr;
			else if (gr->cases != 0 || ap.update == NULL)
				fresh[nfresh++] = gr;
			else
				applied++;		/* (changes nothing: no row to change, none to insert) */
		}
		applied += n + nfresh;
		if (n > 0 && ap.update != NULL)
		{
			updated = palloc0(sizeof(bool) * n);
			apply_update(st, &ap, g, n, updated);
			/* the others with cases are new rows (no cases: nothing to insert) */
			for (int32 j = 0; j < n; j++)
				if (!updated[j] && g[j]->cases != 0)
					fresh[nfresh++] = g[j];
		}
		else
			k = n;
		/* adding only, in months with state rows: the merge */
		if (k > 0)
			apply_insert_run(st, &ap, ap.insert, g, k);
		if (nfresh > 0)
			apply_new(st, &ap, fresh, nfresh);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(batch);
	return applied;
}

/*
 * Applies the groups that change something; false when no group does.  When subtracting
 * (old rows), a NOT NULL or CHECK violation of the state rows (a subtraction of cases they
 * never counted: the states were changed by hand) is caught in a subtransaction and raised
 * as 55000.
 */
static bool
apply_groups(KeepState *st, const char *region, const char *regname, const char *lib, Oid waitsoid,
			 bool subtracting)
{
	volatile int64 applied = 0;

	if (!subtracting)
		/* only additions: nothing a state row has can go below zero */
		return apply_batches(st, region, lib, waitsoid, false) > 0;
	{
		MemoryContext cxt = CurrentMemoryContext;
		ResourceOwner owner = CurrentResourceOwner;

		BeginInternalSubTransaction(NULL);
		MemoryContextSwitchTo(cxt);
		PG_TRY();
		{
			applied = apply_batches(st, region, lib, waitsoid, true);
			ReleaseCurrentSubTransaction();
			MemoryContextSwitchTo(cxt);
			CurrentResourceOwner = owner;
		}
		PG_CATCH();
		{
			ErrorData  *edata;

			MemoryContextSwitchTo(cxt);
			edata = CopyErrorData();
			FlushErrorState();
			RollbackAndReleaseCurrentSubTransaction();
			MemoryContextSwitchTo(cxt);
			CurrentResourceOwner = owner;
			if (edata->sqlerrcode == ERRCODE_NOT_NULL_VIOLATION || edata->sqlerrcode == ERRCODE_CHECK_VIOLATION)
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 errmsg("access_states of region \"%s\" do not match its cases", regname),
						 errdetail("The statement removes cases from a state row that does not count them."),
						 errhint("Run %s.rebuild_access_states() as the region's owner.", region)));
			ReThrowError(edata);
		}
		PG_END_TRY();
	}
	return applied > 0;
}

/* ---------------------------------------------------------------- the trigger */

/*
 * keep_access_states(): AFTER INSERT, UPDATE or DELETE ... FOR EACH STATEMENT trigger on a
 * region's cases with its transition tables (new rows added, old rows subtracted).
 */
/* Planner settings the trigger's statements run under, whatever the caller set. */
static const char *const planner_defaults[][2] = {
	{"jit", "off"}, {"enable_nestloop", "on"}, {"enable_hashjoin", "on"}, {"enable_mergejoin", "on"},
	{"enable_sort", "on"}, {"enable_seqscan", "on"}, {"enable_indexscan", "on"}, {"enable_bitmapscan", "on"}};

PG_FUNCTION_INFO_V1(pekefb_keep_access_states);
Datum
pekefb_keep_access_states(PG_FUNCTION_ARGS)
{
	TriggerData *td;
	Relation	rel;
	TupleDesc	desc;
	Tuplestorestate *newt,
			   *oldt;
	KeepState	st;
	MemoryContext old;
	Oid			save_user;
	int			save_sec;
	int			nest;
	char	   *regname,
			   *region,
			   *lib;
	Oid			libnsp,
				waitsoid;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("trigger functions can only be called as triggers"),
				 errdetail("keep_access_states runs after each statement on a region's cases (doc/states.md).")));
	td = (TriggerData *) fcinfo->context;
	if (!TRIGGER_FIRED_AFTER(td->tg_event) || !TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
		TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
		keep_misuse("must be fired AFTER INSERT, UPDATE or DELETE FOR EACH STATEMENT",
					"The trigger reads the statement's transition tables.");
	newt = TRIGGER_FIRED_BY_DELETE(td->tg_event) ? NULL : td->tg_newtable;
	oldt = TRIGGER_FIRED_BY_INSERT(td->tg_event) ? NULL : td->tg_oldtable;
	if ((newt == NULL && !TRIGGER_FIRED_BY_DELETE(td->tg_event)) ||
		(oldt == NULL && !TRIGGER_FIRED_BY_INSERT(td->tg_event)))
		keep_misuse("the trigger has no transition tables",
					"Create it with REFERENCING NEW TABLE (INSERT), OLD TABLE and NEW TABLE (UPDATE) or OLD TABLE (DELETE).");
	rel = td->tg_relation;
	if (strcmp(RelationGetRelationName(rel), "cases") != 0)
		keep_misuse("the trigger's table is not a region's cases",
					"The trigger keeps the access states of the cases of a region's schema.");
	if ((newt == NULL || tuplestore_tuple_count(newt) == 0) &&
		(oldt == NULL || tuplestore_tuple_count(oldt) == 0))
		return PointerGetDatum(NULL);

	memset(&st, 0, sizeof(st));
	st.nsp = RelationGetNamespace(rel);
	desc = RelationGetDescr(rel);
	st.att_org = case_column(desc, "organization_code", TEXTOID);
	st.att_ind = case_column(desc, "indicator_code", TEXTOID);
	st.att_started = case_column(desc, "started", DATEOID);
	st.att_finished = case_column(desc, "finished", DATEOID);
	st.maxatt = Max(Max(st.att_org, st.att_ind), Max(st.att_started, st.att_finished));
	st.last_indlen = -1;
	st.cxt = AllocSetContextCreate(CurrentMemoryContext, "keep_access_states", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(st.cxt);

	regname = get_namespace_name(RelationGetNamespace(rel));
	region = (char *) quote_identifier(regname);
	libnsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	lib = (char *) quote_identifier(get_namespace_name(libnsp));
	waitsoid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("waits"), ObjectIdGetDatum(libnsp));
	if (!OidIsValid(waitsoid))
		elog(ERROR, "keep_access_states: type %s.waits not found", lib);

	/* as the owner of cases, search_path pg_catalog, pg_temp (as SECURITY DEFINER ... SET) */
	GetUserIdAndSecContext(&save_user, &save_sec);
	SetUserIdAndSecContext(rel->rd_rel->relowner, save_sec | SECURITY_LOCAL_USERID_CHANGE);
	nest = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	/*
	 * the planner's defaults for the trigger's own statements: a loader switches join
	 * methods off for its statement (loader_joins), which would make these plans' costs
	 * huge and have them compiled by JIT (seconds per statement)
	 */
	for (size_t i = 0; i < lengthof(planner_defaults); i++)
		(void) set_config_option(planner_defaults[i][0], planner_defaults[i][1], PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "keep_access_states: SPI_connect failed");
	MemoryContextSwitchTo(st.cxt);
	if (read_region(&st, region))
	{
		MemoryContextSwitchTo(st.cxt);
		st.pairs_cap = 64;
		st.pairs = palloc(sizeof(Pair) * st.pairs_cap);
		st.pair_tab = stpair_create(st.cxt, 64, NULL);
		groups_init(&st.cells, st.cxt);
		st.cell_tab = stcell_create(st.cxt, 256, NULL);
		groups_init(&st.rows, st.cxt);
		for (int i = 0; i < MONTH_CACHE; i++)
			st.month_day[i] = DATEVAL_NOEND;	/* (infinite days do not look up the cache) */
		if (newt != NULL)
			add_table(&st, newt, desc, 1);
		if (oldt != NULL)
			add_table(&st, oldt, desc, -1);
		cells_to_rows(&st);
		if (apply_groups(&st, region, regname, lib, waitsoid, oldt != NULL) && oldt != NULL)
		{
			/* the rows the statement emptied (partial index on cases = 0) */
			int			ret = SPI_execute(psprintf("DELETE FROM %s.access_states s WHERE s.cases OPERATOR(pg_catalog.=) 0",
												   region), false, 0);

			if (ret != SPI_OK_DELETE)
				elog(ERROR, "keep_access_states: SPI_execute failed: %s", SPI_result_code_string(ret));
		}
	}
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "keep_access_states: SPI_finish failed");

	AtEOXact_GUC(true, nest);
	SetUserIdAndSecContext(save_user, save_sec);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(st.cxt);
	return PointerGetDatum(NULL);
}
