-- feedback_json: the JSON syntax of pekefb.feedback is exactly that of PostgreSQL's json
-- type (checked here against json and jsonb themselves), string escapes are decoded as
-- jsonb decodes them, numbers are judged exactly on their decimal text, and equal values
-- have equal bytes whatever their spelling
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;
\set VERBOSITY default

-- 'ok', or the SQLSTATE and DETAIL (or message, for json's own errors) of the failed cast
CREATE FUNCTION pg_temp.try_cast(input text, typ text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE s text; d text; m text;
BEGIN
  EXECUTE format('SELECT %L::%s', input, typ);
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, d = PG_EXCEPTION_DETAIL, m = MESSAGE_TEXT;
  RETURN s || ' ' || CASE WHEN typ = 'pekefb.feedback' THEN d ELSE m END;
END $$;

-- Syntax.  Each input beside what json and jsonb say; feedback may refuse what json accepts
-- (its own rules) but never accepts what json refuses.
CREATE TEMP TABLE syntax(n int, input text);
INSERT INTO syntax VALUES
  -- accepted: JSON whitespace (space, tab, LF, CR), escapes in keys and values, numbers
  (1, E' {\t"nps" :\n9 ,\r"role":"parent"} \n'),
  (2, '{"n\u0070s":9,"role":"p\u0061r\u0065nt"}'),
  (3, '{"nps":9,"lang":"\u0066\u0069"}'),
  (4, '{"nps":-0}'),
  (5, '{"nps":1E1}'),
  (6, '{"nps":90e-1,"items":{"easy":0.4e1,"safe":5.000}}'),
  (7, '{"nps":0e99999999999999999999}'),
  -- refused by json itself: control characters, BOM, leading zeros, "9.", trailing garbage
  (10, E'{"nps":9,"role":"par\tent"}'),
  (11, E'{"nps":9,"role":"parent\n"}'),
  (12, U&'\FEFF{"nps":9}'),
  (13, '{"nps":09}'),
  (14, '{"nps":9.}'),
  (15, '{"nps":.9}'),
  (16, '{"nps":+9}'),
  (17, '{"nps":9e}'),
  (18, '{"nps":0x9}'),
  (19, '{"nps":9x}'),
  (20, '{"nps":9} x'),
  (21, '{"nps":9}}'),
  (22, '{"nps":9},'),
  (23, '{"nps":9,"role":nul}'),
  (24, '{"nps":9,"role":"\x"}'),
  (25, '{"nps":9,"role":"\u12"}'),
  (26, E'{"nps":9}\f'),
  (27, U&'{"nps":9}\00A0'),
  (28, '{"nps":9,"role":"parent}'),
  (29, '{"nps":9,}'),
  (30, '{"nps" 9}'),
  (31, '{"nps":9 "role":"parent"}'),
  (32, '{''nps'':9}'),
  -- nps and scores must be integers in the decimal text, not after rounding to a double
  (40, '{"nps":0.99999999999999999}'),
  (41, '{"nps":1e-400}'),
  (42, '{"nps":9.000000000000000000001}'),
  (43, '{"nps":1e400}'),
  (44, '{"nps":-1e-400}'),
  (45, '{"items":{"easy":4.99999999999999999}}'),
  (46, '{"nps":10.0000000000000000000000000000}'),
  -- escapes jsonb refuses: \u0000 and unpaired surrogates (json, which keeps the text, accepts them)
  (50, '{"nps":9,"role":"\u0000"}'),
  (51, '{"nps":9,"r\u0000ole":"parent"}'),
  (52, '{"nps":9,"role":"\ud83d"}'),
  (53, '{"nps":9,"role":"\udc00x"}'),
  (54, '{"nps":9,"role":"\ud83d\ud83d"}'),
  -- valid escapes that do not make a valid value: quoted as written
  (55, '{"nps":9,"role":"\ud83d\ude00"}'),
  (56, '{"nps":9,"role":"parent\/"}'),
  (57, '{"nps":9,"role":"C:\\u0000\\data"}');
SELECT n, input, pg_temp.try_cast(input, 'json') AS json, pg_temp.try_cast(input, 'jsonb') AS jsonb,
       pg_temp.try_cast(input, 'pekefb.feedback') AS feedback
FROM syntax ORDER BY n;
-- the invariant over the whole list: nothing json refuses is a feedback value
SELECT count(*) AS accepted_but_not_json
FROM syntax WHERE pg_temp.try_cast(input, 'pekefb.feedback') = 'ok' AND pg_temp.try_cast(input, 'json') <> 'ok';
-- the accepted ones, canonical
SELECT n, input::feedback FROM syntax WHERE pg_temp.try_cast(input, 'pekefb.feedback') = 'ok' ORDER BY n;

-- Full errors as psql prints them (message quoting the input, DETAIL with the byte)
SELECT '{"nps":09}'::feedback;
SELECT '{"nps":0.99999999999999999}'::feedback;
SELECT '{"nps":9,"role":"\u0000"}'::feedback;
SELECT U&'\FEFF{"nps":9}'::feedback;

-- Deterministic bytes: equal values, however spelt or built, have equal size and equal
-- binary form (md5 of feedback_send), stored or computed
CREATE TEMP TABLE spellings(t text);
INSERT INTO spellings VALUES
  ('{"role":"parent","nps":9,"items":{"a":2,"b":1}}'),
  ('{"items":{"b":1e0,"a":2.0},"nps":90e-1,"role":"parent"}'),
  ('{"n\u0070s":9,"role":"p\u0061rent","items":{"\u0061":2,"b":1},"lang":null,"channel":null}'),
  (' { "role" : "parent" , "nps" : 9 , "items" : { "a" : 0.2e1 , "b" : 1 } } ');
SELECT count(DISTINCT md5(feedback_send(t::feedback))) AS distinct_send,
       count(DISTINCT pg_column_size(t::feedback)) AS distinct_size,
       count(DISTINCT md5(feedback_send(t::jsonb::feedback))) AS distinct_via_jsonb,
       count(DISTINCT t::feedback::text) AS distinct_text
FROM spellings;
CREATE TEMP TABLE stored AS SELECT t::feedback AS f FROM spellings;
SELECT count(DISTINCT md5(feedback_send(f))) AS distinct_send_stored,
       count(DISTINCT pg_column_size(f)) AS distinct_size_stored,
       bool_and(md5(feedback_send(f)) = md5(feedback_send('{"role":"parent","nps":9,"items":{"a":2,"b":1}}'))) AS same_as_computed
FROM stored;
DROP TABLE syntax, spellings, stored;
