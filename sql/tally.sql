-- tally: the shared state type of the counting aggregates round-trips and combines
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;

SELECT '(3,1,10)'::pekefb.tally, ' ( 0 , 0 , 0 ) '::pekefb.tally;
SELECT '(9223372036854775807,0,9223372036854775807)'::pekefb.tally::text::pekefb.tally OPERATOR(pekefb.=) '(9223372036854775807,0,9223372036854775807)'::pekefb.tally AS round_trip;
SELECT pekefb.tally_combine('(3,1,10)', '(2,2,5)');
SELECT pekefb.tally_share('(3,1,10)'), pekefb.tally_share('(0,0,0)') IS NULL AS empty_is_null;
SELECT pekefb.tally_nps('(5,3,10)');   -- domain.md 6.5: 5 promoters, 3 detractors of 10 -> 20
-- bad input
SELECT '(1,2)'::pekefb.tally;
SELECT '(1,-2,3)'::pekefb.tally;
SELECT '(1,2,3) x'::pekefb.tally;
SELECT '(9223372036854775808,0,0)'::pekefb.tally;
SELECT pekefb.tally_combine('(0,0,9223372036854775807)', '(0,0,1)');
