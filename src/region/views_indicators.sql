-- indicator_status: each measurement with its indicator, organisation, the target in force
-- and the previous period's value.  Label columns follow pekefb.language (fi, sv, en).
--
-- The target in force for a measurement is the organisation's own target whose period
-- contains the measurement's period, else the region's (organization_code NULL); where
-- several contain it, the narrowest period wins.  The previous period is the one of the
-- same length that ends the day before this one starts (previous year, half-year, quarter
-- or month).  One row per measurement: nothing is added up, so an organisation's row is
-- its figure as loaded (refresh_access_measurements loads figures that include the
-- organisation's sub-organisations, like THL's area figures).
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
    CASE WHEN NOT h.hide THEN pekefb.attained(m.value, t.target) END   AS attained,
    CASE WHEN NOT h.hide THEN pekefb.attainment(m.value, t.target) END AS attainment,
    CASE WHEN h.hide THEN 'suppressed'
         WHEN t.target IS NULL THEN 'no target'
         WHEN pekefb.attained(m.value, t.target) THEN 'met'
         ELSE 'missed' END                              AS status,
    CASE WHEN h.hide THEN
             pekefb.localized('salattu', 'skyddad', 'suppressed')
         WHEN t.target IS NULL THEN
             pekefb.localized('ei tavoitetta', 'inget mål', 'no target')
         WHEN pekefb.attained(m.value, t.target) THEN
             pekefb.localized('saavutettu', 'uppnått', 'met')
         ELSE
             pekefb.localized('ei saavutettu', 'inte uppnått', 'missed')
    END                                                 AS status_label,
    CASE WHEN NOT h.hide_previous THEN pekefb.value(p.value) END AS previous_value,
    CASE WHEN NOT h.hide AND NOT h.hide_previous THEN pekefb.value(m.value) OPERATOR(pg_catalog.-) pekefb.value(p.value) END AS change,
    m.source,
    m.loaded_at,
    h.hide                                              AS suppressed
FROM @region@.measurements m
JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) m.indicator_code
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) m.organization_code
LEFT JOIN LATERAL (
    SELECT tg.target
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
-- a ratio over 1..min_group_size()-1 units (its denominator) is hidden, like every figure
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS mg) s
CROSS JOIN LATERAL (
    SELECT COALESCE(pekefb.denominator(m.value) OPERATOR(pg_catalog.>=) 1
                    AND pekefb.denominator(m.value) OPERATOR(pg_catalog.<) s.mg, false) AS hide,
           COALESCE(pekefb.denominator(p.value) OPERATOR(pg_catalog.>=) 1
                    AND pekefb.denominator(p.value) OPERATOR(pg_catalog.<) s.mg, false) AS hide_previous
) h;
COMMENT ON VIEW @region@.indicator_status IS
    'own-data view (security_invoker: a member sees its organisations'' rows only): one row per measurement (indicator, organisation, period): its target in force, attainment, status (met, missed, no target) and the previous period''s value; nothing is added up, an organisation''s row is its figure as loaded';
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
COMMENT ON COLUMN @region@.indicator_status.target_text IS 'the target in force as text, e.g. >= 90%; NULL when there is none';
COMMENT ON COLUMN @region@.indicator_status.target_value IS 'the target level as a number in the unit of value (a range''s lower bound); NULL when there is none';
COMMENT ON COLUMN @region@.indicator_status.attained IS 'true when the value meets the target; NULL without a target';
COMMENT ON COLUMN @region@.indicator_status.attainment IS 'progress towards the target, 1 = reached (doc/targets.md); NULL without a target';
COMMENT ON COLUMN @region@.indicator_status.status IS 'met, missed, no target, or suppressed (a ratio over fewer than min_group_size() units)';
COMMENT ON COLUMN @region@.indicator_status.status_label IS 'status in pekefb.language';
COMMENT ON COLUMN @region@.indicator_status.previous_value IS 'value of the previous period of the same length (ending the day before period_start); NULL if not measured';
COMMENT ON COLUMN @region@.indicator_status.change IS 'value - previous_value';
COMMENT ON COLUMN @region@.indicator_status.source IS 'where the figure comes from (measurements.source)';
COMMENT ON COLUMN @region@.indicator_status.loaded_at IS 'when the measurement was last written';
COMMENT ON COLUMN @region@.indicator_status.suppressed IS 'true when the value is a ratio whose denominator is 1..min_group_size()-1: value, numerator, denominator, value_text, attained, attainment and change hidden';
