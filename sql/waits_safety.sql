-- waits_safety: every waits support function called directly, with NULLs and with
-- hand-made states; validation where a value enters; counters that never wrap; exact
-- percentile ranks at huge totals; the distinct-day limit; deterministic bytes
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

------------------------------------------------------------------ STRICT everywhere
-- every function taking or returning waits is STRICT (NULL in, NULL out)
SELECT p.oid::regprocedure AS function, p.proisstrict AS strict
  FROM pg_proc p
 WHERE p.pronamespace = 'pekefb'::regnamespace AND p.prokind = 'f'
   AND ('pekefb.waits'::regtype = ANY (p.proargtypes) OR p.prorettype = 'pekefb.waits'::regtype)
 ORDER BY p.oid::regprocedure::text;
SELECT waits_agg_trans(NULL, 3) IS NULL AS trans_null_state,
       waits_agg_trans('{}', NULL) IS NULL AS trans_null_wait,
       waits_agg_inv(NULL, 3) IS NULL AS inv_null,
       waits_agg_final(NULL) IS NULL AS final_null,
       waits_rollup_final(NULL) IS NULL AS rollup_final_null,
       waits_merge(NULL, '{1:1}') IS NULL AS merge_null_a,
       waits_merge('{1:1}', NULL) IS NULL AS merge_null_b,
       waits_subtract(NULL, '{1:1}') IS NULL AS subtract_null,
       wait_mean(NULL) IS NULL AS mean_null,
       (SELECT count(*) FROM wait_buckets(NULL)) AS bucket_rows_of_null;

------------------------------------------------------------------ direct calls
-- issue 8: waits_agg_trans('{}', 3) works (it failed with "waits count out of range")
SELECT waits_agg_trans('{}', 3) AS from_empty, waits_agg_trans('{0:1,5:2}', 3) AS new_day,
       waits_agg_trans('{0:1,5:2}', 5) AS known_day, waits_agg_trans('{0:1,5:2}', 9) AS last_day;
SELECT waits_agg_inv('{0:1,5:2}', 5) AS one_less, waits_agg_inv('{0:1,5:2}', 0) AS day_gone,
       waits_agg_inv('{0:1}', 7) IS NULL AS missing_day_null, waits_agg_inv('{}', 0) IS NULL AS empty_null;
SELECT waits_agg_final('{}') IS NULL AS final_empty_null, waits_agg_final('{1:2}') AS final,
       waits_rollup_final('{}') AS rollup_final_empty, waits_merge('{}', '{}') AS merge_empties,
       waits_subtract('{}', '{}') AS subtract_empties, waits_subtract('{1:1}', '{}') AS subtract_nothing;
-- the direct results are canonical: the same size as the value typed in
SELECT pg_column_size(waits_agg_trans('{}', 3)) = pg_column_size('{3:1}'::waits) AS trans_size,
       pg_column_size(waits_agg_inv('{0:1,5:2}', 0)) = pg_column_size('{5:2}'::waits) AS inv_size,
       pg_column_size(waits_subtract('{0:1,1:1}', '{1:1}')) = pg_column_size('{0:1}'::waits) AS subtract_size,
       pg_column_size(waits_merge('{0:1}', '{0:1}')) = pg_column_size('{0:2}'::waits) AS merge_size;
-- bad arguments: negative wait, counters past bigint (22003, never wrapped)
SELECT waits_agg_trans('{}', -1);
SELECT waits_agg_trans('{0:9223372036854775807}', 0);
SELECT waits_agg_trans('{0:9223372036854775807}', 1);
SELECT waits_merge('{0:9223372036854775807}', '{0:1}');
-- a merge past bigint in total (it used to give a value that could not be read back)
SELECT waits_merge('{0:9223372036854775807}', '{1:1}');
\set VERBOSITY sqlstate
SELECT waits_agg_trans('{}', -1);
SELECT waits_merge('{0:9223372036854775807}', '{1:1}');
\set VERBOSITY default

------------------------------------------------------------------ users' own aggregates
-- without an initial value a strict transition cannot start: PostgreSQL refuses to create it
CREATE AGGREGATE pg_temp.no_init(integer) (sfunc = pekefb.waits_agg_trans, stype = pekefb.waits);
-- with one, and no final function: the aggregate returns pekefb's working state (unsorted
-- buffer, spare room), which every function reads, prints and compares as its value
CREATE AGGREGATE pg_temp.raw_agg(integer) (sfunc = pekefb.waits_agg_trans, stype = pekefb.waits,
                                           initcond = '{}');
CREATE AGGREGATE pg_temp.raw_rollup(pekefb.waits) (sfunc = pekefb.waits_merge, stype = pekefb.waits);
-- (in a CTE, not a table, so that TOAST does not compress what pg_column_size measures)
WITH raw AS MATERIALIZED (
  SELECT pg_temp.raw_agg(g % 100) AS r, wait_agg(g % 100) AS w FROM generate_series(1000, 1, -1) g)
SELECT r = w AS equal, r::text = w::text AS same_text, md5(waits_send(r)) = md5(waits_send(w)) AS same_binary,
       waits_hash(r) = waits_hash(w) AS same_hash, wait_count(r), wait_min(r), wait_max(r),
       wait_percentile(r, ARRAY[0, 0.5, 1]) AS percentiles, wait_mean(r) = wait_mean(w) AS same_mean,
       share_within(r, 10) = share_within(w, 10) AS same_share,
       (SELECT count(*) FROM wait_buckets(r) b1 JOIN wait_buckets(w) b2 USING (label, waits)) AS equal_buckets,
       pg_column_size(r) > pg_column_size(w) AS raw_is_larger,
       pg_column_size(waits_rollup_final(r)) = pg_column_size(w) AS final_makes_it_canonical,
       waits_merge(r, r) = waits_merge(w, w) AS merge_of_raw, waits_subtract(r, w) AS raw_minus_value,
       waits_agg_trans(r, 5) = waits_agg_trans(w, 5) AS trans_of_raw,
       waits_agg_inv(r, 5) = waits_agg_inv(w, 5) AS inv_of_raw
  FROM raw;
WITH raw AS MATERIALIZED (
  SELECT pg_temp.raw_agg(g % 100) AS r FROM generate_series(1000, 1, -1) g)
SELECT pg_temp.raw_rollup(x) = rollup(x) AS raw_rollup_equal, wait_count(pg_temp.raw_rollup(x)) AS waits,
       rollup(x) = (SELECT wait_agg(g % 100) FROM generate_series(1, 1000) g, generate_series(1, 3) k) AS rollup_equal
  FROM (SELECT r AS x FROM raw UNION ALL SELECT r FROM raw UNION ALL SELECT r FROM raw) s;
-- the same through a moving-window user aggregate (forward and inverse, no final function)
CREATE AGGREGATE pg_temp.raw_moving(integer) (
    sfunc = pekefb.waits_agg_trans, stype = pekefb.waits, initcond = '{}',
    msfunc = pekefb.waits_agg_trans, minvfunc = pekefb.waits_agg_inv, mstype = pekefb.waits,
    minitcond = '{}');
SELECT bool_and(a = b) AS moving_equal, count(*) AS frames
  FROM (SELECT pg_temp.raw_moving(x) OVER w AS a, wait_agg(x) OVER w AS b
          FROM (SELECT g, (g * 7919) % 101 AS x FROM generate_series(1, 500) g) s
        WINDOW w AS (ORDER BY g ROWS 40 PRECEDING)) q;

------------------------------------------------------------------ hand-made states
-- a superuser can make any bytes a waits value (here with internal functions that copy a
-- varlena as it is); every function checks the header (n, buffered, room, total against
-- the size) and the pairs before reading, and refuses an inconsistent value with 22P03
CREATE SCHEMA waits_raw;
CREATE FUNCTION waits_raw.w(bytea) RETURNS pekefb.waits AS 'byteasend' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION waits_raw.b(pekefb.waits) RETURNS bytea AS 'byteasend' LANGUAGE internal IMMUTABLE STRICT;
-- layout after the 4-byte varlena header: int32 n, int32 buffered, int32 room,
-- int64 total, int64 counts[room], int32 days[room] (little-endian here)
SELECT waits_raw.b('{0:1}') AS bytes_of_0_1;
-- consistent hand-made values: compact, and with two buffered pairs (days 7 and 3)
SELECT waits_raw.w('\x0100000000000000010000000100000000000000010000000000000000000000') AS compact_ok,
       waits_raw.w('\x0000000002000000030000000300000000000000010000000000000002000000000000000000000000000000070000000300000000000000') AS buffered_ok;
SELECT wait_min(b), wait_max(b), wait_count(b), b = '{3:2,7:1}' AS equal, waits_raw.b(waits_rollup_final(b)) AS canonical
  FROM (SELECT waits_raw.w('\x0000000002000000030000000300000000000000010000000000000002000000000000000000000000000000070000000300000000000000') AS b) s;
-- shorter than a header
SELECT wait_count(waits_raw.w('\x0100'));
-- n + buffered > room
SELECT wait_count(waits_raw.w('\x0200000000000000010000000100000000000000010000000000000000000000'));
-- size does not match the room (room 2, data for 1)
SELECT wait_count(waits_raw.w('\x0100000000000000020000000100000000000000010000000000000000000000'));
-- negative total
SELECT wait_count(waits_raw.w('\x010000000000000001000000ffffffffffffffff010000000000000000000000'));
-- counts do not add up to the total
SELECT wait_count(waits_raw.w('\x0100000000000000010000000500000000000000010000000000000000000000'));
-- sorted days not ascending: 5 then 3
SELECT wait_max(waits_raw.w('\x0200000000000000020000000200000000000000010000000000000001000000000000000500000003000000'));
-- a count of 0, a negative day
SELECT wait_max(waits_raw.w('\x0100000000000000010000000000000000000000000000000000000000000000'));
SELECT wait_max(waits_raw.w('\x01000000000000000100000001000000000000000100000000000000ffffffff'));
-- as the first state of rollup (copied in as the state without a call), as a merge
-- argument, and through the transition functions
SELECT rollup(x) FROM (VALUES (waits_raw.w('\x0100000000000000010000000500000000000000010000000000000000000000'))) v(x);
SELECT rollup(x) FROM (VALUES ('{1:1}'::waits), (waits_raw.w('\x0100000000000000010000000500000000000000010000000000000000000000'))) v(x);
SELECT wait_agg(x) FROM (VALUES (1), (2)) v(x) GROUP BY waits_raw.w('\x0200000000000000020000000200000000000000010000000000000001000000000000000500000003000000');
SELECT waits_agg_trans(waits_raw.w('\x0200000000000000010000000100000000000000010000000000000000000000'), 1);
SELECT waits_agg_inv(waits_raw.w('\x0200000000000000010000000100000000000000010000000000000000000000'), 1);
SELECT waits_subtract('{1:1}', waits_raw.w('\x0100000000000000010000000500000000000000010000000000000000000000'));
SELECT waits_merge(waits_raw.w('\x0100000000000000010000000500000000000000010000000000000000000000'), '{1:1}');
SELECT waits_raw.w('\x0200000000000000020000000200000000000000010000000000000001000000000000000500000003000000') = '{1:1}';
\set VERBOSITY sqlstate
SELECT wait_count(waits_raw.w('\x0100'));
SELECT wait_count(waits_raw.w('\x0100000000000000010000000500000000000000010000000000000000000000'));
\set VERBOSITY default

------------------------------------------------------------------ deterministic bytes
-- equal values have equal bytes (header, arrays, no spare room, no stale memory), whether
-- typed in, built by wait_agg in any order, rolled up, subtracted, or merged directly
CREATE TEMP TABLE same AS
  SELECT 'input' AS how, '{0:2,1:1,5:3}'::waits AS w
  UNION ALL SELECT 'wait_agg ascending', wait_agg(x) FROM unnest('{0,0,1,5,5,5}'::int[]) x
  UNION ALL SELECT 'wait_agg descending', wait_agg(x) FROM unnest('{5,5,5,1,0,0}'::int[]) x
  UNION ALL SELECT 'rollup', rollup(s) FROM (VALUES ('{5:3}'::waits), ('{1:1}'), ('{0:2}')) v(s)
  UNION ALL SELECT 'subtract', waits_subtract('{0:2,1:1,2:7,5:3,9:1}', '{2:7,9:1}')
  UNION ALL SELECT 'merge', waits_merge('{0:1,5:3}', '{0:1,1:1}')
  UNION ALL SELECT 'trans', waits_agg_trans('{0:2,5:3}', 1)
  UNION ALL SELECT 'inv', waits_agg_inv('{0:2,1:1,5:4}', 5)
  UNION ALL SELECT 'text round trip', '{0:2,1:1,5:3}'::waits::text::waits;
SELECT how, octet_length(waits_raw.b(w)) AS bytes, md5(waits_raw.b(w)) = (SELECT md5(waits_raw.b(w)) FROM same WHERE how = 'input') AS same_bytes,
       md5(waits_send(w)) = (SELECT md5(waits_send(w)) FROM same WHERE how = 'input') AS same_send
  FROM same ORDER BY how;
-- states of many rows, in three input orders and rolled up from parts, stored in a table
CREATE TEMP TABLE big AS
  SELECT 'ascending' AS how, wait_agg(g % 5000) AS w FROM generate_series(0, 49999) g
  UNION ALL SELECT 'descending', wait_agg(g % 5000) FROM generate_series(49999, 0, -1) g
  UNION ALL SELECT 'shuffled', wait_agg(x) FROM (SELECT g % 5000 AS x FROM generate_series(0, 49999) g ORDER BY hashint4(g)) s
  UNION ALL SELECT 'rollup of 10 parts', rollup(p) FROM
    (SELECT wait_agg(g % 5000) AS p FROM generate_series(0, 49999) g GROUP BY g % 10) s;
SELECT count(DISTINCT md5(waits_raw.b(w))) AS distinct_bytes, count(DISTINCT pg_column_size(w)) AS distinct_sizes,
       min(octet_length(waits_raw.b(w))) = 20 + 12 * 5000 AS exact_size,
       max(octet_length(waits_raw.b(w))) = 20 + 12 * 5000 AS exact_size_all, count(DISTINCT md5(waits_send(w))) AS distinct_send
  FROM big;
DROP TABLE same, big;
DROP SCHEMA waits_raw CASCADE;

------------------------------------------------------------------ exact percentile ranks
-- issue 8: p = 1 is the maximum for every total up to 2^63 - 1 (it gave 0: the row number
-- was computed in double precision and overflowed)
SELECT wait_percentile('{0:1,1:9223372036854775806}', 1) AS p1_max;
SELECT p, wait_percentile('{0:1,1:9223372036854775806}', p) AS one_then_rest,
       wait_percentile('{0:9223372036854775806,1:1}', p) AS rest_then_one,
       wait_percentile('{0:4611686018427387904,1:4611686018427387903}', p) AS halves
  FROM unnest(ARRAY[0, 5e-324, 1e-300, 1e-19, 0.5, 0.9999999999999999, 1]::float8[]) p;
-- just above 2^53 rows a double cannot hold the total: p = 1 still finds the single maximum
SELECT wait_percentile('{0:9007199254740992,7:1}', 1) AS p1_above_2_53,
       wait_percentile('{0:9007199254740992,7:1}', 0.9999999999999999) AS below_1;
SELECT wait_percentile('{0:9007199254740992,7:1}', ARRAY[0, 0.5, 1]) AS array_form;
-- rolled up to 2^63 - 1 and read back
SELECT wait_percentile(rollup(x), 1) AS max, wait_count(rollup(x)) AS waits
  FROM (VALUES ('{3:4611686018427387904}'::waits), ('{9:4611686018427387902}'), ('{12:1}')) v(x);

------------------------------------------------------------------ counters never wrap
SELECT rollup(x) AS at_the_limit FROM (VALUES ('{0:4611686018427387904}'::waits), ('{1:4611686018427387903}')) v(x);
SELECT rollup(x) FROM (VALUES ('{0:4611686018427387904}'::waits), ('{1:4611686018427387903}'), ('{2:1}')) v(x);
SELECT rollup(x) FROM (VALUES ('{0:9223372036854775807}'::waits), ('{0:1}')) v(x);
-- a total of 2^63 - 1 built by merging is printed and read back (text), and = holds
SELECT w::text AS text_form, w::text::waits = w AS text_round_trip, wait_count(w::text::waits) AS waits
  FROM (SELECT waits_merge(waits_merge('{0:4611686018427387904}', '{1:4611686018427387902}'), '{2:1}') AS w) s;

------------------------------------------------------------------ the distinct-day limit
-- at most 16 777 216 distinct days, so the text form of every value stays under 520 MB;
-- text with more pairs is refused before anything is allocated (54000)
SELECT ('{' || repeat('1:1,', 16777216) || '1:1}')::waits;
\set VERBOSITY sqlstate
SELECT ('{' || repeat('1:1,', 16777216) || '1:1}')::waits;
\set VERBOSITY default
-- a value of many distinct days prints and reads back (200 000 days here; the limit itself
-- is tested in test/unit/test_waits.c)
SELECT wait_count(w) AS waits, length(w::text) AS text_length, w::text::waits = w AS text_round_trip
  FROM (SELECT wait_agg(g * 10000) AS w FROM generate_series(200000, 1, -1) g) s;
