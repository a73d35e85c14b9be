/*
 * import.c: import_feedback(target regclass, document text), the bulk loader of a region's
 * feedback_responses (target; region.import_feedback(document) passes its own).
 *
 * The document is a JSON array of records (see doc/feedback.md).  It is parsed once with
 * cJSON; every record is validated first (an error names the record's 0-based index and
 * the field), the organisations are checked with one query, and then all records go in with
 * one INSERT ... SELECT FROM unnest(...) whose arrays are built here in binary form (the
 * responses are already pekefb.feedback values, the timestamps already timestamptz), so no
 * text is parsed twice.  All or nothing: any error aborts the whole import.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "feedback.h"
#include "feedback_core.h"

/* Record being validated, for the error context of unexpected errors. */
typedef struct ImportPos
{
	int			record;
	const char *field;
} ImportPos;

/* Set by record_error: its message already names the record, so no context line. */
static bool import_own_error = false;

static void
import_error_context(void *arg)
{
	ImportPos  *pos = (ImportPos *) arg;

	if (pos->record >= 0 && !import_own_error)
		errcontext("feedback record %d, field \"%s\"", pos->record, pos->field);
}

/* Raises "invalid feedback record N: field "F": what" with a DETAIL sentence. */
static void pg_attribute_noreturn()
record_error(int record, const char *field, int sqlstate, const char *what, const char *detail)
{
	import_own_error = true;
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("invalid feedback record %d: field \"%s\": %s", record, field, what),
			 errdetail_internal("%s", detail)));
}

/* A string field of a record (NULL if the key is absent or null). */
static const char *
string_field(const cJSON *rec, int i, const char *field, bool required, const char *expect)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(rec, field);

	if (c == NULL || cJSON_IsNull(c))
	{
		if (required)
			record_error(i, field, ERRCODE_INVALID_TEXT_REPRESENTATION, "missing", expect);
		return NULL;
	}
	if (!cJSON_IsString(c))
		record_error(i, field, ERRCODE_INVALID_TEXT_REPRESENTATION, "wrong type", expect);
	if (!pg_verifymbstr(c->valuestring, strlen(c->valuestring), true))
		record_error(i, field, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE,
					 "invalid byte sequence for the database encoding", expect);
	return c->valuestring;
}

/*
 * Parses received_at like timestamptz input (ISO 8601 with or without an offset; without
 * one the session time zone applies) but reports failure instead of throwing, so the error
 * can name the record.  Only finite timestamps are accepted.
 */
static TimestampTz
parse_received_at(const char *s, int i)
{
	const char *expect = "Expected a timestamp such as \"2025-03-04T10:15:00+02:00\".";
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

	if (strlen(s) >= MAXDATELEN)
		record_error(i, "received_at", ERRCODE_INVALID_DATETIME_FORMAT,
					 "invalid timestamp", expect);
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

/* Appends s to buf as a double-quoted array-literal element. */
static void
append_array_element(StringInfo buf, const char *s)
{
	appendStringInfoChar(buf, '"');
	for (; *s; s++)
	{
		if (*s == '"' || *s == '\\')
			appendStringInfoChar(buf, '\\');
		appendStringInfoChar(buf, *s);
	}
	appendStringInfoChar(buf, '"');
}

/* themes: an array of non-empty strings, as a text[] literal; NULL when absent or empty. */
static text *
themes_field(const cJSON *rec, int i)
{
	const char *expect = "Expected an array of non-empty strings, such as [\"odotusaika\", \"digipalvelut\"].";
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(rec, "themes");
	StringInfoData buf;
	bool		first = true;

	if (c == NULL || cJSON_IsNull(c))
		return NULL;
	if (!cJSON_IsArray(c))
		record_error(i, "themes", ERRCODE_INVALID_TEXT_REPRESENTATION, "wrong type", expect);
	if (c->child == NULL)
		return NULL;
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (const cJSON *t = c->child; t != NULL; t = t->next)
	{
		if (!cJSON_IsString(t) || t->valuestring[0] == '\0')
			record_error(i, "themes", ERRCODE_INVALID_TEXT_REPRESENTATION,
						 "not a non-empty string", expect);
		if (!pg_verifymbstr(t->valuestring, strlen(t->valuestring), true))
			record_error(i, "themes", ERRCODE_CHARACTER_NOT_IN_REPERTOIRE,
						 "invalid byte sequence for the database encoding", expect);
		if (!first)
			appendStringInfoChar(&buf, ',');
		first = false;
		append_array_element(&buf, t->valuestring);
	}
	appendStringInfoChar(&buf, '}');
	return cstring_to_text_with_len(buf.data, buf.len);
}

/* Checks that a record has only known keys, each once. */
static void
check_record_keys(const cJSON *rec, int i)
{
	static const char *const keys[] = {
		"received_at", "organization", "service", "response", "comment", "themes"
	};
	unsigned	seen = 0;

	for (const cJSON *c = rec->child; c != NULL; c = c->next)
	{
		int			k;

		for (k = 0; k < 6; k++)
			if (strcmp(c->string, keys[k]) == 0)
				break;
		if (k == 6)
			record_error(i, c->string, ERRCODE_INVALID_TEXT_REPRESENTATION, "unknown key",
						 "Expected only received_at, organization, service, response, comment and themes.");
		if (seen & (1u << k))
			record_error(i, c->string, ERRCODE_INVALID_TEXT_REPRESENTATION,
						 "appears more than once", "Expected each key at most once.");
		seen |= 1u << k;
	}
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

/* import_feedback(document text) returns bigint: see the file header. */
PG_FUNCTION_INFO_V1(import_feedback);
Datum
import_feedback(PG_FUNCTION_ARGS)
{
	Oid			target = PG_GETARG_OID(0);
	char	   *doc = text_to_cstring(PG_GETARG_TEXT_PP(1));
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	char	   *relname = get_rel_name(target);
	char	   *relnsp = relname ? get_namespace_name(get_rel_namespace(target)) : NULL;
	const char *schema;
	const char *table;
	Oid			fbtype = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										 CStringGetDatum("feedback"), ObjectIdGetDatum(nsp));
	const char *end = NULL;
	cJSON	   *root;
	int			n;
	Datum	   *ts,
			   *org,
			   *svc,
			   *fb,
			   *cmt,
			   *thm;
	bool	   *cmtnull,
			   *thmnull;
	ImportPos	pos = {-1, NULL};
	ErrorContextCallback errcb;
	int64		inserted = 0;

	if (relname == NULL || relnsp == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", target),
				 errdetail("Expected a region's feedback_responses table, e.g. 'region.feedback_responses'.")));
	/* the region's schema: the target table's, where its organizations table is too */
	schema = quote_identifier(relnsp);
	table = quote_qualified_identifier(relnsp, relname);
	import_own_error = false;
	if (strstr(doc, "\\u0000") != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNTRANSLATABLE_CHARACTER),
				 errmsg("invalid feedback document"),
				 errdetail("\\u0000 cannot be converted to text.")));
	root = cJSON_ParseWithOpts(doc, &end, 1);
	if (root == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid feedback document"),
				 errdetail("Expected a JSON array of records; the text is not valid JSON (error near character %d).",
						   (int) (end != NULL && end >= doc ? end - doc : 0) + 1)));

	/* cJSON's tree is malloc'd: free it on every way out. */
	PG_TRY();
	{
		if (!cJSON_IsArray(root))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid feedback document"),
					 errdetail("Expected a JSON array of records.")));
		n = cJSON_GetArraySize(root);
		ts = palloc(sizeof(Datum) * Max(n, 1));
		org = palloc(sizeof(Datum) * Max(n, 1));
		svc = palloc(sizeof(Datum) * Max(n, 1));
		fb = palloc(sizeof(Datum) * Max(n, 1));
		cmt = palloc(sizeof(Datum) * Max(n, 1));
		thm = palloc(sizeof(Datum) * Max(n, 1));
		cmtnull = palloc(sizeof(bool) * Max(n, 1));
		thmnull = palloc(sizeof(bool) * Max(n, 1));

		errcb.callback = import_error_context;
		errcb.arg = &pos;
		errcb.previous = error_context_stack;
		error_context_stack = &errcb;

		/* 1. validate and convert every record */
		{
			int			i = 0;

			for (const cJSON *rec = root->child; rec != NULL; rec = rec->next, i++)
			{
				const char *s;
				const cJSON *resp;
				FbValue		v;
				FbError		err;
				text	   *t;

				pos.record = i;
				pos.field = "";
				if (!cJSON_IsObject(rec))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
							 errmsg("invalid feedback record %d: not an object", i),
							 errdetail("Expected an object with received_at, organization, service and response.")));
				check_record_keys(rec, i);

				pos.field = "received_at";
				s = string_field(rec, i, "received_at", true,
								 "Expected a timestamp such as \"2025-03-04T10:15:00+02:00\".");
				ts[i] = TimestampTzGetDatum(parse_received_at(s, i));

				pos.field = "organization";
				s = string_field(rec, i, "organization", true,
								 "Expected the code of an organisation in the region's organizations table.");
				org[i] = PointerGetDatum(cstring_to_text(s));

				pos.field = "service";
				s = string_field(rec, i, "service", true, "Expected a non-empty string naming the service.");
				if (s[0] == '\0')
					record_error(i, "service", ERRCODE_INVALID_TEXT_REPRESENTATION, "empty",
								 "Expected a non-empty string naming the service.");
				svc[i] = PointerGetDatum(cstring_to_text(s));

				pos.field = "response";
				resp = cJSON_GetObjectItemCaseSensitive(rec, "response");
				if (resp == NULL || cJSON_IsNull(resp))
					record_error(i, "response", ERRCODE_INVALID_TEXT_REPRESENTATION, "missing",
								 "Expected a feedback object such as {\"role\":\"parent\",\"nps\":9}.");
				if (fb_from_json(resp, &v, &err) != FB_OK)
					record_error(i, "response",
								 err.status == FB_ERR_RANGE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
								 : ERRCODE_INVALID_TEXT_REPRESENTATION,
								 err.status == FB_ERR_RANGE ? "value out of range for type feedback"
								 : "invalid input syntax for type feedback",
								 err.detail);
				fb[i] = PointerGetDatum(feedback_make(&v));

				pos.field = "comment";
				s = string_field(rec, i, "comment", false, "Expected a string or null.");
				cmtnull[i] = (s == NULL);
				cmt[i] = s ? PointerGetDatum(cstring_to_text(s)) : (Datum) 0;

				pos.field = "themes";
				t = themes_field(rec, i);
				thmnull[i] = (t == NULL);
				thm[i] = PointerGetDatum(t);
			}
		}
		pos.record = -1;

		if (n > 0)
		{
			Oid			argtypes[6];
			Datum		args[6];
			char	   *sql;
			int			rc;

			argtypes[0] = TIMESTAMPTZARRAYOID;
			argtypes[1] = TEXTARRAYOID;
			argtypes[2] = TEXTARRAYOID;
			argtypes[3] = get_array_type(fbtype);
			argtypes[4] = TEXTARRAYOID;
			argtypes[5] = TEXTARRAYOID;
			args[0] = PointerGetDatum(make_array(ts, NULL, n, TIMESTAMPTZOID));
			args[1] = PointerGetDatum(make_array(org, NULL, n, TEXTOID));
			args[2] = PointerGetDatum(make_array(svc, NULL, n, TEXTOID));
			args[3] = PointerGetDatum(make_array(fb, NULL, n, fbtype));
			args[4] = PointerGetDatum(make_array(cmt, cmtnull, n, TEXTOID));
			args[5] = PointerGetDatum(make_array(thm, thmnull, n, TEXTOID));

			if (SPI_connect() != SPI_OK_CONNECT)
				elog(ERROR, "SPI_connect failed");

			/* 2. every organisation must exist: one query finds the first record that fails */
			sql = psprintf("SELECT u.ord::integer - 1, u.code FROM pg_catalog.unnest($1) WITH ORDINALITY AS u(code, ord) "
						   "WHERE NOT EXISTS (SELECT FROM %s.organizations o WHERE o.code OPERATOR(pg_catalog.=) u.code) "
						   "ORDER BY u.ord LIMIT 1", schema);
			rc = SPI_execute_with_args(sql, 1, &argtypes[1], &args[1], NULL, true, 1);
			if (rc != SPI_OK_SELECT)
				elog(ERROR, "organisation check failed: %s", SPI_result_code_string(rc));
			if (SPI_processed > 0)
			{
				bool		isnull;
				int			rec = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
				char	   *code = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);

				ereport(ERROR,
						(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
						 errmsg("invalid feedback record %d: field \"organization\": unknown organization \"%s\"",
								rec, code),
						 errdetail("Expected the code of an organisation in %s.organizations.", schema)));
			}

			/* 3. one statement inserts them all */
			sql = psprintf("INSERT INTO %s "
						   "(received_at, organization_code, service, response, comment, themes) "
						   "SELECT r, o, s, f, c, COALESCE(t::text[], '{}') "
						   "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
						   "pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6)) AS u(r, o, s, f, c, t)",
						   table);
			rc = SPI_execute_with_args(sql, 6, argtypes, args, NULL, false, 0);
			if (rc != SPI_OK_INSERT)
				elog(ERROR, "inserting feedback failed: %s", SPI_result_code_string(rc));
			inserted = (int64) SPI_processed;
			SPI_finish();
		}
		error_context_stack = errcb.previous;
	}
	PG_FINALLY();
	{
		cJSON_Delete(root);
	}
	PG_END_TRY();

	PG_RETURN_INT64(inserted);
}
