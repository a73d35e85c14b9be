-- region: the library functions that create and upgrade a region, i.e. a schema holding one
-- region's tables, views and functions as ordinary objects owned by the caller.  The
-- region's SQL itself lives in src/region/*.sql (see doc/region.md); the Makefile embeds it
-- as pekefb._region_script() and pekefb._region_upgrades() (src/region_script.sql).

-- The library is for every role: a region's owner (any role that may create a schema) calls
-- create_region, analysts call the functions and aggregates.  Functions and types are
-- PUBLIC by default; the schema needs USAGE to be looked up.  Nobody but its owner can
-- create anything in it.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

-- import_feedback(target, document): the bulk loader behind region.import_feedback
-- (src/import.c).  target is a region's feedback_responses; the organisations are checked
-- against the organizations table of the same schema.
CREATE FUNCTION @extschema@.import_feedback(target regclass, document text) RETURNS bigint
    AS 'MODULE_PATHNAME', 'import_feedback'
    LANGUAGE C VOLATILE STRICT SECURITY INVOKER PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.import_feedback(regclass, text) IS
    'loads a JSON array of feedback records into a region''s feedback_responses (target), all or nothing; returns the number of rows';

-- _region_check_schema(schema): the region schema's name must be a plain lower-case
-- identifier, so that it can stand unquoted in the region script and in its literals.
CREATE FUNCTION @extschema@._region_check_schema(schema name) RETURNS void
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF schema IS NULL OR schema::text !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
        RAISE EXCEPTION 'invalid region schema name: "%"', schema
            USING ERRCODE = '22023',
                  DETAIL = 'Expected a lower-case name of letters a-z, digits and _, starting with a letter or _ (e.g. region).';
    END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@._region_check_schema(name) IS
    'raises 22023 unless the name is a plain lower-case identifier';

-- create_region: creates the schema (refusing an existing one), runs the region script in
-- it, stores the settings and registers the wellbeing area as the root organisation.  The
-- schema and everything in it belong to the caller.  Returns the schema's name.
CREATE FUNCTION @extschema@.create_region(
    schema name DEFAULT 'region',
    area_code text DEFAULT NULL,
    area_name_fi text DEFAULT NULL,
    area_name_sv text DEFAULT NULL,
    region_name text DEFAULT NULL,
    time_zone text DEFAULT 'Europe/Helsinki',
    calendar text DEFAULT 'strict',
    extra_closing_days date[] DEFAULT '{}',
    roll_forward boolean DEFAULT false,
    min_group_size integer DEFAULT 5)
RETURNS name
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    nsp name := create_region.schema;
    version text;
BEGIN
    PERFORM @extschema@._region_check_schema(nsp);
    IF area_code IS NULL OR area_name_fi IS NULL THEN
        RAISE EXCEPTION 'create_region needs the wellbeing area''s code and Finnish name'
            USING ERRCODE = '22004',
                  DETAIL = 'Pass area_code and area_name_fi, e.g. create_region(''region'', ''soite'', ''Keski-Pohjanmaan hyvinvointialue'').';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) nsp) THEN
        RAISE EXCEPTION 'schema "%" already exists', nsp
            USING ERRCODE = '42P06',
                  DETAIL = 'create_region creates a new schema; pekefb.upgrade_region brings an existing region to the library''s version.';
    END IF;
    SELECT e.extversion INTO STRICT version FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pekefb';

    EXECUTE pg_catalog.format('CREATE SCHEMA %I', nsp);
    EXECUTE pg_catalog.format('COMMENT ON SCHEMA %I IS %L', nsp,
                              'pekefb region ' || COALESCE(region_name, area_name_fi) || ': tables, views and functions (doc/region.md)');
    EXECUTE pg_catalog.replace(@extschema@._region_script(), '@region@', pg_catalog.quote_ident(nsp));
    EXECUTE pg_catalog.format('INSERT INTO %I.organizations (code, name_fi, name_sv, kind) VALUES ($1, $2, $3, %L)',
                              nsp, 'wellbeing_area')
        USING area_code, area_name_fi, area_name_sv;
    EXECUTE pg_catalog.format('INSERT INTO %I.settings (name, area_code, time_zone, calendar, extra_closing_days, '
                              'roll_forward, min_group_size, pekefb_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', nsp)
        USING COALESCE(region_name, area_name_fi), area_code, time_zone, calendar, extra_closing_days,
              roll_forward, min_group_size, version;
    -- the planner then knows that settings has one row (every view joins it)
    EXECUTE pg_catalog.format('ANALYZE %I.settings', nsp);
    RETURN nsp;
END
$fn$;
COMMENT ON FUNCTION @extschema@.create_region(name, text, text, text, text, text, text, date[], boolean, integer) IS
    'creates a region in a new schema (default region): its tables, views and functions, owned by the caller, its settings and its wellbeing area as the root organisation';

-- upgrade_region: brings a region's schema from the version recorded in its settings to the
-- library's installed version by running the region upgrade steps in order, in the
-- caller's transaction (all or nothing, every row kept).  Returns the version reached.
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
BEGIN
    PERFORM @extschema@._region_check_schema(nsp);
    IF to_regclass(pg_catalog.format('%I.settings', nsp)) IS NULL THEN
        RAISE EXCEPTION 'schema "%" is not a pekefb region', nsp
            USING ERRCODE = '42P01', DETAIL = 'A region has a settings table; pekefb.create_region creates one.';
    END IF;
    EXECUTE pg_catalog.format('SELECT s.pekefb_version FROM %I.settings s FOR UPDATE', nsp) INTO have;
    SELECT e.extversion INTO STRICT want FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pekefb';
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
    RETURN have;
END
$fn$;
COMMENT ON FUNCTION @extschema@.upgrade_region(name) IS
    'brings a region''s schema to the library''s version (region upgrade steps in order, one transaction); returns the version';
