/*
 * fuzz_csv.c: fuzz harness of the loaders' parsers (src/load_core.c).  Text: the input is
 * read as a CSV file with the separator csv_detect_separator picks; every record's fields
 * must lie inside the text, unescape to at most their length, and the reader must end
 * (LOAD_END) or fail with a detail; then the whole input and each field go through
 * load_number and load_date, whose accepted results must be well-formed (a normalised
 * number re-parses to itself; a date's day exists), and load_distance must be symmetric
 * and zero against itself.  An input counts as accepted (and is mutated further) when it is
 * a whole file with a number or a date in its first records.  Binary: the same on the raw
 * bytes.
 */
#include "fuzz.h"

#include "load_core.h"

const char	fz_name[] = "csv";
const char *const fz_tokens[] = {
	";", ",", "\t", "\"", "\"\"", "\n", "\r\n", "\r", "\xEF\xBB\xBF", "1.4.2025", "2025-04-01",
	"31.2.2025", " 10.22", "T10:22:31.5", "94,5", "1 234,5", "-", "\xC2\xA0", "\xE2\x88\x92", "Kokkola", NULL
};

/* Whether the current input held a field that reads as a number or a date. */
static bool some_value;

/* The last number read (for the comparison's checks). */
static char prev_num[LOAD_NUM_BUFLEN];

/* Checks one value through the number and date parsers. */
static void
check_value(const char *p, size_t len)
{
	char		num[LOAD_NUM_BUFLEN];
	char		again[LOAD_NUM_BUFLEN];
	LoadError	err;
	int			y,
				m,
				d,
				t;

	if (load_number(p, len, num, &err) == LOAD_OK)
	{
		if (load_number(num, strlen(num), again, &err) != LOAD_OK || strcmp(num, again) != 0)
			fz_fail("normalised number \"%s\" does not re-parse to itself", num);
		fz_roundtrip_checked();
		some_value = true;
		/* the exact comparison: equal to itself, antisymmetric with the previous number,
		 * and with 0 as its sign */
		if (load_number_cmp(num, num) != 0)
			fz_fail("number \"%s\" does not compare equal to itself", num);
		if (prev_num[0] != '\0' && load_number_cmp(num, prev_num) != -load_number_cmp(prev_num, num))
			fz_fail("numbers \"%s\" and \"%s\" compare asymmetrically", num, prev_num);
		if ((load_number_cmp(num, "0") < 0) != (num[0] == '-' && strspn(num, "-0.") != strlen(num)))
			fz_fail("number \"%s\" compares with 0 against its sign", num);
		strcpy(prev_num, num);
	}
	else if (err.detail[0] == '\0')
		fz_fail("load_number failed without a detail");
	if (load_date(p, len, &y, &m, &d, &t, &err) == LOAD_OK)
	{
		if (m < 1 || m > 12 || d < 1 || d > 31 || t < 0 || t >= 86400)
			fz_fail("accepted date %d-%d-%d %d out of range", y, m, d, t);
		some_value = true;
	}
	else if (err.detail[0] == '\0')
		fz_fail("load_date failed without a detail");
}

/* Reads text[0..n) as CSV and checks every field. */
static int
check_csv(const char *text, size_t n)
{
	static CsvField fields[LOAD_MAX_FIELDS];
	static char buf[1 << 16];
	CsvReader	r;
	LoadError	err;
	int			nf;
	int			records = 0;
	LoadStatus	st;

	some_value = false;
	csv_init(&r, text, n, csv_detect_separator(text, n));
	while ((st = csv_next(&r, fields, LOAD_MAX_FIELDS, &nf, &err)) == LOAD_OK)
	{
		if (nf < 1)
			fz_fail("a record without fields");
		for (int i = 0; i < nf; i++)
		{
			size_t		l;

			if (fields[i].p < text || fields[i].p + fields[i].len > text + n)
				fz_fail("field %d outside the text", i);
			if (fields[i].len >= sizeof(buf))
				continue;
			l = csv_unescape(&fields[i], buf);
			if (l > fields[i].len)
				fz_fail("unescaped field longer than the field");
			/* values of the first records only: enough fields, and a run stays short */
			if (records < 4)
				check_value(buf, l);
		}
		if (++records > (int) n + 1)
			fz_fail("more records than bytes");
	}
	if (st != LOAD_END && err.detail[0] == '\0')
		fz_fail("csv_next failed without a detail");
	check_value(text, n);
	{
		/* names are short: the distance is checked on the first 64 bytes */
		size_t		m = n < 64 ? n : 64;
		size_t		h = m / 2;
		int			d1 = load_distance(text, h, text + h, m - h);
		int			d2 = load_distance(text + h, m - h, text, h);

		if (d1 != d2 || load_distance(text, m, text, m) != 0)
			fz_fail("load_distance not symmetric or not zero against itself");
	}
	/* "accepted" (kept for further mutation): a whole file with a number or a date in it */
	return st == LOAD_END && some_value;
}

/* fz_text: see fuzz.h. */
int
fz_text(const char *s)
{
	return check_csv(s, strlen(s));
}

/* fz_bin: see fuzz.h. */
int
fz_bin(const uint8_t *b, size_t n)
{
	return check_csv((const char *) b, n);
}

/* fz_send: see fuzz.h (the binary form is the text's bytes). */
size_t
fz_send(const char *s, uint8_t *out, size_t cap)
{
	size_t		n = strlen(s);

	if (n > cap)
		return 0;
	memcpy(out, s, n);
	return n;
}
