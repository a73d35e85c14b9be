-- views_quality: the figures as they stood at a past moment (measurements_as_of,
-- targets_as_of, indicator_status_as_of), and the data_quality view with its function
-- data_quality_on (missing, late and implausible figures, each with its reason in words).
-- Views cannot take parameters, so the past moment is a function argument (a session
-- setting would not reach a BI tool's or a Citus worker's session).  doc/quality.md.

-- measurements_as_of(as_of): every measurement as it stood at as_of: the rows written by
-- then and not changed since, and the earlier versions that were in force at that moment.
CREATE FUNCTION @region@.measurements_as_of(as_of timestamptz)
    RETURNS TABLE (indicator_code text, organization_code text, period_start date, period_end date,
                   value pekefb.indicator, source text, loaded_at timestamptz, loaded_by text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    -- PL/pgSQL: Citus plans neither a BEGIN ATOMIC body that reads distributed tables nor
    -- the parameters of a SQL function that is not inlined (DateStyle and search_path are set)
    SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT m.indicator_code, m.organization_code, m.period_start, m.period_end, m.value, m.source,
           m.loaded_at, m.loaded_by
    FROM @region@.measurements m
    WHERE m.loaded_at OPERATOR(pg_catalog.<=) measurements_as_of.as_of
    UNION ALL
    SELECT h.indicator_code, h.organization_code, h.period_start, h.period_end, h.value, h.source,
           h.valid_from, h.loaded_by
    FROM @region@.measurement_history h
    WHERE h.valid_from OPERATOR(pg_catalog.<=) measurements_as_of.as_of
      AND h.valid_to OPERATOR(pg_catalog.>) measurements_as_of.as_of;
END
$fn$;
COMMENT ON FUNCTION @region@.measurements_as_of(timestamptz) IS
    'the measurements as they stood at a past moment (current rows written by then, earlier versions in force then)';

-- targets_as_of(as_of): the targets as they stood at as_of.
CREATE FUNCTION @region@.targets_as_of(as_of timestamptz)
    RETURNS TABLE (target_id bigint, indicator_code text, organization_code text, period_start date, period_end date,
                   target pekefb.target, note text, source text, loaded_at timestamptz, loaded_by text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    -- PL/pgSQL: Citus plans neither a BEGIN ATOMIC body that reads distributed tables nor
    -- the parameters of a SQL function that is not inlined (DateStyle and search_path are set)
    SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT t.target_id, t.indicator_code, t.organization_code, t.period_start, t.period_end, t.target, t.note,
           t.source, t.loaded_at, t.loaded_by
    FROM @region@.targets t
    WHERE t.loaded_at OPERATOR(pg_catalog.<=) targets_as_of.as_of
    UNION ALL
    SELECT h.target_id, h.indicator_code, h.organization_code, h.period_start, h.period_end, h.target, h.note,
           h.source, h.valid_from, h.loaded_by
    FROM @region@.target_history h
    WHERE h.valid_from OPERATOR(pg_catalog.<=) targets_as_of.as_of
      AND h.valid_to OPERATOR(pg_catalog.>) targets_as_of.as_of;
END
$fn$;
COMMENT ON FUNCTION @region@.targets_as_of(timestamptz) IS
    'the targets as they stood at a past moment (current rows written by then, earlier versions in force then)';

-- indicator_status_as_of(as_of): indicator_status (views_indicators.sql) computed from the
-- measurements and targets as they stood at as_of: what a report made then showed.  The
-- same columns, rules and suppression as the view (its body with measurements_as_of and
-- targets_as_of for the tables; sql/history.sql checks that at now() the two agree).  Security
-- invoker like the view: the reader's row-level security applies.
CREATE FUNCTION @region@.indicator_status_as_of(as_of timestamptz)
    RETURNS TABLE (indicator_code text, organization_code text, period_start date, period_end date,
                   indicator_name text, organization_name text, theme text, value double precision,
                   numerator double precision, denominator double precision, unit text, value_text text,
                   target_text text, target_value double precision, attained boolean, attainment double precision,
                   status text, status_label text, previous_value double precision, change double precision,
                   source text, loaded_at timestamptz, trend text, trend_label text, higher_is_better boolean,
                   year_earlier_value double precision, change_from_year_earlier double precision,
                   target_period_start date, target_period_end date, suppressed boolean)
    LANGUAGE plpgsql STABLE
    -- PL/pgSQL: Citus plans neither a BEGIN ATOMIC body that reads distributed tables nor
    -- the parameters of a SQL function that is not inlined (DateStyle and search_path are set)
    SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT
        m.indicator_code,
        m.organization_code,
        m.period_start,
        m.period_end,
        pekefb.localized(i.name_fi, i.name_sv, i.name_en)   AS indicator_name,
        pekefb.localized(o.name_fi, o.name_sv)              AS organization_name,
        i.theme,
        CASE WHEN NOT h.hide THEN pekefb.value(m.value) END       AS value,
        CASE WHEN NOT h.hide THEN pekefb.numerator(m.value) END   AS numerator,
        CASE WHEN NOT h.hide THEN pekefb.denominator(m.value) END AS denominator,
        i.unit,
        CASE WHEN NOT h.hide THEN m.value::text END         AS value_text,
        t.target::text                                      AS target_text,
        pekefb.target_value(t.target)                       AS target_value,
        CASE WHEN NOT h.hide AND NOT j.part_of_year THEN pekefb.attained(m.value, t.target) END AS attained,
        CASE WHEN NOT h.hide THEN pekefb.attainment(m.value, t.target) END AS attainment,
        j.status,
        CASE WHEN j.status OPERATOR(pg_catalog.=) 'suppressed' THEN pekefb.localized('salattu', 'skyddad', 'suppressed')
             WHEN j.status OPERATOR(pg_catalog.=) 'no target' THEN pekefb.localized('ei tavoitetta', 'inget mål', 'no target')
             WHEN j.status OPERATOR(pg_catalog.=) 'target_pending' THEN
                 pekefb.localized('tavoitetaso määritellään myöhemmin', 'målnivån fastställs senare', 'target to be set later')
             WHEN j.status OPERATOR(pg_catalog.=) 'year_to_date' THEN pekefb.localized('vuoden kertymä', 'hittills i år', 'year to date')
             WHEN j.status OPERATOR(pg_catalog.=) 'met' THEN pekefb.localized('saavutettu', 'uppnått', 'met')
             ELSE pekefb.localized('ei saavutettu', 'inte uppnått', 'missed')
        END                                                 AS status_label,
        CASE WHEN NOT h.hide_previous THEN pekefb.value(p.value) END AS previous_value,
        CASE WHEN NOT h.hide AND NOT h.hide_previous THEN pekefb.value(m.value) OPERATOR(pg_catalog.-) pekefb.value(p.value) END AS change,
        m.source,
        m.loaded_at,
        -- issue 11 (thl): trend, the same period a year earlier, the target row's period
        tr.trend,
        CASE WHEN tr.trend OPERATOR(pg_catalog.=) 'improving' THEN pekefb.localized('paranee', 'förbättras', 'improving')
             WHEN tr.trend OPERATOR(pg_catalog.=) 'worsening' THEN pekefb.localized('heikkenee', 'försämras', 'worsening')
             WHEN tr.trend OPERATOR(pg_catalog.=) 'unchanged' THEN pekefb.localized('ennallaan', 'oförändrad', 'unchanged')
        END                                                 AS trend_label,
        i.higher_is_better,
        CASE WHEN NOT h.hide_year THEN pekefb.value(y.value) END AS year_earlier_value,
        CASE WHEN NOT h.hide AND NOT h.hide_year THEN pekefb.value(m.value) OPERATOR(pg_catalog.-) pekefb.value(y.value) END AS change_from_year_earlier,
        t.period_start                                      AS target_period_start,
        t.period_end                                        AS target_period_end,
        h.hide                                              AS suppressed
    FROM @region@.measurements_as_of(indicator_status_as_of.as_of) m
    JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) m.indicator_code
    JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) m.organization_code
    LEFT JOIN LATERAL (
        SELECT tg.target, tg.period_start, tg.period_end
        FROM @region@.targets_as_of(indicator_status_as_of.as_of) tg
        WHERE tg.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
          AND (tg.organization_code OPERATOR(pg_catalog.=) m.organization_code OR tg.organization_code IS NULL)
          AND tg.period_start OPERATOR(pg_catalog.<=) m.period_start
          AND tg.period_end OPERATOR(pg_catalog.>=) m.period_end
        ORDER BY tg.organization_code IS NULL, tg.period_end OPERATOR(pg_catalog.-) tg.period_start
        LIMIT 1
    ) t ON true
    LEFT JOIN LATERAL (
        SELECT pm.value
        FROM @region@.measurements_as_of(indicator_status_as_of.as_of) pm
        WHERE pm.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
          AND pm.organization_code OPERATOR(pg_catalog.=) m.organization_code
          AND pm.period_end OPERATOR(pg_catalog.=) (m.period_start OPERATOR(pg_catalog.-) 1)
          AND pm.period_start OPERATOR(pg_catalog.=)
              CAST(m.period_start::timestamp
                   OPERATOR(pg_catalog.-) pg_catalog.age((m.period_end OPERATOR(pg_catalog.+) 1)::timestamp, m.period_start::timestamp) AS date)
    ) p ON true
    -- the same period a year earlier (1.4.-30.9.2024 for 1.4.-30.9.2025; the day after the end
    -- is moved, so a month ending on 29 February has its year-earlier month end on 28 February)
    LEFT JOIN LATERAL (
        SELECT ym.value
        FROM @region@.measurements_as_of(indicator_status_as_of.as_of) ym
        WHERE ym.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
          AND ym.organization_code OPERATOR(pg_catalog.=) m.organization_code
          AND ym.period_start OPERATOR(pg_catalog.=) CAST(m.period_start OPERATOR(pg_catalog.-) interval '1 year' AS date)
          AND ym.period_end OPERATOR(pg_catalog.=)
              (CAST((m.period_end OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.-) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1)
    ) y ON true
    -- a ratio over 1..min_group_size()-1 units (its denominator) is hidden, like every figure
    CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS mg) s
    CROSS JOIN LATERAL (
        SELECT COALESCE(pekefb.denominator(m.value) OPERATOR(pg_catalog.>=) 1
                        AND pekefb.denominator(m.value) OPERATOR(pg_catalog.<) s.mg, false) AS hide,
               COALESCE(pekefb.denominator(p.value) OPERATOR(pg_catalog.>=) 1
                        AND pekefb.denominator(p.value) OPERATOR(pg_catalog.<) s.mg, false) AS hide_previous,
               COALESCE(pekefb.denominator(y.value) OPERATOR(pg_catalog.>=) 1
                        AND pekefb.denominator(y.value) OPERATOR(pg_catalog.<) s.mg, false) AS hide_year
    ) h
    -- a yearly target (one calendar year) and a measurement of part of that year
    CROSS JOIN LATERAL (
        SELECT t.period_start IS NOT NULL
               AND pg_catalog.date_part('month', t.period_start::timestamp) OPERATOR(pg_catalog.=) 1
               AND pg_catalog.date_part('day', t.period_start::timestamp) OPERATOR(pg_catalog.=) 1
               AND t.period_end OPERATOR(pg_catalog.=) (CAST(t.period_start OPERATOR(pg_catalog.+) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1)
               AND (m.period_start OPERATOR(pg_catalog.>) t.period_start OR m.period_end OPERATOR(pg_catalog.<) t.period_end) AS part_of_year
    ) yt
    CROSS JOIN LATERAL (
        SELECT COALESCE(yt.part_of_year, false) AS part_of_year,
               CASE WHEN h.hide THEN 'suppressed'
                    WHEN t.period_start IS NULL THEN 'no target'
                    WHEN t.target IS NULL THEN 'target_pending'
                    WHEN yt.part_of_year THEN 'year_to_date'
                    WHEN pekefb.attained(m.value, t.target) THEN 'met'
                    ELSE 'missed' END AS status
    ) j
    CROSS JOIN LATERAL (
        SELECT CASE WHEN i.higher_is_better IS NULL OR p.value IS NULL OR h.hide OR h.hide_previous THEN NULL
                    WHEN pekefb.value(m.value) OPERATOR(pg_catalog.=) pekefb.value(p.value) THEN 'unchanged'
                    WHEN (pekefb.value(m.value) OPERATOR(pg_catalog.>) pekefb.value(p.value)) OPERATOR(pg_catalog.=) i.higher_is_better
                    THEN 'improving'
                    ELSE 'worsening' END AS trend
    ) tr;
END
$fn$;
COMMENT ON FUNCTION @region@.indicator_status_as_of(timestamptz) IS
    'indicator_status as it stood at a past moment: from the measurements and targets in force then';

-- period_months(period): the length in months of a period kind (month 1, quarter 3,
-- half_year 6, year 12); NULL for anything else.
CREATE FUNCTION @region@.period_months(period text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN period OPERATOR(pg_catalog.=) 'month' THEN 1
                WHEN period OPERATOR(pg_catalog.=) 'quarter' THEN 3
                WHEN period OPERATOR(pg_catalog.=) 'half_year' THEN 6
                WHEN period OPERATOR(pg_catalog.=) 'year' THEN 12 END;
COMMENT ON FUNCTION @region@.period_months(text) IS
    'the length in months of a period kind: month 1, quarter 3, half_year 6, year 12';

-- period_label(period, lang): a period kind in words (fi, sv, en).
CREATE FUNCTION @region@.period_label(period text, lang text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT CASE WHEN lang OPERATOR(pg_catalog.=) 'fi' THEN x.fi WHEN lang OPERATOR(pg_catalog.=) 'sv' THEN x.sv ELSE x.en END
            FROM (VALUES ('month', 'kuukausi', 'månad', 'month'), ('quarter', 'neljännes', 'kvartal', 'quarter'),
                         ('half_year', 'puolivuosi', 'halvår', 'half-year'), ('year', 'vuosi', 'år', 'year')) AS x (period, fi, sv, en)
            WHERE x.period OPERATOR(pg_catalog.=) period_label.period);
COMMENT ON FUNCTION @region@.period_label(text, text) IS 'a period kind (month, quarter, half_year, year) in words in fi, sv or en';

-- date_text(day, lang): a date in words' company: 1.4.2025 in Finnish and Swedish,
-- 2025-04-01 in English, whatever the session's DateStyle.
CREATE FUNCTION @region@.date_text(day date, lang text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN pg_catalog.to_char(day::timestamp,
                              CASE WHEN lang OPERATOR(pg_catalog.=) 'en' THEN 'YYYY-MM-DD' ELSE 'FMDD.FMMM.YYYY' END);
COMMENT ON FUNCTION @region@.date_text(date, text) IS 'a date as text: D.M.YYYY (fi, sv) or YYYY-MM-DD (en), independent of DateStyle';

-- number_text(x, lang): a number rounded to 3 decimals (no trailing zeros), decimal comma in Finnish and Swedish.
CREATE FUNCTION @region@.number_text(x double precision, lang text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN lang OPERATOR(pg_catalog.=) 'en'
                THEN pg_catalog.trim_scale(pg_catalog.round(CAST(x AS numeric), 3))::text
                ELSE pg_catalog.replace(pg_catalog.trim_scale(pg_catalog.round(CAST(x AS numeric), 3))::text, '.', ',') END;
COMMENT ON FUNCTION @region@.number_text(double precision, text) IS 'a number rounded to 3 decimals as text, decimal comma for fi and sv';

-- data_quality_on(judged_on): the problems of the region's data as judged on a day (the
-- data_quality view judges today in the region's time zone).  One row per problem:
--   missing      an obligation's period is over, its due date has passed (before judged_on)
--                and there is no measurement for exactly that period;
--   late         the measurement of an obligation's period was first loaded (its earliest
--                version, measurement_history included; the day in the region's time zone)
--                after the due date;
--   numerator_above_denominator
--                a share (unit %) whose numerator is above its denominator (845/85);
--   period_length
--                a measurement whose period is not whole calendar months (from a 1st to
--                a month's last day) of 1, 3, 6 or 12 months at least as long as the
--                indicator's period (1.1.-17.3. for a yearly indicator);
--   outlier      a value more than 3 scaled MADs (3 x 1.4826 x the median absolute
--                deviation) from the median of the organisation's earlier values of the
--                indicator for periods of the same length, when there are at least 4 of
--                them and their MAD is not 0;
--   non_working_day
--                cases of an access indicator with a working-day deadline marked finished
--                (decided) on a non-working day of the region's calendar, per organisation
--                and calendar year;
--   open_cases_past_due
--                every open case of an access indicator and organisation (at least 3) is
--                past its due date on the extract's date (the latest started or finished
--                day among the indicator's cases): finish dates may be missing.
CREATE FUNCTION @region@.data_quality_on(judged_on date)
    RETURNS TABLE (problem text, indicator_code text, organization_code text, period_start date, period_end date,
                   value_text text, due_date date, loaded_at timestamptz, cases bigint, responsible text,
                   reason_fi text, reason_sv text, reason_en text)
    LANGUAGE plpgsql STABLE
    -- the planner guesses obligations x generated periods far too high; compiling the plan
    -- (JIT) would take longer than running it
    SET jit = off
    -- PL/pgSQL (not BEGIN ATOMIC): its dependencies on the region's tables would be a
    -- cycle with settings for Citus' dependency tracking (distribute_region), and Citus
    -- cannot plan the parameters of a SQL function that is not inlined
    SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH cfg AS (
        SELECT st.time_zone, st.calendar, st.extra_closing_days, st.roll_forward FROM @region@.settings st
    ), expected AS (
        SELECT o.organization_code, o.indicator_code, o.responsible, x.period_start, x.period_end,
               x.period_end OPERATOR(pg_catalog.+) o.due_days AS due_date
        FROM @region@.reporting_obligations o
        CROSS JOIN LATERAL (
            SELECT CAST(g.g AS date) AS period_start,
                   CAST(g.g OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => @region@.period_months(o.periodicity)) AS date)
                       OPERATOR(pg_catalog.-) 1 AS period_end
            FROM pg_catalog.generate_series(o.first_period_start::timestamp, data_quality_on.judged_on::timestamp,
                                            pg_catalog.make_interval(months => @region@.period_months(o.periodicity))) AS g (g)
        ) x
        WHERE x.period_end OPERATOR(pg_catalog.<=) COALESCE(o.last_period_end, x.period_end)
          AND x.period_end OPERATOR(pg_catalog.<) data_quality_on.judged_on
    ), ms AS MATERIALIZED (
        -- the measurements and their first versions read once (on Citus: gathered from the
        -- shards, then compared with each other on the coordinator)
        SELECT m.indicator_code, m.organization_code, m.period_start, m.period_end, m.value, m.loaded_at
        FROM @region@.measurements m
    ), first_versions AS MATERIALIZED (
        SELECT h.indicator_code, h.organization_code, h.period_start, h.period_end,
               pg_catalog.min(h.valid_from) AS valid_from
        FROM @region@.measurement_history h
        GROUP BY h.indicator_code, h.organization_code, h.period_start, h.period_end
    ), reported AS (
        SELECT e.*, m.value, m.loaded_at, LEAST(m.loaded_at, f.valid_from) AS first_loaded_at
        FROM expected e
        LEFT JOIN ms m
               ON m.indicator_code OPERATOR(pg_catalog.=) e.indicator_code
              AND m.organization_code OPERATOR(pg_catalog.=) e.organization_code
              AND m.period_start OPERATOR(pg_catalog.=) e.period_start
              AND m.period_end OPERATOR(pg_catalog.=) e.period_end
        LEFT JOIN first_versions f
               ON f.indicator_code OPERATOR(pg_catalog.=) e.indicator_code
              AND f.organization_code OPERATOR(pg_catalog.=) e.organization_code
              AND f.period_start OPERATOR(pg_catalog.=) e.period_start
              AND f.period_end OPERATOR(pg_catalog.=) e.period_end
    ), measured AS (
        SELECT m.*, i.unit, i.period AS indicator_period, i.name_fi, i.name_sv, i.name_en,
               pekefb.value(m.value) AS v,
               CASE WHEN pg_catalog.date_part('day', m.period_start::timestamp) OPERATOR(pg_catalog.=) 1
                     AND pg_catalog.date_part('day', (m.period_end OPERATOR(pg_catalog.+) 1)::timestamp) OPERATOR(pg_catalog.=) 1
                    THEN CAST((pg_catalog.date_part('year', (m.period_end OPERATOR(pg_catalog.+) 1)::timestamp)
                               OPERATOR(pg_catalog.-) pg_catalog.date_part('year', m.period_start::timestamp))
                              OPERATOR(pg_catalog.*) 12
                              OPERATOR(pg_catalog.+) pg_catalog.date_part('month', (m.period_end OPERATOR(pg_catalog.+) 1)::timestamp)
                              OPERATOR(pg_catalog.-) pg_catalog.date_part('month', m.period_start::timestamp) AS integer)
               END AS months
        FROM ms m
        JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) m.indicator_code
    ), history_stats AS (
        SELECT m.indicator_code, m.organization_code, m.period_start, m.period_end, m.value, m.loaded_at, m.v,
               st.n, st.median, (SELECT pg_catalog.percentile_cont(0.5) WITHIN GROUP (
                                        ORDER BY pg_catalog.abs(pekefb.value(q.value) OPERATOR(pg_catalog.-) st.median))
                                 FROM ms q
                                 WHERE q.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
                                   AND q.organization_code OPERATOR(pg_catalog.=) m.organization_code
                                   AND q.period_end OPERATOR(pg_catalog.<) m.period_start
                                   AND pg_catalog.age((q.period_end OPERATOR(pg_catalog.+) 1)::timestamp, q.period_start::timestamp)
                                       OPERATOR(pg_catalog.=) pg_catalog.age((m.period_end OPERATOR(pg_catalog.+) 1)::timestamp, m.period_start::timestamp)
                                ) AS mad
        FROM measured m
        CROSS JOIN LATERAL (
            SELECT pg_catalog.count(*) AS n,
                   pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY pekefb.value(q.value)) AS median
            FROM ms q
            WHERE q.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
              AND q.organization_code OPERATOR(pg_catalog.=) m.organization_code
              AND q.period_end OPERATOR(pg_catalog.<) m.period_start
              AND pg_catalog.age((q.period_end OPERATOR(pg_catalog.+) 1)::timestamp, q.period_start::timestamp)
                  OPERATOR(pg_catalog.=) pg_catalog.age((m.period_end OPERATOR(pg_catalog.+) 1)::timestamp, m.period_start::timestamp)
        ) st
        WHERE st.n OPERATOR(pg_catalog.>=) 4
    ), extract_dates AS (
        -- the cases are many (on Citus spread over the shards): each figure below is an
        -- aggregate of them, computed where they are
        SELECT c.indicator_code, pg_catalog.max(GREATEST(c.started, c.finished)) AS extracted_on
        FROM @region@.cases c
        JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code
        WHERE i.deadline IS NOT NULL
        GROUP BY c.indicator_code
    ), open_cases AS (
        SELECT c.indicator_code, c.organization_code, x.extracted_on,
               pg_catalog.min(c.started) AS first_started,
               pg_catalog.count(*) AS open,
               pg_catalog.count(*) FILTER (WHERE pekefb.due_date(c.started, i.deadline, st.calendar, st.extra_closing_days, st.roll_forward)
                                                 OPERATOR(pg_catalog.<) x.extracted_on) AS past_due
        FROM @region@.cases c
        JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code
        CROSS JOIN @region@.settings st
        JOIN extract_dates x ON x.indicator_code OPERATOR(pg_catalog.=) c.indicator_code
        WHERE i.deadline IS NOT NULL AND c.finished IS NULL
        GROUP BY c.indicator_code, c.organization_code, x.extracted_on
    ), holidays AS (
        SELECT c.indicator_code, c.organization_code,
               CAST(pg_catalog.date_trunc('year', c.finished::timestamp) AS date) AS year_start,
               pg_catalog.count(*) AS n, pg_catalog.min(c.finished) AS first_day
        FROM @region@.cases c
        JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code
        CROSS JOIN @region@.settings st
        WHERE i.deadline IS NOT NULL AND c.finished IS NOT NULL
          AND pekefb.deadline_unit(i.deadline) OPERATOR(pg_catalog.=) 'working days'
          AND NOT pekefb.is_working_day(c.finished, st.calendar, st.extra_closing_days)
        GROUP BY 1, 2, 3
    )
    SELECT 'missing', r.indicator_code, r.organization_code, r.period_start, r.period_end,
           NULL::text, r.due_date, NULL::timestamptz, NULL::bigint, r.responsible,
           pg_catalog.format('Arvo puuttuu: jakson %s–%s arvo piti toimittaa viimeistään %s.',
                             @region@.date_text(r.period_start, 'fi'), @region@.date_text(r.period_end, 'fi'), @region@.date_text(r.due_date, 'fi')),
           pg_catalog.format('Värde saknas: värdet för perioden %s–%s skulle lämnas senast %s.',
                             @region@.date_text(r.period_start, 'sv'), @region@.date_text(r.period_end, 'sv'), @region@.date_text(r.due_date, 'sv')),
           pg_catalog.format('Missing: the value for %s to %s was due by %s.',
                             @region@.date_text(r.period_start, 'en'), @region@.date_text(r.period_end, 'en'), @region@.date_text(r.due_date, 'en'))
    FROM reported r
    WHERE r.value IS NULL AND r.due_date OPERATOR(pg_catalog.<) data_quality_on.judged_on
    UNION ALL
    SELECT 'late', r.indicator_code, r.organization_code, r.period_start, r.period_end,
           r.value::text, r.due_date, r.first_loaded_at, NULL::bigint, r.responsible,
           pg_catalog.format('Myöhässä: jakson %s–%s arvo saapui %s, määräpäivä oli %s.',
                             @region@.date_text(r.period_start, 'fi'), @region@.date_text(r.period_end, 'fi'),
                             @region@.date_text(CAST(pg_catalog.timezone(cfg.time_zone, r.first_loaded_at) AS date), 'fi'),
                             @region@.date_text(r.due_date, 'fi')),
           pg_catalog.format('Försenat: värdet för perioden %s–%s kom %s, sista dag var %s.',
                             @region@.date_text(r.period_start, 'sv'), @region@.date_text(r.period_end, 'sv'),
                             @region@.date_text(CAST(pg_catalog.timezone(cfg.time_zone, r.first_loaded_at) AS date), 'sv'),
                             @region@.date_text(r.due_date, 'sv')),
           pg_catalog.format('Late: the value for %s to %s arrived on %s, it was due by %s.',
                             @region@.date_text(r.period_start, 'en'), @region@.date_text(r.period_end, 'en'),
                             @region@.date_text(CAST(pg_catalog.timezone(cfg.time_zone, r.first_loaded_at) AS date), 'en'),
                             @region@.date_text(r.due_date, 'en'))
    FROM reported r CROSS JOIN cfg
    WHERE r.value IS NOT NULL
      AND CAST(pg_catalog.timezone(cfg.time_zone, r.first_loaded_at) AS date) OPERATOR(pg_catalog.>) r.due_date
    UNION ALL
    SELECT 'numerator_above_denominator', m.indicator_code, m.organization_code, m.period_start, m.period_end,
           m.value::text, NULL::date, m.loaded_at, NULL::bigint, NULL::text,
           pg_catalog.format('Osoittaja on suurempi kuin nimittäjä (%s): osuus ei voi olla yli 100 %%.', m.value::text),
           pg_catalog.format('Täljaren är större än nämnaren (%s): en andel kan inte vara över 100 %%.', m.value::text),
           pg_catalog.format('The numerator is above the denominator (%s): a share cannot exceed 100 %%.', m.value::text)
    FROM measured m
    WHERE m.unit OPERATOR(pg_catalog.=) '%' AND pekefb.is_ratio(m.value)
      AND pekefb.numerator(m.value) OPERATOR(pg_catalog.>) pekefb.denominator(m.value)
    UNION ALL
    SELECT 'period_length', m.indicator_code, m.organization_code, m.period_start, m.period_end,
           m.value::text, NULL::date, m.loaded_at, NULL::bigint, NULL::text,
           pg_catalog.format('Jakso %s–%s ei ole indikaattorin jakso (%s): odotettiin kokonaisia kuukausia, %s kk tai pidempi.',
                             @region@.date_text(m.period_start, 'fi'), @region@.date_text(m.period_end, 'fi'),
                             @region@.period_label(m.indicator_period, 'fi'),
                             @region@.period_months(m.indicator_period)),
           pg_catalog.format('Perioden %s–%s är inte indikatorns period (%s): hela månader väntades, %s mån. eller längre.',
                             @region@.date_text(m.period_start, 'sv'), @region@.date_text(m.period_end, 'sv'),
                             @region@.period_label(m.indicator_period, 'sv'),
                             @region@.period_months(m.indicator_period)),
           pg_catalog.format('The period %s to %s is not the indicator''s period (%s): whole months were expected, %s or more.',
                             @region@.date_text(m.period_start, 'en'), @region@.date_text(m.period_end, 'en'),
                             @region@.period_label(m.indicator_period, 'en'),
                             CASE WHEN @region@.period_months(m.indicator_period) OPERATOR(pg_catalog.=) 1 THEN '1 month'
                                  ELSE pg_catalog.format('%s months', @region@.period_months(m.indicator_period)) END)
    FROM measured m
    WHERE m.months IS NULL
       OR NOT m.months OPERATOR(pg_catalog.=) ANY (ARRAY[1, 3, 6, 12])
       OR m.months OPERATOR(pg_catalog.<) @region@.period_months(m.indicator_period)
    UNION ALL
    SELECT 'outlier', h.indicator_code, h.organization_code, h.period_start, h.period_end,
           h.value::text, NULL::date, h.loaded_at, NULL::bigint, NULL::text,
           pg_catalog.format('Arvo %s poikkeaa organisaation aiemmista arvoista: niiden %s arvon mediaani on %s ja MAD %s (sääntö: yli 3 × 1,4826 × MAD mediaanista).',
                             @region@.number_text(h.v, 'fi'), h.n, @region@.number_text(h.median, 'fi'), @region@.number_text(h.mad, 'fi')),
           pg_catalog.format('Värdet %s avviker från organisationens tidigare värden: medianen av deras %s värden är %s och MAD %s (regel: mer än 3 × 1,4826 × MAD från medianen).',
                             @region@.number_text(h.v, 'sv'), h.n, @region@.number_text(h.median, 'sv'), @region@.number_text(h.mad, 'sv')),
           pg_catalog.format('The value %s is far from the organisation''s earlier values: the median of their %s values is %s and the MAD %s (rule: more than 3 x 1.4826 x MAD from the median).',
                             @region@.number_text(h.v, 'en'), h.n, @region@.number_text(h.median, 'en'), @region@.number_text(h.mad, 'en'))
    FROM history_stats h
    WHERE h.mad OPERATOR(pg_catalog.>) 0
      AND pg_catalog.abs(h.v OPERATOR(pg_catalog.-) h.median) OPERATOR(pg_catalog.>) (CAST(4.4478 AS double precision) OPERATOR(pg_catalog.*) h.mad)
    UNION ALL
    SELECT 'non_working_day', w.indicator_code, w.organization_code, w.year_start,
           CAST(w.year_start OPERATOR(pg_catalog.+) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1,
           NULL::text, NULL::date, NULL::timestamptz, w.n, NULL::text,
           pg_catalog.format('Vapaapäivänä ratkaistuja tapauksia: %s (ensimmäinen %s); tarkista päivämäärät.',
                             w.n, @region@.date_text(w.first_day, 'fi')),
           pg_catalog.format('Ärenden avgjorda på en fridag: %s (det första %s); kontrollera datumen.',
                             w.n, @region@.date_text(w.first_day, 'sv')),
           pg_catalog.format('Cases marked decided on a non-working day: %s (the first on %s); check the dates.',
                             w.n, @region@.date_text(w.first_day, 'en'))
    FROM holidays w
    UNION ALL
    SELECT 'open_cases_past_due', oc.indicator_code, oc.organization_code, oc.first_started, oc.extracted_on,
           NULL::text, NULL::date, NULL::timestamptz, oc.open, NULL::text,
           pg_catalog.format('Kaikki avoimet tapaukset (%s) ovat yli määräajan poiminnan päivänä %s: puuttuuko poiminnasta valmistumispäiviä?',
                             oc.open, @region@.date_text(oc.extracted_on, 'fi')),
           pg_catalog.format('Alla öppna ärenden (%s) har passerat tidsfristen på uttagsdagen %s: saknar uttaget avslutsdatum?',
                             oc.open, @region@.date_text(oc.extracted_on, 'sv')),
           pg_catalog.format('All open cases (%s) are past their due date on the extract''s date %s: are finish dates missing from the extract?',
                             oc.open, @region@.date_text(oc.extracted_on, 'en'))
    FROM open_cases oc
    WHERE oc.open OPERATOR(pg_catalog.>=) 3 AND oc.past_due OPERATOR(pg_catalog.=) oc.open;
END
$fn$;
COMMENT ON FUNCTION @region@.data_quality_on(date) IS
    'missing, late and implausible figures as judged on a day, each with its reason in Finnish, Swedish and English (rules: doc/quality.md)';

-- data_quality: data_quality_on today, in the region's time zone.
CREATE VIEW @region@.data_quality WITH (security_invoker = true) AS
SELECT q.problem,
       q.indicator_code,
       q.organization_code,
       q.period_start,
       q.period_end,
       q.value_text,
       q.due_date,
       q.loaded_at,
       q.cases,
       q.responsible,
       CAST(pg_catalog.timezone(s.time_zone, pg_catalog.now()) AS date) AS judged_on,
       pekefb.localized(q.reason_fi, q.reason_sv, q.reason_en) AS reason,
       q.reason_fi,
       q.reason_sv,
       q.reason_en
FROM @region@.settings s
CROSS JOIN LATERAL @region@.data_quality_on(CAST(pg_catalog.timezone(s.time_zone, pg_catalog.now()) AS date)) q;
COMMENT ON VIEW @region@.data_quality IS
    'missing, late and implausible figures judged today (region time zone): one row per problem with its reason in words; rules in doc/quality.md';
COMMENT ON COLUMN @region@.data_quality.problem IS 'missing, late, numerator_above_denominator, period_length, outlier, non_working_day or open_cases_past_due';
COMMENT ON COLUMN @region@.data_quality.indicator_code IS 'the indicator (indicators.code)';
COMMENT ON COLUMN @region@.data_quality.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.data_quality.period_start IS 'first day of the period concerned (for case problems: the calendar year, or the first open case''s start)';
COMMENT ON COLUMN @region@.data_quality.period_end IS 'last day of the period concerned (for open_cases_past_due: the extract''s date)';
COMMENT ON COLUMN @region@.data_quality.value_text IS 'the measured value as text, e.g. 845/85; NULL where no measurement is concerned';
COMMENT ON COLUMN @region@.data_quality.due_date IS 'missing and late: the day the figure was due (reporting_obligations.due_days after the period)';
COMMENT ON COLUMN @region@.data_quality.loaded_at IS 'when the measurement was written (late: its first version)';
COMMENT ON COLUMN @region@.data_quality.cases IS 'case problems: the number of cases concerned';
COMMENT ON COLUMN @region@.data_quality.responsible IS 'missing and late: who reports the figure (reporting_obligations.responsible)';
COMMENT ON COLUMN @region@.data_quality.judged_on IS 'the day the data are judged on: today in the region''s time zone';
COMMENT ON COLUMN @region@.data_quality.reason IS 'the reason in words in pekefb.language (fi, sv, en)';
COMMENT ON COLUMN @region@.data_quality.reason_fi IS 'the reason in Finnish';
COMMENT ON COLUMN @region@.data_quality.reason_sv IS 'the reason in Swedish';
COMMENT ON COLUMN @region@.data_quality.reason_en IS 'the reason in English';
