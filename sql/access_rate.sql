-- access_rate: share of cases finished within their statutory deadline (PRODUCT.md
-- "Time-window access rates"; due dates per domain.md §6, Defaults 2-4)
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;
SET DateStyle = 'ISO, YMD';

-- Eight hand-checked cases.  Due dates (domain.md §6.2-6.4):
--   2025-04-15 + 14 days         -> 2025-04-29
--   2025-02-04 + 7 working days  -> 2025-02-13
--   2025-01-31 + 3 months        -> 2025-04-30
--   2025-04-20 + 14 days         -> 2025-05-04
--   2025-05-10 + 14 days         -> 2025-05-24
CREATE TEMP TABLE c (id int, started date, finished date, dl deadline, note text);
INSERT INTO c VALUES
  (1, '2025-04-15', '2025-04-29', '14 days',        'on time: 14 d wait'),
  (2, '2025-04-15', '2025-04-30', '14 days',        'late: 15 d wait'),
  (3, '2025-02-04', '2025-02-13', '7 working days', 'on time: on the 7th working day'),
  (4, '2025-02-04', '2025-02-14', '7 working days', 'late: the 8th working day'),
  (5, '2025-01-31', '2025-04-30', '3 months',       'on time: on the 150/1930 §3 end date'),
  (6, '2025-01-31', NULL,         '3 months',       'open, due 2025-04-30'),
  (7, '2025-04-20', NULL,         '14 days',        'open, due 2025-05-04'),
  (8, '2025-05-10', '2025-05-12', '14 days',        'on time, started in May');
SELECT id, started, finished, dl, due_date(started, dl) AS due,
       within_deadline(started, finished, dl) AS within, note FROM c ORDER BY id;

-- 3 arguments: finished cases only; on time 1, 3, 5, 8 of the finished 1-5, 8: 4/6
SELECT access_rate(started, finished, dl) AS "4/6",
       (SELECT count(*) FILTER (WHERE within_deadline(started, finished, dl))::float8 / count(finished)
        FROM c) AS "direct 4/6"
FROM c;

-- 4 arguments, the state on as_of:
--   finished after as_of counts as still open; started after as_of is not counted;
--   open and past its due date (as_of > due) is late; open within its deadline is left out.
-- as_of      counted                           on time     rate
-- 2025-01-01 none                              -           NULL
-- 2025-02-13 3 (4, 5, 6 open within deadline)  3           1/1
-- 2025-04-29 1, 3, 4 (2 and 5 open, not due)   1, 3        2/3
-- 2025-04-30 1, 2, 3, 4, 5 (6 due today)       1, 3, 5     3/5
-- 2025-05-01 1-5, 6 late (7 due 4.5.)          1, 3, 5     3/6
-- 2025-06-01 1-8 (6 and 7 late)                1, 3, 5, 8  4/8
SELECT as_of, access_rate(started, finished, dl, as_of) AS rate
FROM c, (VALUES ('2025-01-01'::date), ('2025-02-13'), ('2025-04-29'), ('2025-04-30'),
                ('2025-05-01'), ('2025-06-01')) v(as_of)
GROUP BY as_of ORDER BY as_of;

-- Empty input and rows without anything to count give NULL (not 0)
SELECT access_rate(started, finished, dl) AS "no rows" FROM c WHERE false;
SELECT access_rate(started, finished, dl) AS "only open cases" FROM c WHERE finished IS NULL;
SELECT access_rate(started, finished, dl, '2025-06-01') AS "no rows, as_of" FROM c WHERE false;
-- NULL started, deadline or as_of: the row is ignored
SELECT access_rate(s, f, d) AS "1/2 (NULL rows ignored)"
FROM (VALUES ('2025-04-15'::date, '2025-04-29'::date, '14 days'::deadline),
             ('2025-04-15', '2025-04-30', '14 days'), (NULL, '2025-04-16', '14 days'),
             ('2025-04-15', '2025-04-16', NULL), ('2025-04-15', NULL, '14 days')) v(s, f, d);
SELECT access_rate(started, finished, dl, NULL::date) AS "NULL as_of" FROM c;
-- a case that finished before it started is an error (22023), not silently late
SELECT access_rate(s, f, '14 days') FROM (VALUES ('2025-04-15'::date, '2025-04-14'::date)) v(s, f);

-- GROUP BY deadline, and the calendar settings apply per row
SELECT dl, access_rate(started, finished, dl) AS rate, count(finished) AS finished
FROM c GROUP BY dl ORDER BY dl::text;
-- 2024-06-18 + 7 wd is 2024-06-28 in the strict set but 2024-06-27 in the literal set
-- (Midsummer Eve 21.6. a working day); 2025-11-30 + 3 months is Sat 2026-02-28, rolled 2026-03-02
CREATE TEMP TABLE c2 AS SELECT * FROM (VALUES
  ('2024-06-18'::date, '2024-06-28'::date, '7 working days'::deadline),
  ('2025-11-30', '2026-03-02', '3 months')) v(started, finished, dl);
SELECT access_rate(started, finished, dl) AS "strict, no roll: 1/2" FROM c2;
SET pekefb.calendar = literal;
SELECT access_rate(started, finished, dl) AS "literal: 0/2" FROM c2;
RESET pekefb.calendar;
SET pekefb.roll_forward = on;
SELECT access_rate(started, finished, dl) AS "roll_forward: 2/2" FROM c2;
RESET pekefb.roll_forward;

-- timestamptz forms: the session time zone decides each timestamp's date
SET TimeZone = 'Europe/Helsinki';
CREATE TEMP TABLE ct AS
SELECT id, started + time '10:00' AS started_at, finished + time '16:30' AS finished_at, dl FROM c;
SELECT access_rate(started_at, finished_at, dl) AS "4/6",
       access_rate(started_at, finished_at, dl, timestamptz '2025-05-01 12:00') AS "as_of: 3/6"
FROM ct;
-- finished 00:30 on 30.4. Helsinki time is 29.4. in UTC: late in Helsinki, on time in UTC
CREATE TEMP TABLE ct2 AS SELECT timestamptz '2025-04-15 10:00+03' AS s, timestamptz '2025-04-30 00:30+03' AS f;
SELECT access_rate(s, f, '14 days') AS "Helsinki: 0" FROM ct2;
SET TimeZone = 'UTC';
SELECT access_rate(s, f, '14 days') AS "UTC: 1" FROM ct2;
SET TimeZone = 'Europe/Helsinki';

--
-- As a window function (moving aggregate with an inverse transition): rolling 12 months
-- and rolling 100 cases over three years of deterministic cases, compared with a direct
-- computation per row.  0 mismatches expected for every variant.
--
CREATE TEMP TABLE w AS
SELECT i, d AS started,
       CASE WHEN i % 11 = 0 THEN NULL
            ELSE d + CASE i % 3 WHEN 0 THEN i * 7919 % 25 WHEN 1 THEN i * 7919 % 16
                                      ELSE i * 7919 % 120 END END AS finished,
       (CASE i % 3 WHEN 0 THEN '14 days' WHEN 1 THEN '7 working days' ELSE '3 months' END)::deadline AS dl
FROM (SELECT d::date AS d, i::int AS i
      FROM generate_series('2023-01-01'::date, '2025-12-31', '1 day') WITH ORDINALITY g(d, i)) g;
CREATE INDEX ON w (started);
ALTER TABLE w ADD COLUMN started_at timestamptz, ADD COLUMN finished_at timestamptz;
UPDATE w SET started_at = started + time '08:15', finished_at = finished + time '23:45';
-- per-row flags for the direct computation (as_of fixed at 2025-06-30)
CREATE TEMP TABLE wd AS
SELECT w.*, finished IS NOT NULL AS counted, finished <= due_date(started, dl) AS on_time,
       CASE WHEN started > '2025-06-30' THEN NULL
            WHEN finished <= '2025-06-30' THEN finished <= due_date(started, dl)
            WHEN '2025-06-30' > due_date(started, dl) THEN false END AS asof_on_time
FROM w;
WITH win AS (
    SELECT i, started,
           access_rate(started, finished, dl) OVER (ORDER BY started RANGE BETWEEN interval '12 months' PRECEDING AND CURRENT ROW) AS range12,
           access_rate(started, finished, dl) OVER (ORDER BY i ROWS 99 PRECEDING) AS rows100,
           access_rate(started, finished, dl, '2025-06-30') OVER (ORDER BY started RANGE BETWEEN interval '12 months' PRECEDING AND CURRENT ROW) AS asof12,
           access_rate(started_at, finished_at, dl) OVER (ORDER BY started_at RANGE BETWEEN interval '12 months' PRECEDING AND CURRENT ROW) AS tz12,
           access_rate(started_at, finished_at, dl, timestamptz '2025-06-30 12:00') OVER (ORDER BY i ROWS 99 PRECEDING) AS tzasof100
    FROM w),
direct AS (
    SELECT r.i,
           (SELECT count(*) FILTER (WHERE on_time)::float8 / NULLIF(count(*) FILTER (WHERE counted), 0)
            FROM wd s WHERE s.started >= (r.started - interval '12 months')::date AND s.started <= r.started) AS range12,
           (SELECT count(*) FILTER (WHERE on_time)::float8 / NULLIF(count(*) FILTER (WHERE counted), 0)
            FROM wd s WHERE s.i BETWEEN r.i - 99 AND r.i) AS rows100,
           (SELECT count(*) FILTER (WHERE asof_on_time)::float8 / NULLIF(count(asof_on_time), 0)
            FROM wd s WHERE s.started >= (r.started - interval '12 months')::date AND s.started <= r.started) AS asof12,
           (SELECT count(*) FILTER (WHERE asof_on_time)::float8 / NULLIF(count(asof_on_time), 0)
            FROM wd s WHERE s.i BETWEEN r.i - 99 AND r.i) AS asof100
    FROM wd r)
SELECT count(*) AS rows,
       count(*) FILTER (WHERE win.range12 IS DISTINCT FROM direct.range12) AS range12_mismatch,
       count(*) FILTER (WHERE win.rows100 IS DISTINCT FROM direct.rows100) AS rows100_mismatch,
       count(*) FILTER (WHERE win.asof12 IS DISTINCT FROM direct.asof12) AS asof12_mismatch,
       count(*) FILTER (WHERE win.tz12 IS DISTINCT FROM direct.range12) AS tz12_mismatch,
       count(*) FILTER (WHERE win.tzasof100 IS DISTINCT FROM direct.asof100) AS tzasof100_mismatch,
       round(min(win.range12)::numeric, 4) AS min_rate, round(max(win.range12)::numeric, 4) AS max_rate,
       count(*) FILTER (WHERE win.asof12 IS NULL) AS asof12_null
FROM win JOIN direct USING (i);

-- A rolling-12-month monthly report: the value at each month's end for 2025 (window) next
-- to a plain GROUP BY over the same 12 months
SELECT month_end, rolling, direct, rolling = direct AS same
FROM (SELECT DISTINCT ON (date_trunc('month', started)) (date_trunc('month', started) + interval '1 month - 1 day')::date AS month_end,
             access_rate(started, finished, dl) OVER (ORDER BY started RANGE BETWEEN interval '12 months' PRECEDING AND CURRENT ROW) AS rolling
      FROM w ORDER BY date_trunc('month', started), started DESC) x,
     LATERAL (SELECT access_rate(started, finished, dl) AS direct FROM w
              WHERE started BETWEEN (x.month_end - interval '12 months')::date AND x.month_end) y
WHERE month_end >= '2025-01-01' ORDER BY month_end;
RESET TimeZone;
