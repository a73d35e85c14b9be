-- development: development work of a region (doc/development.md).  The hierarchy of items
-- and its rules (kind order, no cycles), the shipped stage scales, progress and stage
-- targets checked against the item's scale, milestones, the links to indicators and
-- feedback services, and the views development_status (status rule at the boundary dates)
-- and development_summary; the same rows under every TimeZone and DateStyle; stages never
-- reach the indicator counts of organization_overview.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
\set SHOW_CONTEXT never
SET TimeZone = 'Europe/Helsinki';
SET DateStyle = 'ISO, YMD';
SELECT pekefb.create_region('dev_region', 'reg', 'Alue', 'Området');
SET search_path = dev_region, pekefb, public;
-- try(statement): its SQLSTATE, message and detail (nothing is kept when it fails).
CREATE FUNCTION pg_temp.try(stmt text, OUT state text, OUT message text, OUT detail text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE stmt;
    state := '00000'; message := 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
END $$;

-- The shipped scales (seeds/002, domain.md 8.1): two stage scales and three milestones.
SELECT scale, milestone, name_fi, name_sv, name_en FROM stage_scales ORDER BY scale;
SELECT scale, rank, stage, label_sv, label_en FROM stages ORDER BY scale, rank;

-- Outcome indicators with targets and values, as a region has them before development work.
INSERT INTO organizations (code, name_fi, kind, parent_code) VALUES
  ('a', 'Kunta A', 'municipality', 'reg'), ('a-ngo', 'Yhdistys', 'ngo', 'a');
INSERT INTO indicators (code, name_fi, unit) VALUES
  ('share', 'Osuus', '%'), ('wait', 'Odotus', 'd'), ('groups', 'Ryhmät', ''), ('lonely', 'Ei mitattu', '');
INSERT INTO indicators (code, name_fi, unit, deadline, count_by) VALUES ('care', 'Hoitoon pääsy', '%', '14 days', 'started');
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target) VALUES
  ('share', NULL, '2024-01-01', '2024-12-31', '>= 90%'),
  ('wait', NULL, '2024-01-01', '2024-12-31', '<= 30 d');
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  ('share', 'reg', '2024-01-01', '2024-12-31', '95/100'),    -- met
  ('share', 'reg', '2024-10-01', '2024-12-31', '20/25'),     -- a quarter of the yearly target: year_to_date
  ('wait', 'reg', '2024-01-01', '2024-12-31', '45 d'),       -- missed
  ('groups', 'reg', '2024-01-01', '2024-12-31', '7'),        -- no target
  ('share', 'a', '2024-01-01', '2024-12-31', '9/10'),        -- organisation a: met
  ('care', 'a', '2024-01-01', '2024-12-31', '7/8');          -- no target
-- (the overview's indicator columns: feedback loaded below adds rows of its own)
CREATE TEMP VIEW overview_indicators AS
SELECT organization_code, includes_sub_organizations, period_start, period_end, indicators_with_target,
       indicators_met, indicators_missed, share_met, mean_attainment
FROM organization_overview WHERE indicators_with_target > 0;
CREATE TEMP TABLE overview_before AS SELECT * FROM overview_indicators;
CREATE TEMP TABLE status_before AS SELECT * FROM indicator_status;

-- The hierarchy: programme > investment > work package > action.
INSERT INTO development_items (code, parent_code, kind, name_fi, name_sv, name_en, organization_code,
                               planned_start, planned_end, scale) VALUES
  ('prog', NULL, 'programme', 'Ohjelma', 'Programmet', 'Programme', NULL, NULL, NULL, NULL),
  ('inv', 'prog', 'investment', 'Investointi', NULL, NULL, NULL, NULL, NULL, NULL),
  ('wp', 'inv', 'work_package', 'Työpaketti', 'Arbetspaket', NULL, NULL, '2024-01-01', '2025-03-31', 'implementation'),
  ('act', 'wp', 'action', 'Toimenpide', 'Åtgärd', 'Action', NULL, '2024-01-01', '2025-03-31', 'implementation'),
  ('model', 'wp', 'action', 'Malli', NULL, NULL, 'a', NULL, NULL, 'described'),
  ('plain', 'wp', 'action', 'Ilman asteikkoa', NULL, NULL, NULL, '2024-10-01', '2024-12-31', NULL),
  ('idle', 'wp', 'action', 'Odottaa', NULL, NULL, NULL, '2024-07-01', '2024-12-31', 'approval'),
  ('direct', 'inv', 'action', 'Suoraan investoinnin alla', NULL, NULL, NULL, '2024-01-01', '2024-12-31', NULL);

-- Refused: each with its SQLSTATE and the offending input in the message.
-- wp -> act -> wp
SELECT * FROM pg_temp.try($$UPDATE development_items SET parent_code = 'act' WHERE code = 'wp'$$);
-- action below an action
SELECT * FROM pg_temp.try($$UPDATE development_items SET parent_code = 'model' WHERE code = 'act'$$);
SELECT * FROM pg_temp.try($$INSERT INTO development_items (code, parent_code, kind, name_fi) VALUES ('inv2', 'wp', 'investment', 'Väärin')$$);
-- the investment's children are work packages
SELECT * FROM pg_temp.try($$UPDATE development_items SET kind = 'action' WHERE code = 'inv'$$);
INSERT INTO development_items (code, parent_code, kind, name_fi) VALUES ('self', 'self', 'action', 'Itse');
INSERT INTO development_items (code, kind, name_fi) VALUES ('task', 'task', 'Tehtävä');          -- unknown kind
INSERT INTO development_items (code, kind, name_fi, planned_start, planned_end)
  VALUES ('late', 'action', 'Myöhään', '2025-01-01', '2024-12-31');                               -- ends before it starts
INSERT INTO development_items (code, kind, name_fi, planned_start, planned_end)
  VALUES ('forever', 'action', 'Ikuinen', '2025-01-01', 'infinity');                              -- infinite dates
INSERT INTO development_items (code, kind, name_fi, organization_code) VALUES ('nobody', 'action', 'X', 'nowhere');
INSERT INTO development_items (code, kind, name_fi, scale) VALUES ('noscale', 'action', 'X', 'stars');
INSERT INTO development_items (code, kind, name_fi) VALUES ('Bad Code', 'action', 'X');
-- A statement that moves several items is checked as a whole, and all or nothing.
UPDATE development_items SET parent_code = CASE code WHEN 'inv' THEN 'wp' WHEN 'wp' THEN 'prog' END
WHERE code IN ('inv', 'wp');
SELECT code, parent_code, kind FROM development_items ORDER BY code;

-- Stage targets and progress: the stage must be one of the item's scale.
INSERT INTO stage_targets (item_code, due_date, stage) VALUES
  ('act', '2024-06-30', 'valmistelu'),
  ('act', '2024-12-31', 'käyttöönotto'),
  ('model', '2024-12-31', 'kuvattu'),
  ('idle', '2025-06-30', 'vahvistettu'),
  ('wp', '2024-12-31', 'kokeilu ja arviointi');
INSERT INTO development_progress (item_code, on_date, stage, assessment) VALUES
  ('act', '2024-06-30', 'valmistelu', 'Valmistelu alkoi määräpäivänä.'),
  ('act', '2024-10-01', 'kokeilu ja arviointi', 'Kokeilu käynnissä.'),
  ('act', '2025-01-01', 'käyttöönotto', NULL),
  ('act', '2025-03-31', 'juurruttaminen', 'Juurrutettu jo.'),
  ('model', '2024-03-15', 'ei kuvattu', 'Kuvaus aloitettu.'),
  ('model', '2025-02-01', 'kuvattu', 'Malli kuvattu.'),
  ('wp', '2024-11-30', 'kokeilu ja arviointi', NULL);
SELECT item_code, on_date, stage, assessed_by = current_user AS assessed_by_recorder FROM development_progress ORDER BY 1, 2;
-- a milestone stage on a stage scale
SELECT * FROM pg_temp.try($$INSERT INTO development_progress (item_code, on_date, stage) VALUES ('act', '2024-07-01', 'kuvattu')$$);
SELECT * FROM pg_temp.try($$INSERT INTO stage_targets (item_code, due_date, stage) VALUES ('model', '2025-06-30', 'juurruttaminen')$$);
-- no scale
SELECT * FROM pg_temp.try($$INSERT INTO development_progress (item_code, on_date, stage) VALUES ('plain', '2024-11-01', 'valmistelu')$$);
-- its records are not approval stages
SELECT * FROM pg_temp.try($$UPDATE development_items SET scale = 'approval' WHERE code = 'act'$$);
-- in use
SELECT * FROM pg_temp.try($$DELETE FROM stages WHERE scale = 'implementation' AND stage = 'valmistelu'$$);
-- in use
SELECT * FROM pg_temp.try($$UPDATE stages SET stage = 'valmistelu 2' WHERE scale = 'implementation' AND stage = 'valmistelu'$$);
-- a milestone has 0 and 1
SELECT * FROM pg_temp.try($$INSERT INTO stages (scale, stage, rank, label_fi) VALUES ('described', 'julkaistu', 2, 'julkaistu')$$);
-- ranks 1..3
SELECT * FROM pg_temp.try($$UPDATE stage_scales SET milestone = true WHERE scale = 'approval'$$);
INSERT INTO development_progress (item_code, on_date, stage) VALUES ('ghost', '2024-07-01', 'valmistelu');  -- unknown item
INSERT INTO development_progress (item_code, on_date, stage) VALUES ('act', '2024-06-30', 'valmistelu');    -- one record per item and day
INSERT INTO development_progress (item_code, on_date, stage, assessed_by) VALUES ('act', '-infinity', 'valmistelu', 'x');
INSERT INTO stages (scale, stage, rank, label_fi) VALUES ('implementation', 'toinen', 1, 'toinen');          -- rank taken
-- Allowed: a new stage of a region's own scale, reordering ranks, a scale of the region's own.
INSERT INTO stage_scales (scale, name_fi) VALUES ('own', 'Oma asteikko');
INSERT INTO stages (scale, stage, rank, label_fi) VALUES ('own', 'alku', 1, 'alku'), ('own', 'loppu', 5, 'loppu');
UPDATE stages SET rank = 2 WHERE scale = 'own' AND stage = 'loppu';
SELECT scale, stage, rank FROM stages WHERE scale = 'own' ORDER BY rank;
UPDATE development_items SET scale = 'implementation' WHERE code = 'act';    -- unchanged scale: allowed

-- Links: the outcome indicators an item should move, the feedback services it concerns.
INSERT INTO development_indicators (item_code, indicator_code) VALUES
  ('act', 'share'), ('act', 'wait'), ('act', 'groups'), ('act', 'lonely'), ('model', 'share'), ('model', 'care'), ('wp', 'share');
INSERT INTO development_indicators (item_code, indicator_code) VALUES ('act', 'nosuch');
INSERT INTO development_services (item_code, service) VALUES ('act', 'neuvola'), ('model', 'neuvola');
INSERT INTO development_services (item_code, service) VALUES ('act', '');
-- Feedback on neuvola: six responses in Q4/2024 (one at 00:30 on New Year's night in
-- Helsinki, still 2024 in UTC: it belongs to Q1/2025), three in Q1/2025 (with it: four).
INSERT INTO feedback_responses (organization_code, received_at, service, response) VALUES
  ('reg', '2024-10-05 10:00+03', 'neuvola', '{"nps":10}'), ('reg', '2024-10-06 10:00+03', 'neuvola', '{"nps":9}'),
  ('a', '2024-11-05 10:00+02', 'neuvola', '{"nps":9}'), ('a-ngo', '2024-11-06 10:00+02', 'neuvola', '{"nps":3}'),
  ('reg', '2024-12-05 10:00+02', 'neuvola', '{"nps":8}'), ('reg', '2024-12-31 23:00+02', 'neuvola', '{"nps":10}'),
  ('reg', '2025-01-01 00:30+02', 'neuvola', '{"nps":0}'), ('reg', '2025-02-01 10:00+02', 'neuvola', '{"nps":10}'),
  ('reg', '2025-03-01 10:00+02', 'neuvola', '{"nps":10}'), ('reg', '2025-03-31 23:59+03', 'neuvola', '{"nps":10}'),
  ('reg', '2024-10-07 10:00+03', 'perheneuvola', '{"nps":0}');

-- Status at the boundary dates (period_end is the judging day):
--   act  Q1/2024 nothing due, nothing reached: not_started; Q2/2024 valmistelu reached on its
--        due date 30.6.: on_schedule; Q3: on_schedule; Q4: käyttöönotto due 31.12., kokeilu
--        reached: behind; Q1/2025 juurruttaminen recorded on 31.3. (the last day): ahead.
--   model (milestone) Q1/2024 ei kuvattu reached, nothing due: no_target; Q4/2024 kuvattu due:
--        behind; Q1/2025 kuvattu: on_schedule and completed.
--   plain (no scale): no_target; idle (nothing recorded, target 2025): not_started.
SELECT item_code, period_kind, period_start, period_end, stage_reached, rank_reached, reached_on,
       stage_due, rank_due, due_on, next_stage_due, next_due_on, completed, status
FROM development_status ORDER BY item_code, period_kind, period_start;
SELECT item_code, period_start, assessment, assessed_on, assessed_by = current_user AS by_recorder, milestone, top_rank
FROM development_status WHERE period_kind = 'quarter' AND item_code IN ('act', 'model') ORDER BY 1, 2;
-- The hierarchy columns: the work package and investment each item is or belongs to.
SELECT DISTINCT item_code, parent_code, kind, work_package_code, investment_code, organization_code, scale
FROM development_status ORDER BY 1;

-- Linked indicators of act (the region's figures, its organisation being the wellbeing
-- area): in 2024 share met, wait missed, groups without a target (not judged), lonely never
-- measured; in Q4/2024 only share has a figure inside the quarter, a quarter of a yearly
-- target, not judged before the year is over (year_to_date, doc/thl.md); model reads
-- organisation a's figures (2024: share met, care not judged, counted by started cases).
SELECT item_code, period_kind, period_start, indicators_linked, indicators_met, indicators_missed,
       indicators_not_judged, indicators_no_value, indicator_statuses
FROM development_status WHERE item_code IN ('act', 'model', 'idle') AND (period_start >= '2024-10-01' OR period_kind = 'year')
ORDER BY 1, 2, 3;
-- Feedback of the linked services (the organisation and everything below it, quarters in the
-- region's time zone): act (the region) has 6 responses in Q4/2024, NPS (4 - 1) / 6 = 50;
-- 4 in Q1/2025, suppressed; model (organisation a) 2 in Q4/2024, suppressed.
SELECT item_code, period_kind, period_start, services, responses, nps, suppressed
FROM development_status WHERE item_code IN ('act', 'model', 'plain') AND period_start >= '2024-10-01'
ORDER BY 1, 2, 3;

-- Per work package: its actions by status.  wp's actions in Q4/2024: act behind, model
-- behind, plain no_target, idle not_started: 0 of 2 judged on schedule; in Q1/2025 act
-- ahead, model on schedule: 2 of 2.  The action directly under the investment is in no
-- work package.
SELECT work_package_code, work_package_name, investment_code, organization_code, period_kind, period_start, period_end,
       actions, actions_behind, actions_on_schedule, actions_ahead, actions_not_started, actions_no_target,
       round(share_on_schedule::numeric, 4) AS share_on_schedule, actions_behind_codes, work_package_status, work_package_stage,
       indicators_linked, indicators_met, indicators_missed, indicators_not_judged, indicators_no_value
FROM development_summary ORDER BY period_kind, period_start;

-- Labels follow pekefb.language.
SET pekefb.language = 'sv';
SELECT DISTINCT item_code, item_name, stage_reached_label, stage_due_label, status_label
FROM development_status WHERE period_kind = 'quarter' AND period_start = '2024-10-01' ORDER BY 1;
SET pekefb.language = 'en';
SELECT DISTINCT item_code, item_name, stage_reached_label, stage_due_label, status_label
FROM development_status WHERE period_kind = 'quarter' AND period_start = '2024-10-01' ORDER BY 1;
RESET pekefb.language;

-- Stages are not indicators: the indicators, their statuses and the overview's counts are
-- what they were before any development work was loaded.
SELECT (SELECT count(*) FROM overview_before) AS overview_rows,
       (SELECT count(*) FROM (SELECT * FROM overview_indicators EXCEPT SELECT * FROM overview_before) x) AS overview_rows_changed,
       (SELECT count(*) FROM (SELECT * FROM overview_before EXCEPT SELECT * FROM overview_indicators) x) AS overview_rows_lost,
       (SELECT count(*) FROM status_before) AS status_rows,
       (SELECT count(*) FROM (SELECT * FROM indicator_status EXCEPT SELECT * FROM status_before) x)
     + (SELECT count(*) FROM (SELECT * FROM status_before EXCEPT SELECT * FROM indicator_status) x) AS status_rows_changed,
       (SELECT count(*) FROM indicators) AS indicators, (SELECT count(*) FROM measurements) AS measurements;

-- The same rows whatever the session's TimeZone and DateStyle.
CREATE TEMP TABLE status_helsinki AS SELECT * FROM development_status;
CREATE TEMP TABLE summary_helsinki AS SELECT * FROM development_summary;
SET TimeZone = 'UTC';
SET DateStyle = 'German';
CREATE TEMP TABLE status_utc AS SELECT * FROM development_status;
CREATE TEMP TABLE summary_utc AS SELECT * FROM development_summary;
SET TimeZone = 'America/New_York';
SET DateStyle = 'SQL, MDY';
CREATE TEMP TABLE status_ny AS SELECT * FROM development_status;
CREATE TEMP TABLE summary_ny AS SELECT * FROM development_summary;
SET TimeZone = 'Pacific/Kiritimati';
SET DateStyle = 'Postgres, DMY';
CREATE TEMP TABLE status_kiritimati AS SELECT * FROM development_status;
RESET TimeZone;
SET DateStyle = 'ISO, YMD';
SELECT (SELECT count(*) FROM status_helsinki) AS status_rows,
       (SELECT count(*) FROM (SELECT * FROM status_helsinki EXCEPT SELECT * FROM status_utc) x)
     + (SELECT count(*) FROM (SELECT * FROM status_utc EXCEPT SELECT * FROM status_helsinki) x)
     + (SELECT count(*) FROM (SELECT * FROM status_helsinki EXCEPT SELECT * FROM status_ny) x)
     + (SELECT count(*) FROM (SELECT * FROM status_helsinki EXCEPT SELECT * FROM status_kiritimati) x)
     + (SELECT count(*) FROM (SELECT * FROM status_kiritimati EXCEPT SELECT * FROM status_helsinki) x) AS status_differences,
       (SELECT count(*) FROM summary_helsinki) AS summary_rows,
       (SELECT count(*) FROM (SELECT * FROM summary_helsinki EXCEPT SELECT * FROM summary_utc) x)
     + (SELECT count(*) FROM (SELECT * FROM summary_ny EXCEPT SELECT * FROM summary_helsinki) x) AS summary_differences;
-- The region's own zone decides the quarter of a response: in UTC+14 the response of
-- 31.12.2024 23:00 (Helsinki) is in Q1/2025 and that of 31.3.2025 23:59 in Q2: Q4/2024 has 5, Q1/2025 4.
UPDATE settings SET time_zone = 'Pacific/Kiritimati';
SELECT item_code, period_start, responses FROM development_status
WHERE item_code = 'act' AND period_kind = 'quarter' AND period_start >= '2024-10-01' ORDER BY 2;
UPDATE settings SET time_zone = 'Europe/Helsinki';

-- The feedback columns come from the monthly feedback states while the triggers keep them,
-- else from the responses (as on Citus, where distribute_region drops the triggers): the
-- same rows either way.
CREATE TEMP TABLE status_states AS SELECT * FROM development_status;
ALTER TABLE feedback_responses DISABLE TRIGGER feedback_responses_states_update;
SELECT _feedback_states_kept() AS kept;
CREATE TEMP TABLE status_responses AS SELECT * FROM development_status;
ALTER TABLE feedback_responses ENABLE TRIGGER feedback_responses_states_update;
SELECT _feedback_states_kept() AS kept,
       (SELECT count(*) FROM status_states) AS status_rows,
       (SELECT count(*) FROM status_states WHERE responses > 0) AS rows_with_feedback,
       (SELECT count(*) FROM (SELECT * FROM status_states EXCEPT SELECT * FROM status_responses) x)
     + (SELECT count(*) FROM (SELECT * FROM status_responses EXCEPT SELECT * FROM status_states) x) AS differences;

-- development_periods: quarters and years overlapping a span; nothing for NULL, infinite
-- or reversed bounds.
SELECT * FROM development_periods('2024-02-29', '2025-01-01');
SELECT count(*) AS none FROM development_periods(NULL, '2025-01-01');
SELECT count(*) AS none FROM development_periods('2024-01-01', 'infinity');
SELECT count(*) AS none FROM development_periods('-infinity', '2024-01-01');
SELECT count(*) AS none FROM development_periods('2025-01-01', '2024-01-01');

-- View columns: standard types only, each commented.
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relname IN ('development_status', 'development_summary') AND c.relnamespace = 'dev_region'::regnamespace
  AND a.attnum > 0 AND a.atttypid NOT IN ('text'::regtype, 'bigint'::regtype, 'integer'::regtype,
      'double precision'::regtype, 'numeric'::regtype, 'boolean'::regtype, 'date'::regtype, 'timestamptz'::regtype);

-- Deleting: links and records go before their item (no cascade hides data).
DELETE FROM development_items WHERE code = 'act';
DELETE FROM development_progress WHERE item_code = 'act';
DELETE FROM stage_targets WHERE item_code = 'act';
DELETE FROM development_indicators WHERE item_code = 'act';
DELETE FROM development_services WHERE item_code = 'act';
DELETE FROM development_items WHERE code = 'act';
DELETE FROM stages WHERE scale = 'implementation' AND stage = 'valmistelu';   -- no longer in use
SELECT count(*) AS implementation_stages FROM stages WHERE scale = 'implementation';

-- a session can raise the minimum group size (never lower it: doc/partners.md), and this
-- view follows it like every other: raised above every group, no figure shows
SET pekefb.min_group_size = 1000;
SELECT count(*) > 0 AS has_rows, count(*) FILTER (WHERE nps IS NOT NULL) AS shown FROM development_status;
RESET pekefb.min_group_size;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA dev_region CASCADE;
RESET client_min_messages;
