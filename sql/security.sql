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

-- A region created and used with the same hostile search_path: its tables, triggers, views
-- and functions bind to pg_catalog, pekefb and the region's schema only.
CREATE FUNCTION evil.gen_random_uuid() RETURNS uuid LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'planted gen_random_uuid() was called'; END $$;
CREATE FUNCTION evil.timezone(text, timestamptz) RETURNS timestamp LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'planted timezone() was called'; END $$;
CREATE FUNCTION evil.trap_int_eq(integer, integer) RETURNS boolean LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'planted integer = integer was called'; END $$;
CREATE OPERATOR evil.= (LEFTARG = integer, RIGHTARG = integer, PROCEDURE = evil.trap_int_eq);
SELECT pekefb.create_region('secure_region', 'reg', 'Alue');
INSERT INTO secure_region.organizations (code, name_fi, kind, parent_code) VALUES ('a', 'A', 'municipality', 'reg');
INSERT INTO secure_region.indicators (code, name_fi, unit, deadline) VALUES ('care', 'Hoito', '%', '14 days');
INSERT INTO secure_region.cases (indicator_code, organization_code, started, finished)
  VALUES ('care', 'a', '2020-01-02', '2020-01-10'), ('care', 'a', '2020-01-03', NULL);
SELECT secure_region.refresh_access_measurements('2020-01-01', '2020-12-31');
-- (the caller's own comparisons are the caller's: qualified here)
UPDATE secure_region.measurements SET source = 'checked' WHERE organization_code OPERATOR(pg_catalog.=) 'a';
SELECT indicator_code, organization_code, value_text, status FROM secure_region.indicator_status ORDER BY 2;
SELECT organization_code, includes_sub_organizations, period_kind, cases
FROM secure_region.access_summary ORDER BY 1, 2, 3;
SELECT secure_region.import_feedback('[{"received_at": "2020-01-05T10:00:00+02:00", "organization": "a",
  "service": "neuvola", "response": {"role": "parent", "nps": 10}}]');
SELECT organization_code, includes_sub_organizations, responses FROM secure_region.feedback_summary ORDER BY 1, 2;
SELECT count(*) AS item_rows FROM secure_region.feedback_item_summary;
SELECT count(*) AS theme_rows FROM secure_region.feedback_theme_summary;
SELECT organization_code, includes_sub_organizations, responses FROM secure_region.organization_overview ORDER BY 1, 2;
SELECT secure_region.rebuild_organization_tree();
SELECT pekefb.upgrade_region('secure_region');

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA secure_region CASCADE;
RESET client_min_messages;
DROP SCHEMA evil CASCADE;
