/*
 * import.c: import_feedback(target regclass, document text), the bulk loader of a region's
 * feedback_responses (target; region.import_feedback(document) passes its own).
 *
 * The document is a JSON array of records (see doc/feedback.md).  It is read token by token
 * with the strict tokenizer of feedback_core.c (PostgreSQL's json syntax; escapes decoded
 * into the database encoding as jsonb does), one record at a time: no tree of the whole
 * document is built, every allocation is palloc, and the cancel check runs per record and
 * per megabyte of a long token.  A record is validated as it is read (an error names its
 * 0-based index and the field) and goes into a batch; each full batch has its
 * organisations checked with one query and is inserted with one INSERT ... SELECT FROM
 * unnest(...) whose arrays are built here in binary form (responses already
 * pekefb.feedback, timestamps already timestamptz).  Everything runs in the caller's
 * statement, so any error undoes the earlier batches too: all or nothing.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "feedback.h"
#include "feedback_core.h"

/* Records per INSERT: bounds the memory of the arrays whatever the document's size. */
#define IMPORT_BATCH	10000

/* The keys of a record, as bits for the duplicate and required checks. */
static const char *const record_keys[] = {
	"received_at", "organization", "service", "response", "comment", "themes"
};
#define NKEYS		6
#define REQUIRED	0x0F		/* received_at, organization, service, response */

/* One batch of converted records, the columns of the INSERT. */
typedef struct Batch
{
	int			n;				/* records in the batch */
	int			first;			/* document index of its first record */
	Datum		ts[IMPORT_BATCH];
	Datum		org[IMPORT_BATCH];
	Datum		svc[IMPORT_BATCH];
	Datum		fb[IMPORT_BATCH];
	Datum		cmt[IMPORT_BATCH];
	Datum		thm[IMPORT_BATCH];
	bool		cmtnull[IMPORT_BATCH];
	bool		thmnull[IMPORT_BATCH];
} Batch;

/* The state of one import_feedback call. */
typedef struct Import
{
	FbJson		j;
	FbError		err;
	int			record;			/* record being read, -1 outside the records */
	const char *field;			/* its field being read, NULL between fields */
	const char *schema;			/* the target's (the region's) schema, quoted */
	const char *table;			/* the target table, qualified and quoted */
	Oid			fbtype;
	SPIPlanPtr	check_plan;
	SPIPlanPtr	insert_plan;
	MemoryContext batchcxt;		/* the records of the current batch */
	Batch	   *b;
	int64		inserted;
} Import;

/* Set by record_error: its message already names the record, so no context line. */
static bool import_own_error = false;

/* Error context of unexpected errors: the record and field being read. */
static void
import_error_context(void *arg)
{
	Import	   *im = (Import *) arg;

	if (im->record >= 0 && !import_own_error)
		errcontext("feedback record %d, field \"%s\"", im->record, im->field ? im->field : "");
}

/* The tokenizer's tick: lets statement_timeout and cancel stop a long token. */
static void
import_tick(void *arg)
{
	CHECK_FOR_INTERRUPTS();
}

/*
 * Raises "invalid feedback record N: field "F": what" (without the field part when field is
 * NULL) with a DETAIL sentence.
 */
static void pg_attribute_noreturn()
record_error(int record, const char *field, int sqlstate, const char *what, const char *detail)
{
	import_own_error = true;
	if (field == NULL)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid feedback record %d: %s", record, what),
				 errdetail_internal("%s", detail)));
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("invalid feedback record %d: field \"%s\": %s", record, field, what),
			 errdetail_internal("%s", detail)));
}

/*
 * Raises the tokenizer's or feedback parser's failure in im->err: for the record and field
 * being read, or for the document outside the records.
 */
static void pg_attribute_noreturn()
import_fail(Import *im)
{
	int			code;
	const char *what;

	switch (im->err.status)
	{
		case FB_ERR_RANGE:
			code = ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
			what = "value out of range for type feedback";
			break;
		case FB_ERR_UNTRANSLATABLE:
			code = ERRCODE_UNTRANSLATABLE_CHARACTER;
			what = "unsupported Unicode escape sequence";
			break;
		default:
			code = ERRCODE_INVALID_TEXT_REPRESENTATION;
			what = im->field != NULL && strcmp(im->field, "response") == 0
				? "invalid input syntax for type feedback" : "invalid JSON";
			break;
	}
	if (im->record < 0)
	{
		import_own_error = true;
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid feedback document"),
				 errdetail_internal("%s", im->err.detail)));
	}
	record_error(im->record, im->field, code, what, im->err.detail);
}

/* Reads the next token; fails on invalid JSON. */
static inline void
next(Import *im)
{
	if (fbj_next(&im->j, &im->err) != FB_OK)
		import_fail(im);
}

/* Fails with "Expected <what> at byte N, found ..." for the current token. */
static void pg_attribute_noreturn()
expected(Import *im, const char *what)
{
	fbj_expected(&im->j, what, &im->err);
	import_fail(im);
}

/* The current string token decoded into a palloc'd text datum. */
static text *
token_text(Import *im)
{
	size_t		cap = im->j.toklen + 1;
	text	   *t = (text *) palloc(VARHDRSZ + cap);
	size_t		len;
	bool		trunc;

	if (fbj_string(&im->j, VARDATA(t), cap, &len, &trunc, &im->err) != FB_OK)
		import_fail(im);
	SET_VARSIZE(t, VARHDRSZ + len);
	return t;
}

/* Fails unless the current token is a string: "wrong type" with the field's expectation. */
static void
want_string(Import *im, int i, const char *expect)
{
	if (im->j.token != FBJ_STRING)
		record_error(i, im->field, ERRCODE_INVALID_TEXT_REPRESENTATION, "wrong type", expect);
}

/*
 * Parses received_at (the current string token) like timestamptz input (ISO 8601 with or
 * without an offset; without one the session time zone applies) but reports failure
 * instead of throwing, so the error can name the record.  Only finite timestamps.
 */
static TimestampTz
parse_received_at(Import *im, int i)
{
	const char *expect = "Expected a timestamp such as \"2025-03-04T10:15:00+02:00\".";
	char		s[MAXDATELEN + 1];
	size_t		len;
	bool		trunc;
	char		workbuf[MAXDATELEN + MAXDATEFIELDS];
	char	   *field[MAXDATEFIELDS];
	int			ftype[MAXDATEFIELDS];
	int			nf;
	int			dtype;
	struct pg_tm tt;
	fsec_t		fsec;
	int			tz;
	TimestampTz result;
	int			dterr;

	want_string(im, i, expect);
	if (fbj_string(&im->j, s, sizeof(s), &len, &trunc, &im->err) != FB_OK)
		import_fail(im);
	if (trunc || len >= MAXDATELEN)
		record_error(i, "received_at", ERRCODE_INVALID_DATETIME_FORMAT, "invalid timestamp", expect);
	dterr = ParseDateTime(s, workbuf, sizeof(workbuf), field, ftype, MAXDATEFIELDS, &nf);
	if (dterr == 0)
		dterr = DecodeDateTime(field, ftype, nf, &dtype, &tt, &fsec, &tz);
	if (dterr == DTERR_FIELD_OVERFLOW || dterr == DTERR_MD_FIELD_OVERFLOW ||
		dterr == DTERR_TZDISP_OVERFLOW)
		record_error(i, "received_at", ERRCODE_DATETIME_FIELD_OVERFLOW,
					 "timestamp field value out of range", expect);
	if (dterr != 0)
		record_error(i, "received_at", ERRCODE_INVALID_DATETIME_FORMAT,
					 "invalid timestamp", expect);
	if (dtype == DTK_EPOCH)
		return SetEpochTimestamp();
	if (dtype != DTK_DATE)
		record_error(i, "received_at", ERRCODE_INVALID_DATETIME_FORMAT,
					 "timestamp is not finite", expect);
	if (tm2timestamp(&tt, fsec, &tz, &result) != 0)
		record_error(i, "received_at", ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
					 "timestamp out of range", expect);
	return result;
}

/* Appends s[0..len) to buf as a double-quoted array-literal element. */
static void
append_array_element(StringInfo buf, const char *s, size_t len)
{
	appendStringInfoChar(buf, '"');
	for (size_t k = 0; k < len; k++)
	{
		if (s[k] == '"' || s[k] == '\\')
			appendStringInfoChar(buf, '\\');
		appendStringInfoChar(buf, s[k]);
	}
	appendStringInfoChar(buf, '"');
}

/*
 * themes (the current token, not null): an array of non-empty strings, as a text[] literal;
 * NULL when empty.  Leaves the array's "]" current.
 */
static text *
themes_field(Import *im, int i)
{
	const char *expect = "Expected an array of non-empty strings, such as [\"odotusaika\", \"digipalvelut\"].";
	StringInfoData buf;

	if (im->j.token != FBJ_ARRAY_START)
		record_error(i, "themes", ERRCODE_INVALID_TEXT_REPRESENTATION, "wrong type", expect);
	next(im);
	if (im->j.token == FBJ_ARRAY_END)
		return NULL;
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (;;)
	{
		text	   *t;

		if (im->j.token != FBJ_STRING || im->j.toklen == 0)
			record_error(i, "themes", ERRCODE_INVALID_TEXT_REPRESENTATION,
						 "not a non-empty string", expect);
		t = token_text(im);
		if (buf.len > 1)
			appendStringInfoChar(&buf, ',');
		append_array_element(&buf, VARDATA(t), VARSIZE(t) - VARHDRSZ);
		pfree(t);
		next(im);
		if (im->j.token == FBJ_ARRAY_END)
			break;
		if (im->j.token != FBJ_COMMA)
			expected(im, "\",\" or \"]\" in the themes");
		next(im);
	}
	appendStringInfoChar(&buf, '}');
	return cstring_to_text_with_len(buf.data, buf.len);
}

/*
 * Reads record i (its "{" is the current token) into slot k of the batch; leaves the token
 * after its "}" current.
 */
static void
read_record(Import *im, int i, int k)
{
	Batch	   *b = im->b;
	unsigned	given = 0;		/* keys present */
	unsigned	set = 0;		/* keys present and not null */
	char		buf[64];

	im->record = i;
	im->field = NULL;
	if (im->j.token != FBJ_OBJECT_START)
		record_error(i, NULL, ERRCODE_INVALID_TEXT_REPRESENTATION, "not an object",
					 "Expected an object with received_at, organization, service and response.");
	b->cmtnull[k] = true;
	b->thmnull[k] = true;
	b->cmt[k] = b->thm[k] = (Datum) 0;
	next(im);
	while (im->j.token != FBJ_OBJECT_END)
	{
		char		key[48];
		size_t		klen;
		bool		trunc;
		int			f;

		im->field = NULL;
		if (given != 0)
		{
			if (im->j.token != FBJ_COMMA)
				expected(im, "\",\" or \"}\" in the record");
			next(im);
		}
		if (im->j.token != FBJ_STRING)
			expected(im, "a key (a string)");
		if (fbj_string(&im->j, key, sizeof(key), &klen, &trunc, &im->err) != FB_OK)
			import_fail(im);
		for (f = 0; f < NKEYS; f++)
			if (!trunc && strlen(key) == klen && strcmp(key, record_keys[f]) == 0)
				break;
		if (f == NKEYS)
		{
			int			cut = pg_mbcliplen(key, (int) klen, 40);

			snprintf(buf, sizeof(buf), "%.*s%s", cut, key, trunc || cut < (int) klen ? "..." : "");
			record_error(i, buf, ERRCODE_INVALID_TEXT_REPRESENTATION, "unknown key",
						 "Expected only received_at, organization, service, response, comment and themes.");
		}
		if (given & (1u << f))
			record_error(i, record_keys[f], ERRCODE_INVALID_TEXT_REPRESENTATION,
						 "appears more than once", "Expected each key at most once.");
		given |= 1u << f;
		im->field = record_keys[f];
		next(im);
		if (im->j.token != FBJ_COLON)
			expected(im, "\":\" after the key");
		next(im);

		/* null is the same as leaving the key out */
		if (im->j.token == FBJ_NULL)
		{
			next(im);
			continue;
		}
		switch (f)
		{
			case 0:				/* received_at */
				b->ts[k] = TimestampTzGetDatum(parse_received_at(im, i));
				break;
			case 1:				/* organization */
				want_string(im, i, "Expected the code of an organisation in the region's organizations table.");
				b->org[k] = PointerGetDatum(token_text(im));
				break;
			case 2:				/* service */
				want_string(im, i, "Expected a non-empty string naming the service.");
				if (im->j.toklen == 0)
					record_error(i, "service", ERRCODE_INVALID_TEXT_REPRESENTATION, "empty",
								 "Expected a non-empty string naming the service.");
				b->svc[k] = PointerGetDatum(token_text(im));
				break;
			case 3:				/* response */
				{
					FbValue		v;

					if (fb_parse_value(&im->j, &v, &im->err) != FB_OK)
						import_fail(im);
					b->fb[k] = PointerGetDatum(feedback_make(&v));
					set |= 1u << f;
					continue;	/* fb_parse_value read the token after the object */
				}
			case 4:				/* comment */
				want_string(im, i, "Expected a string or null.");
				b->cmt[k] = PointerGetDatum(token_text(im));
				b->cmtnull[k] = false;
				break;
			case 5:				/* themes */
				b->thm[k] = PointerGetDatum(themes_field(im, i));
				b->thmnull[k] = (b->thm[k] == (Datum) 0);
				break;
		}
		set |= 1u << f;
		next(im);
	}
	/* a required key that is absent (or null) */
	for (int f = 0; f < 4; f++)
		if (!(set & (1u << f)))
		{
			static const char *const expect[] = {
				"Expected a timestamp such as \"2025-03-04T10:15:00+02:00\".",
				"Expected the code of an organisation in the region's organizations table.",
				"Expected a non-empty string naming the service.",
				"Expected a feedback object such as {\"role\":\"parent\",\"nps\":9}."
			};

			record_error(i, record_keys[f], ERRCODE_INVALID_TEXT_REPRESENTATION, "missing", expect[f]);
		}
	im->field = NULL;
	next(im);
}

/* One-dimensional array of n datums of a type, with a null bitmap when nulls != NULL. */
static ArrayType *
make_array(Datum *elems, bool *nulls, int n, Oid elemtype)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			dims[1] = {n};
	int			lbs[1] = {1};

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	return construct_md_array(elems, nulls, 1, dims, lbs, elemtype, typlen, typbyval, typalign);
}

/* Prepares the organisation check and the INSERT (once per call, on the first batch). */
static void
prepare_plans(Import *im)
{
	Oid			argtypes[6];
	char	   *sql;

	argtypes[0] = TIMESTAMPTZARRAYOID;
	argtypes[1] = TEXTARRAYOID;
	argtypes[2] = TEXTARRAYOID;
	argtypes[3] = get_array_type(im->fbtype);
	argtypes[4] = TEXTARRAYOID;
	argtypes[5] = TEXTARRAYOID;

	/* every organisation must exist: one query finds the first record of a batch that fails */
	sql = psprintf("SELECT u.ord::integer - 1, u.code FROM pg_catalog.unnest($1) WITH ORDINALITY AS u(code, ord) "
				   "WHERE NOT EXISTS (SELECT FROM %s.organizations o WHERE o.code OPERATOR(pg_catalog.=) u.code) "
				   "ORDER BY u.ord LIMIT 1", im->schema);
	im->check_plan = SPI_prepare(sql, 1, &argtypes[1]);
	if (im->check_plan == NULL)
		elog(ERROR, "preparing the organisation check failed: %s", SPI_result_code_string(SPI_result));

	/* one statement inserts a batch */
	sql = psprintf("INSERT INTO %s "
				   "(received_at, organization_code, service, response, comment, themes) "
				   "SELECT r, o, s, f, c, COALESCE(t::text[], '{}') "
				   "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
				   "pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6)) AS u(r, o, s, f, c, t)",
				   im->table);
	im->insert_plan = SPI_prepare(sql, 6, argtypes);
	if (im->insert_plan == NULL)
		elog(ERROR, "preparing the insert failed: %s", SPI_result_code_string(SPI_result));
}

/* Checks and inserts the records of the batch, then empties it (and its memory). */
static void
flush_batch(Import *im)
{
	Batch	   *b = im->b;
	Datum		args[6];
	int			rc;

	if (b->n == 0)
		return;
	if (im->insert_plan == NULL)
		prepare_plans(im);
	args[0] = PointerGetDatum(make_array(b->ts, NULL, b->n, TIMESTAMPTZOID));
	args[1] = PointerGetDatum(make_array(b->org, NULL, b->n, TEXTOID));
	args[2] = PointerGetDatum(make_array(b->svc, NULL, b->n, TEXTOID));
	args[3] = PointerGetDatum(make_array(b->fb, NULL, b->n, im->fbtype));
	args[4] = PointerGetDatum(make_array(b->cmt, b->cmtnull, b->n, TEXTOID));
	args[5] = PointerGetDatum(make_array(b->thm, b->thmnull, b->n, TEXTOID));

	rc = SPI_execute_plan(im->check_plan, &args[1], NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "organisation check failed: %s", SPI_result_code_string(rc));
	if (SPI_processed > 0)
	{
		bool		isnull;
		int			rec = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		char	   *code = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);

		import_own_error = true;
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("invalid feedback record %d: field \"organization\": unknown organization \"%s\"",
						b->first + rec, code),
				 errdetail("Expected the code of an organisation in %s.organizations.", im->schema)));
	}
	SPI_freetuptable(SPI_tuptable);
	rc = SPI_execute_plan(im->insert_plan, args, NULL, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "inserting feedback failed: %s", SPI_result_code_string(rc));
	im->inserted += (int64) SPI_processed;
	b->first += b->n;
	b->n = 0;
	/* SPI calls return in SPI's procedure context: back to the (emptied) batch context */
	MemoryContextReset(im->batchcxt);
	MemoryContextSwitchTo(im->batchcxt);
}

/* import_feedback(target regclass, document text) returns bigint: see the file header. */
PG_FUNCTION_INFO_V1(import_feedback);
Datum
import_feedback(PG_FUNCTION_ARGS)
{
	Oid			target = PG_GETARG_OID(0);
	text	   *doc = PG_GETARG_TEXT_PP(1);
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	char	   *relname = get_rel_name(target);
	char	   *relnsp = relname ? get_namespace_name(get_rel_namespace(target)) : NULL;
	Import		im;
	ErrorContextCallback errcb;
	MemoryContext oldcxt;
	int			i = 0;

	if (relname == NULL || relnsp == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", target),
				 errdetail("Expected a region's feedback_responses table, e.g. 'region.feedback_responses'.")));
	memset(&im, 0, sizeof(im));
	import_own_error = false;
	im.record = -1;
	/* the region's schema: the target table's, where its organizations table is too */
	im.schema = quote_identifier(relnsp);
	im.table = quote_qualified_identifier(relnsp, relname);
	im.fbtype = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
								CStringGetDatum("feedback"), ObjectIdGetDatum(nsp));
	im.b = (Batch *) palloc(sizeof(Batch));
	im.b->n = im.b->first = 0;
	im.batchcxt = AllocSetContextCreate(CurrentMemoryContext, "import_feedback batch",
										ALLOCSET_DEFAULT_SIZES);
	fbj_init(&im.j, VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc));
	im.j.unicode = feedback_unicode;
	im.j.tick = import_tick;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	oldcxt = MemoryContextSwitchTo(im.batchcxt);

	errcb.callback = import_error_context;
	errcb.arg = &im;
	errcb.previous = error_context_stack;
	error_context_stack = &errcb;

	next(&im);
	if (im.j.token != FBJ_ARRAY_START)
		expected(&im, "a JSON array of records");
	next(&im);
	if (im.j.token != FBJ_ARRAY_END)
	{
		for (;;)
		{
			CHECK_FOR_INTERRUPTS();
			read_record(&im, i, im.b->n);
			im.b->n++;
			i++;
			im.record = -1;
			if (im.b->n == IMPORT_BATCH)
				flush_batch(&im);
			if (im.j.token == FBJ_ARRAY_END)
				break;
			if (im.j.token != FBJ_COMMA)
			{
				char		what[64];

				snprintf(what, sizeof(what), "\",\" or \"]\" after record %d", i - 1);
				expected(&im, what);
			}
			next(&im);
		}
	}
	next(&im);
	if (im.j.token != FBJ_END)
		expected(&im, "the end of the text after the array");
	flush_batch(&im);

	error_context_stack = errcb.previous;
	MemoryContextSwitchTo(oldcxt);
	SPI_finish();
	MemoryContextDelete(im.batchcxt);
	PG_RETURN_INT64(im.inserted);
}
