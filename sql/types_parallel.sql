-- types_parallel: target_attainment (both overloads) and sum(indicator) give the same
-- answer under a parallel plan (partial aggregates combined with tally_combine and
-- indicator_add) as serially, over 1M deterministic rows.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

-- A regular table (parallel workers cannot read temp tables), dropped at the end.  Every
-- 97th value and every 89th target is NULL; numbers are integers so that sums are exact
-- in any order.
CREATE TABLE types_parallel_m AS
SELECT CASE WHEN g % 97 = 0 THEN NULL
            ELSE (((g * 7919) % (500 + g % 500 + 1)) || '/' || (500 + g % 500))::indicator END AS v,
       ((g % 1000) || ' d')::indicator AS q,
       CASE WHEN g % 89 = 0 THEN NULL
            ELSE (ARRAY['>= 90%', '> 50%', '<= 60%', '80%..95%'])[g % 4 + 1]::target END AS t
FROM generate_series(1::bigint, 1000000) g;
ALTER TABLE types_parallel_m ADD COLUMN x double precision;
UPDATE types_parallel_m SET x = value(v);
VACUUM ANALYZE types_parallel_m;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
\i test/regress/parallel.sql
SET :force_parallel = on;

EXPLAIN (COSTS OFF)
SELECT target_attainment(v, t), target_attainment(x, t), sum(v), sum(q) FROM types_parallel_m;
SELECT target_attainment(v, t) AS ta_indicator, target_attainment(x, t) AS ta_double,
       sum(v) AS sum_ratio, sum(q) AS sum_days
FROM types_parallel_m \gset par_
EXPLAIN (COSTS OFF)
SELECT t::text, target_attainment(v, t), sum(v) FROM types_parallel_m GROUP BY t::text;
CREATE TEMP TABLE par_groups AS
SELECT t::text AS t, target_attainment(v, t) AS ta, sum(v)::text AS s FROM types_parallel_m GROUP BY t::text;

SET max_parallel_workers_per_gather = 0;
SET :force_parallel = off;
EXPLAIN (COSTS OFF)
SELECT target_attainment(v, t), target_attainment(x, t), sum(v), sum(q) FROM types_parallel_m;
SELECT target_attainment(v, t) AS ta_indicator, target_attainment(x, t) AS ta_double,
       sum(v) AS sum_ratio, sum(q) AS sum_days
FROM types_parallel_m \gset ser_

-- the answers, and parallel = serial
SELECT :'ser_ta_indicator' AS ta_indicator, :'ser_ta_double' AS ta_double,
       :'ser_sum_ratio' AS sum_ratio, :'ser_sum_days' AS sum_days;
SELECT :'par_ta_indicator' = :'ser_ta_indicator' AS same_ta_indicator,
       :'par_ta_double' = :'ser_ta_double' AS same_ta_double,
       :'par_sum_ratio' = :'ser_sum_ratio' AS same_sum_ratio,
       :'par_sum_days' = :'ser_sum_days' AS same_sum_days;
-- the same figures in plain SQL
SELECT count(*) FILTER (WHERE attained(v, t))::float8 / count(*) = :'ser_ta_indicator'::float8 AS plain_ta
FROM types_parallel_m WHERE v IS NOT NULL AND t IS NOT NULL;
SELECT (sum(numerator(v)) || '/' || sum(denominator(v))) = :'ser_sum_ratio' AS plain_sum
FROM types_parallel_m;
-- grouped, parallel vs serial
SELECT g.t, g.ta, g.s, s.ta IS NOT DISTINCT FROM g.ta AND s.s = g.s AS same
FROM par_groups g
JOIN (SELECT t::text AS t, target_attainment(v, t) AS ta, sum(v)::text AS s
      FROM types_parallel_m GROUP BY t::text) s ON s.t IS NOT DISTINCT FROM g.t
ORDER BY g.t;

RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET :force_parallel;
DROP TABLE types_parallel_m, par_groups;
