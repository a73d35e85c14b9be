#!/usr/bin/env bash
# test/bench/loader_instructions.sh: the loaders' cost in instructions (Valgrind's cachegrind),
# which, unlike time, does not depend on what else the machine is doing.  It builds the files
# of test/bench/loaders.sh (N rows, default 100 000; that script's timed table is printed too),
# copies the cluster (pg_basebackup) and runs each statement in a single-user backend of the
# copy under cachegrind: the first load of each file into its emptied table, and one plain
# INSERT of the same rows (already typed) into the same table, each in a transaction rolled
# back.  A session that only connects is subtracted from both.  Prints instructions per row
# and their ratio (loader / plain INSERT: what the loader adds to the table's own cost).
# Needs PGHOST PGPORT PGUSER PGBIN, valgrind, and a cluster that allows a local replication
# connection; FILES picks the files.  Says "skipped" without valgrind.
set -euo pipefail
N=${N:-100000}
DB=bench_loaders
. "$(dirname "$0")/lib.bash"
if ! command -v valgrind >/dev/null; then
	echo "loader_instructions: skipped (no valgrind; apt-get install valgrind)"
	exit 0
fi
FILES=${FILES:-measurements cases webropol limesurvey}
N=$N KEEP=1 FILES="$FILES" bash "$(dirname "$0")/loaders.sh"

copy_cols() {	# the columns a plain INSERT gives (not generated, not the stamp)
	psql -d $DB -At -c "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
		WHERE attrelid = '$1'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
		  AND attname NOT IN ('loaded_at', 'loaded_by')"
}
for f in $FILES; do
	case $f in
		measurements) tbl=region.measurements; filter=true ;;
		cases) tbl=region.cases; filter=true ;;
		webropol) tbl=region.feedback_responses; filter="survey_code = 'web'" ;;
		limesurvey) tbl=region.feedback_responses; filter="survey_code = 'ls'" ;;
	esac
	psql -d $DB -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS copy_$f" -c "CREATE TABLE copy_$f AS SELECT * FROM $tbl WHERE $filter"
done
psql -d $DB -c "CHECKPOINT"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PGBIN/pg_basebackup" -D "$work/data" -X fetch -c fast
as_owner=()
if [ "$(id -u)" = 0 ]; then
	chown -R postgres "$work"
	as_owner=(runuser -u postgres --)
fi
chmod 755 "$work"

# instructions of a single-user backend running one line of SQL on the copy
instructions() {
	printf '%s\n' "$1" >"$work/q.sql"
	chmod 644 "$work/q.sql"
	"${as_owner[@]}" valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$PGBIN/postgres" --single -D "$work/data" -c work_mem=256MB $DB <"$work/q.sql" >"$work/log" 2>&1
	if grep -q "ERROR:" "$work/log"; then
		grep -m1 -A2 "ERROR:" "$work/log" >&2
		exit 1
	fi
	grep "I *refs" "$work/log" | awk '{gsub(",", "", $NF); print $NF}'
}

base=$(instructions "SELECT 1;")
echo
echo "loaders in instructions (cachegrind), $(machine); N = $N; a connecting session's $base instructions subtracted"
echo "| file | rows | first load instructions / row | plain INSERT instructions / row | first load / plain INSERT |"
echo "|---|---:|---:|---:|---:|"
for f in $FILES; do
	case $f in
		measurements) call="region.load_measurements(content)"; tbl=region.measurements ;;
		cases) call="region.load_cases(content, 'efica')"; tbl=region.cases ;;
		webropol) call="region.load_webropol('web', content)"; tbl=region.feedback_responses ;;
		limesurvey) call="region.load_limesurvey('ls', content)"; tbl=region.feedback_responses ;;
	esac
	rows=$(psql -d $DB -At -c "SELECT count(*) FROM copy_$f")
	cols=$(copy_cols $tbl)
	# (the other file's rows of feedback_responses are emptied too: each load meets an empty table)
	load=$(instructions "BEGIN; TRUNCATE $tbl CASCADE; SELECT count(*) FROM files f, LATERAL $call l WHERE f.name = '$f'; ROLLBACK;")
	plain=$(instructions "BEGIN; TRUNCATE $tbl CASCADE; INSERT INTO $tbl ($cols) SELECT $cols FROM copy_$f; ROLLBACK;")
	awk -v f="$f" -v r="$rows" -v l="$load" -v p="$plain" -v b="$base" \
		'BEGIN { printf "| %s | %d | %.0f | %.0f | %.2f |\n", f, r, (l - b) / r, (p - b) / r, (l - b) / (p - b) }'
done
[ -n "${KEEP:-}" ] || psql -d postgres -c "DROP DATABASE $DB"
