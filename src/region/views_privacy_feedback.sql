-- privacy_feedback: which feedback figures the benchmark views hide (doc/partners.md).
-- Internal views (names start with _, never granted to members): each lists cells with the
-- count their figure is computed over (n) and whether the figure is hidden, after primary
-- suppression, complementary suppression along the organisation tree (_tree_suppress) and
-- between a year and the groups inside it (_parts_suppress).  feedback_summary,
-- feedback_item_summary, feedback_theme_summary and organization_overview read them, so the
-- same figure is hidden alike in every view.

-- _feedback_states_kept: whether the feedback states are kept by feedback_responses'
-- triggers (feedback_states.sql), so that the views may read them (not on Citus:
-- distribute_region drops the triggers; nor while one is disabled).
CREATE FUNCTION @region@._feedback_states_kept() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $fn$
    SELECT pg_catalog.count(*) OPERATOR(pg_catalog.=) 4
    FROM pg_catalog.pg_trigger t
    WHERE t.tgrelid OPERATOR(pg_catalog.=) '@region@.feedback_responses'::pg_catalog.regclass
      AND t.tgname OPERATOR(pg_catalog.=) ANY (ARRAY['feedback_responses_states_insert', 'feedback_responses_states_update',
                                                     'feedback_responses_states_delete', 'feedback_responses_states_truncate'])
      AND t.tgenabled OPERATOR(pg_catalog.<>) 'D'
    $fn$;
COMMENT ON FUNCTION @region@._feedback_states_kept() IS
    'internal: true while the triggers on feedback_responses keep the feedback states (not on Citus: distribute_region drops them)';

-- _feedback_nps_of(promoters, detractors, answers): the NPS of summed tally counters, by
-- the final function of pekefb.nps on the same three integers (so exactly the aggregate's
-- value over the responses); NULL without answers.
CREATE FUNCTION @region@._feedback_nps_of(promoters numeric, detractors numeric, answers numeric) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN pekefb.tally_nps(CAST(pg_catalog.format('(%s,%s,%s)', promoters, detractors, answers) AS pekefb.tally));
COMMENT ON FUNCTION @region@._feedback_nps_of(numeric, numeric, numeric) IS
    'internal: the NPS (pekefb.tally_nps) of promoters, detractors and NPS answers summed from feedback states';

-- _feedback_own: per own organisation, service, quarter (region time zone) and role: the
-- responses, NPS answers, promoters, detractors and comments, the sums over the quarter's
-- months of feedback_states while they are kept, else counted from the responses.  The
-- branch not taken is a one-time filter that is false: it reads nothing.
CREATE VIEW @region@._feedback_own AS
SELECT s.organization_code, s.service,
       CAST(pg_catalog.date_trunc('quarter', CAST(s.month AS timestamp)) AS date) AS period_start,
       s.role,
       CAST(pg_catalog.sum(s.responses) AS bigint) AS responses,
       CAST(pg_catalog.sum(s.nps_answers) AS bigint) AS nps_answers,
       CAST(pg_catalog.sum(s.promoters) AS bigint) AS promoters,
       CAST(pg_catalog.sum(s.detractors) AS bigint) AS detractors,
       CAST(pg_catalog.sum(s.comments) AS bigint) AS comments
FROM @region@.feedback_states s
WHERE @region@._feedback_states_kept()
GROUP BY 1, 2, 3, 4
UNION ALL
SELECT r.organization_code, r.service,
       CAST(pg_catalog.date_trunc('quarter', pg_catalog.timezone(st.time_zone, r.received_at)) AS date),
       pekefb.role(r.response),
       pg_catalog.count(*),
       pg_catalog.count(n.score),
       pg_catalog.count(*) FILTER (WHERE n.score OPERATOR(pg_catalog.>=) 9),
       pg_catalog.count(*) FILTER (WHERE n.score OPERATOR(pg_catalog.<=) 6),
       pg_catalog.count(r.comment)
FROM @region@.feedback_responses r
CROSS JOIN @region@.settings st
CROSS JOIN LATERAL (SELECT pekefb.nps_score(r.response) AS score) n
WHERE NOT @region@._feedback_states_kept()
GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW @region@._feedback_own IS
    'internal: feedback counts per own organisation, service, quarter and role, from feedback_states while they are kept, else from the responses (not granted to members)';

-- _feedback_own_items: per own organisation, service, quarter, role and statement: answers
-- scored 1-5, "don't know" answers, score sum and answers 4-5 (feedback_item_states, else
-- the responses); a row for every statement some response of the group has.
CREATE VIEW @region@._feedback_own_items AS
SELECT s.organization_code, s.service,
       CAST(pg_catalog.date_trunc('quarter', CAST(s.month AS timestamp)) AS date) AS period_start,
       s.role, s.item,
       CAST(pg_catalog.sum(s.answers) AS bigint) AS answers,
       CAST(pg_catalog.sum(s.dont_know) AS bigint) AS dont_know,
       CAST(pg_catalog.sum(s.score_sum) AS bigint) AS score_sum,
       CAST(pg_catalog.sum(s.agree) AS bigint) AS agree
FROM @region@.feedback_item_states s
WHERE @region@._feedback_states_kept()
GROUP BY 1, 2, 3, 4, 5
UNION ALL
SELECT r.organization_code, r.service,
       CAST(pg_catalog.date_trunc('quarter', pg_catalog.timezone(st.time_zone, r.received_at)) AS date),
       pekefb.role(r.response), i.code,
       pg_catalog.count(i.score),
       pg_catalog.count(*) OPERATOR(pg_catalog.-) pg_catalog.count(i.score),
       COALESCE(pg_catalog.sum(i.score), 0),
       pg_catalog.count(*) FILTER (WHERE i.score OPERATOR(pg_catalog.>=) 4)
FROM @region@.feedback_responses r
CROSS JOIN @region@.settings st
CROSS JOIN LATERAL pekefb.items(r.response) i
WHERE NOT @region@._feedback_states_kept()
GROUP BY 1, 2, 3, 4, 5;
COMMENT ON VIEW @region@._feedback_own_items IS
    'internal: statement counts per own organisation, service, quarter, role and statement, from feedback_item_states while they are kept, else from the responses (not granted to members)';

-- _feedback_own_themes: per own organisation, quarter and theme: the responses mentioning
-- it (each theme once per response) and its occurrences (every element of themes)
-- (feedback_theme_states, else the responses).
CREATE VIEW @region@._feedback_own_themes AS
SELECT s.organization_code,
       CAST(pg_catalog.date_trunc('quarter', CAST(s.month AS timestamp)) AS date) AS period_start,
       s.theme,
       CAST(pg_catalog.sum(s.mentions) AS bigint) AS mentions,
       CAST(pg_catalog.sum(s.occurrences) AS bigint) AS occurrences
FROM @region@.feedback_theme_states s
WHERE @region@._feedback_states_kept()
GROUP BY 1, 2, 3
UNION ALL
SELECT r.organization_code,
       CAST(pg_catalog.date_trunc('quarter', pg_catalog.timezone(st.time_zone, r.received_at)) AS date),
       u.theme,
       pg_catalog.count(*),
       CAST(pg_catalog.sum(u.occurrences) AS bigint)
FROM @region@.feedback_responses r
CROSS JOIN @region@.settings st
CROSS JOIN LATERAL (SELECT x.theme, pg_catalog.count(*) AS occurrences
                    FROM pg_catalog.unnest(r.themes) AS x (theme) GROUP BY x.theme) u
WHERE NOT @region@._feedback_states_kept()
GROUP BY 1, 2, 3;
COMMENT ON VIEW @region@._feedback_own_themes IS
    'internal: theme mentions per own organisation, quarter and theme, from feedback_theme_states while they are kept, else from the responses (not granted to members)';

-- _feedback_cells: per organisation, includes_sub_organizations, service, quarter (region
-- time zone) and role: responses, NPS answers; the finest groups of the feedback views.
CREATE VIEW @region@._feedback_cells AS
WITH own AS (
    SELECT o.organization_code, o.service, o.period_start, o.role, o.responses, o.nps_answers
    FROM @region@._feedback_own o
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

-- The views below that couple or join within a year (_feedback_nps, _feedback_quarters,
-- _feedback_base_items) carry that year as year_start, a column of their grouping: a
-- filter on it (a refresh of one year, refresh_feedback_rows) reaches their counts.
--
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
SELECT p.organization_code, p.includes_sub_organizations, u.service, u.period_start, u.role, u.n AS nps_answers, u.hidden,
       p.year_start
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
    SELECT * FROM @region@._feedback_own_items
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
SELECT p.organization_code, p.includes_sub_organizations, u.period_start, u.n AS responses, u.hidden, p.year_start
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
-- answers: the five statements' rows of _feedback_own_items pivoted onto every group of
-- _feedback_own (a group none of whose responses has a statement gets 0 answers, as a count
-- over its responses gives), hidden along the tree by each statement's answers as
-- _feedback_items hides it.
CREATE VIEW @region@._feedback_base_items AS
WITH own AS (
    -- every group of the responses (_feedback_cells' cells), its base statements' counts 0
    -- where none answered: the same cells as the responses give
    SELECT g.organization_code, g.service, g.period_start, g.role,
           COALESCE(b.easy_answers, 0) AS easy_answers, b.easy_score_sum, COALESCE(b.easy_agree, 0) AS easy_agree,
           COALESCE(b.helped_answers, 0) AS helped_answers, b.helped_score_sum, COALESCE(b.helped_agree, 0) AS helped_agree,
           COALESCE(b.safe_answers, 0) AS safe_answers, b.safe_score_sum, COALESCE(b.safe_agree, 0) AS safe_agree,
           COALESCE(b.useful_answers, 0) AS useful_answers, b.useful_score_sum, COALESCE(b.useful_agree, 0) AS useful_agree,
           COALESCE(b.understood_answers, 0) AS understood_answers, b.understood_score_sum, COALESCE(b.understood_agree, 0) AS understood_agree
    FROM @region@._feedback_own g
    LEFT JOIN (
        SELECT i.organization_code, i.service, i.period_start, i.role,
               pg_catalog.sum(i.answers) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'easy') AS easy_answers,
               pg_catalog.sum(i.score_sum) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'easy' AND i.answers OPERATOR(pg_catalog.>) 0) AS easy_score_sum,
               pg_catalog.sum(i.agree) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'easy') AS easy_agree,
               pg_catalog.sum(i.answers) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'helped') AS helped_answers,
               pg_catalog.sum(i.score_sum) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'helped' AND i.answers OPERATOR(pg_catalog.>) 0) AS helped_score_sum,
               pg_catalog.sum(i.agree) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'helped') AS helped_agree,
               pg_catalog.sum(i.answers) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'safe') AS safe_answers,
               pg_catalog.sum(i.score_sum) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'safe' AND i.answers OPERATOR(pg_catalog.>) 0) AS safe_score_sum,
               pg_catalog.sum(i.agree) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'safe') AS safe_agree,
               pg_catalog.sum(i.answers) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'useful') AS useful_answers,
               pg_catalog.sum(i.score_sum) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'useful' AND i.answers OPERATOR(pg_catalog.>) 0) AS useful_score_sum,
               pg_catalog.sum(i.agree) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'useful') AS useful_agree,
               pg_catalog.sum(i.answers) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'understood') AS understood_answers,
               pg_catalog.sum(i.score_sum) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'understood' AND i.answers OPERATOR(pg_catalog.>) 0) AS understood_score_sum,
               pg_catalog.sum(i.agree) FILTER (WHERE i.item OPERATOR(pg_catalog.=) 'understood') AS understood_agree
        FROM @region@._feedback_own_items i
        WHERE i.item OPERATOR(pg_catalog.=) ANY (ARRAY['easy', 'helped', 'safe', 'useful', 'understood'])
        GROUP BY 1, 2, 3, 4) b
      ON b.organization_code OPERATOR(pg_catalog.=) g.organization_code AND b.service OPERATOR(pg_catalog.=) g.service
     AND b.period_start OPERATOR(pg_catalog.=) g.period_start AND COALESCE(b.role, '') OPERATOR(pg_catalog.=) COALESCE(g.role, '')
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
)
-- (the cells' figures go through the arrays and come back with their flags: one
-- _tree_suppress call per group, and no join back to the cells, whose estimate, five
-- columns of a grouped subquery, made the planner expect one row)
SELECT u.organization_code, u.includes_sub_organizations, g.service, g.period_start, g.role,
       u.easy_hidden, u.easy_answers, u.easy_score_sum, u.easy_agree,
       u.helped_hidden, u.helped_answers, u.helped_score_sum, u.helped_agree,
       u.safe_hidden, u.safe_answers, u.safe_score_sum, u.safe_agree,
       u.useful_hidden, u.useful_answers, u.useful_score_sum, u.useful_agree,
       u.understood_hidden, u.understood_answers, u.understood_score_sum, u.understood_agree,
       CAST(pg_catalog.date_trunc('year', CAST(g.period_start AS timestamp)) AS date) AS year_start
FROM (SELECT c.service, c.period_start, c.role,
             pg_catalog.array_agg(c.organization_code) AS orgs,
             pg_catalog.array_agg(o.parent_code) AS parents,
             pg_catalog.array_agg(c.includes_sub_organizations) AS incls,
             pg_catalog.array_agg(c.easy_answers) AS easy_n,
             pg_catalog.array_agg(c.easy_score_sum) AS easy_sums,
             pg_catalog.array_agg(c.easy_agree) AS easy_agrees,
             pg_catalog.array_agg(c.helped_answers) AS helped_n,
             pg_catalog.array_agg(c.helped_score_sum) AS helped_sums,
             pg_catalog.array_agg(c.helped_agree) AS helped_agrees,
             pg_catalog.array_agg(c.safe_answers) AS safe_n,
             pg_catalog.array_agg(c.safe_score_sum) AS safe_sums,
             pg_catalog.array_agg(c.safe_agree) AS safe_agrees,
             pg_catalog.array_agg(c.useful_answers) AS useful_n,
             pg_catalog.array_agg(c.useful_score_sum) AS useful_sums,
             pg_catalog.array_agg(c.useful_agree) AS useful_agrees,
             pg_catalog.array_agg(c.understood_answers) AS understood_n,
             pg_catalog.array_agg(c.understood_score_sum) AS understood_sums,
             pg_catalog.array_agg(c.understood_agree) AS understood_agrees
      FROM cells c
      JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) c.organization_code
      GROUP BY c.service, c.period_start, c.role) g
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) mg
CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(g.orgs),
                             pg_catalog.unnest(g.incls),
                             pg_catalog.unnest(g.easy_n),
                             pg_catalog.unnest(g.easy_sums),
                             pg_catalog.unnest(g.easy_agrees),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.easy_n, mg.m)),
                             pg_catalog.unnest(g.helped_n),
                             pg_catalog.unnest(g.helped_sums),
                             pg_catalog.unnest(g.helped_agrees),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.helped_n, mg.m)),
                             pg_catalog.unnest(g.safe_n),
                             pg_catalog.unnest(g.safe_sums),
                             pg_catalog.unnest(g.safe_agrees),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.safe_n, mg.m)),
                             pg_catalog.unnest(g.useful_n),
                             pg_catalog.unnest(g.useful_sums),
                             pg_catalog.unnest(g.useful_agrees),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.useful_n, mg.m)),
                             pg_catalog.unnest(g.understood_n),
                             pg_catalog.unnest(g.understood_sums),
                             pg_catalog.unnest(g.understood_agrees),
                             pg_catalog.unnest(@region@._tree_suppress(g.orgs, g.parents, g.incls, g.understood_n, mg.m)))
    AS u (organization_code, includes_sub_organizations, easy_answers, easy_score_sum, easy_agree, easy_hidden, helped_answers, helped_score_sum, helped_agree, helped_hidden, safe_answers, safe_score_sum, safe_agree, safe_hidden, useful_answers, useful_score_sum, useful_agree, useful_hidden, understood_answers, understood_score_sum, understood_agree, understood_hidden);
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
            WHEN 'year_start' THEN 'first day of the calendar year of period_start: the unit the suppression couples within, and the key a refresh of one year filters on'
            WHEN 'role' THEN 'respondent role; NULL for responses that did not give one'
            WHEN 'item' THEN 'statement code'
            WHEN 'indicator_code' THEN 'the indicator (indicators.code)'
            WHEN 'responses' THEN 'responses in the cell (the count of responses-based figures)'
            WHEN 'nps_answers' THEN 'answers to the recommendation question (the count the NPS is computed over)'
            WHEN 'answers' THEN 'answers scored 1-5 to the statement (the count its figures are computed over)'
            WHEN 'dont_know' THEN '"don''t know" answers to the statement'
            WHEN 'score_sum' THEN 'sum of the 1-5 scores'
            WHEN 'agree' THEN 'answers 4 or 5'
            WHEN 'promoters' THEN 'NPS answers 9-10'
            WHEN 'detractors' THEN 'NPS answers 0-6'
            WHEN 'comments' THEN 'responses with a free-text comment'
            WHEN 'theme' THEN 'a theme of the qualitative coding (an element of feedback_responses.themes)'
            WHEN 'mentions' THEN 'responses whose themes include the theme'
            WHEN 'occurrences' THEN 'elements of themes equal to the theme (repeats in one response counted)'
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
