/*
 * feedback_core.h: the pekefb.feedback value without the server: a strict JSON tokenizer
 * (exactly the syntax PostgreSQL's json type accepts; string escapes decoded as jsonb does),
 * parsing one JSON response into the compact binary form, checking and reading that form,
 * and printing it back as canonical JSON.  Plain C99, no allocation; errors come back as an
 * FbError, never thrown.
 *
 * Binary form (the bytes after the varlena header; FB_HEADER_SIZE + items):
 *
 *   byte 0   format version (FB_VERSION)
 *   byte 1   role     0 = not given, 1.. = fb_roles[]
 *   byte 2   channel  0 = not given, 1.. = fb_channels[]
 *   byte 3   nps      0..10, FB_NPS_NONE (255) = not given
 *   byte 4-5 lang     up to three letters a-z as 5-bit numbers 1..26, big-endian
 *                     ((c1 << 10) | (c2 << 5) | c3); 0 = not given
 *   byte 6   number of statements (0..FB_MAX_ITEMS)
 *   then per statement, sorted by code (bytewise): code length, code bytes, score
 *   (1..5, FB_DONT_KNOW = 0 for null, i.e. "don't know")
 *
 * Every value has exactly one binary form, so byte equality is value equality.
 */
#ifndef PEKEFB_FEEDBACK_CORE_H
#define PEKEFB_FEEDBACK_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FB_VERSION		1
#define FB_HEADER_SIZE	7
#define FB_MAX_ITEMS	32		/* statements per response */
#define FB_MAX_CODE		32		/* bytes of a statement code */
#define FB_NPS_NONE		255
#define FB_DONT_KNOW	0
#define FB_NROLES		6
#define FB_NCHANNELS	7

/* Longest canonical text: fixed keys plus FB_MAX_ITEMS × ("code":null,). */
#define FB_PRINT_MAX	(96 + FB_MAX_ITEMS * (FB_MAX_CODE + 8))

/* Index 0 is "not given"; the position in the list is the stored byte. */
extern const char *const fb_roles[FB_NROLES + 1];
extern const char *const fb_channels[FB_NCHANNELS + 1];

typedef enum FbStatus
{
	FB_OK = 0,
	FB_ERR_SYNTAX,				/* not JSON, wrong structure or type: 22P02 */
	FB_ERR_RANGE,				/* a number outside its range: 22003 */
	FB_ERR_UNTRANSLATABLE		/* \u0000, or an escape the database encoding lacks: 22P05 */
} FbStatus;

typedef struct FbError
{
	FbStatus	status;
	char		detail[320];	/* a full sentence naming the field */
} FbError;

typedef struct FbItem
{
	uint8_t		len;
	uint8_t		score;			/* 1..5 or FB_DONT_KNOW */
	char		code[FB_MAX_CODE];
} FbItem;

/* A parsed response before encoding. */
typedef struct FbValue
{
	uint8_t		role;
	uint8_t		channel;
	uint8_t		nps;
	uint16_t	lang;
	uint8_t		nitems;
	FbItem		items[FB_MAX_ITEMS];
} FbValue;

/* ---------------------------------------------------------------- JSON tokenizer */

/*
 * The tokens of JSON text.  The syntax is PostgreSQL's json type (src/common/jsonapi.c):
 * whitespace is space, tab, CR and LF only; numbers are -?(0|[1-9][0-9]*)(.[0-9]+)?
 * ([eE][+-]?[0-9]+)? with nothing alphanumeric after them; strings hold no byte below 0x20
 * and only the escapes \" \\ \/ \b \f \n \r \t \uXXXX; the keywords are true, false, null.
 */
typedef enum FbJsonToken
{
	FBJ_END = 0,				/* the end of the text */
	FBJ_OBJECT_START,
	FBJ_OBJECT_END,
	FBJ_ARRAY_START,
	FBJ_ARRAY_END,
	FBJ_COLON,
	FBJ_COMMA,
	FBJ_STRING,
	FBJ_NUMBER,
	FBJ_TRUE,
	FBJ_FALSE,
	FBJ_NULL
} FbJsonToken;

/*
 * Writes code point cp (1..0x10FFFF, never a surrogate) in the output encoding to out (at
 * most 6 bytes); returns the number of bytes, or -1 when the encoding has no such character.
 * NULL means UTF-8.
 */
typedef int (*FbUnicodeFn) (uint32_t cp, char *out, void *arg);

/* Called about every megabyte of a long token or run of whitespace (the server's cancel check). */
typedef void (*FbTickFn) (void *arg);

/* A tokenizer over text[0..len); the current token is described by token, start, tok, toklen. */
typedef struct FbJson
{
	const char *text;
	const char *end;
	const char *p;				/* where the next token is looked for */
	FbJsonToken token;
	const char *start;			/* first byte of the token */
	const char *tok;			/* a string's content (between the quotes), else = start */
	size_t		toklen;
	bool		escapes;		/* the string contains backslash escapes */
	FbUnicodeFn unicode;
	void	   *unicode_arg;
	FbTickFn	tick;
	void	   *tick_arg;
} FbJson;

/* Starts tokenizing text[0..len) (a NUL byte also ends the text); no token is read yet. */
extern void fbj_init(FbJson *j, const char *text, size_t len);

/* Reads the next token into j (FBJ_END at the end of the text); errors for invalid JSON. */
extern FbStatus fbj_next(FbJson *j, FbError *err);

/*
 * Decodes the current string token into out (cap bytes, NUL-terminated), the escapes
 * converted as jsonb converts them (\u0000 and unpaired surrogates refused).  When the
 * decoded string does not fit, *truncated is set and out holds a prefix; cap >= toklen + 1
 * always suffices.  *len gets the decoded length.
 */
extern FbStatus fbj_string(const FbJson *j, char *out, size_t cap, size_t *len,
						   bool *truncated, FbError *err);

/* The current token as a noun for details: "a string", "an array", "the end of the text", ... */
extern const char *fbj_kind(const FbJson *j);

/* 1-based byte position of the current token in the text. */
extern size_t fbj_pos(const FbJson *j);

/*
 * Fails with "Expected <what> at byte N, found <current token>." (the JSON structure is
 * not what the grammar or the caller expects).
 */
extern FbStatus fbj_expected(const FbJson *j, const char *what, FbError *err);

/* ---------------------------------------------------------------- feedback values */

/* Parses a whole JSON text (NUL-terminated) into *v; escapes decode to UTF-8. */
extern FbStatus fb_parse(const char *text, FbValue *v, FbError *err);

/* fb_parse of text[0..len) with the given code point writer (NULL: UTF-8). */
extern FbStatus fb_parse_text(const char *text, size_t len, FbUnicodeFn unicode, void *arg,
							  FbValue *v, FbError *err);

/*
 * Parses the JSON object that starts at the current token of j (already read) into *v,
 * then reads the token after it.  For values embedded in a larger document (import).
 */
extern FbStatus fb_parse_value(FbJson *j, FbValue *v, FbError *err);

/* Bytes of the binary form of v, and writing it (out must hold fb_encoded_size bytes). */
extern size_t fb_encoded_size(const FbValue *v);
extern void fb_encode(const FbValue *v, uint8_t *out);

/* Whether p[0..len) is a well-formed binary form (for binary receive). */
extern bool fb_check_encoded(const uint8_t *p, size_t len);

/* Writes the canonical JSON text of a binary form to out (FB_PRINT_MAX bytes); returns its length. */
extern size_t fb_print(const uint8_t *p, size_t len, char *out);

/* The lang field as text (out holds 4 bytes); false if not given. */
extern bool fb_lang_text(uint16_t lang, char *out);

/* Whether code[0..len) is a valid statement code: 1..FB_MAX_CODE bytes of a-z, 0-9, _. */
extern bool fb_valid_code(const char *code, size_t len);
/* qsort comparator of FbItem: bytewise by code, shorter first on a common prefix. */
extern int	fb_item_cmp(const void *x, const void *y);

/*
 * The score of statement code[0..clen) in a binary form: 1..5, FB_DONT_KNOW (0) for a
 * "don't know" answer, -1 if the response has no such statement.  No allocation.
 */
static inline int
fb_find_item(const uint8_t *p, size_t len, const char *code, size_t clen)
{
	const uint8_t *q = p + FB_HEADER_SIZE;
	const uint8_t *end = p + len;
	int			n = p[6];

	for (int i = 0; i < n && q < end; i++)
	{
		size_t		l = q[0];

		if (l == clen)
		{
			int			c = 0;

			for (size_t k = 0; k < l; k++)
			{
				c = (int) q[1 + k] - (int) (unsigned char) code[k];
				if (c != 0)
					break;
			}
			if (c == 0)
				return q[1 + l];
		}
		q += l + 2;
	}
	return -1;
}

/*
 * Per-statement counts over many responses (pekefb.item_counts, the feedback states'
 * statement rows): answers scored 1-5, "don't know" answers, the sum of the scores and the
 * answers 4-5, each the sum of the signs (1 adds a response, -1 subtracts one).
 */
typedef struct FbItemCount
{
	uint8_t		len;			/* bytes of code */
	char		code[FB_MAX_CODE];
	int64_t		answers;
	int64_t		dont_know;
	int64_t		score_sum;
	int64_t		agree;
} FbItemCount;

/*
 * Adds sign (1 or -1) times the statements of the binary form p[0..len) to counts[0..*n),
 * kept sorted by code bytewise (shorter first on a common prefix); a code not there yet is
 * inserted.  The caller provides room for at least *n + FB_MAX_ITEMS entries.  No allocation.
 */
extern void fb_item_counts_add(FbItemCount *counts, int *n, const uint8_t *p, size_t len, int sign);

#endif
