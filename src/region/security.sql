-- security: row-level security keyed by membership (members.sql) and the organisation
-- tree, the own-data views, and the member's own view of its organisations.  The region's
-- owner (and members of the owner role, superusers) bypass the policies; everyone else sees
-- and changes only rows of the organisations it acts for and of those below them.  Rules:
-- doc/partners.md.

-- my_organizations: the organisations the current role acts for (through a membership of
-- its own or of a role it is a member of), with those below them, at its highest level.
CREATE VIEW @region@.my_organizations WITH (security_invoker = true) AS
SELECT x.organization_code,
       CASE pg_catalog.max(@region@.level_rank(x.level)) WHEN 3 THEN 'admin' WHEN 2 THEN 'write' ELSE 'read' END AS level,
       pg_catalog.max(@region@.level_rank(x.level)) OPERATOR(pg_catalog.>=) 2 AS can_write
FROM (
    SELECT t.organization_code, m.level
    FROM @region@.members m
    JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) m.role_name
    JOIN @region@.organization_tree t ON t.ancestor_code OPERATOR(pg_catalog.=) m.organization_code
    WHERE pg_catalog.pg_has_role(r.oid, 'USAGE')
    UNION ALL
    -- a member of the wellbeing area acts for the whole region, organisations outside the
    -- tree (reference organisations) included
    SELECT o.organization_code, m.level
    FROM @region@.members m
    JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) m.role_name
    JOIN @region@.settings s ON s.area_code OPERATOR(pg_catalog.=) m.organization_code
    CROSS JOIN @region@.organization_tree o
    WHERE pg_catalog.pg_has_role(r.oid, 'USAGE') AND o.depth OPERATOR(pg_catalog.=) 0
) x
GROUP BY x.organization_code;
COMMENT ON VIEW @region@.my_organizations IS
    'the organisations the current role acts for (its memberships and those below them; the wellbeing area''s members: all), at its highest level';
COMMENT ON COLUMN @region@.my_organizations.organization_code IS 'an organisation whose rows the current role sees (organizations.code)';
COMMENT ON COLUMN @region@.my_organizations.level IS 'the highest level the role has for it: read, write or admin';
COMMENT ON COLUMN @region@.my_organizations.can_write IS 'true when the level is write or admin: the role may insert, update and delete its rows';

-- is_region_admin(): the current role is an admin of the wellbeing area (a region admin).
CREATE FUNCTION @region@.is_region_admin() RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RETURN EXISTS (SELECT FROM @region@.my_organizations m JOIN @region@.settings s
                                ON s.area_code OPERATOR(pg_catalog.=) m.organization_code
                   WHERE m.level OPERATOR(pg_catalog.=) 'admin');
END
$fn$;
COMMENT ON FUNCTION @region@.is_region_admin() IS 'true when the current role is an admin member of the wellbeing area';

-- can_read(code), can_write(code), is_my_role(role): the tests of the policies.  Policies
-- call them instead of holding subqueries, which Citus refuses in policies of distributed
-- tables ("Subqueries are not supported in policies on distributed tables").
CREATE FUNCTION @region@.is_my_role(role_name name) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RETURN EXISTS (SELECT FROM pg_catalog.pg_roles r
                   WHERE r.rolname OPERATOR(pg_catalog.=) is_my_role.role_name AND pg_catalog.pg_has_role(r.oid, 'USAGE'));
END
$fn$;
COMMENT ON FUNCTION @region@.is_my_role(name) IS 'true when the current role is the role or a member of it (false for a dropped role)';
CREATE FUNCTION @region@.can_read(organization_code text) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RETURN EXISTS (SELECT FROM @region@.organization_tree t
                   JOIN @region@.members m ON m.organization_code OPERATOR(pg_catalog.=) t.ancestor_code
                   WHERE t.organization_code OPERATOR(pg_catalog.=) can_read.organization_code
                     AND (m.role_name OPERATOR(pg_catalog.=) CURRENT_USER OR @region@.is_my_role(m.role_name)))
        OR EXISTS (SELECT FROM @region@.settings s
                   JOIN @region@.members m ON m.organization_code OPERATOR(pg_catalog.=) s.area_code
                   WHERE m.role_name OPERATOR(pg_catalog.=) CURRENT_USER OR @region@.is_my_role(m.role_name));
END
$fn$;
COMMENT ON FUNCTION @region@.can_read(text) IS 'true when the current role may read the organisation''s rows (as my_organizations says)';
CREATE FUNCTION @region@.can_write(organization_code text) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RETURN EXISTS (SELECT FROM @region@.organization_tree t
                   JOIN @region@.members m ON m.organization_code OPERATOR(pg_catalog.=) t.ancestor_code
                   WHERE t.organization_code OPERATOR(pg_catalog.=) can_write.organization_code
                     AND m.level OPERATOR(pg_catalog.<>) 'read'
                     AND (m.role_name OPERATOR(pg_catalog.=) CURRENT_USER OR @region@.is_my_role(m.role_name)))
        OR EXISTS (SELECT FROM @region@.settings s
                   JOIN @region@.members m ON m.organization_code OPERATOR(pg_catalog.=) s.area_code
                   WHERE m.level OPERATOR(pg_catalog.<>) 'read'
                     AND (m.role_name OPERATOR(pg_catalog.=) CURRENT_USER OR @region@.is_my_role(m.role_name)));
END
$fn$;
COMMENT ON FUNCTION @region@.can_write(text) IS 'true when the current role may insert, update and delete the organisation''s rows (as my_organizations says)';

-- members: a member sees its own memberships (and those of the roles it is a member of).
ALTER TABLE @region@.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_own ON @region@.members FOR SELECT
    USING (@region@.is_my_role(role_name));

-- organizations: the network is public to members; region admins change it.
ALTER TABLE @region@.organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON @region@.organizations FOR SELECT USING (true);
CREATE POLICY admin_insert ON @region@.organizations FOR INSERT WITH CHECK (@region@.is_region_admin());
CREATE POLICY admin_update ON @region@.organizations FOR UPDATE
    USING (@region@.is_region_admin()) WITH CHECK (@region@.is_region_admin());
CREATE POLICY admin_delete ON @region@.organizations FOR DELETE USING (@region@.is_region_admin());
-- the tree follows organizations whoever changes them (a region admin cannot write it)
ALTER FUNCTION @region@.organizations_changed() SECURITY DEFINER;

-- Row tables: read the rows of my organisations, write them with write or admin.  (The
-- region's owner bypasses the policies, and so do the benchmark views it owns.)
ALTER TABLE @region@.measurements ENABLE ROW LEVEL SECURITY;
ALTER TABLE @region@.cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE @region@.feedback_responses ENABLE ROW LEVEL SECURITY;

-- use_policies(for_citus): (re)creates the policies of the row tables (measurements, cases,
-- feedback_responses).  false (create_region's choice): organization_code = ANY (SELECT ...
-- FROM my_organizations), computed once per statement.  true: the same test as a call per
-- row, can_read(organization_code) / can_write(organization_code), without a subquery, as
-- Citus requires of policies on distributed tables: run it before distributing.  Returns
-- the number of policies created.
CREATE FUNCTION @region@.use_policies(for_citus boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    tab text;
    pol name;
    may_read text;
    may_write text;
    made integer := 0;
BEGIN
    IF for_citus IS NULL THEN
        RAISE EXCEPTION 'for_citus must not be NULL'
            USING ERRCODE = '22004', DETAIL = 'Pass false (a subquery per statement) or true (a call per row, for Citus).';
    END IF;
    IF for_citus THEN
        may_read := '@region@.can_read(organization_code)';
        may_write := '@region@.can_write(organization_code)';
    ELSE
        may_read := 'organization_code OPERATOR(pg_catalog.=) ANY (SELECT m.organization_code FROM @region@.my_organizations m)';
        may_write := 'organization_code OPERATOR(pg_catalog.=) ANY (SELECT m.organization_code FROM @region@.my_organizations m WHERE m.can_write)';
    END IF;
    FOREACH tab IN ARRAY ARRAY['measurements', 'cases', 'feedback_responses'] LOOP
        FOR pol IN SELECT p.polname FROM pg_catalog.pg_policy p
                   WHERE p.polrelid OPERATOR(pg_catalog.=) pg_catalog.format('@region@.%I', tab)::pg_catalog.regclass
                     AND p.polname OPERATOR(pg_catalog.=) ANY (ARRAY['member_read', 'member_insert', 'member_update', 'member_delete']::name[])
        LOOP
            EXECUTE pg_catalog.format('DROP POLICY %I ON @region@.%I', pol, tab);
        END LOOP;
        EXECUTE pg_catalog.format('CREATE POLICY member_read ON @region@.%I FOR SELECT USING (%s)', tab, may_read);
        EXECUTE pg_catalog.format('CREATE POLICY member_insert ON @region@.%I FOR INSERT WITH CHECK (%s)', tab, may_write);
        EXECUTE pg_catalog.format('CREATE POLICY member_update ON @region@.%I FOR UPDATE USING (%s) WITH CHECK (%s)', tab, may_write, may_write);
        EXECUTE pg_catalog.format('CREATE POLICY member_delete ON @region@.%I FOR DELETE USING (%s)', tab, may_write);
        made := made OPERATOR(pg_catalog.+) 4;
    END LOOP;
    RETURN made;
END
$fn$;
COMMENT ON FUNCTION @region@.use_policies(boolean) IS
    'recreates the member policies of measurements, cases and feedback_responses: false = a subquery per statement (default), true = a function call per row without a subquery (Citus)';
SELECT @region@.use_policies(false);

-- Indicators and targets: the region's (organization_code NULL) are read by every member
-- and written by region admins; a partner's own are read and written like its rows.
ALTER TABLE @region@.indicators ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON @region@.indicators FOR SELECT
    USING (organization_code IS NULL
           OR @region@.can_read(organization_code));
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
    USING (organization_code IS NULL
           OR @region@.can_read(organization_code));
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

-- feedback_comments: own-data view of the free-text comments (they can identify a person):
-- a member sees those of its organisations only; no benchmark view shows comments.
CREATE VIEW @region@.feedback_comments WITH (security_invoker = true) AS
SELECT r.organization_code,
       pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
       r.response_id,
       CAST(pg_catalog.timezone(s.time_zone, r.received_at) AS date) AS received_on,
       r.service,
       pekefb.role(r.response) AS role,
       r.comment,
       pg_catalog.array_to_string(r.themes, ', ') AS themes
FROM @region@.feedback_responses r
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) r.organization_code
CROSS JOIN @region@.settings s
WHERE r.comment IS NOT NULL;
COMMENT ON VIEW @region@.feedback_comments IS
    'own-data view (security_invoker: a member sees its organisations'' rows only): free-text feedback comments with their themes; comments appear in no benchmark view';
COMMENT ON COLUMN @region@.feedback_comments.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.feedback_comments.organization_name IS 'name in pekefb.language';
COMMENT ON COLUMN @region@.feedback_comments.response_id IS 'the survey''s id of the response';
COMMENT ON COLUMN @region@.feedback_comments.received_on IS 'the day the response was given, in the region''s time zone';
COMMENT ON COLUMN @region@.feedback_comments.service IS 'the service, e.g. neuvola';
COMMENT ON COLUMN @region@.feedback_comments.role IS 'respondent role; NULL when not given';
COMMENT ON COLUMN @region@.feedback_comments.comment IS 'the free-text comment';
COMMENT ON COLUMN @region@.feedback_comments.themes IS 'themes assigned by coding, comma-separated';
