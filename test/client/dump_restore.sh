#!/usr/bin/env bash
# dump_restore: a DBA's backup path.  A database with the sample region is dumped with
# pg_dump and restored into a new database; every view must read back identically, a DBA's
# own index, comment and row-level-security policy on a region table come back, and new
# rows go in after the restore.  The same for a custom-format dump restored with
# pg_restore -j 4, and for a dump of the region's schema alone (pg_dump -n region) restored
# into a database that has the extension.
# Needs PGHOST, PGPORT, PGUSER and PGBIN (test/run.sh exports them).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=pekefb_dump_src dst=pekefb_dump_dst par=pekefb_dump_par one=pekefb_dump_one
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst" \
	-c "DROP DATABASE IF EXISTS $par" -c "DROP DATABASE IF EXISTS $one" -c "CREATE DATABASE $par" -c "CREATE DATABASE $one"
psql -d $src -c "CREATE EXTENSION pekefb"
psql -d $src -f test/sample/region.sql >/dev/null
# what a DBA adds to the region's tables by hand
psql -d $src -c "CREATE INDEX cases_open_idx ON region.cases (indicator_code) WHERE finished IS NULL" \
	-c "COMMENT ON INDEX region.cases_open_idx IS 'open cases, for the daily backlog report'" \
	-c "ALTER TABLE region.feedback_responses ENABLE ROW LEVEL SECURITY" \
	-c "CREATE POLICY own_service ON region.feedback_responses USING (service <> 'secret')"

snapshot() {
	psql -d "$1" -At <<-'SQL'
		SET pekefb.language = 'sv';
		SELECT 'organizations', count(*) FROM region.organizations;
		SELECT 'indicators', count(*) FROM region.indicators;
		SELECT 'targets', count(*) FROM region.targets;
		SELECT 'measurements', count(*) FROM region.measurements;
		SELECT 'cases', count(*) FROM region.cases;
		SELECT 'feedback', count(*) FROM region.feedback_responses;
		SELECT 'settings', s FROM region.settings s;
		SELECT 'tree', count(*) FROM region.organization_tree;
		SELECT s FROM region.indicator_status s ORDER BY indicator_code, organization_code, period_start, period_end;
		SELECT a FROM region.access_summary a ORDER BY indicator_code, organization_code, includes_sub_organizations, period_kind, period_start;
		SELECT f FROM region.feedback_summary f ORDER BY 1;
		SELECT f FROM region.feedback_item_summary f ORDER BY 1;
		SELECT f FROM region.feedback_theme_summary f ORDER BY 1;
		SELECT o FROM region.organization_overview o ORDER BY 1;
		SELECT r.response::text, r.themes FROM region.feedback_responses r ORDER BY organization_code, response_id;
		SELECT 'dba index', obj_description('region.cases_open_idx'::regclass, 'pg_class');
		SELECT 'dba policy', polname, pg_get_expr(polqual, polrelid) FROM pg_policy WHERE polrelid = 'region.feedback_responses'::regclass ORDER BY polname;
		SELECT 'rls', relrowsecurity FROM pg_class WHERE oid = 'region.feedback_responses'::regclass;
	SQL
}
snapshot $src > "$work/before"
"$PGBIN/pg_dump" -d $src -f "$work/dump.sql"
psql -d $dst -f "$work/dump.sql" >/dev/null
snapshot $dst > "$work/after"
if ! cmp -s "$work/before" "$work/after"; then
	echo "views differ after dump and restore:"; diff "$work/before" "$work/after" | head -20; exit 1
fi
[ "$(wc -l < "$work/before")" -gt 1000 ] || { echo "snapshot suspiciously small"; exit 1; }
grep -q '^measurements|[1-9]' "$work/after" || { echo "no measurements restored"; exit 1; }

# custom format, four parallel restore jobs
"$PGBIN/pg_dump" -d $src -Fc -f "$work/dump.fc"
"$PGBIN/pg_restore" -d $par -j 4 "$work/dump.fc"
snapshot $par > "$work/after_parallel"
cmp -s "$work/before" "$work/after_parallel" || { echo "views differ after pg_restore -j 4:"; diff "$work/before" "$work/after_parallel" | head -20; exit 1; }
# the region's schema alone, into a database with the library
"$PGBIN/pg_dump" -d $src -n region -f "$work/region.sql"
psql -d $one -c "CREATE EXTENSION pekefb"
psql -d $one -f "$work/region.sql" >/dev/null
snapshot $one > "$work/after_schema"
cmp -s "$work/before" "$work/after_schema" || { echo "views differ after pg_dump -n region:"; diff "$work/before" "$work/after_schema" | head -20; exit 1; }

grep -q "^dba index|open cases" "$work/after" || { echo "the DBA's index or its comment was not restored"; exit 1; }
grep -q "^dba policy|own_service" "$work/after" || { echo "the DBA's policy was not restored"; exit 1; }

# New rows after the restore go in (keys default to fresh uuids, targets' identity continues).
psql -d $dst -c "INSERT INTO region.cases (indicator_code, organization_code, started) VALUES ('pta-3kk', 'kokkola', '2026-01-02')"
psql -d $dst -c "INSERT INTO region.feedback_responses (received_at, organization_code, service, response) VALUES (now(), 'kokkola', 'neuvola', '{\"role\":\"parent\",\"nps\":9}')"
psql -d $dst -c "INSERT INTO region.targets (indicator_code, period_start, period_end, target) VALUES ('pta-3kk', '2026-01-01', '2026-12-31', '>= 100%')"
psql -d $dst -c "INSERT INTO region.organizations (code, name_fi, kind, parent_code) VALUES ('uusi', 'Uusi', 'ngo', 'kokkola')"
[ "$(psql -d $dst -At -c "SELECT count(*) FROM region.organization_tree WHERE organization_code = 'uusi'")" = 3 ] \
	|| { echo "the organisation tree is not maintained after the restore"; exit 1; }

psql -d postgres -c "DROP DATABASE $src" -c "DROP DATABASE $dst" -c "DROP DATABASE $par" -c "DROP DATABASE $one"
echo "dump and restore (plain, pg_restore -j 4, pg_dump -n region): $(grep -c . "$work/after") lines identical"
