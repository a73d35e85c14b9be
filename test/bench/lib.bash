# test/bench/lib.bash: what the benchmark scripts share (sourced, not run: make bench runs only
# the *.sh files; needs PGBIN, and DB and SETTINGS set by the script before trio or row).
#   psql            the client, quiet, stopping at the first error
#   machine         "date, cores, OS, PostgreSQL" for a table's heading
#   load_timing     loads bench.compare (test/bench/timing.sql) into $DB
#   trio <table> <pekefb query> <plain query> [<setting for the plain query>]
#                   "count ours plain ours/count plain/ours": count(*) over <table>, pekefb and
#                   plain SQL run in turn for 7 rounds after a warm-up with $SETTINGS in force;
#                   best times in ms, each ratio the median of the ratios within a round
#   best_ms <rounds> <setup> <query>
#                   the best of <rounds> runs of <query> in $DB, in ms (with one decimal);
#                   <setup> (SQL, may be empty) runs first, in a transaction rolled back after
#   row <name> <table> <pekefb query> <plain query> [<setting>]
#                   the trio as a Markdown table row:
#                   | name | count(*) ms | pekefb ms | pekefb / count(*) | plain ms | plain / pekefb |
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

machine() {
	echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"
}

load_timing() { psql -d "$DB" -f "$BENCH_DIR/timing.sql"; }

trio() {
	psql -d "$DB" -At -c "$SETTINGS" -c "
		SELECT string_agg(round(best_ms)::text, ' ' ORDER BY i) || ' ' ||
		       (array_agg(vs_first ORDER BY i))[2] || ' ' || (array_agg(vs_prev ORDER BY i))[3]
		FROM bench.compare(ARRAY[\$b\$SELECT count(*) FROM $1\$b\$, \$b\$$2\$b\$, \$b\$$3\$b\$],
		                   ARRAY['', '', '${4:-}'])"
}

row() {
	local c o p r1 r2
	read -r c o p r1 r2 <<<"$(trio "$2" "$3" "$4" "${5:-}")"
	awk -v n="$1" -v o="$o" -v p="$p" -v c="$c" -v r1="$r1" -v r2="$r2" \
		'BEGIN { printf "| %s | %.0f | %.0f | %.2f | %.0f | %.2f |\n", n, c, o, r1, p, r2 }'
}

best_ms() {
	psql -d "$DB" -At <<SQL | tail -1
BEGIN;
$2
CREATE TEMP TABLE t_best (ms double precision);
DO \$\$
DECLARE t0 timestamptz; n bigint;
BEGIN
    FOR i IN 1 .. $1 LOOP
        t0 := clock_timestamp();
        EXECUTE \$q\$ $3 \$q\$ INTO n;
        INSERT INTO t_best VALUES (extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
END \$\$;
SELECT round(min(ms)::numeric, 1) FROM t_best;
ROLLBACK;
SQL
}
