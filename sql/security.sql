-- security: install and call safety (CVE-2022-2625 class, issue 8).  Runs in a database of
-- its own, so that the regression database's extension is left alone.
--
-- 1. A non-superuser who can create schemas pre-creates schema pekefb and plants operators
--    /(float8, bigint) and ||(text, bigint) whose functions would make him superuser.
--    CREATE EXTENSION must refuse the schema, and nothing of his may run.  A schema that is
--    superuser-owned but open to him or not empty is refused too; an empty superuser-owned
--    schema (pg_dump's CREATE SCHEMA before the restore) is accepted.
-- 2. With the extension installed properly, he plants traps in the caller's first schema
--    (exact shadows of the pg_catalog operators and functions, ahead of pg_catalog on the
--    search_path) and in public (variants with more specific argument types).  Every view
--    and every SQL and PL/pgSQL function of the extension, and import_feedback (C, runs
--    SQL), are run as a superuser under that search_path: no trap may fire.
\set SHOW_CONTEXT never
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS pekefb_security;
DROP ROLE IF EXISTS regress_pekefb_attacker;
DROP ROLE IF EXISTS regress_pekefb_partner;
RESET client_min_messages;
CREATE ROLE regress_pekefb_attacker;
CREATE ROLE regress_pekefb_partner;
CREATE DATABASE pekefb_security;
\c pekefb_security
SET client_min_messages = warning;
GRANT CREATE ON DATABASE pekefb_security TO regress_pekefb_attacker;
GRANT CREATE ON SCHEMA public TO regress_pekefb_attacker;   -- as before PostgreSQL 15

-- The attacker's own schema with a log: every trap counts its calls in mallory.log
-- (a sequence: nextval survives the rollback of the failing statement).
SET ROLE regress_pekefb_attacker;
CREATE SCHEMA mallory;
CREATE SEQUENCE mallory.log;
GRANT USAGE ON SCHEMA mallory TO PUBLIC;
GRANT USAGE ON SEQUENCE mallory.log TO PUBLIC;

--
-- 1. The planted schema
--
CREATE SCHEMA pekefb;
CREATE FUNCTION pekefb.takeover_div(float8, bigint) RETURNS float8 LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_catalog.nextval('mallory.log');
    ALTER ROLE regress_pekefb_attacker SUPERUSER;
    RETURN $1 OPERATOR(pg_catalog./) $2;
END $$;
CREATE OPERATOR pekefb./ (LEFTARG = float8, RIGHTARG = bigint, FUNCTION = pekefb.takeover_div);
CREATE FUNCTION pekefb.takeover_cat(text, bigint) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_catalog.nextval('mallory.log');
    ALTER ROLE regress_pekefb_attacker SUPERUSER;
    RETURN $1 OPERATOR(pg_catalog.||) $2;
END $$;
CREATE OPERATOR pekefb.|| (LEFTARG = text, RIGHTARG = bigint, FUNCTION = pekefb.takeover_cat);
RESET ROLE;
RESET client_min_messages;

CREATE EXTENSION pekefb;
SELECT pg_catalog.count(*) AS installed FROM pg_extension WHERE extname = 'pekefb';
SELECT rolsuper AS attacker_is_superuser FROM pg_roles WHERE rolname = 'regress_pekefb_attacker';
SELECT is_called AS trap_ran FROM mallory.log;
-- the views that would have called his operators do not exist
SELECT pg_catalog.count(*) FROM pekefb.access_summary;

-- A superuser-owned schema in which he may create objects, or which is not empty, is refused.
SET client_min_messages = warning;
DROP SCHEMA pekefb CASCADE;
RESET client_min_messages;
CREATE SCHEMA pekefb;
GRANT CREATE ON SCHEMA pekefb TO regress_pekefb_attacker;
CREATE EXTENSION pekefb;
REVOKE CREATE ON SCHEMA pekefb FROM regress_pekefb_attacker;
CREATE FUNCTION pekefb.leftover() RETURNS integer LANGUAGE sql RETURN 1;
CREATE EXTENSION pekefb;
DROP FUNCTION pekefb.leftover();
-- an empty superuser-owned schema (pg_dump's CREATE SCHEMA before a restore) is accepted
CREATE EXTENSION pekefb;
DROP EXTENSION pekefb;
DROP SCHEMA pekefb;

--
-- 2. Traps in the caller's first schema and in public
--
CREATE EXTENSION pekefb;
SELECT is_called AS trap_ran, (SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_pekefb_attacker') AS attacker_is_superuser
FROM mallory.log;

-- The names the extension's SQL refers to: pg_catalog functions its views, constraints,
-- defaults and SQL-standard bodies depend on, and every identifier followed by "(" in its
-- install script (which holds every SQL and PL/pgSQL body, the region script included).
CREATE TEMP TABLE used_names AS
SELECT DISTINCT p.proname AS name
FROM pg_depend d JOIN pg_proc p ON p.oid = d.refobjid AND d.refclassid = 'pg_proc'::regclass
WHERE p.pronamespace = 'pg_catalog'::regnamespace
UNION
SELECT DISTINCT pg_catalog.lower(m[1])
FROM pg_config s, pg_available_extensions e,
     regexp_matches(pg_read_file(s.setting || '/extension/pekefb--' || e.default_version || '.sql'),
                    '([A-Za-z_][A-Za-z0-9_]*)\s*\(', 'g') AS m
WHERE s.name = 'SHAREDIR' AND e.name = 'pekefb'
UNION
SELECT unnest(ARRAY['count', 'sum', 'avg', 'min', 'max', 'string_agg', 'coalesce', 'lower', 'upper',
                    'now', 'date_trunc', 'date_part', 'age', 'unnest', 'format', 'row_number', 'md5']);

-- plant(schema, name, kind, args, result): a trap with that signature; false if PL/pgSQL
-- cannot have it (internal, cstring, "any" arguments and the like).
CREATE FUNCTION pg_temp.plant(nsp text, fname text, kind "char", args text[], result text) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    body text := format($b$BEGIN PERFORM pg_catalog.nextval('mallory.log');
                           RAISE EXCEPTION 'trap %%.%% was called', %L, %L; END$b$, nsp, fname);
    trap text := format('%I.%I', 'mallory', 'trap_' || md5(concat_ws('/', nsp, fname, kind, args)));
BEGIN
    IF kind = 'a' THEN
        EXECUTE format('CREATE FUNCTION %s(bigint%s) RETURNS bigint LANGUAGE plpgsql AS %L', trap,
                       (SELECT string_agg(', ' || a, '') FROM unnest(args) a), body);
        EXECUTE format('CREATE AGGREGATE %I.%I(%s) (SFUNC = %s, STYPE = bigint)', nsp, fname,
                       CASE WHEN args = '{}' THEN '*' ELSE array_to_string(args, ', ') END, trap);
    ELSIF kind = 'o' THEN
        EXECUTE format('CREATE FUNCTION %s(%s) RETURNS %s LANGUAGE plpgsql AS %L', trap,
                       array_to_string(args, ', '), result, body);
        EXECUTE format('CREATE OPERATOR %I.%s (%s FUNCTION = %s)', nsp, fname,
                       CASE WHEN cardinality(args) = 2 THEN format('LEFTARG = %s, RIGHTARG = %s,', args[1], args[2])
                            ELSE format('RIGHTARG = %s,', args[1]) END, trap);
    ELSE
        EXECUTE format('CREATE FUNCTION %I.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L', nsp, fname,
                       array_to_string(args, ', '), result, body);
    END IF;
    RETURN true;
EXCEPTION WHEN feature_not_supported OR invalid_function_definition OR datatype_mismatch
               OR duplicate_function OR duplicate_object OR wrong_object_type
               OR invalid_object_definition OR undefined_function THEN
    RETURN false;
END $$;

GRANT SELECT ON used_names TO regress_pekefb_attacker;
GRANT USAGE ON SCHEMA pekefb TO regress_pekefb_attacker;     -- he is an analyst
SET ROLE regress_pekefb_attacker;
SET client_min_messages = warning;
-- exact shadows in mallory: every pg_catalog operator, every pg_catalog function and
-- aggregate of a used name
CREATE TEMP TABLE planted AS
SELECT 'operator' AS what, pg_temp.plant('mallory', o.oprname, 'o',
           array_remove(ARRAY[CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END,
                              format_type(o.oprright, NULL)], NULL),
           format_type(o.oprresult, NULL)) AS ok
FROM pg_operator o WHERE o.oprnamespace = 'pg_catalog'::regnamespace
UNION ALL
SELECT 'function', pg_temp.plant('mallory', p.proname, p.prokind,
           ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) WITH ORDINALITY u(t, i) ORDER BY i),
           pg_get_function_result(p.oid))
FROM pg_proc p JOIN used_names u ON u.name = p.proname
WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.prokind IN ('f', 'a', 'w');
-- more specific variants in public: each polymorphic or "any" argument as a concrete type
INSERT INTO planted
SELECT 'variant', pg_temp.plant('public', p.proname, CASE WHEN p.prokind = 'a' THEN 'a' ELSE 'f' END::"char",
           ARRAY(SELECT CASE WHEN format_type(t, NULL) IN ('"any"', 'anyelement', 'anynonarray', 'anycompatible',
                                                          'anycompatiblenonarray') THEN c.typ
                             WHEN format_type(t, NULL) IN ('anyarray', 'anycompatiblearray') THEN c.typ || '[]'
                             ELSE format_type(t, NULL) END
                 FROM unnest(p.proargtypes) WITH ORDINALITY u(t, i) ORDER BY i),
           CASE WHEN p.prokind = 'a' THEN NULL
                WHEN pg_get_function_result(p.oid) IN ('anyelement', 'anycompatible') THEN c.typ
                WHEN pg_get_function_result(p.oid) = 'SETOF anyelement' THEN 'SETOF ' || c.typ
                ELSE 'text' END)
FROM pg_proc p JOIN used_names u ON u.name = p.proname
CROSS JOIN (VALUES ('text'), ('integer'), ('bigint'), ('date'), ('double precision'), ('boolean'),
                   ('timestamp with time zone'), ('pekefb.feedback'), ('pekefb.deadline')) c (typ)
WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.prokind IN ('f', 'a')
  AND EXISTS (SELECT FROM unnest(p.proargtypes) t
              WHERE format_type(t, NULL) IN ('"any"', 'anyelement', 'anynonarray', 'anyarray', 'anycompatible',
                                             'anycompatiblearray', 'anycompatiblenonarray'));
RESET client_min_messages;
RESET ROLE;
SELECT what, pg_catalog.count(*) FILTER (WHERE ok) > 20 AS planted_many FROM planted GROUP BY 1 ORDER BY 1;
-- the traps work: unqualified calls from the caller's search_path reach them
SET search_path = mallory, pg_catalog, public;
SELECT lower('X');
SELECT 'a'::text = 'b'::text;
SELECT count(x) FROM (VALUES (1)) v (x);
RESET search_path;
SELECT is_called AS trap_ran FROM mallory.log;
SELECT setval('mallory.log', 1, false);

-- The caller: a superuser whose first schema is the attacker's, ahead of pg_catalog.  (The
-- test's own statements from here on call nothing unqualified: only the extension's code
-- could reach a trap.)  The tables, views and functions are the extension's own, or, where
-- the library has regions (pekefb.create_region), those of a region created here: :tgt.
SELECT '[' || string_agg(format('{"received_at": "2020-02-0%sT10:00:00+02:00", "organization": "a",
  "service": "neuvola", "response": {"role": "parent", "nps": %s, "items": {"easy": 5, "safe": 3}},
  "comment": "hyvä", "themes": ["aika", "tila"]}', g, g), ', ') || ']' AS feedback_doc
FROM generate_series(1, 6) g \gset
SELECT to_regproc('pekefb.create_region') IS NOT NULL AS regions,
       CASE WHEN to_regproc('pekefb.create_region') IS NULL THEN 'pekefb' ELSE 'secure_region' END AS tgt \gset
SET search_path = mallory, pg_catalog, public;
\if :regions
SELECT pekefb.create_region('secure_region', 'reg', 'Alue') AS created_region \gset
\endif
INSERT INTO :"tgt".organizations (code, name_fi, kind) VALUES ('reg', 'Alue', 'wellbeing_area')
ON CONFLICT (code) DO NOTHING;
INSERT INTO :"tgt".organizations (code, name_fi, name_sv, kind, parent_code)
VALUES ('a', 'A', 'A sv', 'municipality', 'reg');
INSERT INTO :"tgt".indicators (code, name_fi, unit, deadline) VALUES ('care', 'Hoito', '%', '14 days');
INSERT INTO :"tgt".indicators (code, name_fi, unit) VALUES ('share', 'Osuus', '%');
INSERT INTO :"tgt".targets (indicator_code, organization_code, period_start, period_end, target)
VALUES ('share', NULL, '2020-01-01', '2020-12-31', '>= 90%'), ('care', 'a', '2020-01-01', '2020-12-31', '>= 50%');
INSERT INTO :"tgt".measurements (indicator_code, organization_code, period_start, period_end, value)
VALUES ('share', 'a', '2020-01-01', '2020-12-31', '9/10'), ('share', 'a', '2019-01-01', '2019-12-31', '8/10');
INSERT INTO :"tgt".cases (indicator_code, organization_code, started, finished)
VALUES ('care', 'a', '2020-01-02', '2020-01-10'), ('care', 'a', '2020-01-02', '2020-01-30'),
       ('care', 'a', '2020-01-03', '2020-01-05'), ('care', 'a', '2020-01-03', '2020-02-20'),
       ('care', 'a', '2020-01-07', '2020-01-09'), ('care', 'a', '2020-01-08', '2020-01-08'),
       ('care', 'a', '2020-01-09', NULL), ('care', 'a', '2020-02-01', '2020-02-03'),
       ('care', 'a', '2020-02-03', '2020-03-30'), ('care', 'a', '2020-02-04', NULL);
\if :regions
-- history, reporting obligations, themes (their triggers run here)
UPDATE :"tgt".measurements SET value = '9/11' WHERE period_start OPERATOR(pg_catalog.=) '2019-01-01';
UPDATE :"tgt".targets SET target = '>= 91%' WHERE indicator_code OPERATOR(pg_catalog.=) 'share';
INSERT INTO :"tgt".reporting_obligations (organization_code, indicator_code, periodicity, first_period_start, last_period_end, due_days)
VALUES ('a', 'share', 'year', '2018-01-01', '2018-12-31', 30);
INSERT INTO :"tgt".themes (code, label_fi) VALUES ('aika', 'Aika');
INSERT INTO :"tgt".theme_lexicon (theme, lang, term) VALUES ('aika', 'fi', 'hyvä');
SELECT pg_catalog.count(*) FROM :"tgt".measurements_as_of(pg_catalog.now());
SELECT pg_catalog.count(*) FROM :"tgt".targets_as_of(pg_catalog.now());
SELECT pg_catalog.count(*) FROM :"tgt".indicator_status_as_of(pg_catalog.now());
SELECT pg_catalog.count(*) FROM :"tgt".data_quality_on('2020-06-30');
SELECT :"tgt".period_months('year'), :"tgt".period_label('year', 'sv'), :"tgt".date_text('2020-01-01', 'fi'),
       :"tgt".number_text(0.5, 'fi'), :"tgt".text_search_config('sv'), :"tgt".lexeme_variants('fi', 'odotusaik'),
       :"tgt".comment_query('fi', 'odotusaika'), :"tgt".code_themes();
-- development work (its triggers run here; every view below has rows)
INSERT INTO :"tgt".development_items (code, parent_code, kind, name_fi, organization_code, planned_start, planned_end, scale)
VALUES ('wp', NULL, 'work_package', 'Työpaketti', 'a', '2020-01-01', '2020-12-31', 'implementation'),
       ('act', 'wp', 'action', 'Toimenpide', 'a', '2020-01-01', '2020-12-31', 'described');
INSERT INTO :"tgt".stage_targets (item_code, due_date, stage)
VALUES ('wp', '2020-06-30', 'valmistelu'), ('act', '2020-12-31', 'kuvattu');
INSERT INTO :"tgt".development_progress (item_code, on_date, stage, assessment)
VALUES ('wp', '2020-03-01', 'valmistelu', 'alku'), ('act', '2020-09-01', 'ei kuvattu', NULL);
INSERT INTO :"tgt".development_indicators (item_code, indicator_code) VALUES ('wp', 'share'), ('act', 'share');
INSERT INTO :"tgt".development_services (item_code, service) VALUES ('act', 'neuvola');
UPDATE :"tgt".development_items SET scale = 'implementation' WHERE code OPERATOR(pg_catalog.=) 'wp';
INSERT INTO :"tgt".stage_scales (scale, milestone, name_fi) VALUES ('own', true, 'Oma');
INSERT INTO :"tgt".stages (scale, stage, rank, label_fi) VALUES ('own', 'ei', 0, 'ei'), ('own', 'on', 1, 'on');
UPDATE :"tgt".stages SET stage = 'kyllä' WHERE stage OPERATOR(pg_catalog.=) 'on';
DELETE FROM :"tgt".stages WHERE scale OPERATOR(pg_catalog.=) 'own';
SELECT pg_catalog.count(*) AS periods FROM :"tgt".development_periods('2020-01-01', '2020-12-31');
\endif
-- every SQL and PL/pgSQL function (trigger functions ran above), and import_feedback
SELECT :"tgt".refresh_access_measurements('2020-01-01', '2020-12-31');
SELECT :"tgt".refresh_access_measurements('2020-01-01', '2020-12-31', '{care}', 'started', '2020-06-30');
SELECT pekefb.localized('fi', 'sv', 'en'), pekefb.localized('fi', NULL);
SELECT pekefb.label('7 working days'::pekefb.deadline), pekefb.label('7 working days'::pekefb.deadline, 'sv');
SELECT :"tgt".data_date(), pg_catalog.count(*) FROM :"tgt".access_summary_on('2020-06-30', 'started');
SELECT :"tgt".import_feedback(
  '[{"received_at": "2020-01-05T10:00:00+02:00", "organization": "a", "service": "neuvola",
     "response": {"role": "parent", "nps": 10, "items": {"easy": 4}}, "comment": "ok", "themes": ["aika"]}]');
SELECT :"tgt".import_feedback(:'feedback_doc');
-- the loaders (doc/loading.md), and the national comparison's tables
SELECT * FROM :"tgt".load_measurements(E'indikaattori;organisaatio;vuosi;osoittaja;nimittäjä\nshare;a;2021;7;10\n');
INSERT INTO :"tgt".case_mappings VALUES ('m', 'care');
SELECT * FROM :"tgt".load_cases(E'id;asiatyyppi;kunta;vireille\nx1;m;a;1.2.2020\n', 'sys');
SELECT :"tgt".load_cases_check(E'id;asiatyyppi;kunta;vireille\nx1;m;a;1.2.2020\n');
INSERT INTO :"tgt".feedback_surveys (code, tool, organization_code, service, nps_column) VALUES ('s', 'limesurvey', 'a', 'neuvola', 'nps');
SELECT * FROM :"tgt".load_limesurvey('s', '[{"id": 1, "submitdate": "2020-01-05 10:00:00"}, {"id": 2, "submitdate": "2020-01-05 11:00:00", "nps": 9}]');
SELECT * FROM :"tgt".load_webropol('s', E'id;submitdate;nps\n3;5.1.2020 10.00;10\n');
INSERT INTO :"tgt".reference_areas VALUES (1, 'fin', 'Suomi', NULL, 'MAA', NULL), (2, 'own', 'Oma', NULL, 'HYVINVOINTIALUE', 'a');
INSERT INTO :"tgt".reference_indicators VALUES (5, 'share', 0.01, NULL);
SELECT * FROM :"tgt".load_sotkanet('[{"indicator": 5, "region": 1, "year": 2020, "gender": "total", "value": 90}, {"indicator": 5, "region": 2, "year": 2020, "gender": "total", "value": 91}]');
SELECT :"tgt".loader_unknown('x', '{}', '{}', '{}'), :"tgt".loader_answer('{"a": 5}', 'A'), :"tgt".loader_memory('x'),
       :"tgt".loader_joins(10, pg_catalog.to_regclass(:'tgt' OPERATOR(pg_catalog.||) '.cases'), 150);
\if :regions
-- the follow-up report, which calls every _report_ function of the region
SELECT pg_catalog.length(:"tgt".follow_up_report('reg', '2020-01-01', '2020-12-31')) OPERATOR(pg_catalog.>) 1000 AS report_html,
       pg_catalog.length(:"tgt".follow_up_report('reg', '2020-01-01', '2020-12-31', 'sv', 'markdown')) OPERATOR(pg_catalog.>) 1000 AS report_markdown;
\endif
\if :regions
-- the network's functions: members, row-level security, suppression
SELECT :"tgt".add_member('regress_pekefb_partner', 'a', 'write') AS added,
       :"tgt".add_member('regress_pekefb_partner', 'reg', 'read') AS added_again,
       :"tgt".remove_member('regress_pekefb_partner', 'reg') AS removed,
       :"tgt".use_policies(false) AS policies, :"tgt".set_row_policies('cases') AS case_policies,
       :"tgt".level_rank('admin') AS rank, :"tgt".is_region_owner() AS owner, :"tgt".is_region_admin() AS admin,
       :"tgt".is_my_role('regress_pekefb_partner') AS mine, :"tgt".can_read('a') AS reads, :"tgt".can_write('a') AS writes,
       :"tgt".min_group_size() AS min_size,
       :"tgt"._tree_suppress('{reg,a}', '{NULL,reg}', '{t,t}', '{2,2}', 5) AS tree,
       :"tgt"._parts_suppress(false, '{2,9}', '{t,f}', 5) AS parts;
SELECT :"tgt".member_organizations('regress_pekefb_partner', 'write') AS orgs,
       :"tgt".member_organizations('regress_pekefb_partner', 'admin') AS admin_orgs;
SELECT :"tgt".remove_member('regress_pekefb_partner', 'a') AS removed_last;
-- the stored access states (states.sql): the rebuild and the statement the triggers run
SELECT :"tgt".rebuild_access_states() OPERATOR(pg_catalog.>=) 0 AS states_rebuilt,
       pg_catalog.strpos(:"tgt"._access_states_sql('SELECT 1'), 'INSERT INTO') OPERATOR(pg_catalog.>) 0 AS states_sql,
       :"tgt"._access_states_kept() AS states_kept;
-- the stored feedback states (feedback_states.sql): the rebuild, the statement the
-- triggers run, the readers' gate and the NPS of summed counters
SELECT :"tgt".rebuild_feedback_states() OPERATOR(pg_catalog.>=) 0 AS feedback_states_rebuilt,
       pg_catalog.strpos(:"tgt"._feedback_states_sql('SELECT 1'), 'INSERT INTO') OPERATOR(pg_catalog.>) 0 AS feedback_states_sql,
       :"tgt"._feedback_states_kept() AS feedback_states_kept,
       :"tgt"._feedback_nps_of(3, 1, 4) AS nps_of;
-- the stored access rows (access_rows): the refresh, the readers' gates and units
SELECT :"tgt".refresh_access_rows() OPERATOR(pg_catalog.>=) 0 AS rows_refreshed;
SELECT :"tgt"._access_rows_usable(NULL, NULL) AS rows_usable,
       (SELECT pg_catalog.count(*) FROM :"tgt"._access_rows_dirty_units()) AS stale_units,
       :"tgt"._access_rows_judged_on() IS NOT NULL AS judged_on,
       :"tgt"._access_unit(DATE '2025-02-01', 'half_year') AS unit,
       :"tgt"._access_period_end('half_year', DATE '2025-04-01') AS period_end,
       (SELECT pg_catalog.count(*) FROM :"tgt"._access_summary_computed(NULL, NULL, false)) OPERATOR(pg_catalog.>=) 0 AS computed;
-- the stored feedback rows (states_feedback.sql): the refresh and the views' gates
SELECT :"tgt".refresh_feedback_rows() OPERATOR(pg_catalog.>=) 0 AS feedback_refreshed;
SELECT :"tgt"._feedback_rows_usable() AS feedback_usable, :"tgt"._feedback_rows_distributed() AS feedback_distributed,
       :"tgt"._feedback_rows_stale_units() AS stale_years, :"tgt"._feedback_rows_any_stale() AS any_stale,
       (SELECT pg_catalog.count(*) FROM :"tgt"._feedback_computed_rows(CAST(NULL AS :"tgt"._feedback_summary_computed), false))
           OPERATOR(pg_catalog.>) 0 AS summary_rows,
       (SELECT pg_catalog.count(*) FROM :"tgt"._feedback_computed_rows(CAST(NULL AS :"tgt"._feedback_item_summary_computed), true)) AS stale_item_rows,
       (SELECT pg_catalog.count(*) FROM :"tgt"._feedback_computed_years(CAST(NULL AS :"tgt"._feedback_theme_summary_computed), ARRAY[DATE '2025-01-01']))
           OPERATOR(pg_catalog.>=) 0 AS year_rows;
SELECT :"tgt".rebuild_organization_tree() AS rebuilt, pekefb.upgrade_region(:'tgt') AS upgraded \gset
-- distribute_region needs Citus (make test-citus runs it there); here it stops at that check
\set VERBOSITY terse
SELECT * FROM pekefb.distribute_region(:'tgt');
\set VERBOSITY default
\endif
SET pekefb.language = 'sv';
-- every view, read in full (rows counted, every column converted to text)
CREATE TEMP TABLE view_reads (view_name text, row_count bigint);
DO $$
DECLARE v record; n bigint;
BEGIN
    FOR v IN SELECT c.oid::pg_catalog.regclass AS rel, c.relname FROM pg_catalog.pg_class c
             WHERE c.relnamespace OPERATOR(pg_catalog.=) ANY (ARRAY['pekefb'::pg_catalog.regnamespace,
                                                                  pg_catalog.to_regnamespace('secure_region')])
               AND c.relkind OPERATOR(pg_catalog.=) ANY ('{v,m}'::"char"[]) ORDER BY c.relname LOOP
        EXECUTE pg_catalog.format('SELECT pg_catalog.count(pg_catalog.record_out(t)) FROM %s t', v.rel) INTO n;
        INSERT INTO pg_temp.view_reads VALUES (v.relname, n);
    END LOOP;
END $$;
RESET pekefb.language;
RESET search_path;
SELECT count(*) >= 6 AS views_read, bool_and(row_count > 0) AS every_view_has_rows FROM view_reads;
SELECT is_called AS trap_ran, (SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_pekefb_attacker') AS attacker_is_superuser
FROM mallory.log;

-- Every SQL or PL/pgSQL function is called above (a new one shows up here until it is
-- added), and each is either pre-parsed (SQL-standard body) or has SET search_path.
SELECT p.oid::regprocedure AS not_called_above
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace IN ('pekefb'::regnamespace, to_regnamespace(:'tgt')) AND l.lanname IN ('sql', 'plpgsql')
  AND p.prorettype <> 'trigger'::regtype
  AND p.proname NOT IN ('refresh_access_measurements', 'localized', 'import_feedback', 'create_region',
                        'label', 'data_date', 'access_summary_on',
                        'upgrade_region', '_region_check_schema', '_region_script', '_region_views', '_region_upgrades',
                        'rebuild_organization_tree', 'distribute_region', 'measurements_as_of', 'targets_as_of',
                        'indicator_status_as_of', 'data_quality_on', 'period_months', 'period_label', 'date_text',
                        'number_text', 'text_search_config', 'lexeme_variants', 'comment_query', 'code_themes',
                        'development_periods',
                        'load_measurements', 'load_cases', 'load_cases_check', 'load_feedback', 'load_webropol', 'load_limesurvey',
                        'load_sotkanet', 'loader_unknown', 'loader_answer', 'loader_memory', 'loader_joins', 'follow_up_report',
                        -- the network's (called above)
                        'add_member', 'remove_member', '_sync_privileges', '_check_member_admin', 'use_policies',
                        'set_row_policies', 'level_rank', 'is_region_owner', 'is_region_admin', 'is_my_role',
                        'can_read', 'can_write', 'member_organizations', 'min_group_size', '_tree_suppress',
                        '_parts_suppress',
                        -- the stored access states' (called above)
                        'rebuild_access_states', '_access_states_sql', '_access_states_kept',
                        'refresh_access_rows', '_access_rows_usable', '_access_rows_dirty_units', '_access_rows_judged_on',
                        '_access_unit', '_access_summary_computed',
                        'refresh_feedback_rows', '_feedback_rows_usable', '_feedback_rows_distributed',
                        '_feedback_rows_stale_units', '_feedback_rows_any_stale', '_feedback_computed_rows',
                        '_feedback_computed_years',
                        '_access_period_end',  -- (inlined: called above, never counted)
                        -- the stored feedback states' (called above)
                        'rebuild_feedback_states', '_feedback_states_sql', '_feedback_states_kept', '_feedback_nps_of')
  AND p.proname !~ '^_report_';   -- called by follow_up_report
SELECT p.oid::regprocedure AS without_search_path
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace IN ('pekefb'::regnamespace, to_regnamespace(:'tgt')) AND l.lanname IN ('sql', 'plpgsql')
  AND p.prosqlbody IS NULL
  AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)
UNION ALL   -- the C functions that run SQL
SELECT p.oid::regprocedure
FROM pg_proc p
WHERE p.pronamespace = 'pekefb'::regnamespace AND p.proname = 'import_feedback'
  AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false);

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE pekefb_security;
DROP ROLE regress_pekefb_attacker;
DROP ROLE regress_pekefb_partner;
