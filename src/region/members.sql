-- members: which database role acts for which organisation of the network, at which level
-- (read, write, admin), and the functions that grant and revoke membership together with the
-- privileges the level needs, and the row-level-security policies that key on membership and
-- the organisation tree.  add_member, remove_member and the member's own views are code, in
-- views_members.sql; the rules are in doc/partners.md ("Adding a table" for a new table).

CREATE TABLE @region@.members (
    role_name         name NOT NULL,
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    level             text NOT NULL DEFAULT 'read' CHECK (level OPERATOR(pg_catalog.=) ANY (ARRAY['read', 'write', 'admin'])),
    granted_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    granted_by        name NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (role_name, organization_code)
);
CREATE INDEX members_organization_idx ON @region@.members (organization_code);
COMMENT ON TABLE @region@.members IS
    'which database role acts for which organisation, at which level (read, write, admin); written by add_member and remove_member, dumped with the region';
COMMENT ON COLUMN @region@.members.role_name IS 'the database role (a login or a group role whose members act through it)';
COMMENT ON COLUMN @region@.members.organization_code IS 'the organisation it acts for; membership covers the organisations below it too';
COMMENT ON COLUMN @region@.members.level IS 'read: sees the rows; write: also changes them and runs the loaders; admin: also the region''s settings and network when the organisation is the wellbeing area';
COMMENT ON COLUMN @region@.members.granted_at IS 'when the membership was granted or its level last changed';
COMMENT ON COLUMN @region@.members.granted_by IS 'the role that granted it';

-- Partners' own indicators: an indicator with an organisation is that organisation's,
-- visible to its members (and to the region's admins), never in benchmark views.
ALTER TABLE @region@.indicators ADD COLUMN organization_code text REFERENCES @region@.organizations (code);
COMMENT ON COLUMN @region@.indicators.organization_code IS
    'NULL: the region''s catalogue (every member sees it); an organisation: that partner''s own indicator, seen by the members of the organisation and of those above it, left out of benchmark views';

-- level_rank(level): read 1, write 2, admin 3 (NULL otherwise).
CREATE FUNCTION @region@.level_rank(level text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN level OPERATOR(pg_catalog.=) 'read' THEN 1
                WHEN level OPERATOR(pg_catalog.=) 'write' THEN 2
                WHEN level OPERATOR(pg_catalog.=) 'admin' THEN 3 END;
COMMENT ON FUNCTION @region@.level_rank(text) IS 'read 1, write 2, admin 3: levels compare by rank';

-- is_region_owner(): true for the caller when it has the rights of the region schema's
-- owner (owner, member of the owner role, superuser).  Such roles bypass the policies.
CREATE FUNCTION @region@.is_region_owner() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN (SELECT r.rolsuper OR pg_catalog.pg_has_role(n.nspowner, 'USAGE')
            FROM pg_catalog.pg_roles r, pg_catalog.pg_namespace n
            WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER
              AND n.oid OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace);
COMMENT ON FUNCTION @region@.is_region_owner() IS
    'true when the current role has the rights of the region''s owner (its owner, a member of it, or a superuser)';

-- settings_guard(): only the region's owner or a superuser changes min_group_size (an admin
-- granted UPDATE on settings may change the calendar, not the privacy threshold).
CREATE FUNCTION @region@.settings_guard() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF NEW.min_group_size IS DISTINCT FROM OLD.min_group_size AND NOT @region@.is_region_owner() THEN
        RAISE EXCEPTION 'permission denied to change min_group_size of region "@region@"'
            USING ERRCODE = '42501',
                  DETAIL = 'Only the owner of the region or a superuser changes the minimum group size; a session can raise it with SET pekefb.min_group_size.';
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.settings_guard() IS
    'trigger: only the region''s owner or a superuser changes settings.min_group_size';
CREATE TRIGGER settings_guard BEFORE UPDATE ON @region@.settings
    FOR EACH ROW EXECUTE FUNCTION @region@.settings_guard();


-- member_organizations(member, min_level): the codes of the organisations the role acts for
-- at min_level or above (read, write, admin) through a membership of its own or of a role
-- it is a member of, with every organisation below them; a member of the wellbeing area
-- acts for every organisation of the region.  Runs with the owner's rights (a role with
-- hand-granted privileges but no membership gets an empty array, not an error on members);
-- answers only for the session user's own roles, so a member cannot list another's.
-- PL/pgSQL, like is_region_admin: a function whose (SQL-standard) body names a table cannot
-- be created on Citus' workers before the table, and the reference tables' policies need
-- the functions there first (pekefb.distribute_region).
CREATE FUNCTION @region@.member_organizations(member name, min_level text DEFAULT 'read') RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    levels text[] := ARRAY['read', 'write', 'admin'];
BEGIN
    RETURN ARRAY(
        SELECT o.code FROM @region@.organizations o
        WHERE pg_catalog.pg_has_role(SESSION_USER, member_organizations.member, 'MEMBER')
          AND EXISTS (
            SELECT FROM @region@.members m
            JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) m.role_name
            WHERE pg_catalog.array_position(levels, m.level)
                  OPERATOR(pg_catalog.>=) pg_catalog.array_position(levels, member_organizations.min_level)
              AND pg_catalog.pg_has_role(member_organizations.member, r.oid, 'USAGE')
              AND (m.organization_code OPERATOR(pg_catalog.=) (SELECT s.area_code FROM @region@.settings s)
                   OR EXISTS (SELECT FROM @region@.organization_tree t
                              WHERE t.ancestor_code OPERATOR(pg_catalog.=) m.organization_code
                                AND t.organization_code OPERATOR(pg_catalog.=) o.code)))
        ORDER BY o.code);
END
$fn$;
COMMENT ON FUNCTION @region@.member_organizations(name, text) IS
    'codes of the organisations a role acts for at a level or above (its memberships, those below them; the wellbeing area''s members: all); only for the session user''s own roles';

-- is_my_role(role): the current role is the role or a member of it (false for a dropped role).
CREATE FUNCTION @region@.is_my_role(role_name name) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT FROM pg_catalog.pg_roles r
                   WHERE r.rolname OPERATOR(pg_catalog.=) is_my_role.role_name
                     AND pg_catalog.pg_has_role(r.oid, 'USAGE'));
COMMENT ON FUNCTION @region@.is_my_role(name) IS 'true when the current role is the role or a member of it (false for a dropped role)';

-- can_read(code), can_write(code): the current role may read (write) the organisation's rows.
CREATE FUNCTION @region@.can_read(organization_code text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN can_read.organization_code OPERATOR(pg_catalog.=) ANY (@region@.member_organizations(CURRENT_USER, 'read'));
COMMENT ON FUNCTION @region@.can_read(text) IS 'true when the current role may read the organisation''s rows (as my_organizations says)';
CREATE FUNCTION @region@.can_write(organization_code text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN can_write.organization_code OPERATOR(pg_catalog.=) ANY (@region@.member_organizations(CURRENT_USER, 'write'));
COMMENT ON FUNCTION @region@.can_write(text) IS 'true when the current role may insert, update and delete the organisation''s rows (as my_organizations says)';

-- is_region_admin(): the current role is an admin member of the wellbeing area.
CREATE FUNCTION @region@.is_region_admin() RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RETURN COALESCE((SELECT s.area_code OPERATOR(pg_catalog.=) ANY (@region@.member_organizations(CURRENT_USER, 'admin'))
                     FROM @region@.settings s), false);
END
$fn$;
COMMENT ON FUNCTION @region@.is_region_admin() IS 'true when the current role is an admin member of the wellbeing area';

-- members: a member sees its own memberships (and those of the roles it is a member of).
ALTER TABLE @region@.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_own ON @region@.members FOR SELECT
    USING (@region@.is_my_role(role_name));

-- organizations: the network is public to members; region admins change it.  The tree
-- follows organizations whoever changes them (a region admin cannot write organization_tree).
ALTER TABLE @region@.organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON @region@.organizations FOR SELECT USING (true);
CREATE POLICY admin_insert ON @region@.organizations FOR INSERT WITH CHECK (@region@.is_region_admin());
CREATE POLICY admin_update ON @region@.organizations FOR UPDATE
    USING (@region@.is_region_admin()) WITH CHECK (@region@.is_region_admin());
CREATE POLICY admin_delete ON @region@.organizations FOR DELETE USING (@region@.is_region_admin());
ALTER FUNCTION @region@.organizations_changed() SECURITY DEFINER;

-- set_row_policies(table, for_citus): row-level security on a table with an
-- organization_code column, keyed by membership: a member reads the rows of its
-- organisations (and those below), writes them at level write or admin.  false (what a
-- region gets): the organisations are looked up once per statement, organization_code =
-- ANY (CAST((SELECT member_organizations(...)) AS text[])), an InitPlan; true: the same test without a
-- subquery (a call per row, can_read / can_write), which Citus requires of policies on
-- distributed tables (pekefb.distribute_region switches).  Drops and creates the table's
-- policies member_read, member_insert, member_update, member_delete; returns 4.  The
-- recipe for a new table (doc/partners.md, "Adding a table").
CREATE FUNCTION @region@.set_row_policies(table_name name, for_citus boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    rel pg_catalog.regclass;
    pol name;
    may_read text;
    may_write text;
BEGIN
    IF table_name IS NULL OR for_citus IS NULL THEN
        RAISE EXCEPTION 'set_row_policies: arguments must not be NULL'
            USING ERRCODE = '22004', DETAIL = 'Pass a table of the region and false (once per statement) or true (per row, for Citus).';
    END IF;
    rel := pg_catalog.to_regclass(pg_catalog.format('@region@.%I', table_name));
    IF rel IS NULL OR NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a
                                  WHERE a.attrelid OPERATOR(pg_catalog.=) rel AND a.attname OPERATOR(pg_catalog.=) 'organization_code'
                                    AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'table "%" of region "@region@" has no column organization_code', table_name
            USING ERRCODE = '42703', DETAIL = 'Row-level security by membership keys on the organisation of each row.';
    END IF;
    IF for_citus THEN
        may_read := '@region@.can_read(organization_code)';
        may_write := '@region@.can_write(organization_code)';
    ELSE
        may_read := 'organization_code OPERATOR(pg_catalog.=) ANY (CAST((SELECT @region@.member_organizations(CURRENT_USER, ''read'')) AS text[]))';
        may_write := 'organization_code OPERATOR(pg_catalog.=) ANY (CAST((SELECT @region@.member_organizations(CURRENT_USER, ''write'')) AS text[]))';
    END IF;
    FOR pol IN SELECT p.polname FROM pg_catalog.pg_policy p
               WHERE p.polrelid OPERATOR(pg_catalog.=) rel
                 AND p.polname OPERATOR(pg_catalog.=) ANY (ARRAY['member_read', 'member_insert', 'member_update', 'member_delete']::name[])
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %s', pol, rel);
    END LOOP;
    EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', rel);
    EXECUTE pg_catalog.format('CREATE POLICY member_read ON %s FOR SELECT USING (%s)', rel, may_read);
    EXECUTE pg_catalog.format('CREATE POLICY member_insert ON %s FOR INSERT WITH CHECK (%s)', rel, may_write);
    EXECUTE pg_catalog.format('CREATE POLICY member_update ON %s FOR UPDATE USING (%s) WITH CHECK (%s)', rel, may_write, may_write);
    EXECUTE pg_catalog.format('CREATE POLICY member_delete ON %s FOR DELETE USING (%s)', rel, may_write);
    RETURN 4;
END
$fn$;
COMMENT ON FUNCTION @region@.set_row_policies(name, boolean) IS
    'row-level security by membership on a table with organization_code: false = the member''s organisations looked up once per statement (default), true = per row without a subquery (Citus)';

-- use_policies(for_citus): set_row_policies on every table of the region with an
-- organization_code column and a member_read policy (the row tables: measurements, cases,
-- feedback_responses, measurement_history, reporting_obligations, feedback_coded_themes, and
-- those a DBA or a later version put under the same policies; not those with NULL rows).
-- Returns the number of policies created.
CREATE FUNCTION @region@.use_policies(for_citus boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    tab name;
    made integer := 0;
BEGIN
    IF for_citus IS NULL THEN
        RAISE EXCEPTION 'for_citus must not be NULL'
            USING ERRCODE = '22004', DETAIL = 'Pass false (a subquery per statement) or true (a call per row, for Citus).';
    END IF;
    FOR tab IN SELECT c.relname FROM pg_catalog.pg_class c
               WHERE c.relnamespace OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace
                 AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p']::"char"[])
                 AND EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid OPERATOR(pg_catalog.=) c.oid
                                                                  AND p.polname OPERATOR(pg_catalog.=) 'member_read')
                 AND c.relname OPERATOR(pg_catalog.<>) ALL (ARRAY['indicators', 'targets', 'organizations', 'members',
                                                          'target_history', 'development_items', 'feedback_surveys',
                                                          'reference_areas']::name[])
               ORDER BY c.relname
    LOOP
        made := made OPERATOR(pg_catalog.+) @region@.set_row_policies(tab, for_citus);
    END LOOP;
    RETURN made;
END
$fn$;
COMMENT ON FUNCTION @region@.use_policies(boolean) IS
    'recreates the member policies of the region''s row tables (set_row_policies on each): false = once per statement (default), true = per row without a subquery (Citus)';

SELECT @region@.set_row_policies('measurements');
SELECT @region@.set_row_policies('cases');
SELECT @region@.set_row_policies('feedback_responses');

-- Indicators and targets: the region's (organization_code NULL) are read by every member
-- and written by region admins; a partner's own are read and written like its rows.  (Small
-- tables: a call per row, the same form on Citus.)
ALTER TABLE @region@.indicators ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON @region@.indicators FOR SELECT
    USING (organization_code IS NULL OR @region@.can_read(organization_code));
CREATE POLICY member_insert ON @region@.indicators FOR INSERT
    WITH CHECK (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);
CREATE POLICY member_update ON @region@.indicators FOR UPDATE
    USING (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END)
    WITH CHECK (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);
CREATE POLICY member_delete ON @region@.indicators FOR DELETE
    USING (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);

ALTER TABLE @region@.targets ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON @region@.targets FOR SELECT
    USING (organization_code IS NULL OR @region@.can_read(organization_code));
CREATE POLICY member_insert ON @region@.targets FOR INSERT
    WITH CHECK (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);
CREATE POLICY member_update ON @region@.targets FOR UPDATE
    USING (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END)
    WITH CHECK (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);
CREATE POLICY member_delete ON @region@.targets FOR DELETE
    USING (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);

-- The tables added in 0.3.0 with an organisation, under the same rules (doc/partners.md,
-- "Adding a table"): the row tables by set_row_policies; the tables whose organisation may
-- be NULL (target_history: a region target's versions; development_items: an item without a
-- responsible organisation; feedback_surveys: a survey whose export names the organisation
-- per response; reference_areas: an area outside the network) like indicators and targets:
-- a NULL row is read by every member and written by region admins.  The triggers that write
-- the history and the coded themes: doc/partners.md, "Tables written by triggers".
SELECT @region@.set_row_policies('measurement_history');
SELECT @region@.set_row_policies('reporting_obligations');
SELECT @region@.set_row_policies('feedback_coded_themes');
DO $catalogue$
DECLARE
    tab name;
    may_read text := '(organization_code IS NULL OR @region@.can_read(organization_code))';
    may_write text := '(CASE WHEN organization_code IS NULL THEN @region@.is_region_admin() ELSE @region@.can_write(organization_code) END)';
BEGIN
    FOREACH tab IN ARRAY ARRAY['target_history', 'development_items', 'feedback_surveys', 'reference_areas']::name[] LOOP
        EXECUTE pg_catalog.format('ALTER TABLE @region@.%I ENABLE ROW LEVEL SECURITY', tab);
        EXECUTE pg_catalog.format('CREATE POLICY member_read ON @region@.%I FOR SELECT USING %s', tab, may_read);
        EXECUTE pg_catalog.format('CREATE POLICY member_insert ON @region@.%I FOR INSERT WITH CHECK %s', tab, may_write);
        EXECUTE pg_catalog.format('CREATE POLICY member_update ON @region@.%I FOR UPDATE USING %s WITH CHECK %s', tab, may_write, may_write);
        EXECUTE pg_catalog.format('CREATE POLICY member_delete ON @region@.%I FOR DELETE USING %s', tab, may_write);
    END LOOP;
END
$catalogue$;
-- The coded themes are derived data: the trigger that codes a response's comment writes
-- them with the owner's rights (members have no privilege on feedback_coded_themes but read).
ALTER FUNCTION @region@.feedback_code_comments() SECURITY DEFINER;
