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
