-- views_themes: theme_summary, how many commented responses mention each theme, per
-- organisation (includes_sub_organizations as in every view), service, quarter and year
-- (of received_at in the region's time zone) and source: the themes the survey gave
-- (feedback_responses.themes) or the region's lexicon found (feedback_coded_themes).
-- Counts only, never comment text.  Suppression: a group with 1 <= comments <
-- min_group_size() shows its sizes but no mentions, and only the catalogue's themes
-- (a row of a theme outside the catalogue would itself tell that someone wrote about it).

CREATE VIEW @region@.theme_summary WITH (security_invoker = true) AS
-- Written so that a filter on organization_code, includes_sub_organizations, service,
-- period_kind or period_start reaches feedback_responses through the organisation tree's
-- index and the responses' key (issue 13): the responses are counted per group of the view
-- (ancestor organisation) directly, not per own organisation and then summed up the tree,
-- and no CTE is materialised, so that the filter is pushed down into each.
WITH scope AS NOT MATERIALIZED (
    SELECT t.organization_code, t.ancestor_code, x.includes_sub_organizations
    FROM @region@.organization_tree t
    CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
    WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
), base AS NOT MATERIALIZED (
    -- each response in the groups of its organisation and of every organisation above it
    -- (each response belongs to one organisation)
    SELECT sc.ancestor_code AS organization_code, sc.includes_sub_organizations,
           r.organization_code AS own_organization_code, r.response_id, r.service, k.period_kind,
           CAST(pg_catalog.date_trunc(k.period_kind, pg_catalog.timezone(st.time_zone, r.received_at)) AS date) AS period_start,
           r.comment IS NOT NULL AS commented, r.themes
    FROM @region@.feedback_responses r
    JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) r.organization_code
    CROSS JOIN @region@.settings st
    CROSS JOIN (VALUES ('quarter'), ('year')) AS k (period_kind)
), totals AS NOT MATERIALIZED (
    SELECT b.organization_code, b.includes_sub_organizations, b.service, b.period_kind, b.period_start,
           pg_catalog.count(*) AS responses, pg_catalog.count(*) FILTER (WHERE b.commented) AS comments
    FROM base b GROUP BY 1, 2, 3, 4, 5
), mentions AS NOT MATERIALIZED (
    SELECT b.organization_code, b.includes_sub_organizations, b.service, b.period_kind, b.period_start,
           'survey'::text AS source, t.theme, pg_catalog.count(*) AS mentions
    FROM base b CROSS JOIN LATERAL (SELECT DISTINCT u.theme FROM pg_catalog.unnest(b.themes) AS u (theme)) t
    WHERE b.commented
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    UNION ALL
    SELECT b.organization_code, b.includes_sub_organizations, b.service, b.period_kind, b.period_start,
           'lexicon'::text, c.theme, pg_catalog.count(*)
    FROM base b
    JOIN @region@.feedback_coded_themes c ON c.organization_code OPERATOR(pg_catalog.=) b.own_organization_code
                                          AND c.response_id OPERATOR(pg_catalog.=) b.response_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7
), grouped AS NOT MATERIALIZED (
    SELECT t.*, t.comments OPERATOR(pg_catalog.>=) 1 AND t.comments OPERATOR(pg_catalog.<) s.m AS suppressed
    FROM totals t CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) s
), grid AS (
    -- every catalogue theme in every group and source, zeros included
    SELECT g.*, src.source, th.code AS theme
    FROM grouped g
    CROSS JOIN (VALUES ('survey'::text), ('lexicon'::text)) AS src (source)
    CROSS JOIN @region@.themes th
    UNION ALL
    -- themes the survey gave outside the catalogue, where they were mentioned (not in
    -- suppressed groups)
    SELECT g.*, m.source, m.theme
    FROM grouped g
    JOIN mentions m ON m.organization_code OPERATOR(pg_catalog.=) g.organization_code
                   AND m.includes_sub_organizations OPERATOR(pg_catalog.=) g.includes_sub_organizations
                   AND m.service OPERATOR(pg_catalog.=) g.service
                   AND m.period_kind OPERATOR(pg_catalog.=) g.period_kind
                   AND m.period_start OPERATOR(pg_catalog.=) g.period_start
    WHERE NOT g.suppressed
      AND NOT EXISTS (SELECT FROM @region@.themes th WHERE th.code OPERATOR(pg_catalog.=) m.theme)
)
SELECT g.organization_code,
       g.includes_sub_organizations,
       pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
       g.service,
       g.period_kind,
       g.period_start,
       CAST(g.period_start OPERATOR(pg_catalog.+)
            CASE WHEN g.period_kind OPERATOR(pg_catalog.=) 'quarter' THEN interval '3 months' ELSE interval '1 year' END AS date)
           OPERATOR(pg_catalog.-) 1 AS period_end,
       g.source,
       g.theme,
       COALESCE(pekefb.localized(th.label_fi, th.label_sv, th.label_en), g.theme) AS theme_label,
       g.responses,
       g.comments,
       CASE WHEN NOT g.suppressed THEN COALESCE(m.mentions, 0) END AS mentions,
       CASE WHEN NOT g.suppressed AND g.comments OPERATOR(pg_catalog.>) 0
            THEN COALESCE(m.mentions, 0)::double precision OPERATOR(pg_catalog./) g.comments END AS share_of_comments,
       g.suppressed
FROM grid g
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
LEFT JOIN @region@.themes th ON th.code OPERATOR(pg_catalog.=) g.theme
LEFT JOIN mentions m ON m.organization_code OPERATOR(pg_catalog.=) g.organization_code
                    AND m.includes_sub_organizations OPERATOR(pg_catalog.=) g.includes_sub_organizations
                    AND m.service OPERATOR(pg_catalog.=) g.service
                    AND m.period_kind OPERATOR(pg_catalog.=) g.period_kind
                    AND m.period_start OPERATOR(pg_catalog.=) g.period_start
                    AND m.source OPERATOR(pg_catalog.=) g.source
                    AND m.theme OPERATOR(pg_catalog.=) g.theme;
COMMENT ON VIEW @region@.theme_summary IS
    'themes of free-text comments per organisation, includes_sub_organizations (false: own responses, true: with all sub-organisations), service, quarter and year (region time zone) and source (survey: themes the survey gave; lexicon: coded by theme_lexicon): commented responses mentioning each theme; counts only; groups of fewer than min_group_size() comments suppressed';
COMMENT ON COLUMN @region@.theme_summary.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.theme_summary.includes_sub_organizations IS 'false: the organisation''s own responses only (sum these to count each response once); true: with those of every organisation below it';
COMMENT ON COLUMN @region@.theme_summary.organization_name IS 'name in pekefb.language';
COMMENT ON COLUMN @region@.theme_summary.service IS 'the service, e.g. neuvola';
COMMENT ON COLUMN @region@.theme_summary.period_kind IS 'quarter or year: the length of the period';
COMMENT ON COLUMN @region@.theme_summary.period_start IS 'first day of the quarter or year of received_at in the region''s time zone';
COMMENT ON COLUMN @region@.theme_summary.period_end IS 'last day of the quarter or year';
COMMENT ON COLUMN @region@.theme_summary.source IS 'survey (feedback_responses.themes, as the survey gave them) or lexicon (feedback_coded_themes, coded by theme_lexicon)';
COMMENT ON COLUMN @region@.theme_summary.theme IS 'the theme code (themes.code; a survey theme outside the catalogue as given)';
COMMENT ON COLUMN @region@.theme_summary.theme_label IS 'the theme''s label in pekefb.language (the code for a theme outside the catalogue)';
COMMENT ON COLUMN @region@.theme_summary.responses IS 'all responses of the group (always shown)';
COMMENT ON COLUMN @region@.theme_summary.comments IS 'responses of the group with a free-text comment (always shown)';
COMMENT ON COLUMN @region@.theme_summary.mentions IS 'commented responses with this theme from this source; NULL when suppressed';
COMMENT ON COLUMN @region@.theme_summary.share_of_comments IS 'mentions / comments (0..1); NULL when suppressed or without comments';
COMMENT ON COLUMN @region@.theme_summary.suppressed IS 'true when 1 <= comments < min_group_size() (the region''s setting, or a session''s larger pekefb.min_group_size): mentions hidden';
