#!/usr/bin/env bash
# test/citus/run.sh: pekefb on Citus (make test-citus; make test runs it as the test `citus`).
#
# Builds Citus 13.2.2 from ../shared/vendor with ../shared/tools/build-citus.sh when it is not
# installed (root; installs citus.so into the system PostgreSQL 15, nothing of pekefb),
# installs pekefb and Citus into the checkout's private tree (.tmp_install/), starts one
# coordinator and two workers (test/citus/cluster.bash) and runs the README's recipe:
# CREATE EXTENSION pekefb, the sample region, pekefb.distribute_region('region'), then
# >= 1M generated cases and feedback rows.  The same data goes into a second region,
# `single`, left as plain tables on the coordinator: the single-node reference
# (citus_regions in cluster.bash).  Asserts:
#   - the layout: reference tables, distributed tables colocated, shards on both workers;
#   - the loaders give the same rows (refresh_access_measurements, import_feedback, a new
#     and a moved organisation, every node's copy of organization_tree);
#   - every view of the region gives exactly the rows of the single-node region (sorted
#     text output compared, i.e. EXCEPT ALL both ways), read with a session TimeZone and
#     DateStyle unlike the workers';
#   - every aggregate of the library (each signature in pg_aggregate) gives exactly the
#     single-node result, grouped by the distribution column (computed on the workers) and
#     by another column (partial states combined on the coordinator); for the latter
#     EXPLAIN shows worker_partial_agg on the workers and coord_combine_agg;
#   - a partner's login sees the same rows of measurements, indicator_status and
#     my_organizations as on one node (row-level security, per-row policies), writes its
#     own organisation's rows and cannot write another organisation's;
#   - region settings calendar = 'literal' and time_zone = 'America/New_York' change the
#     views, on Citus exactly as on one node.
# Exit 0 all passed, 1 an assertion failed, 2 setup failed, 77 skipped (no Citus to build).
# Sizes: CITUS_CASES (850000), CITUS_RESPONSES (150000).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=test/citus/cluster.bash
. "$here/cluster.bash"
cd "$CITUS_TOP"
CASES=${CITUS_CASES:-850000}
RESPONSES=${CITUS_RESPONSES:-150000}
t0=$SECONDS

citus_prepare; rc=$?
if [ $rc = 77 ]; then echo "citus: skipped (no ../shared/vendor)"; exit 77; fi
[ $rc = 0 ] || exit 2
citus_start

q() { c_q "$@"; }
step() { c_say "$* ($((SECONDS - t0)) s)"; }

PASS=0 FAIL=0
check() {	# check <name> <status>
	if [ "$2" = 0 ]; then PASS=$((PASS + 1)); printf 'ok      citus/%s\n' "$1"
	else FAIL=$((FAIL + 1)); printf 'FAILED  citus/%s\n' "$1"; fi
}
work=$(mktemp -d)
trap 'citus_stop; rm -rf "$work"' EXIT

# ------------------------------------------------------------------ the recipe
citus_regions "$CASES" "$RESPONSES" "$work/layout" || exit 2
cat "$work/layout"
# the row-level tables (a figure's rows and the coded themes that refer to them) distributed,
# every other table of the region a reference table: each one named once
expected_layout=$(q -c "SELECT format('region.%s|%s', c.relname,
                                      CASE WHEN c.relname IN ('cases', 'feedback_coded_themes', 'feedback_responses', 'measurement_history', 'measurements')
                                           THEN 'distributed by organization_code' ELSE 'reference' END)
                        FROM pg_class c WHERE c.relnamespace = 'region'::regnamespace AND c.relkind = 'r'
                          AND c.relname !~ '_[0-9]+$' ORDER BY 1" | sort)
[ "$(q -c "SELECT count(*) FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
           WHERE c.relnamespace = 'region'::regnamespace AND p.partmethod = 'h'")" = 5 ]
check "five distributed tables" $?
[ "$(sort "$work/layout")" = "$expected_layout" ]; check "layout (reference and distributed tables)" $?
[ "$(q -c "SELECT count(DISTINCT colocationid) FROM pg_dist_partition WHERE partmethod = 'h'")" = 1 ]
check "row-level tables colocated" $?
[ "$(q -c "SELECT count(DISTINCT p.nodeport) FROM pg_dist_shard_placement p JOIN pg_dist_shard s USING (shardid)
           WHERE s.logicalrelid = 'region.cases'::regclass")" = 2 ]
check "cases on both workers" $?
# the references one node checks per statement are foreign keys on Citus, their triggers gone
fks=$(q -c "SELECT string_agg(c.conname, ' ' ORDER BY c.conname) FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid IN ('region.cases'::regclass, 'region.measurements'::regclass,
                                                     'region.feedback_responses'::regclass)")
[ "$fks" = "cases_indicator_code_fkey cases_organization_code_fkey feedback_responses_organization_code_fkey feedback_responses_survey_code_fkey measurements_indicator_code_fkey measurements_organization_code_fkey" ] \
	&& [ "$(q -c "SELECT count(*) FROM pg_trigger t WHERE t.tgfoid IN ('region.check_references()'::regprocedure,
	              'region.check_referenced()'::regprocedure, 'region.check_units()'::regprocedure)")" = 0 ] \
	&& ! q -c "INSERT INTO region.cases (organization_code, indicator_code, case_id, started) VALUES ('nowhere', 'pta-3kk', 'x', '2025-01-01')" 2>/dev/null
check "references are foreign keys on Citus ($fks), an unknown organisation refused" $?
# the stored access states are not kept on Citus (their statement triggers gone, the table
# empty): access_summary and data_date() compute from the cases (doc/states.md)
[ "$(q -c "SELECT count(*) FROM pg_trigger t WHERE t.tgname ~ '_states_'
           AND t.tgrelid IN ('region.cases'::regclass, 'region.settings'::regclass, 'region.indicators'::regclass)")" = 0 ] \
	&& [ "$(q -c "SELECT region._access_states_kept()")" = f ] \
	&& [ "$(q -c "SELECT count(*) FROM region.access_states")" = 0 ]
check "access states not kept on Citus: no state triggers, no state rows" $?

n=$(q -c "SELECT (SELECT count(*) FROM region.cases) + (SELECT count(*) FROM region.feedback_responses)")
[ "$n" -ge $((CASES + RESPONSES)) ] && [ $((CASES + RESPONSES)) -ge 1000000 ]
check "≥ 1M generated rows in the distributed region ($n)" $?

# ------------------------------------------------------------------ loaders and functions
step "loaders and functions"
# loaders <schema>: what a region's loaders do in a year, as SQL: the functions that write,
# then every loader with the sample's files.
loaders() {
	cat <<-SQL
		SELECT $1.refresh_access_measurements('2024-01-01', '2024-12-31');
		SELECT $1.refresh_access_measurements('2024-04-01', '2024-09-30', ARRAY['ls-7arkipv'], 'started', '2025-01-31');
		SELECT $1.import_feedback('[{"received_at": "2025-12-31T23:30:00+02:00", "organization": "perho", "service": "neuvola",
		                             "response": {"role": "parent", "nps": 9, "items": {"easy": 5}}, "themes": ["odotusaika"]},
		                            {"received_at": "2025-03-31T22:30:00Z", "organization": "kokkola-srk",
		                             "service": "perhekeskuksen kohtaamispaikka", "response": {"role": "child", "nps": 3}}]');
		INSERT INTO $1.organizations VALUES ('kokkola-x', 'Kokkolan uusi yhdistys', NULL, 'ngo', 'kokkola-srk');
		UPDATE $1.organizations SET parent_code = 'kokkola' WHERE code = 'mll-kp';
		INSERT INTO $1.cases (organization_code, indicator_code, case_id, started, finished)
		VALUES ('kokkola-x', 'ls-7arkipv', 'x-1', '2024-06-18', '2024-06-28');
	SQL
	# the sample's files through every loader (test/sample/loaders.sql, for this schema)
	sed "s/region\./$1./g" test/sample/loaders.sql
}
# Both regions in one transaction: now() (measurements.loaded_at) is the same for both.  A
# transaction that writes a reference table (organizations) after a multi-shard write needs
# Citus' sequential mode.
{ echo "SET LOCAL citus.multi_shard_modify_mode TO 'sequential';"; loaders region; loaders single; } |
	q -1 -f - >/dev/null || exit 2
# (import_feedback gives each response a random response_id: compared without it.  A
# measurement's loaded_at is now() where its trigger runs: on Citus the worker's part of the
# transaction, which starts a moment after the coordinator's; compared to the second, and
# the rest exactly.)
mcols="indicator_code, organization_code, period_start, period_end, value, source, loaded_by"
for t in "measurements:$mcols" "feedback_responses:organization_code, received_at, service, response, comment, themes, language, survey_code, source_response_id" \
         "cases:organization_code, indicator_code, case_id, started, finished, source_system, source_case_id" \
         "reference_values:sotkanet_indicator, sotkanet_region, year, gender, value, abs_value" organization_tree; do
	cols=${t#*:}; [ "$cols" = "$t" ] && cols='*'; t=${t%%:*}
	a=$(q -c "COPY (SELECT $cols FROM region.$t) TO STDOUT" | LC_ALL=C sort | md5sum)
	b=$(q -c "COPY (SELECT $cols FROM single.$t) TO STDOUT" | LC_ALL=C sort | md5sum)
	[ "$a" = "$b" ]; check "loaders: $t identical after refresh, import, organisation changes and the sample's loads" $?
done
late=$(q -c "SELECT count(*) FROM region.measurements r JOIN single.measurements s
                   USING (indicator_code, organization_code, period_start, period_end)
             WHERE r.loaded_at NOT BETWEEN s.loaded_at AND s.loaded_at + interval '1 minute'")
[ "$late" = 0 ]; check "loaders: loaded_at set on the workers within a minute of the coordinator's ($late outside)" $?
tree=$(q -c "SELECT string_agg(DISTINCT result, ',') FROM run_command_on_placements('region.organization_tree', 'SELECT count(*) FROM %s')")
[ "$tree" = "$(q -c "SELECT count(*) FROM single.organization_tree")" ]
check "organization_tree: every node's copy follows the change ($tree pairs)" $?

# ------------------------------------------------------------------ views
# (_access_rows_current shows the stored access rows, a cache of access_summary that a
# distributed region does not keep: doc/states.md; access_summary itself is compared)
views=$(q -c "SELECT viewname FROM pg_views WHERE schemaname = 'region' AND viewname <> '_access_rows_current' ORDER BY 1")
[ "$(echo "$views" | wc -w)" -ge 6 ]; check "region has its views ($(echo $views | wc -w))" $?

# snapshot <tag>: every view of both regions, sorted text rows, read in a session whose time
# zone and date style differ from the workers' (Europe/Helsinki, ISO).  (The label language,
# pekefb.language, is a session setting that Citus does not pass on: see doc/citus.md.)
# A measurement's loaded_at is the time of the node that stores it (the worker's on Citus,
# checked above to the minute): the views' other columns are compared.
snapshot() {
	local v s cols
	for v in $views; do
		cols=$(q -c "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
		             WHERE attrelid = 'region.$v'::regclass AND attnum > 0 AND attname <> 'loaded_at'")
		for s in region single; do
			q -c "SET TimeZone = 'America/Los_Angeles'" -c "SET DateStyle = 'SQL, DMY'" \
				-c "COPY (SELECT $cols FROM $s.$v) TO STDOUT" | LC_ALL=C sort >"$work/$1.$s.$v" \
				|| { echo "snapshot $1: $s.$v could not be read" >&2; return 1; }
		done
	done
}
compare_views() {	# compare_views <tag>
	local v
	for v in $views; do
		if cmp -s "$work/$1.region.$v" "$work/$1.single.$v" && [ -s "$work/$1.region.$v" ]; then
			check "$1: view $v identical ($(wc -l <"$work/$1.region.$v") rows)" 0
		else
			check "$1: view $v identical" 1
			diff "$work/$1.single.$v" "$work/$1.region.$v" | head -5
		fi
	done
}
step "views, default settings"
snapshot defaults || exit 2
compare_views defaults

# ------------------------------------------------------------------ partners
# A partner's login on the distributed region sees exactly what it sees on one node: its
# organisation's rows (and those below it), through the per-row policies distribute_region
# put in place, and cannot write another organisation's rows.
step "a partner's rows under row-level security"
q -c "DROP ROLE IF EXISTS citus_partner" -c "CREATE ROLE citus_partner LOGIN" >/dev/null || exit 2
for s in region single; do
	q -c "SELECT $s.add_member('citus_partner', 'kokkola', 'write')" >/dev/null || exit 2
done
[ "$(q -c "SELECT count(*) FROM pg_policy WHERE polrelid = 'region.cases'::regclass
           AND pg_get_expr(polqual, polrelid) LIKE '%can_read(organization_code)%'")" = 1 ]
check "distribute_region put the per-row policies in place" $?
# (without loaded_at, the storing node's time, as above; the small relations: the per-row
# policies Citus needs cost a membership lookup per row,
# minutes for a partner's full read of the million generated cases; doc/partners.md)
for rel in measurements indicator_status my_organizations; do
	for s in region single; do
		q -c "SET ROLE citus_partner" -c "COPY (SELECT to_jsonb(x) - 'loaded_at' FROM $s.$rel x) TO STDOUT" | LC_ALL=C sort >"$work/partner.$s.$rel"
	done
	cmp -s "$work/partner.region.$rel" "$work/partner.single.$rel" && [ -s "$work/partner.region.$rel" ]
	rc=$?; rows=$(wc -l <"$work/partner.region.$rel")
	check "partner: $rel identical on Citus and one node ($rows rows)" $rc
done
own=$(q -c "SELECT count(*) FROM single.measurements m JOIN single.organization_tree t USING (organization_code)
            WHERE t.ancestor_code = 'kokkola'")
seen=$(q -c "SET ROLE citus_partner" -c "SELECT count(*) FROM region.measurements")
all=$(q -c "SELECT count(*) FROM region.measurements")
[ "$seen" = "$own" ] && [ "$seen" -lt "$all" ]
check "partner: sees its organisations' $own measurements of $all" $?
q -c "SET ROLE citus_partner" -c "INSERT INTO region.measurements (indicator_code, organization_code, period_start, period_end, value)
      VALUES ('pta-3kk', 'kokkola', '2030-01-01', '2030-12-31', '1/2')" >/dev/null
check "partner: writes its own organisation's rows" $?
! q -c "SET ROLE citus_partner" -c "INSERT INTO region.measurements (indicator_code, organization_code, period_start, period_end, value)
        VALUES ('pta-3kk', 'kaustinen', '2030-01-01', '2030-12-31', '1/2')" >/dev/null 2>&1
check "partner: refused another organisation's row" $?
q -c "DELETE FROM region.measurements WHERE period_start = '2030-01-01'" >/dev/null
for s in region single; do q -c "SELECT $s.remove_member('citus_partner', 'kokkola')" >/dev/null; done
q -c "DROP ROLE citus_partner" >/dev/null

# Functions that take a date, called in a session whose DateStyle (SQL, DMY) the workers do
# not share: Citus ships a date parameter as text in the session's style, so each of them
# sets DateStyle = ISO for itself (doc/citus.md).
step "functions with a date argument, DateStyle SQL, DMY"
# (each row as jsonb without loaded_at, as above)
for call in "access_summary_on('2025-04-29')" "access_summary_on('2025-10-13', 'started')" \
            "data_quality_on('2025-04-29')" "measurements_as_of(now())" \
            "targets_as_of(now())" "indicator_status_as_of(now())"; do
	for s in region single; do
		q -c "SET TimeZone = 'America/Los_Angeles'" -c "SET DateStyle = 'SQL, DMY'" \
			-c "COPY (SELECT to_jsonb(x) - 'loaded_at' FROM $s.$call x) TO STDOUT" 2>&1 | LC_ALL=C sort >"$work/fn.$s"
	done
	cmp -s "$work/fn.region" "$work/fn.single" && [ -s "$work/fn.region" ] && ! grep -q ERROR "$work/fn.region"
	rc=$?; check "DMY session: $call identical ($(wc -l <"$work/fn.region") rows)" $rc
	[ $rc = 0 ] || diff "$work/fn.single" "$work/fn.region" | head -5
done
# the follow-up report (its generation time left out), three organisations, languages, formats
for args in "'soite', '2025-01-01', '2025-12-31'" "'kokkola', '2025-10-01', '2025-12-31', 'sv', 'markdown'" \
            "'kaustinen', '2024-01-01', '2025-12-31', 'en'"; do
	for s in region single; do
		q -c "SET TimeZone = 'America/Los_Angeles'" -c "SET DateStyle = 'SQL, DMY'" \
			-c "SELECT regexp_replace($s.follow_up_report($args), '[0-9: -]{16} \\(', '(', 'g')" >"$work/rep.$s" 2>&1
	done
	cmp -s "$work/rep.region" "$work/rep.single" && grep -q 'data-view=\|^## ' "$work/rep.region"
	check "DMY session: follow_up_report($args) identical ($(wc -c <"$work/rep.region") bytes)" $?
done

# ------------------------------------------------------------------ aggregates
# shellcheck source=test/citus/aggregates.bash
. "$here/aggregates.bash"
step "aggregates"
aggs=$(q -c "SELECT p.oid::regprocedure FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
             WHERE p.pronamespace = 'pekefb'::regnamespace ORDER BY 1::text")
[ "$(echo "$aggs" | wc -l)" -ge 15 ]; check "library aggregates enumerated ($(echo "$aggs" | wc -l))" $?
while IFS= read -r agg; do
	spec=${AGG[$agg]:-}
	if [ -z "$spec" ]; then check "aggregate $agg: no query in test/citus/run.sh" 1; continue; fi
	IFS='^' read -r from call col <<<"$spec"
	ok=0
	for grp in "c.organization_code" "$col"; do
		[ "$grp" = c.organization_code ] && [ "$col" = f.service ] && grp=f.organization_code
		sql="SELECT $grp, ($call)::text FROM $from GROUP BY 1 ORDER BY 1"
		a=$(q -c "${sql//@s@/region}" 2>&1); b=$(q -c "${sql//@s@/single}" 2>&1)
		if [ "$a" != "$b" ] || [ -z "$a" ] || [[ $a == *ERROR* ]]; then
			ok=1; echo "  $agg by $grp: distributed / single:"; echo "$a" | head -3; echo "$b" | head -3
		fi
	done
	check "aggregate $agg identical (by organization_code, by ${col#*.})" $ok
	# grouped by a column that is not the distribution column: partial aggregates on the
	# workers, shipped as text and combined on the coordinator
	plan=$(q -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT $col, $call FROM ${from//@s@/region} GROUP BY 1" 2>&1)
	grep -q 'worker_partial_agg' <<<"$plan" && grep -q 'coord_combine_agg' <<<"$plan"
	rc=$?; check "aggregate $agg: partial aggregation on the workers (EXPLAIN)" $rc
	[ $rc = 0 ] || echo "$plan" | head -20
done <<<"$aggs"

# ------------------------------------------------------------------ settings
step "views with calendar = literal, time_zone = America/New_York"
for s in region single; do
	q -c "UPDATE $s.settings SET calendar = 'literal', time_zone = 'America/New_York'" >/dev/null || exit 2
done
snapshot settings || exit 2
compare_views settings
for v in access_summary feedback_summary; do
	! cmp -s "$work/defaults.region.$v" "$work/settings.region.$v"
	check "settings: $v changes with the region's settings (on Citus as on one node)" $?
done

echo "citus: $PASS passed, $FAIL failed in $((SECONDS - t0)) s"
[ "$FAIL" = 0 ]
