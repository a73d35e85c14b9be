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
 * The input error for a failed parse of input (22P02 or 22003, DETAIL from err), through
 * pekefb_input_error: returns only when it was saved as a soft error in escontext.
 */
extern void feedback_report(Node *escontext, const char *input, const FbError *err);

#endif
