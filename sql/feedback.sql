-- feedback: the pekefb.feedback type: input forms, canonical output, round trips,
-- accessors, casts, equality, binary I/O and size against jsonb
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

-- Canonical output: keys in the order role, channel, nps, lang, items; statements sorted by
-- code; no spaces; keys that were not given (or given as null) are left out.
SELECT '{"role":"parent","channel":"web","nps":9,"items":{"easy":4,"helped":5}}'::feedback;
SELECT '{ "items" : { "understood" : 5, "easy" : 4 }, "nps" : 10, "lang" : "sv", "channel" : "sms", "role" : "client" }'::feedback;
SELECT '{"nps":0}'::feedback;
SELECT '{"nps":10}'::feedback;
SELECT '{"items":{"safe":1}}'::feedback;
-- "don't know": a statement with null stays in the value (it was asked) but has no score
SELECT '{"nps":7,"items":{"useful":null,"easy":3}}'::feedback;
SELECT '{"items":{"easy":null}}'::feedback;
-- null for a top-level key is the same as leaving it out; an empty items object too
SELECT '{"role":null,"channel":null,"nps":8,"lang":null,"items":null}'::feedback;
SELECT '{"nps":8,"items":{}}'::feedback;
-- integral numbers written as 9.0 or 9e0 are integers (JSON has one number type)
SELECT '{"nps":9.0,"items":{"easy":4e0,"safe":0.5e1}}'::feedback;
-- every role, channel and a few languages (2 or 3 letters: fi, sv, en, se, smn, sms)
SELECT format('{"role":"%s","nps":5}', r)::feedback FROM unnest(ARRAY['client','child','parent','staff','partner','other']) r;
SELECT format('{"channel":"%s","nps":5}', c)::feedback FROM unnest(ARRAY['web','sms','paper','kiosk','phone','meeting','other']) c;
SELECT format('{"lang":"%s","nps":5}', l)::feedback FROM unnest(ARRAY['fi','sv','en','se','smn','sms','zzz']) l;
-- statement codes: 1 to 32 characters a-z, 0-9, _; sorted bytewise (shorter first)
SELECT '{"items":{"b":1,"a_2":2,"a":3,"a1":4,"z9_":5,"0":1}}'::feedback;
SELECT format('{"items":{"%s":5}}', repeat('x', 32))::feedback;
-- 32 statements, the maximum
SELECT item_codes(('{"items":{' || string_agg(format('"s%s":%s', lpad(i::text, 2, '0'), 1 + i % 5), ',') || '}}')::feedback)
FROM generate_series(1, 32) i;

-- Round trips: text -> feedback -> text -> feedback gives the identical value and text
WITH v(t) AS (VALUES
  ('{"role":"parent","channel":"web","nps":9,"lang":"fi","items":{"easy":4,"helped":5,"safe":null}}'),
  ('{"nps":0}'),
  ('{"items":{"z":1,"a":2}}'),
  ('{"channel":"kiosk","lang":"smn","items":{"understood":3}}'))
SELECT t::feedback::text AS canonical,
       t::feedback::text::feedback OPERATOR(pekefb.=) t::feedback AS same_value,
       t::feedback::text::feedback::text = t::feedback::text AS same_text
FROM v;

-- Accessors
SELECT nps_score(f), role(f), channel(f), lang(f), item(f, 'easy') AS easy, item(f, 'helped') AS helped,
       item(f, 'safe') AS safe_dont_know, item(f, 'missing') AS missing, item_codes(f)
FROM (SELECT '{"role":"parent","channel":"web","nps":9,"lang":"fi","items":{"easy":4,"helped":5,"safe":null}}'::feedback AS f) x;
-- not given -> NULL
SELECT nps_score(f), role(f), channel(f), lang(f), item_codes(f)
FROM (SELECT '{"items":{"easy":2}}'::feedback AS f) x;
SELECT item_codes('{"nps":3}'::feedback) AS no_statements;
SELECT * FROM items('{"nps":9,"items":{"useful":4,"easy":null,"safe":5}}'::feedback);
-- a statement code that cannot exist is an error rather than a silent NULL
SELECT item('{"nps":3}'::feedback, 'Easy');
SELECT item('{"nps":3}'::feedback, '');

-- Casts: to json/jsonb an object (also through the built-in to_jsonb and row_to_json), and
-- back from jsonb
SELECT '{"role":"child","nps":10,"items":{"safe":5}}'::feedback::json;
SELECT '{"role":"child","nps":10,"items":{"safe":5}}'::feedback::jsonb;
SELECT to_jsonb('{"role":"child","nps":10}'::feedback) -> 'nps' AS nps_via_to_jsonb;
SELECT row_to_json(x) FROM (SELECT 1 AS id, '{"nps":4}'::feedback AS response) x;
SELECT '{"nps": 6, "items": {"easy": 2}}'::jsonb::feedback;

-- Equality: by value, whatever the input spelling
SELECT '{"nps":9,"role":"parent"}'::feedback OPERATOR(pekefb.=) '{"role":"parent","nps":9.0}'::feedback AS equal,
       '{"nps":9}'::feedback OPERATOR(pekefb.=) '{"nps":8}'::feedback AS differ,
       '{"nps":9}'::feedback OPERATOR(pekefb.<>) '{"nps":8}'::feedback AS not_equal,
       '{"items":{"a":null}}'::feedback OPERATOR(pekefb.=) '{"items":{"a":1}}'::feedback AS dont_know_differs;
-- hashable (hash opclass, no ordering): GROUP BY and DISTINCT work by hashing
SELECT f, count(*) FROM (VALUES ('{"nps":9}'::feedback), ('{"nps":9.0}'), ('{"nps":8}')) v(f) GROUP BY f ORDER BY 2;
SELECT count(*) FROM (SELECT DISTINCT f FROM (VALUES ('{"nps":9}'::feedback), ('{"nps":9.0}'), ('{"nps":8}')) v(f)) d;

-- Binary send/receive round trip (the binary form starts with the format version 1)
SELECT feedback_send('{"role":"parent","channel":"web","nps":9,"lang":"fi","items":{"easy":4}}');
CREATE TEMP TABLE fb_copy (f feedback);
INSERT INTO fb_copy VALUES ('{"role":"staff","nps":3,"lang":"sms","items":{"x":null,"y":5}}'), ('{"nps":10}');
CREATE TEMP TABLE fb_copy2 (f feedback);
\i test/regress/copy_binary.sql
SELECT pg_temp.copy_binary('fb_copy', 'fb_copy2');
SELECT f FROM fb_copy2;
SELECT (SELECT array_agg(f::text ORDER BY f::text) FROM fb_copy) = (SELECT array_agg(f::text ORDER BY f::text) FROM fb_copy2) AS binary_round_trip;

-- Size: a typical response (role, channel, nps, five statements) takes at most half the
-- bytes of the same response as jsonb
WITH v(t) AS (VALUES ('{"role":"parent","channel":"web","nps":9,"items":{"easy":4,"helped":5,"safe":5,"useful":4,"understood":5}}'))
SELECT pg_column_size(t::feedback) AS feedback_bytes, pg_column_size(t::jsonb) AS jsonb_bytes,
       pg_column_size(t::feedback)::numeric / pg_column_size(t::jsonb) <= 0.5 AS at_most_half
FROM v;
-- stored in a table (short varlena header), still at most half
CREATE TEMP TABLE fb_size AS
SELECT t::feedback AS f, t::jsonb AS j
FROM (VALUES ('{"role":"parent","channel":"web","nps":9,"items":{"easy":4,"helped":5,"safe":5,"useful":4,"understood":5}}')) v(t);
SELECT pg_column_size(f) AS feedback_bytes, pg_column_size(j) AS jsonb_bytes,
       pg_column_size(f) * 2 <= pg_column_size(j) AS at_most_half FROM fb_size;
DROP TABLE fb_copy, fb_copy2, fb_size;
