-- qualified: the install script names every function and operator it uses with its schema
-- (pg_catalog. or @extschema@.), so nothing outside pg_catalog and the extension can be
-- bound into a view, constraint, default, SQL-standard body, operator or aggregate.
--
-- Mechanical check: in a database of its own, schema shadow gets an exact copy of every
-- pg_catalog operator and of every pg_catalog function whose name occurs in the install
-- script, and the script is run as a plain script with search_path = shadow, pg_catalog,
-- so that any unqualified name binds to the copy.  No object may then depend on shadow.
-- Where the library has regions, the region script is run the same way.  (PL/pgSQL
-- bodies are bound when they run; sql/security.sql checks that they carry SET search_path
-- and runs them behind traps.)
\set SHOW_CONTEXT never
SELECT current_database() AS regress_db \gset
SELECT pg_read_file(s.setting || '/extension/pekefb--' || e.default_version || '.sql') AS script
FROM pg_config s, pg_available_extensions e
WHERE s.name = 'SHAREDIR' AND e.name = 'pekefb' \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS pekefb_qualified;
RESET client_min_messages;
CREATE DATABASE pekefb_qualified;
\c pekefb_qualified
CREATE TEMP TABLE script AS SELECT :'script'::text AS t;
CREATE SCHEMA shadow;

-- Every word of the script that names a pg_catalog function.
CREATE TEMP TABLE words AS
SELECT DISTINCT lower(m[1]) AS w FROM script, regexp_matches(t, '([A-Za-z_][A-Za-z0-9_]*)', 'g') m;

-- copy(kind, oid): a copy in schema shadow of a pg_catalog operator, function or aggregate,
-- implemented by the same built-in code; false when it cannot be made.
CREATE FUNCTION pg_temp.copy(kind text, obj oid) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    p pg_proc;
    o pg_operator;
    a pg_aggregate;
BEGIN
    IF kind = 'operator' THEN
        SELECT * INTO o FROM pg_operator WHERE oid = obj;
        EXECUTE format('CREATE OPERATOR shadow.%s (%s%s FUNCTION = %s)', o.oprname,
                       CASE WHEN o.oprleft <> 0 THEN format('LEFTARG = %s, ', o.oprleft::regtype) ELSE '' END,
                       format('RIGHTARG = %s,', o.oprright::regtype), o.oprcode::regprocedure::oid::regproc);
        RETURN true;
    END IF;
    SELECT * INTO p FROM pg_proc WHERE oid = obj;
    IF p.prokind = 'a' THEN
        SELECT * INTO a FROM pg_aggregate WHERE aggfnoid = obj;
        IF a.aggkind <> 'n' THEN
            RETURN false;
        END IF;
        EXECUTE format('CREATE AGGREGATE shadow.%I(%s) (SFUNC = %s, STYPE = %s%s%s%s%s%s)', p.proname,
                       CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_get_function_identity_arguments(obj) END,
                       a.aggtransfn::regprocedure::oid::regproc, a.aggtranstype::regtype,
                       CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END,
                       CASE WHEN a.aggfinalextra THEN ', FINALFUNC_EXTRA' ELSE '' END,
                       CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text ELSE '' END,
                       CASE WHEN a.aggserialfn <> 0 THEN format(', SERIALFUNC = %s, DESERIALFUNC = %s',
                                                                a.aggserialfn::regproc, a.aggdeserialfn::regproc) ELSE '' END,
                       CASE WHEN a.agginitval IS NOT NULL THEN format(', INITCOND = %L', a.agginitval) ELSE '' END);
        RETURN true;
    END IF;
    IF p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'internal') THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE FUNCTION shadow.%I(%s) RETURNS %s LANGUAGE internal %s %s %s AS %L',
                   p.proname, pg_get_function_arguments(obj), pg_get_function_result(obj),
                   CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END,
                   CASE WHEN p.proisstrict THEN 'STRICT' ELSE '' END,
                   CASE WHEN p.prokind = 'w' THEN 'WINDOW' ELSE '' END, p.prosrc);
    RETURN true;
EXCEPTION WHEN OTHERS THEN
    RETURN false;
END $$;
SELECT 'operators' AS copied, count(*) FILTER (WHERE pg_temp.copy('operator', o.oid)) > 500 AS many
FROM pg_operator o WHERE o.oprnamespace = 'pg_catalog'::regnamespace
UNION ALL
SELECT 'functions', count(*) FILTER (WHERE pg_temp.copy('function', p.oid)) > 100
FROM pg_proc p JOIN words ON w = p.proname WHERE p.pronamespace = 'pg_catalog'::regnamespace;
-- the detector works: an unqualified name binds to the copy, and the dependency shows it
SET search_path = shadow, pg_catalog;
CREATE TEMP VIEW probe AS SELECT lower('X') = 'x' AS b, pg_catalog.upper('x') OPERATOR(pg_catalog.=) 'X' AS c;
RESET search_path;
SELECT pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid) AS probe_bound_to
FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid AND d.classid = 'pg_rewrite'::regclass
WHERE r.ev_class = 'probe'::regclass AND d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass)
ORDER BY 1;
DROP VIEW probe;

-- The install script as CREATE EXTENSION would run it, but with the copies ahead of pg_catalog
-- (the schema is pekefb; configuration-dump calls only work inside CREATE EXTENSION).
CREATE TEMP TABLE install AS
SELECT regexp_replace(
         replace(replace(regexp_replace(t, '^\\echo[^\n]*\n', '', 'n'), '@extschema@', 'pekefb'),
                 'MODULE_PATHNAME', '$libdir/pekefb'),
         'SELECT pg_catalog\.pg_extension_config_dump\([^;]*\);', '', 'g') AS sql
FROM script;
CREATE SCHEMA pekefb;
SET client_min_messages = warning;
DO $$
BEGIN
    PERFORM set_config('search_path', 'shadow, pg_catalog', true);
    EXECUTE (SELECT sql FROM install);
END $$;
-- Where the library has regions, the region script too (what create_region runs).
DO $$
BEGIN
    IF to_regproc('pekefb._region_script') IS NOT NULL THEN
        CREATE SCHEMA shadow_region;
        PERFORM set_config('search_path', 'shadow, pg_catalog', true);
        EXECUTE replace(pekefb._region_script(), '@region@', 'shadow_region');
    END IF;
END $$;
RESET client_min_messages;
SELECT count(*) > 50 AS objects_created FROM pg_proc WHERE pronamespace = 'pekefb'::regnamespace;

-- Nothing outside schema shadow depends on a copy in it.
SELECT pg_describe_object(d.classid, d.objid, d.objsubid) AS object,
       pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid) AS bound_to_copy
FROM pg_depend d
WHERE d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass)
  AND (pg_identify_object(d.refclassid, d.refobjid, 0)).schema = 'shadow'
  AND (pg_identify_object(d.classid, d.objid, 0)).schema IS DISTINCT FROM 'shadow'
ORDER BY 1, 2;

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE pekefb_qualified;
