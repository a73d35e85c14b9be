-- Sample region, the generated measurements and cases (run by region.sql when the library has
-- no loaders, i.e. for a release before 0.3.0, and by export_files.sql, which writes them as
-- the files region.sql loads through the loaders: measurements.csv and cases.csv).  Needs
-- region.sql's temporary function rnd and table municipality.  Reproducible: every "random"
-- number is derived from an md5 hash of a key, never from random().
-- Baselines 2019–2021 from the plan's tables (Sosiaali-Efica), region level.
INSERT INTO region.measurements (indicator_code, organization_code, period_start, period_end, value, source)
SELECT b.indicator_code, 'soite', make_date(b.year, 1, 1), make_date(b.year, 12, 31), b.value::pekefb.indicator,
       'Soiten RRF-suunnitelma 2022'
FROM (VALUES
  ('pta-3kk', 2019, '698/788'), ('pta-3kk', 2020, '810/896'), ('pta-3kk', 2021, '643/760'),
  ('ls-ilmoitukset', 2019, '2331'), ('ls-ilmoitukset', 2020, '2438'), ('ls-ilmoitukset', 2021, '3085'),
  ('ls-ilmoitus-kasittelyaika', 2019, '4,12 d'), ('ls-ilmoitus-kasittelyaika', 2020, '4,16 d'),
  ('ls-ilmoitus-kasittelyaika', 2021, '4,78 d')
) AS b (indicator_code, year, value);

-- Generated 2022–2025 measurements per municipality.  For each indicator: the yearly
-- region-wide volume, the yearly level (share, or mean days) and how much a municipality
-- may deviate from it.
CREATE TEMP TABLE gen (indicator_code text, kind text, volume integer, y2022 float8, y2023 float8,
                       y2024 float8, y2025 float8, spread float8) ON COMMIT DROP;
INSERT INTO gen VALUES
  -- shares: volume = denominator for the region, levels = expected share
  ('paihde-saatavuus',    'share', 1400,  0.83,  0.88,  0.93,  0.96, 0.06),
  ('neuvola-18kk-4v',     'share', 1300,  0.78,  0.89,  0.95,  0.98, 0.06),
  ('lene',                'share', 1250,  0.88,  0.93,  0.96,  0.985, 0.04),
  ('sahkoinen-asiointi',  'share', 90000, 0.12,  0.24,  0.33,  0.43, 0.05),
  ('sahkoiset-lomakkeet', 'share', 30000, 0.14,  0.27,  0.35,  0.47, 0.06),
  -- waits: volume = visits, levels = mean wait in days
  ('suun-kiireeton',      'days',  9000,  142,   112,   93,    61,   0.15),
  ('tk-vastaanotto',      'days',  60000, 24,    12.5,  7.4,   6.6,  0.20),
  ('ls-ilmoitus-kasittelyaika', 'days', 3000, 4.9, 4.5, 4.2, 3.9, 0.15),
  ('mt-perustaso-osuus',  'share', 2400,  0.52,  0.56,  0.61,  0.64, 0.08),
  -- counts: volume = region total per year
  ('ls-ilmoitukset',      'count', 3050,  1.00,  0.97,  0.95,  0.92, 0.10);

INSERT INTO region.measurements (indicator_code, organization_code, period_start, period_end, value, source)
SELECT g.indicator_code, m.code, make_date(y.year, 1, 1), make_date(y.year, 12, 31),
       CASE g.kind
         WHEN 'share' THEN
           (round(x.n * LEAST(1.0, GREATEST(0.0, x.level * (1 + g.spread * (2 * pg_temp.rnd(x.key || 'l') - 1)))))::bigint
             || '/' || x.n)::pekefb.indicator
         WHEN 'days' THEN
           (round(x.n * x.level * (1 + g.spread * (2 * pg_temp.rnd(x.key || 'l') - 1)))::bigint
             || '/' || x.n || ' d')::pekefb.indicator
         ELSE x.n::text::pekefb.indicator
       END,
       'generated sample'
FROM gen g
CROSS JOIN municipality m
CROSS JOIN generate_series(2022, 2025) AS y (year)
CROSS JOIN LATERAL (
  SELECT g.indicator_code || '/' || m.code || '/' || y.year AS key,
         CASE y.year WHEN 2022 THEN g.y2022 WHEN 2023 THEN g.y2023 WHEN 2024 THEN g.y2024 ELSE g.y2025 END AS level
) k
CROSS JOIN LATERAL (
  SELECT k.key, k.level,
         GREATEST(1, round(CASE g.kind WHEN 'count' THEN g.volume * k.level ELSE g.volume END
                           * m.population / 67988.0 * (0.9 + 0.2 * pg_temp.rnd(k.key || 'n'))))::bigint AS n
) x;

-- The region's figures are the sums of its municipalities' (ratios add numerators and
-- denominators, counts add up).
INSERT INTO region.measurements (indicator_code, organization_code, period_start, period_end, value, source)
SELECT indicator_code, 'soite', period_start, period_end, pekefb.sum(value), 'generated sample (sum of municipalities)'
FROM region.measurements
WHERE source = 'generated sample'
GROUP BY indicator_code, period_start, period_end;

INSERT INTO region.measurements (indicator_code, organization_code, period_start, period_end, value, source) VALUES
  ('omaolo', 'soite', '2022-01-01', '2022-12-31', '4', 'Soite'),
  ('omaolo', 'soite', '2023-01-01', '2023-12-31', '23', 'Soite'),
  ('omaolo', 'soite', '2024-01-01', '2024-12-31', '31', 'Soite'),
  ('omaolo', 'soite', '2025-01-01', '2025-12-31', '34', 'Soite'),
  ('monialaiset-ryhmat', 'soite', '2022-01-01', '2022-12-31', '4', 'Soite'),
  ('monialaiset-ryhmat', 'soite', '2023-01-01', '2023-12-31', '7', 'Soite'),
  ('monialaiset-ryhmat', 'soite', '2024-01-01', '2024-12-31', '10', 'Soite'),
  ('monialaiset-ryhmat', 'soite', '2025-01-01', '2025-12-31', '11', 'Soite');

-- Cases behind the access indicators, 2022–2025: child-welfare matters ~3 000 a year,
-- service-need assessments ~800 a year, mental-health visits ~1 500 a year, spread over the
-- municipalities by population.  Each case is on time with a yearly probability; on-time
-- and late waits are drawn from plausible ranges.  Cases not finished by the data
-- extraction day 2025-12-31 are open (finished NULL).
CREATE TEMP TABLE case_gen (indicator_code text, per_year integer, p2022 float8, p2023 float8, p2024 float8,
                            p2025 float8, ok_min integer, ok_span integer, late_min integer, late_span integer) ON COMMIT DROP;
INSERT INTO case_gen VALUES
  ('ls-7arkipv',    3000, 0.90, 0.94, 0.97, 0.985, 0, 9,  10, 25),
  ('pta-3kk',        800, 0.86, 0.91, 0.95, 0.97, 14, 70, 93, 60),
  ('mt-hoitotakuu', 1500, 0.80, 0.87, 0.92, 0.95, 0, 15, 15, 45);

INSERT INTO region.cases (indicator_code, organization_code, case_id, started, finished)
SELECT cg.indicator_code, m.code, k.key, s.started,
       CASE WHEN s.started + w.wait > date '2025-12-31' THEN NULL ELSE s.started + w.wait END
FROM case_gen cg
CROSS JOIN municipality m
CROSS JOIN generate_series(2022, 2025) AS y (year)
CROSS JOIN LATERAL generate_series(1, round(cg.per_year * m.population / 67988.0)::integer) AS i (n)
CROSS JOIN LATERAL (
  SELECT cg.indicator_code || '/' || m.code || '/' || y.year || '/' || i.n AS key
) k
CROSS JOIN LATERAL (
  SELECT make_date(y.year, 1, 1) + floor(pg_temp.rnd(k.key || 's') * 365)::integer AS started,
         CASE y.year WHEN 2022 THEN cg.p2022 WHEN 2023 THEN cg.p2023 WHEN 2024 THEN cg.p2024 ELSE cg.p2025 END AS p
) s
CROSS JOIN LATERAL (
  SELECT CASE WHEN pg_temp.rnd(k.key || 'p') < s.p
              THEN cg.ok_min + floor(pg_temp.rnd(k.key || 'w') * cg.ok_span)::integer
              ELSE cg.late_min + floor(pg_temp.rnd(k.key || 'w') * cg.late_span)::integer END AS wait
) w
ORDER BY 1, 2, 3;
