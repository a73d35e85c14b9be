-- upgrade: the hand-written part of the library upgrade from the last release to the version
-- in the making (the Makefile builds pekefb--LAST--NEXT.sql from it and appends, re-created
-- with CREATE OR REPLACE, upgrade_region and the embedded region texts).  Every change to the
-- library's SQL objects since the last release has its statement here, in the order of the
-- parts; test/client/upgrade.sh proves that upgrading equals installing.

-- 0.2.0 -> 0.3.0
