#!/usr/bin/env bash
# test/bench/loaders.sh: rows per second of the region's loaders (doc/loading.md), each file
# generated in the database and passed as the text argument, as psql's :'content' would:
# N measurements (default 200 000), N cases and N/2 feedback responses (Webropol CSV and
# LimeSurvey JSON), first into empty tables, then the same file again (all unchanged).
# Times are wall-clock of one run (clock_timestamp around each call) on a shared machine:
# read the rows per second as an order of magnitude and the ratios within the run, never
# as pass/fail.  The last columns put the first load beside one plain INSERT of the same rows
# (already typed) into the same table, the database stamping loaded_at and loaded_by as on a
# load: the table's own cost (its key and indexes, the reference, unit and other triggers),
# which no loader can go below.  Each file starts after a CHECKPOINT, so that the earlier
# files' writes are not charged to it.  FILES picks the files, KEEP=1 keeps
# the database, STATES=off disables the triggers that keep the states (below), to measure
# their cost.  Needs PGHOST PGPORT PGUSER PGBIN.
set -euo pipefail
N=${N:-200000}
DB=bench_loaders
. "$(dirname "$0")/lib.bash"

psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -d $DB <<SQL
SET client_min_messages = warning;
CREATE EXTENSION pekefb;
SELECT pekefb.create_region('region', 'soite', 'Keski-Pohjanmaan hyvinvointialue') IS NOT NULL;
\i test/sample/organizations.sql
-- 50 indicators x 15 organisations x periods: distinct keys for N measurements
INSERT INTO region.indicators (code, name_fi, unit)
SELECT 'ind-' || i, 'Mittari ' || i, '%' FROM generate_series(1, 50) i;
INSERT INTO region.indicators (code, name_fi, unit, deadline) VALUES ('ls-7arkipv', 'Lastensuojeluasian käsittely', '%', '7 working days'),
  ('pta-3kk', 'Palvelutarpeen arviointi', '%', '3 months');
INSERT INTO region.case_mappings VALUES ('Lastensuojeluasia', 'ls-7arkipv'), ('Palvelutarve', 'pta-3kk');
INSERT INTO region.feedback_surveys (code, tool, id_column, submitted_column, language_column, organization_column, service, nps_column, comment_column, role)
VALUES ('web', 'webropol', 'Tunnus', 'Valmis', 'Kieli', 'Yksikkö', 'neuvola', 'Suosittelu', 'Palaute', 'parent'),
       ('ls', 'limesurvey', 'id', 'submitdate', 'startlanguage', 'G00Q01', 'neuvola', 'G01Q01', 'G01Q03', 'client');
INSERT INTO region.feedback_questions SELECT s, q, st FROM (VALUES ('web', 'Helppoa', 'easy'), ('web', 'Apua', 'helped'), ('web', 'Turvallinen', 'safe'),
  ('ls', 'G01Q02[SQ001]', 'easy'), ('ls', 'G01Q02[SQ002]', 'helped'), ('ls', 'G01Q02[SQ003]', 'safe')) AS q (s, q, st);
INSERT INTO region.feedback_answers SELECT 'web', a, sc FROM (VALUES ('Täysin samaa mieltä', 5), ('Jokseenkin samaa mieltä', 4), ('Ei samaa eikä eri mieltä', 3),
  ('Jokseenkin eri mieltä', 2), ('Täysin eri mieltä', 1), ('En osaa sanoa', NULL)) AS x (a, sc);
INSERT INTO region.feedback_answers SELECT 'ls', 'AO0' || i, CASE WHEN i = 6 THEN NULL ELSE i END FROM generate_series(1, 6) i;
CREATE TABLE files (name text PRIMARY KEY, rows bigint, content text);
INSERT INTO files
SELECT 'measurements', $N, 'Indikaattori;Kunta;Alku;Loppu;Osoittaja;Nimittäjä' || E'\n' || string_agg(format('Mittari %s;%s;1.%s.%s;%s.%s.%s;%s;%s',
         1 + i % 50, (ARRAY['Kokkola','Kannus','Kaustinen','Veteli','Toholampi','Perho','Halsua','Lestijärvi'])[1 + (i / 50) % 8],
         1 + (i / 400) % 12, 1900 + i / 4800, CASE WHEN 1 + (i / 400) % 12 = 2 THEN 28 ELSE 30 END, 1 + (i / 400) % 12, 1900 + i / 4800,
         replace(((i * 7) % 900)::text, '', ''), 1000), E'\n')
FROM generate_series(0, $N - 1) i;
INSERT INTO files
SELECT 'cases', $N, 'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu' || E'\n' || string_agg(format('C-%s;%s;%s;%s;%s',
         i, CASE WHEN i % 2 = 0 THEN 'Lastensuojeluasia' ELSE 'Palvelutarve' END,
         (ARRAY['Kokkola','Kannus','Kaustinen','Veteli','Toholampi','Perho','Halsua','Lestijärvi'])[1 + i % 8],
         to_char(date '2022-01-01' + i % 1400, 'FMDD.FMMM.YYYY'),
         CASE WHEN i % 10 = 0 THEN '' ELSE to_char(date '2022-01-01' + i % 1400 + i % 40, 'FMDD.FMMM.YYYY') END), E'\n')
FROM generate_series(0, $N - 1) i;
INSERT INTO files
SELECT 'webropol', $N / 2, '"Tunnus";"Valmis";"Kieli";"Yksikkö";"Suosittelu";"Helppoa";"Apua";"Turvallinen";"Palaute"' || E'\n' || string_agg(format('"W-%s";"%s";"fi";"%s";"%s";"%s";"%s";"%s";"%s"',
         i, to_char(timestamp '2024-01-01 08:00' + i * interval '3 minutes', 'FMDD.FMMM.YYYY HH24.MI'),
         (ARRAY['Kokkola','Kannus','Kaustinen','Veteli'])[1 + i % 4], i % 11,
         (ARRAY['Täysin samaa mieltä','Jokseenkin samaa mieltä','Ei samaa eikä eri mieltä','Jokseenkin eri mieltä','Täysin eri mieltä','En osaa sanoa'])[1 + i % 6],
         (ARRAY['Täysin samaa mieltä','Jokseenkin samaa mieltä','En osaa sanoa'])[1 + i % 3],
         (ARRAY['Täysin samaa mieltä','Jokseenkin eri mieltä'])[1 + i % 2],
         CASE WHEN i % 7 = 0 THEN 'Odotusaika oli pitkä.' ELSE '' END), E'\n')
FROM generate_series(0, $N / 2 - 1) i;
INSERT INTO files
SELECT 'limesurvey', $N / 2, '{"responses": [' || string_agg(format('{"id": %s, "submitdate": "%s", "lastpage": 2, "startlanguage": "fi", "seed": "%s", "G00Q01": "%s", "G01Q01": "%s", "G01Q02[SQ001]": "AO0%s", "G01Q02[SQ002]": "AO0%s", "G01Q02[SQ003]": "AO0%s", "G01Q03": %s}',
         i, to_char(timestamp '2024-01-01 08:00' + i * interval '3 minutes', 'YYYY-MM-DD HH24:MI:SS'), 1000000 + i,
         (ARRAY['Kokkola','Kannus','Kaustinen','Veteli'])[1 + i % 4], i % 11, 1 + i % 6, 1 + i % 5, 1 + i % 4,
         CASE WHEN i % 7 = 0 THEN '"Odotusaika oli pitkä."' ELSE 'null' END), ', ') || ']}'
FROM generate_series(0, $N / 2 - 1) i;
SQL

# STATES=off: the region's access-state triggers on cases, and the feedback-state and
# stale-year triggers on feedback_responses (doc/feedback_states.md, doc/states.md),
# disabled (the cost of keeping them is the ratio of a run with them to one without)
if [ "${STATES:-on}" = off ]; then
	psql -d $DB -c "ALTER TABLE region.cases DISABLE TRIGGER cases_states_insert, DISABLE TRIGGER cases_states_update, DISABLE TRIGGER cases_states_delete, DISABLE TRIGGER cases_states_truncate"
	psql -d $DB -c "ALTER TABLE region.feedback_responses DISABLE TRIGGER feedback_rows_insert, DISABLE TRIGGER feedback_rows_update, DISABLE TRIGGER feedback_rows_delete, DISABLE TRIGGER feedback_rows_truncate, DISABLE TRIGGER feedback_responses_states_insert, DISABLE TRIGGER feedback_responses_states_update, DISABLE TRIGGER feedback_responses_states_delete, DISABLE TRIGGER feedback_responses_states_truncate"
fi
echo "loaders, $(machine); one run, wall-clock; state triggers ${STATES:-on}"
echo "| file | rows | first load ms | rows/s | re-load (unchanged) ms | rows/s | plain INSERT of the loaded rows ms | rows/s | first load / plain INSERT | reader alone (read_csv / read_json) rows/s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for f in ${FILES:-measurements cases webropol limesurvey}; do
	case $f in
		measurements) call="region.load_measurements(content)"; tbl=region.measurements; filter=true; reader=read_csv ;;
		cases) call="region.load_cases(content, 'efica')"; tbl=region.cases; filter=true; reader=read_csv ;;
		webropol) call="region.load_webropol('web', content)"; tbl=region.feedback_responses; filter="survey_code = 'web'"; reader=read_csv ;;
		limesurvey) call="region.load_limesurvey('ls', content)"; tbl=region.feedback_responses; filter="survey_code = 'ls'"; reader=read_json ;;
	esac
	# every file starts from the same state: the earlier files' writes flushed, not charged to it
	psql -d $DB -c "CHECKPOINT"
	psql -d $DB -At <<SQL
CREATE TEMP TABLE t AS SELECT 0 AS k, clock_timestamp() AS at;
SELECT * FROM files f, LATERAL $call l WHERE f.name = '$f' \\g /dev/null
INSERT INTO t SELECT 1, clock_timestamp();
SELECT * FROM files f, LATERAL $call l WHERE f.name = '$f' \\g /dev/null
INSERT INTO t SELECT 2, clock_timestamp();
-- the table's own cost: the same rows, already typed, by one plain INSERT (triggers, keys, indexes)
CREATE TEMP TABLE copy AS SELECT * FROM $tbl WHERE $filter;
DELETE FROM $tbl WHERE $filter;
INSERT INTO t SELECT 3, clock_timestamp();
SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS cols FROM pg_attribute
WHERE attrelid = '$tbl'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
  AND attname NOT IN ('loaded_at', 'loaded_by') \\gset
INSERT INTO $tbl (:cols) SELECT :cols FROM copy;
INSERT INTO t SELECT 4, clock_timestamp();
-- the reader alone: every record with every field of the header
SELECT count(*) FROM files f, LATERAL pekefb.$reader(f.content, ARRAY['?pekefb-none']) r WHERE f.name = '$f' \\g /dev/null
INSERT INTO t SELECT 5, clock_timestamp();
SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |', '$f', f.rows,
              round(extract(epoch FROM t1.at - t0.at) * 1000), round(f.rows / extract(epoch FROM t1.at - t0.at)),
              round(extract(epoch FROM t2.at - t1.at) * 1000), round(f.rows / extract(epoch FROM t2.at - t1.at)),
              round(extract(epoch FROM t4.at - t3.at) * 1000), round(f.rows / extract(epoch FROM t4.at - t3.at)),
              round((extract(epoch FROM t1.at - t0.at) / extract(epoch FROM t4.at - t3.at))::numeric, 2),
              round(f.rows / extract(epoch FROM t5.at - t4.at)))
FROM files f, t t0, t t1, t t2, t t3, t t4, t t5
WHERE f.name = '$f' AND t0.k = 0 AND t1.k = 1 AND t2.k = 2 AND t3.k = 3 AND t4.k = 4 AND t5.k = 5;
SQL
done
[ -n "${KEEP:-}" ] || psql -d postgres -c "DROP DATABASE $DB"
