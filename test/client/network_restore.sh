#!/usr/bin/env bash
# network_restore: memberships, grants and row-level-security policies survive a backup.
# The network test region (test/regress/network_setup.sql: five member roles) plus a DBA's
# own restrictive policy is dumped with pg_dump -Fc and restored with pg_restore -j 2, and
# dumped as plain SQL and restored with psql -f; in each restored database every role sees
# exactly the rows and figures it saw before, its writes are allowed and refused as before,
# and the members, policies, grants and view options are the same.
# Needs PGHOST, PGPORT, PGUSER and PGBIN (test/run.sh exports them).  The roles are
# cluster-wide: they are named pekefb_test_* and dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=pekefb_net_src fc=pekefb_net_fc plain=pekefb_net_plain
work=$(mktemp -d)
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
	psql -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $fc" \
		-c "DROP DATABASE IF EXISTS $plain" >/dev/null 2>&1 || true
	for r in admin analyst ngo parish loader; do
		psql -d postgres -c "DROP ROLE IF EXISTS pekefb_test_$r" >/dev/null 2>&1 || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
cleanup; work=$(mktemp -d)

for db in $src $fc $plain; do psql -d postgres -c "CREATE DATABASE $db"; done
psql -d $src -c "CREATE EXTENSION pekefb"
psql -d $src -f test/regress/network_setup.sql >/dev/null
# the DBA's own policy, beside the region's
psql -d $src -c "CREATE POLICY dba_hide_test_cases ON net.cases AS RESTRICTIVE FOR SELECT USING (case_id <> 'b3')"

snapshot() {
	psql -d "$1" -At <<-'SQL'
		CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
		BEGIN EXECUTE q; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$;
		SELECT 'member', m.role_name, m.organization_code, m.level FROM net.members m ORDER BY 2, 3;
		SELECT 'policy', tablename, policyname, permissive, cmd, qual, with_check
		  FROM pg_catalog.pg_policies WHERE schemaname = 'net' ORDER BY 2, 3;
		SELECT 'rls', relname, relrowsecurity, relforcerowsecurity, relacl::text, reloptions::text
		  FROM pg_catalog.pg_class WHERE relnamespace = 'net'::regnamespace AND relkind IN ('r', 'v') ORDER BY 2;
		SELECT 'schema', nspacl::text FROM pg_catalog.pg_namespace WHERE nspname = 'net';
		DO $$
		DECLARE
		    who text;
		    rel text;
		    line text;
		BEGIN
		    FOREACH who IN ARRAY ARRAY['pekefb_test_admin', 'pekefb_test_analyst', 'pekefb_test_ngo',
		                               'pekefb_test_parish', 'pekefb_test_loader'] LOOP
		        EXECUTE format('SET ROLE %I', who);
		        FOREACH rel IN ARRAY ARRAY['organizations', 'members', 'my_organizations', 'indicators', 'targets',
		                                   'measurements', 'cases', 'feedback_responses', 'indicator_status',
		                                   'feedback_comments', 'access_summary', 'feedback_summary',
		                                   'feedback_item_summary', 'feedback_theme_summary', 'organization_overview'] LOOP
		            EXECUTE format('SELECT string_agg(x::text, '' | '' ORDER BY x::text) FROM net.%I x', rel) INTO line;
		            RAISE NOTICE '% % %', who, rel, md5(coalesce(line, ''));
		        END LOOP;
		        RAISE NOTICE '% insert other %', who, pg_temp.try($q$INSERT INTO net.cases (indicator_code, organization_code, case_id, started) VALUES ('care', 'kunta_b', 'restore1', '2020-02-01')$q$);
		        RAISE NOTICE '% insert own %', who, pg_temp.try($q$INSERT INTO net.cases (indicator_code, organization_code, case_id, started) SELECT 'care', m.organization_code, 'restore2', '2020-02-01' FROM net.my_organizations m WHERE m.can_write ORDER BY 1 LIMIT 1$q$);
		        RAISE NOTICE '% lower minimum %', who, pg_temp.try('UPDATE net.settings SET min_group_size = 1');
		        RESET ROLE;
		    END LOOP;
		    RAISE EXCEPTION 'roll back the writes' USING ERRCODE = 'P0001';
		EXCEPTION WHEN raise_exception THEN NULL;
		END $$;
	SQL
}
snapshot $src > "$work/src" 2>&1
grep -q 'pekefb_test_ngo insert other 42501' "$work/src" || { echo "the snapshot does not show the refused write"; head -50 "$work/src"; exit 1; }
grep -q 'dba_hide_test_cases' "$work/src" || { echo "the DBA's policy is missing"; exit 1; }
[ "$(grep -c '^member|' "$work/src")" = 6 ] || { echo "expected 6 memberships"; exit 1; }

"$PGBIN/pg_dump" -Fc -d $src -f "$work/dump.fc"
"$PGBIN/pg_restore" -j 2 -d $fc "$work/dump.fc"
"$PGBIN/pg_dump" -d $src -f "$work/dump.sql"
psql -d $plain -f "$work/dump.sql" >/dev/null

for db in $fc $plain; do
	snapshot $db > "$work/$db" 2>&1
	if ! cmp -s "$work/src" "$work/$db"; then
		echo "$db differs from the source after restore:"; diff "$work/src" "$work/$db" | head -20; exit 1
	fi
done
echo "memberships, grants, policies and every role's rows identical after pg_restore -j 2 and psql -f ($(wc -l < "$work/src") lines compared)"
