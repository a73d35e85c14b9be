/*
 * pekefb.h: library-wide declarations: the module's settings (GUCs) and the init hooks
 * each subsystem registers its own settings with.
 */
#ifndef PEKEFB_H
#define PEKEFB_H

/* pekefb.min_group_size: groups with 1 <= n < this are suppressed in views (default 5). */
extern int	pekefb_min_group_size;

/* Called once from _PG_init: the calendar subsystem defines its settings (calendar.c). */
extern void pekefb_calendar_init(void);

#endif
