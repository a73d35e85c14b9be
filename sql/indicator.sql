-- indicator: a ratio or a quantity with a unit (src/indicator.c, doc/targets.md)
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

-- Every accepted form with its canonical output and value in base units.  A ratio without
-- a unit is a share (%); "d" ratios are average days; quantities are numbers as written
-- (45% means 0.45).  pv and vrk read as d, the decimal comma as a point.
SELECT s AS input, s::indicator AS canonical, value(s::indicator), unit(s::indicator),
       is_ratio(s::indicator), numerator(s::indicator), denominator(s::indicator)
FROM unnest(ARRAY['698/788', '698/788 %', ' 698 / 788% ', '11140/2331 d', '11140/2331 pv',
                  '45%', '45 %', '4.78 d', '4,78 d', '4,12 vrk', '33', '-2', '-0', '0/5',
                  '0,5/2', '1e3/2e3', '120%']) AS s;

-- Round trip: text -> indicator -> text -> indicator gives the identical value and text.
SELECT s, s::indicator::text::indicator OPERATOR(pekefb.=) s::indicator AS same_value,
       s::indicator::text = s::indicator::text::indicator::text AS same_text
FROM unnest(ARRAY['698/788', '11140/2331 d', '45%', '4,78 d', '33', '0.1/0.3',
                  '0.30000000000000004', '1e300/3']) AS s;

-- Equality is representation equality: 698/788 and 349/394 have the same value but sum
-- differently, so they are not equal; a ratio is never equal to a quantity.
SELECT '698/788'::indicator OPERATOR(pekefb.=) '698/788 %'::indicator AS same,
       '698/788'::indicator OPERATOR(pekefb.=) '349/394'::indicator AS reduced,
       value('698/788') = value('349/394') AS same_value,
       '1/2'::indicator OPERATOR(pekefb.=) '50%'::indicator AS ratio_vs_quantity,
       '4.78 d'::indicator OPERATOR(pekefb.=) '4,78 pv'::indicator AS comma_and_alias;

-- Binary output (indicator_send): kind byte (0 quantity, 1 ratio), unit byte (0 none,
-- 1 %, 2 d), then numerator (or the quantity) and denominator (0 for a quantity) as float8.
SELECT s::indicator AS indicator, indicator_send(s::indicator)
FROM unnest(ARRAY['698/788', '11140/2331 d', '45%', '33']) AS s;

-- sum(indicator): ratios add numerators and denominators (Soite, assessments within 90 days
-- 2019-2021: 698+810+643 = 2151 of 788+896+760 = 2444); quantities add values; NULLs are
-- skipped; no rows (or only NULLs) give NULL.
SELECT sum(v::indicator), value(sum(v::indicator))
FROM unnest(ARRAY['698/788', '810/896', '643/760']) AS v;
SELECT sum(v::indicator) FROM unnest(ARRAY['4,12 d', '0,04 d', NULL, '0,62 d']) AS v;
SELECT sum(v::indicator) FROM unnest(ARRAY['11140/2331 d', NULL, '1000/100 pv']) AS v;
SELECT sum(v::indicator) IS NULL AS no_rows FROM unnest(ARRAY[]::text[]) AS v;
SELECT sum(v::indicator) IS NULL AS only_nulls FROM unnest(ARRAY[NULL, NULL]::text[]) AS v;
-- the transition function called directly does not modify its arguments
SELECT indicator_add('1/2', '3/4'), indicator_add('5%', '-2%');
-- grouped sums: per year and over the region
CREATE TEMP TABLE m (org text, year int, v indicator);
INSERT INTO m VALUES ('kokkola', 2021, '400/470'), ('kannus', 2021, '243/290'),
                     ('kokkola', 2020, '500/550'), ('kannus', 2020, '310/346');
SELECT year, sum(v), round(value(sum(v))::numeric, 4) AS share FROM m GROUP BY year ORDER BY year;
SELECT org, sum(v) FROM m GROUP BY org ORDER BY org;
DROP TABLE m;
