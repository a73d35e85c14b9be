-- view_filters: the organisation and period filters of every public view of a region reach
-- indexes (issue 13): for a query filtered by one organisation and one period, the plan has
-- no sequential scan of a row table.  The sample region (40 000 responses, 21 000 cases) with
-- enable_seqscan off: a Seq Scan that is still in the plan is one that no index can replace,
-- because the filter does not reach the table (a materialised CTE, a grouping below the
-- filter, a predicate over an expression of the column).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET TimeZone = 'Europe/Helsinki';
\set ECHO none
\set QUIET on
\o /dev/null
\i test/sample/region.sql
\o
\set QUIET off
\set ECHO all

-- development work at a plan's size: 200 more partner organisations, and every
-- organisation with a work package of 5 actions, each action with 8 progress records, 8
-- stage targets, 2 indicators and 2 services (the sample's own 23 items over 15
-- organisations are a size at which reading the tables whole is the cheapest plan even with
-- enable_seqscan off, whatever the filter reaches)
INSERT INTO region.organizations (code, name_fi, kind, parent_code)
SELECT 'vf-ngo-' || n, 'järjestö ' || n, 'ngo', 'soite' FROM generate_series(1, 200) n;
INSERT INTO region.development_items (code, parent_code, kind, name_fi, organization_code, planned_start, planned_end)
SELECT 'vf-' || o.code, 'inv1', 'work_package', 'työpaketti', o.code, '2023-01-01', '2026-12-31'
FROM region.organizations o;
INSERT INTO region.development_items (code, parent_code, kind, name_fi, organization_code, planned_start, planned_end, scale)
SELECT pg_catalog.format('vf-%s-%s', o.code, a), 'vf-' || o.code, 'action',
       'toimenpide ' || a, o.code, '2023-01-01', '2026-12-31', 'implementation'
FROM region.organizations o, generate_series(1, 5) a;
INSERT INTO region.development_progress (item_code, on_date, stage, assessment)
SELECT i.code, date '2023-01-15' + 90 * k, sg.stage, 'arvio ' || k
FROM region.development_items i, generate_series(0, 7) k
JOIN region.stages sg ON sg.scale = 'implementation' AND sg.rank = 1 + k / 2
WHERE i.code LIKE 'vf-%' AND i.kind = 'action';
INSERT INTO region.stage_targets (item_code, due_date, stage)
SELECT i.code, date '2023-03-31' + 90 * k, sg.stage
FROM region.development_items i, generate_series(0, 7) k
JOIN region.stages sg ON sg.scale = 'implementation' AND sg.rank = 1 + k / 2
WHERE i.code LIKE 'vf-%' AND i.kind = 'action';
INSERT INTO region.development_indicators (item_code, indicator_code)
SELECT i.code, x.code
FROM region.development_items i, (VALUES ('lene'), ('pta-3kk')) x (code)
WHERE i.code LIKE 'vf-%' AND i.kind = 'action';
INSERT INTO region.development_services (item_code, service)
SELECT i.code, x.service
FROM region.development_items i, (VALUES ('neuvola'), ('lastensuojelu')) x (service)
WHERE i.code LIKE 'vf-%' AND i.kind = 'action';
ANALYZE;

-- the row tables a query's plan reads whole: a Seq Scan, or an index scan without an index
-- condition (what enable_seqscan off turns a Seq Scan into when no index can take the filter);
-- sorted, each once; empty: none
CREATE FUNCTION pg_temp.full_scans(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    p jsonb;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON, COSTS OFF) ' || q INTO p;
    RETURN (SELECT coalesce(string_agg(DISTINCT r, ', ' ORDER BY r), '')
            FROM jsonb_path_query(p, 'strict $.**.Plans[*] ? (@."Node Type" == "Seq Scan" || ((@."Node Type" == "Index Scan" || @."Node Type" == "Index Only Scan") && !exists(@."Index Cond")))') AS j (n)
            CROSS JOIN LATERAL (SELECT j.n ->> 'Relation Name') AS x (r)
            WHERE r IN ('cases', 'access_rows', 'access_states', 'measurements', 'measurement_history',
                        'targets', 'target_history', 'members',
                        'feedback_responses', 'feedback_answers', 'feedback_coded_themes',
                        'feedback_states', 'feedback_item_states', 'feedback_theme_states',
                        '_feedback_rows', '_feedback_item_rows', '_feedback_theme_rows', '_feedback_overview_rows',
                        'development_items', 'development_progress', 'stage_targets',
                        'development_indicators', 'development_services'));
END
$$;

SET enable_seqscan = off;
SELECT v.view_name, pg_temp.full_scans(pg_catalog.format('SELECT * FROM region.%I WHERE %s', v.view_name, v.filter)) AS full_scans
FROM (VALUES
    ('access_summary',         $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('data_quality',           $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('development_rows',       $f$key_organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('development_status',     $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('development_summary',    $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('feedback_comments',      $f$organization_code = 'kokkola'$f$),
    ('feedback_item_summary',  $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('feedback_summary',       $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('feedback_theme_summary', $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('indicator_status',       $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('my_organizations',       $f$organization_code = 'kokkola'$f$),
    ('national_comparison',    $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('organization_overview',  $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$),
    ('theme_summary',          $f$organization_code = 'kokkola' AND period_start = '2025-01-01'$f$)
) AS v (view_name, filter)
ORDER BY 1;
RESET enable_seqscan;

SET client_min_messages = warning;
DROP SCHEMA region CASCADE;
RESET client_min_messages;
