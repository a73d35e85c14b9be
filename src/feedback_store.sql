-- feedback_store: the feedback table, its bulk import (src/import.c) and the summary views
-- of client feedback (NPS, statements, themes) with small-group suppression.

CREATE TABLE @extschema@.feedback_responses (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at timestamptz NOT NULL,
    organization_code text NOT NULL REFERENCES @extschema@.organizations (code) ON UPDATE CASCADE,
    service text NOT NULL CHECK (service OPERATOR(pg_catalog.<>) ''),
    response @extschema@.feedback NOT NULL,
    comment text,
    themes text[] NOT NULL DEFAULT '{}'
);
-- per-organisation queries over a period, and per-period queries across organisations
-- (responses arrive roughly in time order, so a BRIN index stays tiny and effective)
CREATE INDEX feedback_responses_org_time_idx
    ON @extschema@.feedback_responses (organization_code, received_at);
CREATE INDEX feedback_responses_time_brin
    ON @extschema@.feedback_responses USING brin (received_at);
COMMENT ON TABLE @extschema@.feedback_responses IS
    'client, staff and partner feedback responses: one row per response, with free-text comment and themes';
COMMENT ON COLUMN @extschema@.feedback_responses.id IS 'surrogate key (identity)';
COMMENT ON COLUMN @extschema@.feedback_responses.received_at IS 'when the response was given';
COMMENT ON COLUMN @extschema@.feedback_responses.organization_code IS 'the organisation whose service the response is about';
COMMENT ON COLUMN @extschema@.feedback_responses.service IS 'the service, e.g. neuvola, perheneuvola, lastensuojelu';
COMMENT ON COLUMN @extschema@.feedback_responses.response IS 'the structured answers: role, channel, NPS, statements, language';
COMMENT ON COLUMN @extschema@.feedback_responses.comment IS 'free-text comment (open feedback), NULL if none';
COMMENT ON COLUMN @extschema@.feedback_responses.themes IS 'themes of the comment assigned by coding, e.g. {odotusaika,digipalvelut}';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.feedback_responses', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.feedback_responses_id_seq', '');

CREATE FUNCTION @extschema@.import_feedback(document text) RETURNS bigint
    AS 'MODULE_PATHNAME', 'import_feedback'
    LANGUAGE C VOLATILE STRICT SECURITY INVOKER PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.import_feedback(text) IS
    'loads a JSON array of feedback records into feedback_responses, all or nothing; returns the number of rows';

-- feedback_summary: per organisation, service, calendar quarter (session time zone) and
-- respondent role.  Groups with 1 <= responses < min_group_size() show their size but NULL
-- figures and suppressed = true; an NPS or statement figure is also NULL when fewer than
-- min_group_size() responses answered it.  The five statement columns are the national
-- base statements (codes easy, helped, safe, useful, understood); feedback_item_summary
-- has every statement code.
CREATE VIEW @extschema@.feedback_summary AS
SELECT g.organization_code,
       @extschema@.localized(o.name_fi, o.name_sv)
           AS organization_name,
       g.service,
       g.period_start,
       (g.period_start OPERATOR(pg_catalog.+) interval '3 months' OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
       g.role,
       g.responses,
       g.nps_answers,
       CASE WHEN g.nps_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.nps END AS nps,
       CASE WHEN g.easy_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.easy_mean END AS easy_mean,
       CASE WHEN g.easy_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.easy_agree END AS easy_agree_share,
       CASE WHEN g.helped_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.helped_mean END AS helped_mean,
       CASE WHEN g.helped_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.helped_agree END AS helped_agree_share,
       CASE WHEN g.safe_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.safe_mean END AS safe_mean,
       CASE WHEN g.safe_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.safe_agree END AS safe_agree_share,
       CASE WHEN g.useful_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.useful_mean END AS useful_mean,
       CASE WHEN g.useful_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.useful_agree END AS useful_agree_share,
       CASE WHEN g.understood_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.understood_mean END AS understood_mean,
       CASE WHEN g.understood_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.understood_agree END AS understood_agree_share,
       g.responses OPERATOR(pg_catalog.<) s.m AS suppressed
FROM (SELECT r.organization_code,
             r.service,
             pg_catalog.date_trunc('quarter', r.received_at)::date AS period_start,
             @extschema@.role(r.response) AS role,
             pg_catalog.count(*) AS responses,
             pg_catalog.count(@extschema@.nps_score(r.response)) AS nps_answers,
             @extschema@.nps(r.response) AS nps,
             pg_catalog.count(@extschema@.item(r.response, 'easy')) AS easy_n,
             @extschema@.item_mean(r.response, 'easy') AS easy_mean,
             @extschema@.agree_share(r.response, 'easy') AS easy_agree,
             pg_catalog.count(@extschema@.item(r.response, 'helped')) AS helped_n,
             @extschema@.item_mean(r.response, 'helped') AS helped_mean,
             @extschema@.agree_share(r.response, 'helped') AS helped_agree,
             pg_catalog.count(@extschema@.item(r.response, 'safe')) AS safe_n,
             @extschema@.item_mean(r.response, 'safe') AS safe_mean,
             @extschema@.agree_share(r.response, 'safe') AS safe_agree,
             pg_catalog.count(@extschema@.item(r.response, 'useful')) AS useful_n,
             @extschema@.item_mean(r.response, 'useful') AS useful_mean,
             @extschema@.agree_share(r.response, 'useful') AS useful_agree,
             pg_catalog.count(@extschema@.item(r.response, 'understood')) AS understood_n,
             @extschema@.item_mean(r.response, 'understood') AS understood_mean,
             @extschema@.agree_share(r.response, 'understood') AS understood_agree
      FROM @extschema@.feedback_responses r
      GROUP BY 1, 2, 3, 4) g
JOIN @extschema@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
CROSS JOIN (SELECT @extschema@.min_group_size() AS m) s;
COMMENT ON VIEW @extschema@.feedback_summary IS
    'feedback per organisation, service, quarter and role: responses, NPS, base-statement means and agree shares; small groups suppressed';
COMMENT ON COLUMN @extschema@.feedback_summary.organization_name IS 'name in the language of pekefb.language (fi, sv; en uses the Finnish name)';
COMMENT ON COLUMN @extschema@.feedback_summary.period_start IS 'first day of the calendar quarter (session time zone)';
COMMENT ON COLUMN @extschema@.feedback_summary.period_end IS 'last day of the calendar quarter';
COMMENT ON COLUMN @extschema@.feedback_summary.role IS 'respondent role; NULL for responses that did not give one';
COMMENT ON COLUMN @extschema@.feedback_summary.responses IS 'number of responses in the group (always shown)';
COMMENT ON COLUMN @extschema@.feedback_summary.nps_answers IS 'responses that answered the 0-10 recommendation question';
COMMENT ON COLUMN @extschema@.feedback_summary.nps IS 'NPS -100..100, unrounded; NULL when suppressed or fewer than min_group_size answers';
COMMENT ON COLUMN @extschema@.feedback_summary.suppressed IS 'true when 1 <= responses < pekefb.min_group_size: figures hidden';

-- feedback_item_summary: the same groups per statement code.  answers excludes "don't
-- know"; suppression is by answers (1 <= answers < min_group_size()).
CREATE VIEW @extschema@.feedback_item_summary AS
SELECT g.organization_code,
       @extschema@.localized(o.name_fi, o.name_sv)
           AS organization_name,
       g.service,
       g.period_start,
       (g.period_start OPERATOR(pg_catalog.+) interval '3 months' OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
       g.role,
       g.item,
       g.answers,
       g.dont_know,
       CASE WHEN g.answers OPERATOR(pg_catalog.>=) s.m
            THEN g.score_sum::double precision OPERATOR(pg_catalog./) g.answers END AS mean,
       CASE WHEN g.answers OPERATOR(pg_catalog.>=) s.m
            THEN g.agree::double precision OPERATOR(pg_catalog./) g.answers END AS agree_share,
       g.answers OPERATOR(pg_catalog.>=) 1 AND g.answers OPERATOR(pg_catalog.<) s.m AS suppressed
FROM (SELECT r.organization_code,
             r.service,
             pg_catalog.date_trunc('quarter', r.received_at)::date AS period_start,
             @extschema@.role(r.response) AS role,
             i.code AS item,
             pg_catalog.count(i.score) AS answers,
             pg_catalog.count(*) OPERATOR(pg_catalog.-) pg_catalog.count(i.score) AS dont_know,
             pg_catalog.sum(i.score) AS score_sum,
             pg_catalog.count(*) FILTER (WHERE i.score OPERATOR(pg_catalog.>=) 4) AS agree
      FROM @extschema@.feedback_responses r
      CROSS JOIN LATERAL @extschema@.items(r.response) i
      GROUP BY 1, 2, 3, 4, 5) g
JOIN @extschema@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
CROSS JOIN (SELECT @extschema@.min_group_size() AS m) s;
COMMENT ON VIEW @extschema@.feedback_item_summary IS
    'statement scores per organisation, service, quarter, role and statement: answers, mean 1-5, agree share (4-5); small groups suppressed';
COMMENT ON COLUMN @extschema@.feedback_item_summary.item IS 'statement code, e.g. easy, helped, safe, useful, understood';
COMMENT ON COLUMN @extschema@.feedback_item_summary.answers IS 'answers scored 1-5 (always shown)';
COMMENT ON COLUMN @extschema@.feedback_item_summary.dont_know IS '"don''t know" answers (null scores)';
COMMENT ON COLUMN @extschema@.feedback_item_summary.mean IS 'mean score 1-5, unrounded; NULL when suppressed';
COMMENT ON COLUMN @extschema@.feedback_item_summary.agree_share IS 'share of answers 4 or 5 (0..1); NULL when suppressed';
COMMENT ON COLUMN @extschema@.feedback_item_summary.suppressed IS 'true when 1 <= answers < pekefb.min_group_size: figures hidden';

-- feedback_theme_summary: how many responses of an organisation and quarter mention each
-- theme of the qualitative coding.  The group is the organisation's responses in the
-- quarter: when 1 <= responses < min_group_size() the mentions are hidden.
CREATE VIEW @extschema@.feedback_theme_summary AS
WITH base AS (
    SELECT r.id, r.organization_code,
           pg_catalog.date_trunc('quarter', r.received_at)::date AS period_start,
           r.themes
    FROM @extschema@.feedback_responses r
), totals AS (
    SELECT organization_code, period_start, pg_catalog.count(*) AS responses
    FROM base GROUP BY 1, 2
), mentions AS (
    SELECT b.organization_code, b.period_start, t.theme, pg_catalog.count(DISTINCT b.id) AS mentions
    FROM base b CROSS JOIN LATERAL pg_catalog.unnest(b.themes) AS t(theme)
    GROUP BY 1, 2, 3
)
SELECT m.organization_code,
       @extschema@.localized(o.name_fi, o.name_sv)
           AS organization_name,
       m.period_start,
       (m.period_start OPERATOR(pg_catalog.+) interval '3 months' OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
       m.theme,
       t.responses,
       CASE WHEN t.responses OPERATOR(pg_catalog.>=) s.m THEN m.mentions END AS mentions,
       CASE WHEN t.responses OPERATOR(pg_catalog.>=) s.m
            THEN m.mentions::double precision OPERATOR(pg_catalog./) t.responses END AS share,
       t.responses OPERATOR(pg_catalog.<) s.m AS suppressed
FROM mentions m
JOIN totals t ON t.organization_code OPERATOR(pg_catalog.=) m.organization_code
              AND t.period_start OPERATOR(pg_catalog.=) m.period_start
JOIN @extschema@.organizations o ON o.code OPERATOR(pg_catalog.=) m.organization_code
CROSS JOIN (SELECT @extschema@.min_group_size() AS m) s;
COMMENT ON VIEW @extschema@.feedback_theme_summary IS
    'themes of free-text feedback per organisation and quarter: responses mentioning each theme; small groups suppressed';
COMMENT ON COLUMN @extschema@.feedback_theme_summary.responses IS 'all responses of the organisation in the quarter (always shown)';
COMMENT ON COLUMN @extschema@.feedback_theme_summary.mentions IS 'responses whose themes include this theme; NULL when suppressed';
COMMENT ON COLUMN @extschema@.feedback_theme_summary.share IS 'mentions / responses (0..1); NULL when suppressed';
COMMENT ON COLUMN @extschema@.feedback_theme_summary.suppressed IS 'true when 1 <= responses < pekefb.min_group_size: mentions hidden';
