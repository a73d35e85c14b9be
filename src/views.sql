-- views: what analysts query and BI tools read, and the function that turns raw cases into
-- measurements.  Every view column has a standard type (text, bigint, double
-- precision, boolean, date, timestamptz): Power BI, Metabase, Excel and Grafana read them
-- without knowing pekefb's types.  Label columns follow pekefb.language (fi, sv, en).

-- indicator_status: each measurement with its indicator, organisation, the target in force
-- and the previous period's value.
--
-- The target in force for a measurement is the organisation's own target whose period
-- contains the measurement's period, else the region's (organization_code NULL); where
-- several contain it, the narrowest period wins.  The previous period is the one of the
-- same length that ends the day before this one starts (previous year, half-year, quarter
-- or month).
CREATE VIEW @extschema@.indicator_status AS
SELECT
    m.indicator_code,
    m.organization_code,
    m.period_start,
    m.period_end,
    @extschema@.localized(i.name_fi, i.name_sv, i.name_en) AS indicator_name,
    @extschema@.localized(o.name_fi, o.name_sv) AS organization_name,
    i.theme,
    @extschema@.value(m.value)                               AS value,
    @extschema@.numerator(m.value)                           AS numerator,
    @extschema@.denominator(m.value)                         AS denominator,
    i.unit,
    m.value::text                                            AS value_text,
    t.target::text                                           AS target,
    @extschema@.target_value(t.target)                       AS target_value,
    @extschema@.attained(m.value, t.target)                  AS attained,
    @extschema@.attainment(m.value, t.target)                AS attainment,
    CASE WHEN t.target IS NULL THEN 'no target'
         WHEN @extschema@.attained(m.value, t.target) THEN 'met'
         ELSE 'missed' END                                   AS status,
    CASE WHEN t.target IS NULL THEN
             @extschema@.localized('ei tavoitetta', 'inget mål', 'no target')
         WHEN @extschema@.attained(m.value, t.target) THEN
             @extschema@.localized('saavutettu', 'uppnått', 'met')
         ELSE
             @extschema@.localized('ei saavutettu', 'inte uppnått', 'missed')
    END                                                      AS status_label,
    @extschema@.value(p.value)                               AS previous_value,
    @extschema@.value(m.value) OPERATOR(pg_catalog.-) @extschema@.value(p.value) AS change,
    m.source,
    m.loaded_at
FROM @extschema@.measurements m
JOIN @extschema@.indicators i ON i.code OPERATOR(pg_catalog.=) m.indicator_code
JOIN @extschema@.organizations o ON o.code OPERATOR(pg_catalog.=) m.organization_code
LEFT JOIN LATERAL (
    SELECT tg.target
    FROM @extschema@.targets tg
    WHERE tg.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
      AND (tg.organization_code OPERATOR(pg_catalog.=) m.organization_code OR tg.organization_code IS NULL)
      AND tg.period_start OPERATOR(pg_catalog.<=) m.period_start
      AND tg.period_end OPERATOR(pg_catalog.>=) m.period_end
    ORDER BY tg.organization_code IS NULL, tg.period_end OPERATOR(pg_catalog.-) tg.period_start
    LIMIT 1
) t ON true
LEFT JOIN LATERAL (
    SELECT pm.value
    FROM @extschema@.measurements pm
    WHERE pm.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
      AND pm.organization_code OPERATOR(pg_catalog.=) m.organization_code
      AND pm.period_end OPERATOR(pg_catalog.=) (m.period_start OPERATOR(pg_catalog.-) 1)
      AND pm.period_start OPERATOR(pg_catalog.=)
          CAST(m.period_start OPERATOR(pg_catalog.-)
               pg_catalog.age(m.period_end OPERATOR(pg_catalog.+) 1, m.period_start) AS date)
) p ON true;
COMMENT ON VIEW @extschema@.indicator_status IS
    'each measurement with its target in force, attainment, status (met, missed, no target) and the previous period''s value';

-- access_summary: access indicators computed from the raw cases, per organisation (its
-- sub-organisations included) and per month and quarter of the day the matter became
-- pending.  The state is today's: cases still open past their due date count as late.
CREATE VIEW @extschema@.access_summary AS
WITH c AS (
    SELECT c.indicator_code, a.ancestor_code AS organization_code, c.started, c.finished,
           i.deadline, @extschema@.due_date(c.started, i.deadline) AS due
    FROM @extschema@.cases c
    JOIN @extschema@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code AND i.deadline IS NOT NULL
    JOIN @extschema@.organization_ancestors a ON a.organization_code OPERATOR(pg_catalog.=) c.organization_code
),
g AS (
    SELECT c.indicator_code, c.organization_code, p.period,
           p.period_start,
           CAST(p.period_start OPERATOR(pg_catalog.+)
                CASE WHEN p.period OPERATOR(pg_catalog.=) 'month' THEN interval '1 month' ELSE interval '3 months' END
                AS date) OPERATOR(pg_catalog.-) 1 AS period_end,
           pg_catalog.min(c.deadline::text)                                       AS deadline,
           pg_catalog.count(*)                                                    AS cases,
           pg_catalog.count(c.finished)                                           AS finished,
           pg_catalog.count(*) FILTER (WHERE c.finished OPERATOR(pg_catalog.<=) c.due) AS on_time,
           pg_catalog.count(*) FILTER (WHERE c.finished OPERATOR(pg_catalog.>) c.due)  AS late,
           pg_catalog.count(*) FILTER (WHERE c.finished IS NULL
                                         AND c.due OPERATOR(pg_catalog.<) CURRENT_DATE) AS open_past_due,
           pg_catalog.count(*) FILTER (WHERE c.finished IS NULL
                                         AND c.due OPERATOR(pg_catalog.>=) CURRENT_DATE) AS open_within,
           @extschema@.wait_agg(c.finished OPERATOR(pg_catalog.-) c.started)      AS waits
    FROM c
    CROSS JOIN LATERAL (VALUES
        ('month',   CAST(pg_catalog.date_trunc('month', c.started) AS date)),
        ('quarter', CAST(pg_catalog.date_trunc('quarter', c.started) AS date))
    ) AS p (period, period_start)
    GROUP BY c.indicator_code, c.organization_code, p.period, p.period_start
)
SELECT
    g.indicator_code,
    g.organization_code,
    g.period,
    g.period_start,
    g.period_end,
    @extschema@.localized(i.name_fi, i.name_sv, i.name_en) AS indicator_name,
    @extschema@.localized(o.name_fi, o.name_sv) AS organization_name,
    g.deadline,
    g.cases,
    g.finished,
    CASE WHEN NOT s.suppressed THEN g.on_time END                               AS on_time,
    CASE WHEN NOT s.suppressed THEN g.late END                                  AS late,
    CASE WHEN NOT s.suppressed THEN g.open_past_due END                         AS open_past_due,
    CASE WHEN NOT s.suppressed THEN g.open_within END                           AS open_within,
    CASE WHEN NOT s.suppressed
              AND g.on_time OPERATOR(pg_catalog.+) g.late OPERATOR(pg_catalog.+) g.open_past_due
                  OPERATOR(pg_catalog.>) 0
         THEN g.on_time::double precision OPERATOR(pg_catalog./)
              (g.on_time OPERATOR(pg_catalog.+) g.late OPERATOR(pg_catalog.+) g.open_past_due) END AS rate,
    CASE WHEN NOT s.suppressed THEN @extschema@.wait_percentile(g.waits, 0.5)::bigint END AS median_wait,
    CASE WHEN NOT s.suppressed THEN @extschema@.wait_percentile(g.waits, 0.9)::bigint END AS p90_wait,
    s.suppressed
FROM g
JOIN @extschema@.indicators i ON i.code OPERATOR(pg_catalog.=) g.indicator_code
JOIN @extschema@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
CROSS JOIN LATERAL (
    SELECT g.cases OPERATOR(pg_catalog.<) @extschema@.min_group_size() AS suppressed
) s;
COMMENT ON VIEW @extschema@.access_summary IS
    'access indicators from raw cases per organisation, month and quarter of vireilletulo: cases, on time, late, open past due, rate, median and 90th percentile wait (days); small groups suppressed';

-- refresh_access_measurements: writes the measurements of every access indicator for one
-- period from the raw cases, for every organisation with cases (its sub-organisations
-- included).  Cases count in the period in which they finished (THL's completion share);
-- with count_by => 'started', in the period in which they became pending, judged as of
-- as_of (finished later = still open; open past due = late; open within the limit = left
-- out).  The value is the ratio on time / counted.  indicator_codes limits the run to
-- those access indicators (NULL = all).  Idempotent: the period's earlier rows from this
-- function are replaced.  Returns the number of rows written.
CREATE FUNCTION @extschema@.refresh_access_measurements(
    period_start date, period_end date,
    indicator_codes text[] DEFAULT NULL,
    count_by text DEFAULT 'finished', as_of date DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    written bigint;
    judged_on date := COALESCE(as_of, CURRENT_DATE);
BEGIN
    IF period_start IS NULL OR period_end IS NULL OR period_end OPERATOR(pg_catalog.<) period_start THEN
        RAISE EXCEPTION 'invalid period: % .. %', period_start, period_end
            USING ERRCODE = '22023', DETAIL = 'Expected two dates with period_end on or after period_start.';
    END IF;
    IF count_by IS NULL OR NOT (count_by OPERATOR(pg_catalog.=) ANY (ARRAY['finished', 'started'])) THEN
        RAISE EXCEPTION 'invalid count_by: "%"', count_by
            USING ERRCODE = '22023', DETAIL = 'Expected ''finished'' or ''started''.';
    END IF;

    DELETE FROM @extschema@.measurements m
    USING @extschema@.indicators i
    WHERE i.code OPERATOR(pg_catalog.=) m.indicator_code AND i.deadline IS NOT NULL
      AND (indicator_codes IS NULL OR i.code OPERATOR(pg_catalog.=) ANY (indicator_codes))
      AND m.period_start OPERATOR(pg_catalog.=) refresh_access_measurements.period_start
      AND m.period_end OPERATOR(pg_catalog.=) refresh_access_measurements.period_end
      AND m.source OPERATOR(pg_catalog.=) 'pekefb.cases';

    INSERT INTO @extschema@.measurements
        (indicator_code, organization_code, period_start, period_end, value, source)
    SELECT x.indicator_code, x.organization_code,
           refresh_access_measurements.period_start, refresh_access_measurements.period_end,
           CAST(x.on_time OPERATOR(pg_catalog.||) '/' OPERATOR(pg_catalog.||) x.counted AS @extschema@.indicator),
           'pekefb.cases'
    FROM (
        SELECT c.indicator_code, a.ancestor_code AS organization_code,
               pg_catalog.count(*) FILTER (
                   WHERE c.finished OPERATOR(pg_catalog.<=) @extschema@.due_date(c.started, i.deadline)
                     AND (count_by OPERATOR(pg_catalog.=) 'finished'
                          OR c.finished OPERATOR(pg_catalog.<=) judged_on)) AS on_time,
               pg_catalog.count(*) FILTER (
                   WHERE count_by OPERATOR(pg_catalog.=) 'finished'
                      OR c.finished OPERATOR(pg_catalog.<=) judged_on
                      OR judged_on OPERATOR(pg_catalog.>) @extschema@.due_date(c.started, i.deadline)) AS counted
        FROM @extschema@.cases c
        JOIN @extschema@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code AND i.deadline IS NOT NULL
        JOIN @extschema@.organization_ancestors a ON a.organization_code OPERATOR(pg_catalog.=) c.organization_code
        WHERE (indicator_codes IS NULL OR i.code OPERATOR(pg_catalog.=) ANY (indicator_codes))
          AND CASE WHEN count_by OPERATOR(pg_catalog.=) 'finished'
                   THEN c.finished OPERATOR(pg_catalog.>=) refresh_access_measurements.period_start
                        AND c.finished OPERATOR(pg_catalog.<=) refresh_access_measurements.period_end
                   ELSE c.started OPERATOR(pg_catalog.>=) refresh_access_measurements.period_start
                        AND c.started OPERATOR(pg_catalog.<=) refresh_access_measurements.period_end
                        AND c.started OPERATOR(pg_catalog.<=) judged_on
              END
        GROUP BY c.indicator_code, a.ancestor_code
    ) x
    WHERE x.counted OPERATOR(pg_catalog.>) 0;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$fn$;
COMMENT ON FUNCTION @extschema@.refresh_access_measurements(date, date, text[], text, date) IS
    'writes access indicators'' measurements (on time / counted) for one period from pekefb.cases; idempotent';

-- organization_overview: qualitative and quantitative information side by side, per
-- organisation and calendar year: how many indicators met their targets, the feedback
-- figures and the most frequent themes of the organisation's feedback.
CREATE VIEW @extschema@.organization_overview AS
WITH ind AS (
    SELECT s.organization_code,
           CAST(pg_catalog.date_trunc('year', s.period_start) AS date) AS period_start,
           pg_catalog.count(*) FILTER (WHERE s.status OPERATOR(pg_catalog.<>) 'no target') AS indicators_with_target,
           pg_catalog.count(*) FILTER (WHERE s.status OPERATOR(pg_catalog.=) 'met')         AS indicators_met,
           pg_catalog.count(*) FILTER (WHERE s.status OPERATOR(pg_catalog.=) 'missed')      AS indicators_missed,
           pg_catalog.avg(s.attainment)                               AS mean_attainment
    FROM @extschema@.indicator_status s
    WHERE pg_catalog.date_part('year', s.period_start) OPERATOR(pg_catalog.=) pg_catalog.date_part('year', s.period_end)
    GROUP BY 1, 2
),
fb AS (
    SELECT f.organization_code,
           CAST(pg_catalog.date_trunc('year', f.received_at) AS date) AS period_start,
           pg_catalog.count(*)              AS responses,
           @extschema@.nps(f.response)      AS nps,
           pg_catalog.count(f.comment)      AS comments
    FROM @extschema@.feedback_responses f
    GROUP BY 1, 2
),
th AS (
    SELECT x.organization_code, x.period_start,
           pg_catalog.string_agg(x.theme OPERATOR(pg_catalog.||) ' (' OPERATOR(pg_catalog.||) x.mentions
                                 OPERATOR(pg_catalog.||) ')', ', '
                                 ORDER BY x.mentions DESC, x.theme) AS top_themes
    FROM (
        SELECT f.organization_code,
               CAST(pg_catalog.date_trunc('year', f.received_at) AS date) AS period_start,
               t.theme, pg_catalog.count(*) AS mentions,
               pg_catalog.row_number() OVER (
                   PARTITION BY f.organization_code, CAST(pg_catalog.date_trunc('year', f.received_at) AS date)
                   ORDER BY pg_catalog.count(*) DESC, t.theme) AS rank
        FROM @extschema@.feedback_responses f
        CROSS JOIN LATERAL pg_catalog.unnest(f.themes) AS t (theme)
        GROUP BY 1, 2, 3
    ) x
    WHERE x.rank OPERATOR(pg_catalog.<=) 3
    GROUP BY 1, 2
)
SELECT
    k.organization_code,
    @extschema@.localized(o.name_fi, o.name_sv) AS organization_name,
    k.period_start,
    CAST(k.period_start OPERATOR(pg_catalog.+) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1 AS period_end,
    COALESCE(ind.indicators_with_target, 0)                              AS indicators_with_target,
    COALESCE(ind.indicators_met, 0)                                      AS indicators_met,
    COALESCE(ind.indicators_missed, 0)                                   AS indicators_missed,
    CASE WHEN ind.indicators_with_target OPERATOR(pg_catalog.>) 0
         THEN ind.indicators_met::double precision OPERATOR(pg_catalog./) ind.indicators_with_target END AS share_met,
    ind.mean_attainment,
    COALESCE(fb.responses, 0)                                            AS responses,
    CASE WHEN NOT s.suppressed THEN fb.nps END                           AS nps,
    CASE WHEN NOT s.suppressed THEN fb.comments END                      AS comments,
    CASE WHEN NOT s.suppressed THEN th.top_themes END                    AS top_themes,
    s.suppressed
FROM (SELECT organization_code, period_start FROM ind
      UNION SELECT organization_code, period_start FROM fb) k
JOIN @extschema@.organizations o ON o.code OPERATOR(pg_catalog.=) k.organization_code
LEFT JOIN ind ON ind.organization_code OPERATOR(pg_catalog.=) k.organization_code
             AND ind.period_start OPERATOR(pg_catalog.=) k.period_start
LEFT JOIN fb  ON fb.organization_code OPERATOR(pg_catalog.=) k.organization_code
             AND fb.period_start OPERATOR(pg_catalog.=) k.period_start
LEFT JOIN th  ON th.organization_code OPERATOR(pg_catalog.=) k.organization_code
             AND th.period_start OPERATOR(pg_catalog.=) k.period_start
CROSS JOIN LATERAL (
    SELECT COALESCE(fb.responses, 0) OPERATOR(pg_catalog.>=) 1
       AND COALESCE(fb.responses, 0) OPERATOR(pg_catalog.<=) (@extschema@.min_group_size() OPERATOR(pg_catalog.-) 1)
           AS suppressed
) s;
COMMENT ON VIEW @extschema@.organization_overview IS
    'per organisation and year: indicators met and missed next to feedback responses, NPS and the most frequent themes';

