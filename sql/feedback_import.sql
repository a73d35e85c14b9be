-- feedback_import: a region's import_feedback(document) loads a JSON array of records all or
-- nothing; errors name the record (0-based index into the array) and the field
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SELECT pekefb.create_region('region', 'soite', 'Keski-Pohjanmaan hyvinvointialue');
SET search_path = region, pekefb, public;
SET timezone = 'Europe/Helsinki';
\i test/sample/organizations.sql

-- Success: three records, the count is returned; comment and themes are optional
SELECT import_feedback($$[
 {"received_at": "2025-03-04T10:15:00+02:00", "organization": "kokkola", "service": "neuvola",
  "response": {"role": "parent", "channel": "web", "nps": 9, "items": {"easy": 4, "helped": 5}},
  "comment": "Ystävällinen hoitaja, mutta odotusaika oli pitkä.", "themes": ["ystävällisyys", "odotusaika"]},
 {"received_at": "2025-03-05 08:00:00+02", "organization": "karleby-fs", "service": "perhekeskuksen kohtaamispaikka",
  "response": {"role": "parent", "nps": 10, "lang": "sv"}, "comment": "Trevlig personal.", "themes": ["vänlighet"]},
 {"received_at": "2025-03-06T12:00:00Z", "organization": "mll-kp", "service": "lapsiperheiden kotipalvelu",
  "response": {"role": "client", "channel": "paper", "items": {"easy": null, "safe": 5}}, "comment": null, "themes": []}
]$$) AS imported;
SELECT organization_code, received_at, service, response, comment, themes
FROM feedback_responses ORDER BY received_at;
-- an empty array imports nothing
SELECT import_feedback('[]') AS imported;

-- Errors.  Each bad document leaves the table as it was (3 rows).  Records 0 and 1 are
-- valid, the faulty one is record 2 (indexes are 0-based, as jq .[2]).  SQLSTATE: message, DETAIL.
CREATE FUNCTION pg_temp.try_import(doc text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; m text; d text;
BEGIN
  PERFORM region.import_feedback(doc);
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL;
  RETURN s || ': ' || m || E'\n       ' || d;
END $$;
CREATE TEMP TABLE good AS SELECT '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": {"nps": 8}}'::text AS rec;
SELECT n, pg_temp.try_import('[' || (SELECT rec FROM good) || ',' || (SELECT rec FROM good) || ',' || bad || ']') AS error
FROM (VALUES
  (1, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": {"nps": 11}}'),
  (2, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": {"nps": 8, "role": "teacher"}}'),
  (3, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": {"items": {"easy": 4.5}}}'),
  (4, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola"}'),
  (5, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": "{\"nps\": 8}"}'),
  (6, '{"received_at": "1.4.2025 klo 9", "organization": "kannus", "service": "neuvola", "response": {"nps": 8}}'),
  (7, '{"received_at": "2025-04-31T09:00:00", "organization": "kannus", "service": "neuvola", "response": {"nps": 8}}'),
  (8, '{"received_at": "infinity", "organization": "kannus", "service": "neuvola", "response": {"nps": 8}}'),
  (9, '{"received_at": 20250401, "organization": "kannus", "service": "neuvola", "response": {"nps": 8}}'),
  (10, '{"organization": "kannus", "service": "neuvola", "response": {"nps": 8}}'),
  (11, '{"received_at": "2025-04-01T09:00:00+03:00", "service": "neuvola", "response": {"nps": 8}}'),
  (12, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "", "response": {"nps": 8}}'),
  (13, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": {"nps": 8}, "comment": 5}'),
  (14, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": {"nps": 8}, "themes": "odotusaika"}'),
  (15, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": {"nps": 8}, "themes": ["odotusaika", ""]}'),
  (16, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "service": "neuvola", "response": {"nps": 8}, "rating": 5}'),
  (17, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "kannus", "organization": "perho", "service": "neuvola", "response": {"nps": 8}}'),
  (18, '"not a record"'),
  (19, '{"received_at": "2025-04-01T09:00:00+03:00", "organization": "oulu", "service": "neuvola", "response": {"nps": 8}}')
) v(n, bad)
ORDER BY n;
-- the unknown organisation is found in one query, also when several records have one
-- (the first is reported)
SELECT pg_temp.try_import('[' || (SELECT rec FROM good) || ','
  || replace((SELECT rec FROM good), 'kannus', 'raahe') || ','
  || replace((SELECT rec FROM good), 'kannus', 'oulu') || ']');
-- documents that are not an array of records
SELECT pg_temp.try_import('{"received_at": "2025-04-01"}');
SELECT pg_temp.try_import('[{"received_at": "2025-04-01"},');
SELECT pg_temp.try_import('');
-- nothing was written by any failed import
SELECT count(*) AS rows_after_failed_imports FROM feedback_responses;

-- Larger import: 5 000 records in one call, all in
SELECT import_feedback(json_agg(json_build_object(
         'received_at', timestamptz '2024-01-01 08:00+02' + i * interval '1 hour',
         'organization', (ARRAY['kokkola','kannus','veteli'])[1 + i % 3],
         'service', 'neuvola',
         'response', json_build_object('role', 'parent', 'nps', i % 11, 'items', json_build_object('easy', 1 + i % 5)),
         'themes', CASE WHEN i % 10 = 0 THEN json_build_array('odotusaika', 'aukioloajat') END))::text) AS imported
FROM generate_series(1, 5000) i;
SELECT count(*), nps(response), item_mean(response, 'easy'), count(*) FILTER (WHERE themes <> '{}') AS with_themes
FROM feedback_responses WHERE received_at >= '2024-01-01' AND received_at < '2025-01-01';

-- Strings are decoded as jsonb decodes them: the stored comment is what ->> gives
CREATE TEMP TABLE raw_comments(n int, raw text);
INSERT INTO raw_comments VALUES
  (1, 'C:\\u0000\\data'),
  (2, 'Hyv\u00e4 palvelu \u2013 kiitos \ud83d\ude00'),
  (3, 'rivi 1\nrivi 2\t\"lainaus\" \/ \\ \b\f\r'),
  (4, 'tavallinen teksti, ääkköset suoraan');
SELECT n, pg_temp.try_import('[' || replace((SELECT rec FROM good), '}}', '}, "comment": "' || raw || '", "themes": ["' || raw || '"]}') || ']') AS imported
FROM raw_comments ORDER BY n;
SELECT c.n, r.comment, r.comment = ('{"c": "' || c.raw || '"}')::jsonb ->> 'c' AS same_as_jsonb,
       r.themes[1] = r.comment AS theme_same
FROM raw_comments c JOIN feedback_responses r ON r.comment = ('{"c": "' || c.raw || '"}')::jsonb ->> 'c'
ORDER BY c.n;
DELETE FROM feedback_responses WHERE received_at = '2025-04-01T09:00:00+03:00';

-- Refused as jsonb or json refuses them: \u0000, unpaired surrogates, control characters,
-- a byte order mark, leading zeros, trailing garbage.  Nothing is written.
SELECT n, pg_temp.try_import(doc) AS error
FROM (VALUES
  (1, '[' || replace((SELECT rec FROM good), '}}', '}, "comment": "C:\u0000data"}') || ']'),
  (2, '[' || replace((SELECT rec FROM good), '}}', '}, "themes": ["a\u0000"]}') || ']'),
  (3, '[' || replace((SELECT rec FROM good), '"neuvola"', '"neuvola\ud800"') || ']'),
  (4, '[' || replace((SELECT rec FROM good), '}}', '}, "comment": "' || E'two\nlines' || '"}') || ']'),
  (5, U&'\FEFF[' || (SELECT rec FROM good) || ']'),
  (6, '[' || replace((SELECT rec FROM good), '8}', '08}') || ']'),
  (7, '[' || replace((SELECT rec FROM good), '8}', '0.99999999999999999}') || ']'),
  (8, '[' || (SELECT rec FROM good) || '] x'),
  (9, '[' || (SELECT rec FROM good) || ',]'),
  (10, '[' || (SELECT rec FROM good) || ' ' || (SELECT rec FROM good) || ']'),
  (11, '[' || (SELECT rec FROM good) || '],[]')
) v(n, doc)
ORDER BY n;
SELECT count(*) AS rows_after_refused_documents FROM feedback_responses WHERE received_at = '2025-04-01T09:00:00+03:00';

-- Hostile documents are refused at once, without building anything: 50 MB of [0,0,...]
-- and deep nesting stop at record 0
SELECT pg_temp.try_import('[' || repeat('0,', 25000000) || '0]') AS zeros_50mb;
SELECT pg_temp.try_import(repeat('[', 100000)) AS deep;
SELECT pg_temp.try_import('[' || replace((SELECT rec FROM good), '}}', '}, "themes": ' || repeat('[', 100000) || '}')) AS deep_field;

-- statement_timeout stops a long import within its time: 300 000 valid records (the last one
-- unterminated) would take seconds; cancelled after 100 ms, nothing written
CREATE TEMP TABLE big AS SELECT '[' || repeat((SELECT rec FROM good) || ',', 300000) || (SELECT rec FROM good) AS doc;
SELECT clock_timestamp() AS t0 \gset
SET statement_timeout = '100ms';
SELECT region.import_feedback(doc) FROM big;
RESET statement_timeout;
SELECT clock_timestamp() - :'t0'::timestamptz < interval '1.5 s' AS cancelled_in_time;
SELECT count(*) AS rows_after_cancel FROM feedback_responses WHERE received_at = '2025-04-01T09:00:00+03:00';
DROP TABLE big, raw_comments;

-- The library's loader takes the region's table; the organisations are those of the same
-- schema (a second region does not know kokkola).
SELECT pekefb.create_region('import_other', 'north', 'Pohjoinen');
SELECT pekefb.import_feedback('region.feedback_responses', $$[{"received_at": "2025-03-04T10:15:00+02:00",
  "organization": "kokkola", "service": "neuvola", "response": {"nps": 9}}]$$) AS imported;
SELECT pekefb.import_feedback('import_other.feedback_responses', $$[{"received_at": "2025-03-04T10:15:00+02:00",
  "organization": "kokkola", "service": "neuvola", "response": {"nps": 9}}]$$) AS imported;
SELECT pekefb.import_feedback(0::regclass, '[]');
SELECT (SELECT count(*) FROM region.feedback_responses) AS region_rows,
       (SELECT count(*) FROM import_other.feedback_responses) AS other_rows;

-- clean up for the files that follow
RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA region CASCADE;
DROP SCHEMA import_other CASCADE;
RESET client_min_messages;
