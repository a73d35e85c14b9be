# test/bench/lib.bash: what the benchmark scripts share (sourced, not run: make bench runs only
# the *.sh files; needs PGBIN, and DB and SETTINGS set by the script before trio or row).
#   psql            the client, quiet, stopping at the first error
#   machine         "date, cores, OS, PostgreSQL" for a table's heading
#   load_timing     loads bench.compare (test/bench/timing.sql) into $DB
#   trio <table> <pekefb query> <plain query> [<setting for the plain query>]
#                   "count ours plain ours/count plain/ours": count(*) over <table>, pekefb and
#                   plain SQL run in turn for 7 rounds after a warm-up with $SETTINGS in force;
#                   best times in ms, each ratio the median of the ratios within a round
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
