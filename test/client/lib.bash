# test/client/lib.bash: helpers shared by the client tests (sourced by them; run.sh runs only *.sh).
# Needs PGHOST, PGPORT, PGUSER and PGBIN (test/run.sh exports them).

psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

# fresh_db DB...: drop (if there) and create each database.
fresh_db() {
	local d
	for d in "$@"; do psql -d postgres -c "DROP DATABASE IF EXISTS $d" -c "CREATE DATABASE $d"; done
}

# drop_db DB...: drop each database.
drop_db() {
	local d
	for d in "$@"; do psql -d postgres -c "DROP DATABASE IF EXISTS $d"; done
}

# new_region DB [SCHEMA]: the library and the sample region (test/sample/region.sql creates
# the region itself) in DB.
new_region() {
	psql -d "$1" -c "CREATE EXTENSION pekefb"
	psql -d "$1" -v region="${2:-region}" -f test/sample/region.sql >/dev/null
}

# relation_rows DB SCHEMA KINDS: the rows of every relation of SCHEMA whose relkind is in KINDS
# (e.g. 'v' for views, 'rv' for tables and views), one line per row, relations by name and
# rows in text order. The rows are computed under the session settings given in $SNAP_SET
# (e.g. "SET TimeZone = 'UTC'; SET DateStyle = 'German';") and printed under fixed ones, so
# that two runs compare what the relations return, not how the session prints it.
relation_rows() {
	local db=$1 schema=$2 kinds=$3 rel
	for rel in $(psql -d "$db" -At -v schema="$schema" -v kinds="$kinds" <<-'SQL'
		SELECT c.relname FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
		WHERE n.nspname OPERATOR(pg_catalog.=) :'schema'
		  AND pg_catalog.strpos(:'kinds', c.relkind::text) OPERATOR(pg_catalog.>) 0
		ORDER BY c.relname COLLATE "C";
	SQL
	); do
		psql -d "$db" -At -v schema="$schema" -v rel="$rel" <<-SQL
			BEGIN;
			SET LOCAL pekefb.language = 'fi';
			${SNAP_SET:-}
			CREATE TEMP TABLE snap ON COMMIT DROP AS SELECT * FROM :"schema".:"rel";
			SET LOCAL TimeZone = 'UTC';
			SET LOCAL DateStyle = 'ISO, YMD';
			SET LOCAL IntervalStyle = 'postgres';
			SET LOCAL extra_float_digits = 1;
			SELECT :'rel' OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) t::text AS r
			FROM snap t ORDER BY r COLLATE "C";
			COMMIT;
		SQL
	done
}

# same FILE1 FILE2 WHAT: fail with a short diff when the two files differ.
same() {
	if ! cmp -s "$1" "$2"; then
		echo "$3 differ:"; diff "$1" "$2" | head -30; return 1
	fi
}
