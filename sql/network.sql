-- network: members and row-level security.  Five roles (a region admin, a municipality
-- analyst, an NGO partner, a parish partner and a loader acting for two municipalities) see,
-- in every table and view, exactly the rows their memberships and the organisation tree
-- give them; own-data views follow the policies although a superuser owns them; benchmark
-- views show every organisation's aggregates, never a figure over fewer than the minimum;
-- writes of other organisations' rows are refused, loaders included; the minimum group size
-- is changed only by the owner and raised, never lowered, by a session.
\i test/regress/try.sql
\i test/regress/network_setup.sql

-- Memberships, as recorded (a role may act for several organisations)
SELECT role_name, organization_code, level, granted_by FROM net.members ORDER BY 1, 2;

-- visible(): for every table and view of the region, the rows the current role sees and
-- the organisations they belong to (or the error when it may not read it).
CREATE FUNCTION pg_temp.visible(OUT relation text, OUT row_count bigint, OUT organizations text)
RETURNS SETOF record LANGUAGE plpgsql AS $$
DECLARE
    rel text;
    col text;
BEGIN
    FOR rel, col IN VALUES
        ('settings', 'area_code'), ('organizations', 'code'), ('organization_tree', 'organization_code'),
        ('members', 'organization_code'), ('my_organizations', 'organization_code || '':'' || level'),
        ('indicators', 'code || ''@'' || coalesce(organization_code, ''region'')'),
        ('targets', 'indicator_code || ''@'' || coalesce(organization_code, ''region'')'),
        ('measurements', 'organization_code'), ('cases', 'organization_code'),
        ('feedback_responses', 'organization_code'),
        ('indicator_status', 'organization_code'), ('feedback_comments', 'organization_code'),
        ('access_summary', 'organization_code'), ('feedback_summary', 'organization_code'),
        ('feedback_item_summary', 'organization_code'), ('feedback_theme_summary', 'organization_code'),
        ('organization_overview', 'organization_code'),
        -- the views of 0.3.0 with an organisation: own-data views (security_invoker)
        ('data_quality', 'organization_code'), ('theme_summary', 'organization_code'),
        ('development_status', 'organization_code'), ('development_summary', 'organization_code'),
        ('national_comparison', 'organization_code'),
        ('_feedback_cells', 'organization_code'), ('_feedback_nps', 'organization_code')
    LOOP
        relation := rel;
        BEGIN
            EXECUTE format('SELECT count(*), string_agg(DISTINCT %s, '','' ORDER BY %s) FROM net.%I', col, col, rel)
                INTO row_count, organizations;
        EXCEPTION WHEN insufficient_privilege THEN
            row_count := NULL; organizations := SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END $$;

-- benchmark(): every figure a benchmark view shows is computed over at least the minimum
-- (3) units: the number of shown figures over fewer (must be 0) and the number shown.
CREATE FUNCTION pg_temp.benchmark(OUT view_name text, OUT shown bigint, OUT under_minimum bigint)
RETURNS SETOF record LANGUAGE sql AS $$
    SELECT 'access_summary', count(rate) + count(median_wait),
           count(*) FILTER (WHERE (rate IS NOT NULL AND on_time + late + open_past_due < 3)
                               OR (median_wait IS NOT NULL AND finished_cases < 3) OR (on_time IS NOT NULL AND cases < 3))
    FROM net.access_summary
    UNION ALL
    SELECT 'feedback_summary', count(nps) + count(easy_mean),
           count(*) FILTER (WHERE (nps IS NOT NULL AND nps_answers < 3) OR (easy_mean IS NOT NULL AND responses < 3))
    FROM net.feedback_summary
    UNION ALL
    SELECT 'feedback_item_summary', count(mean), count(*) FILTER (WHERE mean IS NOT NULL AND answers < 3)
    FROM net.feedback_item_summary
    UNION ALL
    SELECT 'feedback_theme_summary', count(mentions), count(*) FILTER (WHERE mentions IS NOT NULL AND responses < 3)
    FROM net.feedback_theme_summary
    UNION ALL
    SELECT 'organization_overview', count(nps) + count(comments),
           count(*) FILTER (WHERE (nps IS NOT NULL OR comments IS NOT NULL) AND responses < 3)
    FROM net.organization_overview
$$;

-- The region admin (admin of the wellbeing area): everything, like the owner
SET ROLE pekefb_test_admin;
SELECT * FROM pg_temp.visible();
SELECT * FROM pg_temp.benchmark();
RESET ROLE;

-- The municipality analyst (read, kunta_a): kunta_a and the parish below it
SET ROLE pekefb_test_analyst;
SELECT * FROM pg_temp.visible();
SELECT * FROM pg_temp.benchmark();
RESET ROLE;

-- The NGO partner (write, ngo): its own rows; benchmarks of everyone
SET ROLE pekefb_test_ngo;
SELECT * FROM pg_temp.visible();
SELECT * FROM pg_temp.benchmark();
-- own-data views: its measurements and its comment, nothing of the others
SELECT organization_code, indicator_code, value_text, status FROM net.indicator_status ORDER BY 1, 2;
SELECT organization_code, response_id, comment FROM net.feedback_comments ORDER BY 1, 2;
RESET ROLE;

-- The parish partner (write, srk_a): its own rows only, and its single case hidden in
-- its own-data view too (a ratio over 1 < 3)
SET ROLE pekefb_test_parish;
SELECT * FROM pg_temp.visible();
SELECT organization_code, indicator_code, value_text, status, suppressed FROM net.indicator_status ORDER BY 1, 2;
RESET ROLE;

-- The loader (write, kunta_a and kunta_b): both municipalities and the parish
SET ROLE pekefb_test_loader;
SELECT * FROM pg_temp.visible();
RESET ROLE;

-- Benchmark rows are the same for every member: every organisation, aggregates only.
-- srk_a (1 case, 1 response) is hidden; so is kunta_a's own row (else kunta_a's total
-- minus it would give srk_a's figure); kunta_a's total (5) shows.
SET ROLE pekefb_test_ngo;
SELECT organization_code, includes_sub_organizations AS incl, period_kind, cases, on_time, rate, median_wait, suppressed
FROM net.access_summary WHERE period_start = '2020-01-01' ORDER BY period_kind, 1, 2;
SELECT organization_code, includes_sub_organizations AS incl, role, responses, nps_answers, nps, easy_mean, suppressed
FROM net.feedback_summary ORDER BY 1, 2, 3;
SELECT organization_code, includes_sub_organizations AS incl, responses, nps, comments, top_themes, suppressed
FROM net.organization_overview ORDER BY 1, 2;
-- no benchmark view has a comment column
SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relnamespace = 'net'::regnamespace AND a.attname LIKE '%comment%' AND a.attnum > 0 ORDER BY 1, 2;
RESET ROLE;

-- Writes.  The NGO partner writes its own rows, not another organisation's.
SET ROLE pekefb_test_ngo;
SELECT * FROM pg_temp.try($$INSERT INTO net.cases (indicator_code, organization_code, case_id, started) VALUES ('care', 'ngo', 'n9', '2020-02-01')$$);
SELECT * FROM pg_temp.try($$INSERT INTO net.cases (indicator_code, organization_code, case_id, started) VALUES ('care', 'kunta_b', 'x1', '2020-02-01')$$);
SELECT * FROM pg_temp.try($$UPDATE net.cases SET organization_code = 'kunta_b' WHERE case_id = 'n9'$$);
-- another organisation's rows are not there to update or delete (0 rows)
WITH u AS (UPDATE net.cases SET finished = started WHERE organization_code = 'kunta_b' RETURNING 1) SELECT count(*) AS updated FROM u;
WITH d AS (DELETE FROM net.feedback_responses WHERE organization_code <> 'ngo' RETURNING 1) SELECT count(*) AS deleted FROM d;
-- the loaders obey the policies: import_feedback for another organisation is refused, all or nothing
SELECT * FROM pg_temp.try($$SELECT net.import_feedback('[{"received_at": "2020-02-01T10:00:00+02:00", "organization": "ngo",
  "service": "neuvola", "response": {"role": "parent", "nps": 9}},
  {"received_at": "2020-02-01T10:00:00+02:00", "organization": "kunta_b",
  "service": "neuvola", "response": {"role": "parent", "nps": 0}}]')$$);
SELECT net.import_feedback('[{"received_at": "2020-02-01T10:00:00+02:00", "organization": "ngo",
  "service": "neuvola", "response": {"role": "parent", "nps": 9}}]') AS imported;
-- refresh_access_measurements writes the partner's own organisations only
SELECT net.refresh_access_measurements('2020-01-01', '2020-03-31') AS written;
-- its own indicator and target: visible to itself, not to other partners
INSERT INTO net.indicators (code, name_fi, unit, organization_code) VALUES ('ngo_groups', 'Vertaisryhmät', '', 'ngo');
INSERT INTO net.targets (indicator_code, organization_code, period_start, period_end, target)
  VALUES ('ngo_groups', 'ngo', '2020-01-01', '2020-12-31', '>= 12');
INSERT INTO net.measurements (indicator_code, organization_code, period_start, period_end, value)
  VALUES ('ngo_groups', 'ngo', '2020-01-01', '2020-12-31', '14');
SELECT indicator_code, value_text, target_text, status FROM net.indicator_status WHERE indicator_code = 'ngo_groups';
-- the versions its changes replace go to the history as itself (keep_history runs as the
-- writer: INSERT on the history tables, under their policies); it cannot write another
-- organisation's history, nor change a version, nor write the coded themes (a trigger's)
UPDATE net.measurements SET value = '15' WHERE indicator_code = 'ngo_groups';
UPDATE net.targets SET note = 'revised' WHERE indicator_code = 'ngo_groups';
SELECT 'measurement' AS kind, organization_code, changed_by, change FROM net.measurement_history WHERE indicator_code = 'ngo_groups'
UNION ALL
SELECT 'target', organization_code, changed_by, change FROM net.target_history WHERE indicator_code = 'ngo_groups' ORDER BY 1;
SELECT * FROM pg_temp.try($$INSERT INTO net.measurement_history (organization_code, indicator_code, period_start, period_end, value,
  loaded_by, valid_from, valid_to, changed_by, change) VALUES ('kunta_b', 'care', '2020-01-01', '2020-12-31', '1/2', 'x',
  '2020-01-01', '2020-01-02', 'x', 'update')$$);
SELECT * FROM pg_temp.try($$UPDATE net.measurement_history SET changed_by = 'x'$$);
SELECT * FROM pg_temp.try($$DELETE FROM net.feedback_coded_themes$$);
-- ... not a region indicator or target, not the settings, not the network, not members
SELECT * FROM pg_temp.try($$INSERT INTO net.indicators (code, name_fi) VALUES ('x', 'X')$$);
SELECT * FROM pg_temp.try($$INSERT INTO net.targets (indicator_code, organization_code, period_start, period_end, target) VALUES ('care', 'kunta_b', '2020-01-01', '2020-12-31', '>= 1%')$$);
SELECT * FROM pg_temp.try($$UPDATE net.settings SET min_group_size = 1$$);
SELECT * FROM pg_temp.try($$INSERT INTO net.organizations (code, name_fi, kind, parent_code) VALUES ('x', 'X', 'ngo', 'alue')$$);
SELECT * FROM pg_temp.try($$INSERT INTO net.members (role_name, organization_code) VALUES ('pekefb_test_ngo', 'alue')$$);
SELECT * FROM pg_temp.try($$SELECT net.add_member('pekefb_test_ngo', 'alue', 'admin')$$);
RESET ROLE;
SELECT organization_code, indicator_code, loaded_by FROM net.measurements WHERE loaded_by <> CURRENT_USER ORDER BY 1, 2;

-- Other partners do not see the NGO's own indicator, target or measurement
SET ROLE pekefb_test_analyst;
SELECT count(*) AS ngo_rows FROM net.indicators WHERE code = 'ngo_groups';
SELECT count(*) AS ngo_rows FROM net.targets WHERE indicator_code = 'ngo_groups';
SELECT * FROM pg_temp.try($$INSERT INTO net.cases (indicator_code, organization_code, case_id, started) VALUES ('care', 'kunta_a', 'r1', '2020-02-01')$$);
RESET ROLE;

-- The parish partner writes its parish, not the municipality above it
SET ROLE pekefb_test_parish;
SELECT * FROM pg_temp.try($$INSERT INTO net.cases (indicator_code, organization_code, case_id, started) VALUES ('care', 'srk_a', 's2', '2020-02-01')$$);
SELECT * FROM pg_temp.try($$INSERT INTO net.cases (indicator_code, organization_code, case_id, started) VALUES ('care', 'kunta_a', 's3', '2020-02-01')$$);
RESET ROLE;

-- The loader writes both of its municipalities
SET ROLE pekefb_test_loader;
SELECT net.import_feedback('[{"received_at": "2020-04-01T10:00:00+03:00", "organization": "kunta_a",
  "service": "neuvola", "response": {"role": "parent", "nps": 9}},
  {"received_at": "2020-04-01T10:00:00+03:00", "organization": "kunta_b",
  "service": "neuvola", "response": {"role": "parent", "nps": 8}}]') AS imported;
SELECT * FROM pg_temp.try($$SELECT net.import_feedback('[{"received_at": "2020-04-01T10:00:00+03:00", "organization": "ngo",
  "service": "neuvola", "response": {"role": "parent", "nps": 9}}]')$$);
RESET ROLE;

-- The region admin changes the calendar and the network, not the minimum group size
SET ROLE pekefb_test_admin;
UPDATE net.settings SET roll_forward = true;
SELECT * FROM pg_temp.try($$UPDATE net.settings SET min_group_size = 1$$);
SELECT * FROM pg_temp.try($$UPDATE net.settings SET min_group_size = 10$$);
INSERT INTO net.organizations (code, name_fi, kind, parent_code) VALUES ('srk_b', 'Seurakunta B', 'parish', 'kunta_b');
SELECT organization_code, ancestor_code, depth FROM net.organization_tree WHERE organization_code = 'srk_b' ORDER BY depth;
SELECT * FROM pg_temp.try($$SELECT net.add_member('pekefb_test_ngo', 'alue', 'admin')$$);
RESET ROLE;

-- A session raises the minimum, never lowers it
SET ROLE pekefb_test_ngo;
SET pekefb.min_group_size = 1;
SELECT net.min_group_size() AS in_force, count(*) FILTER (WHERE nps IS NOT NULL) AS nps_shown FROM net.feedback_summary;
SET pekefb.min_group_size = 4;
SELECT net.min_group_size() AS in_force, count(*) FILTER (WHERE nps IS NOT NULL) AS nps_shown FROM net.feedback_summary;
RESET pekefb.min_group_size;
RESET ROLE;
-- the owner lowers it
UPDATE net.settings SET min_group_size = 2;
SELECT net.min_group_size() AS in_force;
UPDATE net.settings SET min_group_size = 3;

-- Membership: a level change and a removal follow the privileges
SELECT net.add_member('pekefb_test_analyst', 'kunta_a', 'write') AS level;
SELECT has_table_privilege('pekefb_test_analyst', 'net.cases', 'INSERT') AS can_insert;
SELECT net.remove_member('pekefb_test_loader', 'kunta_b') AS remaining_level;
SET ROLE pekefb_test_loader;
SELECT string_agg(organization_code, ',' ORDER BY organization_code) FROM net.my_organizations;
RESET ROLE;
SELECT net.remove_member('pekefb_test_loader', 'kunta_a') AS remaining_level;
SELECT has_schema_privilege('pekefb_test_loader', 'net', 'USAGE') AS usage,
       has_table_privilege('pekefb_test_loader', 'net.cases', 'SELECT') AS can_select;
SELECT * FROM pg_temp.try($$SELECT net.add_member('pekefb_test_nobody', 'kunta_a')$$);
SELECT * FROM pg_temp.try($$SELECT net.add_member('pekefb_test_ngo', 'nowhere')$$);
SELECT * FROM pg_temp.try($$SELECT net.add_member('pekefb_test_ngo', 'ngo', 'owner')$$);
SELECT * FROM pg_temp.try($$SELECT net.add_member(CURRENT_USER, 'ngo')$$);
SELECT * FROM pg_temp.try($$SELECT net.remove_member('pekefb_test_ngo', 'kunta_a')$$);
-- a group role: its members act through it
CREATE ROLE pekefb_test_group_member IN ROLE pekefb_test_ngo;
SET ROLE pekefb_test_group_member;
SELECT string_agg(DISTINCT organization_code, ',') AS sees FROM net.cases;
RESET ROLE;
DROP ROLE pekefb_test_group_member;

-- The organisation tree: a cycle is refused, the ancestor relation is exact
SELECT * FROM pg_temp.try($$UPDATE net.organizations SET parent_code = 'srk_a' WHERE code = 'kunta_a'$$);
SELECT * FROM pg_temp.try($$UPDATE net.organizations SET parent_code = 'ngo' WHERE code = 'alue'$$);
SELECT count(*) AS pairs, count(DISTINCT (organization_code, ancestor_code)) AS distinct_pairs,
       count(*) FILTER (WHERE depth = 0) AS selves FROM net.organization_tree;
-- every pair once, and exactly the chain of parents (compared with a recursive walk)
WITH RECURSIVE up (organization_code, ancestor_code, depth) AS (
    SELECT code, code, 0 FROM net.organizations
    UNION ALL
    SELECT u.organization_code, o.parent_code, u.depth + 1
    FROM up u JOIN net.organizations o ON o.code = u.ancestor_code WHERE o.parent_code IS NOT NULL)
SELECT (SELECT count(*) FROM (SELECT * FROM up EXCEPT SELECT * FROM net.organization_tree) x) AS missing,
       (SELECT count(*) FROM (SELECT * FROM net.organization_tree EXCEPT SELECT * FROM up) x) AS extra;

-- Policies and their tables (what a dump must keep)
SELECT c.relname, p.polname, p.polcmd FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
WHERE c.relnamespace = 'net'::regnamespace ORDER BY 1, 2;
-- the row tables' policies hold a subquery (once per statement); use_policies(true) turns
-- them into calls per row without one, as Citus requires on distributed tables; the same
-- rows are visible and the same writes refused
SELECT tablename, count(*) AS policies_with_subqueries FROM pg_policies
WHERE schemaname = 'net' AND (qual ~* '\mselect\M' OR with_check ~* '\mselect\M') GROUP BY 1 ORDER BY 1;
SELECT net.use_policies(true);
SELECT count(*) AS policies_with_subqueries FROM pg_policies
WHERE schemaname = 'net' AND (qual ~* '\mselect\M' OR with_check ~* '\mselect\M');
SET ROLE pekefb_test_ngo;
SELECT * FROM pg_temp.visible() WHERE relation IN ('measurements', 'cases', 'feedback_responses', 'indicator_status', 'feedback_comments');
SELECT * FROM pg_temp.try($$INSERT INTO net.cases (indicator_code, organization_code, case_id, started) VALUES ('care', 'kunta_b', 'x2', '2020-02-01')$$);
RESET ROLE;
SET ROLE pekefb_test_analyst;
SELECT * FROM pg_temp.visible() WHERE relation IN ('measurements', 'cases', 'feedback_responses', 'indicator_status', 'feedback_comments');
RESET ROLE;
SELECT net.use_policies(false);
SELECT * FROM pg_temp.try($$SELECT net.use_policies(NULL)$$);
-- The membership is looked up once per statement, not once per row: a member's read of
-- two tables calls member_organizations once for each table (the per-row form: per row).
SET track_functions = 'all';
BEGIN;
SET LOCAL ROLE pekefb_test_ngo;
SELECT count(*) AS rows_seen, (SELECT count(*) FROM net.cases) AS cases_seen FROM net.feedback_responses;
RESET ROLE;
SELECT pg_stat_get_xact_function_calls('net.member_organizations(name,text)'::regprocedure) AS lookups,
       (SELECT count(*) FROM net.feedback_responses) + (SELECT count(*) FROM net.cases) AS rows_scanned;
COMMIT;
RESET track_functions;
-- a new table with an organisation gets the same policies (doc/partners.md, Adding a table)
CREATE TABLE net.visits (organization_code text NOT NULL REFERENCES net.organizations (code), n integer);
INSERT INTO net.visits VALUES ('kunta_a', 1), ('kunta_b', 2), ('ngo', 3);
GRANT SELECT, INSERT ON net.visits TO pekefb_test_ngo;
SELECT net.set_row_policies('visits');
SET ROLE pekefb_test_ngo;
SELECT * FROM net.visits ORDER BY 1;
SELECT * FROM pg_temp.try($$INSERT INTO net.visits VALUES ('kunta_b', 4)$$);
RESET ROLE;
SELECT * FROM pg_temp.try($$SELECT net.set_row_policies('settings')$$);
SELECT * FROM pg_temp.try($$SELECT net.set_row_policies(NULL)$$);
DROP TABLE net.visits;
SELECT relname, relrowsecurity FROM pg_class WHERE relnamespace = 'net'::regnamespace AND relkind = 'r' ORDER BY 1;
SELECT c.relname, (c.reloptions) FROM pg_class c WHERE c.relnamespace = 'net'::regnamespace AND c.relkind = 'v' ORDER BY 1;

SET client_min_messages = warning;
DROP SCHEMA net CASCADE;
RESET client_min_messages;
DROP ROLE pekefb_test_admin, pekefb_test_analyst, pekefb_test_ngo, pekefb_test_parish, pekefb_test_loader;
