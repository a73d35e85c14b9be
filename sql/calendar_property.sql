-- calendar_property: working_days, add_working_days and due_date against an independent
-- day-by-day implementation in plain SQL, on 3000 deterministic pseudo-random cases spread
-- over 1900-2200, in the strict and the literal calendar.  The SQL side computes Easter with
-- Oudin's algorithm (the C code uses Meeus/Jones/Butcher), lists the 15 days of domain.md §2
-- itself (never via holidays()), counts days one by one and uses PostgreSQL's own
-- date + interval 'N months' (which clamps to the month's last day, as 150/1930 §3 does).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;
SET DateStyle = 'ISO, YMD';

-- The 15 named days of every year; eve = the two days the literal set treats as working
CREATE TEMP TABLE naive_named AS
WITH easter AS (
    SELECT y, make_date(y, 3 + (l + 40) / 44, l + 28 - 31 * ((3 + (l + 40) / 44) / 4)) AS e
    FROM (SELECT y, i - (y + y / 4 + i + 2 - c + c / 4) % 7 AS l
          FROM (SELECT y, c, h - (h / 28) * (1 - (29 / (h + 1)) * ((21 - g) / 11)) AS i
                FROM (SELECT y, y / 100 AS c, y % 19 AS g,
                             (y / 100 - y / 400 - (8 * (y / 100) + 13) / 25 + 19 * (y % 19) + 15) % 30 AS h
                      FROM generate_series(1900, 2200) y) s1) s2) s3),
-- the one day of a 7-day window that falls on an ISO weekday
in_window(y, first, dow, eve) AS (
    SELECT y, make_date(y, 6, 19), 5, true FROM easter        -- Juhannusaatto: Fri 19.-25.6.
    UNION ALL SELECT y, make_date(y, 6, 20), 6, false FROM easter   -- Juhannuspäivä: Sat 20.-26.6.
    UNION ALL SELECT y, make_date(y, 10, 31), 6, false FROM easter) -- Pyhäinpäivä: Sat 31.10.-6.11.
SELECT y, day, eve FROM easter, LATERAL (VALUES
    (make_date(y, 1, 1), false), (make_date(y, 1, 6), false), (e - 2, false), (e, false),
    (e + 1, false), (make_date(y, 5, 1), false), (e + 39, false), (e + 49, false),
    (make_date(y, 12, 6), false), (make_date(y, 12, 24), true), (make_date(y, 12, 25), false),
    (make_date(y, 12, 26), false)) v(day, eve)
UNION ALL
SELECT y, d::date, eve FROM in_window, generate_series(first, first + 6, '1 day') d
WHERE extract(isodow FROM d) = dow;
-- 301 years x 15 days
SELECT count(*) AS named_days, count(*) FILTER (WHERE eve) AS eves FROM naive_named;

-- Every day of the range: working in the strict set, in the literal set, and "open" for a
-- 150/1930 §5 roll-forward (Monday-Friday and none of the 15 days, whatever the set)
CREATE TEMP TABLE naive_day AS
SELECT d::date AS day,
       extract(isodow FROM d) <= 5 AND n.day IS NULL AS w_strict,
       extract(isodow FROM d) <= 5 AND (n.day IS NULL OR n.only_eve) AS w_literal
FROM generate_series('1900-01-01'::date, '2200-12-31', '1 day') d
LEFT JOIN (SELECT day, bool_and(eve) AS only_eve FROM naive_named GROUP BY day) n ON n.day = d::date;
CREATE INDEX ON naive_day (day);
ANALYZE naive_day;

-- 3000 cases: a start day in 1900-01-01 .. 2198-07-xx, a span of -100..630 days, a working-day
-- count of -60..60, and one deadline of each unit
CREATE TEMP TABLE cases AS
SELECT i, '1900-01-01'::date + (h % 109000)::int AS start,
       '1900-01-01'::date + (h % 109000)::int + (h / 7 % 731)::int - 100 AS stop,
       (h / 11 % 121)::int - 60 AS n,
       (h / 13 % 60)::int + 1 AS days, (h / 17 % 30)::int + 1 AS wdays, (h / 19 % 36)::int + 1 AS months
FROM (SELECT i, (i * 2654435761::bigint + 12345) % 4294967291 AS h
      FROM generate_series(1, 3000) i) s;

CREATE TEMP TABLE mismatches (calendar text, check_name text, i int, got text, want text);
CREATE TEMP TABLE checked (calendar text, n bigint);

-- One pass over the cases in the current pekefb.calendar; :lit picks the naive column
\set check_all 'INSERT INTO checked SELECT current_setting(''pekefb.calendar''), 12 * count(*) FROM cases; WITH naive AS (SELECT c.*, (SELECT count(*) FROM naive_day WHERE day > least(start, stop) AND day <= greatest(start, stop) AND CASE WHEN :lit THEN w_literal ELSE w_strict END) * CASE WHEN stop < start THEN -1 ELSE 1 END AS wd, CASE WHEN n = 0 THEN start WHEN n > 0 THEN (SELECT day FROM naive_day WHERE day > start AND CASE WHEN :lit THEN w_literal ELSE w_strict END ORDER BY day OFFSET n - 1 LIMIT 1) ELSE (SELECT day FROM naive_day WHERE day < start AND CASE WHEN :lit THEN w_literal ELSE w_strict END ORDER BY day DESC OFFSET -n - 1 LIMIT 1) END AS add_n, start + days AS due_days, (start + make_interval(months => months))::date AS due_months, (SELECT day FROM naive_day WHERE day > start AND CASE WHEN :lit THEN w_literal ELSE w_strict END ORDER BY day OFFSET wdays - 1 LIMIT 1) AS due_wdays FROM cases c), roll AS (SELECT naive.*, (SELECT min(day) FROM naive_day WHERE day >= due_days AND w_strict) AS r_days, (SELECT min(day) FROM naive_day WHERE day >= due_months AND w_strict) AS r_months, (SELECT min(day) FROM naive_day WHERE day >= due_wdays AND w_strict) AS r_wdays FROM naive) INSERT INTO mismatches SELECT current_setting(''pekefb.calendar''), x.* FROM roll, LATERAL (VALUES (''working_days'', i, working_days(start, stop)::text, wd::text), (''add_working_days'', i, add_working_days(start, n)::text, add_n::text), (''is_working_day'', i, is_working_day(start)::text, (SELECT CASE WHEN :lit THEN w_literal ELSE w_strict END FROM naive_day WHERE day = start)::text), (''due_date days'', i, due_date(start, (days || '' days'')::deadline)::text, due_days::text), (''due_date months'', i, due_date(start, (months || '' months'')::deadline)::text, due_months::text), (''due_date working days'', i, due_date(start, (wdays || '' working days'')::deadline)::text, due_wdays::text), (''rolled days'', i, due_date(start, (days || '' days'')::deadline, true)::text, r_days::text), (''rolled months'', i, due_date(start, (months || '' months'')::deadline, true)::text, r_months::text), (''rolled working days'', i, due_date(start, (wdays || '' working days'')::deadline, true)::text, r_wdays::text), (''within days'', i, within_deadline(start, greatest(start, stop), (days || '' days'')::deadline)::text, (greatest(start, stop) <= due_days)::text), (''within months'', i, within_deadline(start, greatest(start, stop), (months || '' months'')::deadline)::text, (greatest(start, stop) <= due_months)::text), (''within working days'', i, within_deadline(start, greatest(start, stop), (wdays || '' working days'')::deadline)::text, (greatest(start, stop) <= due_wdays)::text)) x(check_name, i, got, want) WHERE got IS DISTINCT FROM want;'

SET pekefb.calendar = strict;
\set lit false
:check_all
SET pekefb.calendar = literal;
\set lit true
:check_all
RESET pekefb.calendar;

-- The result: 2 calendars x 3000 cases x 12 checks, and no mismatch
SELECT (SELECT sum(n) FROM checked) AS checks, count(*) AS mismatches FROM mismatches;
-- (shown only if something differs)
SELECT * FROM mismatches ORDER BY calendar, check_name, i LIMIT 20;
-- the cases do spread over the range and hit holidays
SELECT min(start), max(start), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM naive_named n WHERE n.day = start)) AS on_named_day
FROM cases;
