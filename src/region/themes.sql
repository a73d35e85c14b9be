-- themes: qualitative information from free-text comments.  Each response's comment gets its
-- language (from the response, else the region's settings.language) and a tsvector under
-- PostgreSQL's built-in text search configuration of that language (finnish, swedish,
-- english; simple for others), searchable with a GIN index.  The region keeps a theme
-- catalogue (themes, labels fi/sv/en) and a lexicon of search terms per theme and language
-- (theme_lexicon); every comment is coded by the lexicon into feedback_coded_themes, apart
-- from the themes the survey gave (feedback_responses.themes).  Triggers code new and
-- changed comments and re-code everything when the lexicon changes (code_themes()).
-- doc/themes.md.

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

-- A response's language: as given, else the response's own lang, else the region's (called
-- only for a row without one: the loaders give it).
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
    FOR EACH ROW WHEN (NEW.language IS NULL) EXECUTE FUNCTION @region@.feedback_language();
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
