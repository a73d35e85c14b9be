#!/usr/bin/env bash
# waits_copy: every waits value that can be built can be copied out and read back.  A table of
# extreme states (totals of exactly 2^63 - 1 built by merging, 200 000 distinct days built in
# descending order, days up to 2147483647, the empty distribution, a user aggregate's working
# state) goes through COPY text, COPY binary (waits_send / waits_recv) and pg_dump into fresh
# tables and databases; the copies must equal the originals, byte for byte in the binary form.
# Needs PGHOST, PGPORT, PGUSER and PGBIN (test/run.sh exports them).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=pekefb_waits_copy_src dst=pekefb_waits_copy_dst
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"
psql -d $src <<'SQL'
CREATE EXTENSION pekefb;
CREATE AGGREGATE raw_agg(integer) (sfunc = pekefb.waits_agg_trans, stype = pekefb.waits, initcond = '{}');
CREATE TABLE w (id int PRIMARY KEY, v pekefb.waits);
INSERT INTO w VALUES
  (1, '{}'),
  (2, '{2147483647:9223372036854775807}'),
  (3, pekefb.waits_merge(pekefb.waits_merge('{0:4611686018427387904}', '{1:4611686018427387902}'), '{2:1}')),
  (4, (SELECT pekefb.rollup(x) FROM (VALUES ('{3:4611686018427387904}'::pekefb.waits), ('{9:4611686018427387902}'), ('{2147483647:1}')) v(x))),
  (5, (SELECT pekefb.wait_agg(g * 10000) FROM generate_series(200000, 1, -1) g)),
  (6, (SELECT raw_agg(g % 977) FROM generate_series(5000, 1, -1) g)),
  (7, (SELECT pekefb.wait_agg(g % 400) FROM generate_series(1, 100000) g));
CREATE TABLE w_text (LIKE w);
CREATE TABLE w_bin (LIKE w);
SQL

# COPY text and binary through the client, into fresh tables
psql -d $src -c "COPY w TO STDOUT" > "$work/w.txt"
psql -d $src -c "COPY w_text FROM STDIN" < "$work/w.txt"
psql -d $src -c "COPY w TO STDOUT (FORMAT binary)" > "$work/w.bin"
psql -d $src -c "COPY w_bin FROM STDIN (FORMAT binary)" < "$work/w.bin"
check=$(psql -d $src -At <<'SQL'
SELECT count(*) || ' rows, text equal ' || bool_and(t.v OPERATOR(pekefb.=) w.v) ||
       ', binary equal ' || bool_and(b.v OPERATOR(pekefb.=) w.v) ||
       ', send identical ' || bool_and(pekefb.waits_send(b.v) = pekefb.waits_send(w.v) AND pekefb.waits_send(t.v) = pekefb.waits_send(w.v)) ||
       ', 2^63-1 totals ' || count(*) FILTER (WHERE pekefb.wait_count(b.v) = 9223372036854775807)
  FROM w JOIN w_text t USING (id) JOIN w_bin b USING (id);
SQL
)
echo "COPY: $check"
[ "$check" = "7 rows, text equal true, binary equal true, send identical true, 2^63-1 totals 3" ] || { echo "COPY round trip failed"; exit 1; }

# Bad binary input is refused by waits_recv with 22P03 and a DETAIL, and COPY loads nothing.
# copybin <waits payload as printf escapes>: a COPY BINARY stream of one row, one column.
copybin() {
	local len=$(printf "$1" | wc -c)
	printf 'PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0'
	printf '\0\001'
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((len >> 24 & 255)) $((len >> 16 & 255)) $((len >> 8 & 255)) $((len & 255)))"
	printf "$1"
	printf '\377\377'
}
D0='\0\0\0\0' D3='\0\0\0\003' D5='\0\0\0\005' N1='\0\0\0\001' N2='\0\0\0\002'
C1='\0\0\0\0\0\0\0\001' CMAX='\177\377\377\377\377\377\377\377' CNEG='\377\377\377\377\377\377\377\377'
psql -d $src -c "CREATE TABLE w_bad (v pekefb.waits)"
expect_bad() {	# <name> <payload> <detail expected>
	local out
	if out=$(copybin "$2" | psql -d $src -v VERBOSITY=verbose -c "COPY w_bad FROM STDIN (FORMAT binary)" 2>&1); then
		echo "$1: accepted"; exit 1
	fi
	grep -q "ERROR:  22P03: invalid external waits value" <<<"$out" && grep -q "DETAIL:  $3" <<<"$out" ||
		{ echo "$1: unexpected error: $out"; exit 1; }
	echo "binary $1: 22P03, $3"
}
expect_bad "unsorted days" "\001$N2$D5$C1$D3$C1" "Days must be strictly ascending; 3 follows 5."
expect_bad "duplicate days" "\001$N2$D5$C1$D5$C1" "Days must be strictly ascending; 5 follows 5."
expect_bad "total over bigint" "\001$N2$D0$CMAX$D3$C1" "The total number of waits must fit in bigint"
expect_bad "negative count" "\001$N1$D0$CNEG" "The count of day 0 must be 1 or more."
expect_bad "more days than the message holds" "\001$N2$D0$C1" "The number of days 2 does not match the message length."
expect_bad "unknown version" "\002$N1$D0$C1" "Unknown format version 2; expected 1."
copybin "\001$N2$D3$C1$D5$C1" | psql -d $src -c "COPY w_bad FROM STDIN (FORMAT binary)"
[ "$(psql -d $src -At -c "SELECT string_agg(v::text, ' ') FROM w_bad")" = "{3:1,5:1}" ] ||
	{ echo "hand-built binary value not read back"; exit 1; }
echo "binary input: bad values refused, nothing loaded; a hand-built value read back"

# pg_dump of the table and restore into another database
"$PGBIN/pg_dump" -d $src -t w -f "$work/dump.sql"
psql -d $dst -c "CREATE EXTENSION pekefb"
psql -d $dst -f "$work/dump.sql" >/dev/null
before=$(psql -d $src -At -c "SELECT id, md5(pekefb.waits_send(v)), pekefb.wait_count(v) FROM w ORDER BY id")
after=$(psql -d $dst -At -c "SELECT id, md5(pekefb.waits_send(v)), pekefb.wait_count(v) FROM w ORDER BY id")
[ "$before" = "$after" ] || { echo "values differ after pg_dump and restore:"; diff <(echo "$before") <(echo "$after"); exit 1; }
psql -d postgres -c "DROP DATABASE $src" -c "DROP DATABASE $dst"
echo "pg_dump and restore: $(grep -c . <<<"$after") values identical"
