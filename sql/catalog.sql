-- catalog: the organisations, indicators, targets and measurements tables, their
-- constraints, and the indicator_status view (target in force, status, previous value).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

INSERT INTO organizations (code, name_fi, name_sv, kind, parent_code) VALUES
  ('reg', 'Alue', 'Området', 'wellbeing_area', NULL),
  ('a', 'Kunta A', 'Kommun A', 'municipality', 'reg'),
  ('b', 'Kunta B', NULL, 'municipality', 'reg');
INSERT INTO indicators (code, name_fi, name_sv, name_en, unit, period) VALUES
  ('share', 'Osuus määräajassa', 'Andel inom tidsfristen', 'Share within the limit', '%', 'year'),
  ('wait', 'Odotus', 'Väntetid', NULL, 'd', 'year'),
  ('groups', 'Ryhmät', NULL, NULL, '', 'year');

-- Region-wide targets (organization_code NULL) and organisation a's own target for 2025.
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target) VALUES
  ('share', NULL, '2024-01-01', '2024-12-31', '>= 90%'),
  ('share', NULL, '2025-01-01', '2025-12-31', '>= 95%'),
  ('share', 'a',  '2025-01-01', '2025-12-31', '>= 80%'),
  ('wait',  NULL, '2025-01-01', '2025-12-31', '<= 60 d');

INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  ('share', 'a', '2024-01-01', '2024-12-31', '9/10'),     -- 0.9 >= 90%: met (exactly on the line)
  ('share', 'a', '2025-01-01', '2025-12-31', '17/20'),    -- 0.85: a's own >= 80% applies: met
  ('share', 'b', '2025-01-01', '2025-12-31', '18/20'),    -- 0.9: region's >= 95% applies: missed
  ('share', 'a', '2025-01-01', '2025-03-31', '4/5'),      -- a quarter inside 2025: a's target, 0.8: met
  ('share', 'b', '2023-01-01', '2023-12-31', '1/2'),      -- no target for 2023
  ('wait',  'a', '2025-01-01', '2025-12-31', '61 d'),     -- 61 > 60: missed
  ('wait',  'b', '2025-01-01', '2025-12-31', '120/2 d'),  -- mean 60 days: met
  ('groups','reg','2025-01-01', '2025-12-31', '12');      -- no target
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
SELECT 'share', 'reg', period_start, period_end, sum(value)
FROM measurements WHERE indicator_code = 'share' AND organization_code <> 'reg'
GROUP BY period_start, period_end;

SELECT indicator_code, organization_code, period_start, period_end, value_text, value,
       numerator, denominator, unit, target, target_value, attained, round(attainment::numeric, 4) AS attainment,
       status, previous_value, round(change::numeric, 4) AS change
FROM indicator_status ORDER BY indicator_code, organization_code, period_start, period_end;

-- Labels follow pekefb.language (Finnish by default); a missing translation falls back to Finnish.
SELECT DISTINCT indicator_code, organization_code, indicator_name, organization_name, status, status_label
FROM indicator_status WHERE period_start = '2025-01-01' AND period_end = '2025-12-31' ORDER BY 1, 2;
SET pekefb.language = 'sv';
SELECT DISTINCT indicator_code, organization_code, indicator_name, organization_name, status, status_label
FROM indicator_status WHERE period_start = '2025-01-01' AND period_end = '2025-12-31' ORDER BY 1, 2;
SET pekefb.language = 'en';
SELECT DISTINCT indicator_code, organization_code, indicator_name, organization_name, status, status_label
FROM indicator_status WHERE period_start = '2025-01-01' AND period_end = '2025-12-31' ORDER BY 1, 2;
SET pekefb.language = 'de';
RESET pekefb.language;
-- localized(fi, sv, en): the same rule for labels of one's own (Finnish where a translation is missing).
SELECT localized('saavutettu', 'uppnått', 'met') AS fi, localized('Kunta B', NULL) AS fi_only;
SET pekefb.language = 'sv';
SELECT localized('saavutettu', 'uppnått', 'met') AS sv, localized('Kunta B', NULL) AS sv_missing,
       localized('Ryhmät', 'Grupper') AS sv_given;
SET pekefb.language = 'en';
SELECT localized('saavutettu', 'uppnått', 'met') AS en, localized('Odotus', 'Väntetid') AS en_missing,
       localized(NULL, 'x', 'y') AS no_finnish_label;
RESET pekefb.language;

-- The previous period is the one of the same length ending the day before: THL half-years
-- and months (February of a leap year) included.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  ('share', 'a', '2023-04-01', '2023-09-30', '90/100'),
  ('share', 'a', '2023-10-01', '2024-03-31', '95/100'),
  ('share', 'a', '2024-02-01', '2024-02-29', '7/10'),
  ('share', 'a', '2024-03-01', '2024-03-31', '8/10');
SELECT period_start, period_end, value, previous_value
FROM indicator_status WHERE indicator_code = 'share' AND organization_code = 'a' ORDER BY period_start, period_end;

-- Only standard column types in the view (BI tools read them without pekefb's types).
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a WHERE a.attrelid = 'pekefb.indicator_status'::regclass AND a.attnum > 0
ORDER BY a.attnum;

-- Constraints: each of these is refused.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
  VALUES ('share', 'a', '2026-01-01', '2026-12-31', '45 d');           -- unit of the value is not the indicator's
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target)
  VALUES ('wait', NULL, '2026-01-01', '2026-12-31', '>= 90%');         -- unit of the target is not the indicator's
\set VERBOSITY terse
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
  VALUES ('share', 'a', '2026-12-31', '2026-01-01', '1/2');            -- period ends before it starts
\set VERBOSITY default
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
  VALUES ('share', 'a', '2025-01-01', '2025-12-31', '1/2');            -- second value for the same period
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
  VALUES ('share', 'nobody', '2025-01-01', '2025-12-31', '1/2');       -- unknown organisation
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target)
  VALUES ('share', NULL, '2025-01-01', '2025-12-31', '>= 99%');        -- second region target for the period
INSERT INTO organizations (code, name_fi, kind) VALUES ('c', 'C', 'club');        -- unknown kind
INSERT INTO organizations (code, name_fi, kind) VALUES ('Bad Code', 'C', 'ngo');  -- key format
INSERT INTO indicators (code, name_fi, unit) VALUES ('x', 'X', 'kg');             -- unknown unit
INSERT INTO indicators (code, name_fi, unit, deadline) VALUES ('y', 'Y', 'd', '14 days'); -- access indicators are shares
-- A multi-row load is all or nothing: the good first row is not kept.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  ('groups', 'reg', '2026-01-01', '2026-12-31', '14'),
  ('groups', 'reg', '2027-01-01', '2027-12-31', '14%');
SELECT count(*) FROM measurements WHERE period_start >= '2026-01-01';

-- Every table is kept by pg_dump.
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) AS t(oid) JOIN pg_class c ON c.oid = t.oid
WHERE e.extname = 'pekefb' ORDER BY 1;

-- Every view of the extension exposes only types BI tools read: any other type is listed here.
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
WHERE n.nspname = 'pekefb' AND c.relkind = 'v' AND a.attnum > 0
  AND a.atttypid NOT IN ('text'::regtype, 'bigint'::regtype, 'double precision'::regtype, 'numeric'::regtype,
                         'boolean'::regtype, 'date'::regtype, 'timestamptz'::regtype)
ORDER BY 1, 2;
SELECT count(*) AS views FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'pekefb' AND c.relkind = 'v';

DELETE FROM measurements; DELETE FROM targets; DELETE FROM indicators;
DELETE FROM organizations WHERE parent_code IS NOT NULL; DELETE FROM organizations;
