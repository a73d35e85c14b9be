-- Sample region, feedback: about 40 000 client, staff and partner feedback responses to the
-- family-centre services of Central Ostrobothnia, 2022-01-01 .. 2025-12-31.
-- Needs test/sample/organizations.sql first.  Deterministic: every value is derived from
-- md5 of the row number, so the data does not depend on run order or random().
-- NPS improves over the years (about 40 in 2022 to about 60 in 2025; child welfare lower),
-- five national base statements (easy, helped, safe, useful, understood) follow the NPS
-- answer with some "don't know"; about 15 % carry a free-text comment in Finnish or Swedish
-- (Swedish mostly in Kokkola/Karleby, Karleby svenska församling and Folkhälsan) with themes.
-- December 2025 goes in through import_feedback to show the bulk loader at work.

-- share of responses per organisation (per mille ranges) and the share answering in Swedish
CREATE TEMP TABLE sample_feedback_orgs (code text, lo int, hi int, kind text, sv_share float8);
INSERT INTO sample_feedback_orgs VALUES
  ('kokkola',        0, 350, 'municipality', 0.15),
  ('soite',        350, 470, 'wellbeing_area', 0.08),
  ('kannus',       470, 550, 'municipality', 0.01),
  ('kaustinen',    550, 620, 'municipality', 0.03),
  ('veteli',       620, 670, 'municipality', 0.02),
  ('toholampi',    670, 720, 'municipality', 0.01),
  ('perho',        720, 760, 'municipality', 0.01),
  ('halsua',       760, 780, 'municipality', 0.01),
  ('lestijarvi',   780, 800, 'municipality', 0.01),
  ('mll-kp',       800, 860, 'ngo', 0.05),
  ('ensikoti',     860, 900, 'ngo', 0.05),
  ('folkhalsan',   900, 940, 'ngo', 0.85),
  ('kokkola-srk',  940, 970, 'parish', 0.02),
  ('karleby-fs',   970, 990, 'parish', 0.90),
  ('kaustinen-srk',990, 1000, 'parish', 0.02);

-- free-text comments with the themes a coder gave them
CREATE TEMP TABLE sample_feedback_comments (lang text, positive boolean, n int, comment text, themes text[]);
INSERT INTO sample_feedback_comments VALUES
  ('fi', false, 0, 'Odotusaika ajanvaraukseen oli liian pitkä.', '{odotusaika}'),
  ('fi', false, 1, 'Digipalvelussa ajanvaraus ei toiminut puhelimella.', '{digipalvelut}'),
  ('fi', false, 2, 'Aukioloajat eivät sovi vuorotyötä tekevälle.', '{aukioloajat}'),
  ('fi', false, 3, 'Tieto ei kulkenut koulun ja neuvolan välillä.', '{tiedonkulku}'),
  ('fi', false, 4, 'Toimipisteeseen oli vaikea päästä lastenvaunujen kanssa.', '{saavutettavuus}'),
  ('fi', false, 5, 'Chat-palvelu oli auki vain virka-aikaan.', '{digipalvelut,aukioloajat}'),
  ('fi', true, 0, 'Hoitaja oli todella ystävällinen ja kuunteli.', '{ystävällisyys}'),
  ('fi', true, 1, 'Saimme apua nopeasti ja ystävällisesti.', '{odotusaika,ystävällisyys}'),
  ('fi', true, 2, 'Kohtaamispaikka on lapsille turvallinen ja mukava.', '{ystävällisyys,saavutettavuus}'),
  ('fi', true, 3, 'Koulupsyk-hoitajalle pääsi samalla viikolla, kiitos.', '{odotusaika}'),
  ('sv', false, 0, 'Väntetiden var för lång.', '{odotusaika}'),
  ('sv', false, 1, 'Det var svårt att få service på svenska.', '{saavutettavuus,tiedonkulku}'),
  ('sv', false, 2, 'Öppettiderna passar inte barnfamiljer.', '{aukioloajat}'),
  ('sv', false, 3, 'Informationen mellan skolan och rådgivningen fungerade inte.', '{tiedonkulku}'),
  ('sv', true, 0, 'Mycket vänlig personal, vi kände oss välkomna.', '{ystävällisyys}'),
  ('sv', true, 1, 'Den digitala tidsbokningen fungerade bra.', '{digipalvelut}');

ANALYZE sample_feedback_orgs;
SET jit = off;   -- the query is cheap; compiling it would take longer than running it
ANALYZE sample_feedback_comments;

-- the responses: u1..u9 are independent uniform numbers in [0, 1) from md5 of the row number
CREATE TEMP TABLE sample_feedback_rows AS
WITH h AS (
    SELECT i, md5('pekefb-feedback-' || i) AS h1, md5('pekefb-feedback-b-' || i) AS h2,
           md5('pekefb-feedback-c-' || i) AS h3
    FROM generate_series(1, 40000) i
), u AS MATERIALIZED (
    SELECT i,
           ('x' || substr(h1, 1, 7))::bit(28)::int / 268435456.0 AS u1,
           ('x' || substr(h1, 8, 7))::bit(28)::int / 268435456.0 AS u2,
           ('x' || substr(h1, 15, 7))::bit(28)::int / 268435456.0 AS u3,
           ('x' || substr(h1, 22, 7))::bit(28)::int / 268435456.0 AS u4,
           ('x' || substr(h2, 1, 7))::bit(28)::int / 268435456.0 AS u5,
           ('x' || substr(h2, 8, 7))::bit(28)::int / 268435456.0 AS u6,
           ('x' || substr(h2, 15, 7))::bit(28)::int / 268435456.0 AS u7,
           ('x' || substr(h2, 22, 7))::bit(28)::int / 268435456.0 AS u8,
           ('x' || substr(h3, 1, 7))::bit(28)::int / 268435456.0 AS u9,
           ('x' || substr(h3, 8, 7))::bit(28)::int / 268435456.0 AS u10,
           h3
    FROM h
), base AS (
    SELECT u.*, o.code AS organization_code, o.kind, o.sv_share,
           -- received: a working-hours moment in 2022-2025
           (timestamptz '2022-01-01 00:00+02' + floor(u1 * 1461) * interval '1 day'
              + (8 + floor(u2 * 9)) * interval '1 hour' + floor(u3 * 60) * interval '1 minute') AS received_at
    FROM u JOIN sample_feedback_orgs o ON floor(u4 * 1000) >= o.lo AND floor(u4 * 1000) < o.hi
), svc AS (
    SELECT b.*,
           CASE WHEN b.kind IN ('municipality', 'wellbeing_area') THEN
                  (ARRAY['neuvola', 'neuvola', 'neuvola', 'perheneuvola', 'perheneuvola',
                         'lapsiperheiden kotipalvelu', 'lastensuojelu', 'koulupsykiatrinen sairaanhoitaja'])[1 + floor(u5 * 8)::int]
                WHEN b.organization_code = 'ensikoti' THEN
                  (ARRAY['lastensuojelu', 'perhekeskuksen kohtaamispaikka'])[1 + floor(u5 * 2)::int]
                WHEN b.organization_code = 'mll-kp' THEN
                  (ARRAY['perhekeskuksen kohtaamispaikka', 'lapsiperheiden kotipalvelu'])[1 + floor(u5 * 2)::int]
                ELSE 'perhekeskuksen kohtaamispaikka' END AS service,
           CASE WHEN u6 < 0.50 THEN 'parent' WHEN u6 < 0.70 THEN 'client' WHEN u6 < 0.85 THEN 'child'
                WHEN u6 < 0.95 THEN 'staff' ELSE 'partner' END AS role,
           CASE WHEN u7 < 0.45 THEN 'web' WHEN u7 < 0.65 THEN 'sms' WHEN u7 < 0.80 THEN 'paper'
                WHEN u7 < 0.90 THEN 'kiosk' WHEN u7 < 0.95 THEN 'phone' ELSE 'meeting' END AS channel,
           CASE WHEN u8 < b.sv_share THEN 'sv' WHEN u8 > 0.99 THEN 'en' ELSE 'fi' END AS lang,
           extract(year FROM b.received_at)::int - 2022 AS y
    FROM base b
), answers AS (
    SELECT s.*,
           -- promoters from 52 % (2022) to 66 % (2025), detractors from 12 % to 6 %; child
           -- welfare 12 points fewer promoters and 8 more detractors
           0.52 + 0.045 * y - CASE WHEN service = 'lastensuojelu' THEN 0.12 ELSE 0 END AS p_promoter,
           0.12 - 0.02 * y + CASE WHEN service = 'lastensuojelu' THEN 0.08 ELSE 0 END AS p_detractor
    FROM svc s
), scored AS (
    SELECT a.*,
           CASE WHEN u9 < 0.03 THEN NULL                                   -- NPS not answered
                WHEN u10 < p_detractor THEN floor(u5 * 7)::int          -- 0..6
                WHEN u10 < 1 - p_promoter THEN 7 + floor(u6 * 2)::int   -- 7..8
                ELSE 9 + floor(u7 * 2)::int END AS nps                     -- 9..10
    FROM answers a
), items AS MATERIALIZED (
    -- a statement's score follows the NPS answer (+-1); hex digit 0 of h3 = "don't know" (6 %)
    SELECT sc.*,
           concat_ws(',',
             format('"easy":%s', CASE WHEN substr(h3, 17, 1) = '0' THEN 'null' ELSE
                    least(5, greatest(1, round(1 + coalesce(nps, 7) * 0.4)::int + ('x0' || substr(h3, 22, 1))::bit(8)::int % 3 - 1))::text END),
             format('"helped":%s', CASE WHEN substr(h3, 18, 1) = '0' THEN 'null' ELSE
                    least(5, greatest(1, round(1 + coalesce(nps, 7) * 0.4)::int + ('x0' || substr(h3, 23, 1))::bit(8)::int % 3 - 1))::text END),
             format('"safe":%s', CASE WHEN substr(h3, 19, 1) = '0' THEN 'null' ELSE
                    least(5, greatest(1, round(1.5 + coalesce(nps, 7) * 0.35)::int + ('x0' || substr(h3, 24, 1))::bit(8)::int % 3 - 1))::text END),
             CASE WHEN role <> 'child' THEN format('"useful":%s', CASE WHEN substr(h3, 20, 1) = '0' THEN 'null' ELSE
                    least(5, greatest(1, round(1 + coalesce(nps, 7) * 0.4)::int + ('x0' || substr(h3, 25, 1))::bit(8)::int % 3 - 1))::text END) END,
             CASE WHEN role <> 'child' THEN format('"understood":%s', CASE WHEN substr(h3, 21, 1) = '0' THEN 'null' ELSE
                    least(5, greatest(1, round(0.5 + coalesce(nps, 7) * 0.4)::int + ('x0' || substr(h3, 26, 1))::bit(8)::int % 3 - 1))::text END) END
           ) AS items_json
    FROM scored sc
)
SELECT it.i, it.received_at, it.organization_code, it.service,
       format('{"role":"%s","channel":"%s","nps":%s,"lang":"%s","items":{%s}}',
              it.role, it.channel, coalesce(it.nps::text, 'null'), it.lang, it.items_json) AS response,
       c.comment, coalesce(c.themes, '{}') AS themes
FROM items it
LEFT JOIN sample_feedback_comments c
  ON (it.i % 20) < 3                                                -- 15 % comment
 AND c.lang = CASE WHEN it.lang = 'sv' THEN 'sv' ELSE 'fi' END
 AND c.positive = (coalesce(it.nps, 7) >= 9)                        -- praise from promoters
 AND c.n = it.i / 20 % CASE WHEN it.lang = 'sv' THEN (CASE WHEN coalesce(it.nps, 7) >= 9 THEN 2 ELSE 4 END)
                            ELSE (CASE WHEN coalesce(it.nps, 7) >= 9 THEN 4 ELSE 6 END) END;

-- up to November 2025: plain INSERT
INSERT INTO region.feedback_responses (received_at, organization_code, response_id, service, response, comment, themes)
SELECT received_at, organization_code, 'sample-' || i, service, response::pekefb.feedback, comment, themes
FROM sample_feedback_rows WHERE received_at < '2025-12-01 00:00+02' ORDER BY received_at;

-- December 2025: one import_feedback document, as a survey system would deliver it
SELECT region.import_feedback(json_agg(json_build_object(
           'received_at', received_at, 'organization', organization_code, 'service', service,
           'response', response::json, 'comment', comment, 'themes', themes) ORDER BY received_at)::text)
       AS imported_december_2025
FROM sample_feedback_rows WHERE received_at >= '2025-12-01 00:00+02';
DROP TABLE sample_feedback_rows, sample_feedback_comments, sample_feedback_orgs;
RESET jit;
