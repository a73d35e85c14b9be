-- pekefb install script, assembled by the Makefile from src/*.sql (see SQL_PARTS).
-- Everything lives in schema pekefb (@extschema@); every reference is schema-qualified so
-- the script is safe whatever the installing role's search_path is.

\echo Use "CREATE EXTENSION pekefb" to load this file. \quit

-- Refuse a schema that someone else prepared.  CREATE EXTENSION creates schema pekefb
-- (control file: schema = pekefb) only when it does not exist, and runs this script with
-- search_path = pekefb, pg_temp; so objects planted beforehand in an existing pekefb schema
-- would be bound into the views and functions below (an operator /(float8, bigint) is a
-- better match than pg_catalog's).  The schema is accepted only when it is empty, owned by
-- a superuser and nobody else may create objects in it: the state of a schema that
-- CREATE EXTENSION has just created, that DROP EXTENSION left behind, or that pg_dump's
-- CREATE SCHEMA restored.  Everything in this block is qualified, since the schema on
-- the search_path is not yet trusted.
DO $check$
DECLARE
    nsp pg_catalog.oid := pg_catalog.to_regnamespace('@extschema@');
    owner pg_catalog.text;
    owner_super boolean;
    member pg_catalog.text;
    creator pg_catalog.text;
BEGIN
    SELECT r.rolname, r.rolsuper INTO owner, owner_super
    FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
    WHERE n.oid OPERATOR(pg_catalog.=) nsp;
    IF NOT owner_super THEN
        RAISE EXCEPTION 'cannot install pekefb into existing schema "%"', '@extschema@'
            USING ERRCODE = '42P06',
                  DETAIL = pg_catalog.format('The schema is owned by role "%s", which is not a superuser.', owner),
                  HINT = 'Drop or rename the schema; CREATE EXTENSION pekefb creates it.';
    END IF;
    SELECT pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) INTO member
    FROM pg_catalog.pg_depend d
    WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
      AND d.refobjid OPERATOR(pg_catalog.=) nsp
      AND NOT (d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
               AND d.objid OPERATOR(pg_catalog.=) (SELECT e.oid FROM pg_catalog.pg_extension e
                                                   WHERE e.extname OPERATOR(pg_catalog.=) 'pekefb'))
    ORDER BY 1 LIMIT 1;
    IF member IS NOT NULL THEN
        RAISE EXCEPTION 'cannot install pekefb into existing schema "%"', '@extschema@'
            USING ERRCODE = '42P06',
                  DETAIL = pg_catalog.format('The schema already contains %s.', member),
                  HINT = 'Drop or rename the schema; CREATE EXTENSION pekefb creates it.';
    END IF;
    SELECT pg_catalog.quote_ident(COALESCE(r.rolname, 'public')) INTO creator
    FROM pg_catalog.pg_namespace n
    CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) a
    LEFT JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) a.grantee
    WHERE n.oid OPERATOR(pg_catalog.=) nsp
      AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
      AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner
    ORDER BY 1 LIMIT 1;
    IF creator IS NOT NULL THEN
        RAISE EXCEPTION 'cannot install pekefb into existing schema "%"', '@extschema@'
            USING ERRCODE = '42P06',
                  DETAIL = pg_catalog.format('Role %s may create objects in the schema.', creator),
                  HINT = 'Drop or rename the schema; CREATE EXTENSION pekefb creates it.';
    END IF;
END
$check$;

-- Settings (defined in src/pekefb.c).  Views read them through these functions, which load
-- the library and so see the settings' defaults even in a session that never set them.
CREATE FUNCTION @extschema@.min_group_size() RETURNS integer
    AS 'MODULE_PATHNAME', 'pekefb_min_group_size_get' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.min_group_size() IS
    'current pekefb.min_group_size: the session''s raise of a region''s minimum group size (views use the larger of it and settings.min_group_size)';
CREATE FUNCTION @extschema@.language() RETURNS text
    AS 'MODULE_PATHNAME', 'pekefb_language_get' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.language() IS
    'current pekefb.language (fi, sv or en): language of the views'' label columns';

-- localized(fi, sv, en): the label in the current pekefb.language, falling back to the
-- Finnish one where a translation is missing.  A plain SQL expression, inlined into the views.
CREATE FUNCTION @extschema@.localized(fi text, sv text, en text DEFAULT NULL) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN @extschema@.language() OPERATOR(pg_catalog.=) 'sv' THEN COALESCE(sv, fi)
                WHEN @extschema@.language() OPERATOR(pg_catalog.=) 'en' THEN COALESCE(en, fi)
                ELSE fi END;
COMMENT ON FUNCTION @extschema@.localized(text, text, text) IS
    'the label in the current pekefb.language (fi, sv, en); Finnish where a translation is missing';

