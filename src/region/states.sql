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
-- Each statement on cases aggregates its transition tables once (in C,
-- pekefb.keep_access_states) and adds the new rows' states and subtracts the old rows'
-- (waits_subtract) in one upsert; rebuild_access_states
-- recomputes everything (a change of the calendar settings or of an indicator's deadline
-- runs it).  Members read the rows of their organisations (row-level security); only the
-- triggers, which run as the region's owner, write them.
-- access_rows holds access_summary_on's rows themselves (suppressed) for the data date,
-- per coupling unit of the suppression (an indicator, a basis and a year, or a THL
-- half-year for a half-yearly indicator); the triggers mark the units a statement touched
-- (access_rows_dirty) and refresh_access_rows (views_access.sql) recomputes them.

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
-- the rows of a month, by their latest event day: the data date (data_date(): the greatest
-- event day is in the rows of the latest month, the last entry of this index) and the
-- months a statement on cases finds no state row in (keep_access_states inserts their
-- groups without looking for an existing row)
CREATE INDEX access_states_month ON @region@.access_states (month, pekefb.wait_max(event_days));
COMMENT ON INDEX @region@.access_states_month IS 'the rows of each month by their latest event day: data_date() reads the last, the triggers on cases probe the months they touch';
-- the rows with open cases (the units the data date's move makes stale: _access_rows_dirty_units)
CREATE INDEX access_states_open ON @region@.access_states (indicator_code) WHERE pekefb.wait_count(open_dues) OPERATOR(pg_catalog.>) 0;
COMMENT ON INDEX @region@.access_states_open IS 'the rows with open cases, whose open past due changes with the data date';
SELECT @region@.set_row_policies('access_states');

-- _access_unit(month, period): the first day of the suppression's coupling unit of a
-- month of an indicator of that period: its THL half-year (1.4. or 1.10.) for a
-- half-yearly indicator, its calendar year for the others.  access_summary_on's
-- suppression couples the rows of one indicator and basis only within a unit (the tree
-- per period, quarters against their year or half-year, months against their quarter), so
-- a unit's rows are computed from its months' states alone.
CREATE FUNCTION @region@._access_unit(month date, period text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN period OPERATOR(pg_catalog.=) 'half_year'
                THEN CAST(CAST(pg_catalog.date_trunc('year', (month OPERATOR(pg_catalog.-) interval '3 months')) AS date)
                          OPERATOR(pg_catalog.+)
                          CASE WHEN pg_catalog.date_part('month', (month OPERATOR(pg_catalog.-) interval '3 months'))
                                    OPERATOR(pg_catalog.<=) 6
                               THEN interval '3 months' ELSE interval '9 months' END AS date)
                ELSE CAST(pg_catalog.date_trunc('year', CAST(month AS timestamp)) AS date) END;
COMMENT ON FUNCTION @region@._access_unit(date, text) IS
    'internal: the first day of the suppression unit (THL half-year for a half-yearly indicator, else calendar year) of a month';

-- access_rows: access_summary_on's rows, suppressed, on the data date (the judging day of
-- access_rows_meta) under the region's min_group_size, for both counting bases, refreshed
-- per unit by refresh_access_rows; names and labels are joined on read (pekefb.language).
CREATE TABLE @region@.access_rows (
    organization_code          text NOT NULL,
    period_start               date NOT NULL,
    indicator_code             text NOT NULL,
    basis                      text NOT NULL CHECK (basis OPERATOR(pg_catalog.=) ANY (ARRAY['finished', 'started'])),
    period_kind                text NOT NULL,
    includes_sub_organizations boolean NOT NULL,
    unit_start                 date NOT NULL,
    period_end                 date NOT NULL,
    cases                      bigint NOT NULL,
    finished_cases             bigint NOT NULL,
    on_time                    bigint,
    late                       bigint,
    open_past_due              bigint,
    open_within                bigint,
    rate                       double precision,
    median_wait                bigint,
    p90_wait                   bigint,
    suppressed                 boolean NOT NULL,
    -- the dashboard's filters: an organisation, a period (a year's rows by a range)
    PRIMARY KEY (organization_code, period_start, indicator_code, basis, period_kind, includes_sub_organizations)
);
CREATE INDEX access_rows_unit ON @region@.access_rows (indicator_code, basis, unit_start);
COMMENT ON TABLE @region@.access_rows IS
    'stored rows of access_summary_on on the data date, suppressed, per basis; refreshed per suppression unit by refresh_access_rows; access_summary reads them (doc/states.md)';
COMMENT ON COLUMN @region@.access_rows.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.access_rows.period_start IS 'first day of the period';
COMMENT ON COLUMN @region@.access_rows.indicator_code IS 'the access indicator (indicators.code)';
COMMENT ON COLUMN @region@.access_rows.basis IS 'the counting basis of the row: started or finished (access_summary shows the indicator''s count_by)';
COMMENT ON COLUMN @region@.access_rows.period_kind IS 'month, quarter, half_year or year (as access_summary)';
COMMENT ON COLUMN @region@.access_rows.includes_sub_organizations IS 'false: the organisation''s own cases; true: with every organisation below it';
COMMENT ON COLUMN @region@.access_rows.unit_start IS 'first day of the suppression unit of the row (_access_unit: THL half-year or calendar year): rows are refreshed a unit at a time';
COMMENT ON COLUMN @region@.access_rows.period_end IS 'last day of the period';
COMMENT ON COLUMN @region@.access_rows.cases IS 'as access_summary.cases';
COMMENT ON COLUMN @region@.access_rows.finished_cases IS 'as access_summary.finished_cases';
COMMENT ON COLUMN @region@.access_rows.on_time IS 'as access_summary.on_time (NULL when suppressed)';
COMMENT ON COLUMN @region@.access_rows.late IS 'as access_summary.late (NULL when suppressed)';
COMMENT ON COLUMN @region@.access_rows.open_past_due IS 'as access_summary.open_past_due on the data date (NULL when suppressed or counted by finished)';
COMMENT ON COLUMN @region@.access_rows.open_within IS 'as access_summary.open_within on the data date (NULL when suppressed or counted by finished)';
COMMENT ON COLUMN @region@.access_rows.rate IS 'as access_summary.rate (NULL when suppressed or nothing counted)';
COMMENT ON COLUMN @region@.access_rows.median_wait IS 'as access_summary.median_wait (NULL when suppressed)';
COMMENT ON COLUMN @region@.access_rows.p90_wait IS 'as access_summary.p90_wait (NULL when suppressed)';
COMMENT ON COLUMN @region@.access_rows.suppressed IS 'as access_summary.suppressed under the region''s min_group_size';
SELECT @region@.set_row_policies('access_rows');

-- access_rows_dirty: the units whose stored rows are stale (a statement on cases changed
-- their states); refresh_access_rows recomputes them, readers compute them meanwhile.
CREATE TABLE @region@.access_rows_dirty (
    indicator_code text NOT NULL,
    basis          text NOT NULL,
    unit_start     date NOT NULL,
    PRIMARY KEY (indicator_code, basis, unit_start)
);
COMMENT ON TABLE @region@.access_rows_dirty IS
    'suppression units of access_rows whose cases changed since the last refresh_access_rows (written by the triggers on cases)';
COMMENT ON COLUMN @region@.access_rows_dirty.indicator_code IS 'the access indicator';
COMMENT ON COLUMN @region@.access_rows_dirty.basis IS 'the counting basis (started or finished)';
COMMENT ON COLUMN @region@.access_rows_dirty.unit_start IS 'first day of the unit (_access_unit)';

-- access_rows_meta: one row: what the stored rows were computed for.
CREATE TABLE @region@.access_rows_meta (
    one            boolean PRIMARY KEY DEFAULT true CHECK (one),
    complete       boolean NOT NULL DEFAULT false,
    judged_on      date,
    min_group_size integer
);
COMMENT ON TABLE @region@.access_rows_meta IS
    'one row: the judging day and min_group_size of access_rows, and whether they are complete (false: refresh_access_rows recomputes all, readers compute from the states)';
COMMENT ON COLUMN @region@.access_rows_meta.one IS 'always true (one row)';
COMMENT ON COLUMN @region@.access_rows_meta.complete IS 'false after a change that touches every unit (rebuilt states, organisation tree, indicator periods, TRUNCATE): nothing stored is used until the next refresh';
COMMENT ON COLUMN @region@.access_rows_meta.judged_on IS 'the data date the stored rows were judged on (units with open cases due between it and today''s data date count as stale)';
COMMENT ON COLUMN @region@.access_rows_meta.min_group_size IS 'settings.min_group_size the stored rows were suppressed with';
INSERT INTO @region@.access_rows_meta DEFAULT VALUES;

-- _access_states_sql(source): the one statement that adds the states of the rows of
-- source (a query of sign (1 adds, -1 subtracts), organization_code, indicator_code,
-- started, finished) to access_states: the rows are aggregated once per state row, existing
-- state rows updated (merged and subtracted; a subtraction of rows never added fails on
-- the NOT NULL or CHECK constraints, so drifted states show up instead of staying wrong),
-- new ones inserted (ON CONFLICT: a concurrent statement may have inserted one meanwhile).
-- rebuild_access_states runs it over every case; the triggers apply their groups, computed
-- in C, by the same d, u and INSERT parts (src/states.c: keep both in step).
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
-- the suppression units of access_rows the statement touched (access indicators only)
d AS (
    INSERT INTO @region@.access_rows_dirty (indicator_code, basis, unit_start)
    SELECT DISTINCT a.indicator_code, a.basis, @region@._access_unit(a.month, i.period)
    FROM a JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) a.indicator_code AND i.deadline IS NOT NULL
                                      AND i.organization_code IS NULL
    ON CONFLICT DO NOTHING
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

-- The triggers below run pekefb.keep_access_states() (src/states.c) after each INSERT,
-- UPDATE or DELETE on cases with the rows written as new_rows and the rows replaced as
-- old_rows: it reads the transition tables itself, once (each case's due date under the
-- settings, its counts and days into one group per state row, in C), then applies the few
-- groups by the update, insert and marking of stale units of the statement above (over
-- arrays of the groups instead of a query of the cases), refuses a subtraction of cases
-- never counted with 55000 (a hint to run rebuild_access_states) and deletes the rows
-- that became empty.  It runs as the owner of cases with search_path = pg_catalog,
-- pg_temp (SECURITY DEFINER's effect: members write cases under row-level security but
-- have no right to write access_states).

-- clear_access_states(): AFTER TRUNCATE trigger on cases: no cases, no states.
CREATE FUNCTION @region@.clear_access_states() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    TRUNCATE @region@.access_states, @region@.access_rows, @region@.access_rows_dirty;
    UPDATE @region@.access_rows_meta SET complete = false;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.clear_access_states() IS
    'trigger: a truncated cases leaves no access_states and no access_rows';

CREATE TRIGGER cases_states_insert AFTER INSERT ON @region@.cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pekefb.keep_access_states();
CREATE TRIGGER cases_states_update AFTER UPDATE ON @region@.cases
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pekefb.keep_access_states();
CREATE TRIGGER cases_states_delete AFTER DELETE ON @region@.cases
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pekefb.keep_access_states();
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
    UPDATE @region@.access_rows_meta SET complete = false;
    EXECUTE @region@._access_states_sql('SELECT 1 AS sign, c.organization_code, c.indicator_code, c.started, c.finished FROM @region@.cases c');
    GET DIAGNOSTICS made = ROW_COUNT;
    RETURN made;
END
$fn$;
REVOKE EXECUTE ON FUNCTION @region@.rebuild_access_states() FROM PUBLIC;
COMMENT ON FUNCTION @region@.rebuild_access_states() IS
    'recomputes access_states from cases (and marks access_rows for a full refresh); returns the number of state rows (run by the triggers on settings and indicators when due dates change)';

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
        -- an indicator's period changes its suppression units: the stored rows all go stale
        IF EXISTS (SELECT o.code, o.period FROM old_rows o EXCEPT SELECT n.code, n.period FROM new_rows n) THEN
            UPDATE @region@.access_rows_meta SET complete = false;
        END IF;
    END IF;
    IF changed THEN
        PERFORM @region@.rebuild_access_states();
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.rebuild_access_states_trigger() IS
    'trigger: rebuilds access_states when the calendar settings or an indicator''s deadline or owning organisation change (access_rows go stale with them, and with an indicator''s period)';

CREATE TRIGGER settings_states_rebuild AFTER UPDATE ON @region@.settings
    FOR EACH ROW EXECUTE FUNCTION @region@.rebuild_access_states_trigger();
CREATE TRIGGER indicators_states_rebuild AFTER UPDATE ON @region@.indicators
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.rebuild_access_states_trigger();

-- access_rows_stale(): AFTER UPDATE OF parent_code or code trigger on organizations: the
-- tree the suppression runs along changed, every stored row of access_rows is stale until
-- the next refresh_access_rows (readers compute from the states meanwhile).  (A new or
-- deleted organisation has no cases: nothing to do.)
CREATE FUNCTION @region@.access_rows_stale() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    UPDATE @region@.access_rows_meta SET complete = false WHERE complete;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.access_rows_stale() IS
    'trigger: marks every stored access_rows row stale (the organisation tree changed)';
CREATE TRIGGER organizations_access_rows AFTER UPDATE OF parent_code, code ON @region@.organizations
    FOR EACH STATEMENT EXECUTE FUNCTION @region@.access_rows_stale();
