-- pekefb install script, assembled by the Makefile from src/*.sql (see SQL_PARTS).
-- Everything lives in schema pekefb (@extschema@); every reference is schema-qualified so
-- the script is safe whatever the installing role's search_path is.

\echo Use "CREATE EXTENSION pekefb" to load this file. \quit

-- Settings (defined in src/pekefb.c).  Views read them through these functions, which load
-- the library and so see the settings' defaults even in a session that never set them.
CREATE FUNCTION @extschema@.min_group_size() RETURNS integer
    AS 'MODULE_PATHNAME', 'pekefb_min_group_size_get' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.min_group_size() IS
    'current pekefb.min_group_size: the session''s raise of a region''s minimum group size (views use the larger of it and settings.min_group_size)';
CREATE FUNCTION @extschema@.language() RETURNS text
    AS 'MODULE_PATHNAME', 'pekefb_language_get' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.language() IS
    'current pekefb.language (fi, sv or en): language of the views'' label columns';

-- localized(fi, sv, en): the label in the current pekefb.language, falling back to the
-- Finnish one where a translation is missing.  A plain SQL expression, inlined into the views.
CREATE FUNCTION @extschema@.localized(fi text, sv text, en text DEFAULT NULL) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE @extschema@.language()
               WHEN 'sv' THEN COALESCE(sv, fi)
               WHEN 'en' THEN COALESCE(en, fi)
               ELSE fi END;
COMMENT ON FUNCTION @extschema@.localized(text, text, text) IS
    'the label in the current pekefb.language (fi, sv, en); Finnish where a translation is missing';

