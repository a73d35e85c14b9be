-- privacy_feedback: which feedback figures the benchmark views hide (doc/partners.md).
-- Internal views (names start with _, never granted to members): each lists cells with the
-- count their figure is computed over (n) and whether the figure is hidden, after primary
-- suppression, complementary suppression along the organisation tree (_tree_suppress) and
-- between a year and the groups inside it (_parts_suppress).  feedback_summary,
-- feedback_item_summary, feedback_theme_summary and organization_overview read them, so the
-- same figure is hidden alike in every view.

-- _feedback_cells: per organisation, includes_sub_organizations, service, quarter (region
-- time zone) and role: responses, NPS answers; the finest groups of the feedback views.
CREATE VIEW @region@._feedback_cells AS
WITH own AS (
    SELECT r.organization_code, r.service,
           CAST(pg_catalog.date_trunc('quarter', pg_catalog.timezone(st.time_zone, r.received_at)) AS date) AS period_start,
           pekefb.role(r.response) AS role,
           pg_catalog.count(*) AS responses,
           pg_catalog.count(pekefb.nps_score(r.response)) AS nps_answers
    FROM @region@.feedback_responses r
    CROSS JOIN @region@.settings st
    GROUP BY 1, 2, 3, 4
)
SELECT t.ancestor_code AS organization_code, x.includes_sub_organizations, w.service, w.period_start, w.role,
       CAST(pg_catalog.sum(w.responses) AS bigint) AS responses,
       CAST(pg_catalog.sum(w.nps_answers) AS bigint) AS nps_answers
FROM own w
JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) w.organization_code
CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
GROUP BY 1, 2, 3, 4, 5;
COMMENT ON VIEW @region@._feedback_cells IS
    'internal: feedback groups per organisation, includes_sub_organizations, service, quarter and role with their responses and NPS answers (unsuppressed counts; not granted to members)';

-- _feedback_year: per organisation, includes_sub_organizations and calendar year: the NPS
-- (over NPS answers) and the responses-based figures (comments, themes; over responses)
-- of organization_overview, hidden along the tree.
CREATE VIEW @region@._feedback_year AS
WITH y AS (
    SELECT c.organization_code, c.includes_sub_organizations,
           CAST(pg_catalog.date_trunc('year', c.period_start::timestamp) AS date) AS period_start,
           CAST(pg_catalog.sum(c.responses) AS bigint) AS responses,
           CAST(pg_catalog.sum(c.nps_answers) AS bigint) AS nps_answers
    FROM @region@._feedback_cells c
    GROUP BY 1, 2, 3
), g AS (
    SELECT y.period_start,
           pg_catalog.array_agg(y.organization_code) AS orgs,
           pg_catalog.array_agg(o.parent_code) AS parents,
           pg_catalog.array_agg(y.includes_sub_organizations) AS incls,
           pg_catalog.array_agg(y.responses) AS n_responses,
           pg_catalog.array_agg(y.nps_answers) AS n_nps
    FROM y JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) y.organization_code
    GROUP BY y.period_start
)
SELECT u.organization_code, u.includes_sub_organizations, g.period_start, u.responses, u.nps_answers,
       u.nps_hidden, u.responses_hidden
FROM g
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) mg
CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(g.orgs),
                             pg_catalog.unnest(g.incls),
                             pg_catalog.unnest(g.n_responses),
                             pg_catalog.unnest(g.n_nps),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.n_nps, mg.m)),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.n_responses, mg.m)))
    AS u (organization_code, includes_sub_organizations, responses, nps_answers, nps_hidden, responses_hidden);
COMMENT ON VIEW @region@._feedback_year IS
    'internal: yearly feedback cells of organization_overview with NPS and responses-based figures hidden by the tree rule (not granted to members)';

-- _feedback_nps: the NPS of each feedback_summary group: hidden along the tree within its
-- service, quarter and role, then against the organisation's year (organization_overview):
-- the groups of a year whose NPS is hidden are hidden too, and within a visible year the
-- hidden groups reach min_group_size NPS answers together or are none.
CREATE VIEW @region@._feedback_nps AS
WITH tree AS (
    SELECT g.service, g.period_start, g.role, u.organization_code, u.includes_sub_organizations, u.n, u.hidden
    FROM (SELECT c.service, c.period_start, c.role,
                 pg_catalog.array_agg(c.organization_code) AS orgs,
                 pg_catalog.array_agg(o.parent_code) AS parents,
                 pg_catalog.array_agg(c.includes_sub_organizations) AS incls,
                 pg_catalog.array_agg(c.nps_answers) AS ns
          FROM @region@._feedback_cells c
          JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) c.organization_code
          GROUP BY c.service, c.period_start, c.role) g
    CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) mg
    CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(g.orgs),
                             pg_catalog.unnest(g.incls),
                             pg_catalog.unnest(g.ns),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.ns, mg.m)))
        AS u (organization_code, includes_sub_organizations, n, hidden)
), parts AS (
    SELECT t.organization_code, t.includes_sub_organizations,
           CAST(pg_catalog.date_trunc('year', t.period_start::timestamp) AS date) AS year_start,
           pg_catalog.array_agg(t.service ORDER BY t.period_start, t.service, t.role) AS services,
           pg_catalog.array_agg(t.period_start ORDER BY t.period_start, t.service, t.role) AS starts,
           pg_catalog.array_agg(t.role ORDER BY t.period_start, t.service, t.role) AS roles,
           pg_catalog.array_agg(t.n ORDER BY t.period_start, t.service, t.role) AS ns,
           pg_catalog.array_agg(t.hidden ORDER BY t.period_start, t.service, t.role) AS hid
    FROM tree t
    GROUP BY 1, 2, 3
)
SELECT p.organization_code, p.includes_sub_organizations, u.service, u.period_start, u.role, u.n AS nps_answers, u.hidden
FROM parts p
JOIN @region@._feedback_year y ON y.organization_code OPERATOR(pg_catalog.=) p.organization_code
                              AND y.includes_sub_organizations OPERATOR(pg_catalog.=) p.includes_sub_organizations
                              AND y.period_start OPERATOR(pg_catalog.=) p.year_start
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) mg
CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(p.services),
                             pg_catalog.unnest(p.starts),
                             pg_catalog.unnest(p.roles),
                             pg_catalog.unnest(p.ns),
                             pg_catalog.unnest(@region@._parts_suppress(y.nps_hidden, p.ns, p.hid, mg.m)))
    AS u (service, period_start, role, n, hidden);
COMMENT ON VIEW @region@._feedback_nps IS
    'internal: whether the NPS of each feedback_summary group is hidden (tree rule, then against its year) (not granted to members)';

-- _feedback_items: each statement's figures per feedback group, hidden along the tree by
-- that statement's answers ("don't know" excluded).
CREATE VIEW @region@._feedback_items AS
WITH own AS (
    SELECT r.organization_code, r.service,
           CAST(pg_catalog.date_trunc('quarter', pg_catalog.timezone(st.time_zone, r.received_at)) AS date) AS period_start,
           pekefb.role(r.response) AS role, i.code AS item,
           pg_catalog.count(i.score) AS answers,
           pg_catalog.count(*) OPERATOR(pg_catalog.-) pg_catalog.count(i.score) AS dont_know,
           pg_catalog.sum(i.score) AS score_sum,
           pg_catalog.count(*) FILTER (WHERE i.score OPERATOR(pg_catalog.>=) 4) AS agree
    FROM @region@.feedback_responses r
    CROSS JOIN @region@.settings st
    CROSS JOIN LATERAL pekefb.items(r.response) i
    GROUP BY 1, 2, 3, 4, 5
), cells AS (
    SELECT t.ancestor_code AS organization_code, x.includes_sub_organizations, w.service, w.period_start, w.role, w.item,
           CAST(pg_catalog.sum(w.answers) AS bigint) AS answers,
           CAST(pg_catalog.sum(w.dont_know) AS bigint) AS dont_know,
           CAST(pg_catalog.sum(w.score_sum) AS bigint) AS score_sum,
           CAST(pg_catalog.sum(w.agree) AS bigint) AS agree
    FROM own w
    JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) w.organization_code
    CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
    WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
    GROUP BY 1, 2, 3, 4, 5, 6
)
SELECT g.service, g.period_start, g.role, g.item, u.organization_code, u.includes_sub_organizations, u.answers,
       u.dont_know, u.score_sum, u.agree, u.hidden
FROM (SELECT c.service, c.period_start, c.role, c.item,
             pg_catalog.array_agg(c.organization_code) AS orgs,
             pg_catalog.array_agg(o.parent_code) AS parents,
             pg_catalog.array_agg(c.includes_sub_organizations) AS incls,
             pg_catalog.array_agg(c.answers) AS ns,
             pg_catalog.array_agg(c.dont_know) AS dks,
             pg_catalog.array_agg(c.score_sum) AS sums,
             pg_catalog.array_agg(c.agree) AS agrees
      FROM cells c
      JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) c.organization_code
      GROUP BY c.service, c.period_start, c.role, c.item) g
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) mg
CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(g.orgs),
                             pg_catalog.unnest(g.incls),
                             pg_catalog.unnest(g.ns),
                             pg_catalog.unnest(g.dks),
                             pg_catalog.unnest(g.sums),
                             pg_catalog.unnest(g.agrees),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.ns, mg.m)))
    AS u (organization_code, includes_sub_organizations, answers, dont_know, score_sum, agree, hidden);
COMMENT ON VIEW @region@._feedback_items IS
    'internal: whether each statement''s figures per feedback group are hidden (tree rule over its answers) (not granted to members)';

-- _feedback_quarters: the responses-based figures (theme mentions) per organisation,
-- includes_sub_organizations and quarter: hidden along the tree, then against the year's
-- top_themes (organization_overview).
CREATE VIEW @region@._feedback_quarters AS
WITH q AS (
    SELECT c.organization_code, c.includes_sub_organizations, c.period_start,
           CAST(pg_catalog.sum(c.responses) AS bigint) AS responses
    FROM @region@._feedback_cells c
    GROUP BY 1, 2, 3
), tree AS (
    SELECT g.period_start, u.organization_code, u.includes_sub_organizations, u.n, u.hidden
    FROM (SELECT q.period_start,
                 pg_catalog.array_agg(q.organization_code) AS orgs,
                 pg_catalog.array_agg(o.parent_code) AS parents,
                 pg_catalog.array_agg(q.includes_sub_organizations) AS incls,
                 pg_catalog.array_agg(q.responses) AS ns
          FROM q JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) q.organization_code
          GROUP BY q.period_start) g
    CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) mg
    CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(g.orgs),
                             pg_catalog.unnest(g.incls),
                             pg_catalog.unnest(g.ns),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.ns, mg.m)))
        AS u (organization_code, includes_sub_organizations, n, hidden)
), parts AS (
    SELECT t.organization_code, t.includes_sub_organizations,
           CAST(pg_catalog.date_trunc('year', t.period_start::timestamp) AS date) AS year_start,
           pg_catalog.array_agg(t.period_start ORDER BY t.period_start) AS starts,
           pg_catalog.array_agg(t.n ORDER BY t.period_start) AS ns,
           pg_catalog.array_agg(t.hidden ORDER BY t.period_start) AS hid
    FROM tree t
    GROUP BY 1, 2, 3
)
SELECT p.organization_code, p.includes_sub_organizations, u.period_start, u.n AS responses, u.hidden
FROM parts p
JOIN @region@._feedback_year y ON y.organization_code OPERATOR(pg_catalog.=) p.organization_code
                              AND y.includes_sub_organizations OPERATOR(pg_catalog.=) p.includes_sub_organizations
                              AND y.period_start OPERATOR(pg_catalog.=) p.year_start
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) mg
CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(p.starts),
                             pg_catalog.unnest(p.ns),
                             pg_catalog.unnest(@region@._parts_suppress(y.responses_hidden, p.ns, p.hid, mg.m)))
    AS u (period_start, n, hidden);
COMMENT ON VIEW @region@._feedback_quarters IS
    'internal: whether the responses-based figures (theme mentions) per organisation and quarter are hidden (tree rule, then against the year) (not granted to members)';

-- _feedback_base_items: the five base statements side by side, one row per
-- feedback_summary group: whether each is hidden, its answers, score sum and agreeing
-- answers.  One pass over the responses (pekefb.item per statement, as feedback_summary did
-- before suppression needed the tree), hidden along the tree by each statement's answers as
-- _feedback_items hides it (its cells without answers change nothing in _tree_suppress).
-- _feedback_items' SRF over every statement is what made feedback_summary slow.
CREATE VIEW @region@._feedback_base_items AS
WITH own AS (
    SELECT r.organization_code, r.service,
           CAST(pg_catalog.date_trunc('quarter', pg_catalog.timezone(st.time_zone, r.received_at)) AS date) AS period_start,
           pekefb.role(r.response) AS role,
           pg_catalog.count(pekefb.item(r.response, 'easy')) AS easy_answers,
           pg_catalog.sum(pekefb.item(r.response, 'easy')) AS easy_score_sum,
           pg_catalog.count(*) FILTER (WHERE pekefb.item(r.response, 'easy') OPERATOR(pg_catalog.>=) 4) AS easy_agree,
           pg_catalog.count(pekefb.item(r.response, 'helped')) AS helped_answers,
           pg_catalog.sum(pekefb.item(r.response, 'helped')) AS helped_score_sum,
           pg_catalog.count(*) FILTER (WHERE pekefb.item(r.response, 'helped') OPERATOR(pg_catalog.>=) 4) AS helped_agree,
           pg_catalog.count(pekefb.item(r.response, 'safe')) AS safe_answers,
           pg_catalog.sum(pekefb.item(r.response, 'safe')) AS safe_score_sum,
           pg_catalog.count(*) FILTER (WHERE pekefb.item(r.response, 'safe') OPERATOR(pg_catalog.>=) 4) AS safe_agree,
           pg_catalog.count(pekefb.item(r.response, 'useful')) AS useful_answers,
           pg_catalog.sum(pekefb.item(r.response, 'useful')) AS useful_score_sum,
           pg_catalog.count(*) FILTER (WHERE pekefb.item(r.response, 'useful') OPERATOR(pg_catalog.>=) 4) AS useful_agree,
           pg_catalog.count(pekefb.item(r.response, 'understood')) AS understood_answers,
           pg_catalog.sum(pekefb.item(r.response, 'understood')) AS understood_score_sum,
           pg_catalog.count(*) FILTER (WHERE pekefb.item(r.response, 'understood') OPERATOR(pg_catalog.>=) 4) AS understood_agree
    FROM @region@.feedback_responses r
    CROSS JOIN @region@.settings st
    GROUP BY 1, 2, 3, 4
), cells AS (
    SELECT t.ancestor_code AS organization_code, x.includes_sub_organizations, w.service, w.period_start, w.role,
           CAST(pg_catalog.sum(w.easy_answers) AS bigint) AS easy_answers,
           CAST(pg_catalog.sum(w.easy_score_sum) AS bigint) AS easy_score_sum,
           CAST(pg_catalog.sum(w.easy_agree) AS bigint) AS easy_agree,
           CAST(pg_catalog.sum(w.helped_answers) AS bigint) AS helped_answers,
           CAST(pg_catalog.sum(w.helped_score_sum) AS bigint) AS helped_score_sum,
           CAST(pg_catalog.sum(w.helped_agree) AS bigint) AS helped_agree,
           CAST(pg_catalog.sum(w.safe_answers) AS bigint) AS safe_answers,
           CAST(pg_catalog.sum(w.safe_score_sum) AS bigint) AS safe_score_sum,
           CAST(pg_catalog.sum(w.safe_agree) AS bigint) AS safe_agree,
           CAST(pg_catalog.sum(w.useful_answers) AS bigint) AS useful_answers,
           CAST(pg_catalog.sum(w.useful_score_sum) AS bigint) AS useful_score_sum,
           CAST(pg_catalog.sum(w.useful_agree) AS bigint) AS useful_agree,
           CAST(pg_catalog.sum(w.understood_answers) AS bigint) AS understood_answers,
           CAST(pg_catalog.sum(w.understood_score_sum) AS bigint) AS understood_score_sum,
           CAST(pg_catalog.sum(w.understood_agree) AS bigint) AS understood_agree
    FROM own w
    JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) w.organization_code
    CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
    WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
    GROUP BY 1, 2, 3, 4, 5
), flags AS MATERIALIZED (
    -- (materialized: one _tree_suppress call per group, not per joined row)
    SELECT g.service, g.period_start, g.role, u.*
    FROM (SELECT c.service, c.period_start, c.role,
                 pg_catalog.array_agg(c.organization_code) AS orgs,
                 pg_catalog.array_agg(o.parent_code) AS parents,
                 pg_catalog.array_agg(c.includes_sub_organizations) AS incls,
           pg_catalog.array_agg(c.easy_answers) AS easy_n,
           pg_catalog.array_agg(c.helped_answers) AS helped_n,
           pg_catalog.array_agg(c.safe_answers) AS safe_n,
           pg_catalog.array_agg(c.useful_answers) AS useful_n,
           pg_catalog.array_agg(c.understood_answers) AS understood_n
          FROM cells c
          JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) c.organization_code
          GROUP BY c.service, c.period_start, c.role) g
    CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) mg
    CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(g.orgs),
                             pg_catalog.unnest(g.incls),
                             pg_catalog.unnest(g.easy_n),
                             pg_catalog.unnest(g.helped_n),
                             pg_catalog.unnest(g.safe_n),
                             pg_catalog.unnest(g.useful_n),
                             pg_catalog.unnest(g.understood_n),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.easy_n, mg.m)),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.helped_n, mg.m)),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.safe_n, mg.m)),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.useful_n, mg.m)),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.understood_n, mg.m)))
        AS u (organization_code, includes_sub_organizations, easy_n, helped_n, safe_n, useful_n, understood_n,
            easy_hidden, helped_hidden, safe_hidden, useful_hidden, understood_hidden)
)
SELECT c.organization_code, c.includes_sub_organizations, c.service, c.period_start, c.role,
       u.easy_hidden, c.easy_answers, c.easy_score_sum, c.easy_agree,
       u.helped_hidden, c.helped_answers, c.helped_score_sum, c.helped_agree,
       u.safe_hidden, c.safe_answers, c.safe_score_sum, c.safe_agree,
       u.useful_hidden, c.useful_answers, c.useful_score_sum, c.useful_agree,
       u.understood_hidden, c.understood_answers, c.understood_score_sum, c.understood_agree
FROM cells c
JOIN flags u ON u.organization_code OPERATOR(pg_catalog.=) c.organization_code
            AND u.includes_sub_organizations OPERATOR(pg_catalog.=) c.includes_sub_organizations
            AND u.service OPERATOR(pg_catalog.=) c.service AND u.period_start OPERATOR(pg_catalog.=) c.period_start
            AND COALESCE(u.role, '') OPERATOR(pg_catalog.=) COALESCE(c.role, '');
COMMENT ON VIEW @region@._feedback_base_items IS
    'internal: whether the five base statements'' figures of each feedback_summary group are hidden (not granted to members)';

-- Column comments of the internal views (one meaning per column name).
DO $do$
DECLARE
    c record;
    says text;
BEGIN
    FOR c IN SELECT k.relname, a.attname
             FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class k ON k.oid OPERATOR(pg_catalog.=) a.attrelid
             WHERE k.relnamespace OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace
               AND k.relkind OPERATOR(pg_catalog.=) 'v' AND k.relname OPERATOR(pg_catalog.~) '^_' AND a.attnum OPERATOR(pg_catalog.>) 0
    LOOP
        says := CASE c.attname
            WHEN 'organization_code' THEN 'the organisation (organizations.code)'
            WHEN 'includes_sub_organizations' THEN 'false: the organisation''s own units only; true: with those of every organisation below it'
            WHEN 'service' THEN 'the service, e.g. neuvola'
            WHEN 'period_start' THEN 'first day of the period (quarter, or year for _feedback_year; the measurement''s for _measurement_status)'
            WHEN 'period_end' THEN 'last day of the measurement''s period'
            WHEN 'role' THEN 'respondent role; NULL for responses that did not give one'
            WHEN 'item' THEN 'statement code'
            WHEN 'indicator_code' THEN 'the indicator (indicators.code)'
            WHEN 'responses' THEN 'responses in the cell (the count of responses-based figures)'
            WHEN 'nps_answers' THEN 'answers to the recommendation question (the count the NPS is computed over)'
            WHEN 'answers' THEN 'answers scored 1-5 to the statement (the count its figures are computed over)'
            WHEN 'dont_know' THEN '"don''t know" answers to the statement'
            WHEN 'score_sum' THEN 'sum of the 1-5 scores'
            WHEN 'agree' THEN 'answers 4 or 5'
            WHEN 'hidden' THEN 'true when the cell''s figure is hidden (primary or complementary suppression)'
            WHEN 'nps_hidden' THEN 'true when the NPS of the cell is hidden'
            WHEN 'responses_hidden' THEN 'true when the responses-based figures (comments, themes) of the cell are hidden'
            WHEN 'status' THEN 'met, missed, no target or suppressed'
            WHEN 'attainment' THEN 'progress towards the target, 1 = reached; NULL without a target or when suppressed'
            ELSE CASE WHEN c.attname OPERATOR(pg_catalog.~) '_hidden$'
                      THEN 'true when the figures of statement ' OPERATOR(pg_catalog.||) pg_catalog.regexp_replace(c.attname, '_hidden$', '')
                           OPERATOR(pg_catalog.||) ' are hidden'
                      WHEN c.attname OPERATOR(pg_catalog.~) '_answers$'
                      THEN 'answers scored 1-5 to statement ' OPERATOR(pg_catalog.||) pg_catalog.regexp_replace(c.attname, '_answers$', '')
                      WHEN c.attname OPERATOR(pg_catalog.~) '_score_sum$'
                      THEN 'sum of the 1-5 scores of statement ' OPERATOR(pg_catalog.||) pg_catalog.regexp_replace(c.attname, '_score_sum$', '')
                      WHEN c.attname OPERATOR(pg_catalog.~) '_agree$'
                      THEN 'answers 4 or 5 to statement ' OPERATOR(pg_catalog.||) pg_catalog.regexp_replace(c.attname, '_agree$', '') END
        END;
        IF says IS NULL THEN
            RAISE EXCEPTION 'no comment for column %.% of an internal view', c.relname, c.attname;
        END IF;
        EXECUTE pg_catalog.format('COMMENT ON COLUMN @region@.%I.%I IS %L', c.relname, c.attname, says);
    END LOOP;
END
$do$;
