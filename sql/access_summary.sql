-- access_summary and refresh_access_measurements: access indicators computed from raw
-- cases, rolled up the organisation tree, with small groups suppressed.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

INSERT INTO organizations (code, name_fi, kind, parent_code) VALUES
  ('reg', 'Alue', 'wellbeing_area', NULL),
  ('a', 'Kunta A', 'municipality', 'reg'),
  ('b', 'Kunta B', 'municipality', 'reg');
INSERT INTO indicators (code, name_fi, unit, deadline) VALUES
  ('care', 'Hoitoon 14 vrk:ssa', '%', '14 days'),
  ('cw', 'Lastensuojeluasia 7 arkipäivässä', '%', '7 working days');
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

SELECT indicator_code, organization_code, period, period_start, period_end, deadline, cases, finished,
       on_time, late, open_past_due, open_within, round(rate::numeric, 4) AS rate, median_wait, p90_wait, suppressed
FROM access_summary ORDER BY indicator_code, organization_code, period, period_start;

-- With a smaller threshold b's groups show; with a larger one the region's are hidden too.
SET pekefb.min_group_size = 3;
SELECT organization_code, period, period_start, cases, on_time, rate IS NOT NULL AS shown, suppressed
FROM access_summary WHERE indicator_code = 'care' ORDER BY 1, 2, 3;
SET pekefb.min_group_size = 11;
SELECT organization_code, period, period_start, cases, on_time, suppressed
FROM access_summary WHERE indicator_code = 'care' AND period = 'quarter' ORDER BY 1;
RESET pekefb.min_group_size;

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

-- Only standard column types.
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a WHERE a.attrelid = 'pekefb.access_summary'::regclass AND a.attnum > 0
ORDER BY a.attnum;

DELETE FROM measurements; DELETE FROM cases; DELETE FROM targets; DELETE FROM indicators;
DELETE FROM organizations WHERE parent_code IS NOT NULL; DELETE FROM organizations;
