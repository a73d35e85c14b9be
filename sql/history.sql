-- history: every change of a measurement or a target keeps the version it replaces
-- (measurement_history, target_history: who, when, source), loaded_at and loaded_by are
-- set by the database whatever the loader gives, and the figures read as they stood at a
-- past moment (measurements_as_of, targets_as_of, indicator_status_as_of).  Each statement
-- below is its own transaction, so each write has its own now().
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SELECT pekefb.create_region('hist_region', 'reg', 'Alue');
SET search_path = hist_region, pekefb, public;
INSERT INTO organizations (code, name_fi, kind, parent_code) VALUES ('a', 'A', 'municipality', 'reg');
INSERT INTO indicators (code, name_fi, unit) VALUES ('pta', 'Arviointi valmis määräajassa', '%');

-- A loader cannot forge the stamp: loaded_at and loaded_by are the database's (0.2.0 kept
-- what the INSERT gave).
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value, source, loaded_at, loaded_by)
VALUES ('pta', 'a', '2020-01-01', '2020-12-31', '810/896', 'Sosiaali-Efica', '2000-01-01 00:00+00', 'mallory');
SELECT loaded_at > '2020-01-01' AS loaded_at_is_now, loaded_at = (SELECT max(loaded_at) FROM measurements) AS stamped,
       loaded_by = current_user AS loaded_by_is_writer
FROM measurements;
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target, source, loaded_at, loaded_by)
VALUES ('pta', NULL, '2020-01-01', '2020-12-31', '>= 90,5%', 'aluehallitus 1.2.2020', '2000-01-01 00:00+00', 'mallory');
SELECT loaded_at > '2020-01-01' AS loaded_at_is_now, loaded_by = current_user AS loaded_by_is_writer FROM targets;
-- The insert trigger's test of a stamp (pekefb.stamped_now: now() and the current user,
-- whose name it looks up once): right only for the transaction's time and the current
-- role, also after SET ROLE and after the role is renamed.
CREATE ROLE hist_writer;
GRANT hist_writer TO CURRENT_USER;
BEGIN;
SELECT pekefb.stamped_now(now(), current_user::text) AS now_me, pekefb.stamped_now(now() - interval '1 second', current_user::text) AS earlier,
       pekefb.stamped_now(now(), 'mallory') AS other_name, pekefb.stamped_now(NULL, current_user::text) IS NULL AS null_time;
SET LOCAL ROLE hist_writer;
SELECT pekefb.stamped_now(now(), 'hist_writer') AS as_writer, pekefb.stamped_now(now(), session_user::text) AS as_session_user;
RESET ROLE;
ALTER ROLE hist_writer RENAME TO hist_writer2;
SET LOCAL ROLE hist_writer2;
SELECT pekefb.stamped_now(now(), 'hist_writer') AS old_name, pekefb.stamped_now(now(), 'hist_writer2') AS new_name;
ROLLBACK;
DROP ROLE hist_writer;
SELECT pg_sleep(0.02);
SELECT clock_timestamp() AS before_correction \gset
SELECT pg_sleep(0.02);

-- The statistics unit corrects the figure: 810/896 -> 812/896.  An update moves loaded_at
-- and keeps the earlier version, also when it tries to set the stamp itself.
CREATE TEMP TABLE first_load AS SELECT loaded_at FROM measurements;
UPDATE measurements SET value = '812/896', source = 'Sosiaali-Efica, korjattu', loaded_at = '2000-01-01 00:00+00', loaded_by = 'mallory';
SELECT m.loaded_at > f.loaded_at AS loaded_at_moved, m.loaded_at > '2020-01-01' AS not_forged,
       m.loaded_by = current_user AS loaded_by_is_writer
FROM measurements m, first_load f;
SELECT h.value, h.source, h.valid_from = f.loaded_at AS valid_from_is_first_load,
       h.valid_to = m.loaded_at AS valid_to_is_correction, h.loaded_by = current_user AS loaded_by, h.change,
       h.changed_by = current_user AS changed_by
FROM measurement_history h, first_load f, measurements m;
SELECT pg_sleep(0.02);
SELECT clock_timestamp() AS after_correction \gset
SELECT pg_sleep(0.02);

-- An update that changes nothing is skipped: no new stamp, no history (re-loading the same
-- figures changes nothing).
UPDATE measurements SET value = '812/896';
UPDATE measurements SET value = '812/896', loaded_at = now();
SELECT count(*) AS history_rows FROM measurement_history;

-- The target is raised: >= 90,5% -> >= 91%.
UPDATE targets SET target = '>= 91%', source = 'aluehallitus 1.6.2020';
SELECT t.target::text, t.source, t.change FROM target_history t;
SELECT pg_sleep(0.02);
SELECT clock_timestamp() AS after_target_change \gset
SELECT pg_sleep(0.02);

-- What was reported when: before the correction 810/896 = 0.90402 missed >= 90.5 %; after
-- it 812/896 = 0.90625 met it; after the target change it misses >= 91 %.
SELECT 'before correction' AS as_of, value_text, round(value::numeric, 5) AS value, target_text, status, source
FROM indicator_status_as_of(:'before_correction')
UNION ALL
SELECT 'after correction', value_text, round(value::numeric, 5), target_text, status, source
FROM indicator_status_as_of(:'after_correction')
UNION ALL
SELECT 'after target change', value_text, round(value::numeric, 5), target_text, status, source
FROM indicator_status_as_of(:'after_target_change')
UNION ALL
SELECT 'now (the view)', value_text, round(value::numeric, 5), target_text, status, source
FROM indicator_status;
SELECT value::text, source FROM measurements_as_of(:'before_correction');
SELECT target::text, source FROM targets_as_of(:'before_correction');
-- before the first load there was nothing; NULL is no moment
SELECT count(*) AS before_first_load FROM measurements_as_of('2020-01-01');
SELECT count(*) AS at_null FROM measurements_as_of(NULL), targets_as_of(NULL);

-- A delete keeps the last version: as of before the delete the figure is still there.
SELECT pg_sleep(0.02);
SELECT clock_timestamp() AS before_delete \gset
SELECT pg_sleep(0.02);
DELETE FROM measurements;
SELECT value::text, change FROM measurement_history ORDER BY history_id;
SELECT value_text, status FROM indicator_status_as_of(:'before_delete');
SELECT count(*) AS now_rows FROM indicator_status;
DELETE FROM targets;
SELECT target::text, change FROM target_history ORDER BY history_id;

-- A version written and replaced in one transaction was never seen by others: not kept.
BEGIN;
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
VALUES ('pta', 'a', '2021-01-01', '2021-12-31', '1/2');
UPDATE measurements SET value = '2/3' WHERE period_start = '2021-01-01';
COMMIT;
SELECT count(*) AS history_rows FROM measurement_history WHERE period_start = '2021-01-01';

-- Many rows in one statement: one history row each.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
SELECT 'pta', 'a', make_date(y, 1, 1), make_date(y, 12, 31), '5/10' FROM generate_series(2010, 2019) y;
UPDATE measurements SET value = '6/10' WHERE period_start < '2020-01-01';
SELECT count(*) AS kept, count(DISTINCT valid_to) AS one_change_time FROM measurement_history WHERE value OPERATOR(pekefb.=) '5/10';

-- At now() the function and the view agree row for row.
SELECT count(*) AS view_rows,
       (SELECT count(*) FROM (SELECT * FROM indicator_status_as_of(now()) EXCEPT ALL SELECT * FROM indicator_status) x) AS only_function,
       (SELECT count(*) FROM (SELECT * FROM indicator_status EXCEPT ALL SELECT * FROM indicator_status_as_of(now())) x) AS only_view
FROM indicator_status;

-- The history tables are the region's like every table: keys, comments on every column.
SELECT c.relname, count(*) AS columns, count(*) FILTER (WHERE col_description(c.oid, a.attnum) IS NULL) AS without_comment
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'hist_region'::regnamespace AND c.relname IN ('measurement_history', 'target_history', 'targets')
GROUP BY 1 ORDER BY 1;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA hist_region CASCADE;
RESET client_min_messages;
