#!/usr/bin/env bash
# binary_states: binary input (COPY FORMAT binary, which calls the types' receive functions)
# of tally, indicator, target and deadline is held to the rules of text input (issue 8):
# a hand-made tally with a + b > n or a negative counter is 22023, a NaN or infinite
# indicator or target 22003, an unknown kind/op/unit or a short value 22P03; valid values
# round-trip byte for byte; and the server is still up afterwards.
# Needs PGHOST, PGPORT, PGUSER and PGBIN (test/run.sh exports them).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=pekefb_binary_states
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -d $db -c "CREATE EXTENSION pekefb" \
	-c "CREATE TABLE t (v pekefb.tally)" -c "CREATE TABLE i (v pekefb.indicator)" \
	-c "CREATE TABLE g (v pekefb.target)" -c "CREATE TABLE d (v pekefb.deadline)"

# bin FILE HEX: a COPY binary file with one row of one field whose bytes are HEX.
bin() {
	local hex=$2 len
	len=$(printf '%08x' $(( ${#hex} / 2 )))
	printf 'PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0' > "$1"
	printf "$(printf '0001%s%sffff' "$len" "$hex" | sed 's/../\\x&/g')" >> "$1"
}

fail=0
# expect TABLE HEX SQLSTATE: loading HEX into TABLE fails with SQLSTATE (or "ok": loads).
expect() {
	local out
	bin "$work/in.bin" "$2"
	if out=$(psql -d $db -v VERBOSITY=verbose -c "\\copy $1 FROM '$work/in.bin' (FORMAT binary)" 2>&1); then
		[ "$3" = ok ] && return 0
		echo "FAILED $1 $2: accepted, expected $3"; fail=1; return 0
	fi
	if [ "$3" = ok ] || ! grep -q "ERROR:  $3:" <<< "$out"; then
		echo "FAILED $1 $2: expected $3, got: $out"; fail=1
	fi
}

I1=0000000000000001 I2=0000000000000002 I5=0000000000000005 I6=0000000000000006 I10=000000000000000a
M1=ffffffffffffffff MAX=7fffffffffffffff
expect t "$I1$I1$I10" ok
expect t "${MAX}0000000000000000$MAX" ok
expect t "$I5$I6$I10" 22023                     # a + b > n
expect t "$I1$M1$I10" 22023                     # negative b
expect t "$MAX$MAX$MAX" 22023                   # a + b overflows
expect t "$I1$I1" 22P03                         # 16 bytes
F1=3ff0000000000000 F2=4000000000000000 TINY=0000000000000001 NAN=7ff8000000000000 INF=7ff0000000000000
NEGZERO=8000000000000000 ZERO=0000000000000000
expect i "0101$F1$F2" ok                        # 1/2
expect i "0001${F2}$ZERO" ok                    # 2%
expect i "0101$F1$TINY" 22003                   # 1/5e-324: value is Infinity
expect i "0000$NAN$ZERO" 22003                  # NaN
expect i "0102$INF$F1" 22003                    # Infinity d
expect i "0101${F1}$ZERO" 22023                 # zero denominator
expect i "0100$F1$F2" 22023                     # ratio without unit
expect i "0000$NEGZERO$ZERO" 22023              # negative zero
expect i "0700$F1$ZERO" 22P03                   # unknown kind
expect i "0101$F1" 22P03                        # 10 bytes
expect g "0001$F1$F1" ok                        # >= 1%
expect g "0501$F1$F2" ok                        # 1%..2%
expect g "0001$NAN$NAN" 22003                   # >= NaN
expect g "0000$INF$INF" 22003                   # >= Infinity
expect g "0501$F2$F1" 22023                     # 2%..1%
expect g "0001$F1$F2" 22023                     # >= with two bounds
expect g "0901$F1$F1" 22P03                     # unknown operator
expect g "0003$F1$F1" 22P03                     # unknown unit
expect d "00000038" ok                          # 14 days
expect d "00000000" 22P03                       # length 0
expect d "000038" 22P03                         # 3 bytes

# Valid values round-trip through binary COPY byte for byte.
psql -d $db -c "TRUNCATE t, i, g, d" \
	-c "INSERT INTO t VALUES ('(1,0,2)'), ('(9223372036854775807,0,9223372036854775807)')" \
	-c "INSERT INTO i VALUES ('698/788'), ('11140/2331 d'), ('-2'), ('5e-324/1'), ('1.7976931348623157e308%')" \
	-c "INSERT INTO g VALUES ('>= 90%'), ('80%..95%'), ('<= 60 d'), ('= 1e-300')" \
	-c "INSERT INTO d VALUES ('14 days'), ('600 working days'), ('120 months')"
for tab in t i g d; do
	psql -d $db -c "\\copy $tab TO '$work/$tab.bin' (FORMAT binary)"
	psql -d $db -c "CREATE TABLE ${tab}2 (LIKE $tab)" -c "\\copy ${tab}2 FROM '$work/$tab.bin' (FORMAT binary)"
	psql -d $db -c "\\copy ${tab}2 TO '$work/${tab}2.bin' (FORMAT binary)"
	cmp -s "$work/$tab.bin" "$work/${tab}2.bin" || { echo "FAILED $tab: binary round trip differs"; fail=1; }
	same=$(psql -d $db -At -c "SELECT count(*) FROM $tab a JOIN ${tab}2 b ON a.v OPERATOR(pekefb.=) b.v")
	rows=$(psql -d $db -At -c "SELECT count(*) FROM $tab")
	[ "$same" = "$rows" ] || { echo "FAILED $tab: $same of $rows values equal after the round trip"; fail=1; }
done

psql -d $db -At -c "SELECT 1" > /dev/null || { echo "FAILED: server not answering"; fail=1; }
psql -d postgres -c "DROP DATABASE $db"
[ $fail = 0 ] && echo "binary_states: all checks passed"
exit $fail
