/* calendar.c: placeholder, replaced by the calendar subsystem. */
#include "postgres.h"
#include "pekefb.h"

void
pekefb_calendar_init(void)
{
}
