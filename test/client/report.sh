#!/usr/bin/env bash
# report: region.follow_up_report on the sample region (Soite, 2025, and a municipality's
# quarter) in every language and both formats.  The HTML is parsed with Python's HTML
# parser (test/client/report_parse.py: well nested, no script, no event handler, no other
# file) and every figure — each cell and chart mark with data-view — is compared with its
# view's row (test/regress/report_check.sql: the exact value, the value as displayed, NULL
# where it is shown suppressed); the three languages carry the same figures; every figure
# shown in the HTML is in the Markdown too.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/client/lib.bash
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
db=pekefb_report
fresh_db $db
new_region $db

# check ORG START END: every language, both formats
check() {
	local org=$1 start=$2 end=$3 lang out
	for lang in fi sv en; do
		psql -d $db -At -c "SELECT region.follow_up_report('$org', '$start', '$end', '$lang')" > "$work/$org.$lang.html"
		psql -d $db -At -c "SELECT region.follow_up_report('$org', '$start', '$end', '$lang', 'markdown')" > "$work/$org.$lang.md"
		python3 test/client/report_parse.py "$work/$org.$lang.html" > "$work/$org.$lang.copy" 2> "$work/parse.log" \
			|| { cat "$work/parse.log"; exit 1; }
		out=$(psql -d $db -At -F ' ' <<-SQL
			\set ECHO none
			\i test/regress/report_check.sql
			\copy report_figs FROM '$work/$org.$lang.copy'
			SELECT count(*) AS mismatches FROM pg_temp.report_mismatches('region', NULL) \gset
			SELECT * FROM pg_temp.report_mismatches('region', NULL) LIMIT 10;
			SELECT sum(figures), sum(matched), sum(values_equal), sum(displays_equal), sum(suppressed_shown), sum(suppressed_ok),
			       :mismatches FROM pg_temp.report_compare('region', NULL);
		SQL
		)
		echo "$out" | sed -n '$!p'
		set -- $org $start $end $(echo "$out" | tail -1)
		[ "$4" -gt 50 ] || { echo "$org $lang: only $4 figures"; exit 1; }
		[ "$4" = "$5" ] && [ "$4" = "$6" ] && [ "$4" = "$7" ] && [ "$8" = "$9" ] && [ "${10}" = 0 ] \
			|| { echo "$org $lang: figures $4, matched $5, values equal $6, displays equal $7, suppressed $8 (NULL in the view: $9)"; exit 1; }
		echo "$org $start..$end $lang: $4 figures, each equal to its view's ($8 shown suppressed, NULL there)"
		# the figures of every language are the same ones (keys and exact values)
		cut -f2,3 "$work/$org.$lang.copy" > "$work/$org.$lang.keys"
		same "$work/$org.fi.keys" "$work/$org.$lang.keys" "figures of the $lang and fi reports"
		# every figure displayed in the HTML is in the Markdown too
		python3 - "$work/$org.$lang.copy" "$work/$org.$lang.md" <<-'PY'
			import json, sys
			md = open(sys.argv[2], encoding='utf-8').read().replace('\\', '')
			missing = [l for l in open(sys.argv[1], encoding='utf-8')
			           if l.rstrip('\n').split('\t')[3] not in ('\\N', '') and l.rstrip('\n').split('\t')[3] not in md]
			if missing:
			    sys.exit('%d figures of the HTML not in the Markdown, e.g. %s' % (len(missing), missing[0]))
		PY
	done
}
check soite 2025-01-01 2025-12-31
check kokkola 2025-10-01 2025-12-31

# the document the demo writes is a whole HTML page with its charts
grep -o '<svg ' "$work/soite.fi.html" | wc -l | { read -r n; [ "$n" -ge 10 ] || { echo "only $n charts"; exit 1; }; }
drop_db $db
echo "report: every figure of 6 HTML reports equals its view's; Markdown carries the same figures"
