-- data_quality: reporting obligations, and the problems of the data with their reasons in
-- words: missing and late figures, a share's numerator above its denominator, a period that
-- is not the indicator's, a value far from the organisation's own history, cases decided
-- on a non-working day, an extract whose open cases are all past due.  Each reason is
-- triggered once by a crafted row, next to clean rows that trigger nothing; the day of
-- judgement is fixed with data_quality_on(date) (the view judges today).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SELECT pekefb.create_region('dq_region', 'reg', 'Alue', 'Området');
SET search_path = dq_region, pekefb, public;
INSERT INTO organizations (code, name_fi, kind, parent_code) VALUES
  ('a', 'A', 'municipality', 'reg'), ('b', 'B', 'municipality', 'reg');
INSERT INTO indicators (code, name_fi, unit, period, deadline) VALUES
  ('share', 'Osuus', '%', 'year', NULL), ('count', 'Määrä', '', 'year', NULL),
  ('ls7', 'Lastensuojeluasia 7 arkipäivässä', '%', 'half_year', '7 working days'),
  ('care', 'Hoitotakuu', '%', 'year', '14 days');

-- a reports share yearly for 2022-2024, due 59 days after the year (28.2.).
INSERT INTO reporting_obligations (organization_code, indicator_code, periodicity, first_period_start, last_period_end, due_days, responsible)
VALUES ('a', 'share', 'year', '2022-01-01', '2024-12-31', 59, 'tilastoyksikkö');
SELECT organization_code, indicator_code, periodicity, first_period_start, last_period_end, due_days FROM reporting_obligations;
-- an obligation starts on the first of a month and ends after it starts
INSERT INTO reporting_obligations (organization_code, indicator_code, periodicity, first_period_start, due_days)
VALUES ('b', 'share', 'year', '2022-01-15', 30);
INSERT INTO reporting_obligations (organization_code, indicator_code, periodicity, first_period_start, last_period_end, due_days)
VALUES ('b', 'share', 'year', '2022-01-01', '2021-12-31', 30);
INSERT INTO reporting_obligations (organization_code, indicator_code, periodicity, first_period_start, due_days)
VALUES ('b', 'share', 'week', '2022-01-01', 30);

INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  -- a's share: 2022 on time, 2023 late (first loaded 15.3.2024, due 28.2.2024), 2024 missing
  ('share', 'a', '2022-01-01', '2022-12-31', '90/100'),
  ('share', 'a', '2023-01-01', '2023-12-31', '91/100'),
  -- b's share: 2023 clean, 2024 845/85 (a typo of 84/85: accepted, listed), a period
  -- 1.1.-17.3.2025 for a yearly indicator
  ('share', 'b', '2023-01-01', '2023-12-31', '80/85'),
  ('share', 'b', '2024-01-01', '2024-12-31', '845/85'),
  ('share', 'b', '2025-01-01', '2025-03-17', '10/20'),
  -- a's counts: 10, 12, 11, 13, 12 and then 40
  ('count', 'a', '2019-01-01', '2019-12-31', '10'), ('count', 'a', '2020-01-01', '2020-12-31', '12'),
  ('count', 'a', '2021-01-01', '2021-12-31', '11'), ('count', 'a', '2022-01-01', '2022-12-31', '13'),
  ('count', 'a', '2023-01-01', '2023-12-31', '12'), ('count', 'a', '2024-01-01', '2024-12-31', '40');
-- When the figures came in (written with the stamp trigger off, as a restore would).
SET session_replication_role = replica;
UPDATE measurements SET loaded_at = '2023-02-01 10:00+02' WHERE organization_code = 'a' AND period_start = '2022-01-01';
UPDATE measurements SET loaded_at = '2024-03-15 10:00+02' WHERE organization_code = 'a' AND period_start = '2023-01-01' AND indicator_code = 'share';
RESET session_replication_role;

INSERT INTO cases (indicator_code, organization_code, case_id, started, finished) VALUES
  -- a: decided on Saturday 21.6.2025 (juhannuspäivä) and on Thursday 19.6.; open cases, one
  -- still within its 7 working days on the extract's date 21.6.2025
  ('ls7', 'a', 'a1', '2025-06-16', '2025-06-21'),
  ('ls7', 'a', 'a2', '2025-06-16', '2025-06-19'),
  ('ls7', 'a', 'a3', '2025-06-02', NULL),
  ('ls7', 'a', 'a4', '2025-06-03', NULL),
  ('ls7', 'a', 'a5', '2025-06-18', NULL),
  -- b: three open cases, all past due on 21.6.2025
  ('ls7', 'b', 'b1', '2025-01-02', NULL),
  ('ls7', 'b', 'b2', '2025-02-03', NULL),
  ('ls7', 'b', 'b3', '2025-03-03', NULL),
  -- a care-guarantee visit on Sunday 15.6.2025: calendar days, no working-day rule
  ('care', 'a', 'c1', '2025-06-02', '2025-06-15');
SELECT pekefb.due_date('2025-06-18', '7 working days') AS a5_due, pekefb.due_date('2025-03-03', '7 working days') AS b3_due;

-- Judged on 30.6.2025: one row per reason.  The outlier rule: the median of a's earlier
-- yearly counts 10, 12, 11, 13, 12 is 12, their absolute deviations 2, 0, 1, 1, 0 have the
-- median 1 (MAD), and 40 is 28 > 3 x 1.4826 x 1 from 12; 12 in 2023 (median 11.5 of four,
-- MAD 1) is 0.5 away.
SELECT problem, indicator_code, organization_code, period_start, period_end, value_text, due_date, cases, responsible
FROM data_quality_on('2025-06-30') ORDER BY problem, indicator_code, organization_code, period_start;
SELECT problem, reason_fi, reason_sv, reason_en
FROM data_quality_on('2025-06-30') ORDER BY problem, indicator_code, organization_code, period_start;
-- Late uses the first version: a correction after the due date does not make 2022 late
-- (first loaded 1.2.2023, due 28.2.2023).
UPDATE measurements SET value = '89/100' WHERE organization_code = 'a' AND indicator_code = 'share' AND period_start = '2022-01-01';
SELECT problem, period_start, loaded_at FROM data_quality_on('2025-06-30')
WHERE problem IN ('late', 'missing') ORDER BY 1, 2;
-- Before the due date of 2024 (28.2.2025) the missing 2024 figure is not yet missing.
SELECT problem, period_start FROM data_quality_on('2025-02-28') WHERE problem = 'missing';
SELECT problem, period_start FROM data_quality_on('2025-03-01') WHERE problem = 'missing';
-- The figure arrives: no longer missing, but late.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
VALUES ('share', 'a', '2024-01-01', '2024-12-31', '92/100');
SELECT problem, period_start FROM data_quality_on('2025-06-30') WHERE problem IN ('late', 'missing') ORDER BY 1, 2;
SELECT count(*) AS at_null FROM data_quality_on(NULL) WHERE problem IN ('missing', 'late');

-- The view judges today; it lists the same problems whatever the session's time zone and
-- date style, and its reason follows pekefb.language.
SELECT problem, count(*) FROM data_quality GROUP BY 1 ORDER BY 1;
SELECT judged_on = (now() AT TIME ZONE 'Europe/Helsinki')::date AS judged_today FROM data_quality LIMIT 1;
CREATE TEMP TABLE dq_default AS SELECT * FROM data_quality;
SET TimeZone = 'Pacific/Kiritimati';
SET DateStyle = 'German, DMY';
SELECT count(*) AS differing FROM (
  (SELECT * FROM data_quality EXCEPT ALL SELECT * FROM dq_default)
  UNION ALL (SELECT * FROM dq_default EXCEPT ALL SELECT * FROM data_quality)) x;
RESET TimeZone;
RESET DateStyle;
SET pekefb.language = 'sv';
SELECT reason FROM data_quality WHERE problem = 'numerator_above_denominator';
SET pekefb.language = 'en';
SELECT reason FROM data_quality WHERE problem = 'numerator_above_denominator';
RESET pekefb.language;

-- BI-ready: standard column types, a comment on every column.
SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, col_description(a.attrelid, a.attnum) IS NOT NULL AS commented
FROM pg_attribute a WHERE a.attrelid = 'dq_region.data_quality'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT count(*) AS obligation_columns_without_comment FROM pg_attribute a
WHERE a.attrelid = 'dq_region.reporting_obligations'::regclass AND a.attnum > 0 AND col_description(a.attrelid, a.attnum) IS NULL;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA dq_region CASCADE;
RESET client_min_messages;
