/*
 * test_deadline.c: unit tests of deadline_core.c: the unit words, canonical output and
 * round trip, and the two error classes (syntax, range).
 */
#include <string.h>

#include "deadline_core.h"
#include "unit.h"

static int32_t
parse(const char *s)
{
	int32_t		dl = -1;
	char		detail[400];

	if (dl_parse(s, &dl, detail, sizeof(detail)) != DL_PARSE_OK)
		return -1;
	return dl;
}

static DeadlineParseStatus
status(const char *s)
{
	int32_t		dl;
	char		detail[400];

	return dl_parse(s, &dl, detail, sizeof(detail));
}

int
main(void)
{
	char		buf[32];
	bool		ok = true;

	CHECK("deadline 14 days", parse("14 days") == dl_make(DL_DAYS, 14));
	CHECK("deadline 14 vrk", parse("14 vrk") == dl_make(DL_DAYS, 14));
	CHECK("deadline 14d", parse("14d") == dl_make(DL_DAYS, 14));
	CHECK("deadline 7 arkipäivää", parse("7 arkipäivää") == dl_make(DL_WORKING_DAYS, 7));
	CHECK("deadline 7 ARKIPÄIVÄÄ", parse("7 ARKIPÄIVÄÄ") == dl_make(DL_WORKING_DAYS, 7));
	CHECK("deadline 7  Working   Days", parse(" 7  Working   Days ") == dl_make(DL_WORKING_DAYS, 7));
	CHECK("deadline 3 MÅNADER", parse("3 MÅNADER") == dl_make(DL_MONTHS, 3));
	CHECK("deadline 3 kk.", parse("3 kk.") == dl_make(DL_MONTHS, 3));
	CHECK("deadline 2 weeks = 14 days", parse("2 weeks") == dl_make(DL_DAYS, 14));
	CHECK("deadline 1 år = 12 months", parse("1 år") == dl_make(DL_MONTHS, 12));
	CHECK("deadline 0 days is range", status("0 days") == DL_PARSE_RANGE);
	CHECK("deadline -1 days is range", status("-1 days") == DL_PARSE_RANGE);
	CHECK("deadline 3651 days is range", status("3651 days") == DL_PARSE_RANGE);
	CHECK("deadline 522 weeks is range", status("522 weeks") == DL_PARSE_RANGE);
	CHECK("deadline 601 wd is range", status("601 wd") == DL_PARSE_RANGE);
	CHECK("deadline 11 years is range", status("11 years") == DL_PARSE_RANGE);
	CHECK("deadline 99999999999999 days is range", status("99999999999999 days") == DL_PARSE_RANGE);
	CHECK("deadline 1.5 days is syntax", status("1.5 days") == DL_PARSE_SYNTAX);
	CHECK("deadline days is syntax", status("days") == DL_PARSE_SYNTAX);
	CHECK("deadline 14 is syntax", status("14") == DL_PARSE_SYNTAX);
	CHECK("deadline 14 fortnights is syntax", status("14 fortnights") == DL_PARSE_SYNTAX);
	CHECK("deadline empty is syntax", status("") == DL_PARSE_SYNTAX);

	/* labels in the reader's language (issue 11); the canonical text stays English */
	CHECK("label 7 wd fi", dl_label(dl_make(DL_WORKING_DAYS, 7), "fi", buf, sizeof(buf)) && strcmp(buf, "7 arkipäivää") == 0);
	CHECK("label 7 wd sv", dl_label(dl_make(DL_WORKING_DAYS, 7), "sv", buf, sizeof(buf)) && strcmp(buf, "7 vardagar") == 0);
	CHECK("label 7 wd en", dl_label(dl_make(DL_WORKING_DAYS, 7), "en", buf, sizeof(buf)) && strcmp(buf, "7 working days") == 0);
	CHECK("label 1 wd sv", dl_label(dl_make(DL_WORKING_DAYS, 1), "sv", buf, sizeof(buf)) && strcmp(buf, "1 vardag") == 0);
	CHECK("label 14 days fi", dl_label(dl_make(DL_DAYS, 14), "fi", buf, sizeof(buf)) && strcmp(buf, "14 päivää") == 0);
	CHECK("label 14 days sv", dl_label(dl_make(DL_DAYS, 14), "sv", buf, sizeof(buf)) && strcmp(buf, "14 dagar") == 0);
	CHECK("label 3 months fi", dl_label(dl_make(DL_MONTHS, 3), "fi", buf, sizeof(buf)) && strcmp(buf, "3 kuukautta") == 0);
	CHECK("label 1 month sv", dl_label(dl_make(DL_MONTHS, 1), "sv", buf, sizeof(buf)) && strcmp(buf, "1 månad") == 0);
	CHECK("label 3 months sv", dl_label(dl_make(DL_MONTHS, 3), "sv", buf, sizeof(buf)) && strcmp(buf, "3 månader") == 0);
	CHECK("label other language refused", !dl_label(dl_make(DL_MONTHS, 3), "de", buf, sizeof(buf)));
	CHECK("every label parses back to the same deadline",
		  parse("7 arkipäivää") == dl_make(DL_WORKING_DAYS, 7) && parse("7 vardagar") == dl_make(DL_WORKING_DAYS, 7) &&
		  parse("14 päivää") == dl_make(DL_DAYS, 14) && parse("3 månader") == dl_make(DL_MONTHS, 3) &&
		  parse("3 kuukautta") == dl_make(DL_MONTHS, 3));

	for (int u = 0; u < 3; u++)
		for (int32_t n = 1; n <= dl_max_length((DeadlineUnit) u); n++)
		{
			int32_t		dl = dl_make((DeadlineUnit) u, n);

			dl_format(dl, buf, sizeof(buf));
			if (parse(buf) != dl || !dl_valid(dl))
				ok = false;
		}
	CHECK("deadline every value round-trips", ok);
	dl_format(dl_make(DL_WORKING_DAYS, 1), buf, sizeof(buf));
	CHECK("deadline singular 1 working day", strcmp(buf, "1 working day") == 0);
	{
		int32_t		dl;
		char		detail[400];

		dl_parse("14 fortnights ", &dl, detail, sizeof(detail));
		CHECK("deadline unknown unit is named in the detail",
			  strncmp(detail, "Unknown unit \"fortnights\". Expected",
					  strlen("Unknown unit \"fortnights\". Expected")) == 0);
	}
	CHECK("deadline invalid codes", !dl_valid(3) && !dl_valid(dl_make(DL_DAYS, 0)) && !dl_valid(-4));
	return unit_exit();
}
