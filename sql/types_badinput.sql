-- types_badinput: malformed target and indicator input gets a clear error with the right
-- SQLSTATE: 22P02 unparsable text, 22003 a number beyond double precision, 22023 a
-- parsable but invalid value (a zero denominator, a range with low > high).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
SET search_path = pekefb, public;

-- try(type, input): the SQLSTATE, message and detail of casting input to pekefb.<type>.
CREATE FUNCTION pg_temp.try(typ text, input text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    st text; msg text; det text;
BEGIN
    EXECUTE format('SELECT %L::pekefb.%I', input, typ);
    RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
    RETURN st || ': ' || msg || E'\n   DETAIL: ' || det;
END $$;

-- target
SELECT pg_temp.try('target', s) AS error
FROM unnest(ARRAY['', '   ', '>== 5', '=> 5', '!= 5', '== 5', '<> 5', '>=', '>= %',
                  '>= NaN', '>= Infinity', '>= -inf', '>= 90% x', '>= 90%%', '>= 90 fortnights',
                  '90%', '90', '90%..', '..95%', '80..95%', '80%..95 d', '80%...95%',
                  '80%..95%..99%', '>= 5.', '>= .5', '>= 1,2,3', '>= 1e', '>= 90 % %',
                  '>= 1e999', '>= -1e999 d', '>= 1e-999', '95%..80%', '7 d..1 d',
                  'at least 90%', '>= ninety', 'NaN..1']) AS s;

-- indicator
SELECT pg_temp.try('indicator', s) AS error
FROM unnest(ARRAY['', ' ', 'abc', 'NaN', 'Infinity', '-Infinity', '1/', '/5', '1/2/3',
                  '1/2 x', '45%%', '45 fortnights', '1//2', '4.78.1 d', '4,78,1 d', '45% d',
                  '1/2 pv pv', '1e999', '1/1e999', '1e-999/2', '1/0', '0/0', '1/0 d',
                  '-1/5', '5/-1', '-0,5/2 d', '>= 90%', '80%..95%']) AS s;

-- The same errors as psql shows them, message with DETAIL.
SELECT '>== 5'::target;
SELECT '=> 5'::target;
SELECT '>= 90 fortnights'::target;
SELECT '90%'::target;
SELECT '80..95%'::target;
SELECT '95%..80%'::target;
SELECT '>= 1e999'::target;
SELECT ''::indicator;
SELECT '1/0'::indicator;
SELECT '-1/5'::indicator;
SELECT '1/2/3'::indicator;
SELECT 'NaN'::indicator;
SELECT '4,78 dd'::indicator;
