#!/usr/bin/env bash
# feedback_encoding: in a LATIN1 database, import_feedback and the feedback type decode
# \uXXXX escapes into the database's own characters (\u00e4 is stored as the LATIN1 byte of
# "ä", never as raw UTF-8 bytes) and refuse, with 22P05, characters LATIN1 does not have;
# raw LATIN1 text is taken as it is.  Needs PGHOST PGPORT PGUSER PGBIN.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=pekefb_latin1
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
	-c "CREATE DATABASE $db ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
trap 'psql -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
fail=0
check() {	# check <name> <expected> <actual>
	if [ "$2" = "$3" ]; then echo "ok $1"; else echo "FAILED $1: expected [$2], got [$3]"; fail=1; fi
}
run() { PGCLIENTENCODING=UTF8 psql -d $db -At -c "SET client_min_messages = warning" -c "$1"; }

psql -d $db -c "SET client_min_messages = warning" -c "CREATE EXTENSION pekefb" \
	-c "SELECT pekefb.create_region('region', 'soite', 'Keski-Pohjanmaan hyvinvointialue')"
PGCLIENTENCODING=UTF8 psql -d $db -f test/sample/organizations.sql >/dev/null
rec='"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": {"nps": 8}'

# \u00e4 and a raw (client UTF-8, server LATIN1) ä are the same LATIN1 byte 0xe4
check "escape import" 1 "$(run "SELECT region.import_feedback('[{$rec, \"comment\": \"p\\u00e4iv\\u00e4\", \"themes\": [\"\\u00c4\"]}]')")"
check "raw import" 1 "$(run "SELECT region.import_feedback('[{$rec, \"comment\": \"päivä\", \"themes\": [\"Ä\"]}]')")"
check "stored as LATIN1 bytes" "\\x70e46976e4|\\x70e46976e4" \
	"$(run "SELECT string_agg(convert_to(comment, 'LATIN1')::text, '|') FROM region.feedback_responses")"
check "escape equals raw" "true|true" \
	"$(run "SELECT bool_and(comment = 'päivä')::text || '|' || bool_and(themes = '{Ä}')::text FROM region.feedback_responses")"
check "same as jsonb" t "$(run "SELECT bool_and(comment = ('{\"c\": \"p\\u00e4iv\\u00e4\"}'::jsonb ->> 'c')) FROM region.feedback_responses")"
check "octet length" "5|5" "$(run "SELECT string_agg(octet_length(comment)::text, '|') FROM region.feedback_responses")"

# a character LATIN1 lacks (the euro sign) is refused as jsonb refuses it; nothing written
err() { PGCLIENTENCODING=UTF8 "$PGBIN/psql" -X -q -d $db -At -v VERBOSITY=verbose -c "$1" 2>&1 | sed -n 's/^ERROR:  \([0-9A-Z]*\): .*/\1/p' | head -1; }
check "untranslatable import 22P05" 22P05 "$(err "SELECT region.import_feedback('[{$rec, \"comment\": \"10 \\u20ac\"}]')")"
check "untranslatable jsonb 22P05" 22P05 "$(err "SELECT '{\"c\": \"10 \\u20ac\"}'::jsonb")"
check "untranslatable feedback 22P05" 22P05 "$(err "SELECT '{\"nps\":9,\"role\":\"\\u20ac\"}'::pekefb.feedback")"
check "rows after refusal" 2 "$(run "SELECT count(*) FROM region.feedback_responses")"
# a feedback value with an escaped ASCII letter reads the same in any encoding
check "feedback escape" '{"role":"parent","nps":9}' "$(run "SELECT '{\"nps\":9,\"role\":\"p\\u0061rent\"}'::pekefb.feedback")"
# a non-ASCII escape in a feedback value is refused with the input quoted in LATIN1 correctly
check "feedback non-ASCII role 22P02" 22P02 "$(err "SELECT '{\"nps\":9,\"role\":\"p\\u00e4rent\"}'::pekefb.feedback")"

[ $fail = 0 ] && echo "feedback encoding: all checks passed"
exit $fail
