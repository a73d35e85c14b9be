#!/usr/bin/env bash
# test/client/feedback_refresh.sh: refresh_feedback_rows against concurrent writers of
# feedback_responses (states_feedback.sql, doc/states.md "Stored feedback rows").
#   1. A load commits while a refresh is running (the refresh holds its locks, not yet
#      committed): the load does not wait for it (lock_timeout 5 s), and its year stays
#      stale after the refresh commits (its mark was not among those the refresh saw), so
#      the views still equal their computation; the next refresh stores it.
#   2. A load that is open while a refresh runs: the refresh does not wait for it either;
#      after both commit, the load's year is stale and the views equal their computation.
#   3. Two refreshes at once: the second waits for the first, then stores nothing new; no
#      error, the views equal their computation.
#   4. Two sessions insert responses of one new feedback state row (organisation, service,
#      month, role) at once: the second's plain INSERT of the state rows waits for the first
#      and then fails on the key, and the trigger retries it merging (feedback_states.sql):
#      both loads succeed and the states count both responses.
# Needs PGHOST PGPORT PGUSER PGBIN.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/client/lib.bash
db=pekefb_feedback_refresh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fresh_db $db
new_region $db

# diff: rows of the three views that differ from their computations (both ways), and the
# years the views compute
check() {
	psql -d $db -At <<'SQL'
SELECT (SELECT count(*) FROM (SELECT * FROM region.feedback_summary EXCEPT ALL SELECT * FROM region._feedback_summary_computed) x)
     + (SELECT count(*) FROM (SELECT * FROM region._feedback_summary_computed EXCEPT ALL SELECT * FROM region.feedback_summary) x)
     + (SELECT count(*) FROM (SELECT * FROM region.feedback_item_summary EXCEPT ALL SELECT * FROM region._feedback_item_summary_computed) x)
     + (SELECT count(*) FROM (SELECT * FROM region._feedback_item_summary_computed EXCEPT ALL SELECT * FROM region.feedback_item_summary) x)
     + (SELECT count(*) FROM (SELECT * FROM region.feedback_theme_summary EXCEPT ALL SELECT * FROM region._feedback_theme_summary_computed) x)
     + (SELECT count(*) FROM (SELECT * FROM region._feedback_theme_summary_computed EXCEPT ALL SELECT * FROM region.feedback_theme_summary) x)
     || ' ' || CASE WHEN region._feedback_rows_usable() THEN pg_catalog.array_to_string(region._feedback_rows_stale_units(), ',') ELSE 'computed' END;
SQL
}
fail() { echo "FAIL: $*"; exit 1; }
expect() { local got; got=$(check); [ "$got" = "$1" ] || fail "$2: expected '$1', got '$got'"; echo "ok $2: $got"; }

psql -d $db -c "SELECT region.refresh_feedback_rows(true) > 0" >/dev/null
expect "0 " "after a refresh of everything, nothing stale"

# 1. a refresh runs (holding its locks for 4 s after its work), a load into 2024 commits meanwhile
psql -d $db -At > "$work/refresh1.out" 2>&1 <<'SQL' &
BEGIN;
INSERT INTO region.feedback_responses (organization_code, received_at, service, response)
VALUES ('kannus', '2025-05-05 12:00 Europe/Helsinki', 'neuvola', '{"role":"parent","nps":7}');
SELECT region.refresh_feedback_rows() > 0;
SELECT pg_sleep(4);
COMMIT;
SQL
refresher=$!
sleep 2
start=$(date +%s%N)
psql -d $db -c "SET lock_timeout = '5s'" -c "INSERT INTO region.feedback_responses (organization_code, received_at, service, response)
    VALUES ('veteli', '2024-03-03 12:00 Europe/Helsinki', 'neuvola', '{\"role\":\"parent\",\"nps\":3}')"
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$took" -lt 1500 ] || fail "the load waited ${took} ms for the refresh"
echo "ok 1. a load during a refresh did not wait (${took} ms)"
wait $refresher || { cat "$work/refresh1.out"; fail "the refresh failed"; }
expect "0 2024-01-01" "1. the load's year stale after the refresh committed, 2025 stored"
psql -d $db -c "SELECT region.refresh_feedback_rows() > 0" >/dev/null
expect "0 " "1. stored by the next refresh"

# 2. a load open while a refresh runs
psql -d $db -At > "$work/load2.out" 2>&1 <<'SQL' &
BEGIN;
INSERT INTO region.feedback_responses (organization_code, received_at, service, response)
VALUES ('perho', '2025-08-08 12:00 Europe/Helsinki', 'neuvola', '{"role":"child","nps":10}');
SELECT pg_sleep(4);
COMMIT;
SQL
loader=$!
sleep 1
start=$(date +%s%N)
psql -d $db -c "SET lock_timeout = '5s'" -c "SELECT region.refresh_feedback_rows()" >/dev/null
took=$(( ($(date +%s%N) - start) / 1000000 ))
echo "ok 2. a refresh during an open load: ${took} ms"
wait $loader || { cat "$work/load2.out"; fail "the load failed"; }
expect "0 2025-01-01" "2. the open load's year stale after it committed"
psql -d $db -c "SELECT region.refresh_feedback_rows() > 0" >/dev/null
expect "0 " "2. stored by the next refresh"

# 3. two refreshes at once, with a year stale
psql -d $db -c "INSERT INTO region.feedback_responses (organization_code, received_at, service, response)
    VALUES ('halsua', '2025-09-09 12:00 Europe/Helsinki', 'neuvola', '{\"role\":\"parent\",\"nps\":8}')"
psql -d $db -At -c "SELECT region.refresh_feedback_rows() > 0" > "$work/r3a.out" 2>&1 &
a=$!
psql -d $db -At -c "SELECT region.refresh_feedback_rows()" > "$work/r3b.out" 2>&1 &
b=$!
wait $a || { cat "$work/r3a.out"; fail "refresh A failed"; }
wait $b || { cat "$work/r3b.out"; fail "refresh B failed"; }
echo "ok 3. two refreshes at once: $(cat "$work/r3a.out") / $(cat "$work/r3b.out") rows"
expect "0 " "3. nothing stale after both"

# 4. one new state row from two sessions at once
one_response() {
	"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d $db -c "BEGIN" \
		-c "INSERT INTO region.feedback_responses (organization_code, received_at, service, response, comment, themes)
		    VALUES ('halsua', '2019-02-0$1 12:00 Europe/Helsinki', 'perheneuvola', '{\"role\":\"child\",\"nps\":9,\"items\":{\"easy\":4}}', 'x', '{uusi}')" \
		-c "SELECT pg_sleep($2)" -c "COMMIT"
}
one_response 1 2 > "$work/r4a.out" 2>&1 &
a=$!
sleep 0.7
one_response 2 0 > "$work/r4b.out" 2>&1 || { cat "$work/r4b.out"; fail "4. the second session's insert failed"; }
wait $a || { cat "$work/r4a.out"; fail "4. the first session's insert failed"; }
got=$(psql -d $db -At -c "SELECT s.responses || ' ' || s.comments || ' ' || (SELECT i.answers FROM region.feedback_item_states i
        WHERE i.organization_code = 'halsua' AND i.month = '2019-02-01' AND i.service = 'perheneuvola' AND i.role = 'child' AND i.item = 'easy')
        || ' ' || (SELECT t.mentions FROM region.feedback_theme_states t WHERE t.organization_code = 'halsua' AND t.month = '2019-02-01' AND t.theme = 'uusi')
    FROM region.feedback_states s WHERE s.organization_code = 'halsua' AND s.month = '2019-02-01' AND s.service = 'perheneuvola' AND s.role = 'child'")
[ "$got" = "2 2 2 2" ] || fail "4. the states of the two sessions' responses: expected '2 2 2 2' (responses, comments, answers, mentions), got '$got'"
echo "ok 4. one new state row from two sessions at once: responses, comments, statement answers, theme mentions $got"
psql -d $db -c "SELECT region.refresh_feedback_rows() > 0" >/dev/null
expect "0 " "4. stored after the refresh"
drop_db $db
echo "feedback_refresh: refreshes do not block loads, loads committed during a refresh stay stale, concurrent loads of one new state row both count"
