#!/usr/bin/env bash
# dump_restore: a DBA's backup path.  A database with the sample region is dumped with
# pg_dump and restored into a new database; every view must read back identically, and the
# restored identity sequences must continue after the restored rows.
# Needs PGHOST, PGPORT, PGUSER and PGBIN (test/run.sh exports them).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=pekefb_dump_src dst=pekefb_dump_dst
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"
psql -d $src -c "CREATE EXTENSION pekefb"
psql -d $src -f test/sample/region.sql >/dev/null

snapshot() {
	psql -d "$1" -At <<-'SQL'
		SET pekefb.language = 'sv';
		SELECT 'organizations', count(*) FROM region.organizations;
		SELECT 'indicators', count(*) FROM region.indicators;
		SELECT 'targets', count(*) FROM region.targets;
		SELECT 'measurements', count(*) FROM region.measurements;
		SELECT 'cases', count(*) FROM region.cases;
		SELECT 'feedback', count(*) FROM region.feedback_responses;
		SELECT s FROM region.indicator_status s ORDER BY indicator_code, organization_code, period_start, period_end;
		SELECT a FROM region.access_summary a ORDER BY indicator_code, organization_code, period, period_start;
		SELECT f FROM region.feedback_summary f ORDER BY 1;
		SELECT r.response::text, r.themes FROM region.feedback_responses r ORDER BY id;
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

# New rows after the restore get fresh ids (the identity counters were dumped too).
psql -d $dst -c "INSERT INTO region.cases (indicator_code, organization_code, started) VALUES ('pta-3kk', 'kokkola', '2026-01-02')"
psql -d $dst -c "INSERT INTO region.feedback_responses (received_at, organization_code, service, response) VALUES (now(), 'kokkola', 'neuvola', '{\"role\":\"parent\",\"nps\":9}')"

psql -d postgres -c "DROP DATABASE $src" -c "DROP DATABASE $dst"
echo "dump and restore: $(grep -c . "$work/after") lines identical"
