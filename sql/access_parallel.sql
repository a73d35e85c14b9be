-- access_rate under parallel query: every variant (date and timestamptz, 3 and 4 arguments;
-- days, working days and months deadlines) gives the same result with forced parallel plans
-- (Partial Aggregate + tally_combine) as serially, also with the literal calendar and
-- roll-forward (the settings reach the parallel workers), and the explicit-calendar
-- variants that the region's views use.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;
SET DateStyle = 'ISO, YMD';
SET TimeZone = 'Europe/Helsinki';

-- 1 050 000 cases over 2022-2025, a third each of 14 days / 7 working days / 3 months;
-- every 13th still open; waits 0..29 days, 0..15 days and 0..119 days.  Timestamps carry a
-- time of day; their Helsinki dates are the date columns.  (A regular table: parallel
-- workers cannot scan temporary ones.)
CREATE TABLE access_par AS
SELECT g AS id, s AS started, f AS finished, dl,
       (s + make_interval(hours => g % 24, mins => g % 60))::timestamptz AS started_at,
       (f + make_interval(hours => (g / 7) % 24, mins => (g / 3) % 60))::timestamptz AS finished_at
FROM (SELECT g, date '2022-01-01' + g % 1461 AS s,
             CASE WHEN g % 13 = 0 THEN NULL
                  ELSE date '2022-01-01' + g % 1461 + (CASE g % 3 WHEN 0 THEN g::bigint * 7919 % 30
                                                                  WHEN 1 THEN g::bigint * 7919 % 16
                                                                  ELSE g::bigint * 7919 % 120 END)::int END AS f,
             (CASE g % 3 WHEN 0 THEN '14 days' WHEN 1 THEN '7 working days' ELSE '3 months' END)::deadline AS dl
      FROM generate_series(1, 1050000) g) x;
ANALYZE access_par;

-- The four variants in one scan, overall and per deadline
CREATE VIEW access_par_q AS
SELECT dl::text AS deadline,
       access_rate(started, finished, dl) AS date3,
       access_rate(started, finished, dl, date '2024-06-30') AS date4,
       access_rate(started_at, finished_at, dl) AS tz3,
       access_rate(started_at, finished_at, dl, timestamptz '2024-06-30 12:00') AS tz4
FROM access_par GROUP BY dl
UNION ALL
SELECT 'all',
       access_rate(started, finished, dl),
       access_rate(started, finished, dl, date '2024-06-30'),
       access_rate(started_at, finished_at, dl),
       access_rate(started_at, finished_at, dl, timestamptz '2024-06-30 12:00')
FROM access_par;

-- serial
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_strict AS SELECT * FROM access_par_q;
SET pekefb.calendar = literal;
SET pekefb.roll_forward = on;
CREATE TEMP TABLE serial_literal_roll AS SELECT * FROM access_par_q;
RESET pekefb.calendar;
RESET pekefb.roll_forward;

-- forced parallel plans
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT access_rate(started, finished, dl) FROM access_par;
EXPLAIN (COSTS OFF) SELECT access_rate(started, finished, dl, date '2024-06-30') FROM access_par;
EXPLAIN (COSTS OFF) SELECT access_rate(started_at, finished_at, dl) FROM access_par;
EXPLAIN (COSTS OFF) SELECT access_rate(started_at, finished_at, dl, timestamptz '2024-06-30 12:00') FROM access_par;
EXPLAIN (COSTS OFF) SELECT * FROM access_par_q;

-- parallel = serial, value by value (exact: the same integer counts are divided)
CREATE TEMP TABLE parallel_strict AS SELECT * FROM access_par_q;
SET pekefb.calendar = literal;
SET pekefb.roll_forward = on;
CREATE TEMP TABLE parallel_literal_roll AS SELECT * FROM access_par_q;
RESET pekefb.calendar;
RESET pekefb.roll_forward;

SELECT deadline, s.date3, s.date4,
       p.date3 = s.date3 AS date3_eq, p.date4 = s.date4 AS date4_eq,
       p.tz3 = s.tz3 AS tz3_eq, p.tz4 = s.tz4 AS tz4_eq,
       s.tz3 = s.date3 AND s.tz4 = s.date4 AS tz_equals_date
FROM serial_strict s JOIN parallel_strict p USING (deadline) ORDER BY deadline;
-- the literal set moves working-day due dates earlier (Midsummer Eve and Christmas Eve are
-- working days) and roll-forward moves day and month due dates later: results differ from
-- the strict ones, and again parallel = serial
SELECT deadline, s.date3, s.date4, s.date3 <> st.date3 AS differs_from_strict,
       p.date3 = s.date3 AND p.date4 = s.date4 AND p.tz3 = s.tz3 AND p.tz4 = s.tz4 AS parallel_eq
FROM serial_literal_roll s JOIN parallel_literal_roll p USING (deadline)
JOIN serial_strict st USING (deadline) ORDER BY deadline;

-- the rates against plain SQL over the rows (serially)
SET max_parallel_workers_per_gather = 0;
SELECT count(*) FILTER (WHERE finished <= due_date(started, dl))::float8 / count(finished)
         = (SELECT date3 FROM serial_strict WHERE deadline = 'all') AS date3_matches_plain_sql
FROM access_par;

-- The region's form: the calendar passed as arguments (as the region's views pass
-- region.settings) gives the session-setting results, serially and in forced parallel plans:
-- the arguments reach the workers as data.
CREATE VIEW access_par_cal AS
SELECT dl::text AS deadline,
       access_rate(started, finished, dl, 'strict', '{}', false) AS strict3,
       access_rate(started, finished, dl, date '2024-06-30', 'strict', '{}', false) AS strict4,
       access_rate(started, finished, dl, 'literal', '{}', true) AS literal3,
       access_rate(started, finished, dl, date '2024-06-30', 'literal', '{}', true) AS literal4,
       access_rate(started, finished, dl, 'strict', '{2024-06-20,2024-12-23}', false) AS closing3
FROM access_par GROUP BY dl;
CREATE TEMP TABLE serial_cal AS SELECT * FROM access_par_cal;
SET pekefb.extra_closing_days = '2024-06-20, 2024-12-23';
CREATE TEMP TABLE serial_closing AS
  SELECT dl::text AS deadline, access_rate(started, finished, dl) AS closing3 FROM access_par GROUP BY dl;
RESET pekefb.extra_closing_days;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT access_rate(started, finished, dl, date '2024-06-30', 'literal', '{}', true) FROM access_par;
CREATE TEMP TABLE parallel_cal AS SELECT * FROM access_par_cal;
SET max_parallel_workers_per_gather = 0;
SELECT deadline,
       c.strict3 = s.date3 AND c.strict4 = s.date4 AS strict_eq,
       c.literal3 = l.date3 AND c.literal4 = l.date4 AS literal_roll_eq,
       c.closing3 = x.closing3 AS closing_eq, c.closing3 <> s.date3 AS closing_differs,
       p.strict3 = c.strict3 AND p.strict4 = c.strict4 AND p.literal3 = c.literal3
         AND p.literal4 = c.literal4 AND p.closing3 = c.closing3 AS parallel_eq
FROM serial_cal c JOIN parallel_cal p USING (deadline) JOIN serial_strict s USING (deadline)
JOIN serial_literal_roll l USING (deadline) JOIN serial_closing x USING (deadline) ORDER BY 1;

DROP VIEW access_par_cal;
DROP VIEW access_par_q;
DROP TABLE access_par;
