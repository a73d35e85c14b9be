/*
 * test_feedback.c: unit tests of feedback_core.c (parsing, validation, binary form,
 * canonical printing) and of its JSON tokenizer outside the server.
 */
#include <string.h>

#include "feedback_core.h"
#include "unit.h"

/* A code point writer for a "database" that only has ASCII (like SQL_ASCII for escapes). */
static int
ascii_only(uint32_t cp, char *out, void *arg)
{
	(void) arg;
	if (cp >= 0x80)
		return -1;
	out[0] = (char) cp;
	return 1;
}

/* Counts tick calls. */
static void
count_tick(void *arg)
{
	(*(int *) arg)++;
}

/* The status of parsing text (NUL-terminated). */
static FbStatus
st(const char *text)
{
	FbValue		v;
	FbError		err;

	return fb_parse(text, &v, &err);
}

/* Tokenizes a one-string JSON text and decodes the string into out (cap bytes). */
static FbStatus
decode(const char *text, char *out, size_t cap, size_t *len, bool *trunc)
{
	FbJson		j;
	FbError		err;

	fbj_init(&j, text, strlen(text));
	if (fbj_next(&j, &err) != FB_OK)
		return err.status;
	if (j.token != FBJ_STRING)
		return (FbStatus) 98;
	return fbj_string(&j, out, cap, len, trunc, &err);
}

/* Parses text and prints it back; returns the status. */
static FbStatus
roundtrip(const char *text, char *out)
{
	FbValue		v;
	FbError		err;
	uint8_t		buf[2048];
	FbStatus	st = fb_parse(text, &v, &err);

	if (st != FB_OK)
		return st;
	fb_encode(&v, buf);
	if (!fb_check_encoded(buf, fb_encoded_size(&v)))
		return (FbStatus) 99;
	fb_print(buf, fb_encoded_size(&v), out);
	return FB_OK;
}

int
main(void)
{
	char		out[FB_PRINT_MAX];
	char		again[FB_PRINT_MAX];
	FbValue		v;
	FbError		err;
	uint8_t		buf[2048];

	CHECK("feedback canonical order",
		  roundtrip("{\"items\":{\"safe\":5,\"easy\":4},\"nps\":9,\"role\":\"parent\",\"channel\":\"web\",\"lang\":\"fi\"}", out) == FB_OK &&
		  strcmp(out, "{\"role\":\"parent\",\"channel\":\"web\",\"nps\":9,\"lang\":\"fi\",\"items\":{\"easy\":4,\"safe\":5}}") == 0);
	CHECK("feedback output reads back identically",
		  roundtrip(out, again) == FB_OK && strcmp(out, again) == 0);
	CHECK("feedback don't know kept",
		  roundtrip("{\"items\":{\"easy\":null}}", out) == FB_OK && strcmp(out, "{\"items\":{\"easy\":null}}") == 0);
	CHECK("feedback three-letter lang", roundtrip("{\"nps\":0,\"lang\":\"smn\"}", out) == FB_OK &&
		  strcmp(out, "{\"nps\":0,\"lang\":\"smn\"}") == 0);
	CHECK("feedback nps 11 is a range error", fb_parse("{\"nps\":11}", &v, &err) == FB_ERR_RANGE &&
		  strstr(err.detail, "\"nps\"") != NULL);
	CHECK("feedback nps 9.5 is a syntax error", fb_parse("{\"nps\":9.5}", &v, &err) == FB_ERR_SYNTAX);
	CHECK("feedback string score rejected", fb_parse("{\"items\":{\"a\":\"4\"}}", &v, &err) == FB_ERR_SYNTAX);
	CHECK("feedback duplicate key rejected", fb_parse("{\"nps\":1,\"nps\":1}", &v, &err) == FB_ERR_SYNTAX);
	CHECK("feedback duplicate code rejected", fb_parse("{\"items\":{\"a\":1,\"a\":2}}", &v, &err) == FB_ERR_SYNTAX);
	CHECK("feedback unknown key rejected", fb_parse("{\"nps\":1,\"x\":1}", &v, &err) == FB_ERR_SYNTAX);
	CHECK("feedback malformed JSON rejected", fb_parse("{\"nps\":", &v, &err) == FB_ERR_SYNTAX);
	CHECK("feedback empty object rejected", fb_parse("{}", &v, &err) == FB_ERR_SYNTAX);
	CHECK("feedback \\u0000 rejected", fb_parse("{\"role\":\"a\\u0000\",\"nps\":1}", &v, &err) == FB_ERR_UNTRANSLATABLE);

	/* binary form: header + items, lookup without allocation */
	fb_parse("{\"nps\":7,\"items\":{\"b\":2,\"a\":null,\"cc\":5}}", &v, &err);
	fb_encode(&v, buf);
	CHECK("feedback encoded size", fb_encoded_size(&v) == FB_HEADER_SIZE + 3 + 3 + 4);
	CHECK("feedback find item", fb_find_item(buf, fb_encoded_size(&v), "cc", 2) == 5 &&
		  fb_find_item(buf, fb_encoded_size(&v), "a", 1) == FB_DONT_KNOW &&
		  fb_find_item(buf, fb_encoded_size(&v), "zz", 2) == -1);
	buf[FB_HEADER_SIZE + 1] = 'z';	/* "a" -> "z": order broken */
	CHECK("feedback check rejects unsorted codes", !fb_check_encoded(buf, fb_encoded_size(&v)));
	CHECK("feedback check rejects truncation", !fb_check_encoded(buf, 5));

	/* JSON syntax: exactly PostgreSQL's json */
	CHECK("json whitespace accepted", st(" {\t\"nps\" :\n9 ,\r\"role\":\"parent\"} \n") == FB_OK);
	CHECK("json raw tab in string refused", st("{\"nps\":9,\"role\":\"par\tent\"}") == FB_ERR_SYNTAX);
	CHECK("json raw 0x01 in string refused", st("{\"nps\":9,\"role\":\"\x01\"}") == FB_ERR_SYNTAX);
	CHECK("json BOM refused", st("\xEF\xBB\xBF{\"nps\":9}") == FB_ERR_SYNTAX &&
		  (fb_parse("\xEF\xBB\xBF{\"nps\":9}", &v, &err), strstr(err.detail, "byte order mark") != NULL));
	CHECK("json 09 refused", st("{\"nps\":09}") == FB_ERR_SYNTAX);
	CHECK("json 9. refused", st("{\"nps\":9.}") == FB_ERR_SYNTAX);
	CHECK("json .9 refused", st("{\"nps\":.9}") == FB_ERR_SYNTAX);
	CHECK("json 9e refused", st("{\"nps\":9e}") == FB_ERR_SYNTAX);
	CHECK("json -x refused", st("{\"nps\":-}") == FB_ERR_SYNTAX);
	CHECK("json 9x refused", st("{\"nps\":9x}") == FB_ERR_SYNTAX);
	CHECK("json trailing garbage refused", st("{\"nps\":9} x") == FB_ERR_SYNTAX &&
		  st("{\"nps\":9}}") == FB_ERR_SYNTAX && st("{\"nps\":9},") == FB_ERR_SYNTAX);
	CHECK("json form feed is not whitespace", st("{\"nps\":9}\f") == FB_ERR_SYNTAX);
	CHECK("json trailing comma refused", st("{\"nps\":9,}") == FB_ERR_SYNTAX);
	CHECK("json bad escape refused", st("{\"nps\":9,\"role\":\"\\x\"}") == FB_ERR_SYNTAX);
	CHECK("json short \\u refused", st("{\"nps\":9,\"role\":\"\\u12\"}") == FB_ERR_SYNTAX);
	CHECK("json unterminated string refused", st("{\"nps\":9,\"role\":\"parent}") == FB_ERR_SYNTAX);
	CHECK("json keyword prefix refused", st("{\"nps\":9,\"role\":nul}") == FB_ERR_SYNTAX &&
		  st("{\"nps\":9,\"role\":nullx}") == FB_ERR_SYNTAX);
	CHECK("json NUL byte ends the text", fb_parse_text("{\"nps\":9}\0garbage", 17, NULL, NULL, &v, &err) == FB_OK &&
		  fb_parse_text("{\"nps\"\0:9}", 10, NULL, NULL, &v, &err) == FB_ERR_SYNTAX);
	CHECK("json error names the byte", fb_parse("{\"nps\":9 \"role\":\"parent\"}", &v, &err) == FB_ERR_SYNTAX &&
		  strstr(err.detail, "at byte 10") != NULL);
	CHECK("json escapes in keys and values", roundtrip("{\"n\\u0070s\":9,\"role\":\"p\\u0061rent\"}", out) == FB_OK &&
		  strcmp(out, "{\"role\":\"parent\",\"nps\":9}") == 0);

	/* numbers are judged on their decimal text */
	CHECK("nps 9.0, 90e-1, 0.9e1, 1E1, -0 are integers",
		  roundtrip("{\"nps\":9.0,\"items\":{\"a\":0.5e1,\"b\":10e-1,\"c\":2.000}}", out) == FB_OK &&
		  strcmp(out, "{\"nps\":9,\"items\":{\"a\":5,\"b\":1,\"c\":2}}") == 0 &&
		  st("{\"nps\":90e-1}") == FB_OK && st("{\"nps\":1E1}") == FB_OK && st("{\"nps\":-0}") == FB_OK &&
		  st("{\"nps\":0e999999999999999999999}") == FB_OK);
	CHECK("nps 0.99999999999999999 refused (not rounded)", st("{\"nps\":0.99999999999999999}") == FB_ERR_SYNTAX);
	CHECK("nps 1e-400 refused (not rounded)", st("{\"nps\":1e-400}") == FB_ERR_SYNTAX);
	CHECK("nps 9.000000000000000000001 refused", st("{\"nps\":9.000000000000000000001}") == FB_ERR_SYNTAX);
	CHECK("score 4.99999999999999999 refused", st("{\"items\":{\"a\":4.99999999999999999}}") == FB_ERR_SYNTAX);
	CHECK("nps 1e400 and 1e9999999999999 out of range", st("{\"nps\":1e400}") == FB_ERR_RANGE &&
		  st("{\"nps\":1e9999999999999}") == FB_ERR_RANGE && st("{\"nps\":-1}") == FB_ERR_RANGE &&
		  st("{\"nps\":10000000000000000000000}") == FB_ERR_RANGE);
	CHECK("nps 10 with many zeros accepted", st("{\"nps\":10.000000000000000000000000000000}") == FB_OK &&
		  st("{\"nps\":0.0000000000000000000000001e25}") == FB_OK);

	/* escapes decoded as jsonb decodes them */
	{
		char		s[64];
		size_t		len;
		bool		trunc;

		CHECK("string C:\\\\u0000\\\\data decodes to C:\\u0000\\data",
			  decode("\"C:\\\\u0000\\\\data\"", s, sizeof(s), &len, &trunc) == FB_OK &&
			  strcmp(s, "C:\\u0000\\data") == 0 && len == 13 && !trunc);
		CHECK("string \\u0000 refused", decode("\"a\\u0000b\"", s, sizeof(s), &len, &trunc) == FB_ERR_UNTRANSLATABLE);
		CHECK("string \\u00e4 is UTF-8 by default", decode("\"\\u00e4\"", s, sizeof(s), &len, &trunc) == FB_OK &&
			  strcmp(s, "\xC3\xA4") == 0);
		CHECK("string surrogate pair", decode("\"\\ud83d\\ude00\"", s, sizeof(s), &len, &trunc) == FB_OK &&
			  strcmp(s, "\xF0\x9F\x98\x80") == 0);
		CHECK("string lone surrogates refused", decode("\"\\ud83d\"", s, sizeof(s), &len, &trunc) == FB_ERR_SYNTAX &&
			  decode("\"\\ude00\"", s, sizeof(s), &len, &trunc) == FB_ERR_SYNTAX &&
			  decode("\"\\ud83d\\ud83d\"", s, sizeof(s), &len, &trunc) == FB_ERR_SYNTAX &&
			  decode("\"\\ud83dx\"", s, sizeof(s), &len, &trunc) == FB_ERR_SYNTAX);
		CHECK("string simple escapes", decode("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", s, sizeof(s), &len, &trunc) == FB_OK &&
			  strcmp(s, "\"\\/\b\f\n\r\t") == 0);
		CHECK("string truncated to cap", decode("\"abcdefgh\"", s, 4, &len, &trunc) == FB_OK &&
			  trunc && strcmp(s, "abc") == 0);
		CHECK("string raw bytes kept", decode("\"p\xE4iv\xE4\"", s, sizeof(s), &len, &trunc) == FB_OK &&
			  strcmp(s, "p\xE4iv\xE4") == 0);
	}
	{
		const char *t1 = "{\"nps\":9,\"role\":\"\\u00e4\"}";
		const char *t2 = "{\"nps\":9,\"role\":\"p\\u0061rent\"}";

		CHECK("untranslatable escape refused",
			  fb_parse_text(t1, strlen(t1), ascii_only, NULL, &v, &err) == FB_ERR_UNTRANSLATABLE &&
			  fb_parse_text(t2, strlen(t2), ascii_only, NULL, &v, &err) == FB_OK);
	}

	/* an embedded value: the token after it is current */
	{
		FbJson		j;
		const char *doc = "[{\"nps\":9},{\"nps\":10}]";

		fbj_init(&j, doc, strlen(doc));
		CHECK("embedded values", fbj_next(&j, &err) == FB_OK && j.token == FBJ_ARRAY_START &&
			  fbj_next(&j, &err) == FB_OK && fb_parse_value(&j, &v, &err) == FB_OK && v.nps == 9 &&
			  j.token == FBJ_COMMA && fbj_next(&j, &err) == FB_OK &&
			  fb_parse_value(&j, &v, &err) == FB_OK && v.nps == 10 && j.token == FBJ_ARRAY_END &&
			  fbj_next(&j, &err) == FB_OK && j.token == FBJ_END);
	}

	/* the tick runs during a long string (the server's cancel check) */
	{
		static char big[3 << 20];
		FbJson		j;
		int			ticks = 0;

		memset(big, 'x', sizeof(big));
		big[0] = '"';
		big[sizeof(big) - 1] = '"';
		fbj_init(&j, big, sizeof(big));
		j.tick = count_tick;
		j.tick_arg = &ticks;
		CHECK("tick during a long token", fbj_next(&j, &err) == FB_OK && j.token == FBJ_STRING && ticks >= 2);
	}

	/* deterministic bytes: equal values give equal bytes, whatever was in the buffers before */
	{
		FbValue		a,
					b;
		uint8_t		ba[2048],
					bb[2048];

		memset(&a, 0xAA, sizeof(a));
		memset(&b, 0x55, sizeof(b));
		memset(ba, 0xAA, sizeof(ba));
		memset(bb, 0x55, sizeof(bb));
		fb_parse("{\"role\":\"parent\",\"nps\":9,\"items\":{\"b\":1,\"a\":2}}", &a, &err);
		fb_parse("{\"items\":{\"a\":2.0,\"b\":1e0},\"nps\":90e-1,\"role\":\"p\\u0061rent\",\"lang\":null}", &b, &err);
		fb_encode(&a, ba);
		fb_encode(&b, bb);
		CHECK("equal values equal bytes", fb_encoded_size(&a) == fb_encoded_size(&b) &&
			  memcmp(ba, bb, fb_encoded_size(&a)) == 0);
	}
	/* item counts (pekefb.item_counts): codes sorted, signs add and subtract, new codes inserted */
	{
		FbValue		a;
		uint8_t		ba[2048],
					bb[2048];
		FbItemCount counts[4 * FB_MAX_ITEMS];
		int			n = 0;

		fb_parse("{\"items\":{\"safe\":5,\"easy\":4,\"helped\":null}}", &a, &err);
		fb_encode(&a, ba);
		fb_item_counts_add(counts, &n, ba, fb_encoded_size(&a), 1);
		fb_parse("{\"nps\":3,\"items\":{\"easy\":2,\"e\":1}}", &a, &err);
		fb_encode(&a, bb);
		fb_item_counts_add(counts, &n, bb, fb_encoded_size(&a), 1);
		CHECK("item counts sorted, prefix first", n == 4 && counts[0].len == 1 && counts[0].code[0] == 'e' &&
			  memcmp(counts[1].code, "easy", 4) == 0 && memcmp(counts[2].code, "helped", 6) == 0 &&
			  memcmp(counts[3].code, "safe", 4) == 0);
		CHECK("item counts add", counts[1].answers == 2 && counts[1].score_sum == 6 && counts[1].agree == 1 &&
			  counts[2].answers == 0 && counts[2].dont_know == 1 && counts[3].agree == 1);
		fb_parse("{\"items\":{\"safe\":5,\"easy\":4,\"helped\":null}}", &a, &err);
		fb_item_counts_add(counts, &n, ba, fb_encoded_size(&a), -1);
		CHECK("item counts subtract", n == 4 && counts[1].answers == 1 && counts[1].score_sum == 2 &&
			  counts[1].agree == 0 && counts[2].dont_know == 0 && counts[3].answers == 0 && counts[3].score_sum == 0);
	}
	return unit_exit();
}
