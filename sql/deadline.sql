-- deadline: the pekefb.deadline type and the due-date rules (domain.md §1, §6.2-6.4, Defaults 2-4)
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;
SET DateStyle = 'ISO, YMD';

\i test/regress/try.sql

--
-- Input: "N unit" with English, Finnish and Swedish unit words, any case, extra white space,
-- an abbreviation dot; weeks are stored as 7N days and years as 12N months.  Output is the
-- canonical English form.
--
SELECT input, input::deadline AS deadline, deadline_unit(input::deadline) AS unit,
       deadline_length(input::deadline) AS length
FROM (VALUES ('14 days'), ('1 day'), ('14 d'), ('14d'), ('14 vrk'), ('14 vrk.'), ('14 pv'),
             ('14 päivää'), ('1 päivä'), ('14 dygn'), ('14 dagar'), ('1 dag'), ('14 calendar days'),
             ('7 working days'), ('1 working day'), ('7 wd'), ('7 arkipäivää'), ('1 arkipäivä'),
             ('7 arkip.'), ('7 vardagar'), ('1 vardag'), ('7 ARKIPÄIVÄÄ'), ('  7   Working   Days  '),
             (E'7\tworking\ndays'),
             ('3 months'), ('1 month'), ('3 kk'), ('3 kk.'), ('3 kuukautta'), ('1 kuukausi'),
             ('3 mån'), ('3 månader'), ('1 månad'), ('3 MÅNADER'),
             ('2 weeks'), ('2 vk'), ('2 viikkoa'), ('2 veckor'), ('1 year'), ('1 vuosi'),
             ('2 vuotta'), ('1 år'), ('+7 days'), ('007 days')) v(input);

-- The limits: 3650 days (= 521 weeks + 3 days), 600 working days, 120 months (= 10 years)
SELECT '3650 days'::deadline, '521 weeks'::deadline, '600 working days'::deadline,
       '120 months'::deadline, '10 years'::deadline;

-- Canonical output reads back to the identical value, for every valid deadline
SELECT unit, count(*) AS values_checked,
       count(*) FILTER (WHERE (txt::deadline)::text <> txt) AS not_round_trip,
       min(txt) FILTER (WHERE n = 1) AS singular
FROM (SELECT u.unit, n, n || ' ' || CASE WHEN n = 1 THEN u.one ELSE u.unit END AS txt
      FROM (VALUES ('days', 'day', 3650), ('working days', 'working day', 600),
                   ('months', 'month', 120)) u(unit, one, max),
           generate_series(1, u.max) n) s
GROUP BY unit ORDER BY unit;

-- Equality compares unit and length: 2 weeks = 14 days, 1 year = 12 months; 14 days and
-- 14 working days differ.  = and <> are hashable (GROUP BY, DISTINCT, hash joins).
SELECT '2 weeks'::deadline = '14 days' AS "2 weeks = 14 days",
       '1 year'::deadline = '12 months' AS "1 year = 12 months",
       '14 days'::deadline = '14 working days' AS "14 days = 14 wd",
       '14 days'::deadline <> '14 working days' AS "14 days <> 14 wd",
       '3 kk'::deadline = '3 månader' AS "3 kk = 3 månader";
SET enable_sort = off;
SELECT d, count(*) FROM (VALUES ('14 vrk'::deadline), ('2 weeks'), ('14 dygn'), ('3 kk'), ('3 months'),
                                ('7 arkipäivää')) v(d)
GROUP BY d ORDER BY count(*) DESC, d::text;
RESET enable_sort;

-- Binary I/O: deadline_send is the 4-byte code (length << 2) | unit, unit 0 days,
-- 1 working days, 2 months; COPY BINARY writes and reads it back (recv validates it)
SELECT d, deadline_send(d) FROM (VALUES ('14 days'::deadline), ('7 working days'), ('3 months')) v(d);
-- (through COPY's binary format without a file: test/regress/copy_binary.sql)
\i test/regress/copy_binary.sql
CREATE FUNCTION pg_temp.copy_through_file(src text, dst text) RETURNS void LANGUAGE sql
    AS $$ SELECT pg_temp.copy_binary(src::regclass, dst::regclass) $$;
CREATE TEMP TABLE dl_bin (r serial, d deadline);
INSERT INTO dl_bin (d) VALUES ('14 days'), ('1 working day'), ('7 working days'), ('3 months'),
                              ('3650 days'), ('600 working days'), ('120 months');
CREATE TEMP TABLE dl_bin2 (r int, d deadline);
SELECT pg_temp.copy_through_file('dl_bin', 'dl_bin2');
SELECT a.d, b.d AS read_back, a.d = b.d AS equal FROM dl_bin a JOIN dl_bin2 b USING (r) ORDER BY r;
-- an int4 has the same wire form: 29 = 7 << 2 | 1 is "7 working days"; invalid codes are refused
-- (22P03): unit 3, 0 days, 0 working days, negative, 3651 days, 601 working days, 121 months;
-- 2401 = 600 << 2 | 1 is the largest working-day deadline and is accepted
CREATE TEMP TABLE i4 (v int4);
CREATE TEMP TABLE dl_one (d deadline);
INSERT INTO i4 VALUES (29);
SELECT pg_temp.copy_through_file('i4', 'dl_one');
SELECT d FROM dl_one;
SELECT v, t.*
FROM (VALUES (3), (0), (1), (-4), (3651 << 2), (601 << 2 | 1), (121 << 2 | 2), (600 << 2 | 1)) x(v),
     pg_temp.try(format($$TRUNCATE i4; INSERT INTO i4 VALUES (%s);
                         SELECT pg_temp.copy_through_file('i4', 'dl_one')$$, v)) t;
SELECT d FROM dl_one;

--
-- Bad input: 22P02 for text that is not "number unit", 22003 for zero, negative or too long
--
SELECT input, t.*
FROM (VALUES (''), ('   '), ('14'), ('days'), ('fourteen days'), ('14 fortnights'),
             ('14 days ago'), ('1.5 days'), ('14,5 vrk'), ('- 7 days'), ('7 -days'),
             ('7 arkipaiva'), ('7 working'), ('0x10 days'), ('0 days'), ('0 working days'),
             ('0 kk'), ('-1 days'), ('-7 arkipäivää'), ('3651 days'), ('522 weeks'),
             ('601 working days'), ('121 months'), ('11 years'),
             ('99999999999999999999 days')) v(input),
     pg_temp.try(format('SELECT %L::deadline', input)) t;
-- the same, as psql shows them
SELECT '14 fortnights'::deadline;
SELECT '1.5 days'::deadline;
SELECT '0 days'::deadline;
SELECT '601 working days'::deadline;

--
-- due_date(started, deadline): the last day that still meets the deadline
--

-- §6.2 "7 arkipäivää": the start day is not counted; day 1 is the next working day
SELECT started, due_date(started, '7 arkipäivää') AS due, to_char(due_date(started, '7 arkipäivää'), 'Dy') AS dow,
       expected, due_date(started, '7 arkipäivää') = expected AS ok
FROM (VALUES ('2025-02-04'::date, '2025-02-13'::date), ('2025-04-15', '2025-04-28'),
             ('2025-04-30', '2025-05-12'), ('2025-05-27', '2025-06-06'),
             ('2024-06-18', '2024-06-28'), ('2024-12-20', '2025-01-07'),
             ('2025-12-22', '2026-01-07'), ('2026-04-01', '2026-04-14')) v(started, expected);
-- a start on a non-working day: day 1 is still the first working day after it
SELECT due_date(date '2025-04-19', '1 working day') AS "Sat -> Tue 2025-04-22",
       due_date(date '2025-04-18', '1 working day') AS "Good Friday -> Tue 2025-04-22";

-- §6.3 "3 months" (150/1930 §3): the same-numbered day, or the month's last day
SELECT started, due_date(started, '3 months') AS due, to_char(due_date(started, '3 months'), 'Dy') AS dow,
       expected, due_date(started, '3 months') = expected AS ok
FROM (VALUES ('2025-01-31'::date, '2025-04-30'::date), ('2023-11-30', '2024-02-29'),
             ('2025-11-30', '2026-02-28'), ('2024-03-31', '2024-06-30'),
             ('2025-03-21', '2025-06-21'), ('2024-09-06', '2024-12-06'),
             ('2025-09-06', '2025-12-06'), ('2025-08-29', '2025-11-29')) v(started, expected);
-- month ends and leap years: Jan 31 + 1 month is Feb 28 or 29 (1900 and 2100 are not leap
-- years, 2000 is); Feb 29 + 12 months is Feb 28; Aug 31 + 1 month is Sep 30; Feb 28 + 1 month
-- is Mar 28 (not the month's end: the ordinal number is kept)
SELECT started, dl, due_date(started, dl::deadline) AS due
FROM (VALUES ('2025-01-31'::date, '1 month'), ('2024-01-31', '1 month'), ('1900-01-31', '1 month'),
             ('2000-01-31', '1 month'), ('2100-01-31', '1 month'), ('2024-02-29', '12 months'),
             ('2024-02-29', '1 year'), ('2024-02-29', '48 months'), ('2025-08-31', '1 month'),
             ('2025-02-28', '1 month'), ('2025-12-31', '2 months'), ('2025-10-31', '120 months')) v(started, dl);

-- §6.4 "14 vrk" (calendar days, no holiday rule): 2025-04-15 + 14 = 2025-04-29
SELECT due_date(date '2025-04-15', '14 vrk') AS "2025-04-29",
       due_date(date '2024-12-20', '14 days') AS "2025-01-03 (holidays do not extend)",
       due_date(date '2025-04-15', '2 weeks') AS "2 weeks = 14 days";

-- within_deadline(started, finished, deadline) = finished <= due_date
SELECT started, finished, dl, within_deadline(started, finished, dl::deadline) AS within
FROM (VALUES ('2025-04-15'::date, '2025-04-29'::date, '14 vrk'),   -- §6.4: 14 d wait, within
             ('2025-04-15', '2025-04-30', '14 vrk'),               -- 15 d, exceeded
             ('2025-04-15', '2025-04-15', '14 vrk'),               -- same day
             ('2025-02-04', '2025-02-13', '7 arkipäivää'),         -- §6.2: on the due day
             ('2025-02-04', '2025-02-14', '7 arkipäivää'),         -- one day late
             ('2025-01-31', '2025-04-30', '3 kk'),                 -- §6.3: on the end date
             ('2025-01-31', '2025-05-01', '3 kk'),
             ('2023-11-30', '2024-02-29', '3 months'),             -- leap day
             ('2023-11-30', '2024-03-01', '3 months')) v(started, finished, dl);
-- unfinished (NULL) is NULL; finishing before the start is an error (22023)
SELECT within_deadline(date '2025-04-15', NULL, '14 days') AS open_case;
SELECT within_deadline(date '2025-04-15', date '2025-04-14', '14 days');

--
-- 150/1930 §5 roll-forward: a due date on a Saturday, Sunday, holiday or either eve moves
-- to the next Monday-Friday that is none of those.  Off by default (statistics); on per
-- call (third argument) or for the session (pekefb.roll_forward).
--
SHOW pekefb.roll_forward;
SELECT started, due_date(started, '3 months') AS "§3 end", due_date(started, '3 months', true) AS rolled,
       to_char(due_date(started, '3 months', true), 'Dy') AS dow, expected,
       due_date(started, '3 months', true) = expected AS ok
FROM (VALUES ('2025-01-31'::date, '2025-04-30'::date), ('2023-11-30', '2024-02-29'),
             ('2025-11-30', '2026-03-02'), ('2024-03-31', '2024-07-01'),
             ('2025-03-21', '2025-06-23'), ('2024-09-06', '2024-12-09'),
             ('2025-09-06', '2025-12-08'), ('2025-08-29', '2025-12-01')) v(started, expected);
-- days: 2025-04-15 + 3 days = Good Friday 18.4. -> Tuesday 22.4.; Christmas Eve 2024 -> 27.12.
SELECT due_date(date '2025-04-15', '3 days', true) AS "2025-04-22",
       due_date(date '2024-12-21', '3 days', true) AS "2024-12-27",
       due_date(date '2025-04-15', '3 days', false) AS "2025-04-18 (not rolled)";
-- Midsummer Eve is in §5 whatever pekefb.calendar says: 2024-03-21 + 3 months = Fri 21.6.2024
-- (juhannusaatto) rolls to Mon 24.6. in both sets.  In the literal set the eve is a working day,
-- so a working-day deadline can end on it (2024-06-12 + 7 wd) and §5 still moves it.
SELECT due_date(date '2024-03-21', '3 months', true) AS strict_rolled;
SET pekefb.calendar = literal;
SELECT due_date(date '2024-03-21', '3 months', true) AS literal_rolled,
       due_date(date '2024-06-12', '7 working days') AS "literal 7 wd (the eve)",
       due_date(date '2024-06-12', '7 working days', true) AS "literal 7 wd rolled";
RESET pekefb.calendar;
-- the session setting changes due_date(started, deadline) and within_deadline
SET pekefb.roll_forward = on;
SELECT due_date(date '2025-11-30', '3 months') AS "2026-03-02",
       due_date(date '2025-11-30', '3 months', false) AS "2026-02-28 (explicit off)",
       within_deadline(date '2025-11-30', date '2026-03-02', '3 months') AS "within (rolled)";
RESET pekefb.roll_forward;
SELECT within_deadline(date '2025-11-30', date '2026-03-02', '3 months') AS "not within (default)";
-- extra closing days also stop a roll: 2.1.2026 closed, so a due date of 1.1.2026 -> 5.1.
SET pekefb.extra_closing_days = '2026-01-02';
SELECT due_date(date '2025-12-18', '14 days', true) AS "2026-01-05";
RESET pekefb.extra_closing_days;
SELECT due_date(date '2025-12-18', '14 days', true) AS "2026-01-02";

--
-- timestamptz forms: the case's date is its date in the session time zone (TimeZone)
--
SET TimeZone = 'Europe/Helsinki';
-- 00:30 Helsinki time on Tue 4.2. is still Mon 3.2. in UTC
SELECT due_date('2025-02-04 00:30+02'::timestamptz, '7 arkipäivää') AS "Helsinki: 2025-02-13",
       due_date('2025-02-04 00:30+02'::timestamptz, '3 months', true) AS "2025-05-05 (4.5. is a Sunday)",
       within_deadline('2025-04-15 10:00+03'::timestamptz, '2025-04-29 23:59+03', '14 vrk') AS "29.4. within",
       within_deadline('2025-04-15 10:00+03'::timestamptz, '2025-04-30 00:30+03', '14 vrk') AS "30.4. late";
SET TimeZone = 'UTC';
SELECT due_date('2025-02-04 00:30+02'::timestamptz, '7 arkipäivää') AS "UTC: 2025-02-12",
       within_deadline('2025-04-15 10:00+03'::timestamptz, '2025-04-30 00:30+03', '14 vrk') AS "29.4. 21:30 UTC within";
-- an untyped literal picks the timestamptz form (PostgreSQL prefers timestamptz for unknown
-- literals); it means local midnight, so the date is the one written in every time zone
SELECT due_date('2025-02-04', '7 arkipäivää') AS "untyped: 2025-02-13",
       due_date(date '2025-02-04', '7 arkipäivää') AS "date: 2025-02-13";
RESET TimeZone;

--
-- Range: calendar days and months work on any date; working days and roll-forward need
-- the Finnish calendar (1900-2200) and raise 22008 outside it
--
SELECT due_date(date '1800-01-31', '1 month') AS "1800-02-28", due_date(date '2500-01-01', '14 days') AS "2500-01-15";
SELECT q, t.* FROM (VALUES
    ($$SELECT due_date(date '1899-12-31', '1 working day')$$),
    ($$SELECT due_date(date '2200-12-01', '30 working days')$$),
    ($$SELECT due_date(date '2200-12-31', '1 day', true)$$),
    ($$SELECT due_date(date '1800-01-01', '1 month', true)$$),
    ($$SELECT due_date(date 'infinity', '14 days')$$),
    ($$SELECT due_date(date '5874897-12-01', '3650 days')$$),
    ($$SELECT within_deadline(date '2025-01-01', date 'infinity', '14 days')$$),
    ($$SELECT within_deadline(date '2025-04-15', date '2025-04-14', '14 days')$$)) v(q), pg_temp.try(q) t;
-- NULL in, NULL out
SELECT due_date(NULL::date, '14 days') IS NULL AS a, due_date('2025-01-01'::date, NULL) IS NULL AS b,
       due_date('2025-01-01'::date, '14 days', NULL) IS NULL AS c, NULL::deadline IS NULL AS d;
