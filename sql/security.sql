-- security: the install script and the functions that run SQL are search_path-safe
-- (CVE-2022-2625 class): operators and functions planted in a schema that comes before
-- pg_catalog on the caller's search_path are never called, neither while the extension is
-- created nor when its views and functions are used.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS pekefb CASCADE;
DROP SCHEMA IF EXISTS evil CASCADE;
RESET client_min_messages;

CREATE SCHEMA evil;
CREATE FUNCTION evil.trap_eq(text, text) RETURNS boolean LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'planted text = text was called'; END $$;
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, PROCEDURE = evil.trap_eq);
CREATE FUNCTION evil.trap_date_eq(date, date) RETURNS boolean LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'planted date = date was called'; END $$;
CREATE OPERATOR evil.= (LEFTARG = date, RIGHTARG = date, PROCEDURE = evil.trap_date_eq);
CREATE FUNCTION evil.now() RETURNS timestamptz LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'planted now() was called'; END $$;
CREATE FUNCTION evil.md5(text) RETURNS text LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'planted md5() was called'; END $$;

SET search_path = evil, pg_catalog, public;
CREATE EXTENSION pekefb;

INSERT INTO pekefb.organizations (code, name_fi, kind) VALUES ('reg', 'Alue', 'wellbeing_area');
INSERT INTO pekefb.organizations (code, name_fi, kind, parent_code) VALUES ('a', 'A', 'municipality', 'reg');
INSERT INTO pekefb.indicators (code, name_fi, unit, deadline) VALUES ('care', 'Hoito', '%', '14 days');
INSERT INTO pekefb.cases (indicator_code, organization_code, started, finished)
  VALUES ('care', 'a', '2020-01-02', '2020-01-10'), ('care', 'a', '2020-01-03', NULL);
SELECT pekefb.refresh_access_measurements('2020-01-01', '2020-12-31');
SELECT indicator_code, organization_code, value_text, status FROM pekefb.indicator_status ORDER BY 2;
SELECT organization_code, period, cases FROM pekefb.access_summary ORDER BY 1, 2;
SELECT pekefb.import_feedback('[{"received_at": "2020-01-05T10:00:00+02:00", "organization": "a",
  "service": "neuvola", "response": {"role": "parent", "nps": 10}}]');
SELECT organization_code, responses FROM pekefb.feedback_summary;
SELECT organization_code, responses FROM pekefb.organization_overview;

RESET search_path;
TRUNCATE pekefb.feedback_responses, pekefb.cases, pekefb.measurements, pekefb.targets,
         pekefb.indicators, pekefb.organizations;
DROP SCHEMA evil CASCADE;
