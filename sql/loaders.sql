-- loaders: the region's loaders (doc/loading.md) on good files, every class of bad line,
-- re-loads (idempotent, corrected values) and the sample exports of test/sample/.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
DROP SCHEMA IF EXISTS region CASCADE;
RESET client_min_messages;
SET TimeZone = 'UTC';
\set VERBOSITY default
\set SHOW_CONTEXT never
\set QUIET on
SELECT pekefb.create_region('region', 'soite', 'Keski-Pohjanmaan hyvinvointialue (Soite)',
                            'Mellersta Österbottens välfärdsområde (Soite)') IS NOT NULL AS created;
\i test/sample/organizations.sql
INSERT INTO region.indicators (code, name_fi, name_sv, unit, period, deadline) VALUES
  ('ls-7arkipv', 'Lastensuojeluasian käsittely 7 arkipäivän kuluessa', 'Barnskyddsärende behandlat inom 7 vardagar', '%', 'half_year', '7 working days'),
  ('pta-3kk', 'Lapsen ja perheen palvelutarpeen arviointi valmis määräajassa', NULL, '%', 'year', '3 months'),
  ('mt-hoitotakuu', 'Mielenterveyspalvelujen saatavuus hoitotakuun mukaisesti', NULL, '%', 'year', '14 days'),
  ('lene', '4- ja 6-vuotiaiden Lene-tutkimuksen toteutuminen määräajan puitteissa', NULL, '%', 'year', NULL),
  ('ls-ilmoitukset', 'Lastensuojeluilmoitusten määrä', 'Antal barnskyddsanmälningar', '', 'year', NULL),
  ('ls-ilmoitus-kasittelyaika', 'Lastensuojeluilmoitusten käsittelyaika, keskiarvo', NULL, 'd', 'year', NULL),
  ('suun-kiireeton', 'Suun terveydenhuollon kiireettömän hoidon saatavuus (odotus, pv)', NULL, 'd', 'year', NULL);
\set QUIET off

-- The sample files load (test/sample/loaders.sql prints the counts of every load).
\i test/sample/loaders.sql
\set ON_ERROR_STOP off
SELECT indicator_code, organization_code, period_start, value::text, source FROM region.measurements
WHERE organization_code IN ('soite', 'halsua') ORDER BY 1, 2 LIMIT 6;
-- one child-welfare matter, two indicators; the later extract finished LS-2025-90002 in place
SELECT organization_code, indicator_code, source_case_id, started, finished FROM region.cases
WHERE source_case_id IN ('LS-2025-90002', 'MT-2025-90009', 'LS-2025-90011') ORDER BY 3, 2;
SELECT survey_code, source_response_id, organization_code, service, received_at, response::text, comment
FROM region.feedback_responses ORDER BY survey_code, received_at LIMIT 20;
SELECT sotkanet_indicator, sotkanet_region, year, gender, value, abs_value FROM region.reference_values ORDER BY year, sotkanet_region, gender;

-- Good files with other spellings: comma separator, a byte-order mark, CRLF, quoted fields,
-- Swedish names, codes, a year instead of dates, thousands with spaces.
\set f '\xEF\xBB\xBFindicator,organisation,år,värde\r\nls-ilmoitukset,Karleby,2024,"1 204"\r\nAntal barnskyddsanmälningar,halsua,2024,31\r\n'
SELECT * FROM region.load_measurements(E:'f');
SELECT organization_code, period_start, period_end, value::text FROM region.measurements
WHERE indicator_code = 'ls-ilmoitukset' AND period_start = '2024-01-01' ORDER BY 1;
-- the same file again: nothing changes; a corrected value: one update, nothing else
SELECT * FROM region.load_measurements(E:'f');
SELECT loaded_at AS halsua_loaded FROM region.measurements WHERE organization_code = 'halsua' AND indicator_code = 'ls-ilmoitukset' AND period_start = '2024-01-01' \gset
SELECT * FROM region.load_measurements(E'indicator;organisation;år;värde\nls-ilmoitukset;Karleby;2024;1 210\nls-ilmoitukset;halsua;2024;31\n');
SELECT organization_code, value::text, loaded_at = :'halsua_loaded' AS untouched FROM region.measurements
WHERE indicator_code = 'ls-ilmoitukset' AND period_start = '2024-01-01' ORDER BY 1;

-- Every class of bad line: all or nothing, each error names the line and the field.
SELECT count(*) AS measurements_before FROM region.measurements \gset
-- a missing column
SELECT * FROM region.load_measurements(E'Indikaattori;Alku;Loppu;Arvo\nlene;1.1.2025;31.12.2025;4\n');
-- wrong separator in a data line
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;Kokkola;2025;4\nls-ilmoitukset,Kannus,2025,5\n');
-- the whole file with a separator other than the header's: one field per line
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset,Kokkola,2025,4\n');
-- a bad number, a bad date, a day that does not exist
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;Kokkola;2025;4\nls-ilmoitukset;Kannus;2025;9,4,5\n');
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Alku;Loppu;Arvo\nls-ilmoitukset;Kokkola;1.13.2025;31.12.2025;4\n');
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Alku;Loppu;Arvo\nls-ilmoitukset;Kokkola;1.1.2025;31.2.2025;4\n');
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Alku;Loppu;Arvo\nls-ilmoitukset;Kokkola;1.7.2025;30.6.2025;4\n');
-- unknown names: every one listed with a suggestion
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nLastensuojeluilmotusten määrä;Kokkola;2025;4\nls-ilmoitukset;Kokola;2025;5\nls-ilmoitukset;Kanus;2025;5\nls-ilmoitukset;Kokola;2024;5\n');
-- duplicate key in the file
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;Kokkola;2025;4\nls-ilmoitukset;kokkola;2025;5\n');
-- a key the table has already, twice: both lines as in the table, or one of them changed
SELECT * FROM region.load_measurements(E'indicator;organisation;år;värde\nls-ilmoitukset;Karleby;2024;1 210\nls-ilmoitukset;kokkola;2024;1 210\n');
SELECT * FROM region.load_measurements(E'indicator;organisation;år;värde\nls-ilmoitukset;halsua;2024;31\nls-ilmoitukset;Halsua;2024;32\n');
-- the checks run in their order whatever the lines' order: an incomplete line after an unknown name
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;Kokola;2025;4\nls-ilmoitukset;;2025;4\n');
-- a year that is no date
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;Kokkola;0;4\n');
-- an indicator in a unit the file cannot give (working days): refused by the table
BEGIN;
INSERT INTO region.indicators (code, name_fi, unit, period) VALUES ('wd-test', 'Käsittelyaika, arkipäivää', 'wd', 'year');
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nwd-test;Kokkola;2025;4\n');
ROLLBACK;
-- numerator above denominator of a share, a zero denominator
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Osoittaja;Nimittäjä\nlene;Kokkola;2025;845;85\n');
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Osoittaja;Nimittäjä\nlene;Kokkola;2025;0;0\n');
-- incomplete lines, an unclosed quote, an empty file
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;;2025;4\n');
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;Kokkola;2025;4\n"lene;Kokkola;2025;4\n');
SELECT * FROM region.load_measurements('');
SELECT * FROM region.load_measurements(NULL);
-- encoding: text is the database's encoding already; a Latin-1 file refused by the conversion
SELECT * FROM region.load_measurements(convert_from(convert_to(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;Kokkola;2025;4\n', 'UTF8'), 'UTF8'));
SELECT convert_from('\x496e64696b616174746f72693b4c6573746966e4727669'::bytea, 'UTF8');
SELECT count(*) = :measurements_before AS nothing_written FROM region.measurements;
-- a year past 9999 is still a date: loaded
BEGIN;
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;Kokkola;10000;4\n');
SELECT organization_code, period_start, period_end, value::text FROM region.measurements WHERE period_start > '9999-12-31';
ROLLBACK;

-- Cases: bad lines
SELECT * FROM region.load_cases(E'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu\nX1;Lastensuojeluasia;Kokkola;5.12.2025;1.12.2025\n', 'efica');
SELECT * FROM region.load_cases(E'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu\nX1;Lastensuojeluasia;Kokkola;5.12.2025;\nX1;Lastensuojeluasia;Kokkola;6.12.2025;\n', 'efica');
SELECT * FROM region.load_cases(E'asiatunnus;asiatyyppi;kunta;vireille\nX1;Lastensuojeluasia;Kokkla;5.12.2025\n', 'efica');
SELECT * FROM region.load_cases(E'asiatunnus;asiatyyppi;kunta;vireille\nX1;Lastensuojeluasia;Kokkola;5.12.2025\n', NULL);
-- a matter moved to another municipality: updated, not duplicated
SELECT * FROM region.load_cases(E'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu\nMT-2025-90008;Mielenterveys, kiireetön hoito;Kannus;2.12.2025;22.12.2025\n', 'efica');
SELECT organization_code, indicator_code, source_case_id FROM region.cases WHERE source_case_id = 'MT-2025-90008';
-- the same ids from another source system are other cases
SELECT * FROM region.load_cases(E'asiatunnus;asiatyyppi;kunta;vireille\nMT-2025-90008;Mielenterveys, kiireetön hoito;Kannus;2.12.2025\n', 'pegasos');
SELECT source_system, count(*) FROM region.cases GROUP BY 1 ORDER BY 1;

-- Feedback: bad records
SELECT * FROM region.load_webropol('no-such-survey', 'x');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu";"Asiointi oli helppoa"\n"W-1";"1.12.2025 10.00";"fi";"Kokkola";"Neuvola";"Samaa mieltä"\n');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu"\n"W-1";"1.12.2025 25.00";"fi";"Kokkola";"Neuvola"\n');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu"\n"W-1";"1.12.2025 10.00";"fi";"Kokola";"Neuvola"\n');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu"\n"W-1";"1.12.2025 10.00";"fi";"Kokkola";"Neuvola"\n"W-1";"1.12.2025 11.00";"fi";"Kokkola";"Neuvola"\n');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu";"Kuinka todennäköisesti suosittelisit palvelua läheisellesi? (0-10)"\n"W-1";"1.12.2025 10.00";"fi";"Kokkola";"Neuvola";"11"\n');
SELECT * FROM region.load_limesurvey('perheneuvola-ls', '{"responses": [{"id": 1, "submitdate": "2025-12-01 10:00:00", "G00Q01": {"a": 1}}]}');
SELECT * FROM region.load_limesurvey('perheneuvola-ls', '{"responses": [{"id": 1, "G00Q01": "AO01"}]}');
SELECT * FROM region.load_limesurvey('perheneuvola-ls', '[{"id": 1, "submitdate": "2025-12-01 10:00:00", "G00Q01": "AO01"},]');
-- a corrected response is updated in place; LimeSurvey 3's wrapped records read the same
SELECT * FROM region.load_limesurvey('perheneuvola-ls',
  '{"responses": [{"2": {"id": "2", "submitdate": "2025-11-17 13:02:51", "startlanguage": "fi", "G00Q01": "AO02", "G01Q01": "9"}}]}');
SELECT source_response_id, received_at, response::text FROM region.feedback_responses WHERE survey_code = 'perheneuvola-ls' AND source_response_id = '2';
-- the other classes of bad record: a submitted response without an id, without a service,
-- with an invalid language; every unknown organisation listed (an empty one too) with its
-- first line; an unknown answer after an unanswered question names the unknown one's field;
-- "don't know" is no recommendation score
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu"\n"W-1";"1.12.2025 10.00";"fi";"Kokkola";"Neuvola"\n"";"1.12.2025 11.00";"fi";"Kokkola";"Neuvola"\n');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu";"Asiointi oli helppoa"\n"W-1";"1.12.2025 10.00";"fi";"Kokkola";"Neuvola";"4"\n"W-2";"1.12.2025 11.00";"fi";"Kokkola";" ";"4"\n');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu";"Asiointi oli helppoa"\n"W-1";"1.12.2025 10.00";"1";"Kokkola";"Neuvola";"4"\n');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu"\n"W-1";"1.12.2025 10.00";"fi";"Kokola";"Neuvola"\n"W-2";"1.12.2025 10.00";"fi";"";"Neuvola"\n"W-3";"1.12.2025 10.00";"fi";"Kokola";"Neuvola"\n"W-4";"1.12.2025 10.00";"fi";"Kanus";"Neuvola"\n"W-5";"";"fi";"Nowhere";"Neuvola"\n');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu";"Asiointi oli helppoa";"Sain apua silloin kun tarvitsin"\n"W-1";"1.12.2025 10.00";"fi";"Kokkola";"Neuvola";"5";"5"\n"W-2";"1.12.2025 10.00";"fi";"Kokkola";"Neuvola";"";"Jokseenkin"\n');
SELECT * FROM region.load_webropol('perhekeskus-2025', E'"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu";"Kuinka todennäköisesti suosittelisit palvelua läheisellesi? (0-10)"\n"W-1";"1.12.2025 10.00";"fi";"Kokkola";"Neuvola";"En osaa sanoa"\n');
SELECT count(*) AS feedback_from_bad_files FROM region.feedback_responses WHERE source_response_id LIKE 'W-_';
-- labels, names and numbers in other case and spacing; an incomplete response (its unknown
-- answer does not matter) and one without any answer are skipped; the same file again
-- changes nothing, a corrected recommendation updates one response
\set f '"Vastaajan tunnus";"Valmistumisaika";"Kieli";"Yksikkö";"Palvelu";"Asiointi oli helppoa";"Sain apua silloin kun tarvitsin";"Kuinka todennäköisesti suosittelisit palvelua läheisellesi? (0-10)"\n"W-901";"1.12.2025 10.00";"FI";" kokkola ";" NEUVOLA";"  täysin SAMAA mieltä ";"4";" 7 "\n"W-902";"1.12.2025 11.00";"sv-FI";"Karleby";"Rådgivning";"Vet inte";"";""\n"W-903";"";"fi";"Kokkola";"Neuvola";"x";"";""\n"W-904";"1.12.2025 12.00";"fi";"Kokkola";"Neuvola";"";"";""\n'
SELECT * FROM region.load_webropol('perhekeskus-2025', E:'f');
SELECT source_response_id, response_id, organization_code, service, received_at, response::text, language
FROM region.feedback_responses WHERE source_response_id LIKE 'W-90_' ORDER BY 1;
SELECT * FROM region.load_webropol('perhekeskus-2025', E:'f');
SELECT * FROM region.load_webropol('perhekeskus-2025', replace(E:'f', '" 7 "', '"8"'));
SELECT source_response_id, response::text FROM region.feedback_responses WHERE source_response_id LIKE 'W-90_' ORDER BY 1;

-- Sotkanet: bad rows
SELECT * FROM region.load_sotkanet('[{"indicator": 90001, "region": 9001, "year": 2024, "gender": "other", "value": 1}]');
SELECT * FROM region.load_sotkanet(E'indicator;region;year;gender;primary value;absolute value\n90001;9001;2024;total;91,2;x\n');
SELECT * FROM region.load_sotkanet(E'indicator;region;year;gender;primary value;absolute value\n90001;9001;2024;total;91,2;1\n90001;9001;2024;total;91,3;1\n');
-- a corrected national figure: one update
SELECT * FROM region.load_sotkanet('[{"indicator": 90001, "region": 9001, "year": 2024, "gender": "total", "value": 91.3, "absValue": 24917}]');

-- The reference areas are not organisations: no view of the network counts them.
SELECT count(*) AS organizations, count(*) FILTER (WHERE code IN (SELECT code FROM region.reference_areas)) AS reference_areas_among_them
FROM region.organizations;

-- The readers on their own
SELECT * FROM pekefb.read_csv(E'a;"b ""c"""\n1;"x\ny"\n\n2;\n', ARRAY['A', 'b "c"', '?d']);
SELECT * FROM pekefb.read_json('[{"a": 1, "b": "x\u00e4", "c": null, "d": true}]', ARRAY['a', 'b', '?c', '?d']);
SELECT pekefb.load_number(' −1 234,50 ', 1, 'x'), pekefb.load_number('1234.5', 1, 'x'), pekefb.load_number('12 34', 1, 'x');
SELECT pekefb.load_timestamp('2025-03-14T10:22:31.5', 1, 'x'), pekefb.load_timestamp('1.4.2025', 1, 'x'), pekefb.load_date('1.4.2025 10.00', 1, 'x');
SELECT pekefb.closest_name('Kokola', ARRAY['Kannus', 'Kokkola', 'Karleby']), pekefb.closest_name('LESTIJARVI', ARRAY['Lestijärvi']);
-- read_json: keys in another order, an escaped key, a wrapped record among plain ones
SELECT * FROM pekefb.read_json('[{"a": "1", "b": "x"}, {"b": "y", "a": "2"}, {"\u0061": "3", "b": "z\n"}, {"9": {"a": "4"}}, {"a": "5"}]', ARRAY['a', '?b']);
-- load_response: statements sorted, labels as written or lower-case trimmed, don't know,
-- plain numbers; NULL for an unknown answer, a score outside 1-5, a bad nps, lang or role,
-- a repeated statement, or no answer at all
SELECT pekefb.load_response('parent', 'web', 9, 'fi', ARRAY['useful', 'easy', 'safe', 'helped'],
                            ARRAY['x', ' TÄYSIN samaa mieltä', 'En osaa sanoa', ' 3 ', NULL], 2,
                            '{"Täysin samaa mieltä": 5, "täysin samaa mieltä": 5, "En osaa sanoa": null}')::text AS response;
SELECT pekefb.load_response(NULL, NULL, NULL, NULL, ARRAY['easy'], ARRAY['4'], 1, NULL)::text AS plain,
       pekefb.load_response(NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL)::text AS nps_only,
       pekefb.load_response(NULL, 'web', NULL, NULL, ARRAY['easy'], ARRAY['Samaa mieltä'], 1, '{"a": 1}') IS NULL AS unknown,
       pekefb.load_response(NULL, 'web', NULL, NULL, ARRAY['easy'], ARRAY['Samaa mieltä'], 1, '{"Samaa mieltä": 7}') IS NULL AS no_statement_score,
       pekefb.load_response(NULL, 'web', 11, NULL, ARRAY['easy'], ARRAY['4'], 1, NULL) IS NULL AS bad_nps,
       pekefb.load_response(NULL, 'web', NULL, 'FI', ARRAY['easy'], ARRAY['4'], 1, NULL) IS NULL AS bad_lang,
       pekefb.load_response('vanhempi', 'web', 5, NULL, NULL, NULL, NULL, NULL) IS NULL AS bad_role,
       pekefb.load_response(NULL, 'web', NULL, NULL, ARRAY['easy', 'easy'], ARRAY['4', '5'], 1, NULL) IS NULL AS repeated,
       pekefb.load_response(NULL, 'web', NULL, NULL, ARRAY['easy'], ARRAY[NULL], 1, NULL) IS NULL AS no_answer;
-- case_rows (load_cases' reader): a matter mapped to two indicators gives two rows, an
-- unmapped one a row without an indicator; names as written in any case (Ä too) and quoted
-- with "" found once lower-cased; rows in the order of cases' key (indicator, then case id
-- bytewise; without indicator last); faults: an id on two lines (both), an unknown
-- organisation, no pending day, a decision before it; a bad day names its line and field
\set cols 'ARRAY[''id'', ''tyyppi'', ''kunta'', ''vireille'', ''?ratkaistu'']'
SELECT * FROM pekefb.case_rows(E'id;tyyppi;kunta;vireille;ratkaistu\n'
    'B2; LS ;LESTIJÄRVI;1.2.2025;3.2.2025\n'
    '"A ""1""";ls;"Kok;kola";2025-02-01;\n'
    'C3;muu;lestijärvi;1.2.2025;\n'
    'B2;ls;Perho;1.2.2025;\n'
    'D4;PTA;Kaustinen;1.2.2025;31.1.2025\n'
    'E5;pta;Perho;;\n', :cols, 'efica',
    ARRAY['lestijärvi', 'lestijarvi', 'kok;kola', 'kokkola', 'perho', 'perho', 'kaustinen', 'kaustinen'],
    ARRAY['ls', 'ls-7arkipv', 'ls', 'ls-3kk', 'pta', 'pta-3kk']);
SELECT * FROM pekefb.case_rows(E'id;tyyppi;kunta;vireille\nX;ls;Perho;31.2.2025\n', :cols, 'efica', ARRAY['perho', 'perho'], ARRAY['ls', 'ls-7arkipv']);
-- many distinct names (the name cache grows): every one found
SELECT count(*) AS rows, count(organization_code) AS found, count(DISTINCT organization_code) AS distinct_found,
       bool_or(organization_code <> 'k' || (line - 1) % 300) AS wrong, bool_or(fault) AS any_fault
FROM pekefb.case_rows((SELECT 'id;tyyppi;kunta;vireille' || string_agg(format(E'\n%s;ls;Kunta %s;1.1.2025', i, i % 300), '' ORDER BY i)
                       FROM generate_series(1, 2000) i), :cols, 'efica',
                      ARRAY(SELECT unnest(ARRAY['kunta ' || i, 'k' || i]) FROM generate_series(0, 299) i), ARRAY['ls', 'ls-7arkipv']);
SELECT count(*) FROM pekefb.case_rows(NULL, :cols, 'efica', NULL, NULL);
-- a name on several pairs of a map: its first code, whatever the sort does with equal names
SELECT DISTINCT organization_code FROM pekefb.case_rows(E'id;tyyppi;kunta;vireille\nX;ls;B;1.1.2025\n', :cols, 'efica',
    ARRAY(SELECT unnest(ARRAY['b', 'B' || lpad(i::text, 2, '0')]) FROM generate_series(1, 40) i), NULL);
-- an invalid day or number is raised once the file's structure is checked (the loaders
-- read the whole file with read_csv before they converted a field): the unclosed quote and
-- the extra field of line 3 come before the bad day or number of line 2; on one line the
-- first bad field in the columns' order
SELECT * FROM region.load_cases(E'id;tyyppi;kunta;vireille\nX;ls;Perho;31.2.2025\nY;ls;Perho;"1.1.2025\n', 'efica');
SELECT * FROM pekefb.case_rows(E'id;tyyppi;kunta;vireille;ratkaistu\nX;ls;Perho;1.1.2025;1.1.2025 10.00\nY;ls;Perho;1.1.2025;;x\n', :cols, 'efica', NULL, NULL);
SELECT * FROM pekefb.case_rows(E'id;tyyppi;kunta;vireille;ratkaistu\nX;ls;Perho;1.1.2025;1.1.2025\nX;ls;Perho;x;1.1.2025 10.00\nY;ls;Perho;32.1.2025;\n', :cols, 'efica', NULL, NULL);
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Vuosi;Arvo\nls-ilmoitukset;Kokkola;2025;9,4,5\nls-ilmoitukset;Kannus;2025\n');
SELECT * FROM region.load_measurements(E'Indikaattori;Kunta;Alku;Loppu;Vuosi;Arvo\nls-ilmoitukset;Kokkola;1.1.2025;31.12.2025;2025;4\nls-ilmoitukset;Kokkola;1.1.2025;31.2.2025;x;1\nls-ilmoitukset;Kokkola;x;x;x;x\n');
SELECT * FROM pekefb.case_rows(E'id;tyyppi\n1;ls\n', ARRAY['id', 'tyyppi'], 'efica', NULL, NULL);
-- measurement_rows (load_measurements' fast path): names by code or name in any case,
-- Finnish numbers and dates, a year for the period, the value in the indicator's unit;
-- rows in the key's order (organisation, indicator, period); problems: an unknown name, a
-- unit a file cannot give, no period, a year that is no whole number 1-9999, both a value
-- and a ratio, a negative numerator, a share above its denominator, a key on two lines
\set mcols 'ARRAY[''ind'', ''org'', ''?alku'', ''?loppu'', ''?vuosi'', ''?os'', ''?nim'', ''?arvo'', ''?lähde'']'
SELECT line, indicator_code, organization_code, period_start, period_end, value::text, source, problem
FROM pekefb.measurement_rows(E'ind;org;alku;loppu;vuosi;os;nim;arvo;lähde\n'
    'OSUUS;KOKKOLA;1.1.2025;30.6.2025;;1 234,5;2000;;\n'
    'Päivät;kokkola;;;2024;12;3;;THL\n'
    'määrä;Perho;;;2025;;;94,5;\n'
    'osuus;perho;;;2025;;;45;\n'
    'osuus;perho;;;2025,5;1;2;;\n'
    'osuus;perho;;;2025;3;2;;\n'
    'osuus;Kannus;;;2025;-1;2;;\n'
    'tunnit;Kannus;;;2025;;;5;\n'
    'osuus;tuntematon;;;2025;1;2;;\n'
    'määrä;Kannus;1.1.2025;31.12.2025;;;;7;\n'
    'määrä;kannus;;;2025;;;8;\n'
    'määrä;Kannus;;;2025;1;2;3;\n'
    'osuus;Kannus;;;;1;2;;\n', :mcols, 'tilasto',
    ARRAY['osuus', 'osuus', 'päivät', 'paivat', 'määrä', 'maara', 'tunnit', 'tunnit'],
    ARRAY['osuus', '%', 'paivat', 'd', 'maara', '', 'tunnit', 'wd'],
    ARRAY['kokkola', 'kokkola', 'perho', 'perho', 'kannus', 'kannus'])
ORDER BY line;
-- the order of the rows as they come
SELECT string_agg(line::text, ' ' ORDER BY ord) AS lines_in_key_order
FROM pekefb.measurement_rows(E'ind;org;vuosi;arvo\nb;y;2025;1\na;y;2025;1\nb;x;2025;1\na;x;2024;1\na;x;2023;1\n', :mcols, NULL,
                             ARRAY['a', 'a', 'b', 'b'], ARRAY['a', '', 'b', ''], ARRAY['x', 'x', 'y', 'y']) WITH ORDINALITY AS r (line, i, o, ps, pe, v, s, p, ord);
SELECT * FROM pekefb.measurement_rows(E'ind;org;vuosi;arvo\na;x;2025;4,5,6\n', :mcols, NULL, ARRAY['a', 'a'], ARRAY['a', ''], ARRAY['x', 'x']);
SELECT * FROM pekefb.measurement_rows(E'ind;org;alku;loppu;arvo\na;x;1.1.2025;32.1.2025;4\n', :mcols, NULL, ARRAY['a', 'a'], ARRAY['a', ''], ARRAY['x', 'x']);
SELECT count(*) FROM pekefb.measurement_rows(NULL, :mcols, NULL, NULL, NULL, NULL);
SELECT * FROM pekefb.measurement_rows(E'ind;org\na;x\n', ARRAY['ind', 'org'], NULL, NULL, NULL, NULL);
-- feedback_rows (load_feedback's pass): a record mapped through the survey's maps (the
-- name as written, else lower-case trimmed; the service's own name when unmapped; the
-- recommendation by label, by the answers' score or as a number 0-10, else -1; the language
-- as written or its first two letters lower-case; the time in the region's zone), a record
-- without a time not submitted, one without any answer empty; response_id "survey:id";
-- fault for a submitted record the load refuses; a bad mapping refused
\set fcols 'ARRAY[''id'', ''aika'', ''?kieli'', ''?yksikkö'', ''?palvelu'', ''?nps'', ''?kommentti'', ''?k1'', ''?k2'']'
SELECT line, submitted, id, received_at AT TIME ZONE 'UTC' AS received_utc, organization_code, service, nps, lang, comment, empty, response::text,
       response_id, fault
FROM pekefb.feedback_rows(E'id;aika;kieli;yksikkö;palvelu;nps;kommentti;k1;k2\n'
    '1;1.7.2025 10.00;fi;Kokkola;Neuvola;Erittäin todennäköisesti;" Hyvä ";Samaa mieltä;\n'
    '2;2025-01-15 10:00;SVENSKA; KANNUS ;Rådgivning; 10 ;;;3\n'
    '3;;fi;Kokkola;neuvola;;;;\n'
    '4;1.7.2025;Ä;tuntematon;;Ehkä;;X;\n'
    '5;1.7.2025;fi;Kokkola;neuvola;;;;\n', false, :fcols,
    '{"unit": "line", "submitted_column": "aika", "survey": "web", "time_zone": "Europe/Helsinki", "role": "parent", "channel": "web",
      "statements": ["easy", "helped"], "omap": {"Kokkola": "kokkola"}, "olow": {"kokkola": "kokkola", "kannus": "kannus"},
      "vmap": {"Neuvola": "neuvola"}, "vlow": {"neuvola": "neuvola"}, "nmap": {"Erittäin todennäköisesti": 10},
      "amap": {"samaa mieltä": 4}, "lmap": {"Samaa mieltä": "4"}}')
ORDER BY line;
-- the region's zone across both changes of 2025 (records 7 minutes apart, the zone's offset
-- reused within an hour): every time as AT TIME ZONE gives it, the hours that do not exist
-- (30.3. 3.00-3.59) and that exist twice (26.10. 3.00-3.59) included
WITH t AS (SELECT row_number() OVER (ORDER BY ts) + 1 AS line, ts
           FROM (SELECT generate_series(timestamp '2025-03-29 22:00', '2025-03-30 08:00', '7 minutes') AS ts
                 UNION ALL SELECT generate_series(timestamp '2025-10-25 22:00', '2025-10-26 08:00', '7 minutes')) x),
     f AS (SELECT r.line, r.received_at
           FROM pekefb.feedback_rows((SELECT 'id;aika' || string_agg(format(E'\n%s;%s', t.line, to_char(t.ts, 'FMDD.FMMM.YYYY HH24.MI')), '' ORDER BY t.line) FROM t),
                                     false, :fcols, '{"unit": "line", "submitted_column": "aika", "time_zone": "Europe/Helsinki"}') r)
SELECT count(*) AS records, count(*) FILTER (WHERE f.received_at IS DISTINCT FROM t.ts AT TIME ZONE 'Europe/Helsinki') AS differ
FROM t JOIN f USING (line);
-- and a zone whose summer time is half an hour, changed at 2.00 (Lord Howe Island, 2025)
WITH t AS (SELECT row_number() OVER (ORDER BY ts) + 1 AS line, ts
           FROM (SELECT generate_series(timestamp '2025-04-05 22:00', '2025-04-06 06:00', '4 minutes') AS ts
                 UNION ALL SELECT generate_series(timestamp '2025-10-04 22:00', '2025-10-05 06:00', '4 minutes')) x),
     f AS (SELECT r.line, r.received_at
           FROM pekefb.feedback_rows((SELECT 'id;aika' || string_agg(format(E'\n%s;%s', t.line, to_char(t.ts, 'FMDD.FMMM.YYYY HH24.MI')), '' ORDER BY t.line) FROM t),
                                     false, :fcols, '{"unit": "line", "submitted_column": "aika", "time_zone": "Australia/Lord_Howe"}') r)
SELECT count(*) AS records, count(*) FILTER (WHERE f.received_at IS DISTINCT FROM t.ts AT TIME ZONE 'Australia/Lord_Howe') AS differ
FROM t JOIN f USING (line);
SELECT * FROM pekefb.feedback_rows(E'id;aika\n1;1.13.2025\n', false, :fcols, '{"unit": "line", "submitted_column": "aika"}');
SELECT * FROM pekefb.feedback_rows('[{"id": 1, "aika": "x"}]', true, :fcols, '{"unit": "record", "submitted_column": "aika"}');
-- a broken file after a bad time: the file's structure is named first (as read_csv did)
SELECT * FROM pekefb.feedback_rows(E'id;aika\n1;1.13.2025\n2;"1.1.2025\n', false, :fcols, '{"unit": "line", "submitted_column": "aika"}');
SELECT * FROM pekefb.feedback_rows('[{"id": 1, "aika": "x"}, {"id": 2, "aika": ]', true, :fcols, '{"unit": "record", "submitted_column": "aika"}');
SELECT * FROM pekefb.feedback_rows(E'id;aika\n1;1.1.2025\n', false, :fcols, '[1]');
SELECT * FROM pekefb.feedback_rows(E'id;aika\n1;1.1.2025\n', false, :fcols, '{"omap": [1]}');
SELECT * FROM pekefb.feedback_rows(E'id;aika\n1;1.1.2025\n', false, ARRAY['id', 'aika'], '{}');
-- the memo of mapped texts: 600 distinct organisation texts (more than it remembers: the
-- rest mapped each time), a known name after them, a 2 000-byte name (not remembered):
-- every record mapped as without it
SELECT count(*) AS records, count(*) FILTER (WHERE organization_code IS NULL) AS unknown,
       count(*) FILTER (WHERE organization_code = 'kokkola') AS kokkola, count(*) FILTER (WHERE fault) AS faults
FROM pekefb.feedback_rows('id;aika;kieli;yksikkö' || (SELECT string_agg(format(E'\n%s;1.7.2025;fi;%s', i,
                              CASE WHEN i <= 600 THEN 'yksikkö ' || i WHEN i <= 650 THEN ' KOKKOLA ' ELSE repeat('x', 2000) END), '')
                          FROM generate_series(1, 660) i),
                          false, :fcols, '{"unit": "line", "survey": "web", "service": "neuvola", "olow": {"kokkola": "kokkola"}, "nmap": {}}');
-- loader_joins with NULLs changes nothing
BEGIN;
SELECT region.loader_joins(NULL, NULL, NULL), region.loader_joins(5000, NULL, 150), region.loader_joins(5000, 'region.cases', NULL);
SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge, current_setting('enable_nestloop') AS nestloop;
ROLLBACK;

-- loader_joins: the join with the table from the file's size (8 kB of cases, some 54 rows
-- at 150 bytes): a tiny file probes (no hash or merge join), a big one hashes (no nested
-- loop), one in between is the planner's; until the transaction (the loader) ends
BEGIN;
SELECT pg_relation_size('region.cases') AS cases_bytes;
SELECT region.loader_joins(2, 'region.cases', 150);
SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge, current_setting('enable_nestloop') AS nestloop;
ROLLBACK;
BEGIN;
SELECT region.loader_joins(5000, 'region.cases', 150);
SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge, current_setting('enable_nestloop') AS nestloop;
ROLLBACK;
BEGIN;
SELECT region.loader_joins(500, 'region.cases', 150);
SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge, current_setting('enable_nestloop') AS nestloop;
ROLLBACK;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA region CASCADE;
RESET client_min_messages;
