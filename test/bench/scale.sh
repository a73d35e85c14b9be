#!/usr/bin/env bash
# test/bench/scale.sh: national scale (issue 13).  Builds a region of CASES cases (default
# 20 000 000) and RESPONSES feedback responses (default 10 000 000) over MUNIS
# municipalities of UNITS member organisations each (default 20 x 25: 521 organisations)
# and five years (2021-2025), loaded month by month as a region would, and reports from one
# run:
#   - per view, the dashboard query (one organisation, one year) and the whole region's
#     year: the time computed from the rows ("direct": the stored states switched off, one
#     state trigger disabled, as on Citus) against reading the stored states, and the ratio;
#   - how the dashboard query's time grows from a tenth of CASES (2 000 000 at the default)
#     to CASES cases (a tenth of every month is loaded first, the rest after);
#   - the cost of keeping the states during a monthly load (CASES / 60 new cases, with the
#     states kept vs without them), interleaved (the order alternating), best of
#     LOAD_ROUNDS (5) each, rolled back, the tables vacuumed before each round;
#   - for the feedback views (RESPONSES responses over the same organisations, three
#     services and roles, five years): the first refresh_feedback_rows, a monthly load of
#     RESPONSES / 60 with and without the feedback-state and stale-year triggers
#     (interleaved, best of LOAD_ROUNDS, rolled back, vacuumed before each), the dashboard query right after that load (its
#     year rolled up from the states) and the refresh of that year, then per view the
#     computation from the responses (the states and stored rows off, as on Citus) and from
#     the per-month states (the stored rows marked incomplete) against the stored rows, for
#     one organisation and for the whole region.
# The direct computation of a view runs once: it computes every organisation's every period
# whatever the filter (access_summary_on is a set-returning function), so the filtered and
# whole queries cost the same there and one timing (the whole region's rows counted) is
# reported for both (the feedback computations likewise).  Heavy: at the defaults some
# 60-90 minutes and 25 GB; not part of make bench unless SCALE=1 (test/run.sh).  KEEP=1
# keeps the database.  Needs PGHOST PGPORT PGUSER PGBIN.
set -euo pipefail
: "${PGBIN:?}" "${PGHOST:?}" "${PGPORT:?}" "${PGUSER:?}"
CASES=${CASES:-20000000}
RESPONSES=${RESPONSES:-10000000}
MUNIS=${MUNIS:-20}
UNITS=${UNITS:-25}
ROUNDS=${ROUNDS:-3}
LOAD_ROUNDS=${LOAD_ROUNDS:-5}
DB=bench_scale
. "$(dirname "$0")/lib.bash"
ORGS=$((MUNIS * UNITS + MUNIS + 1))
ms() { psql -d $DB -At <<< "$1" | tail -1; }

psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -d $DB <<SQL
SET client_min_messages = warning;
CREATE EXTENSION pekefb;
SELECT pekefb.create_region('region', 'reg', 'Alue') IS NOT NULL;
INSERT INTO region.organizations (code, name_fi, kind, parent_code)
SELECT 'm' || m, 'Kunta ' || m, 'municipality', 'reg' FROM generate_series(1, $MUNIS) m;
INSERT INTO region.organizations (code, name_fi, kind, parent_code)
SELECT 'm' || m || 'u' || u, 'Järjestö ' || m || '/' || u, 'ngo', 'm' || m
FROM generate_series(1, $MUNIS) m, generate_series(1, $UNITS) u;
INSERT INTO region.indicators (code, name_fi, unit, deadline, count_by, period) VALUES
  ('care', 'Hoitoon 14 vrk:ssa', '%', '14 days', 'finished', 'year'),
  ('cw', 'Lastensuojeluasia 7 arkipäivässä', '%', '7 working days', 'started', 'half_year'),
  ('pta', 'Palvelutarpeen arviointi 3 kk:ssa', '%', '3 months', 'started', 'year');
-- case g of month k (0..59 from January 2021; the month of g is g % 60): deterministic from
-- hashes of g; waits 0..120 days, 4 % open; part 0 is every tenth case (the SMALL region)
CREATE FUNCTION gen_cases(k integer, part integer, total bigint) RETURNS bigint LANGUAGE sql AS \$\$
    INSERT INTO region.cases (indicator_code, organization_code, case_id, started, finished)
    SELECT (ARRAY['care', 'cw', 'pta'])[1 + h1 % 3],
           'm' || (1 + h2 % $MUNIS) || 'u' || (1 + (h2 / $MUNIS) % $UNITS), 'c' || g,
           d, CASE WHEN h4 % 100 < 4 THEN NULL ELSE d + h4 % 121 END
    FROM (SELECT g, abs(hashint8(g)) AS h1, abs(hashint8(g + 7919)) AS h2, abs(hashint8(g + 1299709)) AS h4,
                 (DATE '2021-01-01' + make_interval(months => k))::date
                 + (abs(hashint8(g + 104729)) % 28)::integer AS d
          FROM generate_series(k, total - 1, 60) g
          WHERE (g / 60) % 10 = 0 OR part = 1) x
    WHERE part = 0 OR (g / 60) % 10 <> 0
    RETURNING 1
\$\$;
SQL
echo "## national scale, $(machine)"
echo
load_part() {
	local part=$1 t0 t1
	t0=$(date +%s)
	for k in $(seq 0 59); do
		psql -d $DB -At -c "SELECT count(*) FROM (SELECT gen_cases($k, $part, $CASES)) x" > /dev/null
	done
	t1=$(date +%s)
	echo $((t1 - t0))
}
s0=$(load_part 0)
psql -d $DB -c "VACUUM ANALYZE region.cases, region.access_states"
ref0=$(ms "SELECT clock_timestamp() AS t0 \\gset
           SELECT region.refresh_access_rows() AS n \\gset
           SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);")
psql -d $DB -c "VACUUM ANALYZE region.access_rows"
small=$(ms "SELECT count(*) FROM region.cases")

# best of ROUNDS runs of a query in ms; OFF=1: computed from the rows (states off);
# OFF=2: from the states, the stored rows not used (the units computed by access_rollup)
best() {
	local setup=
	case ${OFF:-0} in
	1) setup="ALTER TABLE region.cases DISABLE TRIGGER cases_states_update; ${FB_OFF:-}" ;;
	2) setup="UPDATE region.access_rows_meta SET complete = false;" ;;
	esac
	best_ms "${R:-$ROUNDS}" "$setup" "$1"
}
FILTERED="SELECT count(x.*) FROM region.access_summary x WHERE organization_code = 'm3u7' AND period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'"
WHOLE="SELECT count(x.*) FROM region.access_summary x WHERE period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'"
f_small=$(best "$FILTERED")
f_small_states=$(OFF=2 best "$FILTERED")

s1=$(load_part 1)
psql -d $DB -c "VACUUM ANALYZE region.cases, region.access_states"
ref1=$(ms "SELECT clock_timestamp() AS t0 \\gset
           SELECT region.refresh_access_rows() AS n \\gset
           SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);")
psql -d $DB -c "VACUUM ANALYZE region.access_rows"
big=$(ms "SELECT count(*) FROM region.cases")
states=$(ms "SELECT count(*) FROM region.access_states")
echo "cases: $small loaded in 60 monthly statements in $s0 s, then $((big - small)) more in $s1 s: $big cases, $ORGS organisations, 2021-2025; $states state rows"
echo "refresh_access_rows after each part (every unit): $ref0 ms, $ref1 ms"
echo

# a monthly load into the full region: January 2026, CASES / 60 new cases, with the states
# kept and without (the insert and update triggers disabled), interleaved, rolled back
psql -d $DB <<SQL > /dev/null
CREATE TABLE month_gen AS
SELECT 'n' || g AS case_id, (ARRAY['care', 'cw', 'pta'])[1 + abs(hashint8(g)) % 3] AS indicator_code,
       'm' || (1 + abs(hashint8(g + 7919)) % $MUNIS) || 'u' || (1 + (abs(hashint8(g + 7919)) / $MUNIS) % $UNITS) AS organization_code,
       DATE '2026-01-01' + (abs(hashint8(g + 104729)) % 31)::integer AS started,
       CASE WHEN abs(hashint8(g + 1299709)) % 100 < 4 THEN NULL
            ELSE DATE '2026-01-01' + (abs(hashint8(g + 104729)) % 31)::integer + (abs(hashint8(g + 1299709)) % 40)::integer END AS finished
FROM generate_series(1, $CASES / 60) g;
ANALYZE month_gen;
SQL
# rolled_back_ms <setup> <statement>: the milliseconds of one run of <statement> (PL/pgSQL)
# after <setup>, both rolled back
rolled_back_ms() {
	psql -d $DB -At <<SQL | tail -1
CREATE TEMP TABLE t (ms double precision);
DO \$\$
DECLARE t0 timestamptz; took double precision;
BEGIN
    BEGIN
        $1
        t0 := clock_timestamp();
        $2
        took := extract(epoch FROM clock_timestamp() - t0) * 1000;
        RAISE EXCEPTION USING ERRCODE = 'P0003';
    EXCEPTION WHEN SQLSTATE 'P0003' THEN
        INSERT INTO t VALUES (took);
    END;
END \$\$;
SELECT round(min(ms)::numeric, 1) FROM t;
SQL
}
monthly() {
	rolled_back_ms "$( [ "$1" = 0 ] && echo "ALTER TABLE region.cases DISABLE TRIGGER cases_states_insert;" )" \
		"INSERT INTO region.cases (indicator_code, organization_code, case_id, started, finished)
		 SELECT indicator_code, organization_code, case_id, started, finished FROM month_gen;"
}
# before each round the tables vacuumed, as autovacuum would between loads: a rolled-back
# round leaves its dead rows and index entries (the same case_ids, the same state rows),
# which the next round's uniqueness checks would visit, each round more than the one before.
# The order alternates (without, with, with, without, ...): the rounds' cost alternates too
# whatever they run (every other round some 300 000 more buffer hits in the insert itself
# at 20 000 000 cases, with the trigger or without), so a fixed order would
# give one side every cheap round
# ab_rounds <vacuum> <run>: LOAD_ROUNDS rounds of "<run> 0" (without) and "<run> 1" (with),
# each after <vacuum>, in the alternating order; their times into ab_without and ab_with
ab_rounds() {
	ab_without=(); ab_with=()
	for i in $(seq 1 "$LOAD_ROUNDS"); do
		for side in $([ $((i % 2)) = 1 ] && echo "0 1" || echo "1 0"); do
			"$1"
			if [ "$side" = 0 ]; then ab_without+=("$("$2" 0)"); else ab_with+=("$("$2" 1)"); fi
		done
	done
}
vacuum_cases() { psql -d $DB -c "VACUUM region.cases, region.access_states, region.access_rows_dirty"; }
ab_rounds vacuum_cases monthly
without=("${ab_without[@]}"); with=("${ab_with[@]}")
minof() { printf '%s\n' "$@" | sort -g | head -1; }
mw=$(minof "${without[@]}"); ms_=$(minof "${with[@]}")
echo "monthly load of $((CASES / 60)) cases (best of $LOAD_ROUNDS, interleaved; runs: without ${without[*]} ms, with ${with[*]} ms): $mw ms without the states, $ms_ ms with them kept: $(echo "scale=2; $ms_ / $mw" | bc)x"
echo
# (the rolled-back loads left dead rows and index entries: vacuumed, as autovacuum would,
# before the reads; otherwise each data_date() probe skips them)
psql -d $DB -c "VACUUM ANALYZE region.cases, region.access_states, region.access_rows, region.access_rows_dirty"

f_big=$(best "$FILTERED")
f_big_states=$(OFF=2 best "$FILTERED")
w_big=$(best "$WHOLE")
w_big_states=$(OFF=2 best "$WHOLE")
d_big=$(OFF=1 R=1 best "$WHOLE")
echo "| view: access_summary | direct ms | stored rows ms | direct / stored | from the states ms (access_rollup) | direct / states |"
echo "|---|---|---|---|---|---|"
echo "| dashboard: one organisation, 2025 ($big cases) | $d_big | $f_big | $(echo "scale=0; $d_big / $f_big" | bc)x | $f_big_states | $(echo "scale=0; $d_big / $f_big_states" | bc)x |"
echo "| whole region, 2025 ($big cases) | $d_big | $w_big | $(echo "scale=0; $d_big / $w_big" | bc)x | $w_big_states | $(echo "scale=0; $d_big / $w_big_states" | bc)x |"
echo
echo "dashboard query from $small to $big cases: stored rows $f_small -> $f_big ms ($(echo "scale=2; $f_big / $f_small" | bc)x), from the states $f_small_states -> $f_big_states ms ($(echo "scale=2; $f_big_states / $f_small_states" | bc)x)"
echo

# feedback: RESPONSES responses over the organisations, services, roles and five years,
# monthly statements; the views read their stored rows (refresh_feedback_rows) against
# computed from the responses (FB_OFF: the stored rows marked incomplete)
if [ "$RESPONSES" -gt 0 ]; then
	psql -d $DB <<SQL
CREATE FUNCTION gen_responses(k integer, total bigint) RETURNS bigint LANGUAGE sql AS \$\$
    INSERT INTO region.feedback_responses (organization_code, response_id, received_at, service, response, comment, themes)
    SELECT 'm' || (1 + h2 % $MUNIS) || 'u' || (1 + (h2 / $MUNIS) % $UNITS), 'r' || g,
           (DATE '2021-01-01' + make_interval(months => k))::timestamp AT TIME ZONE 'Europe/Helsinki'
               + make_interval(secs => (h1 % (28 * 86400))::double precision),
           (ARRAY['neuvola', 'perheneuvola', 'lastensuojelu'])[1 + h3 % 3],
           format('{"role":"%s","channel":"web","nps":%s,"lang":"fi","items":{"easy":%s,"helped":%s,"safe":%s,"useful":%s,"understood":%s}}',
                  (ARRAY['parent', 'child', 'staff'])[1 + h4 % 3], h1 % 11, 1 + h2 % 5, 1 + h3 % 5, 1 + h4 % 5,
                  1 + (h1 / 7) % 5, 1 + (h2 / 7) % 5)::pekefb.feedback,
           CASE WHEN h3 % 5 = 0 THEN 'kommentti' END,
           CASE WHEN h3 % 5 = 0 THEN ARRAY[(ARRAY['odotusaika', 'digipalvelut', 'kohtaaminen'])[1 + h4 % 3]] ELSE '{}' END
    FROM (SELECT g, abs(hashint8(g)) AS h1, abs(hashint8(g + 7919)) AS h2, abs(hashint8(g + 104729)) AS h3,
                 abs(hashint8(g + 1299709)) AS h4
          FROM generate_series(k, total - 1, 60) g) x
    RETURNING 1
\$\$;
SQL
	# the responses of every month but the last, then the first refresh of the stored rows
	t0=$(date +%s)
	for k in $(seq 0 58); do
		psql -d $DB -At -c "SELECT count(*) FROM (SELECT gen_responses($k, $RESPONSES)) x" > /dev/null
	done
	t1=$(date +%s)
	psql -d $DB -c "VACUUM ANALYZE region.feedback_responses"
	fref=$(ms "SELECT clock_timestamp() AS t0 \\gset
	           SELECT region.refresh_feedback_rows() AS n \\gset
	           SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);")
	echo "responses: $(ms "SELECT count(*) FROM region.feedback_responses") loaded in 59 monthly statements in $((t1 - t0)) s; refresh_feedback_rows (every year): $fref ms"
	echo
	# the last month (December 2025, RESPONSES / 60) as a monthly load, with the
	# feedback-state and stale-year triggers and without (disabled), interleaved, best of
	# LOAD_ROUNDS, rolled back, vacuumed before each round (as for the cases); then loaded, its
	# year stale until the refresh (timed)
	fmonthly() {
		rolled_back_ms "$( [ "$1" = 0 ] && echo "ALTER TABLE region.feedback_responses DISABLE TRIGGER feedback_rows_insert, DISABLE TRIGGER feedback_responses_states_insert;" )" \
			"PERFORM count(*) FROM (SELECT gen_responses(59, $RESPONSES)) x;"
	}
	vacuum_fb() { psql -d $DB -c "VACUUM region.feedback_responses, region.feedback_states, region.feedback_item_states, region.feedback_theme_states, region._feedback_rows_dirty"; }
	ab_rounds vacuum_fb fmonthly
	fwithout=("${ab_without[@]}"); fwith=("${ab_with[@]}")
	fw=$(minof "${fwithout[@]}"); fs_=$(minof "${fwith[@]}")
	echo "monthly load of $((RESPONSES / 60)) responses (best of $LOAD_ROUNDS, interleaved; runs: without ${fwithout[*]} ms, with ${fwith[*]} ms): $fw ms without the feedback-state and stale-year triggers, $fs_ ms with them: $(echo "scale=2; $fs_ / $fw" | bc)x"
	echo
	psql -d $DB -At -c "SELECT count(*) FROM (SELECT gen_responses(59, $RESPONSES)) x" > /dev/null
	FILT="period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'"
	stale=$(best "SELECT count(x.*) FROM region.feedback_summary x WHERE organization_code = 'm3u7' AND $FILT")
	fref2=$(ms "SELECT clock_timestamp() AS t0 \\gset
	            SELECT region.refresh_feedback_rows() AS n \\gset
	            SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);")
	psql -d $DB -c "VACUUM ANALYZE region.feedback_responses, region._feedback_rows, region._feedback_item_rows, region._feedback_theme_rows, region._feedback_overview_rows"
	echo "after the monthly load, before the refresh (2025 stale, rolled up from the states): feedback_summary dashboard query $stale ms; refresh_feedback_rows (2025): $fref2 ms"
	echo
	# computed from the responses: the stored rows marked incomplete and one feedback-state
	# trigger disabled (the views then compute every year from the responses, as on
	# Citus); from the states: the stored rows marked incomplete.  Either computes every
	# organisation's every period whatever the filter, so it is timed once (whole region)
	# for both queries
	echo "| view ($(ms "SELECT count(*) FROM region.feedback_responses") responses) | from the responses ms | from the states ms | dashboard: stored ms | responses / stored | whole year: stored ms | responses / stored |"
	echo "|---|---|---|---|---|---|---|"
	while IFS='|' read -r view filt; do
		fq="SELECT count(x.*) FROM region.$view x WHERE organization_code = 'm3u7' AND $filt"
		wq="SELECT count(x.*) FROM region.$view x WHERE $filt"
		fs=$(best "$fq"); ws=$(best "$wq")
		wd=$(FB_OFF="UPDATE region._feedback_rows_meta SET complete = false; ALTER TABLE region.feedback_responses DISABLE TRIGGER feedback_responses_states_insert;" OFF=1 R=1 best "$wq")
		wst=$(FB_OFF="UPDATE region._feedback_rows_meta SET complete = false;" OFF=1 R=1 best "$wq")
		echo "| $view | $wd | $wst | $fs | $(echo "scale=0; $wd / $fs" | bc)x | $ws | $(echo "scale=0; $wd / $ws" | bc)x |"
	done <<'Q'
feedback_summary|period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'
feedback_item_summary|period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'
feedback_theme_summary|period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'
organization_overview|period_start = DATE '2025-01-01'
Q
fi
[ "${KEEP:-0}" = 1 ] || psql -d postgres -c "DROP DATABASE $DB"
