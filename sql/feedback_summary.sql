-- feedback_summary, feedback_item_summary, feedback_theme_summary: grouping by
-- organisation (own responses, and with its sub-organisations), service, calendar quarter
-- (the region's time zone, whatever the session's) and role; small-group suppression with
-- the region's min_group_size; organisation names in pekefb.language
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SELECT pekefb.create_region('region', 'soite', 'Keski-Pohjanmaan hyvinvointialue (Soite)',
                            'Mellersta Österbottens välfärdsområde (Soite)');
SET search_path = region, pekefb, public;
SET timezone = 'Europe/Helsinki';
SET datestyle = 'ISO, YMD';
\i test/sample/organizations.sql

-- kokkola neuvola, parents, Q1 2025: 5 responses (shown); children: 4 responses (hidden).
-- NPS parents: [10,9,9,6,8] -> 3 promoters, 1 detractor of 5 -> 40.
-- easy (parents): 5,4,3,null,2 -> 4 answers (too few: hidden), mean would be 3.5.
-- helped (parents): 5,5,4,3,1 -> 5 answers, mean 3.6, agree 3/5 = 0.6.
INSERT INTO feedback_responses (received_at, organization_code, service, response, themes) VALUES
  ('2025-01-01 00:00+02', 'kokkola', 'neuvola', '{"role":"parent","nps":10,"items":{"easy":5,"helped":5}}', '{odotusaika}'),
  ('2025-02-10 12:00+02', 'kokkola', 'neuvola', '{"role":"parent","nps":9,"items":{"easy":4,"helped":5}}', '{odotusaika,ystävällisyys}'),
  ('2025-03-01 12:00+02', 'kokkola', 'neuvola', '{"role":"parent","nps":9,"items":{"easy":3,"helped":4}}', '{}'),
  ('2025-03-15 12:00+02', 'kokkola', 'neuvola', '{"role":"parent","nps":6,"items":{"easy":null,"helped":3}}', '{}'),
  ('2025-03-31 23:59:59+03', 'kokkola', 'neuvola', '{"role":"parent","nps":8,"items":{"easy":2,"helped":1}}', '{aukioloajat}'),
  ('2025-01-20 12:00+02', 'kokkola', 'neuvola', '{"role":"child","nps":10}', '{}'),
  ('2025-01-21 12:00+02', 'kokkola', 'neuvola', '{"role":"child","nps":10}', '{}'),
  ('2025-01-22 12:00+02', 'kokkola', 'neuvola', '{"role":"child","nps":2}', '{}'),
  ('2025-01-23 12:00+02', 'kokkola', 'neuvola', '{"role":"child","nps":9}', '{}'),
  -- quarter boundaries: 2025-04-01 00:00 Helsinki time is Q2; 2024-12-31 23:59 is Q4 2024
  ('2025-04-01 00:00+03', 'kokkola', 'neuvola', '{"role":"parent","nps":10}', '{}'),
  ('2024-12-31 23:59+02', 'kokkola', 'neuvola', '{"role":"parent","nps":0}', '{}'),
  -- a Swedish-speaking parish
  ('2025-02-01 10:00+02', 'karleby-fs', 'perhekeskuksen kohtaamispaikka', '{"role":"parent","nps":10,"lang":"sv"}', '{}');

SELECT organization_code, organization_name, service, period_start, period_end, role, responses,
       nps_answers, nps, helped_mean, helped_agree_share, easy_mean, suppressed
FROM feedback_summary WHERE NOT includes_sub_organizations ORDER BY organization_code, period_start, role;
-- With the sub-organisations: kokkola's row adds its parishes' (karleby-fs, another
-- service), the wellbeing area's is the whole region; own rows partition the responses.
SELECT organization_code, service, period_start, role, responses, nps, suppressed
FROM feedback_summary WHERE includes_sub_organizations ORDER BY organization_code, service, period_start, role;
SELECT sum(responses) FILTER (WHERE NOT includes_sub_organizations) AS responses_once,
       (SELECT count(*) FROM feedback_responses) AS in_table
FROM feedback_summary;

-- the same groups with min_group_size = 4: the children are shown (NPS [10,10,2,9] -> 50)
-- and so is easy for the parents (4 answers, mean 14/4 = 3.5, agree 2/4 = 0.5)
UPDATE settings SET min_group_size = 4;
SELECT organization_code, period_start, role, responses, nps, easy_mean, easy_agree_share, suppressed
FROM feedback_summary WHERE organization_code = 'kokkola' AND period_start = '2025-01-01'
  AND NOT includes_sub_organizations ORDER BY role;
-- and with 1 every group is shown
UPDATE settings SET min_group_size = 1;
SELECT organization_code, period_start, role, responses, nps, suppressed
FROM feedback_summary WHERE NOT includes_sub_organizations ORDER BY organization_code, period_start, role;
-- a reader's session setting does not lower the region's threshold
UPDATE settings SET min_group_size = 5;
SET pekefb.min_group_size = 1;
SELECT count(*) FILTER (WHERE suppressed) AS suppressed_groups FROM feedback_summary;
RESET pekefb.min_group_size;

-- the quarter is that of the region's time zone: a session in UTC (as a JDBC client's
-- often is) sees the same quarters ...
SET timezone = 'UTC';
SELECT period_start, period_end, role, responses
FROM feedback_summary WHERE organization_code = 'kokkola' AND NOT includes_sub_organizations ORDER BY period_start, role;
SET timezone = 'Europe/Helsinki';
-- ... while a region in UTC buckets by UTC: the 2025-01-01 00:00+02 response (2024-12-31
-- 22:00 UTC) moves to Q4 2024 and 2025-04-01 00:00+03 (2025-03-31 21:00 UTC) to Q1 2025
UPDATE settings SET time_zone = 'UTC';
SELECT period_start, period_end, role, responses
FROM feedback_summary WHERE organization_code = 'kokkola' AND NOT includes_sub_organizations ORDER BY period_start, role;
UPDATE settings SET time_zone = 'Europe/Helsinki';
-- every feedback view gives the same rows in sessions in three time zones and DateStyles
CREATE TEMP TABLE rows_s AS SELECT * FROM feedback_summary;
CREATE TEMP TABLE rows_i AS SELECT * FROM feedback_item_summary;
CREATE TEMP TABLE rows_t AS SELECT * FROM feedback_theme_summary;
SET timezone = 'America/New_York';
SET datestyle = 'German';
SELECT (SELECT count(*) FROM (SELECT * FROM feedback_summary EXCEPT ALL SELECT * FROM rows_s) x) AS summary_differing,
       (SELECT count(*) FROM (SELECT * FROM feedback_item_summary EXCEPT ALL SELECT * FROM rows_i) x) AS item_differing,
       (SELECT count(*) FROM (SELECT * FROM feedback_theme_summary EXCEPT ALL SELECT * FROM rows_t) x) AS theme_differing,
       (SELECT count(*) FROM rows_s) + (SELECT count(*) FROM rows_i) + (SELECT count(*) FROM rows_t) AS rows_compared;
SET timezone = 'UTC';
SELECT (SELECT count(*) FROM (SELECT * FROM feedback_summary EXCEPT ALL SELECT * FROM rows_s) x) AS summary_differing,
       (SELECT count(*) FROM (SELECT * FROM feedback_item_summary EXCEPT ALL SELECT * FROM rows_i) x) AS item_differing,
       (SELECT count(*) FROM (SELECT * FROM feedback_theme_summary EXCEPT ALL SELECT * FROM rows_t) x) AS theme_differing;
SET timezone = 'Europe/Helsinki';
SET datestyle = 'ISO, YMD';

-- per statement: answers exclude "don't know"; suppression by answers
SELECT organization_code, period_start, role, item, answers, dont_know, mean, agree_share, suppressed
FROM feedback_item_summary WHERE NOT includes_sub_organizations ORDER BY organization_code, period_start, role, item;

-- themes per organisation and quarter (group = the organisation's responses in the quarter:
-- kokkola Q1 2025 has 9)
SELECT organization_code, period_start, theme, responses, mentions, share, suppressed
FROM feedback_theme_summary WHERE NOT includes_sub_organizations ORDER BY organization_code, period_start, theme;

-- organisation names follow pekefb.language (sv: Swedish name, en: the Finnish name)
SET pekefb.language = 'sv';
SELECT DISTINCT organization_code, organization_name FROM feedback_summary WHERE NOT includes_sub_organizations ORDER BY 1;
SET pekefb.language = 'en';
SELECT DISTINCT organization_code, organization_name FROM feedback_summary WHERE NOT includes_sub_organizations ORDER BY 1;
RESET pekefb.language;

-- views expose only standard types
SELECT table_name, string_agg(DISTINCT data_type, ', ' ORDER BY data_type) AS column_types
FROM information_schema.columns
WHERE table_schema = 'region' AND table_name IN ('feedback_summary', 'feedback_item_summary', 'feedback_theme_summary')
GROUP BY 1 ORDER BY 1;

-- clean up for the files that follow
RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA region CASCADE;
RESET client_min_messages;
