-- members: which database role acts for which organisation of the network, at which level
-- (read, write, admin), and the functions that grant and revoke membership together with the
-- privileges the level needs.  The row-level-security policies that key on membership are in
-- security.sql; the rules are in doc/partners.md.

CREATE TABLE @region@.members (
    role_name         name NOT NULL,
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    level             text NOT NULL DEFAULT 'read' CHECK (level IN ('read', 'write', 'admin')),
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
    RETURN CASE level WHEN 'read' THEN 1 WHEN 'write' THEN 2 WHEN 'admin' THEN 3 END;
COMMENT ON FUNCTION @region@.level_rank(text) IS 'read 1, write 2, admin 3: levels compare by rank';

-- is_region_owner(): true for the caller when it has the rights of the region schema's
-- owner (owner, member of the owner role, superuser).  Such roles bypass the policies.
CREATE FUNCTION @region@.is_region_owner() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN (SELECT r.rolsuper OR pg_catalog.pg_has_role(n.nspowner, 'USAGE')
            FROM pg_catalog.pg_roles r, pg_catalog.pg_namespace n
            WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER
              AND n.nspname OPERATOR(pg_catalog.=) '@region@');
COMMENT ON FUNCTION @region@.is_region_owner() IS
    'true when the current role has the rights of the region''s owner (its owner, a member of it, or a superuser)';

-- _sync_privileges(role): makes the role's privileges on the region's objects those of its
-- highest remaining level (none when it has no membership left).  Objects whose name
-- starts with _ are internal and never granted.
CREATE FUNCTION @region@._sync_privileges(member name) RETURNS text
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    top integer;
    rel record;
BEGIN
    SELECT pg_catalog.max(@region@.level_rank(m.level)) INTO top
    FROM @region@.members m WHERE m.role_name OPERATOR(pg_catalog.=) member;
    FOR rel IN SELECT c.relname FROM pg_catalog.pg_class c
               WHERE c.relnamespace OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace
                 AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'v', 'p']::"char"[])
                 AND c.relname OPERATOR(pg_catalog.!~) '^_'
    LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON TABLE @region@.%I FROM %I', rel.relname, member);
    END LOOP;
    IF top IS NULL THEN
        EXECUTE pg_catalog.format('REVOKE USAGE ON SCHEMA @region@ FROM %I', member);
        RETURN NULL;
    END IF;
    EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA @region@ TO %I', member);
    FOR rel IN SELECT c.relname FROM pg_catalog.pg_class c
               WHERE c.relnamespace OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace
                 AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'v', 'p']::"char"[])
                 AND c.relname OPERATOR(pg_catalog.!~) '^_'
    LOOP
        EXECUTE pg_catalog.format('GRANT SELECT ON TABLE @region@.%I TO %I', rel.relname, member);
    END LOOP;
    IF top OPERATOR(pg_catalog.>=) 2 THEN
        EXECUTE pg_catalog.format('GRANT INSERT, UPDATE, DELETE ON TABLE @region@.indicators, @region@.targets, '
                                  '@region@.measurements, @region@.cases, @region@.feedback_responses TO %I', member);
    END IF;
    IF top OPERATOR(pg_catalog.>=) 3 THEN
        EXECUTE pg_catalog.format('GRANT UPDATE ON TABLE @region@.settings TO %I', member);
        EXECUTE pg_catalog.format('GRANT INSERT, UPDATE, DELETE ON TABLE @region@.organizations TO %I', member);
    END IF;
    RETURN CASE top WHEN 1 THEN 'read' WHEN 2 THEN 'write' ELSE 'admin' END;
END
$fn$;
COMMENT ON FUNCTION @region@._sync_privileges(name) IS
    'internal: sets a member role''s privileges on the region''s objects from its highest level; returns that level';

-- _check_member_admin(role): the caller must be the region's owner (or a superuser), and
-- the role must exist and not be the owner or a superuser (they have every right already).
CREATE FUNCTION @region@._check_member_admin(member name) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    r record;
BEGIN
    IF NOT @region@.is_region_owner() THEN
        RAISE EXCEPTION 'permission denied to manage the members of region "@region@"'
            USING ERRCODE = '42501',
                  DETAIL = pg_catalog.format('Only the owner of schema @region@ (role %s) or a superuser adds and removes members.',
                                             (SELECT n.nspowner::pg_catalog.regrole FROM pg_catalog.pg_namespace n
                                              WHERE n.nspname OPERATOR(pg_catalog.=) '@region@'));
    END IF;
    SELECT x.rolsuper, pg_catalog.pg_has_role(x.oid, n.nspowner, 'USAGE') AS owns INTO r
    FROM pg_catalog.pg_roles x, pg_catalog.pg_namespace n
    WHERE x.rolname OPERATOR(pg_catalog.=) member AND n.nspname OPERATOR(pg_catalog.=) '@region@';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role "%" does not exist', member
            USING ERRCODE = '42704', DETAIL = 'Create the role (CREATE ROLE ... LOGIN) before making it a member.';
    END IF;
    IF r.rolsuper OR r.owns THEN
        RAISE EXCEPTION 'role "%" has the region owner''s rights already', member
            USING ERRCODE = '22023', DETAIL = 'The owner of the region, its members and superusers bypass the policies; membership is for partners'' roles.';
    END IF;
END
$fn$;
COMMENT ON FUNCTION @region@._check_member_admin(name) IS
    'internal: raises unless the caller may manage members and the role can be one';

-- add_member(role, organisation, level): makes the role act for the organisation (and the
-- organisations below it) at the level, or changes the level of an existing membership,
-- and grants what the role's highest level needs.  Returns that level.
CREATE FUNCTION @region@.add_member(role_name name, organization_code text, level text DEFAULT 'read')
    RETURNS text
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    PERFORM @region@._check_member_admin(add_member.role_name);
    IF @region@.level_rank(add_member.level) IS NULL THEN
        RAISE EXCEPTION 'invalid member level: "%"', add_member.level
            USING ERRCODE = '22023', DETAIL = 'Expected read, write or admin.';
    END IF;
    IF NOT EXISTS (SELECT FROM @region@.organizations o WHERE o.code OPERATOR(pg_catalog.=) add_member.organization_code) THEN
        RAISE EXCEPTION 'organisation "%" is not in region "@region@"', add_member.organization_code
            USING ERRCODE = '23503', DETAIL = 'Add it to @region@.organizations first.';
    END IF;
    INSERT INTO @region@.members AS m (role_name, organization_code, level)
    VALUES (add_member.role_name, add_member.organization_code, add_member.level)
    ON CONFLICT ON CONSTRAINT members_pkey DO UPDATE
        SET level = EXCLUDED.level, granted_at = pg_catalog.now(), granted_by = CURRENT_USER;
    RETURN @region@._sync_privileges(add_member.role_name);
END
$fn$;
COMMENT ON FUNCTION @region@.add_member(name, text, text) IS
    'makes a role act for an organisation (and those below it) at level read, write or admin, and grants what its highest level needs; owner or superuser only';

-- remove_member(role, organisation): ends that membership and brings the role's privileges
-- to its highest remaining level (all revoked when none is left).  Returns the remaining
-- level, NULL when none.
CREATE FUNCTION @region@.remove_member(role_name name, organization_code text)
    RETURNS text
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    PERFORM @region@._check_member_admin(remove_member.role_name);
    DELETE FROM @region@.members m
    WHERE m.role_name OPERATOR(pg_catalog.=) remove_member.role_name
      AND m.organization_code OPERATOR(pg_catalog.=) remove_member.organization_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role "%" is not a member for organisation "%"', remove_member.role_name, remove_member.organization_code
            USING ERRCODE = '42704', DETAIL = 'See @region@.members for the memberships.';
    END IF;
    RETURN @region@._sync_privileges(remove_member.role_name);
END
$fn$;
COMMENT ON FUNCTION @region@.remove_member(name, text) IS
    'ends a role''s membership for an organisation and revokes what its remaining levels do not need; owner or superuser only';

-- The internal functions are the owner's only.
REVOKE EXECUTE ON FUNCTION @region@._sync_privileges(name) FROM PUBLIC;
