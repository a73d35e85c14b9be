-- feedback_states: the stored per-month aggregate states of the feedback responses (issue 13,
-- doc/feedback_states.md), kept exactly by statement triggers on feedback_responses, so
-- that the feedback views read a few state rows instead of every response.  Three tables,
-- each per month of received_at in the region's time zone (settings.time_zone):
--   feedback_states       per organisation, service, month and role: responses, NPS answers,
--                         promoters, detractors (the counters of pekefb.nps' tally), comments;
--   feedback_item_states  the same groups per statement code: answers scored 1-5, "don't
--                         know" answers, score sum, answers 4-5;
--   feedback_theme_states per organisation, month and theme: responses mentioning the theme
--                         (each theme once per response) and its occurrences (every element
--                         of themes, as organization_overview's top themes count).
-- Counts add and subtract, so each statement on feedback_responses aggregates its transition
-- tables once and upserts the differences; rows left empty are deleted.  role and theme may
-- be NULL (a response without a role; a NULL element of themes): the primary keys hold
-- them in a generated key form (role_key, theme_key).  rebuild_feedback_states recomputes everything (a change of the time zone
-- runs it).  Members read the rows of their organisations (row-level security); only the
-- triggers, which run as the region's owner, write them.

CREATE TABLE @region@.feedback_states (
    -- no foreign key: a state row exists only for responses, whose references are checked
    -- (references.sql)
    organization_code text NOT NULL,
    service           text NOT NULL,
    month             date NOT NULL,
    role              text,
    responses         bigint NOT NULL CHECK (responses OPERATOR(pg_catalog.>=) 0),
    nps_answers       bigint NOT NULL CHECK (nps_answers OPERATOR(pg_catalog.>=) 0),
    promoters         bigint NOT NULL CHECK (promoters OPERATOR(pg_catalog.>=) 0),
    detractors        bigint NOT NULL CHECK (detractors OPERATOR(pg_catalog.>=) 0),
    comments          bigint NOT NULL CHECK (comments OPERATOR(pg_catalog.>=) 0),
    -- the key form of role (no role is ''; a role is never '': pekefb.feedback checks it)
    role_key          text NOT NULL GENERATED ALWAYS AS (COALESCE(role, '')) STORED,
    -- the dashboards' filters: an organisation, then a range of months
    PRIMARY KEY (organization_code, month, service, role_key)
);
COMMENT ON TABLE @region@.feedback_states IS
    'stored aggregate states of the feedback responses per own organisation, service, month (region time zone) and role, kept by the triggers on feedback_responses; the feedback views read them (doc/feedback_states.md)';
COMMENT ON COLUMN @region@.feedback_states.organization_code IS 'the organisation of the responses (feedback_responses.organization_code; not those below it)';
COMMENT ON COLUMN @region@.feedback_states.service IS 'the service of the responses';
COMMENT ON COLUMN @region@.feedback_states.month IS 'first day of the month of received_at in the region''s time zone (settings.time_zone)';
COMMENT ON COLUMN @region@.feedback_states.role IS 'respondent role (pekefb.role); NULL for responses that did not give one';
COMMENT ON COLUMN @region@.feedback_states.responses IS 'responses counted (at least 1: a row that becomes empty is deleted)';
COMMENT ON COLUMN @region@.feedback_states.nps_answers IS 'of them answering the 0-10 recommendation question (the n of pekefb.nps'' tally)';
COMMENT ON COLUMN @region@.feedback_states.promoters IS 'NPS answers 9-10 (the a of pekefb.nps'' tally)';
COMMENT ON COLUMN @region@.feedback_states.detractors IS 'NPS answers 0-6 (the b of pekefb.nps'' tally)';
COMMENT ON COLUMN @region@.feedback_states.comments IS 'responses with a free-text comment (comment not NULL)';
COMMENT ON COLUMN @region@.feedback_states.role_key IS 'role as a key: '''' for NULL (generated)';
CREATE INDEX feedback_states_empty ON @region@.feedback_states (organization_code) WHERE responses OPERATOR(pg_catalog.=) 0;
COMMENT ON INDEX @region@.feedback_states_empty IS 'the rows a statement on feedback_responses emptied (deleted at its end)';
SELECT @region@.set_row_policies('feedback_states');

CREATE TABLE @region@.feedback_item_states (
    organization_code text NOT NULL,
    service           text NOT NULL,
    month             date NOT NULL,
    role              text,
    item              text NOT NULL,
    answers           bigint NOT NULL CHECK (answers OPERATOR(pg_catalog.>=) 0),
    dont_know         bigint NOT NULL CHECK (dont_know OPERATOR(pg_catalog.>=) 0),
    score_sum         bigint NOT NULL CHECK (score_sum OPERATOR(pg_catalog.>=) 0),
    agree             bigint NOT NULL CHECK (agree OPERATOR(pg_catalog.>=) 0),
    role_key          text NOT NULL GENERATED ALWAYS AS (COALESCE(role, '')) STORED,
    PRIMARY KEY (organization_code, month, service, role_key, item)
);
COMMENT ON TABLE @region@.feedback_item_states IS
    'stored statement states of the feedback responses per own organisation, service, month (region time zone), role and statement, kept by the triggers on feedback_responses (doc/feedback_states.md)';
COMMENT ON COLUMN @region@.feedback_item_states.organization_code IS 'the organisation of the responses (not those below it)';
COMMENT ON COLUMN @region@.feedback_item_states.service IS 'the service of the responses';
COMMENT ON COLUMN @region@.feedback_item_states.month IS 'first day of the month of received_at in the region''s time zone';
COMMENT ON COLUMN @region@.feedback_item_states.role IS 'respondent role; NULL for responses that did not give one';
COMMENT ON COLUMN @region@.feedback_item_states.item IS 'statement code (pekefb.items)';
COMMENT ON COLUMN @region@.feedback_item_states.answers IS 'answers scored 1-5';
COMMENT ON COLUMN @region@.feedback_item_states.dont_know IS '"don''t know" answers (null scores); answers + dont_know >= 1 (an empty row is deleted)';
COMMENT ON COLUMN @region@.feedback_item_states.score_sum IS 'sum of the 1-5 scores';
COMMENT ON COLUMN @region@.feedback_item_states.agree IS 'answers 4 or 5';
COMMENT ON COLUMN @region@.feedback_item_states.role_key IS 'role as a key: '''' for NULL (generated)';
CREATE INDEX feedback_item_states_empty ON @region@.feedback_item_states (organization_code)
    WHERE answers OPERATOR(pg_catalog.=) 0 AND dont_know OPERATOR(pg_catalog.=) 0;
COMMENT ON INDEX @region@.feedback_item_states_empty IS 'the rows a statement on feedback_responses emptied (deleted at its end)';
SELECT @region@.set_row_policies('feedback_item_states');

CREATE TABLE @region@.feedback_theme_states (
    organization_code text NOT NULL,
    month             date NOT NULL,
    theme             text,
    mentions          bigint NOT NULL CHECK (mentions OPERATOR(pg_catalog.>=) 0),
    occurrences       bigint NOT NULL CHECK (occurrences OPERATOR(pg_catalog.>=) mentions),
    -- the key form of theme: '-' for NULL, '+' and the theme otherwise (any text may be a theme)
    theme_key         text NOT NULL GENERATED ALWAYS AS (COALESCE('+' OPERATOR(pg_catalog.||) theme, '-')) STORED,
    PRIMARY KEY (organization_code, month, theme_key)
);
COMMENT ON TABLE @region@.feedback_theme_states IS
    'stored theme states of the feedback responses per own organisation, month (region time zone) and theme, kept by the triggers on feedback_responses (doc/feedback_states.md)';
COMMENT ON COLUMN @region@.feedback_theme_states.organization_code IS 'the organisation of the responses (not those below it)';
COMMENT ON COLUMN @region@.feedback_theme_states.month IS 'first day of the month of received_at in the region''s time zone';
COMMENT ON COLUMN @region@.feedback_theme_states.theme IS 'an element of feedback_responses.themes (NULL for a NULL element)';
COMMENT ON COLUMN @region@.feedback_theme_states.mentions IS 'responses whose themes include the theme (feedback_theme_summary; at least 1: an empty row is deleted)';
COMMENT ON COLUMN @region@.feedback_theme_states.theme_key IS 'theme as a key: ''-'' for NULL, ''+'' and the theme otherwise (generated)';
COMMENT ON COLUMN @region@.feedback_theme_states.occurrences IS 'elements of themes equal to the theme, repeats in one response counted (organization_overview''s top themes)';
CREATE INDEX feedback_theme_states_empty ON @region@.feedback_theme_states (organization_code) WHERE mentions OPERATOR(pg_catalog.=) 0;
COMMENT ON INDEX @region@.feedback_theme_states_empty IS 'the rows a statement on feedback_responses emptied (deleted at its end)';
SELECT @region@.set_row_policies('feedback_theme_states');

-- _feedback_states_sql(source): the one statement that adds the states of the rows of
-- source (a query of sign (1 adds, -1 subtracts), organization_code, service, received_at,
-- response, comment, themes) to the three state tables: the rows are aggregated once per
-- state row of feedback_states (their statements counted per group by pekefb.item_counts,
-- in C: a row per statement made the trigger twice as slow) and once per theme, existing state rows updated (a subtraction of rows never added fails
-- on the CHECK constraints, so drifted states show up instead of staying wrong), new ones
-- inserted: by a plain INSERT when upsert is false (the trigger's first try: ON CONFLICT's
-- speculative insertion cost 160 of 760 ms for a month of 166 666 responses), with ON
-- CONFLICT when true (a concurrent statement may have inserted one meanwhile: the trigger's
-- retry after a unique violation, and the rebuild).  (Not one
-- upsert: INSERT checks a row's CHECK constraints before it finds the conflict, so a
-- negative difference would fail.)  Groups whose differences are all 0 (an update that
-- moved nothing) are skipped.  Returns the number of state rows written.  Shared by the
-- triggers (source = the transition tables) and rebuild_feedback_states.
CREATE FUNCTION @region@._feedback_states_sql(source text, upsert boolean DEFAULT true) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $fn$ SELECT pg_catalog.format($q$
WITH g AS MATERIALIZED (
    -- once per state row of feedback_states: the counts, and the responses with their
    -- signs for the statement counts (pekefb.item_counts, one call per group)
    -- (grouped in the "C" collation: the same groups, as equality is exact in every
    -- deterministic collation, but the sort compares bytes: 250 -> 80 ms for a month of
    -- 166 666 responses; the keys leave in the database's collation)
    SELECT CAST(x.organization_code AS text) COLLATE "default" AS organization_code, x.month,
           CAST(x.service AS text) COLLATE "default" AS service, CAST(x.role AS text) COLLATE "default" AS role,
           x.responses, x.nps_answers, x.promoters, x.detractors, x.comments, x.rs, x.signs
    FROM (
        SELECT r.organization_code COLLATE "C" AS organization_code,
               CAST(pg_catalog.date_trunc('month', pg_catalog.timezone(st.time_zone, r.received_at)) AS date) AS month,
               r.service COLLATE "C" AS service, pekefb.role(r.response) COLLATE "C" AS role,
               CAST(pg_catalog.sum(r.sign) AS bigint) AS responses,
               CAST(COALESCE(pg_catalog.sum(r.sign) FILTER (WHERE n.score IS NOT NULL), 0) AS bigint) AS nps_answers,
               CAST(COALESCE(pg_catalog.sum(r.sign) FILTER (WHERE n.score OPERATOR(pg_catalog.>=) 9), 0) AS bigint) AS promoters,
               CAST(COALESCE(pg_catalog.sum(r.sign) FILTER (WHERE n.score OPERATOR(pg_catalog.<=) 6), 0) AS bigint) AS detractors,
               CAST(COALESCE(pg_catalog.sum(r.sign) FILTER (WHERE r.comment IS NOT NULL), 0) AS bigint) AS comments,
               pg_catalog.array_agg(r.response) AS rs,
               pg_catalog.array_agg(r.sign) AS signs
        FROM (%1$s) r
        CROSS JOIN @region@.settings st
        CROSS JOIN LATERAL (SELECT pekefb.nps_score(r.response) AS score) n
        GROUP BY 1, 2, 3, 4
    ) x
), k AS (
    -- the organisations and months the statement touches: the updates below probe the
    -- state tables' primary keys by them (a hash join would read every state row: 0.8 s of a
    -- 1.2 s trigger for a month of 33 333 responses at 1 700 000 state rows)
    SELECT pg_catalog.array_agg(DISTINCT g.organization_code) AS orgs, pg_catalog.array_agg(DISTINCT g.month) AS months
    FROM g
), fa AS (
    SELECT g.organization_code, g.month, g.service, g.role, g.responses, g.nps_answers, g.promoters, g.detractors, g.comments
    FROM g
    WHERE g.responses OPERATOR(pg_catalog.<>) 0 OR g.nps_answers OPERATOR(pg_catalog.<>) 0 OR g.promoters OPERATOR(pg_catalog.<>) 0
       OR g.detractors OPERATOR(pg_catalog.<>) 0 OR g.comments OPERATOR(pg_catalog.<>) 0
), fu AS (
    UPDATE @region@.feedback_states s
    SET responses = s.responses OPERATOR(pg_catalog.+) a.responses,
        nps_answers = s.nps_answers OPERATOR(pg_catalog.+) a.nps_answers,
        promoters = s.promoters OPERATOR(pg_catalog.+) a.promoters,
        detractors = s.detractors OPERATOR(pg_catalog.+) a.detractors,
        comments = s.comments OPERATOR(pg_catalog.+) a.comments
    FROM fa a
    WHERE s.organization_code OPERATOR(pg_catalog.=) a.organization_code
      AND s.month OPERATOR(pg_catalog.=) a.month
      AND s.service OPERATOR(pg_catalog.=) a.service
      AND s.role_key OPERATOR(pg_catalog.=) COALESCE(a.role, '')
      AND s.organization_code OPERATOR(pg_catalog.=) ANY (CAST((SELECT k.orgs FROM k) AS text[]))
      AND s.month OPERATOR(pg_catalog.=) ANY (CAST((SELECT k.months FROM k) AS date[]))
    RETURNING s.organization_code, s.month, s.service, s.role_key
), fi AS (
    INSERT INTO @region@.feedback_states AS s (organization_code, month, service, role, responses, nps_answers, promoters, detractors, comments)
    SELECT a.organization_code, a.month, a.service, a.role, a.responses, a.nps_answers, a.promoters, a.detractors, a.comments FROM fa a
    WHERE NOT EXISTS (SELECT FROM fu x WHERE x.organization_code OPERATOR(pg_catalog.=) a.organization_code AND x.month OPERATOR(pg_catalog.=) a.month AND x.service OPERATOR(pg_catalog.=) a.service AND x.role_key OPERATOR(pg_catalog.=) COALESCE(a.role, ''))
    %2$s
    RETURNING 1
), ia AS (
    SELECT g.organization_code, g.month, g.service, g.role, c.item, c.answers, c.dont_know, c.score_sum, c.agree
    FROM g CROSS JOIN LATERAL pekefb.item_counts(g.rs, g.signs) c
    WHERE c.answers OPERATOR(pg_catalog.<>) 0 OR c.dont_know OPERATOR(pg_catalog.<>) 0 OR c.score_sum OPERATOR(pg_catalog.<>) 0
       OR c.agree OPERATOR(pg_catalog.<>) 0
), iu AS (
    UPDATE @region@.feedback_item_states s
    SET answers = s.answers OPERATOR(pg_catalog.+) a.answers,
        dont_know = s.dont_know OPERATOR(pg_catalog.+) a.dont_know,
        score_sum = s.score_sum OPERATOR(pg_catalog.+) a.score_sum,
        agree = s.agree OPERATOR(pg_catalog.+) a.agree
    FROM ia a
    WHERE s.organization_code OPERATOR(pg_catalog.=) a.organization_code
      AND s.month OPERATOR(pg_catalog.=) a.month
      AND s.service OPERATOR(pg_catalog.=) a.service
      AND s.role_key OPERATOR(pg_catalog.=) COALESCE(a.role, '')
      AND s.item OPERATOR(pg_catalog.=) a.item
      AND s.organization_code OPERATOR(pg_catalog.=) ANY (CAST((SELECT k.orgs FROM k) AS text[]))
      AND s.month OPERATOR(pg_catalog.=) ANY (CAST((SELECT k.months FROM k) AS date[]))
    RETURNING s.organization_code, s.month, s.service, s.role_key, s.item
), ii AS (
    INSERT INTO @region@.feedback_item_states AS s (organization_code, month, service, role, item, answers, dont_know, score_sum, agree)
    SELECT a.organization_code, a.month, a.service, a.role, a.item, a.answers, a.dont_know, a.score_sum, a.agree FROM ia a
    WHERE NOT EXISTS (SELECT FROM iu x WHERE x.organization_code OPERATOR(pg_catalog.=) a.organization_code AND x.month OPERATOR(pg_catalog.=) a.month AND x.service OPERATOR(pg_catalog.=) a.service AND x.role_key OPERATOR(pg_catalog.=) COALESCE(a.role, '') AND x.item OPERATOR(pg_catalog.=) a.item)
    %3$s
    RETURNING 1
), ta AS (
    SELECT g.* FROM (
        SELECT r.organization_code,
               CAST(pg_catalog.date_trunc('month', pg_catalog.timezone(st.time_zone, r.received_at)) AS date) AS month,
               u.theme,
               CAST(pg_catalog.sum(r.sign) AS bigint) AS mentions,
               CAST(pg_catalog.sum(r.sign OPERATOR(pg_catalog.*) u.occurrences) AS bigint) AS occurrences
        FROM (%1$s) r
        CROSS JOIN @region@.settings st
        CROSS JOIN LATERAL (SELECT x.theme, pg_catalog.count(*) AS occurrences
                            FROM pg_catalog.unnest(r.themes) AS x (theme) GROUP BY x.theme) u
        WHERE pg_catalog.cardinality(r.themes) OPERATOR(pg_catalog.>) 0
        GROUP BY 1, 2, 3) g
    WHERE g.mentions OPERATOR(pg_catalog.<>) 0 OR g.occurrences OPERATOR(pg_catalog.<>) 0
), tu AS (
    UPDATE @region@.feedback_theme_states s
    SET mentions = s.mentions OPERATOR(pg_catalog.+) a.mentions,
        occurrences = s.occurrences OPERATOR(pg_catalog.+) a.occurrences
    FROM ta a
    WHERE s.organization_code OPERATOR(pg_catalog.=) a.organization_code
      AND s.month OPERATOR(pg_catalog.=) a.month
      AND s.theme_key OPERATOR(pg_catalog.=) COALESCE('+' OPERATOR(pg_catalog.||) a.theme, '-')
      AND s.organization_code OPERATOR(pg_catalog.=) ANY (CAST((SELECT k.orgs FROM k) AS text[]))
      AND s.month OPERATOR(pg_catalog.=) ANY (CAST((SELECT k.months FROM k) AS date[]))
    RETURNING s.organization_code, s.month, s.theme_key
), ti AS (
    INSERT INTO @region@.feedback_theme_states AS s (organization_code, month, theme, mentions, occurrences)
    SELECT a.organization_code, a.month, a.theme, a.mentions, a.occurrences FROM ta a
    WHERE NOT EXISTS (SELECT FROM tu x WHERE x.organization_code OPERATOR(pg_catalog.=) a.organization_code AND x.month OPERATOR(pg_catalog.=) a.month AND x.theme_key OPERATOR(pg_catalog.=) COALESCE('+' OPERATOR(pg_catalog.||) a.theme, '-'))
    %4$s
    RETURNING 1
)
SELECT (SELECT pg_catalog.count(*) FROM fu) OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM fi)
       OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM iu) OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM ii)
       OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM tu) OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*) FROM ti)
$q$, source,
    CASE WHEN upsert THEN $c$ON CONFLICT (organization_code, month, service, role_key) DO UPDATE
    SET responses = s.responses OPERATOR(pg_catalog.+) excluded.responses,
        nps_answers = s.nps_answers OPERATOR(pg_catalog.+) excluded.nps_answers,
        promoters = s.promoters OPERATOR(pg_catalog.+) excluded.promoters,
        detractors = s.detractors OPERATOR(pg_catalog.+) excluded.detractors,
        comments = s.comments OPERATOR(pg_catalog.+) excluded.comments$c$ ELSE '' END,
    CASE WHEN upsert THEN $c$ON CONFLICT (organization_code, month, service, role_key, item) DO UPDATE
    SET answers = s.answers OPERATOR(pg_catalog.+) excluded.answers,
        dont_know = s.dont_know OPERATOR(pg_catalog.+) excluded.dont_know,
        score_sum = s.score_sum OPERATOR(pg_catalog.+) excluded.score_sum,
        agree = s.agree OPERATOR(pg_catalog.+) excluded.agree$c$ ELSE '' END,
    CASE WHEN upsert THEN $c$ON CONFLICT (organization_code, month, theme_key) DO UPDATE
    SET mentions = s.mentions OPERATOR(pg_catalog.+) excluded.mentions,
        occurrences = s.occurrences OPERATOR(pg_catalog.+) excluded.occurrences$c$ ELSE '' END) $fn$;
COMMENT ON FUNCTION @region@._feedback_states_sql(text, boolean) IS
    'internal: the statement that adds the states of a query''s responses (sign, organization_code, service, received_at, response, comment, themes) to feedback_states, feedback_item_states and feedback_theme_states';

-- keep_feedback_states(): AFTER INSERT, UPDATE or DELETE statement trigger on
-- feedback_responses with the rows written as new_rows and the rows replaced as old_rows:
-- one aggregation and upsert per state table (_feedback_states_sql), then the rows that
-- became empty go.  SECURITY DEFINER: members write responses under row-level security but
-- have no right to write the states.
CREATE FUNCTION @region@.keep_feedback_states() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    -- (the planner's defaults whatever the statement's caller set: a loader switches join
    -- methods off for its statement, which made these plans' costs huge and had them
    -- compiled by JIT, 2.3 s per statement)
    SET jit = off SET enable_nestloop = on SET enable_hashjoin = on SET enable_mergejoin = on
AS $fn$
DECLARE
    cols constant text := 'r.organization_code, r.service, r.received_at, r.response, r.comment, r.themes';
    src text;
BEGIN
    src := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, ' OPERATOR(pg_catalog.||) cols OPERATOR(pg_catalog.||) ' FROM new_rows r'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, ' OPERATOR(pg_catalog.||) cols OPERATOR(pg_catalog.||) ' FROM old_rows r'
        ELSE 'SELECT 1 AS sign, ' OPERATOR(pg_catalog.||) cols OPERATOR(pg_catalog.||) ' FROM new_rows r '
             'UNION ALL SELECT -1, ' OPERATOR(pg_catalog.||) cols OPERATOR(pg_catalog.||) ' FROM old_rows r' END;
    BEGIN
        BEGIN
            -- new state rows by a plain INSERT; a concurrent statement that inserted one of
            -- them meanwhile makes it fail: then again (this block rolled back), merging
            EXECUTE @region@._feedback_states_sql(src, false);
        EXCEPTION WHEN unique_violation THEN
            EXECUTE @region@._feedback_states_sql(src, true);
        END;
    EXCEPTION WHEN check_violation THEN
        -- a subtraction of responses the states never counted: they were changed by hand
        RAISE EXCEPTION 'feedback states of region "%" do not match its responses', TG_TABLE_SCHEMA
            USING ERRCODE = '55000',
                  DETAIL = 'The statement removes responses from a state row that does not count them.',
                  HINT = pg_catalog.format('Run %I.rebuild_feedback_states() as the region''s owner.', TG_TABLE_SCHEMA);
    END;
    IF TG_OP OPERATOR(pg_catalog.<>) 'INSERT' THEN
        DELETE FROM @region@.feedback_states s WHERE s.responses OPERATOR(pg_catalog.=) 0;
        DELETE FROM @region@.feedback_item_states s
        WHERE s.answers OPERATOR(pg_catalog.=) 0 AND s.dont_know OPERATOR(pg_catalog.=) 0;
        DELETE FROM @region@.feedback_theme_states s WHERE s.mentions OPERATOR(pg_catalog.=) 0;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.keep_feedback_states() IS
    'trigger: adds the states of the responses a statement wrote to the feedback state tables and subtracts those of the responses it replaced or deleted, once per statement';

-- clear_feedback_states(): AFTER TRUNCATE trigger on feedback_responses: no responses, no
-- states.
CREATE FUNCTION @region@.clear_feedback_states() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    TRUNCATE @region@.feedback_states, @region@.feedback_item_states, @region@.feedback_theme_states;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.clear_feedback_states() IS
    'trigger: a truncated feedback_responses leaves no feedback states';

CREATE TRIGGER feedback_responses_states_insert AFTER INSERT ON @region@.feedback_responses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_feedback_states();
CREATE TRIGGER feedback_responses_states_update AFTER UPDATE ON @region@.feedback_responses
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_feedback_states();
CREATE TRIGGER feedback_responses_states_delete AFTER DELETE ON @region@.feedback_responses
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_feedback_states();
CREATE TRIGGER feedback_responses_states_truncate AFTER TRUNCATE ON @region@.feedback_responses
    FOR EACH STATEMENT EXECUTE FUNCTION @region@.clear_feedback_states();

-- rebuild_feedback_states(): recomputes every feedback state from feedback_responses (after a
-- change of the time zone, or to install the states on existing responses); returns the
-- number of state rows.  Runs as the region's owner; only the owner (and superusers) may
-- call it.
CREATE FUNCTION @region@.rebuild_feedback_states() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    made bigint;
BEGIN
    DELETE FROM @region@.feedback_states;
    DELETE FROM @region@.feedback_item_states;
    DELETE FROM @region@.feedback_theme_states;
    EXECUTE @region@._feedback_states_sql('SELECT 1 AS sign, r.organization_code, r.service, r.received_at, r.response, '
                                          'r.comment, r.themes FROM @region@.feedback_responses r')
        INTO made;
    RETURN made;
END
$fn$;
REVOKE EXECUTE ON FUNCTION @region@.rebuild_feedback_states() FROM PUBLIC;
COMMENT ON FUNCTION @region@.rebuild_feedback_states() IS
    'recomputes feedback_states, feedback_item_states and feedback_theme_states from feedback_responses; returns the number of state rows (run by the trigger on settings when the time zone changes)';

-- rebuild_feedback_states_trigger(): AFTER UPDATE trigger on settings (one row): the months
-- of received_at depend on the time zone; a change of it rebuilds the states.
CREATE FUNCTION @region@.rebuild_feedback_states_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF NEW.time_zone OPERATOR(pg_catalog.<>) OLD.time_zone THEN
        PERFORM @region@.rebuild_feedback_states();
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.rebuild_feedback_states_trigger() IS
    'trigger: rebuilds the feedback states when the region''s time zone changes';
CREATE TRIGGER settings_feedback_states_rebuild AFTER UPDATE ON @region@.settings
    FOR EACH ROW EXECUTE FUNCTION @region@.rebuild_feedback_states_trigger();
