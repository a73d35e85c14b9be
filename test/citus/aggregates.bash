# test/citus/aggregates.bash: one query per aggregate signature of the library, for the Citus
# test and benchmark (sourced).  AGG[signature] = "FROM clause^aggregate call^column to group
# by that is not the distribution column", with @s@ for the region's schema.  Timestamps are
# built at a fixed offset, so they are the same instants on every node; the timestamptz overloads
# take the date in the session's time zone, which here is every node's (see doc/citus.md).
declare -A AGG=(
	["pekefb.access_rate(date,date,pekefb.deadline)"]="@s@.cases c JOIN @s@.indicators i ON i.code = c.indicator_code^pekefb.access_rate(c.started, c.finished, i.deadline)^c.indicator_code"
	["pekefb.access_rate(date,date,pekefb.deadline,date)"]="@s@.cases c JOIN @s@.indicators i ON i.code = c.indicator_code^pekefb.access_rate(c.started, c.finished, i.deadline, date '2024-06-30')^c.indicator_code"
	["pekefb.access_rate(timestamp with time zone,timestamp with time zone,pekefb.deadline)"]="@s@.cases c JOIN @s@.indicators i ON i.code = c.indicator_code^pekefb.access_rate((c.started + time '09:00') AT TIME ZONE 'UTC', (c.finished + time '15:00') AT TIME ZONE 'UTC', i.deadline)^c.indicator_code"
	["pekefb.access_rate(timestamp with time zone,timestamp with time zone,pekefb.deadline,timestamp with time zone)"]="@s@.cases c JOIN @s@.indicators i ON i.code = c.indicator_code^pekefb.access_rate((c.started + time '09:00') AT TIME ZONE 'UTC', (c.finished + time '15:00') AT TIME ZONE 'UTC', i.deadline, timestamptz '2024-06-30 12:00+00')^c.indicator_code"
	["pekefb.access_rate(date,date,pekefb.deadline,text,date[],boolean)"]="@s@.cases c JOIN @s@.indicators i ON i.code = c.indicator_code^pekefb.access_rate(c.started, c.finished, i.deadline, 'literal', ARRAY[date '2024-12-23', date '2025-01-02'], true)^c.indicator_code"
	["pekefb.access_rate(date,date,pekefb.deadline,date,text,date[],boolean)"]="@s@.cases c JOIN @s@.indicators i ON i.code = c.indicator_code^pekefb.access_rate(c.started, c.finished, i.deadline, date '2024-06-30', 'literal', ARRAY[date '2024-12-23'], true)^c.indicator_code"
	["pekefb.wait_agg(integer)"]="@s@.cases c^pekefb.wait_agg(c.finished - c.started)^c.indicator_code"
	["pekefb.rollup(pekefb.waits)"]="(SELECT organization_code, indicator_code, date_trunc('month', started) AS month, pekefb.wait_agg(finished - started) AS w FROM @s@.cases GROUP BY 1, 2, 3) c^pekefb.rollup(c.w)^c.indicator_code"
	["pekefb.sum(pekefb.indicator)"]="@s@.cases c^pekefb.sum(((c.finished IS NOT NULL AND c.finished - c.started <= 14)::int || '/1')::pekefb.indicator)^c.indicator_code"
	["pekefb.target_attainment(double precision,pekefb.target)"]="@s@.cases c^pekefb.target_attainment((c.finished - c.started)::double precision, '<= 30')^c.indicator_code"
	["pekefb.target_attainment(pekefb.indicator,pekefb.target)"]="@s@.cases c^pekefb.target_attainment(((c.finished IS NOT NULL)::int || '/1')::pekefb.indicator, '>= 80%')^c.indicator_code"
	["pekefb.nps(pekefb.feedback)"]="@s@.feedback_responses f^pekefb.nps(f.response)^f.service"
	["pekefb.nps(integer)"]="@s@.feedback_responses f^pekefb.nps(pekefb.nps_score(f.response))^f.service"
	["pekefb.item_mean(pekefb.feedback,text)"]="@s@.feedback_responses f^pekefb.item_mean(f.response, 'easy')^f.service"
	["pekefb.agree_share(pekefb.feedback,text)"]="@s@.feedback_responses f^pekefb.agree_share(f.response, 'helped')^f.service"
)
