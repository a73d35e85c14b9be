-- Sample region: Central Ostrobothnia (Keski-Pohjanmaa, Soite), built from Soite's RRF plan
-- (shared/seeds/002_*.txt): its target table (section 1, "Aikataulutetut tavoitteet"), its
-- 2019–2021 baselines, and generated 2022–2025 measurements, cases and feedback.
--
-- Generated figures are reproducible: every "random" number is derived from an md5 hash of
-- a key (indicator, organisation, year, case number), never from random().  Municipality
-- figures are generated first and the region's are their sums (pekefb.sum), so they add up.
-- Load into a database with the extension:  psql -f test/sample/region.sql
-- (it creates the region, schema region, first).
\set ON_ERROR_STOP on
SET client_min_messages = warning;

BEGIN;

SELECT pekefb.create_region('region', 'soite', 'Keski-Pohjanmaan hyvinvointialue (Soite)',
                            'Mellersta Österbottens välfärdsområde (Soite)',
                            region_name => 'Keski-Pohjanmaan hyvinvointialue');

\ir organizations.sql

-- A deterministic number in [0, 1) for a key.
CREATE FUNCTION pg_temp.rnd(key text) RETURNS double precision
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT ('x' || substr(md5(key), 1, 13))::bit(52)::bigint / 4503599627370496.0 $$;

-- Population weights of the eight municipalities (31.12.2020, total 67 988 in the plan).
CREATE TEMP TABLE municipality (code text PRIMARY KEY, population integer) ON COMMIT DROP;
INSERT INTO municipality VALUES
  ('kokkola', 47700), ('kannus', 5430), ('kaustinen', 4250), ('veteli', 3140),
  ('toholampi', 3040), ('perho', 2720), ('halsua', 1170), ('lestijarvi', 730);

INSERT INTO region.indicators (code, name_fi, name_sv, name_en, unit, period, theme, source, deadline, description) VALUES
  ('pta-3kk',
   'Lapsen ja perheen palvelutarpeen arviointi valmis määräajassa',
   'Bedömning av servicebehovet för barn och familj klar inom tidsfristen',
   'Service-need assessment (child and family) completed within the time limit',
   '%', 'year', 'perhekeskus', 'Sosiaali-Efica', '3 months',
   'Share of assessments completed in the period that were completed within 3 months of the matter becoming pending (SHL 36 §; the plan calls it the 90-day limit). Baselines 2019–2021 from the plan.'),
  ('ls-7arkipv',
   'Lastensuojeluasian käsittely 7 arkipäivän kuluessa',
   'Barnskyddsärende behandlat inom 7 vardagar',
   'Child-welfare matter decided within 7 working days',
   '%', 'half_year', 'lastensuojelu', 'Sosiaali-Efica', '7 working days',
   'Share of child-welfare matters on which the decision to start an assessment was made within 7 working days of vireilletulo (LSL 26 §). THL half-years 1.4.–30.9. and 1.10.–31.3.'),
  ('mt-hoitotakuu',
   'Mielenterveyspalvelujen saatavuus hoitotakuun mukaisesti',
   'Tillgång till mentalvårdstjänster enligt vårdgarantin',
   'Mental health services available per the care guarantee',
   '%', 'year', 'mielenterveys', 'Potilastietojärjestelmä', '14 days',
   'Share of non-urgent mental-health visits realised within 14 days of the care-need assessment.'),
  ('paihde-saatavuus',
   'Päihdepalvelujen saatavuus',
   'Tillgång till missbrukartjänster',
   'Availability of substance-abuse services',
   '%', 'year', 'mielenterveys', 'Potilastietojärjestelmä', NULL, NULL),
  ('neuvola-18kk-4v',
   '18 kk:n ja 4 v:n ikäisten lääkärineuvolan toteutuminen',
   'Läkarbesök på rådgivningen vid 18 mån och 4 år genomförda',
   'Child-health-clinic doctor visits at 18 months and 4 years done',
   '%', 'year', 'neuvola', 'exReport', NULL, NULL),
  ('lene',
   '4- ja 6-vuotiaiden Lene-tutkimuksen toteutuminen määräajan puitteissa',
   'Lene-bedömning av 4- och 6-åringar inom tidsramen',
   'Lene assessment of 4- and 6-year-olds within the time frame',
   '%', 'year', 'neuvola', 'exReport', NULL, NULL),
  ('sahkoinen-asiointi',
   'Sähköisesti toteutuvan asiakas- ja potilasasioinnin osuus',
   'Andel elektroniska klient- och patientkontakter',
   'Share of electronic client transactions',
   '%', 'year', 'digi', 'exReport', NULL, NULL),
  ('sahkoiset-lomakkeet',
   'Sähköisesti täytettävien lomakkeiden osuus kaikista täytetyistä lomakkeista',
   'Andel elektroniskt ifyllda blanketter',
   'Share of forms filled in electronically',
   '%', 'year', 'digi', 'exReport', NULL, NULL),
  ('suun-kiireeton',
   'Suun terveydenhuollon kiireettömän hoidon saatavuus (odotus, pv)',
   'Tillgång till icke-brådskande munhälsovård (väntetid, dagar)',
   'Oral care non-urgent access (wait, days)',
   'd', 'year', 'suun terveys', 'Avohilmo', NULL,
   'Mean wait in days from the care-need assessment to a realised non-urgent dental visit (total waiting days / visits).'),
  ('tk-vastaanotto',
   'TK-vastaanottopalvelujen saatavuus (odotus, pv)',
   'Tillgång till hälsocentralens mottagning (väntetid, dagar)',
   'Health-centre appointment access (wait, days)',
   'd', 'year', 'terveyskeskus', 'Avohilmo', NULL,
   'Mean wait in days; the plan''s 2022 target "< 1 kk" is entered as < 30 d.'),
  ('omaolo',
   'Omaolo-palveluja käytössä',
   'Omaolo-tjänster i bruk',
   'Omaolo services in use',
   '', 'year', 'digi', 'Soite', NULL, NULL),
  ('monialaiset-ryhmat',
   'Matalan kynnyksen monialaiset ryhmät vuodessa',
   'Lågtröskelgrupper med flera yrkesgrupper per år',
   'Low-threshold multi-professional groups per year',
   '', 'year', 'perhekeskus', 'Soite', NULL, NULL),
  ('ls-ilmoitukset',
   'Lastensuojeluilmoitusten määrä',
   'Antal barnskyddsanmälningar',
   'Child-welfare notifications',
   '', 'year', 'lastensuojelu', 'Sosiaali-Efica', NULL, NULL),
  ('ls-ilmoitus-kasittelyaika',
   'Lastensuojeluilmoitusten käsittelyaika, keskiarvo',
   'Handläggningstid för barnskyddsanmälningar, medeltal',
   'Child-welfare notifications: mean processing time',
   'd', 'year', 'lastensuojelu', 'Sosiaali-Efica', NULL, NULL),
  -- issue 11 (thl): a target "to be set later"
  ('mt-perustaso-osuus',
   'Lasten ja nuorten perustason mielenterveyspalvelujen osuus (suhteessa erikoissairaanhoitoon)',
   'Andel av barns och ungas mentalvårdstjänster på basnivå (i förhållande till specialiserad sjukvård)',
   'Children''s and young people''s mental health services at basic level (share against specialised care)',
   '%', 'year', 'mielenterveys', 'Potilastietojärjestelmä', NULL,
   'Visits to basic-level services / all visits of children and young people to mental health services; the plan: "tavoitetaso määritellään myöhemmin".');

-- The counting basis of each access indicator (THL, doc/thl.md): the child-welfare limit
-- counts the matters that became pending in the half-year (started); the assessment's
-- completion share counts the assessments completed in the period and the care guarantee
-- the visits of the month (finished).  Which direction is better, for the trend of every
-- indicator (the notifications: neither, more of them may mean better detection).
UPDATE region.indicators SET count_by = 'started' WHERE code = 'ls-7arkipv';
UPDATE region.indicators SET count_by = 'finished' WHERE code IN ('pta-3kk', 'mt-hoitotakuu');
UPDATE region.indicators SET higher_is_better = (unit <> 'd')
WHERE code <> 'ls-ilmoitukset';

-- The plan's yearly targets for the whole region (organization_code NULL), as written there:
-- "90 %" -> >= 90%, "yli 10 %" -> > 10%, "150 pv" -> <= 150 d, "5 kpl" -> >= 5, "<7 vrk" -> < 7 d.
INSERT INTO region.targets (indicator_code, organization_code, period_start, period_end, target, note)
SELECT t.indicator_code, NULL, make_date(t.year, 1, 1), make_date(t.year, 12, 31), t.target::pekefb.target,
       'Soiten RRF-suunnitelma 2022, aikataulutetut tavoitteet'
FROM (VALUES
  ('suun-kiireeton', 2022, '<= 150 d'), ('suun-kiireeton', 2023, '<= 120 d'), ('suun-kiireeton', 2024, '<= 90 d'), ('suun-kiireeton', 2025, '<= 60 d'),
  ('pta-3kk', 2022, '>= 90%'), ('pta-3kk', 2023, '>= 94%'), ('pta-3kk', 2024, '>= 97%'), ('pta-3kk', 2025, '>= 100%'),
  ('neuvola-18kk-4v', 2022, '>= 80%'), ('neuvola-18kk-4v', 2023, '>= 90%'), ('neuvola-18kk-4v', 2024, '>= 95%'), ('neuvola-18kk-4v', 2025, '>= 100%'),
  ('lene', 2022, '>= 90%'), ('lene', 2023, '>= 95%'), ('lene', 2024, '>= 97%'), ('lene', 2025, '>= 100%'),
  ('mt-hoitotakuu', 2022, '>= 85%'), ('mt-hoitotakuu', 2023, '>= 90%'), ('mt-hoitotakuu', 2024, '>= 95%'), ('mt-hoitotakuu', 2025, '>= 100%'),
  ('paihde-saatavuus', 2022, '>= 85%'), ('paihde-saatavuus', 2023, '>= 90%'), ('paihde-saatavuus', 2024, '>= 95%'), ('paihde-saatavuus', 2025, '>= 100%'),
  ('sahkoinen-asiointi', 2022, '> 10%'), ('sahkoinen-asiointi', 2023, '> 25%'), ('sahkoinen-asiointi', 2024, '> 30%'), ('sahkoinen-asiointi', 2025, '>= 45%'),
  ('sahkoiset-lomakkeet', 2022, '> 10%'), ('sahkoiset-lomakkeet', 2023, '> 25%'), ('sahkoiset-lomakkeet', 2024, '> 30%'), ('sahkoiset-lomakkeet', 2025, '>= 45%'),
  ('omaolo', 2022, '>= 5'), ('omaolo', 2023, '>= 23'), ('omaolo', 2024, '>= 33'), ('omaolo', 2025, '>= 33'),
  ('tk-vastaanotto', 2022, '< 30 d'), ('tk-vastaanotto', 2023, '< 14 d'), ('tk-vastaanotto', 2024, '< 7 d'), ('tk-vastaanotto', 2025, '< 7 d'),
  ('monialaiset-ryhmat', 2022, '>= 5'), ('monialaiset-ryhmat', 2023, '>= 7'), ('monialaiset-ryhmat', 2024, '>= 9'), ('monialaiset-ryhmat', 2025, '>= 12'),
  -- "(tavoitetaso määritellään myöhemmin)": the target exists, its level is set later
  ('mt-perustaso-osuus', 2022, NULL), ('mt-perustaso-osuus', 2023, NULL), ('mt-perustaso-osuus', 2024, NULL), ('mt-perustaso-osuus', 2025, NULL)
) AS t (indicator_code, year, target);

-- "Sosiaalihuollon palveluissa määräajat toteutuvat kvartaaliin 1/2023 mennessä 100 %:sesti":
-- the 7-working-day limit from THL's half-year 1.4.2023 on.
INSERT INTO region.targets (indicator_code, organization_code, period_start, period_end, target, note) VALUES
  ('ls-7arkipv', NULL, '2023-04-01', '2026-03-31', '>= 100%', 'Soiten RRF-suunnitelma 2022: määräajat 100 % kvartaaliin 1/2023 mennessä'),
  -- An organisation's own target overrides the region's: Kokkola's interim goal for 2025.
  ('pta-3kk', 'kokkola', '2025-01-01', '2025-12-31', '>= 97%', 'Kokkolan välitavoite 2025');

-- The plan's baselines, the generated 2022–2025 measurements and the cases come from the
-- statistics unit's CSV (measurements.csv) and the client-information system's extract
-- (cases.csv) through the loaders (doc/loading.md); generate.sql made them (export_files.sql)
-- and generates the same rows where the library has no loaders (a release before 0.3.0).
-- The file names are relative to the checkout's top directory: run psql from there
-- (psql -v sample_generate=1 generates instead).
SELECT pg_catalog.to_regprocedure('region.load_measurements(text,text)') IS NOT NULL AND NOT :{?sample_generate} AS sample_loaders \gset
\if :sample_loaders
INSERT INTO region.case_mappings (matter_type, indicator_code) VALUES
  ('Lastensuojeluasia', 'ls-7arkipv'), ('Palvelutarpeen arviointi', 'pta-3kk'),
  ('Mielenterveys, kiireetön hoito', 'mt-hoitotakuu');
\set content `cat test/sample/measurements.csv`
SELECT * FROM region.load_measurements(:'content') \g /dev/null
\set content `cat test/sample/cases.csv`
SELECT * FROM region.load_cases(:'content', 'efica') \g /dev/null
\unset content
\else
\ir generate.sql
\endif

-- Access measurements from the cases: yearly for all access indicators, and THL's
-- half-years (1.4.–30.9., 1.10.–31.3.) for the child-welfare time limit, each on its
-- indicator's counting basis, judged on the extraction day (the region's data date).
SELECT region.refresh_access_measurements(make_date(y, 1, 1), make_date(y, 12, 31), as_of => '2025-12-31')
FROM generate_series(2022, 2025) AS y;
SELECT region.refresh_access_measurements(p.s, p.e, ARRAY['ls-7arkipv'], as_of => '2025-12-31')
FROM (VALUES ('2022-04-01'::date, '2022-09-30'::date), ('2022-10-01', '2023-03-31'),
             ('2023-04-01', '2023-09-30'), ('2023-10-01', '2024-03-31'),
             ('2024-04-01', '2024-09-30'), ('2024-10-01', '2025-03-31'),
             ('2025-04-01', '2025-09-30')) AS p (s, e);

-- Client, staff and partner feedback 2022–2025.
\ir feedback.sql

-- The theme catalogue and lexicon, which code the comments above (regions of pekefb 0.3.0
-- and later; test/client/upgrade.sh loads it into an upgraded 0.2.0 region afterwards).
SELECT pg_catalog.to_regclass('region.theme_lexicon') IS NOT NULL AS sample_has_lexicon \gset
\if :sample_has_lexicon
\ir themes.sql
\endif

-- Development work: the plan's work packages and actions (a region of 0.3.0 or later has
-- its tables; test/client/upgrade.sh loads the file after upgrading a 0.2.0 region).
SELECT to_regclass('region.development_items') IS NOT NULL AS has_development_work \gset
\if :has_development_work
\ir development.sql
\endif

COMMIT;
-- The stored access rows of the loaded cases (doc/states.md): a region's load job runs
-- refresh_access_rows after its loads (a region of 0.3.0 or later has it).
SELECT pg_catalog.to_regprocedure('region.refresh_access_rows()') IS NOT NULL AS has_stored_access_rows \gset
\if :has_stored_access_rows
SELECT region.refresh_access_rows() > 0 AS access_rows_stored \g /dev/null
\endif
-- and of the feedback views' stored rows (refresh_feedback_rows, likewise)
SELECT pg_catalog.to_regprocedure('region.refresh_feedback_rows(boolean)') IS NOT NULL AS has_stored_feedback_rows \gset
\if :has_stored_feedback_rows
SELECT region.refresh_feedback_rows() > 0 AS feedback_rows_stored \g /dev/null
\endif
ANALYZE region.settings, region.organizations, region.organization_tree, region.indicators,
        region.targets, region.measurements, region.cases, region.feedback_responses;
