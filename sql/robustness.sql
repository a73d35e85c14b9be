-- robustness: every SQL-callable function of the extension, found in the catalogue at test
-- time, is called with NULL and with hostile values for each argument: zero and extreme
-- states, counters at 2^63-1, extreme and infinite dates, huge and negative numbers, NaN
-- and infinities, empty strings and arrays.  Each call either returns (its result is
-- converted to text, so output functions run too) or raises an error whose SQLSTATE is in
-- the allowed set: class 22 (data exception), 54000 (program limit exceeded) and a few
-- documented per function in table allowed (SQL-level errors of the region functions).  A
-- backend crash ends the test.  A function added later is covered without anyone
-- remembering; an argument type without hostile values shows up below.
--
-- Calls: for each argument in turn, every hostile value of its type with the other
-- arguments at their type's first (ordinary) value; NULL for each argument; and, where
-- there are at most 400 of them, every combination of the hostile values.  Aggregates are
-- called over one row, set-returning functions read to the end.  Runs in a database of
-- its own (import_feedback and refresh_access_measurements write).
\set SHOW_CONTEXT never
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS pekefb_robustness;
RESET client_min_messages;
CREATE DATABASE pekefb_robustness;
\c pekefb_robustness
CREATE EXTENSION pekefb;
SET DateStyle = 'ISO, YMD';
SET statement_timeout = '10min';

-- Hostile values per argument type, as SQL expressions; the first of each type is an
-- ordinary value, used for the other arguments.  Functions with an internal argument (the
-- binary receive functions) cannot be called from SQL; COPY BINARY reaches them
-- (test/regress/copy_binary.sql and the server-side fuzz pass).
CREATE TEMP TABLE hostile (typ regtype, ord serial, expr text);
INSERT INTO hostile (typ, expr) VALUES
  ('pekefb.tally', $$'(3,1,5)'$$), ('pekefb.tally', $$'(0,0,0)'$$),
  ('pekefb.tally', $$'(9223372036854775807,0,9223372036854775807)'$$),
  ('pekefb.tally', $$'(0,9223372036854775807,9223372036854775807)'$$),
  ('pekefb.tally', $$'(9223372036854775807,9223372036854775807,9223372036854775807)'$$),
  ('pekefb.tally', $$'(5,5,1)'$$), ('pekefb.tally', $$'(-1,0,0)'$$), ('pekefb.tally', $$'(0,0,-1)'$$),
  ('pekefb.tally', $$'(-9223372036854775808,0,1)'$$),
  ('pekefb.indicator', $$'698/788'$$), ('pekefb.indicator', $$'0/0'$$), ('pekefb.indicator', $$'1/0'$$),
  ('pekefb.indicator', $$'-5/3 d'$$), ('pekefb.indicator', $$'45%'$$), ('pekefb.indicator', $$'0'$$),
  ('pekefb.indicator', $$'1e308/1e-308'$$), ('pekefb.indicator', $$'-1e308'$$),
  ('pekefb.indicator', $$'1/5e-324'$$), ('pekefb.indicator', $$'NaN'$$), ('pekefb.indicator', $$'Infinity'$$),
  ('pekefb.indicator', $$'1e308/1 %'$$), ('pekefb.indicator', $$'9007199254740993/3'$$),
  ('pekefb.target', $$'>= 90%'$$), ('pekefb.target', $$'80%..95%'$$), ('pekefb.target', $$'< 0'$$),
  ('pekefb.target', $$'<= 60 d'$$), ('pekefb.target', $$'= 0'$$), ('pekefb.target', $$'> -1e308'$$),
  ('pekefb.target', $$'>= 1e308 d'$$), ('pekefb.target', $$'5..5'$$), ('pekefb.target', $$'NaN'$$),
  ('pekefb.target', $$'>= NaN'$$), ('pekefb.target', $$'<= Infinity'$$),
  ('pekefb.deadline', $$'14 days'$$), ('pekefb.deadline', $$'1 day'$$), ('pekefb.deadline', $$'3650 days'$$),
  ('pekefb.deadline', $$'7 working days'$$), ('pekefb.deadline', $$'600 working days'$$),
  ('pekefb.deadline', $$'1 month'$$), ('pekefb.deadline', $$'120 months'$$),
  ('pekefb.waits', $$'{0:2,3:1,10:4}'$$), ('pekefb.waits', $$'{}'$$), ('pekefb.waits', $$'{0:1}'$$),
  ('pekefb.waits', $$'{0:9223372036854775807}'$$), ('pekefb.waits', $$'{0:1,1:9223372036854775806}'$$),
  ('pekefb.waits', $$'{2147483647:9223372036854775807}'$$), ('pekefb.waits', $$'{0:1,2147483647:1}'$$),
  ('pekefb.waits', $$'{0:4611686018427387904,1:4611686018427387904}'$$),
  ('pekefb.waits', $$'{-1:1}'$$), ('pekefb.waits', $$'{0:0}'$$), ('pekefb.waits', $$'{1:1,0:1}'$$),
  ('pekefb.waits', $$pekefb.waits_subtract('{0:1,1:1}', '{1:1}')$$),
  ('pekefb.waits', $$pekefb.waits_subtract('{0:1}', '{0:1}')$$),
  ('pekefb.waits', $$(SELECT pekefb.wait_agg(g) FROM generate_series(0, 60000, 3) g)$$),
  ('pekefb.feedback', $$'{"role":"parent","channel":"web","nps":9,"lang":"fi","items":{"easy":4,"safe":null}}'$$),
  ('pekefb.feedback', $$'{}'$$), ('pekefb.feedback', $$'{"nps":0}'$$), ('pekefb.feedback', $$'{"nps":10}'$$),
  ('pekefb.feedback', $$'{"items":{"a":null}}'$$), ('pekefb.feedback', $$'{"nps":11}'$$),
  ('pekefb.feedback', $$'{"items":{"":1}}'$$), ('pekefb.feedback', $$'[]'$$),
  ('pekefb.feedback', $$format('{"items":{%s}}', (SELECT string_agg(format('"i%s":%s', g, g % 5 + 1), ',') FROM generate_series(1, 300) g))$$),
  ('date', $$'2024-06-18'$$), ('date', $$'4713-01-01 BC'$$), ('date', $$'5874897-12-31'$$),
  ('date', $$'infinity'$$), ('date', $$'-infinity'$$), ('date', $$'1899-12-31'$$), ('date', $$'1900-01-01'$$),
  ('date', $$'2200-12-31'$$), ('date', $$'2201-01-01'$$), ('date', $$'2000-02-29'$$),
  ('timestamp with time zone', $$'2024-06-18 12:00+03'$$), ('timestamp with time zone', $$'4713-01-01 00:00+00 BC'$$),
  ('timestamp with time zone', $$'294276-12-31 23:59:59+00'$$), ('timestamp with time zone', $$'infinity'$$),
  ('timestamp with time zone', $$'-infinity'$$), ('timestamp with time zone', $$'1899-12-31 23:59:59+00'$$),
  ('integer', '7'), ('integer', '0'), ('integer', '-1'), ('integer', '1'), ('integer', '11'),
  ('integer', '2147483647'), ('integer', '-2147483648'),
  ('bigint', '7'), ('bigint', '0'), ('bigint', '-1'), ('bigint', '9223372036854775807'), ('bigint', '-9223372036854775808'),
  ('double precision', '0.5'), ('double precision', '0'), ('double precision', '-0'), ('double precision', '1'),
  ('double precision', '-1'), ('double precision', '2'), ('double precision', '1e308'), ('double precision', '-1e308'),
  ('double precision', '5e-324'), ('double precision', $$'NaN'$$), ('double precision', $$'Infinity'$$),
  ('double precision', $$'-Infinity'$$),
  ('double precision[]', $$'{0.5,0.9}'$$), ('double precision[]', $$'{}'$$), ('double precision[]', $$'{0,1}'$$),
  ('double precision[]', $$'{NULL}'$$), ('double precision[]', $$'{NaN,Infinity,-1,2}'$$),
  ('double precision[]', $$'{{0.5,0.9}}'$$), ('double precision[]', $$'[5:6]={0.1,0.2}'$$),
  ('double precision[]', $$(SELECT array_agg(g / 10000.0) FROM generate_series(0, 10000) g)$$),
  ('integer[]', $$'{0,7,14,28,90}'$$), ('integer[]', $$'{}'$$), ('integer[]', $$'{7,0}'$$), ('integer[]', $$'{0,0}'$$),
  ('integer[]', $$'{NULL}'$$), ('integer[]', $$'{-1}'$$), ('integer[]', $$'{-2147483648,2147483647}'$$),
  ('integer[]', $$'{{1,2}}'$$), ('integer[]', $$'[0:1]={1,2}'$$),
  ('integer[]', $$(SELECT array_agg(g) FROM generate_series(0, 10000) g)$$),
  ('text', $$'easy'$$), ('text', $$''$$), ('text', $$' '$$), ('text', $$'[]'$$), ('text', $$'[{}]'$$),
  ('text', $$'{}'$$), ('text', $$'null'$$), ('text', $$'[1,2'$$), ('text', $$'ä'$$), ('text', $$repeat('x', 100000)$$),
  ('text', $$'[{"received_at": "infinity", "organization": "x", "service": "s", "response": {}}]'$$),
  ('text', $$'finished'$$), ('text', $$'started'$$),
  ('text[]', $$'{care}'$$), ('text[]', $$'{}'$$), ('text[]', $$'{NULL}'$$), ('text[]', $$'{""}'$$),
  ('boolean', 'true'), ('boolean', 'false'),
  ('boolean[]', $$'{f}'$$), ('boolean[]', $$'{}'$$), ('boolean[]', $$'{NULL}'$$), ('boolean[]', $$'{t,f,t}'$$),
  ('pekefb.waits[]', $$ARRAY['{0:2,3:1}']::pekefb.waits[]$$), ('pekefb.waits[]', $$'{}'$$),
  ('pekefb.waits[]', $$'{NULL}'$$), ('pekefb.waits[]', $$ARRAY['{2147483647:9223372036854775807}', '{0:1}']::pekefb.waits[]$$),
  ('pekefb.feedback[]', $$ARRAY['{"nps":9,"items":{"easy":4,"safe":null}}', '{"items":{"a":1,"b":5}}']::pekefb.feedback[]$$),
  ('pekefb.feedback[]', $$'{}'$$), ('pekefb.feedback[]', $$'{NULL}'$$),
  ('pekefb.feedback[]', $$(SELECT array_agg(format('{"items":{"c%s":%s,"d%s":null}}', g, 1 + g % 5, g)::pekefb.feedback) FROM generate_series(1, 2000) g)$$),
  -- types no function takes today, ready for the next ones
  ('smallint', '7'), ('smallint', '0'), ('smallint', '-32768'), ('smallint', '32767'),
  ('numeric', '0.5'), ('numeric', '0'), ('numeric', $$'NaN'$$), ('numeric', '1e1000'), ('numeric', '-1e-1000'),
  ('bigint[]', $$'{1,2}'$$), ('bigint[]', $$'{}'$$), ('bigint[]', $$'{NULL}'$$), ('bigint[]', $$'{9223372036854775807}'$$),
  ('bytea', $$'\x00'$$), ('bytea', $$''$$), ('bytea', $$'\xffffffff'$$), ('bytea', $$decode(repeat('ff', 10000), 'hex')$$),
  ('json', $$'{}'$$), ('json', $$'[]'$$), ('json', $$'null'$$), ('json', $$'[{"a":1e400}]'$$),
  ('jsonb', $$'{}'$$), ('jsonb', $$'[]'$$), ('jsonb', $$'null'$$), ('jsonb', $$'{"nps":"9"}'$$),
  ('interval', $$'7 days'$$), ('interval', $$'0'$$), ('interval', $$'-1 day'$$), ('interval', $$'178000000 years'$$),
  ('timestamp without time zone', $$'2024-06-18 12:00'$$), ('timestamp without time zone', $$'4713-01-01 00:00 BC'$$),
  ('timestamp without time zone', $$'294276-12-31 23:59:59'$$), ('timestamp without time zone', $$'infinity'$$),
  ('date[]', $$'{2025-12-31}'$$), ('date[]', $$'{}'$$), ('date[]', $$'{NULL}'$$), ('date[]', $$'{infinity,-infinity}'$$),
  ('date[]', $$'{4713-01-01 BC,5874897-12-31}'$$), ('date[]', $$(SELECT array_agg(d::date) FROM generate_series(date '1900-01-01', '2200-12-31', '1 day') d)$$),
  ('name', $$'robustness_region'$$), ('name', $$''$$), ('name', $$'Bad-Name'$$), ('name', $$'pg_catalog'$$),
  ('name', $$repeat('x', 100)$$),
  ('regclass', $$'pg_catalog.pg_namespace'$$), ('regclass', $$'-'$$), ('regclass', $$'pg_catalog.pg_class'$$),
  ('cstring', $$'1'$$), ('cstring', $$''$$), ('cstring', $$' '$$), ('cstring', $$'-'$$), ('cstring', $$'x'$$),
  ('cstring', $$'(3,1,5)'$$), ('cstring', $$'(9223372036854775807,9223372036854775807,9223372036854775807)'$$),
  ('cstring', $$'(9223372036854775808,0,0)'$$), ('cstring', $$'(1,2)'$$), ('cstring', $$'698/788'$$),
  ('cstring', $$'1/5e-324'$$), ('cstring', $$'NaN'$$), ('cstring', $$'>= 90%'$$), ('cstring', $$'80%..95%'$$),
  ('cstring', $$'14 days'$$), ('cstring', $$'2147483647 months'$$), ('cstring', $$'{0:1,1:9223372036854775806}'$$),
  ('cstring', $$'{0:9223372036854775807,1:1}'$$), ('cstring', $$'{2147483647:1,-2147483648:1}'$$),
  ('cstring', $$'{"nps":9,"items":{"easy":4}}'$$), ('cstring', $$'{"nps":1e-400}'$$), ('cstring', $$'[]'$$),
  ('cstring', $$repeat('9', 100000)$$), ('cstring', $$repeat('{', 100000)$$), ('cstring', $$repeat('[', 10000)$$);

-- Calls skipped, each with the reason: the function entirely, or (null_state) only its
-- calls with a NULL first argument.  Temporary: remove an entry when its bug is fixed.
CREATE TEMP TABLE skipped (fn regprocedure PRIMARY KEY, null_state boolean, reason text);

-- Errors outside class 22 and 54000 that a function may raise, each with the reason.
CREATE TEMP TABLE allowed (proname name, state text, reason text, PRIMARY KEY (proname, state));
INSERT INTO allowed VALUES
  ('create_region', '42P06', 'the schema exists already'),
  ('create_region', '23514', 'the region tables'' constraints check the area and the settings'),
  ('upgrade_region', '42P01', 'the schema is not a region'),
  ('import_feedback', '42P01', 'the target table does not exist'),
  ('distribute_region', '55000', 'citus is not installed here (make test-citus calls it on Citus)'),
  ('keep_access_states', '0A000', 'a trigger function: called directly it refuses (the state tests fire it as the trigger of cases)');

-- The region's follow-up report (follow_up_report and its _report_ functions) is called the
-- same way, in a region of its own with a little data (the other region functions load or
-- change data and have their own tests).
SELECT pekefb.create_region('robustness_report', 'reg', 'Alue <&>') IS NOT NULL AS report_region;
INSERT INTO robustness_report.organizations (code, name_fi, kind, parent_code) VALUES ('a', 'A', 'municipality', 'reg');
INSERT INTO robustness_report.indicators (code, name_fi, unit, deadline) VALUES ('care', 'Hoito', '%', '14 days'), ('share', 'Osuus', '%', NULL);
INSERT INTO robustness_report.targets (indicator_code, organization_code, period_start, period_end, target)
VALUES ('share', NULL, '2024-01-01', '2024-12-31', '>= 90%');
INSERT INTO robustness_report.measurements (indicator_code, organization_code, period_start, period_end, value)
VALUES ('share', 'a', '2024-01-01', '2024-12-31', '9/10'), ('share', 'reg', '2024-01-01', '2024-12-31', '9/10');
INSERT INTO robustness_report.cases (indicator_code, organization_code, started, finished)
SELECT 'care', 'a', d::date, d::date + 3 FROM generate_series(date '2024-06-01', '2024-06-10', '1 day') d;
INSERT INTO robustness_report.feedback_responses (received_at, organization_code, service, response, themes)
SELECT '2024-06-18 12:00+03', 'a', 'neuvola', '{"role":"parent","nps":9,"items":{"easy":4}}', '{aika}' FROM generate_series(1, 6);

CREATE TEMP TABLE calls (fn regprocedure, call text, state text, message text, seconds double precision);
CREATE TEMP TABLE todo (args text[]);

-- call_text(f, args): the statement that calls f with the given argument expressions (the
-- last one as VARIADIC for a variadic function).
CREATE FUNCTION pg_temp.call_text(f oid, args text[]) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN p.prokind = 'a' THEN format('SELECT (%s(%s))::text FROM (VALUES (1)) one (x)', f::regproc, a)
        WHEN p.proretset THEN format('SELECT pg_catalog.count(r::text) FROM %s(%s) r', f::regproc, a)
        ELSE format('SELECT (%s(%s))::text', f::regproc, a) END
    FROM pg_proc p,
         LATERAL (SELECT string_agg(CASE WHEN p.provariadic <> 0 AND i = p.pronargs THEN 'VARIADIC ' ELSE '' END
                                    || format('(%s)::%s', coalesce(args[i], 'NULL'), format_type(t, NULL)), ', ' ORDER BY i)
                  FROM unnest(p.proargtypes) WITH ORDINALITY u (t, i)) AS x (a)
    WHERE p.oid = f
$$;

DO $$
DECLARE
    f record;
    args text[];
    base text[];
    i int;
    todo_row record;
    combos bigint;
    q text;
    st text;
    msg text;
    t0 timestamptz;
BEGIN
    FOR f IN SELECT p.oid, p.pronargs, p.proargtypes FROM pg_proc p
             WHERE (p.pronamespace = 'pekefb'::regnamespace
                    OR (p.pronamespace = 'robustness_report'::regnamespace
                        AND (p.proname = 'follow_up_report' OR p.proname ~ '^_report_')))
               AND p.oid NOT IN (SELECT fn FROM skipped WHERE NOT null_state)
               AND NOT 'internal'::regtype = ANY (p.proargtypes)
             ORDER BY p.oid::regprocedure::text LOOP
        -- the ordinary value of each argument type
        base := ARRAY(SELECT (SELECT h.expr FROM hostile h WHERE h.typ = t ORDER BY h.ord LIMIT 1)
                      FROM unnest(f.proargtypes) WITH ORDINALITY u (t, k) ORDER BY k);
        TRUNCATE todo;
        INSERT INTO todo VALUES (base), (array_fill(NULL::text, ARRAY[f.pronargs]));
        FOR i IN 1 .. f.pronargs LOOP
            INSERT INTO todo SELECT base[:i - 1] || h.expr || base[i + 1:]
            FROM hostile h WHERE h.typ = f.proargtypes[i - 1];
            INSERT INTO todo SELECT base[:i - 1] || NULL::text || base[i + 1:];
        END LOOP;
        SELECT coalesce(exp(sum(ln(n)))::bigint, 1) INTO combos
        FROM (SELECT greatest((SELECT pg_catalog.count(*) FROM hostile h WHERE h.typ = t), 1) AS n
              FROM unnest(f.proargtypes) t) s;
        IF f.pronargs > 1 AND combos <= 400 THEN
            WITH RECURSIVE c (k, a) AS (
                SELECT 0, ARRAY[]::text[]
                UNION ALL
                SELECT c.k + 1, c.a || h.expr FROM c JOIN hostile h ON h.typ = f.proargtypes[c.k]
                WHERE c.k < f.pronargs)
            INSERT INTO todo SELECT a FROM c WHERE k = f.pronargs;
        END IF;
        IF f.oid IN (SELECT fn FROM skipped WHERE null_state) THEN
            DELETE FROM todo WHERE todo.args[1] IS NULL;
        END IF;
        FOR todo_row IN SELECT DISTINCT todo.args FROM todo LOOP
            q := pg_temp.call_text(f.oid, todo_row.args);
            st := '00000'; msg := NULL;
            t0 := clock_timestamp();
            BEGIN
                EXECUTE q;
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
            END;
            INSERT INTO calls VALUES (f.oid, q, st, msg, extract(epoch FROM clock_timestamp() - t0));
        END LOOP;
    END LOOP;
END $$;

-- Every function of the extension callable from SQL was called, with NULL and with every
-- hostile value.
SELECT (SELECT pg_catalog.count(*) FROM pg_proc p
         WHERE (p.pronamespace = 'pekefb'::regnamespace
                OR (p.pronamespace = 'robustness_report'::regnamespace
                    AND (p.proname = 'follow_up_report' OR p.proname ~ '^_report_')))
          AND NOT 'internal'::regtype = ANY (p.proargtypes))
     = (SELECT pg_catalog.count(DISTINCT fn) FROM calls) + (SELECT pg_catalog.count(*) FROM skipped WHERE NOT null_state)
       AS every_function_called,
       (SELECT pg_catalog.count(*) FROM calls) > 3000 AS thousands_of_calls;
-- argument types of the extension's functions without hostile values (none)
SELECT DISTINCT format_type(t, NULL) AS type_without_hostile_values
FROM pg_proc p, unnest(p.proargtypes) t
WHERE p.pronamespace = 'pekefb'::regnamespace AND t NOT IN (SELECT typ FROM hostile)
  AND NOT 'internal'::regtype = ANY (p.proargtypes);
-- errors outside the allowed set: class 22, 54000 and the documented few (none)
SELECT c.fn, c.state, pg_catalog.count(*) AS calls, min(c.message) AS message, min(c.call) AS example
FROM calls c JOIN pg_proc p ON p.oid = c.fn
WHERE c.state <> '00000' AND c.state NOT LIKE '22%' AND c.state <> '54000'
  AND (p.proname, c.state) NOT IN (SELECT proname, state FROM allowed)
GROUP BY 1, 2 ORDER BY 1::text, 2;
SELECT * FROM allowed ORDER BY 1, 2;
-- calls that took more than 5 seconds (none)
SELECT fn, round(seconds::numeric, 1) AS seconds, call FROM calls WHERE seconds > 5 ORDER BY 1::text;
SELECT fn, null_state, reason FROM skipped ORDER BY 1::text;
-- the functions covered
SELECT fn AS function_called FROM calls GROUP BY fn ORDER BY fn::text;

\c :regress_db
SET client_min_messages = warning;
DROP DATABASE pekefb_robustness;
