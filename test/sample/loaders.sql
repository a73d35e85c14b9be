-- Sample region, the loaders (doc/loading.md): the region's mappings for its sources, then
-- more files of test/sample/ through region.load_*: the statistics unit's 2025 CSV (the
-- same figures region.sql loaded: all unchanged), two overlapping client-system
-- extracts (the second finishes cases of the first), a Webropol and a LimeSurvey export
-- (CSV, then its JSON: nothing new) and THL Sotkanet's figures (JSON, then the same as
-- CSV).  Every export is made up: no real persons, and Sotkanet's ids and figures are
-- invented for the sample.  Run from the checkout's top directory after region.sql (the
-- file names are relative to it):  psql -f test/sample/loaders.sql
\set ON_ERROR_STOP on

-- The client-information system's matter types (region.sql maps each to one indicator): a
-- child-welfare matter also feeds the 3-month assessment indicator from now on.
INSERT INTO region.case_mappings (matter_type, indicator_code) VALUES
  ('Lastensuojeluasia', 'ls-7arkipv'), ('Lastensuojeluasia', 'pta-3kk'),
  ('Mielenterveys, kiireetön hoito', 'mt-hoitotakuu')
ON CONFLICT DO NOTHING;

-- Webropol: the region's client survey of the family centre, answer labels in both languages.
INSERT INTO region.feedback_surveys (code, tool, name, id_column, submitted_column, language_column,
                                     organization_column, service_column, nps_column, comment_column, role) VALUES
  ('perhekeskus-2025', 'webropol', 'Perhekeskuksen asiakaspalaute 2025', 'Vastaajan tunnus', 'Valmistumisaika', 'Kieli',
   'Yksikkö', 'Palvelu', 'Kuinka todennäköisesti suosittelisit palvelua läheisellesi? (0-10)', 'Vapaa palaute', 'parent');
INSERT INTO region.feedback_questions (survey_code, column_name, statement) VALUES
  ('perhekeskus-2025', 'Asiointi oli helppoa', 'easy'),
  ('perhekeskus-2025', 'Sain apua silloin kun tarvitsin', 'helped'),
  ('perhekeskus-2025', 'Koin oloni turvalliseksi', 'safe'),
  ('perhekeskus-2025', 'Palvelusta oli minulle hyötyä', 'useful'),
  ('perhekeskus-2025', 'Sain tietoa ymmärrettävästi', 'understood');
INSERT INTO region.feedback_answers (survey_code, answer, score)
SELECT 'perhekeskus-2025', a.answer, a.score FROM (VALUES
  ('Täysin samaa mieltä', 5), ('Jokseenkin samaa mieltä', 4), ('Ei samaa eikä eri mieltä', 3),
  ('Jokseenkin eri mieltä', 2), ('Täysin eri mieltä', 1), ('En osaa sanoa', NULL),
  ('Helt av samma åsikt', 5), ('Delvis av samma åsikt', 4), ('Varken av samma eller annan åsikt', 3),
  ('Delvis av annan åsikt', 2), ('Helt av annan åsikt', 1), ('Vet inte', NULL)) AS a (answer, score);
INSERT INTO region.feedback_names (survey_code, kind, name, code) VALUES
  ('perhekeskus-2025', 'service', 'Neuvola', 'neuvola'), ('perhekeskus-2025', 'service', 'Rådgivning', 'neuvola'),
  ('perhekeskus-2025', 'service', 'Perheneuvola', 'perheneuvola'), ('perhekeskus-2025', 'service', 'Familjerådgivning', 'perheneuvola');

-- LimeSurvey: the family-counselling survey, answer codes AO01..AO05 (1-5), AO06 = don't know;
-- the unit question G00Q01 has its own codes.
INSERT INTO region.feedback_surveys (code, tool, name, language_column, organization_column, service, nps_column, comment_column, role) VALUES
  ('perheneuvola-ls', 'limesurvey', 'Perheneuvolan palautekysely', 'startlanguage', 'G00Q01', 'perheneuvola', 'G01Q01', 'G01Q03', 'client');
INSERT INTO region.feedback_questions (survey_code, column_name, statement) VALUES
  ('perheneuvola-ls', 'G01Q02[SQ001]', 'easy'), ('perheneuvola-ls', 'G01Q02[SQ002]', 'helped'),
  ('perheneuvola-ls', 'G01Q02[SQ003]', 'safe'), ('perheneuvola-ls', 'G01Q02[SQ004]', 'useful'),
  ('perheneuvola-ls', 'G01Q02[SQ005]', 'understood');
INSERT INTO region.feedback_answers (survey_code, answer, score) VALUES
  ('perheneuvola-ls', 'AO01', 1), ('perheneuvola-ls', 'AO02', 2), ('perheneuvola-ls', 'AO03', 3),
  ('perheneuvola-ls', 'AO04', 4), ('perheneuvola-ls', 'AO05', 5), ('perheneuvola-ls', 'AO06', NULL);
INSERT INTO region.feedback_names (survey_code, kind, name, code) VALUES
  ('perheneuvola-ls', 'organization', 'AO01', 'kokkola'), ('perheneuvola-ls', 'organization', 'AO02', 'kannus'),
  ('perheneuvola-ls', 'organization', 'AO03', 'kaustinen'), ('perheneuvola-ls', 'organization', 'AO04', 'veteli');

-- Sotkanet: the made-up indicator 90001 (share of child-welfare matters decided within 7
-- working days, percent) and its areas: the nation, this wellbeing area and two others.
INSERT INTO region.reference_indicators (sotkanet_indicator, indicator_code, factor, title) VALUES
  (90001, 'ls-7arkipv', 0.01, 'Lastensuojeluasiat käsitelty 7 arkipäivän kuluessa, % (sample)');
INSERT INTO region.reference_areas (sotkanet_region, code, name_fi, name_sv, category, organization_code) VALUES
  (9001, 'finland', 'Koko maa', 'Hela landet', 'MAA', NULL),
  (9016, 'keski-pohjanmaa', 'Keski-Pohjanmaan hyvinvointialue', 'Mellersta Österbottens välfärdsområde', 'HYVINVOINTIALUE', 'soite'),
  (9015, 'pohjanmaa', 'Pohjanmaan hyvinvointialue', 'Österbottens välfärdsområde', 'HYVINVOINTIALUE', NULL),
  (9017, 'pohjois-pohjanmaa', 'Pohjois-Pohjanmaan hyvinvointialue', 'Norra Österbottens välfärdsområde', 'HYVINVOINTIALUE', NULL);

\set content `cat test/sample/measurements_2025.csv`
SELECT 'measurements_2025.csv' AS file, * FROM region.load_measurements(:'content');
\set content `cat test/sample/cases_extract.csv`
SELECT 'cases_extract.csv' AS file, * FROM region.load_cases(:'content', 'efica');
\set content `cat test/sample/cases_extract_later.csv`
SELECT 'cases_extract_later.csv' AS file, * FROM region.load_cases(:'content', 'efica');
\set content `cat test/sample/webropol_export.csv`
SELECT 'webropol_export.csv' AS file, * FROM region.load_webropol('perhekeskus-2025', :'content');
\set content `cat test/sample/limesurvey_export.csv`
SELECT 'limesurvey_export.csv' AS file, * FROM region.load_limesurvey('perheneuvola-ls', :'content');
\set content `cat test/sample/limesurvey_export.json`
SELECT 'limesurvey_export.json' AS file, * FROM region.load_limesurvey('perheneuvola-ls', :'content');
\set content `cat test/sample/sotkanet.json`
SELECT 'sotkanet.json' AS file, * FROM region.load_sotkanet(:'content');
\set content `cat test/sample/sotkanet.csv`
SELECT 'sotkanet.csv' AS file, * FROM region.load_sotkanet(:'content');
\unset content
