/*
 * states_core.c: signed per-day histograms and months for keeping the access states
 * (see states_core.h).  Plain C, no PostgreSQL headers.
 */
#include "access_rollup_core.h"
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

/* See states_core.h. */
int32_t
st_unit_start(int32_t month, bool half_yearly)
{
	int			y,
				m,
				d;
	int32_t		unit;
	int32_t		uy;

	cal_ymd(month, &y, &m, &d);
	unit = access_unit_start(y * 12 + (m - 1), half_yearly);
	uy = (unit >= 0) ? unit / 12 : -((-unit + 11) / 12);
	return cal_day(uy, unit - uy * 12 + 1, 1);
}
