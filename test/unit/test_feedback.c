/*
 * test_feedback.c: unit tests of feedback_core.c (parsing, validation, binary form,
 * canonical printing) outside the server.  Needs -lcjson at link time.
 */
#include <string.h>

#include "feedback_core.h"
#include "unit.h"

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
	return unit_exit();
}
