/*
 * states_core.c: signed per-day histograms and months for keeping the access states
 * (see states_core.h).  Plain C, no PostgreSQL headers.
 */
#include "calendar_core.h"
#include "states_core.h"

/* See states_core.h. */
int32_t
st_hist_part(const StHist *h, int sign, int32_t *days, int64_t *counts, int64_t *total)
{
	int32_t		k = 0;
	int64_t		sum = 0;

	for (int32_t i = 0; i < h->n; i++)
	{
		int64_t		c = sign > 0 ? h->counts[i] : -h->counts[i];

		if (c > 0)
		{
			if (days != NULL)
			{
				days[k] = h->days[i];
				counts[k] = c;
			}
			sum += c;
			k++;
		}
	}
	*total = sum;
	return k;
}

/* See states_core.h. */
bool
st_hist_zero(const StHist *h)
{
	for (int32_t i = 0; i < h->n; i++)
		if (h->counts[i] != 0)
			return false;
	return true;
}

/* See states_core.h. */
int32_t
st_month_start(int32_t day)
{
	int			y,
				m,
				d;

	cal_ymd(day, &y, &m, &d);
	return day - (d - 1);
}
