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

-- The same for one row (FOR EACH ROW): on Citus, whose shards have no transition tables,
-- pekefb.distribute_region puts these triggers in place of the four statement triggers.
CREATE FUNCTION @region@.keep_history_row() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF OLD.loaded_at OPERATOR(pg_catalog.>=) pg_catalog.now() THEN
        RETURN NULL;
    END IF;
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'measurements' THEN
        INSERT INTO @region@.measurement_history
            (organization_code, indicator_code, period_start, period_end, value, source, loaded_by,
             valid_from, valid_to, changed_by, change)
        VALUES (OLD.organization_code, OLD.indicator_code, OLD.period_start, OLD.period_end, OLD.value, OLD.source,
                OLD.loaded_by, OLD.loaded_at, pg_catalog.now(), CURRENT_USER, pg_catalog.lower(TG_OP));
    ELSE
        INSERT INTO @region@.target_history
            (target_id, indicator_code, organization_code, period_start, period_end, target, note, source, loaded_by,
             valid_from, valid_to, changed_by, change)
        VALUES (OLD.target_id, OLD.indicator_code, OLD.organization_code, OLD.period_start, OLD.period_end, OLD.target,
                OLD.note, OLD.source, OLD.loaded_by, OLD.loaded_at, pg_catalog.now(), CURRENT_USER, pg_catalog.lower(TG_OP));
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.keep_history_row() IS
    'trigger (one row): keeps the row an UPDATE or DELETE of measurements or targets replaces in its history table; used on Citus';

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
    -- two or three letters a-z (as the regular expression ^[a-z]{2,3}$, without running one
    -- for every row a load writes)
    ADD COLUMN language text CONSTRAINT feedback_responses_language_check
        CHECK (pg_catalog.octet_length(language) OPERATOR(pg_catalog.>=) 2 AND pg_catalog.octet_length(language) OPERATOR(pg_catalog.<=) 3
               AND pg_catalog.ltrim(language, 'abcdefghijklmnopqrstuvwxyz') OPERATOR(pg_catalog.=) ''),
    ADD COLUMN comment_tsv pg_catalog.tsvector
        GENERATED ALWAYS AS (pg_catalog.to_tsvector(@region@.text_search_config(language), comment)) STORED;
-- only the responses with a comment (most have none); a search (comment_tsv @@ query) implies it
CREATE INDEX feedback_responses_comment_idx ON @region@.feedback_responses USING gin (comment_tsv)
    WHERE comment_tsv IS NOT NULL;
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
    WHERE r.comment_tsv IS NOT NULL         -- most responses have no comment: not joined
      AND r.comment_tsv OPERATOR(pg_catalog.@@) l.query
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

-- The same for one row (FOR EACH ROW): on Citus, whose shards have no transition tables,
-- pekefb.distribute_region puts these triggers in place of the two statement triggers.
CREATE FUNCTION @region@.feedback_code_comment() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        DELETE FROM @region@.feedback_coded_themes c
        WHERE c.organization_code OPERATOR(pg_catalog.=) OLD.organization_code
          AND c.response_id OPERATOR(pg_catalog.=) OLD.response_id;
    END IF;
    INSERT INTO @region@.feedback_coded_themes (organization_code, response_id, theme, lang, term)
    SELECT NEW.organization_code, NEW.response_id, l.theme, l.lang, pg_catalog.min(l.term)
    FROM @region@.theme_lexicon l
    WHERE l.lang OPERATOR(pg_catalog.=) NEW.language AND NEW.comment_tsv OPERATOR(pg_catalog.@@) l.query
    GROUP BY l.theme, l.lang;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.feedback_code_comment() IS
    'trigger (one row): codes the comment an INSERT or UPDATE of feedback_responses wrote with theme_lexicon; used on Citus';

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

-- ---- development work (issue 11): src/region/development.sql, as a fresh region gets it
CREATE TABLE @region@.stage_scales (
    scale     text PRIMARY KEY
              CHECK (scale OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    milestone boolean NOT NULL DEFAULT false,
    name_fi   text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv   text,
    name_en   text
);
COMMENT ON TABLE @region@.stage_scales IS
    'ordered vocabularies development items are measured on: implementation stages, or yes/no milestones (two stages, rank 0 = not done, 1 = done)';
COMMENT ON COLUMN @region@.stage_scales.scale IS 'stable key: lower-case letters, digits, _ . -';
COMMENT ON COLUMN @region@.stage_scales.milestone IS 'true for a yes/no milestone: its stages have rank 0 (not done) and 1 (done)';
COMMENT ON COLUMN @region@.stage_scales.name_fi IS 'Finnish name of the scale';
COMMENT ON COLUMN @region@.stage_scales.name_sv IS 'Swedish name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.stage_scales.name_en IS 'English name (NULL: the Finnish one is used)';

CREATE TABLE @region@.stages (
    scale    text NOT NULL REFERENCES @region@.stage_scales (scale),
    stage    text NOT NULL CHECK (stage OPERATOR(pg_catalog.<>) ''),
    rank     integer NOT NULL CHECK (rank OPERATOR(pg_catalog.>=) 0),
    label_fi text NOT NULL CHECK (label_fi OPERATOR(pg_catalog.<>) ''),
    label_sv text,
    label_en text,
    PRIMARY KEY (scale, stage),
    CONSTRAINT stages_one_per_rank UNIQUE (scale, rank)
);
COMMENT ON TABLE @region@.stages IS
    'the stages of each scale in order: a higher rank is further along (e.g. valmistelu 1 < kokeilu ja arviointi 2 < kayttoonotto 3 < juurruttaminen 4)';
COMMENT ON COLUMN @region@.stages.scale IS 'the scale (stage_scales.scale)';
COMMENT ON COLUMN @region@.stages.stage IS 'the stage as recorded in progress and targets, e.g. valmistelu';
COMMENT ON COLUMN @region@.stages.rank IS 'order within the scale: higher = further along (0 and 1 on a milestone scale)';
COMMENT ON COLUMN @region@.stages.label_fi IS 'Finnish label';
COMMENT ON COLUMN @region@.stages.label_sv IS 'Swedish label (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.stages.label_en IS 'English label (NULL: the Finnish one is used)';

CREATE TABLE @region@.development_items (
    code              text PRIMARY KEY
                      CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    parent_code       text REFERENCES @region@.development_items (code),
    kind              text NOT NULL
                      CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['programme', 'investment', 'work_package', 'action'])),
    name_fi           text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv           text,
    name_en           text,
    organization_code text REFERENCES @region@.organizations (code),
    planned_start     date,
    planned_end       date,
    scale             text REFERENCES @region@.stage_scales (scale),
    description       text,
    CONSTRAINT development_items_not_own_parent CHECK (parent_code OPERATOR(pg_catalog.<>) code),
    CONSTRAINT development_items_planned_order CHECK (planned_end OPERATOR(pg_catalog.>=) planned_start),
    CONSTRAINT development_items_planned_finite CHECK (pg_catalog.isfinite(planned_start) AND pg_catalog.isfinite(planned_end))
);
CREATE INDEX development_items_parent_idx ON @region@.development_items (parent_code);
CREATE INDEX development_items_organization_idx ON @region@.development_items (organization_code);
COMMENT ON INDEX @region@.development_items_organization_idx IS
    'the items of an organisation (and, by IS NULL, those of the wellbeing area): the organisation filter of development_status and development_summary';
COMMENT ON TABLE @region@.development_items IS
    'development work as planned: programme > investment > work package > action (a child''s kind is below its parent''s; no cycles)';
COMMENT ON COLUMN @region@.development_items.code IS 'stable key: lower-case letters, digits, _ . -';
COMMENT ON COLUMN @region@.development_items.parent_code IS 'the item this one belongs to (NULL for the top); its kind is above this one''s';
COMMENT ON COLUMN @region@.development_items.kind IS 'programme, investment, work_package (tyopaketti) or action (toimenpide)';
COMMENT ON COLUMN @region@.development_items.name_fi IS 'Finnish name';
COMMENT ON COLUMN @region@.development_items.name_sv IS 'Swedish name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.development_items.name_en IS 'English name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.development_items.organization_code IS 'the responsible organisation (vastuutaho); its indicators and feedback are read for the item';
COMMENT ON COLUMN @region@.development_items.planned_start IS 'planned first day of the work';
COMMENT ON COLUMN @region@.development_items.planned_end IS 'planned last day of the work (>= planned_start)';
COMMENT ON COLUMN @region@.development_items.scale IS 'the stage scale progress is measured on (stage_scales.scale); NULL: not measured by stages';
COMMENT ON COLUMN @region@.development_items.description IS 'what the item is about, in prose';

CREATE TABLE @region@.development_progress (
    item_code   text NOT NULL REFERENCES @region@.development_items (code),
    on_date     date NOT NULL,
    stage       text NOT NULL,
    assessment  text,
    assessed_by text NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (item_code, on_date),
    CONSTRAINT development_progress_on_date_finite CHECK (pg_catalog.isfinite(on_date))
);
COMMENT ON TABLE @region@.development_progress IS
    'progress over time: on a date the item had reached a stage of its scale (or a milestone state), with a short assessment';
COMMENT ON COLUMN @region@.development_progress.item_code IS 'the development item';
COMMENT ON COLUMN @region@.development_progress.on_date IS 'the day of the assessment';
COMMENT ON COLUMN @region@.development_progress.stage IS 'the stage reached, one of the item''s scale (stages.stage)';
COMMENT ON COLUMN @region@.development_progress.assessment IS 'short assessment text, e.g. for the steering group';
COMMENT ON COLUMN @region@.development_progress.assessed_by IS 'who assessed (default: the role that recorded it)';

CREATE TABLE @region@.stage_targets (
    item_code text NOT NULL REFERENCES @region@.development_items (code),
    due_date  date NOT NULL,
    stage     text NOT NULL,
    note      text,
    PRIMARY KEY (item_code, due_date),
    CONSTRAINT stage_targets_due_date_finite CHECK (pg_catalog.isfinite(due_date))
);
COMMENT ON TABLE @region@.stage_targets IS
    'stage targets: the stage of its scale an item should have reached by a date';
COMMENT ON COLUMN @region@.stage_targets.item_code IS 'the development item';
COMMENT ON COLUMN @region@.stage_targets.due_date IS 'the day by which the stage is due (inclusive)';
COMMENT ON COLUMN @region@.stage_targets.stage IS 'the stage due, one of the item''s scale (stages.stage)';
COMMENT ON COLUMN @region@.stage_targets.note IS 'free text, e.g. where the target comes from';

CREATE TABLE @region@.development_indicators (
    item_code      text NOT NULL REFERENCES @region@.development_items (code),
    indicator_code text NOT NULL REFERENCES @region@.indicators (code),
    PRIMARY KEY (item_code, indicator_code)
);
CREATE INDEX development_indicators_indicator_idx ON @region@.development_indicators (indicator_code);
COMMENT ON TABLE @region@.development_indicators IS
    'the outcome indicators a development item should move (what we did next to what changed)';
COMMENT ON COLUMN @region@.development_indicators.item_code IS 'the development item';
COMMENT ON COLUMN @region@.development_indicators.indicator_code IS 'the indicator (indicators.code)';

CREATE TABLE @region@.development_services (
    item_code text NOT NULL REFERENCES @region@.development_items (code),
    service   text NOT NULL CHECK (service OPERATOR(pg_catalog.<>) ''),
    PRIMARY KEY (item_code, service)
);
COMMENT ON TABLE @region@.development_services IS
    'the feedback services a development item concerns (what clients said), as in feedback_responses.service';
COMMENT ON COLUMN @region@.development_services.item_code IS 'the development item';
COMMENT ON COLUMN @region@.development_services.service IS 'the service, e.g. neuvola (feedback_responses.service)';

-- development_items_check(): after every statement on development_items, the hierarchy is
-- a forest whose kinds go down from parent to child.  First cycles (followed level by
-- level, no recursive query), then the kind order.  The table checked is the trigger's own
-- (on Citus, a node's copy of the reference table).
CREATE FUNCTION @region@.development_items_check() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    codes     text[];
    ancestors text[];
    on_cycle  text;
    bad       record;
BEGIN
    EXECUTE pg_catalog.format(
        'SELECT pg_catalog.array_agg(i.code ORDER BY i.code), pg_catalog.array_agg(i.parent_code ORDER BY i.code) '
        'FROM %s i WHERE i.parent_code IS NOT NULL', TG_RELID::pg_catalog.regclass)
        INTO codes, ancestors;
    -- Each round moves every item's ancestor one level up; an item on a cycle meets itself
    -- within as many rounds as the cycle is long, and chains without a cycle run out.
    WHILE codes IS NOT NULL LOOP
        SELECT pg_catalog.min(u.code) INTO on_cycle
        FROM ROWS FROM (pg_catalog.unnest(codes), pg_catalog.unnest(ancestors)) AS u (code, anc) WHERE u.code OPERATOR(pg_catalog.=) u.anc;
        IF on_cycle IS NOT NULL THEN
            RAISE EXCEPTION 'cycle in %.development_items: item "%" is its own ancestor', TG_TABLE_SCHEMA, on_cycle
                USING ERRCODE = '23514',
                      DETAIL = 'Following parent_code from it leads back to it; development items form a tree.';
        END IF;
        EXECUTE pg_catalog.format(
            'SELECT pg_catalog.array_agg(u.code ORDER BY u.code), pg_catalog.array_agg(p.parent_code ORDER BY u.code) '
            'FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) AS u (code, anc) JOIN %s p ON p.code OPERATOR(pg_catalog.=) u.anc '
            'WHERE p.parent_code IS NOT NULL', TG_RELID::pg_catalog.regclass)
            INTO codes, ancestors USING codes, ancestors;
    END LOOP;
    EXECUTE pg_catalog.format(
        'SELECT c.code, c.kind, p.code AS parent, p.kind AS parent_kind FROM %s c JOIN %s p ON p.code OPERATOR(pg_catalog.=) c.parent_code '
        'WHERE pg_catalog.array_position($1, c.kind) OPERATOR(pg_catalog.<=) pg_catalog.array_position($1, p.kind) '
        'ORDER BY c.code LIMIT 1', TG_RELID::pg_catalog.regclass, TG_RELID::pg_catalog.regclass)
        INTO bad USING ARRAY['programme', 'investment', 'work_package', 'action'];
    IF bad.code IS NOT NULL THEN
        RAISE EXCEPTION 'development item "%" of kind "%" cannot belong to item "%" of kind "%"',
                        bad.code, bad.kind, bad.parent, bad.parent_kind
            USING ERRCODE = '23514',
                  DETAIL = 'A child''s kind is below its parent''s: programme > investment > work_package > action.';
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.development_items_check() IS
    'trigger: development items form a tree whose kinds go down from parent to child (programme > investment > work_package > action)';
CREATE TRIGGER development_items_check AFTER INSERT OR UPDATE ON @region@.development_items
    FOR EACH STATEMENT EXECUTE FUNCTION @region@.development_items_check();

-- check_stage(): a progress record's or a stage target's stage belongs to its item's scale;
-- an item's scale cannot change, nor a stage be renamed, moved or deleted, while records
-- refer to it; a milestone scale has ranks 0 and 1 only.  The trigger's argument names the
-- table (on Citus the trigger also fires on the copies, whose names carry a shard number).
CREATE FUNCTION @region@.check_stage() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    item_scale text;
    is_milestone boolean;
    known text;
    used text;
BEGIN
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'development_items' THEN
        SELECT x.stage INTO used FROM (
            SELECT p.stage FROM @region@.development_progress p WHERE p.item_code OPERATOR(pg_catalog.=) OLD.code
            UNION ALL
            SELECT t.stage FROM @region@.stage_targets t WHERE t.item_code OPERATOR(pg_catalog.=) OLD.code) x
        WHERE NOT EXISTS (SELECT FROM @region@.stages s WHERE s.scale OPERATOR(pg_catalog.=) NEW.scale
                                                         AND s.stage OPERATOR(pg_catalog.=) x.stage)
        ORDER BY 1 LIMIT 1;
        IF used IS NOT NULL THEN
            RAISE EXCEPTION 'scale of development item "%" cannot change to "%": stage "%" is recorded for it',
                            OLD.code, NEW.scale, used
                USING ERRCODE = '23514', DETAIL = 'Progress and stage targets of an item are stages of the item''s scale.';
        END IF;
        RETURN NEW;
    ELSIF TG_ARGV[0] OPERATOR(pg_catalog.=) 'stages' THEN
        IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
            used := OLD.stage;
        ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
            IF NEW.scale OPERATOR(pg_catalog.<>) OLD.scale OR NEW.stage OPERATOR(pg_catalog.<>) OLD.stage THEN
                used := OLD.stage;
            END IF;
        END IF;
        IF used IS NOT NULL THEN
            SELECT i.code INTO used FROM @region@.development_items i
            WHERE i.scale OPERATOR(pg_catalog.=) OLD.scale
              AND (EXISTS (SELECT FROM @region@.development_progress p WHERE p.item_code OPERATOR(pg_catalog.=) i.code
                                                                        AND p.stage OPERATOR(pg_catalog.=) OLD.stage)
                   OR EXISTS (SELECT FROM @region@.stage_targets t WHERE t.item_code OPERATOR(pg_catalog.=) i.code
                                                                    AND t.stage OPERATOR(pg_catalog.=) OLD.stage))
            ORDER BY 1 LIMIT 1;
            IF used IS NOT NULL THEN
                RAISE EXCEPTION 'stage "%" of scale "%" is recorded for development item "%"', OLD.stage, OLD.scale, used
                    USING ERRCODE = '23503', DETAIL = 'A stage in use cannot be renamed, moved or deleted; add a new one instead.';
            END IF;
        END IF;
        IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
            RETURN OLD;
        END IF;
        SELECT c.milestone INTO is_milestone FROM @region@.stage_scales c WHERE c.scale OPERATOR(pg_catalog.=) NEW.scale;
        IF is_milestone AND NEW.rank OPERATOR(pg_catalog.>) 1 THEN
            RAISE EXCEPTION 'rank % of stage "%" is not allowed on milestone scale "%"', NEW.rank, NEW.stage, NEW.scale
                USING ERRCODE = '23514', DETAIL = 'A milestone has two states: rank 0 (not done) and rank 1 (done).';
        END IF;
        RETURN NEW;
    ELSIF TG_ARGV[0] OPERATOR(pg_catalog.=) 'stage_scales' THEN
        IF NEW.milestone THEN
            SELECT s.stage INTO used FROM @region@.stages s
            WHERE s.scale OPERATOR(pg_catalog.=) NEW.scale AND s.rank OPERATOR(pg_catalog.>) 1 ORDER BY s.rank LIMIT 1;
            IF used IS NOT NULL THEN
                RAISE EXCEPTION 'scale "%" cannot be a milestone: stage "%" has a rank above 1', NEW.scale, used
                    USING ERRCODE = '23514', DETAIL = 'A milestone has two states: rank 0 (not done) and rank 1 (done).';
            END IF;
        END IF;
        RETURN NEW;
    END IF;
    -- development_progress, stage_targets
    SELECT i.scale INTO item_scale FROM @region@.development_items i WHERE i.code OPERATOR(pg_catalog.=) NEW.item_code;
    IF NOT FOUND THEN
        RETURN NEW;   -- the foreign key reports the unknown item
    END IF;
    IF item_scale IS NULL THEN
        RAISE EXCEPTION 'development item "%" has no stage scale: stage "%" cannot be recorded', NEW.item_code, NEW.stage
            USING ERRCODE = '23514', DETAIL = 'Set development_items.scale first (see table stage_scales).';
    END IF;
    IF NOT EXISTS (SELECT FROM @region@.stages s WHERE s.scale OPERATOR(pg_catalog.=) item_scale
                                                  AND s.stage OPERATOR(pg_catalog.=) NEW.stage) THEN
        SELECT pg_catalog.string_agg(s.stage, ' < ' ORDER BY s.rank) INTO known
        FROM @region@.stages s WHERE s.scale OPERATOR(pg_catalog.=) item_scale;
        RAISE EXCEPTION 'invalid stage "%" for development item "%"', NEW.stage, NEW.item_code
            USING ERRCODE = '23514',
                  DETAIL = pg_catalog.format('The item is measured on scale "%s", whose stages are: %s.', item_scale, COALESCE(known, 'none'));
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.check_stage() IS
    'trigger: progress and stage targets record stages of their item''s scale; stages in use stay; milestone scales have ranks 0 and 1';
CREATE TRIGGER development_progress_stage BEFORE INSERT OR UPDATE ON @region@.development_progress
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('development_progress');
CREATE TRIGGER stage_targets_stage BEFORE INSERT OR UPDATE ON @region@.stage_targets
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('stage_targets');
CREATE TRIGGER development_items_scale BEFORE UPDATE OF scale ON @region@.development_items
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('development_items');
CREATE TRIGGER stages_in_use BEFORE INSERT OR UPDATE OR DELETE ON @region@.stages
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('stages');
CREATE TRIGGER stage_scales_milestone BEFORE INSERT OR UPDATE ON @region@.stage_scales
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('stage_scales');

-- The seed plan's scales (shared/seeds/002, domain.md 8.1), shipped as every region's
-- defaults; the Swedish and English labels have no source (UNCONFIRMED, domain.md 8.1).
INSERT INTO @region@.stage_scales (scale, milestone, name_fi, name_sv, name_en) VALUES
  ('implementation', false, 'Käyttöönoton ja juurruttamisen vaihe', 'Fas av ibruktagande och förankring', 'Stage of adoption and embedding'),
  ('approval', false, 'Valmistelun vaihe', 'Beredningsfas', 'Stage of preparation'),
  ('described', true, 'Malli kuvattu', 'Modellen beskriven', 'Model described'),
  ('evaluated', true, 'Arvioitu ja kehitetty', 'Utvärderad och utvecklad', 'Evaluated and developed'),
  ('yes_no', true, 'Kyllä / ei', 'Ja / nej', 'Yes / no');
INSERT INTO @region@.stages (scale, stage, rank, label_fi, label_sv, label_en) VALUES
  ('implementation', 'valmistelu', 1, 'valmistelu', 'beredning', 'preparation'),
  ('implementation', 'kokeilu ja arviointi', 2, 'kokeilu ja arviointi', 'försök och utvärdering', 'trial and evaluation'),
  ('implementation', 'käyttöönotto', 3, 'käyttöönotto', 'ibruktagande', 'adoption'),
  ('implementation', 'juurruttaminen', 4, 'juurruttaminen', 'förankring', 'embedding'),
  ('approval', 'suunniteltu', 1, 'suunniteltu', 'planerad', 'planned'),
  ('approval', 'valmisteltu', 2, 'valmisteltu', 'beredd', 'prepared'),
  ('approval', 'vahvistettu', 3, 'vahvistettu', 'fastställd', 'confirmed'),
  ('described', 'ei kuvattu', 0, 'ei kuvattu', 'inte beskriven', 'not described'),
  ('described', 'kuvattu', 1, 'kuvattu', 'beskriven', 'described'),
  ('evaluated', 'ei arvioitu ja kehitetty', 0, 'ei arvioitu ja kehitetty', 'inte utvärderad och utvecklad', 'not evaluated and developed'),
  ('evaluated', 'arvioitu ja kehitetty', 1, 'arvioitu ja kehitetty', 'utvärderad och utvecklad', 'evaluated and developed'),
  ('yes_no', 'ei', 0, 'ei', 'nej', 'no'),
  ('yes_no', 'kyllä', 1, 'kyllä', 'ja', 'yes');
-- ---- loaders
-- the loaders' code (views_loaders.sql) is re-created after the steps
DROP VIEW IF EXISTS @region@.national_comparison;
DROP FUNCTION IF EXISTS @region@.load_webropol(text, text), @region@.load_limesurvey(text, text),
    @region@.load_feedback(text, text, boolean), @region@.load_measurements(text, text), @region@.load_cases(text, text),
    @region@.load_sotkanet(text), @region@.loader_unknown(text, text[], bigint[], text[], text), @region@.load_cases_check(text),
    @region@.loader_answer(jsonb, text);
-- the statements of src/region/loading.sql
-- Cases keep the source system's id: a re-loaded extract updates its cases, never
-- duplicates them.  Organisation first in the key, as in the primary key (Citus).
ALTER TABLE @region@.cases
    ADD COLUMN source_system text CHECK (source_system OPERATOR(pg_catalog.<>) ''),
    ADD COLUMN source_case_id text CHECK (source_case_id OPERATOR(pg_catalog.<>) ''),
    ADD CONSTRAINT cases_source_both CHECK ((source_system IS NULL) OPERATOR(pg_catalog.=) (source_case_id IS NULL)),
    ADD CONSTRAINT cases_source_key UNIQUE (organization_code, indicator_code, source_system, source_case_id);
CREATE INDEX cases_source_idx ON @region@.cases (source_system, source_case_id);
COMMENT ON COLUMN @region@.cases.source_system IS 'the client-information system the case was loaded from (region.load_cases), NULL for cases written otherwise';
COMMENT ON COLUMN @region@.cases.source_case_id IS 'the source system''s id of the matter; one matter is one row per indicator it feeds';

CREATE TABLE @region@.case_mappings (
    matter_type    text NOT NULL CHECK (matter_type OPERATOR(pg_catalog.<>) ''),
    indicator_code text NOT NULL REFERENCES @region@.indicators (code),
    PRIMARY KEY (matter_type, indicator_code)
);
COMMENT ON TABLE @region@.case_mappings IS
    'which access indicators a matter type of the client-information system feeds (one matter can feed several, e.g. a child-welfare matter the 7-working-day and the 3-month indicators)';
COMMENT ON COLUMN @region@.case_mappings.matter_type IS 'the matter type as the extract writes it (compared ignoring case and surrounding spaces)';
COMMENT ON COLUMN @region@.case_mappings.indicator_code IS 'an access indicator (one with a deadline) the matter counts in';

-- Surveys: how a survey tool's export maps onto feedback_responses.
CREATE TABLE @region@.feedback_surveys (
    code                text PRIMARY KEY CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    tool                text NOT NULL CHECK (tool OPERATOR(pg_catalog.=) ANY (ARRAY['webropol', 'limesurvey'])),
    name                text,
    id_column           text NOT NULL DEFAULT 'id',
    submitted_column    text NOT NULL DEFAULT 'submitdate',
    language_column     text,
    organization_column text,
    organization_code   text REFERENCES @region@.organizations (code),
    service_column      text,
    service             text CHECK (service OPERATOR(pg_catalog.<>) ''),
    nps_column          text,
    comment_column      text,
    role                text,
    channel             text NOT NULL DEFAULT 'web',
    CONSTRAINT feedback_surveys_organization CHECK ((organization_column IS NULL) OPERATOR(pg_catalog.<>) (organization_code IS NULL)),
    CONSTRAINT feedback_surveys_service CHECK ((service_column IS NULL) OPERATOR(pg_catalog.<>) (service IS NULL))
);
COMMENT ON TABLE @region@.feedback_surveys IS
    'surveys whose exports region.load_webropol and region.load_limesurvey load: the columns of the export and the fixed values of its responses';
COMMENT ON COLUMN @region@.feedback_surveys.code IS 'stable key of the survey, kept with each loaded response (feedback_responses.survey_code)';
COMMENT ON COLUMN @region@.feedback_surveys.tool IS 'webropol or limesurvey';
COMMENT ON COLUMN @region@.feedback_surveys.name IS 'the survey''s title';
COMMENT ON COLUMN @region@.feedback_surveys.id_column IS 'the column holding the tool''s response id (LimeSurvey: id)';
COMMENT ON COLUMN @region@.feedback_surveys.submitted_column IS 'the column holding when the response was submitted, a local time; empty = incomplete, skipped (LimeSurvey: submitdate)';
COMMENT ON COLUMN @region@.feedback_surveys.language_column IS 'the column holding the answering language (LimeSurvey: startlanguage), NULL if none';
COMMENT ON COLUMN @region@.feedback_surveys.organization_column IS 'the column naming the unit (organisation code or name, or a name in feedback_names); NULL when organization_code is fixed';
COMMENT ON COLUMN @region@.feedback_surveys.organization_code IS 'the organisation of every response when the export has no unit column';
COMMENT ON COLUMN @region@.feedback_surveys.service_column IS 'the column naming the service (mapped by feedback_names); NULL when service is fixed';
COMMENT ON COLUMN @region@.feedback_surveys.service IS 'the service of every response when the export has no service column';
COMMENT ON COLUMN @region@.feedback_surveys.nps_column IS 'the recommendation question (0-10), NULL if the survey has none';
COMMENT ON COLUMN @region@.feedback_surveys.comment_column IS 'the open free-text question, NULL if none';
COMMENT ON COLUMN @region@.feedback_surveys.role IS 'the respondents'' role (parent, client, child, staff, partner, other), NULL if not known';
COMMENT ON COLUMN @region@.feedback_surveys.channel IS 'how the responses were given (default web)';

CREATE TABLE @region@.feedback_questions (
    survey_code text NOT NULL REFERENCES @region@.feedback_surveys (code) ON DELETE CASCADE,
    column_name text NOT NULL CHECK (column_name OPERATOR(pg_catalog.<>) ''),
    statement   text NOT NULL CHECK (statement OPERATOR(pg_catalog.~) '^[a-z0-9_]{1,32}$'),
    PRIMARY KEY (survey_code, column_name),
    CONSTRAINT feedback_questions_one_statement UNIQUE (survey_code, statement)
);
COMMENT ON TABLE @region@.feedback_questions IS 'which column of a survey''s export answers which 1-5 statement';
COMMENT ON COLUMN @region@.feedback_questions.survey_code IS 'the survey';
COMMENT ON COLUMN @region@.feedback_questions.column_name IS 'the column as the export''s header (or JSON key) names it, e.g. G01Q02 or a question text';
COMMENT ON COLUMN @region@.feedback_questions.statement IS 'the statement code in the responses, e.g. easy, helped, safe, useful, understood';

CREATE TABLE @region@.feedback_answers (
    survey_code text NOT NULL REFERENCES @region@.feedback_surveys (code) ON DELETE CASCADE,
    answer      text NOT NULL CHECK (answer OPERATOR(pg_catalog.<>) ''),
    score       integer CHECK (score OPERATOR(pg_catalog.>=) 0 AND score OPERATOR(pg_catalog.<=) 10),
    PRIMARY KEY (survey_code, answer)
);
COMMENT ON TABLE @region@.feedback_answers IS
    'answer labels (Finnish, Swedish) or answer codes of a survey and their scores; a plain number 0-10 needs no row';
COMMENT ON COLUMN @region@.feedback_answers.survey_code IS 'the survey';
COMMENT ON COLUMN @region@.feedback_answers.answer IS 'the answer as exported, e.g. Täysin samaa mieltä, Helt av samma åsikt, A5 (compared ignoring case and surrounding spaces)';
COMMENT ON COLUMN @region@.feedback_answers.score IS '1-5 for a statement, 0-10 for the recommendation question; NULL = don''t know (En osaa sanoa, Vet inte)';

CREATE TABLE @region@.feedback_names (
    survey_code text NOT NULL REFERENCES @region@.feedback_surveys (code) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['service', 'organization'])),
    name        text NOT NULL CHECK (name OPERATOR(pg_catalog.<>) ''),
    code        text NOT NULL CHECK (code OPERATOR(pg_catalog.<>) ''),
    PRIMARY KEY (survey_code, kind, name)
);
COMMENT ON TABLE @region@.feedback_names IS
    'service and unit names of a survey''s export and the service codes and organisation codes they stand for';
COMMENT ON COLUMN @region@.feedback_names.survey_code IS 'the survey';
COMMENT ON COLUMN @region@.feedback_names.kind IS 'service or organization';
COMMENT ON COLUMN @region@.feedback_names.name IS 'the name as exported (compared ignoring case and surrounding spaces)';
COMMENT ON COLUMN @region@.feedback_names.code IS 'the service code, or the organisation''s code in organizations';

-- Responses keep the survey and the tool's response id: re-loading an export is idempotent.
ALTER TABLE @region@.feedback_responses
    ADD COLUMN survey_code text REFERENCES @region@.feedback_surveys (code),
    ADD COLUMN source_response_id text CHECK (source_response_id OPERATOR(pg_catalog.<>) ''),
    ADD CONSTRAINT feedback_responses_source_both CHECK ((survey_code IS NULL) OPERATOR(pg_catalog.=) (source_response_id IS NULL)),
    ADD CONSTRAINT feedback_responses_source_key UNIQUE (organization_code, survey_code, source_response_id);
COMMENT ON COLUMN @region@.feedback_responses.survey_code IS 'the survey the response was loaded from (region.load_webropol, region.load_limesurvey), NULL otherwise';
COMMENT ON COLUMN @region@.feedback_responses.source_response_id IS 'the survey tool''s id of the response, unique per survey';

-- THL Sotkanet: the national and other regions' figures (domain.md section 4).
CREATE TABLE @region@.reference_areas (
    sotkanet_region   integer PRIMARY KEY,
    code              text NOT NULL UNIQUE CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    name_fi           text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv           text,
    category          text NOT NULL CHECK (category OPERATOR(pg_catalog.~) '^[A-Z0-9_-]+$'),
    organization_code text UNIQUE REFERENCES @region@.organizations (code)
);
COMMENT ON TABLE @region@.reference_areas IS
    'Sotkanet''s areas whose figures the region compares with: the nation, wellbeing areas, municipalities; kept apart from organizations, so no view counts them in the network';
COMMENT ON COLUMN @region@.reference_areas.sotkanet_region IS 'Sotkanet''s internal region id (the region of its data rows, not a municipality code)';
COMMENT ON COLUMN @region@.reference_areas.code IS 'stable key of the area, e.g. finland, pohjois-pohjanmaa';
COMMENT ON COLUMN @region@.reference_areas.name_fi IS 'Finnish name';
COMMENT ON COLUMN @region@.reference_areas.name_sv IS 'Swedish name';
COMMENT ON COLUMN @region@.reference_areas.category IS 'Sotkanet''s region category: MAA (the nation), HYVINVOINTIALUE, KUNTA, ...';
COMMENT ON COLUMN @region@.reference_areas.organization_code IS 'the network''s own organisation this area is (e.g. the wellbeing area itself), NULL for areas outside the network';

CREATE TABLE @region@.reference_indicators (
    sotkanet_indicator integer PRIMARY KEY,
    indicator_code     text NOT NULL REFERENCES @region@.indicators (code),
    factor             double precision NOT NULL DEFAULT 1 CHECK (factor OPERATOR(pg_catalog.<>) 0),
    title              text
);
CREATE INDEX reference_indicators_indicator_idx ON @region@.reference_indicators (indicator_code);
COMMENT ON TABLE @region@.reference_indicators IS 'which Sotkanet indicator corresponds to which indicator of the region';
COMMENT ON COLUMN @region@.reference_indicators.sotkanet_indicator IS 'Sotkanet''s indicator id';
COMMENT ON COLUMN @region@.reference_indicators.indicator_code IS 'the region''s indicator';
COMMENT ON COLUMN @region@.reference_indicators.factor IS 'Sotkanet''s value times factor is in the indicator''s convention (0.01 when Sotkanet gives percent and the indicator a share)';
COMMENT ON COLUMN @region@.reference_indicators.title IS 'Sotkanet''s title of the indicator';

CREATE TABLE @region@.reference_values (
    sotkanet_indicator integer NOT NULL REFERENCES @region@.reference_indicators (sotkanet_indicator),
    sotkanet_region    integer NOT NULL REFERENCES @region@.reference_areas (sotkanet_region),
    year               integer NOT NULL CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 2200),
    gender             text NOT NULL CHECK (gender OPERATOR(pg_catalog.=) ANY (ARRAY['total', 'male', 'female'])),
    value              double precision,
    abs_value          double precision,
    loaded_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (sotkanet_indicator, sotkanet_region, year, gender),
    CONSTRAINT reference_values_some_value CHECK (value IS NOT NULL OR abs_value IS NOT NULL)
);
COMMENT ON TABLE @region@.reference_values IS 'Sotkanet''s figures as published: one row per indicator, area, year and gender (region.load_sotkanet)';
COMMENT ON COLUMN @region@.reference_values.sotkanet_indicator IS 'Sotkanet''s indicator id';
COMMENT ON COLUMN @region@.reference_values.sotkanet_region IS 'Sotkanet''s region id (reference_areas)';
COMMENT ON COLUMN @region@.reference_values.year IS 'the statistical year';
COMMENT ON COLUMN @region@.reference_values.gender IS 'total, male or female';
COMMENT ON COLUMN @region@.reference_values.value IS 'Sotkanet''s primary value in its own unit (percent, per 1 000, ...); NULL when only the absolute value is published';
COMMENT ON COLUMN @region@.reference_values.abs_value IS 'Sotkanet''s absolute value (a count), NULL when not published';
COMMENT ON COLUMN @region@.reference_values.loaded_at IS 'when the row was last written';

-- ---- network: members, row-level security by membership, the settings guard (members.sql,
-- as a new region gets it; its code parts, add_member and the views, come with views_*.sql)
CREATE TABLE @region@.members (
    role_name         name NOT NULL,
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    level             text NOT NULL DEFAULT 'read' CHECK (level OPERATOR(pg_catalog.=) ANY (ARRAY['read', 'write', 'admin'])),
    granted_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    granted_by        name NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (role_name, organization_code)
);
CREATE INDEX members_organization_idx ON @region@.members (organization_code);
COMMENT ON TABLE @region@.members IS
    'which database role acts for which organisation, at which level (read, write, admin); written by add_member and remove_member, dumped with the region';
COMMENT ON COLUMN @region@.members.role_name IS 'the database role (a login or a group role whose members act through it)';
COMMENT ON COLUMN @region@.members.organization_code IS 'the organisation it acts for; membership covers the organisations below it too';
COMMENT ON COLUMN @region@.members.level IS 'read: sees the rows; write: also changes them and runs the loaders; admin: also the region''s settings and network when the organisation is the wellbeing area';
COMMENT ON COLUMN @region@.members.granted_at IS 'when the membership was granted or its level last changed';
COMMENT ON COLUMN @region@.members.granted_by IS 'the role that granted it';

-- Partners' own indicators: an indicator with an organisation is that organisation's,
-- visible to its members (and to the region's admins), never in benchmark views.
ALTER TABLE @region@.indicators ADD COLUMN organization_code text REFERENCES @region@.organizations (code);
COMMENT ON COLUMN @region@.indicators.organization_code IS
    'NULL: the region''s catalogue (every member sees it); an organisation: that partner''s own indicator, seen by the members of the organisation and of those above it, left out of benchmark views';

-- level_rank(level): read 1, write 2, admin 3 (NULL otherwise).
CREATE FUNCTION @region@.level_rank(level text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN level OPERATOR(pg_catalog.=) 'read' THEN 1
                WHEN level OPERATOR(pg_catalog.=) 'write' THEN 2
                WHEN level OPERATOR(pg_catalog.=) 'admin' THEN 3 END;
COMMENT ON FUNCTION @region@.level_rank(text) IS 'read 1, write 2, admin 3: levels compare by rank';

-- is_region_owner(): true for the caller when it has the rights of the region schema's
-- owner (owner, member of the owner role, superuser).  Such roles bypass the policies.
CREATE FUNCTION @region@.is_region_owner() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN (SELECT r.rolsuper OR pg_catalog.pg_has_role(n.nspowner, 'USAGE')
            FROM pg_catalog.pg_roles r, pg_catalog.pg_namespace n
            WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER
              AND n.oid OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace);
COMMENT ON FUNCTION @region@.is_region_owner() IS
    'true when the current role has the rights of the region''s owner (its owner, a member of it, or a superuser)';

-- settings_guard(): only the region's owner or a superuser changes min_group_size (an admin
-- granted UPDATE on settings may change the calendar, not the privacy threshold).
CREATE FUNCTION @region@.settings_guard() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF NEW.min_group_size IS DISTINCT FROM OLD.min_group_size AND NOT @region@.is_region_owner() THEN
        RAISE EXCEPTION 'permission denied to change min_group_size of region "@region@"'
            USING ERRCODE = '42501',
                  DETAIL = 'Only the owner of the region or a superuser changes the minimum group size; a session can raise it with SET pekefb.min_group_size.';
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.settings_guard() IS
    'trigger: only the region''s owner or a superuser changes settings.min_group_size';
CREATE TRIGGER settings_guard BEFORE UPDATE ON @region@.settings
    FOR EACH ROW EXECUTE FUNCTION @region@.settings_guard();


-- member_organizations(member, min_level): the codes of the organisations the role acts for
-- at min_level or above (read, write, admin) through a membership of its own or of a role
-- it is a member of, with every organisation below them; a member of the wellbeing area
-- acts for every organisation of the region.  Runs with the owner's rights (a role with
-- hand-granted privileges but no membership gets an empty array, not an error on members);
-- answers only for the session user's own roles, so a member cannot list another's.
-- PL/pgSQL, like is_region_admin: a function whose (SQL-standard) body names a table cannot
-- be created on Citus' workers before the table, and the reference tables' policies need
-- the functions there first (pekefb.distribute_region).
CREATE FUNCTION @region@.member_organizations(member name, min_level text DEFAULT 'read') RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    levels text[] := ARRAY['read', 'write', 'admin'];
BEGIN
    RETURN ARRAY(
        SELECT o.code FROM @region@.organizations o
        WHERE pg_catalog.pg_has_role(SESSION_USER, member_organizations.member, 'MEMBER')
          AND EXISTS (
            SELECT FROM @region@.members m
            JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) m.role_name
            WHERE pg_catalog.array_position(levels, m.level)
                  OPERATOR(pg_catalog.>=) pg_catalog.array_position(levels, member_organizations.min_level)
              AND pg_catalog.pg_has_role(member_organizations.member, r.oid, 'USAGE')
              AND (m.organization_code OPERATOR(pg_catalog.=) (SELECT s.area_code FROM @region@.settings s)
                   OR EXISTS (SELECT FROM @region@.organization_tree t
                              WHERE t.ancestor_code OPERATOR(pg_catalog.=) m.organization_code
                                AND t.organization_code OPERATOR(pg_catalog.=) o.code)))
        ORDER BY o.code);
END
$fn$;
COMMENT ON FUNCTION @region@.member_organizations(name, text) IS
    'codes of the organisations a role acts for at a level or above (its memberships, those below them; the wellbeing area''s members: all); only for the session user''s own roles';

-- is_my_role(role): the current role is the role or a member of it (false for a dropped role).
CREATE FUNCTION @region@.is_my_role(role_name name) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT FROM pg_catalog.pg_roles r
                   WHERE r.rolname OPERATOR(pg_catalog.=) is_my_role.role_name
                     AND pg_catalog.pg_has_role(r.oid, 'USAGE'));
COMMENT ON FUNCTION @region@.is_my_role(name) IS 'true when the current role is the role or a member of it (false for a dropped role)';

-- can_read(code), can_write(code): the current role may read (write) the organisation's rows.
CREATE FUNCTION @region@.can_read(organization_code text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN can_read.organization_code OPERATOR(pg_catalog.=) ANY (@region@.member_organizations(CURRENT_USER, 'read'));
COMMENT ON FUNCTION @region@.can_read(text) IS 'true when the current role may read the organisation''s rows (as my_organizations says)';
CREATE FUNCTION @region@.can_write(organization_code text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN can_write.organization_code OPERATOR(pg_catalog.=) ANY (@region@.member_organizations(CURRENT_USER, 'write'));
COMMENT ON FUNCTION @region@.can_write(text) IS 'true when the current role may insert, update and delete the organisation''s rows (as my_organizations says)';

-- is_region_admin(): the current role is an admin member of the wellbeing area.
CREATE FUNCTION @region@.is_region_admin() RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RETURN COALESCE((SELECT s.area_code OPERATOR(pg_catalog.=) ANY (@region@.member_organizations(CURRENT_USER, 'admin'))
                     FROM @region@.settings s), false);
END
$fn$;
COMMENT ON FUNCTION @region@.is_region_admin() IS 'true when the current role is an admin member of the wellbeing area';

-- members: a member sees its own memberships (and those of the roles it is a member of).
ALTER TABLE @region@.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_own ON @region@.members FOR SELECT
    USING (@region@.is_my_role(role_name));

-- organizations: the network is public to members; region admins change it.  The tree
-- follows organizations whoever changes them (a region admin cannot write organization_tree).
ALTER TABLE @region@.organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON @region@.organizations FOR SELECT USING (true);
CREATE POLICY admin_insert ON @region@.organizations FOR INSERT WITH CHECK (@region@.is_region_admin());
CREATE POLICY admin_update ON @region@.organizations FOR UPDATE
    USING (@region@.is_region_admin()) WITH CHECK (@region@.is_region_admin());
CREATE POLICY admin_delete ON @region@.organizations FOR DELETE USING (@region@.is_region_admin());
ALTER FUNCTION @region@.organizations_changed() SECURITY DEFINER;

-- set_row_policies(table, for_citus): row-level security on a table with an
-- organization_code column, keyed by membership: a member reads the rows of its
-- organisations (and those below), writes them at level write or admin.  false (what a
-- region gets): the organisations are looked up once per statement, organization_code =
-- ANY (CAST((SELECT member_organizations(...)) AS text[])), an InitPlan; true: the same test without a
-- subquery (a call per row, can_read / can_write), which Citus requires of policies on
-- distributed tables (pekefb.distribute_region switches).  Drops and creates the table's
-- policies member_read, member_insert, member_update, member_delete; returns 4.  The
-- recipe for a new table (doc/partners.md, "Adding a table").
CREATE FUNCTION @region@.set_row_policies(table_name name, for_citus boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    rel pg_catalog.regclass;
    pol name;
    may_read text;
    may_write text;
BEGIN
    IF table_name IS NULL OR for_citus IS NULL THEN
        RAISE EXCEPTION 'set_row_policies: arguments must not be NULL'
            USING ERRCODE = '22004', DETAIL = 'Pass a table of the region and false (once per statement) or true (per row, for Citus).';
    END IF;
    rel := pg_catalog.to_regclass(pg_catalog.format('@region@.%I', table_name));
    IF rel IS NULL OR NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a
                                  WHERE a.attrelid OPERATOR(pg_catalog.=) rel AND a.attname OPERATOR(pg_catalog.=) 'organization_code'
                                    AND NOT a.attisdropped) THEN
        RAISE EXCEPTION 'table "%" of region "@region@" has no column organization_code', table_name
            USING ERRCODE = '42703', DETAIL = 'Row-level security by membership keys on the organisation of each row.';
    END IF;
    IF for_citus THEN
        may_read := '@region@.can_read(organization_code)';
        may_write := '@region@.can_write(organization_code)';
    ELSE
        may_read := 'organization_code OPERATOR(pg_catalog.=) ANY (CAST((SELECT @region@.member_organizations(CURRENT_USER, ''read'')) AS text[]))';
        may_write := 'organization_code OPERATOR(pg_catalog.=) ANY (CAST((SELECT @region@.member_organizations(CURRENT_USER, ''write'')) AS text[]))';
    END IF;
    FOR pol IN SELECT p.polname FROM pg_catalog.pg_policy p
               WHERE p.polrelid OPERATOR(pg_catalog.=) rel
                 AND p.polname OPERATOR(pg_catalog.=) ANY (ARRAY['member_read', 'member_insert', 'member_update', 'member_delete']::name[])
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %s', pol, rel);
    END LOOP;
    EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', rel);
    EXECUTE pg_catalog.format('CREATE POLICY member_read ON %s FOR SELECT USING (%s)', rel, may_read);
    EXECUTE pg_catalog.format('CREATE POLICY member_insert ON %s FOR INSERT WITH CHECK (%s)', rel, may_write);
    EXECUTE pg_catalog.format('CREATE POLICY member_update ON %s FOR UPDATE USING (%s) WITH CHECK (%s)', rel, may_write, may_write);
    EXECUTE pg_catalog.format('CREATE POLICY member_delete ON %s FOR DELETE USING (%s)', rel, may_write);
    RETURN 4;
END
$fn$;
COMMENT ON FUNCTION @region@.set_row_policies(name, boolean) IS
    'row-level security by membership on a table with organization_code: false = the member''s organisations looked up once per statement (default), true = per row without a subquery (Citus)';

-- use_policies(for_citus): set_row_policies on every table of the region with an
-- organization_code column and a member_read policy (the row tables: measurements, cases,
-- feedback_responses, measurement_history, reporting_obligations, feedback_coded_themes, and
-- those a DBA or a later version put under the same policies; not those with NULL rows).
-- Returns the number of policies created.
CREATE FUNCTION @region@.use_policies(for_citus boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    tab name;
    made integer := 0;
BEGIN
    IF for_citus IS NULL THEN
        RAISE EXCEPTION 'for_citus must not be NULL'
            USING ERRCODE = '22004', DETAIL = 'Pass false (a subquery per statement) or true (a call per row, for Citus).';
    END IF;
    FOR tab IN SELECT c.relname FROM pg_catalog.pg_class c
               WHERE c.relnamespace OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace
                 AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p']::"char"[])
                 AND EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid OPERATOR(pg_catalog.=) c.oid
                                                                  AND p.polname OPERATOR(pg_catalog.=) 'member_read')
                 AND c.relname OPERATOR(pg_catalog.<>) ALL (ARRAY['indicators', 'targets', 'organizations', 'members',
                                                          'target_history', 'development_items', 'feedback_surveys',
                                                          'reference_areas']::name[])
               ORDER BY c.relname
    LOOP
        made := made OPERATOR(pg_catalog.+) @region@.set_row_policies(tab, for_citus);
    END LOOP;
    RETURN made;
END
$fn$;
COMMENT ON FUNCTION @region@.use_policies(boolean) IS
    'recreates the member policies of the region''s row tables (set_row_policies on each): false = once per statement (default), true = per row without a subquery (Citus)';

SELECT @region@.set_row_policies('measurements');
SELECT @region@.set_row_policies('cases');
SELECT @region@.set_row_policies('feedback_responses');

-- Indicators and targets: the region's (organization_code NULL) are read by every member
-- and written by region admins; a partner's own are read and written like its rows.  (Small
-- tables: a call per row, the same form on Citus.)
ALTER TABLE @region@.indicators ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON @region@.indicators FOR SELECT
    USING (organization_code IS NULL OR @region@.can_read(organization_code));
CREATE POLICY member_insert ON @region@.indicators FOR INSERT
    WITH CHECK (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);
CREATE POLICY member_update ON @region@.indicators FOR UPDATE
    USING (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END)
    WITH CHECK (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);
CREATE POLICY member_delete ON @region@.indicators FOR DELETE
    USING (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);

ALTER TABLE @region@.targets ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON @region@.targets FOR SELECT
    USING (organization_code IS NULL OR @region@.can_read(organization_code));
CREATE POLICY member_insert ON @region@.targets FOR INSERT
    WITH CHECK (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);
CREATE POLICY member_update ON @region@.targets FOR UPDATE
    USING (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END)
    WITH CHECK (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);
CREATE POLICY member_delete ON @region@.targets FOR DELETE
    USING (CASE WHEN organization_code IS NULL THEN @region@.is_region_admin()
                ELSE @region@.can_write(organization_code) END);

-- The tables added in 0.3.0 with an organisation, under the same rules (doc/partners.md,
-- "Adding a table"): the row tables by set_row_policies; the tables whose organisation may
-- be NULL (target_history: a region target's versions; development_items: an item without a
-- responsible organisation; feedback_surveys: a survey whose export names the organisation
-- per response; reference_areas: an area outside the network) like indicators and targets:
-- a NULL row is read by every member and written by region admins.  The triggers that write
-- the history and the coded themes: doc/partners.md, "Tables written by triggers".
SELECT @region@.set_row_policies('measurement_history');
SELECT @region@.set_row_policies('reporting_obligations');
SELECT @region@.set_row_policies('feedback_coded_themes');
DO $catalogue$
DECLARE
    tab name;
    may_read text := '(organization_code IS NULL OR @region@.can_read(organization_code))';
    may_write text := '(CASE WHEN organization_code IS NULL THEN @region@.is_region_admin() ELSE @region@.can_write(organization_code) END)';
BEGIN
    FOREACH tab IN ARRAY ARRAY['target_history', 'development_items', 'feedback_surveys', 'reference_areas']::name[] LOOP
        EXECUTE pg_catalog.format('ALTER TABLE @region@.%I ENABLE ROW LEVEL SECURITY', tab);
        EXECUTE pg_catalog.format('CREATE POLICY member_read ON @region@.%I FOR SELECT USING %s', tab, may_read);
        EXECUTE pg_catalog.format('CREATE POLICY member_insert ON @region@.%I FOR INSERT WITH CHECK %s', tab, may_write);
        EXECUTE pg_catalog.format('CREATE POLICY member_update ON @region@.%I FOR UPDATE USING %s WITH CHECK %s', tab, may_write, may_write);
        EXECUTE pg_catalog.format('CREATE POLICY member_delete ON @region@.%I FOR DELETE USING %s', tab, may_write);
    END LOOP;
END
$catalogue$;
-- The coded themes are derived data: the trigger that codes a response's comment writes
-- them with the owner's rights (members have no privilege on feedback_coded_themes but read).
ALTER FUNCTION @region@.feedback_code_comments() SECURITY DEFINER;

-- ---- load speed (issue 12): the row tables' references checked per statement
-- (references.sql), their indexes cut to the primary key, the per-row triggers of
-- measurements and feedback_responses out of a load's way (indicators.sql, themes.sql),
-- the source keys made part of the ids (loading.sql, cases.sql)
ALTER TABLE @region@.cases
    DROP CONSTRAINT cases_organization_code_fkey,
    DROP CONSTRAINT cases_indicator_code_fkey,
    DROP CONSTRAINT cases_source_key,
    DROP CONSTRAINT cases_pkey,
    ADD PRIMARY KEY (indicator_code, case_id, organization_code),
    ADD CONSTRAINT cases_source_id CHECK (source_system IS NULL
        OR case_id OPERATOR(pg_catalog.=) ((source_system OPERATOR(pg_catalog.||) ':') OPERATOR(pg_catalog.||) source_case_id));
DROP INDEX @region@.cases_indicator_started_idx, @region@.cases_indicator_finished_idx, @region@.cases_source_idx;
DROP INDEX @region@.measurements_period_idx, @region@.measurements_indicator_idx, @region@.feedback_responses_org_time_idx;
COMMENT ON COLUMN @region@.cases.organization_code IS 'the organisation that handles the case (an organizations code, checked per statement: references.sql)';
COMMENT ON COLUMN @region@.cases.indicator_code IS 'the access indicator the case counts in (one with a deadline; an indicators code, checked per statement)';
ALTER TABLE @region@.measurements
    DROP CONSTRAINT measurements_organization_code_fkey,
    DROP CONSTRAINT measurements_indicator_code_fkey;
COMMENT ON COLUMN @region@.measurements.indicator_code IS 'the indicator (an indicators code, checked per statement: references.sql)';
COMMENT ON COLUMN @region@.measurements.organization_code IS 'the organisation the figure is about (as its source reports it; an organizations code, checked per statement)';
ALTER TABLE @region@.feedback_responses
    DROP CONSTRAINT feedback_responses_organization_code_fkey,
    DROP CONSTRAINT feedback_responses_survey_code_fkey,
    DROP CONSTRAINT feedback_responses_source_key,
    ADD CONSTRAINT feedback_responses_source_id CHECK (survey_code IS NULL
        OR response_id OPERATOR(pg_catalog.=) ((survey_code OPERATOR(pg_catalog.||) ':') OPERATOR(pg_catalog.||) source_response_id));
COMMENT ON COLUMN @region@.feedback_responses.organization_code IS 'the organisation whose service the response is about (an organizations code, checked per statement: references.sql)';
DROP TRIGGER measurements_unit ON @region@.measurements;
DROP TRIGGER measurements_loaded ON @region@.measurements;
DROP TRIGGER feedback_responses_language ON @region@.feedback_responses;
CREATE TRIGGER feedback_responses_language BEFORE INSERT OR UPDATE ON @region@.feedback_responses
    FOR EACH ROW WHEN (NEW.language IS NULL) EXECUTE FUNCTION @region@.feedback_language();
-- check_units(): the same test for measurements, once per statement over the rows written
-- (new_rows): a load writes many measurements, and a row trigger would look up the
-- indicator once per row.  On Citus, pekefb.distribute_region puts check_unit's row form
-- back (shards have no transition tables).
CREATE FUNCTION @region@.check_units() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    bad record;
BEGIN
    -- each indicator and unit once (a hash aggregate), then their indicators
    SELECT u.have, i.unit AS want, u.indicator_code INTO bad
    FROM (SELECT DISTINCT n.indicator_code, pekefb.unit(n.value) AS have FROM new_rows n) u
    JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) u.indicator_code
    WHERE u.have OPERATOR(pg_catalog.<>) i.unit
    ORDER BY u.indicator_code, u.have
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unit "%" of the value does not match unit "%" of indicator "%"', bad.have, bad.want, bad.indicator_code
            USING ERRCODE = '23514', DETAIL = 'Measurements and targets of an indicator are in the indicator''s unit.';
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.check_units() IS 'trigger: the units of the measurements a statement wrote are their indicators''';
CREATE TRIGGER measurements_unit_insert AFTER INSERT ON @region@.measurements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.check_units();
CREATE TRIGGER measurements_unit_update AFTER UPDATE ON @region@.measurements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.check_units();
CREATE TRIGGER measurements_loaded BEFORE INSERT ON @region@.measurements
    FOR EACH ROW WHEN (NOT COALESCE(pekefb.stamped_now(NEW.loaded_at, NEW.loaded_by), false))
    EXECUTE FUNCTION @region@.stamp_loaded();
CREATE TRIGGER measurements_loaded_update BEFORE UPDATE ON @region@.measurements
    FOR EACH ROW EXECUTE FUNCTION @region@.stamp_loaded();
-- src/region/references.sql, new in 0.3.0
-- @include src/region/references.sql

-- ---- scale (issue 13): stored access states, kept by statement triggers on cases
-- src/region/states.sql, new in 0.3.0, then the states of the cases already there
-- @include src/region/states.sql
SELECT @region@.rebuild_access_states();
-- ---- feedback states (issue 13): stored per-month feedback states, kept by statement
-- triggers on feedback_responses: src/region/feedback_states.sql, new in 0.3.0, then the
-- states of the responses already there
-- @include src/region/feedback_states.sql
SELECT @region@.rebuild_feedback_states();

-- ---- scale (issue 13): the stored rows of the feedback views, their years marked stale by
-- statement triggers on feedback_responses (src/region/states_feedback.sql, new in 0.3.0);
-- complete after the first refresh_feedback_rows
-- @include src/region/states_feedback.sql
