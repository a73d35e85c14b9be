-- feedback_summary, feedback_item_summary, feedback_theme_summary: client feedback per
-- organisation, service, calendar quarter of received_at in the region's time zone
-- (settings.time_zone, whatever the reader's session says) and respondent role, with
-- small-group suppression by settings.min_group_size.  The counts are sums of the stored
-- per-month states (feedback_states.sql) while they are kept, else of the responses
-- (_feedback_own, views_privacy_feedback.sql).  As in every view of the region,
-- includes_sub_organizations = false rows count the organisation's own responses (a sum
-- over them counts each response once), true rows also those of every organisation below.

-- The three views read their stored rows (states_feedback.sql) for the years not stale and
-- compute the others from the responses; each view's computation is the internal
-- _VIEW_computed, which refresh_feedback_rows (below) stores.  Each view is the union of
-- the stored rows of the years not stale, the stale years computed, and everything
-- computed when the stored rows are not usable (_feedback_rows_usable).  Written out, so
-- that a dashboard's filter on organization_code and period_start reaches the stored rows'
-- primary key; the computations are gated off by one-time filters while nothing is stale
-- (and are then neither planned nor run: _feedback_computed_rows).  On a distributed region
-- a view is its computation (distribute_region replaces it so, and so does this file
-- there).

-- _feedback_rows_distributed(): whether feedback_responses is a Citus distributed table
-- (the views then compute: a shard cannot run the triggers that mark the stale years).
CREATE FUNCTION @region@._feedback_rows_distributed() RETURNS boolean
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NULL THEN
        RETURN false;
    END IF;
    RETURN EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
                   WHERE p.logicalrelid OPERATOR(pg_catalog.=) '@region@.feedback_responses'::pg_catalog.regclass);
END
$fn$;
COMMENT ON FUNCTION @region@._feedback_rows_distributed() IS
    'internal: true when feedback_responses is distributed by Citus (the feedback views compute from the responses)';

-- _feedback_rows_usable(): whether the feedback views may read their stored rows: the
-- triggers that mark stale years (on feedback_responses) and everything stale (on
-- organizations and settings) are there and enabled (distribute_region drops them; a DBA
-- may disable them), the rows are complete, and they were suppressed with the
-- min_group_size() in force (a session's raise above the region's computes).  As the owner.
CREATE FUNCTION @region@._feedback_rows_usable() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RETURN (SELECT pg_catalog.count(*) OPERATOR(pg_catalog.=) 6
            FROM pg_catalog.pg_trigger t
            WHERE t.tgrelid OPERATOR(pg_catalog.=) ANY (ARRAY['@region@.feedback_responses'::pg_catalog.regclass,
                                                              '@region@.organizations'::pg_catalog.regclass,
                                                              '@region@.settings'::pg_catalog.regclass])
              AND t.tgname OPERATOR(pg_catalog.=) ANY (ARRAY['feedback_rows_insert', 'feedback_rows_update',
                                                             'feedback_rows_delete', 'feedback_rows_truncate',
                                                             'organizations_feedback_rows', 'settings_feedback_rows'])
              AND t.tgenabled OPERATOR(pg_catalog.<>) 'D')
       AND EXISTS (SELECT FROM @region@._feedback_rows_meta m
                   WHERE m.complete AND m.min_group_size IS NOT DISTINCT FROM @region@.min_group_size());
END
$fn$;
COMMENT ON FUNCTION @region@._feedback_rows_usable() IS
    'internal: whether the feedback views read their stored rows (kept, complete, suppressed with the min_group_size in force)';

-- _feedback_rows_stale_units(), _feedback_rows_any_stale(): the years whose stored rows are
-- stale (marked by the triggers on feedback_responses since the last refresh).  As the owner.
CREATE FUNCTION @region@._feedback_rows_stale_units() RETURNS date[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT COALESCE(pg_catalog.array_agg(DISTINCT d.unit_start ORDER BY d.unit_start), CAST('{}' AS date[]))
    FROM @region@._feedback_rows_dirty d
$fn$;
COMMENT ON FUNCTION @region@._feedback_rows_stale_units() IS
    'internal: the years (first days) whose stored feedback rows are stale';
CREATE FUNCTION @region@._feedback_rows_any_stale() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT EXISTS (SELECT FROM @region@._feedback_rows_dirty)
$fn$;
COMMENT ON FUNCTION @region@._feedback_rows_any_stale() IS
    'internal: whether any year of the stored feedback rows is stale';

-- _feedback_computed_years(view, years): the rows of a view's computation (the
-- _VIEW_computed whose row type the first argument has) of the given calendar years (their
-- first days), or of every year when years is NULL.  Year by year, each filtered on the key
-- its computation's filters take down to the counts of that year: year_start of
-- _feedback_summary_by_year and _feedback_theme_by_year (whose suppression couples within
-- the year), the year's quarters for _feedback_item_summary_computed (which couples within a
-- quarter), period_start (the year) for _feedback_overview_computed.  As the owner.
CREATE FUNCTION @region@._feedback_computed_years(view anyelement, years date[]) RETURNS SETOF anyelement
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    ROWS 100000
AS $fn$
DECLARE
    rel pg_catalog.regclass := pg_catalog.to_regclass(CAST(pg_catalog.pg_typeof(view) AS text));
    source text;
    cond text;
    cols text;
    y date;
BEGIN
    IF rel IS NULL OR rel OPERATOR(pg_catalog.<>) ALL (ARRAY['@region@._feedback_summary_computed'::pg_catalog.regclass,
                                                           '@region@._feedback_item_summary_computed'::pg_catalog.regclass,
                                                           '@region@._feedback_theme_summary_computed'::pg_catalog.regclass,
                                                           '@region@._feedback_overview_computed'::pg_catalog.regclass]) THEN
        RAISE EXCEPTION 'invalid feedback computation: "%"', pg_catalog.pg_typeof(view)
            USING ERRCODE = '22023', DETAIL = 'Expected the row type of _feedback_summary_computed, _feedback_item_summary_computed, _feedback_theme_summary_computed or _feedback_overview_computed.';
    END IF;
    IF years IS NULL THEN
        RETURN QUERY EXECUTE pg_catalog.format('SELECT c.* FROM %s c', rel);
        RETURN;
    END IF;
    IF rel OPERATOR(pg_catalog.=) '@region@._feedback_summary_computed'::pg_catalog.regclass THEN
        source := '@region@._feedback_summary_by_year';
        cond := 'c.year_start OPERATOR(pg_catalog.=) $1';
    ELSIF rel OPERATOR(pg_catalog.=) '@region@._feedback_theme_summary_computed'::pg_catalog.regclass THEN
        source := '@region@._feedback_theme_by_year';
        cond := 'c.year_start OPERATOR(pg_catalog.=) $1';
    ELSIF rel OPERATOR(pg_catalog.=) '@region@._feedback_item_summary_computed'::pg_catalog.regclass THEN
        source := CAST(rel AS text);
        cond := 'c.period_start OPERATOR(pg_catalog.>=) $1 AND c.period_start OPERATOR(pg_catalog.<) '
                'CAST($1 OPERATOR(pg_catalog.+) interval ''1 year'' AS date)';
    ELSE
        source := CAST(rel AS text);
        cond := 'c.period_start OPERATOR(pg_catalog.=) $1';
    END IF;
    SELECT pg_catalog.string_agg('c.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
    INTO cols FROM pg_catalog.pg_attribute a
    WHERE a.attrelid OPERATOR(pg_catalog.=) rel AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
    FOR y IN SELECT DISTINCT x.y FROM pg_catalog.unnest(years) AS x (y) WHERE x.y IS NOT NULL ORDER BY 1 LOOP
        RETURN QUERY EXECUTE pg_catalog.format('SELECT %s FROM %s c WHERE %s', cols, source, cond) USING y;
    END LOOP;
END
$fn$;
COMMENT ON FUNCTION @region@._feedback_computed_years(anyelement, date[]) IS
    'internal: the rows of a feedback view''s computation (the row type of the first argument) of the given years (first days; NULL: every year), each year computed by itself';

-- _feedback_computed_rows(view, stale_only): the rows of a view's computation of the stale
-- years only or of every year.  A function (planned only when it runs): written inline,
-- each view would plan its computation twice for every dashboard query, and its cost would
-- have the whole query JIT-compiled (5.9 s of 6 s for a query that reads 72 stored rows).
-- As the owner.
CREATE FUNCTION @region@._feedback_computed_rows(view anyelement, stale_only boolean) RETURNS SETOF anyelement
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    ROWS 100000
AS $fn$
BEGIN
    RETURN QUERY SELECT * FROM @region@._feedback_computed_years(
        view, CASE WHEN stale_only THEN @region@._feedback_rows_stale_units() END);
END
$fn$;
COMMENT ON FUNCTION @region@._feedback_computed_rows(anyelement, boolean) IS
    'internal: the rows of a feedback view''s computation (the row type of the first argument), of its stale years only (true) or all (false)';

-- feedback_summary: groups with 1 <= responses < min_group_size show their size but NULL
-- figures and suppressed = true; an NPS or statement figure is also NULL when fewer than
-- min_group_size responses answered it.  The five statement columns are the national
-- base statements (codes easy, helped, safe, useful, understood); feedback_item_summary
-- has every statement code.
-- _feedback_summary_by_year: feedback_summary computed, with the calendar year of each row
-- (year_start): a filter on it reaches the counts of that year only (the suppression
-- couples within a year: views_privacy_feedback.sql), so that refresh_feedback_rows and a
-- read of the stale years compute those years, not all.
CREATE VIEW @region@._feedback_summary_by_year AS
SELECT g.organization_code,
       g.includes_sub_organizations,
       pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
       g.service,
       g.period_start,
       ((g.period_start OPERATOR(pg_catalog.+) interval '3 months') OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
       g.role,
       g.responses,
       g.nps_answers,
       CASE WHEN g.nps_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fn.hidden, true) THEN g.nps END AS nps,
       CASE WHEN fi.easy_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.easy_hidden, true)
            THEN fi.easy_score_sum::double precision OPERATOR(pg_catalog./) fi.easy_answers END AS easy_mean,
       CASE WHEN fi.easy_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.easy_hidden, true)
            THEN fi.easy_agree::double precision OPERATOR(pg_catalog./) fi.easy_answers END AS easy_agree_share,
       CASE WHEN fi.helped_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.helped_hidden, true)
            THEN fi.helped_score_sum::double precision OPERATOR(pg_catalog./) fi.helped_answers END AS helped_mean,
       CASE WHEN fi.helped_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.helped_hidden, true)
            THEN fi.helped_agree::double precision OPERATOR(pg_catalog./) fi.helped_answers END AS helped_agree_share,
       CASE WHEN fi.safe_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.safe_hidden, true)
            THEN fi.safe_score_sum::double precision OPERATOR(pg_catalog./) fi.safe_answers END AS safe_mean,
       CASE WHEN fi.safe_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.safe_hidden, true)
            THEN fi.safe_agree::double precision OPERATOR(pg_catalog./) fi.safe_answers END AS safe_agree_share,
       CASE WHEN fi.useful_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.useful_hidden, true)
            THEN fi.useful_score_sum::double precision OPERATOR(pg_catalog./) fi.useful_answers END AS useful_mean,
       CASE WHEN fi.useful_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.useful_hidden, true)
            THEN fi.useful_agree::double precision OPERATOR(pg_catalog./) fi.useful_answers END AS useful_agree_share,
       CASE WHEN fi.understood_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.understood_hidden, true)
            THEN fi.understood_score_sum::double precision OPERATOR(pg_catalog./) fi.understood_answers END AS understood_mean,
       CASE WHEN fi.understood_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m AND NOT COALESCE(fi.understood_hidden, true)
            THEN fi.understood_agree::double precision OPERATOR(pg_catalog./) fi.understood_answers END AS understood_agree_share,
       g.responses OPERATOR(pg_catalog.<) s.m OR COALESCE(fn.hidden, true) AS suppressed,
       g.year_start
FROM (SELECT t.ancestor_code AS organization_code,
             x.includes_sub_organizations,
             w.service,
             w.period_start,
             w.role,
             CAST(pg_catalog.sum(w.responses) AS bigint) AS responses,
             CAST(pg_catalog.sum(w.nps_answers) AS bigint) AS nps_answers,
             -- pekefb.nps over the responses: its tally's counters summed
             @region@._feedback_nps_of(pg_catalog.sum(w.promoters), pg_catalog.sum(w.detractors), pg_catalog.sum(w.nps_answers)) AS nps,
             CAST(pg_catalog.date_trunc('year', CAST(w.period_start AS timestamp)) AS date) AS year_start
      FROM @region@._feedback_own w
      JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) w.organization_code
      CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
      WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
      GROUP BY 1, 2, 3, 4, 5) g
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) s
LEFT JOIN @region@._feedback_nps fn
    ON fn.organization_code OPERATOR(pg_catalog.=) g.organization_code AND fn.includes_sub_organizations OPERATOR(pg_catalog.=) g.includes_sub_organizations
   AND fn.service OPERATOR(pg_catalog.=) g.service AND fn.period_start OPERATOR(pg_catalog.=) g.period_start AND COALESCE(fn.role, '') OPERATOR(pg_catalog.=) COALESCE(g.role, '')
   AND fn.year_start OPERATOR(pg_catalog.=) g.year_start
LEFT JOIN @region@._feedback_base_items fi
    ON fi.organization_code OPERATOR(pg_catalog.=) g.organization_code AND fi.includes_sub_organizations OPERATOR(pg_catalog.=) g.includes_sub_organizations
   AND fi.service OPERATOR(pg_catalog.=) g.service AND fi.period_start OPERATOR(pg_catalog.=) g.period_start AND COALESCE(fi.role, '') OPERATOR(pg_catalog.=) COALESCE(g.role, '')
   AND fi.year_start OPERATOR(pg_catalog.=) g.year_start;
COMMENT ON VIEW @region@._feedback_summary_by_year IS
    'internal: _feedback_summary_computed with the calendar year of each row (year_start), the key a computation of one year filters on';
CREATE VIEW @region@._feedback_summary_computed AS
SELECT c.organization_code, c.includes_sub_organizations, c.organization_name, c.service, c.period_start, c.period_end,
       c.role, c.responses, c.nps_answers, c.nps, c.easy_mean, c.easy_agree_share, c.helped_mean, c.helped_agree_share,
       c.safe_mean, c.safe_agree_share, c.useful_mean, c.useful_agree_share, c.understood_mean, c.understood_agree_share,
       c.suppressed
FROM @region@._feedback_summary_by_year c;
COMMENT ON VIEW @region@._feedback_summary_computed IS
    'internal: feedback_summary computed from the responses (feedback_summary reads it for the years not stored: doc/states.md)';

-- feedback_summary: the stored rows (_feedback_rows) of the years not stale, the stale
-- years computed, or everything computed (above).
DO $do$
BEGIN
    IF @region@._feedback_rows_distributed() THEN
        CREATE VIEW @region@.feedback_summary AS SELECT * FROM @region@._feedback_summary_computed;
        RETURN;
    END IF;
    CREATE VIEW @region@.feedback_summary AS
    SELECT r.organization_code, r.includes_sub_organizations, pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
           r.service, r.period_start, ((r.period_start OPERATOR(pg_catalog.+) interval '3 months') OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
           CASE WHEN r.role OPERATOR(pg_catalog.<>) '' THEN r.role END AS role, r.responses, r.nps_answers, r.nps, r.easy_mean, r.easy_agree_share,
           r.helped_mean, r.helped_agree_share, r.safe_mean, r.safe_agree_share, r.useful_mean, r.useful_agree_share,
           r.understood_mean, r.understood_agree_share, r.suppressed
    FROM @region@._feedback_rows r
    JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) r.organization_code
    WHERE @region@._feedback_rows_usable()
      AND r.unit_start OPERATOR(pg_catalog.<>) ALL (CAST((SELECT @region@._feedback_rows_stale_units()) AS date[]))
    UNION ALL
    SELECT * FROM @region@._feedback_computed_rows(CAST(NULL AS @region@._feedback_summary_computed), true)
    WHERE @region@._feedback_rows_usable() AND @region@._feedback_rows_any_stale()
    UNION ALL
    SELECT * FROM @region@._feedback_computed_rows(CAST(NULL AS @region@._feedback_summary_computed), false)
    WHERE NOT @region@._feedback_rows_usable();
END
$do$;
COMMENT ON VIEW @region@.feedback_summary IS
    'feedback per organisation, includes_sub_organizations (false: own responses, true: with all sub-organisations), service, quarter (region time zone) and role: responses, NPS, base-statement means and agree shares; figures over fewer than min_group_size() answers, and those that would let a hidden one be recovered by subtraction, suppressed (doc/partners.md)';
COMMENT ON COLUMN @region@.feedback_summary.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.feedback_summary.includes_sub_organizations IS 'false: the organisation''s own responses only (sum these to count each response once); true: with those of every organisation below it';
COMMENT ON COLUMN @region@.feedback_summary.organization_name IS 'name in pekefb.language (fi, sv; en uses the Finnish name)';
COMMENT ON COLUMN @region@.feedback_summary.service IS 'the service, e.g. neuvola';
COMMENT ON COLUMN @region@.feedback_summary.period_start IS 'first day of the calendar quarter of received_at in the region''s time zone';
COMMENT ON COLUMN @region@.feedback_summary.period_end IS 'last day of the calendar quarter';
COMMENT ON COLUMN @region@.feedback_summary.role IS 'respondent role; NULL for responses that did not give one';
COMMENT ON COLUMN @region@.feedback_summary.responses IS 'number of responses in the group (always shown)';
COMMENT ON COLUMN @region@.feedback_summary.nps_answers IS 'responses that answered the 0-10 recommendation question';
COMMENT ON COLUMN @region@.feedback_summary.nps IS 'NPS -100..100, unrounded; NULL when suppressed or fewer than min_group_size answers';
COMMENT ON COLUMN @region@.feedback_summary.easy_mean IS 'mean 1-5 of statement easy (asiointi helppoa); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.easy_agree_share IS 'share 0..1 of answers 4-5 to statement easy; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.helped_mean IS 'mean 1-5 of statement helped (sai apua); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.helped_agree_share IS 'share 0..1 of answers 4-5 to statement helped; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.safe_mean IS 'mean 1-5 of statement safe (olo turvallinen); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.safe_agree_share IS 'share 0..1 of answers 4-5 to statement safe; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.useful_mean IS 'mean 1-5 of statement useful (palvelu hyödyllistä); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.useful_agree_share IS 'share 0..1 of answers 4-5 to statement useful; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.understood_mean IS 'mean 1-5 of statement understood (tieto ymmärrettävää); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.understood_agree_share IS 'share 0..1 of answers 4-5 to statement understood; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.suppressed IS 'true when 1 <= responses < min_group_size() or the NPS is hidden so that no hidden figure can be recovered by subtraction (doc/partners.md); statement figures are hidden by their own answers';

-- feedback_item_summary: the same groups per statement code.  answers excludes "don't
-- know"; suppression is by answers (1 <= answers < min_group_size).
CREATE VIEW @region@._feedback_item_summary_computed AS
-- the groups, their counts and suppression are those of _feedback_items (privacy_feedback.sql)
SELECT g.organization_code,
       g.includes_sub_organizations,
       pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
       g.service,
       g.period_start,
       ((g.period_start OPERATOR(pg_catalog.+) interval '3 months') OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
       g.role,
       g.item,
       g.answers,
       g.dont_know,
       CASE WHEN g.answers OPERATOR(pg_catalog.>=) s.m AND NOT g.hidden THEN g.score_sum::double precision OPERATOR(pg_catalog./) g.answers END AS mean,
       CASE WHEN g.answers OPERATOR(pg_catalog.>=) s.m AND NOT g.hidden THEN g.agree::double precision OPERATOR(pg_catalog./) g.answers END AS agree_share,
       g.hidden AS suppressed
FROM @region@._feedback_items g
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) s;
COMMENT ON VIEW @region@._feedback_item_summary_computed IS
    'internal: feedback_item_summary computed from the responses (feedback_item_summary reads it for the years not stored: doc/states.md)';

-- feedback_item_summary: the stored rows (_feedback_item_rows) of the years not stale, the stale
-- years computed, or everything computed (above).
DO $do$
BEGIN
    IF @region@._feedback_rows_distributed() THEN
        CREATE VIEW @region@.feedback_item_summary AS SELECT * FROM @region@._feedback_item_summary_computed;
        RETURN;
    END IF;
    CREATE VIEW @region@.feedback_item_summary AS
    SELECT r.organization_code, r.includes_sub_organizations, pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
           r.service, r.period_start, ((r.period_start OPERATOR(pg_catalog.+) interval '3 months') OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
           CASE WHEN r.role OPERATOR(pg_catalog.<>) '' THEN r.role END AS role, r.item, r.answers, r.dont_know, r.mean, r.agree_share, r.suppressed
    FROM @region@._feedback_item_rows r
    JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) r.organization_code
    WHERE @region@._feedback_rows_usable()
      AND r.unit_start OPERATOR(pg_catalog.<>) ALL (CAST((SELECT @region@._feedback_rows_stale_units()) AS date[]))
    UNION ALL
    SELECT * FROM @region@._feedback_computed_rows(CAST(NULL AS @region@._feedback_item_summary_computed), true)
    WHERE @region@._feedback_rows_usable() AND @region@._feedback_rows_any_stale()
    UNION ALL
    SELECT * FROM @region@._feedback_computed_rows(CAST(NULL AS @region@._feedback_item_summary_computed), false)
    WHERE NOT @region@._feedback_rows_usable();
END
$do$;
COMMENT ON VIEW @region@.feedback_item_summary IS
    'statement scores per organisation, includes_sub_organizations (false: own responses, true: with all sub-organisations), service, quarter (region time zone), role and statement: answers, mean 1-5, agree share (4-5); small groups suppressed';
COMMENT ON COLUMN @region@.feedback_item_summary.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.feedback_item_summary.includes_sub_organizations IS 'false: the organisation''s own responses only; true: with those of every organisation below it';
COMMENT ON COLUMN @region@.feedback_item_summary.organization_name IS 'name in pekefb.language';
COMMENT ON COLUMN @region@.feedback_item_summary.service IS 'the service, e.g. neuvola';
COMMENT ON COLUMN @region@.feedback_item_summary.period_start IS 'first day of the calendar quarter of received_at in the region''s time zone';
COMMENT ON COLUMN @region@.feedback_item_summary.period_end IS 'last day of the calendar quarter';
COMMENT ON COLUMN @region@.feedback_item_summary.role IS 'respondent role; NULL for responses that did not give one';
COMMENT ON COLUMN @region@.feedback_item_summary.item IS 'statement code, e.g. easy, helped, safe, useful, understood';
COMMENT ON COLUMN @region@.feedback_item_summary.answers IS 'answers scored 1-5 (always shown)';
COMMENT ON COLUMN @region@.feedback_item_summary.dont_know IS '"don''t know" answers (null scores)';
COMMENT ON COLUMN @region@.feedback_item_summary.mean IS 'mean score 1-5, unrounded; NULL when suppressed';
COMMENT ON COLUMN @region@.feedback_item_summary.agree_share IS 'share of answers 4 or 5 (0..1); NULL when suppressed';
COMMENT ON COLUMN @region@.feedback_item_summary.suppressed IS 'true when the figures are hidden: 1 <= answers < min_group_size(), or so that no hidden figure can be recovered by subtraction (doc/partners.md)';

-- feedback_theme_summary: how many responses of an organisation and quarter mention each
-- theme of the qualitative coding.  The group is the organisation's responses in the
-- quarter: when 1 <= responses < min_group_size the mentions are hidden.
-- _feedback_theme_by_year: the same with the calendar year of each row (year_start), as
-- _feedback_summary_by_year.
CREATE VIEW @region@._feedback_theme_by_year AS
WITH own_totals AS (
    -- counted per organisation first, then summed up the tree (each response belongs to
    -- one organisation); the states or the responses: _feedback_own
    SELECT w.organization_code, w.period_start, CAST(pg_catalog.sum(w.responses) AS bigint) AS responses
    FROM @region@._feedback_own w GROUP BY 1, 2
), own_mentions AS (
    SELECT w.organization_code, w.period_start, w.theme, w.mentions
    FROM @region@._feedback_own_themes w
), scope AS (
    SELECT t.organization_code, t.ancestor_code, x.includes_sub_organizations
    FROM @region@.organization_tree t
    CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
    WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
), totals AS (
    SELECT sc.ancestor_code AS organization_code, sc.includes_sub_organizations, w.period_start,
           CAST(pg_catalog.sum(w.responses) AS bigint) AS responses
    FROM own_totals w JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) w.organization_code
    GROUP BY 1, 2, 3
), mentions AS (
    SELECT sc.ancestor_code AS organization_code, sc.includes_sub_organizations, w.period_start, w.theme,
           CAST(pg_catalog.sum(w.mentions) AS bigint) AS mentions,
           CAST(pg_catalog.date_trunc('year', CAST(w.period_start AS timestamp)) AS date) AS year_start
    FROM own_mentions w JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) w.organization_code
    GROUP BY 1, 2, 3, 4
)
SELECT m.organization_code,
       m.includes_sub_organizations,
       pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
       m.period_start,
       ((m.period_start OPERATOR(pg_catalog.+) interval '3 months') OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
       m.theme,
       t.responses,
       CASE WHEN t.responses OPERATOR(pg_catalog.>=) s.m AND NOT fq.hidden THEN m.mentions END AS mentions,
       CASE WHEN t.responses OPERATOR(pg_catalog.>=) s.m AND NOT fq.hidden THEN m.mentions::double precision OPERATOR(pg_catalog./) t.responses END AS share,
       fq.hidden AS suppressed,
       m.year_start
FROM mentions m
JOIN totals t ON t.organization_code OPERATOR(pg_catalog.=) m.organization_code
             AND t.includes_sub_organizations OPERATOR(pg_catalog.=) m.includes_sub_organizations
             AND t.period_start OPERATOR(pg_catalog.=) m.period_start
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) m.organization_code
JOIN @region@._feedback_quarters fq
    ON fq.organization_code OPERATOR(pg_catalog.=) m.organization_code AND fq.includes_sub_organizations OPERATOR(pg_catalog.=) m.includes_sub_organizations
   AND fq.period_start OPERATOR(pg_catalog.=) m.period_start AND fq.year_start OPERATOR(pg_catalog.=) m.year_start
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS m) s;
COMMENT ON VIEW @region@._feedback_theme_by_year IS
    'internal: _feedback_theme_summary_computed with the calendar year of each row (year_start), the key a computation of one year filters on';
CREATE VIEW @region@._feedback_theme_summary_computed AS
SELECT c.organization_code, c.includes_sub_organizations, c.organization_name, c.period_start, c.period_end, c.theme,
       c.responses, c.mentions, c.share, c.suppressed
FROM @region@._feedback_theme_by_year c;
COMMENT ON VIEW @region@._feedback_theme_summary_computed IS
    'internal: feedback_theme_summary computed from the responses (feedback_theme_summary reads it for the years not stored: doc/states.md)';

-- feedback_theme_summary: the stored rows (_feedback_theme_rows) of the years not stale, the stale
-- years computed, or everything computed (above).
DO $do$
BEGIN
    IF @region@._feedback_rows_distributed() THEN
        CREATE VIEW @region@.feedback_theme_summary AS SELECT * FROM @region@._feedback_theme_summary_computed;
        RETURN;
    END IF;
    CREATE VIEW @region@.feedback_theme_summary AS
    SELECT r.organization_code, r.includes_sub_organizations, pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
           r.period_start, ((r.period_start OPERATOR(pg_catalog.+) interval '3 months') OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
           r.theme, r.responses, r.mentions, r.share, r.suppressed
    FROM @region@._feedback_theme_rows r
    JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) r.organization_code
    WHERE @region@._feedback_rows_usable()
      AND r.unit_start OPERATOR(pg_catalog.<>) ALL (CAST((SELECT @region@._feedback_rows_stale_units()) AS date[]))
    UNION ALL
    SELECT * FROM @region@._feedback_computed_rows(CAST(NULL AS @region@._feedback_theme_summary_computed), true)
    WHERE @region@._feedback_rows_usable() AND @region@._feedback_rows_any_stale()
    UNION ALL
    SELECT * FROM @region@._feedback_computed_rows(CAST(NULL AS @region@._feedback_theme_summary_computed), false)
    WHERE NOT @region@._feedback_rows_usable();
END
$do$;
COMMENT ON VIEW @region@.feedback_theme_summary IS
    'themes of free-text feedback per organisation, includes_sub_organizations (false: own responses, true: with all sub-organisations) and quarter (region time zone): responses mentioning each theme; small groups suppressed';
COMMENT ON COLUMN @region@.feedback_theme_summary.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.feedback_theme_summary.includes_sub_organizations IS 'false: the organisation''s own responses only; true: with those of every organisation below it';
COMMENT ON COLUMN @region@.feedback_theme_summary.organization_name IS 'name in pekefb.language';
COMMENT ON COLUMN @region@.feedback_theme_summary.period_start IS 'first day of the calendar quarter of received_at in the region''s time zone';
COMMENT ON COLUMN @region@.feedback_theme_summary.period_end IS 'last day of the calendar quarter';
COMMENT ON COLUMN @region@.feedback_theme_summary.theme IS 'a theme of the qualitative coding';
COMMENT ON COLUMN @region@.feedback_theme_summary.responses IS 'all responses of the organisation in the quarter (always shown)';
COMMENT ON COLUMN @region@.feedback_theme_summary.mentions IS 'responses whose themes include this theme; NULL when suppressed';
COMMENT ON COLUMN @region@.feedback_theme_summary.share IS 'mentions / responses (0..1); NULL when suppressed';
COMMENT ON COLUMN @region@.feedback_theme_summary.suppressed IS 'true when mentions are hidden: 1 <= responses < min_group_size(), or so that no hidden figure can be recovered by subtraction (doc/partners.md)';

-- The computations' columns are the views' (their comments say so).
DO $do$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT v.relname AS view_name, a.attname
        FROM pg_catalog.pg_class v
        JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) v.oid AND a.attnum OPERATOR(pg_catalog.>) 0
        WHERE v.relnamespace OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace
          AND v.relname OPERATOR(pg_catalog.=) ANY (ARRAY['feedback_summary', 'feedback_item_summary', 'feedback_theme_summary'])
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN @region@.%I.%I IS %L', '_' OPERATOR(pg_catalog.||) c.view_name OPERATOR(pg_catalog.||) '_computed',
                                  c.attname, 'as ' OPERATOR(pg_catalog.||) c.view_name);
        IF c.view_name OPERATOR(pg_catalog.<>) 'feedback_item_summary' THEN
            EXECUTE pg_catalog.format('COMMENT ON COLUMN @region@.%I.%I IS %L',
                                      CASE c.view_name WHEN 'feedback_summary' THEN '_feedback_summary_by_year' ELSE '_feedback_theme_by_year' END,
                                      c.attname, 'as ' OPERATOR(pg_catalog.||) c.view_name);
        END IF;
    END LOOP;
    COMMENT ON COLUMN @region@._feedback_summary_by_year.year_start IS 'first day of the calendar year of period_start (the unit the suppression couples within)';
    COMMENT ON COLUMN @region@._feedback_theme_by_year.year_start IS 'first day of the calendar year of period_start (the unit the suppression couples within)';
END
$do$;

-- refresh_feedback_rows(everything): brings the stored feedback rows up to date: the stale
-- years computed (each by itself: _feedback_computed_years) and stored, or every year when the rows are not
-- complete, were suppressed under another min_group_size, or everything is true (after the
-- triggers on feedback_responses were disabled for a while: what was written meanwhile was
-- not marked); returns the number of rows written.  No
-- loader runs it (a load marks its years stale; readers compute them meanwhile): run it
-- after a load, or from cron (README, "Dashboards at national scale").  As the owner under
-- the region's min_group_size (never a session's raise); nothing on Citus.
CREATE FUNCTION @region@.refresh_feedback_rows(everything boolean DEFAULT false) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
    SET pekefb.min_group_size = 1
AS $fn$
DECLARE
    m @region@._feedback_rows_meta;
    mgs integer;
    units date[];
    seen bigint[];
    n bigint;
    written bigint := 0;
BEGIN
    IF @region@._feedback_rows_distributed() THEN
        RETURN 0;
    END IF;
    -- one refresh at a time (the meta row); the writers of feedback_responses are not
    -- waited for: the marks seen now are deleted at the end, those of writers that commit
    -- meanwhile stay for the next refresh (their rows may be missing from what is stored)
    SELECT * INTO STRICT m FROM @region@._feedback_rows_meta FOR UPDATE;
    SELECT pg_catalog.array_agg(d.mark), COALESCE(pg_catalog.array_agg(DISTINCT d.unit_start), CAST('{}' AS date[]))
    INTO seen, units FROM @region@._feedback_rows_dirty d;
    SELECT s.min_group_size INTO STRICT mgs FROM @region@.settings s;
    IF m.complete AND m.min_group_size IS NOT DISTINCT FROM mgs AND NOT COALESCE(everything, false) THEN
        IF pg_catalog.cardinality(units) OPERATOR(pg_catalog.=) 0 THEN
            RETURN 0;
        END IF;
        DELETE FROM @region@._feedback_rows WHERE unit_start OPERATOR(pg_catalog.=) ANY (units);
        DELETE FROM @region@._feedback_item_rows WHERE unit_start OPERATOR(pg_catalog.=) ANY (units);
        DELETE FROM @region@._feedback_theme_rows WHERE unit_start OPERATOR(pg_catalog.=) ANY (units);
        DELETE FROM @region@._feedback_overview_rows WHERE period_start OPERATOR(pg_catalog.=) ANY (units);
    ELSE
        units := NULL;  -- every year
        DELETE FROM @region@._feedback_rows;
        DELETE FROM @region@._feedback_item_rows;
        DELETE FROM @region@._feedback_theme_rows;
        DELETE FROM @region@._feedback_overview_rows;
    END IF;
    INSERT INTO @region@._feedback_rows
        (organization_code, includes_sub_organizations, service, period_start, role, unit_start, responses, nps_answers, nps,
         easy_mean, easy_agree_share, helped_mean, helped_agree_share, safe_mean, safe_agree_share, useful_mean,
         useful_agree_share, understood_mean, understood_agree_share, suppressed)
    SELECT c.organization_code, c.includes_sub_organizations, c.service, c.period_start, COALESCE(c.role, ''), u.unit_start,
           c.responses, c.nps_answers, c.nps, c.easy_mean, c.easy_agree_share, c.helped_mean, c.helped_agree_share,
           c.safe_mean, c.safe_agree_share, c.useful_mean, c.useful_agree_share, c.understood_mean,
           c.understood_agree_share, c.suppressed
    FROM @region@._feedback_computed_years(CAST(NULL AS @region@._feedback_summary_computed), units) c
    CROSS JOIN LATERAL (SELECT CAST(pg_catalog.date_trunc('year', c.period_start::timestamp) AS date) AS unit_start) u;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written OPERATOR(pg_catalog.+) n;
    INSERT INTO @region@._feedback_item_rows
        (organization_code, includes_sub_organizations, service, period_start, role, item, unit_start, answers, dont_know,
         mean, agree_share, suppressed)
    SELECT c.organization_code, c.includes_sub_organizations, c.service, c.period_start, COALESCE(c.role, ''), c.item,
           u.unit_start, c.answers, c.dont_know, c.mean, c.agree_share, c.suppressed
    FROM @region@._feedback_computed_years(CAST(NULL AS @region@._feedback_item_summary_computed), units) c
    CROSS JOIN LATERAL (SELECT CAST(pg_catalog.date_trunc('year', c.period_start::timestamp) AS date) AS unit_start) u;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written OPERATOR(pg_catalog.+) n;
    INSERT INTO @region@._feedback_theme_rows
        (organization_code, includes_sub_organizations, period_start, theme, unit_start, responses, mentions, share, suppressed)
    SELECT c.organization_code, c.includes_sub_organizations, c.period_start, c.theme, u.unit_start, c.responses,
           c.mentions, c.share, c.suppressed
    FROM @region@._feedback_computed_years(CAST(NULL AS @region@._feedback_theme_summary_computed), units) c
    CROSS JOIN LATERAL (SELECT CAST(pg_catalog.date_trunc('year', c.period_start::timestamp) AS date) AS unit_start) u;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written OPERATOR(pg_catalog.+) n;
    -- organization_overview's feedback figures (views_overview.sql)
    INSERT INTO @region@._feedback_overview_rows
        (organization_code, includes_sub_organizations, period_start, responses, nps, comments, top_themes, suppressed)
    SELECT c.organization_code, c.includes_sub_organizations, c.period_start, c.responses, c.nps, c.comments,
           c.top_themes, c.suppressed
    FROM @region@._feedback_computed_years(CAST(NULL AS @region@._feedback_overview_computed), units) c;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written OPERATOR(pg_catalog.+) n;
    IF units IS NULL THEN
        -- (every row new: the planner's statistics of the tables are those of before)
        ANALYZE @region@._feedback_rows, @region@._feedback_item_rows, @region@._feedback_theme_rows,
                @region@._feedback_overview_rows;
    END IF;
    DELETE FROM @region@._feedback_rows_dirty d WHERE d.mark OPERATOR(pg_catalog.=) ANY (seen);
    UPDATE @region@._feedback_rows_meta SET complete = true, min_group_size = mgs;
    RETURN written;
END
$fn$;
COMMENT ON FUNCTION @region@.refresh_feedback_rows(boolean) IS
    'recomputes the stale years of the stored feedback rows (every year when needed or asked for) from the responses; returns the rows written';
