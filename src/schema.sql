-- pekefb install script, assembled by the Makefile from src/*.sql (see SQL_PARTS).
-- Everything lives in schema pekefb (@extschema@); every reference is schema-qualified so
-- the script is safe whatever the installing role's search_path is.

\echo Use "CREATE EXTENSION pekefb" to load this file. \quit

