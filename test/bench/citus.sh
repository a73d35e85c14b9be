#!/usr/bin/env bash
# test/bench/citus.sh: single node vs Citus, per aggregate of the library.  Starts the Citus
# cluster of the Citus test (test/citus/cluster.bash: a coordinator and two workers of the
# checkout's private tree; skipped when Citus is neither installed nor buildable), loads the
# sample region plus generated rows into a distributed region and the same rows into a
# single-node region on the coordinator (citus_regions), and times each aggregate of
# test/citus/aggregates.bash grouped by a column that is not the distribution column, the
# single-node query and the Citus query in turn (bench.compare: interleaved rounds, the ratio
# the median of the ratios within a round; times are server-side wall-clock, see below).
# Reports, never judges.
# Sizes: CITUS_BENCH_CASES (600000), CITUS_BENCH_RESPONSES (400000).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=test/citus/cluster.bash
. "$here/../citus/cluster.bash"
# shellcheck source=test/citus/aggregates.bash
. "$here/../citus/aggregates.bash"
CASES=${CITUS_BENCH_CASES:-600000}
RESPONSES=${CITUS_BENCH_RESPONSES:-400000}

rc=0; citus_prepare || rc=$?
if [ $rc = 77 ]; then echo "citus benchmark: skipped (no ../shared/vendor)"; exit 0; fi
[ $rc = 0 ] || exit 2
citus_start
# shellcheck source=test/bench/lib.bash
. "$here/lib.bash"
DB=$CITUS_DB
work=$(mktemp -d)
trap 'citus_stop; rm -rf "$work"' EXIT
citus_regions "$CASES" "$RESPONSES" "$work/layout" >&2
load_timing >/dev/null
# Citus cannot EXPLAIN ANALYZE a query whose workers return partial aggregate states
# (worker_partial_agg returns cstring: "column field_1 has pseudo-type cstring"), so in this
# throwaway database bench.run_ms times the statement itself: wall-clock time in the server
# of EXECUTE (planning and execution, rows discarded, no client), for both queries alike.
psql -d "$DB" >/dev/null <<-'SQL'
	CREATE OR REPLACE FUNCTION bench.run_ms(q text, setting text DEFAULT '') RETURNS double precision
	LANGUAGE plpgsql AS $$
	DECLARE
	    t0 timestamptz;
	BEGIN
	    t0 := clock_timestamp();
	    EXECUTE q;
	    RETURN 1000 * extract(epoch FROM clock_timestamp() - t0);
	END $$;
SQL

echo
echo "### Citus: single node vs 1 coordinator + 2 workers"
echo
echo "$(machine); Citus 13.2.2, 8 shards; $CASES cases, $RESPONSES feedback responses; each aggregate"
echo "grouped by a column that is not the distribution column (partial aggregates on the workers)."
echo "All three nodes share the machine's cores."
echo
echo "| aggregate | single node ms | Citus ms | Citus / single node |"
echo "|---|---|---|---|"
psql -d "$DB" -At -c "SELECT p.oid::regprocedure FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
                       WHERE p.pronamespace = 'pekefb'::regnamespace ORDER BY 1::text" |
while IFS= read -r agg; do
	spec=${AGG[$agg]:-}
	[ -n "$spec" ] || { echo "| $agg | (no query) | | |"; continue; }
	IFS='^' read -r from call col <<<"$spec"
	sql="SELECT $col, $call FROM $from GROUP BY 1"
	read -r s c r <<<"$(psql -d "$DB" -At -F ' ' -c "
		SELECT string_agg(round(best_ms)::text, ' ' ORDER BY i) || ' ' || (array_agg(vs_prev ORDER BY i))[2]
		FROM bench.compare(ARRAY[\$b\$${sql//@s@/single}\$b\$, \$b\$${sql//@s@/region}\$b\$], '{}', 5)")"
	awk -v n="$agg" -v s="$s" -v c="$c" -v r="$r" 'BEGIN { printf "| `%s` | %.0f | %.0f | %.2f |\n", n, s, c, r }'
done
