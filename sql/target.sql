-- target: a target level with direction and unit (src/target.c, doc/targets.md)
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

-- Every accepted form with its canonical output: operator, one space, number, unit ("%"
-- attached, " d" after a space); ranges without spaces around "..".  pv and vrk read as d,
-- the decimal comma as a point, spaces are optional.
SELECT s AS input, s::target AS canonical
FROM unnest(ARRAY['>= 90%', '> 10 %', '<= 60 d', '< 7', '= 100%', '80%..95%',
                  '>= 94,5 %', '>=94.5%', '  <=  150 pv  ', '< 14 vrk', '<7 D', '> 0,1',
                  '1 d .. 7 d', '1..7', '-5..-1', '>= -2,5', '= 0', '= -0', '>= 120%',
                  '>= 1e20', '>= 0.000001', '<= 0.30000000000000004']) AS s;

-- Round trip: text -> target -> text -> target gives the identical value and text.
SELECT s, s::target::text::target OPERATOR(pekefb.=) s::target AS same_value,
       s::target::text = s::target::text::target::text AS same_text
FROM unnest(ARRAY['>= 94,5 %', '< 14 vrk', '80%..95%', '1 d..7 d', '>= 1e20', '> 0.1',
                  '<= 0.30000000000000004', '= 33.333333333333336']) AS s;

-- Accessors: unit, direction, and the numbers in base units (a fraction of one for %).
-- target_value is NULL for a range; target_low / target_high are NULL where it is open.
SELECT s::target AS target, unit(s::target), direction(s::target),
       target_value(s::target), target_low(s::target), target_high(s::target)
FROM unnest(ARRAY['>= 90%', '> 10%', '<= 60 d', '< 7', '= 100%', '80%..95%', '1 d..7 d',
                  '>= 94,5%']) AS s;

-- 90% is stored as written (90) and its base value is exactly the double 0.9.
SELECT target_value('>= 90%') = 0.9 AS exact_0_9, target_value('>= 94,5 %') = 0.945 AS exact_0_945;

-- Equality compares direction, unit and numbers: the same level in another unit or
-- direction is another target.
SELECT '>= 90%'::target OPERATOR(pekefb.=) '>=90 %'::target AS same,
       '>= 90%'::target OPERATOR(pekefb.=) '> 90%'::target AS other_direction,
       '>= 90%'::target OPERATOR(pekefb.=) '>= 90'::target AS other_unit,
       '>= 90%'::target OPERATOR(pekefb.=) '>= 0.9'::target AS base_vs_display;

-- Binary output (target_send): op byte (0 >=, 1 >, 2 <=, 3 <, 4 =, 5 range), unit byte
-- (0 none, 1 %, 2 d), then the low and high bound as float8 in display units.
SELECT s::target AS target, target_send(s::target)
FROM unnest(ARRAY['>= 90%', '<= 60 d', '< 7', '80%..95%']) AS s;

-- A table of targets survives a copy through text.
CREATE TEMP TABLE targets AS
SELECT s::target AS t FROM unnest(ARRAY['>= 90%', '<= 150 pv', '80%..95%', '= 100%', '> 10 %']) AS s;
CREATE TEMP TABLE targets_copy AS SELECT t::text::target AS t FROM targets;
SELECT count(*) AS rows, count(*) FILTER (WHERE a.t OPERATOR(pekefb.=) b.t) AS equal
FROM (SELECT t, row_number() OVER () AS i FROM targets) a
JOIN (SELECT t, row_number() OVER () AS i FROM targets_copy) b USING (i);
DROP TABLE targets, targets_copy;
