-- _feedback_overview_computed: the feedback figures of organization_overview computed from
-- the feedback counts (the stored states while they are kept, else the responses:
-- _feedback_own, _feedback_own_themes), suppressed along the tree and against the quarterly
-- groups (_feedback_year); refresh_feedback_rows stores them in _feedback_overview_rows.
CREATE VIEW @region@._feedback_overview_computed AS
WITH scope AS NOT MATERIALIZED (
    SELECT t.organization_code, t.ancestor_code, x.includes_sub_organizations
    FROM @region@.organization_tree t
    CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
    WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
),
-- the feedback counts per own organisation and quarter (the stored states while they are
-- kept, else the responses: _feedback_own, _feedback_own_themes), summed per year up the tree
fb AS NOT MATERIALIZED (
    SELECT sc.ancestor_code AS organization_code, sc.includes_sub_organizations,
           CAST(pg_catalog.date_trunc('year', CAST(w.period_start AS timestamp)) AS date) AS period_start,
           CAST(pg_catalog.sum(w.responses) AS bigint) AS responses,
           -- pekefb.nps over the responses: its tally's counters summed
           @region@._feedback_nps_of(pg_catalog.sum(w.promoters), pg_catalog.sum(w.detractors), pg_catalog.sum(w.nps_answers)) AS nps,
           CAST(pg_catalog.sum(w.comments) AS bigint) AS comments
    FROM @region@._feedback_own w
    JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) w.organization_code
    GROUP BY 1, 2, 3
),
th AS NOT MATERIALIZED (
    SELECT x.organization_code, x.includes_sub_organizations, x.period_start,
           pg_catalog.string_agg(((x.theme OPERATOR(pg_catalog.||) ' (') OPERATOR(pg_catalog.||) x.mentions) OPERATOR(pg_catalog.||) ')', ', '
                                 ORDER BY x.mentions DESC, x.theme) AS top_themes
    FROM (
        -- every element of themes counts (repeats in one response too): occurrences
        SELECT sc.ancestor_code AS organization_code, sc.includes_sub_organizations,
               CAST(pg_catalog.date_trunc('year', CAST(w.period_start AS timestamp)) AS date) AS period_start,
               w.theme, CAST(pg_catalog.sum(w.occurrences) AS bigint) AS mentions,
               pg_catalog.row_number() OVER (
                   PARTITION BY sc.ancestor_code, sc.includes_sub_organizations,
                                CAST(pg_catalog.date_trunc('year', CAST(w.period_start AS timestamp)) AS date)
                   ORDER BY pg_catalog.sum(w.occurrences) DESC, w.theme) AS rank
        FROM @region@._feedback_own_themes w
        JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) w.organization_code
        GROUP BY 1, 2, 3, 4
    ) x
    WHERE x.rank OPERATOR(pg_catalog.<=) 3
    GROUP BY 1, 2, 3
)
SELECT fb.organization_code, fb.includes_sub_organizations, fb.period_start, fb.responses,
       CASE WHEN NOT x.suppressed AND NOT COALESCE(fy.nps_hidden, false) THEN fb.nps END AS nps,
       CASE WHEN NOT x.suppressed THEN fb.comments END                      AS comments,
       CASE WHEN NOT x.suppressed THEN th.top_themes END                    AS top_themes,
       x.suppressed OR COALESCE(fy.nps_hidden, false)                       AS suppressed
FROM fb
LEFT JOIN th  ON th.organization_code OPERATOR(pg_catalog.=) fb.organization_code
             AND th.includes_sub_organizations OPERATOR(pg_catalog.=) fb.includes_sub_organizations
             AND th.period_start OPERATOR(pg_catalog.=) fb.period_start
LEFT JOIN @region@._feedback_year fy ON fy.organization_code OPERATOR(pg_catalog.=) fb.organization_code
             AND fy.includes_sub_organizations OPERATOR(pg_catalog.=) fb.includes_sub_organizations
             AND fy.period_start OPERATOR(pg_catalog.=) fb.period_start
CROSS JOIN LATERAL (
    -- figures over responses (comments, themes) hidden by responses, the NPS by its answers
    -- (both along the tree and against the quarterly groups: views_privacy_feedback.sql)
    SELECT COALESCE(fy.responses_hidden, false) AS suppressed
) x;
COMMENT ON VIEW @region@._feedback_overview_computed IS
    'internal: the feedback figures of organization_overview computed from the feedback counts (organization_overview reads them for the years not stored: doc/states.md)';

-- _feedback_overview: the stored figures (_feedback_overview_rows) of the years not stale,
-- the stale years computed, or everything computed, as the three feedback views read theirs
-- (views_feedback.sql); on a distributed region, the computation.
DO $do$
BEGIN
    IF @region@._feedback_rows_distributed() THEN
        CREATE VIEW @region@._feedback_overview AS SELECT * FROM @region@._feedback_overview_computed;
        RETURN;
    END IF;
    CREATE VIEW @region@._feedback_overview AS
    SELECT r.organization_code, r.includes_sub_organizations, r.period_start, r.responses, r.nps, r.comments,
           r.top_themes, r.suppressed
    FROM @region@._feedback_overview_rows r
    WHERE @region@._feedback_rows_usable()
      AND r.period_start OPERATOR(pg_catalog.<>) ALL (CAST((SELECT @region@._feedback_rows_stale_units()) AS date[]))
    UNION ALL
    SELECT * FROM @region@._feedback_computed_rows(CAST(NULL AS @region@._feedback_overview_computed), true)
    WHERE @region@._feedback_rows_usable() AND @region@._feedback_rows_any_stale()
    UNION ALL
    SELECT * FROM @region@._feedback_computed_rows(CAST(NULL AS @region@._feedback_overview_computed), false)
    WHERE NOT @region@._feedback_rows_usable();
END
$do$;
COMMENT ON VIEW @region@._feedback_overview IS
    'internal: the feedback figures of organization_overview: stored, or computed for the stale years (not granted to members)';
DO $do$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT v.relname AS view_name, a.attname
        FROM pg_catalog.pg_class v
        JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) v.oid AND a.attnum OPERATOR(pg_catalog.>) 0
        WHERE v.relnamespace OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace
          AND v.relname OPERATOR(pg_catalog.=) ANY (ARRAY['_feedback_overview_computed', '_feedback_overview'])
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN @region@.%I.%I IS %L', c.view_name, c.attname,
                                  'as organization_overview');
    END LOOP;
END
$do$;

-- organization_overview: qualitative and quantitative information side by side, per
-- organisation, includes_sub_organizations and calendar year (of the measurement period;
-- of received_at in the region's time zone): how many distinct indicators met their targets, the
-- feedback figures and the most frequent themes.  false rows count the organisation's own
-- measurements and responses, true rows also those of every organisation below it.
-- The feedback figures are _feedback_overview's (stored per year, above); the indicator
-- counts are computed from the measurements.  (The CTEs are NOT MATERIALIZED: each is read
-- more than once, and materialised they kept a dashboard's organisation and year filter
-- from reaching measurements' and the feedback states' keys: view_filters.)
CREATE VIEW @region@.organization_overview AS
WITH scope AS NOT MATERIALIZED (
    SELECT t.organization_code, t.ancestor_code, x.includes_sub_organizations
    FROM @region@.organization_tree t
    CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
    WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
),
-- issue 11 (thl): indicators are counted once per organisation and year, not per
-- measurement row: of an indicator's measurements in the year the judging one counts (met
-- or missed before year_to_date and the rest, then the longest period, then the latest),
-- so a yearly figure and its half-years are one indicator.
ind AS NOT MATERIALIZED (
    SELECT f.organization_code, f.includes_sub_organizations, f.period_start,
           pg_catalog.count(*) FILTER (WHERE f.status OPERATOR(pg_catalog.=) ANY (ARRAY['met', 'missed'])) AS indicators_with_target,
           pg_catalog.count(*) FILTER (WHERE f.status OPERATOR(pg_catalog.=) 'met') AS indicators_met,
           pg_catalog.count(*) FILTER (WHERE f.status OPERATOR(pg_catalog.=) 'missed') AS indicators_missed,
           -- numeric: an exact sum, so the mean is the same whatever order the rows come in
           CAST(pg_catalog.avg(CAST(f.attainment AS numeric)) FILTER (WHERE f.status OPERATOR(pg_catalog.=) ANY (ARRAY['met', 'missed']))
                AS double precision) AS mean_attainment,
           pg_catalog.count(*) AS indicators
    FROM (
        SELECT DISTINCT ON (sc.ancestor_code, sc.includes_sub_organizations, y.period_start, st.organization_code, st.indicator_code)
               sc.ancestor_code AS organization_code, sc.includes_sub_organizations, y.period_start,
               st.status, st.attainment
        -- every member's measurements (a benchmark), the region's catalogue only:
        -- views_privacy.sql
        FROM @region@._measurement_status st
        JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) st.organization_code
        CROSS JOIN LATERAL (SELECT CAST(pg_catalog.date_trunc('year', st.period_start::timestamp) AS date) AS period_start) y
        WHERE pg_catalog.date_part('year', st.period_start::timestamp) OPERATOR(pg_catalog.=) pg_catalog.date_part('year', st.period_end::timestamp)
        ORDER BY sc.ancestor_code, sc.includes_sub_organizations, y.period_start, st.organization_code, st.indicator_code,
                 st.status OPERATOR(pg_catalog.=) ANY (ARRAY['met', 'missed']) DESC,
                 st.period_end OPERATOR(pg_catalog.-) st.period_start DESC, st.period_end DESC
    ) f
    GROUP BY 1, 2, 3
)
SELECT
    k.organization_code,
    k.includes_sub_organizations,
    pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
    k.period_start,
    CAST(k.period_start OPERATOR(pg_catalog.+) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1 AS period_end,
    COALESCE(ind.indicators_with_target, 0)                              AS indicators_with_target,
    COALESCE(ind.indicators_met, 0)                                      AS indicators_met,
    COALESCE(ind.indicators_missed, 0)                                   AS indicators_missed,
    CASE WHEN ind.indicators_with_target OPERATOR(pg_catalog.>) 0
         THEN ind.indicators_met::double precision OPERATOR(pg_catalog./) ind.indicators_with_target END AS share_met,
    ind.mean_attainment,
    COALESCE(f.responses, 0)                                             AS responses,
    f.nps,
    f.comments,
    f.top_themes,
    COALESCE(f.suppressed, false)                                        AS suppressed,
    COALESCE(ind.indicators, 0)                                          AS indicators
FROM (SELECT organization_code, includes_sub_organizations, period_start FROM ind
      UNION SELECT organization_code, includes_sub_organizations, period_start FROM @region@._feedback_overview) k
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) k.organization_code
LEFT JOIN ind ON ind.organization_code OPERATOR(pg_catalog.=) k.organization_code
             AND ind.includes_sub_organizations OPERATOR(pg_catalog.=) k.includes_sub_organizations
             AND ind.period_start OPERATOR(pg_catalog.=) k.period_start
-- the feedback figures: stored per year while kept (_feedback_overview, above)
LEFT JOIN @region@._feedback_overview f ON f.organization_code OPERATOR(pg_catalog.=) k.organization_code
             AND f.includes_sub_organizations OPERATOR(pg_catalog.=) k.includes_sub_organizations
             AND f.period_start OPERATOR(pg_catalog.=) k.period_start;
COMMENT ON VIEW @region@.organization_overview IS
    'per organisation, includes_sub_organizations (false: its own measurements and responses, true: with all sub-organisations) and calendar year: indicators met and missed next to feedback responses, NPS and the most frequent themes';
COMMENT ON COLUMN @region@.organization_overview.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.organization_overview.includes_sub_organizations IS 'false: the organisation''s own measurements and responses only; true: with those of every organisation below it';
COMMENT ON COLUMN @region@.organization_overview.organization_name IS 'name in pekefb.language';
COMMENT ON COLUMN @region@.organization_overview.period_start IS 'first day of the calendar year';
COMMENT ON COLUMN @region@.organization_overview.period_end IS 'last day of the calendar year';
COMMENT ON COLUMN @region@.organization_overview.indicators_with_target IS 'indicators (each counted once per organisation, by its judging measurement of the year) judged against a target: met or missed';
COMMENT ON COLUMN @region@.organization_overview.indicators_met IS 'of them, indicators that met their target';
COMMENT ON COLUMN @region@.organization_overview.indicators_missed IS 'of them, indicators that missed their target';
COMMENT ON COLUMN @region@.organization_overview.share_met IS 'indicators_met / indicators_with_target (0..1); NULL without targets';
COMMENT ON COLUMN @region@.organization_overview.mean_attainment IS 'mean attainment of those indicators (1 = target reached); NULL without targets';
COMMENT ON COLUMN @region@.organization_overview.responses IS 'feedback responses received in the year (always shown)';
COMMENT ON COLUMN @region@.organization_overview.nps IS 'NPS -100..100 of those responses; NULL when suppressed or hidden by its NPS answers (doc/partners.md)';
COMMENT ON COLUMN @region@.organization_overview.comments IS 'responses with a free-text comment; NULL when suppressed';
COMMENT ON COLUMN @region@.organization_overview.top_themes IS 'the three most frequent themes with their counts, e.g. odotusaika (12), ...; NULL when suppressed';
COMMENT ON COLUMN @region@.organization_overview.suppressed IS 'true when feedback figures are hidden: 1 <= responses (or NPS answers, for nps) < min_group_size(), or so that no hidden figure can be recovered by subtraction (doc/partners.md)';
COMMENT ON COLUMN @region@.organization_overview.indicators IS 'indicators measured within the year, each counted once per organisation (true rows: once per organisation below it too)';
