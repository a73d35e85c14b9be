/*
 * compat.h: every difference between the PostgreSQL server versions pekefb builds against
 * (15 and 17; written for 15-17), each behind one PG_VERSION_NUM guard, so that no other file
 * needs one.
 */
#ifndef PEKEFB_COMPAT_H
#define PEKEFB_COMPAT_H

#include "postgres.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif

/*
 * GUC "extra" data: from 16 on PostgreSQL frees it with guc_free(), so it must come from
 * guc_malloc(); up to 15 it is plain malloc'd memory.  NULL when out of memory.
 */
#if PG_VERSION_NUM >= 160000
#define pekefb_guc_malloc(size) guc_malloc(LOG, (size))
#else
#define pekefb_guc_malloc(size) malloc(size)
#endif

/*
 * DecodeDateTime: from 16 on it takes one more argument, for the details of an error (a bad
 * time zone name); pekefb only needs the DTERR_* code it returns.
 */
static inline int
pekefb_decode_datetime(char **field, int *ftype, int nf, int *dtype, struct pg_tm *tm,
					   fsec_t *fsec, int *tzp)
{
#if PG_VERSION_NUM >= 160000
	DateTimeErrorExtra extra;

	return DecodeDateTime(field, ftype, nf, dtype, tm, fsec, tzp, &extra);
#else
	return DecodeDateTime(field, ftype, nf, dtype, tm, fsec, tzp);
#endif
}

/*
 * pekefb_errsave(escontext, errcode(...), errmsg(...), ...): from 16 on, errsave(): an input
 * function's error is saved in the caller's ErrorSaveContext when it passed one (soft
 * error: pg_input_is_valid, pg_input_error_info, COPY ... ON_ERROR) and raised otherwise;
 * up to 15, which has no soft errors, always raised.
 */
#if PG_VERSION_NUM >= 160000
#define pekefb_errsave(escontext, ...) errsave((escontext), __VA_ARGS__)
#else
#define pekefb_errsave(escontext, ...) \
	do { (void) (escontext); ereport(ERROR, __VA_ARGS__); } while (0)
#endif

#endif
