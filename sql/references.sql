-- references: cases, measurements and feedback_responses refer to their organisation,
-- indicator and survey through checks made once per statement (src/region/references.sql)
-- instead of per-row foreign keys: the same refusals, SQLSTATE 23503 and messages as the
-- foreign keys they stand for, on both sides (a row that refers to a missing code; a code
-- deleted, renamed or truncated while rows refer to it), for the owner and for a member
-- writing through row-level security.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
\i test/regress/try.sql
SELECT pekefb.create_region('ref_region', 'reg', 'Alue');
SET search_path = ref_region, pekefb, public;
INSERT INTO organizations (code, name_fi, kind, parent_code) VALUES
    ('a', 'A', 'municipality', 'reg'), ('b', 'B', 'municipality', 'reg'), ('c', 'C', 'municipality', 'reg');
INSERT INTO indicators (code, name_fi, unit, deadline) VALUES ('care', 'Hoitoon pääsy', '%', '3 months');
INSERT INTO indicators (code, name_fi, unit) VALUES ('share', 'Osuus', '%'), ('unused', 'Käyttämätön', '%');
INSERT INTO feedback_surveys (code, tool, organization_code, service) VALUES ('s', 'webropol', 'a', 'neuvola');

-- The tables carry no foreign key to these three parents any more; the triggers stand in.
SELECT c.conrelid::regclass AS tab, c.conname
FROM pg_constraint c
WHERE c.contype = 'f' AND c.conrelid IN ('cases'::regclass, 'measurements'::regclass, 'feedback_responses'::regclass);
SELECT tgrelid::regclass AS tab, tgname
FROM pg_trigger
WHERE tgfoid IN ('check_references()'::regprocedure, 'check_referenced()'::regprocedure, 'check_referenced_truncate()'::regprocedure)
ORDER BY 1, 2;

-- Writes that refer to what exists go in; each refused write names the constraint, the
-- key and the table, as the foreign key did.
INSERT INTO cases (organization_code, indicator_code, case_id, started, finished)
VALUES ('a', 'care', 'k1', '2025-01-02', '2025-01-20'), ('b', 'care', 'k2', '2025-01-03', NULL);
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
VALUES ('share', 'a', '2025-01-01', '2025-12-31', '9/10');
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, survey_code, source_response_id)
VALUES ('a', 's:1', '2025-02-01 10:00+02', 'neuvola', '{"nps": 9}', 's', '1');
SELECT * FROM pg_temp.try($$INSERT INTO cases (organization_code, indicator_code, case_id, started) VALUES ('a', 'care', 'k3', '2025-01-04'), ('x', 'care', 'k4', '2025-01-04')$$);
SELECT * FROM pg_temp.try($$INSERT INTO cases (organization_code, indicator_code, case_id, started) VALUES ('a', 'nope', 'k5', '2025-01-04')$$);
SELECT * FROM pg_temp.try($$UPDATE cases SET organization_code = 'zz' WHERE case_id = 'k1'$$);
SELECT * FROM pg_temp.try($$INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES ('nope', 'a', '2025-01-01', '2025-12-31', '1/2')$$);
SELECT * FROM pg_temp.try($$UPDATE measurements SET organization_code = 'y'$$);
SELECT * FROM pg_temp.try($$INSERT INTO feedback_responses (organization_code, received_at, service, response) VALUES ('q', now(), 'neuvola', '{"nps": 1}')$$);
SELECT * FROM pg_temp.try($$INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, survey_code, source_response_id) VALUES ('a', 'nosurvey:1', now(), 'neuvola', '{"nps": 1}', 'nosurvey', '1')$$);
-- every way of writing rows is checked: MERGE (insert and update), COPY, and the update
-- of INSERT ... ON CONFLICT
SELECT * FROM pg_temp.try($$MERGE INTO cases c USING (VALUES ('zz', 'care', 'm1', date '2025-01-01')) v (o, i, id, s) ON c.case_id = v.id
  WHEN NOT MATCHED THEN INSERT (organization_code, indicator_code, case_id, started) VALUES (v.o, v.i, v.id, v.s)$$);
SELECT * FROM pg_temp.try($$MERGE INTO cases c USING (VALUES ('zz', 'k1')) v (o, id) ON c.case_id = v.id
  WHEN MATCHED THEN UPDATE SET organization_code = v.o$$);
SELECT * FROM pg_temp.try($$COPY cases (organization_code, indicator_code, case_id, started) FROM PROGRAM 'printf ''qq\tcare\tm3\t2025-01-01\n'''$$);
SELECT * FROM pg_temp.try($$INSERT INTO cases (organization_code, indicator_code, case_id, started) VALUES ('a', 'care', 'k1', '2025-01-02')
  ON CONFLICT (indicator_code, case_id, organization_code) DO UPDATE SET organization_code = 'yy'$$);
-- a loaded row's id is its source and the source's id (the primary key is the source key)
SELECT * FROM pg_temp.try($$INSERT INTO cases (organization_code, indicator_code, case_id, source_system, source_case_id, started) VALUES ('a', 'care', 'other', 'efica', '7', '2025-01-04')$$);
SELECT * FROM pg_temp.try($$INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, survey_code, source_response_id) VALUES ('a', 'x', '2025-02-01 10:00+02', 'neuvola', '{"nps": 1}', 's', '2')$$);
SELECT count(*) AS cases, (SELECT count(*) FROM measurements) AS measurements, (SELECT count(*) FROM feedback_responses) AS responses FROM cases;

-- The referred side: a code still referred to cannot go, by DELETE, by renaming it or by
-- TRUNCATE; one that nothing refers to can; truncating the referring table in the same
-- statement is allowed.
SELECT * FROM pg_temp.try($$DELETE FROM organizations WHERE code = 'b'$$);
SELECT * FROM pg_temp.try($$UPDATE indicators SET code = 'share2' WHERE code = 'share'$$);
SELECT * FROM pg_temp.try($$DELETE FROM feedback_surveys WHERE code = 's'$$);
SELECT * FROM pg_temp.try($$TRUNCATE indicators CASCADE$$);
SELECT * FROM pg_temp.try($$TRUNCATE feedback_surveys CASCADE$$);
SELECT * FROM pg_temp.try($$DELETE FROM organizations WHERE code = 'c'$$);
SELECT * FROM pg_temp.try($$UPDATE indicators SET code = 'unused2' WHERE code = 'unused'$$);
SELECT * FROM pg_temp.try($$UPDATE organizations SET name_fi = 'B:n kunta' WHERE code = 'b'$$);
BEGIN;
TRUNCATE feedback_surveys, feedback_responses CASCADE;
SELECT count(*) AS surveys_left FROM feedback_surveys;
ROLLBACK;
-- deleting the referring rows first, in the same statement or before, frees the code
WITH gone AS (DELETE FROM cases WHERE organization_code = 'b' RETURNING 1) SELECT count(*) AS deleted FROM gone;
SELECT * FROM pg_temp.try($$DELETE FROM organizations WHERE code = 'b'$$);
SELECT code FROM organizations ORDER BY code;

-- A member that may write organisation a (row-level security) refers to a's rows and to
-- the region's indicators without any right on organizations or indicators beyond reading:
-- the check runs with the owner's rights, as a foreign key's does, and locks the rows it
-- found (FOR KEY SHARE) without an UPDATE right on them.
SET client_min_messages = warning;
DROP ROLE IF EXISTS pekefb_ref_writer;
RESET client_min_messages;
CREATE ROLE pekefb_ref_writer;
SELECT add_member('pekefb_ref_writer', 'a', 'write');
SET ROLE pekefb_ref_writer;
INSERT INTO cases (organization_code, indicator_code, case_id, started) VALUES ('a', 'care', 'm1', '2025-03-01');
SELECT * FROM pg_temp.try($$INSERT INTO cases (organization_code, indicator_code, case_id, started) VALUES ('a', 'missing', 'm2', '2025-03-01')$$);
SELECT * FROM pg_temp.try($$INSERT INTO cases (organization_code, indicator_code, case_id, started) VALUES ('reg', 'care', 'm3', '2025-03-01')$$);
RESET ROLE;
SELECT organization_code, case_id FROM cases ORDER BY 1, 2;
SELECT remove_member('pekefb_ref_writer', 'a');
DROP ROLE pekefb_ref_writer;
SET client_min_messages = warning;
DROP SCHEMA ref_region CASCADE;
