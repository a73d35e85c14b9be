-- development_status and development_summary: how development work progresses, per item
-- and period (calendar quarters and years), next to what its linked indicators and the
-- feedback of its services did (doc/development.md).  Only dates are compared (no
-- timestamp reaches a period boundary except received_at, bucketed in the region's time
-- zone), so the rows are the same whatever the reader's TimeZone and DateStyle.
--
-- The rule of status, per item and period (the period's last day is the judging day):
--   stage reached = the stage of the latest progress record on or before period_end;
--   stage due     = the stage of the latest stage target due on or before period_end;
--   not_started   = nothing due and nothing reached yet;
--   no_target     = something reached but nothing due yet, or the item has no scale;
--   behind        = a stage is due and the stage reached is below it (or none is reached);
--   on_schedule   = the stage reached is the stage due;
--   ahead         = the stage reached is above the stage due.
-- Ranks compare stages (stages.rank); a milestone is a scale of two stages, 0 and 1.

-- development_periods(first_day, last_day): the calendar quarters and years that overlap
-- first_day .. last_day, as (period_kind, period_start, period_end) with inclusive dates;
-- nothing when a bound is NULL or infinite.  A function of its own so that the planner
-- expects a handful of periods per item (ROWS), not generate_series's thousand.
CREATE FUNCTION @region@.development_periods(first_day date, last_day date)
    RETURNS TABLE (period_kind text, period_start date, period_end date)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 5 ROWS 15 SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT 'quarter'::text, CAST(q AS date),
           CAST(q OPERATOR(pg_catalog.+) interval '3 months' AS date) OPERATOR(pg_catalog.-) 1
    FROM pg_catalog.generate_series(pg_catalog.date_trunc('quarter', first_day::timestamp), last_day::timestamp,
                                    interval '3 months') AS q
    WHERE pg_catalog.isfinite(first_day) AND pg_catalog.isfinite(last_day)
    UNION ALL
    SELECT 'year'::text, CAST(y AS date),
           CAST(y OPERATOR(pg_catalog.+) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1
    FROM pg_catalog.generate_series(pg_catalog.date_trunc('year', first_day::timestamp), last_day::timestamp,
                                    interval '1 year') AS y
    WHERE pg_catalog.isfinite(first_day) AND pg_catalog.isfinite(last_day)
$fn$;
COMMENT ON FUNCTION @region@.development_periods(date, date) IS
    'the calendar quarters and years overlapping first_day .. last_day (inclusive dates); used by development_status';

-- development_rows: the rows development_status and development_summary are made of, on two
-- bases, so that the organisation filters of both views reach development_items' indexes
-- (issue 13, view_filters):
--   basis own:          one row per item and period, keyed by the item's own organisation
--                       (the wellbeing area when it has none): development_status;
--   basis work_package: a work package and its direct children (kind below work_package),
--                       keyed by the work package's organisation: development_summary.
-- Every part below keys its rows by (basis, key_organization_code, code[, period]) and the
-- main query joins on that key, so that a filter on the key (and on the period) reaches each
-- part's scans: none is materialised.  Linked indicators and feedback are read for the key
-- organisation, and only for the rows that show them (every row of basis own; the work
-- package itself in basis work_package, whose key is its own organisation).  settings is
-- joined by its key (its one row, id = 1), so that no part needs a sequential scan.
CREATE VIEW @region@.development_rows WITH (security_invoker = true) AS
WITH item_org AS NOT MATERIALIZED (
    SELECT 'own'::text AS basis, i.organization_code AS key_organization_code, i.*
    FROM @region@.development_items i
    WHERE i.organization_code IS NOT NULL
    UNION ALL
    SELECT 'own'::text, st.area_code, i.*
    FROM @region@.development_items i
    JOIN @region@.settings st ON st.id OPERATOR(pg_catalog.=) 1
    WHERE i.organization_code IS NULL
    UNION ALL
    SELECT 'work_package'::text, w.organization_code, w.*
    FROM @region@.development_items w
    WHERE w.kind OPERATOR(pg_catalog.=) 'work_package' AND w.organization_code IS NOT NULL
    UNION ALL
    SELECT 'work_package'::text, st.area_code, w.*
    FROM @region@.development_items w
    JOIN @region@.settings st ON st.id OPERATOR(pg_catalog.=) 1
    WHERE w.kind OPERATOR(pg_catalog.=) 'work_package' AND w.organization_code IS NULL
    UNION ALL
    SELECT 'work_package'::text, w.organization_code, i.*
    FROM @region@.development_items w
    JOIN @region@.development_items i ON i.parent_code OPERATOR(pg_catalog.=) w.code
                                     AND i.kind OPERATOR(pg_catalog.<>) 'work_package'
    WHERE w.kind OPERATOR(pg_catalog.=) 'work_package' AND w.organization_code IS NOT NULL
    UNION ALL
    SELECT 'work_package'::text, st.area_code, i.*
    FROM @region@.development_items w
    JOIN @region@.development_items i ON i.parent_code OPERATOR(pg_catalog.=) w.code
                                     AND i.kind OPERATOR(pg_catalog.<>) 'work_package'
    JOIN @region@.settings st ON st.id OPERATOR(pg_catalog.=) 1
    WHERE w.kind OPERATOR(pg_catalog.=) 'work_package' AND w.organization_code IS NULL
),
-- the first and last day an item has a progress record or a stage target on
span AS NOT MATERIALIZED (
    SELECT io.basis, io.key_organization_code, io.code,
           pg_catalog.min(d.day) AS first_day, pg_catalog.max(d.day) AS last_day
    FROM item_org io
    JOIN (SELECT pr.item_code, pr.on_date AS day FROM @region@.development_progress pr
          UNION ALL
          SELECT tg.item_code, tg.due_date FROM @region@.stage_targets tg) d
      ON d.item_code OPERATOR(pg_catalog.=) io.code
    GROUP BY 1, 2, 3
),
item AS NOT MATERIALIZED (
    SELECT io.basis, io.key_organization_code,
           io.code, io.parent_code, io.kind, io.name_fi, io.name_sv, io.name_en, io.scale,
           io.planned_start, io.planned_end,
           CASE WHEN io.kind OPERATOR(pg_catalog.=) 'work_package' THEN io.code
                WHEN p.kind OPERATOR(pg_catalog.=) 'work_package' THEN p.code END AS work_package_code,
           CASE WHEN io.kind OPERATOR(pg_catalog.=) 'investment' THEN io.code
                WHEN p.kind OPERATOR(pg_catalog.=) 'investment' THEN p.code
                WHEN g.kind OPERATOR(pg_catalog.=) 'investment' THEN g.code END AS investment_code,
           LEAST(io.planned_start, sp.first_day) AS first_day,
           GREATEST(io.planned_end, sp.last_day) AS last_day,
           io.basis OPERATOR(pg_catalog.=) 'own' OR io.kind OPERATOR(pg_catalog.=) 'work_package' AS shows_links
    FROM item_org io
    LEFT JOIN @region@.development_items p ON p.code OPERATOR(pg_catalog.=) io.parent_code
    LEFT JOIN @region@.development_items g ON g.code OPERATOR(pg_catalog.=) p.parent_code
    LEFT JOIN span sp ON sp.basis OPERATOR(pg_catalog.=) io.basis
                     AND sp.key_organization_code OPERATOR(pg_catalog.=) io.key_organization_code
                     AND sp.code OPERATOR(pg_catalog.=) io.code
),
item_period AS NOT MATERIALIZED (
    SELECT it.*, pp.period_kind, pp.period_start, pp.period_end
    FROM item it
    CROSS JOIN LATERAL @region@.development_periods(it.first_day, it.last_day) pp
),
-- the latest progress record on or before the period's end (set-based, so that the plan
-- stays cheap even while the small tables have no statistics)
reached AS NOT MATERIALIZED (
    SELECT DISTINCT ON (ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start)
           ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start,
           p.stage, p.on_date, p.assessment, p.assessed_by
    FROM item_period ip
    JOIN @region@.development_progress p ON p.item_code OPERATOR(pg_catalog.=) ip.code
                                        AND p.on_date OPERATOR(pg_catalog.<=) ip.period_end
    ORDER BY ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start, p.on_date DESC
),
-- the latest stage target due on or before the period's end, and the first one after it
due AS NOT MATERIALIZED (
    SELECT DISTINCT ON (ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start)
           ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start, t.stage, t.due_date
    FROM item_period ip
    JOIN @region@.stage_targets t ON t.item_code OPERATOR(pg_catalog.=) ip.code
                                 AND t.due_date OPERATOR(pg_catalog.<=) ip.period_end
    ORDER BY ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start, t.due_date DESC
),
next_due AS NOT MATERIALIZED (
    SELECT DISTINCT ON (ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start)
           ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start, t.stage, t.due_date
    FROM item_period ip
    JOIN @region@.stage_targets t ON t.item_code OPERATOR(pg_catalog.=) ip.code
                                 AND t.due_date OPERATOR(pg_catalog.>) ip.period_end
    ORDER BY ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start, t.due_date
),
-- per linked indicator the measurement of the longest (then latest) period inside the row's
-- period, for the key organisation; NULL status when there is none; the counting basis
-- of an access indicator (indicators.count_by)
linked AS NOT MATERIALIZED (
    SELECT DISTINCT ON (ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start, di.indicator_code)
           ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start,
           di.indicator_code, s.status, i.count_by
    FROM item_period ip
    JOIN @region@.development_indicators di ON di.item_code OPERATOR(pg_catalog.=) ip.code
    JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) di.indicator_code
    LEFT JOIN @region@.indicator_status s ON s.indicator_code OPERATOR(pg_catalog.=) di.indicator_code
                                          AND s.organization_code OPERATOR(pg_catalog.=) ip.key_organization_code
                                          AND s.period_start OPERATOR(pg_catalog.>=) ip.period_start
                                          AND s.period_end OPERATOR(pg_catalog.<=) ip.period_end
    WHERE ip.shows_links
    ORDER BY ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start, di.indicator_code,
             s.period_end OPERATOR(pg_catalog.-) s.period_start DESC, s.period_end DESC
),
ind AS NOT MATERIALIZED (
    SELECT l.basis, l.key_organization_code, l.code, l.period_kind, l.period_start,
           pg_catalog.count(*) AS indicators_linked,
           pg_catalog.count(*) FILTER (WHERE l.status OPERATOR(pg_catalog.=) 'met') AS indicators_met,
           pg_catalog.count(*) FILTER (WHERE l.status OPERATOR(pg_catalog.=) 'missed') AS indicators_missed,
           pg_catalog.count(*) FILTER (WHERE l.status OPERATOR(pg_catalog.<>) 'met' AND l.status OPERATOR(pg_catalog.<>) 'missed') AS indicators_not_judged,
           pg_catalog.count(*) FILTER (WHERE l.status IS NULL) AS indicators_no_value,
           pg_catalog.string_agg(((l.indicator_code OPERATOR(pg_catalog.||) ': ') OPERATOR(pg_catalog.||) COALESCE(l.status, 'no value'))
                                 OPERATOR(pg_catalog.||) COALESCE((' (' OPERATOR(pg_catalog.||) l.count_by) OPERATOR(pg_catalog.||) ')', ''),
                                 ', ' ORDER BY l.indicator_code) AS indicator_statuses
    FROM linked l
    GROUP BY 1, 2, 3, 4, 5
),
services AS NOT MATERIALIZED (
    SELECT io.basis, io.key_organization_code, io.code,
           pg_catalog.string_agg(ds.service, ', ' ORDER BY ds.service) AS services
    FROM item_org io
    JOIN @region@.development_services ds ON ds.item_code OPERATOR(pg_catalog.=) io.code
    GROUP BY 1, 2, 3
),
top AS (
    SELECT sg.scale, pg_catalog.max(sg.rank) AS rank FROM @region@.stages sg GROUP BY 1
),
-- feedback per organisation (with everything below it), service and quarter (region time
-- zone): summed from the monthly feedback_states while the triggers keep them, else
-- counted from the responses (on Citus); the branch not taken is a one-time filter that
-- is false and reads nothing.  Each branch groups by the ancestor, so a filter on the
-- organisation reaches organization_tree's index in both and the rows below it by theirs.
fb_quarter AS NOT MATERIALIZED (
    SELECT t.ancestor_code AS organization_code, s.service,
           CAST(pg_catalog.date_trunc('quarter', CAST(s.month AS timestamp)) AS date) AS quarter_start,
           CAST(pg_catalog.sum(s.responses) AS bigint) AS responses,
           CAST(pg_catalog.sum(s.nps_answers) AS bigint) AS nps_answers,
           CAST(pg_catalog.sum(s.promoters) AS bigint) AS promoters,
           CAST(pg_catalog.sum(s.detractors) AS bigint) AS detractors
    FROM @region@.feedback_states s
    JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) s.organization_code
    WHERE @region@._feedback_states_kept()
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT t.ancestor_code, f.service,
           CAST(pg_catalog.date_trunc('quarter', pg_catalog.timezone(s.time_zone, f.received_at)) AS date),
           pg_catalog.count(*),
           pg_catalog.count(pekefb.nps_score(f.response)),
           pg_catalog.count(*) FILTER (WHERE pekefb.nps_score(f.response) OPERATOR(pg_catalog.>=) 9),
           pg_catalog.count(*) FILTER (WHERE pekefb.nps_score(f.response) OPERATOR(pg_catalog.<=) 6)
    FROM @region@.feedback_responses f
    JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) f.organization_code
    JOIN @region@.settings s ON s.id OPERATOR(pg_catalog.=) 1
    WHERE NOT @region@._feedback_states_kept()
    GROUP BY 1, 2, 3
),
fb AS NOT MATERIALIZED (
    SELECT ip.basis, ip.key_organization_code, ip.code, ip.period_kind, ip.period_start,
           pg_catalog.sum(q.responses) AS responses, pg_catalog.sum(q.nps_answers) AS nps_answers,
           pg_catalog.sum(q.promoters) AS promoters, pg_catalog.sum(q.detractors) AS detractors
    FROM item_period ip
    JOIN @region@.development_services ds ON ds.item_code OPERATOR(pg_catalog.=) ip.code
    JOIN fb_quarter q ON q.organization_code OPERATOR(pg_catalog.=) ip.key_organization_code
                     AND q.service OPERATOR(pg_catalog.=) ds.service
                     AND q.quarter_start OPERATOR(pg_catalog.>=) ip.period_start
                     AND q.quarter_start OPERATOR(pg_catalog.<=) ip.period_end
    WHERE ip.shows_links
    GROUP BY 1, 2, 3, 4, 5
)
SELECT
    ip.basis,
    ip.key_organization_code,
    ip.code AS item_code,
    ip.parent_code,
    ip.kind,
    pekefb.localized(ip.name_fi, ip.name_sv, ip.name_en) AS item_name,
    ip.work_package_code,
    ip.investment_code,
    ip.period_kind,
    ip.period_start,
    ip.period_end,
    ip.planned_start,
    ip.planned_end,
    ip.scale,
    sc.milestone,
    rd.stage AS stage_reached,
    pekefb.localized(rs.label_fi, rs.label_sv, rs.label_en) AS stage_reached_label,
    rs.rank AS rank_reached,
    rd.on_date AS reached_on,
    dd.stage AS stage_due,
    pekefb.localized(ds.label_fi, ds.label_sv, ds.label_en) AS stage_due_label,
    ds.rank AS rank_due,
    dd.due_date AS due_on,
    n.stage AS next_stage_due,
    n.due_date AS next_due_on,
    top.rank AS top_rank,
    rs.rank OPERATOR(pg_catalog.=) top.rank AS completed,
    x.status,
    CASE WHEN x.status OPERATOR(pg_catalog.=) 'on_schedule' THEN pekefb.localized('aikataulussa', 'enligt tidsplan', 'on schedule')
         WHEN x.status OPERATOR(pg_catalog.=) 'behind' THEN pekefb.localized('jäljessä', 'efter tidsplan', 'behind schedule')
         WHEN x.status OPERATOR(pg_catalog.=) 'ahead' THEN pekefb.localized('edellä', 'före tidsplan', 'ahead of schedule')
         WHEN x.status OPERATOR(pg_catalog.=) 'not_started' THEN pekefb.localized('ei aloitettu', 'inte påbörjad', 'not started')
         ELSE pekefb.localized('ei tavoitetta', 'inget mål', 'no target') END AS status_label,
    rd.assessment,
    rd.on_date AS assessed_on,
    rd.assessed_by,
    COALESCE(ind.indicators_linked, 0) AS indicators_linked,
    COALESCE(ind.indicators_met, 0) AS indicators_met,
    COALESCE(ind.indicators_missed, 0) AS indicators_missed,
    COALESCE(ind.indicators_not_judged, 0) AS indicators_not_judged,
    COALESCE(ind.indicators_no_value, 0) AS indicators_no_value,
    ind.indicator_statuses,
    sv.services,
    COALESCE(fb.responses, 0)::bigint AS responses,
    CASE WHEN fb.responses OPERATOR(pg_catalog.>=) mg.m AND fb.nps_answers OPERATOR(pg_catalog.>=) mg.m
         THEN CAST((fb.promoters OPERATOR(pg_catalog.-) fb.detractors) OPERATOR(pg_catalog.*) 100 AS double precision)
              OPERATOR(pg_catalog./) CAST(fb.nps_answers AS double precision) END AS nps,
    COALESCE(fb.responses, 0) OPERATOR(pg_catalog.>=) 1
        AND COALESCE(fb.responses, 0) OPERATOR(pg_catalog.<) mg.m AS suppressed
FROM item_period ip
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) mg
LEFT JOIN @region@.stage_scales sc ON sc.scale OPERATOR(pg_catalog.=) ip.scale
LEFT JOIN reached rd ON rd.basis OPERATOR(pg_catalog.=) ip.basis
                    AND rd.key_organization_code OPERATOR(pg_catalog.=) ip.key_organization_code
                    AND rd.code OPERATOR(pg_catalog.=) ip.code AND rd.period_kind OPERATOR(pg_catalog.=) ip.period_kind
                    AND rd.period_start OPERATOR(pg_catalog.=) ip.period_start
LEFT JOIN @region@.stages rs ON rs.scale OPERATOR(pg_catalog.=) ip.scale AND rs.stage OPERATOR(pg_catalog.=) rd.stage
LEFT JOIN due dd ON dd.basis OPERATOR(pg_catalog.=) ip.basis
                AND dd.key_organization_code OPERATOR(pg_catalog.=) ip.key_organization_code
                AND dd.code OPERATOR(pg_catalog.=) ip.code AND dd.period_kind OPERATOR(pg_catalog.=) ip.period_kind
                AND dd.period_start OPERATOR(pg_catalog.=) ip.period_start
LEFT JOIN @region@.stages ds ON ds.scale OPERATOR(pg_catalog.=) ip.scale AND ds.stage OPERATOR(pg_catalog.=) dd.stage
LEFT JOIN next_due n ON n.basis OPERATOR(pg_catalog.=) ip.basis
                    AND n.key_organization_code OPERATOR(pg_catalog.=) ip.key_organization_code
                    AND n.code OPERATOR(pg_catalog.=) ip.code AND n.period_kind OPERATOR(pg_catalog.=) ip.period_kind
                    AND n.period_start OPERATOR(pg_catalog.=) ip.period_start
LEFT JOIN top ON top.scale OPERATOR(pg_catalog.=) ip.scale
LEFT JOIN ind ON ind.basis OPERATOR(pg_catalog.=) ip.basis
             AND ind.key_organization_code OPERATOR(pg_catalog.=) ip.key_organization_code
             AND ind.code OPERATOR(pg_catalog.=) ip.code AND ind.period_kind OPERATOR(pg_catalog.=) ip.period_kind
             AND ind.period_start OPERATOR(pg_catalog.=) ip.period_start
LEFT JOIN services sv ON sv.basis OPERATOR(pg_catalog.=) ip.basis
                     AND sv.key_organization_code OPERATOR(pg_catalog.=) ip.key_organization_code
                     AND sv.code OPERATOR(pg_catalog.=) ip.code
LEFT JOIN fb ON fb.basis OPERATOR(pg_catalog.=) ip.basis
            AND fb.key_organization_code OPERATOR(pg_catalog.=) ip.key_organization_code
            AND fb.code OPERATOR(pg_catalog.=) ip.code AND fb.period_kind OPERATOR(pg_catalog.=) ip.period_kind
            AND fb.period_start OPERATOR(pg_catalog.=) ip.period_start
CROSS JOIN LATERAL (
    SELECT CASE WHEN ip.scale IS NULL THEN 'no_target'
                WHEN ds.rank IS NULL AND rs.rank IS NULL THEN 'not_started'
                WHEN ds.rank IS NULL THEN 'no_target'
                WHEN rs.rank IS NULL OR rs.rank OPERATOR(pg_catalog.<) ds.rank THEN 'behind'
                WHEN rs.rank OPERATOR(pg_catalog.>) ds.rank THEN 'ahead'
                ELSE 'on_schedule' END AS status
) x;
COMMENT ON VIEW @region@.development_rows IS
    'the rows development_status (basis own) and development_summary (basis work_package: a work package and its direct children) are made of, keyed by the organisation each is filtered on; read those two views for status and summary';
COMMENT ON COLUMN @region@.development_rows.basis IS 'own: the item keyed by its own organisation (development_status); work_package: a work package and its direct children keyed by the work package''s organisation (development_summary)';
COMMENT ON COLUMN @region@.development_rows.key_organization_code IS 'the organisation the row is keyed by (the wellbeing area when none is given): the item''s own (basis own) or its work package''s (basis work_package); linked indicators and feedback are read for it';

-- development_status: one row per development item and period from the quarter (year) of
-- its first planned, recorded or due day to that of its last.  Linked indicators are read
-- from indicator_status for the item's organisation (the wellbeing area when it has none):
-- per indicator the measurement of the longest period inside the row's period; feedback of
-- the linked services counts the organisation's and its sub-organisations' responses.
CREATE VIEW @region@.development_status WITH (security_invoker = true) AS
SELECT r.item_code, r.parent_code, r.kind, r.item_name, r.work_package_code, r.investment_code,
       r.key_organization_code AS organization_code,
       r.period_kind, r.period_start, r.period_end, r.planned_start, r.planned_end, r.scale, r.milestone,
       r.stage_reached, r.stage_reached_label, r.rank_reached, r.reached_on,
       r.stage_due, r.stage_due_label, r.rank_due, r.due_on, r.next_stage_due, r.next_due_on,
       r.top_rank, r.completed, r.status, r.status_label, r.assessment, r.assessed_on, r.assessed_by,
       r.indicators_linked, r.indicators_met, r.indicators_missed, r.indicators_not_judged,
       r.indicators_no_value, r.indicator_statuses, r.services, r.responses, r.nps, r.suppressed
FROM @region@.development_rows r
WHERE r.basis OPERATOR(pg_catalog.=) 'own';
COMMENT ON VIEW @region@.development_status IS
    'per development item and period (calendar quarter and year): the stage reached and the stage due, status (on_schedule, behind, ahead, not_started, no_target), the latest assessment, and what its linked indicators and feedback services did';
COMMENT ON COLUMN @region@.development_status.item_code IS 'the development item (development_items.code)';
COMMENT ON COLUMN @region@.development_status.parent_code IS 'the item it belongs to';
COMMENT ON COLUMN @region@.development_status.kind IS 'programme, investment, work_package or action';
COMMENT ON COLUMN @region@.development_status.item_name IS 'item name in pekefb.language (fi, sv, en; Finnish where a translation is missing)';
COMMENT ON COLUMN @region@.development_status.work_package_code IS 'the work package the item is or belongs to; NULL above work packages';
COMMENT ON COLUMN @region@.development_status.investment_code IS 'the investment the item is or belongs to; NULL for programmes';
COMMENT ON COLUMN @region@.development_status.organization_code IS 'the responsible organisation (the wellbeing area when none is given); its indicators are read';
COMMENT ON COLUMN @region@.development_status.period_kind IS 'quarter or year (calendar)';
COMMENT ON COLUMN @region@.development_status.period_start IS 'first day of the period (inclusive)';
COMMENT ON COLUMN @region@.development_status.period_end IS 'last day of the period (inclusive), the day the item is judged on';
COMMENT ON COLUMN @region@.development_status.planned_start IS 'planned first day of the work';
COMMENT ON COLUMN @region@.development_status.planned_end IS 'planned last day of the work';
COMMENT ON COLUMN @region@.development_status.scale IS 'the stage scale of the item; NULL: not measured by stages';
COMMENT ON COLUMN @region@.development_status.milestone IS 'true when the scale is a yes/no milestone';
COMMENT ON COLUMN @region@.development_status.stage_reached IS 'stage of the latest progress record on or before period_end; NULL when none';
COMMENT ON COLUMN @region@.development_status.stage_reached_label IS 'stage_reached in pekefb.language';
COMMENT ON COLUMN @region@.development_status.rank_reached IS 'rank of stage_reached (stages.rank)';
COMMENT ON COLUMN @region@.development_status.reached_on IS 'date of that progress record';
COMMENT ON COLUMN @region@.development_status.stage_due IS 'stage of the latest stage target due on or before period_end; NULL when none is due yet';
COMMENT ON COLUMN @region@.development_status.stage_due_label IS 'stage_due in pekefb.language';
COMMENT ON COLUMN @region@.development_status.rank_due IS 'rank of stage_due';
COMMENT ON COLUMN @region@.development_status.due_on IS 'due date of that stage target';
COMMENT ON COLUMN @region@.development_status.next_stage_due IS 'stage of the first target due after period_end; NULL when none';
COMMENT ON COLUMN @region@.development_status.next_due_on IS 'its due date';
COMMENT ON COLUMN @region@.development_status.top_rank IS 'the highest rank of the scale (1 for a milestone)';
COMMENT ON COLUMN @region@.development_status.completed IS 'true when the stage reached is the last of the scale (a milestone done); NULL when nothing is reached';
COMMENT ON COLUMN @region@.development_status.status IS 'not_started (nothing due, nothing reached), no_target (nothing due yet or no scale), behind (reached below due or nothing reached), on_schedule (reached = due), ahead (reached above due)';
COMMENT ON COLUMN @region@.development_status.status_label IS 'status in pekefb.language';
COMMENT ON COLUMN @region@.development_status.assessment IS 'assessment text of the latest progress record on or before period_end';
COMMENT ON COLUMN @region@.development_status.assessed_on IS 'date of that assessment';
COMMENT ON COLUMN @region@.development_status.assessed_by IS 'who made that assessment';
COMMENT ON COLUMN @region@.development_status.indicators_linked IS 'outcome indicators linked to the item (development_indicators)';
COMMENT ON COLUMN @region@.development_status.indicators_met IS 'of them, those whose value for the period (indicator_status, the item''s organisation) met its target';
COMMENT ON COLUMN @region@.development_status.indicators_missed IS 'of them, those whose value for the period missed its target';
COMMENT ON COLUMN @region@.development_status.indicators_not_judged IS 'of them, those with a value for the period but not judged against a target (no target, target pending, a quarter of a yearly target: year to date)';
COMMENT ON COLUMN @region@.development_status.indicators_no_value IS 'of them, those without a measurement inside the period';
COMMENT ON COLUMN @region@.development_status.indicator_statuses IS 'each linked indicator with its status for the period and, for an access indicator, the basis it is counted on (indicators.count_by), e.g. lene: no value, pta-3kk: met (finished)';
COMMENT ON COLUMN @region@.development_status.services IS 'the feedback services the item concerns (development_services), comma-separated; NULL when none';
COMMENT ON COLUMN @region@.development_status.responses IS 'feedback responses about those services in the period (received_at in the region''s time zone), the organisation''s and its sub-organisations''';
COMMENT ON COLUMN @region@.development_status.nps IS 'NPS -100..100 of those responses; NULL when fewer than min_group_size() responses or NPS answers';
COMMENT ON COLUMN @region@.development_status.suppressed IS 'true when 1 <= responses < min_group_size() (the region''s setting, or a session''s larger pekefb.min_group_size): the feedback figure is hidden';

-- development_rows' other columns are development_status's (their comments are those)
DO $do$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT a.attname, d.description
             FROM pg_catalog.pg_attribute a
             JOIN pg_catalog.pg_description d ON d.objoid OPERATOR(pg_catalog.=) a.attrelid AND d.objsubid OPERATOR(pg_catalog.=) a.attnum
                                             AND d.classoid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
             WHERE a.attrelid OPERATOR(pg_catalog.=) '@region@.development_status'::pg_catalog.regclass
               AND a.attnum OPERATOR(pg_catalog.>) 0
               AND a.attname OPERATOR(pg_catalog.<>) ALL (ARRAY['organization_code', 'indicators_linked'])
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN @region@.development_rows.%I IS %L', c.attname, c.description);
    END LOOP;
END
$do$;
COMMENT ON COLUMN @region@.development_rows.indicators_linked IS 'outcome indicators linked to the item (development_indicators); 0 for a work package''s children in basis work_package (the indicator and feedback columns are read for basis own and for the work package itself)';

-- development_summary: per work package and period, its actions by status, and the work
-- package's own status and indicators (the plan's "mittarit" link to the work package).
CREATE VIEW @region@.development_summary WITH (security_invoker = true) AS
SELECT
    s.work_package_code,
    pekefb.localized(w.name_fi, w.name_sv, w.name_en) AS work_package_name,
    w.parent_code AS investment_code,
    s.key_organization_code AS organization_code,
    s.period_kind,
    s.period_start,
    s.period_end,
    pg_catalog.count(*) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action') AS actions,
    pg_catalog.count(*) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action' AND s.status OPERATOR(pg_catalog.=) 'behind') AS actions_behind,
    pg_catalog.count(*) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action' AND s.status OPERATOR(pg_catalog.=) 'on_schedule') AS actions_on_schedule,
    pg_catalog.count(*) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action' AND s.status OPERATOR(pg_catalog.=) 'ahead') AS actions_ahead,
    pg_catalog.count(*) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action' AND s.status OPERATOR(pg_catalog.=) 'not_started') AS actions_not_started,
    pg_catalog.count(*) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action' AND s.status OPERATOR(pg_catalog.=) 'no_target') AS actions_no_target,
    CASE WHEN pg_catalog.count(*) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action'
                                            AND s.status OPERATOR(pg_catalog.=) ANY (ARRAY['on_schedule', 'ahead', 'behind'])) OPERATOR(pg_catalog.>) 0
         THEN CAST(pg_catalog.count(*) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action'
                                               AND s.status OPERATOR(pg_catalog.=) ANY (ARRAY['on_schedule', 'ahead'])) AS double precision)
              OPERATOR(pg_catalog./)
              CAST(pg_catalog.count(*) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action'
                                               AND s.status OPERATOR(pg_catalog.=) ANY (ARRAY['on_schedule', 'ahead', 'behind'])) AS double precision)
    END AS share_on_schedule,
    pg_catalog.string_agg(s.item_code, ', ' ORDER BY s.item_code)
        FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'action' AND s.status OPERATOR(pg_catalog.=) 'behind') AS actions_behind_codes,
    pg_catalog.min(s.status) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'work_package') AS work_package_status,
    pg_catalog.min(s.stage_reached) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'work_package') AS work_package_stage,
    COALESCE(pg_catalog.sum(s.indicators_linked) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'work_package'), 0)::bigint AS indicators_linked,
    COALESCE(pg_catalog.sum(s.indicators_met) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'work_package'), 0)::bigint AS indicators_met,
    COALESCE(pg_catalog.sum(s.indicators_missed) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'work_package'), 0)::bigint AS indicators_missed,
    COALESCE(pg_catalog.sum(s.indicators_not_judged) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'work_package'), 0)::bigint AS indicators_not_judged,
    COALESCE(pg_catalog.sum(s.indicators_no_value) FILTER (WHERE s.kind OPERATOR(pg_catalog.=) 'work_package'), 0)::bigint AS indicators_no_value
FROM @region@.development_rows s
JOIN @region@.development_items w ON w.code OPERATOR(pg_catalog.=) s.work_package_code
WHERE s.basis OPERATOR(pg_catalog.=) 'work_package'
GROUP BY s.work_package_code, w.name_fi, w.name_sv, w.name_en, w.parent_code, s.key_organization_code,
         s.period_kind, s.period_start, s.period_end;
COMMENT ON VIEW @region@.development_summary IS
    'per work package and period (calendar quarter and year): its actions by status (development_status), the share on schedule, and the work package''s own status and linked indicators';
COMMENT ON COLUMN @region@.development_summary.work_package_code IS 'the work package (development_items.code)';
COMMENT ON COLUMN @region@.development_summary.work_package_name IS 'its name in pekefb.language';
COMMENT ON COLUMN @region@.development_summary.investment_code IS 'the item the work package belongs to (normally an investment)';
COMMENT ON COLUMN @region@.development_summary.organization_code IS 'the responsible organisation of the work package (the wellbeing area when none is given)';
COMMENT ON COLUMN @region@.development_summary.period_kind IS 'quarter or year (calendar)';
COMMENT ON COLUMN @region@.development_summary.period_start IS 'first day of the period (inclusive)';
COMMENT ON COLUMN @region@.development_summary.period_end IS 'last day of the period (inclusive)';
COMMENT ON COLUMN @region@.development_summary.actions IS 'actions of the work package with a row in development_status for the period';
COMMENT ON COLUMN @region@.development_summary.actions_behind IS 'of them, behind schedule';
COMMENT ON COLUMN @region@.development_summary.actions_on_schedule IS 'of them, on schedule';
COMMENT ON COLUMN @region@.development_summary.actions_ahead IS 'of them, ahead of schedule';
COMMENT ON COLUMN @region@.development_summary.actions_not_started IS 'of them, not started (nothing due, nothing reached)';
COMMENT ON COLUMN @region@.development_summary.actions_no_target IS 'of them, without a stage due yet (or without a scale)';
COMMENT ON COLUMN @region@.development_summary.share_on_schedule IS '(on schedule + ahead) / (on schedule + ahead + behind), 0..1; NULL when no action is judged';
COMMENT ON COLUMN @region@.development_summary.actions_behind_codes IS 'the codes of the actions behind schedule, comma-separated; NULL when none';
COMMENT ON COLUMN @region@.development_summary.work_package_status IS 'the work package''s own status when it is measured on a scale itself; NULL otherwise';
COMMENT ON COLUMN @region@.development_summary.work_package_stage IS 'the stage the work package itself has reached; NULL when none';
COMMENT ON COLUMN @region@.development_summary.indicators_linked IS 'outcome indicators linked to the work package itself';
COMMENT ON COLUMN @region@.development_summary.indicators_met IS 'of them, met their target in the period';
COMMENT ON COLUMN @region@.development_summary.indicators_missed IS 'of them, missed their target in the period';
COMMENT ON COLUMN @region@.development_summary.indicators_not_judged IS 'of them, with a value in the period but not judged against a target (no target, target pending, year to date)';
COMMENT ON COLUMN @region@.development_summary.indicators_no_value IS 'of them, without a measurement inside the period';
