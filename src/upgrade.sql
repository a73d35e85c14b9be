-- upgrade: the hand-written part of the library upgrade from the last release to the version
-- in the making (the Makefile builds pekefb--LAST--NEXT.sql from it and appends, re-created
-- with CREATE OR REPLACE, upgrade_region and the embedded region texts).  Every change to the
-- library's SQL objects since the last release has its statement here, in the order of the
-- parts; test/client/upgrade.sh proves that upgrading equals installing.

-- 0.2.0 -> 0.3.0

-- ---- thl (issue 11): a deadline in the reader's language for the views' label columns.
-- (The new units of target and indicator, wd and per 1000, and the Swedish unit words are
-- C behaviour: nothing to do in SQL.)
CREATE FUNCTION @extschema@.label(@extschema@.deadline, language text) RETURNS text
    AS 'MODULE_PATHNAME', 'deadline_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.label(@extschema@.deadline, text) IS
    'a deadline in words of a language (fi, sv, en): 7 arkipäivää, 7 vardagar, 7 working days';
CREATE FUNCTION @extschema@.label(@extschema@.deadline) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN @extschema@.label($1, @extschema@.language());
COMMENT ON FUNCTION @extschema@.label(@extschema@.deadline) IS
    'a deadline in words of the current pekefb.language: 7 arkipäivää, 7 vardagar, 7 working days';
