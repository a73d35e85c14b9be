-- region_upgrade: pekefb.upgrade_region, kept apart from src/region.sql because every
-- library upgrade script re-creates it (CREATE OR REPLACE) together with the embedded
-- region texts of src/region_script.sql (Makefile: UPGRADE_REPLACE).

-- upgrade_region: brings a region's schema from the version recorded in its settings to the
-- library's installed version, in the caller's transaction (all or nothing, every row kept).
-- Tables are data: the region upgrade steps (src/region/upgrade/FROM--TO.sql) change them in
-- order, and each step first drops the views and view functions of its from-version.  Views
-- are code: after the steps, the current code parts (pekefb._region_views()) are run again.
-- The privileges on the region's views survive (each view's ACL is read before the steps
-- and granted again afterwards), and what is re-created belongs to the schema's owner, also
-- when a superuser runs the upgrade.  Returns the version reached.
CREATE FUNCTION @extschema@.upgrade_region(schema name DEFAULT 'region')
RETURNS text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    nsp name := upgrade_region.schema;
    have text;
    want text;
    step record;
    grant_row record;
    owner_name name;
    acl_views name[];
    acls text[];
    i integer;
BEGIN
    PERFORM @extschema@._region_check_schema(nsp);
    IF pg_catalog.to_regclass(pg_catalog.format('%I.settings', nsp)) IS NULL THEN
        RAISE EXCEPTION 'schema "%" is not a pekefb region', nsp
            USING ERRCODE = '42P01', DETAIL = 'A region has a settings table; pekefb.create_region creates one.';
    END IF;
    EXECUTE pg_catalog.format('SELECT s.pekefb_version FROM %I.settings s FOR UPDATE', nsp) INTO have;
    SELECT e.extversion INTO STRICT want FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pekefb';
    IF have OPERATOR(pg_catalog.=) want THEN
        RETURN have;
    END IF;
    SELECT pg_catalog.pg_get_userbyid(n.nspowner) INTO STRICT owner_name
    FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) nsp;
    -- The grants on the views, as GRANT statements to run again once they are re-created.
    SELECT pg_catalog.array_agg(c.relname), pg_catalog.array_agg(pg_catalog.format('GRANT %s ON %I.%I TO %s%s', a.privilege_type, nsp, c.relname,
               CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
                    ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,
               CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END))
    INTO acl_views, acls
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
    CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
    WHERE n.nspname OPERATOR(pg_catalog.=) nsp AND c.relkind OPERATOR(pg_catalog.=) 'v'
      AND a.grantee OPERATOR(pg_catalog.<>) c.relowner;
    WHILE have OPERATOR(pg_catalog.<>) want LOOP
        SELECT u.to_version, u.script INTO step
        FROM @extschema@._region_upgrades() u WHERE u.from_version OPERATOR(pg_catalog.=) have;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no upgrade path for region "%" from version % to %', nsp, have, want
                USING ERRCODE = '55000',
                      DETAIL = 'The library has region upgrade steps (src/region/upgrade) only from the versions it lists in pekefb._region_upgrades().';
        END IF;
        EXECUTE pg_catalog.replace(step.script, '@region@', pg_catalog.quote_ident(nsp));
        have := step.to_version;
        EXECUTE pg_catalog.format('UPDATE %I.settings SET pekefb_version = $1', nsp) USING have;
    END LOOP;
    EXECUTE pg_catalog.replace(@extschema@._region_views(), '@region@', pg_catalog.quote_ident(nsp));
    -- What the caller created belongs to the schema's owner.
    FOR grant_row IN
        SELECT pg_catalog.format('ALTER %s %I.%I%s OWNER TO %I',
                                 CASE WHEN o.kind OPERATOR(pg_catalog.=) 'v' THEN 'VIEW' ELSE 'FUNCTION' END,
                                 nsp, o.name, o.args, owner_name) AS sql
        FROM (SELECT 'v'::text AS kind, c.relname AS name, ''::text AS args, c.relowner AS owner
              FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
              WHERE n.nspname OPERATOR(pg_catalog.=) nsp AND c.relkind OPERATOR(pg_catalog.=) 'v'
              UNION ALL
              SELECT 'f', p.proname, '(' OPERATOR(pg_catalog.||) pg_catalog.pg_get_function_identity_arguments(p.oid) OPERATOR(pg_catalog.||) ')', p.proowner
              FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace
              WHERE n.nspname OPERATOR(pg_catalog.=) nsp) o
        WHERE o.owner OPERATOR(pg_catalog.=) (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER)
          AND owner_name OPERATOR(pg_catalog.<>) CURRENT_USER
    LOOP
        EXECUTE grant_row.sql;
    END LOOP;
    -- The grants again, on the views that the new version still has.
    FOR i IN 1 .. COALESCE(pg_catalog.array_length(acls, 1), 0) LOOP
        IF pg_catalog.to_regclass(pg_catalog.format('%I.%I', nsp, acl_views[i])) IS NOT NULL THEN
            EXECUTE acls[i];
        END IF;
    END LOOP;
    -- The stored access rows (doc/states.md) of the access states the steps built.
    IF pg_catalog.to_regprocedure(pg_catalog.format('%I.refresh_access_rows()', nsp)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('SELECT %I.refresh_access_rows()', nsp);
    END IF;
    RETURN have;
END
$fn$;
COMMENT ON FUNCTION @extschema@.upgrade_region(name) IS
    'brings a region''s schema to the library''s version (region upgrade steps in order, then its views again and its stored access rows, one transaction); returns the version';
