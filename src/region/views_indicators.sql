-- indicator_status: each measurement with its indicator, organisation, the target in force,
-- the previous period's value and the same period a year earlier.  Label columns follow
-- pekefb.language (fi, sv, en).
--
-- The target in force for a measurement is the organisation's own target whose period
-- contains the measurement's period, else the region's (organization_code NULL); where
-- several contain it, the narrowest period wins.  The previous period is the one of the
-- same length that ends the day before this one starts (previous year, half-year, quarter
-- or month); the same period a year earlier starts and ends a year before.  One row per
-- measurement: nothing is added up, so an organisation's row is its figure as loaded
-- (refresh_access_measurements loads figures that include the organisation's
-- sub-organisations, like THL's area figures).
--
-- Status rules (issue 11, doc/thl.md):
--   target_pending  the target row exists but its level is to be set later (target NULL);
--   year_to_date    the target is a yearly one (its period is one calendar year) and the
--                   measurement covers only part of that year (a quarter, a half-year,
--                   1.1.-30.9.): the year's value judges the year, a part is shown against
--                   the target (attainment) but neither met nor missed;
--   met / missed    otherwise, against the target in force;
--   no target       no target row.
-- trend compares with the previous period by indicators.higher_is_better: improving,
-- worsening or unchanged (NULL when the direction is not stated or there is no previous
-- value), so an indicator without a target is judged too.
--
-- Privacy (issue 10, doc/partners.md): an own-data view (security_invoker: row-level
-- security shows a member its organisations' rows only).  A ratio over 1..min_group_size()-1
-- units (its denominator) is suppressed: its value, the figures computed from it (attained,
-- attainment, change, trend) and its status; the previous and year-earlier values by their
-- own denominators.
CREATE VIEW @region@.indicator_status WITH (security_invoker = true) AS
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
FROM @region@.measurements m
JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) m.indicator_code
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) m.organization_code
LEFT JOIN LATERAL (
    SELECT tg.target, tg.period_start, tg.period_end
    FROM @region@.targets tg
    WHERE tg.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
      AND (tg.organization_code OPERATOR(pg_catalog.=) m.organization_code OR tg.organization_code IS NULL)
      AND tg.period_start OPERATOR(pg_catalog.<=) m.period_start
      AND tg.period_end OPERATOR(pg_catalog.>=) m.period_end
    ORDER BY tg.organization_code IS NULL, tg.period_end OPERATOR(pg_catalog.-) tg.period_start
    LIMIT 1
) t ON true
LEFT JOIN LATERAL (
    SELECT pm.value
    FROM @region@.measurements pm
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
    FROM @region@.measurements ym
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
COMMENT ON VIEW @region@.indicator_status IS
    'own-data view (security_invoker: a member sees its organisations'' rows only): one row per measurement (indicator, organisation, period): its target in force, attainment, status (met, missed, year_to_date, target_pending, no target), the trend against the previous period and the same period a year earlier; nothing is added up, an organisation''s row is its figure as loaded';
COMMENT ON COLUMN @region@.indicator_status.indicator_code IS 'the indicator (indicators.code)';
COMMENT ON COLUMN @region@.indicator_status.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.indicator_status.period_start IS 'first day of the measurement''s period (inclusive)';
COMMENT ON COLUMN @region@.indicator_status.period_end IS 'last day of the measurement''s period (inclusive)';
COMMENT ON COLUMN @region@.indicator_status.indicator_name IS 'indicator name in pekefb.language (fi, sv, en; Finnish where a translation is missing)';
COMMENT ON COLUMN @region@.indicator_status.organization_name IS 'organisation name in pekefb.language (fi, sv; en uses the Finnish name)';
COMMENT ON COLUMN @region@.indicator_status.theme IS 'the indicator''s theme';
COMMENT ON COLUMN @region@.indicator_status.value IS 'the measured value as a number: a ratio''s quotient (a share as a fraction of one), days, or a count';
COMMENT ON COLUMN @region@.indicator_status.numerator IS 'numerator of a ratio value (NULL for a quantity)';
COMMENT ON COLUMN @region@.indicator_status.denominator IS 'denominator of a ratio value (NULL for a quantity)';
COMMENT ON COLUMN @region@.indicator_status.unit IS 'unit of value and target_value: % (fraction of one), d (days) or empty';
COMMENT ON COLUMN @region@.indicator_status.value_text IS 'the measured value as text, e.g. 698/788 or 4.78 d';
COMMENT ON COLUMN @region@.indicator_status.target_text IS 'the target in force as text, e.g. >= 90%; NULL when there is none or its level is to be set later';
COMMENT ON COLUMN @region@.indicator_status.target_value IS 'the target level as a number in the unit of value (a range''s lower bound); NULL when there is none';
COMMENT ON COLUMN @region@.indicator_status.attained IS 'true when the value meets the target; NULL without a target level or when status is year_to_date (a part of the year is not judged)';
COMMENT ON COLUMN @region@.indicator_status.attainment IS 'progress towards the target, 1 = reached (doc/targets.md); NULL without a target';
COMMENT ON COLUMN @region@.indicator_status.status IS 'met, missed, year_to_date (part of the year of a yearly target: not judged), target_pending (target level to be set later), no target, or suppressed (a ratio over fewer than min_group_size() units)';
COMMENT ON COLUMN @region@.indicator_status.status_label IS 'status in pekefb.language';
COMMENT ON COLUMN @region@.indicator_status.previous_value IS 'value of the previous period of the same length (ending the day before period_start); NULL if not measured';
COMMENT ON COLUMN @region@.indicator_status.change IS 'value - previous_value';
COMMENT ON COLUMN @region@.indicator_status.source IS 'where the figure comes from (measurements.source)';
COMMENT ON COLUMN @region@.indicator_status.loaded_at IS 'when the measurement was last written';
COMMENT ON COLUMN @region@.indicator_status.trend IS 'improving, worsening or unchanged against previous_value by higher_is_better; NULL when the direction is not stated or there is no previous value';
COMMENT ON COLUMN @region@.indicator_status.trend_label IS 'trend in pekefb.language';
COMMENT ON COLUMN @region@.indicator_status.higher_is_better IS 'the indicator''s direction (indicators.higher_is_better): true higher is better, false lower is, NULL not stated';
COMMENT ON COLUMN @region@.indicator_status.year_earlier_value IS 'value of the same period a year earlier (e.g. 1.4.-30.9.2024 for 1.4.-30.9.2025); NULL if not measured';
COMMENT ON COLUMN @region@.indicator_status.change_from_year_earlier IS 'value - year_earlier_value';
COMMENT ON COLUMN @region@.indicator_status.target_period_start IS 'first day of the period of the target in force (a yearly target: 1 January); NULL without a target row';
COMMENT ON COLUMN @region@.indicator_status.target_period_end IS 'last day of that period';
COMMENT ON COLUMN @region@.indicator_status.suppressed IS 'true when the value is a ratio whose denominator is 1..min_group_size()-1: value, numerator, denominator, value_text, attained, attainment, change, trend and change_from_year_earlier hidden';
