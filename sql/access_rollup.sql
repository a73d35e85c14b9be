-- access_rollup: pekefb.access_rollup (src/access_rollup_core.c), the C roll-up of the
-- access states that access_summary_on reads, gives exactly the rows of the direct
-- computation from the cases (doc/states.md).  First a hand-worked case of the
-- suppression rules (doc/partners.md), then random regions with a four-level tree (codes
-- whose order differs bytewise and in the collation, ties of equal counts), both bases,
-- several min_group_size and judging on the data date; last, bad arguments.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET DateStyle = 'ISO, YMD';
\set SHOW_CONTEXT never

-- 1. By hand, min_group_size 5, one month (January 2025) of a yearly indicator x:
--    r (the root) above a and b; a has 3 cases, b has 10 (all finished in 2 and 4 days).
--    a's cells (3 cases) are primary; r's total (13) has hidden mass 3 under it that no
--    visible sub-total covers and r has no own cell, so its smallest visible child total,
--    b's (10), is hidden with everything below it (b's own cell): only r's cells show,
--    in the month, the quarter and the year alike; r's median is 4 days (rank ceil(6.5) = 7
--    of 3 x 2 days and 10 x 4 days), its 90th percentile 4.
SELECT indicator_code, organization_code AS org, includes_sub_organizations AS sub, period_kind, period_start,
       cases, finished_cases AS fin, on_time, late, median_wait AS med, p90_wait AS p90, suppressed
FROM pekefb.access_rollup('{r,a,b}', '{NULL,r,r}', '{x}', '{f}',
                          '{x,x}', '{a,b}', '{2025-01-01,2025-01-01}', '{3,10}', '{3,10}', '{3,9}', '{0,1}',
                          '{0,0}', '{0,0}', ARRAY['{2:3}', '{4:10}']::pekefb.waits[], 5)
ORDER BY org, sub, period_kind;
-- the same with min_group_size 3: nothing is under 3, nothing is hidden
SELECT count(*) FILTER (WHERE suppressed) AS hidden, count(*) AS cells
FROM pekefb.access_rollup('{r,a,b}', '{NULL,r,r}', '{x}', '{f}',
                          '{x,x}', '{a,b}', '{2025-01-01,2025-01-01}', '{3,10}', '{3,10}', '{3,9}', '{0,1}',
                          '{0,0}', '{0,0}', ARRAY['{2:3}', '{4:10}']::pekefb.waits[], 3);
-- months against their quarter: a visible quarter of 12 cases of one organisation whose
-- January (2) is hidden hides the smallest other month too (February, 4; March has 6), so
-- that January cannot be recovered from the quarter
SELECT period_kind, period_start, cases, suppressed
FROM pekefb.access_rollup('{r}', '{NULL}', '{x}', '{f}',
                          '{x,x,x}', '{r,r,r}', '{2025-01-01,2025-02-01,2025-03-01}', '{2,4,6}', '{2,4,6}', '{2,4,6}', '{0,0,0}',
                          '{0,0,0}', '{0,0,0}', ARRAY['{}', '{}', '{}']::pekefb.waits[], 3)
WHERE NOT includes_sub_organizations
ORDER BY period_kind, period_start;
-- a half-yearly indicator: October 2024 to March 2025 is one unit (THL's half-year
-- 1.10.-31.3.), its half-year row starts 2024-10-01; no year rows
SELECT period_kind, period_start, cases
FROM pekefb.access_rollup('{r}', '{NULL}', '{h}', '{t}',
                          '{h,h}', '{r,r}', '{2024-12-01,2025-03-01}', '{7,8}', '{7,8}', '{7,8}', '{0,0}',
                          '{0,0}', '{0,0}', ARRAY['{}', '{}']::pekefb.waits[], 1)
WHERE NOT includes_sub_organizations
ORDER BY period_kind, period_start;

-- 2. Random regions: the views read through the states (the C roll-up) equal the same
--    calls computed from the cases (one state trigger disabled: the readers then compute
--    directly, as on Citus).
SELECT pekefb.create_region('rollup_region', 'root', 'Alue') IS NOT NULL AS created;
SET search_path = rollup_region, pekefb, public;
-- four levels: root, 4 municipalities, 3 units each, 2 teams per unit (codes with '-',
-- '.' and '_' sort differently bytewise than in most collations)
INSERT INTO organizations (code, name_fi, kind, parent_code)
SELECT 'm' || m, 'Kunta ' || m, 'municipality', 'root' FROM generate_series(1, 4) m;
INSERT INTO organizations (code, name_fi, kind, parent_code)
SELECT 'm' || m || (ARRAY['-a', '.b', '_c'])[u], 'Yksikkö ' || m || '/' || u, 'ngo', 'm' || m
FROM generate_series(1, 4) m, generate_series(1, 3) u;
INSERT INTO organizations (code, name_fi, kind, parent_code)
SELECT o.code || t, 'Tiimi ' || o.code || t, 'ngo', o.code
FROM organizations o, (VALUES ('x'), ('-y')) v (t) WHERE o.kind = 'ngo';
INSERT INTO indicators (code, name_fi, unit, deadline, count_by, period) VALUES
  ('care', 'Hoitoon 14 vrk:ssa', '%', '14 days', 'finished', 'year'),
  ('cw', 'Lastensuojeluasia 7 arkipäivässä', '%', '7 working days', 'started', 'half_year'),
  ('pta', 'Palvelutarpeen arviointi 3 kk:ssa', '%', '3 months', 'started', 'year');
SELECT count(*) AS organisations, max(depth) AS deepest FROM organizations JOIN organization_tree ON organization_code = code;

-- reads every access view as it is now (states or direct) into temp table t
CREATE FUNCTION pg_temp.read_all(t text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TABLE IF EXISTS %I', t);
    EXECUTE format('CREATE TEMP TABLE %I AS '
                   'SELECT ''summary'' AS what, * FROM rollup_region.access_summary '
                   'UNION ALL SELECT ''started'', * FROM rollup_region.access_summary_on(NULL, ''started'') '
                   'UNION ALL SELECT ''finished'', * FROM rollup_region.access_summary_on(NULL, ''finished'')', t);
END $$;
-- one round: random cases (seeded), then every view through the states and directly
CREATE FUNCTION pg_temp.round(seed double precision, ncases integer, mgs integer)
RETURNS TABLE (min_group_size integer, cases bigint, rows_read bigint, hidden bigint, only_states bigint, only_direct bigint)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM setseed(seed);
    TRUNCATE rollup_region.cases;
    UPDATE rollup_region.settings SET min_group_size = mgs;
    -- skewed over organisations (some with 1-4 cases: suppressed, ties of equal counts),
    -- 2024-2025, waits 0..60 days, a fifth open
    INSERT INTO rollup_region.cases (indicator_code, organization_code, case_id, started, finished)
    SELECT (ARRAY['care', 'cw', 'pta'])[1 + floor(random() * 3)::int], o.code, 'c' || g,
           d, CASE WHEN random() < 0.8 THEN d + floor(random() * 61)::int END
    FROM generate_series(1, ncases) g
    CROSS JOIN LATERAL (SELECT date '2024-01-01' + floor(random() * 730)::int + (g * 0) AS d) dd
    CROSS JOIN LATERAL (SELECT code FROM rollup_region.organizations
                        WHERE code <> 'root' OR g < 0
                        ORDER BY md5(code || floor(power(random(), 3) * 40)::int::text) LIMIT 1) o;
    ASSERT rollup_region._access_states_kept();
    PERFORM pg_temp.read_all('via_states');
    ALTER TABLE rollup_region.cases DISABLE TRIGGER cases_states_update;
    PERFORM pg_temp.read_all('via_cases');
    ALTER TABLE rollup_region.cases ENABLE TRIGGER cases_states_update;
    RETURN QUERY
    SELECT mgs, (SELECT count(*) FROM rollup_region.cases), (SELECT count(*) FROM via_states),
           (SELECT count(*) FILTER (WHERE suppressed) FROM via_states),
           (SELECT count(*) FROM (SELECT * FROM via_states EXCEPT ALL SELECT * FROM via_cases) x),
           (SELECT count(*) FROM (SELECT * FROM via_cases EXCEPT ALL SELECT * FROM via_states) x);
END $$;
SET client_min_messages = warning;
SELECT * FROM pg_temp.round(0.11, 3000, 5);
SELECT * FROM pg_temp.round(0.23, 3000, 3);
SELECT * FROM pg_temp.round(0.37, 6000, 12);
SELECT * FROM pg_temp.round(0.41, 800, 5);
SELECT * FROM pg_temp.round(0.53, 1500, 1);
SELECT * FROM pg_temp.round(0.59, 30000, 5);
-- a session's raise of min_group_size applies to the roll-up too
SET pekefb.min_group_size = 20;
SELECT * FROM pg_temp.round(0.61, 3000, 5);
RESET pekefb.min_group_size;
RESET client_min_messages;
RESET search_path;

-- 3. Bad arguments: precise errors, nothing rolled up.
\set VERBOSITY default
-- arrays that belong together with different lengths
SELECT * FROM pekefb.access_rollup('{r}', '{}', '{x}', '{f}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', 5);
-- a state row of an unknown organisation
SELECT * FROM pekefb.access_rollup('{r}', '{NULL}', '{x}', '{f}', '{x}', '{q}', '{2025-01-01}', '{1}', '{1}', '{1}', '{0}', '{0}', '{0}',
                                   ARRAY['{}']::pekefb.waits[], 5);
-- a parent that is not among the organisations, and a cycle
SELECT * FROM pekefb.access_rollup('{r}', '{z}', '{x}', '{f}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', 5);
SELECT * FROM pekefb.access_rollup('{r,s}', '{s,r}', '{x}', '{f}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', 5);
-- a repeated code, a NULL code, a negative count, an infinite month, a two-dimensional array
SELECT * FROM pekefb.access_rollup('{r,r}', '{NULL,NULL}', '{x}', '{f}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', 5);
SELECT * FROM pekefb.access_rollup('{NULL}', '{NULL}', '{x}', '{f}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', 5);
SELECT * FROM pekefb.access_rollup('{r}', '{NULL}', '{x}', '{f}', '{x}', '{r}', '{2025-01-01}', '{-1}', '{0}', '{0}', '{0}', '{0}', '{0}',
                                   ARRAY['{}']::pekefb.waits[], 5);
SELECT * FROM pekefb.access_rollup('{r}', '{NULL}', '{x}', '{f}', '{x}', '{r}', '{infinity}', '{1}', '{0}', '{0}', '{0}', '{0}', '{0}',
                                   ARRAY['{}']::pekefb.waits[], 5);
SELECT * FROM pekefb.access_rollup('{{r}}', '{{NULL}}', '{x}', '{f}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', 5);
-- sums beyond bigint
SELECT * FROM pekefb.access_rollup('{r}', '{NULL}', '{x}', '{f}', '{x,x}', '{r,r}', '{2025-01-01,2025-02-01}',
                                   '{9223372036854775807,1}', '{0,0}', '{0,0}', '{0,0}', '{0,0}', '{0,0}',
                                   ARRAY['{}', '{}']::pekefb.waits[], 5);
-- NULL anywhere: no rows (STRICT)
SELECT count(*) FROM pekefb.access_rollup(NULL, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', 5);

SET client_min_messages = warning;
DROP SCHEMA rollup_region CASCADE;
RESET client_min_messages;
