-- report: region.follow_up_report on a small hand-made region: argument checks (class-22
-- errors quoting the input), escaping of every text from the data (an organisation named
-- with <script> and &), a self-contained document (no script, no external file), every
-- figure of the HTML equal to its view's (test/regress/report_check.sql parses the
-- data-* attributes), suppressed figures shown as "< 5" exactly where the views hide them,
-- the Markdown document in full, the three languages, and SECURITY INVOKER (row-level
-- security on the reader's side decides which organisations the reader may report on).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET datestyle = 'ISO, YMD';
SET timezone = 'UTC';
SELECT pekefb.create_region('rpt', 'alue', 'Alue & <script>alert("x")</script>', 'Område & co');
SET search_path = rpt, pekefb, public;
INSERT INTO organizations (code, name_fi, name_sv, kind, parent_code) VALUES
  ('kunta1', 'Kunta <b>1</b> | A&B', 'Kommun 1', 'municipality', 'alue'),
  ('kunta2', 'Kunta 2', NULL, 'municipality', 'alue'),
  ('yhdistys', 'Yhdistys "ry"', NULL, 'ngo', 'kunta1');
INSERT INTO indicators (code, name_fi, name_sv, name_en, unit, period, theme, deadline, count_by) VALUES
  ('share', 'Osuus <i>x</i>', 'Andel', 'Share', '%', 'year', 'a', NULL, NULL),
  ('wait', 'Odotus', 'Väntan', 'Wait', 'd', 'year', 'a', NULL, NULL),
  ('care', 'Hoitotakuu', 'Vårdgaranti', 'Care guarantee', '%', 'year', 'b', '14 days', 'finished'),
  ('cw', 'Lastensuojelu 7 arkipäivää', 'Barnskydd', 'Child welfare', '%', 'half_year', 'b', '7 working days', 'started');
INSERT INTO targets (indicator_code, organization_code, period_start, period_end, target) VALUES
  ('share', NULL, '2024-01-01', '2024-12-31', '>= 90%'),
  ('share', NULL, '2025-01-01', '2025-12-31', '>= 95%'),
  ('wait', NULL, '2025-01-01', '2025-12-31', '<= 30 d'),
  ('care', NULL, '2025-01-01', '2025-12-31', '>= 90%');
INSERT INTO measurements (indicator_code, organization_code, period_start, period_end, value) VALUES
  ('share', 'alue', '2023-01-01', '2023-12-31', '80/100'),
  ('share', 'alue', '2024-01-01', '2024-12-31', '91/100'),
  ('share', 'alue', '2025-01-01', '2025-12-31', '188/200'),
  ('share', 'kunta1', '2025-01-01', '2025-12-31', '90/100'),
  ('share', 'kunta2', '2025-01-01', '2025-12-31', '98/100'),
  ('share', 'yhdistys', '2025-01-01', '2025-12-31', '1/2'),
  ('wait', 'alue', '2025-01-01', '2025-12-31', '620/20 d'),
  ('wait', 'kunta1', '2025-01-01', '2025-12-31', '400/10 d'),
  ('wait', 'alue', '2024-01-01', '2024-12-31', '700/20 d');
-- care guarantee, counted by the month of the visit (count_by finished): January 5 visits
-- (4 within 14 days), February 3 and March 1 (hidden: fewer than 5)
INSERT INTO cases (indicator_code, organization_code, started, finished) VALUES
  ('care', 'kunta1', '2025-01-02', '2025-01-05'), ('care', 'kunta1', '2025-01-03', '2025-01-10'),
  ('care', 'kunta1', '2025-01-04', '2025-01-18'), ('care', 'kunta1', '2025-01-05', '2025-01-30'),
  ('care', 'kunta2', '2025-01-06', '2025-01-07'), ('care', 'kunta2', '2025-01-07', '2025-02-28'),
  ('care', 'kunta1', '2025-02-02', '2025-02-05'), ('care', 'kunta1', '2025-02-03', '2025-02-04'),
  ('care', 'kunta2', '2025-02-04', '2025-03-30'),
-- child welfare: 5 matters in Q1 (one still open, long past due), 2 in Q2
  ('cw', 'kunta1', '2025-01-07', '2025-01-09'), ('cw', 'kunta1', '2025-01-08', '2025-01-20'),
  ('cw', 'kunta2', '2025-02-03', '2025-02-04'), ('cw', 'kunta2', '2025-02-10', '2025-02-12'),
  ('cw', 'kunta2', '2025-03-03', NULL),
  ('cw', 'kunta1', '2025-04-01', '2025-04-02'), ('cw', 'kunta1', '2025-05-05', '2025-05-06');
-- feedback: Q1 6 parents (NPS [10,10,9,8,6,3] = 20), 5 staff of whom 4 answered NPS (NPS
-- hidden, statements shown), Q2 3 parents (hidden); themes; one comment with markup
INSERT INTO feedback_responses (received_at, organization_code, service, response, comment, themes) VALUES
  ('2025-01-10 10:00+02', 'kunta1', 'neuvola <x>', '{"role":"parent","nps":10,"items":{"easy":5,"helped":5}}', NULL, '{odotusaika}'),
  ('2025-01-11 10:00+02', 'kunta1', 'neuvola <x>', '{"role":"parent","nps":10,"items":{"easy":4,"helped":5}}', NULL, '{odotusaika}'),
  ('2025-01-12 10:00+02', 'kunta1', 'neuvola <x>', '{"role":"parent","nps":9,"items":{"easy":4,"helped":3}}', NULL, '{odotusaika,"<tiedonkulku>"}'),
  ('2025-02-12 10:00+02', 'kunta2', 'neuvola <x>', '{"role":"parent","nps":8,"items":{"easy":3,"helped":4}}', NULL, '{}'),
  ('2025-02-13 10:00+02', 'kunta2', 'neuvola <x>', '{"role":"parent","nps":6,"items":{"easy":2,"helped":4}}', '<script>alert(1)</script>', '{}'),
  ('2025-03-14 10:00+02', 'kunta2', 'neuvola <x>', '{"role":"parent","nps":3,"items":{"easy":1}}', NULL, '{odotusaika}'),
  ('2025-01-15 10:00+02', 'kunta1', 'neuvola <x>', '{"role":"staff","nps":9,"items":{"easy":5,"helped":5}}', NULL, '{}'),
  ('2025-01-16 10:00+02', 'kunta1', 'neuvola <x>', '{"role":"staff","nps":9,"items":{"easy":5,"helped":4}}', NULL, '{}'),
  ('2025-01-17 10:00+02', 'kunta1', 'neuvola <x>', '{"role":"staff","nps":7,"items":{"easy":4,"helped":4}}', NULL, '{}'),
  ('2025-01-18 10:00+02', 'kunta1', 'neuvola <x>', '{"role":"staff","nps":2,"items":{"easy":2,"helped":2}}', NULL, '{}'),
  ('2025-01-19 10:00+02', 'kunta1', 'neuvola <x>', '{"role":"staff","items":{"easy":4,"helped":4}}', NULL, '{}'),
  ('2025-04-10 10:00+03', 'kunta1', 'neuvola <x>', '{"role":"parent","nps":10}', NULL, '{odotusaika}'),
  ('2025-04-11 10:00+03', 'kunta1', 'neuvola <x>', '{"role":"parent","nps":0}', NULL, '{}'),
  ('2025-04-12 10:00+03', 'kunta1', 'neuvola <x>', '{"role":"parent","nps":10}', NULL, '{}');

-- Bad arguments: class-22 errors that quote the input, with a DETAIL.
CREATE FUNCTION pg_temp.try(call text, OUT state text, OUT message text, OUT detail text) LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'SELECT length(' || call || ')';
    state := '00000';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
END $$;
SELECT c AS call, (pg_temp.try(c)).*
FROM unnest(ARRAY[
  $$follow_up_report('alue', '2025-01-01', '2025-12-31', 'de')$$,
  $$follow_up_report('alue', '2025-01-01', '2025-12-31', 'FI')$$,
  $$follow_up_report('alue', '2025-01-01', '2025-12-31', 'fi', 'pdf')$$,
  $$follow_up_report('alue', '2025-01-01', '2025-12-31', NULL)$$,
  $$follow_up_report('alue', '2025-01-01', '2025-12-31', 'fi', NULL)$$,
  $$follow_up_report(NULL, '2025-01-01', '2025-12-31')$$,
  $$follow_up_report('alue', NULL, '2025-12-31')$$,
  $$follow_up_report('alue', '2025-01-01', NULL)$$,
  $$follow_up_report('alue', '2025-12-31', '2025-01-01')$$,
  $$follow_up_report('alue', '-infinity', '2025-01-01')$$,
  $$follow_up_report('alue', '2025-01-01', 'infinity')$$,
  $$follow_up_report('nobody <x>', '2025-01-01', '2025-12-31')$$,
  $$follow_up_report('alue', '2025-01-01', '2025-01-01', 'sv', 'markdown')$$]) AS c;

-- The HTML document: self-contained, every text from the data escaped.
SELECT follow_up_report('alue', '2025-01-01', '2025-12-31') AS doc \gset
SELECT left(:'doc', 15) AS starts_with,
       right(:'doc', 15) AS ends_with,
       :'doc' !~* '<script' AS no_script_element,
       :'doc' !~* '(src|href)\s*=|url\(|@import|<link|<iframe|<object|<embed|<img' AS no_external_reference,
       :'doc' !~* '\son[a-z]+\s*=' AS no_event_handler,
       (SELECT count(*) FROM regexp_matches(:'doc', '<svg ', 'g')) AS charts,
       strpos(:'doc', 'Alue &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;') > 0 AS name_escaped,
       strpos(:'doc', 'Osuus &lt;i&gt;x&lt;/i&gt;') > 0 AS indicator_name_escaped,
       strpos(:'doc', 'neuvola &lt;x&gt;') > 0 AS service_escaped,
       strpos(:'doc', '&lt;tiedonkulku&gt;') > 0 AS theme_escaped,
       strpos(:'doc', '<b>1</b>') = 0 AS no_markup_from_data;
-- every tag is one the report writes (nothing from the data became a tag)
SELECT string_agg(DISTINCT lower(m[1]), ' ' ORDER BY lower(m[1])) AS tags
FROM regexp_matches(:'doc', '<([A-Za-z][A-Za-z0-9]*)', 'g') AS m;

-- Every figure equals its view's, and suppressed figures are NULL in the view.
\set ECHO none
\i test/regress/report_check.sql
\set ECHO all
SELECT * FROM pg_temp.report_compare('rpt', :'doc');
SELECT * FROM pg_temp.report_mismatches('rpt', :'doc');
-- the suppressed cells: February's and March's care-guarantee figures (3 and 1 visits),
-- child welfare's Q2 (2 matters), Q2's parents (3
-- responses), Q1's staff NPS (4 answers of 5 responses), and yhdistys is no municipality
-- of alue's but lies below it: its missed target is listed
SELECT f.a->>'view' AS view_name, f.a->>'period-start' AS period_start, f.a->>'role' AS role, f.a->>'column' AS col, f.shown
FROM pg_temp.report_figures(:'doc') f WHERE f.a ? 'suppressed' ORDER BY 1, 2, 3, 4;
SELECT f.a->>'organization' AS organization, f.a->>'column' AS col, f.a->>'value' AS value, f.shown
FROM pg_temp.report_figures(:'doc') f
WHERE f.a->>'view' = 'indicator_status' AND f.tag = 'span' ORDER BY 1;
-- the views agree: these rows are suppressed there
SELECT period_start, cases, on_time, rate, suppressed FROM access_summary
WHERE indicator_code = 'care' AND organization_code = 'alue' AND includes_sub_organizations AND period_kind = 'month'
ORDER BY period_start;
SELECT period_start, role, responses, nps_answers, nps, easy_agree_share, suppressed FROM feedback_summary
WHERE organization_code = 'alue' AND includes_sub_organizations ORDER BY period_start, role;

-- The Markdown document in full (the time it was made, and the day open cases are judged
-- on, masked).
SELECT follow_up_report('alue', '2025-01-01', '2025-12-31', 'fi', 'markdown') AS markdown \gset
-- nothing from the data can open a tag or an entity in the Markdown either
SELECT :'markdown' !~ '(^|[^\\])[<&][A-Za-z/#!?]' AS markdown_escaped;
SELECT regexp_replace(:'markdown', '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}|päivänä [0-9-]+', '<masked>', 'g') AS markdown \gset
\echo :markdown

-- Swedish and English: the headings and the labels change, the figures do not.
SELECT lang,
       (SELECT string_agg(m[1], ' | ') FROM regexp_matches(follow_up_report('alue', '2025-01-01', '2025-12-31', lang, 'markdown'),
                                                          E'\n## ([^\n]*)', 'g') AS m) AS sections,
       (SELECT count(*) FROM pg_temp.report_mismatches('rpt', follow_up_report('alue', '2025-01-01', '2025-12-31', lang))) AS mismatches,
       (SELECT count(*) FROM pg_temp.report_figures(follow_up_report('alue', '2025-01-01', '2025-12-31', lang))) AS figures
FROM unnest(ARRAY['fi', 'sv', 'en']) AS lang;
-- a document with nothing in it: a period without data
SELECT regexp_replace(follow_up_report('kunta2', '2019-01-01', '2019-03-31', 'en', 'markdown'),
                      '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}', '<masked>', 'g') AS empty_report \gset
\echo :empty_report
-- the session's settings do not change the document (the time it was made aside)
SELECT md5(regexp_replace(follow_up_report('alue', '2025-01-01', '2025-12-31', 'en'), 'Generated [^<]*', '')) AS before_settings \gset
SET extra_float_digits = 0;
SET datestyle = 'SQL, DMY';
SET intervalstyle = 'sql_standard';
SET pekefb.language = 'sv';
SET timezone = 'Pacific/Kiritimati';
SELECT md5(regexp_replace(follow_up_report('alue', '2025-01-01', '2025-12-31', 'en'), 'Generated [^<]*', '')) = :'before_settings'
       AS same_document;
RESET extra_float_digits;
SET datestyle = 'ISO, YMD';
RESET intervalstyle;
RESET pekefb.language;
SET timezone = 'UTC';

-- SECURITY INVOKER: the reader's rights apply.  A reader that row-level security lets see
-- kunta1 only gets kunta1's report and no other organisation's.
SELECT p.proname, p.prosecdef FROM pg_proc p
WHERE p.pronamespace = 'rpt'::regnamespace AND (p.proname = 'follow_up_report' OR p.proname LIKE '\_report\_%') AND p.prosecdef;
CREATE ROLE regress_report_reader;
GRANT USAGE ON SCHEMA rpt TO regress_report_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA rpt TO regress_report_reader;
-- (the network, issue 10, puts organizations under row-level security, public to members:
-- a restrictive policy narrows what this reader sees)
CREATE POLICY reader_sees_kunta1 ON organizations AS RESTRICTIVE FOR SELECT TO regress_report_reader USING (code = 'kunta1');
SET ROLE regress_report_reader;
SELECT follow_up_report('alue', '2025-01-01', '2025-12-31');
SELECT length(follow_up_report('kunta1', '2025-01-01', '2025-12-31')) > 1000 AS kunta1_report;
RESET ROLE;
DROP POLICY reader_sees_kunta1 ON organizations;
REVOKE ALL ON ALL TABLES IN SCHEMA rpt FROM regress_report_reader;
REVOKE USAGE ON SCHEMA rpt FROM regress_report_reader;
DROP ROLE regress_report_reader;

RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA rpt CASCADE;
RESET client_min_messages;
