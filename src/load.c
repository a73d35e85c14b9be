/*
 * load.c: the SQL functions behind the region's loaders (doc/loading.md): read_csv and
 * read_json turn a whole file, passed as text, into one row per record with the fields the
 * caller asks for by name (line or record number and a text[]); load_number, load_date and
 * load_timestamp convert a field as Finns write it, closest_name finds the suggestion
 * for an unknown name, and load_response builds a feedback loader's response from a record's
 * fields without a JSON text.  Every error names the line or record and the field and quotes the
 * bad text.  Parsing lives in load_core.c (CSV, numbers, dates) and feedback_core.c (the
 * strict JSON tokenizer); this file is the server side.
 */
#include "postgres.h"

#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "access/xact.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/syscache.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/formatting.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "compat.h"
#include "feedback.h"
#include "feedback_core.h"
#include "load_core.h"

/* Quoted text in messages is cut to this many bytes. */
#define LOAD_QUOTE_MAX	100

/* The bad text for a message: cut at a character boundary when long. */
static char *
quote_text(const char *s, size_t len)
{
	int			cut = len > LOAD_QUOTE_MAX ? pg_mbcliplen(s, (int) len, LOAD_QUOTE_MAX) : (int) len;

	return psprintf("%.*s%s", cut, s, cut < (int) len ? "..." : "");
}

/* The column specifications of a text[] argument (no NULL, none empty). */
typedef struct Specs
{
	int			n;
	char	  **spec;
	size_t	   *len;
	const char **label;			/* the first name, for messages */
} Specs;

/* Reads the specifications of columns; errors for NULL or empty elements. */
static Specs
read_specs(ArrayType *arr)
{
	Specs		s;
	Datum	   *d;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
						errmsg("column specifications must be a one-dimensional array")));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &d, &nulls, &n);
	if (n > LOAD_MAX_FIELDS)
		ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						errmsg("too many column specifications: %d", n),
						errdetail("At most %d columns can be read.", LOAD_MAX_FIELDS)));
	s.n = n;
	s.spec = palloc(sizeof(char *) * (n + 1));
	s.len = palloc(sizeof(size_t) * (n + 1));
	s.label = palloc(sizeof(char *) * (n + 1));
	for (int i = 0; i < n; i++)
	{
		char	   *t;
		size_t		l;
		size_t		b;

		if (nulls[i])
			ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							errmsg("column specification %d is null", i + 1),
							errdetail("Each column is named as \"name\" or \"?name|other name\".")));
		t = TextDatumGetCString(d[i]);
		l = strlen(t);
		b = load_spec_optional(t, l) ? 1 : 0;
		if (l <= b || t[b] == '|')
			ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							errmsg("invalid column specification: \"%s\"", t),
							errdetail("Each column is named as \"name\" or \"?name|other name\".")));
		s.spec[i] = t;
		s.len[i] = l;
		s.label[i] = pnstrdup(t + b, strcspn(t + b, "|"));
	}
	return s;
}

/*
 * A reader hands each record to a sink: its line (CSV) or number (JSON) and, in the order
 * of the specifications, its fields as text (NULL when empty or absent), valid until the
 * next record.
 */
typedef void (*RecordSink) (void *arg, int64 line, Datum *vals, bool *nulls);

/* The sink of read_csv and read_json: the tuplestore rows (line bigint, fields text[]). */
typedef struct FieldsSink
{
	ReturnSetInfo *rsi;
	int			n;
} FieldsSink;

static void
put_row(void *arg, int64 line, Datum *vals, bool *nulls)
{
	FieldsSink *fs = arg;
	Datum		out[2];
	bool		outnull[2] = {false, false};
	int			dims[1] = {fs->n};
	int			lbs[1] = {1};

	out[0] = Int64GetDatum(line);
	out[1] = PointerGetDatum(construct_md_array(vals, nulls, 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT));
	tuplestore_putvalues(fs->rsi->setResult, fs->rsi->setDesc, out, outnull);
}

/* Raises a CSV structure error (22P04) for line. */
static void pg_attribute_noreturn()
csv_fail(const LoadError *err)
{
	ereport(ERROR,
			(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
			 errmsg("invalid CSV on line %ld", err->line),
			 errdetail_internal("%s", err->detail)));
}

/* The separator argument of read_csv and case_rows: NULL detects it from the header. */
static char
csv_separator(FunctionCallInfo fcinfo, int argno, text *doc)
{
	char	   *t;

	if (PG_ARGISNULL(argno))
		return csv_detect_separator(VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc));
	t = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (strcmp(t, ";") == 0 || strcmp(t, ",") == 0 || strcmp(t, "\t") == 0)
		return t[0];
	ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("invalid CSV separator: \"%s\"", t),
					errdetail("Expected \";\", \",\", a tab, or NULL to detect it from the header.")));
}

/*
 * Reads the header of a CSV document into pos (the header position of each specification,
 * -1 when an optional column is absent) and returns the header's field count; fields has room
 * for LOAD_MAX_FIELDS.  Errors for an empty file, a column named twice or a missing column.
 */
static int
csv_header(CsvReader *r, Specs *s, char sep, CsvField *fields, int *pos)
{
	int			nheader;
	LoadError	err;

	switch (csv_next(r, fields, LOAD_MAX_FIELDS, &nheader, &err))
	{
		case LOAD_OK:
			break;
		case LOAD_END:
			ereport(ERROR, (errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
							errmsg("invalid CSV: the file is empty"),
							errdetail("Expected a header line naming the columns, then one line per record.")));
		default:
			csv_fail(&err);
	}
	for (int i = 0; i < s->n; i++)
	{
		pos[i] = -1;
		for (int k = 0; k < nheader; k++)
		{
			const char *name = fields[k].p;
			size_t		nlen = fields[k].len;

			if (fields[k].escaped)
			{
				char	   *copy = palloc(fields[k].len + 1);

				nlen = csv_unescape(&fields[k], copy);
				name = copy;
			}
			if (!load_spec_matches(s->spec[i], s->len[i], name, nlen))
				continue;
			if (pos[i] >= 0)
				ereport(ERROR, (errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
								errmsg("invalid CSV on line %ld: column \"%s\" appears more than once in the header",
									   r->record_line, s->label[i]),
								errdetail("Columns %d and %d of the header are both \"%s\"; expected each column once.",
										  pos[i] + 1, k + 1, quote_text(name, nlen))));
			pos[i] = k;
		}
		if (pos[i] < 0 && !load_spec_optional(s->spec[i], s->len[i]))
		{
			StringInfoData names;

			initStringInfo(&names);
			for (int k = 0; k < nheader && names.len < 400; k++)
			{
				char	   *name = palloc(fields[k].len + 1);
				size_t		nlen = csv_unescape(&fields[k], name);

				appendStringInfo(&names, "%s\"%s\"", k ? ", " : "", quote_text(name, nlen));
			}
			ereport(ERROR, (errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
							errmsg("invalid CSV on line %ld: column \"%s\" is missing", r->record_line, s->label[i]),
							errdetail("Expected a column named %s%s; the header (separator \"%s\") has %s.",
									  strchr(s->spec[i], '|') ? "one of " : "",
									  quote_text(s->spec[i] + (load_spec_optional(s->spec[i], s->len[i]) ? 1 : 0),
												 s->len[i] - (load_spec_optional(s->spec[i], s->len[i]) ? 1 : 0)),
									  sep == '\t' ? "tab" : (sep == ';' ? ";" : ","), names.data)));
		}
	}
	return nheader;
}

/* Raises the error of a record whose field count is not the header's. */
static void pg_attribute_noreturn()
csv_count_fail(CsvReader *r, int nf, int nheader, char sep)
{
	ereport(ERROR, (errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
					errmsg("invalid CSV on line %ld: %d field%s, the header has %d",
						   r->record_line, nf, nf == 1 ? "" : "s", nheader),
					errdetail("Every line has as many fields as the header, separated by \"%s\"; a field holding the separator is quoted (\"...\").",
							  sep == '\t' ? "tab" : (sep == ';' ? ";" : ","))));
}

/*
 * Reads the next record of a CSV document after its header into fields (room for
 * LOAD_MAX_FIELDS); false at the end.  Errors for a broken record or one whose field count
 * is not the header's.
 */
static bool
csv_record(CsvReader *r, CsvField *fields, int nheader, char sep)
{
	LoadError	err;
	int			nf;
	LoadStatus	st = csv_next(r, fields, LOAD_MAX_FIELDS, &nf, &err);

	CHECK_FOR_INTERRUPTS();
	if (st == LOAD_END)
		return false;
	if (st != LOAD_OK)
		csv_fail(&err);
	if (nf != nheader)
		csv_count_fail(r, nf, nheader, sep);
	return true;
}

/* An array of *cap elements of size bytes grown to twice as many (huge allocations allowed). */
static void *
grow_array(void *array, int64 *cap, size_t size, const char *what)
{
	if (*cap > (int64) (MaxAllocHugeSize / size / 2))
		ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						errmsg("too many lines in %s: more than " INT64_FORMAT, what, *cap),
						errdetail("Split the file into smaller files.")));
	*cap *= 2;
	return repalloc_huge(array, size * *cap);
}

/* Reads the records of a CSV document (separator sep) into sink. */
static void
csv_records(text *doc, Specs *s, char sep, RecordSink sink, void *arg)
{
	CsvReader	r;
	CsvField   *fields;
	int			nheader;
	int		   *pos;			/* header position of each spec, -1 when absent */
	Datum	   *vals;
	bool	   *nulls;
	char	   *buf = NULL;
	size_t		bufcap = 0;
	MemoryContext rowcxt,
				old;

	fields = palloc(sizeof(CsvField) * LOAD_MAX_FIELDS);
	pos = palloc(sizeof(int) * (s->n + 1));
	vals = palloc(sizeof(Datum) * (s->n + 1));
	nulls = palloc(sizeof(bool) * (s->n + 1));
	csv_init(&r, VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc), sep);
	nheader = csv_header(&r, s, sep, fields, pos);

	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "CSV record", ALLOCSET_DEFAULT_SIZES);
	while (csv_record(&r, fields, nheader, sep))
	{
		old = MemoryContextSwitchTo(rowcxt);
		for (int i = 0; i < s->n; i++)
		{
			CsvField   *f;

			nulls[i] = true;
			vals[i] = (Datum) 0;
			if (pos[i] < 0)
				continue;
			f = &fields[pos[i]];
			if (f->len == 0)
				continue;
			if (f->escaped)
			{
				size_t		l;

				if (f->len + 1 > bufcap)
				{
					MemoryContextSwitchTo(old);
					bufcap = Max(f->len + 1, 2 * bufcap);
					buf = buf ? repalloc(buf, bufcap) : palloc(bufcap);
					MemoryContextSwitchTo(rowcxt);
				}
				l = csv_unescape(f, buf);
				vals[i] = PointerGetDatum(cstring_to_text_with_len(buf, (int) l));
			}
			else
				vals[i] = PointerGetDatum(cstring_to_text_with_len(f->p, (int) f->len));
			nulls[i] = false;
		}
		MemoryContextSwitchTo(old);
		sink(arg, r.record_line, vals, nulls);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);
}

/*
 * read_csv(document text, columns text[], separator text DEFAULT NULL) RETURNS TABLE
 * (line bigint, fields text[]): the header (the first record) gives each column's position
 * by name; each record after it becomes a row with the line it starts on and, in the order
 * of columns, its fields (an empty field is NULL; a missing optional column too).
 * separator NULL detects it from the header.
 */
PG_FUNCTION_INFO_V1(read_csv);
Datum
read_csv(PG_FUNCTION_ARGS)
{
	text	   *doc;
	Specs		s;
	char		sep;
	FieldsSink	fs;

	/* no document or no columns: no rows */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
	{
		InitMaterializedSRF(fcinfo, 0);
		return (Datum) 0;
	}
	doc = PG_GETARG_TEXT_PP(0);
	s = read_specs(PG_GETARG_ARRAYTYPE_P(1));
	sep = csv_separator(fcinfo, 2, doc);
	InitMaterializedSRF(fcinfo, 0);
	fs.rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	fs.n = s.n;
	csv_records(doc, &s, sep, put_row, &fs);
	return (Datum) 0;
}

/* ---------------------------------------------------------------- JSON */

/*
 * The keys of the records, by position in the record (records of an export repeat the
 * same keys in the same order): the key as written and the column it matched, so that a
 * repeated key is not decoded and matched against every specification again.
 */
#define JSON_KEY_CACHE	64

typedef struct JsonKey
{
	char	   *key;			/* as written (no escapes), NUL-terminated */
	size_t		len;
	int			index;			/* the specification it matches, n if none */
} JsonKey;

typedef struct JsonRead
{
	FbJson		j;
	FbError		err;
	int64		record;
	MemoryContext keycxt;		/* where the cached keys live */
	JsonKey		keys[2 * JSON_KEY_CACHE];	/* a record's keys, then a wrapped record's */
} JsonRead;

/* Raises the tokenizer's error for the record being read (or the document). */
static void pg_attribute_noreturn()
json_fail(JsonRead *jr)
{
	int			code = jr->err.status == FB_ERR_UNTRANSLATABLE ? ERRCODE_UNTRANSLATABLE_CHARACTER :
		ERRCODE_INVALID_TEXT_REPRESENTATION;

	if (jr->record > 0)
		ereport(ERROR, (errcode(code), errmsg("invalid JSON in record %lld", (long long) jr->record),
						errdetail_internal("%s", jr->err.detail)));
	ereport(ERROR, (errcode(code), errmsg("invalid JSON document"),
					errdetail_internal("%s", jr->err.detail)));
}

/* Reads the next token. */
static void
json_next(JsonRead *jr)
{
	if (fbj_next(&jr->j, &jr->err) != FB_OK)
		json_fail(jr);
}

/* Fails with "Expected <what> at byte N, found ...". */
static void pg_attribute_noreturn()
json_expected(JsonRead *jr, const char *what)
{
	fbj_expected(&jr->j, what, &jr->err);
	json_fail(jr);
}

/* The current string token, decoded into the database encoding (palloc'd). */
static char *
json_string(JsonRead *jr, size_t *len)
{
	char	   *out = palloc(jr->j.toklen + 1);
	bool		trunc;

	if (fbj_string(&jr->j, out, jr->j.toklen + 1, len, &trunc, &jr->err) != FB_OK)
		json_fail(jr);
	return out;
}

/* The JSON tokenizer's tick: lets a cancel or statement_timeout stop a long token. */
static void
json_tick(void *arg)
{
	CHECK_FOR_INTERRUPTS();
}

/*
 * Reads the members of the object whose '{' is the current token into vals/nulls by
 * specification; then reads the token after the '}'.  A member whose value is an object is
 * read as the record itself when it is the object's only member (LimeSurvey 3 writes each
 * response as {"<id>": {...}}).
 */
static void
json_record(JsonRead *jr, Specs *s, Datum *vals, bool *nulls, bool *seen, bool outer)
{
	bool		first = true;
	int			pos = 0;

	json_next(jr);
	while (jr->j.token != FBJ_OBJECT_END)
	{
		char	   *key;
		size_t		klen;
		int			i;
		JsonKey    *cached = NULL;

		if (!first)
		{
			if (jr->j.token != FBJ_COMMA)
				json_expected(jr, "\",\" or \"}\" in the record");
			json_next(jr);
		}
		if (jr->j.token != FBJ_STRING)
			json_expected(jr, "a key (a string)");
		if (pos < JSON_KEY_CACHE && !jr->j.escapes)
			cached = &jr->keys[pos + (outer ? 0 : JSON_KEY_CACHE)];
		pos++;
		if (cached && cached->key && cached->len == jr->j.toklen &&
			memcmp(cached->key, jr->j.tok, cached->len) == 0)
		{
			key = cached->key;
			klen = cached->len;
			i = cached->index;
		}
		else
		{
			key = json_string(jr, &klen);
			for (i = 0; i < s->n; i++)
				if (load_spec_matches(s->spec[i], s->len[i], key, klen))
					break;
			if (cached)
			{
				if (cached->key)
					pfree(cached->key);
				cached->key = MemoryContextAlloc(jr->keycxt, klen + 1);
				memcpy(cached->key, key, klen);
				cached->key[klen] = '\0';
				cached->len = klen;
				cached->index = i;
			}
		}
		json_next(jr);
		if (jr->j.token != FBJ_COLON)
			json_expected(jr, "\":\" after the key");
		json_next(jr);
		if (jr->j.token == FBJ_OBJECT_START && outer && first)
		{
			json_record(jr, s, vals, nulls, seen, false);
			json_next(jr);		/* past the inner object's '}' */
			if (jr->j.token != FBJ_OBJECT_END)
				ereport(ERROR, (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
								errmsg("invalid JSON in record %lld: a record wrapped in an object has more than one member",
									   (long long) jr->record),
								errdetail("Expected each record as an object of fields, or as {\"id\": {fields}} with one member.")));
			break;
		}
		if (i < s->n && seen[i])
			ereport(ERROR, (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
							errmsg("invalid JSON in record %lld: field \"%s\" appears more than once",
								   (long long) jr->record, s->label[i]),
							errdetail("Expected each field of a record once.")));
		switch (jr->j.token)
		{
			case FBJ_STRING:
				if (i < s->n && !jr->j.escapes)
				{
					/* as written: straight into the text */
					if (jr->j.toklen > 0)
					{
						vals[i] = PointerGetDatum(cstring_to_text_with_len(jr->j.tok, (int) jr->j.toklen));
						nulls[i] = false;
					}
				}
				else if (i < s->n)
				{
					size_t		l;
					char	   *v = json_string(jr, &l);

					if (l > 0)
					{
						vals[i] = PointerGetDatum(cstring_to_text_with_len(v, (int) l));
						nulls[i] = false;
					}
				}
				break;
			case FBJ_NUMBER:
			case FBJ_TRUE:
			case FBJ_FALSE:
				if (i < s->n)
				{
					vals[i] = PointerGetDatum(cstring_to_text_with_len(jr->j.start, (int) jr->j.toklen));
					nulls[i] = false;
				}
				break;
			case FBJ_NULL:
				break;
			default:
				ereport(ERROR, (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
								errmsg("invalid JSON in record %lld: field \"%s\" is %s",
									   (long long) jr->record, quote_text(key, klen), fbj_kind(&jr->j)),
								errdetail("Expected a string, a number, true, false or null as a field's value.")));
		}
		if (i < s->n)
			seen[i] = true;
		json_next(jr);
		first = false;
	}
	if (outer)
		json_next(jr);
}

/* Reads the records of a JSON document (an array of objects, or {"responses": [...]}) into sink. */
static void
json_records(text *doc, Specs *s, RecordSink sink, void *arg)
{
	JsonRead	jr;
	Datum	   *vals;
	bool	   *nulls;
	bool	   *seen;
	bool		wrapped = false;
	MemoryContext rowcxt,
				old;

	vals = palloc(sizeof(Datum) * (s->n + 1));
	nulls = palloc(sizeof(bool) * (s->n + 1));
	seen = palloc(sizeof(bool) * (s->n + 1));
	{
		const char *t = VARDATA_ANY(doc);
		size_t		len = VARSIZE_ANY_EXHDR(doc);

		if (csv_has_bom(t, len))
			t += 3, len -= 3;
		fbj_init(&jr.j, t, len);
	}
	jr.j.unicode = GetDatabaseEncoding() == PG_UTF8 ? NULL : feedback_unicode;
	jr.j.tick = json_tick;
	jr.record = 0;
	jr.keycxt = CurrentMemoryContext;
	memset(jr.keys, 0, sizeof(jr.keys));
	json_next(&jr);
	if (jr.j.token == FBJ_OBJECT_START)
	{
		/* {"responses": [...]} */
		char	   *key;
		size_t		klen;

		json_next(&jr);
		if (jr.j.token != FBJ_STRING)
			json_expected(&jr, "\"responses\"");
		key = json_string(&jr, &klen);
		if (klen != 9 || memcmp(key, "responses", 9) != 0)
			json_expected(&jr, "\"responses\" (the records of an export)");
		json_next(&jr);
		if (jr.j.token != FBJ_COLON)
			json_expected(&jr, "\":\"");
		json_next(&jr);
		wrapped = true;
	}
	if (jr.j.token != FBJ_ARRAY_START)
		json_expected(&jr, "an array of records, or an object {\"responses\": [records]}");
	json_next(&jr);

	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "read_json row", ALLOCSET_DEFAULT_SIZES);
	while (jr.j.token != FBJ_ARRAY_END)
	{
		CHECK_FOR_INTERRUPTS();
		if (jr.record > 0)
		{
			if (jr.j.token != FBJ_COMMA)
				json_expected(&jr, "\",\" or \"]\" after a record");
			json_next(&jr);
		}
		jr.record++;
		if (jr.j.token != FBJ_OBJECT_START)
			ereport(ERROR, (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
							errmsg("invalid JSON in record %lld: %s, not an object", (long long) jr.record, fbj_kind(&jr.j)),
							errdetail("Expected each record as an object of fields.")));
		old = MemoryContextSwitchTo(rowcxt);
		for (int i = 0; i < s->n; i++)
			nulls[i] = true, seen[i] = false, vals[i] = (Datum) 0;
		json_record(&jr, s, vals, nulls, seen, true);
		MemoryContextSwitchTo(old);
		for (int i = 0; i < s->n; i++)
			if (!seen[i] && !load_spec_optional(s->spec[i], s->len[i]))
				ereport(ERROR, (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
								errmsg("invalid JSON in record %lld: field \"%s\" is missing", (long long) jr.record, s->label[i]),
								errdetail("Expected a field named %s in every record.",
										  quote_text(s->spec[i] + (load_spec_optional(s->spec[i], s->len[i]) ? 1 : 0),
													 s->len[i] - (load_spec_optional(s->spec[i], s->len[i]) ? 1 : 0)))));
		sink(arg, jr.record, vals, nulls);
		MemoryContextReset(rowcxt);
	}
	json_next(&jr);
	if (wrapped)
	{
		if (jr.j.token != FBJ_OBJECT_END)
			json_expected(&jr, "\"}\" after the records (only \"responses\" is read)");
		json_next(&jr);
	}
	jr.record = 0;
	if (jr.j.token != FBJ_END)
		json_expected(&jr, "the end of the document");
	MemoryContextDelete(rowcxt);
}


/*
 * read_json(document text, columns text[]) RETURNS TABLE (line bigint, fields text[]): the
 * records of a JSON document — an array of objects, or an object whose "responses" member
 * is one (LimeSurvey's export) — as rows: the record's number (1 = the first) and its
 * fields in the order of columns (matched by key as read_csv matches header names; null
 * and "" are NULL; numbers and true/false as written).
 */
PG_FUNCTION_INFO_V1(read_json);
Datum
read_json(PG_FUNCTION_ARGS)
{
	Specs		s;
	FieldsSink	fs;

	/* no document or no columns: no rows */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
	{
		InitMaterializedSRF(fcinfo, 0);
		return (Datum) 0;
	}
	s = read_specs(PG_GETARG_ARRAYTYPE_P(1));
	InitMaterializedSRF(fcinfo, 0);
	fs.rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	fs.n = s.n;
	json_records(PG_GETARG_TEXT_PP(0), &s, put_row, &fs);
	return (Datum) 0;
}

/* ---------------------------------------------------------------- values */

/* Where a value comes from, for messages: "line 7, field "arvo"". */
static char *
place(FunctionCallInfo fcinfo)
{
	int64		line = PG_ARGISNULL(1) ? 0 : PG_GETARG_INT64(1);
	char	   *field = PG_ARGISNULL(2) ? "" : text_to_cstring(PG_GETARG_TEXT_PP(2));
	char	   *unit = (PG_NARGS() > 3 && !PG_ARGISNULL(3)) ? text_to_cstring(PG_GETARG_TEXT_PP(3)) : "line";

	return psprintf("%s %lld, field \"%s\"", unit, (long long) line, field);
}

/*
 * load_number(value text, line bigint, field text, unit text DEFAULT 'line') RETURNS
 * numeric: a number as Finns write it (94,5; 1 234,5; 94.5); the error names the place.
 */
PG_FUNCTION_INFO_V1(load_number_fn);
Datum
load_number_fn(PG_FUNCTION_ARGS)
{
	text	   *t;
	char		out[LOAD_NUM_BUFLEN];
	LoadError	err;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TEXT_PP(0);
	if (load_number(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), out, &err) != LOAD_OK)
		ereport(ERROR,
				(errcode(err.status == LOAD_ERR_RANGE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid number \"%s\" on %s", quote_text(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)), place(fcinfo)),
				 errdetail_internal("%s", err.detail)));
	return DirectFunctionCall3(numeric_in, CStringGetDatum(out), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* The date of s[0..len), or the error naming the place ("line 7, field "vireille""). */
static DateADT
parse_date_at(const char *s, size_t len, int *time, const char *what, const char *place)
{
	int			y,
				m,
				d;
	LoadError	err;

	if (load_date(s, len, &y, &m, &d, time, &err) != LOAD_OK)
		ereport(ERROR,
				(errcode(err.status == LOAD_ERR_RANGE ? ERRCODE_DATETIME_FIELD_OVERFLOW : ERRCODE_INVALID_DATETIME_FORMAT),
				 errmsg("invalid %s \"%s\" on %s", what, quote_text(s, len), place),
				 errdetail_internal("%s", err.detail)));
	return date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
}

/* The date of a text argument, or the error naming the place. */
static DateADT
parse_date_arg(FunctionCallInfo fcinfo, int *time, const char *what)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int			y,
				m,
				d;
	LoadError	err;

	/* the place is formatted only for an error */
	if (load_date(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &y, &m, &d, time, &err) == LOAD_OK)
		return date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
	return parse_date_at(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), time, what, place(fcinfo));
}

/*
 * load_date(value text, line bigint, field text, unit text DEFAULT 'line') RETURNS date:
 * 1.4.2025, 01.04.2025 or 2025-04-01.
 */
PG_FUNCTION_INFO_V1(load_date_fn);
Datum
load_date_fn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(parse_date_arg(fcinfo, NULL, "date"));
}

/*
 * load_timestamp(value text, line bigint, field text, unit text DEFAULT 'line') RETURNS
 * timestamp (a local time, without zone): a date as load_date reads it and an optional
 * time (14.30, 14:30:15, 2025-04-01T14:30:15).
 */
PG_FUNCTION_INFO_V1(load_timestamp_fn);
Datum
load_timestamp_fn(PG_FUNCTION_ARGS)
{
	int			time;
	DateADT		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	d = parse_date_arg(fcinfo, &time, "timestamp");
	PG_RETURN_TIMESTAMP((Timestamp) d * USECS_PER_DAY + (Timestamp) time * USECS_PER_SEC);
}

/*
 * closest_name(name text, candidates text[]) RETURNS text: the candidate nearest to name
 * by edit distance (case-insensitive), the first of equals; NULL without candidates.
 */
PG_FUNCTION_INFO_V1(closest_name);
Datum
closest_name(PG_FUNCTION_ARGS)
{
	text	   *name;
	Datum	   *d;
	bool	   *nulls;
	int			n;
	int			best = -1,
				bestd = INT_MAX;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	name = PG_GETARG_TEXT_PP(0);
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(1), TEXTOID, -1, false, TYPALIGN_INT, &d, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		text	   *c;
		int			dist;

		if (nulls[i])
			continue;
		CHECK_FOR_INTERRUPTS();
		c = DatumGetTextPP(d[i]);
		dist = load_distance(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), VARDATA_ANY(c), VARSIZE_ANY_EXHDR(c));
		if (dist < bestd)
			bestd = dist, best = i;
	}
	if (best < 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PointerGetDatum(DatumGetTextPCopy(d[best])));
}

/* ---------------------------------------------------------------- cases */

/*
 * A name map of case_rows: keys (lower-case names) sorted bytewise, each with its values
 * (codes; a matter can map to several indicators), and a cache of the file's names as
 * written (trimmed) -> key, so that each distinct name is lower-cased and looked up once.
 */
typedef struct MapKey
{
	const char *key;
	size_t		len;
	int			first;			/* its values: vals[first .. first + count) */
	int			count;
} MapKey;

typedef struct NameSlot
{
	const char *raw;			/* NULL: empty slot */
	size_t		len;
	uint32		hash;
	int			key;			/* index in keys, -1 when the map does not know the name */
	char	   *low;			/* the name lower-case */
} NameSlot;

typedef struct NameMap
{
	MapKey	   *keys;
	int			nkeys;
	text	  **vals;
	int		   *rank;			/* each value's place among the distinct values, bytewise */
	NameSlot   *slots;
	uint32		mask;			/* slots - 1 (a power of two) */
	uint32		used;
	Oid			coll;
} NameMap;

static int
mapkey_cmp(const void *a, const void *b)
{
	const MapKey *x = a;
	const MapKey *y = b;
	int			c = memcmp(x->key, y->key, Min(x->len, y->len));

	return c != 0 ? c : (x->len < y->len ? -1 : (x->len > y->len ? 1 : 0));
}

/* Two texts compared bytewise. */
static int
text_bytes_cmp(const text *a, const text *b)
{
	size_t		alen = VARSIZE_ANY_EXHDR(a),
				blen = VARSIZE_ANY_EXHDR(b);
	int			c = memcmp(VARDATA_ANY(a), VARDATA_ANY(b), Min(alen, blen));

	return c != 0 ? c : (alen < blen ? -1 : (alen > blen ? 1 : 0));
}

/* Indexes into an array of texts (arg), by their texts. */
static int
value_order_cmp(const void *a, const void *b, void *arg)
{
	text	  **vals = arg;

	return text_bytes_cmp(vals[*(const int *) a], vals[*(const int *) b]);
}

/* MapKeys by name, then by position (qsort is not stable): a name's pairs keep their order. */
static int
mapkey_pos_cmp(const void *a, const void *b)
{
	const MapKey *x = a;
	const MapKey *y = b;
	int			c = mapkey_cmp(a, b);

	return c != 0 ? c : (x->first < y->first ? -1 : (x->first > y->first ? 1 : 0));
}

/*
 * A map from a text[] of pairs (name, code, name, code, ...); NULL elements are skipped.
 * The pairs of one name keep their order.
 */
static void
namemap_init(NameMap *m, ArrayType *pairs, Oid coll)
{
	Datum	   *d;
	bool	   *nulls;
	int			n;
	MapKey	   *raw;
	int			nraw = 0;

	memset(m, 0, sizeof(*m));
	m->coll = coll;
	if (pairs != NULL)
	{
		if (ARR_NDIM(pairs) > 1)
			ereport(ERROR, (errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
							errmsg("a name map must be a one-dimensional array of names and codes"),
							errdetail("Pass the pairs as ARRAY[name, code, name, code, ...].")));
		deconstruct_array(pairs, TEXTOID, -1, false, TYPALIGN_INT, &d, &nulls, &n);
	}
	else
		n = 0, d = NULL, nulls = NULL;
	/* (huge: a map may be longer than MaxAllocSize allows in MapKeys, n at most MaxArraySize) */
	raw = palloc_extended(sizeof(MapKey) * (n / 2 + 1), MCXT_ALLOC_HUGE);
	m->vals = palloc_extended(sizeof(text *) * (n / 2 + 1), MCXT_ALLOC_HUGE);
	for (int i = 0; i + 1 < n; i += 2)
	{
		text	   *k;

		if (nulls[i] || nulls[i + 1])
			continue;
		k = DatumGetTextPP(d[i]);
		raw[nraw].key = VARDATA_ANY(k);
		raw[nraw].len = VARSIZE_ANY_EXHDR(k);
		raw[nraw].first = nraw;
		raw[nraw].count = 1;
		m->vals[nraw] = DatumGetTextPP(d[i + 1]);
		nraw++;
	}
	/* sorted by name, then by position: a name's values become one run of vals */
	qsort(raw, nraw, sizeof(MapKey), mapkey_pos_cmp);
	m->keys = palloc_extended(sizeof(MapKey) * (nraw + 1), MCXT_ALLOC_HUGE);
	{
		text	  **vals = palloc_extended(sizeof(text *) * (nraw + 1), MCXT_ALLOC_HUGE);

		for (int i = 0; i < nraw; i++)
		{
			if (m->nkeys > 0 && mapkey_cmp(&m->keys[m->nkeys - 1], &raw[i]) == 0)
				m->keys[m->nkeys - 1].count++;
			else
			{
				m->keys[m->nkeys] = raw[i];
				m->keys[m->nkeys].first = i;
				m->keys[m->nkeys].count = 1;
				m->nkeys++;
			}
			vals[i] = m->vals[raw[i].first];
		}
		m->vals = vals;
	}
	/* the values' ranks: comparing two ranks compares the codes (for sorting rows) */
	m->rank = palloc(sizeof(int) * (nraw + 1));
	{
		int		   *order = palloc(sizeof(int) * (nraw + 1));
		int			r = -1;

		for (int i = 0; i < nraw; i++)
			order[i] = i;
		qsort_arg(order, nraw, sizeof(int), value_order_cmp, m->vals);
		for (int i = 0; i < nraw; i++)
		{
			if (i == 0 || text_bytes_cmp(m->vals[order[i - 1]], m->vals[order[i]]) != 0)
				r++;
			m->rank[order[i]] = r;
		}
		pfree(order);
	}
	m->mask = 63;
	m->slots = palloc0(sizeof(NameSlot) * (m->mask + 1));
}

/* The slot of a name as written (s[0..len), trimmed), filled on first sight. */
static NameSlot *
namemap_find(NameMap *m, const char *s, size_t len)
{
	uint32		h = hash_bytes((const unsigned char *) s, (int) len);
	uint32		i;
	NameSlot   *slot;
	MapKey		probe;
	MapKey	   *hit;

	for (i = h & m->mask;; i = (i + 1) & m->mask)
	{
		slot = &m->slots[i];
		if (slot->raw == NULL)
			break;
		if (slot->hash == h && slot->len == len && memcmp(slot->raw, s, len) == 0)
			return slot;
	}
	/* a new name: lower-case it as SQL's lower() does, look it up */
	slot->raw = s;
	slot->len = len;
	slot->hash = h;
	slot->low = str_tolower(s, len, m->coll);
	probe.key = slot->low;
	probe.len = strlen(slot->low);
	hit = bsearch(&probe, m->keys, m->nkeys, sizeof(MapKey), mapkey_cmp);
	slot->key = hit ? (int) (hit - m->keys) : -1;
	if (++m->used * 2 > m->mask)
	{
		/* grow: re-insert every slot into a table twice the size */
		NameSlot   *old = m->slots;
		uint32		oldsize = m->mask + 1;
		NameSlot	keep = *slot;

		if (oldsize >= ((uint32) 1 << 31))
			ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							errmsg("too many distinct names in a file: %u", m->used),
							errdetail("Split the file into smaller files.")));
		m->mask = 2 * oldsize - 1;
		/* (huge: 8 million distinct names already need more than MaxAllocSize) */
		m->slots = palloc_extended(sizeof(NameSlot) * ((Size) m->mask + 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		for (uint32 k = 0; k < oldsize; k++)
		{
			uint32		j;

			if (old[k].raw == NULL)
				continue;
			for (j = old[k].hash & m->mask; m->slots[j].raw != NULL; j = (j + 1) & m->mask)
				;
			m->slots[j] = old[k];
		}
		pfree(old);
		return namemap_find(m, keep.raw, keep.len);
	}
	return slot;
}

/* A CSV field's text as written (unescaped: a copy when quoted with "" pairs). */
static const char *
field_raw(CsvField *f, size_t *len)
{
	char	   *buf;

	*len = f->len;
	if (!f->escaped || f->len == 0)
		return f->p;
	buf = palloc(f->len + 1);
	*len = csv_unescape(f, buf);
	return buf;
}

/* A field's text (unescaped), trimmed of spaces as btrim() does; NULL when the field is empty. */
static const char *
case_field(CsvField *f, size_t *len)
{
	size_t		n;
	const char *p;

	if (f->len == 0)
		return NULL;
	p = field_raw(f, &n);
	while (n > 0 && p[0] == ' ')
		p++, n--;
	while (n > 0 && p[n - 1] == ' ')
		n--;
	*len = n;
	return p;
}

/* One line of an extract. */
typedef struct CaseLine
{
	int64		line;
	const char *id;				/* trimmed, NULL when empty */
	size_t		idlen;
	const char *matter;			/* lower-case trimmed, NULL when empty */
	int			matter_key;		/* its key in the map of matters, -1 if none */
	bool		has_org;		/* an organisation given */
	int			org_key;		/* its key in the map of organisations, -1 if none */
	DateADT		started;
	DateADT		finished;
	bool		has_started;
	bool		has_finished;
	bool		fault;
} CaseLine;

/* One row of the result: a line and one of its matter's indicators (-1: none). */
typedef struct CaseRow
{
	CaseLine   *l;
	text	   *indicator;
	int			ind_rank;		/* the indicator's rank among the codes (INT_MAX: none) */
	char	   *case_id;		/* source_system:id, NULL without an id */
	size_t		case_id_len;
} CaseRow;

static int
bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	return c != 0 ? c : (alen < blen ? -1 : (alen > blen ? 1 : 0));
}

/* Lines by id (bytes), then by line: a repeated id's lines side by side. */
static int
caseline_id_cmp(const void *a, const void *b)
{
	const CaseLine *x = *(CaseLine *const *) a;
	const CaseLine *y = *(CaseLine *const *) b;
	int			c = bytes_cmp(x->id, x->idlen, y->id, y->idlen);

	return c != 0 ? c : (x->line < y->line ? -1 : (x->line > y->line ? 1 : 0));
}

/*
 * Rows in the order of cases' primary key (indicator, case id; bytewise, which is the key's
 * order in a database of collation C or C.UTF-8): the insert then meets its b-tree's right
 * edge.  Rows without an indicator, then without an id, last.
 */
static int
caserow_cmp(const void *a, const void *b)
{
	const CaseRow *x = a;
	const CaseRow *y = b;
	int			c;

	if (x->ind_rank != y->ind_rank)
		return x->ind_rank < y->ind_rank ? -1 : 1;
	if ((x->case_id == NULL) != (y->case_id == NULL))
		return x->case_id == NULL ? 1 : -1;
	if (x->case_id != NULL && (c = bytes_cmp(x->case_id, x->case_id_len, y->case_id, y->case_id_len)) != 0)
		return c;
	return x->l->line < y->l->line ? -1 : (x->l->line > y->l->line ? 1 : 0);
}

/*
 * case_rows(document text, columns text[], source_system text, organizations text[],
 * matters text[]) RETURNS TABLE (line, id, matter, organization_code, indicator_code,
 * case_id, started, finished, fault): a cases extract (CSV) read and mapped for load_cases
 * in one pass.  columns name the id, matter type, organisation, pending day and (optional)
 * decision day columns as read_csv's specifications; organizations and matters are pairs
 * (lower-case name, code) and (lower-case matter type, indicator code).  Each line gives
 * one row per indicator its matter maps to (one row without an indicator when none): the id
 * trimmed, the matter type and the organisation lower-case trimmed and looked up, the days
 * read as load_date reads them (an invalid day is an error naming the line and field),
 * case_id = source_system:id.  fault marks a line that load_cases must refuse: a missing id,
 * matter type, organisation or pending day, a decision before the pending day, an unknown
 * organisation, or an id on two lines.  Rows come in the order of cases' primary key.
 */
PG_FUNCTION_INFO_V1(case_rows);
Datum
case_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			coll = OidIsValid(PG_GET_COLLATION()) ? PG_GET_COLLATION() : DEFAULT_COLLATION_OID;
	text	   *doc;
	text	   *sys;
	Specs		s;
	char		sep;
	CsvReader	r;
	CsvField   *fields;
	int			nheader;
	int			pos[5];
	LoadError	err;
	NameMap		orgs,
				matters;
	CaseLine   *lines;
	int64		nlines = 0,
				caplines = 1024;
	CaseRow    *rows;
	int64		nrows = 0;
	CaseLine  **byid;
	int64		nbyid = 0;
	int64		bad_line = 0;	/* the first invalid day: its line, column and text */
	int			bad_col = 0;
	const char *bad_raw = NULL;
	size_t		bad_len = 0;
	static const char *const what[5] = {"id", "asiatyyppi", "organisaatio", "vireille", "ratkaistu"};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		InitMaterializedSRF(fcinfo, 0);
		return (Datum) 0;
	}
	doc = PG_GETARG_TEXT_PP(0);
	s = read_specs(PG_GETARG_ARRAYTYPE_P(1));
	if (s.n != 5)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("case_rows needs 5 column specifications, got %d", s.n),
						errdetail("Name the id, matter type, organisation, pending day and decision day columns.")));
	sys = PG_GETARG_TEXT_PP(2);
	namemap_init(&orgs, PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3), coll);
	namemap_init(&matters, PG_ARGISNULL(4) ? NULL : PG_GETARG_ARRAYTYPE_P(4), coll);
	sep = csv_detect_separator(VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc));
	InitMaterializedSRF(fcinfo, 0);

	fields = palloc(sizeof(CsvField) * LOAD_MAX_FIELDS);
	csv_init(&r, VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc), sep);
	nheader = csv_header(&r, &s, sep, fields, pos);

	lines = palloc(sizeof(CaseLine) * caplines);
	while (csv_record(&r, fields, nheader, sep))
	{
		CaseLine   *l;
		const char *v[5];
		size_t		vlen[5];

		/* after an invalid day only the file's structure is checked (see below) */
		if (bad_line != 0)
			continue;
		if (nlines == caplines)
			lines = grow_array(lines, &caplines, sizeof(CaseLine), "a cases extract");
		l = &lines[nlines++];
		memset(l, 0, sizeof(*l));
		l->line = r.record_line;
		for (int i = 0; i < 5; i++)
		{
			v[i] = NULL;
			vlen[i] = 0;
			if (pos[i] >= 0)
				v[i] = case_field(&fields[pos[i]], &vlen[i]);
		}
		/* the days as load_date reads the field as written (only spaces around are ignored) */
		for (int i = 3; i < 5; i++)
		{
			const char *raw;
			size_t		rawlen;
			int			y,
						mo,
						d;

			if (v[i] == NULL)
				continue;
			raw = field_raw(&fields[pos[i]], &rawlen);
			if (load_date(raw, rawlen, &y, &mo, &d, NULL, &err) == LOAD_OK)
			{
				if (i == 3)
					l->started = date2j(y, mo, d) - POSTGRES_EPOCH_JDATE, l->has_started = true;
				else
					l->finished = date2j(y, mo, d) - POSTGRES_EPOCH_JDATE, l->has_finished = true;
			}
			else
			{
				bad_line = l->line, bad_col = i, bad_raw = raw, bad_len = rawlen;
				break;
			}
		}
		if (bad_line != 0)
		{
			nlines--;
			continue;
		}
		l->id = v[0];
		l->idlen = vlen[0];
		/* (the slots move when the cache grows: what they hold is copied) */
		l->matter_key = l->org_key = -1;
		if (v[1] != NULL)
		{
			NameSlot   *slot = namemap_find(&matters, v[1], vlen[1]);

			l->matter = slot->low;
			l->matter_key = slot->key;
		}
		if (v[2] != NULL)
		{
			l->has_org = true;
			l->org_key = namemap_find(&orgs, v[2], vlen[2])->key;
		}
		l->fault = v[0] == NULL || v[1] == NULL || v[2] == NULL || !l->has_started ||
			(l->has_finished && l->finished < l->started) || (l->has_org && l->org_key < 0);
	}

	/*
	 * The first invalid day, raised once the whole file is read: load_cases read the file
	 * (read_csv) before it converted a day, so an error in the file's structure on a later
	 * line comes first, as it did.
	 */
	if (bad_line != 0)
		(void) parse_date_at(bad_raw, bad_len, NULL, "date",
							 psprintf("line %lld, field \"%s\"", (long long) bad_line, what[bad_col]));

	/* an id on two lines: both faulty */
	byid = palloc(sizeof(CaseLine *) * (nlines + 1));
	for (int64 i = 0; i < nlines; i++)
		if (lines[i].id != NULL)
			byid[nbyid++] = &lines[i];
	qsort(byid, nbyid, sizeof(CaseLine *), caseline_id_cmp);
	for (int64 i = 1; i < nbyid; i++)
		if (bytes_cmp(byid[i - 1]->id, byid[i - 1]->idlen, byid[i]->id, byid[i]->idlen) == 0)
			byid[i - 1]->fault = byid[i]->fault = true;
	pfree(byid);

	/* the rows: one per indicator of the line's matter */
	{
		int64		caprows = nlines + 1;

		for (int64 i = 0; i < nlines; i++)
			if (lines[i].matter_key >= 0)
				caprows += matters.keys[lines[i].matter_key].count;
		rows = palloc_extended(sizeof(CaseRow) * caprows, MCXT_ALLOC_HUGE);
	}
	for (int64 i = 0; i < nlines; i++)
	{
		CaseLine   *l = &lines[i];
		int			first = 0,
					count = 0;
		char	   *case_id = NULL;
		size_t		case_id_len = 0;

		CHECK_FOR_INTERRUPTS();
		if (l->id != NULL)
		{
			size_t		syslen = VARSIZE_ANY_EXHDR(sys);

			case_id_len = syslen + 1 + l->idlen;
			case_id = palloc(case_id_len);
			memcpy(case_id, VARDATA_ANY(sys), syslen);
			case_id[syslen] = ':';
			memcpy(case_id + syslen + 1, l->id, l->idlen);
		}
		if (l->matter_key >= 0)
			first = matters.keys[l->matter_key].first, count = matters.keys[l->matter_key].count;
		for (int k = 0; k < Max(count, 1); k++)
		{
			rows[nrows].l = l;
			rows[nrows].indicator = count > 0 ? matters.vals[first + k] : NULL;
			rows[nrows].ind_rank = count > 0 ? matters.rank[first + k] : INT_MAX;
			rows[nrows].case_id = case_id;
			rows[nrows].case_id_len = case_id_len;
			nrows++;
		}
	}
	qsort(rows, nrows, sizeof(CaseRow), caserow_cmp);

	for (int64 i = 0; i < nrows; i++)
	{
		CaseRow    *row = &rows[i];
		CaseLine   *l = row->l;
		Datum		out[9];
		bool		isnull[9] = {false};

		CHECK_FOR_INTERRUPTS();
		out[0] = Int64GetDatum(l->line);
		if (l->id != NULL)
			out[1] = PointerGetDatum(cstring_to_text_with_len(l->id, (int) l->idlen));
		else
			isnull[1] = true;
		if (l->matter != NULL)
			out[2] = PointerGetDatum(cstring_to_text(l->matter));
		else
			isnull[2] = true;
		if (l->org_key >= 0)
			out[3] = PointerGetDatum(orgs.vals[orgs.keys[l->org_key].first]);
		else
			isnull[3] = true;
		if (row->indicator != NULL)
			out[4] = PointerGetDatum(row->indicator);
		else
			isnull[4] = true;
		if (row->case_id != NULL)
			out[5] = PointerGetDatum(cstring_to_text_with_len(row->case_id, (int) row->case_id_len));
		else
			isnull[5] = true;
		out[6] = DateADTGetDatum(l->started);
		isnull[6] = !l->has_started;
		out[7] = DateADTGetDatum(l->finished);
		isnull[7] = !l->has_finished;
		out[8] = BoolGetDatum(l->fault);
		tuplestore_putvalues(rsi->setResult, rsi->setDesc, out, isnull);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- measurements */

/* The value of an exact key of a map (no lower-casing): its first value, NULL if none. */
static text *
namemap_get(NameMap *m, const char *s, size_t len)
{
	MapKey		probe;
	MapKey	   *hit;

	probe.key = s;
	probe.len = len;
	hit = bsearch(&probe, m->keys, m->nkeys, sizeof(MapKey), mapkey_cmp);
	return hit ? m->vals[hit->first] : NULL;
}

/*
 * A field's number as load_number reads it: its normalised text into out (LOAD_NUM_BUFLEN
 * bytes); 1 for a number, 0 when the field is empty; when it is no number, the error
 * naming the place if raise, else -1.
 */
static int
meas_number(CsvField *f, int64 line, const char *field, bool raise, char *out)
{
	size_t		len;
	const char *p = field_raw(f, &len);
	LoadError	err;

	if (len == 0)
		return 0;
	if (load_number(p, len, out, &err) != LOAD_OK)
	{
		if (!raise)
			return -1;
		ereport(ERROR,
				(errcode(err.status == LOAD_ERR_RANGE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid number \"%s\" on line %lld, field \"%s\"", quote_text(p, len), (long long) line, field),
				 errdetail_internal("%s", err.detail)));
	}
	return 1;
}

/* A field's day as load_date reads it; 1, 0 when the field is empty, -1 or the error as meas_number. */
static int
meas_date(CsvField *f, int64 line, const char *field, bool raise, DateADT *out)
{
	size_t		len;
	const char *p = field_raw(f, &len);
	int			y,
				m,
				d;
	LoadError	err;

	if (len == 0)
		return 0;
	if (load_date(p, len, &y, &m, &d, NULL, &err) == LOAD_OK)
		*out = date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
	else if (!raise)
		return -1;
	else
		*out = parse_date_at(p, len, NULL, "date", psprintf("line %lld, field \"%s\"", (long long) line, field));
	return 1;
}

/* One measurement of a file. */
typedef struct MeasRow
{
	int64		line;
	text	   *indicator;		/* NULL: unknown or empty */
	text	   *organization;
	DateADT		ps;
	DateADT		pe;
	bool		has_period;
	int			org_rank;		/* the codes' ranks (INT_MAX: none), for sorting */
	int			ind_rank;
	Datum		value;			/* (Datum) 0 for a line with a problem */
	text	   *source;
	bool		problem;
} MeasRow;

/* By the primary key of measurements (organisation, indicator, period; bytewise), then line. */
static int
measrow_cmp(const void *a, const void *b)
{
	const MeasRow *x = *(MeasRow *const *) a;
	const MeasRow *y = *(MeasRow *const *) b;

	if (x->org_rank != y->org_rank)
		return x->org_rank < y->org_rank ? -1 : 1;
	if (x->ind_rank != y->ind_rank)
		return x->ind_rank < y->ind_rank ? -1 : 1;
	if (x->has_period != y->has_period)
		return x->has_period ? -1 : 1;
	if (x->ps != y->ps)
		return x->ps < y->ps ? -1 : 1;
	if (x->pe != y->pe)
		return x->pe < y->pe ? -1 : 1;
	return x->line < y->line ? -1 : (x->line > y->line ? 1 : 0);
}

/* Whether two rows (both with a key) are of the same measurement. */
static bool
measrow_same_key(const MeasRow *x, const MeasRow *y)
{
	return x->organization != NULL && x->indicator != NULL && x->has_period && y->has_period &&
		x->org_rank == y->org_rank && x->ind_rank == y->ind_rank && x->ps == y->ps && x->pe == y->pe;
}

extern Datum indicator_in(PG_FUNCTION_ARGS);

/*
 * measurement_rows(document text, columns text[], source text, indicators text[], units
 * text[], organizations text[]) RETURNS TABLE (line, indicator_code, organization_code,
 * period_start, period_end, value, source, problem): the statistics unit's CSV read and
 * mapped for load_measurements' fast path in one pass.  columns name the indicator,
 * organisation, alku, loppu, vuosi, osoittaja, nimittäjä, arvo and lähde columns as
 * read_csv's specifications; indicators and organizations are pairs (lower-case name,
 * code), units pairs (indicator code, unit).  Numbers and days are read as load_number and
 * load_date read them, in the order of the columns (an invalid one is an error naming the
 * line and field); a year gives 1.1.-31.12.; the value is osoittaja/nimittäjä or arvo in the
 * indicator's unit.  problem marks a line the careful path must decide: an empty or unknown
 * name, an indicator in a unit a file cannot give, no period or a year outside 1-9999, not
 * exactly a ratio or a value, a period ending before it starts, a ratio with a denominator
 * not above zero, a negative numerator or a share above its denominator, or a key on two
 * lines (both).  Rows come in the order of the table's primary key.
 */
PG_FUNCTION_INFO_V1(measurement_rows);
Datum
measurement_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			coll = OidIsValid(PG_GET_COLLATION()) ? PG_GET_COLLATION() : DEFAULT_COLLATION_OID;
	text	   *doc;
	text	   *source = PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2);
	Specs		s;
	char		sep;
	CsvReader	r;
	CsvField   *fields;
	int			nheader;
	int			pos[9];
	NameMap		inds,
				units,
				orgs;
	MeasRow    *rows;
	MeasRow   **sorted;
	int64		nrows = 0,
				caprows = 1024;
	MemoryContext rowcxt;
	int64		bad_line = 0;	/* the first line with an invalid number or day */
	CsvField	bad[9];
	static const char *const what[9] = {"indikaattori", "organisaatio", "alku", "loppu", "vuosi",
	"osoittaja", "nimittäjä", "arvo", "lähde"};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
	{
		InitMaterializedSRF(fcinfo, 0);
		return (Datum) 0;
	}
	doc = PG_GETARG_TEXT_PP(0);
	s = read_specs(PG_GETARG_ARRAYTYPE_P(1));
	if (s.n != 9)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("measurement_rows needs 9 column specifications, got %d", s.n),
						errdetail("Name the indicator, organisation, alku, loppu, vuosi, osoittaja, nimittäjä, arvo and lähde columns.")));
	namemap_init(&inds, PG_ARGISNULL(3) ? NULL : PG_GETARG_ARRAYTYPE_P(3), coll);
	namemap_init(&units, PG_ARGISNULL(4) ? NULL : PG_GETARG_ARRAYTYPE_P(4), coll);
	namemap_init(&orgs, PG_ARGISNULL(5) ? NULL : PG_GETARG_ARRAYTYPE_P(5), coll);
	sep = csv_detect_separator(VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc));
	InitMaterializedSRF(fcinfo, 0);
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "measurement_rows line", ALLOCSET_SMALL_SIZES);

	fields = palloc(sizeof(CsvField) * LOAD_MAX_FIELDS);
	csv_init(&r, VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc), sep);
	nheader = csv_header(&r, &s, sep, fields, pos);
	rows = palloc(sizeof(MeasRow) * caprows);
	while (csv_record(&r, fields, nheader, sep))
	{
		static CsvField none = {"", 0, false};
		CsvField   *f[9];
		MeasRow    *m;
		const char *name;
		size_t		namelen;
		DateADT		alku = 0,
					loppu = 0;
		bool		has_alku,
					has_loppu,
					has_year,
					has_num,
					has_den,
					has_val;
		char		nyear[LOAD_NUM_BUFLEN],
					nnum[LOAD_NUM_BUFLEN],
					nden[LOAD_NUM_BUFLEN],
					nval[LOAD_NUM_BUFLEN];
		const char *unit = NULL;
		size_t		unitlen = 0;
		bool		problem = false;
		MemoryContext old;

		/* after an invalid number or day only the file's structure is checked (see below) */
		if (bad_line != 0)
			continue;
		if (nrows == caprows)
			rows = grow_array(rows, &caprows, sizeof(MeasRow), "a measurements file");
		m = &rows[nrows++];
		memset(m, 0, sizeof(*m));
		m->line = r.record_line;
		m->org_rank = m->ind_rank = INT_MAX;
		for (int i = 0; i < 9; i++)
			f[i] = pos[i] >= 0 ? &fields[pos[i]] : &none;

		/* the fields in column order, as the careful path reads them (scratch memory) */
		old = MemoryContextSwitchTo(rowcxt);
		{
			int			c[6];

			c[0] = meas_date(f[2], m->line, what[2], false, &alku);
			c[1] = meas_date(f[3], m->line, what[3], false, &loppu);
			c[2] = meas_number(f[4], m->line, what[4], false, nyear);
			c[3] = meas_number(f[5], m->line, what[5], false, nnum);
			c[4] = meas_number(f[6], m->line, what[6], false, nden);
			c[5] = meas_number(f[7], m->line, what[7], false, nval);
			MemoryContextSwitchTo(old);
			MemoryContextReset(rowcxt);
			if (c[0] < 0 || c[1] < 0 || c[2] < 0 || c[3] < 0 || c[4] < 0 || c[5] < 0)
			{
				bad_line = m->line;
				for (int i = 0; i < 9; i++)
					bad[i] = *f[i];
				nrows--;
				continue;
			}
			has_alku = c[0] > 0, has_loppu = c[1] > 0, has_year = c[2] > 0;
			has_num = c[3] > 0, has_den = c[4] > 0, has_val = c[5] > 0;
		}
		if (f[8]->len > 0)
		{
			size_t		len = f[8]->len;

			if (f[8]->escaped)
			{
				char	   *buf = palloc(len + 1);

				len = csv_unescape(f[8], buf);
				m->source = cstring_to_text_with_len(buf, (int) len);
				pfree(buf);
			}
			else
				m->source = cstring_to_text_with_len(f[8]->p, (int) len);
		}
		else
			m->source = source;

		/* names: lower-case trimmed, then the maps */
		if ((name = case_field(f[0], &namelen)) != NULL)
		{
			NameSlot   *slot = namemap_find(&inds, name, namelen);

			if (slot->key >= 0)
			{
				m->indicator = inds.vals[inds.keys[slot->key].first];
				m->ind_rank = inds.rank[inds.keys[slot->key].first];
			}
		}
		if ((name = case_field(f[1], &namelen)) != NULL)
		{
			NameSlot   *slot = namemap_find(&orgs, name, namelen);

			if (slot->key >= 0)
			{
				m->organization = orgs.vals[orgs.keys[slot->key].first];
				m->org_rank = orgs.rank[orgs.keys[slot->key].first];
			}
		}
		if (m->indicator != NULL)
		{
			text	   *u = namemap_get(&units, VARDATA_ANY(m->indicator), VARSIZE_ANY_EXHDR(m->indicator));

			if (u != NULL)
				unit = VARDATA_ANY(u), unitlen = VARSIZE_ANY_EXHDR(u);
		}

		/*
		 * The period: alku and loppu, else the year's.  A year that is not a whole number
		 * 1-9999 is left to the careful path (no period here), as is any doubt below: a
		 * problem only sends the file there, where every check is exact.
		 */
		if (has_year && (!has_alku || !has_loppu) && strspn(nyear, "0123456789") == strlen(nyear) &&
			load_number_cmp(nyear, "1") >= 0 && load_number_cmp(nyear, "9999") <= 0)
		{
			int			y = atoi(nyear);

			if (!has_alku)
				alku = date2j(y, 1, 1) - POSTGRES_EPOCH_JDATE, has_alku = true;
			if (!has_loppu)
				loppu = date2j(y, 12, 31) - POSTGRES_EPOCH_JDATE, has_loppu = true;
		}
		m->has_period = has_alku && has_loppu;
		m->ps = alku;
		m->pe = loppu;

		problem = m->indicator == NULL || m->organization == NULL || !m->has_period || unit == NULL ||
			!(unitlen == 0 || (unitlen == 1 && (unit[0] == '%' || unit[0] == 'd'))) ||
			(!has_val ? (!has_num || !has_den) : (has_num || has_den)) ||
			loppu < alku;
		/* (exact comparisons of the numbers' digits; a minus zero is left to the careful path too) */
		if (!problem && has_num)
			problem = load_number_cmp(nden, "0") <= 0 || nnum[0] == '-' ||
				(unitlen == 1 && unit[0] == '%' && load_number_cmp(nnum, nden) > 0);
		if (!problem)
		{
			/* the value in the indicator's unit, as the careful path writes it */
			const char *suffix = unitlen == 1 && unit[0] == 'd' ? " d" : "";
			char		str[2 * LOAD_NUM_BUFLEN + 8];

			if (has_num)
				snprintf(str, sizeof(str), "%s/%s%s", nnum, nden, suffix);
			else
				snprintf(str, sizeof(str), "%s%s", nval, unitlen == 1 && unit[0] == '%' ? "%" : suffix);
			m->value = DirectFunctionCall1(indicator_in, CStringGetDatum(str));
		}
		m->problem = problem;
	}

	/*
	 * The first invalid number or day, raised once the whole file is read and in the order
	 * of the columns: load_measurements read the file (read_csv) before it converted a
	 * field, so an error in the file's structure on a later line comes first, as it did.
	 */
	if (bad_line != 0)
	{
		char		buf[LOAD_NUM_BUFLEN];
		DateADT		day;

		(void) meas_date(&bad[2], bad_line, what[2], true, &day);
		(void) meas_date(&bad[3], bad_line, what[3], true, &day);
		for (int i = 4; i < 8; i++)
			(void) meas_number(&bad[i], bad_line, what[i], true, buf);
		elog(ERROR, "measurement_rows: line %lld has no invalid field", (long long) bad_line);
	}

	/* rows in key order; a key on two lines: both are problems */
	sorted = palloc_extended(sizeof(MeasRow *) * (nrows + 1), MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < nrows; i++)
		sorted[i] = &rows[i];
	qsort(sorted, nrows, sizeof(MeasRow *), measrow_cmp);
	for (int64 i = 1; i < nrows; i++)
		if (measrow_same_key(sorted[i - 1], sorted[i]))
			sorted[i - 1]->problem = sorted[i]->problem = true;

	for (int64 i = 0; i < nrows; i++)
	{
		MeasRow    *m = sorted[i];
		Datum		out[8];
		bool		isnull[8] = {false};

		CHECK_FOR_INTERRUPTS();
		out[0] = Int64GetDatum(m->line);
		out[1] = PointerGetDatum(m->indicator);
		isnull[1] = m->indicator == NULL;
		out[2] = PointerGetDatum(m->organization);
		isnull[2] = m->organization == NULL;
		out[3] = DateADTGetDatum(m->ps);
		out[4] = DateADTGetDatum(m->pe);
		isnull[3] = isnull[4] = !m->has_period;
		out[5] = m->value;
		isnull[5] = m->problem || m->value == (Datum) 0;
		out[6] = PointerGetDatum(m->source);
		isnull[6] = m->source == NULL;
		out[7] = BoolGetDatum(m->problem);
		tuplestore_putvalues(rsi->setResult, rsi->setDesc, out, isnull);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- responses */

/* The index (1..count) of s among names[1..count], 0 if none. */
static int
load_enum(const char *const *names, int count, const char *s, size_t len)
{
	for (int i = 1; i <= count; i++)
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
			return i;
	return 0;
}

/*
 * A label's score in labels (an object: label -> score, JSON null = don't know) as
 * loader_answer reads it: 1-5 into *score (FB_DONT_KNOW for null); 0 when the label is
 * there without such a score, -1 when it is not there.
 */
static int
load_label(Jsonb *labels, const char *s, size_t len, int *score)
{
	JsonbValue	buf;
	JsonbValue *v;
	char	   *num = NULL;
	const char *t;
	size_t		tlen;

	if (labels == NULL || !JB_ROOT_IS_OBJECT(labels))
		return -1;
	v = getKeyJsonValueFromContainer(&labels->root, s, (uint32) len, &buf);
	if (v == NULL)
		return -1;
	if (v->type == jbvNull)
	{
		*score = FB_DONT_KNOW;
		return 1;
	}
	if (v->type == jbvString)
		t = v->val.string.val, tlen = (size_t) v->val.string.len;
	else if (v->type == jbvNumeric)
	{
		num = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
		t = num, tlen = strlen(num);
	}
	else
		return 0;
	if (tlen == 1 && t[0] >= '1' && t[0] <= '5')
	{
		*score = t[0] - '0';
		return 1;
	}
	return 0;
}

/*
 * A memo of what a field's text maps to, by the text's bytes: the organisation, service,
 * recommendation and answer texts of an export repeat on every record, so each distinct
 * text is mapped once.  Open addressing over MEMO_SLOTS slots, at most half of them used
 * (a field with more distinct texts is mapped each time), texts of at most MEMO_MAX_TEXT
 * bytes; keys and values live in cxt.
 */
#define MEMO_SLOTS 1024
#define MEMO_MAX_TEXT 1024		/* longer texts are no names: not remembered */

typedef struct MemoSlot
{
	char	   *key;			/* NULL: empty */
	uint32		len;
	uint32		hash;
	text	   *value;			/* a mapped text (NULL for none) */
	int			ival;			/* or a mapped number */
	int			ival2;
} MemoSlot;

typedef struct Memo
{
	MemoSlot   *slots;			/* NULL until first used */
	int			used;
	MemoryContext cxt;
} Memo;

/*
 * The slot of text s[0..len): *found tells whether it holds the text's mapping; a slot not
 * found is to be filled by memo_fill (NULL when the memo is full: map without it).
 */
static MemoSlot *
memo_find(Memo *m, const char *s, size_t len, bool *found)
{
	uint32		h;
	uint32		i;

	*found = false;
	if (m == NULL || len > MEMO_MAX_TEXT)
		return NULL;
	h = hash_bytes((const unsigned char *) s, (int) len);
	if (m->slots == NULL)
		m->slots = MemoryContextAllocZero(m->cxt, sizeof(MemoSlot) * MEMO_SLOTS);
	for (i = h & (MEMO_SLOTS - 1); m->slots[i].key != NULL; i = (i + 1) & (MEMO_SLOTS - 1))
		if (m->slots[i].hash == h && m->slots[i].len == len && memcmp(m->slots[i].key, s, len) == 0)
		{
			*found = true;
			return &m->slots[i];
		}
	if (m->used >= MEMO_SLOTS / 2)
		return NULL;
	m->slots[i].hash = h;
	m->slots[i].len = (uint32) len;
	return &m->slots[i];
}

/* Fills a slot memo_find gave for s[0..len) with a mapping (value copied into the memo). */
static void
memo_fill(Memo *m, MemoSlot *slot, const char *s, size_t len, text *value, int ival, int ival2)
{
	if (slot == NULL)
		return;
	slot->key = MemoryContextAlloc(m->cxt, len + 1);
	memcpy(slot->key, s, len);
	slot->key[len] = '\0';
	slot->value = NULL;
	if (value)
	{
		slot->value = MemoryContextAlloc(m->cxt, VARSIZE_ANY(value));
		memcpy(slot->value, value, VARSIZE_ANY(value));
	}
	slot->ival = ival;
	slot->ival2 = ival2;
	m->used++;
}

/*
 * A record's response as load_response builds it (see there); NULL when none can be built.
 * role, channel and lang may be NULL; nps < 0 means none; statements and answers as
 * deconstructed arrays (answers[first - 1 + i] answers statements[i]); memo (or NULL)
 * remembers each answer text's score across calls (labels must be the same for all).
 */
static bytea *
response_build(text *role, text *channel, int nps, text *lang, Datum *codes, bool *codenulls, int ncodes,
			   Datum *answers, bool *answernulls, int nanswers, int first, Jsonb *labels, Oid coll, Memo *memo)
{
	FbValue		v;

	memset(&v, 0, offsetof(FbValue, items));
	v.nps = FB_NPS_NONE;
	if (role != NULL &&
		(v.role = (uint8_t) load_enum(fb_roles, FB_NROLES, VARDATA_ANY(role), VARSIZE_ANY_EXHDR(role))) == 0)
		return NULL;
	if (channel != NULL &&
		(v.channel = (uint8_t) load_enum(fb_channels, FB_NCHANNELS, VARDATA_ANY(channel), VARSIZE_ANY_EXHDR(channel))) == 0)
		return NULL;
	if (nps >= 0)
	{
		if (nps > 10)
			return NULL;
		v.nps = (uint8_t) nps;
	}
	if (lang != NULL)
	{
		const char *l = VARDATA_ANY(lang);
		int			n = (int) VARSIZE_ANY_EXHDR(lang);

		if (n < 2 || n > 3)
			return NULL;
		for (int i = 0; i < 3; i++)
		{
			int			c = 0;

			if (i < n)
			{
				if (l[i] < 'a' || l[i] > 'z')
					return NULL;
				c = l[i] - 'a' + 1;
			}
			v.lang = (uint16_t) ((v.lang << 5) | c);
		}
	}
	for (int i = 0; i < ncodes; i++)
	{
		int64		k = (int64) first - 1 + i;
		text	   *code;
		text	   *a;
		const char *t;
		size_t		len;
		int			score = FB_DONT_KNOW;
		int			found;
		bool		known;
		MemoSlot   *slot;

		if (k < 0 || k >= nanswers || answernulls[k])
			continue;
		if (codenulls[i])
			return NULL;
		code = DatumGetTextPP(codes[i]);
		if (!fb_valid_code(VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code)) || v.nitems >= FB_MAX_ITEMS)
			return NULL;
		a = DatumGetTextPP(answers[k]);
		t = VARDATA_ANY(a);
		len = VARSIZE_ANY_EXHDR(a);
		slot = memo_find(memo, t, len, &known);
		if (known)
			found = slot->ival, score = slot->ival2;
		else if ((found = load_label(labels, t, len, &score)) < 0)
		{
			/* lower-case trimmed (spaces, as btrim), then a plain number 1-5 */
			size_t		b = 0,
						e = len;
			char	   *low;

			while (b < e && t[b] == ' ')
				b++;
			while (e > b && t[e - 1] == ' ')
				e--;
			low = str_tolower(t + b, e - b, coll);
			found = load_label(labels, low, strlen(low), &score);
			if (found < 0 && e - b == 1 && t[b] >= '1' && t[b] <= '5')
			{
				score = t[b] - '0';
				found = 1;
			}
		}
		if (!known)
			memo_fill(memo, slot, t, len, NULL, found, score);
		if (found <= 0)
			return NULL;
		v.items[v.nitems].len = (uint8_t) VARSIZE_ANY_EXHDR(code);
		v.items[v.nitems].score = (uint8_t) score;
		memset(v.items[v.nitems].code, 0, FB_MAX_CODE);
		memcpy(v.items[v.nitems].code, VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));
		v.nitems++;
	}
	if (v.nps == FB_NPS_NONE && v.nitems == 0)
		return NULL;
	qsort(v.items, v.nitems, sizeof(FbItem), fb_item_cmp);
	for (int i = 1; i < v.nitems; i++)
		if (fb_item_cmp(&v.items[i - 1], &v.items[i]) == 0)
			return NULL;
	return feedback_make(&v);
}

/*
 * load_response(role text, channel text, nps integer, lang text, statements text[],
 * fields text[], first integer, labels jsonb) RETURNS feedback: a loaded record's response
 * built without a JSON text.  statements[i] is answered by fields[first + i - 1] (NULL =
 * not answered), scored as the region's loader_answer scores it: the answer as written in
 * labels, else lower-case trimmed in labels (a score 1-5, JSON null = don't know), else a
 * plain number 1-5.  NULL when no response can be built: an unknown answer or one without a
 * statement score, an unknown role or channel, nps outside 0-10, lang not 2-3 letters a-z,
 * an invalid or repeated statement code, more than the allowed statements, or no answer at
 * all; the loader then finds the record's problem and names it.
 */
PG_FUNCTION_INFO_V1(load_response);
Datum
load_response(PG_FUNCTION_ARGS)
{
	Jsonb	   *labels = PG_ARGISNULL(7) ? NULL : PG_GETARG_JSONB_P(7);
	Oid			coll = OidIsValid(PG_GET_COLLATION()) ? PG_GET_COLLATION() : DEFAULT_COLLATION_OID;
	Datum	   *codes = NULL,
			   *answers = NULL;
	bool	   *codenulls = NULL,
			   *answernulls = NULL;
	int			ncodes = 0,
				nanswers = 0;
	int			nps = -1;
	bytea	   *r;

	if (!PG_ARGISNULL(2))
	{
		nps = PG_GETARG_INT32(2);
		if (nps < 0 || nps > 10)
			PG_RETURN_NULL();
	}
	if (!PG_ARGISNULL(4))
		deconstruct_array(PG_GETARG_ARRAYTYPE_P(4), TEXTOID, -1, false, TYPALIGN_INT, &codes, &codenulls, &ncodes);
	if (!PG_ARGISNULL(5))
		deconstruct_array(PG_GETARG_ARRAYTYPE_P(5), TEXTOID, -1, false, TYPALIGN_INT, &answers, &answernulls, &nanswers);
	r = response_build(PG_ARGISNULL(0) ? NULL : PG_GETARG_TEXT_PP(0), PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1),
					   nps, PG_ARGISNULL(3) ? NULL : PG_GETARG_TEXT_PP(3), codes, codenulls, ncodes,
					   answers, answernulls, nanswers, PG_ARGISNULL(6) ? 1 : PG_GETARG_INT32(6), labels, coll, NULL);
	if (r == NULL)
		PG_RETURN_NULL();
	PG_RETURN_BYTEA_P(r);
}

/* ---------------------------------------------------------------- feedback records */

/* obj ->> key as SQL reads it: the text of a string or number, NULL for null or no key. */
static text *
jb_text(Jsonb *obj, const char *key, size_t len)
{
	JsonbValue	buf;
	JsonbValue *v;

	if (obj == NULL || !JB_ROOT_IS_OBJECT(obj))
		return NULL;
	v = getKeyJsonValueFromContainer(&obj->root, key, (uint32) len, &buf);
	if (v == NULL || v->type == jbvNull)
		return NULL;
	if (v->type == jbvString)
		return cstring_to_text_with_len(v->val.string.val, v->val.string.len);
	if (v->type == jbvNumeric)
		return cstring_to_text(DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric))));
	if (v->type == jbvBool)
		return cstring_to_text(v->val.boolean ? "true" : "false");
	return NULL;					/* (the maps hold no arrays or objects) */
}

/* (obj ->> key)::integer when obj -> key is a JSON number (jsonb_typeof 'number'); false otherwise. */
static bool
jb_number(Jsonb *obj, const char *key, size_t len, int *out)
{
	JsonbValue	buf;
	JsonbValue *v;

	if (obj == NULL || !JB_ROOT_IS_OBJECT(obj))
		return false;
	v = getKeyJsonValueFromContainer(&obj->root, key, (uint32) len, &buf);
	if (v == NULL || v->type != jbvNumeric)
		return false;
	*out = DatumGetInt32(DirectFunctionCall1(numeric_int4, NumericGetDatum(v->val.numeric)));
	return true;
}

/* A member of the mapping object: a JSON object (or NULL), a string (or NULL). */
static Jsonb *
mapping_object(Jsonb *mapping, const char *key)
{
	JsonbValue	buf;
	JsonbValue *v = getKeyJsonValueFromContainer(&mapping->root, key, (uint32) strlen(key), &buf);

	if (v == NULL || v->type == jbvNull)
		return NULL;
	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("feedback_rows: mapping member \"%s\" is not an object", key),
						errdetail("The mapping's maps are JSON objects of names to codes or scores.")));
	return JsonbValueToJsonb(v);
}

static text *
mapping_text(Jsonb *mapping, const char *key)
{
	return jb_text(mapping, key, strlen(key));
}

/* What feedback_rows needs while it reads the records. */
typedef struct FeedbackSink
{
	ReturnSetInfo *rsi;
	Oid			coll;
	const char *unit;			/* "line" or "record", for messages */
	const char *submitted_column;
	Datum		time_zone;		/* text */
	/*
	 * The zone's offset (local time - UTC) over one local hour, as timestamp_zone gives it
	 * at both ends of the hour (valid: equal at both, so for the whole hour, as no zone
	 * changes its offset twice within an hour); known: the hour of the last record.
	 */
	int64		tz_hour;
	int64		tz_offset;
	bool		tz_known;
	bool		tz_valid;
	text	   *organization;	/* the survey's own organisation and service, or NULL */
	text	   *service;
	text	   *role;
	text	   *channel;
	text	   *survey;			/* the survey's code, for response_id (or NULL) */
	Jsonb	   *omap,
			   *olow,
			   *vmap,
			   *vlow,
			   *nmap,
			   *amap,
			   *lmap;
	Datum	   *stmts;
	bool	   *stmtnulls;
	int			nstmts;
	int			nfields;
	/* the submitted records' ids seen so far (open addressing; ids copied) */
	char	  **ids;
	uint32	   *idlens;
	uint32		idmask;
	uint32		nids;
	MemoryContext idcxt;		/* where they live */
	MemoryContext recxt;		/* a record's mapping (reset after each) */
	/* the organisation, service and recommendation texts and the answer labels mapped */
	Memo		omemo,
				vmemo,
				nmemo,
				amemo;
	/*
	 * The first record with an invalid time: raised once the whole document is read (the
	 * loaders read it before they converted a field: an error in its structure on a later
	 * record comes first)
	 */
	int64		bad_line;
	char	   *bad_text;
	size_t		bad_len;
} FeedbackSink;

/* Whether a submitted record's id was seen before (else it is remembered). */
static bool
id_seen(FeedbackSink *fs, const char *id, size_t len)
{
	uint32		h = hash_bytes((const unsigned char *) id, (int) len);
	uint32		i;

	if (fs->ids == NULL || (fs->nids + 1) * 2 > fs->idmask)
	{
		/* (re)build the table twice the size */
		char	  **old = fs->ids;
		uint32	   *oldlens = fs->idlens;
		uint32		oldsize = old ? fs->idmask + 1 : 0;

		if (oldsize >= (uint32) 1 << 30)
			ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							errmsg("too many responses in one export"),
							errdetail("Split the export into smaller files.")));
		fs->idmask = oldsize ? 2 * oldsize - 1 : 1023;
		fs->ids = palloc_extended(sizeof(char *) * (fs->idmask + 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		fs->idlens = palloc_extended(sizeof(uint32) * (fs->idmask + 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		for (uint32 k = 0; k < oldsize; k++)
		{
			uint32		j;

			if (old[k] == NULL)
				continue;
			for (j = hash_bytes((const unsigned char *) old[k], (int) oldlens[k]) & fs->idmask; fs->ids[j] != NULL; j = (j + 1) & fs->idmask)
				;
			fs->ids[j] = old[k];
			fs->idlens[j] = oldlens[k];
		}
		if (old)
			pfree(old), pfree(oldlens);
	}
	for (i = h & fs->idmask; fs->ids[i] != NULL; i = (i + 1) & fs->idmask)
		if (fs->idlens[i] == len && memcmp(fs->ids[i], id, len) == 0)
			return true;
	fs->ids[i] = pnstrdup(id, len);
	fs->idlens[i] = (uint32) len;
	fs->nids++;
	return false;
}

/*
 * A local time in the region's zone (timestamp AT TIME ZONE time_zone), the zone's offset
 * reused within a local hour once both ends of the hour are known to have it: records of
 * an export come minutes apart, so most need no zone look-up.
 */
static TimestampTz
local_to_zone(FeedbackSink *fs, Timestamp ts)
{
	int64		hour = ts / USECS_PER_HOUR - (ts % USECS_PER_HOUR < 0 ? 1 : 0);
	TimestampTz r;

	if (fs->tz_known && hour == fs->tz_hour)
	{
		if (!fs->tz_valid)
		{
			/* a second record in this hour: check both ends of the hour once */
			Timestamp	start = hour * USECS_PER_HOUR,
						end = start + USECS_PER_HOUR - 1;
			int64		o1 = start - DatumGetTimestampTz(DirectFunctionCall2(timestamp_zone, fs->time_zone, TimestampGetDatum(start)));
			int64		o2 = end - DatumGetTimestampTz(DirectFunctionCall2(timestamp_zone, fs->time_zone, TimestampGetDatum(end)));

			fs->tz_valid = o1 == o2;
			fs->tz_offset = o1;
		}
		if (fs->tz_valid)
			return ts - fs->tz_offset;
		return DatumGetTimestampTz(DirectFunctionCall2(timestamp_zone, fs->time_zone, TimestampGetDatum(ts)));
	}
	r = DatumGetTimestampTz(DirectFunctionCall2(timestamp_zone, fs->time_zone, TimestampGetDatum(ts)));
	fs->tz_known = true;
	fs->tz_valid = false;
	fs->tz_hour = hour;
	return r;
}

/* A text field trimmed of spaces (btrim): its bytes; NULL for a NULL field. */
static const char *
field_trimmed(Datum *vals, bool *nulls, int i, size_t *len)
{
	text	   *t;
	const char *p;
	size_t		n;

	if (nulls[i])
		return NULL;
	t = DatumGetTextPP(vals[i]);
	p = VARDATA_ANY(t);
	n = VARSIZE_ANY_EXHDR(t);
	while (n > 0 && p[0] == ' ')
		p++, n--;
	while (n > 0 && p[n - 1] == ' ')
		n--;
	*len = n;
	return p;
}

/* The name map's code of a field: as written (exact), else lower-case trimmed. */
static text *
field_code(FeedbackSink *fs, Jsonb *exact, Jsonb *low, Memo *memo, Datum *vals, bool *nulls, int i)
{
	text	   *t;
	text	   *code;
	const char *p;
	size_t		n;
	char	   *l;
	bool		known;
	MemoSlot   *slot;

	if (nulls[i])
		return NULL;
	t = DatumGetTextPP(vals[i]);
	slot = memo_find(memo, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &known);
	if (known)
		return slot->value;
	if ((code = jb_text(exact, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t))) == NULL)
	{
		p = field_trimmed(vals, nulls, i, &n);
		l = str_tolower(p, n, fs->coll);
		code = jb_text(low, l, strlen(l));
	}
	memo_fill(memo, slot, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), code, 0, 0);
	return code;
}

/* One record mapped as load_feedback's pass maps it, into the result. */
static void
feedback_map(FeedbackSink *fs, int64 line, Datum *vals, bool *nulls)
{
	Datum		out[14];
	bool		isnull[14] = {false};
	bool		has_nps = false;
	int			nps = -1;
	text	   *lang = NULL;
	bool		no_answer = true;
	bytea	   *response;

	/* after an invalid time only the document's structure is read */
	if (fs->bad_line != 0)
		return;

	/* line, submitted, id */
	out[0] = Int64GetDatum(line);
	out[1] = BoolGetDatum(!nulls[1]);
	out[2] = vals[0];
	isnull[2] = nulls[0];

	/* received_at: the local time read as load_timestamp reads it, in the region's zone */
	isnull[3] = nulls[1];
	if (!nulls[1])
	{
		text	   *t = DatumGetTextPP(vals[1]);
		int			y,
					m,
					d,
					time;
		LoadError	err;
		Timestamp	ts;

		if (load_date(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &y, &m, &d, &time, &err) != LOAD_OK)
		{
			MemoryContext old = MemoryContextSwitchTo(fs->idcxt);

			fs->bad_line = line;
			fs->bad_len = VARSIZE_ANY_EXHDR(t);
			fs->bad_text = pnstrdup(VARDATA_ANY(t), fs->bad_len);
			MemoryContextSwitchTo(old);
			return;
		}
		ts = (Timestamp) (date2j(y, m, d) - POSTGRES_EPOCH_JDATE) * USECS_PER_DAY + (Timestamp) time * USECS_PER_SEC;
		out[3] = TimestampTzGetDatum(local_to_zone(fs, ts));
	}

	/* organisation and service: the survey's own, else by name */
	{
		text	   *org = fs->organization ? fs->organization : field_code(fs, fs->omap, fs->olow, &fs->omemo, vals, nulls, 3);

		out[4] = PointerGetDatum(org);
		isnull[4] = org == NULL;
	}
	{
		text	   *svc = fs->service ? fs->service : field_code(fs, fs->vmap, fs->vlow, &fs->vmemo, vals, nulls, 4);

		if (svc == NULL && !nulls[4])
		{
			size_t		n;
			const char *p = field_trimmed(vals, nulls, 4, &n);

			if (n > 0)
				svc = cstring_to_text_with_len(p, (int) n);
		}
		out[5] = PointerGetDatum(svc);
		isnull[5] = svc == NULL;
	}

	/* the recommendation: its label's score, a number 0-10, or -1 */
	if (!nulls[5])
	{
		text	   *t = DatumGetTextPP(vals[5]);
		text	   *sc;
		size_t		n;
		const char *p;
		char	   *l;
		bool		known;
		MemoSlot   *slot = memo_find(&fs->nmemo, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &known);

		has_nps = true;
		if (known)
			nps = slot->ival;
		else if ((sc = jb_text(fs->nmap, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t))) != NULL)
			nps = DatumGetInt32(DirectFunctionCall1(int4in, CStringGetDatum(text_to_cstring(sc))));
		else
		{
			p = field_trimmed(vals, nulls, 5, &n);
			l = str_tolower(p, n, fs->coll);
			if (!jb_number(fs->amap, l, strlen(l), &nps))
			{
				if (n == 1 && p[0] >= '0' && p[0] <= '9')
					nps = p[0] - '0';
				else if (n == 2 && p[0] == '1' && p[1] == '0')
					nps = 10;
				else
					nps = -1;
			}
		}
		if (!known)
			memo_fill(&fs->nmemo, slot, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL, nps, 0);
	}
	out[6] = Int32GetDatum(nps);
	isnull[6] = !has_nps;

	/* the language: fi, sv or en as written, else the first two letters lower-case */
	if (!nulls[2])
	{
		text	   *t = DatumGetTextPP(vals[2]);
		const char *p = VARDATA_ANY(t);
		size_t		n = VARSIZE_ANY_EXHDR(t);

		if (n == 2 && (memcmp(p, "fi", 2) == 0 || memcmp(p, "sv", 2) == 0 || memcmp(p, "en", 2) == 0))
			lang = t;
		else
		{
			const char *q = field_trimmed(vals, nulls, 2, &n);
			size_t		take = 0;

			for (int c = 0; c < 2 && take < n; c++)
				take += pg_mblen(q + take);
			take = Min(take, n);
			{
				char	   *l = str_tolower(q, take, fs->coll);

				lang = cstring_to_text(l);
			}
		}
	}
	out[7] = PointerGetDatum(lang);
	isnull[7] = lang == NULL;

	/* the comment, trimmed; NULL when empty */
	{
		size_t		n;
		const char *p = field_trimmed(vals, nulls, 6, &n);

		out[8] = p && n > 0 ? PointerGetDatum(cstring_to_text_with_len(p, (int) n)) : (Datum) 0;
		isnull[8] = !(p && n > 0);
	}

	for (int i = 7; i < fs->nfields; i++)
		if (!nulls[i])
			no_answer = false;
	out[9] = BoolGetDatum(!has_nps && no_answer);

	response = (has_nps && (nps < 0 || nps > 10)) ? NULL :
		response_build(fs->role, fs->channel, has_nps ? nps : -1, lang, fs->stmts, fs->stmtnulls, fs->nstmts,
					   vals, nulls, fs->nfields, 8, fs->lmap, fs->coll, &fs->amemo);
	out[10] = PointerGetDatum(response);
	isnull[10] = response == NULL;

	/* repeated: a submitted record whose id an earlier one had */
	out[11] = BoolGetDatum(false);
	if (!nulls[1] && !nulls[0])
	{
		text	   *t = DatumGetTextPP(vals[0]);
		MemoryContext old = MemoryContextSwitchTo(fs->idcxt);

		out[11] = BoolGetDatum(id_seen(fs, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
		MemoryContextSwitchTo(old);
	}

	/* response_id: "survey:id", the key the table gives a loaded response */
	isnull[12] = nulls[0] || fs->survey == NULL;
	if (!isnull[12])
	{
		text	   *t = DatumGetTextPP(vals[0]);
		size_t		sl = VARSIZE_ANY_EXHDR(fs->survey),
					il = VARSIZE_ANY_EXHDR(t);
		text	   *r = palloc(VARHDRSZ + sl + 1 + il);

		SET_VARSIZE(r, VARHDRSZ + sl + 1 + il);
		memcpy(VARDATA(r), VARDATA_ANY(fs->survey), sl);
		VARDATA(r)[sl] = ':';
		memcpy(VARDATA(r) + sl + 1, VARDATA_ANY(t), il);
		out[12] = PointerGetDatum(r);
	}

	/*
	 * fault: a submitted record the load must refuse: no id, organisation or service, answers
	 * that build no response, a language that is not two letters a-z, or an earlier record's id
	 */
	{
		bool		bad_lang = false;

		if (lang != NULL)
		{
			const char *l = VARDATA_ANY(lang);

			bad_lang = !(VARSIZE_ANY_EXHDR(lang) == 2 && l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z');
		}
		out[13] = BoolGetDatum(DatumGetBool(out[1]) &&
							   (nulls[0] || isnull[4] || isnull[5] || (isnull[10] && !DatumGetBool(out[9])) ||
								bad_lang || DatumGetBool(out[11])));
	}
	tuplestore_putvalues(fs->rsi->setResult, fs->rsi->setDesc, out, isnull);
}

/* The record sink of feedback_rows: a record mapped in a memory context of its own. */
static void
feedback_record(void *arg, int64 line, Datum *vals, bool *nulls)
{
	FeedbackSink *fs = arg;
	MemoryContext old = MemoryContextSwitchTo(fs->recxt);

	feedback_map(fs, line, vals, nulls);
	MemoryContextSwitchTo(old);
	MemoryContextReset(fs->recxt);
}

/*
 * feedback_rows(document text, is_json boolean, columns text[], mapping jsonb) RETURNS
 * TABLE (line, submitted, id, received_at, organization_code, service, nps, lang, comment,
 * empty, response, repeated, response_id, fault): a survey export's records (CSV, or LimeSurvey's JSON when is_json) mapped
 * for a region's load_feedback in one pass.  columns name the id, submitted, language,
 * organisation, service, recommendation and comment fields, then the questions' in the
 * order of mapping.statements.  mapping: unit ("line" or "record") and submitted_column for
 * messages, survey (its code), time_zone, the survey's own organization and service (or null), role and
 * channel, statements, and the maps omap / olow (organisation name as written / lower-case
 * trimmed -> code), vmap / vlow (services), nmap (recommendation answer -> 0-10 or -1), amap
 * (answer label -> score) and lmap (amap as load_response takes it).  The submitted time is
 * read as load_timestamp reads it (an invalid one is an error naming the record and field);
 * response is NULL when the record has no answer or one that cannot be built; repeated
 * marks a submitted record with the id of an earlier one; response_id is "survey:id" when
 * the mapping names the survey; fault marks a submitted record the load must refuse (no
 * id, organisation or service, answers that build no response, a language that is not
 * two letters a-z, or repeated).
 */
PG_FUNCTION_INFO_V1(feedback_rows);
Datum
feedback_rows(PG_FUNCTION_ARGS)
{
	FeedbackSink fs;
	Specs		s;
	Jsonb	   *mapping;
	text	   *tz;
	text	   *unit;
	text	   *subcol;
	JsonbValue	buf;
	JsonbValue *st;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		InitMaterializedSRF(fcinfo, 0);
		return (Datum) 0;
	}
	s = read_specs(PG_GETARG_ARRAYTYPE_P(2));
	mapping = PG_GETARG_JSONB_P(3);
	if (!JB_ROOT_IS_OBJECT(mapping))
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("feedback_rows: the mapping is not a JSON object"),
						errdetail("Pass the survey's mapping as load_feedback builds it.")));
	memset(&fs, 0, sizeof(fs));
	fs.coll = OidIsValid(PG_GET_COLLATION()) ? PG_GET_COLLATION() : DEFAULT_COLLATION_OID;
	tz = mapping_text(mapping, "time_zone");
	unit = mapping_text(mapping, "unit");
	subcol = mapping_text(mapping, "submitted_column");
	fs.time_zone = PointerGetDatum(tz ? tz : cstring_to_text("UTC"));
	fs.unit = unit ? text_to_cstring(unit) : "line";
	fs.submitted_column = subcol ? text_to_cstring(subcol) : "";
	fs.organization = mapping_text(mapping, "organization");
	fs.service = mapping_text(mapping, "service");
	fs.role = mapping_text(mapping, "role");
	fs.channel = mapping_text(mapping, "channel");
	fs.survey = mapping_text(mapping, "survey");
	fs.omap = mapping_object(mapping, "omap");
	fs.olow = mapping_object(mapping, "olow");
	fs.vmap = mapping_object(mapping, "vmap");
	fs.vlow = mapping_object(mapping, "vlow");
	fs.nmap = mapping_object(mapping, "nmap");
	fs.amap = mapping_object(mapping, "amap");
	fs.lmap = mapping_object(mapping, "lmap");
	st = getKeyJsonValueFromContainer(&mapping->root, "statements", 10, &buf);
	if (st != NULL && st->type == jbvBinary && JsonContainerIsArray(st->val.binary.data))
	{
		JsonbContainer *arr = st->val.binary.data;
		int			n = (int) JsonContainerSize(arr);

		fs.stmts = palloc(sizeof(Datum) * (n + 1));
		fs.stmtnulls = palloc(sizeof(bool) * (n + 1));
		for (int i = 0; i < n; i++)
		{
			JsonbValue *e = getIthJsonbValueFromContainer(arr, (uint32) i);

			fs.stmtnulls[i] = e == NULL || e->type != jbvString;
			fs.stmts[i] = fs.stmtnulls[i] ? (Datum) 0 :
				PointerGetDatum(cstring_to_text_with_len(e->val.string.val, e->val.string.len));
		}
		fs.nstmts = n;
	}
	if (s.n < 7 || fs.nstmts > s.n - 7)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("feedback_rows needs 7 column specifications and one per statement, got %d for %d statements", s.n, fs.nstmts),
						errdetail("Name the id, submitted, language, organisation, service, recommendation and comment columns, then the questions'.")));
	fs.nfields = s.n;
	fs.idcxt = CurrentMemoryContext;
	fs.recxt = AllocSetContextCreate(CurrentMemoryContext, "feedback_rows record", ALLOCSET_DEFAULT_SIZES);
	fs.omemo.cxt = fs.vmemo.cxt = fs.nmemo.cxt = fs.amemo.cxt = fs.idcxt;
	InitMaterializedSRF(fcinfo, 0);
	fs.rsi = (ReturnSetInfo *) fcinfo->resultinfo;
	if (PG_GETARG_BOOL(1))
		json_records(PG_GETARG_TEXT_PP(0), &s, feedback_record, &fs);
	else
	{
		text	   *doc = PG_GETARG_TEXT_PP(0);

		csv_records(doc, &s, csv_detect_separator(VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc)), feedback_record, &fs);
	}
	if (fs.bad_line != 0)
	{
		int			time;

		(void) parse_date_at(fs.bad_text, fs.bad_len, &time, "timestamp",
							 psprintf("%s %lld, field \"%s\"", fs.unit, (long long) fs.bad_line, fs.submitted_column));
		elog(ERROR, "feedback_rows: record %lld has no invalid time", (long long) fs.bad_line);
	}
	return (Datum) 0;
}


/* ---------------------------------------------------------------- the loaded stamp */

/* The current user's name, looked up once per user (and again when a role changes). */
static Oid	stamp_user = InvalidOid;
static char stamp_name[NAMEDATALEN];

static void
stamp_invalidate(Datum arg, int cacheid, uint32 hashvalue)
{
	stamp_user = InvalidOid;
}

/*
 * stamped_now(loaded_at timestamptz, loaded_by text) RETURNS boolean: whether a row's stamp is
 * the one the database gives it now, loaded_at = now() and loaded_by = CURRENT_USER (the
 * WHEN clause of the insert trigger of measurements: a row so stamped needs no trigger
 * call).  The name is looked up once, not for every row a load inserts.
 */
PG_FUNCTION_INFO_V1(stamped_now);
Datum
stamped_now(PG_FUNCTION_ARGS)
{
	static bool registered = false;
	TimestampTz at = PG_GETARG_TIMESTAMPTZ(0);
	text	   *by = PG_GETARG_TEXT_PP(1);
	Oid			uid = GetUserId();

	if (at != GetCurrentTransactionStartTimestamp())
		PG_RETURN_BOOL(false);
	if (!registered)
	{
		CacheRegisterSyscacheCallback(AUTHOID, stamp_invalidate, (Datum) 0);
		registered = true;
	}
	if (uid != stamp_user)
	{
		strlcpy(stamp_name, GetUserNameFromId(uid, false), NAMEDATALEN);
		stamp_user = uid;
	}
	PG_RETURN_BOOL(VARSIZE_ANY_EXHDR(by) == strlen(stamp_name) &&
				   memcmp(VARDATA_ANY(by), stamp_name, VARSIZE_ANY_EXHDR(by)) == 0);
}
