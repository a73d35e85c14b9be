-- thl: the figures a steering group reads (issue 11): a target to be set later, a yearly
-- target against quarters (year to date, never missed before the year is judged), the
-- trend by the indicator's direction, the same period a year earlier, overviews counting
-- indicators once, rates per 1 000 that add up across organisations, the units of target
-- and indicator text (the deadline's Swedish words, working days) and deadlines in the
-- reader's language while the types' text stays canonical.  Hand-checked small region.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SELECT pekefb.create_region('thl_region', 'reg', 'Alue');
SET search_path = thl_region, pekefb, public;

INSERT INTO organizations (code, name_fi, name_sv, kind, parent_code) VALUES
  ('a', 'Kunta A', 'Kommun A', 'municipality', 'reg'),
  ('b', 'Kunta B', 'Kommun B', 'municipality', 'reg');
INSERT INTO indicators (code, name_fi, unit, period, higher_is_better) VALUES
  ('share', 'Osuus', '%', 'quarter', true),      -- higher is better
  ('wait', 'Odotus', 'd', 'year', false),        -- lower is better
  ('count', 'Määrä', '', 'year', NULL),          -- no direction stated
  ('later', 'Myöhemmin', '%', 'year', true),     -- target level set later
  ('rate', 'Ilmoitukset / 1 000 asukasta', 'per 1000', 'year', NULL);

-- Yearly targets for 2025 (one calendar year), a target to be set later (target NULL), and
-- a multi-year target that applies to each period inside it (not a yearly one).
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target) VALUES
  ('share', NULL, '2025-01-01', '2025-12-31', '>= 90%'),
  ('wait', NULL, '2025-01-01', '2025-12-31', '<= 30 dagar'),
  ('later', NULL, '2025-01-01', '2025-12-31', NULL),
  ('share', NULL, '2023-04-01', '2024-12-31', '>= 80%');

-- share: quarters of 2025 and the year; 2024's Q1 and Q2 for the year-earlier comparison.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  ('share', 'a', '2024-01-01', '2024-03-31', '70/100'),
  ('share', 'a', '2024-04-01', '2024-06-30', '85/100'),
  ('share', 'a', '2024-10-01', '2024-12-31', '88/100'),
  ('share', 'a', '2025-01-01', '2025-03-31', '80/100'),   -- below 90 % in Q1: year to date, not missed
  ('share', 'a', '2025-04-01', '2025-06-30', '95/100'),
  ('share', 'a', '2025-07-01', '2025-09-30', '95/100'),
  ('share', 'a', '2025-10-01', '2025-12-31', '92/100'),
  ('share', 'a', '2025-01-01', '2025-09-30', '270/300'),  -- 1.1.-30.9.: year to date as well
  ('share', 'a', '2025-01-01', '2025-12-31', '362/400'),  -- the year: 90.5 % >= 90 %: met
  ('wait', 'a', '2024-01-01', '2024-12-31', '40 d'),
  ('wait', 'a', '2025-01-01', '2025-12-31', '35 d'),      -- lower: improving; > 30: missed
  ('count', 'a', '2024-01-01', '2024-12-31', '12'),
  ('count', 'a', '2025-01-01', '2025-12-31', '12'),
  ('later', 'a', '2024-01-01', '2024-12-31', '50/100'),
  ('later', 'a', '2025-01-01', '2025-12-31', '50/100'),   -- unchanged
  ('rate', 'a', '2025-01-01', '2025-12-31', '90/2000 ‰'),  -- 45 per 1 000
  ('rate', 'b', '2025-01-01', '2025-12-31', '10/1000 per 1 000'); -- 10 per 1 000

-- Status, attainment, trend and comparisons, hand-checked:
--   share Q1/2025 80/100 against the yearly >= 90 %: year_to_date, attained NULL,
--   attainment 0.8889 shown; the year 362/400 = 0.905: met.  Q2/2025 0.95 after Q1 0.80:
--   improving; Q1/2025 against Q4/2024 (0.88): worsening; Q1/2025 a year earlier: 0.70.
--   2024's quarters fall under the multi-year >= 80 %: Q1/2024 0.70 missed, Q2 0.85 met.
--   wait 35 d (lower is better) after 40 d: improving, missed (> 30 d).
--   count 12 after 12 with no direction: trend NULL.  later: target_pending, unchanged.
SELECT indicator_code, period_start, period_end, value_text, target_text, status, attained,
       round(attainment::numeric, 4) AS attainment, trend, previous_value, year_earlier_value,
       round(change_from_year_earlier::numeric, 4) AS change_from_year_earlier, target_period_start, target_period_end
FROM indicator_status WHERE organization_code = 'a'
ORDER BY indicator_code, period_start, period_end;

-- Labels in the reader's language.
SET pekefb.language = 'sv';
SELECT DISTINCT status, status_label FROM indicator_status ORDER BY 1;
SELECT DISTINCT trend, trend_label FROM indicator_status WHERE trend IS NOT NULL ORDER BY 1;
SET pekefb.language = 'en';
SELECT DISTINCT status, status_label FROM indicator_status ORDER BY 1;
RESET pekefb.language;
SELECT DISTINCT status, status_label FROM indicator_status ORDER BY 1;
SELECT DISTINCT trend, trend_label FROM indicator_status WHERE trend IS NOT NULL ORDER BY 1;

-- The overview counts each indicator once a year, by its judging figure (the year's, met
-- or missed, before its quarters): 2025 for a: share met, wait missed; count, later, rate
-- without a judged target.  5 indicators, 2 with a target, 1 met (not 9 measurement rows).
SELECT organization_code, includes_sub_organizations, period_start, indicators, indicators_with_target,
       indicators_met, indicators_missed, round(mean_attainment::numeric, 4) AS mean_attainment
FROM organization_overview WHERE period_start = '2025-01-01' ORDER BY 1, 2;
-- 2024: share's three quarters under the multi-year target (Q1 missed, Q2 met, Q4 met):
-- the judging one is the latest of the longest (all a quarter long): Q4, met; wait has no
-- 2024 target.
SELECT organization_code, indicators, indicators_with_target, indicators_met, indicators_missed
FROM organization_overview WHERE period_start = '2024-01-01' AND organization_code = 'a' AND NOT includes_sub_organizations;

-- Rates per 1 000 add numerators and populations: (90 + 10) / (2000 + 1000) = 33.33 per
-- 1 000, not the mean of the rates (27.5).
SELECT sum(value) AS region_rate, round(1000 * value(sum(value))::numeric, 2) AS per_1000,
       round(avg(1000 * value(value))::numeric, 2) AS mean_of_rates
FROM measurements WHERE indicator_code = 'rate';
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
SELECT 'rate', 'reg', '2025-01-01', '2025-12-31', sum(value) FROM measurements WHERE indicator_code = 'rate';
SELECT organization_code, value_text, value, numerator, denominator, unit
FROM indicator_status WHERE indicator_code = 'rate' ORDER BY 1;
-- The unit check holds for the new units: a rate in percent is refused.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
VALUES ('rate', 'a', '2024-01-01', '2024-12-31', '4.5%');
\set VERBOSITY terse
INSERT INTO indicators (code, name_fi, unit) VALUES ('bad', 'Bad', '‰');
\set VERBOSITY default

-- Target and indicator text take the deadline's unit words (Finnish, Swedish, English);
-- the canonical output is the same whatever pekefb.language says.
SET pekefb.language = 'sv';
SELECT t::target AS target, t AS written
FROM unnest(ARRAY['< 7 dagar', '< 7 dygn', '<= 14 päivää', '>= 90 days', '<= 7 vardagar', '<= 7 arkipäivää',
                  '<= 2,5 ‰', '1 per 1000..3 per 1 000']) AS t;
SELECT v::indicator AS indicator, v AS written
FROM unnest(ARRAY['4,78 dagar', '4 dygn', '120/20 vardagar', '123/45000 ‰', '2,7 promille']) AS v;
SELECT '7 vardagar'::deadline AS deadline, '7 arkipäivää'::deadline::text AS deadline_text;
RESET pekefb.language;
SELECT '7 vardagar'::deadline AS deadline;
-- Working days and days are different units: a target in working days does not judge a
-- value in days.
SELECT attained('6 d'::indicator, '<= 7 wd'::target);
SELECT '<= 7 veckodagar'::target;

-- label(deadline [, language]): the reader's language; NULL deadline gives NULL.
SELECT d, label(d::deadline, 'fi') AS fi, label(d::deadline, 'sv') AS sv, label(d::deadline, 'en') AS en
FROM unnest(ARRAY['1 working day', '7 working days', '14 days', '1 day', '1 month', '3 months']) AS d;
SET pekefb.language = 'sv';
SELECT label('7 working days'::deadline) AS session_language;
RESET pekefb.language;
SELECT label('7 working days'::deadline) AS session_language, label(NULL::deadline) AS null_deadline,
       label('7 working days'::deadline, NULL) AS null_language;
SELECT label('7 working days'::deadline, 'de');

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA thl_region CASCADE;
RESET client_min_messages;
