#!/usr/bin/env bash
# test/bench/access.sh: cost of access_rate(started, finished, deadline [, as_of]) and of the
# waits aggregates (wait_agg, wait_percentile, rollup) over 5M cases, against count(*) over
# the same rows and against the best plain-SQL way to get the same number.
# Needs PGHOST PGPORT PGUSER PGBIN (make bench exports them).  Prints a Markdown table.
# Every pekefb result is checked against its plain-SQL twin before timing (exact equality).
set -euo pipefail
: "${PGBIN:?}" "${PGHOST:?}" "${PGPORT:?}" "${PGUSER:?}"
DB=bench_access
ROWS=${ROWS:-5000000}
. "$(dirname "$0")/lib.bash"

psql -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -d $DB <<SQL
SET client_min_messages = warning;
CREATE EXTENSION pekefb;
-- $ROWS cases in table bcases, deterministic (hashes of the row number, no random()):
--   started  uniform over 2022-01-01 .. 2025-12-31 (weekends included),
--   wait     40 % 0..14 days, 55 % 0..120 days, 5 % long (121..400 days), all uniform,
--   finished started + wait, NULL (open) for 3 % of the cases,
--   kind     one of '14 days', '3 months', '7 working days' (a deadline column),
--   k        the same kind as a plain smallint code 0, 1, 2 (for the plain-SQL side),
--   w        the wait in days as an integer column (NULL while open).
CREATE TABLE bcases AS
SELECT started, CASE WHEN h3 % 100 < 3 THEN NULL ELSE started + wait END AS finished,
       ((ARRAY['14 days', '3 months', '7 working days'])[1 + h4 % 3])::pekefb.deadline AS kind,
       (h4 % 3)::smallint AS k,
       CASE WHEN h3 % 100 < 3 THEN NULL ELSE wait END AS w
FROM (SELECT DATE '2022-01-01' + h1 % 1461 AS started,
             CASE WHEN h2 % 100 < 40 THEN h3 % 15 WHEN h2 % 100 < 95 THEN h3 % 121 ELSE 121 + h3 % 280 END AS wait,
             h3, h4
      FROM (SELECT hashint8(g) & 2147483647 AS h1,
                   hashint8(g + 1000000000) & 2147483647 AS h2,
                   hashint8(g + 2000000000) & 2147483647 AS h3,
                   hashint8(g + 3000000000) & 2147483647 AS h4
            FROM generate_series(1::bigint, $ROWS) g) h) s;

-- The plain-SQL side: Finnish holidays 2021-2027 (from pekefb.holidays, strict set) and a
-- calendar table with running working-day numbers:
--   cum_incl(d) = working days <= d,  cum_excl(d) = working days < d.
-- "finished within N working days of started" <=> finished <= the N-th working day after
-- started <=> fewer than N working days lie in (started, finished)
-- <=> cum_excl(finished) - cum_incl(started) < N.
CREATE TABLE hol AS SELECT h.day FROM generate_series(2021, 2027) y, pekefb.holidays(y) h;
CREATE TABLE cal AS
SELECT day, cum_incl, cum_incl - working AS cum_excl
FROM (SELECT day, working, sum(working) OVER (ORDER BY day) AS cum_incl
      FROM (SELECT d::date AS day,
                   (extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT FROM hol WHERE hol.day = d::date))::int AS working
            FROM generate_series(DATE '2021-01-01', DATE '2027-12-31', interval '1 day') d) a) b;
ALTER TABLE cal ADD PRIMARY KEY (day);
-- The first 100 000 cases, for the per-day generate_series formulation (too slow for 5M).
CREATE TABLE bcases_small AS SELECT * FROM bcases LIMIT 100000;
-- Monthly states for the rollup query.
CREATE TABLE monthly AS
SELECT date_trunc('month', started)::date AS month, pekefb.wait_agg(w) AS s FROM bcases GROUP BY 1;
VACUUM ANALYZE bcases;
VACUUM ANALYZE hol;
VACUUM ANALYZE cal;
VACUUM ANALYZE bcases_small;
VACUUM ANALYZE monthly;
SQL
load_timing

# Same settings for every query: serial plans (no parallel workers), no JIT, so the ratios
# compare per-row work.
SETTINGS="SET max_parallel_workers_per_gather = 0; SET jit = off; SET search_path = pekefb, public;"

AS_OF="DATE '2025-06-30'"
# Working days, the fastest plain SQL found: the running numbers of cal as two int arrays
# built once per query (InitPlans), indexed by day - 2020-12-31: O(1) per row, faster than
# joining cal twice.  (Reading the arrays from a table column instead detoasts them per row.)
EXCL="(SELECT array_agg(cum_excl::int ORDER BY day) FROM cal)[finished - DATE '2020-12-31']"
INCL="(SELECT array_agg(cum_incl::int ORDER BY day) FROM cal)[started - DATE '2020-12-31']"

# The queries: add <name> <table> <pekefb query> <plain-SQL query> [<plain settings>]; the
# plain SQL returns the identical value (checked below); "pekefb / count(*)" is against
# count(*) over <table>.  The cluster's work_mem is 64MB, under which percentile_disc's sort
# of 5M waits spills to disk; the rows marked "in memory" give it 1GB.
INMEM="work_mem=1GB"
declare -a names=() tables=() ours=() plain=() psets=()
add() { names+=("$1"); tables+=("$2"); ours+=("$3"); plain+=("$4"); psets+=("${5:-}"); }

add "access_rate(started, finished, '14 days')" bcases \
	"SELECT access_rate(started, finished, '14 days') FROM bcases" \
	"SELECT (count(*) FILTER (WHERE finished - started <= 14))::float8 / count(finished) FROM bcases"
add "access_rate(started, finished, '3 months')" bcases \
	"SELECT access_rate(started, finished, '3 months') FROM bcases" \
	"SELECT (count(*) FILTER (WHERE finished <= (started + interval '3 months')::date))::float8 / count(finished) FROM bcases"
add "access_rate(started, finished, '7 working days'); SQL: running working-day numbers as arrays" bcases \
	"SELECT access_rate(started, finished, '7 working days') FROM bcases" \
	"SELECT (count(*) FILTER (WHERE $EXCL - $INCL < 7))::float8 / count(finished) FROM bcases"
add "access_rate(started, finished, '7 working days'); SQL: calendar table joined twice" bcases \
	"SELECT access_rate(started, finished, '7 working days') FROM bcases" \
	"SELECT (count(*) FILTER (WHERE f.cum_excl - s.cum_incl < 7))::float8 / count(*) FROM bcases JOIN cal s ON s.day = started JOIN cal f ON f.day = finished"
add "access_rate(started, finished, '7 working days'), first 100 000 rows; SQL: generate_series + NOT EXISTS holiday" bcases_small \
	"SELECT access_rate(started, finished, '7 working days') FROM bcases_small" \
	"SELECT (count(*) FILTER (WHERE (SELECT count(*) FROM generate_series(started + 1, finished - 1, interval '1 day') d WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT FROM hol WHERE hol.day = d::date)) < 7))::float8 / count(*) FROM bcases_small WHERE finished IS NOT NULL"
add "working_days(started, finished) per row, summed; SQL: calendar table joined twice" bcases \
	"SELECT sum(working_days(started, finished)) FROM bcases" \
	"SELECT sum(f.cum_incl - s.cum_incl) FROM bcases JOIN cal s ON s.day = started JOIN cal f ON f.day = finished"
add "working_days(started, finished) per row, summed, first 100 000 rows; SQL: generate_series + NOT EXISTS holiday" bcases_small \
	"SELECT sum(working_days(started, finished)) FROM bcases_small" \
	"SELECT sum((SELECT count(*) FROM generate_series(started + 1, finished, interval '1 day') d WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT FROM hol WHERE hol.day = d::date))) FROM bcases_small WHERE finished IS NOT NULL"
add "access_rate(started, finished, '14 days', as_of)" bcases \
	"SELECT access_rate(started, finished, '14 days', $AS_OF) FROM bcases" \
	"SELECT (count(*) FILTER (WHERE finished <= $AS_OF AND finished - started <= 14))::float8 / count(*) FILTER (WHERE finished <= $AS_OF OR started + 14 < $AS_OF) FROM bcases WHERE started <= $AS_OF"
add "access_rate(started, finished, kind), mixed deadline column; SQL: CASE on a smallint code" bcases \
	"SELECT access_rate(started, finished, kind) FROM bcases" \
	"SELECT (count(*) FILTER (WHERE CASE k WHEN 0 THEN finished - started <= 14 WHEN 1 THEN finished <= (started + interval '3 months')::date ELSE $EXCL - $INCL < 7 END))::float8 / count(finished) FROM bcases"
add "wait_percentile(wait_agg(w), 0.5); SQL: percentile_disc(0.5)" bcases \
	"SELECT wait_percentile(wait_agg(w), 0.5) FROM bcases" \
	"SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY w) FROM bcases"
add "wait_percentile(wait_agg(w), 0.9); SQL: percentile_disc(0.9)" bcases \
	"SELECT wait_percentile(wait_agg(w), 0.9) FROM bcases" \
	"SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) FROM bcases"
add "wait_percentile(wait_agg(w), 0.9); SQL: percentile_disc(0.9), sort in memory (work_mem 1GB)" bcases \
	"SELECT wait_percentile(wait_agg(w), 0.9) FROM bcases" \
	"SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) FROM bcases" "$INMEM"
add "wait_percentile(wait_agg(w), '{0.5,0.9}'); SQL: percentile_disc('{0.5,0.9}')" bcases \
	"SELECT wait_percentile(wait_agg(w), '{0.5,0.9}'::float8[]) FROM bcases" \
	"SELECT percentile_disc('{0.5,0.9}'::float8[]) WITHIN GROUP (ORDER BY w) FROM bcases"
add "wait_percentile(wait_agg(w), 0.5); SQL: GROUP BY w + running sum" bcases \
	"SELECT wait_percentile(wait_agg(w), 0.5) FROM bcases" \
	"SELECT min(w) FROM (SELECT w, sum(c) OVER (ORDER BY w) AS cum, sum(c) OVER () AS tot FROM (SELECT w, count(*) AS c FROM bcases WHERE w IS NOT NULL GROUP BY w) h) r WHERE cum >= greatest(ceil(0.5 * tot), 1)"
add "wait_count(wait_agg(w)); SQL: count(w)" bcases \
	"SELECT wait_count(wait_agg(w)) FROM bcases" \
	"SELECT count(w) FROM bcases"
add "wait_agg(w), the whole distribution; SQL: GROUP BY w" bcases \
	"SELECT wait_agg(w) FROM bcases" \
	"SELECT w, count(*) FROM bcases WHERE w IS NOT NULL GROUP BY w"
add "wait_percentile(rollup(s), 0.9) of 48 monthly states; SQL: percentile_disc(0.9) over the rows" bcases \
	"SELECT wait_percentile(rollup(s), 0.9) FROM monthly" \
	"SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) FROM bcases"

# Check every pair before timing: the same value (float8 equality, no rounding), and the
# rollup of the monthly states equal to the direct state.
checks=$(
	for i in "${!names[@]}"; do
		case ${names[$i]} in
			"wait_agg(w), the whole distribution"*)
				q="SELECT ((${ours[$i]})::text = (SELECT '{' || string_agg(w || ':' || c, ',' ORDER BY w) || '}' FROM (${plain[$i]}) h(w, c)))::text" ;;
			*) q="SELECT ((${ours[$i]}) = (${plain[$i]}))::text" ;;
		esac
		printf '%s: %s (%s)\n' "${names[$i]%%;*}" "$(psql -d $DB -At -c "$SETTINGS" -c "$q")" \
			"$(psql -d $DB -At -c "$SETTINGS" -c "${ours[$i]}" | cut -c1-40)"
	done
	printf 'rollup(s) over monthly states = wait_agg(w) over the rows: %s\n' \
		"$(psql -d $DB -At -c "$SETTINGS" -c "SELECT ((SELECT rollup(s) FROM monthly) = (SELECT wait_agg(w) FROM bcases))::text")"
)
if grep -qv ': true' <<<"$checks"; then
	echo "$checks"
	echo "error: a pekefb result differs from its plain-SQL twin" >&2
	exit 1
fi

rows=$(for i in "${!names[@]}"; do
	row "${names[$i]}" "${tables[$i]}" "${ours[$i]}" "${plain[$i]}" "${psets[$i]}"
done
# For scale, not a pekefb query: count(w) reads w and only counts, a floor for any aggregate
# over w; its ratio to percentile_disc bounds what a serial wait_agg can gain over the sort.
row "for scale, in the pekefb column: count(w) (reads w, only counts); SQL: percentile_disc(0.9)" bcases \
	"SELECT count(w) FROM bcases" "SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) FROM bcases")

echo
echo "### access benchmark: $ROWS cases, $(machine)"
echo
echo "Serial plans (max_parallel_workers_per_gather = 0, jit = off) for every query; EXPLAIN"
echo "(ANALYZE, TIMING OFF) execution times.  Per row, count(*), pekefb and plain SQL run in turn"
echo "for 7 rounds after a warm-up: ms columns are the best of the 7 runs, ratio columns the"
echo "median over the rounds of the ratio within a round (test/bench/timing.sql)."
echo
echo "| query | count(*) ms | pekefb ms | pekefb / count(*) | plain SQL ms | plain SQL / pekefb |"
echo "|---|---:|---:|---:|---:|---:|"
echo "$rows"
echo
echo "Equal to the plain-SQL result (pekefb value in parentheses):"
echo
sed 's/^/- /' <<<"$checks"
echo
echo "Plain SQL used:"
echo
for i in "${!names[@]}"; do
	printf -- '- %s: `%s`%s\n' "${names[$i]}" "${plain[$i]}" "${psets[$i]:+ with ${psets[$i]}}"
done

# Second table: the plans PostgreSQL picks by default with 2 parallel workers.  pekefb's
# aggregates run partial aggregation in the workers; percentile_disc (an ordered-set
# aggregate) cannot, so this is the comparison an analyst sees on a default server.
SETTINGS="SET max_parallel_workers_per_gather = 2; SET jit = off; SET search_path = pekefb, public;"
prow() { row "$1" bcases "$2" "$3" "${4:-}"; }	# prow <name> <pekefb query> <plain query> [<setting>]
echo
echo "Parallel plans (max_parallel_workers_per_gather = 2, jit = off), same rows and timing:"
echo
echo "| query | count(*) ms | pekefb ms | pekefb / count(*) | plain SQL ms | plain SQL / pekefb |"
echo "|---|---:|---:|---:|---:|---:|"
prow "access_rate(started, finished, '14 days')" \
	"SELECT access_rate(started, finished, '14 days') FROM bcases" \
	"SELECT (count(*) FILTER (WHERE finished - started <= 14))::float8 / count(finished) FROM bcases"
prow "access_rate(started, finished, '7 working days'); SQL: calendar table joined twice" \
	"SELECT access_rate(started, finished, '7 working days') FROM bcases" \
	"SELECT (count(*) FILTER (WHERE f.cum_excl - s.cum_incl < 7))::float8 / count(*) FROM bcases JOIN cal s ON s.day = started JOIN cal f ON f.day = finished"
prow "wait_percentile(wait_agg(w), 0.5); SQL: percentile_disc(0.5)" \
	"SELECT wait_percentile(wait_agg(w), 0.5) FROM bcases" \
	"SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY w) FROM bcases"
prow "wait_percentile(wait_agg(w), 0.9); SQL: percentile_disc(0.9)" \
	"SELECT wait_percentile(wait_agg(w), 0.9) FROM bcases" \
	"SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) FROM bcases"
prow "wait_percentile(wait_agg(w), 0.9); SQL: percentile_disc(0.9), sort in memory (work_mem 1GB)" \
	"SELECT wait_percentile(wait_agg(w), 0.9) FROM bcases" \
	"SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) FROM bcases" "$INMEM"

[ "${KEEP_DB:-}" = 1 ] || psql -d postgres -c "DROP DATABASE $DB"
