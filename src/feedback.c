/*
 * feedback.c: the pekefb.feedback type (one client-feedback response), its accessors and
 * the feedback aggregates nps, item_mean and agree_share.  Parsing, validation and printing
 * live in feedback_core.c; this file turns their error descriptions into ereport and reads
 * the binary form in place (no detoast copy, no palloc) inside the aggregates.
 */
#include "postgres.h"

#include "access/hash.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "nodes/pg_list.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "feedback.h"
#include "feedback_core.h"
#include "tally.h"

#define FB_P(d)			((const uint8_t *) VARDATA_ANY(d))
#define FB_LEN(d)		VARSIZE_ANY_EXHDR(d)

/* Input quoted in error messages is cut to this many bytes. */
#define FB_QUOTE_MAX	200

/* The input text for an error message, cut at a character boundary when very long. */
static char *
quote_input(const char *input)
{
	int			len = strlen(input);
	int			cut;

	if (len <= FB_QUOTE_MAX)
		return (char *) input;
	cut = pg_mbcliplen(input, len, FB_QUOTE_MAX);
	return psprintf("%.*s...", cut, input);
}

/* feedback_report: see feedback.h. */
void
feedback_report(Node *escontext, const char *input, const FbError *err)
{
	if (err->status == FB_ERR_UNTRANSLATABLE)
		pekefb_input_error(escontext, ERRCODE_UNTRANSLATABLE_CHARACTER, err->detail,
						   "unsupported Unicode escape sequence in input for type feedback: \"%s\"",
						   quote_input(input));
	else if (err->status == FB_ERR_RANGE)
		pekefb_input_error(escontext, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, err->detail,
						   "value out of range for type feedback: \"%s\"", quote_input(input));
	else
		pekefb_input_error(escontext, ERRCODE_INVALID_TEXT_REPRESENTATION, err->detail,
						   "invalid input syntax for type feedback: \"%s\"", quote_input(input));
}

/*
 * feedback_unicode: see feedback.h.  The conversion from UTF-8 is the database's default one
 * (as pg_unicode_to_server uses), called with noError so that a missing character comes
 * back as -1 instead of an error without the input.
 */
int
feedback_unicode(uint32_t cp, char *out, void *arg)
{
	static Oid	proc = InvalidOid;
	static bool looked_up = false;
	int			enc = GetDatabaseEncoding();
	unsigned char utf8[8];
	unsigned char conv[MAX_CONVERSION_GROWTH * 4 + 1];
	int			len;
	int			done;
	size_t		n;

	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp > 0x10FFFF)
		return -1;
	unicode_to_utf8((pg_wchar) cp, utf8);
	len = pg_utf_mblen(utf8);
	if (enc == PG_UTF8)
	{
		memcpy(out, utf8, len);
		return len;
	}
	if (enc == PG_SQL_ASCII)
		return -1;
	if (!looked_up)
	{
		proc = FindDefaultConversionProc(PG_UTF8, enc);
		looked_up = true;
	}
	if (!OidIsValid(proc))
		return -1;
	done = pg_do_encoding_conversion_buf(proc, PG_UTF8, enc, utf8, len, conv, sizeof(conv), true);
	if (done < len)
		return -1;
	n = strlen((const char *) conv);
	if (n < 1 || n > 6)
		return -1;
	memcpy(out, conv, n);
	return (int) n;
}

/* feedback_make: see feedback.h. */
bytea *
feedback_make(const FbValue *v)
{
	size_t		n = fb_encoded_size(v);
	bytea	   *r = (bytea *) palloc(VARHDRSZ + n);

	SET_VARSIZE(r, VARHDRSZ + n);
	fb_encode(v, (uint8_t *) VARDATA(r));
	return r;
}

/* feedback_in: a JSON object (see doc/feedback.md) into the binary form. */
PG_FUNCTION_INFO_V1(feedback_in);
Datum
feedback_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	FbValue		v;
	FbError		err;

	if (fb_parse_text(str, strlen(str), feedback_unicode, NULL, &v, &err) != FB_OK)
	{
		feedback_report(fcinfo->context, str, &err);
		return (Datum) 0;
	}
	PG_RETURN_BYTEA_P(feedback_make(&v));
}

/* feedback_out: canonical JSON (fixed key order, statements sorted, no spaces). */
PG_FUNCTION_INFO_V1(feedback_out);
Datum
feedback_out(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	char	   *out = palloc(FB_PRINT_MAX);

	fb_print(FB_P(f), FB_LEN(f), out);
	PG_RETURN_CSTRING(out);
}

/* feedback_to_json: the same text as json; the cast that lets to_json/to_jsonb nest it. */
PG_FUNCTION_INFO_V1(feedback_to_json);
Datum
feedback_to_json(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	char		buf[FB_PRINT_MAX];
	size_t		n = fb_print(FB_P(f), FB_LEN(f), buf);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, n));
}

/* feedback_recv: the binary form itself (its first byte is the format version), checked. */
PG_FUNCTION_INFO_V1(feedback_recv);
Datum
feedback_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			n = buf->len - buf->cursor;
	bytea	   *r = (bytea *) palloc(VARHDRSZ + n);

	SET_VARSIZE(r, VARHDRSZ + n);
	pq_copymsgbytes(buf, VARDATA(r), n);
	if (!fb_check_encoded((const uint8_t *) VARDATA(r), n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external feedback value"),
				 errdetail("Expected the binary form of format version %d.", FB_VERSION)));
	PG_RETURN_BYTEA_P(r);
}

PG_FUNCTION_INFO_V1(feedback_send);
Datum
feedback_send(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) FB_P(f), FB_LEN(f));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Byte equality of two binary forms (each value has exactly one). */
static bool
fb_equal(FunctionCallInfo fcinfo)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));

	return FB_LEN(a) == FB_LEN(b) && memcmp(FB_P(a), FB_P(b), FB_LEN(a)) == 0;
}

PG_FUNCTION_INFO_V1(feedback_eq);
Datum
feedback_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(fb_equal(fcinfo));
}

PG_FUNCTION_INFO_V1(feedback_ne);
Datum
feedback_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!fb_equal(fcinfo));
}

/* feedback_hash: hash of the binary form, for hash joins, GROUP BY and DISTINCT. */
PG_FUNCTION_INFO_V1(feedback_hash);
Datum
feedback_hash(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));

	return hash_any(FB_P(f), FB_LEN(f));
}

/* ---------------------------------------------------------------- accessors */

/* nps_score(feedback): the 0-10 answer, NULL if not given. */
PG_FUNCTION_INFO_V1(feedback_nps_score);
Datum
feedback_nps_score(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	int			nps = FB_P(f)[3];

	if (nps == FB_NPS_NONE)
		PG_RETURN_NULL();
	PG_RETURN_INT32(nps);
}

/* A text argument as a statement code; errors (22023) when it cannot be one. */
static void
check_code(const char *code, int len)
{
	if (!fb_valid_code(code, len))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid statement code: \"%.*s\"", Min(len, FB_QUOTE_MAX), code),
				 errdetail("A statement code has 1 to %d characters a-z, 0-9 or _.", FB_MAX_CODE)));
}

/* item(feedback, code): the 1-5 score, NULL when the statement is missing or "don't know". */
PG_FUNCTION_INFO_V1(feedback_item);
Datum
feedback_item(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	text	   *code = PG_GETARG_TEXT_PP(1);
	int			s;

	check_code(VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));
	s = fb_find_item(FB_P(f), FB_LEN(f), VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));
	if (s <= 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(s);
}

PG_FUNCTION_INFO_V1(feedback_role);
Datum
feedback_role(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	int			r = FB_P(f)[1];

	if (r == 0 || r > FB_NROLES)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(fb_roles[r]));
}

PG_FUNCTION_INFO_V1(feedback_channel);
Datum
feedback_channel(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	int			c = FB_P(f)[2];

	if (c == 0 || c > FB_NCHANNELS)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(fb_channels[c]));
}

PG_FUNCTION_INFO_V1(feedback_lang);
Datum
feedback_lang(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	const uint8_t *p = FB_P(f);
	char		lang[4];

	if (!fb_lang_text((uint16_t) ((p[4] << 8) | p[5]), lang))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(lang));
}

/* item_codes(feedback): the statement codes in order, "don't know" answers included. */
PG_FUNCTION_INFO_V1(feedback_item_codes);
Datum
feedback_item_codes(PG_FUNCTION_ARGS)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	const uint8_t *p = FB_P(f);
	const uint8_t *q = p + FB_HEADER_SIZE;
	int			n = p[6];
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
	{
		elems[i] = PointerGetDatum(cstring_to_text_with_len((const char *) q + 1, q[0]));
		q += q[0] + 2;
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* items(feedback): one row (code, score) per statement; score NULL for "don't know". */
PG_FUNCTION_INFO_V1(feedback_items);
Datum
feedback_items(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	const uint8_t *p = FB_P(f);
	const uint8_t *q = p + FB_HEADER_SIZE;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < p[6]; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};
		int			s = q[1 + q[0]];

		values[0] = PointerGetDatum(cstring_to_text_with_len((const char *) q + 1, q[0]));
		values[1] = Int32GetDatum(s);
		nulls[1] = (s == FB_DONT_KNOW);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		q += q[0] + 2;
	}
	return (Datum) 0;
}

/*
 * item_counts(responses, signs): per statement code of the responses (each counted with
 * its sign, 1 or -1; NULL pairs skipped), answers scored 1-5, "don't know" answers, the
 * sum of the scores and the answers 4-5, in code order.  The feedback states' statement
 * rows of one group in one call (feedback_states.sql), instead of a row per statement.
 */
PG_FUNCTION_INFO_V1(feedback_item_counts);
Datum
feedback_item_counts(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ArrayType  *ra = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *sa = PG_GETARG_ARRAYTYPE_P(1);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *rv;
	bool	   *rnull;
	int			rn;
	Datum	   *sv;
	bool	   *snull;
	int			sn;
	FbItemCount *counts;
	int			cap = 2 * FB_MAX_ITEMS;
	int			n = 0;

	if (ARR_ELEMTYPE(sa) != INT4OID)
		ereport(ERROR, (errcode(ERRCODE_DATATYPE_MISMATCH),
						errmsg("signs must be an integer array")));
	get_typlenbyvalalign(ARR_ELEMTYPE(ra), &typlen, &typbyval, &typalign);
	deconstruct_array(ra, ARR_ELEMTYPE(ra), typlen, typbyval, typalign, &rv, &rnull, &rn);
	deconstruct_array(sa, INT4OID, 4, true, TYPALIGN_INT, &sv, &snull, &sn);
	if (rn != sn)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("item_counts: %d responses but %d signs", rn, sn),
						errdetail("Each response needs its sign, in the same position.")));
	counts = palloc(cap * sizeof(FbItemCount));
	for (int i = 0; i < rn; i++)
	{
		struct varlena *f;
		int			sign;

		CHECK_FOR_INTERRUPTS();
		if (rnull[i] || snull[i])
			continue;
		sign = DatumGetInt32(sv[i]);
		if (sign != 1 && sign != -1)
			ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							errmsg("invalid sign: %d", sign),
							errdetail("Each sign must be 1 (adds the response) or -1 (subtracts it).")));
		if (n + FB_MAX_ITEMS > cap)
		{
			cap *= 2;
			counts = repalloc(counts, cap * sizeof(FbItemCount));
		}
		f = PG_DETOAST_DATUM_PACKED(rv[i]);
		fb_item_counts_add(counts, &n, FB_P(f), FB_LEN(f), sign);
	}
	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < n; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = PointerGetDatum(cstring_to_text_with_len(counts[i].code, counts[i].len));
		values[1] = Int64GetDatum(counts[i].answers);
		values[2] = Int64GetDatum(counts[i].dont_know);
		values[3] = Int64GetDatum(counts[i].score_sum);
		values[4] = Int64GetDatum(counts[i].agree);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- aggregates */

/*
 * Per-call cache of the statement-code argument: checked once, then compared bytewise on
 * each row (a constant code matches every time; a varying one is re-checked).
 */
typedef struct CodeCache
{
	bool		constant;		/* the aggregate's code argument is a constant */
	int			len;
	char		code[FB_MAX_CODE];
} CodeCache;

/* The score of the code in argument 2 within the feedback in argument 1 (see fb_find_item). */
static inline int
agg_item_score(FunctionCallInfo fcinfo)
{
	struct varlena *f = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));
	CodeCache  *cache = (CodeCache *) fcinfo->flinfo->fn_extra;

	if (cache == NULL || !cache->constant)
	{
		text	   *code = PG_GETARG_TEXT_PP(2);
		const char *c = VARDATA_ANY(code);
		int			len = VARSIZE_ANY_EXHDR(code);

		if (cache == NULL)
		{
			Aggref	   *aggref = AggGetAggref(fcinfo);

			cache = fcinfo->flinfo->fn_extra =
				MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CodeCache));
			cache->len = -1;
			/* a constant code (the usual case) is checked and copied once per query */
			cache->constant = aggref != NULL && list_length(aggref->args) == 2 &&
				IsA(((TargetEntry *) lsecond(aggref->args))->expr, Const);
		}
		if (cache->len != len || memcmp(cache->code, c, len) != 0)
		{
			check_code(c, len);
			cache->len = len;
			memcpy(cache->code, c, len);
		}
	}
	return fb_find_item(FB_P(f), FB_LEN(f), cache->code, cache->len);
}

/*
 * Adds (sign = 1) or removes (sign = -1, the moving-aggregate inverse) one row's counts.
 * kind: 0 = nps of a feedback, 1 = item_mean, 2 = agree_share, 3 = nps of an integer.
 * The SQL functions are STRICT (a NULL row leaves the state as it is, which is what
 * skipping it means), so no argument is NULL here.  A state passed in a direct call is
 * checked and copied (tally_writable); every update is checked (tally_apply): no counter
 * wraps, and removing a row that is not in the state is an error.
 *
 * item_mean counts points above the scale's minimum: a += score - 1 (0..4), n += 4, so
 * that a <= n like every tally; tally_mean turns it back into a mean score.
 */
static Datum
tally_step(FunctionCallInfo fcinfo, int kind, int sign)
{
	Tally	   *s = tally_writable(fcinfo, 0);
	int			v;

	switch (kind)
	{
		case 0:
			v = FB_P(PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1)))[3];
			if (v == FB_NPS_NONE)
				PG_RETURN_TALLY_P(s);
			break;
		case 3:
			v = PG_GETARG_INT32(1);
			if (v < 0 || v > 10)
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value %d is out of range for nps", v),
						 errdetail("An NPS answer is an integer from 0 to 10.")));
			break;
		default:
			v = agg_item_score(fcinfo);
			if (v <= 0)			/* missing or "don't know" */
				PG_RETURN_TALLY_P(s);
			break;
	}
	switch (kind)
	{
		case 0:
		case 3:
			tally_apply(s, sign * (v >= 9), sign * (v <= 6), sign);
			break;
		case 1:
			tally_apply(s, sign * (v - 1), 0, sign * 4);
			break;
		case 2:
			tally_apply(s, sign * (v >= 4), 0, sign);
			break;
	}
	PG_RETURN_TALLY_P(s);
}

PG_FUNCTION_INFO_V1(feedback_nps_trans);
Datum
feedback_nps_trans(PG_FUNCTION_ARGS)
{
	return tally_step(fcinfo, 0, 1);
}

PG_FUNCTION_INFO_V1(feedback_nps_inv);
Datum
feedback_nps_inv(PG_FUNCTION_ARGS)
{
	return tally_step(fcinfo, 0, -1);
}

PG_FUNCTION_INFO_V1(feedback_item_mean_trans);
Datum
feedback_item_mean_trans(PG_FUNCTION_ARGS)
{
	return tally_step(fcinfo, 1, 1);
}

PG_FUNCTION_INFO_V1(feedback_item_mean_inv);
Datum
feedback_item_mean_inv(PG_FUNCTION_ARGS)
{
	return tally_step(fcinfo, 1, -1);
}

PG_FUNCTION_INFO_V1(feedback_agree_trans);
Datum
feedback_agree_trans(PG_FUNCTION_ARGS)
{
	return tally_step(fcinfo, 2, 1);
}

PG_FUNCTION_INFO_V1(feedback_agree_inv);
Datum
feedback_agree_inv(PG_FUNCTION_ARGS)
{
	return tally_step(fcinfo, 2, -1);
}

PG_FUNCTION_INFO_V1(int_nps_trans);
Datum
int_nps_trans(PG_FUNCTION_ARGS)
{
	return tally_step(fcinfo, 3, 1);
}

PG_FUNCTION_INFO_V1(int_nps_inv);
Datum
int_nps_inv(PG_FUNCTION_ARGS)
{
	return tally_step(fcinfo, 3, -1);
}
