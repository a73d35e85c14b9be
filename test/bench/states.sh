#!/usr/bin/env bash
# test/bench/states.sh: the access views read through the stored access states
# (doc/states.md) against the same views computed from the cases, on a generated region of
# N cases (default 1 000 000) over MUNIS municipalities of UNITS member organisations each
# (default 20 x 35: 721 organisations) and three years (2023-2025).  Times, best of ROUNDS
# (default 1) runs each:
#   - the dashboard query: access_summary of one unit, one year (2025);
#   - the whole-region year: access_summary of every organisation for 2025;
#   - data_date().
# "direct" is the same call with the states switched off (one of cases' state triggers
# disabled: access_summary_on and data_date() then compute from the cases, as on Citus); the
# rows of the whole region's are compared first (EXCEPT ALL both ways, must be 0).  Also the load of the N
# cases by one INSERT with and without the state triggers.  Wall-clock on a shared machine:
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
echo

# best of ROUNDS runs of a query, in ms; OFF=1: with the states switched off
best() {
	local off=${OFF:-0}
	psql -d $DB -At <<SQL | tail -1
$( [ "$off" = 1 ] && echo "BEGIN; ALTER TABLE region.cases DISABLE TRIGGER cases_states_update;" )
CREATE TEMP TABLE t (ms double precision);
DO \$\$
DECLARE t0 timestamptz; n bigint;
BEGIN
    FOR i IN 1 .. $ROUNDS LOOP
        t0 := clock_timestamp();
        EXECUTE \$q\$ $1 \$q\$ INTO n;
        INSERT INTO t VALUES (extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
END \$\$;
SELECT round(min(ms)::numeric, 1) FROM t;
$( [ "$off" = 1 ] && echo "ROLLBACK;" )
SQL
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
echo "| query | rows differing | direct ms | states ms | direct / states |"
echo "|---|---|---|---|---|"
while IFS='|' read -r name q; do
	[ -n "${ONLY:-}" ] && case $name in $ONLY*) ;; *) continue ;; esac
	# (the filtered queries are parts of the same function's rows: compared once, whole)
	case $name in whole*) diff=$(same "$q") ;; *) diff="(in the whole region's)" ;; esac
	# (count of whole rows: a column no one reads would not be computed)
	d=$(OFF=1 best "SELECT count(x.*) FROM ($q) x")
	s=$(best "SELECT count(x.*) FROM ($q) x")
	echo "| $name | $diff | $d | $s | $(echo "scale=1; $d / $s" | bc)x |"
done <<'Q'
dashboard: one unit, 2025|SELECT * FROM region.access_summary WHERE organization_code = 'm3u7' AND period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'
dashboard: one municipality with its units, year 2025|SELECT * FROM region.access_summary WHERE organization_code = 'm3' AND includes_sub_organizations AND period_kind IN ('year', 'half_year') AND period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'
whole region, 2025|SELECT * FROM region.access_summary WHERE period_start >= DATE '2025-01-01' AND period_start < DATE '2026-01-01'
data_date()|SELECT region.data_date() AS d
Q
[ "${KEEP:-0}" = 1 ] || psql -d postgres -c "DROP DATABASE $DB"
