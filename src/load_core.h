/*
 * load_core.h: the parsing behind the region's loaders (doc/loading.md), without the server:
 * a CSV reader (RFC 4180 quoting, `;` `,` or tab separators, a UTF-8 byte-order mark
 * skipped, CRLF or LF lines, line numbers counted through quoted line breaks), column
 * specifications matched against header names, Finnish numbers (`94,5`, `1 234,5`) and
 * dates (`1.4.2025`, `1.4.2025 10.22`, ISO `2025-04-01`), and an edit distance for the
 * "did you mean" suggestions of unknown names.  Plain C99, no allocation; errors come back
 * as a LoadError with a DETAIL sentence.
 */
#ifndef PEKEFB_LOAD_CORE_H
#define PEKEFB_LOAD_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOAD_MAX_FIELDS		1600	/* fields per CSV record (PostgreSQL's column limit) */
#define LOAD_MAX_NAME		128		/* code points compared by load_distance */
#define LOAD_NUM_BUFLEN		64		/* longest normalised number, with the NUL */

typedef enum LoadStatus
{
	LOAD_OK = 0,
	LOAD_END,					/* no more records */
	LOAD_ERR_FORMAT,			/* the file's structure (quotes, field counts): 22P04 */
	LOAD_ERR_SYNTAX,			/* a value that does not parse: 22P02 / 22007 */
	LOAD_ERR_RANGE				/* a value that parses but is out of range: 22003 / 22008 */
} LoadStatus;

typedef struct LoadError
{
	LoadStatus	status;
	long		line;			/* where the error is (CSV line), 0 if not known */
	char		detail[256];	/* a full sentence */
} LoadError;

/* One field of a CSV record: bytes text[p, p + len) of the document. */
typedef struct CsvField
{
	const char *p;
	size_t		len;
	bool		escaped;		/* quoted and holding "" pairs: copy with csv_unescape */
} CsvField;

typedef struct CsvReader
{
	const char *p;				/* next byte to read */
	const char *end;
	char		sep;
	long		line;			/* line number of p (1-based) */
	long		record_line;	/* the line where the last record read starts */
} CsvReader;

/* Whether text starts with a UTF-8 byte-order mark (EF BB BF). */
extern bool csv_has_bom(const char *text, size_t len);

/*
 * The separator of the first line outside quotes: the most frequent of ';' ',' and tab
 * (';' on a tie, as Finnish spreadsheets write); ',' when the line has none.
 */
extern char csv_detect_separator(const char *text, size_t len);

/* Starts reading text[0..len) (a byte-order mark is skipped) with separator sep. */
extern void csv_init(CsvReader *r, const char *text, size_t len, char sep);

/*
 * Reads the next record into fields (room for cap), its field count into *n.  Blank lines
 * (empty or only spaces and tabs) are skipped.  LOAD_END at the end of the text.
 */
extern LoadStatus csv_next(CsvReader *r, CsvField *fields, int cap, int *n, LoadError *err);

/* Copies a field's content to out (room for f->len bytes), "" pairs as one quote; returns the length. */
extern size_t csv_unescape(const CsvField *f, char *out);

/*
 * Whether header name a[0..alen) equals b[0..blen): leading and trailing spaces ignored,
 * ASCII letters and Å Ä Ö case-insensitive.
 */
extern bool load_name_equal(const char *a, size_t alen, const char *b, size_t blen);

/*
 * A column specification: "[?]name[|name...]": one or more alternative names of the
 * column, '?' first when the column may be missing.  Whether name matches one of them.
 */
extern bool load_spec_matches(const char *spec, size_t speclen, const char *name, size_t namelen);

/* Whether the specification marks an optional column. */
extern bool load_spec_optional(const char *spec, size_t speclen);

/*
 * Normalises a number as Finns write it ("94,5", "-1 234,56", "1234.5", "+7") into
 * out (LOAD_NUM_BUFLEN bytes, e.g. "-1234.56") for numeric input: decimal comma or point,
 * spaces or no-break spaces between groups of three digits, surrounding spaces ignored.
 */
extern LoadStatus load_number(const char *s, size_t len, char *out, LoadError *err);

/*
 * Compares two numbers as load_number writes them ("-1234.56", "0.50"): -1, 0 or 1 as a is
 * below, equal to or above b, exactly (digit by digit; -0 equals 0).
 */
extern int	load_number_cmp(const char *a, const char *b);

/*
 * Reads a date "d.m.yyyy" (1.4.2025, 01.04.2025) or "yyyy-mm-dd" and, when time is not
 * NULL, an optional time after a space or 'T': "h:mm", "h.mm", "h:mm:ss" (seconds may have
 * a fraction, which is dropped).  *time gets seconds since midnight (0 without a time);
 * refused when time is NULL and a time follows.
 */
extern LoadStatus load_date(const char *s, size_t len, int *year, int *month, int *day,
							int *time, LoadError *err);

/*
 * Edit distance (insertions, deletions, substitutions of code points) between two UTF-8
 * names, case-insensitive as load_name_equal; at most LOAD_MAX_NAME code points of each
 * are compared.
 */
extern int	load_distance(const char *a, size_t alen, const char *b, size_t blen);

#endif
