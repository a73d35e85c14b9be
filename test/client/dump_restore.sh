#!/usr/bin/env bash
# dump_restore: a DBA's backup paths, with the region's data in ordinary tables.
#   - a plain dump restored with psql -f;
#   - pg_dump -Fc restored with pg_restore -j 4;
#   - pg_dump -n region (the region alone) restored into a database that has the library;
# each gives identical rows in every table and view of the region (test/client/lib.bash), and
# a DBA's own index, comment, row-level security and policy on a region table come back; new
# rows go in after the restore and the organisation tree is still maintained; DROP EXTENSION
# without CASCADE is refused while a region exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/client/lib.bash
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
src=pekefb_dump_src dst=pekefb_dump_dst par=pekefb_dump_par one=pekefb_dump_one
fresh_db $src $dst $par $one
new_region $src
# what a DBA adds to the region's tables by hand
psql -d $src -c "CREATE INDEX cases_open_idx ON region.cases (indicator_code) WHERE finished IS NULL" \
	-c "COMMENT ON INDEX region.cases_open_idx IS 'open cases, for the daily backlog report'" \
	-c "ALTER TABLE region.feedback_responses ENABLE ROW LEVEL SECURITY" \
	-c "CREATE POLICY own_service ON region.feedback_responses USING (service <> 'secret')"
dba_objects() {
	psql -d "$1" -At <<-'SQL'
		SELECT 'dba index', pg_catalog.obj_description('region.cases_open_idx'::regclass, 'pg_class');
		SELECT 'dba policy', polname, pg_catalog.pg_get_expr(polqual, polrelid) FROM pg_catalog.pg_policy
		 WHERE polrelid = 'region.feedback_responses'::regclass ORDER BY polname;
		SELECT 'rls', relrowsecurity FROM pg_catalog.pg_class WHERE oid = 'region.feedback_responses'::regclass;
	SQL
}
snapshot() { relation_rows "$1" region rv; dba_objects "$1"; }
snapshot $src > "$work/before"
[ "$(wc -l < "$work/before")" -gt 10000 ] || { echo "snapshot suspiciously small"; exit 1; }
grep -q "^dba index|open cases" "$work/before" && grep -q "^dba policy|own_service" "$work/before" \
	|| { echo "the DBA's objects were not created"; exit 1; }

# The library cannot be dropped from under the region.
if psql -d $src -c "DROP EXTENSION pekefb" 2>"$work/drop.err"; then
	echo "DROP EXTENSION pekefb succeeded with a region present"; exit 1
fi
grep -q 'depend' "$work/drop.err" || { echo "unexpected DROP EXTENSION error:"; cat "$work/drop.err"; exit 1; }

# plain format
"$PGBIN/pg_dump" -d $src -f "$work/dump.sql"
psql -d $dst -f "$work/dump.sql" >/dev/null
snapshot $dst > "$work/after"
same "$work/before" "$work/after" "tables and views after a plain dump and psql -f"
# custom format, four parallel restore jobs
"$PGBIN/pg_dump" -d $src -Fc -f "$work/dump.fc"
"$PGBIN/pg_restore" -d $par -j 4 "$work/dump.fc"
snapshot $par > "$work/after_parallel"
same "$work/before" "$work/after_parallel" "tables and views after pg_restore -j 4"
# the region's schema alone, into a database with the library
"$PGBIN/pg_dump" -d $src -n region -Fc -f "$work/region.fc"
psql -d $one -c "CREATE EXTENSION pekefb"
"$PGBIN/pg_restore" -d $one -j 4 "$work/region.fc"
snapshot $one > "$work/after_schema"
same "$work/before" "$work/after_schema" "tables and views after pg_dump -n region"

# New rows after the restore go in (keys default to fresh uuids, targets' identity continues).
psql -d $par -c "INSERT INTO region.cases (indicator_code, organization_code, started) VALUES ('pta-3kk', 'kokkola', '2026-01-02')"
psql -d $par -c "INSERT INTO region.feedback_responses (received_at, organization_code, service, response) VALUES (now(), 'kokkola', 'neuvola', '{\"role\":\"parent\",\"nps\":9}')"
psql -d $par -c "INSERT INTO region.targets (indicator_code, period_start, period_end, target) VALUES ('pta-3kk', '2026-01-01', '2026-12-31', '>= 100%')"
psql -d $par -c "INSERT INTO region.organizations (code, name_fi, kind, parent_code) VALUES ('uusi', 'Uusi', 'ngo', 'kokkola')"
[ "$(psql -d $par -At -c "SELECT count(*) FROM region.organization_tree WHERE organization_code = 'uusi'")" = 3 ] \
	|| { echo "the organisation tree is not maintained after the restore"; exit 1; }

drop_db $src $dst $par $one
echo "dump and restore (plain, pg_restore -j 4, pg_dump -n region): $(wc -l < "$work/after") rows of every table and view identical, DBA index/comment/RLS/policy kept"
