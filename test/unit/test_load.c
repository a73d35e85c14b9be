/*
 * test_load.c: unit tests of the loaders' parsers (src/load_core.c): the CSV reader
 * (quoting, separators, byte-order mark, line numbers, errors), header matching, Finnish
 * numbers and dates, and the edit distance.
 */
#include <string.h>

#include "load_core.h"
#include "unit.h"

/* Reads all records of text; returns the count, or -line of the error. */
static int
records(const char *text, char sep, int *fields_last)
{
	CsvReader	r;
	CsvField	f[16];
	LoadError	err;
	int			n,
				k = 0;
	LoadStatus	st;

	csv_init(&r, text, strlen(text), sep);
	while ((st = csv_next(&r, f, 16, &n, &err)) == LOAD_OK)
	{
		k++;
		*fields_last = n;
	}
	return st == LOAD_END ? k : (int) -err.line;
}

/* The unescaped field i of the record on the given record number (1-based). */
static int
field_is(const char *text, int rec, int i, const char *want, long *line)
{
	CsvReader	r;
	CsvField	f[16];
	LoadError	err;
	int			n;
	char		buf[256];

	csv_init(&r, text, strlen(text), csv_detect_separator(text, strlen(text)));
	for (int k = 1; k <= rec; k++)
		if (csv_next(&r, f, 16, &n, &err) != LOAD_OK)
			return 0;
	*line = r.record_line;
	if (i >= n)
		return 0;
	buf[csv_unescape(&f[i], buf)] = '\0';
	return strcmp(buf, want) == 0;
}

/* Normalises s as load_number and compares with want (NULL: refused). */
static int
number_is(const char *s, const char *want)
{
	char		out[LOAD_NUM_BUFLEN];
	LoadError	err;
	LoadStatus	st = load_number(s, strlen(s), out, &err);

	if (want == NULL)
		return st != LOAD_OK && err.detail[0] != '\0';
	return st == LOAD_OK && strcmp(out, want) == 0;
}

/* Reads s as load_date (with a time when t is not NULL). */
static int
date_is(const char *s, int y, int m, int d, int *t)
{
	int			yy,
				mm,
				dd;
	LoadError	err;

	if (load_date(s, strlen(s), &yy, &mm, &dd, t, &err) != LOAD_OK)
		return y == 0 && err.detail[0] != '\0';
	return yy == y && mm == m && dd == d;
}

int
main(void)
{
	int			nf = 0;
	long		line = 0;
	int			t;

	CHECK("csv: separator ; detected", csv_detect_separator("a;b;c\n1,5;2;3", 14) == ';');
	CHECK("csv: separator , detected", csv_detect_separator("a,b,\"c;d\"\n", 10) == ',');
	CHECK("csv: separator tab detected", csv_detect_separator("a\tb\n", 4) == '\t');
	CHECK("csv: BOM skipped in detection", csv_detect_separator("\xEF\xBB\xBF" "a;b", 6) == ';');
	CHECK("csv: three records, blank lines and CRLF", records("a;b\r\n1;2\r\n\r\n  \n3;4\n", ';', &nf) == 3 && nf == 2);
	CHECK("csv: last line without a newline", records("a;b\n1;2", ';', &nf) == 2 && nf == 2);
	CHECK("csv: empty fields", records("a;b;c\n;;\n", ';', &nf) == 2 && nf == 3);
	CHECK("csv: quoted separator and quote", field_is("a;b\n\"x;y\";\"say \"\"hi\"\"\"\n", 2, 1, "say \"hi\"", &line) && line == 2);
	CHECK("csv: quoted line break counts lines", field_is("a;b\n\"x\ny\";1\nz;2\n", 3, 0, "z", &line) && line == 4);
	CHECK("csv: BOM not part of the first name", field_is("\xEF\xBB\xBF" "Kunta;b\n1;2\n", 1, 0, "Kunta", &line));
	CHECK("csv: unclosed quote refused with its line", records("a;b\n1;2\n\"3;4\n", ';', &nf) == -3);
	CHECK("csv: text after a closing quote refused", records("a;b\n\"1\"x;2\n", ';', &nf) == -2);
	CHECK("csv: too many fields refused", records("1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17\n", ';', &nf) == -1);

	CHECK("names: case and spaces ignored", load_name_equal(" Nimittäjä ", 12, "NIMITTÄJÄ", 11));
	CHECK("names: different names differ", !load_name_equal("Kunta", 5, "Kunnat", 6));
	CHECK("spec: alternatives", load_spec_matches("organisaatio|kunta", 18, "Kunta", 5));
	CHECK("spec: optional marker", load_spec_optional("?arvo", 5) && load_spec_matches("?arvo|värde", 12, "VÄRDE", 6));
	CHECK("spec: no partial match", !load_spec_matches("kunta", 5, "kunt", 4));

	CHECK("number cmp: equal with other zeros", load_number_cmp("007.50", "7.5") == 0 && load_number_cmp("-0", "0.00") == 0);
	CHECK("number cmp: longer integer part is larger", load_number_cmp("100", "99.999") == 1 && load_number_cmp("99.999", "100") == -1);
	CHECK("number cmp: fractions digit by digit", load_number_cmp("0.123", "0.1229999") == 1 && load_number_cmp("1.5", "1.50001") == -1);
	CHECK("number cmp: signs", load_number_cmp("-5", "3") == -1 && load_number_cmp("-5", "-3") == -1 && load_number_cmp("-0.5", "0") == -1);
	CHECK("number cmp: beyond double precision", load_number_cmp("12345678901234567890.1", "12345678901234567890.01") == 1);
	CHECK("number: decimal comma", number_is("94,5", "94.5"));
	CHECK("number: decimal point", number_is("94.5", "94.5"));
	CHECK("number: groups with spaces", number_is("-1 234 567,25", "-1234567.25"));
	CHECK("number: no-break space groups", number_is("1\xC2\xA0" "234", "1234"));
	CHECK("number: minus sign U+2212", number_is("\xE2\x88\x92" "3", "-3"));
	CHECK("number: plus sign and spaces", number_is("  +7 ", "7"));
	CHECK("number: two decimal marks refused", number_is("9,4,5", NULL));
	CHECK("number: bad group refused", number_is("12 34", NULL));
	CHECK("number: long first group refused", number_is("1234 567", NULL));
	CHECK("number: trailing mark refused", number_is("5,", NULL));
	CHECK("number: text refused", number_is("n/a", NULL));
	CHECK("number: empty refused", number_is("", NULL));

	CHECK("date: Finnish", date_is("1.4.2025", 2025, 4, 1, NULL));
	CHECK("date: Finnish with zeros", date_is("01.04.2025", 2025, 4, 1, NULL));
	CHECK("date: ISO", date_is("2025-04-01", 2025, 4, 1, NULL));
	CHECK("date: leap day", date_is("29.2.2024", 2024, 2, 29, NULL));
	CHECK("date: 29.2.2025 refused", date_is("29.2.2025", 0, 0, 0, NULL));
	CHECK("date: month 13 refused", date_is("1.13.2025", 0, 0, 0, NULL));
	CHECK("date: two-digit year refused", date_is("1.4.25", 0, 0, 0, NULL));
	CHECK("date: a time refused for a date", date_is("1.4.2025 10.00", 0, 0, 0, NULL));
	CHECK("timestamp: Finnish time", date_is("14.3.2025 10.22", 2025, 3, 14, &t) && t == 10 * 3600 + 22 * 60);
	CHECK("timestamp: ISO with seconds and fraction", date_is("2025-03-14T10:22:31.5", 2025, 3, 14, &t) && t == 37351);
	CHECK("timestamp: date only is midnight", date_is("14.3.2025", 2025, 3, 14, &t) && t == 0);
	CHECK("timestamp: hour 24 refused", date_is("14.3.2025 24.00", 0, 0, 0, &t));
	CHECK("timestamp: mixed separators refused", date_is("14.3.2025 10:22.31", 0, 0, 0, &t));

	CHECK("distance: identical", load_distance("Kokkola", 7, "kokkola", 7) == 0);
	CHECK("distance: one deletion", load_distance("Kokola", 6, "Kokkola", 7) == 1);
	CHECK("distance: code points, not bytes", load_distance("Lestijarvi", 10, "Lestijärvi", 11) == 1);
	CHECK("distance: empty", load_distance("", 0, "abc", 3) == 3);
	return unit_exit();
}
