-- feedback_states: the stored per-month feedback states (src/region/feedback_states.sql,
-- issue 13) stay exactly those computed from feedback_responses through random loads,
-- updates (moving responses between organisations, services and months, changing answers,
-- roles, comments and themes), deletes, TRUNCATE and a change of the region's time zone.
-- After each round, diff counts the state rows of the three tables that differ from a
-- direct computation (both ways): it must be 0.  Then every feedback view (and the
-- follow-up report) read through the states equals the same read computing from the
-- responses (one state trigger disabled), as the owner and as a member under row-level
-- security, and a filtered query reads no response.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET DateStyle = 'ISO, YMD';
\set SHOW_CONTEXT never
SELECT pekefb.create_region('fbstates_region', 'reg', 'Alue') IS NOT NULL AS created;
SET search_path = fbstates_region, pekefb, public;

-- a tree of three levels: 4 municipalities with 3 units each
INSERT INTO organizations (code, name_fi, kind, parent_code)
SELECT 'm' || g, 'Kunta ' || g, 'municipality', 'reg' FROM generate_series(1, 4) g;
INSERT INTO organizations (code, name_fi, kind, parent_code)
SELECT 'm' || g || 'u' || u, 'Yksikkö ' || g || '/' || u, 'ngo', 'm' || g FROM generate_series(1, 4) g, generate_series(1, 3) u;

-- the states computed from the responses directly (queries of their own, not the trigger's)
CREATE TEMP VIEW direct_states AS
SELECT r.organization_code, r.service, date_trunc('month', timezone(s.time_zone, r.received_at))::date AS month,
       role(r.response) AS role, count(*) AS responses, count(nps_score(r.response)) AS nps_answers,
       count(*) FILTER (WHERE nps_score(r.response) >= 9) AS promoters,
       count(*) FILTER (WHERE nps_score(r.response) <= 6) AS detractors, count(r.comment) AS comments
FROM feedback_responses r CROSS JOIN settings s GROUP BY 1, 2, 3, 4;
CREATE TEMP VIEW direct_items AS
SELECT r.organization_code, r.service, date_trunc('month', timezone(s.time_zone, r.received_at))::date AS month,
       role(r.response) AS role, i.code AS item, count(i.score) AS answers, count(*) - count(i.score) AS dont_know,
       coalesce(sum(i.score), 0) AS score_sum, count(*) FILTER (WHERE i.score >= 4) AS agree
FROM feedback_responses r CROSS JOIN settings s CROSS JOIN LATERAL items(r.response) i GROUP BY 1, 2, 3, 4, 5;
CREATE TEMP VIEW direct_themes AS
SELECT r.organization_code, date_trunc('month', timezone(s.time_zone, r.received_at))::date AS month, t.theme,
       count(DISTINCT r.response_id) AS mentions, count(*) AS occurrences
FROM feedback_responses r CROSS JOIN settings s CROSS JOIN LATERAL unnest(r.themes) t (theme) GROUP BY 1, 2, 3;
CREATE TEMP VIEW diff AS
SELECT (SELECT count(*) FROM (SELECT * FROM direct_states EXCEPT ALL SELECT organization_code, service, month, role, responses, nps_answers, promoters, detractors, comments FROM feedback_states) x)
     + (SELECT count(*) FROM (SELECT organization_code, service, month, role, responses, nps_answers, promoters, detractors, comments FROM feedback_states EXCEPT ALL SELECT * FROM direct_states) x) AS states_differ,
       (SELECT count(*) FROM (SELECT * FROM direct_items EXCEPT ALL SELECT organization_code, service, month, role, item, answers, dont_know, score_sum, agree FROM feedback_item_states) x)
     + (SELECT count(*) FROM (SELECT organization_code, service, month, role, item, answers, dont_know, score_sum, agree FROM feedback_item_states EXCEPT ALL SELECT * FROM direct_items) x) AS items_differ,
       (SELECT count(*) FROM (SELECT * FROM direct_themes EXCEPT ALL SELECT organization_code, month, theme, mentions, occurrences FROM feedback_theme_states) x)
     + (SELECT count(*) FROM (SELECT organization_code, month, theme, mentions, occurrences FROM feedback_theme_states EXCEPT ALL SELECT * FROM direct_themes) x) AS themes_differ,
       (SELECT count(*) FROM feedback_states) AS state_rows, (SELECT count(*) FROM feedback_item_states) AS item_rows,
       (SELECT count(*) FROM feedback_theme_states) AS theme_rows, (SELECT count(*) FROM feedback_responses) AS responses;

-- a small hand-checked start: two responses of one group in January (Helsinki time: the
-- second is 31.1. 23:30 UTC = 1.2. 01:30 local, so February), a repeated theme and a NULL one
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, comment, themes) VALUES
  ('m1u1', 'h1', '2025-01-10 10:00+00', 'neuvola', '{"role":"parent","nps":10,"items":{"easy":5,"helped":null}}', 'Hyvä.', '{odotusaika,odotusaika}'),
  ('m1u1', 'h2', '2025-01-20 10:00+00', 'neuvola', '{"role":"parent","nps":3,"items":{"easy":2}}', NULL, '{odotusaika,NULL}'),
  ('m1u1', 'h3', '2025-01-31 23:30+00', 'neuvola', '{"nps":8}', NULL, '{}');
SELECT * FROM feedback_states ORDER BY month, role;
SELECT * FROM feedback_item_states ORDER BY month, item;
SELECT * FROM feedback_theme_states ORDER BY month, theme NULLS LAST;
SELECT * FROM diff;

-- the random responses: organisations of every level, four services, roles (some none),
-- NPS (some none), statements of seven codes (some "don't know", the five base ones
-- among them), comments, themes (repeats and NULL elements too), 2024-2025
CREATE TEMP TABLE gen AS
SELECT 'r' || g AS response_id, x.org AS organization_code,
       timestamptz '2024-01-01 00:00+00' + (h1 % (730 * 24)) * interval '1 hour' + (h2 % 60) * interval '1 minute' AS received_at,
       (ARRAY['neuvola', 'perheneuvola', 'lastensuojelu', 'kotipalvelu'])[1 + h2 % 4] AS service,
       jsonb_strip_nulls(jsonb_build_object(
           'lang', 'fi', 'role', (ARRAY['parent', 'child', 'client', 'staff', NULL])[1 + h3 % 5],
           'nps', CASE WHEN h1 % 7 <> 0 THEN h3 % 11 END))
       || jsonb_build_object('items', (SELECT coalesce(jsonb_object_agg(c, CASE WHEN (h4 / k) % 6 = 0 THEN NULL ELSE 1 + (h4 / k) % 5 END), '{}')
                                       FROM unnest(ARRAY['easy', 'helped', 'safe', 'useful', 'understood', 'kind', 'fast']) WITH ORDINALITY AS i (c, k)
                                       WHERE (h4 / (k * 7)) % 3 <> 0)
                                      -- (a response without NPS answers a statement, if only "don't know")
                                      || CASE WHEN h1 % 7 = 0 THEN '{"extra": null}'::jsonb ELSE '{}' END) AS response,
       CASE WHEN h2 % 3 = 0 THEN 'kommentti ' || g END AS comment,
       CASE WHEN h3 % 4 = 0 THEN '{}'::text[]
            ELSE (SELECT array_agg((ARRAY['odotusaika', 'aukioloajat', 'kiitos', NULL])[1 + (h4 / (j * 11)) % 4])
                  FROM generate_series(1, 1 + h3 % 3) j) END AS themes
FROM (SELECT g, abs(hashint4(g)) AS h1, abs(hashint4(g + 7919)) AS h2, abs(hashint4(g + 104729)) AS h3,
             abs(hashint4(g + 1299709)) AS h4
      FROM generate_series(1, 3000) g) y
CROSS JOIN LATERAL (SELECT (ARRAY['reg', 'm1', 'm2', 'm3', 'm4', 'm1u1', 'm1u2', 'm1u3', 'm2u1', 'm2u2', 'm2u3',
                                  'm3u1', 'm3u2', 'm3u3', 'm4u1', 'm4u2', 'm4u3'])[1 + (y.h4 + y.g) % 17] AS org) x;

-- round 1: loads in several statements (one of them a single row), and by import_feedback
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, comment, themes)
SELECT organization_code, response_id, received_at, service, response::text::feedback, comment, themes FROM gen WHERE response_id < 'r2';
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, comment, themes)
SELECT organization_code, response_id, received_at, service, response::text::feedback, comment, themes FROM gen
WHERE response_id >= 'r2' AND response_id < 'r9';
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, comment, themes)
SELECT organization_code, response_id, received_at, service, response::text::feedback, comment, themes FROM gen WHERE response_id = 'r9';
SELECT import_feedback((SELECT json_agg(json_build_object('organization', organization_code, 'received_at', received_at,
                                                          'service', service, 'response', response, 'comment', comment,
                                                          'themes', array_remove(themes, NULL)))::text
                        FROM gen WHERE response_id > 'r9')) AS imported;
SELECT * FROM diff;

-- round 2: updates: move responses to another organisation, service and month; change
-- answers, roles, comments and themes; all at once; and one that changes nothing
UPDATE feedback_responses SET organization_code = CASE WHEN organization_code = 'reg' THEN 'm2u2' ELSE 'm3' END
WHERE response_id LIKE 'r1%';
UPDATE feedback_responses SET service = 'neuvola', received_at = received_at + interval '40 days' WHERE response_id LIKE 'r2%';
UPDATE feedback_responses SET response = '{"role":"staff","nps":9,"items":{"easy":4,"kind":null}}', comment = NULL,
                              themes = '{kiitos,kiitos,NULL}'
WHERE response_id LIKE 'r3%';
UPDATE feedback_responses SET response = '{"lang":"sv","items":{"extra":null}}', themes = '{}' WHERE response_id LIKE 'r4%';
UPDATE feedback_responses SET organization_code = 'm4u1', service = 'kotipalvelu', received_at = received_at - interval '100 days',
                              response = '{"role":"child","nps":0,"items":{"helped":1,"safe":5}}', comment = 'siirretty'
WHERE response_id LIKE 'r5%' OR response_id LIKE 'h%';
UPDATE feedback_responses SET service = service WHERE response_id LIKE 'r6%';    -- nothing changes
SELECT * FROM diff;

-- round 3: deletes, one emptying a whole organisation, and one deleting nothing
DELETE FROM feedback_responses WHERE response_id LIKE 'r7%';
DELETE FROM feedback_responses WHERE organization_code = 'm4u1';
DELETE FROM feedback_responses WHERE response_id = 'none';
SELECT *, (SELECT count(*) FROM feedback_states WHERE organization_code = 'm4u1') AS m4u1_rows FROM diff;

-- round 4: the time zone (the months move: the states are rebuilt); the other settings
-- need nothing
SELECT count(*) AS january_2025_rows FROM feedback_states WHERE month = '2025-01-01';
UPDATE settings SET time_zone = 'America/Los_Angeles';
SELECT * FROM diff;
UPDATE settings SET min_group_size = 3;
SELECT * FROM diff;
UPDATE settings SET time_zone = 'Europe/Helsinki', min_group_size = 5;
SELECT * FROM diff;

-- round 5: TRUNCATE, then the responses again (and a rolled-back statement leaves nothing)
TRUNCATE feedback_responses CASCADE;
SELECT * FROM diff;
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, comment, themes)
SELECT organization_code, response_id, received_at, service, response::text::feedback, comment, themes FROM gen;
BEGIN;
DELETE FROM feedback_responses WHERE response_id LIKE 'r8%';
ROLLBACK;
SELECT * FROM diff;

-- states changed by hand are found by the next statement that subtracts from them
BEGIN;
UPDATE feedback_states SET responses = 0, nps_answers = 0, promoters = 0, detractors = 0, comments = 0
WHERE organization_code = 'm1u1';
DELETE FROM feedback_responses WHERE organization_code = 'm1u1';
ROLLBACK;
-- rebuild_feedback_states recomputes them (returns the state rows written)
SELECT rebuild_feedback_states() = (SELECT state_rows + item_rows + theme_rows FROM diff) AS rebuilt;
SELECT * FROM diff;

-- every feedback view read through the states equals the direct computation: the views
-- are read while the states are kept (states: the stored rows, just refreshed from the
-- states; the computations from the states), then with one of the triggers on
-- feedback_responses disabled (direct: _feedback_states_kept() is false, the views count
-- the responses, as on Citus), as the owner (under the region's min_group_size and a
-- session's raise of it) and as a member under row-level security.  Rows are compared as
-- text, EXCEPT ALL both ways.
CREATE TEMP TABLE snaps (tag text, what text, r text);
-- (the owner also snaps the three views' computations, which refresh_feedback_rows stores:
-- the views themselves read their stored rows while those are complete, and the direct
-- pass marks them incomplete, so that the views compute from the responses)
CREATE FUNCTION pg_temp.snap(tag text, computations boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO snaps
    SELECT tag, 'feedback_summary', x::text FROM fbstates_region.feedback_summary x
    UNION ALL SELECT tag, 'feedback_item_summary', x::text FROM fbstates_region.feedback_item_summary x
    UNION ALL SELECT tag, 'feedback_theme_summary', x::text FROM fbstates_region.feedback_theme_summary x
    UNION ALL SELECT tag, 'organization_overview', x::text FROM fbstates_region.organization_overview x
    UNION ALL SELECT tag, 'report m1', fbstates_region.follow_up_report('m1', '2025-01-01', '2025-12-31', 'en', 'markdown');
    IF computations THEN
        INSERT INTO snaps
        SELECT tag, '_feedback_summary_computed', x::text FROM fbstates_region._feedback_summary_computed x
        UNION ALL SELECT tag, '_feedback_item_summary_computed', x::text FROM fbstates_region._feedback_item_summary_computed x
        UNION ALL SELECT tag, '_feedback_theme_summary_computed', x::text FROM fbstates_region._feedback_theme_summary_computed x;
    END IF;
END $$;
CREATE FUNCTION pg_temp.compare(tag text, role_name text DEFAULT NULL)
RETURNS TABLE (what text, only_states bigint, only_direct bigint, rows_read bigint) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM fbstates_region.refresh_feedback_rows();
    IF role_name IS NOT NULL THEN EXECUTE format('SET ROLE %I', role_name); END IF;
    PERFORM pg_temp.snap(tag || ' states', role_name IS NULL);
    RESET ROLE;
    ALTER TABLE fbstates_region.feedback_responses DISABLE TRIGGER feedback_responses_states_update;
    UPDATE fbstates_region._feedback_rows_meta SET complete = false;
    IF role_name IS NOT NULL THEN EXECUTE format('SET ROLE %I', role_name); END IF;
    PERFORM pg_temp.snap(tag || ' direct', role_name IS NULL);
    RESET ROLE;
    ALTER TABLE fbstates_region.feedback_responses ENABLE TRIGGER feedback_responses_states_update;
    PERFORM fbstates_region.refresh_feedback_rows();
    RETURN QUERY
    SELECT w.what,
           (SELECT count(*) FROM (SELECT r FROM snaps WHERE snaps.tag = compare.tag || ' states' AND snaps.what = w.what
                                  EXCEPT ALL SELECT r FROM snaps WHERE snaps.tag = compare.tag || ' direct' AND snaps.what = w.what) x),
           (SELECT count(*) FROM (SELECT r FROM snaps WHERE snaps.tag = compare.tag || ' direct' AND snaps.what = w.what
                                  EXCEPT ALL SELECT r FROM snaps WHERE snaps.tag = compare.tag || ' states' AND snaps.what = w.what) x),
           (SELECT count(*) FROM snaps WHERE snaps.tag = compare.tag || ' states' AND snaps.what = w.what)
    FROM (SELECT DISTINCT s.what FROM snaps s WHERE s.tag = compare.tag || ' states') w ORDER BY 1;
END $$;
-- (the switch: kept, then not while a trigger is disabled)
SELECT _feedback_states_kept() AS kept;
ALTER TABLE feedback_responses DISABLE TRIGGER feedback_responses_states_update;
SELECT _feedback_states_kept() AS kept;
ALTER TABLE feedback_responses ENABLE TRIGGER feedback_responses_states_update;
-- the suppression is exercised: a share of the rows is hidden, and themes are shown
SELECT (SELECT count(*) FILTER (WHERE suppressed) FROM feedback_summary) AS summary_suppressed,
       (SELECT count(*) FILTER (WHERE NOT suppressed) FROM feedback_summary) AS summary_shown,
       (SELECT count(*) FILTER (WHERE suppressed) FROM feedback_item_summary) AS items_suppressed,
       (SELECT count(*) FILTER (WHERE NOT suppressed) FROM feedback_theme_summary) AS themes_shown,
       (SELECT count(*) FILTER (WHERE top_themes IS NOT NULL) FROM organization_overview) AS overview_with_themes;
SELECT * FROM pg_temp.compare('owner');
SET pekefb.min_group_size = 12;
SELECT * FROM pg_temp.compare('owner, min 12');
RESET pekefb.min_group_size;
-- a member reading one municipality: row-level security on feedback_responses and the states
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_fbstates_member;
RESET client_min_messages;
CREATE ROLE regress_fbstates_member;
SELECT add_member('regress_fbstates_member', 'm2', 'read') IS NOT NULL AS member;
GRANT ALL ON snaps TO regress_fbstates_member;
SET ROLE regress_fbstates_member;
SELECT (SELECT count(DISTINCT organization_code) FROM feedback_states) AS state_organizations,
       (SELECT count(DISTINCT organization_code) FROM feedback_item_states) AS item_organizations,
       (SELECT count(DISTINCT organization_code) FROM feedback_theme_states) AS theme_organizations,
       (SELECT count(DISTINCT organization_code) FROM feedback_responses) AS response_organizations;
RESET ROLE;
SELECT * FROM pg_temp.compare('member', 'regress_fbstates_member');
-- a member's write keeps the states (the triggers run as the owner)
SELECT add_member('regress_fbstates_member', 'm2', 'write') IS NOT NULL AS member;
SET ROLE regress_fbstates_member;
UPDATE feedback_responses SET received_at = received_at + interval '1 month' WHERE organization_code = 'm2u1';
DELETE FROM feedback_responses WHERE organization_code = 'm2u2' AND response_id LIKE 'r1%';
RESET ROLE;
SELECT * FROM diff;
SELECT * FROM pg_temp.compare('after member writes');

-- a filtered query (one organisation, one year) reads no response: the scans of
-- feedback_responses in its plan are the branches of the direct computation, gated off by a
-- one-time filter (never executed), and the table's scan counters do not move.
CREATE FUNCTION pg_temp.response_scans(q text) RETURNS TABLE (scans bigint, executed bigint) LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
    scans := 0; executed := 0;
    FOR l IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
        IF l ~ 'Scan .*on feedback_responses' THEN
            scans := scans + 1;
            IF l !~ 'never executed' THEN executed := executed + 1; END IF;
        END IF;
    END LOOP;
    RETURN NEXT;
END $$;
SELECT 'feedback_summary' AS view, * FROM pg_temp.response_scans($$SELECT * FROM feedback_summary WHERE organization_code = 'm1' AND period_start >= '2025-01-01' AND period_start < '2026-01-01'$$)
UNION ALL SELECT 'feedback_item_summary', * FROM pg_temp.response_scans($$SELECT * FROM feedback_item_summary WHERE organization_code = 'm1' AND period_start >= '2025-01-01' AND period_start < '2026-01-01'$$)
UNION ALL SELECT 'feedback_theme_summary', * FROM pg_temp.response_scans($$SELECT * FROM feedback_theme_summary WHERE organization_code = 'm1' AND period_start >= '2025-01-01' AND period_start < '2026-01-01'$$)
UNION ALL SELECT 'organization_overview', * FROM pg_temp.response_scans($$SELECT * FROM organization_overview WHERE organization_code = 'm1' AND period_start = '2025-01-01'$$);
BEGIN;
SELECT seq_scan AS seq0, coalesce(idx_scan, 0) AS idx0 FROM pg_stat_xact_user_tables WHERE relid = 'feedback_responses'::regclass \gset
SELECT count(*) > 0 AS some_rows FROM feedback_summary WHERE organization_code = 'm1' AND period_start >= '2025-01-01' AND period_start < '2026-01-01';
SELECT count(*) > 0 AS some_rows FROM organization_overview WHERE organization_code = 'm1' AND period_start = '2025-01-01';
SELECT seq_scan - :seq0 AS response_seq_scans, coalesce(idx_scan, 0) - :idx0 AS response_index_scans
FROM pg_stat_xact_user_tables WHERE relid = 'feedback_responses'::regclass;
COMMIT;

-- bad arguments: the statement builder is strict; rebuild is the owner's
SELECT _feedback_states_sql(NULL) AS null_source, _feedback_nps_of(NULL, 1, 1) AS null_nps, _feedback_nps_of(1, 1, 4) AS nps_0;
SET ROLE regress_fbstates_member;
SELECT rebuild_feedback_states();
UPDATE feedback_states SET responses = 1;
RESET ROLE;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA fbstates_region CASCADE;
DROP TABLE snaps;
DROP ROLE regress_fbstates_member;
RESET client_min_messages;
