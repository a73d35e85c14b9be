-- access_states: the stored per-month access states (src/region/states.sql, issue 13) stay
-- exactly those computed from cases through random loads, updates (finishing open cases,
-- moving cases between organisations and months, changing indicators), deletes and
-- TRUNCATE, by plain SQL and by region.load_cases, and through changes of the calendar
-- settings and of a deadline.  After each round, diff counts the state rows that differ
-- from a direct computation (both ways): it must be 0.  At the end the states give
-- access_summary_on's own monthly figures, open cases judged on the data date included.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET DateStyle = 'ISO, YMD';
\set SHOW_CONTEXT never
SELECT pekefb.create_region('states_region', 'reg', 'Alue') IS NOT NULL AS created;
SET search_path = states_region, pekefb, public;

INSERT INTO organizations (code, name_fi, kind, parent_code)
SELECT 'o' || g, 'Kunta ' || g, 'municipality', 'reg' FROM generate_series(1, 6) g;
INSERT INTO indicators (code, name_fi, unit, deadline, count_by, period) VALUES
  ('care', 'Hoitoon 14 vrk:ssa', '%', '14 days', 'finished', 'year'),
  ('cw', 'Lastensuojeluasia 7 arkipäivässä', '%', '7 working days', 'started', 'half_year'),
  ('pta', 'Palvelutarpeen arviointi 3 kk:ssa', '%', '3 months', 'started', 'year');
INSERT INTO indicators (code, name_fi, unit, period) VALUES ('count', 'Ilmoitukset', '', 'year');
INSERT INTO case_mappings (matter_type, indicator_code) VALUES
  ('Lastensuojeluasia', 'cw'), ('Lastensuojeluasia', 'pta'), ('Hoito', 'care');

-- the states computed from the cases directly (a query of its own, not the trigger's):
-- every case counts (its latest event day gives the data date), due dates, on time, late
-- and open dues only those of an access indicator
CREATE TEMP VIEW direct AS
SELECT k.indicator_code, k.organization_code, b.basis, date_trunc('month', b.day)::date AS month,
       count(*) AS cases, count(k.finished) AS finished_cases,
       count(*) FILTER (WHERE k.finished <= k.due) AS on_time, count(*) FILTER (WHERE k.finished > k.due) AS late,
       coalesce(wait_agg(k.finished - k.started), '{}') AS waits,
       coalesce(wait_agg(k.due - date '4714-11-24 BC') FILTER (WHERE k.finished IS NULL), '{}') AS open_dues,
       wait_agg(greatest(k.started, k.finished) - date '4714-11-24 BC') AS event_days
FROM (SELECT c.*, CASE WHEN i.code IS NOT NULL THEN due_date(c.started, i.deadline, s.calendar, s.extra_closing_days, s.roll_forward) END AS due
      FROM cases c LEFT JOIN indicators i ON i.code = c.indicator_code AND i.deadline IS NOT NULL AND i.organization_code IS NULL
      CROSS JOIN settings s) k
CROSS JOIN LATERAL (VALUES ('started', k.started), ('finished', k.finished)) b (basis, day)
WHERE b.day IS NOT NULL
GROUP BY 1, 2, 3, 4;
CREATE TEMP VIEW diff AS
SELECT (SELECT count(*) FROM (SELECT indicator_code, organization_code, basis, month, cases, finished_cases, on_time, late,
                                     waits::text, open_dues::text, event_days::text FROM direct
                              EXCEPT SELECT indicator_code, organization_code, basis, month, cases, finished_cases, on_time, late,
                                     waits::text, open_dues::text, event_days::text FROM access_states) x) AS missing,
       (SELECT count(*) FROM (SELECT indicator_code, organization_code, basis, month, cases, finished_cases, on_time, late,
                                     waits::text, open_dues::text, event_days::text FROM access_states
                              EXCEPT SELECT indicator_code, organization_code, basis, month, cases, finished_cases, on_time, late,
                                     waits::text, open_dues::text, event_days::text FROM direct) x) AS extra,
       (SELECT count(*) FROM access_states) AS state_rows, (SELECT count(*) FROM cases) AS all_cases;

-- a small hand-checked start: care, 14 days; one case on time, one late, one open
INSERT INTO cases (indicator_code, organization_code, case_id, started, finished) VALUES
  ('care', 'o1', 'h1', '2025-01-02', '2025-01-16'),
  ('care', 'o1', 'h2', '2025-01-02', '2025-02-17'),
  ('care', 'o1', 'h3', '2025-01-20', NULL),
  ('count', 'o1', 'h4', '2025-01-21', NULL);       -- not an access indicator: counts, no due date
SELECT indicator_code, organization_code, basis, month, cases, finished_cases, on_time, late, waits, open_dues,
       date '4714-11-24 BC' + wait_max(event_days) AS data_date
FROM access_states ORDER BY 1, 2, 3, 4;
-- the open case is due 2025-02-03: not past due on that day, past due from the next
SELECT wait_count_within(open_dues, (date '2025-02-03' - date '4714-11-24 BC') - 1) AS past_due_on_3rd,
       wait_count_within(open_dues, (date '2025-02-04' - date '4714-11-24 BC') - 1) AS past_due_on_4th
FROM access_states WHERE basis = 'started' AND indicator_code = 'care';
SELECT * FROM diff;
-- the count below a day on hand-made and extreme states; the statement builder is strict
SELECT wait_count_within('{}', 5) AS empty, wait_count_within('{0:2,3:1}', -2147483648) AS below_all,
       wait_count_within('{0:2,3:1}', 2) AS within_2, wait_count_within('{0:2,3:1}', 2147483647) AS all_of_them,
       wait_count_within('{0:9223372036854775807}', 0) AS biggest, wait_count_within(NULL, 1) AS null_state,
       wait_count_within('{1:1}', NULL) AS null_day, _access_states_sql(NULL) AS null_source;

-- round 1: a random load of 3000 cases in several statements
SELECT setseed(0.13);
CREATE TEMP TABLE gen AS
SELECT 'r' || g AS case_id, (ARRAY['care', 'cw', 'pta', 'count'])[1 + floor(random() * 4)::int] AS indicator_code,
       'o' || (1 + floor(random() * 6)::int) AS organization_code,
       date '2024-01-01' + floor(random() * 700)::int AS started, floor(random() * 120)::int AS wait,
       random() < 0.25 AS open
FROM generate_series(1, 3000) g;
INSERT INTO cases (indicator_code, organization_code, case_id, started, finished)
SELECT indicator_code, organization_code, case_id, started, CASE WHEN NOT open THEN started + wait END
FROM gen WHERE case_id < 'r2';
INSERT INTO cases (indicator_code, organization_code, case_id, started, finished)
SELECT indicator_code, organization_code, case_id, started, CASE WHEN NOT open THEN started + wait END
FROM gen WHERE case_id >= 'r2';
SELECT * FROM diff;

-- round 2: updates: finish some open cases, reopen some, move cases to another
-- organisation and month, to another indicator, and one statement doing all at once
UPDATE cases SET finished = started + 3 WHERE finished IS NULL AND case_id LIKE 'r1%';
UPDATE cases SET finished = NULL WHERE finished IS NOT NULL AND case_id LIKE 'r2%';
UPDATE cases SET organization_code = 'o' || (1 + (substr(organization_code, 2)::int % 6)),
                 started = started + 40, finished = finished + 45
WHERE case_id LIKE 'r3%';
UPDATE cases SET indicator_code = CASE indicator_code WHEN 'care' THEN 'pta' WHEN 'pta' THEN 'count' ELSE 'care' END
WHERE case_id LIKE 'r4%';
UPDATE cases SET started = started - (length(case_id) * 3), finished = CASE WHEN random() < 0.5 THEN NULL ELSE finished END
WHERE case_id LIKE 'r5%' OR case_id LIKE 'h%';
UPDATE cases SET started = started WHERE case_id LIKE 'r6%';    -- nothing changes
SELECT * FROM diff;

-- round 3: deletes, one emptying a whole organisation, and one deleting nothing
DELETE FROM cases WHERE case_id LIKE 'r7%';
DELETE FROM cases WHERE organization_code = 'o6';
DELETE FROM cases WHERE case_id = 'none';
SELECT * FROM diff, (SELECT count(*) AS o6_rows FROM access_states WHERE organization_code = 'o6') o;

-- round 4: what the due dates depend on: the calendar settings and a deadline
-- (cw_on_time shows that the states changed with them)
SELECT *, (SELECT sum(on_time) FROM access_states WHERE indicator_code = 'cw') AS cw_on_time FROM diff;
UPDATE settings SET extra_closing_days = ARRAY(SELECT d::date FROM generate_series(date '2024-01-01', '2025-12-31', '7 days') d),
                    roll_forward = true;     -- every Monday closed: later due dates
SELECT *, (SELECT sum(on_time) FROM access_states WHERE indicator_code = 'cw') AS cw_on_time FROM diff;
UPDATE indicators SET deadline = '10 working days' WHERE code = 'cw';
SELECT *, (SELECT sum(on_time) FROM access_states WHERE indicator_code = 'cw') AS cw_on_time FROM diff;
UPDATE indicators SET name_fi = name_fi || ' (muutettu)';     -- no rebuild needed
SELECT * FROM diff;
UPDATE indicators SET organization_code = 'o1' WHERE code = 'pta';   -- a partner's: no due dates
SELECT count(*) > 0 AS pta_rows, sum(on_time + late) AS pta_judged, sum(wait_count(open_dues)) AS pta_open_dues
FROM access_states WHERE indicator_code = 'pta';
SELECT * FROM diff;
UPDATE indicators SET organization_code = NULL WHERE code = 'pta';
SELECT * FROM diff;

-- round 5: region.load_cases: new matters, matters finished, moved to another
-- organisation and an earlier start, a re-load of an unchanged matter
SELECT * FROM load_cases(E'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu\n'
                         'L1;Lastensuojeluasia;Kunta 1;5.12.2025;\n'
                         'L2;Lastensuojeluasia;Kunta 2;5.12.2025;9.12.2025\n'
                         'L3;Hoito;Kunta 3;1.11.2025;\n'
                         'L4;Hoito;Kunta 3;2.11.2025;30.11.2025\n', 'efica');
SELECT * FROM diff;
SELECT * FROM load_cases(E'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu\n'
                         'L1;Lastensuojeluasia;Kunta 1;5.12.2025;15.12.2025\n'
                         'L2;Lastensuojeluasia;Kunta 4;5.11.2025;9.11.2025\n'
                         'L3;Hoito;Kunta 3;1.11.2025;2.1.2026\n', 'efica');
SELECT * FROM diff;
SELECT * FROM load_cases(E'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu\n'
                         'L1;Lastensuojeluasia;Kunta 1;5.12.2025;15.12.2025\n', 'efica');
SELECT * FROM diff;
-- a load that fails leaves the states as they were
SELECT * FROM load_cases(E'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu\n'
                         'L5;Hoito;Kunta 3;1.11.2025;\n'
                         'L6;Hoito;Kunta 3;1.11.2025;1.10.2025\n', 'efica');
SELECT * FROM diff;

-- round 6: a bigger random load through load_cases, then a transaction rolled back
SELECT setseed(0.31);
SELECT inserted, updated, unchanged, skipped
FROM load_cases((SELECT E'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu\n'
                        || string_agg(format('M%s;%s;Kunta %s;%s;%s', g, (ARRAY['Lastensuojeluasia', 'Hoito'])[1 + g % 2],
                                             1 + floor(random() * 5)::int, to_char(d, 'FMDD.FMMM.YYYY'),
                                             CASE WHEN random() < 0.3 THEN '' ELSE to_char(d + floor(random() * 100)::int, 'FMDD.FMMM.YYYY') END),
                                      E'\n')
                 FROM (SELECT g, date '2024-06-01' + floor(random() * 500)::int AS d FROM generate_series(1, 2000) g) x), 'efica');
SELECT * FROM diff;
BEGIN;
DELETE FROM cases WHERE indicator_code = 'cw';
UPDATE cases SET finished = NULL;
ROLLBACK;
SELECT * FROM diff;

-- every access view read through the states equals the direct computation: the views are
-- read while the states are kept (states), then with one of the triggers on cases
-- disabled, which makes access_summary_on and data_date() compute from the cases (direct),
-- on both bases, on a later judging day (states too), on an earlier one (direct both
-- times), under the region's min_group_size and a session's raise of it, as the owner and
-- as a member under row-level security.  Rows are compared as text, EXCEPT ALL both ways.
CREATE TEMP TABLE snaps (tag text, what text, r text);
CREATE FUNCTION pg_temp.snap(tag text) RETURNS bigint LANGUAGE sql AS $$
    WITH i AS (
        INSERT INTO snaps
        SELECT tag, 'access_summary', x::text FROM states_region.access_summary x
        UNION ALL SELECT tag, 'on started', x::text FROM states_region.access_summary_on(NULL, 'started') x
        UNION ALL SELECT tag, 'on finished', x::text FROM states_region.access_summary_on(NULL, 'finished') x
        UNION ALL SELECT tag, 'later day', x::text FROM states_region.access_summary_on(states_region.data_date() + 45) x
        UNION ALL SELECT tag, 'earlier day', x::text FROM states_region.access_summary_on(states_region.data_date() - 200, 'started') x
        UNION ALL SELECT tag, 'data_date', states_region.data_date()::text
        RETURNING 1)
    SELECT count(*) FROM i
$$;
CREATE FUNCTION pg_temp.differ(a text, b text) RETURNS TABLE (what text, only_first bigint, only_second bigint, rows_read bigint)
LANGUAGE sql AS $$
    SELECT w.what,
           (SELECT count(*) FROM (SELECT r FROM snaps WHERE tag = a AND what = w.what
                                  EXCEPT ALL SELECT r FROM snaps WHERE tag = b AND what = w.what) x),
           (SELECT count(*) FROM (SELECT r FROM snaps WHERE tag = b AND what = w.what
                                  EXCEPT ALL SELECT r FROM snaps WHERE tag = a AND what = w.what) x),
           (SELECT count(*) FROM snaps WHERE tag = a AND what = w.what)
    FROM (SELECT DISTINCT s.what FROM snaps s WHERE s.tag IN (a, b)) w ORDER BY 1
$$;
CREATE FUNCTION pg_temp.compare(tag text, role_name text DEFAULT NULL)
RETURNS TABLE (what text, only_states bigint, only_direct bigint, rows_read bigint) LANGUAGE plpgsql AS $$
BEGIN
    IF role_name IS NOT NULL THEN EXECUTE format('SET ROLE %I', role_name); END IF;
    PERFORM pg_temp.snap(tag || ' states');
    RESET ROLE;
    ALTER TABLE states_region.cases DISABLE TRIGGER cases_states_update;
    IF role_name IS NOT NULL THEN EXECUTE format('SET ROLE %I', role_name); END IF;
    PERFORM pg_temp.snap(tag || ' direct');
    RESET ROLE;
    ALTER TABLE states_region.cases ENABLE TRIGGER cases_states_update;
    RETURN QUERY SELECT * FROM pg_temp.differ(tag || ' states', tag || ' direct');
END $$;
-- (the switch: kept, then not while a trigger is disabled)
SELECT _access_states_kept() AS kept;
ALTER TABLE cases DISABLE TRIGGER cases_states_update;
SELECT _access_states_kept() AS kept;
ALTER TABLE cases ENABLE TRIGGER cases_states_update;
-- the suppression is exercised: a share of the rows is hidden (default min_group_size 5)
SELECT count(*) FILTER (WHERE suppressed) AS suppressed, count(*) FILTER (WHERE NOT suppressed) AS shown,
       count(DISTINCT period_kind) AS period_kinds, count(DISTINCT count_by) AS bases
FROM access_summary;
SELECT * FROM pg_temp.compare('owner');
SET pekefb.min_group_size = 12;
SELECT count(*) FILTER (WHERE suppressed) AS suppressed, count(*) FILTER (WHERE NOT suppressed) AS shown FROM access_summary;
SELECT * FROM pg_temp.compare('owner, min 12');
RESET pekefb.min_group_size;
-- a member reading one municipality: row-level security on cases and access_states
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_states_member;
RESET client_min_messages;
CREATE ROLE regress_states_member;
SELECT add_member('regress_states_member', 'o2', 'read') IS NOT NULL AS member;
GRANT ALL ON snaps TO regress_states_member;
SET ROLE regress_states_member;
SELECT count(*) AS visible_states, count(DISTINCT organization_code) AS organizations, data_date() AS member_data_date
FROM access_states;
RESET ROLE;
SELECT * FROM pg_temp.compare('member', 'regress_states_member');
-- the follow-up report (its access section reads access_summary): the same document
BEGIN;
CREATE TEMP TABLE report_states ON COMMIT DROP AS
SELECT follow_up_report('reg', '2025-01-01', '2025-12-31', 'en', 'markdown') AS doc;
ALTER TABLE cases DISABLE TRIGGER cases_states_update;
SELECT doc = follow_up_report('reg', '2025-01-01', '2025-12-31', 'en', 'markdown') AS report_same,
       strpos(doc, '## Access within statutory deadlines') > 0 AS has_access,
       strpos(doc, '### Hoitoon 14 vrk:ssa') > 0 AS has_care FROM report_states;
ROLLBACK;
SELECT _access_states_kept() AS kept;

-- the stored rows (access_rows, stored by refresh_access_rows, which a load leaves to the
-- DBA's job: after the loads above their units are stale, computed from the states):
-- the views read them for the units no statement touched since, and compute the stale
-- units from the states; every reading above was of them (store: usable, no stale unit).
-- Then plain statements (which leave their units stale), refreshes, a data date that
-- moves with open cases due in between (a case of indicator count: no access unit is
-- touched, only the move makes units stale), and the changes that make every stored row
-- stale (min_group_size, the organisation tree, an indicator's period): every view still
-- equals the direct computation, as the owner and as the member.  (In one transaction,
-- rolled back: the tests below see the cases as they were.)
CREATE FUNCTION pg_temp.store() RETURNS TABLE (usable boolean, stale_units bigint, stored_rows bigint, judged_on_data_date boolean)
LANGUAGE sql AS $$
    SELECT states_region._access_rows_usable(NULL, NULL),
           (SELECT count(*) FROM states_region._access_rows_dirty_units()),
           (SELECT count(*) FROM states_region.access_rows),
           (SELECT m.judged_on = states_region.data_date() FROM states_region.access_rows_meta m)
$$;
SELECT usable, stale_units > 0 AS loads_left_stale FROM pg_temp.store();
SELECT * FROM pg_temp.compare('after the loads, not refreshed');
SELECT refresh_access_rows() > 0 AS refreshed;
BEGIN;
SELECT * FROM pg_temp.store();
SELECT count(*) = (SELECT count(*) FROM access_summary) AS all_rows_stored FROM _access_rows_current WHERE basis = indicator_count_by;
SELECT setseed(0.77);
UPDATE cases SET finished = started + abs(hashtext(case_id)) % 30 WHERE finished IS NULL AND source_case_id LIKE 'M1%';
UPDATE cases SET organization_code = 'o' || (1 + abs(hashtext(case_id)) % 5) WHERE source_case_id LIKE 'M2%';
DELETE FROM cases WHERE source_case_id LIKE 'M3%' AND started < '2025-01-01';
INSERT INTO cases (indicator_code, organization_code, case_id, started, finished)
SELECT (ARRAY['care', 'cw', 'pta'])[1 + g % 3], 'o' || (1 + g % 5), 'p' || g, date '2025-03-01' + g % 200,
       CASE WHEN g % 4 > 0 THEN date '2025-03-01' + g % 200 + g % 50 END
FROM generate_series(1, 300) g;
-- (open cases falling due within 40 days of the data date: care 14 days, cw 7 working days,
-- and 40 of pta, 3 months, 8 per organisation: their rows are shown)
INSERT INTO cases (indicator_code, organization_code, case_id, started)
SELECT (ARRAY['care', 'cw'])[1 + g % 2], 'o' || (1 + g % 5), 'q' || g, data_date() - g FROM generate_series(1, 8) g
UNION ALL
SELECT 'pta', 'o' || (1 + g % 5), 'qp' || g, data_date() - 85 + g % 10 FROM generate_series(1, 40) g;
SELECT count(*) AS open_due_in_40_days FROM cases
WHERE case_id LIKE 'qp%' AND started + interval '3 months' >= data_date() AND started + interval '3 months' < data_date() + 40;
SELECT usable, stale_units > 0 AS some_stale, judged_on_data_date FROM pg_temp.store();
SELECT * FROM pg_temp.compare('stale units');
SELECT * FROM pg_temp.compare('stale units, member', 'regress_states_member');
SELECT refresh_access_rows() > 0 AS refreshed;
SELECT * FROM pg_temp.store();
SELECT * FROM pg_temp.compare('refreshed');
-- the data date moves 40 days on with a case of indicator count (open cases fall due)
SELECT data_date() AS before_move \gset
INSERT INTO cases (indicator_code, organization_code, case_id, started) VALUES ('count', 'o1', 'later', date :'before_move' + 40);
SELECT data_date() - date :'before_move' AS moved, (SELECT count(*) FROM access_rows_dirty) AS marked;
SELECT usable, stale_units > 0 AS open_cases_stale, judged_on_data_date FROM pg_temp.store();
SELECT * FROM pg_temp.compare('data date moved');
SELECT * FROM pg_temp.compare('data date moved, member', 'regress_states_member');
SELECT refresh_access_rows() > 0 AS refreshed;
SELECT * FROM pg_temp.store();
SELECT * FROM pg_temp.compare('moved, refreshed');
-- and back (the case deleted): stale again until the next refresh (a load leaves it too)
DELETE FROM cases WHERE case_id = 'later';
SELECT data_date() = date :'before_move' AS moved_back, usable, stale_units > 0 AS some_stale FROM pg_temp.store();
SELECT * FROM pg_temp.compare('moved back');
SELECT inserted FROM load_cases(E'asiatunnus;asiatyyppi;kunta;vireille;ratkaistu\n'
                                'Q1;Hoito;Kunta 2;3.3.2025;5.3.2025\n', 'efica');
SELECT usable, stale_units > 0 AS some_stale FROM pg_temp.store();
SELECT refresh_access_rows() > 0 AS refreshed;
SELECT * FROM pg_temp.store();
SELECT * FROM pg_temp.compare('moved back, loaded');
-- the region's min_group_size: computed until the refresh, then stored under it
UPDATE settings SET min_group_size = 3;
SELECT usable FROM pg_temp.store();
SELECT * FROM pg_temp.compare('min 3, not refreshed');
SELECT refresh_access_rows() > 0 AS refreshed;
SELECT * FROM pg_temp.store();
SELECT * FROM pg_temp.compare('min 3');
SET pekefb.min_group_size = 4;                   -- a session's raise: computed
SELECT usable FROM pg_temp.store();
SELECT * FROM pg_temp.compare('min 3, session 4');
RESET pekefb.min_group_size;
UPDATE settings SET min_group_size = 5;
SELECT refresh_access_rows() > 0 AS refreshed;
-- the organisation tree: o5 under o1 (totals change)
UPDATE organizations SET parent_code = 'o1' WHERE code = 'o5';
SELECT usable FROM pg_temp.store();
SELECT refresh_access_rows() > 0 AS refreshed;
SELECT * FROM pg_temp.store();
SELECT * FROM pg_temp.compare('o5 under o1');
-- an indicator's period (new units), and count_by (nothing stale: both bases are stored)
UPDATE indicators SET period = 'half_year' WHERE code = 'pta';
SELECT usable FROM pg_temp.store();
SELECT refresh_access_rows() > 0 AS refreshed;
SELECT * FROM pg_temp.compare('pta half-yearly');
UPDATE indicators SET count_by = 'finished' WHERE code = 'cw';
SELECT * FROM pg_temp.store();
SELECT * FROM pg_temp.compare('cw by finished');
SELECT * FROM pg_temp.compare('cw by finished, member', 'regress_states_member');
-- random rounds of plain statements, a refresh after every other one
DO $$
BEGIN
    FOR r IN 1 .. 6 LOOP
        PERFORM setseed(r / 10.0);
        -- (rows and values chosen by hashes of the case: the same whatever the rows' order)
        UPDATE states_region.cases SET finished = CASE WHEN finished IS NULL THEN started + abs(hashtext(case_id || r)) % 90 END
        WHERE abs(hashtext(case_id || r || 'f')) % 100 < 5;
        UPDATE states_region.cases SET started = started - abs(hashtext(case_id || r)) % 60
        WHERE abs(hashtext(case_id || r || 's')) % 100 < 3 AND finished IS NULL;
        DELETE FROM states_region.cases WHERE abs(hashtext(case_id || r || 'd')) % 100 < 2;
        INSERT INTO states_region.cases (indicator_code, organization_code, case_id, started, finished)
        SELECT (ARRAY['care', 'cw', 'pta'])[1 + floor(random() * 3)::int], 'o' || (1 + floor(random() * 5)::int),
               'x' || r || '-' || g, d, CASE WHEN random() < 0.8 THEN d + floor(random() * 60)::int END
        FROM (SELECT g, date '2024-01-01' + floor(random() * 760)::int AS d FROM generate_series(1, 100) g) x;
        IF r % 2 = 0 THEN
            PERFORM states_region.refresh_access_rows();
        END IF;
        INSERT INTO snaps SELECT 'round ' || r, w.what, w.only_states || '/' || w.only_direct
        FROM pg_temp.compare('r' || r) w;
    END LOOP;
END $$;
SELECT tag, count(*) AS views, count(*) FILTER (WHERE r <> '0/0') AS differing FROM snaps WHERE tag LIKE 'round %' GROUP BY tag ORDER BY tag;
SELECT * FROM pg_temp.compare('after the rounds, member', 'regress_states_member');
-- the follow-up report on stale units and stored rows: the same document
SAVEPOINT report;
UPDATE cases SET finished = started + 2 WHERE finished IS NULL AND case_id LIKE 'r2%';
CREATE TEMP TABLE report_states ON COMMIT DROP AS
SELECT follow_up_report('reg', '2025-01-01', '2025-12-31', 'en', 'markdown') AS doc;
ALTER TABLE cases DISABLE TRIGGER cases_states_update;
SELECT doc = follow_up_report('reg', '2025-01-01', '2025-12-31', 'en', 'markdown') AS report_same FROM report_states;
ROLLBACK TO SAVEPOINT report;
SELECT refresh_access_rows() > 0 AS refreshed;
SELECT * FROM pg_temp.store();
ROLLBACK;
SELECT * FROM pg_temp.store();

-- a filtered access query (one organisation, one year) reads no case: the access views'
-- plan is access_summary_on's (a function scan), whose inner statements EXPLAIN does not
-- show, so the scans they make are counted: pg_stat_xact_user_tables' counts of cases
-- before and after the query, in one transaction (the counts of earlier transactions not
-- yet reported are in them too, hence the difference).  On the data date no scan of cases,
-- neither sequential nor by index; a judging day before it computes from the cases.
ANALYZE access_rows;
CREATE FUNCTION pg_temp.scans(q text) RETURNS TABLE (scan text) LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
    FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        IF l ~ 'Scan' THEN scan := regexp_replace(l, '^[ ->]*', ''); RETURN NEXT; END IF;
    END LOOP;
END $$;
-- (the plan's scans: access_rows by its index, no sequential scan of it, no scan of cases;
-- the function scans are the stale units' computation and the fallback, both gated off by
-- one-time filters: the count below runs them and reads no case)
SELECT bool_or(scan ~ '^(Index Scan using access_rows_pkey|Bitmap Index Scan on access_rows_pkey)') AS stored_by_index,
       NOT bool_or(scan ~ '^Seq Scan on (access_rows|cases)') AS no_seq_scan,
       NOT bool_or(scan ~ ' on cases') AS no_cases,
       count(*) FILTER (WHERE scan ~ '^Function Scan on _access_summary_computed') AS gated_computations
FROM pg_temp.scans($$SELECT * FROM access_summary WHERE organization_code = 'o1' AND period_kind = 'year' AND period_start = '2025-01-01'$$);
SELECT bool_or(scan ~ '^(Index Scan using access_rows_pkey|Bitmap Index Scan on access_rows_pkey)') AS stored_by_index,
       NOT bool_or(scan ~ '^Seq Scan on (access_rows|cases)') AS no_seq_scan,
       NOT bool_or(scan ~ ' on cases') AS no_cases
FROM pg_temp.scans($$SELECT * FROM access_summary
                     WHERE organization_code = 'o2' AND period_start >= '2025-01-01' AND period_start < '2026-01-01'$$);
BEGIN;
SELECT seq_scan AS seq0, coalesce(idx_scan, 0) AS idx0 FROM pg_stat_xact_user_tables WHERE relid = 'cases'::regclass \gset
SELECT count(*) AS rows FROM access_summary
WHERE organization_code = 'o1' AND period_kind = 'year' AND period_start = '2025-01-01';
SELECT seq_scan - :seq0 AS cases_seq_scans, coalesce(idx_scan, 0) - :idx0 AS cases_index_scans
FROM pg_stat_xact_user_tables WHERE relid = 'cases'::regclass;
SELECT count(*) AS rows FROM access_summary_on(data_date() - 30)
WHERE organization_code = 'o1' AND period_kind = 'year' AND period_start = '2025-01-01';
SELECT (seq_scan + coalesce(idx_scan, 0)) - (:seq0 + :idx0) > 0 AS earlier_day_reads_cases
FROM pg_stat_xact_user_tables WHERE relid = 'cases'::regclass;
COMMIT;

-- the states give access_summary_on's monthly own figures (judged on the data date, each
-- basis, every group shown: min_group_size 1)
UPDATE settings SET min_group_size = 1;
-- (The states count every case's latest event day, those of indicator count too: data_date()
-- reads them, and equals the latest event of the cases.)
SELECT date '4714-11-24 BC' + max(wait_max(event_days)) AS states_data_date, data_date(),
       (SELECT max(greatest(started, finished)) FROM cases) AS cases_data_date,
       (SELECT max(greatest(started, finished)) FROM cases WHERE indicator_code <> 'count') AS access_cases_data_date
FROM access_states;
WITH j AS (SELECT data_date() AS judge),
s AS (
    SELECT a.indicator_code, a.organization_code, a.basis, a.month, a.cases, a.finished_cases, a.on_time, a.late,
           -- (on the finished basis no case is open: the summary shows NULL)
           CASE a.basis WHEN 'started' THEN wait_count_within(a.open_dues, (j.judge - date '4714-11-24 BC') - 1) END AS open_past_due,
           CASE a.basis WHEN 'started' THEN wait_count(a.open_dues)
                                            - wait_count_within(a.open_dues, (j.judge - date '4714-11-24 BC') - 1) END AS open_within,
           wait_percentile(a.waits, 0.5) AS median_wait
    FROM access_states a CROSS JOIN j
    WHERE a.indicator_code IN (SELECT code FROM indicators WHERE deadline IS NOT NULL AND organization_code IS NULL)
),
v AS (
    SELECT x.indicator_code, x.organization_code, b.basis, x.period_start AS month, x.cases, x.finished_cases, x.on_time,
           x.late, x.open_past_due, x.open_within, x.median_wait
    FROM (VALUES ('started'), ('finished')) b (basis)
    CROSS JOIN LATERAL access_summary_on(NULL, b.basis) x
    WHERE x.period_kind = 'month' AND NOT x.includes_sub_organizations
)
SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT SELECT * FROM v) d) AS not_in_summary,
       (SELECT count(*) FROM (SELECT * FROM v EXCEPT SELECT * FROM s) d) AS not_in_states,
       (SELECT count(*) FROM s) AS rows;

-- a member who may write one municipality's cases writes them under row-level security:
-- the trigger keeps the states as the region's owner (with a hostile search_path of the
-- writer's), while the member may read but not write access_states itself
CREATE SCHEMA states_trap;
CREATE FUNCTION states_trap.unnest(anyarray) RETURNS SETOF anyelement LANGUAGE sql AS 'SELECT NULL::text';
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_states_writer;
RESET client_min_messages;
CREATE ROLE regress_states_writer;
SELECT add_member('regress_states_writer', 'o4', 'write') IS NOT NULL AS writer;
GRANT USAGE ON SCHEMA states_trap TO regress_states_writer;
SET ROLE regress_states_writer;
SET search_path = states_trap, states_region, pekefb, public;
INSERT INTO cases (indicator_code, organization_code, case_id, started, finished) VALUES
  ('care', 'o4', 'w1', '2025-03-03', '2025-03-10'), ('cw', 'o4', 'w2', '2025-03-04', NULL);
UPDATE cases SET finished = '2025-03-20' WHERE case_id = 'w2';
DELETE FROM cases WHERE case_id = 'w1';
SELECT count(*) > 0 AS writer_sees_states FROM access_states WHERE organization_code = 'o4';
INSERT INTO access_states (indicator_code, organization_code, basis, month, cases, finished_cases, on_time, late, waits, open_dues, event_days)
VALUES ('care', 'o4', 'started', '2030-01-01', 1, 0, 0, 0, '{}', '{}', '{1:1}');
UPDATE access_states SET cases = cases + 1 WHERE organization_code = 'o4';
RESET ROLE;
SET search_path = states_region, pekefb, public;
SELECT * FROM diff;
DROP SCHEMA states_trap CASCADE;
-- the trigger function refuses a direct call and any use but its own (the trigger of a
-- region's cases after each statement, with transition tables); days out of the ranges
-- are refused as the due date and the date subtraction refuse them
SELECT pekefb.keep_access_states();
CREATE TEMP TABLE not_cases (organization_code text, indicator_code text, started date, finished date);
CREATE TRIGGER keep AFTER INSERT ON not_cases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION pekefb.keep_access_states();
INSERT INTO not_cases VALUES ('o1', 'care', '2025-01-01', NULL);
BEGIN;
CREATE TRIGGER keep_row AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION pekefb.keep_access_states();
INSERT INTO cases (indicator_code, organization_code, case_id, started) VALUES ('care', 'o1', 'x1', '2025-01-01');
ROLLBACK;
BEGIN;
CREATE TRIGGER keep_plain AFTER DELETE ON cases FOR EACH STATEMENT EXECUTE FUNCTION pekefb.keep_access_states();
DELETE FROM cases WHERE case_id = 'w2';
ROLLBACK;
INSERT INTO cases (indicator_code, organization_code, case_id, started) VALUES ('care', 'o1', 'x1', 'infinity');
INSERT INTO cases (indicator_code, organization_code, case_id, started) VALUES ('count', 'o1', 'x1', 'infinity');
INSERT INTO cases (indicator_code, organization_code, case_id, started) VALUES ('count', 'o1', 'x1', '300000-01-01');
INSERT INTO cases (indicator_code, organization_code, case_id, started) VALUES ('cw', 'o1', 'x1', '2201-01-01');
SELECT * FROM diff;

-- TRUNCATE empties the states; a rebuild on an empty and a full table
TRUNCATE cases;
SELECT * FROM diff;
INSERT INTO cases (indicator_code, organization_code, case_id, started, finished)
SELECT indicator_code, organization_code, case_id, started, CASE WHEN NOT open THEN started + wait END FROM gen;
SELECT * FROM diff;
-- after the reload (and moves of cases between organisations and months): the views again
UPDATE cases SET organization_code = 'o' || (1 + (substr(organization_code, 2)::int % 6)), started = started - 35
WHERE case_id LIKE 'r1%' AND finished IS NULL;
DELETE FROM cases WHERE case_id LIKE 'r8%';
SELECT * FROM diff;
SELECT * FROM pg_temp.compare('reloaded');
DELETE FROM access_states WHERE organization_code = 'o2';      -- states lost by hand ...
SELECT missing > 0 AS drifted FROM diff;
SELECT rebuild_access_states() = (SELECT count(*) FROM direct) AS rebuilt;   -- ... come back
SELECT * FROM diff;
-- a deletion of cases whose states are gone is refused rather than leaving wrong states
DELETE FROM access_states WHERE organization_code = 'o3';
DELETE FROM cases WHERE organization_code = 'o3';
SELECT rebuild_access_states() = (SELECT count(*) FROM direct) AS rebuilt;
SELECT * FROM diff;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA states_region CASCADE;
DROP TABLE snaps;
DROP ROLE regress_states_member;
DROP ROLE regress_states_writer;
RESET client_min_messages;
