-- load: the readers and converters behind the region's loaders (src/load.c, doc/loading.md).
-- A file reaches the server as one text argument; read_csv and read_json turn it into one
-- row per record with the fields asked for by name, load_number, load_date and
-- load_timestamp read Finnish numbers and dates, closest_name suggests a known name for an
-- unknown one, and load_response builds a feedback loader's response from a record's fields.
-- Every error names the line (or record) and the field.

CREATE FUNCTION @extschema@.read_csv(document text, columns text[], separator text DEFAULT NULL)
    RETURNS TABLE (line bigint, fields text[])
    AS 'MODULE_PATHNAME', 'read_csv'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.read_csv(text, text[], text) IS
    'the records of a CSV file with a header: per record the line it starts on and the fields of the named columns ("name", "?optional|other name"); separator NULL detects ; , or tab';

CREATE FUNCTION @extschema@.read_json(document text, columns text[])
    RETURNS TABLE (line bigint, fields text[])
    AS 'MODULE_PATHNAME', 'read_json'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.read_json(text, text[]) IS
    'the records of a JSON array of objects (or of {"responses": [...]}): per record its number (1 = first) and the fields of the named keys';

CREATE FUNCTION @extschema@.load_number(value text, line bigint, field text, unit text DEFAULT 'line') RETURNS numeric
    AS 'MODULE_PATHNAME', 'load_number_fn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.load_number(text, bigint, text, text) IS
    'a number as Finns write it (94,5; 1 234,5; 94.5); an error names the line (or record) and field';

CREATE FUNCTION @extschema@.load_date(value text, line bigint, field text, unit text DEFAULT 'line') RETURNS date
    AS 'MODULE_PATHNAME', 'load_date_fn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.load_date(text, bigint, text, text) IS
    'a date written 1.4.2025, 01.04.2025 or 2025-04-01; an error names the line (or record) and field';

CREATE FUNCTION @extschema@.load_timestamp(value text, line bigint, field text, unit text DEFAULT 'line') RETURNS timestamp
    AS 'MODULE_PATHNAME', 'load_timestamp_fn'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.load_timestamp(text, bigint, text, text) IS
    'a local date and time written 14.3.2025 10.22, 2025-03-14 10:22:31 or 2025-03-14T10:22 (no zone); an error names the line (or record) and field';

CREATE FUNCTION @extschema@.closest_name(name text, candidates text[]) RETURNS text
    AS 'MODULE_PATHNAME', 'closest_name'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.closest_name(text, text[]) IS
    'the candidate nearest to name by edit distance (case-insensitive), for "did you mean" suggestions';

CREATE FUNCTION @extschema@.case_rows(document text, columns text[], source_system text,
                                      organizations text[], matters text[])
    RETURNS TABLE (line bigint, id text, matter text, organization_code text, indicator_code text,
                   case_id text, started date, finished date, fault boolean)
    AS 'MODULE_PATHNAME', 'case_rows'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.case_rows(text, text[], text, text[], text[]) IS
    'a cases extract (CSV) read and mapped for a region''s load_cases in one pass: per line and indicator of its matter (organizations and matters: pairs of lower-case name and code) the trimmed id, codes, days and whether load_cases must refuse the line; in the order of cases'' primary key';

CREATE FUNCTION @extschema@.measurement_rows(document text, columns text[], source text, indicators text[],
                                             units text[], organizations text[])
    RETURNS TABLE (line bigint, indicator_code text, organization_code text, period_start date, period_end date,
                   value @extschema@.indicator, source text, problem boolean)
    AS 'MODULE_PATHNAME', 'measurement_rows'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.measurement_rows(text, text[], text, text[], text[], text[]) IS
    'the statistics unit''s CSV read, converted and mapped for a region''s load_measurements in one pass (indicators and organizations: pairs of lower-case name and code; units: pairs of indicator code and unit): per line the codes, period, value and whether the line needs the careful path; in the order of measurements'' primary key';

CREATE FUNCTION @extschema@.feedback_rows(document text, is_json boolean, columns text[], mapping jsonb)
    RETURNS TABLE (line bigint, submitted boolean, id text, received_at timestamptz, organization_code text,
                   service text, nps integer, lang text, comment text, empty boolean, response @extschema@.feedback,
                   repeated boolean, response_id text, fault boolean)
    AS 'MODULE_PATHNAME', 'feedback_rows'
    LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.feedback_rows(text, boolean, text[], jsonb) IS
    'a survey export''s records (CSV, or LimeSurvey''s JSON) mapped for a region''s load_feedback in one pass through the survey''s mapping (a JSON object of maps and settings): per record its id, time in the region''s zone, codes, recommendation, language, comment, response, whether an earlier record had its id, its response_id (survey:id) and whether the load must refuse it';

CREATE FUNCTION @extschema@.stamped_now(loaded_at timestamptz, loaded_by text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'stamped_now'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.stamped_now(timestamptz, text) IS
    'whether a stamp is the one the database gives a row now: loaded_at = now() and loaded_by = CURRENT_USER (the user''s name looked up once)';

CREATE FUNCTION @extschema@.load_response(role text, channel text, nps integer, lang text, statements text[],
                                          fields text[], first integer, labels jsonb) RETURNS @extschema@.feedback
    AS 'MODULE_PATHNAME', 'load_response'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.load_response(text, text, integer, text, text[], text[], integer, jsonb) IS
    'a feedback loader''s response built from a record''s fields (statements[i] answered by fields[first + i - 1], scored through labels: label -> 1-5 or null = don''t know, else a number 1-5); NULL when an answer or value is not valid';
