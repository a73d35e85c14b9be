-- access_summary and refresh_access_measurements: access indicators computed from raw
-- cases, own and rolled up the organisation tree, with small groups suppressed by the
-- region's min_group_size; due dates under the region's calendar settings, not the
-- session's; two regions with different settings side by side.  Each indicator on its own
-- counting basis (care: finished, the month of the visit; cw: started, the day the matter
-- became pending, THL), judged on the region's data date or a chosen day (issue 11).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SELECT pekefb.create_region('access_region', 'reg', 'Alue');
SET search_path = access_region, pekefb, public;

INSERT INTO organizations (code, name_fi, kind, parent_code) VALUES
  ('a', 'Kunta A', 'municipality', 'reg'),
  ('b', 'Kunta B', 'municipality', 'reg');
INSERT INTO indicators (code, name_fi, unit, deadline, count_by, period) VALUES
  ('care', 'Hoitoon 14 vrk:ssa', '%', '14 days', NULL, 'year'),     -- finished (the default)
  ('cw', 'Lastensuojeluasia 7 arkipäivässä', '%', '7 working days', 'started', 'half_year');
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target) VALUES
  ('care', NULL, '2020-01-01', '2020-12-31', '>= 80%');

-- care (14 calendar days): a has 6 cases in January 2020, b 4 cases (one in February).
INSERT INTO cases (indicator_code, organization_code, started, finished) VALUES
  ('care', 'a', '2020-01-02', '2020-01-16'),   -- 14 days: on time
  ('care', 'a', '2020-01-02', '2020-01-17'),   -- 15 days: late
  ('care', 'a', '2020-01-10', '2020-01-10'),   -- 0 days: on time
  ('care', 'a', '2020-01-15', '2020-01-20'),   -- 5: on time
  ('care', 'a', '2020-01-20', NULL),           -- open, long past due: late
  ('care', 'a', '2020-01-31', '2020-02-20'),   -- 20: late (finished in February)
  ('care', 'b', '2020-01-05', '2020-01-06'),   -- 1: on time
  ('care', 'b', '2020-01-06', '2020-01-16'),   -- 10: on time
  ('care', 'b', '2020-01-07', '2020-01-30'),   -- 23: late
  ('care', 'b', '2020-02-03', '2020-02-10');   -- 7: on time
-- cw (7 working days): Tuesday 2025-02-04 is due Thursday 2025-02-13 (domain.md 6.2).
INSERT INTO cases (indicator_code, organization_code, started, finished) VALUES
  ('cw', 'a', '2025-02-04', '2025-02-13'),     -- on the due date: on time
  ('cw', 'a', '2025-02-04', '2025-02-14'),     -- a day late
  ('cw', 'a', '2025-04-15', '2025-04-28'),     -- Easter: due 2025-04-28, on time
  ('cw', 'a', '2025-04-30', '2025-05-12'),     -- May Day: due 2025-05-12, on time
  ('cw', 'a', '2025-05-27', '2025-06-09');     -- Ascension: due 2025-06-06, late

-- Rolled up (includes_sub_organizations): the region's rows count a's and b's cases.  care
-- counts by finished: a row holds the cases done in its period (a's case of 31.1. is in
-- February, the open case of 20.1. in no period); cw by started, open past due = late.
SELECT indicator_code, organization_code, period_kind, period_start, period_end, deadline_text, cases, finished_cases,
       on_time, late, open_past_due, open_within, round(rate::numeric, 4) AS rate, median_wait, p90_wait, suppressed
FROM access_summary WHERE includes_sub_organizations
ORDER BY indicator_code, organization_code, period_kind, period_start;
-- Own cases only: the region itself has none; a leaf's own rows equal its rolled-up ones.
SELECT indicator_code, organization_code, period_kind, period_start, cases, on_time, suppressed
FROM access_summary WHERE NOT includes_sub_organizations
ORDER BY indicator_code, organization_code, period_kind, period_start;
-- Summed over the own rows every case counts once (14: the open care case is in no
-- period on the finished basis), over all rows it would not.
SELECT period_kind, sum(cases) FILTER (WHERE NOT includes_sub_organizations) AS cases_once,
       sum(cases) AS every_row, (SELECT count(*) FROM cases) AS cases_in_table
FROM access_summary GROUP BY 1 ORDER BY 1;
-- judged_on is the region's data date, the latest case event (cw's 2025-06-09), not today.
SELECT DISTINCT judged_on, judged_on = data_date() AS on_data_date FROM access_summary;

-- With a smaller threshold b's groups show; with a larger one the region's are hidden too.
-- The threshold is the region's: a session setting does not change it.
UPDATE settings SET min_group_size = 3;
SELECT organization_code, period_kind, period_start, cases, on_time, rate IS NOT NULL AS shown, suppressed
FROM access_summary WHERE indicator_code = 'care' AND includes_sub_organizations ORDER BY 1, 2, 3;
UPDATE settings SET min_group_size = 11;
SET pekefb.min_group_size = 1;
SELECT organization_code, period_kind, period_start, cases, on_time, suppressed
FROM access_summary WHERE indicator_code = 'care' AND period_kind = 'quarter' AND includes_sub_organizations ORDER BY 1;
RESET pekefb.min_group_size;
UPDATE settings SET min_group_size = 5;

-- Measurements from cases: finished in the year, on time / finished, per organisation and
-- rolled up to the region.  Running it again changes nothing.
SELECT refresh_access_measurements('2020-01-01', '2020-12-31');
SELECT refresh_access_measurements('2020-01-01', '2020-12-31');
SELECT indicator_code, organization_code, period_start, period_end, value_text, status
FROM indicator_status ORDER BY 1, 2;
-- By the day the matter became pending, judged on 2020-01-25: a's case of 31.1. has not
-- started yet; cases finished after 25.1. are open then (late only if already past due).
SELECT refresh_access_measurements('2020-01-01', '2020-01-31', ARRAY['care'], 'started', '2020-01-25');
SELECT organization_code, value FROM measurements
WHERE period_end = '2020-01-31' ORDER BY 1;
-- THL half-year 1.10.–31.3. for the child-welfare limit only.
SELECT refresh_access_measurements('2024-10-01', '2025-03-31', ARRAY['cw']);
SELECT refresh_access_measurements('2025-04-01', '2025-09-30', ARRAY['cw']);
SELECT indicator_code, organization_code, period_start, period_end, value
FROM measurements WHERE indicator_code = 'cw' ORDER BY 2, 3;
SELECT refresh_access_measurements('2025-09-30', '2025-04-01');
SELECT refresh_access_measurements('2025-04-01', '2025-09-30', NULL, 'pending');

-- An indicator's own counting basis: with count_by 'started' the run counts the cases that
-- became pending in the period, judged on 2020-03-01: a's six January cases count (the
-- case of 31.1., finished after 20 days, and the open case of 20.1., past due, are late).
UPDATE indicators SET count_by = 'started' WHERE code = 'care';
SELECT refresh_access_measurements('2020-01-01', '2020-01-31', ARRAY['care'], as_of => '2020-03-01');
SELECT organization_code, value FROM measurements
WHERE period_end = '2020-01-31' ORDER BY 1;
UPDATE indicators SET count_by = 'finished' WHERE code = 'care';

-- Only standard column types.
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a WHERE a.attrelid = 'access_region.access_summary'::regclass AND a.attnum > 0
ORDER BY a.attnum;

-- The calendar is the region's: SET pekefb.calendar, pekefb.extra_closing_days and
-- pekefb.roll_forward in the session change nothing in the view.
UPDATE settings SET min_group_size = 1;
CREATE TEMP TABLE cw_default AS
  SELECT period_kind, period_start, on_time, late FROM access_summary
  WHERE indicator_code = 'cw' AND organization_code = 'a' AND NOT includes_sub_organizations;
SET pekefb.calendar = 'literal';
SET pekefb.extra_closing_days = '2025-02-12';
SET pekefb.roll_forward = on;
SELECT count(*) AS rows_changed_by_session_settings
FROM access_summary s JOIN cw_default d USING (period_kind, period_start)
WHERE s.indicator_code = 'cw' AND s.organization_code = 'a' AND NOT s.includes_sub_organizations
  AND (s.on_time, s.late) IS DISTINCT FROM (d.on_time, d.late);
RESET pekefb.calendar; RESET pekefb.extra_closing_days; RESET pekefb.roll_forward;
-- Nor does the session's TimeZone or DateStyle: the same rows under three zones.
CREATE TEMP TABLE rows_helsinki AS SELECT * FROM access_summary;
SET TimeZone = 'UTC';
SET DateStyle = 'SQL, DMY';
SELECT count(*) AS differing_rows_utc
FROM ((SELECT * FROM access_summary EXCEPT ALL SELECT * FROM rows_helsinki)
      UNION ALL (SELECT * FROM rows_helsinki EXCEPT ALL SELECT * FROM access_summary)) x;
SET TimeZone = 'America/New_York';
SELECT count(*) AS differing_rows_new_york
FROM ((SELECT * FROM access_summary EXCEPT ALL SELECT * FROM rows_helsinki)
      UNION ALL (SELECT * FROM rows_helsinki EXCEPT ALL SELECT * FROM access_summary)) x;
RESET TimeZone; RESET DateStyle;

-- A second region in the same database, with its own settings: a closing day on Wednesday
-- 2025-02-12 moves the due date of the 2025-02-04 case to Friday 2025-02-14, so the case
-- finished that day is on time there; literal calendar and roll-forward are its too.
SELECT pekefb.create_region('access_north', 'north', 'Pohjoinen', calendar => 'literal',
                            extra_closing_days => '{2025-02-12}', roll_forward => true, min_group_size => 1);
INSERT INTO access_north.indicators (code, name_fi, unit, deadline, count_by, period)
  SELECT code, name_fi, unit, deadline, count_by, period FROM indicators;
INSERT INTO access_north.cases (indicator_code, organization_code, started, finished)
  SELECT indicator_code, 'north', started, finished FROM cases WHERE organization_code = 'a';
SELECT 'access_region' AS region, period_start, cases, on_time, late FROM access_summary
WHERE indicator_code = 'cw' AND organization_code = 'a' AND period_kind = 'month' AND NOT includes_sub_organizations
UNION ALL
SELECT 'access_north', period_start, cases, on_time, late FROM access_north.access_summary
WHERE indicator_code = 'cw' AND organization_code = 'north' AND period_kind = 'month' AND NOT includes_sub_organizations
ORDER BY 1, 2;
SELECT access_north.refresh_access_measurements('2024-10-01', '2025-03-31', ARRAY['cw']);
SELECT organization_code, value FROM access_north.measurements;
-- The library's explicit-calendar functions give the same answers as the view.
SELECT due_date('2025-02-04', '7 working days', 'strict', '{}', false) AS strict_due,
       due_date('2025-02-04', '7 working days', 'literal', '{2025-02-12}', true) AS north_due,
       due_date('2024-06-17', '5 working days', 'strict', '{}', false) AS strict_midsummer,
       due_date('2024-06-17', '5 working days', 'literal', '{}', false) AS literal_midsummer,
       due_date('2020-01-05', '14 days', 'strict', '{}', true) AS rolled_from_sunday,
       within_deadline('2025-02-04', '2025-02-14', '7 working days', 'literal', '{2025-02-12}', false) AS north_on_time,
       working_days('2025-02-04', '2025-02-14', 'strict', '{2025-02-12,2025-02-12}') AS working_days,
       is_working_day('2025-02-12', 'strict', '{2025-02-12}') AS closing_day_works;
SELECT access_rate(started, finished, deadline, 'literal', '{2025-02-12}', false) AS north_rate,
       access_rate(started, finished, deadline, '2025-12-31', 'strict', '{}', false) AS strict_rate_as_of
FROM cases JOIN indicators i ON i.code = cases.indicator_code WHERE indicator_code = 'cw';
SELECT due_date('2025-02-04', '7 working days', 'lenient', '{}', false);
SELECT due_date('2025-02-04', '7 working days', 'strict', '{2025-02-12,NULL}', false);
SELECT access_rate(started, finished, deadline, NULL, '{}', false) FROM cases JOIN indicators i ON i.code = indicator_code;

-- Issue 11: access_summary_on(on_date, counted_by) judges on a chosen day.  On 2020-01-25
-- care's cases finished after that day are open: a's case of 20.1. (due 3.2.) is open
-- within the limit then, b's case of 7.1. (due 21.1.) open past due; counted by started,
-- January has a's 5 cases that began by then (31.1. not yet) and b's 3.
UPDATE settings SET min_group_size = 1;
SELECT organization_code, period_kind, period_start, judged_on, count_by, cases, finished_cases, on_time, late,
       open_past_due, open_within, round(rate::numeric, 4) AS rate
FROM access_summary_on('2020-01-25', 'started')
WHERE indicator_code = 'care' AND period_kind = 'month' AND includes_sub_organizations ORDER BY 1, 3;
-- The same day on care's own basis (finished): only what was done by 25.1.
SELECT organization_code, period_kind, period_start, count_by, cases, on_time, late, open_past_due, open_within
FROM access_summary_on('2020-01-25')
WHERE indicator_code = 'care' AND period_kind = 'month' AND includes_sub_organizations ORDER BY 1, 3;
-- An open case judged on the data date and judged long after (as the old view did, on
-- today): b's cw case of 5.6.2025 (due 16.6.) is open within the limit on the data date
-- 9.6.2025, and would count as late on 2026-12-01.
INSERT INTO cases (indicator_code, organization_code, started, finished) VALUES
  ('cw', 'b', '2025-06-05', NULL);              -- due 2025-06-16: open within on 2025-06-09
SELECT judged_on, cases, on_time, late, open_past_due, open_within, round(rate::numeric, 4) AS rate
FROM access_summary WHERE indicator_code = 'cw' AND organization_code = 'b' AND period_kind = 'month' AND NOT includes_sub_organizations;
SELECT judged_on, cases, on_time, late, open_past_due, open_within, round(rate::numeric, 4) AS rate
FROM access_summary_on('2026-12-01') WHERE indicator_code = 'cw' AND organization_code = 'b' AND period_kind = 'month' AND NOT includes_sub_organizations;
-- THL's half-years: 31.3. belongs to 1.10.–31.3., 1.4. to 1.4.–30.9., 30.9. to it too and
-- 1.10. to the next; years and quarters alongside.
INSERT INTO cases (indicator_code, organization_code, started, finished) VALUES
  ('cw', 'b', '2024-03-31', '2024-04-02'), ('cw', 'b', '2024-04-01', '2024-04-02'),
  ('cw', 'b', '2024-09-30', '2024-10-01'), ('cw', 'b', '2024-10-01', '2024-10-02');
SELECT period_kind, period_start, period_end, cases
FROM access_summary WHERE indicator_code = 'cw' AND organization_code = 'b' AND period_start < '2025-01-01'
  AND period_kind IN ('half_year', 'year') AND NOT includes_sub_organizations ORDER BY 1, 2;
SELECT * FROM access_summary_on(NULL, 'pending');
-- The view is the function on the data date: the same rows.
SELECT count(*) AS differing_rows
FROM ((SELECT * FROM access_summary EXCEPT ALL SELECT * FROM access_summary_on(data_date()))
      UNION ALL (SELECT * FROM access_summary_on(data_date()) EXCEPT ALL SELECT * FROM access_summary)) x;
-- Deadlines in the reader's language; deadline_text stays canonical.
SET pekefb.language = 'sv';
SELECT DISTINCT indicator_code, deadline_text, deadline_label FROM access_summary ORDER BY 1;
SET pekefb.language = 'en';
SELECT DISTINCT indicator_code, deadline_text, deadline_label FROM access_summary ORDER BY 1;
RESET pekefb.language;
SELECT DISTINCT indicator_code, deadline_text, deadline_label FROM access_summary ORDER BY 1;
-- refresh_access_measurements judges on the data date by default too: b's open cw case of
-- 5.6.2025 is within its limit then, so it is left out (2/3, not 2/4 as judged today).
SELECT refresh_access_measurements('2025-04-01', '2025-09-30', ARRAY['cw']);
SELECT organization_code, value FROM measurements WHERE indicator_code = 'cw' AND period_start = '2025-04-01' ORDER BY 1;

-- Complementary suppression between periods (issue 10 on issue 11's periods, doc/partners.md).
-- An indicator's periods nest: months in quarters, quarters in THL half-years for a
-- half-yearly indicator, in calendar years for the others (no year rows for the first, no
-- half-year rows for the second: a year and the half-years that overlap it would let a chain
-- of subtractions over several years isolate quarters).  Down the nesting, every visible
-- total minus its visible parts leaves nothing or at least 5 hidden cases.  b's cases of two
-- new indicators, the same cases, by started, minimum 5: 'hy' half-yearly, 'hc' yearly.
-- hy: 1.10.2022-31.3.2023 is Q1/2023 alone (3): hidden, and Q1 with it; 1.4.-30.9.2023
-- (Q2 10 + Q3 3) minus Q2 would give Q3: Q2 hidden too, and with it April; 1.10.2023-
-- 31.3.2024 = Q4 (10): visible; 1.4.-30.9.2024 = Q2 (10): visible; 1.10.2024-31.3.2025 =
-- Q4 (2): hidden.  hc: 2023 (26) keeps Q1 + Q3 = 6 hidden, enough; 2024 (12) minus Q2 would
-- give Q4 (2): Q2 hidden too, May with it.
UPDATE settings SET min_group_size = 5;
INSERT INTO indicators (code, name_fi, unit, deadline, count_by, period) VALUES
  ('hy', 'Puolivuosi', '%', '14 days', 'started', 'half_year'),
  ('hc', 'Kalenterivuosi', '%', '14 days', 'started', 'year');
INSERT INTO cases (indicator_code, organization_code, started, finished)
SELECT i, 'b', d, d FROM (VALUES ('2023-01-10'::date, 3), ('2023-04-10', 10), ('2023-07-10', 3), ('2023-10-10', 10),
                                    ('2024-05-10', 10), ('2024-11-10', 2)) AS v (d, n),
     generate_series(1, v.n), unnest(ARRAY['hy', 'hc']) AS i;
SELECT indicator_code, period_kind, period_start, period_end, cases, on_time, suppressed
FROM access_summary WHERE indicator_code IN ('hy', 'hc') AND organization_code = 'b' AND NOT includes_sub_organizations
ORDER BY indicator_code DESC, period_start, period_end DESC;
-- the periods nest: no two rows of an indicator and organisation overlap unless one holds
-- the other (every row of the view)
SELECT x.indicator_code, x.period_kind, x.period_start, y.period_kind, y.period_start
FROM access_summary x JOIN access_summary y
  ON y.indicator_code = x.indicator_code AND y.organization_code = x.organization_code
 AND y.includes_sub_organizations = x.includes_sub_organizations
 AND x.period_start < y.period_start AND y.period_start <= x.period_end AND x.period_end < y.period_end;
-- every visible total minus its visible parts leaves nothing or at least 5 hidden cases
WITH r AS (SELECT * FROM access_summary WHERE indicator_code IN ('hy', 'hc') AND organization_code = 'b' AND NOT includes_sub_organizations)
SELECT t.indicator_code, t.period_kind AS total, p.period_kind AS parts, t.period_start, sum(p.cases) FILTER (WHERE p.suppressed) AS hidden
FROM r t JOIN r p ON p.indicator_code = t.indicator_code AND p.period_start >= t.period_start AND p.period_end <= t.period_end
                 AND (t.period_kind, p.period_kind) IN (('quarter', 'month'), ('year', 'quarter'), ('half_year', 'quarter'))
WHERE NOT t.suppressed
GROUP BY 1, 2, 3, 4 HAVING sum(p.cases) FILTER (WHERE p.suppressed) BETWEEN 1 AND 4;
DELETE FROM cases WHERE indicator_code IN ('hy', 'hc');

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA access_region CASCADE;
DROP SCHEMA access_north CASCADE;
RESET client_min_messages;
