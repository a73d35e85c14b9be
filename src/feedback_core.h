/*
 * feedback_core.h: the pekefb.feedback value without the server: parsing one JSON response
 * (with cJSON) into the compact binary form, checking and reading that form, and printing
 * it back as canonical JSON.  Plain C99; errors come back as an FbError, never thrown.
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

#include <cjson/cJSON.h>

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
	FB_ERR_RANGE				/* a number outside its range: 22003 */
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

/* Parses a whole JSON text (NUL-terminated) into *v. */
extern FbStatus fb_parse(const char *text, FbValue *v, FbError *err);

/* Converts an already parsed cJSON node (e.g. one field of an import record) into *v. */
extern FbStatus fb_from_json(const cJSON *node, FbValue *v, FbError *err);

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

#endif
