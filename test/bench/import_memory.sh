#!/usr/bin/env bash
# test/bench/import_memory.sh: peak memory of import_feedback against the document's size,
# and how fast statement_timeout stops it.  Each import runs in a fresh session (backend);
# its peak resident memory is VmHWM of /proc/self/status of that backend (read with
# pg_read_file, so the role must be a superuser), compared with the document's bytes.
# Needs PGHOST PGPORT PGUSER PGBIN.  MB sets the size of the valid document (default 100).
set -euo pipefail
MB=${MB:-100}
DB=bench_import_memory
. "$(dirname "$0")/lib.bash"

psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -d $DB <<SQL
SET client_min_messages = warning;
CREATE EXTENSION pekefb;
SELECT pekefb.create_region('region', 'soite', 'Keski-Pohjanmaan hyvinvointialue');
\i test/sample/organizations.sql
-- a valid document of about ${MB} MB (records as in test/bench/feedback.sh), and 50 MB of [0,0,...]
CREATE TABLE doc AS
SELECT '[' || string_agg(format(
         '{"received_at": "%s", "organization": "%s", "service": "%s", "response": {"role": "parent", "channel": "web", "nps": %s, "items": {"easy": %s, "helped": %s, "safe": %s}}%s}',
         to_char(timestamptz '2024-01-01 08:00+02' + i * interval '5 minutes', 'YYYY-MM-DD"T"HH24:MI:SSOF'),
         (ARRAY['kokkola','kannus','veteli','mll-kp','karleby-fs'])[1 + i % 5],
         (ARRAY['neuvola','perheneuvola','lastensuojelu'])[1 + i % 3],
         i % 11, 1 + i % 5, 1 + (i * 7) % 5, 1 + (i * 3) % 5,
         CASE WHEN i % 7 = 0 THEN ', "comment": "Odotusaika oli pitk\u00e4.", "themes": ["odotusaika"]' ELSE '' END),
       ', ') || ']' AS d
FROM generate_series(1, (${MB} * 1048576 / 230)::integer) i;
CREATE TABLE hostile AS SELECT '[' || repeat('0,', 25000000) || '0]' AS d;
SQL

# measure <table> [<setting>]: one fresh backend runs import_feedback on the table's document;
# prints "document_bytes hwm_before_kB hwm_after_kB ms result"
measure() {
	psql -d $DB -At -F ' ' <<SQL
SET client_min_messages = warning;
\set ON_ERROR_STOP off
SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1] AS before \gset
SELECT octet_length(d) AS bytes FROM $1 \gset
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
${2:-}
\set result error
SELECT region.import_feedback(d) AS result FROM $1 \gset
RESET statement_timeout;
SELECT :bytes, :before, (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1],
       round(1000 * (extract(epoch FROM clock_timestamp()) - :t0)),
       :'result';
SQL
}

row() {	# row <label> <measure output>
	awk -v l="$1" '{ printf "| %s | %.1f MB | %.0f MB | %.0f MB | %.2f | %.2f | %s ms | %s |\n", l, $1 / 1048576, $2 / 1024, $3 / 1024, $3 * 1024 / $1, ($3 - $2) * 1024 / $1, $4, $5 }'
}

valid=$(measure doc 2>/dev/null | tail -1)
hostile=$(measure hostile 2>/dev/null | tail -1)
psql -d $DB -c "TRUNCATE region.feedback_responses"
cancel=$(measure doc "SET statement_timeout = '100ms';" 2>/dev/null | tail -1)
rows=$(psql -d $DB -At -c "SELECT count(*) FROM region.feedback_responses")

echo
echo "### import_feedback memory: $(machine), shared_buffers $(psql -d $DB -At -c 'SHOW shared_buffers')"
echo
echo "Peak resident memory (VmHWM) of the importing backend, which includes the shared buffers it"
echo "touched; ratio = peak / document bytes, growth = (peak - peak before the call) / document bytes."
echo
echo "| document | size | peak before | peak after | peak / size | growth / size | time | result |"
echo "|---|---|---|---|---|---|---|---|"
echo "$valid" | row "valid, ${MB} MB target"
echo "$hostile" | row "hostile [0,0,...]"
echo "$cancel" | row "valid, statement_timeout = 100ms"
echo
echo "Rows left after the cancelled import: $rows."
psql -d postgres -c "DROP DATABASE $DB"
