#!/usr/bin/env bash
# test/bench/waits_order.sh: does the order of the input change the cost of building a waits
# state?  wait_agg over N distinct days and rollup over N one-day states, each fed in
# ascending, descending and random (hashed) order, timed in the same rounds
# (bench.compare, test/bench/timing.sql), reported as ratios to ascending.  pekefb 0.1
# inserted every new day into a sorted array (O(n) each, O(n^2) in all: 100 s against 0.2 s
# for 1M descending days); the buffered state with its radix-sort compaction makes every
# order O(n log n).  A report, not a pass/fail test: times on a shared machine vary.
# Needs PGHOST PGPORT PGUSER PGBIN (make bench exports them).  Prints a Markdown table.
set -euo pipefail
: "${PGBIN:?}" "${PGHOST:?}" "${PGPORT:?}" "${PGUSER:?}"
DB=bench_waits_order
N=${N:-1000000}
. "$(dirname "$0")/lib.bash"

psql -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -d $DB <<SQL
SET client_min_messages = warning;
CREATE EXTENSION pekefb;
-- the days 0 .. N-1, each once, stored in three physical orders (a sequential scan returns
-- them in that order); and the same days as one-day states for rollup
CREATE TABLE days_asc AS SELECT g AS d FROM generate_series(0, $N - 1) g;
CREATE TABLE days_desc AS SELECT g AS d FROM generate_series($N - 1, 0, -1) g;
CREATE TABLE days_rnd AS SELECT g AS d FROM generate_series(0, $N - 1) g ORDER BY hashint4(g);
CREATE TABLE states_asc AS SELECT pekefb.waits_agg_trans('{}', d) AS s FROM days_asc;
CREATE TABLE states_desc AS SELECT pekefb.waits_agg_trans('{}', d) AS s FROM days_desc;
CREATE TABLE states_rnd AS SELECT pekefb.waits_agg_trans('{}', d) AS s FROM days_rnd;
VACUUM ANALYZE days_asc, days_desc, days_rnd, states_asc, states_desc, states_rnd;
SQL
load_timing

SETTINGS="SET max_parallel_workers_per_gather = 0; SET jit = off;"

# The three orders give the identical state (checked before timing).
check=$(psql -d $DB -At -c "$SETTINGS" -c "
	SELECT (SELECT pekefb.wait_agg(d) FROM days_asc) OPERATOR(pekefb.=) (SELECT pekefb.wait_agg(d) FROM days_desc)
	   AND (SELECT pekefb.wait_agg(d) FROM days_asc) OPERATOR(pekefb.=) (SELECT pekefb.wait_agg(d) FROM days_rnd)
	   AND (SELECT pekefb.rollup(s) FROM states_asc) OPERATOR(pekefb.=) (SELECT pekefb.wait_agg(d) FROM days_asc)
	   AND (SELECT pekefb.rollup(s) FROM states_desc) OPERATOR(pekefb.=) (SELECT pekefb.wait_agg(d) FROM days_asc)
	   AND (SELECT pekefb.rollup(s) FROM states_rnd) OPERATOR(pekefb.=) (SELECT pekefb.wait_agg(d) FROM days_asc)")
if [ "$check" != t ]; then
	echo "error: the input order changed the state" >&2
	exit 1
fi

# compare <query with ORDER> : "best_asc best_desc best_rnd desc/asc rnd/asc"
compare() {
	local a=${1//ORDER/asc} d=${1//ORDER/desc} r=${1//ORDER/rnd}
	psql -d $DB -At -c "$SETTINGS" -c "
		SELECT string_agg(round(best_ms)::text, ' ' ORDER BY i) || ' ' ||
		       round((array_agg(vs_first ORDER BY i))[2]::numeric, 2) || ' ' ||
		       round((array_agg(vs_first ORDER BY i))[3]::numeric, 2)
		FROM bench.compare(ARRAY[\$b\$$a\$b\$, \$b\$$d\$b\$, \$b\$$r\$b\$])"
}

echo
echo "### waits input order: $N distinct days, $(machine)"
echo
echo "Serial plans, jit off; EXPLAIN (ANALYZE, TIMING OFF) execution times.  The three orders"
echo "run in turn for 7 rounds after a warm-up: ms columns are the best of the 7 runs, ratios"
echo "the median over the rounds of the ratio to ascending within a round (test/bench/timing.sql)."
echo
echo "| query | ascending ms | descending ms | random ms | descending / ascending | random / ascending |"
echo "|---|---:|---:|---:|---:|---:|"
for q in "SELECT pekefb.wait_count(pekefb.wait_agg(d)) FROM days_ORDER" \
	"SELECT pekefb.wait_count(pekefb.rollup(s)) FROM states_ORDER"; do
	read -r ba bd br rd rr <<<"$(compare "$q")"
	name=${q//days_ORDER/days}
	name=${name//states_ORDER/one-day states}
	printf '| `%s` | %s | %s | %s | %s | %s |\n' "$name" "$ba" "$bd" "$br" "$rd" "$rr"
done

[ "${KEEP_DB:-}" = 1 ] || psql -d postgres -c "DROP DATABASE $DB"
