/*
 * test_fuzz_findings.c: unit tests for the inputs the fuzzers of test/fuzz/ found (one check
 * per finding, named after it; doc/fuzzing.md lists them).  The inputs are also in the
 * fuzz corpus, test/fuzz/corpus/<type>/finding-*.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_core.h"
#include "deadline_core.h"
#include "indicator_core.h"
#include "target_core.h"
#include "waits_core.h"
#include "unit.h"
#include "../fuzz/utf8.h"

/* The checks, one per finding; exit status 1 on any failure. */
int
main(void)
{
	CoreError	err;
	Target		t;

	/*
	 * A detail quoting 40 bytes of the input cut "ä" in two; with a client_encoding other
	 * than UTF8 the server then failed to convert the message (22021 instead of 22P02).
	 */
	CHECK("finding target: unknown unit quoted without cutting a character",
		  !target_parse(">= 1 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxä", &t, &err) &&
		  err.kind == CORE_SYNTAX && fz_valid_utf8(err.detail) && strstr(err.detail, "Unknown unit") != NULL);
	CHECK("finding target: trailing text quoted without cutting a character",
		  !target_parse(">= 1% xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxä", &t, &err) &&
		  fz_valid_utf8(err.detail));
	CHECK("finding target: text after the first number quoted without cutting a character",
		  !target_parse("1 ,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxä", &t, &err) && fz_valid_utf8(err.detail));
	CHECK("finding target: a missing number quoted without cutting a character",
		  !target_parse(">= xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxä", &t, &err) && fz_valid_utf8(err.detail));
	CHECK("finding target: a quote of exactly 40 bytes is not shortened",
		  !target_parse(">= 1 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", &t, &err) &&
		  strstr(err.detail, "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"") != NULL);
	{
		Indicator	x;

		CHECK("finding indicator: unknown unit quoted without cutting a character",
			  !indicator_parse("1 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxä", &x, &err) &&
			  err.kind == CORE_SYNTAX && fz_valid_utf8(err.detail));
		CHECK("finding indicator: a second slash quoted without cutting a character",
			  !indicator_parse("1/2 /xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxä", &x, &err) && fz_valid_utf8(err.detail));
		CHECK("finding indicator: trailing text quoted without cutting a character",
			  !indicator_parse("1% xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxä", &x, &err) && fz_valid_utf8(err.detail));
		CHECK("finding indicator: a missing denominator quoted without cutting a character",
			  !indicator_parse("1/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxä", &x, &err) && fz_valid_utf8(err.detail));
	}
	{
		char		detail[400];
		int32_t		dl;

		CHECK("finding deadline: unknown unit quoted without cutting a character",
			  dl_parse("1 arkipäivärkipäivärkipäivärkipäivä", &dl, detail, sizeof(detail)) == DL_PARSE_SYNTAX &&
			  fz_valid_utf8(detail) && strstr(detail, "Unknown unit \"arkip") != NULL);
	}
	{
		char		msg[200];
		int32_t		days[4];
		int			n;
		const char *e = cal_parse_day_list("2026-01-01 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxä", days, 4, &n,
										   msg, sizeof(msg));

		CHECK("finding calendar: a bad day quoted without cutting a character",
			  e != NULL && fz_valid_utf8(e));
	}
	{
		/* the mean of one distinct day is that day, however large its count */
		Waits	   *w = calloc(1, waits_size(1));
		char		detail[WAITS_DETAIL_LEN];

		waits_init(w, 1);
		CHECK("finding waits: mean of {3:45598946180268036} is exactly 3",
			  waits_parse("{3:45598946180268036}", w, detail) == WAITS_OK && waits_mean(w) == 3.0);
		free(w);
	}
	return unit_exit();
}
