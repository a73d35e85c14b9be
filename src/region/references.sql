-- references: the references of the three row tables that loads fill (cases, measurements,
-- feedback_responses) to their organisation, indicator and survey, checked once per
-- statement instead of once per row (doc/loading.md, "Speed").  A declared foreign key
-- checks each inserted row with a query of its own (some 20 µs a row, more than the insert
-- itself); these triggers check the distinct codes a statement wrote, as one query per
-- reference, with the same SQLSTATE (23503), message and DETAIL as the foreign key whose
-- name they keep.  Like a foreign key they lock the organisation, indicator or survey rows
-- they found (FOR KEY SHARE) until the writer commits, so that a concurrent DELETE of one
-- waits and then sees the new rows; the referenced side refuses to delete, rename or
-- truncate a code still referenced.  On Citus, pekefb.distribute_region declares the
-- foreign keys again (Citus checks them where the rows are) and drops these triggers.

-- check_references(): AFTER INSERT or UPDATE statement trigger with the written rows as
-- new_rows; its arguments name each reference as (constraint, column, table): the column
-- of the rows written and the region table whose code it must be.  SECURITY DEFINER, as a
-- foreign key's check runs with the owner's rights: a member can refer to an organisation
-- or indicator that row-level security hides from it, and needs no UPDATE right on it to
-- lock it.
CREATE FUNCTION @region@.check_references() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    i integer := 0;
    cols text := '';
    lists text := '';
    grp text := '';
    distinct_codes jsonb;
    codes text[];
    found bigint;
    missing text;
BEGIN
    -- the distinct codes of every reference from one pass over the rows: grouped by all the
    -- referring columns at once, then each column's codes from the (few) groups
    WHILE i OPERATOR(pg_catalog.<) TG_NARGS LOOP
        cols := cols OPERATOR(pg_catalog.||) CASE WHEN i OPERATOR(pg_catalog.>) 0 THEN ', ' ELSE '' END
                OPERATOR(pg_catalog.||) pg_catalog.format('n.%I AS v%s', TG_ARGV[i OPERATOR(pg_catalog.+) 1], i);
        lists := lists OPERATOR(pg_catalog.||) CASE WHEN i OPERATOR(pg_catalog.>) 0 THEN ', ' ELSE '' END
                 OPERATOR(pg_catalog.||) pg_catalog.format('pg_catalog.to_jsonb(ARRAY(SELECT DISTINCT g.v%1$s FROM g WHERE g.v%1$s IS NOT NULL))', i);
        grp := grp OPERATOR(pg_catalog.||) CASE WHEN i OPERATOR(pg_catalog.>) 0 THEN ', ' ELSE '' END
               OPERATOR(pg_catalog.||) (i OPERATOR(pg_catalog./) 3 OPERATOR(pg_catalog.+) 1)::text;
        i := i OPERATOR(pg_catalog.+) 3;
    END LOOP;
    EXECUTE pg_catalog.format('WITH g AS MATERIALIZED (SELECT %s FROM new_rows n GROUP BY %s) SELECT pg_catalog.jsonb_build_array(%s)',
                              cols, grp, lists)
        INTO distinct_codes;
    i := 0;
    WHILE i OPERATOR(pg_catalog.<) TG_NARGS LOOP
        codes := ARRAY(SELECT pg_catalog.jsonb_array_elements_text(distinct_codes OPERATOR(pg_catalog.->) (i OPERATOR(pg_catalog./) 3)));
        IF pg_catalog.cardinality(codes) OPERATOR(pg_catalog.>) 0 THEN
            -- the lock is the check: a row deleted by a transaction that committed meanwhile is
            -- not locked, and so not found
            EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM (SELECT FROM %I.%I p WHERE p.code OPERATOR(pg_catalog.=) ANY ($1) FOR KEY SHARE OF p) l',
                                      TG_TABLE_SCHEMA, TG_ARGV[i OPERATOR(pg_catalog.+) 2])
                INTO found USING codes;
            IF found OPERATOR(pg_catalog.<) pg_catalog.cardinality(codes) THEN
                EXECUTE pg_catalog.format('SELECT k.v FROM pg_catalog.unnest($1) k (v) WHERE NOT EXISTS (SELECT FROM %I.%I p WHERE p.code OPERATOR(pg_catalog.=) k.v) ORDER BY k.v LIMIT 1',
                                          TG_TABLE_SCHEMA, TG_ARGV[i OPERATOR(pg_catalog.+) 2])
                    INTO missing USING codes;
                RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_ARGV[i]
                    USING ERRCODE = '23503',
                          DETAIL = pg_catalog.format('Key (%s)=(%s) is not present in table "%s".',
                                                     TG_ARGV[i OPERATOR(pg_catalog.+) 1], COALESCE(missing, '?'), TG_ARGV[i OPERATOR(pg_catalog.+) 2]),
                          SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, CONSTRAINT = TG_ARGV[i];
            END IF;
        END IF;
        i := i OPERATOR(pg_catalog.+) 3;
    END LOOP;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.check_references() IS
    'trigger: the organisations, indicators and surveys a statement''s rows refer to exist (locked FOR KEY SHARE), checked once per statement; arguments (constraint, column, table) per reference';

-- check_referenced(): AFTER DELETE or UPDATE statement trigger on organizations, indicators
-- or feedback_surveys with the old rows as old_rows; its arguments name each referring
-- table as (constraint, table, column).  A code that is gone after the statement (deleted,
-- or renamed by the update) and is still referred to is refused as the foreign key would
-- (NO ACTION).  Under READ COMMITTED the check sees the rows of a writer that held the
-- code's lock and committed meanwhile; a REPEATABLE READ or SERIALIZABLE transaction that
-- deletes an organisation does not see rows committed after its snapshot (doc/loading.md).
CREATE FUNCTION @region@.check_referenced() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    i integer := 0;
    gone text[];
    used text;
BEGIN
    EXECUTE pg_catalog.format('SELECT pg_catalog.array_agg(o.code) FROM old_rows o WHERE NOT EXISTS (SELECT FROM %I.%I p WHERE p.code OPERATOR(pg_catalog.=) o.code)',
                              TG_TABLE_SCHEMA, TG_TABLE_NAME)
        INTO gone;
    IF gone IS NULL THEN
        RETURN NULL;
    END IF;
    WHILE i OPERATOR(pg_catalog.<) TG_NARGS LOOP
        EXECUTE pg_catalog.format('SELECT k.v FROM pg_catalog.unnest($1) k (v) WHERE EXISTS (SELECT FROM %I.%I c WHERE c.%I OPERATOR(pg_catalog.=) k.v) ORDER BY k.v LIMIT 1',
                                  TG_TABLE_SCHEMA, TG_ARGV[i OPERATOR(pg_catalog.+) 1], TG_ARGV[i OPERATOR(pg_catalog.+) 2])
            INTO used USING gone;
        IF used IS NOT NULL THEN
            RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
                            TG_TABLE_NAME, TG_ARGV[i], TG_ARGV[i OPERATOR(pg_catalog.+) 1]
                USING ERRCODE = '23503',
                      DETAIL = pg_catalog.format('Key (code)=(%s) is still referenced from table "%s".', used, TG_ARGV[i OPERATOR(pg_catalog.+) 1]),
                      SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_ARGV[i OPERATOR(pg_catalog.+) 1], CONSTRAINT = TG_ARGV[i];
        END IF;
        i := i OPERATOR(pg_catalog.+) 3;
    END LOOP;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.check_referenced() IS
    'trigger: an organisation, indicator or survey code that a statement deletes or renames is not referred to by cases, measurements or feedback_responses; arguments (constraint, table, column) per referring table';

-- check_referenced_truncate(): AFTER TRUNCATE statement trigger, the same arguments as
-- check_referenced: a truncated organizations, indicators or feedback_surveys leaves no row
-- referring to it (TRUNCATE ... CASCADE does not reach these tables; truncating them in the
-- same statement is allowed, as with a foreign key).
CREATE FUNCTION @region@.check_referenced_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    i integer := 0;
    used boolean;
BEGIN
    WHILE i OPERATOR(pg_catalog.<) TG_NARGS LOOP
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM %I.%I)', TG_TABLE_SCHEMA, TG_ARGV[i OPERATOR(pg_catalog.+) 1]) INTO used;
        IF used THEN
            RAISE EXCEPTION 'cannot truncate a table referenced in a foreign key constraint'
                USING ERRCODE = '0A000',
                      DETAIL = pg_catalog.format('Table "%s" references "%s" (constraint "%s").', TG_ARGV[i OPERATOR(pg_catalog.+) 1], TG_TABLE_NAME, TG_ARGV[i]),
                      HINT = pg_catalog.format('Truncate table "%s" at the same time.', TG_ARGV[i OPERATOR(pg_catalog.+) 1]);
        END IF;
        i := i OPERATOR(pg_catalog.+) 3;
    END LOOP;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.check_referenced_truncate() IS
    'trigger: a truncated organizations, indicators or feedback_surveys leaves no cases, measurements or feedback_responses referring to it';

-- The referring side: one trigger per event (a trigger with transition tables has one).
CREATE TRIGGER cases_references_insert AFTER INSERT ON @region@.cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_references('cases_organization_code_fkey', 'organization_code', 'organizations',
                                               'cases_indicator_code_fkey', 'indicator_code', 'indicators');
CREATE TRIGGER cases_references_update AFTER UPDATE ON @region@.cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_references('cases_organization_code_fkey', 'organization_code', 'organizations',
                                               'cases_indicator_code_fkey', 'indicator_code', 'indicators');
CREATE TRIGGER measurements_references_insert AFTER INSERT ON @region@.measurements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_references('measurements_organization_code_fkey', 'organization_code', 'organizations',
                                               'measurements_indicator_code_fkey', 'indicator_code', 'indicators');
CREATE TRIGGER measurements_references_update AFTER UPDATE ON @region@.measurements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_references('measurements_organization_code_fkey', 'organization_code', 'organizations',
                                               'measurements_indicator_code_fkey', 'indicator_code', 'indicators');
CREATE TRIGGER feedback_responses_references_insert AFTER INSERT ON @region@.feedback_responses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_references('feedback_responses_organization_code_fkey', 'organization_code', 'organizations',
                                               'feedback_responses_survey_code_fkey', 'survey_code', 'feedback_surveys');
CREATE TRIGGER feedback_responses_references_update AFTER UPDATE ON @region@.feedback_responses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_references('feedback_responses_organization_code_fkey', 'organization_code', 'organizations',
                                               'feedback_responses_survey_code_fkey', 'survey_code', 'feedback_surveys');

-- The referred side.
CREATE TRIGGER organizations_referenced_delete AFTER DELETE ON @region@.organizations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_referenced('cases_organization_code_fkey', 'cases', 'organization_code',
                                               'measurements_organization_code_fkey', 'measurements', 'organization_code',
                                               'feedback_responses_organization_code_fkey', 'feedback_responses', 'organization_code');
CREATE TRIGGER organizations_referenced_update AFTER UPDATE ON @region@.organizations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_referenced('cases_organization_code_fkey', 'cases', 'organization_code',
                                               'measurements_organization_code_fkey', 'measurements', 'organization_code',
                                               'feedback_responses_organization_code_fkey', 'feedback_responses', 'organization_code');
CREATE TRIGGER organizations_referenced_truncate AFTER TRUNCATE ON @region@.organizations
    FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_referenced_truncate('cases_organization_code_fkey', 'cases', 'organization_code',
                                                        'measurements_organization_code_fkey', 'measurements', 'organization_code',
                                                        'feedback_responses_organization_code_fkey', 'feedback_responses', 'organization_code');
CREATE TRIGGER indicators_referenced_delete AFTER DELETE ON @region@.indicators
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_referenced('cases_indicator_code_fkey', 'cases', 'indicator_code',
                                               'measurements_indicator_code_fkey', 'measurements', 'indicator_code');
CREATE TRIGGER indicators_referenced_update AFTER UPDATE ON @region@.indicators
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_referenced('cases_indicator_code_fkey', 'cases', 'indicator_code',
                                               'measurements_indicator_code_fkey', 'measurements', 'indicator_code');
CREATE TRIGGER indicators_referenced_truncate AFTER TRUNCATE ON @region@.indicators
    FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_referenced_truncate('cases_indicator_code_fkey', 'cases', 'indicator_code',
                                                        'measurements_indicator_code_fkey', 'measurements', 'indicator_code');
CREATE TRIGGER feedback_surveys_referenced_delete AFTER DELETE ON @region@.feedback_surveys
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_referenced('feedback_responses_survey_code_fkey', 'feedback_responses', 'survey_code');
CREATE TRIGGER feedback_surveys_referenced_update AFTER UPDATE ON @region@.feedback_surveys
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_referenced('feedback_responses_survey_code_fkey', 'feedback_responses', 'survey_code');
CREATE TRIGGER feedback_surveys_referenced_truncate AFTER TRUNCATE ON @region@.feedback_surveys
    FOR EACH STATEMENT
    EXECUTE FUNCTION @region@.check_referenced_truncate('feedback_responses_survey_code_fkey', 'feedback_responses', 'survey_code');
