-- distribute: pekefb.distribute_region lays a region out on Citus (doc/citus.md): the small
-- tables become reference tables (a copy on every node), the row-level tables are
-- distributed on organization_code and colocated, so every join of the views stays on one
-- node.  The library itself needs nothing: its aggregates are pushed down as they are.

-- distribute_region(schema, shard_count): one transaction, in the caller's.  Row-level tables
-- are cases, feedback_responses, the themes coded from them (feedback_coded_themes, which
-- refers to them), measurements and their history (`row_level` below); every other table of
-- the schema becomes a reference table.  The foreign keys between the region's tables are
-- dropped first and added again at the end (Citus checks them then): made one by one, a
-- table that refers to a new reference table would be turned into a "Citus local table"
-- on the way, whose copy on the coordinator loses its TRUNCATE triggers.  The functions
-- the region's triggers call are created on every node (a trigger fires on each node's
-- copy of its table), and so are those the row-level-security policies call, after
-- use_policies(true) has put the policies in the form Citus accepts.  shard_count NULL:
-- Citus' citus.shard_count.  Returns one row per
-- table: the table and how it is laid out.
CREATE FUNCTION @extschema@.distribute_region(schema name DEFAULT 'region', shard_count integer DEFAULT NULL)
RETURNS TABLE (table_name text, distribution text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    nsp name := distribute_region.schema;
    row_level text[] := ARRAY['cases', 'feedback_coded_themes', 'feedback_responses', 'measurement_history', 'measurements'];
    fk record;
    fks text[] := '{}';
    stmt text;
    tab name;
    rel pg_catalog.regclass;
    fn pg_catalog.regprocedure;
    colocate text := 'none';
    tables name[];
    todo name[];
    waiting name[];
    first_error text;
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
    -- Shards have no transition tables: the statement triggers that code comments give way
    -- to their one-row form.
    IF EXISTS (SELECT FROM pg_catalog.pg_trigger t
               WHERE t.tgrelid OPERATOR(pg_catalog.=) pg_catalog.format('%I.feedback_responses', nsp)::pg_catalog.regclass
                 AND t.tgname OPERATOR(pg_catalog.=) 'feedback_responses_code_insert') THEN
        EXECUTE pg_catalog.format('DROP TRIGGER feedback_responses_code_insert ON %I.feedback_responses', nsp);
        EXECUTE pg_catalog.format('DROP TRIGGER feedback_responses_code_update ON %I.feedback_responses', nsp);
        EXECUTE pg_catalog.format('CREATE TRIGGER feedback_responses_code_insert AFTER INSERT ON %I.feedback_responses '
                                  'FOR EACH ROW EXECUTE FUNCTION %I.feedback_code_comment()', nsp, nsp);
        EXECUTE pg_catalog.format('CREATE TRIGGER feedback_responses_code_update AFTER UPDATE ON %I.feedback_responses '
                                  'FOR EACH ROW EXECUTE FUNCTION %I.feedback_code_comment()', nsp, nsp);
    END IF;

    -- The same for the history's statement triggers.
    FOR stmt IN
        SELECT pg_catalog.format('DROP TRIGGER %I ON %I.%I; CREATE TRIGGER %I AFTER %s ON %I.%I '
                                 'FOR EACH ROW EXECUTE FUNCTION %I.keep_history_row(%L)',
                                 t.name, nsp, t.tab, t.name, t.event, nsp, t.tab, nsp, t.tab)
        FROM (VALUES ('measurements_history_update', 'measurements', 'UPDATE'),
                     ('measurements_history_delete', 'measurements', 'DELETE'),
                     ('targets_history_update', 'targets', 'UPDATE'),
                     ('targets_history_delete', 'targets', 'DELETE')) AS t (name, tab, event)
        WHERE EXISTS (SELECT FROM pg_catalog.pg_trigger g
                      WHERE g.tgrelid OPERATOR(pg_catalog.=) pg_catalog.format('%I.%I', nsp, t.tab)::pg_catalog.regclass
                        AND g.tgname OPERATOR(pg_catalog.=) t.name)
    LOOP
        EXECUTE stmt;
    END LOOP;

    -- The stored access states (states.sql) are kept by statement triggers on cases, which
    -- a shard cannot run (no transition tables): they go, with the rebuilds on settings and
    -- indicators, and the states are emptied; the access views and data_date() then compute
    -- from the cases (they read the states only while cases_states_insert is there,
    -- doc/states.md).
    FOR stmt IN
        SELECT pg_catalog.format('DROP TRIGGER %I ON %I.%I', t.name, nsp, t.tab)
        FROM (VALUES ('cases_states_insert', 'cases'), ('cases_states_update', 'cases'),
                     ('cases_states_delete', 'cases'), ('cases_states_truncate', 'cases'),
                     ('settings_states_rebuild', 'settings'), ('indicators_states_rebuild', 'indicators'),
                     ('organizations_access_rows', 'organizations'),
                     -- the feedback states likewise (feedback_states.sql, doc/feedback_states.md):
                     -- the feedback views compute from the responses without them
                     ('feedback_responses_states_insert', 'feedback_responses'),
                     ('feedback_responses_states_update', 'feedback_responses'),
                     ('feedback_responses_states_delete', 'feedback_responses'),
                     ('feedback_responses_states_truncate', 'feedback_responses'),
                     ('settings_feedback_states_rebuild', 'settings')) AS t (name, tab)
        WHERE EXISTS (SELECT FROM pg_catalog.pg_trigger g
                      WHERE g.tgrelid OPERATOR(pg_catalog.=) pg_catalog.format('%I.%I', nsp, t.tab)::pg_catalog.regclass
                        AND g.tgname OPERATOR(pg_catalog.=) t.name)
    LOOP
        EXECUTE stmt;
    END LOOP;
    IF pg_catalog.to_regclass(pg_catalog.format('%I.access_states', nsp)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('TRUNCATE %I.access_states', nsp);
    END IF;
    IF pg_catalog.to_regclass(pg_catalog.format('%I.feedback_states', nsp)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('TRUNCATE %I.feedback_states, %I.feedback_item_states, %I.feedback_theme_states', nsp, nsp, nsp);
    END IF;
    -- (and the stored access rows: refresh_access_rows does nothing there, the views compute)
    IF pg_catalog.to_regclass(pg_catalog.format('%I.access_rows', nsp)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('TRUNCATE %I.access_rows, %I.access_rows_dirty', nsp, nsp);
        EXECUTE pg_catalog.format('UPDATE %I.access_rows_meta SET complete = false', nsp);
    END IF;
    -- (access_summary reads access_summary_on() there, as a distributed region's views file
    -- makes it: Citus cannot plan the written-out union over its tables, views_access.sql)
    IF pg_catalog.to_regprocedure(pg_catalog.format('%I.access_summary_on(date, text)', nsp)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %I.access_summary AS SELECT * FROM %I.access_summary_on()', nsp, nsp);
    END IF;
    -- The stored rows of the feedback views likewise (states_feedback.sql): their triggers
    -- go, the rows are emptied, and the views compute (views_feedback.sql makes them so in a
    -- distributed region; refresh_feedback_rows does nothing there).
    FOR stmt IN
        SELECT pg_catalog.format('DROP TRIGGER %I ON %I.%I', t.name, nsp, t.tab)
        FROM (VALUES ('feedback_rows_insert', 'feedback_responses'), ('feedback_rows_update', 'feedback_responses'),
                     ('feedback_rows_delete', 'feedback_responses'), ('feedback_rows_truncate', 'feedback_responses'),
                     ('organizations_feedback_rows', 'organizations'), ('settings_feedback_rows', 'settings')) AS t (name, tab)
        WHERE EXISTS (SELECT FROM pg_catalog.pg_trigger g
                      WHERE g.tgrelid OPERATOR(pg_catalog.=) pg_catalog.format('%I.%I', nsp, t.tab)::pg_catalog.regclass
                        AND g.tgname OPERATOR(pg_catalog.=) t.name)
    LOOP
        EXECUTE stmt;
    END LOOP;
    IF pg_catalog.to_regclass(pg_catalog.format('%I._feedback_rows', nsp)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('TRUNCATE %I._feedback_rows, %I._feedback_item_rows, %I._feedback_theme_rows, %I._feedback_rows_dirty',
                                  nsp, nsp, nsp, nsp);
        EXECUTE pg_catalog.format('UPDATE %I._feedback_rows_meta SET complete = false', nsp);
        FOR stmt IN
            SELECT pg_catalog.format('CREATE OR REPLACE VIEW %I.%I AS SELECT * FROM %I.%I', nsp, v.name, nsp,
                                     '_' OPERATOR(pg_catalog.||) v.name OPERATOR(pg_catalog.||) '_computed')
            FROM (VALUES ('feedback_summary'), ('feedback_item_summary'), ('feedback_theme_summary')) AS v (name)
        LOOP
            EXECUTE stmt;
        END LOOP;
    END IF;

    -- The references that the row tables check once per statement (the region's
    -- references.sql) become the foreign keys they stand for: Citus checks a foreign key
    -- where the rows are, and a shard has no transition tables.  The referring side's
    -- triggers name each reference as (constraint, column, table).  The units of
    -- measurements are checked per row again likewise.
    FOR fk IN
        SELECT c.relname, a.args[k.i] AS conname, a.args[k.i OPERATOR(pg_catalog.+) 1] AS col,
               a.args[k.i OPERATOR(pg_catalog.+) 2] AS parent
        FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid
        CROSS JOIN LATERAL (SELECT pg_catalog.string_to_array(pg_catalog.encode(t.tgargs, 'escape'), '\000') AS args) a
        CROSS JOIN LATERAL pg_catalog.generate_series(1, t.tgnargs, 3) AS k (i)
        WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace AND NOT t.tgisinternal
          AND t.tgfoid OPERATOR(pg_catalog.=) pg_catalog.to_regprocedure(pg_catalog.format('%I.check_references()', nsp))
          AND t.tgname OPERATOR(pg_catalog.~) '_references_insert$'
        ORDER BY c.relname, k.i
    LOOP
        fks := fks OPERATOR(pg_catalog.||)
               pg_catalog.format('ALTER TABLE %I.%I ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES %I.%I (code)',
                                 nsp, fk.relname, fk.conname, fk.col, nsp, fk.parent);
    END LOOP;
    FOR stmt IN
        SELECT pg_catalog.format('DROP TRIGGER %I ON %I.%I', t.tgname, nsp, c.relname)
        FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid
        WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace AND NOT t.tgisinternal
          AND t.tgfoid OPERATOR(pg_catalog.=) ANY (ARRAY[
                  pg_catalog.to_regprocedure(pg_catalog.format('%I.check_references()', nsp)),
                  pg_catalog.to_regprocedure(pg_catalog.format('%I.check_referenced()', nsp)),
                  pg_catalog.to_regprocedure(pg_catalog.format('%I.check_referenced_truncate()', nsp)),
                  pg_catalog.to_regprocedure(pg_catalog.format('%I.check_units()', nsp))])
        ORDER BY c.relname, t.tgname
    LOOP
        EXECUTE stmt;
    END LOOP;
    IF pg_catalog.to_regprocedure(pg_catalog.format('%I.check_units()', nsp)) IS NOT NULL THEN
        EXECUTE pg_catalog.format('CREATE TRIGGER measurements_unit BEFORE INSERT OR UPDATE ON %I.measurements '
                                  'FOR EACH ROW EXECUTE FUNCTION %I.check_unit(%L)', nsp, nsp, 'measurements');
    END IF;
    -- The functions the triggers and the policies call (and those they call in turn), on
    -- every node.  They read the reference tables (members, organizations, organization_tree,
    -- settings) or write colocated ones; on a worker, inside the query on a shard, that is a
    -- nested distributed query, which Citus refuses unless
    -- citus.allow_nested_distributed_execution is on.  Reading reference tables only, the
    -- nested query reads the worker's own copy; a membership changed in the same transaction
    -- is seen from the next one.
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
        EXECUTE pg_catalog.format('ALTER FUNCTION %s SET citus.allow_nested_distributed_execution = on', fn);
        PERFORM pg_catalog.create_distributed_function(fn);
    END LOOP;

    -- The rows already there were checked and stamped when they were written: the triggers
    -- stay off while Citus copies them into the shards (as a data-only restore runs them)
    -- and are switched on again on every node once the tables are Citus tables.
    tables := ARRAY(SELECT c.relname FROM pg_catalog.pg_class c
                    WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace
                      AND c.relkind OPERATOR(pg_catalog.=) 'r' ORDER BY c.relname);
    FOREACH tab IN ARRAY tables LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %I.%I DISABLE TRIGGER USER', nsp, tab);
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

    -- Every table but the row-level ones becomes a reference table; the row-level ones are
    -- distributed on organization_code in one colocation group.  Citus lays out a table only
    -- after what it depends on (the tables its trigger functions and the functions on its
    -- types name), so the tables are taken in passes: one Citus refuses for a dependency not
    -- laid out yet (0A000) waits for the next pass; a pass that lays out nothing ends with
    -- that error.
    todo := ARRAY(SELECT c.relname FROM pg_catalog.pg_class c
                  WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace
                    AND c.relkind OPERATOR(pg_catalog.=) 'r'
                  ORDER BY c.relname OPERATOR(pg_catalog.<>) 'settings', c.relname OPERATOR(pg_catalog.=) ANY (row_level), c.relname);
    WHILE pg_catalog.cardinality(todo) OPERATOR(pg_catalog.>) 0 LOOP
        waiting := '{}';
        FOREACH tab IN ARRAY todo LOOP
            BEGIN
                rel := pg_catalog.format('%I.%I', nsp, tab)::pg_catalog.regclass;
                IF NOT tab OPERATOR(pg_catalog.=) ANY (row_level) THEN
                    PERFORM pg_catalog.create_reference_table(rel);
                    distribution := 'reference';
                ELSIF colocate OPERATOR(pg_catalog.=) 'none' AND shard_count IS NOT NULL THEN
                    PERFORM pg_catalog.create_distributed_table(rel, 'organization_code', colocate_with => colocate,
                                                                shard_count => shard_count);
                    distribution := 'distributed by organization_code';
                ELSE
                    PERFORM pg_catalog.create_distributed_table(rel, 'organization_code', colocate_with => colocate);
                    distribution := 'distributed by organization_code';
                END IF;
                IF tab OPERATOR(pg_catalog.=) ANY (row_level) THEN
                    colocate := pg_catalog.format('%I.%I', nsp, tab);
                END IF;
                table_name := pg_catalog.format('%I.%I', nsp, tab);
                RETURN NEXT;
            EXCEPTION WHEN feature_not_supported OR undefined_table THEN
                IF pg_catalog.cardinality(waiting) OPERATOR(pg_catalog.=) 0 THEN
                    GET STACKED DIAGNOSTICS first_error = MESSAGE_TEXT;
                END IF;
                waiting := waiting OPERATOR(pg_catalog.||) tab;
            END;
        END LOOP;
        IF pg_catalog.cardinality(waiting) OPERATOR(pg_catalog.=) pg_catalog.cardinality(todo) THEN
            RAISE EXCEPTION 'distribute_region: Citus refuses the tables %', waiting
                USING ERRCODE = '0A000', DETAIL = first_error;
        END IF;
        todo := waiting;
    END LOOP;

    FOREACH tab IN ARRAY tables LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %I.%I ENABLE TRIGGER USER', nsp, tab);
    END LOOP;
    FOREACH stmt IN ARRAY fks LOOP
        EXECUTE stmt;
    END LOOP;
    PERFORM pg_catalog.set_config('client_min_messages', old_messages, true);
END
$fn$;
COMMENT ON FUNCTION @extschema@.distribute_region(name, integer) IS
    'lays a region out on Citus: small tables as reference tables, cases, feedback_responses, feedback_coded_themes, measurements and measurement_history distributed on organization_code, colocated';
