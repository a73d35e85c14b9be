-- upgrade: the hand-written part of the library upgrade from the last release to the version
-- in the making (the Makefile builds pekefb--LAST--NEXT.sql from it and appends, re-created
-- with CREATE OR REPLACE, upgrade_region and the embedded region texts).  Every change to the
-- library's SQL objects since the last release has its statement here, in the order of the
-- parts; test/client/upgrade.sh proves that upgrading equals installing.

-- 0.2.0 -> 0.3.0

-- ---- thl (issue 11): a deadline in the reader's language for the views' label columns.
-- (The new units of target and indicator, wd and per 1000, and the Swedish unit words are
-- C behaviour: nothing to do in SQL.)
CREATE FUNCTION @extschema@.label(@extschema@.deadline, language text) RETURNS text
    AS 'MODULE_PATHNAME', 'deadline_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.label(@extschema@.deadline, text) IS
    'a deadline in words of a language (fi, sv, en): 7 arkipäivää, 7 vardagar, 7 working days';
CREATE FUNCTION @extschema@.label(@extschema@.deadline) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN @extschema@.label($1, @extschema@.language());
COMMENT ON FUNCTION @extschema@.label(@extschema@.deadline) IS
    'a deadline in words of the current pekefb.language: 7 arkipäivää, 7 vardagar, 7 working days';
-- ---- loaders: readers and converters of the region loaders (src/load.sql)
CREATE FUNCTION @extschema@.read_csv(document text, columns text[], separator text DEFAULT NULL)
    RETURNS TABLE (line bigint, fields text[])
    AS 'MODULE_PATHNAME', 'read_csv'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.read_csv(text, text[], text) IS
    'the records of a CSV file with a header: per record the line it starts on and the fields of the named columns ("name", "?optional|other name"); separator NULL detects ; , or tab';

CREATE FUNCTION @extschema@.read_json(document text, columns text[])
    RETURNS TABLE (line bigint, fields text[])
    AS 'MODULE_PATHNAME', 'read_json'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.read_json(text, text[]) IS
    'the records of a JSON array of objects (or of {"responses": [...]}): per record its number (1 = first) and the fields of the named keys';

CREATE FUNCTION @extschema@.load_number(value text, line bigint, field text, unit text DEFAULT 'line') RETURNS numeric
    AS 'MODULE_PATHNAME', 'load_number_fn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.load_number(text, bigint, text, text) IS
    'a number as Finns write it (94,5; 1 234,5; 94.5); an error names the line (or record) and field';

CREATE FUNCTION @extschema@.load_date(value text, line bigint, field text, unit text DEFAULT 'line') RETURNS date
    AS 'MODULE_PATHNAME', 'load_date_fn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.load_date(text, bigint, text, text) IS
    'a date written 1.4.2025, 01.04.2025 or 2025-04-01; an error names the line (or record) and field';

CREATE FUNCTION @extschema@.load_timestamp(value text, line bigint, field text, unit text DEFAULT 'line') RETURNS timestamp
    AS 'MODULE_PATHNAME', 'load_timestamp_fn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.load_timestamp(text, bigint, text, text) IS
    'a local date and time written 14.3.2025 10.22, 2025-03-14 10:22:31 or 2025-03-14T10:22 (no zone); an error names the line (or record) and field';

CREATE FUNCTION @extschema@.closest_name(name text, candidates text[]) RETURNS text
    AS 'MODULE_PATHNAME', 'closest_name'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.closest_name(text, text[]) IS
    'the candidate nearest to name by edit distance (case-insensitive), for "did you mean" suggestions';
-- ---- network: pekefb.min_group_size is a session's raise of a region's minimum
COMMENT ON FUNCTION @extschema@.min_group_size() IS
    'current pekefb.min_group_size: the session''s raise of a region''s minimum group size (views use the larger of it and settings.min_group_size)';

-- ---- network: distribute_region puts the policies in the form Citus accepts and
-- distributes the functions they call
CREATE OR REPLACE FUNCTION @extschema@.distribute_region(schema name DEFAULT 'region', shard_count integer DEFAULT NULL)
RETURNS TABLE (table_name text, distribution text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    nsp name := distribute_region.schema;
    row_level text[] := ARRAY['cases', 'feedback_responses', 'measurements'];
    fk record;
    fks text[] := '{}';
    stmt text;
    tab name;
    rel pg_catalog.regclass;
    fn pg_catalog.regprocedure;
    colocate text := 'none';
    old_messages text := pg_catalog.current_setting('client_min_messages');
BEGIN
    PERFORM @extschema@._region_check_schema(nsp);
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'citus') THEN
        RAISE EXCEPTION 'extension "citus" is not installed'
            USING ERRCODE = '55000',
                  DETAIL = 'distribute_region lays a region out on a Citus cluster; this database has no citus extension.',
                  HINT = 'CREATE EXTENSION citus and add the worker nodes first (doc/citus.md).';
    END IF;
    IF pg_catalog.to_regclass(pg_catalog.format('%I.settings', nsp)) IS NULL THEN
        RAISE EXCEPTION 'schema "%" is not a pekefb region', nsp
            USING ERRCODE = '42P01', DETAIL = 'A region has a settings table; pekefb.create_region creates one.';
    END IF;
    IF shard_count OPERATOR(pg_catalog.<) 1 THEN
        RAISE EXCEPTION 'shard count must be at least 1: %', shard_count
            USING ERRCODE = '22023', DETAIL = 'Pass NULL for Citus'' default (citus.shard_count).';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
               WHERE p.logicalrelid OPERATOR(pg_catalog.=) pg_catalog.format('%I.settings', nsp)::pg_catalog.regclass) THEN
        RAISE EXCEPTION 'region "%" is already distributed', nsp
            USING ERRCODE = '55000', DETAIL = 'Its tables are Citus tables already (pg_dist_partition).';
    END IF;

    -- The region's triggers work on shards (they name their tables by trigger argument and
    -- write only their own node's copies); Citus wants to be told.  Creating the reference
    -- tables and the distributed tables that refer to them in one transaction needs
    -- sequential shard operations.  Citus' notices on the way (data copied, ...) say
    -- nothing the caller needs.
    PERFORM pg_catalog.set_config('citus.enable_unsafe_triggers', 'on', true);
    PERFORM pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
    PERFORM pg_catalog.set_config('client_min_messages', 'warning', true);

    -- Row-level security: Citus refuses subqueries in the policies of distributed tables;
    -- the region's use_policies(true) puts the same tests as a call per row (doc/partners.md).
    IF pg_catalog.to_regprocedure(pg_catalog.format('%I.use_policies(boolean)', nsp)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('SELECT %I.use_policies(true)', nsp);
    END IF;
    -- The functions the policies call (and those they call in turn) read the reference
    -- tables members, organizations, organization_tree and settings; on a worker, inside the
    -- query on a shard, that is a nested distributed query, which Citus refuses unless
    -- citus.allow_nested_distributed_execution is on.  Reading reference tables only, the
    -- nested query reads the worker's own copy; a membership changed in the same
    -- transaction is seen from the next one.
    FOR fn IN
        WITH RECURSIVE used (oid) AS (
            SELECT d.refobjid FROM pg_catalog.pg_depend d
            WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_policy'::pg_catalog.regclass
              AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
            UNION
            SELECT d.refobjid FROM pg_catalog.pg_depend d JOIN used u ON u.oid OPERATOR(pg_catalog.=) d.objid
            WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
              AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
        )
        SELECT u.oid::pg_catalog.regprocedure FROM used u JOIN pg_catalog.pg_proc p ON p.oid OPERATOR(pg_catalog.=) u.oid
        WHERE p.pronamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace
    LOOP
        EXECUTE pg_catalog.format('ALTER FUNCTION %s SET citus.allow_nested_distributed_execution = on', fn);
    END LOOP;

    -- The functions the triggers and the policies call (and those they call in turn), on
    -- every node.
    FOR fn IN
        WITH RECURSIVE used (oid) AS (
            SELECT t.tgfoid
            FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid
            WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace AND NOT t.tgisinternal
            UNION
            SELECT p.oid FROM pg_catalog.pg_proc p
            WHERE p.pronamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace
              AND p.proname OPERATOR(pg_catalog.=) 'rebuild_organization_tree' AND p.pronargs OPERATOR(pg_catalog.=) 2
            UNION
            SELECT d.refobjid FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_policy y ON y.oid OPERATOR(pg_catalog.=) d.objid
            WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_policy'::pg_catalog.regclass
              AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
            UNION
            SELECT d.refobjid FROM pg_catalog.pg_depend d JOIN used u ON u.oid OPERATOR(pg_catalog.=) d.objid
            WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
              AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
        )
        SELECT u.oid::pg_catalog.regprocedure FROM used u JOIN pg_catalog.pg_proc p ON p.oid OPERATOR(pg_catalog.=) u.oid
        WHERE p.pronamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace
    LOOP
        PERFORM pg_catalog.create_distributed_function(fn);
    END LOOP;

    -- Foreign keys between two of the region's tables, dropped until the end (a table's
    -- reference to itself stays).
    FOR fk IN
        SELECT c.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid) AS def
        FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) k.conrelid
        WHERE k.connamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace AND k.contype OPERATOR(pg_catalog.=) 'f'
          AND k.conrelid OPERATOR(pg_catalog.<>) k.confrelid
        ORDER BY c.relname, k.conname
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %I.%I DROP CONSTRAINT %I', nsp, fk.relname, fk.conname);
        fks := fks OPERATOR(pg_catalog.||)
               pg_catalog.format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', nsp, fk.relname, fk.conname, fk.def);
    END LOOP;

    -- Reference tables: every table but the row-level ones.
    FOR tab IN
        SELECT c.relname FROM pg_catalog.pg_class c
        WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace
          AND c.relkind OPERATOR(pg_catalog.=) 'r' AND NOT c.relname OPERATOR(pg_catalog.=) ANY (row_level)
        ORDER BY c.relname
    LOOP
        PERFORM pg_catalog.create_reference_table(pg_catalog.format('%I.%I', nsp, tab)::pg_catalog.regclass);
        table_name := pg_catalog.format('%I.%I', nsp, tab); distribution := 'reference';
        RETURN NEXT;
    END LOOP;

    -- Row-level tables, distributed on organization_code in one colocation group.
    FOREACH tab IN ARRAY row_level LOOP
        rel := pg_catalog.to_regclass(pg_catalog.format('%I.%I', nsp, tab));
        CONTINUE WHEN rel IS NULL;
        IF colocate OPERATOR(pg_catalog.=) 'none' AND shard_count IS NOT NULL THEN
            PERFORM pg_catalog.create_distributed_table(rel, 'organization_code', colocate_with => colocate,
                                                        shard_count => shard_count);
        ELSE
            PERFORM pg_catalog.create_distributed_table(rel, 'organization_code', colocate_with => colocate);
        END IF;
        colocate := pg_catalog.format('%I.%I', nsp, tab);
        table_name := colocate; distribution := 'distributed by organization_code';
        RETURN NEXT;
    END LOOP;

    FOREACH stmt IN ARRAY fks LOOP
        EXECUTE stmt;
    END LOOP;
    PERFORM pg_catalog.set_config('client_min_messages', old_messages, true);
END
$fn$;
COMMENT ON FUNCTION @extschema@.distribute_region(name, integer) IS
    'lays a region out on Citus: small tables as reference tables, cases, feedback_responses and measurements distributed on organization_code, colocated';
