/*
 * feedback.h: server-side helpers of the pekefb.feedback type shared by feedback.c and
 * import.c (building a datum from a parsed value, reporting a parse error).
 */
#ifndef PEKEFB_FEEDBACK_H
#define PEKEFB_FEEDBACK_H

#include "postgres.h"

#include "feedback_core.h"

/* A palloc'd feedback datum (4-byte varlena header) holding the binary form of v. */
extern bytea *feedback_make(const FbValue *v);

/*
 * Writes code point cp in the database encoding (an FbUnicodeFn for the tokenizer): the
 * bytes, or -1 when the encoding has no such character (as PostgreSQL's jsonb refuses it).
 */
extern int	feedback_unicode(uint32_t cp, char *out, void *arg);

/* Raises the input error for a failed parse of input (22P02, 22003 or 22P05, DETAIL from err). */
extern void feedback_report(const char *input, const FbError *err) pg_attribute_noreturn();

#endif
