/*
 * calendar.h: the server-side calendar shared by calendar.c, deadline.c and access.c:
 * the settings, the lazily built per-day table and the due-date rule with its errors.
 */
#ifndef PEKEFB_CALENDAR_H
#define PEKEFB_CALENDAR_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/date.h"

#include "calendar_core.h"
#include "deadline_core.h"

/* pekefb.roll_forward: due dates move to the next 150/1930 §5 working day (default off). */
extern bool pekefb_roll_forward;

/* The working-day table for the current settings (rebuilt after a setting changed). */
extern const CalTable *pekefb_cal_table(void);

/* Raises 22008 unless d lies in 1900-01-01..2200-12-31 (what names the date in the error). */
extern void pekefb_cal_check(DateADT d, const char *what);

/* Raises 22008 for an infinite date (what: "started", ...). */
extern void pekefb_check_finite(DateADT d, const char *what);

/* Due date of a case started on started (Defaults 2-4), optionally rolled per §5. */
extern DateADT pekefb_compute_due(DateADT started, int32 dl, bool roll);

/* The same under an explicit calendar table (NULL: the session settings' table). */
extern DateADT pekefb_compute_due_cal(DateADT started, int32 dl, bool roll, const CalTable *cal);

/*
 * The working-day table of an explicit calendar passed as arguments calarg (text: strict |
 * literal) and daysarg (date[]: closing days) of the current call; neither may be NULL.
 */
extern const CalTable *pekefb_cal_table_args(FunctionCallInfo fcinfo, int calarg, int daysarg);

/*
 * The same for a calendar (text: strict | literal) and closing days (date[]) given as
 * values, neither NULL (the access states' trigger: once per statement).  The table stays
 * valid until the next lookup of another explicit calendar.
 */
extern const CalTable *pekefb_cal_table_of(text *calendar, ArrayType *closing_days);

/* Raises 22023: a case cannot finish before it started. */
extern void pekefb_finished_before_started(DateADT started, DateADT finished) pg_attribute_noreturn();

/* A date as ISO text, for messages. */
extern char *pekefb_date_text(DateADT d);

#endif
