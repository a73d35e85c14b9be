#!/usr/bin/env bash
# test/bench/feedback_states.sh: the feedback views read through the stored feedback states
# (doc/feedback_states.md) against the same views computed from the responses, on a
# generated region of N responses (default 200 000) over MUNIS municipalities of UNITS
# member organisations each (default 20 x 35: 721 organisations, as test/bench/states.sh)
# and three years (2023-2025).  For each of feedback_summary, feedback_item_summary,
# feedback_theme_summary and organization_overview: the dashboard query (one unit, 2025)
# and the whole region's 2025, best of ROUNDS (default 1) runs, "states" while the states
# are kept, "direct" with one of feedback_responses' state triggers disabled (the views
# then count the responses, as on Citus); the whole region's rows are compared first
# (EXCEPT ALL both ways, must be 0).  Also the load of the N responses by one INSERT with
# and without the state triggers.  Wall-clock on a shared machine: read the ratios.
# KEEP=1 keeps the database.  Needs PGHOST PGPORT PGUSER PGBIN.
set -euo pipefail
: "${PGBIN:?}" "${PGHOST:?}" "${PGPORT:?}" "${PGUSER:?}"
N=${N:-200000}
MUNIS=${MUNIS:-20}
UNITS=${UNITS:-35}
ROUNDS=${ROUNDS:-1}
DB=bench_fbstates
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
-- the responses, deterministic (hashes of the row number): received uniform over
-- 2023-2025, three services, four roles, NPS, the five base statements (some "don't
-- know"), comments and themes
CREATE TABLE gen AS
SELECT 'm' || (1 + h2 % $MUNIS) || 'u' || (1 + (h2 / $MUNIS) % $UNITS) AS organization_code, 'g' || g AS response_id,
       timestamptz '2023-01-01 00:00+00' + (h1 % (1095 * 24)) * interval '1 hour' AS received_at,
       (ARRAY['neuvola', 'perheneuvola', 'lastensuojelu'])[1 + h3 % 3] AS service,
       format('{"role":"%s","nps":%s,"items":{"easy":%s,"helped":%s,"safe":%s,"useful":%s,"understood":%s}}',
              (ARRAY['parent', 'child', 'client', 'staff'])[1 + h4 % 4], h1 % 11,
              CASE WHEN h3 % 6 = 0 THEN 'null' ELSE (1 + h3 % 5)::text END, 1 + h4 % 5, 1 + (h1 / 7) % 5,
              1 + (h2 / 11) % 5, 1 + (h3 / 13) % 5)::pekefb.feedback AS response,
       CASE WHEN h2 % 4 = 0 THEN 'kommentti' END AS comment,
       CASE WHEN h4 % 3 = 0 THEN '{}'::text[] ELSE ARRAY[(ARRAY['odotusaika', 'aukioloajat', 'kiitos', 'digipalvelut'])[1 + (h4 / 3) % 4]] END AS themes
FROM (SELECT g, abs(hashint4(g)) AS h1, abs(hashint4(g + 7919)) AS h2, abs(hashint4(g + 104729)) AS h3,
             abs(hashint4(g + 1299709)) AS h4
      FROM generate_series(1, $N) g) x;
ANALYZE gen;
SQL

echo "## feedback states, $(machine)"
echo
# the load: without the state triggers, then with them (the kept ones stay)
load_without=$(psql -d $DB -At <<SQL | sed -n 's/^Time: \([0-9.]*\).*/\1/p'
ALTER TABLE region.feedback_responses DISABLE TRIGGER feedback_responses_states_insert;
\\timing on
INSERT INTO region.feedback_responses (organization_code, response_id, received_at, service, response, comment, themes) SELECT * FROM gen;
\\timing off
ALTER TABLE region.feedback_responses ENABLE TRIGGER feedback_responses_states_insert;
SQL
)
psql -d $DB -qc "TRUNCATE region.feedback_responses CASCADE"
load_with=$(psql -d $DB -At <<SQL | sed -n 's/^Time: \([0-9.]*\).*/\1/p'
\\timing on
INSERT INTO region.feedback_responses (organization_code, response_id, received_at, service, response, comment, themes) SELECT * FROM gen;
SQL
)
psql -d $DB -qc "ANALYZE"
rows=$(psql -d $DB -At -c "SELECT (SELECT count(*) FROM region.feedback_states) || ' + ' || (SELECT count(*) FROM region.feedback_item_states) || ' + ' || (SELECT count(*) FROM region.feedback_theme_states)")
echo "load of $N responses by one INSERT: ${load_without} ms without the state triggers, ${load_with} ms with them (state rows: $rows)"
echo

# rows compared (whole region, 2025)
cmp=$(psql -d $DB -At <<'SQL'
CREATE TEMP TABLE s AS
SELECT 'fs' AS v, x::text AS r FROM region.feedback_summary x WHERE period_start >= '2025-01-01' AND period_start < '2026-01-01'
UNION ALL SELECT 'fi', x::text FROM region.feedback_item_summary x WHERE period_start >= '2025-01-01' AND period_start < '2026-01-01'
UNION ALL SELECT 'ft', x::text FROM region.feedback_theme_summary x WHERE period_start >= '2025-01-01' AND period_start < '2026-01-01'
UNION ALL SELECT 'oo', x::text FROM region.organization_overview x WHERE period_start = '2025-01-01';
ALTER TABLE region.feedback_responses DISABLE TRIGGER feedback_responses_states_update;
CREATE TEMP TABLE d AS
SELECT 'fs' AS v, x::text AS r FROM region.feedback_summary x WHERE period_start >= '2025-01-01' AND period_start < '2026-01-01'
UNION ALL SELECT 'fi', x::text FROM region.feedback_item_summary x WHERE period_start >= '2025-01-01' AND period_start < '2026-01-01'
UNION ALL SELECT 'ft', x::text FROM region.feedback_theme_summary x WHERE period_start >= '2025-01-01' AND period_start < '2026-01-01'
UNION ALL SELECT 'oo', x::text FROM region.organization_overview x WHERE period_start = '2025-01-01';
ALTER TABLE region.feedback_responses ENABLE TRIGGER feedback_responses_states_update;
SELECT ((SELECT count(*) FROM (SELECT * FROM s EXCEPT ALL SELECT * FROM d) a) + (SELECT count(*) FROM (SELECT * FROM d EXCEPT ALL SELECT * FROM s) b))
       || ' of ' || (SELECT count(*) FROM s);
SQL
)
echo "whole region's 2025 rows, states vs direct: $cmp differ"
echo
echo "| query | direct ms | states ms | direct / states |"
echo "|---|---:|---:|---:|"
best() {   # best of ROUNDS: $1 = off (direct) or on (states), $2 = query
	local pre="" post="" t b=""
	if [ "$1" = off ]; then
		pre="ALTER TABLE region.feedback_responses DISABLE TRIGGER feedback_responses_states_update;"
		post="ALTER TABLE region.feedback_responses ENABLE TRIGGER feedback_responses_states_update;"
	fi
	for _ in $(seq 1 "$ROUNDS"); do
		t=$(psql -d $DB -At <<SQL | sed -n 's/^Time: \([0-9.]*\).*/\1/p' | tail -1
$pre
\\timing on
SELECT count(*) FROM ($2) q;
\\timing off
$post
SQL
)
		if [ -z "$b" ] || awk "BEGIN { exit !($t < $b) }"; then b=$t; fi
	done
	echo "$b"
}
row() {
	local d s
	d=$(best off "$2"); s=$(best on "$2")
	echo "| $1 | $(printf %.0f "$d") | $(printf %.1f "$s") | $(awk "BEGIN { printf \"%.1f\", $d / $s }")× |"
}
Y="period_start >= '2025-01-01' AND period_start < '2026-01-01'"
for v in feedback_summary feedback_item_summary feedback_theme_summary; do
	row "$v: one unit, 2025" "SELECT * FROM region.$v WHERE organization_code = 'm3u7' AND $Y"
	row "$v: whole region, 2025" "SELECT * FROM region.$v WHERE $Y"
done
row "organization_overview: one unit, 2025" "SELECT * FROM region.organization_overview WHERE organization_code = 'm3u7' AND period_start = '2025-01-01'"
row "organization_overview: whole region, 2025" "SELECT * FROM region.organization_overview WHERE period_start = '2025-01-01'"
[ -n "${KEEP:-}" ] || psql -d postgres -c "DROP DATABASE $DB"
