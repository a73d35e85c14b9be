-- views_members: the member's own views (security_invoker: the policies of members.sql
-- apply to the reader) and the functions that grant and revoke membership.  Code, re-created
-- by every upgrade_region; the rules are in doc/partners.md.

-- my_organizations: the organisations the current role acts for (through a membership of
-- its own or of a role it is a member of), with those below them, at its highest level;
-- for the region's owner and superusers every organisation, as admin.
CREATE VIEW @region@.my_organizations WITH (security_invoker = true) AS
SELECT c.code AS organization_code,
       CASE WHEN c.code OPERATOR(pg_catalog.=) ANY (x.admin) THEN 'admin'
            WHEN c.code OPERATOR(pg_catalog.=) ANY (x.write) THEN 'write'
            ELSE 'read' END AS level,
       c.code OPERATOR(pg_catalog.=) ANY (x.write) AS can_write
FROM pg_catalog.unnest(@region@.member_organizations(CURRENT_USER, 'read')) AS c (code)
CROSS JOIN (SELECT @region@.member_organizations(CURRENT_USER, 'write') AS write,
                   @region@.member_organizations(CURRENT_USER, 'admin') AS admin) x
WHERE NOT @region@.is_region_owner()
UNION ALL
-- the region's owner (and superusers) bypass the policies: every organisation, as admin
SELECT o.code, 'admin', true FROM @region@.organizations o WHERE @region@.is_region_owner();
COMMENT ON VIEW @region@.my_organizations IS
    'the organisations the current role acts for (its memberships and those below them; the wellbeing area''s members, the region''s owner and superusers: all), at its highest level';
COMMENT ON COLUMN @region@.my_organizations.organization_code IS 'an organisation whose rows the current role sees (organizations.code)';
COMMENT ON COLUMN @region@.my_organizations.level IS 'the highest level the role has for it: read, write or admin';
COMMENT ON COLUMN @region@.my_organizations.can_write IS 'true when the level is write or admin: the role may insert, update and delete its rows';

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
    -- On Citus, a GRANT or REVOKE on a reference table with a foreign key cannot follow one
    -- on a distributed table done in parallel in the same transaction: one connection per
    -- node from here on (the transaction's own setting only).
    IF pg_catalog.current_setting('citus.version', true) IS NOT NULL THEN
        PERFORM pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
    END IF;
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
        -- keep_history (history.sql) runs as the writer, so that changed_by names it: the
        -- versions an UPDATE or DELETE replaces go in under the writer's policies
        EXECUTE pg_catalog.format('GRANT INSERT ON TABLE @region@.measurement_history, @region@.target_history TO %I', member);
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
    -- (an UPDATE, then an INSERT: Citus refuses now() in ON CONFLICT DO UPDATE on the
    -- reference table members)
    UPDATE @region@.members m
    SET level = add_member.level, granted_at = pg_catalog.now(), granted_by = CURRENT_USER
    WHERE m.role_name OPERATOR(pg_catalog.=) add_member.role_name
      AND m.organization_code OPERATOR(pg_catalog.=) add_member.organization_code;
    IF NOT FOUND THEN
        INSERT INTO @region@.members (role_name, organization_code, level)
        VALUES (add_member.role_name, add_member.organization_code, add_member.level);
    END IF;
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
