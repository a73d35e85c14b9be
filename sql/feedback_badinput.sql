-- feedback_badinput: malformed feedback values and their errors.  Unparsable text or a
-- wrong structure/type is 22P02 "invalid input syntax for type feedback"; a number outside
-- its range is 22003 "value out of range for type feedback"; the DETAIL names the field and
-- what was expected.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;
\set VERBOSITY default

-- A few as plain casts, to show the full error as psql prints it
SELECT '{"nps":9'::feedback;
SELECT '{"nps":11}'::feedback;
SELECT '{"nps":"9"}'::feedback;
SELECT '{"role":"parent","nps":9,"items":{"easy":4,"easy":5}}'::feedback;

-- The whole catalogue, one row per input: SQLSTATE and DETAIL (the message is
-- "invalid input syntax for type feedback" for 22P02, "value out of range ..." for 22003)
CREATE FUNCTION pg_temp.try_feedback_detail(input text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE d text; s text;
BEGIN
  PERFORM input::pekefb.feedback;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, d = PG_EXCEPTION_DETAIL;
  RETURN s || ' ' || d;
END $$;

SELECT n, input, pg_temp.try_feedback_detail(input) AS "sqlstate and detail"
FROM (VALUES
  -- not JSON, or not an object
  (1, ''),
  (2, '   '),
  (3, '{'),
  (4, '{"nps":9,}'),
  (5, '{"nps":9} x'),
  (6, '{nps:9}'),
  (7, '[{"nps":9}]'),
  (8, '"nps"'),
  (9, '9'),
  (10, 'null'),
  (11, '{"nps":9}{"nps":8}'),
  -- keys
  (12, '{}'),
  (13, '{"NPS":9}'),
  (14, '{"nps":9,"score":3}'),
  (15, '{"nps":9,"nps":9}'),
  (16, '{"nps":9,"role":"parent","role":"child"}'),
  (17, '{"role":"parent"}'),
  (18, '{"nps":null,"items":{}}'),
  -- nps
  (19, '{"nps":-1}'),
  (20, '{"nps":11}'),
  (21, '{"nps":9.5}'),
  (22, '{"nps":"9"}'),
  (23, '{"nps":true}'),
  (24, '{"nps":[9]}'),
  (25, '{"nps":1e400}'),
  (26, '{"nps":100000000000}'),
  -- role, channel, lang
  (27, '{"nps":9,"role":"Parent"}'),
  (28, '{"nps":9,"role":"teacher"}'),
  (29, '{"nps":9,"role":1}'),
  (30, '{"nps":9,"channel":"email"}'),
  (31, '{"nps":9,"channel":["web"]}'),
  (32, '{"nps":9,"lang":"FI"}'),
  (33, '{"nps":9,"lang":"f"}'),
  (34, '{"nps":9,"lang":"fin_"}'),
  (35, '{"nps":9,"lang":"fi-FI"}'),
  (36, '{"nps":9,"lang":7}'),
  -- items
  (37, '{"items":[4,5]}'),
  (38, '{"items":"easy"}'),
  (39, '{"items":{"easy":0}}'),
  (40, '{"items":{"easy":6}}'),
  (41, '{"items":{"easy":4.5}}'),
  (42, '{"items":{"easy":"4"}}'),
  (43, '{"items":{"easy":false}}'),
  (44, '{"items":{"easy":{"score":4}}}'),
  (45, '{"items":{"Easy":4}}'),
  (46, '{"items":{"":4}}'),
  (47, '{"items":{"asiointi helppoa":4}}'),
  (48, '{"items":{"helppoa_äö":4}}'),
  (49, '{"items":{"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx":4}}'),
  (50, '{"items":{"easy":4,"easy":4}}'),
  (51, '{"items":{"easy":4,"safe":5,"easy":null}}'),
  -- an escape that would cut a string short
  (52, '{"nps":9,"role":"parent\u0000x"}')
) v(n, input)
ORDER BY n;

-- more than 32 statements
SELECT pg_temp.try_feedback_detail('{"items":{' || string_agg(format('"s%s":3', i), ',') || '}}')
FROM generate_series(1, 33) i;
-- very long input is cut in the message (first 200 bytes, then "...")
SELECT ('{"nps":9,"items":{' || string_agg(format('"statement_%s":3', i), ',') || '},"x":1}')::feedback
FROM generate_series(1, 20) i;
