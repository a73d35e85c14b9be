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

/*
 * The input error for a failed parse of input (22P02, 22003 or 22P05, DETAIL from err),
 * through pekefb_input_error: returns only when it was saved as a soft error in escontext
 * (NULL: always ERROR).
 */
extern void feedback_report(Node *escontext, const char *input, const FbError *err);

#endif
