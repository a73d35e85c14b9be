-- test/citus/generate.sql: bulk rows for the Citus test and benchmark, generated in SQL on
-- the coordinator (INSERT ... SELECT from generate_series: into a distributed region Citus
-- routes each row to its shard).  Deterministic (integer hashes of the row number, no
-- random()), so the same call fills a distributed and a single-node region alike.
--   psql -v schema=region -v cases=600000 -v responses=400000 -f generate.sql
-- Cases of the three access indicators of the sample region, 2022-2025, over its
-- organisations; about 10 % still open.  Responses at every hour of the day (so that the
-- region's time zone moves some across quarter boundaries), with NPS, three statements and
-- themes.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

INSERT INTO :"schema".cases (organization_code, indicator_code, case_id, started, finished)
SELECT (ARRAY['soite', 'kokkola', 'kannus', 'kaustinen', 'veteli', 'toholampi', 'perho', 'halsua',
              'lestijarvi', 'mll-kp', 'ensikoti', 'folkhalsan', 'kokkola-srk', 'karleby-fs',
              'kaustinen-srk'])[1 + h.a % 15],
       (ARRAY['pta-3kk', 'ls-7arkipv', 'mt-hoitotakuu'])[1 + h.b % 3],
       'gen-' || g.i,
       date '2022-01-01' + (h.c % 1461)::integer,
       CASE WHEN h.d % 10 = 0 THEN NULL
            ELSE date '2022-01-01' + (h.c % 1461 + CASE WHEN h.d % 3 = 0 THEN h.e % 120 ELSE h.e % 16 END)::integer END
FROM generate_series(1, :cases) AS g (i)
CROSS JOIN LATERAL (
    SELECT (g.i::bigint * 2654435761) % 4294967291 AS a,
           (g.i::bigint * 40503 + 7) % 65521 AS b,
           (g.i::bigint * 2246822519) % 4294967279 AS c,
           (g.i::bigint * 3266489917) % 4294967231 AS d,
           (g.i::bigint * 668265263) % 4294967197 AS e
) h;

INSERT INTO :"schema".feedback_responses (organization_code, response_id, received_at, service, response, comment, themes)
SELECT (ARRAY['soite', 'kokkola', 'kannus', 'kaustinen', 'veteli', 'toholampi', 'perho', 'halsua',
              'lestijarvi', 'mll-kp', 'ensikoti', 'folkhalsan', 'kokkola-srk', 'karleby-fs',
              'kaustinen-srk'])[1 + h.a % 15],
       'gen-' || g.i,
       timestamptz '2022-01-01 00:00+00' + (h.c % 1461) * interval '1 day' + (h.d % 1440) * interval '1 minute',
       (ARRAY['neuvola', 'perheneuvola', 'lastensuojelu', 'perhekeskuksen kohtaamispaikka'])[1 + h.b % 4],
       pg_catalog.format('{"role":"%s","channel":"%s","nps":%s,"lang":"%s","items":{"easy":%s,"helped":%s,"safe":%s}}',
                         (ARRAY['parent', 'client', 'child', 'staff', 'partner'])[1 + h.e % 5],
                         (ARRAY['web', 'sms', 'paper', 'kiosk'])[1 + h.b % 4],
                         CASE WHEN h.d % 31 = 0 THEN 'null' ELSE (h.e % 11)::text END,
                         CASE WHEN h.a % 9 = 0 THEN 'sv' ELSE 'fi' END,
                         CASE WHEN h.c % 17 = 0 THEN 'null' ELSE (1 + h.c % 5)::text END,
                         (1 + (h.e / 11) % 5)::text,
                         (1 + (h.d / 7) % 5)::text)::pekefb.feedback,
       CASE WHEN h.b % 7 = 0 THEN 'Odotusaika oli pitkä.' END,
       CASE WHEN h.b % 7 = 0 THEN ARRAY['odotusaika']
            WHEN h.b % 11 = 0 THEN ARRAY['ystävällisyys', 'digipalvelut'] ELSE '{}' END
FROM generate_series(1, :responses) AS g (i)
CROSS JOIN LATERAL (
    SELECT (g.i::bigint * 2654435761) % 4294967291 AS a,
           (g.i::bigint * 40503 + 11) % 65521 AS b,
           (g.i::bigint * 2246822519) % 4294967279 AS c,
           (g.i::bigint * 3266489917) % 4294967231 AS d,
           (g.i::bigint * 668265263) % 4294967197 AS e
) h;

ANALYZE :"schema".cases;
ANALYZE :"schema".feedback_responses;
