
-- waits: exact distribution of waits in whole days (src/waits.c, src/waits_core.c).
-- Two-step aggregation: wait_agg(integer) and rollup(waits) build a state, accessors read
-- it.  Text form "{day:count,...}" with ascending days, "{}" empty; see doc/waits.md.

CREATE TYPE @extschema@.waits;

CREATE FUNCTION @extschema@.waits_in(cstring) RETURNS @extschema@.waits
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.waits_out(@extschema@.waits) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.waits_recv(internal) RETURNS @extschema@.waits
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.waits_send(@extschema@.waits) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.waits (
    INPUT = @extschema@.waits_in,
    OUTPUT = @extschema@.waits_out,
    RECEIVE = @extschema@.waits_recv,
    SEND = @extschema@.waits_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.waits IS
    'exact distribution of waits in whole days; text form {day:count,...} with ascending days, {} when empty';

CREATE FUNCTION @extschema@.waits_eq(@extschema@.waits, @extschema@.waits) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.waits_eq(@extschema@.waits, @extschema@.waits) IS
    'implementation of the = operator on waits';
CREATE FUNCTION @extschema@.waits_ne(@extschema@.waits, @extschema@.waits) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.waits_ne(@extschema@.waits, @extschema@.waits) IS
    'implementation of the <> operator on waits';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.waits, RIGHTARG = @extschema@.waits,
    PROCEDURE = @extschema@.waits_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.waits, @extschema@.waits) IS
    'same days with the same counts';
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.waits, RIGHTARG = @extschema@.waits,
    PROCEDURE = @extschema@.waits_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.waits, @extschema@.waits) IS
    'not the same distribution';

CREATE FUNCTION @extschema@.waits_hash(@extschema@.waits) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.waits_hash(@extschema@.waits) IS
    'hash of a wait distribution (hash opclass support)';
-- A hash opclass (cheap) so that GROUP BY, DISTINCT and hash joins work on states.
CREATE OPERATOR CLASS @extschema@.waits_hash_ops DEFAULT FOR TYPE @extschema@.waits USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.waits, @extschema@.waits),
    FUNCTION 1 @extschema@.waits_hash(@extschema@.waits);
COMMENT ON OPERATOR CLASS @extschema@.waits_hash_ops USING hash IS
    'hash opclass of waits (equality of distributions)';

-- Aggregate support, all STRICT.  The transition functions update the state in place only
-- when called by the executor; called directly they return a new canonical value.
CREATE FUNCTION @extschema@.waits_agg_trans(@extschema@.waits, integer) RETURNS @extschema@.waits
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.waits_agg_trans(@extschema@.waits, integer) IS
    'wait_agg transition: adds one wait';
CREATE FUNCTION @extschema@.waits_agg_inv(@extschema@.waits, integer) RETURNS @extschema@.waits
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.waits_agg_inv(@extschema@.waits, integer) IS
    'wait_agg inverse transition (moving windows): removes one wait';
CREATE FUNCTION @extschema@.waits_agg_final(@extschema@.waits) RETURNS @extschema@.waits
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.waits_agg_final(@extschema@.waits) IS
    'wait_agg final function: compacted state, NULL when no waits';
CREATE FUNCTION @extschema@.waits_merge(@extschema@.waits, @extschema@.waits) RETURNS @extschema@.waits
    AS 'MODULE_PATHNAME', 'waits_merge_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.waits_merge(@extschema@.waits, @extschema@.waits) IS
    'sum of two wait distributions (counts added per day); combine function of wait_agg and rollup';
CREATE FUNCTION @extschema@.waits_subtract(@extschema@.waits, @extschema@.waits) RETURNS @extschema@.waits
    AS 'MODULE_PATHNAME', 'waits_subtract_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.waits_subtract(@extschema@.waits, @extschema@.waits) IS
    'first distribution minus the second (NULL if the second is not part of the first); inverse of rollup';
CREATE FUNCTION @extschema@.waits_rollup_final(@extschema@.waits) RETURNS @extschema@.waits
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.waits_rollup_final(@extschema@.waits) IS
    'rollup final function: compacted state';

CREATE AGGREGATE @extschema@.wait_agg(integer) (
    SFUNC = @extschema@.waits_agg_trans,
    STYPE = @extschema@.waits,
    INITCOND = '{}',
    FINALFUNC = @extschema@.waits_agg_final,
    COMBINEFUNC = @extschema@.waits_merge,
    MSFUNC = @extschema@.waits_agg_trans,
    MINVFUNC = @extschema@.waits_agg_inv,
    MSTYPE = @extschema@.waits,
    MINITCOND = '{}',
    MFINALFUNC = @extschema@.waits_agg_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.wait_agg(integer) IS
    'exact distribution of the waits (whole days >= 0; NULLs ignored; NULL when no rows)';

CREATE AGGREGATE @extschema@.rollup(@extschema@.waits) (
    SFUNC = @extschema@.waits_merge,
    STYPE = @extschema@.waits,
    FINALFUNC = @extschema@.waits_rollup_final,
    COMBINEFUNC = @extschema@.waits_merge,
    MSFUNC = @extschema@.waits_merge,
    MINVFUNC = @extschema@.waits_subtract,
    MSTYPE = @extschema@.waits,
    MFINALFUNC = @extschema@.waits_rollup_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.waits) IS
    'merges wait distributions (e.g. monthly states into a year): counts added per day';

-- Accessors.
CREATE FUNCTION @extschema@.wait_count(@extschema@.waits) RETURNS bigint
    AS 'MODULE_PATHNAME', 'waits_count_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wait_count(@extschema@.waits) IS
    'number of waits in the distribution';
CREATE FUNCTION @extschema@.share_within(@extschema@.waits, integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'waits_share_within' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.share_within(@extschema@.waits, integer) IS
    'share of waits of at most the given number of days (NULL when empty)';
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
CREATE FUNCTION @extschema@.wait_percentile(@extschema@.waits, double precision) RETURNS integer
    AS 'MODULE_PATHNAME', 'waits_percentile_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wait_percentile(@extschema@.waits, double precision) IS
    'exact discrete percentile, the same as percentile_disc(p) WITHIN GROUP (ORDER BY wait)';
CREATE FUNCTION @extschema@.wait_percentile(@extschema@.waits, double precision[]) RETURNS integer[]
    AS 'MODULE_PATHNAME', 'waits_percentiles_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wait_percentile(@extschema@.waits, double precision[]) IS
    'exact discrete percentiles, the same as percentile_disc(array) WITHIN GROUP (ORDER BY wait)';
CREATE FUNCTION @extschema@.wait_mean(@extschema@.waits) RETURNS double precision
    AS 'MODULE_PATHNAME', 'waits_mean_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wait_mean(@extschema@.waits) IS
    'mean wait in days (NULL when empty)';
CREATE FUNCTION @extschema@.wait_min(@extschema@.waits) RETURNS integer
    AS 'MODULE_PATHNAME', 'waits_min_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wait_min(@extschema@.waits) IS
    'shortest wait in days (NULL when empty)';
CREATE FUNCTION @extschema@.wait_max(@extschema@.waits) RETURNS integer
    AS 'MODULE_PATHNAME', 'waits_max_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.wait_max(@extschema@.waits) IS
    'longest wait in days (NULL when empty)';
CREATE FUNCTION @extschema@.wait_buckets(w @extschema@.waits,
                                         bounds integer[] DEFAULT '{0,7,14,28,90}')
    RETURNS TABLE (label text, lower_days integer, upper_days integer, waits bigint,
                   share double precision)
    AS 'MODULE_PATHNAME', 'waits_buckets_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 6;
COMMENT ON FUNCTION @extschema@.wait_buckets(@extschema@.waits, integer[]) IS
    'waits per bucket; bounds are ascending inclusive upper limits (default 0, 1–7, 8–14, 15–28, 29–90, > 90 days)';

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
