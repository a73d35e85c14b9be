-- themes: free-text comments searchable with stemming in the response's language
-- (PostgreSQL's built-in finnish and swedish configurations, GIN-indexed), the region's
-- theme catalogue and lexicon coding comments into feedback_coded_themes apart from the
-- survey's own themes, and the theme_summary view (counts only, suppressed).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SELECT pekefb.create_region('theme_region', 'reg', 'Alue', 'Området');
SET search_path = theme_region, pekefb, public;
INSERT INTO organizations (code, name_fi, name_sv, kind, parent_code) VALUES
  ('a', 'A', 'A sv', 'municipality', 'reg'), ('b', 'B', 'B sv', 'municipality', 'reg');

-- Stemming: a term in any inflected form finds the others.  The Finnish stemmer keeps the
-- strong and weak grade apart (odotusaika -> odotusaik, odotusajat -> odotusaj), so a term
-- also tries the other grade of its last consonants.
SELECT to_tsvector('finnish', 'odotusaika odotusajat') AS finnish_stems, comment_query('fi', 'odotusaika') AS query;
SELECT t.lang, t.term, t.comment, to_tsvector(text_search_config(t.lang), t.comment) @@ comment_query(t.lang, t.term) AS found
FROM (VALUES ('fi', 'odotusaika', 'Odotusajat olivat liian pitkiä.'),
             ('fi', 'odotusajat', 'Odotusaika oli pitkä.'),
             ('fi', 'odotusaika', 'Odotusaikaa kertyi kuukausi.'),
             ('fi', 'aukioloaika', 'Aukioloajat eivät sovi.'),
             ('fi', 'kenkä', 'Kengät kastuivat pihalla.'),
             ('fi', 'katu', 'Kadut olivat liukkaita.'),
             ('fi', 'ystävällinen', 'Kiitos ystävällisestä vastaanotosta.'),
             ('fi', 'ystävällinen', 'Ystävällisen hoitajan ansiosta.'),
             -- the stemmer cuts ystävällistä to ystäväl: such forms go into the lexicon as terms
             ('fi', 'ystävällinen', 'Henkilökunta oli ystävällistä.'),
             ('fi', 'tieto ei kulkenut', 'Tieto ei kulkenut koululle.'),
             ('fi', 'tieto ei kulkenut', 'Kulkenut tieto oli vanhaa.'),
             ('fi', 'odotusaika', 'Hoitaja oli mukava.'),
             ('sv', 'väntetid', 'Väntetiderna var långa.'),
             ('sv', 'väntetid', 'Väntetiden var för lång.'),
             ('sv', 'öppettider', 'Öppettiderna passar inte.'),
             ('sv', 'vänlig', 'Mycket vänliga sköterskor.'),
             ('sv', 'väntetid', 'Personalen var vänlig.')) AS t (lang, term, comment);
-- a term of stop words only has nothing to find
SELECT comment_query('fi', 'ja ei') IS NULL AS no_words, comment_query('fi', NULL) IS NULL AS null_term;
SELECT text_search_config('fi') AS fi, text_search_config('sv') AS sv, text_search_config('en') AS en,
       text_search_config('se') AS other, text_search_config(NULL) AS none;

-- The language of a response: as given, else the response's lang, else settings.language.
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, comment, themes, language) VALUES
  ('a', 'a1', '2025-01-10 10:00+02', 'neuvola', '{"nps":9,"lang":"fi"}', 'Odotusajat olivat pitkät, mutta hoitaja oli ystävällinen.', '{odotusaika}', NULL),
  ('a', 'a2', '2025-01-11 10:00+02', 'neuvola', '{"nps":10,"lang":"sv"}', 'Väntetiden var kort och personalen vänlig.', '{}', NULL),
  ('a', 'a3', '2025-01-12 10:00+02', 'neuvola', '{"nps":6}', 'Aukioloajat eivät sovi vuorotyöhön.', '{aukioloajat}', NULL),
  ('a', 'a4', '2025-02-01 10:00+02', 'neuvola', '{"nps":8,"lang":"fi"}', 'Chat-palvelu oli auki vain virka-aikaan.', '{}', NULL),
  ('a', 'a5', '2025-02-02 10:00+02', 'neuvola', '{"nps":9,"lang":"fi"}', 'Kiitos!', '{kiitos}', NULL),
  ('a', 'a6', '2025-03-03 10:00+02', 'neuvola', '{"nps":3,"lang":"fi"}', 'Jonossa meni viikkoja.', '{}', 'fi'),
  ('a', 'a7', '2025-03-04 10:00+02', 'neuvola', '{"nps":9,"lang":"fi"}', NULL, '{}', NULL),
  ('b', 'b1', '2025-01-15 10:00+02', 'neuvola', '{"nps":2,"lang":"fi"}', 'Odotusaika oli kohtuuton.', '{odotusaika}', NULL),
  ('b', 'b2', '2025-01-16 10:00+02', 'neuvola', '{"nps":9,"lang":"en"}', 'Kind staff.', '{}', NULL);
SELECT response_id, language, comment_tsv IS NOT NULL AS searchable FROM feedback_responses ORDER BY 1;
UPDATE settings SET language = 'sv';
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, comment)
VALUES ('b', 'b3', '2025-01-17 10:00+02', 'neuvola', '{"nps":7}', 'Öppettiderna passar inte.');
SELECT response_id, language FROM feedback_responses WHERE response_id = 'b3';
UPDATE settings SET language = 'fi';

-- Searching: the response's language decides the stemming; the GIN index serves it.
SELECT response_id, comment FROM feedback_responses
WHERE comment_tsv @@ comment_query(language, CASE language WHEN 'sv' THEN 'väntetid' ELSE 'odotusaika' END) ORDER BY 1;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT response_id FROM feedback_responses WHERE comment_tsv @@ comment_query('fi', 'odotusaika');
RESET enable_seqscan;

-- The lexicon codes every comment already there when it is created...
INSERT INTO themes (code, label_fi, label_sv, label_en) VALUES
  ('odotusaika', 'Odotusaika', 'Väntetid', 'Waiting time'),
  ('aukioloajat', 'Aukioloajat', 'Öppettider', 'Opening hours'),
  ('ystävällisyys', 'Ystävällisyys', 'Vänlighet', 'Friendliness');
INSERT INTO theme_lexicon (theme, lang, term) VALUES
  ('odotusaika', 'fi', 'odotusaika'), ('odotusaika', 'fi', 'jono'), ('odotusaika', 'sv', 'väntetid'),
  ('aukioloajat', 'fi', 'aukioloaika'), ('aukioloajat', 'fi', 'virka-aikaan'), ('aukioloajat', 'sv', 'öppettider'),
  ('ystävällisyys', 'fi', 'ystävällinen'), ('ystävällisyys', 'sv', 'vänlig'), ('ystävällisyys', 'en', 'kind');
SELECT organization_code, response_id, theme, lang, term FROM feedback_coded_themes ORDER BY 1, 2, 3;
-- ... and each comment that arrives or changes; a deleted response takes its coding along
INSERT INTO feedback_responses (organization_code, response_id, received_at, service, response, comment)
VALUES ('b', 'b4', '2025-04-01 10:00+03', 'neuvola', '{"nps":10,"lang":"fi"}', 'Aukioloaikaa voisi pidentää, muuten ystävällistä.');
UPDATE feedback_responses SET comment = 'Kiitos, odotusaika oli lyhyt.' WHERE response_id = 'a5';
UPDATE feedback_responses SET comment = 'Ei valittamista.' WHERE response_id = 'a6';
DELETE FROM feedback_responses WHERE response_id = 'b2';
SELECT organization_code, response_id, theme, term FROM feedback_coded_themes ORDER BY 1, 2, 3;
-- A lexicon change codes everything again; so does code_themes() by hand.
DELETE FROM theme_lexicon WHERE term = 'jono';
INSERT INTO theme_lexicon (theme, lang, term) VALUES ('ystävällisyys', 'fi', 'virka-aikaan');
SELECT theme, count(*) FROM feedback_coded_themes GROUP BY 1 ORDER BY 1;
SELECT code_themes() AS pairs;
-- the survey's themes stay as they came
SELECT response_id, themes FROM feedback_responses WHERE themes <> '{}' ORDER BY 1;
-- a term needs a searchable word
INSERT INTO theme_lexicon (theme, lang, term) VALUES ('odotusaika', 'fi', 'ja ei');
INSERT INTO theme_lexicon (theme, lang, term) VALUES ('odotusaika', 'fi', '');
INSERT INTO theme_lexicon (theme, lang, term) VALUES ('tuntematon', 'fi', 'sana');

-- theme_summary: a (6 comments in the quarter) is shown; b (3 comments) is suppressed and
-- shows neither its mentions nor a theme outside the catalogue.
SELECT organization_code, includes_sub_organizations AS subs, period_kind, period_start, period_end, source, theme,
       theme_label, responses, comments, mentions, round(share_of_comments::numeric, 3) AS share, suppressed
FROM theme_summary WHERE period_kind = 'quarter' AND period_start = '2025-01-01'
ORDER BY 1, 2, 6, 7;
SELECT organization_code, period_kind, period_start, source, sum(mentions) AS mentions
FROM theme_summary WHERE NOT includes_sub_organizations AND period_kind = 'year' GROUP BY 1, 2, 3, 4 ORDER BY 1, 4;
SET pekefb.language = 'sv';
SELECT DISTINCT theme, theme_label FROM theme_summary ORDER BY 1;
RESET pekefb.language;
-- min_group_size 2: b is shown too
UPDATE settings SET min_group_size = 2;
SELECT organization_code, source, theme, comments, mentions, suppressed FROM theme_summary
WHERE organization_code = 'b' AND NOT includes_sub_organizations AND period_kind = 'quarter' AND period_start = '2025-01-01'
ORDER BY 2, 3;
UPDATE settings SET min_group_size = 5;

-- Counts only: no column of the view holds comment text; standard types, every column commented.
SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, col_description(a.attrelid, a.attnum) IS NOT NULL AS commented
FROM pg_attribute a WHERE a.attrelid = 'theme_region.theme_summary'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT c.relname, count(*) FILTER (WHERE col_description(c.oid, a.attnum) IS NULL) AS without_comment
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'theme_region'::regnamespace
  AND c.relname IN ('themes', 'theme_lexicon', 'feedback_coded_themes', 'feedback_responses')
GROUP BY 1 ORDER BY 1;

-- a session can raise the minimum group size (never lower it: doc/partners.md), and this
-- view follows it like every other: raised above every group, no figure shows
SET pekefb.min_group_size = 1000;
SELECT count(*) > 0 AS has_rows, count(*) FILTER (WHERE NOT suppressed AND comments > 0) AS shown FROM theme_summary;
RESET pekefb.min_group_size;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA theme_region CASCADE;
RESET client_min_messages;
