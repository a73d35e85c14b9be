-- access_summary and refresh_access_measurements: access indicators computed from the raw
-- cases under the region's calendar (settings.calendar, extra_closing_days, roll_forward,
-- passed to the library as data), each on its indicator's counting basis (count_by),
-- judged on the region's data date (the latest case event loaded) unless the reader
-- chooses another day (doc/thl.md).

-- _access_states_kept: whether access_states are kept by cases' triggers (states.sql), so
-- that they count every case.  pekefb.distribute_region drops the triggers (a Citus shard
-- cannot run them): the readers then compute from the cases.
CREATE FUNCTION @region@._access_states_kept() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $fn$
    SELECT pg_catalog.count(*) OPERATOR(pg_catalog.=) 4
    FROM pg_catalog.pg_trigger t
    WHERE t.tgrelid OPERATOR(pg_catalog.=) '@region@.cases'::pg_catalog.regclass
      AND t.tgname OPERATOR(pg_catalog.=) ANY (ARRAY['cases_states_insert', 'cases_states_update',
                                                     'cases_states_delete', 'cases_states_truncate'])
      AND t.tgenabled OPERATOR(pg_catalog.<>) 'D'
    $fn$;
COMMENT ON FUNCTION @region@._access_states_kept() IS
    'internal: true while the triggers on cases keep access_states (not on Citus: distribute_region drops them)';

-- _access_period_end(period_kind, period_start): the last day of a period of
-- access_summary (month, quarter, half_year or year).  (An SQL body: inlined.)
CREATE FUNCTION @region@._access_period_end(period_kind text, period_start date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CAST(period_start OPERATOR(pg_catalog.+)
                CASE WHEN period_kind OPERATOR(pg_catalog.=) 'month' THEN interval '1 month'
                     WHEN period_kind OPERATOR(pg_catalog.=) 'quarter' THEN interval '3 months'
                     WHEN period_kind OPERATOR(pg_catalog.=) 'half_year' THEN interval '6 months'
                     ELSE interval '1 year' END
                AS date) OPERATOR(pg_catalog.-) 1;
COMMENT ON FUNCTION @region@._access_period_end(text, date) IS
    'internal: the last day of an access_summary period (month, quarter, half_year, else year)';

-- data_date: the region's data date, the latest day of a case event loaded (a case that
-- became pending or was done); NULL without cases.  access_summary and
-- refresh_access_measurements judge on it by default, so that a figure read a year after
-- the extract does not count the extract's open cases as late (THL: the reporting day is
-- the extract's date, doc/thl.md).  Under row-level security it is the caller's latest
-- visible event.  While the stored states are kept (_access_states_kept) it is read from
-- them, the greatest of their event days, else from every case.  (The greatest event day
-- is in the state rows of the latest month, found by the index on month (states.sql): a
-- case's latest event is its finished day, in its finished month's row, or, open, its
-- started day, in its started month's row (finished >= started, started NOT NULL), and no
-- row has a basis day after it: one probe at the end of the index on month and latest
-- event day.  Under row-level security the same holds of the rows of the caller's
-- organisations: a case's two rows are its organisation's.)
CREATE FUNCTION @region@.data_date() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    -- (the branch over every case, planned though not run while the states are kept, made
    -- its cost pass jit_above_cost at national size: each call JIT-compiled, 8 ms instead of
    -- 0.3, and the dashboard's stored read grew from 3 to 25 ms between 2 and 20 million
    -- cases)
    SET jit = off
    -- a text body: Citus cannot plan a RETURN body that reads a distributed table
    AS $fn$
    SELECT CASE WHEN @region@._access_states_kept()
                THEN (SELECT DATE '4714-11-24 BC' OPERATOR(pg_catalog.+) pg_catalog.max(pekefb.wait_max(s.event_days))
                      FROM @region@.access_states s
                      WHERE s.month OPERATOR(pg_catalog.=) (SELECT pg_catalog.max(l.month) FROM @region@.access_states l))
                ELSE (SELECT pg_catalog.max(GREATEST(c.started, c.finished)) FROM @region@.cases c) END
    $fn$;
COMMENT ON FUNCTION @region@.data_date() IS
    'the region''s data date: the latest started or finished day in cases (NULL without cases; read from access_states while they are kept); the default judging day of access_summary and refresh_access_measurements';

-- access_summary_on(on_date, counted_by): per access indicator, organisation, period and
-- includes_sub_organizations (false rows count the organisation's own cases: they partition
-- the cases, a sum over them counts each case once; true rows also those of every
-- organisation below it), the state of the cases on on_date, the judged_on of the rows
-- (NULL = data_date(), or today in the region's time zone without cases).  Periods (period_kind): month, quarter,
-- THL's half-years 1.4.–30.9. and 1.10.–31.3. (half_year) and calendar year, of the day the
-- indicator counts by (counted_by NULL = each indicator's count_by; the parameters cannot
-- be named like the columns judged_on and count_by of the result):
--   started  = the day the matter became pending; a case finished after judged_on is still
--              open; open past the due date on judged_on counts as late, open within it is
--              left out (THL's child-welfare start share);
--   finished = the day it was done (the month of the visit for the care guarantee): only
--              cases finished on or before judged_on, open ones belong to no period.
-- A benchmark (doc/partners.md): it runs with the owner's rights, so that every member sees
-- every organisation's figures of the region's catalogue (partners' own indicators left
-- out) under the suppression rules below, and the data date is the region's.
-- On a judging day at or after every case event (the default) the per-group figures come
-- from the stored states (access_states, doc/states.md) rolled up from months; on an
-- earlier day, or where the states are not kept (Citus), from the cases, as exactly.
-- It sets DateStyle = ISO for itself, as every region function that reads tables with a date
-- does: Citus ships a date parameter to the workers as text in the session's DateStyle,
-- which the workers read in theirs (doc/citus.md).
CREATE FUNCTION @region@._access_summary_computed(on_date date, counted_by text, only_dirty boolean)
RETURNS TABLE (
    indicator_code text, organization_code text, includes_sub_organizations boolean,
    period_kind text, period_start date, period_end date,
    indicator_name text, organization_name text, deadline_text text, judged_on date,
    cases bigint, finished_cases bigint, on_time bigint, late bigint, open_past_due bigint,
    open_within bigint, rate double precision, median_wait bigint, p90_wait bigint,
    suppressed boolean, count_by text, deadline_label text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
#variable_conflict use_column
DECLARE
    judge date := _access_summary_computed.on_date;
    basis text := _access_summary_computed.counted_by;
    latest date;
    from_states boolean;
    judge_day integer;
    dirty boolean := COALESCE(_access_summary_computed.only_dirty, false);
BEGIN
    IF basis IS NOT NULL AND basis OPERATOR(pg_catalog.<>) ALL (ARRAY['finished', 'started']) THEN
        RAISE EXCEPTION 'invalid counted_by: "%"', basis
            USING ERRCODE = '22023', DETAIL = 'Expected ''finished'', ''started'' or NULL (each indicator''s own count_by).';
    END IF;
    latest := @region@.data_date();
    IF judge IS NULL THEN
        SELECT COALESCE(latest, CAST(pg_catalog.timezone(st.time_zone, pg_catalog.now()) AS date))
        INTO judge FROM @region@.settings st;
    END IF;
    -- The stored states (states.sql, doc/states.md) give the per-group figures of every
    -- judging day at or after all case events (the data date, the default) exactly, on
    -- either basis; an earlier day needs the cases themselves.  The suppression below runs
    -- on the figures either way, so any min_group_size() reads the states.
    from_states := @region@._access_states_kept() AND (latest IS NULL OR judge OPERATOR(pg_catalog.>=) latest);
    IF dirty THEN
        -- only the stale units of access_rows (_access_rows_dirty_units), from the states
        IF NOT from_states THEN
            RAISE EXCEPTION 'the stale units of access_rows are computed from the states only'
                USING ERRCODE = '55000', DETAIL = 'only_dirty needs the states kept and a judging day at or after the data date.';
        END IF;
        IF NOT EXISTS (SELECT FROM @region@._access_rows_dirty_units()) THEN
            RETURN;
        END IF;
    END IF;
    judge_day := judge OPERATOR(pg_catalog.-) DATE '4714-11-24 BC';
    IF from_states THEN
        -- the states (of the stale units only, when dirty) rolled up and suppressed in C
        -- (pekefb.access_rollup: a unit's rows come from its months' states alone)
        RETURN QUERY
        WITH st AS (
            SELECT pg_catalog.array_agg(a.indicator_code) AS ind, pg_catalog.array_agg(a.organization_code) AS org,
                   pg_catalog.array_agg(a.month) AS month, pg_catalog.array_agg(a.cases) AS cases,
                   pg_catalog.array_agg(a.finished_cases) AS fin, pg_catalog.array_agg(a.on_time) AS on_time,
                   pg_catalog.array_agg(a.late) AS late,
                   pg_catalog.array_agg(pekefb.wait_count_within(a.open_dues, judge_day OPERATOR(pg_catalog.-) 1)) AS past,
                   pg_catalog.array_agg(pekefb.wait_count(a.open_dues)) AS open,
                   pg_catalog.array_agg(a.waits) AS waits
            FROM @region@.access_states a
            JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) a.indicator_code AND i.deadline IS NOT NULL
                                        AND i.organization_code IS NULL
            WHERE a.basis OPERATOR(pg_catalog.=) COALESCE(_access_summary_computed.counted_by, i.count_by)
              AND (NOT dirty OR EXISTS (SELECT FROM @region@._access_rows_dirty_units() d
                                        WHERE d.indicator_code OPERATOR(pg_catalog.=) a.indicator_code
                                          AND d.basis OPERATOR(pg_catalog.=) a.basis
                                          AND d.unit_start OPERATOR(pg_catalog.=) @region@._access_unit(a.month, i.period)))
        ),
        og AS (SELECT pg_catalog.array_agg(o.code) AS codes, pg_catalog.array_agg(o.parent_code) AS parents
               FROM @region@.organizations o),
        ig AS (SELECT pg_catalog.array_agg(i.code) AS codes,
                      pg_catalog.array_agg(i.period OPERATOR(pg_catalog.=) 'half_year') AS halves
               FROM @region@.indicators i
               WHERE i.deadline IS NOT NULL AND i.organization_code IS NULL),
        -- names, labels and bases once per indicator and organisation, not per row
        ii AS MATERIALIZED (
            SELECT i.code, pekefb.localized(i.name_fi, i.name_sv, i.name_en) AS name, CAST(i.deadline AS text) AS deadline_text,
                   pekefb.label(i.deadline) AS label, COALESCE(_access_summary_computed.counted_by, i.count_by) AS basis
            FROM @region@.indicators i
            WHERE i.deadline IS NOT NULL AND i.organization_code IS NULL),
        oo AS MATERIALIZED (
            SELECT o.code, pekefb.localized(o.name_fi, o.name_sv) AS name FROM @region@.organizations o)
        SELECT e.indicator_code, e.organization_code, e.includes_sub_organizations, e.period_kind, e.period_start,
               @region@._access_period_end(e.period_kind, e.period_start),
               ii.name, oo.name, ii.deadline_text, judge,
               e.cases,
               e.finished_cases,
               CASE WHEN NOT e.suppressed THEN e.on_time END,
               CASE WHEN NOT e.suppressed THEN e.late END,
               CASE WHEN NOT e.suppressed AND ii.basis OPERATOR(pg_catalog.=) 'started' THEN e.open_past_due END,
               CASE WHEN NOT e.suppressed AND ii.basis OPERATOR(pg_catalog.=) 'started' THEN e.open_within END,
               CASE WHEN NOT e.suppressed
                         AND ((e.on_time OPERATOR(pg_catalog.+) e.late) OPERATOR(pg_catalog.+) e.open_past_due) OPERATOR(pg_catalog.>) 0
                    THEN e.on_time::double precision
                         OPERATOR(pg_catalog./) ((e.on_time OPERATOR(pg_catalog.+) e.late) OPERATOR(pg_catalog.+) e.open_past_due) END,
               e.median_wait,
               e.p90_wait,
               e.suppressed,
               ii.basis,
               ii.label
        FROM st CROSS JOIN og CROSS JOIN ig
        CROSS JOIN LATERAL pekefb.access_rollup(og.codes, og.parents, COALESCE(ig.codes, '{}'), COALESCE(ig.halves, '{}'),
                                                COALESCE(st.ind, '{}'), COALESCE(st.org, '{}'), COALESCE(st.month, '{}'),
                                                COALESCE(st.cases, '{}'), COALESCE(st.fin, '{}'), COALESCE(st.on_time, '{}'),
                                                COALESCE(st.late, '{}'), COALESCE(st.past, '{}'), COALESCE(st.open, '{}'),
                                                COALESCE(st.waits, '{}'), (SELECT @region@.min_group_size())) e
        JOIN ii ON ii.code OPERATOR(pg_catalog.=) e.indicator_code
        JOIN oo ON oo.code OPERATOR(pg_catalog.=) e.organization_code;
        RETURN;
    END IF;
    RETURN QUERY
    WITH k AS (
        -- each case once: its basis, its state on the judging day and its due date (a case
        -- done later is still open then)
        SELECT c.indicator_code, c.organization_code, c.started, x.basis, x.finished, i.period AS indicator_period,
               CASE WHEN x.basis OPERATOR(pg_catalog.=) 'started' THEN c.started ELSE x.finished END AS day,
               pekefb.due_date(c.started, i.deadline, s.calendar, s.extra_closing_days, s.roll_forward) AS due
        FROM @region@.cases c
        JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code AND i.deadline IS NOT NULL
                                    AND i.organization_code IS NULL
        CROSS JOIN @region@.settings s
        CROSS JOIN LATERAL (
            SELECT COALESCE(basis, i.count_by) AS basis,
                   CASE WHEN c.finished OPERATOR(pg_catalog.<=) judge THEN c.finished END AS finished
        ) x
        WHERE c.started OPERATOR(pg_catalog.<=) judge
    ),
    c AS (
        -- and once for the organisation itself and for every organisation above it
        SELECT k.indicator_code, t.ancestor_code AS organization_code, r.includes_sub_organizations,
               k.basis, k.started, k.finished, k.day, k.due, k.indicator_period
        FROM k
        JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) k.organization_code
        CROSS JOIN (VALUES (false), (true)) AS r (includes_sub_organizations)
        WHERE r.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
    ),
    g AS (
        SELECT c.indicator_code, c.organization_code, c.includes_sub_organizations, p.period_kind,
               p.period_start, pg_catalog.min(c.basis) AS basis,
               pg_catalog.count(*)                                                      AS cases,
               pg_catalog.count(c.finished)                                             AS finished_cases,
               pg_catalog.count(*) FILTER (WHERE c.finished OPERATOR(pg_catalog.<=) c.due) AS on_time,
               pg_catalog.count(*) FILTER (WHERE c.finished OPERATOR(pg_catalog.>) c.due) AS late,
               pg_catalog.count(*) FILTER (WHERE c.finished IS NULL AND c.due OPERATOR(pg_catalog.<) judge) AS open_past_due,
               pg_catalog.count(*) FILTER (WHERE c.finished IS NULL AND c.due OPERATOR(pg_catalog.>=) judge) AS open_within,
               pekefb.wait_agg(c.finished OPERATOR(pg_catalog.-) c.started) AS waits
        FROM c
        CROSS JOIN LATERAL (VALUES
            ('month',     CAST(pg_catalog.date_trunc('month', c.day::timestamp) AS date)),
            ('quarter',   CAST(pg_catalog.date_trunc('quarter', c.day::timestamp) AS date)),
            -- THL's half-years 1.4.–30.9. and 1.10.–31.3.: shift by three months, cut at the
            -- calendar half-year, shift back
            ('half_year', CAST(CAST(pg_catalog.date_trunc('year', (c.day OPERATOR(pg_catalog.-) interval '3 months'))
                                    AS date)
                               OPERATOR(pg_catalog.+)
                               CASE WHEN pg_catalog.date_part('month', (c.day OPERATOR(pg_catalog.-) interval '3 months'))
                                         OPERATOR(pg_catalog.<=) 6
                                    THEN interval '3 months' ELSE interval '9 months' END AS date)),
            ('year',      CAST(pg_catalog.date_trunc('year', c.day::timestamp) AS date))
        ) AS p (period_kind, period_start)
        WHERE c.day IS NOT NULL
          -- the periods of an indicator nest: months in quarters, quarters in THL half-years
          -- for a half-yearly indicator (child welfare), in calendar years for the others.
          -- (Both at once would overlap: a year minus half-years, chained over years, gives
          -- quarters of different years that the rules below could not protect.)
          AND CASE p.period_kind WHEN 'half_year' THEN c.indicator_period OPERATOR(pg_catalog.=) 'half_year'
                                 WHEN 'year' THEN c.indicator_period OPERATOR(pg_catalog.<>) 'half_year'
                                 ELSE true END
        GROUP BY c.indicator_code, c.organization_code, c.includes_sub_organizations, p.period_kind, p.period_start
    ),
    -- suppression (views_privacy.sql, doc/partners.md): per indicator, kind and period along
    -- the organisation tree, for each count a figure is computed over (n1 cases; n2 on time +
    -- late + open past due for rate; n3 finished for the percentiles); then the parts against
    -- their totals down the nested periods: quarters against their year or THL half-year
    -- (Q2+Q3, Q4+next Q1), then months against their quarter (a quarter hidden by its
    -- year or half-year hides its months)
    mg AS (SELECT (SELECT @region@.min_group_size()) AS m),
    tree AS (
        SELECT x.indicator_code, x.period_kind, x.period_start, u.organization_code,
               u.includes_sub_organizations, u.n1, u.n2, u.n3, u.h1 OR u.h2 OR u.h3 AS hidden
        FROM (SELECT g.indicator_code, g.period_kind, g.period_start,
                     pg_catalog.array_agg(g.organization_code) AS orgs,
                     pg_catalog.array_agg(o.parent_code) AS parents,
                     pg_catalog.array_agg(g.includes_sub_organizations) AS incls,
                     pg_catalog.array_agg(g.cases) AS n1,
                     pg_catalog.array_agg((g.on_time OPERATOR(pg_catalog.+) g.late) OPERATOR(pg_catalog.+) g.open_past_due) AS n2,
                     pg_catalog.array_agg(g.finished_cases) AS n3
              FROM g JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
              GROUP BY g.indicator_code, g.period_kind, g.period_start) x
        CROSS JOIN mg
        CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(x.orgs), pg_catalog.unnest(x.incls),
                                      pg_catalog.unnest(x.n1), pg_catalog.unnest(x.n2), pg_catalog.unnest(x.n3),
                                      pg_catalog.unnest(@region@._tree_suppress(x.orgs, x.parents, x.incls, x.n1, mg.m)),
                                      pg_catalog.unnest(@region@._tree_suppress(x.orgs, x.parents, x.incls, x.n2, mg.m)),
                                      pg_catalog.unnest(@region@._tree_suppress(x.orgs, x.parents, x.incls, x.n3, mg.m)))
            AS u (organization_code, includes_sub_organizations, n1, n2, n3, h1, h2, h3)
    ),
    by_year AS (
        -- each year's row and its quarter rows together: the quarters against their year (a
        -- half-yearly indicator has no year rows: its quarters pass unchanged)
        SELECT x.indicator_code, x.organization_code, x.includes_sub_organizations, u.period_start,
               u.n1, u.n2, u.n3, u.h1 OR u.h2 OR u.h3 AS hidden
        FROM (SELECT t.indicator_code, t.organization_code, t.includes_sub_organizations,
                     pg_catalog.bool_or(t.hidden) FILTER (WHERE t.period_kind OPERATOR(pg_catalog.=) 'year') AS total_hidden,
                     pg_catalog.array_agg(t.period_start ORDER BY t.period_start) FILTER (WHERE t.period_kind OPERATOR(pg_catalog.=) 'quarter') AS starts,
                     pg_catalog.array_agg(t.hidden ORDER BY t.period_start) FILTER (WHERE t.period_kind OPERATOR(pg_catalog.=) 'quarter') AS hid,
                     pg_catalog.array_agg(t.n1 ORDER BY t.period_start) FILTER (WHERE t.period_kind OPERATOR(pg_catalog.=) 'quarter') AS n1,
                     pg_catalog.array_agg(t.n2 ORDER BY t.period_start) FILTER (WHERE t.period_kind OPERATOR(pg_catalog.=) 'quarter') AS n2,
                     pg_catalog.array_agg(t.n3 ORDER BY t.period_start) FILTER (WHERE t.period_kind OPERATOR(pg_catalog.=) 'quarter') AS n3
              FROM tree t
              WHERE t.period_kind OPERATOR(pg_catalog.=) ANY (ARRAY['quarter', 'year'])
              GROUP BY t.indicator_code, t.organization_code, t.includes_sub_organizations,
                       CAST(pg_catalog.date_trunc('year', t.period_start::timestamp) AS date)) x
        CROSS JOIN mg
        CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(x.starts),
                                      pg_catalog.unnest(x.n1), pg_catalog.unnest(x.n2), pg_catalog.unnest(x.n3),
                                      pg_catalog.unnest(CASE WHEN x.total_hidden IS NULL THEN x.hid
                                                          ELSE @region@._parts_suppress(x.total_hidden, x.n1, x.hid, mg.m) END),
                                      pg_catalog.unnest(CASE WHEN x.total_hidden IS NULL THEN x.hid
                                                          ELSE @region@._parts_suppress(x.total_hidden, x.n2, x.hid, mg.m) END),
                                      pg_catalog.unnest(CASE WHEN x.total_hidden IS NULL THEN x.hid
                                                          ELSE @region@._parts_suppress(x.total_hidden, x.n3, x.hid, mg.m) END))
            AS u (period_start, n1, n2, n3, h1, h2, h3)
    ),
    quarters AS (
        -- each THL half-year's row and its two quarters together: the quarters against their
        -- half-year (only a half-yearly indicator has half-year rows; the others' quarters,
        -- as left by by_year, pass unchanged).  A quarter's half-year starts three months
        -- before the quarter's calendar half-year cut (Q1 belongs to the previous 1.10.)
        SELECT x.indicator_code, x.organization_code, x.includes_sub_organizations, u.period_start,
               u.h1 OR u.h2 OR u.h3 AS hidden
        FROM (SELECT q.indicator_code, q.organization_code, q.includes_sub_organizations,
                     pg_catalog.bool_or(q.hidden) FILTER (WHERE q.total) AS total_hidden,
                     pg_catalog.array_agg(q.period_start ORDER BY q.period_start) FILTER (WHERE NOT q.total) AS starts,
                     pg_catalog.array_agg(q.hidden ORDER BY q.period_start) FILTER (WHERE NOT q.total) AS hid,
                     pg_catalog.array_agg(q.n1 ORDER BY q.period_start) FILTER (WHERE NOT q.total) AS n1,
                     pg_catalog.array_agg(q.n2 ORDER BY q.period_start) FILTER (WHERE NOT q.total) AS n2,
                     pg_catalog.array_agg(q.n3 ORDER BY q.period_start) FILTER (WHERE NOT q.total) AS n3
              FROM (SELECT y.indicator_code, y.organization_code, y.includes_sub_organizations, y.period_start,
                           y.n1, y.n2, y.n3, y.hidden, false AS total,
                           CAST(CAST(pg_catalog.date_trunc('year', (y.period_start OPERATOR(pg_catalog.-) interval '3 months')) AS date)
                                OPERATOR(pg_catalog.+)
                                CASE WHEN pg_catalog.date_part('month', (y.period_start OPERATOR(pg_catalog.-) interval '3 months'))
                                          OPERATOR(pg_catalog.<=) 6
                                     THEN interval '3 months' ELSE interval '9 months' END AS date) AS half
                    FROM by_year y
                    UNION ALL
                    SELECT t.indicator_code, t.organization_code, t.includes_sub_organizations, t.period_start,
                           t.n1, t.n2, t.n3, t.hidden, true, t.period_start
                    FROM tree t
                    WHERE t.period_kind OPERATOR(pg_catalog.=) 'half_year') q
              GROUP BY q.indicator_code, q.organization_code, q.includes_sub_organizations, q.half) x
        CROSS JOIN mg
        CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(x.starts),
                                      pg_catalog.unnest(CASE WHEN x.total_hidden IS NULL THEN x.hid
                                                          ELSE @region@._parts_suppress(x.total_hidden, x.n1, x.hid, mg.m) END),
                                      pg_catalog.unnest(CASE WHEN x.total_hidden IS NULL THEN x.hid
                                                          ELSE @region@._parts_suppress(x.total_hidden, x.n2, x.hid, mg.m) END),
                                      pg_catalog.unnest(CASE WHEN x.total_hidden IS NULL THEN x.hid
                                                          ELSE @region@._parts_suppress(x.total_hidden, x.n3, x.hid, mg.m) END))
            AS u (period_start, h1, h2, h3)
    ),
    months AS (
        -- each quarter (as left by quarters) and its month rows together: the months against
        -- their quarter
        SELECT x.indicator_code, x.organization_code, x.includes_sub_organizations, u.period_start,
               u.h1 OR u.h2 OR u.h3 AS hidden
        FROM (SELECT t.indicator_code, t.organization_code, t.includes_sub_organizations,
                     pg_catalog.bool_or(q.hidden) AS total_hidden,
                     pg_catalog.array_agg(t.period_start ORDER BY t.period_start) AS starts,
                     pg_catalog.array_agg(t.hidden ORDER BY t.period_start) AS hid,
                     pg_catalog.array_agg(t.n1 ORDER BY t.period_start) AS n1,
                     pg_catalog.array_agg(t.n2 ORDER BY t.period_start) AS n2,
                     pg_catalog.array_agg(t.n3 ORDER BY t.period_start) AS n3
              FROM tree t
              JOIN quarters q ON q.indicator_code OPERATOR(pg_catalog.=) t.indicator_code
                             AND q.organization_code OPERATOR(pg_catalog.=) t.organization_code
                             AND q.includes_sub_organizations OPERATOR(pg_catalog.=) t.includes_sub_organizations
                             AND q.period_start OPERATOR(pg_catalog.=) CAST(pg_catalog.date_trunc('quarter', t.period_start::timestamp) AS date)
              WHERE t.period_kind OPERATOR(pg_catalog.=) 'month'
              GROUP BY t.indicator_code, t.organization_code, t.includes_sub_organizations, q.period_start) x
        CROSS JOIN mg
        CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(x.starts),
                                      pg_catalog.unnest(@region@._parts_suppress(x.total_hidden, x.n1, x.hid, mg.m)),
                                      pg_catalog.unnest(@region@._parts_suppress(x.total_hidden, x.n2, x.hid, mg.m)),
                                      pg_catalog.unnest(@region@._parts_suppress(x.total_hidden, x.n3, x.hid, mg.m)))
            AS u (period_start, h1, h2, h3)
    ),
    flags AS (
        SELECT t.indicator_code, t.period_kind, t.period_start, t.organization_code, t.includes_sub_organizations, t.hidden
        FROM tree t WHERE t.period_kind OPERATOR(pg_catalog.=) 'year'
        UNION ALL
        SELECT t.indicator_code, t.period_kind, t.period_start, t.organization_code, t.includes_sub_organizations, t.hidden
        FROM tree t WHERE t.period_kind OPERATOR(pg_catalog.=) 'half_year'
        UNION ALL
        SELECT q.indicator_code, 'quarter', q.period_start, q.organization_code, q.includes_sub_organizations, q.hidden
        FROM quarters q
        UNION ALL
        SELECT mo.indicator_code, 'month', mo.period_start, mo.organization_code, mo.includes_sub_organizations, mo.hidden
        FROM months mo
    )
    SELECT
        g.indicator_code,
        g.organization_code,
        g.includes_sub_organizations,
        g.period_kind,
        g.period_start,
        @region@._access_period_end(g.period_kind, g.period_start),
        pekefb.localized(i.name_fi, i.name_sv, i.name_en),
        pekefb.localized(o.name_fi, o.name_sv),
        i.deadline::text,
        judge,
        g.cases,
        g.finished_cases,
        CASE WHEN NOT x.suppressed THEN g.on_time END,
        CASE WHEN NOT x.suppressed THEN g.late END,
        CASE WHEN NOT x.suppressed AND g.basis OPERATOR(pg_catalog.=) 'started' THEN g.open_past_due END,
        CASE WHEN NOT x.suppressed AND g.basis OPERATOR(pg_catalog.=) 'started' THEN g.open_within END,
        CASE WHEN NOT x.suppressed
                  AND ((g.on_time OPERATOR(pg_catalog.+) g.late) OPERATOR(pg_catalog.+) g.open_past_due) OPERATOR(pg_catalog.>) 0
             THEN g.on_time::double precision
                  OPERATOR(pg_catalog./) ((g.on_time OPERATOR(pg_catalog.+) g.late) OPERATOR(pg_catalog.+) g.open_past_due) END,
        CASE WHEN NOT x.suppressed THEN pekefb.wait_percentile(g.waits, 0.5)::bigint END,
        CASE WHEN NOT x.suppressed THEN pekefb.wait_percentile(g.waits, 0.9)::bigint END,
        x.suppressed,
        g.basis,
        pekefb.label(i.deadline)
    FROM g
    JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) g.indicator_code
    JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
    JOIN flags f ON f.indicator_code OPERATOR(pg_catalog.=) g.indicator_code AND f.period_kind OPERATOR(pg_catalog.=) g.period_kind
                AND f.period_start OPERATOR(pg_catalog.=) g.period_start
                AND f.organization_code OPERATOR(pg_catalog.=) g.organization_code
                AND f.includes_sub_organizations OPERATOR(pg_catalog.=) g.includes_sub_organizations
    CROSS JOIN LATERAL (SELECT f.hidden AS suppressed) x;
END
$fn$;
COMMENT ON FUNCTION @region@._access_summary_computed(date, text, boolean) IS
    'internal: access_summary_on computed from the states or the cases (only_dirty: the stale units of access_rows only)';

-- _access_rows_dirty_units(): the suppression units whose stored rows (access_rows) are
-- stale: those marked by the triggers on cases since the last refresh, and, when the data
-- date moved since then, those with open cases due between the two days (their open past
-- due changed).  Runs as the owner (the region's data date, every organisation's states).
CREATE FUNCTION @region@._access_rows_dirty_units()
RETURNS TABLE (indicator_code text, basis text, unit_start date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
-- (a few units: the refresh's delete then probes the stored rows' unit index per unit)
ROWS 10
AS $fn$
#variable_conflict use_column
DECLARE
    stored date;
    latest date;
BEGIN
    RETURN QUERY SELECT d.indicator_code, d.basis, d.unit_start FROM @region@.access_rows_dirty d;
    SELECT m.judged_on INTO stored FROM @region@.access_rows_meta m;
    latest := @region@.data_date();
    IF stored OPERATOR(pg_catalog.<>) latest THEN
        -- (the state rows with open cases, by their partial index; a unit may come twice)
        RETURN QUERY
        SELECT DISTINCT a.indicator_code, a.basis, @region@._access_unit(a.month, i.period)
        FROM @region@.access_states a
        JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) a.indicator_code AND i.deadline IS NOT NULL
                                    AND i.organization_code IS NULL
        WHERE pekefb.wait_count(a.open_dues) OPERATOR(pg_catalog.>) 0
          AND pekefb.wait_count_within(a.open_dues, (GREATEST(stored, latest) OPERATOR(pg_catalog.-) DATE '4714-11-24 BC') OPERATOR(pg_catalog.-) 1)
              OPERATOR(pg_catalog.>)
              pekefb.wait_count_within(a.open_dues, (LEAST(stored, latest) OPERATOR(pg_catalog.-) DATE '4714-11-24 BC') OPERATOR(pg_catalog.-) 1);
    END IF;
END
$fn$;
COMMENT ON FUNCTION @region@._access_rows_dirty_units() IS
    'internal: the stale suppression units of access_rows (marked by the triggers on cases, or with open cases due between the stored judging day and the data date)';

-- _access_rows_usable(on_date, counted_by): whether access_summary_on(on_date, counted_by)
-- may read access_rows (their clean units, the stale ones computed from the states): the
-- states are kept (not on Citus), the rows are complete and suppressed with the
-- min_group_size() in force (a session's raise above the region's computes), and the
-- judging day is the data date (the default).  Refuses a bad counted_by (as the
-- computation does).  Runs as the owner: the region's data date.
CREATE FUNCTION @region@._access_rows_usable(on_date date, counted_by text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    m @region@.access_rows_meta;
BEGIN
    IF counted_by IS NOT NULL AND counted_by OPERATOR(pg_catalog.<>) ALL (ARRAY['finished', 'started']) THEN
        RAISE EXCEPTION 'invalid counted_by: "%"', counted_by
            USING ERRCODE = '22023', DETAIL = 'Expected ''finished'', ''started'' or NULL (each indicator''s own count_by).';
    END IF;
    IF NOT @region@._access_states_kept() THEN
        RETURN false;
    END IF;
    SELECT * INTO m FROM @region@.access_rows_meta;
    RETURN COALESCE(m.complete, false)
           AND m.min_group_size IS NOT DISTINCT FROM @region@.min_group_size()
           AND (on_date IS NULL OR on_date IS NOT DISTINCT FROM @region@.data_date());
END
$fn$;
COMMENT ON FUNCTION @region@._access_rows_usable(date, text) IS
    'internal: whether access_summary_on may read the stored access_rows for this judging day (NULL: the data date) and basis';

-- _access_rows_judged_on(): the judging day of the stored rows as read: the region's data
-- date (today in the region's time zone without cases), as the owner sees it.
CREATE FUNCTION @region@._access_rows_judged_on() RETURNS date
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT COALESCE(@region@.data_date(), CAST(pg_catalog.timezone(st.time_zone, pg_catalog.now()) AS date))
    FROM @region@.settings st
$fn$;
COMMENT ON FUNCTION @region@._access_rows_judged_on() IS
    'internal: the judging day of access_summary''s stored rows (the region''s data date)';

-- _access_rows_current: the stored rows of access_rows whose unit is not stale, with the
-- names in the reader's language.  A view: it reads access_rows with its owner's rights
-- (every organisation, as access_summary_on computes them for every reader: a benchmark).
CREATE VIEW @region@._access_rows_current AS
SELECT r.indicator_code, r.organization_code, r.includes_sub_organizations, r.period_kind, r.period_start, r.period_end,
       pekefb.localized(i.name_fi, i.name_sv, i.name_en) AS indicator_name,
       pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
       CAST(i.deadline AS text) AS deadline_text,
       r.cases, r.finished_cases, r.on_time, r.late, r.open_past_due, r.open_within, r.rate, r.median_wait, r.p90_wait,
       r.suppressed, r.basis, pekefb.label(i.deadline) AS deadline_label, i.count_by AS indicator_count_by
FROM @region@.access_rows r
JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) r.indicator_code
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) r.organization_code
-- (NOT = ANY: a hashed subplan, the stale units read once; no column is NULL)
WHERE NOT ((r.indicator_code, r.basis, r.unit_start) OPERATOR(pg_catalog.=) ANY (SELECT d.indicator_code, d.basis, d.unit_start
                                                                             FROM @region@._access_rows_dirty_units() d));
COMMENT ON VIEW @region@._access_rows_current IS
    'internal to access_summary_on: the stored access_rows of the units not stale, with names (read access_summary instead)';
COMMENT ON COLUMN @region@._access_rows_current.indicator_code IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.organization_code IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.includes_sub_organizations IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.period_kind IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.period_start IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.period_end IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.indicator_name IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.organization_name IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.deadline_text IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.cases IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.finished_cases IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.on_time IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.late IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.open_past_due IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.open_within IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.rate IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.median_wait IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.p90_wait IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.suppressed IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.basis IS 'the counting basis of the row (access_summary.count_by)';
COMMENT ON COLUMN @region@._access_rows_current.deadline_label IS 'as access_summary';
COMMENT ON COLUMN @region@._access_rows_current.indicator_count_by IS 'the indicator''s own count_by (access_summary shows the rows of this basis)';

-- access_summary_on: the stored rows (_access_rows_current: clean units) and the stale
-- units computed from the states when _access_rows_usable, else the computation
-- (_access_summary_computed: an earlier or later judging day, a session's raise of
-- min_group_size, rows not complete, Citus).  PL/pgSQL (Citus cannot run an SQL function
-- over its tables with parameters) with the owner's rights (a benchmark, and it reads the
-- internal _access_rows_current); the view access_summary below is the same union written
-- out, so that a dashboard's filters reach the stored rows' index.
CREATE FUNCTION @region@.access_summary_on(on_date date DEFAULT NULL, counted_by text DEFAULT NULL)
RETURNS TABLE (
    indicator_code text, organization_code text, includes_sub_organizations boolean,
    period_kind text, period_start date, period_end date,
    indicator_name text, organization_name text, deadline_text text, judged_on date,
    cases bigint, finished_cases bigint, on_time bigint, late bigint, open_past_due bigint,
    open_within bigint, rate double precision, median_wait bigint, p90_wait bigint,
    suppressed boolean, count_by text, deadline_label text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
#variable_conflict use_column
BEGIN
    IF @region@._access_rows_usable(access_summary_on.on_date, access_summary_on.counted_by) THEN
        RETURN QUERY
        SELECT v.indicator_code, v.organization_code, v.includes_sub_organizations, v.period_kind, v.period_start,
               v.period_end, v.indicator_name, v.organization_name, v.deadline_text,
               (SELECT @region@._access_rows_judged_on()), v.cases, v.finished_cases, v.on_time, v.late,
               v.open_past_due, v.open_within, v.rate, v.median_wait, v.p90_wait, v.suppressed, v.basis, v.deadline_label
        FROM @region@._access_rows_current v
        WHERE v.basis OPERATOR(pg_catalog.=) COALESCE(access_summary_on.counted_by, v.indicator_count_by)
        UNION ALL
        SELECT * FROM @region@._access_summary_computed(access_summary_on.on_date, access_summary_on.counted_by, true);
    ELSE
        RETURN QUERY
        SELECT * FROM @region@._access_summary_computed(access_summary_on.on_date, access_summary_on.counted_by, false);
    END IF;
END
$fn$;
COMMENT ON FUNCTION @region@.access_summary_on(date, text) IS
    'access_summary judged on a chosen day (NULL: the data date) and, optionally, on one counting basis for all indicators (NULL: each indicator''s count_by)';

-- refresh_access_rows(): brings access_rows up to date: the stale units
-- (_access_rows_dirty_units) recomputed from the states on the data date and stored, or
-- everything when the rows are not complete or were suppressed under another
-- min_group_size; returns the number of rows written.  load_cases runs it at its end;
-- after other writes to cases the units stay stale (read correctly, computed) until it
-- runs.  Runs as the owner under the region's min_group_size (never a session's raise);
-- nothing where the states are not kept (Citus).
CREATE FUNCTION @region@.refresh_access_rows() RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
    SET pekefb.min_group_size = 1
AS $fn$
DECLARE
    m @region@.access_rows_meta;
    d date;
    mgs integer;
    whole boolean;
    written bigint;
BEGIN
    IF NOT @region@._access_states_kept() THEN
        RETURN 0;
    END IF;
    -- the writers of cases mark their units in access_rows_dirty: one that has marked and
    -- not committed is waited for (its states then count), one that marks from now on
    -- waits (its mark stays for the next refresh), so no mark is cleared unseen
    LOCK TABLE @region@.access_rows_dirty IN EXCLUSIVE MODE;
    SELECT * INTO STRICT m FROM @region@.access_rows_meta FOR UPDATE;
    d := @region@.data_date();
    SELECT s.min_group_size INTO STRICT mgs FROM @region@.settings s;
    whole := NOT m.complete OR m.min_group_size IS DISTINCT FROM mgs;
    IF whole THEN
        DELETE FROM @region@.access_rows;
        DELETE FROM @region@.access_rows_dirty;
    ELSE
        DELETE FROM @region@.access_rows r
        USING @region@._access_rows_dirty_units() u
        WHERE r.indicator_code OPERATOR(pg_catalog.=) u.indicator_code AND r.basis OPERATOR(pg_catalog.=) u.basis
          AND r.unit_start OPERATOR(pg_catalog.=) u.unit_start;
    END IF;
    INSERT INTO @region@.access_rows
        (organization_code, period_start, indicator_code, basis, period_kind, includes_sub_organizations, unit_start,
         period_end, cases, finished_cases, on_time, late, open_past_due, open_within, rate, median_wait, p90_wait, suppressed)
    SELECT c.organization_code, c.period_start, c.indicator_code, c.count_by, c.period_kind, c.includes_sub_organizations,
           @region@._access_unit(c.period_start, i.period), c.period_end, c.cases, c.finished_cases, c.on_time, c.late,
           c.open_past_due, c.open_within, c.rate, c.median_wait, c.p90_wait, c.suppressed
    FROM (VALUES ('started'), ('finished')) b (basis)
    CROSS JOIN LATERAL @region@._access_summary_computed(d, b.basis, NOT whole) c
    JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF whole THEN
        -- (every row new: the planner's statistics of the table are those of before)
        ANALYZE @region@.access_rows;
    END IF;
    DELETE FROM @region@.access_rows_dirty;
    UPDATE @region@.access_rows_meta SET complete = true, judged_on = d, min_group_size = mgs;
    RETURN written;
END
$fn$;
COMMENT ON FUNCTION @region@.refresh_access_rows() IS
    'recomputes the stale units of access_rows (all of them when needed) from the access states on the data date; returns the rows written (load_cases runs it)';

-- access_summary: access_summary_on on the region's data date, each indicator on its own
-- counting basis (see above).
-- (written out: the planner pushes a filter on organization_code and period_start down to
-- the index of access_rows; the two computations are gated off by one-time filters while
-- the stored rows are usable.  On Citus, where the states are not kept, the view reads
-- access_summary_on(): pekefb.distribute_region replaces it so, and so does this file in a
-- distributed region.)
DO $do$
BEGIN
    IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
        IF EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
                   WHERE p.logicalrelid OPERATOR(pg_catalog.=) '@region@.cases'::pg_catalog.regclass) THEN
            CREATE VIEW @region@.access_summary AS SELECT * FROM @region@.access_summary_on();
            RETURN;
        END IF;
    END IF;
    CREATE VIEW @region@.access_summary AS
    SELECT v.indicator_code, v.organization_code, v.includes_sub_organizations, v.period_kind, v.period_start,
           v.period_end, v.indicator_name, v.organization_name, v.deadline_text,
           (SELECT @region@._access_rows_judged_on()) AS judged_on, v.cases, v.finished_cases, v.on_time, v.late,
           v.open_past_due, v.open_within, v.rate, v.median_wait, v.p90_wait, v.suppressed, v.basis AS count_by,
           v.deadline_label
    FROM @region@._access_rows_current v
    WHERE v.basis OPERATOR(pg_catalog.=) v.indicator_count_by AND @region@._access_rows_usable(NULL, NULL)
    UNION ALL
    SELECT * FROM @region@._access_summary_computed(NULL, NULL, true) WHERE @region@._access_rows_usable(NULL, NULL)
    UNION ALL
    SELECT * FROM @region@._access_summary_computed(NULL, NULL, false) WHERE NOT @region@._access_rows_usable(NULL, NULL);
END
$do$;
COMMENT ON VIEW @region@.access_summary IS
    'access indicators from raw cases per indicator, organisation, period (period_kind month, quarter, and half_year = THL''s 1.4.-30.9. and 1.10.-31.3. for a half-yearly indicator or year for the others, of the day the indicator counts by: count_by) and includes_sub_organizations (false: the organisation''s own cases, true: with all its sub-organisations), judged on the region''s data date (access_summary_on for another day): cases, on time, late, open past due, rate, median and 90th percentile wait; figures over fewer than min_group_size() cases suppressed, with complementary suppression (doc/partners.md)';
COMMENT ON COLUMN @region@.access_summary.indicator_code IS 'the access indicator (indicators.code)';
COMMENT ON COLUMN @region@.access_summary.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.access_summary.includes_sub_organizations IS 'false: the organisation''s own cases only (sum these to count each case once); true: its cases and those of every organisation below it';
COMMENT ON COLUMN @region@.access_summary.period_kind IS 'month, quarter, and half_year (THL: 1.4.-30.9. or 1.10.-31.3.) for an indicator whose period is half_year or year for the others: the kind of period of this row (an indicator''s periods nest)';
COMMENT ON COLUMN @region@.access_summary.period_start IS 'first day of the period of the day the cases count by (count_by: became pending, or were done)';
COMMENT ON COLUMN @region@.access_summary.period_end IS 'last day of that period';
COMMENT ON COLUMN @region@.access_summary.indicator_name IS 'indicator name in pekefb.language';
COMMENT ON COLUMN @region@.access_summary.organization_name IS 'organisation name in pekefb.language';
COMMENT ON COLUMN @region@.access_summary.deadline_text IS 'the indicator''s statutory time limit in the type''s canonical text, e.g. 7 working days (deadline_label: in the reader''s language)';
COMMENT ON COLUMN @region@.access_summary.judged_on IS 'the day the state is judged on: the region''s data date (data_date(), the latest case event loaded)';
COMMENT ON COLUMN @region@.access_summary.cases IS 'cases of the period by count_by (started: became pending in it; finished: done in it, on or before judged_on); always shown';
COMMENT ON COLUMN @region@.access_summary.finished_cases IS 'of them, cases finished on or before judged_on (always shown)';
COMMENT ON COLUMN @region@.access_summary.on_time IS 'finished on or before the due date; NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.late IS 'finished after the due date; NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.open_past_due IS 'count_by started: still open and past the due date on judged_on (count as late in rate); NULL when suppressed or counted by finished';
COMMENT ON COLUMN @region@.access_summary.open_within IS 'count_by started: still open and within the deadline on judged_on (left out of rate); NULL when suppressed or counted by finished';
COMMENT ON COLUMN @region@.access_summary.rate IS 'on_time / (on_time + late + open_past_due), 0..1; NULL when suppressed or nothing counted';
COMMENT ON COLUMN @region@.access_summary.median_wait IS 'median days from started to finished over finished cases (exact); NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.p90_wait IS '90th percentile of those days (exact); NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.suppressed IS 'true when the figures are hidden: a count they are computed over (cases, on time + late + open past due, finished) is 1..min_group_size()-1, or they are hidden so that no hidden figure can be recovered by subtraction (along the organisation tree; months against their quarter, quarters against their year or THL half-year; doc/partners.md)';
COMMENT ON COLUMN @region@.access_summary.count_by IS 'the counting basis of the row (the indicator''s count_by): started (THL''s start share over cases that became pending) or finished (over cases done in the period, e.g. the month of the visit)';
COMMENT ON COLUMN @region@.access_summary.deadline_label IS 'the time limit in pekefb.language, e.g. 7 arkipäivää, 7 vardagar, 7 working days';

-- refresh_access_measurements: writes the measurements of every access indicator for one
-- period from the raw cases, for every organisation with cases, its sub-organisations
-- included (like THL's area figures).  count_by NULL (the default) uses each indicator's
-- count_by: finished = cases that finished in the period (THL's completion share);
-- started = cases that became pending in the period, judged as of as_of (finished later =
-- still open; open past due = late; open within the limit = left out).  as_of NULL = the
-- region's data date (data_date(); today in the region's time zone without cases).  The value is the ratio on time / counted.  indicator_codes
-- limits the run to those access indicators (NULL = all).  Idempotent: the period's earlier
-- rows from this function are replaced.  Returns the number of rows written.
CREATE FUNCTION @region@.refresh_access_measurements(
    period_start date, period_end date,
    indicator_codes text[] DEFAULT NULL,
    count_by text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
DECLARE
    written bigint;
    cfg @region@.settings;
    judged_on date;
    -- the owner, superusers and BYPASSRLS roles write every organisation; a member those
    -- it may write (the policies would refuse the others)
    everything boolean := @region@.is_region_owner()
                          OR (SELECT r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER);
    writable text[] := @region@.member_organizations(CURRENT_USER, 'write');
BEGIN
    IF period_start IS NULL OR period_end IS NULL OR period_end OPERATOR(pg_catalog.<) period_start THEN
        RAISE EXCEPTION 'invalid period: % .. %', period_start, period_end
            USING ERRCODE = '22023', DETAIL = 'Expected two dates with period_end on or after period_start.';
    END IF;
    IF count_by IS NOT NULL AND count_by OPERATOR(pg_catalog.<>) ALL (ARRAY['finished', 'started']) THEN
        RAISE EXCEPTION 'invalid count_by: "%"', count_by
            USING ERRCODE = '22023', DETAIL = 'Expected ''finished'', ''started'' or NULL (each indicator''s own count_by).';
    END IF;
    SELECT * INTO STRICT cfg FROM @region@.settings;
    judged_on := COALESCE(as_of, @region@.data_date(), CAST(pg_catalog.timezone(cfg.time_zone, pg_catalog.now()) AS date));

    DELETE FROM @region@.measurements m
    USING @region@.indicators i
    WHERE i.code OPERATOR(pg_catalog.=) m.indicator_code AND i.deadline IS NOT NULL
      AND (indicator_codes IS NULL OR i.code OPERATOR(pg_catalog.=) ANY (indicator_codes))
      AND m.period_start OPERATOR(pg_catalog.=) refresh_access_measurements.period_start
      AND m.period_end OPERATOR(pg_catalog.=) refresh_access_measurements.period_end
      AND m.source OPERATOR(pg_catalog.=) 'refresh_access_measurements';

    INSERT INTO @region@.measurements
        (indicator_code, organization_code, period_start, period_end, value, source)
    SELECT x.indicator_code, x.organization_code,
           refresh_access_measurements.period_start, refresh_access_measurements.period_end,
           CAST((x.on_time OPERATOR(pg_catalog.||) '/') OPERATOR(pg_catalog.||) x.counted AS pekefb.indicator), 'refresh_access_measurements'
    FROM (
        SELECT c.indicator_code, t.ancestor_code AS organization_code,
               pg_catalog.count(*) FILTER (WHERE c.finished OPERATOR(pg_catalog.<=) c.due
                                          AND (c.basis OPERATOR(pg_catalog.=) 'finished' OR c.finished OPERATOR(pg_catalog.<=) judged_on)) AS on_time,
               pg_catalog.count(*) FILTER (WHERE c.basis OPERATOR(pg_catalog.=) 'finished' OR c.finished OPERATOR(pg_catalog.<=) judged_on
                                          OR judged_on OPERATOR(pg_catalog.>) c.due) AS counted
        FROM (
            SELECT c.indicator_code, c.organization_code, c.started, c.finished,
                   COALESCE(refresh_access_measurements.count_by, i.count_by) AS basis,
                   pekefb.due_date(c.started, i.deadline, cfg.calendar, cfg.extra_closing_days, cfg.roll_forward) AS due
            FROM @region@.cases c
            JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code AND i.deadline IS NOT NULL
            WHERE (indicator_codes IS NULL OR i.code OPERATOR(pg_catalog.=) ANY (indicator_codes))
        ) c
        JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) c.organization_code
        WHERE (everything OR t.ancestor_code OPERATOR(pg_catalog.=) ANY (writable))
          AND CASE
                WHEN c.basis OPERATOR(pg_catalog.=) 'finished'
                THEN c.finished OPERATOR(pg_catalog.>=) refresh_access_measurements.period_start
                     AND c.finished OPERATOR(pg_catalog.<=) refresh_access_measurements.period_end
                ELSE c.started OPERATOR(pg_catalog.>=) refresh_access_measurements.period_start
                     AND c.started OPERATOR(pg_catalog.<=) refresh_access_measurements.period_end
                     AND c.started OPERATOR(pg_catalog.<=) judged_on
              END
        GROUP BY c.indicator_code, t.ancestor_code
    ) x
    WHERE x.counted OPERATOR(pg_catalog.>) 0;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$fn$;
COMMENT ON FUNCTION @region@.refresh_access_measurements(date, date, text[], text, date) IS
    'writes access indicators'' measurements (on time / counted, sub-organisations included) for one period from cases under the region''s calendar; idempotent';
