-- feedback_parallel: the feedback aggregates give the same answer under a forced parallel
-- plan (partial aggregates combined with tally_combine) as serially, over 1M rows
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

-- 1M deterministic responses: nps cycles 0..10 (row 1 000 000 has none), easy cycles 1..5 with
-- every 7th a "don't know", every 13th row NULL
-- (a regular table: temporary tables are never scanned in parallel)
CREATE TABLE feedback_par AS
SELECT i, CASE WHEN i % 13 = 0 THEN NULL ELSE
         format('{"nps":%s,"items":{"easy":%s,"safe":%s}}',
                CASE WHEN i = 1000000 THEN 'null' ELSE (i % 11)::text END,
                CASE WHEN i % 7 = 0 THEN 'null' ELSE (1 + i % 5)::text END,
                1 + (i / 3) % 5)::feedback END AS f,
       CASE WHEN i % 17 = 0 THEN NULL ELSE i % 11 END AS n
FROM generate_series(1, 1000000) i;
ANALYZE feedback_par;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT nps(f) AS nps_f, nps(n) AS nps_i, item_mean(f, 'easy') AS easy_mean,
       agree_share(f, 'easy') AS easy_agree, item_mean(f, 'safe') AS safe_mean, count(f) AS responses
FROM feedback_par;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
\i test/regress/parallel.sql
SET :force_parallel = on;
EXPLAIN (COSTS OFF)
SELECT nps(f), nps(n), item_mean(f, 'easy'), agree_share(f, 'easy'), item_mean(f, 'safe'), count(f) FROM feedback_par;
SELECT * FROM serial;
SELECT (SELECT row(s.*)::text FROM serial s) =
       (SELECT row(nps(f), nps(n), item_mean(f, 'easy'), agree_share(f, 'easy'), item_mean(f, 'safe'), count(f))::text
        FROM feedback_par) AS parallel_equals_serial;
-- grouped as well (the planner gathers the rows from parallel workers here; the result
-- must not depend on which worker saw which row)
SELECT string_agg(format('%s:%s:%s', g, nps, m), ' ' ORDER BY g) AS grouped_parallel
FROM (SELECT i % 4 AS g, nps(f), item_mean(f, 'easy') AS m FROM feedback_par GROUP BY 1) x \gset
SET max_parallel_workers_per_gather = 0;
SELECT string_agg(format('%s:%s:%s', g, nps, m), ' ' ORDER BY g) = :'grouped_parallel' AS grouped_equal
FROM (SELECT i % 4 AS g, nps(f), item_mean(f, 'easy') AS m FROM feedback_par GROUP BY 1) x;
-- the expected values, computed with plain SQL
SELECT 100.0 * (count(*) FILTER (WHERE nps_score(f) >= 9) - count(*) FILTER (WHERE nps_score(f) <= 6))
         / count(nps_score(f)) AS nps_sql,
       sum(item(f, 'easy'))::float8 / count(item(f, 'easy')) AS easy_mean_sql
FROM feedback_par;
RESET :force_parallel;
DROP TABLE feedback_par, serial;
