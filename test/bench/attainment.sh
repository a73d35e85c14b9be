#!/usr/bin/env bash
# test/bench/attainment.sh: cost of target_attainment(indicator, target),
# target_attainment(double precision, target) and sum(indicator) over 5M rows, against
# count(*) over the same rows and against the plain-SQL way to get the same answer.
# Needs PGHOST PGPORT PGUSER PGBIN (make bench exports them).  Prints a Markdown table.
set -euo pipefail
: "${PGBIN:?}" "${PGHOST:?}" "${PGPORT:?}" "${PGUSER:?}"
DB=bench_attainment
ROWS=${ROWS:-5000000}
. "$(dirname "$0")/lib.bash"

psql -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -d $DB <<SQL
CREATE EXTENSION pekefb;
-- One row per unit and month: a ratio indicator, its target, and the same figures as plain
-- columns (num, den, the threshold as a fraction, the operator as text).  Three kinds of
-- target: >= 90%, > 50%, <= 60%.  Deterministic (no random()).
CREATE TABLE m AS
SELECT (num || '/' || den)::pekefb.indicator AS v,
       (num / den) AS x,
       ((ARRAY['>= 90%','> 50%','<= 60%'])[k + 1])::pekefb.target AS t,
       num, den,
       (ARRAY[0.9, 0.5, 0.6])[k + 1]::double precision AS thr,
       (ARRAY['>=', '>', '<='])[k + 1] AS op
FROM (SELECT ((g * 7919) % (500 + g % 500 + 1))::double precision AS num,
             (500 + g % 500)::double precision AS den,
             (g % 3)::int AS k
      FROM generate_series(1::bigint, $ROWS) g) s;
VACUUM ANALYZE m;
SQL

load_timing

# Same settings for every query: serial plans, so the ratios compare per-row work.
SETTINGS="SET max_parallel_workers_per_gather = 0; SET jit = off;"

# check that each pekefb query and its plain-SQL equivalent agree before timing them
psql -d $DB -At <<'SQL'
SELECT 'check target_attainment(indicator): ' ||
       ((SELECT pekefb.target_attainment(v, t) FROM m)::numeric(20,15) =
        (SELECT avg(CASE op WHEN '>=' THEN (num / den >= thr)::int WHEN '>' THEN (num / den > thr)::int
                            WHEN '<=' THEN (num / den <= thr)::int ELSE (num / den < thr)::int END) FROM m)::numeric(20,15));
SELECT 'check sum(indicator): ' ||
       ((SELECT pekefb.sum(v) FROM m)::text = (SELECT sum(num) || '/' || sum(den) FROM m));
SQL

declare -a names=(
	"target_attainment(v indicator, t target)"
	"target_attainment(x double precision, t target)"
	"sum(v indicator)"
)
declare -a ours=(
	"SELECT pekefb.target_attainment(v, t) FROM m"
	"SELECT pekefb.target_attainment(x, t) FROM m"
	"SELECT pekefb.sum(v) FROM m"
)
declare -a plain=(
	"SELECT avg(CASE op WHEN '>=' THEN (num / den >= thr)::int WHEN '>' THEN (num / den > thr)::int WHEN '<=' THEN (num / den <= thr)::int ELSE (num / den < thr)::int END) FROM m"
	"SELECT avg(CASE op WHEN '>=' THEN (x >= thr)::int WHEN '>' THEN (x > thr)::int WHEN '<=' THEN (x <= thr)::int ELSE (x < thr)::int END) FROM m"
	"SELECT sum(num), sum(den) FROM m"
)

echo
echo "### attainment benchmark: $ROWS rows, $(machine)"
echo
echo "Serial plans (max_parallel_workers_per_gather = 0, jit = off).  Per row, count(*), pekefb and"
echo "plain SQL run in turn for 7 rounds after a warm-up: ms columns are the best of the 7 runs,"
echo "ratio columns the median over the rounds of the ratio within a round (test/bench/timing.sql)."
echo
echo "| query | count(*) ms | pekefb ms | pekefb / count(*) | plain SQL ms | plain SQL / pekefb |"
echo "|---|---:|---:|---:|---:|---:|"
for i in "${!names[@]}"; do
	row "${names[$i]}" m "${ours[$i]}" "${plain[$i]}"
done
echo
echo "plain SQL: avg(CASE op WHEN '>=' THEN (num / den >= thr)::int ... END); sum(num), sum(den)"
[ "${KEEP_DB:-}" = 1 ] || psql -d postgres -c "DROP DATABASE $DB"
