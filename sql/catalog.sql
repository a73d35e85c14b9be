-- catalog: a region's organisations, indicators, targets and measurements tables, their
-- constraints, the organisation tree, and the indicator_status view (target in force,
-- status, previous value); create_region's own checks; the region's catalogue is BI-ready
-- (keys, comments, standard types).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;

-- The region registers its wellbeing area as the root organisation.
SELECT pekefb.create_region('catalog_region', 'reg', 'Alue', 'Området');
SET search_path = catalog_region, pekefb, public;
SELECT code, name_fi, name_sv, kind, parent_code FROM organizations;
SELECT name, area_code, time_zone, calendar, extra_closing_days, roll_forward, min_group_size, pekefb_version
FROM settings;

INSERT INTO organizations (code, name_fi, name_sv, kind, parent_code) VALUES
  ('a', 'Kunta A', 'Kommun A', 'municipality', 'reg'),
  ('b', 'Kunta B', NULL, 'municipality', 'reg');
INSERT INTO indicators (code, name_fi, name_sv, name_en, unit, period) VALUES
  ('share', 'Osuus määräajassa', 'Andel inom tidsfristen', 'Share within the limit', '%', 'year'),
  ('wait', 'Odotus', 'Väntetid', NULL, 'd', 'year'),
  ('groups', 'Ryhmät', NULL, NULL, '', 'year');

-- Region-wide targets (organization_code NULL) and organisation a's own target for 2025.
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target) VALUES
  ('share', NULL, '2024-01-01', '2024-12-31', '>= 90%'),
  ('share', NULL, '2025-01-01', '2025-12-31', '>= 95%'),
  ('share', 'a',  '2025-01-01', '2025-12-31', '>= 80%'),
  ('wait',  NULL, '2025-01-01', '2025-12-31', '<= 60 d');

INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  ('share', 'a', '2024-01-01', '2024-12-31', '9/10'),     -- 0.9 >= 90%: met (exactly on the line)
  ('share', 'a', '2025-01-01', '2025-12-31', '17/20'),    -- 0.85: a's own >= 80% applies: met
  ('share', 'b', '2025-01-01', '2025-12-31', '18/20'),    -- 0.9: region's >= 95% applies: missed
  ('share', 'a', '2025-01-01', '2025-03-31', '4/5'),      -- a quarter inside 2025: a's target, 0.8: met
  ('share', 'b', '2023-01-01', '2023-12-31', '1/2'),      -- no target for 2023
  ('wait',  'a', '2025-01-01', '2025-12-31', '61 d'),     -- 61 > 60: missed
  ('wait',  'b', '2025-01-01', '2025-12-31', '120/2 d'),  -- mean 60 days: met
  ('groups','reg','2025-01-01', '2025-12-31', '12');      -- no target
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
SELECT 'share', 'reg', period_start, period_end, sum(value)
FROM measurements WHERE indicator_code = 'share' AND organization_code <> 'reg'
GROUP BY period_start, period_end;

SELECT indicator_code, organization_code, period_start, period_end, value_text, value,
       numerator, denominator, unit, target_text, target_value, attained, round(attainment::numeric, 4) AS attainment,
       status, previous_value, round(change::numeric, 4) AS change
FROM indicator_status ORDER BY indicator_code, organization_code, period_start, period_end;

-- Labels follow pekefb.language (Finnish by default); a missing translation falls back to Finnish.
SELECT DISTINCT indicator_code, organization_code, indicator_name, organization_name, status, status_label
FROM indicator_status WHERE period_start = '2025-01-01' AND period_end = '2025-12-31' ORDER BY 1, 2;
SET pekefb.language = 'sv';
SELECT DISTINCT indicator_code, organization_code, indicator_name, organization_name, status, status_label
FROM indicator_status WHERE period_start = '2025-01-01' AND period_end = '2025-12-31' ORDER BY 1, 2;
SET pekefb.language = 'en';
SELECT DISTINCT indicator_code, organization_code, indicator_name, organization_name, status, status_label
FROM indicator_status WHERE period_start = '2025-01-01' AND period_end = '2025-12-31' ORDER BY 1, 2;
SET pekefb.language = 'de';
RESET pekefb.language;
-- localized(fi, sv, en): the same rule for labels of one's own (Finnish where a translation is missing).
SELECT localized('saavutettu', 'uppnått', 'met') AS fi, localized('Kunta B', NULL) AS fi_only;
SET pekefb.language = 'sv';
SELECT localized('saavutettu', 'uppnått', 'met') AS sv, localized('Kunta B', NULL) AS sv_missing,
       localized('Ryhmät', 'Grupper') AS sv_given;
SET pekefb.language = 'en';
SELECT localized('saavutettu', 'uppnått', 'met') AS en, localized('Odotus', 'Väntetid') AS en_missing,
       localized(NULL, 'x', 'y') AS no_finnish_label;
RESET pekefb.language;

-- The previous period is the one of the same length ending the day before: THL half-years
-- and months (February of a leap year) included.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  ('share', 'a', '2023-04-01', '2023-09-30', '90/100'),
  ('share', 'a', '2023-10-01', '2024-03-31', '95/100'),
  ('share', 'a', '2024-02-01', '2024-02-29', '7/10'),
  ('share', 'a', '2024-03-01', '2024-03-31', '8/10');
SELECT period_start, period_end, value, previous_value
FROM indicator_status WHERE indicator_code = 'share' AND organization_code = 'a' ORDER BY period_start, period_end;

-- Only standard column types in the view (BI tools read them without pekefb's types).
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a WHERE a.attrelid = 'catalog_region.indicator_status'::regclass AND a.attnum > 0
ORDER BY a.attnum;

-- Constraints: each of these is refused.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
  VALUES ('share', 'a', '2026-01-01', '2026-12-31', '45 d');           -- unit of the value is not the indicator's
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target)
  VALUES ('wait', NULL, '2026-01-01', '2026-12-31', '>= 90%');         -- unit of the target is not the indicator's
\set VERBOSITY terse
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
  VALUES ('share', 'a', '2026-12-31', '2026-01-01', '1/2');            -- period ends before it starts
\set VERBOSITY default
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
  VALUES ('share', 'a', '2025-01-01', '2025-12-31', '1/2');            -- second value for the same period
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value)
  VALUES ('share', 'nobody', '2025-01-01', '2025-12-31', '1/2');       -- unknown organisation
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target)
  VALUES ('share', NULL, '2025-01-01', '2025-12-31', '>= 99%');        -- second region target for the period
INSERT INTO organizations (code, name_fi, kind) VALUES ('c', 'C', 'club');        -- unknown kind
INSERT INTO organizations (code, name_fi, kind) VALUES ('Bad Code', 'C', 'ngo');  -- key format
INSERT INTO indicators (code, name_fi, unit) VALUES ('x', 'X', 'kg');             -- unknown unit
INSERT INTO indicators (code, name_fi, unit, deadline) VALUES ('y', 'Y', 'd', '14 days'); -- access indicators are shares
-- A multi-row load is all or nothing: the good first row is not kept.
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  ('groups', 'reg', '2026-01-01', '2026-12-31', '14'),
  ('groups', 'reg', '2027-01-01', '2027-12-31', '14%');
SELECT count(*) FROM measurements WHERE period_start >= '2026-01-01';

-- A measurement's loaded_at and loaded_by follow an update too.
CREATE TEMP TABLE before_update AS
  SELECT loaded_at FROM measurements WHERE indicator_code = 'groups' AND organization_code = 'reg';
SELECT pg_sleep(0.01);
BEGIN;
UPDATE measurements SET value = '13' WHERE indicator_code = 'groups' AND organization_code = 'reg';
SELECT m.loaded_at > b.loaded_at AS loaded_at_moved, m.loaded_by = current_user AS loaded_by_set
FROM measurements m, before_update b WHERE m.indicator_code = 'groups' AND m.organization_code = 'reg';
ROLLBACK;
-- An indicator's unit cannot change under its values.
UPDATE indicators SET unit = 'd' WHERE code = 'share';
-- An access indicator counts by completion unless told otherwise; other indicators have no basis.
INSERT INTO indicators (code, name_fi, unit, deadline) VALUES ('acc', 'Pääsy', '%', '14 days');
INSERT INTO indicators (code, name_fi, unit, deadline, count_by) VALUES ('acc2', 'Pääsy 2', '%', '7 working days', 'started');
SELECT code, deadline, count_by, higher_is_better FROM indicators WHERE code LIKE 'acc%' ORDER BY 1;
INSERT INTO indicators (code, name_fi, count_by) VALUES ('z', 'Z', 'finished');   -- count_by needs a deadline
INSERT INTO indicators (code, name_fi, unit, deadline, count_by) VALUES ('z', 'Z', '%', '14 days', 'closed');
DELETE FROM indicators WHERE code LIKE 'acc%';

-- The organisation tree is a table kept by a trigger; cycles are refused.
INSERT INTO organizations (code, name_fi, kind, parent_code) VALUES
  ('a1', 'A:n neuvola', 'municipality', 'a'), ('a1x', 'A1:n ryhmä', 'ngo', 'a1');
SELECT organization_code, ancestor_code, depth FROM organization_tree ORDER BY 1, 3;
UPDATE organizations SET parent_code = 'a1x' WHERE code = 'a';           -- a -> a1x -> a1 -> a
UPDATE organizations SET parent_code = 'a' WHERE code = 'a';             -- its own parent
UPDATE organizations SET parent_code = 'b' WHERE code = 'a1';            -- moving a subtree
SELECT organization_code, ancestor_code, depth FROM organization_tree WHERE organization_code LIKE 'a1%' ORDER BY 1, 3;
SELECT rebuild_organization_tree() AS pairs;
DELETE FROM organizations WHERE code IN ('a1x', 'a1');
SELECT count(*) AS pairs FROM organization_tree;

-- The settings row: validated, and it cannot be deleted.
UPDATE settings SET time_zone = 'Mars/Olympus';
UPDATE settings SET calendar = 'lenient';
UPDATE settings SET min_group_size = 0;
UPDATE settings SET extra_closing_days = '{2025-12-31,NULL}';
DELETE FROM settings;
TRUNCATE settings;
INSERT INTO settings (name, area_code, pekefb_version) VALUES ('Toinen', 'reg', '0.2.0');   -- one row only

-- create_region refuses an existing schema, a name that needs quoting and a missing area.
SELECT pekefb.create_region('catalog_region', 'x', 'X');
SELECT pekefb.create_region('public', 'x', 'X');
SELECT pekefb.create_region('Bad Name', 'x', 'X');
SELECT pekefb.create_region('other_region');
SELECT pekefb.create_region('other_region', 'x', 'X', time_zone => 'Nowhere/Atlantis');
SELECT count(*) AS leftover FROM pg_namespace WHERE nspname = 'other_region';
-- upgrade_region: at the library's version already, nothing to do; a schema that is not a region
SELECT pekefb.upgrade_region('catalog_region');
SELECT pekefb.upgrade_region('public');
-- A region recorded at a version the library has no upgrade step from is refused.  (0.2.0 is
-- the first version with regions: one step, 0.2.0 -> 0.3.0.)
SELECT from_version, to_version FROM pekefb._region_upgrades();
UPDATE settings SET pekefb_version = '0.1.0';
SELECT pekefb.upgrade_region('catalog_region');
UPDATE settings SET pekefb_version = '0.3.0';
-- The mechanism, with a made-up step before the real ones (rolled back): the steps run in
-- order from the recorded version, each with @region@ replaced, the views are made again
-- with their grants and the version is recorded; a failing step leaves the region as it was.
BEGIN;
-- (the real 0.2.0 -> 0.3.0 step changes 0.2.0's tables, which this region has changed
-- already: test/client/upgrade.sh runs it on a 0.2.0 region; here the second step drops the
-- current code, as a step drops its from-version's)
CREATE FUNCTION pg_temp.code_drops() RETURNS text LANGUAGE sql IMMUTABLE
    RETURN (SELECT string_agg(format('DROP %s @region@.%s;', m[1], m[2]), E'\n' ORDER BY k DESC)
            FROM regexp_matches(pekefb._region_views(), 'CREATE (VIEW|FUNCTION) @region@\.(\w+)', 'g')
                 WITH ORDINALITY AS x (m, k));
GRANT SELECT ON indicator_status TO PUBLIC;
CREATE OR REPLACE FUNCTION pekefb._region_upgrades()
    RETURNS TABLE (from_version text, to_version text, script text) LANGUAGE sql IMMUTABLE
    AS $$ SELECT '0.1.9', '0.2.0', 'ALTER TABLE @region@.settings ADD COLUMN note text DEFAULT ''step 1'''
          UNION ALL SELECT '0.2.0', '0.3.0', pg_temp.code_drops() $$;
UPDATE settings SET pekefb_version = '0.1.9';
SELECT oid AS view_before FROM pg_class WHERE relname = 'indicator_status' \gset
SELECT pekefb.upgrade_region('catalog_region');
SELECT pekefb_version, note FROM settings;
SELECT oid <> :view_before AS view_made_again, has_table_privilege('public', oid, 'SELECT') AS public_grant_kept,
       relowner = (SELECT nspowner FROM pg_namespace WHERE nspname = 'catalog_region') AS owned_by_schema_owner
FROM pg_class WHERE relname = 'indicator_status' AND relnamespace = 'catalog_region'::regnamespace;
ALTER TABLE settings DROP COLUMN note;
CREATE OR REPLACE FUNCTION pekefb._region_upgrades()
    RETURNS TABLE (from_version text, to_version text, script text) LANGUAGE sql IMMUTABLE
    AS $$ VALUES ('0.1.8', '0.1.9', 'ALTER TABLE @region@.settings ADD COLUMN note text'),
                 ('0.1.9', '0.3.0', 'ALTER TABLE @region@.no_such_table ADD COLUMN x text') $$;
UPDATE settings SET pekefb_version = '0.1.8';
SAVEPOINT before_upgrade;
SELECT pekefb.upgrade_region('catalog_region');
ROLLBACK TO before_upgrade;
SELECT pekefb_version, (SELECT count(*) FROM pg_attribute WHERE attrelid = 'settings'::regclass AND attname = 'note') AS note_columns
FROM settings;
ROLLBACK;
SELECT pekefb_version FROM settings;

-- The extension cannot be dropped from under a region.
\set VERBOSITY terse
DROP EXTENSION pekefb;
\set VERBOSITY default

-- BI-ready: every table has a primary key; every table, view and column has a comment.
SELECT c.relname, c.relkind,
       EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p') AS has_primary_key,
       obj_description(c.oid, 'pg_class') IS NOT NULL AS commented
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'catalog_region' AND c.relkind IN ('r', 'v') ORDER BY c.relkind, c.relname;
SELECT c.relname, a.attname AS column_without_comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
WHERE n.nspname = 'catalog_region' AND c.relkind IN ('r', 'v') AND a.attnum > 0 AND NOT a.attisdropped
  AND col_description(c.oid, a.attnum) IS NULL
ORDER BY 1, 2;
-- Foreign keys are single-column, so BI tools can follow them.
SELECT conrelid::regclass AS from_table, pg_get_constraintdef(oid) AS foreign_key
FROM pg_constraint WHERE contype = 'f' AND connamespace = 'catalog_region'::regnamespace ORDER BY 1, 2;
-- Nothing of the region belongs to the extension.
SELECT count(*) AS extension_members FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.classid = 'pg_class'::regclass
  AND d.objid IN (SELECT c.oid FROM pg_class c WHERE c.relnamespace = 'catalog_region'::regnamespace);

-- Every view of the region exposes only types BI tools read: any other type is listed here.
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
WHERE n.nspname = 'catalog_region' AND c.relkind = 'v' AND a.attnum > 0
  AND a.atttypid NOT IN ('text'::regtype, 'bigint'::regtype, 'integer'::regtype, 'double precision'::regtype,
                         'numeric'::regtype, 'boolean'::regtype, 'date'::regtype, 'timestamptz'::regtype)
ORDER BY 1, 2;
SELECT count(*) AS views FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'catalog_region' AND c.relkind = 'v';

-- A role that may create schemas creates and owns a region; an analyst with SELECT on a
-- view reads it but can neither lower the region's threshold nor read the raw rows.
CREATE ROLE regress_region_owner;
CREATE ROLE regress_analyst;
DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO regress_region_owner', current_database()); END $$;
SET ROLE regress_region_owner;
SELECT pekefb.create_region('owned_region', 'own', 'Oma alue');
INSERT INTO owned_region.organizations (code, name_fi, kind, parent_code) VALUES ('m', 'M', 'municipality', 'own');
INSERT INTO owned_region.feedback_responses (organization_code, received_at, service, response)
  SELECT 'm', timestamptz '2025-01-05 10:00+02' + g * interval '1 hour', 'neuvola', '{"nps":9}' FROM generate_series(1, 3) g;
GRANT USAGE ON SCHEMA owned_region TO regress_analyst;
GRANT SELECT ON owned_region.feedback_summary TO regress_analyst;
SET ROLE regress_analyst;
SELECT organization_code, includes_sub_organizations, responses, nps, suppressed
FROM owned_region.feedback_summary ORDER BY 1, 2;
UPDATE owned_region.settings SET min_group_size = 1;
SELECT count(*) FROM owned_region.feedback_responses;
RESET ROLE;
SELECT nspowner::regrole AS owner FROM pg_namespace WHERE nspname = 'owned_region';
SET client_min_messages = warning;
DROP SCHEMA owned_region CASCADE;
DO $$ BEGIN EXECUTE format('REVOKE CREATE ON DATABASE %I FROM regress_region_owner', current_database()); END $$;
DROP ROLE regress_region_owner;
DROP ROLE regress_analyst;
RESET client_min_messages;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA catalog_region CASCADE;
RESET client_min_messages;
