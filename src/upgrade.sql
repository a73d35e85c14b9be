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
-- ---- loaders: readers and converters of the region loaders (src/load.sql)
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
-- ---- loaders, speed (issue 12): a feedback loader's response built without a JSON text
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
-- ---- network: pekefb.min_group_size is a session's raise of a region's minimum
COMMENT ON FUNCTION @extschema@.min_group_size() IS
    'current pekefb.min_group_size: the session''s raise of a region''s minimum group size (views use the larger of it and settings.min_group_size)';

-- ---- scale (issue 13): the exact count below a day, for the stored access states
CREATE FUNCTION @extschema@.wait_count_within(@extschema@.waits, integer) RETURNS bigint
    AS 'MODULE_PATHNAME', 'waits_count_within_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wait_count_within(@extschema@.waits, integer) IS
    'number of waits of at most the given number of days (exact; 0 when empty)';
-- keep_access_states(): the statement trigger on a region's cases (src/region/states.sql)
-- that keeps its access_states: the transition tables aggregated in C once, the few state
-- rows changed by one statement, as the owner of cases (src/states.c, doc/states.md).
CREATE FUNCTION @extschema@.keep_access_states() RETURNS trigger
    AS 'MODULE_PATHNAME', 'pekefb_keep_access_states' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.keep_access_states() IS
    'trigger (AFTER INSERT, UPDATE or DELETE FOR EACH STATEMENT on a region''s cases, with transition tables): adds the states of the cases written to the region''s access_states and subtracts those of the cases replaced or deleted';

-- (distribute_region, which now puts the policies in the form Citus accepts and distributes
-- the functions they call, is appended from src/distribute.sql by the build.)

-- access_rollup: the access figures of per-month states (one array element per state row:
-- indicator, organisation, month, counts, open cases past due on the judging day, open
-- cases, waits of the finished cases) rolled up to every cell of access_summary_on (per
-- indicator, organisation with or without its sub-organisations, month, quarter, THL
-- half-year or year) along the organisations' tree (org_codes with their parent_codes) and
-- suppressed under min_group_size as the region's views suppress (doc/partners.md); the
-- median and 90th percentile wait of the visible cells.  The region's access_summary_on
-- reads its access_states through it (doc/states.md).
CREATE FUNCTION @extschema@.access_rollup(
    org_codes text[], parent_codes text[], indicator_codes text[], half_yearly boolean[],
    state_indicator text[], state_organization text[], state_month date[],
    cases bigint[], finished_cases bigint[], on_time bigint[], late bigint[],
    open_past_due bigint[], open_cases bigint[], waits @extschema@.waits[], min_group_size integer)
RETURNS TABLE (indicator_code text, organization_code text, includes_sub_organizations boolean,
               period_kind text, period_start date, cases bigint, finished_cases bigint,
               on_time bigint, late bigint, open_past_due bigint, open_within bigint,
               median_wait bigint, p90_wait bigint, suppressed boolean)
    AS 'MODULE_PATHNAME', 'pekefb_access_rollup' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rollup(text[], text[], text[], boolean[], text[], text[], date[], bigint[], bigint[], bigint[], bigint[], bigint[], bigint[], @extschema@.waits[], integer) IS
    'access_summary_on''s cells from per-month states: rolled up along the organisation tree and the nested periods, suppressed under min_group_size (doc/states.md)';

-- ---- feedback states (issue 13): the statement counts of many responses at once, for the
-- region's feedback_item_states (src/region/feedback_states.sql)
CREATE FUNCTION @extschema@.item_counts(responses @extschema@.feedback[], signs integer[],
    OUT item text, OUT answers bigint, OUT dont_know bigint, OUT score_sum bigint, OUT agree bigint)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'feedback_item_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION @extschema@.item_counts(@extschema@.feedback[], integer[]) IS
    'per statement code of the responses, each counted with its sign (1 adds, -1 subtracts; NULL pairs skipped): answers 1-5, "don''t know" answers, score sum, answers 4-5 (the feedback states'' statement rows)';

-- tree_suppress, parts_suppress: complementary suppression of one group's cells
-- (doc/partners.md): along the organisation tree (cells of organisations with their parents'
-- codes, totals marked by incl, the counts n, min_group_size m) and between a total and its
-- parts; the hidden flags in the order of the input.  The region's _tree_suppress and
-- _parts_suppress call them (src/suppress_core.c).
CREATE FUNCTION @extschema@.tree_suppress(org text[], parent text[], incl boolean[], n bigint[], m integer)
RETURNS boolean[]
    AS 'MODULE_PATHNAME', 'pekefb_tree_suppress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tree_suppress(text[], text[], boolean[], bigint[], integer) IS
    'hidden flags of one group''s cells along the organisation tree: primary suppression of 1..m-1 and complementary suppression (doc/partners.md)';
CREATE FUNCTION @extschema@.parts_suppress(total_hidden boolean, n bigint[], hidden boolean[], m integer)
RETURNS boolean[]
    AS 'MODULE_PATHNAME', 'pekefb_parts_suppress' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.parts_suppress(boolean, bigint[], boolean[], integer) IS
    'hidden flags of the parts of a total (a quarter''s months, a year''s quarters): complementary suppression between them (doc/partners.md)';
