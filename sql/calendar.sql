-- calendar: Finnish holidays and working days (domain.md §2, §6.1, §6.2, Defaults 1)
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;
SET DateStyle = 'ISO, YMD';

\i test/regress/try.sql

-- The default is the strict set: 15 named non-working days a year (both eves included).
-- (The settings are defined when the library is loaded; any pekefb function loads it.)
SELECT is_working_day(date '2024-01-01') AS new_years_day_is_working_day;
SHOW pekefb.calendar;

-- §6.1: the three years of the domain table, with weekday, Finnish and Swedish names.
SELECT day, to_char(day, 'Dy') AS dow, name_fi, name_sv FROM holidays(2024);
SELECT day, to_char(day, 'Dy') AS dow, name_fi, name_sv FROM holidays(2025);
SELECT day, to_char(day, 'Dy') AS dow, name_fi, name_sv FROM holidays(2026);

-- domain.md §6.1 table, every date, compared as a set (0 rows = all equal)
WITH expected(day) AS (VALUES
  ('2024-01-01'::date), ('2024-01-06'), ('2024-03-29'), ('2024-03-31'), ('2024-04-01'),
  ('2024-05-01'), ('2024-05-09'), ('2024-05-19'), ('2024-06-21'), ('2024-06-22'),
  ('2024-11-02'), ('2024-12-06'), ('2024-12-24'), ('2024-12-25'), ('2024-12-26'),
  ('2025-01-01'), ('2025-01-06'), ('2025-04-18'), ('2025-04-20'), ('2025-04-21'),
  ('2025-05-01'), ('2025-05-29'), ('2025-06-08'), ('2025-06-20'), ('2025-06-21'),
  ('2025-11-01'), ('2025-12-06'), ('2025-12-24'), ('2025-12-25'), ('2025-12-26'),
  ('2026-01-01'), ('2026-01-06'), ('2026-04-03'), ('2026-04-05'), ('2026-04-06'),
  ('2026-05-01'), ('2026-05-14'), ('2026-05-24'), ('2026-06-19'), ('2026-06-20'),
  ('2026-10-31'), ('2026-12-06'), ('2026-12-24'), ('2026-12-25'), ('2026-12-26')),
actual AS (SELECT day FROM holidays(2024) UNION ALL SELECT day FROM holidays(2025)
           UNION ALL SELECT day FROM holidays(2026))
(SELECT 'missing' AS problem, day FROM expected EXCEPT ALL SELECT 'missing', day FROM actual)
UNION ALL
(SELECT 'unexpected', day FROM actual EXCEPT ALL SELECT 'unexpected', day FROM expected);

-- Weekday holidays incl. eves: 2024 10, 2025 10, 2026 9 (Almanac Office); excl. eves 8, 8, 7
SELECT y, count(*) FILTER (WHERE extract(isodow FROM day) <= 5) AS weekday_holidays,
       count(*) FILTER (WHERE extract(isodow FROM day) <= 5
                          AND name_fi NOT IN ('Juhannusaatto', 'Jouluaatto')) AS excl_eves
FROM generate_series(2024, 2026) y, holidays(y) GROUP BY y ORDER BY y;

-- Working days per year (strict): 252, 251, 252; the same by counting is_working_day
SELECT y, working_days(make_date(y - 1, 12, 31), make_date(y, 12, 31)) AS working_days,
       (SELECT count(*) FROM generate_series(make_date(y, 1, 1), make_date(y, 12, 31), '1 day') d
        WHERE is_working_day(d::date)) AS counted
FROM generate_series(2024, 2026) y;

-- Sanity years at and inside the range ends (today's rules applied to every year).
-- (working days counted from 1 January, which is never a working day, so 1900 works too)
-- Checked with python-dateutil's Easter and the §2 rules:
-- 1900: Easter 15.4., Midsummer Eve 22.6. (Fri), All Saints 3.11.; 10 weekday holidays, 251 wd
-- 2000: Easter 23.4., Midsummer Eve 23.6., All Saints 4.11.;  9 weekday holidays, 251 wd
-- 2038: Easter 25.4. (latest possible), Midsummer Eve 25.6., All Saints 6.11.; 8, 253 wd
-- 2200: Easter 6.4., Midsummer Eve 20.6., All Saints 1.11.; 10 weekday holidays, 251 wd
SELECT y, string_agg(to_char(day, 'DD.MM.'), ' ' ORDER BY day, name_fi) AS days,
       count(*) AS n,
       count(*) FILTER (WHERE extract(isodow FROM day) <= 5) AS weekday_holidays,
       working_days(make_date(y, 1, 1), make_date(y, 12, 31)) AS working_days
FROM unnest(ARRAY[1900, 2000, 2038, 2200]) y, holidays(y)
GROUP BY y ORDER BY y;

-- Juhannus is Fri 19-25 / Sat 20-26 June, Pyhäinpäivä Sat 31 Oct - 6 Nov, every year
SELECT count(*) FILTER (WHERE name_fi = 'Juhannusaatto'
                          AND (extract(isodow FROM day) <> 5 OR to_char(day, 'MM-DD') NOT BETWEEN '06-19' AND '06-25')) AS bad_eve,
       count(*) FILTER (WHERE name_fi = 'Juhannuspäivä'
                          AND (extract(isodow FROM day) <> 6 OR to_char(day, 'MM-DD') NOT BETWEEN '06-20' AND '06-26')) AS bad_midsummer,
       count(*) FILTER (WHERE name_fi = 'Pyhäinpäivä'
                          AND (extract(isodow FROM day) <> 6 OR day NOT BETWEEN make_date(y, 10, 31) AND make_date(y, 11, 6))) AS bad_all_saints,
       count(*) AS named_days
FROM generate_series(1900, 2200) y, holidays(y);

-- Easter Sundays 2000-2030 from published tables (checked with python-dateutil); 0 rows = equal
WITH known(easter) AS (VALUES
  ('2000-04-23'::date), ('2001-04-15'), ('2002-03-31'), ('2003-04-20'), ('2004-04-11'),
  ('2005-03-27'), ('2006-04-16'), ('2007-04-08'), ('2008-03-23'), ('2009-04-12'),
  ('2010-04-04'), ('2011-04-24'), ('2012-04-08'), ('2013-03-31'), ('2014-04-20'),
  ('2015-04-05'), ('2016-03-27'), ('2017-04-16'), ('2018-04-01'), ('2019-04-21'),
  ('2020-04-12'), ('2021-04-04'), ('2022-04-17'), ('2023-04-09'), ('2024-03-31'),
  ('2025-04-20'), ('2026-04-05'), ('2027-03-28'), ('2028-04-16'), ('2029-04-01'),
  ('2030-04-21')),
actual AS (SELECT day FROM generate_series(2000, 2030) y, holidays(y) WHERE name_fi = 'Pääsiäispäivä')
(SELECT 'missing' AS problem, easter FROM known EXCEPT SELECT 'missing', day FROM actual)
UNION ALL
(SELECT 'unexpected', day FROM actual EXCEPT SELECT 'unexpected', easter FROM known);

-- Easter 1900-2200 against an independent algorithm in SQL (Oudin 1940, as given by
-- C. Tøndering; the C code uses Meeus/Jones/Butcher), and the movable days around it:
-- Good Friday E-2, Easter Monday E+1, Ascension E+39, Whit Sunday E+49.
WITH oudin AS (
    SELECT y, make_date(y, 3 + (l + 40) / 44, l + 28 - 31 * ((3 + (l + 40) / 44) / 4)) AS easter
    FROM (SELECT y, i - (y + y / 4 + i + 2 - c + c / 4) % 7 AS l
          FROM (SELECT y, c, h - (h / 28) * (1 - (29 / (h + 1)) * ((21 - g) / 11)) AS i
                FROM (SELECT y, y / 100 AS c, y % 19 AS g,
                             (y / 100 - y / 400 - (8 * (y / 100) + 13) / 25 + 19 * (y % 19) + 15) % 30 AS h
                      FROM generate_series(1900, 2200) y) s1) s2) s3),
movable AS (
    SELECT y, max(day) FILTER (WHERE name_fi = 'Pitkäperjantai') AS good_friday,
              max(day) FILTER (WHERE name_fi = 'Pääsiäispäivä') AS easter,
              max(day) FILTER (WHERE name_fi = '2. pääsiäispäivä') AS easter_monday,
              max(day) FILTER (WHERE name_fi = 'Helatorstai') AS ascension,
              max(day) FILTER (WHERE name_fi = 'Helluntaipäivä') AS whitsun
    FROM generate_series(1900, 2200) y, holidays(y) GROUP BY y)
SELECT count(*) AS years,
       count(*) FILTER (WHERE m.easter IS DISTINCT FROM o.easter
                           OR m.good_friday <> o.easter - 2 OR m.easter_monday <> o.easter + 1
                           OR m.ascension <> o.easter + 39 OR m.whitsun <> o.easter + 49) AS mismatches,
       min(to_char(o.easter, 'MM-DD')) AS earliest, max(to_char(o.easter, 'MM-DD')) AS latest,
       count(*) FILTER (WHERE extract(isodow FROM o.easter) <> 7) AS not_sunday
FROM movable m JOIN oudin o USING (y);
-- The earliest (23.3.) and latest (25.4.) Easters in range: 1913, 2008, 2160 and 1943, 2038, 2190
SELECT y, day FROM generate_series(1900, 2200) y, holidays(y)
WHERE name_fi = 'Pääsiäispäivä' AND to_char(day, 'MM-DD') IN ('03-23', '04-25') ORDER BY y;

-- 2008: Vappu and Helatorstai on the same day, both listed (Finnish order kept)
SELECT * FROM holidays(2008) WHERE day = '2008-05-01';

-- §6.2 working days between dates (count d with start < d <= end); reversed = negative
SELECT working_days('2025-04-17', '2025-04-25') AS "4",
       working_days('2025-04-15', '2025-04-28') AS "7",
       working_days('2025-12-22', '2026-01-07') AS "7 strict",
       working_days('2025-04-25', '2025-04-17') AS "-4",
       working_days('2025-04-17', '2025-04-17') AS "0";

-- §6.2 "7 arkipäivää": start day not counted, the due date is the 7th working day after it
SELECT start, add_working_days(start, 7) AS due, to_char(add_working_days(start, 7), 'Dy') AS dow,
       expected, add_working_days(start, 7) = expected AS ok
FROM (VALUES ('2025-02-04'::date, '2025-02-13'::date), ('2025-04-15', '2025-04-28'),
             ('2025-04-30', '2025-05-12'), ('2025-05-27', '2025-06-06'),
             ('2024-06-18', '2024-06-28'), ('2024-12-20', '2025-01-07'),
             ('2025-12-22', '2026-01-07'), ('2026-04-01', '2026-04-14')) v(start, expected);

-- add_working_days: 0 = the date itself (even a Saturday); negative = backwards (150/1930 §4)
SELECT add_working_days('2025-02-13', -7) AS "2025-02-04",
       add_working_days('2025-04-19', 0) AS "2025-04-19 (Sat, unchanged)",
       add_working_days('2025-04-19', 1) AS "2025-04-22 (Easter Monday skipped)",
       add_working_days('2025-04-22', -1) AS "2025-04-17 (Good Friday skipped)";

-- is_working_day: Good Friday, Saturday, Easter Monday, both eves and New Year's Eve
SELECT d, to_char(d, 'Dy') AS dow, is_working_day(d)
FROM (VALUES ('2025-04-17'::date), ('2025-04-18'), ('2025-04-19'), ('2025-04-21'),
             ('2025-04-22'), ('2024-06-21'), ('2024-12-24'), ('2025-12-31')) v(d);

-- Literal set: the eves are working days; holidays() lists 13 days
SET pekefb.calendar = literal;
SELECT day, name_fi, name_sv FROM holidays(2024);
SELECT is_working_day('2024-06-21') AS juhannusaatto, is_working_day('2024-12-24') AS jouluaatto;
-- §6.2 literal column: only the three rows crossing an eve differ from the strict set
SELECT start, add_working_days(start, 7) AS due, expected, add_working_days(start, 7) = expected AS ok
FROM (VALUES ('2025-02-04'::date, '2025-02-13'::date), ('2025-04-15', '2025-04-28'),
             ('2025-04-30', '2025-05-12'), ('2025-05-27', '2025-06-06'),
             ('2024-06-18', '2024-06-27'), ('2024-12-20', '2025-01-03'),
             ('2025-12-22', '2026-01-05'), ('2026-04-01', '2026-04-14')) v(start, expected);
SELECT working_days('2025-12-22', '2026-01-07') AS "8 literal",
       working_days('2024-12-31', '2025-12-31') AS "2025 literal (251 + 2 eves)";
RESET pekefb.calendar;
SELECT working_days('2025-12-22', '2026-01-07') AS "back to 7 (strict)";

-- Local extra closing days: non-working everywhere, listed by holidays() of their year
SET pekefb.extra_closing_days = '2025-12-31, 2026-01-02';
SHOW pekefb.extra_closing_days;
SELECT * FROM holidays(2025) WHERE day >= '2025-12-01';
SELECT * FROM holidays(2026) WHERE day < '2026-02-01';
-- 22.12.2025 -> 7.1.2026 counts 23.12, 29.12, 30.12, 5.1, 7.1 = 5 (31.12 and 2.1 closed);
-- the 7th working day after 22.12 moves from 7.1 to 9.1
SELECT is_working_day('2025-12-31') AS "31.12", is_working_day('2026-01-02') AS "2.1.",
       working_days('2025-12-22', '2026-01-07') AS "5 with the two extra days",
       add_working_days('2025-12-22', 7) AS "2026-01-09";
-- spaces also separate; duplicates and order do not matter; an extra day on a holiday is listed twice
SET pekefb.extra_closing_days = '2026-01-02 2025-12-31  2026-01-02,2025-12-25';
SELECT * FROM holidays(2025) WHERE day >= '2025-12-20';
RESET pekefb.extra_closing_days;
SELECT working_days('2025-12-22', '2026-01-07') AS "back to 7";

-- Bad settings are rejected by the check hook (22023) and the old value stays
SELECT q, t.* FROM (VALUES
    ($$SET pekefb.extra_closing_days = '31.12.2025'$$),
    ($$SET pekefb.extra_closing_days = '2025-02-30'$$),
    ($$SET pekefb.extra_closing_days = '2025-12-31; 2026-01-02'$$),
    ($$SET pekefb.extra_closing_days = '2201-01-01'$$),
    ($$SET pekefb.calendar = lenient$$)) v(q), pg_temp.try(q) t;
SHOW pekefb.extra_closing_days;
-- the same, as psql shows them
SET pekefb.extra_closing_days = '31.12.2025';
SET pekefb.calendar = lenient;

-- Range: 1900-01-01 .. 2200-12-31, outside raises 22008 with the range in DETAIL
SELECT is_working_day('1900-01-01') AS "1900-01-01 (Mon, New Year)",
       is_working_day('2200-12-31') AS "2200-12-31 (Wed)";
SELECT q, t.* FROM (VALUES
    ($$SELECT * FROM holidays(1899)$$),
    ($$SELECT * FROM holidays(2201)$$),
    ($$SELECT is_working_day('1899-12-31')$$),
    ($$SELECT is_working_day('2201-01-01')$$),
    ($$SELECT working_days('2025-01-01', '2201-01-01')$$),
    ($$SELECT working_days('1899-12-31', '2025-01-01')$$),
    ($$SELECT add_working_days('2200-12-20', 30)$$),
    ($$SELECT add_working_days('1900-01-10', -30)$$),
    ($$SELECT add_working_days('1800-01-10', 1)$$),
    ($$SELECT is_working_day('infinity')$$),
    ($$SELECT working_days('-infinity', '2025-01-01')$$)) v(q), pg_temp.try(q) t;
-- the same, as psql shows them
SELECT * FROM holidays(1899);
SELECT add_working_days('2200-12-20', 30);
-- NULL in, NULL out
SELECT is_working_day(NULL) IS NULL AS a, working_days(NULL, '2025-01-01') IS NULL AS b,
       add_working_days('2025-01-01', NULL) IS NULL AS c, (SELECT count(*) FROM holidays(NULL)) AS d;
