-- states: the stored per-month aggregate states of the access indicators (issue 13,
-- doc/states.md), kept exactly by statement triggers on cases, so that the access views
-- can read a few thousand state rows instead of every case.  One row per indicator, the
-- case's own organisation, counting basis and month of the basis day holds what
-- access_summary_on's per-group aggregates need for any judging day at or after every
-- case's events (the region's data date, its default): counts, the waits of the finished
-- cases, and histograms of the open cases' due days (access indicators only: a deadline, no
-- owning organisation) and of every case's latest event day (the data date: data_date()
-- reads it here, by the index on its maximum), as day numbers (days since 24.11.4714 BC,
-- Julian day 0, the smallest date: every date has one, at least 0, as a pekefb.waits day must).
-- Each statement on cases aggregates its transition tables once and adds the new rows'
-- states and subtracts the old rows' (waits_subtract) in one upsert; rebuild_access_states
-- recomputes everything (a change of the calendar settings or of an indicator's deadline
-- runs it).  Members read the rows of their organisations (row-level security); only the
-- triggers, which run as the region's owner, write them.

CREATE TABLE @region@.access_states (
    indicator_code    text NOT NULL,
    -- no foreign key: a state row exists only for cases, whose references are checked
    -- (references.sql); a second check here would change what a refused delete reports
    organization_code text NOT NULL,
    basis             text NOT NULL CHECK (basis OPERATOR(pg_catalog.=) ANY (ARRAY['finished', 'started'])),
    month             date NOT NULL,
    cases             bigint NOT NULL CHECK (cases OPERATOR(pg_catalog.>=) 0),
    finished_cases    bigint NOT NULL CHECK (finished_cases OPERATOR(pg_catalog.>=) 0),
    on_time           bigint NOT NULL CHECK (on_time OPERATOR(pg_catalog.>=) 0),
    late              bigint NOT NULL CHECK (late OPERATOR(pg_catalog.>=) 0),
    waits             pekefb.waits NOT NULL,
    open_dues         pekefb.waits NOT NULL,
    event_days        pekefb.waits NOT NULL,
    PRIMARY KEY (indicator_code, organization_code, basis, month)
);
COMMENT ON TABLE @region@.access_states IS
    'stored aggregate states of the cases per indicator, own organisation, counting basis and month, kept by the triggers on cases; the access views and data_date() read them (doc/states.md)';
COMMENT ON COLUMN @region@.access_states.indicator_code IS 'the indicator of the cases (indicators.code; due dates, on time and late only for an access indicator: a deadline and no owning organisation)';
COMMENT ON COLUMN @region@.access_states.organization_code IS 'the organisation that handles the cases (cases.organization_code, an organizations code; not those below it)';
COMMENT ON COLUMN @region@.access_states.basis IS 'the counting basis: started (month of cases.started, every case) or finished (month of cases.finished, finished cases only)';
COMMENT ON COLUMN @region@.access_states.month IS 'first day of the month of the basis day';
COMMENT ON COLUMN @region@.access_states.cases IS 'cases counted (at least 1: a row that becomes empty is deleted)';
COMMENT ON COLUMN @region@.access_states.finished_cases IS 'of them finished';
COMMENT ON COLUMN @region@.access_states.on_time IS 'of them finished on or before the due date (0 for an indicator that is no access indicator)';
COMMENT ON COLUMN @region@.access_states.late IS 'of them finished after the due date (0 for an indicator that is no access indicator)';
COMMENT ON COLUMN @region@.access_states.waits IS 'waits (finished - started, days) of the finished cases';
COMMENT ON COLUMN @region@.access_states.open_dues IS 'due dates of the open cases of an access indicator as day numbers (date - date ''4714-11-24 BC''): open past due on day j = pekefb.wait_count_within(open_dues, day number of j - 1); empty for other indicators';
COMMENT ON COLUMN @region@.access_states.event_days IS 'the day of each case''s latest event (finished, else started) as day numbers: its maximum is the data date of the rows';
-- the rows a statement emptied, found without reading the others
CREATE INDEX access_states_empty ON @region@.access_states (indicator_code) WHERE cases OPERATOR(pg_catalog.=) 0;
COMMENT ON INDEX @region@.access_states_empty IS 'the rows a statement on cases emptied (deleted at its end)';
-- the data date (data_date()): the greatest event day, found at the end of this index
CREATE INDEX access_states_latest ON @region@.access_states (pekefb.wait_max(event_days));
COMMENT ON INDEX @region@.access_states_latest IS 'the latest event day of each row: data_date() reads the greatest';
SELECT @region@.set_row_policies('access_states');

-- _access_states_sql(source): the one statement that adds the states of the rows of
-- source (a query of sign (1 adds, -1 subtracts), organization_code, indicator_code,
-- started, finished) to access_states: the rows are aggregated once per state row, existing
-- state rows updated (merged and subtracted; a subtraction of rows never added fails on
-- the NOT NULL or CHECK constraints, so drifted states show up instead of staying wrong),
-- new ones inserted (ON CONFLICT: a concurrent statement may have inserted one meanwhile).
-- Shared by the triggers (source = the transition tables) and rebuild_access_states.
CREATE FUNCTION @region@._access_states_sql(source text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $fn$ SELECT pg_catalog.format($q$
WITH r AS (%s),
k AS (
    SELECT r.sign, r.indicator_code, r.organization_code, r.started, r.finished,
           -- due dates only for access indicators (deadline, no owning organisation: as
           -- access_summary_on); the other cases count for the data date (event_days)
           CASE WHEN i.code IS NOT NULL
                THEN pekefb.due_date(r.started, i.deadline, s.calendar, s.extra_closing_days, s.roll_forward) END AS due
    FROM r
    LEFT JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) r.indicator_code AND i.deadline IS NOT NULL
                                     AND i.organization_code IS NULL
    CROSS JOIN @region@.settings s
),
-- once per started and finished month (fmonth NULL: open), then per basis and month from
-- those few rows (a lateral split of every case into its two bases costs more than the rest)
m AS (
    SELECT k.indicator_code, k.organization_code,
           CAST(pg_catalog.date_trunc('month', CAST(k.started AS timestamp)) AS date) AS smonth,
           CAST(pg_catalog.date_trunc('month', CAST(k.finished AS timestamp)) AS date) AS fmonth,
           pg_catalog.sum(k.sign) AS cases,
           COALESCE(pg_catalog.sum(k.sign) FILTER (WHERE k.finished OPERATOR(pg_catalog.<=) k.due), 0) AS on_time,
           COALESCE(pg_catalog.sum(k.sign) FILTER (WHERE k.finished OPERATOR(pg_catalog.>) k.due), 0) AS late,
           COALESCE(pekefb.wait_agg(k.finished OPERATOR(pg_catalog.-) k.started) FILTER (WHERE k.sign OPERATOR(pg_catalog.>) 0), '{}') AS waits_add,
           COALESCE(pekefb.wait_agg(k.finished OPERATOR(pg_catalog.-) k.started) FILTER (WHERE k.sign OPERATOR(pg_catalog.<) 0), '{}') AS waits_sub,
           COALESCE(pekefb.wait_agg(k.due OPERATOR(pg_catalog.-) DATE '4714-11-24 BC')
                        FILTER (WHERE k.sign OPERATOR(pg_catalog.>) 0 AND k.finished IS NULL AND k.due IS NOT NULL), '{}') AS dues_add,
           COALESCE(pekefb.wait_agg(k.due OPERATOR(pg_catalog.-) DATE '4714-11-24 BC')
                        FILTER (WHERE k.sign OPERATOR(pg_catalog.<) 0 AND k.finished IS NULL AND k.due IS NOT NULL), '{}') AS dues_sub,
           COALESCE(pekefb.wait_agg(GREATEST(k.started, k.finished) OPERATOR(pg_catalog.-) DATE '4714-11-24 BC')
                        FILTER (WHERE k.sign OPERATOR(pg_catalog.>) 0), '{}') AS days_add,
           COALESCE(pekefb.wait_agg(GREATEST(k.started, k.finished) OPERATOR(pg_catalog.-) DATE '4714-11-24 BC')
                        FILTER (WHERE k.sign OPERATOR(pg_catalog.<) 0), '{}') AS days_sub
    FROM k
    GROUP BY k.indicator_code, k.organization_code,
             CAST(pg_catalog.date_trunc('month', CAST(k.started AS timestamp)) AS date),
             CAST(pg_catalog.date_trunc('month', CAST(k.finished AS timestamp)) AS date)
),
a AS (
    SELECT m.indicator_code, m.organization_code, x.basis, x.month,
           CAST(pg_catalog.sum(m.cases) AS bigint) AS cases,
           CAST(COALESCE(pg_catalog.sum(m.cases) FILTER (WHERE m.fmonth IS NOT NULL), 0) AS bigint) AS finished_cases,
           CAST(pg_catalog.sum(m.on_time) AS bigint) AS on_time, CAST(pg_catalog.sum(m.late) AS bigint) AS late,
           pekefb.rollup(m.waits_add) AS waits_add, pekefb.rollup(m.waits_sub) AS waits_sub,
           pekefb.rollup(m.dues_add) AS dues_add, pekefb.rollup(m.dues_sub) AS dues_sub,
           pekefb.rollup(m.days_add) AS days_add, pekefb.rollup(m.days_sub) AS days_sub
    FROM m
    CROSS JOIN LATERAL (VALUES ('started', m.smonth), ('finished', m.fmonth)) AS x (basis, month)
    WHERE x.month IS NOT NULL
    GROUP BY m.indicator_code, m.organization_code, x.basis, x.month
),
u AS (
    UPDATE @region@.access_states s
    SET cases = s.cases OPERATOR(pg_catalog.+) a.cases,
        finished_cases = s.finished_cases OPERATOR(pg_catalog.+) a.finished_cases,
        on_time = s.on_time OPERATOR(pg_catalog.+) a.on_time,
        late = s.late OPERATOR(pg_catalog.+) a.late,
        waits = pekefb.waits_subtract(pekefb.waits_merge(s.waits, a.waits_add), a.waits_sub),
        open_dues = pekefb.waits_subtract(pekefb.waits_merge(s.open_dues, a.dues_add), a.dues_sub),
        event_days = pekefb.waits_subtract(pekefb.waits_merge(s.event_days, a.days_add), a.days_sub)
    FROM a
    WHERE s.indicator_code OPERATOR(pg_catalog.=) a.indicator_code
      AND s.organization_code OPERATOR(pg_catalog.=) a.organization_code
      AND s.basis OPERATOR(pg_catalog.=) a.basis AND s.month OPERATOR(pg_catalog.=) a.month
    RETURNING s.indicator_code, s.organization_code, s.basis, s.month
)
INSERT INTO @region@.access_states AS s
       (indicator_code, organization_code, basis, month, cases, finished_cases, on_time, late, waits, open_dues, event_days)
SELECT a.indicator_code, a.organization_code, a.basis, a.month, a.cases, a.finished_cases, a.on_time, a.late,
       pekefb.waits_subtract(a.waits_add, a.waits_sub), pekefb.waits_subtract(a.dues_add, a.dues_sub),
       pekefb.waits_subtract(a.days_add, a.days_sub)
FROM a
WHERE a.cases OPERATOR(pg_catalog.<>) 0
  AND NOT EXISTS (SELECT FROM u WHERE u.indicator_code OPERATOR(pg_catalog.=) a.indicator_code
                                  AND u.organization_code OPERATOR(pg_catalog.=) a.organization_code
                                  AND u.basis OPERATOR(pg_catalog.=) a.basis AND u.month OPERATOR(pg_catalog.=) a.month)
ON CONFLICT (indicator_code, organization_code, basis, month) DO UPDATE
SET cases = s.cases OPERATOR(pg_catalog.+) excluded.cases,
    finished_cases = s.finished_cases OPERATOR(pg_catalog.+) excluded.finished_cases,
    on_time = s.on_time OPERATOR(pg_catalog.+) excluded.on_time,
    late = s.late OPERATOR(pg_catalog.+) excluded.late,
    waits = pekefb.waits_merge(s.waits, excluded.waits),
    open_dues = pekefb.waits_merge(s.open_dues, excluded.open_dues),
    event_days = pekefb.waits_merge(s.event_days, excluded.event_days)
$q$, source) $fn$;
COMMENT ON FUNCTION @region@._access_states_sql(text) IS
    'internal: the statement that adds the states of a query''s cases (sign, organization_code, indicator_code, started, finished) to access_states';

-- keep_access_states(): AFTER INSERT, UPDATE or DELETE statement trigger on cases with the
-- rows written as new_rows and the rows replaced as old_rows: one aggregation and upsert
-- (_access_states_sql), then the rows that became empty go.  SECURITY DEFINER: members
-- write cases under row-level security but have no right to write access_states.  The
-- planner cannot tell how many rows join an access indicator (few, it guesses, on
-- unanalysed catalogues) and would sort the statement's rows by their text keys to group
-- them (three quarters of the trigger's time on 100 000 rows): enable_sort = off makes it hash.
CREATE FUNCTION @region@.keep_access_states() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET enable_sort = off
AS $fn$
BEGIN
    BEGIN
        EXECUTE @region@._access_states_sql(CASE TG_OP
            WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.organization_code, n.indicator_code, n.started, n.finished FROM new_rows n'
            WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.organization_code, o.indicator_code, o.started, o.finished FROM old_rows o'
            ELSE 'SELECT 1 AS sign, n.organization_code, n.indicator_code, n.started, n.finished FROM new_rows n '
                 'UNION ALL SELECT -1, o.organization_code, o.indicator_code, o.started, o.finished FROM old_rows o' END);
    EXCEPTION WHEN not_null_violation OR check_violation THEN
        -- a subtraction of cases the states never counted: they were changed by hand
        RAISE EXCEPTION 'access_states of region "%" do not match its cases', TG_TABLE_SCHEMA
            USING ERRCODE = '55000',
                  DETAIL = 'The statement removes cases from a state row that does not count them.',
                  HINT = pg_catalog.format('Run %I.rebuild_access_states() as the region''s owner.', TG_TABLE_SCHEMA);
    END;
    IF TG_OP OPERATOR(pg_catalog.<>) 'INSERT' THEN
        DELETE FROM @region@.access_states s WHERE s.cases OPERATOR(pg_catalog.=) 0;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.keep_access_states() IS
    'trigger: adds the states of the cases a statement wrote to access_states and subtracts those of the cases it replaced or deleted, once per statement';

-- clear_access_states(): AFTER TRUNCATE trigger on cases: no cases, no states.
CREATE FUNCTION @region@.clear_access_states() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    TRUNCATE @region@.access_states;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.clear_access_states() IS
    'trigger: a truncated cases leaves no access_states';

CREATE TRIGGER cases_states_insert AFTER INSERT ON @region@.cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_access_states();
CREATE TRIGGER cases_states_update AFTER UPDATE ON @region@.cases
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_access_states();
CREATE TRIGGER cases_states_delete AFTER DELETE ON @region@.cases
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_access_states();
CREATE TRIGGER cases_states_truncate AFTER TRUNCATE ON @region@.cases
    FOR EACH STATEMENT EXECUTE FUNCTION @region@.clear_access_states();

-- rebuild_access_states(): recomputes every state from cases (after a change of what the
-- due dates depend on, or to install the states on existing cases); returns the number of
-- state rows.  Runs as the region's owner; only the owner (and superusers) may call it.
CREATE FUNCTION @region@.rebuild_access_states() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    made bigint;
BEGIN
    DELETE FROM @region@.access_states;
    EXECUTE @region@._access_states_sql('SELECT 1 AS sign, c.organization_code, c.indicator_code, c.started, c.finished FROM @region@.cases c');
    GET DIAGNOSTICS made = ROW_COUNT;
    RETURN made;
END
$fn$;
REVOKE EXECUTE ON FUNCTION @region@.rebuild_access_states() FROM PUBLIC;
COMMENT ON FUNCTION @region@.rebuild_access_states() IS
    'recomputes access_states from cases; returns the number of state rows (run by the triggers on settings and indicators when due dates change)';

-- rebuild_access_states_trigger(): AFTER UPDATE trigger on settings (per row, the table has
-- one) and indicators (per statement, old_rows and new_rows): rebuilds the states when what
-- the due dates or the set of access indicators depend on changed (the calendar settings;
-- an indicator's deadline or owning organisation).  count_by needs nothing: both bases are
-- kept.
CREATE FUNCTION @region@.rebuild_access_states_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    changed boolean;
BEGIN
    IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'settings' THEN
        changed := NOT (NEW.calendar OPERATOR(pg_catalog.=) OLD.calendar
                        AND NEW.extra_closing_days OPERATOR(pg_catalog.=) OLD.extra_closing_days
                        AND NEW.roll_forward OPERATOR(pg_catalog.=) OLD.roll_forward);
    ELSE
        SELECT EXISTS (SELECT o.code, CAST(o.deadline AS text), o.organization_code FROM old_rows o
                       EXCEPT SELECT n.code, CAST(n.deadline AS text), n.organization_code FROM new_rows n)
            INTO changed;
    END IF;
    IF changed THEN
        PERFORM @region@.rebuild_access_states();
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.rebuild_access_states_trigger() IS
    'trigger: rebuilds access_states when the calendar settings or an indicator''s deadline or owning organisation change';

CREATE TRIGGER settings_states_rebuild AFTER UPDATE ON @region@.settings
    FOR EACH ROW EXECUTE FUNCTION @region@.rebuild_access_states_trigger();
CREATE TRIGGER indicators_states_rebuild AFTER UPDATE ON @region@.indicators
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.rebuild_access_states_trigger();
