-- input_soft: on PostgreSQL 16+ every pekefb input function reports bad input as a soft
-- error, so pg_input_is_valid is false for it and pg_input_error_info returns the same
-- SQLSTATE, message and DETAIL as the cast's hard error (each error path of each type).
-- PostgreSQL 15 has neither function: there the test only says so (input_soft_1.out).
SELECT current_setting('server_version_num')::int >= 160000 AS soft_errors \gset
\if :soft_errors
\else
\echo 'skipped: pg_input_is_valid and pg_input_error_info need PostgreSQL 16 or later'
\quit
\endif
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
\i test/regress/try.sql

-- the bad inputs: every error path of every input function
CREATE TEMP TABLE soft_cases (n int, typ text, input text);
-- (feedback's 22P05, a \u escape the database encoding lacks, needs a non-UTF-8 database:
-- test/client covers its hard form)
INSERT INTO soft_cases VALUES
  (1,  'pekefb.target',    '>== 5'),                      -- 22P02
  (2,  'pekefb.target',    '>= 1e999'),                   -- 22003
  (3,  'pekefb.target',    '95%..80%'),                   -- 22023
  (4,  'pekefb.indicator', 'abc'),                        -- 22P02
  (5,  'pekefb.indicator', '1e999'),                      -- 22003
  (6,  'pekefb.indicator', '1/0'),                        -- 22023
  (7,  'pekefb.deadline',  '7 arkipaiva'),                -- 22P02
  (8,  'pekefb.deadline',  '0 days'),                     -- 22003
  (9,  'pekefb.waits',     'x'),                          -- 22P02
  (10, 'pekefb.waits',     '{-1:5}'),                     -- 22003
  (11, 'pekefb.waits',     '{3:1,1:2}'),                  -- 22023: days not ascending
  (12, 'pekefb.waits',     repeat(':', (1 << 24) + 1)),   -- 54000: more than 2^24 days
  (13, 'pekefb.tally',     '(1,2)'),                      -- 22P02
  (14, 'pekefb.tally',     '(9223372036854775808,0,0)'),  -- 22003
  (15, 'pekefb.tally',     '(5,6,10)'),                   -- 22023: a + b > n
  (16, 'pekefb.feedback',  '{"nps":'),                    -- 22P02
  (17, 'pekefb.feedback',  '{"nps":11}');                 -- 22003

-- the issue's reproducer: not valid, and the error in full
SELECT pg_input_is_valid('>== 5', 'pekefb.target') AS valid;
SELECT * FROM pg_input_error_info('>== 5', 'pekefb.target');
SELECT '>== 5'::pekefb.target;

-- every case: not valid, and the soft error has the SQLSTATE, message and DETAIL of the
-- cast's hard error
SELECT c.n, c.typ, pg_input_is_valid(c.input, c.typ) AS valid, e.sql_error_code AS state,
       (e.sql_error_code, e.message, e.detail) IS NOT DISTINCT FROM
       (h.state, h.message, h.detail) AS same_as_hard, e.detail IS NOT NULL AS has_detail
FROM soft_cases c, pg_input_error_info(c.input, c.typ) e,
     pg_temp.try(format('SELECT %L::%s', c.input, c.typ)) h
ORDER BY c.n;

-- good input of every type is valid
SELECT typ, input, pg_input_is_valid(input, typ) AS valid
FROM (VALUES ('pekefb.target', '>= 90%'), ('pekefb.indicator', '45/50'),
             ('pekefb.deadline', '7 working days'), ('pekefb.waits', '{1:5,3:2}'),
             ('pekefb.tally', '(3,1,10)'), ('pekefb.feedback', '{"nps":9}')) v(typ, input);

-- arrays pass the soft error on from the element's input function
SELECT pg_input_is_valid('{">= 90%", ">== 5"}', 'pekefb.target[]') AS array_valid,
       (pg_input_error_info('{">= 90%", ">== 5"}', 'pekefb.target[]')).message;
