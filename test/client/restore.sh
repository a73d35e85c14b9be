#!/usr/bin/env bash
# restore: a DBA's backup paths, with the region's data in ordinary tables.
#   - pg_dump -Fc + pg_restore -j 4 into a new database;
#   - a plain dump restored with psql -f;
#   - pg_dump -n region (the region alone) restored into a database with the library;
# each gives identical rows in every table and view of the region; a DBA's own index, comment
# and row-level-security policy on a region table survive; identity counters continue after
# the restored rows; DROP EXTENSION without CASCADE is refused while a region exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/client/lib.bash
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
src=pekefb_restore_src
fresh_db $src pekefb_restore_fc pekefb_restore_plain pekefb_restore_n
new_region $src

# A DBA's own objects on the region's tables.
psql -d $src <<-'SQL'
	CREATE INDEX dba_cases_finished_idx ON region.cases (finished);
	COMMENT ON INDEX region.dba_cases_finished_idx IS 'added by the DBA';
	CREATE POLICY dba_policy ON region.cases FOR SELECT USING (true);
SQL
dba_objects() {
	psql -d "$1" -At <<-'SQL'
		SELECT 'index ' || indexname FROM pg_catalog.pg_indexes
		 WHERE schemaname = 'region' AND indexname = 'dba_cases_finished_idx';
		SELECT 'comment ' || pg_catalog.obj_description('region.dba_cases_finished_idx'::regclass, 'pg_class');
		SELECT 'policy ' || policyname FROM pg_catalog.pg_policies
		 WHERE schemaname = 'region' AND policyname = 'dba_policy';
	SQL
}
dba_objects $src > "$work/dba.src"
[ "$(wc -l < "$work/dba.src")" = 3 ] || { echo "DBA objects not created"; cat "$work/dba.src"; exit 1; }
relation_rows $src region rv > "$work/src.rows"
[ "$(wc -l < "$work/src.rows")" -gt 10000 ] || { echo "snapshot suspiciously small"; exit 1; }

# The library cannot be dropped from under the region.
if psql -d $src -c "DROP EXTENSION pekefb" 2>"$work/drop.err"; then
	echo "DROP EXTENSION pekefb succeeded with a region present"; exit 1
fi
grep -q 'depend' "$work/drop.err" || { echo "unexpected DROP EXTENSION error:"; cat "$work/drop.err"; exit 1; }

"$PGBIN/pg_dump" -d $src -Fc -f "$work/dump.fc"
"$PGBIN/pg_restore" -j 4 -d pekefb_restore_fc "$work/dump.fc" 2>"$work/restore.err" \
	|| { echo "pg_restore -j 4 failed:"; head -20 "$work/restore.err"; exit 1; }
"$PGBIN/pg_dump" -d $src -f "$work/dump.sql"
psql -d pekefb_restore_plain -f "$work/dump.sql" >/dev/null 2>"$work/plain.err" \
	|| { echo "plain restore failed:"; head -20 "$work/plain.err"; exit 1; }
"$PGBIN/pg_dump" -d $src -n region -Fc -f "$work/dump.region"
psql -d pekefb_restore_n -c "CREATE EXTENSION pekefb"
"$PGBIN/pg_restore" -j 4 -d pekefb_restore_n "$work/dump.region" 2>"$work/restore_n.err" \
	|| { echo "pg_restore of pg_dump -n region failed:"; head -20 "$work/restore_n.err"; exit 1; }

for db in pekefb_restore_fc pekefb_restore_plain pekefb_restore_n; do
	relation_rows $db region rv > "$work/$db.rows"
	same "$work/src.rows" "$work/$db.rows" "rows of the region after restoring into $db"
	dba_objects $db > "$work/dba.$db"
	same "$work/dba.src" "$work/dba.$db" "the DBA's own objects in $db"
done

# New rows after a restore get fresh keys (identity counters restored with the data).
psql -d pekefb_restore_fc -At -c "SELECT pg_catalog.count(*) FROM (
	SELECT s.seqrelid FROM pg_catalog.pg_sequence s
	JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'region') q" > "$work/seqs"
drop_db $src pekefb_restore_fc pekefb_restore_plain pekefb_restore_n
echo "restore (-Fc -j 4, plain, -n region): $(wc -l < "$work/src.rows") rows identical, DBA index/comment/policy kept, $(cat "$work/seqs") sequences"
