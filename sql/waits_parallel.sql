-- waits under parallel query: wait_agg and rollup give identical states serial and parallel
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

-- 1.2M cases over 24 months; skewed waits 0..~200 days, some NULL (still open)
CREATE TABLE waits_par AS
  SELECT g AS id,
         date '2024-01-01' + (g % 730) AS started,
         CASE WHEN g % 97 = 0 THEN NULL
              ELSE (((g::bigint * 7919) % 101) * ((g::bigint * 613) % 41) / 20)::int END AS wait
    FROM generate_series(1, 1200000) g;
ANALYZE waits_par;

-- serial results
SET max_parallel_workers_per_gather = 0;
CREATE TABLE waits_par_serial AS
  SELECT (SELECT wait_agg(wait) FROM waits_par) AS total,
         (SELECT rollup(st) FROM (SELECT wait_agg(wait) AS st FROM waits_par GROUP BY started) q) AS rolled;
CREATE TABLE waits_par_month AS
  SELECT date_trunc('month', started) AS month, wait_agg(wait) AS st FROM waits_par GROUP BY 1;
ANALYZE waits_par_serial, waits_par_month;
EXPLAIN (COSTS OFF) SELECT wait_agg(wait) FROM waits_par;

-- forced parallel plans
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT wait_agg(wait) FROM waits_par;
-- states equal (=), and so are the accessors
SELECT p = s.total AS wait_agg_equal,
       wait_count(p) AS waits, wait_count(p) = (SELECT count(wait) FROM waits_par) AS count_ok,
       wait_percentile(p, ARRAY[0, 0.1, 0.5, 0.9, 0.999, 1]) AS percentiles,
       wait_percentile(p, ARRAY[0, 0.1, 0.5, 0.9, 0.999, 1]) = wait_percentile(s.total, ARRAY[0, 0.1, 0.5, 0.9, 0.999, 1]) AS percentiles_equal
  FROM (SELECT wait_agg(wait) AS p FROM waits_par) q, waits_par_serial s;
-- and byte for byte: the final function returns a canonical value whatever the plan (the
-- stored serial state is read back through text, so that TOAST compression is not measured)
SELECT pg_column_size(p) = pg_column_size(s.total::text::waits) AS same_size,
       md5(waits_send(p)) = md5(waits_send(s.total)) AS same_send
  FROM (SELECT wait_agg(wait) AS p FROM waits_par) q, waits_par_serial s;
-- the same percentiles as percentile_disc over the rows
SELECT percentile_disc(ARRAY[0, 0.1, 0.5, 0.9, 0.999, 1]) WITHIN GROUP (ORDER BY wait) AS percentile_disc
  FROM waits_par;

-- rollup of per-day states: Partial Aggregate over the states, equal to serial
-- (regular tables: temporary ones cannot be scanned by parallel workers)
CREATE TABLE waits_par_daily AS SELECT started, wait_agg(wait) AS st FROM waits_par GROUP BY started;
ANALYZE waits_par_daily;
EXPLAIN (COSTS OFF) SELECT rollup(st) FROM waits_par_daily;
SELECT rollup(st) = s.rolled AS rollup_equal, rollup(st) = s.total AS rollup_equals_total
  FROM waits_par_daily, waits_par_serial s GROUP BY s.rolled, s.total;
-- grouped parallel aggregation: per-month states equal the serial ones
EXPLAIN (COSTS OFF)
  SELECT date_trunc('month', started), wait_agg(wait) FROM waits_par GROUP BY 1;
EXPLAIN (COSTS OFF)
  SELECT count(*), bool_and(p.st = s.st)
    FROM (SELECT date_trunc('month', started) AS month, wait_agg(wait) AS st FROM waits_par GROUP BY 1) p
    JOIN waits_par_month s USING (month);
SELECT count(*) AS months, bool_and(p.st = s.st) AS monthly_equal
  FROM (SELECT date_trunc('month', started) AS month, wait_agg(wait) AS st FROM waits_par GROUP BY 1) p
  JOIN waits_par_month s USING (month);

RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET force_parallel_mode;
DROP TABLE waits_par, waits_par_serial, waits_par_daily, waits_par_month;
