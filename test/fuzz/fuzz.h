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

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "number_core.h"
#include "utf8.h"

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

/* The first line of fz_fail's report: "fuzz/<type>: ROUND-TRIP/PROPERTY FAILURE: <message>". */
static inline void
fz_print_failure(const char *fmt, va_list ap)
{
	fprintf(stderr, "fuzz/%s: ROUND-TRIP/PROPERTY FAILURE: ", fz_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

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


/*
 * A fixed-size value type of src/ (indicator, target, tally) as the shared checks below see
 * it: its parser, formatter, validity check and binary form, each through a small wrapper
 * of the harness.  format returns its text in an exactly sized heap buffer (so an overrun
 * is an ASan report); check may leave a detail in err (else err->detail is empty).
 */
typedef struct FzValueType
{
	size_t		size;			/* sizeof the value (compared bytewise) */
	size_t		send_len;		/* length of its binary form */
	const char *check_name;		/* the validity check, for reports */
	bool		bin_refusal_explains;	/* a refused binary input must have a detail */
	bool		(*parse) (const char *s, void *x, CoreError *err);
	char	   *(*format) (const void *x);
	bool		(*check) (const void *x, CoreError *err);
	void		(*encode) (const void *x, uint8_t *out);
	void		(*decode) (const uint8_t *b, void *x);
} FzValueType;

/*
 * The round trip of an accepted value x of type vt (src is the input it came from, for
 * reports): it passes the check, prints, reads back to the same bytes and prints the same
 * text; its binary form reads back to the same bytes and is sent back identically.
 */
static inline void
fz_check_value(const FzValueType *vt, const void *x, const char *src)
{
	void	   *x2 = malloc(vt->size),
			   *x3 = malloc(vt->size);
	uint8_t    *b1 = malloc(vt->send_len),
			   *b2 = malloc(vt->send_len);
	CoreError	err;
	char	   *out1,
			   *out2;

	err.detail[0] = '\0';
	if (!vt->check(x, &err))
	{
		if (err.detail[0] != '\0')
			fz_fail("accepted value fails %s (binary input would refuse it): %s", vt->check_name, err.detail);
		fz_fail("accepted value fails %s (binary input would refuse it)", vt->check_name);
	}
	out1 = vt->format(x);
	if (!vt->parse(out1, x2, &err))
		fz_fail("output \"%s\" of \"%s\" is refused: %s", out1, src, err.detail);
	if (memcmp(x, x2, vt->size) != 0)
		fz_fail("output \"%s\" reads back as a different value", out1);
	out2 = vt->format(x2);
	if (strcmp(out1, out2) != 0)
		fz_fail("output not canonical: \"%s\" then \"%s\"", out1, out2);
	vt->encode(x, b1);
	vt->decode(b1, x3);
	if (!vt->check(x3, &err) || memcmp(x, x3, vt->size) != 0)
		fz_fail("binary form of \"%s\" does not read back", out1);
	vt->encode(x3, b2);
	if (memcmp(b1, b2, vt->send_len) != 0)
		fz_fail("binary form of \"%s\" not identical after recv and send", out1);
	free(out1);
	free(out2);
	free(x2);
	free(x3);
	free(b1);
	free(b2);
	fz_roundtrip_checked();
}

/* fz_text of type vt: parse; a refusal must explain itself, an accepted value round-trip. */
static inline int
fz_text_value(const FzValueType *vt, const char *s)
{
	void	   *x = malloc(vt->size);
	CoreError	err;

	if (!vt->parse(s, x, &err))
	{
		if (err.kind == CORE_OK || !fz_good_detail(s, err.detail, sizeof(err.detail)))
			fz_fail("refused without an error kind and a detail that is valid UTF-8: \"%s\"", err.detail);
		free(x);
		return 0;
	}
	fz_check_value(vt, x, s);
	free(x);
	return 1;
}

/*
 * fz_bin of type vt: decode and check (a refusal explains itself when the type says so);
 * an accepted value must round-trip and be sent back identically.
 */
static inline int
fz_bin_value(const FzValueType *vt, const uint8_t *b, size_t n)
{
	void	   *x;
	uint8_t    *again;
	CoreError	err;

	if (n != vt->send_len)
		return 0;
	x = malloc(vt->size);
	vt->decode(b, x);
	err.kind = CORE_OK;
	err.detail[0] = '\0';
	if (!vt->check(x, &err))
	{
		if (vt->bin_refusal_explains &&
			(err.kind == CORE_OK || !fz_good_detail("", err.detail, sizeof(err.detail))))
			fz_fail("binary input refused without an error kind and a detail");
		free(x);
		return 0;
	}
	fz_check_value(vt, x, "(binary)");
	again = malloc(vt->send_len);
	vt->encode(x, again);
	if (memcmp(again, b, vt->send_len) != 0)
		fz_fail("accepted binary input is not sent back identically");
	free(again);
	free(x);
	return 1;
}

/* fz_send of type vt: the binary form of an accepted text, to seed the binary mutations. */
static inline size_t
fz_send_value(const FzValueType *vt, const char *s, uint8_t *out, size_t cap)
{
	void	   *x = malloc(vt->size);
	CoreError	err;
	bool		ok = cap >= vt->send_len && vt->parse(s, x, &err);

	if (ok)
		vt->encode(x, out);
	free(x);
	return ok ? vt->send_len : 0;
}

#endif
