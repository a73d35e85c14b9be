-- feedback_rows: the stored rows of the feedback views (src/region/states_feedback.sql,
-- issue 13) give exactly the rows computed from the responses, through random loads,
-- updates (moving responses between organisations, services and years, re-coding their
-- themes), deletes and TRUNCATE, before and after refresh_feedback_rows, under a session's
-- raise of min_group_size, a change of the region's min_group_size, of its time zone and
-- of the organisation tree.  After each step, diff counts the rows of each view that differ
-- from its computation (_VIEW_computed, both ways; for organization_overview its feedback
-- figures, _feedback_overview against _feedback_overview_computed): it must be 0; path says whether the
-- view read stored rows (stored), stored rows and stale years (stale years) or computed
-- everything (computed).  A member reads the same rows as the owner (a benchmark), and a
-- dashboard's query reads the stored rows by their index, not the responses.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET DateStyle = 'ISO, YMD';
\set SHOW_CONTEXT never
SELECT pekefb.create_region('fbrows_region', 'reg', 'Alue') IS NOT NULL AS created;
SET search_path = fbrows_region, pekefb, public;

-- a three-level tree: the region, 3 municipalities, 3 units under each
INSERT INTO organizations (code, name_fi, kind, parent_code)
SELECT 'm' || g, 'Kunta ' || g, 'municipality', 'reg' FROM generate_series(1, 3) g;
INSERT INTO organizations (code, name_fi, kind, parent_code)
SELECT 'm' || g || 'u' || h, 'Yksikkö ' || g || '.' || h, 'ngo', 'm' || g
FROM generate_series(1, 3) g, generate_series(1, 3) h;

CREATE TEMP VIEW diff AS
SELECT (SELECT count(*) FROM (SELECT * FROM feedback_summary EXCEPT ALL SELECT * FROM _feedback_summary_computed) x)
       + (SELECT count(*) FROM (SELECT * FROM _feedback_summary_computed EXCEPT ALL SELECT * FROM feedback_summary) x) AS summary,
       (SELECT count(*) FROM (SELECT * FROM feedback_item_summary EXCEPT ALL SELECT * FROM _feedback_item_summary_computed) x)
       + (SELECT count(*) FROM (SELECT * FROM _feedback_item_summary_computed EXCEPT ALL SELECT * FROM feedback_item_summary) x) AS items,
       (SELECT count(*) FROM (SELECT * FROM feedback_theme_summary EXCEPT ALL SELECT * FROM _feedback_theme_summary_computed) x)
       + (SELECT count(*) FROM (SELECT * FROM _feedback_theme_summary_computed EXCEPT ALL SELECT * FROM feedback_theme_summary) x) AS themes,
       (SELECT count(*) FROM (SELECT * FROM _feedback_overview EXCEPT ALL SELECT * FROM _feedback_overview_computed) x)
       + (SELECT count(*) FROM (SELECT * FROM _feedback_overview_computed EXCEPT ALL SELECT * FROM _feedback_overview) x) AS overview,
       CASE WHEN NOT _feedback_rows_usable() THEN 'computed'
            WHEN _feedback_rows_any_stale() THEN 'stale years ' || array_to_string(_feedback_rows_stale_units(), ',')
            ELSE 'stored' END AS path,
       (SELECT count(*) FROM feedback_summary) AS summary_rows,
       (SELECT count(*) FILTER (WHERE suppressed) FROM feedback_summary) AS summary_hidden,
       (SELECT count(*) FROM feedback_item_summary) AS item_rows,
       (SELECT count(*) FILTER (WHERE suppressed) FROM feedback_item_summary) AS item_hidden,
       (SELECT count(*) FROM feedback_theme_summary) AS theme_rows,
       (SELECT count(*) FILTER (WHERE suppressed) FROM feedback_theme_summary) AS theme_hidden,
       (SELECT count(*) FROM organization_overview WHERE responses > 0) AS overview_rows,
       (SELECT count(*) FILTER (WHERE suppressed) FROM organization_overview) AS overview_hidden;

-- random responses: the units and a municipality of their own, two services, three roles
-- (one none), three statements with "don't know", themes; over three years, some of them
-- near a year's end in the region's time zone (Helsinki)
CREATE TEMP TABLE gen AS
SELECT g AS n,
       (ARRAY['m1u1', 'm1u2', 'm1u3', 'm2u1', 'm2u2', 'm2u3', 'm3u1', 'm3u2', 'm3u3', 'm1', 'm2'])[1 + floor(random() * 11)::int] AS org,
       timestamptz '2024-01-01 00:00+02' + random() * interval '1095 days' AS at,
       (ARRAY['neuvola', 'perheneuvola'])[1 + floor(random() * 2)::int] AS service,
       (ARRAY['"role":"parent",', '"role":"child",', ''])[1 + floor(random() * 3)::int] AS role,
       floor(random() * 11)::int AS nps,
       (ARRAY['1', '2', '3', '4', '5', 'null'])[1 + floor(random() * 6)::int] AS easy,
       (ARRAY['1', '2', '3', '4', '5', 'null'])[1 + floor(random() * 6)::int] AS helped,
       (ARRAY['3', '4', '5'])[1 + floor(random() * 3)::int] AS safe,
       (ARRAY['{}', '{odotusaika}', '{digipalvelut}', '{odotusaika,ystävällisyys}'])[1 + floor(random() * 4)::int]::text[] AS themes
FROM (SELECT setseed(0.13)) s, generate_series(1, 1200) g;
CREATE FUNCTION pg_temp.load(first integer, last integer) RETURNS bigint LANGUAGE sql AS $$
    INSERT INTO fbrows_region.feedback_responses (organization_code, response_id, received_at, service, response, themes)
    SELECT org, 'r' || n, at, service,
           ('{' || role || '"nps":' || nps || ',"items":{"easy":' || easy || ',"helped":' || helped || ',"safe":' || safe || '}}')::pekefb.feedback,
           themes
    FROM pg_temp.gen WHERE n BETWEEN first AND last;
    SELECT count(*) FROM fbrows_region.feedback_responses;
$$;
-- responses at the turn of a year in the region's time zone: 2024-12-31 23:30 in Helsinki
-- is 2024; 00:30 the next day is 2025
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response) VALUES
  ('m1u1', 'edge1', '2024-12-31 23:30+02', 'neuvola', '{"role":"parent","nps":9}'),
  ('m1u1', 'edge2', '2025-01-01 00:30+02', 'neuvola', '{"role":"parent","nps":3}');

-- 1. the first load: nothing stored yet (computed), then the first refresh (stored)
SELECT pg_temp.load(1, 800) AS responses;
SELECT * FROM diff;
SELECT refresh_feedback_rows() > 0 AS stored;
SELECT * FROM diff;
SELECT (SELECT count(*) FROM _feedback_rows) AS summary_stored, (SELECT count(*) FROM _feedback_item_rows) AS items_stored,
       (SELECT count(*) FROM _feedback_theme_rows) AS themes_stored,
       (SELECT count(*) FROM _feedback_overview_rows) AS overview_stored;
-- nothing stale: a second refresh writes nothing
SELECT refresh_feedback_rows() AS written;

-- 2. a load into 2026 only marks 2026; then its refresh
SELECT pg_temp.load(801, 1200) AS responses;
UPDATE feedback_responses SET received_at = timestamptz '2026-06-01 12:00+03' + (random() * interval '100 days')
WHERE response_id IN (SELECT 'r' || n FROM gen WHERE n > 800);
SELECT * FROM diff;
SELECT refresh_feedback_rows() > 0 AS refreshed;
SELECT * FROM diff;

-- 3. updates: responses move between organisations and services (within 2025), from 2024
-- to 2025, and are re-coded; deletes in 2026
UPDATE feedback_responses SET organization_code = 'm3', service = 'perheneuvola'
WHERE response_id IN (SELECT 'r' || n FROM gen WHERE n % 7 = 0) AND received_at >= '2025-01-01' AND received_at < '2025-12-01';
SELECT * FROM diff;
UPDATE feedback_responses SET received_at = received_at + interval '1 year'
WHERE response_id IN (SELECT 'r' || n FROM gen WHERE n % 11 = 0) AND received_at < '2024-12-01';
UPDATE feedback_responses SET themes = '{digipalvelut}' WHERE response_id IN (SELECT 'r' || n FROM gen WHERE n % 5 = 0);
DELETE FROM feedback_responses WHERE response_id IN (SELECT 'r' || n FROM gen WHERE n % 13 = 0) AND received_at >= '2026-01-01';
SELECT * FROM diff;
SELECT refresh_feedback_rows() > 0 AS refreshed;
SELECT * FROM diff;

-- 4. a session's raise of min_group_size computes (the stored rows are under 5); the
-- region's own change too, until a refresh stores the rows under it
SET pekefb.min_group_size = 8;
SELECT * FROM diff;
RESET pekefb.min_group_size;
UPDATE settings SET min_group_size = 3;
SELECT * FROM diff;
SELECT refresh_feedback_rows() > 0 AS refreshed;
SELECT * FROM diff;
SELECT min_group_size FROM _feedback_rows_meta;
-- a session's raise back to 5 computes (3 is stored)
SET pekefb.min_group_size = 5;
SELECT path FROM diff;
RESET pekefb.min_group_size;

-- 5. the time zone: every quarter and year may move, nothing stored is read until the
-- refresh; the edge responses then fall in 2024 and 2025 of UTC-10
UPDATE settings SET time_zone = 'Pacific/Honolulu';
SELECT * FROM diff;
SELECT refresh_feedback_rows() > 0 AS refreshed;
SELECT * FROM diff;
UPDATE settings SET time_zone = 'Europe/Helsinki';
SELECT refresh_feedback_rows() > 0 AS refreshed;

-- 6. the organisation tree: a unit moves to another municipality
UPDATE organizations SET parent_code = 'm2' WHERE code = 'm1u3';
SELECT * FROM diff;
SELECT refresh_feedback_rows() > 0 AS refreshed;
SELECT * FROM diff;

-- 7. a member reads the same rows as the owner: the views are a benchmark (suppressed,
-- every organisation), the stored tables are never granted
CREATE ROLE regress_fbrows_partner;
SELECT add_member('regress_fbrows_partner', 'm1u1', 'write') AS added;
CREATE TEMP TABLE owner_rows AS SELECT * FROM feedback_summary;
CREATE TEMP TABLE owner_overview AS SELECT * FROM organization_overview;
GRANT SELECT ON owner_rows, owner_overview TO regress_fbrows_partner;
SET ROLE regress_fbrows_partner;
SELECT (SELECT count(*) FROM (SELECT * FROM feedback_summary EXCEPT ALL SELECT * FROM owner_rows) x)
       + (SELECT count(*) FROM (SELECT * FROM owner_rows EXCEPT ALL SELECT * FROM feedback_summary) x) AS member_diff,
       (SELECT count(*) FROM (SELECT * FROM organization_overview EXCEPT ALL SELECT * FROM owner_overview) x)
       + (SELECT count(*) FROM (SELECT * FROM owner_overview EXCEPT ALL SELECT * FROM organization_overview) x) AS member_overview_diff;
SELECT count(*) FROM _feedback_rows;
SELECT count(*) FROM _feedback_overview_rows;
-- a member's load marks its year stale, as the owner's does
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response)
VALUES ('m1u1', 'member1', '2024-05-05 12:00+03', 'neuvola', '{"role":"parent","nps":10}');
RESET ROLE;
SELECT path FROM diff;
SELECT refresh_feedback_rows() > 0 AS refreshed;

-- 8. a dashboard's query (one organisation, one year) reads the stored rows by their key:
-- no scan of feedback_responses runs (the computations are gated off)
ANALYZE feedback_responses, _feedback_rows, _feedback_item_rows, _feedback_theme_rows, _feedback_overview_rows;
CREATE FUNCTION pg_temp.plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
        -- the nodes that ran, on a stored table or on the responses
        IF line ~ 'Scan.* on (_feedback_\w*rows|feedback_responses)' AND line !~ 'never executed' THEN
            RETURN NEXT regexp_replace(regexp_replace(line, '^\s*(->\s*)?', ''), '\s*\(actual.*$', '');
        END IF;
    END LOOP;
END $$;
SELECT pg_temp.plan($$SELECT * FROM feedback_summary WHERE organization_code = 'm1' AND period_start >= '2025-01-01' AND period_start < '2026-01-01'$$);
SELECT pg_temp.plan($$SELECT * FROM feedback_item_summary WHERE organization_code = 'm1' AND period_start >= '2025-01-01' AND period_start < '2026-01-01'$$);
SELECT pg_temp.plan($$SELECT * FROM feedback_theme_summary WHERE organization_code = 'm1' AND period_start >= '2025-01-01' AND period_start < '2026-01-01'$$);
-- organization_overview reads its stored feedback figures twice (its keys, then the join);
-- of 72 rows the planner would read them whole, so as at national size: by the key
SET enable_seqscan = off;
SELECT pg_temp.plan($$SELECT * FROM organization_overview WHERE organization_code = 'm1' AND period_start = '2025-01-01'$$);
RESET enable_seqscan;

-- the computations' function refuses any other row type
SELECT count(*) FROM _feedback_computed_rows(CAST(NULL AS integer), true);
SELECT count(*) FROM _feedback_computed_rows(CAST(NULL AS feedback_responses), false);

-- 9. TRUNCATE leaves nothing stored; the views compute (no rows) until the next refresh
TRUNCATE feedback_responses, feedback_coded_themes;
SELECT * FROM diff;
SELECT (SELECT count(*) FROM _feedback_rows) + (SELECT count(*) FROM _feedback_item_rows)
       + (SELECT count(*) FROM _feedback_theme_rows) + (SELECT count(*) FROM _feedback_overview_rows) AS stored_rows;
SELECT refresh_feedback_rows() AS written;
SELECT pg_temp.load(1, 300) AS responses;
SELECT * FROM diff;
SELECT refresh_feedback_rows() > 0 AS refreshed;
SELECT * FROM diff;

-- 10. a disabled trigger (a DBA's ALTER TABLE ... DISABLE TRIGGER): nothing stored is read;
-- what is loaded meanwhile is not marked, so after enabling it again the DBA refreshes
-- everything (refresh_feedback_rows(true))
ALTER TABLE feedback_responses DISABLE TRIGGER feedback_rows_insert;
SELECT pg_temp.load(301, 400) AS responses;
SELECT * FROM diff;
ALTER TABLE feedback_responses ENABLE TRIGGER feedback_rows_insert;
SELECT refresh_feedback_rows(true) > 0 AS refreshed;
SELECT * FROM diff;
-- the tree's trigger too: a tree changed meanwhile would not mark everything stale
ALTER TABLE organizations DISABLE TRIGGER organizations_feedback_rows;
SELECT path FROM diff;
ALTER TABLE organizations ENABLE TRIGGER organizations_feedback_rows;
SELECT path FROM diff;

SET client_min_messages = warning;
DROP SCHEMA fbrows_region CASCADE;
DROP OWNED BY regress_fbrows_partner;
DROP ROLE regress_fbrows_partner;
