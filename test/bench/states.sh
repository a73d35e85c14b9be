#!/usr/bin/env bash
# test/bench/states.sh: the access views read through the stored access states
# (doc/states.md) against the same views computed from the cases, on a generated region of
# N cases (default 1 000 000) over MUNIS municipalities of UNITS member organisations each
# (default 20 x 35: 721 organisations) and three years (2023-2025).  Times, best of ROUNDS
# (default 1) runs each:
#   - the dashboard query: access_summary of one unit, one year (2025);
#   - the whole-region year: access_summary of every organisation for 2025;
#   - data_date().
# "stored" reads the stored rows (access_rows, refreshed once after the load), "states" the
# same call computed from the access states (the stored rows marked incomplete), "direct"
# the same call with the states switched off (one of cases' state triggers disabled:
# access_summary_on and data_date() then compute from the cases, as on Citus); the rows of
# the whole region's are compared first (stored vs direct, EXCEPT ALL both ways, must be 0;
# STATES=0 skips the states column).  Also the load of the N cases by one INSERT with and
# without the state triggers, the first refresh_access_rows, and a monthly load into the
# loaded region (new cases of one month, open ones finished) with the states kept, and with
# the states and a refresh_access_rows, vs without; then the queries again right after
# that monthly load, before a refresh ("stored + stale units": the load's units read from
# the states) (MONTHLY=0 skips both).  Wall-clock on a shared machine:
# read the ratios, not the milliseconds.  KEEP=1 keeps the database; ONLY=<name prefix> runs
# only the queries whose name starts so.
# Needs PGHOST PGPORT PGUSER PGBIN.
set -euo pipefail
: "${PGBIN:?}" "${PGHOST:?}" "${PGPORT:?}" "${PGUSER:?}"
N=${N:-1000000}
MUNIS=${MUNIS:-20}
UNITS=${UNITS:-35}
ROUNDS=${ROUNDS:-1}
DB=bench_states
. "$(dirname "$0")/lib.bash"

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
-- the cases, deterministic (hashes of the row number): started uniform over 2023-2025,
-- waits 0..120 days, 4 % open
CREATE TABLE gen AS
SELECT 'c' || g AS case_id, (ARRAY['care', 'cw', 'pta'])[1 + h1 % 3] AS indicator_code,
       'm' || (1 + h2 % $MUNIS) || 'u' || (1 + (h2 / $MUNIS) % $UNITS) AS organization_code,
       DATE '2023-01-01' + h3 % 1095 AS started,
       CASE WHEN h4 % 100 < 4 THEN NULL ELSE DATE '2023-01-01' + h3 % 1095 + h4 % 121 END AS finished
FROM (SELECT g, abs(hashint4(g)) AS h1, abs(hashint4(g + 7919)) AS h2, abs(hashint4(g + 104729)) AS h3,
             abs(hashint4(g + 1299709)) AS h4
      FROM generate_series(1, $N) g) x;
ANALYZE gen;
SQL

ms() { psql -d $DB -At <<< "$1" | tail -1; }
echo "## access states, $(machine)"
echo
echo "$N cases, $((MUNIS * UNITS + MUNIS + 1)) organisations, 2023-2025"
echo
# loads: without the state triggers, then with them (the kept database has the states)
without=$(ms "ALTER TABLE region.cases DISABLE TRIGGER cases_states_insert;
              SELECT clock_timestamp() AS t0 \\gset
              INSERT INTO region.cases (indicator_code, organization_code, case_id, started, finished)
              SELECT indicator_code, organization_code, case_id, started, finished FROM gen;
              SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);")
ms "ALTER TABLE region.cases ENABLE TRIGGER cases_states_insert; TRUNCATE region.cases;" > /dev/null
with=$(ms "SELECT clock_timestamp() AS t0 \\gset
           INSERT INTO region.cases (indicator_code, organization_code, case_id, started, finished)
           SELECT indicator_code, organization_code, case_id, started, finished FROM gen;
           SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);")
psql -d $DB -c "VACUUM ANALYZE region.cases, region.access_states"
rows=$(ms "SELECT count(*) FROM region.access_states")
echo "load by one INSERT: $without ms without the state triggers, $with ms with them ($(echo "scale=2; $with / $without" | bc)x); $rows state rows"
refresh=$(ms "SELECT clock_timestamp() AS t0 \\gset
              SELECT region.refresh_access_rows() AS n \\gset
              SELECT round(extract(epoch FROM clock_timestamp() - :'t0') * 1000);")
psql -d $DB -c "VACUUM ANALYZE region.access_rows"
echo "first refresh_access_rows (every unit): $refresh ms, $(ms "SELECT count(*) FROM region.access_rows") stored rows"
echo

# a monthly load into the region (May 2026, after every event of the cases above): N/36
# new cases started in the month (4 % open at its end, the others finished in it) and the
# open cases started since 1.10.2025 finished on 15.5.; with the state triggers and
# refresh_access_rows (as load_cases runs them), and without (triggers off); rolled back,
# best of 3 (MONTHLY=0 skips)
psql -d $DB <<SQL > /dev/null
CREATE TABLE month_gen AS
SELECT 'n' || g AS case_id, (ARRAY['care', 'cw', 'pta'])[1 + h1 % 3] AS indicator_code,
       'm' || (1 + h2 % $MUNIS) || 'u' || (1 + (h2 / $MUNIS) % $UNITS) AS organization_code,
       DATE '2026-05-01' + h3 % 31 AS started,
       CASE WHEN h4 % 100 < 4 THEN NULL ELSE LEAST(DATE '2026-05-01' + h3 % 31 + h4 % 40, DATE '2026-05-31') END AS finished
FROM (SELECT g, abs(hashint4(g)) AS h1, abs(hashint4(g + 7919)) AS h2, abs(hashint4(g + 104729)) AS h3,
             abs(hashint4(g + 1299709)) AS h4
      FROM generate_series(1, $N / 36) g) x;
SQL
monthly() {
	psql -d $DB -At <<SQL | tail -1
CREATE TEMP TABLE t (ms double precision);
DO \$\$
DECLARE t0 timestamptz; took double precision;
BEGIN
    FOR i IN 1 .. 3 LOOP
        BEGIN
            $( [ "$1" = 0 ] && echo "ALTER TABLE region.cases DISABLE TRIGGER cases_states_insert; ALTER TABLE region.cases DISABLE TRIGGER cases_states_update;" )
            t0 := clock_timestamp();
            INSERT INTO region.cases (indicator_code, organization_code, case_id, started, finished)
            SELECT indicator_code, organization_code, case_id, started, finished FROM month_gen;
            UPDATE region.cases SET finished = DATE '2026-05-15' WHERE finished IS NULL AND started >= DATE '2025-10-01' AND started < DATE '2026-01-01';
            $( [ "$1" = 2 ] && echo "PERFORM region.refresh_access_rows();" )
            took := extract(epoch FROM clock_timestamp() - t0) * 1000;
            RAISE EXCEPTION USING ERRCODE = 'P0003';
        EXCEPTION WHEN SQLSTATE 'P0003' THEN
            INSERT INTO t VALUES (took);
        END;
    END LOOP;
END \$\$;
SELECT round(min(ms)::numeric, 1) FROM t;
SQL
}
if [ "${MONTHLY:-1}" = 1 ]; then
	# interleaved: without, with the states, with the states and a refresh, twice
	mw=$(monthly 0); ms_=$(monthly 1); mr=$(monthly 2)
	mw2=$(monthly 0); ms2=$(monthly 1); mr2=$(monthly 2)
	mw=$(echo "if ($mw2 < $mw) $mw2 else $mw" | bc); ms_=$(echo "if ($ms2 < $ms_) $ms2 else $ms_" | bc)
	mr=$(echo "if ($mr2 < $mr) $mr2 else $mr" | bc)
	echo "monthly load ($((N / 36)) new cases, $(ms "SELECT count(*) FROM region.cases WHERE finished IS NULL AND started >= DATE '2025-10-01' AND started < DATE '2026-01-01'") open ones finished; best of 6, interleaved): $mw ms without the states, $ms_ ms with the states kept ($(echo "scale=2; $ms_ / $mw" | bc)x), $mr ms with the states and refresh_access_rows ($(echo "scale=2; $mr / $mw" | bc)x)"
	echo
fi

# best of ROUNDS runs of a query, in ms; OFF=1: with the states switched off; OFF=2: the
# states on, the stored rows off (computed from the states); OFF=3: after a monthly load not
# yet refreshed (its units stale: read from the states)
best() {
	local setup=
	case ${OFF:-0} in
	1) setup="ALTER TABLE region.cases DISABLE TRIGGER cases_states_update;" ;;
	2) setup="UPDATE region.access_rows_meta SET complete = false;" ;;
	3) setup="INSERT INTO region.cases (indicator_code, organization_code, case_id, started, finished)
	          SELECT indicator_code, organization_code, case_id, started, finished FROM month_gen;" ;;
	esac
	best_ms "$ROUNDS" "$setup" "$1"
}
same() {
	psql -d $DB -At <<SQL | tail -1
CREATE TEMP TABLE s AS SELECT x::text AS r FROM ($1) x;
BEGIN; ALTER TABLE region.cases DISABLE TRIGGER cases_states_update;
CREATE TEMP TABLE d AS SELECT x::text AS r FROM ($1) x;
SELECT (SELECT count(*) FROM (SELECT r FROM s EXCEPT ALL SELECT r FROM d) a) + (SELECT count(*) FROM (SELECT r FROM d EXCEPT ALL SELECT r FROM s) b)
       || ' of ' || (SELECT count(*) FROM s);
ROLLBACK;
SQL
}
echo "| query | rows differing | direct ms | states ms | stored ms | stored + stale units ms | direct / stored | direct / (stored + stale) |"
echo "|---|---|---|---|---|---|---|---|"
while IFS='|' read -r name q; do
	[ -n "${ONLY:-}" ] && case $name in $ONLY*) ;; *) continue ;; esac
	# (the filtered queries are parts of the same function's rows: compared once, whole)
	case $name in whole*) diff=$(same "$q") ;; *) diff="(in the whole region's)" ;; esac
	# (count of whole rows: a column no one reads would not be computed)
	d=$(OFF=1 best "SELECT count(x.*) FROM ($q) x")
	if [ "${STATES:-1}" = 1 ]; then st=$(OFF=2 best "SELECT count(x.*) FROM ($q) x"); else st=-; fi
	s=$(best "SELECT count(x.*) FROM ($q) x")
	if [ "${MONTHLY:-1}" = 1 ]; then sl=$(OFF=3 best "SELECT count(x.*) FROM ($q) x"); r2="$(echo "scale=1; $d / $sl" | bc)x"; else sl=-; r2=-; fi
	echo "| $name | $diff | $d | $st | $s | $sl | $(echo "scale=1; $d / $s" | bc)x | $r2 |"
done <<'Q'
dashboard: one unit, 2025|SELECT * FROM region.access_summary WHERE organization_code = 'm3u7' AND period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'
dashboard: one municipality with its units, year 2025|SELECT * FROM region.access_summary WHERE organization_code = 'm3' AND includes_sub_organizations AND period_kind IN ('year', 'half_year') AND period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'
whole region, 2025|SELECT * FROM region.access_summary WHERE period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'
data_date()|SELECT region.data_date() AS d
Q
[ "${KEEP:-0}" = 1 ] || psql -d postgres -c "DROP DATABASE $DB"
