-- attainment: attained, attainment, target_attainment and sum(indicator) against targets
-- (src/indicator.c, src/target_core.c, doc/targets.md)
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

-- Soite's plan (seeds/002): service-need assessments done within 90 days, 698/788 (2019),
-- 810/896 (2020), 643/760 (2021), against the target >= 90%.  attainment = value/target:
-- 0.885787/0.9 = 0.984208, 0.904018/0.9 = 1.004464, 0.846053/0.9 = 0.940058.
SELECT y AS year, v::indicator AS value, round(value(v::indicator)::numeric, 6) AS share,
       attained(v::indicator, '>= 90%'),
       round(attainment(v::indicator, '>= 90%')::numeric, 6) AS attainment
FROM (VALUES (2019, '698/788'), (2020, '810/896'), (2021, '643/760')) AS s(y, v);

-- With a baseline (base units: a fraction of one): (v - b)/(t - b).  2020 from the 2019
-- baseline 698/788 towards the 2023 target 94%: (0.904018 - 0.885787)/(0.94 - 0.885787)
-- = 0.336284; 2021 fell below the baseline: (0.846053 - 0.885787)/(0.9 - 0.885787)
-- = -2.795583 (never clamped).
SELECT round(attainment('810/896'::indicator, '>= 94%', 698/788.0)::numeric, 6) AS from_2019_to_94,
       round(attainment('643/760'::indicator, '>= 90%', 698/788.0)::numeric, 6) AS fell_back;

-- A double precision is read in the target's unit: a fraction of one for %, days for d.
SELECT attained(0.9, '>= 90%') AS "0.9 >= 90%", attained(0.8999, '>= 90%') AS "0.8999 >= 90%",
       attained(90, '>= 90%') AS "90 >= 90%", attained(60, '<= 60 d') AS "60 <= 60 d",
       attained(0.945, '>= 94,5 %') AS "0.945 >= 94,5 %";

-- Every direction: attained and attainment without and with a baseline.
--   >=, >  : v/t,  (v-b)/(t-b)        <=, <  : t/v,  (b-v)/(b-t)
--   range  : 1 inside; below: as >= low; above: as <= high.   = t is the range t..t.
-- Oral care access <= 150 d (2022): 120 d -> 150/120 = 1.25; 180 d -> 150/180 = 0.833333,
-- from baseline 200 d: (200-180)/(200-150) = 0.4.  > 10% (electronic transactions): 0.1
-- is not attained (strict) although attainment is 0.1/0.1 = 1.
SELECT v, t::target AS target, b AS baseline, attained(v, t::target),
       round(attainment(v, t::target)::numeric, 6) AS attainment,
       round(attainment(v, t::target, b)::numeric, 6) AS from_baseline
FROM (VALUES (0.92, '>= 90%', 0.85), (0.875, '>= 90%', 0.85), (0.1, '> 10%', 0.05),
             (0.12, '> 10%', 0.05), (120, '<= 150 d', 200), (180, '<= 150 d', 200),
             (150, '< 150 d', 200), (6, '< 7', 10), (0.9, '80%..95%', 0.5),
             (0.8, '80%..95%', 0.5), (0.6, '80%..95%', 0.5), (0.98, '80%..95%', 1.0),
             (1.0, '= 100%', 0.5), (0.5, '= 100%', 0.25), (1.2, '= 100%', 1.5),
             (3, '1 d..7 d', 10), (9, '1 d..7 d', 10)) AS s(v, t, b);

-- Indicators of every kind against targets in their own unit.
SELECT v::indicator AS value, t::target AS target, attained(v::indicator, t::target),
       round(attainment(v::indicator, t::target)::numeric, 6) AS attainment
FROM (VALUES ('11140/2331 d', '<= 5 d'), ('4,78 d', '< 4,5 pv'), ('45%', '> 10%'),
             ('45%', '= 45%'), ('9/10', '>= 90%'), ('760/760', '= 100%'), ('33', '>= 33'),
             ('7', '5..12'), ('-2', '< 0')) AS s(v, t);

-- Where the formula divides by zero the answer is NULL: a zero target (v/0), a zero
-- value against a lower-is-better target (t/0), a baseline equal to the target.
SELECT attainment(0.5, '>= 0%') IS NULL AS zero_target,
       attainment(0, '<= 60 d') IS NULL AS zero_value,
       attainment(0.95, '>= 90%', 0.9) IS NULL AS baseline_is_target,
       attainment('0/5'::indicator, '< 5%') IS NULL AS zero_ratio;

-- NULL in, NULL out.
SELECT attained(NULL::double precision, '>= 90%') IS NULL AS a,
       attainment('1/2'::indicator, NULL::target) IS NULL AS b,
       attainment(0.5, '>= 90%', NULL) IS NULL AS c;

-- Comparing a value with a target of another unit is an error, not a silent false.
SELECT attained('4,78 d'::indicator, '>= 90%');
SELECT attainment('698/788'::indicator, '<= 5 d');
SELECT attained('33'::indicator, '>= 33%');
SELECT attainment('45%'::indicator, '> 10', 0.5);

-- target_attainment: the share of rows with a value and a target that meet their target.
-- kokkola 2021 400/470 = 0.851 (>= 90%: no), kannus 2021 243/290 = 0.838 (>= 80%: yes),
-- kokkola 2022 460/500 = 0.92 (>= 90%: yes), kannus 2022 no value, veteli 2022 no target,
-- perho 2022 19/20 = 0.95 (80%..95%: yes, the ends count), halsua 2022 9/9 (= 100%: yes).
-- Counted 5, met 4: 0.8; 2021: 1 of 2; 2022: 3 of 3.
CREATE TEMP TABLE m (org text, year int, v indicator, t target);
INSERT INTO m VALUES
    ('kokkola', 2021, '400/470', '>= 90%'), ('kannus', 2021, '243/290', '>= 80%'),
    ('kokkola', 2022, '460/500', '>= 90%'), ('kannus', 2022, NULL, '>= 90%'),
    ('veteli', 2022, '50/52', NULL), ('perho', 2022, '19/20', '80%..95%'),
    ('halsua', 2022, '9/9', '= 100%');
SELECT target_attainment(v, t) AS by_indicator, target_attainment(value(v), t) AS by_value FROM m;
SELECT year, target_attainment(v, t), target_attainment(value(v), t) AS by_value, sum(v)
FROM m GROUP BY year ORDER BY year;
-- no rows, or only rows without a value or target: NULL (nothing was counted)
SELECT target_attainment(v, t) IS NULL AS no_rows FROM m WHERE false;
SELECT target_attainment(v, t) IS NULL AS nothing_counted FROM m WHERE v IS NULL OR t IS NULL;
-- the state is a pekefb.tally (a = met, n = counted), here built step by step
SELECT target_attainment_trans(target_attainment_trans('(0,0,0)', '9/10'::indicator, '>= 90%'),
                               0.5, '>= 90%') AS state,
       target_attainment_inv('(1,0,2)', 0.5, '>= 90%') AS inverse,
       target_attainment_trans(NULL, 0.5, '>= 90%') IS NULL AS null_state;
-- a unit mismatch in any row is an error
INSERT INTO m VALUES ('toholampi', 2022, '4,2 d', '>= 90%');
SELECT target_attainment(v, t) FROM m;
SELECT target_attainment(value(v), t) AS doubles_have_no_unit FROM m;
DROP TABLE m;

-- sum(indicator) refuses to mix a ratio with a quantity or different units.
SELECT sum(v::indicator) FROM unnest(ARRAY['698/788', '45%']) AS v;
SELECT sum(v::indicator) FROM unnest(ARRAY['698/788', '11140/2331 d']) AS v;
SELECT sum(v::indicator) FROM unnest(ARRAY['45%', '33']) AS v;
SELECT sum(v::indicator) FROM unnest(ARRAY['4,12 d', '2 d', '3']) AS v;

-- Moving windows: access within 14 days per month, share of the last three months
-- meeting "<= 14 d" (months 1-8: 10 20 12 15 14 9 NULL 16 days: met y n y n y y - n).
-- Windows: 1/1, 1/2, 2/3, 1/3, 2/3, 2/3, 2/2, 1/2; the plain-SQL window agrees.
CREATE TEMP TABLE w (month int, v indicator, t target);
INSERT INTO w SELECT i, (ARRAY['10 d','20 d','12 d','15 d','14 d','9 d',NULL,'16 d'])[i]::indicator, '<= 14 d'
FROM generate_series(1, 8) i;
SELECT month, v,
       target_attainment(v, t) OVER (ORDER BY month ROWS 2 PRECEDING) AS last_3,
       avg((value(v) <= 14)::int) OVER (ORDER BY month ROWS 2 PRECEDING) AS plain_sql,
       target_attainment(value(v), t) OVER (ORDER BY month ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS centred,
       sum(v) OVER (ORDER BY month ROWS 2 PRECEDING) AS days_sum
FROM w ORDER BY month;
DROP TABLE w;
-- ratios in a window: Soite's yearly assessments, two-year running share
SELECT y AS year, sum(v::indicator) OVER (ORDER BY y ROWS 1 PRECEDING) AS two_years,
       round(value(sum(v::indicator) OVER (ORDER BY y ROWS 1 PRECEDING))::numeric, 6) AS share,
       target_attainment(v::indicator, '>= 90%') OVER (ORDER BY y ROWS 1 PRECEDING) AS met_share
FROM (VALUES (2019, '698/788'), (2020, '810/896'), (2021, '643/760')) AS s(y, v);
