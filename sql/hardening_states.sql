-- hardening_states: the state and value types (tally, indicator, target, deadline) and every
-- function built on them are safe to call by hand (issue 8): NULL states, hand-made
-- inconsistent states and counters at 2^63 - 1 give a result or a class-22 error, never a
-- crash or a wrapped counter; indicators are finite; equal values have equal bytes; and the
-- four types have btree and hash operator classes.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET DateStyle = 'ISO, YMD';

-- try(sql): the result of a query as text, or its SQLSTATE, message and detail.
CREATE FUNCTION pg_temp.try(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    r text; st text; msg text; det text;
BEGIN
    EXECUTE q INTO r;
    RETURN coalesce(r, 'NULL');
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
    RETURN st || ': ' || msg || E'\n   DETAIL: ' || det;
END $$;

-- 1. NULL states.  The reproducers of issue 8 crashed the server on 0.1.
-- access_rate's transition functions cannot be STRICT (a NULL finished is an open case);
-- a NULL state is the empty state (0,0,0), as PostgreSQL's aggregates treat one.
SELECT pekefb.access_rate_trans(NULL::pekefb.tally, '2025-01-01', '2025-01-05', '7 days');
SELECT pekefb.access_rate_trans(NULL::pekefb.tally, NULL, NULL, NULL) AS skipped_row;
SELECT pekefb.access_rate_asof_trans(NULL::pekefb.tally, '2025-01-01', NULL, '7 days', '2025-02-01') AS late_open;
SELECT pekefb.access_rate_tz_trans(NULL::pekefb.tally, '2025-01-01 10:00+02', '2025-01-20 10:00+02', '7 days') AS late;
SELECT pekefb.access_rate_tz_asof_trans(NULL::pekefb.tally, '2025-01-01 10:00+02', NULL, '7 days', '2025-01-03 00:00+02') AS open_in_time;
-- an inverse on the empty state would remove a row that is not there: 22023, not (0,0,-1)
SELECT pg_temp.try($$SELECT pekefb.access_rate_inv(NULL::pekefb.tally, '2025-01-01', '2025-01-05', '7 days')$$) AS inv_null;
SELECT pg_temp.try($$SELECT pekefb.access_rate_asof_inv(NULL, '2025-01-01', NULL, '7 days', '2025-02-01')$$) AS asof_inv_null;
SELECT pg_temp.try($$SELECT pekefb.access_rate_tz_inv(NULL, '2025-01-01', '2025-01-05', '7 days')$$) AS tz_inv_null;
SELECT pg_temp.try($$SELECT pekefb.access_rate_tz_asof_inv(NULL, '2025-01-01', NULL, '7 days', '2025-02-01')$$) AS tz_asof_inv_null;
SELECT pekefb.access_rate_inv('(1,0,1)', '2025-01-01', '2025-01-05', '7 days') AS inverse_of_one;
-- the same for the explicit-calendar variants (the region's form)
SELECT pekefb.access_rate_cal_trans(NULL, '2025-01-01', '2025-01-05', '7 days', 'strict', '{}', false) AS cal,
       pekefb.access_rate_asof_cal_trans(NULL, '2025-01-01', NULL, '7 days', '2025-02-01', 'strict', '{}', false) AS cal_late_open;
SELECT pg_temp.try($$SELECT pekefb.access_rate_cal_inv(NULL, '2025-01-01', '2025-01-05', '7 days', 'strict', '{}', false)$$) AS cal_inv_null;
SELECT pg_temp.try($$SELECT pekefb.access_rate_asof_cal_inv(NULL, '2025-01-01', NULL, '7 days', '2025-02-01', 'strict', '{}', false)$$) AS asof_cal_inv_null;

-- The other transition functions are STRICT: a NULL argument leaves the state alone, which
-- is what skipping a NULL row means, and a direct call with a NULL state is NULL.
SELECT pekefb.int_nps_trans(NULL, 9) IS NULL AS int_nps_trans,
       pekefb.int_nps_inv(NULL, 9) IS NULL AS int_nps_inv,
       pekefb.feedback_nps_trans(NULL, '{"nps":9}') IS NULL AS feedback_nps_trans,
       pekefb.feedback_nps_inv(NULL, '{"nps":9}') IS NULL AS feedback_nps_inv,
       pekefb.feedback_item_mean_trans(NULL, '{"items":{"a":4}}', 'a') IS NULL AS item_mean_trans,
       pekefb.feedback_item_mean_inv(NULL, '{"items":{"a":4}}', 'a') IS NULL AS item_mean_inv,
       pekefb.feedback_agree_trans(NULL, '{"items":{"a":4}}', 'a') IS NULL AS agree_trans,
       pekefb.feedback_agree_inv(NULL, '{"items":{"a":4}}', 'a') IS NULL AS agree_inv;
SELECT pekefb.target_attainment_trans(NULL, 0.95::float8, '>= 90%') IS NULL AS float8_trans,
       pekefb.target_attainment_inv(NULL, 0.95::float8, '>= 90%') IS NULL AS float8_inv,
       pekefb.target_attainment_trans(NULL, '95%'::pekefb.indicator, '>= 90%') IS NULL AS indicator_trans,
       pekefb.target_attainment_inv(NULL, '95%'::pekefb.indicator, '>= 90%') IS NULL AS indicator_inv,
       pekefb.int_nps_trans('(1,0,1)', NULL) AS null_row_skipped;
-- Every extension function that takes a tally and is not STRICT is one of access_rate's
-- twelve, and all of those handle a NULL state (above).
SELECT p.oid::regprocedure AS not_strict
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'pekefb'
WHERE NOT p.proisstrict AND 'pekefb.tally'::regtype = ANY (p.proargtypes::oid[])
ORDER BY 1::text;

-- A user's own aggregate over a STRICT transition function needs an INITCOND (PostgreSQL
-- says so at CREATE AGGREGATE); with one it works.
CREATE AGGREGATE pg_temp.a(integer) (sfunc = pekefb.int_nps_trans, stype = pekefb.tally);
CREATE AGGREGATE pg_temp.a(integer) (sfunc = pekefb.int_nps_trans, stype = pekefb.tally, initcond = '(0,0,0)');
SELECT pg_temp.a(x) AS state, pekefb.nps(x) FROM (VALUES (9), (10), (3), (NULL), (7)) v(x);
-- ... and one over access_rate's transition without INITCOND starts from a NULL state.
CREATE AGGREGATE pg_temp.ar(date, date, pekefb.deadline) (sfunc = pekefb.access_rate_trans, stype = pekefb.tally);
SELECT pg_temp.ar(s, f, '7 days') AS state, pekefb.access_rate(s, f, '7 days') AS rate
FROM (VALUES (date '2025-01-01', date '2025-01-05'), ('2025-01-01', '2025-01-20'), ('2025-01-02', NULL)) v(s, f);
SELECT pg_temp.ar(s, f, '7 days') IS NULL AS no_rows_is_null FROM (VALUES (date '2025-01-01', date '2025-01-05')) v(s, f) WHERE false;

-- 2. State validation wherever a tally enters.  Every tally has 0 <= a, 0 <= b, a + b <= n.
SELECT t, pg_temp.try(format('SELECT %L::pekefb.tally', t)) AS result
FROM unnest(ARRAY['(0,0,0)', '(4,6,10)', '(10,0,10)', '(5,6,10)', '(11,0,10)', '(0,11,10)',
                  '(1,-2,3)', '(-1,0,0)', '(0,0,-1)', '(0,0,-9223372036854775808)',
                  '(9223372036854775807,9223372036854775807,9223372036854775807)',
                  '(9223372036854775808,0,0)', '(0,0,-9223372036854775809)',
                  '(1,2)', '(1,2,3', '(1,2,3) x', '(+1,2,3)', '', '(1.0,0,1)']) AS t;
-- The support functions check the states they are given (here built from valid text, so the
-- checks show on the results): combine, final and transition functions.
SELECT pg_temp.try($$SELECT pekefb.tally_combine('(0,0,9223372036854775807)', '(0,0,1)')$$) AS combine_overflow,
       pg_temp.try($$SELECT pekefb.tally_combine('(9223372036854775807,0,9223372036854775807)', '(1,0,1)')$$) AS combine_overflow_a;
SELECT pekefb.tally_combine('(1,0,9223372036854775806)', '(0,0,1)') AS combine_to_the_maximum;
-- counters at 2^63 - 1: the next row is 22003, never a wrap to a negative count
SELECT pg_temp.try($$SELECT pekefb.int_nps_trans('(0,0,9223372036854775807)', 9)$$) AS nps_overflow;
SELECT pg_temp.try($$SELECT pekefb.feedback_item_mean_trans('(0,0,9223372036854775804)', '{"items":{"a":4}}', 'a')$$) AS mean_overflow;
SELECT pg_temp.try($$SELECT pekefb.feedback_agree_trans('(9223372036854775807,0,9223372036854775807)', '{"items":{"a":4}}', 'a')$$) AS agree_overflow;
SELECT pg_temp.try($$SELECT pekefb.target_attainment_trans('(9223372036854775807,0,9223372036854775807)', 1::float8, '>= 90%')$$) AS attainment_overflow;
SELECT pg_temp.try($$SELECT pekefb.access_rate_trans('(0,0,9223372036854775807)', '2025-01-01', '2025-01-05', '7 days')$$) AS access_overflow;
-- inverse functions: removing a row that is not in the state is 22023
SELECT pg_temp.try($$SELECT pekefb.int_nps_inv('(0,0,0)', 9)$$) AS nps_inv_empty,
       pg_temp.try($$SELECT pekefb.int_nps_inv('(0,3,3)', 9)$$) AS nps_inv_no_promoter;
SELECT pg_temp.try($$SELECT pekefb.feedback_nps_inv('(0,0,1)', '{"nps":0}')$$) AS fb_nps_inv,
       pg_temp.try($$SELECT pekefb.feedback_item_mean_inv('(0,0,4)', '{"items":{"a":5}}', 'a')$$) AS mean_inv,
       pg_temp.try($$SELECT pekefb.feedback_agree_inv('(0,0,1)', '{"items":{"a":5}}', 'a')$$) AS agree_inv;
SELECT pg_temp.try($$SELECT pekefb.target_attainment_inv('(0,0,1)', '95%'::pekefb.indicator, '>= 90%')$$) AS attainment_inv;
SELECT pekefb.int_nps_inv('(1,0,2)', 10) AS nps_inv_ok, pekefb.target_attainment_inv('(1,0,1)', 0.95::float8, '>= 90%') AS attainment_inv_ok;
-- final functions; item_mean's state counts points above 1 (a) out of 4 per answer (n)
SELECT pekefb.tally_share('(10,0,10)') AS share_one, pekefb.tally_nps('(0,10,10)') AS nps_minus_100,
       pekefb.tally_nps('(9223372036854775807,0,9223372036854775807)') AS nps_100_at_max,
       pekefb.tally_mean('(9223372036854775804,0,9223372036854775804)') AS mean_5_at_max,
       pekefb.tally_mean('(0,0,8)') AS mean_1, pekefb.tally_mean('(0,0,0)') IS NULL AS mean_none;
SELECT pg_temp.try($$SELECT pekefb.tally_mean('(1,0,5)')$$) AS mean_bad_n,
       pg_temp.try($$SELECT pekefb.tally_mean('(1,1,4)')$$) AS mean_bad_b;
-- item_mean equals sum/count of the scores, also in a window (with the inverse)
CREATE TEMP TABLE fb AS
SELECT g AS id, format('{"items":{"a":%s}}', CASE WHEN g % 7 = 0 THEN 'null' ELSE (1 + g % 5)::text END)::pekefb.feedback AS f
FROM generate_series(1, 200) g;
SELECT pekefb.item_mean(f, 'a') = sum(pekefb.item(f, 'a'))::float8 / count(pekefb.item(f, 'a')) AS mean_matches_sql FROM fb;
SELECT bool_and(m IS NOT DISTINCT FROM a) AS window_mean_matches_sql
FROM (SELECT pekefb.item_mean(f, 'a') OVER w AS m,
             (sum(pekefb.item(f, 'a')) OVER w)::float8 / nullif(count(pekefb.item(f, 'a')) OVER w, 0) AS a
      FROM fb WINDOW w AS (ORDER BY id ROWS 4 PRECEDING)) x;

-- 3. Indicators are finite.  On 0.1 '1/5e-324' was accepted with value = Infinity.
SELECT i, pg_temp.try(format('SELECT pekefb.value(%L::pekefb.indicator)::text', i)) AS value
FROM unnest(ARRAY['1/5e-324', '1e308/1e-10 d', '1.7976931348623157e308/0.5', '5e-324/1',
                  '1.7976931348623157e308/1', '1.7976931348623157e308%', 'NaN', '1/NaN',
                  'Infinity']) AS i;
SELECT pg_temp.try($$SELECT pekefb.sum(x)::text FROM (VALUES ('1e308'::pekefb.indicator), ('1e308')) v(x)$$) AS sum_overflow;
-- targets: numbers beyond double precision were refused already; NaN and Infinity too
SELECT t, pg_temp.try(format('SELECT %L::pekefb.target::text', t)) AS target
FROM unnest(ARRAY['>= 1e400', '>= -1e400 d', '>= NaN', '<= Infinity', '1e308%..1.7976931348623157e308%']) AS t;
-- NaN compared with a target is refused (PostgreSQL sorts NaN above every number, which
-- would make it meet every >= target); Infinity compares like a number.
SELECT pg_temp.try($$SELECT pekefb.attained('NaN'::float8, '>= 90%')::text$$) AS attained_nan,
       pg_temp.try($$SELECT pekefb.attainment('NaN'::float8, '>= 90%')::text$$) AS attainment_nan,
       pg_temp.try($$SELECT pekefb.attainment(0.5::float8, '>= 90%', 'NaN')::text$$) AS baseline_nan;
SELECT pg_temp.try($$SELECT pekefb.target_attainment(v, '>= 90%')::text FROM (VALUES (0.95::float8), ('NaN')) x(v)$$) AS aggregate_nan;
SELECT pekefb.attained('Infinity'::float8, '>= 90%') AS inf_meets, pekefb.attained('-Infinity'::float8, '<= 60 d') AS minus_inf_meets;
-- attainment from finite inputs never overflows to Infinity: 22003, as float division does;
-- with an infinite value or baseline it follows float semantics
SELECT pg_temp.try($$SELECT pekefb.attainment(1e308::float8, '>= 1e-300')::text$$) AS attainment_overflow,
       pg_temp.try($$SELECT pekefb.attainment('1.7976931348623157e308'::pekefb.indicator, '>= 1e-300')::text$$) AS indicator_overflow,
       pg_temp.try($$SELECT pekefb.attainment(1e-300::float8, '<= 1e300', 0)::text$$) AS baseline_finite_ok;
SELECT pekefb.attainment('Infinity'::float8, '>= 90%') AS inf_towards_higher,
       pekefb.attainment('-Infinity'::float8, '<= 60 d') AS minus_inf_towards_lower,
       pekefb.attainment(5::float8, '<= 60 d', 'Infinity') AS infinite_baseline;

-- 4. Deterministic bytes: equal values built along different paths have equal size and
-- equal binary form.
CREATE TEMP TABLE same (kind text, path text, v text, size int, bytes text);
INSERT INTO same
SELECT 'tally', 'text', t::text, pg_catalog.pg_column_size(t), pg_catalog.md5(pekefb.tally_send(t)::text)
FROM (SELECT '(2,1,4)'::pekefb.tally AS t) x
UNION ALL
SELECT 'tally', 'aggregate', t::text, pg_catalog.pg_column_size(t), pg_catalog.md5(pekefb.tally_send(t)::text)
FROM (SELECT pg_temp.a(x) AS t FROM (VALUES (9), (10), (3), (7)) v(x)) x
UNION ALL
SELECT 'tally', 'combine', t::text, pg_catalog.pg_column_size(t), pg_catalog.md5(pekefb.tally_send(t)::text)
FROM (SELECT pekefb.tally_combine('(1,1,2)', '(1,0,2)') AS t) x
UNION ALL
SELECT 'indicator', 'text', i::text, pg_catalog.pg_column_size(i), pg_catalog.md5(pekefb.indicator_send(i)::text)
FROM (SELECT '1508/1684'::pekefb.indicator AS i) x
UNION ALL
SELECT 'indicator', 'sum', i::text, pg_catalog.pg_column_size(i), pg_catalog.md5(pekefb.indicator_send(i)::text)
FROM (SELECT pekefb.sum(i) AS i FROM (VALUES ('698/788'::pekefb.indicator), ('810/896')) v(i)) x
UNION ALL
SELECT 'indicator', 'add', i::text, pg_catalog.pg_column_size(i), pg_catalog.md5(pekefb.indicator_send(i)::text)
FROM (SELECT pekefb.indicator_add('810/896', '698/788') AS i) x
UNION ALL
SELECT 'indicator', 'quantity sum', i::text, pg_catalog.pg_column_size(i), pg_catalog.md5(pekefb.indicator_send(i)::text)
FROM (SELECT pekefb.sum(i) AS i FROM (VALUES ('-2'::pekefb.indicator), ('2')) v(i)) x
UNION ALL
SELECT 'indicator', 'quantity text', i::text, pg_catalog.pg_column_size(i), pg_catalog.md5(pekefb.indicator_send(i)::text)
FROM (SELECT '-0'::pekefb.indicator AS i) x
UNION ALL
SELECT 'target', 'text', t::text, pg_catalog.pg_column_size(t), pg_catalog.md5(pekefb.target_send(t)::text)
FROM (SELECT '>= 90%'::pekefb.target AS t) x
UNION ALL
SELECT 'target', 'other spelling', t::text, pg_catalog.pg_column_size(t), pg_catalog.md5(pekefb.target_send(t)::text)
FROM (SELECT '>=90,0 %'::pekefb.target AS t) x
UNION ALL
SELECT 'deadline', 'text', d::text, pg_catalog.pg_column_size(d), pg_catalog.md5(pekefb.deadline_send(d)::text)
FROM (SELECT '14 days'::pekefb.deadline AS d) x
UNION ALL
SELECT 'deadline', 'weeks', d::text, pg_catalog.pg_column_size(d), pg_catalog.md5(pekefb.deadline_send(d)::text)
FROM (SELECT '2 viikkoa'::pekefb.deadline AS d) x;
SELECT kind, v, count(*) AS paths, count(DISTINCT size) AS sizes, count(DISTINCT bytes) AS binary_forms
FROM same GROUP BY kind, v ORDER BY kind, v;
-- and stored equal values have equal sizes and bytes too
CREATE TEMP TABLE stored (t pekefb.tally, i pekefb.indicator, g pekefb.target, d pekefb.deadline);
INSERT INTO stored VALUES ('(2,1,4)', '1508/1684', '>= 90%', '14 days');
INSERT INTO stored SELECT pekefb.tally_combine('(1,1,2)', '(1,0,2)'), pekefb.indicator_add('810/896', '698/788'),
                          '>=90,0 %', '2 weeks';
INSERT INTO stored SELECT pg_temp.a(x), (SELECT pekefb.sum(i) FROM (VALUES ('810/896'::pekefb.indicator), ('698/788')) v(i)),
                          '>= 90,00%', '14 päivää'
FROM (VALUES (9), (10), (3), (7)) v(x);
SELECT count(*) AS rows,
       count(DISTINCT (pg_catalog.pg_column_size(t), pg_catalog.pg_column_size(i),
                       pg_catalog.pg_column_size(g), pg_catalog.pg_column_size(d))) AS distinct_sizes,
       count(DISTINCT pg_catalog.md5(pekefb.tally_send(t) OPERATOR(pg_catalog.||) pekefb.indicator_send(i)
                                     OPERATOR(pg_catalog.||) pekefb.target_send(g) OPERATOR(pg_catalog.||) pekefb.deadline_send(d))) AS distinct_bytes
FROM stored;

-- 5. btree and hash operator classes.  On 0.1 SELECT DISTINCT '>= 90%'::pekefb.target failed.
SELECT DISTINCT '>= 90%'::pekefb.target;
SELECT c.opcname, a.amname, c.opcdefault
FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_am a ON a.oid = c.opcmethod
WHERE c.opcintype IN ('pekefb.tally'::regtype, 'pekefb.indicator'::regtype, 'pekefb.target'::regtype, 'pekefb.deadline'::regtype)
ORDER BY c.opcname;
CREATE TEMP TABLE vals (id int, t pekefb.tally, i pekefb.indicator, g pekefb.target, d pekefb.deadline);
INSERT INTO vals VALUES
  (1, '(1,0,2)',  '698/788',      '>= 90%',   '14 days'),
  (2, '(0,1,2)',  '349/394',      '<= 60 d',  '2 weeks'),
  (3, '(1,0,2)',  '45%',          '>= 80%',   '7 working days'),
  (4, '(2,0,2)',  '9/20',         '80%..95%', '3 months'),
  (5, '(0,0,0)',  '4.78 d',       '>= 90%',   '1 kk'),
  (6, '(0,1,2)',  '11140/2331 d', '< 7',      '7 arkipäivää'),
  (7, '(1,0,10)', '-2',           '= 100%',   '1 day'),
  (8, '(2,0,2)',  '698/788',      '<= 60 d',  '3 months'),
  (9, NULL,       NULL,           NULL,       NULL);
-- the documented orders: tally by a, b, n; indicator by unit, value, kind, numerator,
-- denominator; target by unit, direction, low, high; deadline by unit, then length
SELECT t FROM vals ORDER BY t, id;
SELECT i, pekefb.value(i) FROM vals ORDER BY i, id;
SELECT g FROM vals ORDER BY g DESC, id;
SELECT d FROM vals ORDER BY d, id;
SELECT '698/788'::pekefb.indicator OPERATOR(pekefb.=) '349/394' AS same_value_not_equal,
       '698/788'::pekefb.indicator OPERATOR(pekefb.>) '349/394' AS ordered_by_numerator,
       '45%'::pekefb.indicator OPERATOR(pekefb.<) '9/20' AS quantity_before_ratio,
       '2 weeks'::pekefb.deadline OPERATOR(pekefb.=) '14 days' AS weeks_are_days,
       '>= 90%'::pekefb.target OPERATOR(pekefb.<>) '>= 0.9' AS written_numbers_differ,
       '(1,0,2)'::pekefb.tally OPERATOR(pekefb.<=) '(1,0,2)' AS le_equal;
-- DISTINCT, GROUP BY, UNION: sorted and hashed plans give the same groups
SELECT count(DISTINCT t) AS t, count(DISTINCT i) AS i, count(DISTINCT g) AS g, count(DISTINCT d) AS d FROM vals;
SET enable_hashagg = off;
SELECT g, count(*) FROM vals GROUP BY g ORDER BY g;
SELECT i, count(*) FROM vals GROUP BY i ORDER BY i;
SELECT d FROM vals UNION SELECT '14 days' ORDER BY 1;
SELECT t FROM vals UNION SELECT '(0,0,0)' ORDER BY 1;
RESET enable_hashagg;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT g, count(*) FROM vals GROUP BY g;
CREATE TEMP TABLE hashed AS
SELECT 'g' AS col, g::text AS v, count(*) AS n FROM vals GROUP BY g
UNION ALL SELECT 'i', i::text, count(*) FROM vals GROUP BY i
UNION ALL SELECT 't', t::text, count(*) FROM vals GROUP BY t
UNION ALL SELECT 'd', d::text, count(*) FROM vals GROUP BY d;
RESET enable_sort;
SELECT col, v, n FROM hashed ORDER BY col, v COLLATE "C";
SELECT (SELECT count(*) FROM (SELECT g FROM vals UNION SELECT g FROM vals) u) AS union_targets,
       (SELECT count(*) FROM (SELECT i FROM vals UNION SELECT i FROM vals) u) AS union_indicators;
-- hash join and merge join on each type
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM vals a JOIN vals b ON a.i OPERATOR(pekefb.=) b.i;
SELECT (SELECT count(*) FROM vals a JOIN vals b ON a.t OPERATOR(pekefb.=) b.t) AS t_pairs,
       (SELECT count(*) FROM vals a JOIN vals b ON a.i OPERATOR(pekefb.=) b.i) AS i_pairs,
       (SELECT count(*) FROM vals a JOIN vals b ON a.g OPERATOR(pekefb.=) b.g) AS g_pairs,
       (SELECT count(*) FROM vals a JOIN vals b ON a.d OPERATOR(pekefb.=) b.d) AS d_pairs;
SET enable_hashjoin = off; SET enable_mergejoin = on;
EXPLAIN (COSTS OFF) SELECT count(*) FROM vals a JOIN vals b ON a.g OPERATOR(pekefb.=) b.g;
SELECT (SELECT count(*) FROM vals a JOIN vals b ON a.t OPERATOR(pekefb.=) b.t) AS t_pairs,
       (SELECT count(*) FROM vals a JOIN vals b ON a.i OPERATOR(pekefb.=) b.i) AS i_pairs,
       (SELECT count(*) FROM vals a JOIN vals b ON a.g OPERATOR(pekefb.=) b.g) AS g_pairs,
       (SELECT count(*) FROM vals a JOIN vals b ON a.d OPERATOR(pekefb.=) b.d) AS d_pairs;
RESET enable_hashjoin; RESET enable_mergejoin; RESET enable_nestloop;
-- hash functions agree with equality: equal values hash alike (also the seeded 64-bit hash)
SELECT bool_and(pekefb.target_hash(a.g) = pekefb.target_hash(b.g)
                AND pekefb.target_hash_extended(a.g, 7) = pekefb.target_hash_extended(b.g, 7)) AS target_hashes,
       bool_and(pekefb.indicator_hash(a.i) = pekefb.indicator_hash(b.i)) AS indicator_hashes
FROM vals a JOIN vals b ON a.g OPERATOR(pekefb.=) b.g AND a.i OPERATOR(pekefb.=) b.i;
SELECT pekefb.deadline_hash('2 weeks') = pekefb.deadline_hash('14 days') AS deadline_hash,
       pekefb.tally_hash_extended('(1,0,2)', 3) = pekefb.tally_hash_extended(pekefb.tally_combine('(0,0,1)', '(1,0,1)'), 3) AS tally_hash;
-- a btree index and a hash index on each type
CREATE INDEX ON vals (g); CREATE INDEX ON vals USING hash (i); CREATE INDEX ON vals (t, d);
SET enable_seqscan = off;
SELECT id FROM vals WHERE g OPERATOR(pekefb.=) '<= 60 d' ORDER BY id;
SELECT id FROM vals WHERE i OPERATOR(pekefb.=) '698/788' ORDER BY id;
SELECT id FROM vals WHERE t OPERATOR(pekefb.>) '(1,0,2)' ORDER BY id;
RESET enable_seqscan;
