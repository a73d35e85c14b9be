#!/usr/bin/env bash
# fuzz_server: the server-side fuzz pass.  For every type with a harness in test/fuzz/,
# the pure-C fuzzer emits its corpus and FUZZ_SERVER_INPUTS (default 10000) mutated text
# inputs, and as many mutated binary forms, from a fixed seed; test/fuzz/server_fuzz.c feeds
# the text through the type's input function and each binary form through its own
# COPY ... FROM STDIN (FORMAT binary), and checks: the backend never dies (connection kept,
# pg_postmaster_start_time unchanged), refusals carry only the class-22 SQLSTATEs of the
# contract, every accepted value round-trips exactly (text and send bytes).
# Needs PGHOST, PGPORT, PGUSER and PGBIN (test/run.sh exports them).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=pekefb_fuzz
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -d $db -c "CREATE EXTENSION pekefb"

test/fuzz/run.sh build >/dev/null
# libpq's header (libpq-dev); a private dev install copies only the server tree
inc=/usr/include/postgresql
for d in "$("$PGBIN/pg_config" --includedir 2>/dev/null || true)" /usr/include/postgresql; do
	[ -f "$d/libpq-fe.h" ] && { inc=$d; break; }
done
gcc -std=gnu99 -O2 -Wall -Wextra -Werror -I"$inc" -o "$work/server_fuzz" test/fuzz/server_fuzz.c -lpq

status=0
for t in $(ls test/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||'); do
	# csv (the loaders' parsers) is no SQL type: its server side is sql/loaders.sql
	[ "$t" != csv ] || continue
	# the findings kept in test/fuzz/regress/<type> first, then the emitted inputs
	{ [ ! -f test/fuzz/regress/"$t" ] || cat test/fuzz/regress/"$t"
	  test/fuzz/bin/fuzz_"$t" -e "${FUZZ_SERVER_INPUTS:-10000}" -s "${FUZZ_SEED:-20260601}"; } > "$work/$t.in"
	PGDATABASE=$db "$work/server_fuzz" "$t" "$work/$t.in" || status=1
done
psql -d postgres -c "DROP DATABASE $db"
exit $status
