#!/usr/bin/env bash
# test/bench/feedback.sh: cost of the feedback type and aggregates against count(*) and
# against the same responses stored as jsonb, plus import_feedback throughput.
# Needs PGHOST PGPORT PGUSER PGBIN (make bench / test/run.sh bench export them).
# Prints a Markdown table; every query runs serially (max_parallel_workers_per_gather = 0)
# so the ratios compare per-row costs; timing by bench.compare (test/bench/timing.sql).
set -euo pipefail
ROWS=${ROWS:-2000000}
IMPORT_ROWS=${IMPORT_ROWS:-100000}
DB=bench_feedback
. "$(dirname "$0")/lib.bash"

psql -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -d $DB <<SQL
SET client_min_messages = warning;
CREATE EXTENSION pekefb;
-- ${ROWS} deterministic responses: role, channel, nps and five statements (some "don't know")
CREATE TABLE fb AS
SELECT format('{"role":"%s","channel":"%s","nps":%s,"items":{"easy":%s,"helped":%s,"safe":%s,"useful":%s,"understood":%s}}',
              (ARRAY['parent','client','child','staff','partner'])[1 + i % 5],
              (ARRAY['web','sms','paper','kiosk'])[1 + (i / 5) % 4],
              (i * 7919) % 11,
              1 + (i * 31) % 5, 1 + (i * 17) % 5, 1 + (i * 13) % 5,
              CASE WHEN i % 9 = 0 THEN 'null' ELSE (1 + (i * 3) % 5)::text END,
              1 + (i * 11) % 5)::pekefb.feedback AS response
FROM generate_series(1::bigint, ${ROWS}) i;
CREATE TABLE jb AS SELECT response::jsonb AS j FROM fb;
VACUUM ANALYZE fb;
VACUUM ANALYZE jb;

SQL
load_timing

# Per query: count(*), the feedback aggregate and its jsonb twin run in turn for 7 rounds after
# a warm-up (bench.compare, test/bench/timing.sql); best times, median ratios within a round.
psql -d $DB -A -t <<'SQL' > /tmp/bench_feedback.$$
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = pekefb, public;
WITH q(ord, what, fbq, jbq) AS (VALUES
  (1, 'count(*)', 'SELECT count(*) FROM fb', 'SELECT count(*) FROM jb'),
  (2, 'NPS', 'SELECT pekefb.nps(response) FROM fb',
   $$SELECT 100.0*(count(*) filter (where (j->>'nps')::int >= 9) - count(*) filter (where (j->>'nps')::int <= 6))/count(j->>'nps') FROM jb$$),
  (3, 'mean of statement "easy"', $$SELECT pekefb.item_mean(response, 'easy') FROM fb$$,
   $$SELECT avg((j->'items'->>'easy')::int) FROM jb$$),
  (4, 'agree share of "useful"', $$SELECT pekefb.agree_share(response, 'useful') FROM fb$$,
   $$SELECT avg(CASE WHEN (j->'items'->>'useful')::int >= 4 THEN 1.0 WHEN j->'items'->>'useful' IS NOT NULL THEN 0.0 END) FROM jb$$)
), t AS MATERIALIZED (
  SELECT ord, what, c.*
  FROM q, LATERAL bench.compare(ARRAY['SELECT count(*) FROM fb', fbq, jbq]) c
)
SELECT format('| %s | %s | %s | %s | %s | %s |', what,
              round(min(best_ms) FILTER (WHERE i = 1)::numeric), round(min(best_ms) FILTER (WHERE i = 2)::numeric),
              round(min(best_ms) FILTER (WHERE i = 3)::numeric),
              round(min(vs_first) FILTER (WHERE i = 2)::numeric, 2), round(min(vs_prev) FILTER (WHERE i = 3)::numeric, 2))
FROM t GROUP BY ord, what ORDER BY ord;
SQL
psql -d $DB -A -t <<'SQL' > /tmp/bench_feedback_size.$$
SELECT format('| average value size (pg_column_size) | %s B | %s B | %s |',
  (SELECT round(avg(pg_column_size(response)), 1) FROM fb),
  (SELECT round(avg(pg_column_size(j)), 1) FROM jb),
  round((SELECT avg(pg_column_size(response)) FROM fb) / (SELECT avg(pg_column_size(j)) FROM jb), 2));
SELECT format('| table size (pg_relation_size) | %s MB | %s MB | %s |',
  round(pg_relation_size('fb') / 1048576.0, 1), round(pg_relation_size('jb') / 1048576.0, 1),
  round(pg_relation_size('fb')::numeric / pg_relation_size('jb'), 2));
SQL

# import_feedback: IMPORT_ROWS records into the real table (indexes, foreign key), best of 3
psql -d $DB -A -t > /tmp/bench_feedback_import.$$ <<SQL
SET client_min_messages = warning;
SELECT pekefb.create_region('region', 'soite', 'Keski-Pohjanmaan hyvinvointialue');
\i test/sample/organizations.sql
CREATE TABLE doc AS
SELECT json_agg(json_build_object(
         'received_at', to_char(timestamptz '2024-01-01 08:00+02' + i * interval '5 minutes', 'YYYY-MM-DD"T"HH24:MI:SSOF'),
         'organization', (ARRAY['kokkola','kannus','veteli','mll-kp','karleby-fs'])[1 + i % 5],
         'service', (ARRAY['neuvola','perheneuvola','lastensuojelu'])[1 + i % 3],
         'response', json_build_object('role', 'parent', 'channel', 'web', 'nps', i % 11,
                                       'items', json_build_object('easy', 1 + i % 5, 'helped', 1 + (i * 7) % 5,
                                                                  'safe', 1 + (i * 3) % 5)),
         'comment', CASE WHEN i % 7 = 0 THEN 'Odotusaika oli pitkä.' END,
         'themes', CASE WHEN i % 7 = 0 THEN json_build_array('odotusaika') END))::text AS d
FROM generate_series(1, ${IMPORT_ROWS}) i;
CREATE FUNCTION time_import() RETURNS double precision LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; b double precision := 'infinity'; d text := (SELECT d FROM doc);
BEGIN
  FOR k IN 1..4 LOOP
    TRUNCATE region.feedback_responses;
    t0 := clock_timestamp();
    PERFORM region.import_feedback(d);
    IF k > 1 THEN b := least(b, extract(epoch FROM clock_timestamp() - t0)); END IF;
  END LOOP;
  RETURN b;
END \$\$;
SELECT format('| import_feedback, %s records | %s s | %s records/s |', ${IMPORT_ROWS},
              round(s::numeric, 3), round(${IMPORT_ROWS} / s)) FROM time_import() s;
SQL

echo
echo "### feedback benchmark: ${ROWS} responses, $(machine)"
echo
echo "Serial plans (max_parallel_workers_per_gather = 0, jit = off).  Per row, count(*), the feedback query and"
echo "its jsonb twin run in turn for 7 rounds after a warm-up: ms columns are the best of the 7"
echo "runs, ratio columns the median over the rounds of the ratio within a round."
echo
echo "| query | count(*) (ms) | feedback (ms) | jsonb (ms) | feedback / count(*) | jsonb / feedback |"
echo "|---|---|---|---|---|---|"
cat /tmp/bench_feedback.$$
echo
echo "| storage | feedback | jsonb | feedback / jsonb |"
echo "|---|---|---|---|"
cat /tmp/bench_feedback_size.$$
echo
echo "| import | time | throughput |"
echo "|---|---|---|"
cat /tmp/bench_feedback_import.$$
rm -f /tmp/bench_feedback.$$ /tmp/bench_feedback_size.$$ /tmp/bench_feedback_import.$$
psql -d postgres -c "DROP DATABASE $DB"
