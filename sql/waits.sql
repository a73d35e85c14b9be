-- waits: exact distribution of waits in whole days; wait_agg / rollup / accessors
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

------------------------------------------------------------------ text form
-- canonical form: ascending days, no spaces; "{}" is the empty distribution
SELECT '{0:12,1:40,3:7}'::waits;
SELECT ' { 0 : 12 , 1:40 ,3 :7 } '::waits AS spaces_allowed;
SELECT '{}'::waits AS empty, ' {  } '::waits AS empty_with_spaces;
SELECT '{2147483647:9223372036854775807}'::waits AS extremes;
-- output reads back to the identical value
SELECT '{0:12,1:40,3:7}'::waits::text::waits = '{0:12,1:40,3:7}'::waits AS round_trip;
SELECT w::text::waits = w AS round_trip_agg
  FROM (SELECT wait_agg((g * 7919) % 211) AS w FROM generate_series(1, 5000) g) s;
-- binary send/recv round trip
SELECT waits_recv_ok FROM (
  SELECT waits_send('{0:12,1:40,3:7}') = waits_send(wait_agg(x)) AS waits_recv_ok
    FROM unnest(array_cat(array_cat(array_fill(0, ARRAY[12]), array_fill(1, ARRAY[40])), array_fill(3, ARRAY[7]))) x) s;
SELECT encode(waits_send('{0:12,3:7}'), 'hex') AS binary_form;
-- = and <>: same days with the same counts
SELECT '{1:1}'::waits = '{1:1}'::waits AS eq, '{1:1}'::waits = '{1:2}'::waits AS eq_count,
       '{1:1}'::waits <> '{2:1}'::waits AS ne, '{}'::waits = '{}'::waits AS empty_eq;

------------------------------------------------------------------ bad input
-- unparsable text: 22P02, input quoted, DETAIL says what was expected
SELECT ''::waits;
SELECT '0:12'::waits;
SELECT '{'::waits;
SELECT '{0:12'::waits;
SELECT '{0:12,}'::waits;
SELECT '{,}'::waits;
SELECT '{0}'::waits;
SELECT '{0:}'::waits;
SELECT '{:5}'::waits;
SELECT '{0:1;1:2}'::waits;
SELECT '{0:1 1:2}'::waits;
SELECT '{a:1}'::waits;
SELECT '{1.5:2}'::waits;
SELECT '{0:1} x'::waits;
SELECT '[0:1]'::waits;
-- days strictly ascending, each once: 22023 (well-formed, but not a distribution)
SELECT '{3:1,1:2}'::waits;
SELECT '{1:1,1:2}'::waits;
-- out of range: 22003
SELECT '{-1:5}'::waits;
SELECT '{0:0}'::waits;
SELECT '{0:-3}'::waits;
SELECT '{2147483648:1}'::waits;
SELECT '{0:9223372036854775808}'::waits;
SELECT '{0:9223372036854775807,1:1}'::waits;
-- SQLSTATEs of a few of the above
\set VERBOSITY sqlstate
SELECT '{0:12,}'::waits;
SELECT '{3:1,1:2}'::waits;
SELECT '{-1:5}'::waits;
SELECT '{0:0}'::waits;
\set VERBOSITY default

------------------------------------------------------------------ wait_agg
CREATE TEMP TABLE w (id serial, month date, wait integer);
-- hand-checked set: waits 0,0,1,3,3,3,8,15,15,100 and a NULL (ignored)
INSERT INTO w (month, wait) VALUES
  ('2025-01-01', 0), ('2025-01-01', 0), ('2025-01-01', 1), ('2025-01-01', 3),
  ('2025-01-01', 3), ('2025-02-01', 3), ('2025-02-01', 8), ('2025-02-01', 15),
  ('2025-02-01', 15), ('2025-02-01', 100), ('2025-02-01', NULL);
SELECT wait_agg(wait) FROM w;
-- NULLs ignored; no rows or only NULLs -> NULL
SELECT wait_agg(wait) IS NULL AS no_rows FROM w WHERE false;
SELECT wait_agg(NULL::integer) IS NULL AS only_nulls FROM generate_series(1, 3);
-- per group
SELECT month, wait_agg(wait) FROM w GROUP BY month ORDER BY month;
-- negative waits are refused, quoting the value
SELECT wait_agg(x) FROM (VALUES (1), (-4)) v(x);
-- called directly the transition function does not modify its input
SELECT waits_agg_trans('{1:1}', 1) AS direct_call, waits_merge('{1:1}', '{1:1,2:1}') AS merge_direct,
       waits_subtract('{1:2,2:1}', '{1:1,2:1}') AS subtract_direct,
       waits_subtract('{1:1}', '{2:1}') IS NULL AS subtract_not_contained;

------------------------------------------------------------------ accessors
-- on {0:2,1:1,3:3,8:1,15:2,100:1} (10 waits, sum 0+0+1+9+8+30+100 = 148)
SELECT wait_count(s), wait_mean(s), wait_min(s), wait_max(s),
       share_within(s, 0) AS within_0,     -- 2/10
       share_within(s, 3) AS within_3,     -- 6/10
       share_within(s, 14) AS within_14,   -- 7/10
       share_within(s, 100) AS within_100, -- 10/10
       share_within(s, -1) AS within_neg   -- 0
  FROM (SELECT wait_agg(wait) AS s FROM w) q;
-- percentile_disc rule: row ceil(p * 10) of the sorted waits (row 1 for p = 0)
SELECT p, wait_percentile(s, p) FROM (SELECT wait_agg(wait) AS s FROM w) q,
       unnest(ARRAY[0, 0.1, 0.2, 0.25, 0.5, 0.6, 0.61, 0.7, 0.9, 0.95, 1]::float8[]) p;
SELECT wait_percentile(s, ARRAY[0.5, 0.9]) AS arr,
       wait_percentile(s, ARRAY[[0.1, NULL], [0.9, 1]]::float8[]) AS arr_2d_null,
       wait_percentile(s, '{}'::float8[]) AS arr_empty,
       wait_percentile(s, NULL::float8) IS NULL AS null_p
  FROM (SELECT wait_agg(wait) AS s FROM w) q;
-- the same as percentile_disc, array form included
SELECT percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY wait) AS percentile_disc_arr FROM w;
-- p outside [0, 1]: the same error as percentile_disc
SELECT wait_percentile('{1:1}', 1.5);
SELECT percentile_disc(1.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1)) v(x);
SELECT wait_percentile('{1:1}', -0.1);
SELECT wait_percentile('{1:1}', 'NaN'::float8);
SELECT wait_percentile('{1:1}', ARRAY[0.5, 2]);
\set VERBOSITY sqlstate
SELECT wait_percentile('{1:1}', 1.5);
\set VERBOSITY default
-- empty distribution: count 0, everything else NULL
SELECT wait_count('{}'), wait_mean('{}') IS NULL AS mean, wait_min('{}') IS NULL AS min,
       wait_max('{}') IS NULL AS max, share_within('{}', 7) IS NULL AS share,
       wait_percentile('{}', 0.5) IS NULL AS pct, wait_percentile('{}', ARRAY[0.5]) IS NULL AS pcts;
-- NULL state -> NULL (strict accessors)
SELECT wait_count(NULL) IS NULL AS null_count, wait_percentile(NULL, 0.5) IS NULL AS null_pct;

------------------------------------------------------------------ wait_percentile = percentile_disc
-- on many sets (skewed, dense, sparse, single value, all equal, two values) and many p
CREATE TEMP TABLE sets (name text, wait integer);
INSERT INTO sets SELECT 'skewed', ((g * 7919) % 97) * ((g * 104729) % 97) / 47 FROM generate_series(1, 3001) g;
INSERT INTO sets SELECT 'sparse', (g * 31337) % 1000003 FROM generate_series(1, 257) g;
INSERT INTO sets SELECT 'dense', g % 30 FROM generate_series(1, 1000) g;
INSERT INTO sets VALUES ('single', 14);
INSERT INTO sets SELECT 'all equal', 5 FROM generate_series(1, 10);
INSERT INTO sets VALUES ('two values', 1), ('two values', 90);
INSERT INTO sets VALUES ('two equal halves', 1), ('two equal halves', 1), ('two equal halves', 90), ('two equal halves', 90);
SELECT a.name, count(*) AS p_values_compared,
       count(*) FILTER (WHERE wait_percentile(a.st, p.p) = d.pd) AS equal
  FROM (SELECT name, wait_agg(wait) AS st FROM sets GROUP BY name) a
  CROSS JOIN LATERAL (SELECT k / 1000.0::float8 AS p FROM generate_series(0, 1000) k
                      UNION ALL SELECT 0.999::float8) p
  CROSS JOIN LATERAL (SELECT percentile_disc(p.p) WITHIN GROUP (ORDER BY wait) AS pd
                        FROM sets x WHERE x.name = a.name) d
 GROUP BY a.name ORDER BY a.name;
-- the named p values of the spec, side by side
SELECT a.name, p, wait_percentile(a.st, p) AS wait_percentile,
       (SELECT percentile_disc(p) WITHIN GROUP (ORDER BY wait) FROM sets x WHERE x.name = a.name) AS percentile_disc
  FROM (SELECT name, wait_agg(wait) AS st FROM sets GROUP BY name) a,
       unnest(ARRAY[0, 0.1, 0.5, 0.9, 0.999, 1]::float8[]) p
 WHERE a.name IN ('single', 'all equal', 'two values')
 ORDER BY a.name, p;
-- mean and share against plain SQL
SELECT a.name, wait_count(a.st) = count(*) AS count_ok,
       abs(wait_mean(a.st) - avg(s.wait)::float8) < 1e-9 AS mean_ok,
       share_within(a.st, 14) = avg((s.wait <= 14)::int)::float8 AS share_ok,
       wait_min(a.st) = min(s.wait) AND wait_max(a.st) = max(s.wait) AS min_max_ok
  FROM (SELECT name, wait_agg(wait) AS st FROM sets GROUP BY name) a JOIN sets s USING (name)
 GROUP BY a.name, a.st ORDER BY a.name;

------------------------------------------------------------------ buckets
-- default bounds: 0 | 1–7 | 8–14 | 15–28 | 29–90 | > 90, empty buckets listed with 0
SELECT * FROM wait_buckets('{0:2,1:1,3:3,8:1,15:2,100:1}');
-- custom bounds: ascending inclusive upper limits, last bucket open
SELECT * FROM wait_buckets('{0:2,1:1,3:3,8:1,15:2,100:1}', '{3,14}');
SELECT * FROM wait_buckets('{0:2,1:1,3:3,8:1,15:2,100:1}', '{100}');
-- empty distribution: zero waits, share NULL
SELECT * FROM wait_buckets('{}');
-- buckets sum to wait_count, shares to 1
SELECT sum(b.waits) = wait_count(a.st) AS sum_ok, round(sum(b.share)::numeric, 12) AS share_sum
  FROM (SELECT wait_agg(wait) AS st FROM sets) a, wait_buckets(a.st) b GROUP BY a.st;
-- bad bounds: 22023 with DETAIL
SELECT * FROM wait_buckets('{1:1}', '{7,0}');
SELECT * FROM wait_buckets('{1:1}', '{0,7,7}');
SELECT * FROM wait_buckets('{1:1}', '{-1,7}');
SELECT * FROM wait_buckets('{1:1}', '{}');
SELECT * FROM wait_buckets('{1:1}', '{0,NULL,7}');
SELECT * FROM wait_buckets('{1:1}', '{{0,7},{14,28}}');
SELECT * FROM wait_buckets('{1:1}', '{2147483647}');
\set VERBOSITY sqlstate
SELECT * FROM wait_buckets('{1:1}', '{7,0}');
\set VERBOSITY default

------------------------------------------------------------------ rollup
-- rollup of states = wait_agg over all rows; rollup ignores NULL states
SELECT rollup(s) = (SELECT wait_agg(wait) FROM w) AS rollup_equals_direct, rollup(s)
  FROM (SELECT wait_agg(wait) AS s FROM w GROUP BY month UNION ALL SELECT NULL) q;
SELECT rollup(s) IS NULL AS rollup_no_rows FROM (SELECT '{}'::waits AS s) q WHERE false;
SELECT rollup(s) AS rollup_of_empties FROM (VALUES ('{}'::waits), ('{}')) v(s);
-- a year of monthly states rolled up is exactly the year computed directly
-- (cases over two years, 2024 and 2025; monthly states materialised in a table)
CREATE TEMP TABLE cases AS
  SELECT date '2024-01-01' + (g % 731) AS started, ((g * 7919) % 101) * ((g * 613) % 37) / 20 AS wait
    FROM generate_series(1, 100000) g;
CREATE TEMP TABLE monthly AS
  SELECT date_trunc('month', started)::date AS month, wait_agg(wait) AS st FROM cases GROUP BY 1;
SELECT y.year, y.months, y.waits,
       y.st = (SELECT wait_agg(wait) FROM cases WHERE extract(year FROM started) = y.year) AS year_equal
  FROM (SELECT extract(year FROM month) AS year, count(*) AS months, sum(wait_count(st)) AS waits,
               rollup(st) AS st
          FROM monthly GROUP BY 1) y
 ORDER BY y.year;
-- stored states survive a text round trip through a table
CREATE TEMP TABLE monthly_text AS SELECT month, st::text AS st_text FROM monthly;
SELECT bool_and(m.st = t.st_text::waits) AS stored_text_equal
  FROM monthly m JOIN monthly_text t USING (month);

------------------------------------------------------------------ window use
-- rolling 12 months of monthly states (from month 13 on, each step adds one month and
-- takes the oldest out with the inverse transition) equals the 12 months computed
-- directly from the rows
SELECT month, wait_count(r) AS waits_12m, wait_percentile(r, 0.5) AS median_12m,
       r = (SELECT wait_agg(wait) FROM cases c
             WHERE c.started >= (m.month - interval '11 months') AND c.started < m.month + interval '1 month') AS equals_direct
  FROM (SELECT month, rollup(st) OVER (ORDER BY month ROWS 11 PRECEDING) AS r FROM monthly) m
 ORDER BY month;
-- rolling 3 months (frame shrinks and grows: inverse transition used)
SELECT month, rollup(st) OVER (ORDER BY month ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)
         = (SELECT rollup(st) FROM monthly m2 WHERE m2.month BETWEEN m.month - interval '1 month' AND m.month + interval '1 month') AS three_month_ok
  FROM monthly m ORDER BY month LIMIT 4;
-- wait_agg over a ROWS frame (rows enter and leave; NULLs in the frame are ignored)
SELECT id, wait, wait_agg(wait) OVER (ORDER BY id ROWS 2 PRECEDING) FROM w ORDER BY id;
-- a frame whose waits all left gives NULL, like no rows
SELECT x, wait_agg(y) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
  FROM (VALUES (1, 5), (2, NULL), (3, NULL), (4, 7)) v(x, y) ORDER BY x;
-- moving window agrees with recomputing every frame on many rows
SELECT bool_and(r = d) AS moving_equals_recomputed FROM (
  SELECT wait_agg(wait) OVER (ORDER BY started, wait ROWS 500 PRECEDING) AS r,
         array_agg(wait) OVER (ORDER BY started, wait ROWS 500 PRECEDING) AS arr
    FROM (SELECT * FROM cases ORDER BY started, wait LIMIT 3000) c) q,
  LATERAL (SELECT wait_agg(x) AS d FROM unnest(q.arr) x) z;

------------------------------------------------------------------ size
-- the state's size depends on distinct waits, not rows: 1M rows, 200 distinct values
SELECT wait_count(s) AS waits, pg_column_size(s) AS bytes, pg_column_size(s) < 4096 AS small
  FROM (SELECT wait_agg(g % 200) AS s FROM generate_series(1, 1000000) g) q;
-- 24 bytes header (with the total) + 12 bytes per distinct day
SELECT pg_column_size('{}'::waits) AS empty_bytes, pg_column_size('{0:1,5:2}'::waits) AS two_days_bytes;

DROP TABLE w, sets, cases, monthly, monthly_text;
