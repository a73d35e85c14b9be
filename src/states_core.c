/*
 * states_core.c: signed per-day histograms and months for keeping the access states
 * (see states_core.h).  Plain C, no PostgreSQL headers.
 */
#include <string.h>

#include "calendar_core.h"
#include "states_core.h"

/* Index of day in h, or where it would be inserted (*found false then). */
static int32_t
st_hist_find(const StHist *h, int32_t day, bool *found)
{
	int32_t		lo = 0,
				hi = h->n;

	if (h->n > 0)
	{
		int64_t		guess = (int64_t) day - h->days[0];

		if (guess >= 0 && guess < h->n && h->days[guess] == day)
		{
			*found = true;
			return (int32_t) guess;
		}
		/* appended at the end: the common case of a growing histogram */
		if (day > h->days[h->n - 1])
		{
			*found = false;
			return h->n;
		}
	}
	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (h->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = (lo < h->n && h->days[lo] == day);
	return lo;
}

/* See states_core.h. */
bool
st_hist_add(StHist *h, int32_t day, int64_t delta)
{
	bool		found;
	int32_t		idx = st_hist_find(h, day, &found);

	if (found)
	{
		h->counts[idx] += delta;
		return true;
	}
	if (h->n >= h->cap)
		return false;
	memmove(&h->days[idx + 1], &h->days[idx], sizeof(int32_t) * (size_t) (h->n - idx));
	memmove(&h->counts[idx + 1], &h->counts[idx], sizeof(int64_t) * (size_t) (h->n - idx));
	h->days[idx] = day;
	h->counts[idx] = delta;
	h->n++;
	return true;
}

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
