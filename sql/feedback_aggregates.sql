-- feedback_aggregates: nps(feedback), nps(integer), item_mean and agree_share: the worked
-- examples of domain.md 6.5, NULLs and "don't know", empty input, window use
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

-- NPS = % promoters (9-10) - % detractors (0-6), unrounded (domain.md 6.5).
-- [10,10,9,9,9,8,7,6,3,0]: 5 promoters (50 %), 2 passives, 3 detractors (30 %) -> 20
SELECT nps(x) FROM unnest(ARRAY[10,10,9,9,9,8,7,6,3,0]) x;
-- all 9-10 -> 100; all 0-6 -> -100; only passives [7,8] -> 0
SELECT nps(x) FROM unnest(ARRAY[9,10,10,9]) x;
SELECT nps(x) FROM unnest(ARRAY[0,1,2,3,4,5,6]) x;
SELECT nps(x) FROM unnest(ARRAY[7,8]) x;
-- unrounded: 1 promoter, 1 detractor, 1 passive of 3 -> 0; 2 promoters of 3 -> 66.666...
SELECT nps(x) FROM unnest(ARRAY[9,6,7]) x;
SELECT nps(x) FROM unnest(ARRAY[9,10,7]) x;
-- NULLs are skipped; no answers at all -> NULL
SELECT nps(x) FROM unnest(ARRAY[10,NULL,0,NULL]::int[]) x;
SELECT nps(x) IS NULL AS empty_is_null FROM unnest(ARRAY[]::int[]) x;
SELECT nps(x) IS NULL AS all_null_is_null FROM unnest(ARRAY[NULL,NULL]::int[]) x;
-- nps(integer) accepts only 0-10
SELECT nps(x) FROM unnest(ARRAY[9,11]) x;
SELECT nps(x) FROM unnest(ARRAY[-1]) x;

-- nps(feedback) over the same answers agrees with nps(integer) and nps_score; responses
-- without an NPS answer (only statements) are skipped
CREATE TEMP TABLE r (id int, f feedback);
INSERT INTO r VALUES
  (1, '{"role":"parent","nps":10,"items":{"easy":5,"helped":4,"safe":null}}'),
  (2, '{"role":"parent","nps":10,"items":{"easy":4,"helped":2}}'),
  (3, '{"role":"parent","nps":9,"items":{"easy":3,"helped":null}}'),
  (4, '{"role":"child","nps":9,"items":{"easy":5}}'),
  (5, '{"role":"child","nps":9,"items":{"easy":2,"helped":5}}'),
  (6, '{"role":"child","nps":8,"items":{"easy":null}}'),
  (7, '{"role":"staff","nps":7,"items":{"easy":1}}'),
  (8, '{"role":"staff","nps":6}'),
  (9, '{"role":"client","nps":3,"items":{"easy":4,"helped":4}}'),
  (10, '{"role":"client","nps":0}'),
  (11, '{"role":"client","items":{"easy":5,"helped":1}}'),
  (12, NULL);
SELECT nps(f) AS nps_feedback, nps(nps_score(f)) AS nps_integer FROM r;
SELECT role(f) AS role, count(*) AS responses, nps(f), nps(nps_score(f)) AS nps_integer
FROM r WHERE f IS NOT NULL GROUP BY 1 ORDER BY 1;

-- item_mean: mean of the 1-5 scores of a statement; "don't know" (null), missing
-- statements and NULL rows are left out.
-- easy: 5,4,3,5,2,(dk),1,(missing),4,(missing),5 -> 29 / 8 answers = 3.625
-- helped: 4,2,(dk),(missing),5,(missing),(missing),(missing),4,(missing),1 -> 16 / 5 = 3.2
SELECT item_mean(f, 'easy') AS easy_mean, item_mean(f, 'helped') AS helped_mean,
       item_mean(f, 'safe') AS safe_only_dont_know, item_mean(f, 'nosuch') AS nosuch
FROM r;
-- agree_share: answers 4 or 5 / answers.  easy: 5,4,5,4,5 agree of 8 -> 0.625;
-- helped: 4,5,4 of 5 -> 0.6
SELECT agree_share(f, 'easy') AS easy_agree, agree_share(f, 'helped') AS helped_agree FROM r;
-- the same with plain SQL over item()
SELECT avg(item(f, 'easy'))::float8 AS easy_mean_sql,
       (count(*) FILTER (WHERE item(f, 'easy') >= 4))::float8 / count(item(f, 'easy')) AS easy_agree_sql
FROM r;
-- NULL code rows are skipped; an impossible code is an error
SELECT item_mean(f, NULL) IS NULL AS null_code FROM r;
SELECT item_mean(f, 'Easy') FROM r;
-- the code may vary per row: even ids easy (4,5), odd ids helped (4,5,4,1) -> 23 / 6
SELECT item_mean(f, CASE WHEN id % 2 = 0 THEN 'easy' ELSE 'helped' END) FROM r;
-- empty input -> NULL
SELECT nps(f) IS NULL AS nps_empty, item_mean(f, 'easy') IS NULL AS mean_empty,
       agree_share(f, 'easy') IS NULL AS agree_empty FROM r WHERE false;

-- Window use (moving aggregate with inverse transition): a 3-row moving NPS and mean,
-- checked against the same windows computed without the inverse (plain SQL)
SELECT id, nps_score(f) AS answer,
       nps(f) OVER w AS moving_nps,
       item_mean(f, 'easy') OVER w AS moving_easy_mean,
       agree_share(f, 'easy') OVER w AS moving_easy_agree,
       nps(nps_score(f)) OVER w AS moving_nps_integer
FROM r WINDOW w AS (ORDER BY id ROWS 2 PRECEDING)
ORDER BY id;
SELECT bool_and(a IS NOT DISTINCT FROM b) AS window_matches_plain_sql
FROM (SELECT nps(f) OVER w AS a,
             100.0 * (count(*) FILTER (WHERE nps_score(f) >= 9) OVER w - count(*) FILTER (WHERE nps_score(f) <= 6) OVER w)
               / nullif(count(nps_score(f)) OVER w, 0) AS b
      FROM r WINDOW w AS (ORDER BY id ROWS 2 PRECEDING)) x;

-- The transition state is a pekefb.tally whose text form round-trips: direct calls
SELECT feedback_nps_trans('(0,0,0)', '{"nps":9}') AS promoter,
       feedback_nps_trans('(0,0,0)', '{"nps":6}') AS detractor,
       feedback_nps_trans('(0,0,0)', '{"items":{"a":3}}') AS no_answer,
       feedback_item_mean_trans('(2,0,4)', '{"items":{"a":4}}', 'a') AS mean_state,  -- a = points above 1, n = 4 per answer
       feedback_agree_trans('(1,0,1)', '{"items":{"a":3}}', 'a') AS agree_state,
       feedback_nps_inv('(1,0,2)', '{"nps":10}') AS after_inverse;
SELECT tally_mean(feedback_item_mean_trans('(2,0,4)', '{"items":{"a":4}}', 'a')) AS "mean of 3 and 4";
DROP TABLE r;
