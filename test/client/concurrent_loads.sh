#!/usr/bin/env bash
# test/client/concurrent_loads.sh: two sessions load overlapping files at the same time —
# two client-system extracts sharing half their matters, two measurement files sharing half
# their rows, and two Webropol exports sharing half their responses — three rounds each.
# Every load must succeed (no deadlock or unique-violation error leaks: loads of one kind
# serialise on an advisory lock), and the tables must hold each matter, measurement and
# response once, with the values of the session that loaded last.  Then the references
# checked per statement against a concurrent delete, both ways round.
# Needs PGHOST PGPORT PGUSER PGBIN.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/client/lib.bash
db=pekefb_concurrent
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fresh_db $db
psql -d $db >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION pekefb;
SELECT pekefb.create_region('region', 'soite', 'Keski-Pohjanmaan hyvinvointialue') IS NOT NULL;
\i test/sample/organizations.sql
INSERT INTO region.indicators (code, name_fi, unit, deadline) VALUES
  ('ls-7arkipv', 'Lastensuojeluasian käsittely', '%', '7 working days'), ('pta-3kk', 'Palvelutarpeen arviointi', '%', '3 months');
INSERT INTO region.indicators (code, name_fi, unit) SELECT 'ind-' || i, 'Mittari ' || i, '' FROM generate_series(1, 20) i;
INSERT INTO region.case_mappings VALUES ('Lastensuojeluasia', 'ls-7arkipv'), ('Lastensuojeluasia', 'pta-3kk');
INSERT INTO region.feedback_surveys (code, tool, id_column, submitted_column, organization_code, service, nps_column)
VALUES ('web', 'webropol', 'Tunnus', 'Valmis', 'kokkola', 'neuvola', 'Suosittelu');
SQL
# file A: items 0..19999, file B: items 10000..29999 (B's values differ on the overlap)
for f in a b; do
	off=$([ $f = a ] && echo 0 || echo 10000)
	psql -d $db -At -c "SELECT 'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu' UNION ALL
		(SELECT format('C-%s;Lastensuojeluasia;%s;%s;%s', i, (ARRAY['Kokkola','Kannus','Veteli'])[1 + i % 3],
		               to_char(date '2024-01-01' + i % 700, 'FMDD.FMMM.YYYY'),
		               to_char(date '2024-01-01' + i % 700 + CASE WHEN '$f' = 'a' THEN 5 ELSE 6 END, 'FMDD.FMMM.YYYY'))
		 FROM generate_series($off, $off + 19999) i ORDER BY i)" > "$work/cases_$f.csv"
	psql -d $db -At -c "SELECT 'Indikaattori;Kunta;Vuosi;Arvo' UNION ALL
		(SELECT format('ind-%s;%s;%s;%s', 1 + i % 20, (ARRAY['Kokkola','Kannus','Veteli'])[1 + (i / 20) % 3], 1900 + i / 60,
		               CASE WHEN '$f' = 'a' THEN 1 ELSE 2 END)
		 FROM generate_series($off / 2, $off / 2 + 9999) i ORDER BY i)" > "$work/m_$f.csv"
	psql -d $db -At -c "SELECT 'Tunnus;Valmis;Suosittelu' UNION ALL
		(SELECT format('W-%s;%s;%s', i, to_char(timestamp '2024-01-01 08:00' + i * interval '1 minute', 'FMDD.FMMM.YYYY HH24.MI'),
		               CASE WHEN '$f' = 'a' THEN 9 ELSE 10 END)
		 FROM generate_series($off, $off + 19999) i ORDER BY i)" > "$work/w_$f.csv"
done

# load_all F ROUND: one session loading its three files, each in its own transaction
load_all() {
	local f=$1
	"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d $db -At <<SQL
SET client_min_messages = warning;
\\set cases \`cat $work/cases_$f.csv\`
\\set m \`cat $work/m_$f.csv\`
\\set w \`cat $work/w_$f.csv\`
SELECT 'cases', * FROM region.load_cases(:'cases', 'efica');
SELECT 'measurements', * FROM region.load_measurements(:'m');
SELECT 'webropol', * FROM region.load_webropol('web', :'w');
SQL
}
status=0
for round in 1 2 3; do
	load_all a > "$work/out_a" 2>&1 & pa=$!
	load_all b > "$work/out_b" 2>&1 & pb=$!
	wait $pa || { echo "session a failed in round $round:"; cat "$work/out_a"; status=1; }
	wait $pb || { echo "session b failed in round $round:"; cat "$work/out_b"; status=1; }
done
[ $status -eq 0 ] || exit 1
result=$(psql -d $db -At -F' ' <<'SQL'
SELECT (SELECT count(*) FROM region.cases) || ' ' ||
       (SELECT count(DISTINCT (source_case_id, indicator_code)) FROM region.cases) || ' ' ||
       (SELECT count(*) FROM region.measurements) || ' ' ||
       (SELECT count(*) FROM region.feedback_responses) || ' ' ||
       (SELECT count(DISTINCT source_response_id) FROM region.feedback_responses) || ' ' ||
       -- the overlap holds one file's values throughout: both sessions' loads were whole
       (SELECT count(DISTINCT finished - started) FROM region.cases WHERE source_case_id IN ('C-10000', 'C-15000', 'C-19999'));
SQL
)
read -r cases distinct_cases measurements responses distinct_responses overlap_versions <<<"$result"
echo "concurrent loads: $cases case rows ($distinct_cases distinct), $measurements measurements, $responses responses ($distinct_responses distinct), overlap from $overlap_versions file"
[ "$cases" = 60000 ] && [ "$distinct_cases" = 60000 ] && [ "$measurements" = 15000 ] \
	&& [ "$responses" = 30000 ] && [ "$distinct_responses" = 30000 ] && [ "$overlap_versions" = 1 ] \
	|| { echo "FAILED: expected 60000 case rows, 15000 measurements, 30000 responses, each once, the overlap from one file"; exit 1; }

# References checked per statement (src/region/references.sql) hold under concurrency as a
# foreign key does: (1) an organisation deleted while another session's uncommitted cases
# refer to it waits for that session and is then refused; (2) cases that refer to an
# organisation another session is deleting wait for it and are then refused.
psql -d $db -c "INSERT INTO region.organizations (code, name_fi, kind, parent_code) VALUES ('race1', 'R1', 'municipality', 'soite'), ('race2', 'R2', 'municipality', 'soite')"
"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d $db -c "BEGIN" \
	-c "INSERT INTO region.cases (organization_code, indicator_code, case_id, started) VALUES ('race1', 'pta-3kk', 'r1', '2024-05-02')" \
	-c "SELECT pg_sleep(2)" -c "COMMIT" > "$work/ref_a" 2>&1 & pa=$!
sleep 0.7
if "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d $db -c "DELETE FROM region.organizations WHERE code = 'race1'" > "$work/ref_b" 2>&1; then
	echo "FAILED: an organisation referred to by another session's cases was deleted"; exit 1
fi
wait $pa || { echo "FAILED: the session inserting cases failed:"; cat "$work/ref_a"; exit 1; }
grep -q 'violates foreign key constraint "cases_organization_code_fkey" on table "cases"' "$work/ref_b" \
	|| { echo "FAILED: unexpected error deleting race1:"; cat "$work/ref_b"; exit 1; }
"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d $db -c "BEGIN" -c "DELETE FROM region.organizations WHERE code = 'race2'" \
	-c "SELECT pg_sleep(2)" -c "COMMIT" > "$work/ref_c" 2>&1 & pc=$!
sleep 0.7
if "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d $db \
	-c "INSERT INTO region.cases (organization_code, indicator_code, case_id, started) VALUES ('race2', 'pta-3kk', 'r2', '2024-05-02')" > "$work/ref_d" 2>&1; then
	echo "FAILED: cases referring to an organisation deleted meanwhile went in"; exit 1
fi
wait $pc || { echo "FAILED: the session deleting race2 failed:"; cat "$work/ref_c"; exit 1; }
grep -q 'violates foreign key constraint "cases_organization_code_fkey"' "$work/ref_d" \
	|| { echo "FAILED: unexpected error inserting for race2:"; cat "$work/ref_d"; exit 1; }
orphans=$(psql -d $db -At -c "SELECT count(*) FROM region.cases c WHERE NOT EXISTS (SELECT FROM region.organizations o WHERE o.code = c.organization_code)")
[ "$orphans" = 0 ] || { echo "FAILED: $orphans cases refer to no organisation"; exit 1; }
echo "references under concurrency: a delete waited for the inserting session and was refused; an insert waited for the deleting session and was refused; 0 orphans"
drop_db $db
echo "ok concurrent_loads"
