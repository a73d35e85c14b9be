/*
 * fuzz.h: the interface between the fuzz driver (driver.c: corpus, deterministic mutator,
 * counters, crash capture) and one type's harness (fuzz_<type>.c), plus the small helpers
 * the harnesses share.  Everything here is plain C, no PostgreSQL headers: the parsers of
 * src/ (the *_core.c files) are exercised outside the server, under AddressSanitizer and
 * UndefinedBehaviorSanitizer.
 *
 * A harness defines the fz_* symbols below.  fz_text and fz_bin return 1 when the input is
 * accepted (a value), 0 when it is refused with an error; a broken property (a round trip
 * that is not exact, an accepted value the binary check refuses, an error without a detail)
 * calls fz_fail, which reports the input and aborts.
 */
#ifndef PEKEFB_FUZZ_H
#define PEKEFB_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The type's name (also its corpus directory test/fuzz/corpus/<name>/). */
extern const char fz_name[];

/* Type-specific tokens the mutator inserts (NULL-terminated). */
extern const char *const fz_tokens[];

/* Text input s (NUL-terminated, no NUL inside): parse, and on success check the round trip. */
extern int	fz_text(const char *s);

/*
 * Binary input b[0..n) as the type's receive function would get it (the whole field of a
 * COPY BINARY row): decode and check, and on success check the round trip.
 */
extern int	fz_bin(const uint8_t *b, size_t n);

/*
 * For an accepted text s, its binary (send) form into out (room for cap bytes); returns its
 * length, 0 if s is refused or the form does not fit.  Seeds the binary mutations.
 */
extern size_t fz_send(const char *s, uint8_t *out, size_t cap);

/* Reports a broken property for the current input and aborts (never returns). */
extern void fz_fail(const char *fmt,...) __attribute__((format(printf, 1, 2), noreturn));

/* Counts one round trip checked (the driver prints the total). */
extern void fz_roundtrip_checked(void);

/*
 * Optional: a harness may define fz_report to print notes at the end of a run (properties
 * that are checked but reported only, for faults another branch is fixing).
 */
extern void fz_report(void) __attribute__((weak));

/* Big-endian helpers for the wire formats (PostgreSQL's send/recv are network order). */
static inline void
fz_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) (v >> 24);
	p[1] = (uint8_t) (v >> 16);
	p[2] = (uint8_t) (v >> 8);
	p[3] = (uint8_t) v;
}

static inline uint32_t
fz_get32(const uint8_t *p)
{
	return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) | ((uint32_t) p[2] << 8) | p[3];
}

static inline void
fz_put64(uint8_t *p, uint64_t v)
{
	fz_put32(p, (uint32_t) (v >> 32));
	fz_put32(p + 4, (uint32_t) v);
}

static inline uint64_t
fz_get64(const uint8_t *p)
{
	return ((uint64_t) fz_get32(p) << 32) | fz_get32(p + 4);
}

/* A double as pq_sendfloat8 writes it (its IEEE bits, big-endian), and back. */
static inline void
fz_putf8(uint8_t *p, double d)
{
	uint64_t	u;

	memcpy(&u, &d, 8);
	fz_put64(p, u);
}

static inline double
fz_getf8(const uint8_t *p)
{
	uint64_t	u = fz_get64(p);
	double		d;

	memcpy(&d, &u, 8);
	return d;
}

/* Whether s is valid UTF-8 (no overlong forms, no surrogates, at most U+10FFFF). */
static inline bool
fz_valid_utf8(const char *str)
{
	const unsigned char *s = (const unsigned char *) str;

	while (*s)
	{
		unsigned char c = *s;
		int			len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		uint32_t	cp;

		if (len == 0)
			return false;
		cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
		for (int k = 1; k < len; k++)
		{
			if ((s[k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[k] & 0x3Fu);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
			cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		s += len;
	}
	return true;
}

/*
 * Whether a NUL-terminated detail sentence was written (an error must explain itself) and,
 * when the input was valid UTF-8, is valid UTF-8 itself: a quote cut inside a character
 * makes the server's message conversion fail (22021 instead of the error, with any
 * client_encoding other than UTF8).
 */
static inline bool
fz_good_detail(const char *input, const char *detail, size_t cap)
{
	if (memchr(detail, '\0', cap) == NULL || detail[0] == '\0')
		return false;
	return !fz_valid_utf8(input) || fz_valid_utf8(detail);
}

#endif
