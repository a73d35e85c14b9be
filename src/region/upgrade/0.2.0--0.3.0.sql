-- Region upgrade 0.2.0 -> 0.3.0, run by pekefb.upgrade_region with @region@ for the schema.
-- First the views and view functions of 0.2.0 go (they are code: upgrade_region runs the
-- current src/region/views_*.sql again after the steps, and grants their privileges again);
-- then the tables change.  Every change to a table part (src/region/*.sql other than
-- views_*.sql) since 0.2.0 has its statement here, so that an upgraded region equals a fresh
-- one (test/client/upgrade.sh).

DROP VIEW IF EXISTS @region@.organization_overview, @region@.indicator_status, @region@.access_summary,
    @region@.feedback_summary, @region@.feedback_item_summary, @region@.feedback_theme_summary;
DROP FUNCTION IF EXISTS @region@.refresh_access_measurements(date, date, text[], text, date);
-- The follow-up report's functions (views_report.sql: follow_up_report and _report_*, new in
-- 0.3.0) are code like the views: dropped where a region has them already (a region whose
-- step is run again), by name, so that a changed signature needs no edit here.
DO $drop_report$
DECLARE
    f pg_catalog.regprocedure;
BEGIN
    FOR f IN SELECT p.oid::pg_catalog.regprocedure FROM pg_catalog.pg_proc p
             WHERE p.pronamespace OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace
               AND (p.proname OPERATOR(pg_catalog.~) '^_report_' OR p.proname OPERATOR(pg_catalog.=) 'follow_up_report')
    LOOP
        EXECUTE pg_catalog.format('DROP FUNCTION %s', f);
    END LOOP;
END
$drop_report$;

-- ---- table changes since 0.2.0 (add below, one block per feature, in the order of the parts)

-- ---- quality (issue 12: history, loaded_at/loaded_by set by the database, reporting
-- obligations, comment language and text search, themes and lexicon; src/region/settings.sql,
-- indicators.sql, history.sql, obligations.sql, themes.sql)
ALTER TABLE @region@.settings
    ADD COLUMN language text NOT NULL DEFAULT 'fi' CHECK (language OPERATOR(pg_catalog.~) '^[a-z]{2,3}$');
COMMENT ON COLUMN @region@.settings.language IS 'the region''s main language (fi, sv, ...): the language of a free-text comment whose response does not give one (doc/themes.md)';

-- Targets get their stamp; those loaded before 0.3.0 count as in force since before the
-- history began (loaded_at -infinity), written by the role that upgrades.
ALTER TABLE @region@.targets
    ADD COLUMN loaded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    ADD COLUMN loaded_by text NOT NULL DEFAULT CURRENT_USER,
    ADD COLUMN source text;
UPDATE @region@.targets SET loaded_at = '-infinity';
COMMENT ON COLUMN @region@.targets.loaded_at IS 'when the row was last written (set by the database on insert and update; earlier versions in target_history)';
COMMENT ON COLUMN @region@.targets.loaded_by IS 'the role that last wrote the row (set by the database)';
COMMENT ON COLUMN @region@.targets.source IS 'where the target comes from, e.g. the decision that set it';
COMMENT ON COLUMN @region@.measurements.loaded_at IS 'when the row was last written (set by the database on insert and update, whatever the loader gives; earlier versions in measurement_history)';
COMMENT ON COLUMN @region@.measurements.loaded_by IS 'the role that last wrote the row (set by the database)';
DROP TRIGGER measurements_loaded ON @region@.measurements;
DROP FUNCTION @region@.stamp_loaded();
-- loaded_at and loaded_by follow every write, inserts and updates, whatever the writer gives
-- (a loader cannot forge them): the transaction's start time and the current role.  An
-- update that changes nothing else is skipped (the row, its stamp and its history stay as
-- they were), so that re-loading the same figures changes nothing.  The same function
-- stamps measurements and targets.
CREATE FUNCTION @region@.stamp_loaded() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        NEW.loaded_at := OLD.loaded_at;
        NEW.loaded_by := OLD.loaded_by;
        IF NEW::text OPERATOR(pg_catalog.=) OLD::text THEN
            RETURN NULL;
        END IF;
    END IF;
    NEW.loaded_at := pg_catalog.now();
    NEW.loaded_by := CURRENT_USER;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.stamp_loaded() IS
    'trigger: sets loaded_at and loaded_by of a measurement or target on insert and update; skips an update that changes nothing';
CREATE TRIGGER measurements_loaded BEFORE INSERT OR UPDATE ON @region@.measurements
    FOR EACH ROW EXECUTE FUNCTION @region@.stamp_loaded();
CREATE TRIGGER targets_loaded BEFORE INSERT OR UPDATE ON @region@.targets
    FOR EACH ROW EXECUTE FUNCTION @region@.stamp_loaded();

CREATE TABLE @region@.measurement_history (
    history_id        bigint GENERATED ALWAYS AS IDENTITY,
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    indicator_code    text NOT NULL REFERENCES @region@.indicators (code),
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    value             pekefb.indicator NOT NULL,
    source            text,
    loaded_by         text NOT NULL,
    valid_from        timestamptz NOT NULL,
    valid_to          timestamptz NOT NULL,
    changed_by        text NOT NULL,
    change            text NOT NULL CHECK (change OPERATOR(pg_catalog.=) ANY (ARRAY['update', 'delete'])),
    PRIMARY KEY (organization_code, history_id),
    CONSTRAINT measurement_history_valid_order CHECK (valid_to OPERATOR(pg_catalog.>) valid_from)
);
CREATE INDEX measurement_history_key_idx
    ON @region@.measurement_history (indicator_code, organization_code, period_start, period_end, valid_from);
CREATE INDEX measurement_history_valid_idx ON @region@.measurement_history (valid_from, valid_to);
COMMENT ON TABLE @region@.measurement_history IS
    'earlier versions of measurements: each row is a version that was in measurements from valid_from until valid_to, when an update replaced it or a delete removed it; kept by triggers, do not write';
COMMENT ON COLUMN @region@.measurement_history.history_id IS 'surrogate key (identity), in the order the versions were kept';
COMMENT ON COLUMN @region@.measurement_history.organization_code IS 'the organisation of the version';
COMMENT ON COLUMN @region@.measurement_history.indicator_code IS 'the indicator of the version';
COMMENT ON COLUMN @region@.measurement_history.period_start IS 'first day of the version''s period (inclusive)';
COMMENT ON COLUMN @region@.measurement_history.period_end IS 'last day of the version''s period (inclusive)';
COMMENT ON COLUMN @region@.measurement_history.value IS 'the value the version had';
COMMENT ON COLUMN @region@.measurement_history.source IS 'where the version''s figure came from (measurements.source)';
COMMENT ON COLUMN @region@.measurement_history.loaded_by IS 'the role that wrote the version';
COMMENT ON COLUMN @region@.measurement_history.valid_from IS 'when the version was written (its loaded_at): it was in force from then';
COMMENT ON COLUMN @region@.measurement_history.valid_to IS 'when it was replaced or removed (exclusive): it was in force until then';
COMMENT ON COLUMN @region@.measurement_history.changed_by IS 'the role that replaced or removed it';
COMMENT ON COLUMN @region@.measurement_history.change IS 'update (replaced by a newer version) or delete (removed)';

CREATE TABLE @region@.target_history (
    history_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target_id         bigint NOT NULL,
    indicator_code    text NOT NULL REFERENCES @region@.indicators (code),
    organization_code text REFERENCES @region@.organizations (code),
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    target            pekefb.target,
    note              text,
    source            text,
    loaded_by         text NOT NULL,
    valid_from        timestamptz NOT NULL,
    valid_to          timestamptz NOT NULL,
    changed_by        text NOT NULL,
    change            text NOT NULL CHECK (change OPERATOR(pg_catalog.=) ANY (ARRAY['update', 'delete'])),
    CONSTRAINT target_history_valid_order CHECK (valid_to OPERATOR(pg_catalog.>) valid_from)
);
CREATE INDEX target_history_key_idx ON @region@.target_history (indicator_code, period_start, period_end, valid_from);
COMMENT ON TABLE @region@.target_history IS
    'earlier versions of targets: each row is a version that was in targets from valid_from until valid_to, when an update replaced it or a delete removed it; kept by triggers, do not write';
COMMENT ON COLUMN @region@.target_history.history_id IS 'surrogate key (identity), in the order the versions were kept';
COMMENT ON COLUMN @region@.target_history.target_id IS 'the target''s key (targets.target_id)';
COMMENT ON COLUMN @region@.target_history.indicator_code IS 'the indicator of the version';
COMMENT ON COLUMN @region@.target_history.organization_code IS 'the organisation of the version; NULL = the whole region';
COMMENT ON COLUMN @region@.target_history.period_start IS 'first day of the version''s period (inclusive)';
COMMENT ON COLUMN @region@.target_history.period_end IS 'last day of the version''s period (inclusive)';
COMMENT ON COLUMN @region@.target_history.target IS 'the target level the version had (NULL = to be set later)';
COMMENT ON COLUMN @region@.target_history.note IS 'the version''s note';
COMMENT ON COLUMN @region@.target_history.source IS 'where the version came from (targets.source)';
COMMENT ON COLUMN @region@.target_history.loaded_by IS 'the role that wrote the version';
COMMENT ON COLUMN @region@.target_history.valid_from IS 'when the version was written (its loaded_at): it was in force from then';
COMMENT ON COLUMN @region@.target_history.valid_to IS 'when it was replaced or removed (exclusive): it was in force until then';
COMMENT ON COLUMN @region@.target_history.changed_by IS 'the role that replaced or removed it';
COMMENT ON COLUMN @region@.target_history.change IS 'update (replaced by a newer version) or delete (removed)';

-- keep_history(): after an UPDATE or DELETE statement on measurements or targets (the
-- trigger's argument), the replaced rows (transition table old_rows) go to the history,
-- valid from their loaded_at until now().  Rows written in this same transaction (loaded_at
-- = now()) were never visible to others and are not kept.
CREATE FUNCTION @region@.keep_history() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    what text := pg_catalog.lower(TG_OP);
BEGIN
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'measurements' THEN
        INSERT INTO @region@.measurement_history
            (organization_code, indicator_code, period_start, period_end, value, source, loaded_by,
             valid_from, valid_to, changed_by, change)
        SELECT o.organization_code, o.indicator_code, o.period_start, o.period_end, o.value, o.source, o.loaded_by,
               o.loaded_at, pg_catalog.now(), CURRENT_USER, what
        FROM old_rows o
        WHERE o.loaded_at OPERATOR(pg_catalog.<) pg_catalog.now();
    ELSE
        INSERT INTO @region@.target_history
            (target_id, indicator_code, organization_code, period_start, period_end, target, note, source, loaded_by,
             valid_from, valid_to, changed_by, change)
        SELECT o.target_id, o.indicator_code, o.organization_code, o.period_start, o.period_end, o.target, o.note,
               o.source, o.loaded_by, o.loaded_at, pg_catalog.now(), CURRENT_USER, what
        FROM old_rows o
        WHERE o.loaded_at OPERATOR(pg_catalog.<) pg_catalog.now();
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.keep_history() IS
    'trigger: keeps the rows an UPDATE or DELETE of measurements or targets replaces in measurement_history or target_history';
CREATE TRIGGER measurements_history_update AFTER UPDATE ON @region@.measurements
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_history('measurements');
CREATE TRIGGER measurements_history_delete AFTER DELETE ON @region@.measurements
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_history('measurements');
CREATE TRIGGER targets_history_update AFTER UPDATE ON @region@.targets
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_history('targets');
CREATE TRIGGER targets_history_delete AFTER DELETE ON @region@.targets
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_history('targets');

CREATE TABLE @region@.reporting_obligations (
    organization_code  text NOT NULL REFERENCES @region@.organizations (code),
    indicator_code     text NOT NULL REFERENCES @region@.indicators (code),
    periodicity        text NOT NULL
                       CHECK (periodicity OPERATOR(pg_catalog.=) ANY (ARRAY['month', 'quarter', 'half_year', 'year'])),
    first_period_start date NOT NULL
                       CONSTRAINT reporting_obligations_month_start
                       CHECK (pg_catalog.date_part('day', first_period_start::pg_catalog.timestamp) OPERATOR(pg_catalog.=) 1),
    last_period_end    date,
    due_days           integer NOT NULL CHECK (due_days OPERATOR(pg_catalog.>=) 0),
    responsible        text,
    note               text,
    PRIMARY KEY (organization_code, indicator_code, periodicity),
    CONSTRAINT reporting_obligations_period_order CHECK (last_period_end OPERATOR(pg_catalog.>=) first_period_start)
);
CREATE INDEX reporting_obligations_indicator_idx ON @region@.reporting_obligations (indicator_code);
COMMENT ON TABLE @region@.reporting_obligations IS
    'reporting obligations: the organisation reports the indicator for every period of the periodicity from first_period_start on (to last_period_end), due_days calendar days after the period''s last day';
COMMENT ON COLUMN @region@.reporting_obligations.organization_code IS 'the organisation whose figure is expected (measurements.organization_code)';
COMMENT ON COLUMN @region@.reporting_obligations.indicator_code IS 'the indicator to report';
COMMENT ON COLUMN @region@.reporting_obligations.periodicity IS 'length of each reported period: month, quarter, half_year or year';
COMMENT ON COLUMN @region@.reporting_obligations.first_period_start IS 'first day of the first period to report (the first of a month; the periods follow one another from it, e.g. 2024-04-01 for THL''s half-years 1.4.-30.9. and 1.10.-31.3.)';
COMMENT ON COLUMN @region@.reporting_obligations.last_period_end IS 'last day of the last period to report; NULL while the obligation runs';
COMMENT ON COLUMN @region@.reporting_obligations.due_days IS 'the figure is due this many calendar days after the period''s last day (0 = on that day)';
COMMENT ON COLUMN @region@.reporting_obligations.responsible IS 'who reports: a role or a contact, e.g. tilastoyksikkö / tilastot@example.fi';
COMMENT ON COLUMN @region@.reporting_obligations.note IS 'free text, e.g. the decision behind the obligation';

-- text_search_config(lang): the built-in configuration for a language code.
CREATE FUNCTION @region@.text_search_config(lang text) RETURNS pg_catalog.regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN lang OPERATOR(pg_catalog.=) 'fi' THEN 'pg_catalog.finnish'::pg_catalog.regconfig
                WHEN lang OPERATOR(pg_catalog.=) 'sv' THEN 'pg_catalog.swedish'::pg_catalog.regconfig
                WHEN lang OPERATOR(pg_catalog.=) 'en' THEN 'pg_catalog.english'::pg_catalog.regconfig
                ELSE 'pg_catalog.simple'::pg_catalog.regconfig END;
COMMENT ON FUNCTION @region@.text_search_config(text) IS
    'the text search configuration of a language code: fi finnish, sv swedish, en english, any other simple';

-- lexeme_variants(lang, lexeme): the lexeme and, for Finnish, its consonant-gradation
-- partners: the Finnish stemmer keeps the strong and the weak grade apart (odotusaika ->
-- odotusaik, odotusajat -> odotusaj; katu -> katu, kadut -> kadu), so the last consonant
-- cluster of the stem is also tried in the other grade: kk/k, pp/p, tt/t, nk/ng, mp/mm,
-- lt/ll, nt/nn, rt/rr, lk/lj, rk/rj, k/v, p/v, t/d, and ik/j after a vowel (aika/ajan);
-- and a stem ending in -in also as -is and back (ystävällinen, ystävällistä).
CREATE FUNCTION @region@.lexeme_variants(lang text, lexeme text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.array_agg(DISTINCT v.variant ORDER BY v.variant)
    FROM (SELECT lexeme_variants.lexeme AS variant
          UNION ALL
          SELECT pg_catalog.concat(g.m[1], CASE WHEN g.m[2] OPERATOR(pg_catalog.=) p.strong THEN p.weak ELSE p.strong END, g.m[3])
          FROM (SELECT pg_catalog.regexp_match(lexeme_variants.lexeme,
                       '^(.*[aeiouyäöå])([bcdfghjklmnpqrstvwxz]+)([aeiouyäöå]*)$') AS m) g
          CROSS JOIN (VALUES ('kk', 'k'), ('pp', 'p'), ('tt', 't'), ('nk', 'ng'), ('mp', 'mm'), ('lt', 'll'),
                             ('nt', 'nn'), ('rt', 'rr'), ('lk', 'lj'), ('rk', 'rj'), ('k', 'v'), ('p', 'v'),
                             ('t', 'd')) AS p (strong, weak)
          WHERE lexeme_variants.lang OPERATOR(pg_catalog.=) 'fi'
            AND (g.m[2] OPERATOR(pg_catalog.=) p.strong OR g.m[2] OPERATOR(pg_catalog.=) p.weak)
          UNION ALL
          -- aika / ajan: the i before a strong k becomes j in the weak grade, and back
          SELECT CASE WHEN g.m[2] OPERATOR(pg_catalog.=) 'k'
                      THEN pg_catalog.concat(pg_catalog.left(g.m[1], -1), 'j', g.m[3])
                      ELSE pg_catalog.concat(g.m[1], 'ik', g.m[3]) END
          FROM (SELECT pg_catalog.regexp_match(lexeme_variants.lexeme,
                       '^(.*[aeiouyäöå])([kj])([aeiouyäöå]*)$') AS m) g
          WHERE lexeme_variants.lang OPERATOR(pg_catalog.=) 'fi' AND g.m IS NOT NULL
            AND (g.m[2] OPERATOR(pg_catalog.=) 'j'
                 OR (pg_catalog.right(g.m[1], 1) OPERATOR(pg_catalog.=) 'i' AND pg_catalog.length(g.m[1]) OPERATOR(pg_catalog.>) 2))
          UNION ALL
          -- -nen words: ystävällinen -> ystävällin, ystävällistä -> ystävällis
          SELECT pg_catalog.concat(pg_catalog.left(lexeme_variants.lexeme, -1),
                                   CASE WHEN pg_catalog.right(lexeme_variants.lexeme, 1) OPERATOR(pg_catalog.=) 'n' THEN 's' ELSE 'n' END)
          WHERE lexeme_variants.lang OPERATOR(pg_catalog.=) 'fi' AND pg_catalog.length(lexeme_variants.lexeme) OPERATOR(pg_catalog.>) 4
            AND pg_catalog.right(lexeme_variants.lexeme, 2) OPERATOR(pg_catalog.=) ANY (ARRAY['in', 'is'])) v;
END;
COMMENT ON FUNCTION @region@.lexeme_variants(text, text) IS
    'a stemmed lexeme and, for Finnish (fi), its consonant-gradation partners (odotusaik and odotusaj)';

-- comment_query(lang, term): the tsquery that finds a search term in comments of that
-- language: the term's words stemmed as comments are, each with its gradation partners,
-- in the term's order (a phrase).  NULL when the term has no searchable word.
CREATE FUNCTION @region@.comment_query(lang text, term text) RETURNS pg_catalog.tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CAST(pg_catalog.string_agg(
               pg_catalog.format('%s(%s)',
                                 CASE WHEN w.prev IS NULL THEN ''
                                      ELSE pg_catalog.format('<%s> ', w.pos OPERATOR(pg_catalog.-) w.prev) END,
                                 w.alternatives),
               ' ' ORDER BY w.pos) AS pg_catalog.tsquery)
    FROM (SELECT p.pos, pg_catalog.lag(p.pos) OVER (ORDER BY p.pos) AS prev,
                 (SELECT pg_catalog.string_agg(pg_catalog.format('''%s''',
                             pg_catalog.replace(pg_catalog.replace(a.v, '\', '\\'), '''', '''''')), ' | ' ORDER BY a.v)
                  FROM pg_catalog.unnest(@region@.lexeme_variants(comment_query.lang, l.lexeme)) AS a (v)) AS alternatives
          FROM pg_catalog.unnest(pg_catalog.to_tsvector(@region@.text_search_config(comment_query.lang), comment_query.term)) AS l
          CROSS JOIN LATERAL pg_catalog.unnest(l.positions) AS p (pos)) w;
END;
COMMENT ON FUNCTION @region@.comment_query(text, text) IS
    'the tsquery finding a search term in comments of a language (stemmed, Finnish gradation partners, words in order); NULL without searchable words';

-- The comment's language and its tsvector.
ALTER TABLE @region@.feedback_responses
    ADD COLUMN language text CHECK (language OPERATOR(pg_catalog.~) '^[a-z]{2,3}$'),
    ADD COLUMN comment_tsv pg_catalog.tsvector
        GENERATED ALWAYS AS (pg_catalog.to_tsvector(@region@.text_search_config(language), comment)) STORED;
CREATE INDEX feedback_responses_comment_idx ON @region@.feedback_responses USING gin (comment_tsv);
COMMENT ON COLUMN @region@.feedback_responses.language IS
    'language of the response and its comment (fi, sv, en, ...): the response''s lang, else settings.language; set by the database when not given';
COMMENT ON COLUMN @region@.feedback_responses.comment_tsv IS
    'the comment as a text search vector under the configuration of its language (region.text_search_config), GIN-indexed; NULL without a comment';

-- Existing responses: their language as the trigger would have set it (the tsvector
-- follows); coded themes come with the lexicon (its trigger codes every comment).
UPDATE @region@.feedback_responses r
SET language = COALESCE(pekefb.lang(r.response), (SELECT s.language FROM @region@.settings s));

-- A response's language: as given, else the response's own lang, else the region's.
CREATE FUNCTION @region@.feedback_language() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF NEW.language IS NULL THEN
        NEW.language := pekefb.lang(NEW.response);
        IF NEW.language IS NULL THEN
            SELECT s.language INTO NEW.language FROM @region@.settings s;
        END IF;
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.feedback_language() IS
    'trigger: a response without language gets its response''s lang, else settings.language';
CREATE TRIGGER feedback_responses_language BEFORE INSERT OR UPDATE ON @region@.feedback_responses
    FOR EACH ROW EXECUTE FUNCTION @region@.feedback_language();
ALTER TABLE @region@.feedback_responses ALTER COLUMN language SET NOT NULL;

CREATE TABLE @region@.themes (
    code        text PRIMARY KEY CHECK (code OPERATOR(pg_catalog.<>) ''),
    label_fi    text NOT NULL CHECK (label_fi OPERATOR(pg_catalog.<>) ''),
    label_sv    text,
    label_en    text,
    description text
);
COMMENT ON TABLE @region@.themes IS
    'the region''s theme catalogue for free-text comments: code and labels; the lexicon (theme_lexicon) says which words code a comment with a theme';
COMMENT ON COLUMN @region@.themes.code IS 'the theme''s code, as in feedback_responses.themes, e.g. odotusaika';
COMMENT ON COLUMN @region@.themes.label_fi IS 'Finnish label';
COMMENT ON COLUMN @region@.themes.label_sv IS 'Swedish label (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.themes.label_en IS 'English label (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.themes.description IS 'what the theme covers, in prose';

CREATE TABLE @region@.theme_lexicon (
    theme text NOT NULL REFERENCES @region@.themes (code) ON UPDATE CASCADE ON DELETE CASCADE,
    lang  text NOT NULL CHECK (lang OPERATOR(pg_catalog.~) '^[a-z]{2,3}$'),
    term  text NOT NULL CHECK (term OPERATOR(pg_catalog.<>) ''),
    query pg_catalog.tsquery GENERATED ALWAYS AS (@region@.comment_query(lang, term)) STORED
          CONSTRAINT theme_lexicon_term_has_words CHECK (query IS NOT NULL),
    PRIMARY KEY (theme, lang, term)
);
CREATE INDEX theme_lexicon_lang_idx ON @region@.theme_lexicon (lang);
COMMENT ON TABLE @region@.theme_lexicon IS
    'search terms per theme and language: a comment in that language containing the term (stemmed, a phrase in order) is coded with the theme; a change re-codes every comment';
COMMENT ON COLUMN @region@.theme_lexicon.theme IS 'the theme (themes.code)';
COMMENT ON COLUMN @region@.theme_lexicon.lang IS 'language of the term and of the comments it codes: fi, sv, en, ...';
COMMENT ON COLUMN @region@.theme_lexicon.term IS 'a word or phrase in any inflected form, e.g. odotusaika, väntetid, ei toiminut';
COMMENT ON COLUMN @region@.theme_lexicon.query IS 'the term as a text search query (region.comment_query); a term of stop words only is refused';

CREATE TABLE @region@.feedback_coded_themes (
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    response_id       text NOT NULL,
    theme             text NOT NULL REFERENCES @region@.themes (code) ON UPDATE CASCADE ON DELETE CASCADE,
    lang              text NOT NULL,
    term              text NOT NULL,
    PRIMARY KEY (organization_code, response_id, theme),
    FOREIGN KEY (organization_code, response_id)
        REFERENCES @region@.feedback_responses (organization_code, response_id) ON DELETE CASCADE
);
CREATE INDEX feedback_coded_themes_theme_idx ON @region@.feedback_coded_themes (theme);
COMMENT ON TABLE @region@.feedback_coded_themes IS
    'themes the lexicon found in each comment (apart from the survey''s own feedback_responses.themes); kept by triggers and region.code_themes(), do not write';
COMMENT ON COLUMN @region@.feedback_coded_themes.organization_code IS 'the response''s organisation';
COMMENT ON COLUMN @region@.feedback_coded_themes.response_id IS 'the response (feedback_responses.response_id)';
COMMENT ON COLUMN @region@.feedback_coded_themes.theme IS 'the theme found (themes.code)';
COMMENT ON COLUMN @region@.feedback_coded_themes.lang IS 'the language of the comment and of the matching term';
COMMENT ON COLUMN @region@.feedback_coded_themes.term IS 'the lexicon term that matched (the first in text order when several did)';

-- code_themes(): codes every comment again with the lexicon as it is now; returns the
-- number of (response, theme) pairs.  Run by the lexicon's trigger after every change of
-- theme_lexicon; callable by hand (e.g. after a bulk load with triggers disabled).
CREATE FUNCTION @region@.code_themes() RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    n bigint;
BEGIN
    DELETE FROM @region@.feedback_coded_themes;
    INSERT INTO @region@.feedback_coded_themes (organization_code, response_id, theme, lang, term)
    SELECT r.organization_code, r.response_id, l.theme, l.lang, pg_catalog.min(l.term)
    FROM @region@.feedback_responses r
    JOIN @region@.theme_lexicon l ON l.lang OPERATOR(pg_catalog.=) r.language
    WHERE r.comment_tsv OPERATOR(pg_catalog.@@) l.query
    GROUP BY r.organization_code, r.response_id, l.theme, l.lang;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$fn$;
COMMENT ON FUNCTION @region@.code_themes() IS
    're-codes every comment with theme_lexicon into feedback_coded_themes; returns the number of (response, theme) pairs';

-- After an INSERT or UPDATE statement on feedback_responses: the new and changed rows
-- (transition table new_rows) are coded, in one statement however many rows it wrote.
CREATE FUNCTION @region@.feedback_code_comments() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        DELETE FROM @region@.feedback_coded_themes c USING new_rows r
        WHERE c.organization_code OPERATOR(pg_catalog.=) r.organization_code
          AND c.response_id OPERATOR(pg_catalog.=) r.response_id;
    END IF;
    INSERT INTO @region@.feedback_coded_themes (organization_code, response_id, theme, lang, term)
    SELECT r.organization_code, r.response_id, l.theme, l.lang, pg_catalog.min(l.term)
    FROM new_rows r
    JOIN @region@.theme_lexicon l ON l.lang OPERATOR(pg_catalog.=) r.language
    WHERE r.comment_tsv OPERATOR(pg_catalog.@@) l.query
    GROUP BY r.organization_code, r.response_id, l.theme, l.lang;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.feedback_code_comments() IS
    'trigger: codes the comments an INSERT or UPDATE of feedback_responses wrote with theme_lexicon';
CREATE TRIGGER feedback_responses_code_insert AFTER INSERT ON @region@.feedback_responses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.feedback_code_comments();
CREATE TRIGGER feedback_responses_code_update AFTER UPDATE ON @region@.feedback_responses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.feedback_code_comments();

-- After every change of the lexicon, every comment is coded again.
CREATE FUNCTION @region@.theme_lexicon_changed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    PERFORM @region@.code_themes();
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.theme_lexicon_changed() IS 'trigger: re-codes every comment after a change of theme_lexicon';
CREATE TRIGGER theme_lexicon_recode AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @region@.theme_lexicon
    FOR EACH STATEMENT EXECUTE FUNCTION @region@.theme_lexicon_changed();

-- ---- thl (issue 11): the view functions new in 0.3.0 (views_access.sql) go too, so that
-- the views can be made again also where they exist (a region re-run through this step);
-- the units wd (working days) and per 1000 (Sotkanet PER1000); a
-- target NULL is "to be set later" (comment).
DROP FUNCTION IF EXISTS @region@.access_summary_on(date, text), @region@.data_date();
ALTER TABLE @region@.indicators DROP CONSTRAINT indicators_unit_check;
ALTER TABLE @region@.indicators ADD CONSTRAINT indicators_unit_check
    CHECK (unit OPERATOR(pg_catalog.=) ANY (ARRAY['%', 'd', '', 'wd', 'per 1000']));
COMMENT ON COLUMN @region@.indicators.unit IS
    '% (share, stored as a fraction of one), per 1000 (rate per 1 000, e.g. Sotkanet PER1000, stored as a fraction of one), d (days), wd (working days) or empty (plain number)';
COMMENT ON COLUMN @region@.targets.target IS 'the target level, e.g. >= 90% (unit: the indicator''s); NULL = to be set later (tavoitetaso määritellään myöhemmin: indicator_status says target_pending)';
