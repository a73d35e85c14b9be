/*
 * deadline_core.c: parser and canonical output of the deadline type (see deadline_core.h).
 * Unit words in English, Finnish and Swedish are matched case-insensitively (ASCII and the
 * Latin-1 letters of UTF-8, so "PÄIVÄÄ" and "MÅNADER" work); weeks become 7N days and
 * years 12N months.
 */
#include "deadline_core.h"

#include <stdio.h>
#include <string.h>

typedef struct UnitWord
{
	const char *word;
	DeadlineUnit unit;
	int			factor;
} UnitWord;

/* All in lower case, words separated by one space. */
static const UnitWord unit_words[] = {
	{"day", DL_DAYS, 1}, {"days", DL_DAYS, 1}, {"d", DL_DAYS, 1}, {"vrk", DL_DAYS, 1},
	{"pv", DL_DAYS, 1}, {"päivä", DL_DAYS, 1}, {"päivää", DL_DAYS, 1},
	{"dygn", DL_DAYS, 1}, {"dag", DL_DAYS, 1}, {"dagar", DL_DAYS, 1},
	{"calendar day", DL_DAYS, 1}, {"calendar days", DL_DAYS, 1},
	{"working day", DL_WORKING_DAYS, 1}, {"working days", DL_WORKING_DAYS, 1},
	{"wd", DL_WORKING_DAYS, 1}, {"arkipäivä", DL_WORKING_DAYS, 1},
	{"arkipäivää", DL_WORKING_DAYS, 1}, {"arkip", DL_WORKING_DAYS, 1},
	{"vardag", DL_WORKING_DAYS, 1}, {"vardagar", DL_WORKING_DAYS, 1},
	{"month", DL_MONTHS, 1}, {"months", DL_MONTHS, 1}, {"kk", DL_MONTHS, 1},
	{"kuukausi", DL_MONTHS, 1}, {"kuukautta", DL_MONTHS, 1}, {"mån", DL_MONTHS, 1},
	{"månad", DL_MONTHS, 1}, {"månader", DL_MONTHS, 1},
	{"week", DL_DAYS, 7}, {"weeks", DL_DAYS, 7}, {"vk", DL_DAYS, 7},
	{"viikko", DL_DAYS, 7}, {"viikkoa", DL_DAYS, 7}, {"vecka", DL_DAYS, 7},
	{"veckor", DL_DAYS, 7},
	{"year", DL_MONTHS, 12}, {"years", DL_MONTHS, 12}, {"v", DL_MONTHS, 12},
	{"vuosi", DL_MONTHS, 12}, {"vuotta", DL_MONTHS, 12}, {"år", DL_MONTHS, 12},
};

#define EXPECTED "Expected a positive whole number followed by a unit: days (d, vrk, pv, " \
	"päivää, dygn, dagar), working days (wd, arkipäivää, arkip, vardagar), months (kk, " \
	"kuukautta, mån, månader), weeks (vk, viikkoa, veckor) or years (v, vuotta, år)."

int32_t
dl_max_length(DeadlineUnit unit)
{
	switch (unit)
	{
		case DL_DAYS:
			return DL_MAX_DAYS;
		case DL_WORKING_DAYS:
			return DL_MAX_WORKING_DAYS;
		case DL_MONTHS:
			return DL_MAX_MONTHS;
	}
	return 0;
}

bool
dl_valid(int32_t dl)
{
	int			u = dl & 3;

	if (u > DL_MONTHS || dl < 0)
		return false;
	return dl_length(dl) >= 1 && dl_length(dl) <= dl_max_length((DeadlineUnit) u);
}

const char *
dl_unit_name(DeadlineUnit unit)
{
	switch (unit)
	{
		case DL_DAYS:
			return "days";
		case DL_WORKING_DAYS:
			return "working days";
		case DL_MONTHS:
			return "months";
	}
	return "?";
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * Copies the unit part into buf in lower case with white-space runs collapsed to one space
 * and one trailing '.' dropped (abbreviations: "vrk.", "kk.").  False if it does not fit.
 */
static bool
normalise_unit(const char *s, char *buf, int buflen)
{
	int			n = 0;
	const unsigned char *p = (const unsigned char *) s;

	while (*p)
	{
		if (is_space((char) *p))
		{
			while (is_space((char) *p))
				p++;
			if (*p == '\0')
				break;
			if (n + 1 >= buflen)
				return false;
			buf[n++] = ' ';
			continue;
		}
		if (n + 2 >= buflen)
			return false;
		if (*p >= 'A' && *p <= 'Z')
			buf[n++] = (char) (*p + 32);
		else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97)
		{
			/* UTF-8 Latin-1 capital (À..Þ, not ×) to its small letter */
			buf[n++] = (char) 0xC3;
			buf[n++] = (char) (p[1] + 0x20);
			p++;
		}
		else
			buf[n++] = (char) *p;
		p++;
	}
	if (n > 0 && buf[n - 1] == '.')
		n--;
	buf[n] = '\0';
	return true;
}

DeadlineParseStatus
dl_parse(const char *s, int32_t *out, char *detail, int detlen)
{
	const char *p = s;
	int64_t		num = 0;
	int			ndigits = 0;
	bool		negative = false;
	char		unit[64];

	while (is_space(*p))
		p++;
	if (*p == '-' || *p == '+')
	{
		negative = (*p == '-');
		p++;
	}
	while (*p >= '0' && *p <= '9')
	{
		if (num < 1000000000)
			num = num * 10 + (*p - '0');
		ndigits++;
		p++;
	}
	if (ndigits == 0)
	{
		snprintf(detail, detlen, "%s", EXPECTED);
		return DL_PARSE_SYNTAX;
	}
	if (*p == '.' || *p == ',')
	{
		if (p[1] >= '0' && p[1] <= '9')
		{
			snprintf(detail, detlen, "The number of a deadline must be a whole number.");
			return DL_PARSE_SYNTAX;
		}
	}
	while (is_space(*p))
		p++;
	if (*p == '\0')
	{
		snprintf(detail, detlen, "The unit is missing. %s", EXPECTED);
		return DL_PARSE_SYNTAX;
	}
	if (!normalise_unit(p, unit, sizeof(unit)))
	{
		snprintf(detail, detlen, "%s", EXPECTED);
		return DL_PARSE_SYNTAX;
	}
	for (size_t i = 0; i < sizeof(unit_words) / sizeof(unit_words[0]); i++)
	{
		if (strcmp(unit, unit_words[i].word) == 0)
		{
			const UnitWord *w = &unit_words[i];
			int64_t		len = num * w->factor;
			int32_t		max = dl_max_length(w->unit);

			if (negative || num == 0)
			{
				snprintf(detail, detlen, "A deadline must be at least 1 %s.",
						 w->unit == DL_DAYS ? "day" : w->unit == DL_WORKING_DAYS ? "working day" : "month");
				return DL_PARSE_RANGE;
			}
			if (len > max)
			{
				snprintf(detail, detlen, "A deadline may be at most %d %s.", max, dl_unit_name(w->unit));
				return DL_PARSE_RANGE;
			}
			*out = dl_make(w->unit, (int32_t) len);
			return DL_PARSE_OK;
		}
	}
	{
		/* name the unit as written, without trailing white space */
		int			len = (int) strlen(p);

		while (len > 0 && is_space(p[len - 1]))
			len--;
		snprintf(detail, detlen, "Unknown unit \"%.*s\". %s", len > 40 ? 40 : len, p, EXPECTED);
	}
	return DL_PARSE_SYNTAX;
}

void
dl_format(int32_t dl, char *buf, int buflen)
{
	int32_t		n = dl_length(dl);
	const char *u;

	switch (dl_unit(dl))
	{
		case DL_DAYS:
			u = n == 1 ? "day" : "days";
			break;
		case DL_WORKING_DAYS:
			u = n == 1 ? "working day" : "working days";
			break;
		default:
			u = n == 1 ? "month" : "months";
			break;
	}
	snprintf(buf, buflen, "%d %s", (int) n, u);
}

/*
 * dl_cmp: the total order of deadlines: by unit (days, working days, months), then by
 * length; equal exactly when unit and length are equal (2 weeks = 14 days).
 */
int
dl_cmp(int32_t x, int32_t y)
{
	if (dl_unit(x) != dl_unit(y))
		return dl_unit(x) < dl_unit(y) ? -1 : 1;
	if (dl_length(x) != dl_length(y))
		return dl_length(x) < dl_length(y) ? -1 : 1;
	return 0;
}
