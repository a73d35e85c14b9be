-- pekefb install script, assembled by the Makefile from src/*.sql (see SQL_PARTS).
-- Everything lives in schema pekefb (@extschema@); every reference is schema-qualified so
-- the script is safe whatever the installing role's search_path is.

\echo Use "CREATE EXTENSION pekefb" to load this file. \quit

-- Refuse a schema that someone else prepared.  CREATE EXTENSION creates schema pekefb
-- (control file: schema = pekefb) only when it does not exist, and runs this script with
-- search_path = pekefb, pg_temp; so objects planted beforehand in an existing pekefb schema
-- would be bound into the views and functions below (an operator /(float8, bigint) is a
-- better match than pg_catalog's).  The schema is accepted only when it is empty, owned by
-- a superuser and nobody else may create objects in it: the state of a schema that
-- CREATE EXTENSION has just created, that DROP EXTENSION left behind, or that pg_dump's
-- CREATE SCHEMA restored.  Everything in this block is qualified, since the schema on
-- the search_path is not yet trusted.
DO $check$
DECLARE
    nsp pg_catalog.oid := pg_catalog.to_regnamespace('@extschema@');
    owner pg_catalog.text;
    owner_super boolean;
    member pg_catalog.text;
    creator pg_catalog.text;
BEGIN
    SELECT r.rolname, r.rolsuper INTO owner, owner_super
    FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
    WHERE n.oid OPERATOR(pg_catalog.=) nsp;
    IF NOT owner_super THEN
        RAISE EXCEPTION 'cannot install pekefb into existing schema "%"', '@extschema@'
            USING ERRCODE = '42P06',
                  DETAIL = pg_catalog.format('The schema is owned by role "%s", which is not a superuser.', owner),
                  HINT = 'Drop or rename the schema; CREATE EXTENSION pekefb creates it.';
    END IF;
    SELECT pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) INTO member
    FROM pg_catalog.pg_depend d
    WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
      AND d.refobjid OPERATOR(pg_catalog.=) nsp
      AND NOT (d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
               AND d.objid OPERATOR(pg_catalog.=) (SELECT e.oid FROM pg_catalog.pg_extension e
                                                   WHERE e.extname OPERATOR(pg_catalog.=) 'pekefb'))
    ORDER BY 1 LIMIT 1;
    IF member IS NOT NULL THEN
        RAISE EXCEPTION 'cannot install pekefb into existing schema "%"', '@extschema@'
            USING ERRCODE = '42P06',
                  DETAIL = pg_catalog.format('The schema already contains %s.', member),
                  HINT = 'Drop or rename the schema; CREATE EXTENSION pekefb creates it.';
    END IF;
    SELECT pg_catalog.quote_ident(COALESCE(r.rolname, 'public')) INTO creator
    FROM pg_catalog.pg_namespace n
    CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) a
    LEFT JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) a.grantee
    WHERE n.oid OPERATOR(pg_catalog.=) nsp
      AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
      AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner
    ORDER BY 1 LIMIT 1;
    IF creator IS NOT NULL THEN
        RAISE EXCEPTION 'cannot install pekefb into existing schema "%"', '@extschema@'
            USING ERRCODE = '42P06',
                  DETAIL = pg_catalog.format('Role %s may create objects in the schema.', creator),
                  HINT = 'Drop or rename the schema; CREATE EXTENSION pekefb creates it.';
    END IF;
END
$check$;

-- Settings (defined in src/pekefb.c).  Views read them through these functions, which load
-- the library and so see the settings' defaults even in a session that never set them.
CREATE FUNCTION @extschema@.min_group_size() RETURNS integer
    AS 'MODULE_PATHNAME', 'pekefb_min_group_size_get' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.min_group_size() IS
    'current pekefb.min_group_size: groups with 1 <= n < this are suppressed in views';
CREATE FUNCTION @extschema@.language() RETURNS text
    AS 'MODULE_PATHNAME', 'pekefb_language_get' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.language() IS
    'current pekefb.language (fi, sv or en): language of the views'' label columns';

-- localized(fi, sv, en): the label in the current pekefb.language, falling back to the
-- Finnish one where a translation is missing.  A plain SQL expression, inlined into the views.
CREATE FUNCTION @extschema@.localized(fi text, sv text, en text DEFAULT NULL) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN @extschema@.language() OPERATOR(pg_catalog.=) 'sv' THEN COALESCE(sv, fi)
                WHEN @extschema@.language() OPERATOR(pg_catalog.=) 'en' THEN COALESCE(en, fi)
                ELSE fi END;
COMMENT ON FUNCTION @extschema@.localized(text, text, text) IS
    'the label in the current pekefb.language (fi, sv, en); Finnish where a translation is missing';

-- tally: the shared transition state of the counting aggregates (src/tally.c, src/tally.h).
-- Three counters with text form "(a,b,n)" and 0 <= a, 0 <= b, a + b <= n; partial
-- aggregates travel as this type between parallel workers and Citus nodes.

CREATE TYPE @extschema@.tally;

CREATE FUNCTION @extschema@.tally_in(cstring) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_out(@extschema@.tally) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_recv(internal) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_send(@extschema@.tally) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.tally (
    INPUT = @extschema@.tally_in,
    OUTPUT = @extschema@.tally_out,
    RECEIVE = @extschema@.tally_recv,
    SEND = @extschema@.tally_send,
    INTERNALLENGTH = 24,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.tally IS
    'transition state of pekefb''s counting aggregates: three counters, text form (a,b,n)';

-- Comparison: a total order (by a, then b, then n) consistent with equality (all three
-- counters equal), with btree and hash operator classes, so tallies can be sorted, grouped,
-- made DISTINCT, indexed and hash-joined.
CREATE FUNCTION @extschema@.tally_eq(@extschema@.tally, @extschema@.tally) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_ne(@extschema@.tally, @extschema@.tally) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_lt(@extschema@.tally, @extschema@.tally) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_le(@extschema@.tally, @extschema@.tally) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_gt(@extschema@.tally, @extschema@.tally) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_ge(@extschema@.tally, @extschema@.tally) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_cmp(@extschema@.tally, @extschema@.tally) RETURNS integer
    AS 'MODULE_PATHNAME', 'tally_cmp_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_hash(@extschema@.tally) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_hash_extended(@extschema@.tally, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tally_eq(@extschema@.tally, @extschema@.tally) IS 'all three counters equal (implements =)';
COMMENT ON FUNCTION @extschema@.tally_ne(@extschema@.tally, @extschema@.tally) IS 'some counter differs (implements <>)';
COMMENT ON FUNCTION @extschema@.tally_lt(@extschema@.tally, @extschema@.tally) IS 'implements < (order by a, then b, then n)';
COMMENT ON FUNCTION @extschema@.tally_le(@extschema@.tally, @extschema@.tally) IS 'implements <= (order by a, then b, then n)';
COMMENT ON FUNCTION @extschema@.tally_gt(@extschema@.tally, @extschema@.tally) IS 'implements > (order by a, then b, then n)';
COMMENT ON FUNCTION @extschema@.tally_ge(@extschema@.tally, @extschema@.tally) IS 'implements >= (order by a, then b, then n)';
COMMENT ON FUNCTION @extschema@.tally_cmp(@extschema@.tally, @extschema@.tally) IS 'btree comparison of tallies: -1, 0 or 1 (by a, then b, then n)';
COMMENT ON FUNCTION @extschema@.tally_hash(@extschema@.tally) IS 'hash of a tally (hash opclass)';
COMMENT ON FUNCTION @extschema@.tally_hash_extended(@extschema@.tally, bigint) IS 'seeded 64-bit hash of a tally (hash opclass)';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.tally, RIGHTARG = @extschema@.tally, PROCEDURE = @extschema@.tally_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.tally, RIGHTARG = @extschema@.tally, PROCEDURE = @extschema@.tally_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.tally, RIGHTARG = @extschema@.tally, PROCEDURE = @extschema@.tally_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.tally, RIGHTARG = @extschema@.tally, PROCEDURE = @extschema@.tally_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.tally, RIGHTARG = @extschema@.tally, PROCEDURE = @extschema@.tally_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.tally, RIGHTARG = @extschema@.tally, PROCEDURE = @extschema@.tally_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.tally_btree_ops
    DEFAULT FOR TYPE @extschema@.tally USING btree AS
        OPERATOR 1 @extschema@.< (@extschema@.tally, @extschema@.tally),
        OPERATOR 2 @extschema@.<= (@extschema@.tally, @extschema@.tally),
        OPERATOR 3 @extschema@.= (@extschema@.tally, @extschema@.tally),
        OPERATOR 4 @extschema@.>= (@extschema@.tally, @extschema@.tally),
        OPERATOR 5 @extschema@.> (@extschema@.tally, @extschema@.tally),
        FUNCTION 1 @extschema@.tally_cmp(@extschema@.tally, @extschema@.tally);
CREATE OPERATOR CLASS @extschema@.tally_hash_ops
    DEFAULT FOR TYPE @extschema@.tally USING hash AS
        OPERATOR 1 @extschema@.= (@extschema@.tally, @extschema@.tally),
        FUNCTION 1 @extschema@.tally_hash(@extschema@.tally),
        FUNCTION 2 @extschema@.tally_hash_extended(@extschema@.tally, bigint);

CREATE FUNCTION @extschema@.tally_combine(@extschema@.tally, @extschema@.tally) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_share(@extschema@.tally) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_nps(@extschema@.tally) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_mean(@extschema@.tally) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tally_combine(@extschema@.tally, @extschema@.tally) IS
    'component-wise sum of two tallies (combine function of every tally aggregate); 22003 on overflow';
COMMENT ON FUNCTION @extschema@.tally_share(@extschema@.tally) IS
    'a/n (final function of the share aggregates); NULL when n = 0';
COMMENT ON FUNCTION @extschema@.tally_nps(@extschema@.tally) IS
    '100 * (a - b)/n, the Net Promoter Score (final function of nps); NULL when n = 0';
COMMENT ON FUNCTION @extschema@.tally_mean(@extschema@.tally) IS
    'mean 1-5 score (final function of item_mean: a = points above 1, n = 4 points per answer); NULL when n = 0';

-- target: a target level with direction and unit (src/target.c, src/target_core.c).
-- Text forms ">= 90%", "> 10 %", "<= 60 d", "< 7", "= 100%", "80%..95%" (decimal comma
-- allowed; pv and vrk read as d).  Attainment against a target is in src/indicator.sql.

CREATE TYPE @extschema@.target;

CREATE FUNCTION @extschema@.target_in(cstring) RETURNS @extschema@.target
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_out(@extschema@.target) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_recv(internal) RETURNS @extschema@.target
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_send(@extschema@.target) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.target (
    INPUT = @extschema@.target_in,
    OUTPUT = @extschema@.target_out,
    RECEIVE = @extschema@.target_recv,
    SEND = @extschema@.target_send,
    INTERNALLENGTH = 24,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.target IS
    'a target level with direction and unit: >= 90%, <= 60 d, < 7, = 100%, 80%..95%';
COMMENT ON FUNCTION @extschema@.target_in(cstring) IS 'text input of pekefb.target';
COMMENT ON FUNCTION @extschema@.target_out(@extschema@.target) IS 'canonical text output of pekefb.target';
COMMENT ON FUNCTION @extschema@.target_recv(internal) IS 'binary input of pekefb.target';
COMMENT ON FUNCTION @extschema@.target_send(@extschema@.target) IS
    'binary output of pekefb.target: op byte, unit byte, low and high bound as float8 (display units)';

-- Comparison: equality is same direction, unit and numbers as written (90% = 90%, not
-- 0.9); a total order consistent with it (by unit: none, %, d; then direction: >=, >,
-- <=, <, =, range; then low bound, then high bound), with btree and hash operator classes
-- so targets can be sorted, grouped, made DISTINCT, indexed and hash-joined.
CREATE FUNCTION @extschema@.target_eq(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_ne(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_lt(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_le(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_gt(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_ge(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_cmp(@extschema@.target, @extschema@.target) RETURNS integer
    AS 'MODULE_PATHNAME', 'target_cmp_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_hash(@extschema@.target) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_hash_extended(@extschema@.target, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_eq(@extschema@.target, @extschema@.target) IS
    'implements = (same direction, unit and numbers)';
COMMENT ON FUNCTION @extschema@.target_ne(@extschema@.target, @extschema@.target) IS
    'implements <>';
COMMENT ON FUNCTION @extschema@.target_lt(@extschema@.target, @extschema@.target) IS
    'implements < (unit, direction, low, high)';
COMMENT ON FUNCTION @extschema@.target_le(@extschema@.target, @extschema@.target) IS
    'implements <= (unit, direction, low, high)';
COMMENT ON FUNCTION @extschema@.target_gt(@extschema@.target, @extschema@.target) IS
    'implements > (unit, direction, low, high)';
COMMENT ON FUNCTION @extschema@.target_ge(@extschema@.target, @extschema@.target) IS
    'implements >= (unit, direction, low, high)';
COMMENT ON FUNCTION @extschema@.target_cmp(@extschema@.target, @extschema@.target) IS
    'btree comparison: -1, 0 or 1 (unit, direction, low, high)';
COMMENT ON FUNCTION @extschema@.target_hash(@extschema@.target) IS
    'hash consistent with = (hash opclass)';
COMMENT ON FUNCTION @extschema@.target_hash_extended(@extschema@.target, bigint) IS
    'seeded 64-bit hash consistent with = (hash opclass)';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, PROCEDURE = @extschema@.target_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, PROCEDURE = @extschema@.target_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, PROCEDURE = @extschema@.target_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, PROCEDURE = @extschema@.target_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, PROCEDURE = @extschema@.target_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, PROCEDURE = @extschema@.target_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.target_btree_ops
    DEFAULT FOR TYPE @extschema@.target USING btree AS
        OPERATOR 1 @extschema@.< (@extschema@.target, @extschema@.target),
        OPERATOR 2 @extschema@.<= (@extschema@.target, @extschema@.target),
        OPERATOR 3 @extschema@.= (@extschema@.target, @extschema@.target),
        OPERATOR 4 @extschema@.>= (@extschema@.target, @extschema@.target),
        OPERATOR 5 @extschema@.> (@extschema@.target, @extschema@.target),
        FUNCTION 1 @extschema@.target_cmp(@extschema@.target, @extschema@.target);
CREATE OPERATOR CLASS @extschema@.target_hash_ops
    DEFAULT FOR TYPE @extschema@.target USING hash AS
        OPERATOR 1 @extschema@.= (@extschema@.target, @extschema@.target),
        FUNCTION 1 @extschema@.target_hash(@extschema@.target),
        FUNCTION 2 @extschema@.target_hash_extended(@extschema@.target, bigint);
COMMENT ON OPERATOR @extschema@.= (@extschema@.target, @extschema@.target) IS
    'same direction, unit and numbers';

CREATE FUNCTION @extschema@.unit(@extschema@.target) RETURNS text
    AS 'MODULE_PATHNAME', 'target_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unit(@extschema@.target) IS
    'the target''s unit: % (a fraction of one), d (days) or empty (a plain number)';
CREATE FUNCTION @extschema@.direction(@extschema@.target) RETURNS text
    AS 'MODULE_PATHNAME', 'target_direction' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.direction(@extschema@.target) IS
    'the target''s direction: >=, >, <=, <, = or .. (a range)';
CREATE FUNCTION @extschema@.target_value(@extschema@.target) RETURNS double precision
    AS 'MODULE_PATHNAME', 'target_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_value(@extschema@.target) IS
    'the threshold (or the = value) in base units (0.9 for 90%); NULL for a range';
CREATE FUNCTION @extschema@.target_low(@extschema@.target) RETURNS double precision
    AS 'MODULE_PATHNAME', 'target_low' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_low(@extschema@.target) IS
    'the lower bound in base units (>=, >, =, range); NULL for <= and <';
CREATE FUNCTION @extschema@.target_high(@extschema@.target) RETURNS double precision
    AS 'MODULE_PATHNAME', 'target_high' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_high(@extschema@.target) IS
    'the upper bound in base units (<=, <, =, range); NULL for >= and >';
-- indicator: one measured value, a ratio (698/788, 11140/2331 d) or a quantity (45%,
-- 4.78 d, 33) (src/indicator.c, src/indicator_core.c); sum(indicator); and target
-- attainment for double precision and indicator values (attained, attainment,
-- target_attainment), which needs both types and so comes after src/target.sql.

CREATE TYPE @extschema@.indicator;

CREATE FUNCTION @extschema@.indicator_in(cstring) RETURNS @extschema@.indicator
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_out(@extschema@.indicator) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_recv(internal) RETURNS @extschema@.indicator
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_send(@extschema@.indicator) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.indicator (
    INPUT = @extschema@.indicator_in,
    OUTPUT = @extschema@.indicator_out,
    RECEIVE = @extschema@.indicator_recv,
    SEND = @extschema@.indicator_send,
    INTERNALLENGTH = 24,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.indicator IS
    'a measured indicator value: a ratio (698/788, 11140/2331 d) or a quantity (45%, 4.78 d, 33)';
COMMENT ON FUNCTION @extschema@.indicator_in(cstring) IS 'text input of pekefb.indicator';
COMMENT ON FUNCTION @extschema@.indicator_out(@extschema@.indicator) IS 'canonical text output of pekefb.indicator';
COMMENT ON FUNCTION @extschema@.indicator_recv(internal) IS 'binary input of pekefb.indicator';
COMMENT ON FUNCTION @extschema@.indicator_send(@extschema@.indicator) IS
    'binary output of pekefb.indicator: kind byte, unit byte, numerator (or quantity) and denominator as float8';

-- Comparison: equality is representation equality (same kind, unit and numbers: 698/788
-- is not 349/394, they would not sum alike); a total order consistent with it (by unit:
-- none, %, d; then value in base units; then quantities before ratios; then numerator,
-- then denominator), with btree and hash operator classes so indicators can be sorted,
-- grouped, made DISTINCT, indexed and hash-joined.
CREATE FUNCTION @extschema@.indicator_eq(@extschema@.indicator, @extschema@.indicator) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_ne(@extschema@.indicator, @extschema@.indicator) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_lt(@extschema@.indicator, @extschema@.indicator) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_le(@extschema@.indicator, @extschema@.indicator) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_gt(@extschema@.indicator, @extschema@.indicator) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_ge(@extschema@.indicator, @extschema@.indicator) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_cmp(@extschema@.indicator, @extschema@.indicator) RETURNS integer
    AS 'MODULE_PATHNAME', 'indicator_cmp_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_hash(@extschema@.indicator) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.indicator_hash_extended(@extschema@.indicator, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.indicator_eq(@extschema@.indicator, @extschema@.indicator) IS
    'implements = (representation equality: same kind, unit and numbers; 698/788 is not 349/394)';
COMMENT ON FUNCTION @extschema@.indicator_ne(@extschema@.indicator, @extschema@.indicator) IS
    'implements <>';
COMMENT ON FUNCTION @extschema@.indicator_lt(@extschema@.indicator, @extschema@.indicator) IS
    'implements < (unit, value, kind, numerator, denominator)';
COMMENT ON FUNCTION @extschema@.indicator_le(@extschema@.indicator, @extschema@.indicator) IS
    'implements <= (unit, value, kind, numerator, denominator)';
COMMENT ON FUNCTION @extschema@.indicator_gt(@extschema@.indicator, @extschema@.indicator) IS
    'implements > (unit, value, kind, numerator, denominator)';
COMMENT ON FUNCTION @extschema@.indicator_ge(@extschema@.indicator, @extschema@.indicator) IS
    'implements >= (unit, value, kind, numerator, denominator)';
COMMENT ON FUNCTION @extschema@.indicator_cmp(@extschema@.indicator, @extschema@.indicator) IS
    'btree comparison: -1, 0 or 1 (unit, value, kind, numerator, denominator)';
COMMENT ON FUNCTION @extschema@.indicator_hash(@extschema@.indicator) IS
    'hash consistent with = (hash opclass)';
COMMENT ON FUNCTION @extschema@.indicator_hash_extended(@extschema@.indicator, bigint) IS
    'seeded 64-bit hash consistent with = (hash opclass)';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.indicator, RIGHTARG = @extschema@.indicator, PROCEDURE = @extschema@.indicator_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.indicator, RIGHTARG = @extschema@.indicator, PROCEDURE = @extschema@.indicator_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.indicator, RIGHTARG = @extschema@.indicator, PROCEDURE = @extschema@.indicator_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.indicator, RIGHTARG = @extschema@.indicator, PROCEDURE = @extschema@.indicator_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.indicator, RIGHTARG = @extschema@.indicator, PROCEDURE = @extschema@.indicator_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.indicator, RIGHTARG = @extschema@.indicator, PROCEDURE = @extschema@.indicator_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.indicator_btree_ops
    DEFAULT FOR TYPE @extschema@.indicator USING btree AS
        OPERATOR 1 @extschema@.< (@extschema@.indicator, @extschema@.indicator),
        OPERATOR 2 @extschema@.<= (@extschema@.indicator, @extschema@.indicator),
        OPERATOR 3 @extschema@.= (@extschema@.indicator, @extschema@.indicator),
        OPERATOR 4 @extschema@.>= (@extschema@.indicator, @extschema@.indicator),
        OPERATOR 5 @extschema@.> (@extschema@.indicator, @extschema@.indicator),
        FUNCTION 1 @extschema@.indicator_cmp(@extschema@.indicator, @extschema@.indicator);
CREATE OPERATOR CLASS @extschema@.indicator_hash_ops
    DEFAULT FOR TYPE @extschema@.indicator USING hash AS
        OPERATOR 1 @extschema@.= (@extschema@.indicator, @extschema@.indicator),
        FUNCTION 1 @extschema@.indicator_hash(@extschema@.indicator),
        FUNCTION 2 @extschema@.indicator_hash_extended(@extschema@.indicator, bigint);
COMMENT ON OPERATOR @extschema@.= (@extschema@.indicator, @extschema@.indicator) IS
    'representation equality: same kind, unit and numbers (698/788 is not 349/394)';

CREATE FUNCTION @extschema@.value(@extschema@.indicator) RETURNS double precision
    AS 'MODULE_PATHNAME', 'indicator_value_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.value(@extschema@.indicator) IS
    'the value in base units: numerator/denominator for a ratio, 0.45 for 45%, 4.78 for 4.78 d';
CREATE FUNCTION @extschema@.numerator(@extschema@.indicator) RETURNS double precision
    AS 'MODULE_PATHNAME', 'indicator_numerator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numerator(@extschema@.indicator) IS
    'a ratio''s numerator; NULL for a quantity';
CREATE FUNCTION @extschema@.denominator(@extschema@.indicator) RETURNS double precision
    AS 'MODULE_PATHNAME', 'indicator_denominator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.denominator(@extschema@.indicator) IS
    'a ratio''s denominator; NULL for a quantity';
CREATE FUNCTION @extschema@.unit(@extschema@.indicator) RETURNS text
    AS 'MODULE_PATHNAME', 'indicator_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unit(@extschema@.indicator) IS
    'the indicator''s unit: % (a fraction of one), d (days) or empty (a plain number)';
CREATE FUNCTION @extschema@.is_ratio(@extschema@.indicator) RETURNS boolean
    AS 'MODULE_PATHNAME', 'indicator_is_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_ratio(@extschema@.indicator) IS
    'true for a ratio (numerator/denominator), false for a quantity';

-- sum(indicator): ratios add numerators and denominators, quantities add values.
CREATE FUNCTION @extschema@.indicator_add(@extschema@.indicator, @extschema@.indicator)
    RETURNS @extschema@.indicator
    AS 'MODULE_PATHNAME', 'indicator_add_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.indicator_add(@extschema@.indicator, @extschema@.indicator) IS
    'sum of two indicators of the same kind and unit (transition and combine function of sum)';
CREATE AGGREGATE @extschema@.sum(@extschema@.indicator) (
    SFUNC = @extschema@.indicator_add,
    STYPE = @extschema@.indicator,
    COMBINEFUNC = @extschema@.indicator_add,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.sum(@extschema@.indicator) IS
    'sum of indicators: ratios add numerators and denominators (698/788 + 810/896 = 1508/1684), quantities add values';

-- attained: does a value meet its target?
CREATE FUNCTION @extschema@.attained(double precision, @extschema@.target) RETURNS boolean
    AS 'MODULE_PATHNAME', 'attained_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attained(double precision, @extschema@.target) IS
    'whether the value, read in the target''s base unit (0.9 for 90%), meets the target';
CREATE FUNCTION @extschema@.attained(@extschema@.indicator, @extschema@.target) RETURNS boolean
    AS 'MODULE_PATHNAME', 'attained_indicator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attained(@extschema@.indicator, @extschema@.target) IS
    'whether the indicator meets the target; an error if their units differ';

-- attainment: progress towards the target (1 = reached), never clamped.
CREATE FUNCTION @extschema@.attainment(double precision, @extschema@.target) RETURNS double precision
    AS 'MODULE_PATHNAME', 'attainment_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(double precision, @extschema@.target) IS
    'progress towards the target: v/t for >= and >, t/v for <= and <, 1 inside a range; NULL on division by zero';
CREATE FUNCTION @extschema@.attainment(double precision, @extschema@.target, double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'attainment_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(double precision, @extschema@.target, double precision) IS
    'progress from the baseline towards the target: (v-b)/(t-b) for >= and >, (b-v)/(b-t) for <= and <; NULL on division by zero';
CREATE FUNCTION @extschema@.attainment(@extschema@.indicator, @extschema@.target) RETURNS double precision
    AS 'MODULE_PATHNAME', 'attainment_indicator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(@extschema@.indicator, @extschema@.target) IS
    'progress of the indicator''s value towards the target (same unit); NULL on division by zero';
CREATE FUNCTION @extschema@.attainment(@extschema@.indicator, @extschema@.target, double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'attainment_indicator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(@extschema@.indicator, @extschema@.target, double precision) IS
    'progress of the indicator''s value from the baseline (base units) towards the target; NULL on division by zero';

-- target_attainment: share of rows meeting their target (tally: a met, n counted).
CREATE FUNCTION @extschema@.target_attainment_trans(@extschema@.tally, double precision, @extschema@.target)
    RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME', 'target_attainment_trans_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_attainment_trans(@extschema@.tally, double precision, @extschema@.target) IS
    'transition function of target_attainment(double precision, target)';
CREATE FUNCTION @extschema@.target_attainment_inv(@extschema@.tally, double precision, @extschema@.target)
    RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME', 'target_attainment_inv_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_attainment_inv(@extschema@.tally, double precision, @extschema@.target) IS
    'inverse transition function of target_attainment(double precision, target) for moving windows';
CREATE FUNCTION @extschema@.target_attainment_trans(@extschema@.tally, @extschema@.indicator, @extschema@.target)
    RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME', 'target_attainment_trans_indicator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_attainment_trans(@extschema@.tally, @extschema@.indicator, @extschema@.target) IS
    'transition function of target_attainment(indicator, target)';
CREATE FUNCTION @extschema@.target_attainment_inv(@extschema@.tally, @extschema@.indicator, @extschema@.target)
    RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME', 'target_attainment_inv_indicator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_attainment_inv(@extschema@.tally, @extschema@.indicator, @extschema@.target) IS
    'inverse transition function of target_attainment(indicator, target) for moving windows';

CREATE AGGREGATE @extschema@.target_attainment(double precision, @extschema@.target) (
    SFUNC = @extschema@.target_attainment_trans,
    STYPE = @extschema@.tally,
    INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share,
    COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.target_attainment_trans,
    MINVFUNC = @extschema@.target_attainment_inv,
    MSTYPE = @extschema@.tally,
    MINITCOND = '(0,0,0)',
    MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.target_attainment(double precision, @extschema@.target) IS
    'share of rows with a value and a target whose value (in the target''s base unit) meets the target; NULL when none';
CREATE AGGREGATE @extschema@.target_attainment(@extschema@.indicator, @extschema@.target) (
    SFUNC = @extschema@.target_attainment_trans,
    STYPE = @extschema@.tally,
    INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share,
    COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.target_attainment_trans,
    MINVFUNC = @extschema@.target_attainment_inv,
    MSTYPE = @extschema@.tally,
    MINITCOND = '(0,0,0)',
    MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.target_attainment(@extschema@.indicator, @extschema@.target) IS
    'share of rows with an indicator and a target whose indicator meets the target (same unit); NULL when none';
-- calendar: the Finnish working-day calendar (src/calendar.c, src/calendar_core.c).
-- Settings: pekefb.calendar (strict | literal), pekefb.extra_closing_days, pekefb.roll_forward.
-- The functions read settings, so they are STABLE.  Range 1900-01-01 .. 2200-12-31.

CREATE FUNCTION @extschema@.is_working_day(date) RETURNS boolean
    AS 'MODULE_PATHNAME', 'pekefb_is_working_day' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_working_day(date) IS
    'true for Monday-Friday except Finnish holidays (and the eves in strict mode) and pekefb.extra_closing_days';

CREATE FUNCTION @extschema@.holidays(year integer)
    RETURNS TABLE (day date, name_fi text, name_sv text)
    AS 'MODULE_PATHNAME', 'pekefb_holidays' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 16;
COMMENT ON FUNCTION @extschema@.holidays(integer) IS
    'named non-working days of a year (15 in strict mode, 13 in literal mode) plus pekefb.extra_closing_days, by day';

CREATE FUNCTION @extschema@.working_days("from" date, "to" date) RETURNS integer
    AS 'MODULE_PATHNAME', 'pekefb_working_days' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.working_days(date, date) IS
    'number of working days d with from < d <= to (negative of the reverse count when to < from)';

CREATE FUNCTION @extschema@.add_working_days(date, integer) RETURNS date
    AS 'MODULE_PATHNAME', 'pekefb_add_working_days' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_working_days(date, integer) IS
    'the n-th working day after the date (start day not counted); n = 0: the date; n < 0: backwards (150/1930 section 4)';

-- The same arithmetic under an explicit calendar, passed as data: calendar ('strict' or
-- 'literal'), closing_days (the region's extra non-working days) and, for due dates,
-- roll_forward.  The region's views and functions call these with the row of
-- region.settings, so figures depend on the region's settings, never on the reader's
-- session (and are the same on Citus workers, which session settings do not reach).
-- due_date and within_deadline of this kind are in access.sql, after the deadline type.
-- IMMUTABLE: the result depends on the arguments only.
CREATE FUNCTION @extschema@.is_working_day(date, calendar text, closing_days date[]) RETURNS boolean
    AS 'MODULE_PATHNAME', 'pekefb_is_working_day_cal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_working_day(date, text, date[]) IS
    'is_working_day under an explicit calendar (strict | literal) and closing days';
CREATE FUNCTION @extschema@.working_days("from" date, "to" date, calendar text, closing_days date[]) RETURNS integer
    AS 'MODULE_PATHNAME', 'pekefb_working_days_cal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.working_days(date, date, text, date[]) IS
    'working_days under an explicit calendar (strict | literal) and closing days';
-- deadline: a statutory time limit, "14 days" / "7 working days" / "3 months"
-- (src/deadline.c, src/deadline_core.c), and the due-date functions.  Pass-by-value int4.

CREATE TYPE @extschema@.deadline;

CREATE FUNCTION @extschema@.deadline_in(cstring) RETURNS @extschema@.deadline
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_out(@extschema@.deadline) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_recv(internal) RETURNS @extschema@.deadline
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_send(@extschema@.deadline) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.deadline (
    INPUT = @extschema@.deadline_in,
    OUTPUT = @extschema@.deadline_out,
    RECEIVE = @extschema@.deadline_recv,
    SEND = @extschema@.deadline_send,
    INTERNALLENGTH = 4,
    PASSEDBYVALUE,
    ALIGNMENT = int4,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.deadline IS
    'statutory time limit: N days (calendar days), N working days or N months; Finnish and Swedish unit words accepted';

-- Comparison: equality is same unit and length (2 weeks = 14 days; 14 days <> 2 working
-- days); a total order consistent with it (by unit: days, working days, months; then
-- length), with btree and hash operator classes.
CREATE FUNCTION @extschema@.deadline_eq(@extschema@.deadline, @extschema@.deadline) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_ne(@extschema@.deadline, @extschema@.deadline) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_lt(@extschema@.deadline, @extschema@.deadline) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_le(@extschema@.deadline, @extschema@.deadline) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_gt(@extschema@.deadline, @extschema@.deadline) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_ge(@extschema@.deadline, @extschema@.deadline) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_cmp(@extschema@.deadline, @extschema@.deadline) RETURNS integer
    AS 'MODULE_PATHNAME', 'deadline_cmp_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_hash(@extschema@.deadline) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deadline_hash_extended(@extschema@.deadline, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_eq(@extschema@.deadline, @extschema@.deadline) IS
    'implements = (same unit and length: 2 weeks = 14 days, 14 days <> 2 working days)';
COMMENT ON FUNCTION @extschema@.deadline_ne(@extschema@.deadline, @extschema@.deadline) IS
    'implements <>';
COMMENT ON FUNCTION @extschema@.deadline_lt(@extschema@.deadline, @extschema@.deadline) IS
    'implements < (unit: days, working days, months; then length)';
COMMENT ON FUNCTION @extschema@.deadline_le(@extschema@.deadline, @extschema@.deadline) IS
    'implements <= (unit: days, working days, months; then length)';
COMMENT ON FUNCTION @extschema@.deadline_gt(@extschema@.deadline, @extschema@.deadline) IS
    'implements > (unit: days, working days, months; then length)';
COMMENT ON FUNCTION @extschema@.deadline_ge(@extschema@.deadline, @extschema@.deadline) IS
    'implements >= (unit: days, working days, months; then length)';
COMMENT ON FUNCTION @extschema@.deadline_cmp(@extschema@.deadline, @extschema@.deadline) IS
    'btree comparison: -1, 0 or 1 (unit: days, working days, months; then length)';
COMMENT ON FUNCTION @extschema@.deadline_hash(@extschema@.deadline) IS
    'hash consistent with = (hash opclass)';
COMMENT ON FUNCTION @extschema@.deadline_hash_extended(@extschema@.deadline, bigint) IS
    'seeded 64-bit hash consistent with = (hash opclass)';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.deadline, RIGHTARG = @extschema@.deadline, PROCEDURE = @extschema@.deadline_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.deadline, RIGHTARG = @extschema@.deadline, PROCEDURE = @extschema@.deadline_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.deadline, RIGHTARG = @extschema@.deadline, PROCEDURE = @extschema@.deadline_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.deadline, RIGHTARG = @extschema@.deadline, PROCEDURE = @extschema@.deadline_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.deadline, RIGHTARG = @extschema@.deadline, PROCEDURE = @extschema@.deadline_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.deadline, RIGHTARG = @extschema@.deadline, PROCEDURE = @extschema@.deadline_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.deadline_btree_ops
    DEFAULT FOR TYPE @extschema@.deadline USING btree AS
        OPERATOR 1 @extschema@.< (@extschema@.deadline, @extschema@.deadline),
        OPERATOR 2 @extschema@.<= (@extschema@.deadline, @extschema@.deadline),
        OPERATOR 3 @extschema@.= (@extschema@.deadline, @extschema@.deadline),
        OPERATOR 4 @extschema@.>= (@extschema@.deadline, @extschema@.deadline),
        OPERATOR 5 @extschema@.> (@extschema@.deadline, @extschema@.deadline),
        FUNCTION 1 @extschema@.deadline_cmp(@extschema@.deadline, @extschema@.deadline);
CREATE OPERATOR CLASS @extschema@.deadline_hash_ops
    DEFAULT FOR TYPE @extschema@.deadline USING hash AS
        OPERATOR 1 @extschema@.= (@extschema@.deadline, @extschema@.deadline),
        FUNCTION 1 @extschema@.deadline_hash(@extschema@.deadline),
        FUNCTION 2 @extschema@.deadline_hash_extended(@extschema@.deadline, bigint);

CREATE FUNCTION @extschema@.deadline_unit(@extschema@.deadline) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_unit(@extschema@.deadline) IS
    'unit of a deadline: days, working days or months';
CREATE FUNCTION @extschema@.deadline_length(@extschema@.deadline) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_length(@extschema@.deadline) IS
    'number of units of a deadline (weeks are stored as 7N days, years as 12N months)';

CREATE FUNCTION @extschema@.due_date(started date, @extschema@.deadline) RETURNS date
    AS 'MODULE_PATHNAME', 'pekefb_due_date' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.due_date(date, @extschema@.deadline) IS
    'last day that meets the deadline: started + N days, the N-th working day after started, or 150/1930 section 3 months; rolled forward if pekefb.roll_forward';
CREATE FUNCTION @extschema@.due_date(started date, @extschema@.deadline, roll_forward boolean) RETURNS date
    AS 'MODULE_PATHNAME', 'pekefb_due_date_roll' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.due_date(date, @extschema@.deadline, boolean) IS
    'due date; roll_forward moves a due date on a weekend, holiday or eve to the next working day (150/1930 section 5)';
CREATE FUNCTION @extschema@.due_date(started timestamptz, @extschema@.deadline) RETURNS date
    AS 'MODULE_PATHNAME', 'pekefb_due_date_tz' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.due_date(timestamptz, @extschema@.deadline) IS
    'due date of a case started at a timestamp (its date in the session time zone)';
CREATE FUNCTION @extschema@.due_date(started timestamptz, @extschema@.deadline, roll_forward boolean) RETURNS date
    AS 'MODULE_PATHNAME', 'pekefb_due_date_tz_roll' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.due_date(timestamptz, @extschema@.deadline, boolean) IS
    'due date of a case started at a timestamp, with an explicit section 5 roll-forward choice';

CREATE FUNCTION @extschema@.within_deadline(started date, finished date, @extschema@.deadline) RETURNS boolean
    AS 'MODULE_PATHNAME', 'pekefb_within_deadline' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.within_deadline(date, date, @extschema@.deadline) IS
    'finished <= due_date(started, deadline); NULL while finished is NULL; finished before started is an error';
CREATE FUNCTION @extschema@.within_deadline(started timestamptz, finished timestamptz, @extschema@.deadline) RETURNS boolean
    AS 'MODULE_PATHNAME', 'pekefb_within_deadline_tz' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.within_deadline(timestamptz, timestamptz, @extschema@.deadline) IS
    'within_deadline on the session-time-zone dates of two timestamps';
-- access: the access_rate aggregates (src/access.c).  State pekefb.tally: a = cases on
-- time, n = cases counted; combine tally_combine, final tally_share (a/n, NULL if n = 0).
-- The inverse transition makes them moving aggregates for window frames.

CREATE FUNCTION @extschema@.access_rate_trans(@extschema@.tally, date, date, @extschema@.deadline) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_trans(@extschema@.tally, date, date, @extschema@.deadline) IS
    'transition function of access_rate(date, date, deadline)';
CREATE FUNCTION @extschema@.access_rate_inv(@extschema@.tally, date, date, @extschema@.deadline) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_inv(@extschema@.tally, date, date, @extschema@.deadline) IS
    'inverse transition (moving windows) function of access_rate(date, date, deadline)';
CREATE AGGREGATE @extschema@.access_rate(started date, finished date, @extschema@.deadline) (
    SFUNC = @extschema@.access_rate_trans,
    STYPE = @extschema@.tally,
    INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share,
    COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.access_rate_trans,
    MINVFUNC = @extschema@.access_rate_inv,
    MSTYPE = @extschema@.tally,
    MINITCOND = '(0,0,0)',
    MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.access_rate(date, date, @extschema@.deadline) IS
    'share of finished cases that finished within the deadline (finished <= due_date); unfinished cases ignored; NULL if none';

CREATE FUNCTION @extschema@.access_rate_asof_trans(@extschema@.tally, date, date, @extschema@.deadline, date) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_asof_trans(@extschema@.tally, date, date, @extschema@.deadline, date) IS
    'transition function of access_rate(date, date, deadline, date)';
CREATE FUNCTION @extschema@.access_rate_asof_inv(@extschema@.tally, date, date, @extschema@.deadline, date) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_asof_inv(@extschema@.tally, date, date, @extschema@.deadline, date) IS
    'inverse transition (moving windows) function of access_rate(date, date, deadline, date)';
CREATE AGGREGATE @extschema@.access_rate(started date, finished date, @extschema@.deadline, as_of date) (
    SFUNC = @extschema@.access_rate_asof_trans,
    STYPE = @extschema@.tally,
    INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share,
    COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.access_rate_asof_trans,
    MINVFUNC = @extschema@.access_rate_asof_inv,
    MSTYPE = @extschema@.tally,
    MINITCOND = '(0,0,0)',
    MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.access_rate(date, date, @extschema@.deadline, date) IS
    'state on as_of: cases started after as_of ignored, finished after as_of count as open; open cases past their due date count as late, open cases within it are left out';

CREATE FUNCTION @extschema@.access_rate_tz_trans(@extschema@.tally, timestamptz, timestamptz, @extschema@.deadline) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_tz_trans(@extschema@.tally, timestamptz, timestamptz, @extschema@.deadline) IS
    'transition function of access_rate(timestamptz, timestamptz, deadline)';
CREATE FUNCTION @extschema@.access_rate_tz_inv(@extschema@.tally, timestamptz, timestamptz, @extschema@.deadline) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_tz_inv(@extschema@.tally, timestamptz, timestamptz, @extschema@.deadline) IS
    'inverse transition (moving windows) function of access_rate(timestamptz, timestamptz, deadline)';
CREATE AGGREGATE @extschema@.access_rate(started timestamptz, finished timestamptz, @extschema@.deadline) (
    SFUNC = @extschema@.access_rate_tz_trans,
    STYPE = @extschema@.tally,
    INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share,
    COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.access_rate_tz_trans,
    MINVFUNC = @extschema@.access_rate_tz_inv,
    MSTYPE = @extschema@.tally,
    MINITCOND = '(0,0,0)',
    MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.access_rate(timestamptz, timestamptz, @extschema@.deadline) IS
    'access_rate on the session-time-zone dates of timestamps';

CREATE FUNCTION @extschema@.access_rate_tz_asof_trans(@extschema@.tally, timestamptz, timestamptz, @extschema@.deadline, timestamptz) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_tz_asof_trans(@extschema@.tally, timestamptz, timestamptz, @extschema@.deadline, timestamptz) IS
    'transition function of access_rate(timestamptz, timestamptz, deadline, timestamptz)';
CREATE FUNCTION @extschema@.access_rate_tz_asof_inv(@extschema@.tally, timestamptz, timestamptz, @extschema@.deadline, timestamptz) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_tz_asof_inv(@extschema@.tally, timestamptz, timestamptz, @extschema@.deadline, timestamptz) IS
    'inverse transition (moving windows) function of access_rate(timestamptz, timestamptz, deadline, timestamptz)';
CREATE AGGREGATE @extschema@.access_rate(started timestamptz, finished timestamptz, @extschema@.deadline, as_of timestamptz) (
    SFUNC = @extschema@.access_rate_tz_asof_trans,
    STYPE = @extschema@.tally,
    INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share,
    COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.access_rate_tz_asof_trans,
    MINVFUNC = @extschema@.access_rate_tz_asof_inv,
    MSTYPE = @extschema@.tally,
    MINITCOND = '(0,0,0)',
    MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.access_rate(timestamptz, timestamptz, @extschema@.deadline, timestamptz) IS
    'access_rate as of a timestamp, on session-time-zone dates';

-- due_date and within_deadline under an explicit calendar (see calendar.sql).
CREATE FUNCTION @extschema@.due_date(started date, @extschema@.deadline, calendar text, closing_days date[], roll_forward boolean) RETURNS date
    AS 'MODULE_PATHNAME', 'pekefb_due_date_cal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.due_date(date, @extschema@.deadline, text, date[], boolean) IS
    'due date under an explicit calendar (strict | literal), closing days and section 5 roll-forward choice';
CREATE FUNCTION @extschema@.within_deadline(started date, finished date, @extschema@.deadline, calendar text, closing_days date[], roll_forward boolean) RETURNS boolean
    AS 'MODULE_PATHNAME', 'pekefb_within_deadline_cal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.within_deadline(date, date, @extschema@.deadline, text, date[], boolean) IS
    'within_deadline under an explicit calendar (strict | literal), closing days and roll-forward choice';

-- access_rate under an explicit calendar (calendar, closing_days, roll_forward passed as
-- data, e.g. from region.settings): the same on every node and in every session.
CREATE FUNCTION @extschema@.access_rate_cal_trans(@extschema@.tally, date, date, @extschema@.deadline, text, date[], boolean) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_cal_trans(@extschema@.tally, date, date, @extschema@.deadline, text, date[], boolean) IS
    'transition function of access_rate(date, date, deadline, text, date[], boolean)';
CREATE FUNCTION @extschema@.access_rate_cal_inv(@extschema@.tally, date, date, @extschema@.deadline, text, date[], boolean) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_cal_inv(@extschema@.tally, date, date, @extschema@.deadline, text, date[], boolean) IS
    'inverse transition (moving windows) function of access_rate(date, date, deadline, text, date[], boolean)';
CREATE AGGREGATE @extschema@.access_rate(started date, finished date, @extschema@.deadline,
                                         calendar text, closing_days date[], roll_forward boolean) (
    SFUNC = @extschema@.access_rate_cal_trans,
    STYPE = @extschema@.tally,
    INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share,
    COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.access_rate_cal_trans,
    MINVFUNC = @extschema@.access_rate_cal_inv,
    MSTYPE = @extschema@.tally,
    MINITCOND = '(0,0,0)',
    MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.access_rate(date, date, @extschema@.deadline, text, date[], boolean) IS
    'access_rate under an explicit calendar (strict | literal), closing days and roll-forward choice';

CREATE FUNCTION @extschema@.access_rate_asof_cal_trans(@extschema@.tally, date, date, @extschema@.deadline, date, text, date[], boolean) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_asof_cal_trans(@extschema@.tally, date, date, @extschema@.deadline, date, text, date[], boolean) IS
    'transition function of access_rate(date, date, deadline, date, text, date[], boolean)';
CREATE FUNCTION @extschema@.access_rate_asof_cal_inv(@extschema@.tally, date, date, @extschema@.deadline, date, text, date[], boolean) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.access_rate_asof_cal_inv(@extschema@.tally, date, date, @extschema@.deadline, date, text, date[], boolean) IS
    'inverse transition (moving windows) function of access_rate(date, date, deadline, date, text, date[], boolean)';
CREATE AGGREGATE @extschema@.access_rate(started date, finished date, @extschema@.deadline, as_of date,
                                         calendar text, closing_days date[], roll_forward boolean) (
    SFUNC = @extschema@.access_rate_asof_cal_trans,
    STYPE = @extschema@.tally,
    INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share,
    COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.access_rate_asof_cal_trans,
    MINVFUNC = @extschema@.access_rate_asof_cal_inv,
    MSTYPE = @extschema@.tally,
    MINITCOND = '(0,0,0)',
    MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.access_rate(date, date, @extschema@.deadline, date, text, date[], boolean) IS
    'access_rate as of a date under an explicit calendar (strict | literal), closing days and roll-forward choice';

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
-- feedback: one client-feedback response (src/feedback.c, src/feedback_core.c), its
-- accessors and the aggregates nps, item_mean and agree_share over pekefb.tally.
-- Text form: a JSON object, e.g. {"role":"parent","channel":"web","nps":9,"items":{"easy":4}};
-- see doc/feedback.md for the rules and limits.

CREATE TYPE @extschema@.feedback;

CREATE FUNCTION @extschema@.feedback_in(cstring) RETURNS @extschema@.feedback
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_out(@extschema@.feedback) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_recv(internal) RETURNS @extschema@.feedback
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_send(@extschema@.feedback) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.feedback (
    INPUT = @extschema@.feedback_in,
    OUTPUT = @extschema@.feedback_out,
    RECEIVE = @extschema@.feedback_recv,
    SEND = @extschema@.feedback_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.feedback IS
    'one client-feedback response (role, channel, NPS 0-10, statements scored 1-5 or null = don''t know, language), stored compactly; text form is JSON';

-- Equality (byte equality of the canonical binary form) and a hash opclass, so responses
-- can be compared, grouped and made DISTINCT.
CREATE FUNCTION @extschema@.feedback_eq(@extschema@.feedback, @extschema@.feedback) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_ne(@extschema@.feedback, @extschema@.feedback) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_hash(@extschema@.feedback) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feedback_eq(@extschema@.feedback, @extschema@.feedback) IS
    'whether two responses are the same (implements =)';
COMMENT ON FUNCTION @extschema@.feedback_ne(@extschema@.feedback, @extschema@.feedback) IS
    'whether two responses differ (implements <>)';
COMMENT ON FUNCTION @extschema@.feedback_hash(@extschema@.feedback) IS
    'hash of a response (hash opclass)';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
    PROCEDURE = @extschema@.feedback_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
    PROCEDURE = @extschema@.feedback_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR CLASS @extschema@.feedback_hash_ops
    DEFAULT FOR TYPE @extschema@.feedback USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.feedback, @extschema@.feedback),
    FUNCTION 1 @extschema@.feedback_hash(@extschema@.feedback);

-- Casts: to json (a C function, so that the built-in to_json/to_jsonb/row_to_json nest a
-- response as an object rather than a string), to and from jsonb through the text form.
CREATE FUNCTION @extschema@.feedback_to_json(@extschema@.feedback) RETURNS json
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feedback_to_json(@extschema@.feedback) IS
    'a response as its canonical JSON object';
CREATE CAST (@extschema@.feedback AS json) WITH FUNCTION @extschema@.feedback_to_json(@extschema@.feedback);
CREATE CAST (@extschema@.feedback AS jsonb) WITH INOUT;
CREATE CAST (jsonb AS @extschema@.feedback) WITH INOUT;
CREATE CAST (json AS @extschema@.feedback) WITH INOUT;

-- Accessors
CREATE FUNCTION @extschema@.nps_score(@extschema@.feedback) RETURNS integer
    AS 'MODULE_PATHNAME', 'feedback_nps_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_score(@extschema@.feedback) IS
    'the 0-10 recommendation answer of a response; NULL if not given';
CREATE FUNCTION @extschema@.item(@extschema@.feedback, text) RETURNS integer
    AS 'MODULE_PATHNAME', 'feedback_item' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.item(@extschema@.feedback, text) IS
    'the 1-5 score of a statement; NULL if the statement is missing or answered "don''t know"';
CREATE FUNCTION @extschema@.role(@extschema@.feedback) RETURNS text
    AS 'MODULE_PATHNAME', 'feedback_role' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.role(@extschema@.feedback) IS
    'the respondent''s role (client, child, parent, staff, partner, other); NULL if not given';
CREATE FUNCTION @extschema@.channel(@extschema@.feedback) RETURNS text
    AS 'MODULE_PATHNAME', 'feedback_channel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.channel(@extschema@.feedback) IS
    'the channel of a response (web, sms, paper, kiosk, phone, meeting, other); NULL if not given';
CREATE FUNCTION @extschema@.lang(@extschema@.feedback) RETURNS text
    AS 'MODULE_PATHNAME', 'feedback_lang' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lang(@extschema@.feedback) IS
    'the language code of a response (fi, sv, en, se, smn, sms, ...); NULL if not given';
CREATE FUNCTION @extschema@.item_codes(@extschema@.feedback) RETURNS text[]
    AS 'MODULE_PATHNAME', 'feedback_item_codes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.item_codes(@extschema@.feedback) IS
    'the statement codes of a response in sorted order, "don''t know" answers included';
CREATE FUNCTION @extschema@.items(@extschema@.feedback, OUT code text, OUT score integer)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'feedback_items' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION @extschema@.items(@extschema@.feedback) IS
    'one row per statement of a response: code and score (NULL = "don''t know")';

-- Aggregates.  All keep a pekefb.tally (a, b, n), combine with tally_combine and work as
-- moving (window) aggregates with an inverse transition.  NULL rows (the transition
-- functions are STRICT) and missing or "don't know" answers are skipped; no rows with an
-- answer gives NULL.
CREATE FUNCTION @extschema@.feedback_nps_trans(@extschema@.tally, @extschema@.feedback) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_nps_inv(@extschema@.tally, @extschema@.feedback) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int_nps_trans(@extschema@.tally, integer) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int_nps_inv(@extschema@.tally, integer) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_item_mean_trans(@extschema@.tally, @extschema@.feedback, text) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_item_mean_inv(@extschema@.tally, @extschema@.feedback, text) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_agree_trans(@extschema@.tally, @extschema@.feedback, text) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_agree_inv(@extschema@.tally, @extschema@.feedback, text) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feedback_nps_trans(@extschema@.tally, @extschema@.feedback) IS
    'transition of nps(feedback): a = promoters (9-10), b = detractors (0-6), n = answers';
COMMENT ON FUNCTION @extschema@.feedback_nps_inv(@extschema@.tally, @extschema@.feedback) IS
    'inverse transition of nps(feedback) for moving windows';
COMMENT ON FUNCTION @extschema@.int_nps_trans(@extschema@.tally, integer) IS
    'transition of nps(integer): a = promoters (9-10), b = detractors (0-6), n = answers; 22003 outside 0-10';
COMMENT ON FUNCTION @extschema@.int_nps_inv(@extschema@.tally, integer) IS
    'inverse transition of nps(integer) for moving windows';
COMMENT ON FUNCTION @extschema@.feedback_item_mean_trans(@extschema@.tally, @extschema@.feedback, text) IS
    'transition of item_mean: a = points above 1 (score - 1), n = 4 points per answer';
COMMENT ON FUNCTION @extschema@.feedback_item_mean_inv(@extschema@.tally, @extschema@.feedback, text) IS
    'inverse transition of item_mean for moving windows';
COMMENT ON FUNCTION @extschema@.feedback_agree_trans(@extschema@.tally, @extschema@.feedback, text) IS
    'transition of agree_share: a = answers 4 or 5, n = answers';
COMMENT ON FUNCTION @extschema@.feedback_agree_inv(@extschema@.tally, @extschema@.feedback, text) IS
    'inverse transition of agree_share for moving windows';

CREATE AGGREGATE @extschema@.nps(@extschema@.feedback) (
    SFUNC = @extschema@.feedback_nps_trans, STYPE = @extschema@.tally, INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_nps, COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.feedback_nps_trans, MINVFUNC = @extschema@.feedback_nps_inv,
    MSTYPE = @extschema@.tally, MINITCOND = '(0,0,0)', MFINALFUNC = @extschema@.tally_nps,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(@extschema@.feedback) IS
    'Net Promoter Score of the responses'' 0-10 answers: % promoters (9-10) - % detractors (0-6), -100..100, unrounded';
CREATE AGGREGATE @extschema@.nps(integer) (
    SFUNC = @extschema@.int_nps_trans, STYPE = @extschema@.tally, INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_nps, COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.int_nps_trans, MINVFUNC = @extschema@.int_nps_inv,
    MSTYPE = @extschema@.tally, MINITCOND = '(0,0,0)', MFINALFUNC = @extschema@.tally_nps,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(integer) IS
    'Net Promoter Score of 0-10 answers: % promoters (9-10) - % detractors (0-6), -100..100, unrounded';
CREATE AGGREGATE @extschema@.item_mean(@extschema@.feedback, text) (
    SFUNC = @extschema@.feedback_item_mean_trans, STYPE = @extschema@.tally, INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_mean, COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.feedback_item_mean_trans, MINVFUNC = @extschema@.feedback_item_mean_inv,
    MSTYPE = @extschema@.tally, MINITCOND = '(0,0,0)', MFINALFUNC = @extschema@.tally_mean,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.item_mean(@extschema@.feedback, text) IS
    'mean 1-5 score of a statement over the responses that answered it ("don''t know" left out)';
CREATE AGGREGATE @extschema@.agree_share(@extschema@.feedback, text) (
    SFUNC = @extschema@.feedback_agree_trans, STYPE = @extschema@.tally, INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share, COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.feedback_agree_trans, MINVFUNC = @extschema@.feedback_agree_inv,
    MSTYPE = @extschema@.tally, MINITCOND = '(0,0,0)', MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.agree_share(@extschema@.feedback, text) IS
    'share (0..1) of a statement''s answers that agree (4 or 5 on the 1-5 scale); "don''t know" left out';
-- region: the library functions that create and upgrade a region, i.e. a schema holding one
-- region's tables, views and functions as ordinary objects owned by the caller.  The
-- region's SQL itself lives in src/region/*.sql (see doc/region.md); the Makefile embeds it
-- as pekefb._region_script() and pekefb._region_upgrades() (src/region_script.sql).

-- The library is for every role: a region's owner (any role that may create a schema) calls
-- create_region, analysts call the functions and aggregates.  Functions and types are
-- PUBLIC by default; the schema needs USAGE to be looked up.  Nobody but its owner can
-- create anything in it.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

-- import_feedback(target, document): the bulk loader behind region.import_feedback
-- (src/import.c).  target is a region's feedback_responses; the organisations are checked
-- against the organizations table of the same schema.
CREATE FUNCTION @extschema@.import_feedback(target regclass, document text) RETURNS bigint
    AS 'MODULE_PATHNAME', 'import_feedback'
    LANGUAGE C VOLATILE STRICT SECURITY INVOKER PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.import_feedback(regclass, text) IS
    'loads a JSON array of feedback records into a region''s feedback_responses (target), all or nothing; returns the number of rows';

-- _region_check_schema(schema): the region schema's name must be a plain lower-case
-- identifier, so that it can stand unquoted in the region script and in its literals.
CREATE FUNCTION @extschema@._region_check_schema(schema name) RETURNS void
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF schema IS NULL OR schema::text OPERATOR(pg_catalog.!~) '^[a-z_][a-z0-9_]{0,62}$' THEN
        RAISE EXCEPTION 'invalid region schema name: "%"', schema
            USING ERRCODE = '22023',
                  DETAIL = 'Expected a lower-case name of letters a-z, digits and _, starting with a letter or _ (e.g. region).';
    END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@._region_check_schema(name) IS
    'raises 22023 unless the name is a plain lower-case identifier';

-- create_region: creates the schema (refusing an existing one), runs the region script in
-- it, stores the settings and registers the wellbeing area as the root organisation.  The
-- schema and everything in it belong to the caller.  Returns the schema's name.
CREATE FUNCTION @extschema@.create_region(
    schema name DEFAULT 'region',
    area_code text DEFAULT NULL,
    area_name_fi text DEFAULT NULL,
    area_name_sv text DEFAULT NULL,
    region_name text DEFAULT NULL,
    time_zone text DEFAULT 'Europe/Helsinki',
    calendar text DEFAULT 'strict',
    extra_closing_days date[] DEFAULT '{}',
    roll_forward boolean DEFAULT false,
    min_group_size integer DEFAULT 5)
RETURNS name
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    nsp name := create_region.schema;
    version text;
BEGIN
    PERFORM @extschema@._region_check_schema(nsp);
    IF area_code IS NULL OR area_name_fi IS NULL THEN
        RAISE EXCEPTION 'create_region needs the wellbeing area''s code and Finnish name'
            USING ERRCODE = '22004',
                  DETAIL = 'Pass area_code and area_name_fi, e.g. create_region(''region'', ''soite'', ''Keski-Pohjanmaan hyvinvointialue'').';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) nsp) THEN
        RAISE EXCEPTION 'schema "%" already exists', nsp
            USING ERRCODE = '42P06',
                  DETAIL = 'create_region creates a new schema; pekefb.upgrade_region brings an existing region to the library''s version.';
    END IF;
    SELECT e.extversion INTO STRICT version FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pekefb';

    EXECUTE pg_catalog.format('CREATE SCHEMA %I', nsp);
    EXECUTE pg_catalog.format('COMMENT ON SCHEMA %I IS %L', nsp,
                              ('pekefb region ' OPERATOR(pg_catalog.||) COALESCE(region_name, area_name_fi)) OPERATOR(pg_catalog.||) ': tables, views and functions (doc/region.md)');
    EXECUTE pg_catalog.replace(@extschema@._region_script(), '@region@', pg_catalog.quote_ident(nsp));
    EXECUTE pg_catalog.format('INSERT INTO %I.organizations (code, name_fi, name_sv, kind) VALUES ($1, $2, $3, %L)',
                              nsp, 'wellbeing_area')
        USING area_code, area_name_fi, area_name_sv;
    EXECUTE pg_catalog.format('INSERT INTO %I.settings (name, area_code, time_zone, calendar, extra_closing_days, '
                              'roll_forward, min_group_size, pekefb_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', nsp)
        USING COALESCE(region_name, area_name_fi), area_code, time_zone, calendar, extra_closing_days,
              roll_forward, min_group_size, version;
    -- the planner then knows that settings has one row (every view joins it)
    EXECUTE pg_catalog.format('ANALYZE %I.settings', nsp);
    RETURN nsp;
END
$fn$;
COMMENT ON FUNCTION @extschema@.create_region(name, text, text, text, text, text, text, date[], boolean, integer) IS
    'creates a region in a new schema (default region): its tables, views and functions, owned by the caller, its settings and its wellbeing area as the root organisation';

-- upgrade_region: brings a region's schema from the version recorded in its settings to the
-- library's installed version by running the region upgrade steps in order, in the
-- caller's transaction (all or nothing, every row kept).  Returns the version reached.
CREATE FUNCTION @extschema@.upgrade_region(schema name DEFAULT 'region')
RETURNS text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    nsp name := upgrade_region.schema;
    have text;
    want text;
    step record;
BEGIN
    PERFORM @extschema@._region_check_schema(nsp);
    IF pg_catalog.to_regclass(pg_catalog.format('%I.settings', nsp)) IS NULL THEN
        RAISE EXCEPTION 'schema "%" is not a pekefb region', nsp
            USING ERRCODE = '42P01', DETAIL = 'A region has a settings table; pekefb.create_region creates one.';
    END IF;
    EXECUTE pg_catalog.format('SELECT s.pekefb_version FROM %I.settings s FOR UPDATE', nsp) INTO have;
    SELECT e.extversion INTO STRICT want FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pekefb';
    WHILE have OPERATOR(pg_catalog.<>) want LOOP
        SELECT u.to_version, u.script INTO step
        FROM @extschema@._region_upgrades() u WHERE u.from_version OPERATOR(pg_catalog.=) have;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no upgrade path for region "%" from version % to %', nsp, have, want
                USING ERRCODE = '55000',
                      DETAIL = 'The library has region upgrade steps (src/region/upgrade) only from the versions it lists in pekefb._region_upgrades().';
        END IF;
        EXECUTE pg_catalog.replace(step.script, '@region@', pg_catalog.quote_ident(nsp));
        have := step.to_version;
        EXECUTE pg_catalog.format('UPDATE %I.settings SET pekefb_version = $1', nsp) USING have;
    END LOOP;
    RETURN have;
END
$fn$;
COMMENT ON FUNCTION @extschema@.upgrade_region(name) IS
    'brings a region''s schema to the library''s version (region upgrade steps in order, one transaction); returns the version';
-- region_script (generated by src/region/embed.sh from src/region/*.sql; do not edit):
-- the text that pekefb.create_region and pekefb.upgrade_region run.

CREATE FUNCTION @extschema@._region_script() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $pekefb_region_text$
-- ---- src/region/settings.sql
-- settings: the region's one row of settings.  Every figure that depends on a setting (the
-- time zone that buckets timestamps into days, months, quarters and years; the calendar
-- variant, closing days and roll-forward of working-day deadlines; the minimum group size
-- of suppression) reads it from here, never from the reader's session.
--
-- Region script (src/region/*.sql): run by pekefb.create_region with @region@ replaced by
-- the region's schema and search_path = pg_catalog, pg_temp; see doc/region.md.

CREATE TABLE @region@.settings (
    id                 integer PRIMARY KEY DEFAULT 1 CONSTRAINT settings_one_row CHECK (id OPERATOR(pg_catalog.=) 1),
    name               text NOT NULL CHECK (name OPERATOR(pg_catalog.<>) ''),
    area_code          text NOT NULL,
    time_zone          text NOT NULL DEFAULT 'Europe/Helsinki',
    calendar           text NOT NULL DEFAULT 'strict' CHECK (calendar OPERATOR(pg_catalog.=) ANY (ARRAY['strict', 'literal'])),
    extra_closing_days date[] NOT NULL DEFAULT '{}'
                       CONSTRAINT settings_closing_days_not_null CHECK (pg_catalog.array_position(extra_closing_days, NULL) IS NULL),
    roll_forward       boolean NOT NULL DEFAULT false,
    min_group_size     integer NOT NULL DEFAULT 5 CHECK (min_group_size OPERATOR(pg_catalog.>=) 1),
    pekefb_version     text NOT NULL
);
COMMENT ON TABLE @region@.settings IS
    'the region''s settings (exactly one row): name, time zone, calendar, minimum group size and the version of its schema';
COMMENT ON COLUMN @region@.settings.id IS 'always 1: the table holds one row';
COMMENT ON COLUMN @region@.settings.name IS 'the region''s name, e.g. Keski-Pohjanmaan hyvinvointialue';
COMMENT ON COLUMN @region@.settings.area_code IS 'code of the wellbeing area, the root of organizations';
COMMENT ON COLUMN @region@.settings.time_zone IS 'time zone in which timestamps are bucketed into days, months, quarters and years (default Europe/Helsinki)';
COMMENT ON COLUMN @region@.settings.calendar IS 'working-day calendar: strict (Midsummer Eve and Christmas Eve are non-working, default) or literal';
COMMENT ON COLUMN @region@.settings.extra_closing_days IS 'the region''s extra non-working days (e.g. a bridge day), counted out of working-day deadlines';
COMMENT ON COLUMN @region@.settings.roll_forward IS 'true: a due date on a non-working day moves to the next working day (150/1930 section 5)';
COMMENT ON COLUMN @region@.settings.min_group_size IS 'views hide figures of groups with fewer cases or respondents than this (default 5, at least 1)';
COMMENT ON COLUMN @region@.settings.pekefb_version IS 'the pekefb version this region''s schema is at; pekefb.upgrade_region brings it to the library''s';

-- The time zone must be one PostgreSQL knows; the row cannot be deleted (every view reads it).
CREATE FUNCTION @region@.settings_check() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' OR TG_OP OPERATOR(pg_catalog.=) 'TRUNCATE' THEN
        RAISE EXCEPTION 'the row of %.settings cannot be deleted', TG_TABLE_SCHEMA
            USING ERRCODE = '55000', DETAIL = 'Every view of the region reads its settings; update the row instead.';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_timezone_names z WHERE z.name OPERATOR(pg_catalog.=) NEW.time_zone) THEN
        RAISE EXCEPTION 'invalid time zone: "%"', NEW.time_zone
            USING ERRCODE = '22023', DETAIL = 'Expected a time zone name PostgreSQL knows, e.g. Europe/Helsinki (see pg_timezone_names).';
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.settings_check() IS 'trigger: validates the time zone and keeps the settings row from being deleted';
CREATE TRIGGER settings_check BEFORE INSERT OR UPDATE OR DELETE ON @region@.settings
    FOR EACH ROW EXECUTE FUNCTION @region@.settings_check();
CREATE TRIGGER settings_no_truncate BEFORE TRUNCATE ON @region@.settings
    FOR EACH STATEMENT EXECUTE FUNCTION @region@.settings_check();

-- ---- src/region/organizations.sql
-- organizations: the family-centre network (wellbeing area, municipalities, NGOs, parishes,
-- companies, state agencies), and organization_tree, each organisation with every
-- organisation above it, kept by a trigger (a table, not a recursive view, so that it works
-- when the region is distributed on Citus).

CREATE TABLE @region@.organizations (
    code        text PRIMARY KEY
                CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    name_fi     text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv     text,
    kind        text NOT NULL
                CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['wellbeing_area', 'municipality', 'ngo', 'parish', 'company', 'state', 'nation'])),
    parent_code text REFERENCES @region@.organizations (code),
    CONSTRAINT organizations_not_own_parent CHECK (parent_code OPERATOR(pg_catalog.<>) code)
);
CREATE INDEX organizations_parent_idx ON @region@.organizations (parent_code);
COMMENT ON TABLE @region@.organizations IS
    'the family-centre network: wellbeing area (the root), municipalities, NGOs, parishes, companies, state agencies';
COMMENT ON COLUMN @region@.organizations.code IS 'stable key: lower-case letters, digits, _ . -';
COMMENT ON COLUMN @region@.organizations.name_fi IS 'Finnish name';
COMMENT ON COLUMN @region@.organizations.name_sv IS 'Swedish name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.organizations.kind IS 'wellbeing_area, municipality, ngo, parish, company, state or nation';
COMMENT ON COLUMN @region@.organizations.parent_code IS 'the organisation this one belongs to (NULL for the top); no cycles';

CREATE TABLE @region@.organization_tree (
    organization_code text NOT NULL REFERENCES @region@.organizations (code) ON DELETE CASCADE,
    ancestor_code     text NOT NULL REFERENCES @region@.organizations (code) ON DELETE CASCADE,
    depth             integer NOT NULL CHECK (depth OPERATOR(pg_catalog.>=) 0),
    PRIMARY KEY (organization_code, ancestor_code)
);
CREATE INDEX organization_tree_ancestor_idx ON @region@.organization_tree (ancestor_code);
COMMENT ON TABLE @region@.organization_tree IS
    'each organisation paired with itself (depth 0) and every organisation above it; kept by triggers on organizations, do not write';
COMMENT ON COLUMN @region@.organization_tree.organization_code IS 'an organisation';
COMMENT ON COLUMN @region@.organization_tree.ancestor_code IS 'the organisation itself or one above it';
COMMENT ON COLUMN @region@.organization_tree.depth IS 'levels between them: 0 = itself, 1 = its parent, ...';

-- rebuild_organization_tree(orgs, tree): the same for a given pair of tables: the region's
-- own, or on Citus the two tables' copies (shard placements) on one node, which the trigger
-- on a placement of organizations rebuilds in the node's own transaction.
CREATE FUNCTION @region@.rebuild_organization_tree(orgs pg_catalog.regclass, tree pg_catalog.regclass) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    level integer := 0;
    added bigint;
    total bigint;
    on_cycle text;
BEGIN
    EXECUTE pg_catalog.format('DELETE FROM %s', tree);
    EXECUTE pg_catalog.format('INSERT INTO %s (organization_code, ancestor_code, depth) '
                              'SELECT o.code, o.code, 0 FROM %s o', tree, orgs);
    GET DIAGNOSTICS total = ROW_COUNT;
    LOOP
        EXECUTE pg_catalog.format(
            'SELECT t.organization_code FROM %s t JOIN %s o ON o.code OPERATOR(pg_catalog.=) t.ancestor_code '
            'WHERE t.depth OPERATOR(pg_catalog.=) $1 AND o.parent_code OPERATOR(pg_catalog.=) t.organization_code '
            'ORDER BY t.organization_code LIMIT 1', tree, orgs)
            INTO on_cycle USING level;
        IF on_cycle IS NOT NULL THEN
            RAISE EXCEPTION 'cycle in @region@.organizations: organisation "%" is its own ancestor', on_cycle
                USING ERRCODE = '23514',
                      DETAIL = 'Following parent_code from it leads back to it; the network must be a tree.';
        END IF;
        EXECUTE pg_catalog.format(
            'INSERT INTO %s (organization_code, ancestor_code, depth) '
            'SELECT t.organization_code, o.parent_code, $1 OPERATOR(pg_catalog.+) 1 '
            'FROM %s t JOIN %s o ON o.code OPERATOR(pg_catalog.=) t.ancestor_code '
            'WHERE t.depth OPERATOR(pg_catalog.=) $1 AND o.parent_code IS NOT NULL', tree, tree, orgs)
            USING level;
        GET DIAGNOSTICS added = ROW_COUNT;
        EXIT WHEN added OPERATOR(pg_catalog.=) 0;
        total := total OPERATOR(pg_catalog.+) added;
        level := level OPERATOR(pg_catalog.+) 1;
    END LOOP;
    RETURN total;
END
$fn$;
COMMENT ON FUNCTION @region@.rebuild_organization_tree(pg_catalog.regclass, pg_catalog.regclass) IS
    'recomputes the organisation tree table tree from the organisations table orgs (the region''s, or their copies on one Citus node); returns the number of pairs';

-- rebuild_organization_tree(): recomputes organization_tree from parent_code, level by level
-- (no recursive query), and refuses a cycle naming an organisation on it.  Called by the
-- trigger after every change of organizations; callable by hand (e.g. after a bulk load
-- with triggers disabled).
CREATE FUNCTION @region@.rebuild_organization_tree() RETURNS bigint
    LANGUAGE sql SET search_path = pg_catalog, pg_temp
    RETURN @region@.rebuild_organization_tree('@region@.organizations'::pg_catalog.regclass,
                                              '@region@.organization_tree'::pg_catalog.regclass);
COMMENT ON FUNCTION @region@.rebuild_organization_tree() IS
    'recomputes organization_tree from organizations.parent_code; refuses cycles; returns the number of pairs';

-- The trigger rebuilds the tree after every statement that changes organizations.  On Citus
-- (a distributed region, pekefb.distribute_region) the region's tables are reference tables
-- with a copy on every node, and the trigger fires on each node's copy of organizations,
-- where it rebuilds that node's copy of organization_tree (a trigger there may not write
-- to the other nodes).
CREATE FUNCTION @region@.organizations_changed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    tree pg_catalog.regclass;
BEGIN
    IF TG_RELID OPERATOR(pg_catalog.=) '@region@.organizations'::pg_catalog.regclass THEN
        PERFORM @region@.rebuild_organization_tree();
    ELSE
        -- a placement (shard) of the reference table, named organizations_<shard id>
        -- a placement (shard) of the reference table, named organizations_<shard id>; while
        -- distribute_region copies organizations to a node that has no copy of
        -- organization_tree yet there is nothing to rebuild (the tree's copy follows).
        EXECUTE 'SELECT pg_catalog.to_regclass(pg_catalog.format(''%I.%I'', $1, ''organization_tree_'' OPERATOR(pg_catalog.||) s.shardid))'
                ' FROM pg_catalog.pg_dist_shard s WHERE s.logicalrelid OPERATOR(pg_catalog.=) $2'
            INTO tree USING TG_TABLE_SCHEMA, '@region@.organization_tree'::pg_catalog.regclass;
        IF tree IS NOT NULL THEN
            PERFORM @region@.rebuild_organization_tree(TG_RELID, tree);
        END IF;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.organizations_changed() IS 'trigger: keeps organization_tree in step with organizations';
CREATE TRIGGER organizations_tree AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @region@.organizations
    FOR EACH STATEMENT EXECUTE FUNCTION @region@.organizations_changed();

ALTER TABLE @region@.settings ADD CONSTRAINT settings_area_code_fkey
    FOREIGN KEY (area_code) REFERENCES @region@.organizations (code);

-- ---- src/region/indicators.sql
-- indicators, targets and measurements: the indicator catalogue, the target levels and the
-- measured values.  Foreign keys are single-column (a BI tool follows them); that a target's
-- or a measurement's unit is its indicator's is checked by a trigger instead.

CREATE TABLE @region@.indicators (
    code             text PRIMARY KEY
                     CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    name_fi          text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv          text,
    name_en          text,
    unit             text NOT NULL DEFAULT '' CHECK (unit OPERATOR(pg_catalog.=) ANY (ARRAY['%', 'd', ''])),
    period           text NOT NULL DEFAULT 'year'
                     CHECK (period OPERATOR(pg_catalog.=) ANY (ARRAY['month', 'quarter', 'half_year', 'year'])),
    theme            text,
    source           text,
    deadline         pekefb.deadline,
    count_by         text CHECK (count_by OPERATOR(pg_catalog.=) ANY (ARRAY['finished', 'started'])),
    higher_is_better boolean,
    description      text,
    CONSTRAINT indicators_access_is_share CHECK (deadline IS NULL OR unit OPERATOR(pg_catalog.=) '%'),
    CONSTRAINT indicators_count_by_needs_deadline CHECK ((count_by IS NULL) OPERATOR(pg_catalog.=) (deadline IS NULL))
);
COMMENT ON TABLE @region@.indicators IS
    'indicator catalogue; an indicator with a deadline is an access indicator computed from cases';
COMMENT ON COLUMN @region@.indicators.code IS 'stable key: lower-case letters, digits, _ . -';
COMMENT ON COLUMN @region@.indicators.name_fi IS 'Finnish name';
COMMENT ON COLUMN @region@.indicators.name_sv IS 'Swedish name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.indicators.name_en IS 'English name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.indicators.unit IS
    '% (share, stored as a fraction of one), d (days) or empty (plain number)';
COMMENT ON COLUMN @region@.indicators.period IS 'the usual reporting period: month, quarter, half_year or year';
COMMENT ON COLUMN @region@.indicators.theme IS 'theme for grouping, e.g. neuvola, lastensuojelu';
COMMENT ON COLUMN @region@.indicators.source IS 'where the figures come from, e.g. the source system';
COMMENT ON COLUMN @region@.indicators.deadline IS
    'statutory time limit of an access indicator (NULL for other indicators)';
COMMENT ON COLUMN @region@.indicators.count_by IS
    'counting basis of an access indicator: finished (cases completed in the period, THL''s completion share; default) or started (cases that became pending in the period); NULL for other indicators';
COMMENT ON COLUMN @region@.indicators.higher_is_better IS 'true when a higher value is better, false when lower is, NULL when not stated';
COMMENT ON COLUMN @region@.indicators.description IS 'definition of the indicator in prose';

CREATE TABLE @region@.targets (
    target_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_code    text NOT NULL REFERENCES @region@.indicators (code),
    organization_code text REFERENCES @region@.organizations (code),
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    target            pekefb.target,
    note              text,
    CONSTRAINT targets_period_order CHECK (period_end OPERATOR(pg_catalog.>=) period_start),
    CONSTRAINT targets_one_per_period UNIQUE NULLS NOT DISTINCT (indicator_code, organization_code, period_start)
);
CREATE INDEX targets_lookup_idx ON @region@.targets (indicator_code, period_start, period_end);
COMMENT ON TABLE @region@.targets IS
    'target levels per indicator and period; organization_code NULL = the whole region (applies to every organisation without its own target)';
COMMENT ON COLUMN @region@.targets.target_id IS 'surrogate key (identity)';
COMMENT ON COLUMN @region@.targets.indicator_code IS 'the indicator';
COMMENT ON COLUMN @region@.targets.organization_code IS 'the organisation whose target this is; NULL = the whole region';
COMMENT ON COLUMN @region@.targets.period_start IS 'first day of the period (inclusive)';
COMMENT ON COLUMN @region@.targets.period_end IS 'last day of the period (inclusive)';
COMMENT ON COLUMN @region@.targets.target IS 'the target level, e.g. >= 90% (unit: the indicator''s); NULL = to be set later';
COMMENT ON COLUMN @region@.targets.note IS 'free text, e.g. where the target comes from';

CREATE TABLE @region@.measurements (
    indicator_code    text NOT NULL REFERENCES @region@.indicators (code),
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    value             pekefb.indicator NOT NULL,
    source            text,
    loaded_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    loaded_by         text NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (organization_code, indicator_code, period_start, period_end),
    CONSTRAINT measurements_period_order CHECK (period_end OPERATOR(pg_catalog.>=) period_start)
);
CREATE INDEX measurements_period_idx ON @region@.measurements (period_start, period_end);
CREATE INDEX measurements_indicator_idx ON @region@.measurements (indicator_code, organization_code, period_end);
COMMENT ON TABLE @region@.measurements IS
    'measured values: one row per indicator, organisation and period (inclusive dates)';
COMMENT ON COLUMN @region@.measurements.indicator_code IS 'the indicator';
COMMENT ON COLUMN @region@.measurements.organization_code IS 'the organisation the figure is about (as its source reports it)';
COMMENT ON COLUMN @region@.measurements.period_start IS 'first day of the period (inclusive)';
COMMENT ON COLUMN @region@.measurements.period_end IS 'last day of the period (inclusive)';
COMMENT ON COLUMN @region@.measurements.value IS 'the measured value: a ratio such as 698/788 or a quantity such as 4.78 d (unit: the indicator''s)';
COMMENT ON COLUMN @region@.measurements.source IS 'where the figure comes from; region.cases for figures written by refresh_access_measurements';
COMMENT ON COLUMN @region@.measurements.loaded_at IS 'when the row was last written (set on insert and update)';
COMMENT ON COLUMN @region@.measurements.loaded_by IS 'the role that last wrote the row';

-- A target's and a measurement's unit must be its indicator's; an indicator's unit cannot
-- change while values in the old unit refer to it.  A missing indicator is left to the
-- foreign key.  The trigger's argument names the table (indicators, targets, measurements):
-- on Citus the trigger also fires on the shards, whose names carry a shard number.  On a
-- shard of a distributed region the indicators check reads only targets (a reference table
-- with a copy on every node): measurements are spread over the workers, which a trigger on
-- a shard cannot query.
CREATE FUNCTION @region@.check_unit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    want text;
    have text;
BEGIN
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'indicators' THEN
        IF TG_RELID OPERATOR(pg_catalog.=) '@region@.indicators'::pg_catalog.regclass THEN
            SELECT pekefb.unit(m.value) INTO have FROM @region@.measurements m
            WHERE m.indicator_code OPERATOR(pg_catalog.=) NEW.code
              AND pekefb.unit(m.value) OPERATOR(pg_catalog.<>) NEW.unit LIMIT 1;
        END IF;
        IF have IS NULL THEN
            SELECT pekefb.unit(t.target) INTO have FROM @region@.targets t
            WHERE t.indicator_code OPERATOR(pg_catalog.=) NEW.code
              AND pekefb.unit(t.target) OPERATOR(pg_catalog.<>) NEW.unit LIMIT 1;
        END IF;
        IF have IS NOT NULL THEN
            RAISE EXCEPTION 'unit "%" of indicator "%" does not match its values in unit "%"', NEW.unit, NEW.code, have
                USING ERRCODE = '23514', DETAIL = 'Measurements and targets of an indicator are in the indicator''s unit.';
        END IF;
        RETURN NEW;
    END IF;
    SELECT i.unit INTO want FROM @region@.indicators i WHERE i.code OPERATOR(pg_catalog.=) NEW.indicator_code;
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'targets' THEN
        have := pekefb.unit(NEW.target);
    ELSE
        have := pekefb.unit(NEW.value);
    END IF;
    IF have OPERATOR(pg_catalog.<>) want THEN
        RAISE EXCEPTION 'unit "%" of the % does not match unit "%" of indicator "%"',
                        have, CASE WHEN TG_ARGV[0] OPERATOR(pg_catalog.=) 'targets' THEN 'target' ELSE 'value' END,
                        want, NEW.indicator_code
            USING ERRCODE = '23514', DETAIL = 'Measurements and targets of an indicator are in the indicator''s unit.';
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.check_unit() IS 'trigger: a target''s or a measurement''s unit must be its indicator''s';
CREATE TRIGGER indicators_unit BEFORE UPDATE OF unit ON @region@.indicators
    FOR EACH ROW EXECUTE FUNCTION @region@.check_unit('indicators');
CREATE TRIGGER targets_unit BEFORE INSERT OR UPDATE ON @region@.targets
    FOR EACH ROW EXECUTE FUNCTION @region@.check_unit('targets');
CREATE TRIGGER measurements_unit BEFORE INSERT OR UPDATE ON @region@.measurements
    FOR EACH ROW EXECUTE FUNCTION @region@.check_unit('measurements');

-- An access indicator counts by completion unless told otherwise.
CREATE FUNCTION @region@.indicators_defaults() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF NEW.deadline IS NOT NULL AND NEW.count_by IS NULL THEN
        NEW.count_by := 'finished';
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.indicators_defaults() IS 'trigger: an access indicator without count_by counts by finished';
CREATE TRIGGER indicators_defaults BEFORE INSERT OR UPDATE ON @region@.indicators
    FOR EACH ROW EXECUTE FUNCTION @region@.indicators_defaults();

-- loaded_at and loaded_by follow every write, updates included.
CREATE FUNCTION @region@.stamp_loaded() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        NEW.loaded_at := pg_catalog.now();
        NEW.loaded_by := CURRENT_USER;
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.stamp_loaded() IS 'trigger: an update of a measurement sets loaded_at and loaded_by';
CREATE TRIGGER measurements_loaded BEFORE UPDATE ON @region@.measurements
    FOR EACH ROW EXECUTE FUNCTION @region@.stamp_loaded();

-- ---- src/region/cases.sql
-- cases: the raw process events behind access indicators.  Keyed by organisation first, so
-- that the table can be distributed on organization_code (Citus).

CREATE TABLE @region@.cases (
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    indicator_code    text NOT NULL REFERENCES @region@.indicators (code),
    case_id           text NOT NULL DEFAULT (pg_catalog.gen_random_uuid())::text CHECK (case_id OPERATOR(pg_catalog.<>) ''),
    started           date NOT NULL,
    finished          date,
    PRIMARY KEY (organization_code, indicator_code, case_id),
    CONSTRAINT cases_finished_after_started CHECK (finished OPERATOR(pg_catalog.>=) started)
);
CREATE INDEX cases_indicator_started_idx ON @region@.cases (indicator_code, organization_code, started);
CREATE INDEX cases_indicator_finished_idx ON @region@.cases (indicator_code, finished);
COMMENT ON TABLE @region@.cases IS
    'raw process events behind access indicators: when a matter became pending (started) and was done (finished, NULL while open)';
COMMENT ON COLUMN @region@.cases.organization_code IS 'the organisation that handles the case';
COMMENT ON COLUMN @region@.cases.indicator_code IS 'the access indicator the case counts in (one with a deadline)';
COMMENT ON COLUMN @region@.cases.case_id IS 'the source system''s id of the case, unique per organisation and indicator (a random uuid when none is given)';
COMMENT ON COLUMN @region@.cases.started IS 'the day the matter became pending (vireille), a local date';
COMMENT ON COLUMN @region@.cases.finished IS 'the day it was done, a local date; NULL while open';

-- ---- src/region/feedback.sql
-- feedback_responses: client, staff and partner feedback, one row per response, and its
-- bulk loader import_feedback (the library's pekefb.import_feedback on this table).

CREATE TABLE @region@.feedback_responses (
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    response_id       text NOT NULL DEFAULT (pg_catalog.gen_random_uuid())::text CHECK (response_id OPERATOR(pg_catalog.<>) ''),
    received_at       timestamptz NOT NULL,
    service           text NOT NULL CHECK (service OPERATOR(pg_catalog.<>) ''),
    response          pekefb.feedback NOT NULL,
    comment           text,
    themes            text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (organization_code, response_id)
);
-- per-organisation queries over a period, and per-period queries across organisations
-- (responses arrive roughly in time order, so a BRIN index stays tiny and effective)
CREATE INDEX feedback_responses_org_time_idx
    ON @region@.feedback_responses (organization_code, received_at);
CREATE INDEX feedback_responses_time_brin
    ON @region@.feedback_responses USING brin (received_at);
COMMENT ON TABLE @region@.feedback_responses IS
    'client, staff and partner feedback responses: one row per response, with free-text comment and themes';
COMMENT ON COLUMN @region@.feedback_responses.organization_code IS 'the organisation whose service the response is about';
COMMENT ON COLUMN @region@.feedback_responses.response_id IS 'the survey''s id of the response, unique per organisation (a random uuid when none is given)';
COMMENT ON COLUMN @region@.feedback_responses.received_at IS 'when the response was given';
COMMENT ON COLUMN @region@.feedback_responses.service IS 'the service, e.g. neuvola, perheneuvola, lastensuojelu';
COMMENT ON COLUMN @region@.feedback_responses.response IS 'the structured answers: role, channel, NPS, statements, language';
COMMENT ON COLUMN @region@.feedback_responses.comment IS 'free-text comment (open feedback), NULL if none';
COMMENT ON COLUMN @region@.feedback_responses.themes IS 'themes of the comment assigned by coding, e.g. {odotusaika,digipalvelut}';

-- import_feedback(document): loads a JSON array of feedback records into this region's
-- feedback_responses, all or nothing.  The caller needs INSERT on feedback_responses and
-- SELECT on organizations (every record's organisation is checked).
CREATE FUNCTION @region@.import_feedback(document text) RETURNS bigint
    LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
    RETURN pekefb.import_feedback('@region@.feedback_responses'::pg_catalog.regclass, document);
COMMENT ON FUNCTION @region@.import_feedback(text) IS
    'loads a JSON array of feedback records into feedback_responses, all or nothing; returns the number of rows';

-- ---- src/region/views_indicators.sql
-- indicator_status: each measurement with its indicator, organisation, the target in force
-- and the previous period's value.  Label columns follow pekefb.language (fi, sv, en).
--
-- The target in force for a measurement is the organisation's own target whose period
-- contains the measurement's period, else the region's (organization_code NULL); where
-- several contain it, the narrowest period wins.  The previous period is the one of the
-- same length that ends the day before this one starts (previous year, half-year, quarter
-- or month).  One row per measurement: nothing is added up, so an organisation's row is
-- its figure as loaded (refresh_access_measurements loads figures that include the
-- organisation's sub-organisations, like THL's area figures).
CREATE VIEW @region@.indicator_status AS
SELECT
    m.indicator_code,
    m.organization_code,
    m.period_start,
    m.period_end,
    pekefb.localized(i.name_fi, i.name_sv, i.name_en)   AS indicator_name,
    pekefb.localized(o.name_fi, o.name_sv)              AS organization_name,
    i.theme,
    pekefb.value(m.value)                               AS value,
    pekefb.numerator(m.value)                           AS numerator,
    pekefb.denominator(m.value)                         AS denominator,
    i.unit,
    m.value::text                                       AS value_text,
    t.target::text                                      AS target_text,
    pekefb.target_value(t.target)                       AS target_value,
    pekefb.attained(m.value, t.target)                  AS attained,
    pekefb.attainment(m.value, t.target)                AS attainment,
    CASE WHEN t.target IS NULL THEN 'no target'
         WHEN pekefb.attained(m.value, t.target) THEN 'met'
         ELSE 'missed' END                              AS status,
    CASE WHEN t.target IS NULL THEN
             pekefb.localized('ei tavoitetta', 'inget mål', 'no target')
         WHEN pekefb.attained(m.value, t.target) THEN
             pekefb.localized('saavutettu', 'uppnått', 'met')
         ELSE
             pekefb.localized('ei saavutettu', 'inte uppnått', 'missed')
    END                                                 AS status_label,
    pekefb.value(p.value)                               AS previous_value,
    pekefb.value(m.value) OPERATOR(pg_catalog.-) pekefb.value(p.value) AS change,
    m.source,
    m.loaded_at
FROM @region@.measurements m
JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) m.indicator_code
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) m.organization_code
LEFT JOIN LATERAL (
    SELECT tg.target
    FROM @region@.targets tg
    WHERE tg.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
      AND (tg.organization_code OPERATOR(pg_catalog.=) m.organization_code OR tg.organization_code IS NULL)
      AND tg.period_start OPERATOR(pg_catalog.<=) m.period_start
      AND tg.period_end OPERATOR(pg_catalog.>=) m.period_end
    ORDER BY tg.organization_code IS NULL, tg.period_end OPERATOR(pg_catalog.-) tg.period_start
    LIMIT 1
) t ON true
LEFT JOIN LATERAL (
    SELECT pm.value
    FROM @region@.measurements pm
    WHERE pm.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
      AND pm.organization_code OPERATOR(pg_catalog.=) m.organization_code
      AND pm.period_end OPERATOR(pg_catalog.=) (m.period_start OPERATOR(pg_catalog.-) 1)
      AND pm.period_start OPERATOR(pg_catalog.=)
          CAST(m.period_start::timestamp
               OPERATOR(pg_catalog.-) pg_catalog.age((m.period_end OPERATOR(pg_catalog.+) 1)::timestamp, m.period_start::timestamp) AS date)
) p ON true;
COMMENT ON VIEW @region@.indicator_status IS
    'one row per measurement (indicator, organisation, period): its target in force, attainment, status (met, missed, no target) and the previous period''s value; nothing is added up, an organisation''s row is its figure as loaded';
COMMENT ON COLUMN @region@.indicator_status.indicator_code IS 'the indicator (indicators.code)';
COMMENT ON COLUMN @region@.indicator_status.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.indicator_status.period_start IS 'first day of the measurement''s period (inclusive)';
COMMENT ON COLUMN @region@.indicator_status.period_end IS 'last day of the measurement''s period (inclusive)';
COMMENT ON COLUMN @region@.indicator_status.indicator_name IS 'indicator name in pekefb.language (fi, sv, en; Finnish where a translation is missing)';
COMMENT ON COLUMN @region@.indicator_status.organization_name IS 'organisation name in pekefb.language (fi, sv; en uses the Finnish name)';
COMMENT ON COLUMN @region@.indicator_status.theme IS 'the indicator''s theme';
COMMENT ON COLUMN @region@.indicator_status.value IS 'the measured value as a number: a ratio''s quotient (a share as a fraction of one), days, or a count';
COMMENT ON COLUMN @region@.indicator_status.numerator IS 'numerator of a ratio value (NULL for a quantity)';
COMMENT ON COLUMN @region@.indicator_status.denominator IS 'denominator of a ratio value (NULL for a quantity)';
COMMENT ON COLUMN @region@.indicator_status.unit IS 'unit of value and target_value: % (fraction of one), d (days) or empty';
COMMENT ON COLUMN @region@.indicator_status.value_text IS 'the measured value as text, e.g. 698/788 or 4.78 d';
COMMENT ON COLUMN @region@.indicator_status.target_text IS 'the target in force as text, e.g. >= 90%; NULL when there is none';
COMMENT ON COLUMN @region@.indicator_status.target_value IS 'the target level as a number in the unit of value (a range''s lower bound); NULL when there is none';
COMMENT ON COLUMN @region@.indicator_status.attained IS 'true when the value meets the target; NULL without a target';
COMMENT ON COLUMN @region@.indicator_status.attainment IS 'progress towards the target, 1 = reached (doc/targets.md); NULL without a target';
COMMENT ON COLUMN @region@.indicator_status.status IS 'met, missed or no target';
COMMENT ON COLUMN @region@.indicator_status.status_label IS 'status in pekefb.language';
COMMENT ON COLUMN @region@.indicator_status.previous_value IS 'value of the previous period of the same length (ending the day before period_start); NULL if not measured';
COMMENT ON COLUMN @region@.indicator_status.change IS 'value - previous_value';
COMMENT ON COLUMN @region@.indicator_status.source IS 'where the figure comes from (measurements.source)';
COMMENT ON COLUMN @region@.indicator_status.loaded_at IS 'when the measurement was last written';

-- ---- src/region/views_access.sql
-- access_summary and refresh_access_measurements: access indicators computed from the raw
-- cases under the region's calendar (settings.calendar, extra_closing_days, roll_forward,
-- passed to the library as data), judged on the region's today (settings.time_zone).

-- access_summary: per access indicator, organisation, month or quarter of the day the
-- matter became pending (period_kind names which), and includes_sub_organizations: false
-- rows count the organisation's own cases (they partition the cases: a sum over them counts
-- each case once), true rows also those of every organisation below it.  Cases still open
-- past their due date on judged_on count as late.
CREATE VIEW @region@.access_summary AS
WITH c AS (
    SELECT c.indicator_code, t.ancestor_code AS organization_code, r.includes_sub_organizations,
           c.started, c.finished, s.judged_on,
           pekefb.due_date(c.started, i.deadline, s.calendar, s.extra_closing_days, s.roll_forward) AS due
    FROM @region@.cases c
    JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code AND i.deadline IS NOT NULL
    JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) c.organization_code
    CROSS JOIN (VALUES (false), (true)) AS r (includes_sub_organizations)
    CROSS JOIN (SELECT st.calendar, st.extra_closing_days, st.roll_forward,
                       CAST(pg_catalog.timezone(st.time_zone, pg_catalog.now()) AS date) AS judged_on
                FROM @region@.settings st) s
    WHERE r.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
),
g AS (
    SELECT c.indicator_code, c.organization_code, c.includes_sub_organizations, p.period_kind,
           p.period_start,
           CAST(p.period_start OPERATOR(pg_catalog.+)
                CASE WHEN p.period_kind OPERATOR(pg_catalog.=) 'month' THEN interval '1 month' ELSE interval '3 months' END
                AS date) OPERATOR(pg_catalog.-) 1 AS period_end,
           pg_catalog.min(c.judged_on)                                              AS judged_on,
           pg_catalog.count(*)                                                      AS cases,
           pg_catalog.count(c.finished)                                             AS finished_cases,
           pg_catalog.count(*) FILTER (WHERE c.finished OPERATOR(pg_catalog.<=) c.due) AS on_time,
           pg_catalog.count(*) FILTER (WHERE c.finished OPERATOR(pg_catalog.>) c.due) AS late,
           pg_catalog.count(*) FILTER (WHERE c.finished IS NULL AND c.due OPERATOR(pg_catalog.<) c.judged_on) AS open_past_due,
           pg_catalog.count(*) FILTER (WHERE c.finished IS NULL AND c.due OPERATOR(pg_catalog.>=) c.judged_on) AS open_within,
           pekefb.wait_agg(c.finished OPERATOR(pg_catalog.-) c.started) AS waits
    FROM c
    CROSS JOIN LATERAL (VALUES
        ('month',   CAST(pg_catalog.date_trunc('month', c.started::timestamp) AS date)),
        ('quarter', CAST(pg_catalog.date_trunc('quarter', c.started::timestamp) AS date))
    ) AS p (period_kind, period_start)
    GROUP BY c.indicator_code, c.organization_code, c.includes_sub_organizations, p.period_kind, p.period_start
)
SELECT
    g.indicator_code,
    g.organization_code,
    g.includes_sub_organizations,
    g.period_kind,
    g.period_start,
    g.period_end,
    pekefb.localized(i.name_fi, i.name_sv, i.name_en) AS indicator_name,
    pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
    i.deadline::text AS deadline_text,
    g.judged_on,
    g.cases,
    g.finished_cases,
    CASE WHEN NOT x.suppressed THEN g.on_time END                               AS on_time,
    CASE WHEN NOT x.suppressed THEN g.late END                                  AS late,
    CASE WHEN NOT x.suppressed THEN g.open_past_due END                         AS open_past_due,
    CASE WHEN NOT x.suppressed THEN g.open_within END                           AS open_within,
    CASE WHEN NOT x.suppressed
              AND ((g.on_time OPERATOR(pg_catalog.+) g.late) OPERATOR(pg_catalog.+) g.open_past_due) OPERATOR(pg_catalog.>) 0
         THEN g.on_time::double precision
              OPERATOR(pg_catalog./) ((g.on_time OPERATOR(pg_catalog.+) g.late) OPERATOR(pg_catalog.+) g.open_past_due) END AS rate,
    CASE WHEN NOT x.suppressed THEN pekefb.wait_percentile(g.waits, 0.5)::bigint END AS median_wait,
    CASE WHEN NOT x.suppressed THEN pekefb.wait_percentile(g.waits, 0.9)::bigint END AS p90_wait,
    x.suppressed
FROM g
JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) g.indicator_code
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
CROSS JOIN @region@.settings s
CROSS JOIN LATERAL (SELECT g.cases OPERATOR(pg_catalog.<) s.min_group_size AS suppressed) x;
COMMENT ON VIEW @region@.access_summary IS
    'access indicators from raw cases per indicator, organisation, period (period_kind month or quarter of the day the matter became pending) and includes_sub_organizations (false: the organisation''s own cases, true: with all its sub-organisations): cases, on time, late, open past due, rate, median and 90th percentile wait; groups of fewer than settings.min_group_size cases suppressed';
COMMENT ON COLUMN @region@.access_summary.indicator_code IS 'the access indicator (indicators.code)';
COMMENT ON COLUMN @region@.access_summary.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.access_summary.includes_sub_organizations IS 'false: the organisation''s own cases only (sum these to count each case once); true: its cases and those of every organisation below it';
COMMENT ON COLUMN @region@.access_summary.period_kind IS 'month or quarter: the length of the period of this row';
COMMENT ON COLUMN @region@.access_summary.period_start IS 'first day of the month or quarter in which the cases became pending';
COMMENT ON COLUMN @region@.access_summary.period_end IS 'last day of that month or quarter';
COMMENT ON COLUMN @region@.access_summary.indicator_name IS 'indicator name in pekefb.language';
COMMENT ON COLUMN @region@.access_summary.organization_name IS 'organisation name in pekefb.language';
COMMENT ON COLUMN @region@.access_summary.deadline_text IS 'the indicator''s statutory time limit as text, e.g. 7 working days';
COMMENT ON COLUMN @region@.access_summary.judged_on IS 'the day the state is judged on: today in the region''s time zone';
COMMENT ON COLUMN @region@.access_summary.cases IS 'cases that became pending in the period (always shown)';
COMMENT ON COLUMN @region@.access_summary.finished_cases IS 'of them, cases finished (always shown)';
COMMENT ON COLUMN @region@.access_summary.on_time IS 'finished on or before the due date; NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.late IS 'finished after the due date; NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.open_past_due IS 'still open and past the due date on judged_on (count as late in rate); NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.open_within IS 'still open and within the deadline on judged_on (left out of rate); NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.rate IS 'on_time / (on_time + late + open_past_due), 0..1; NULL when suppressed or nothing counted';
COMMENT ON COLUMN @region@.access_summary.median_wait IS 'median days from started to finished over finished cases (exact); NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.p90_wait IS '90th percentile of those days (exact); NULL when suppressed';
COMMENT ON COLUMN @region@.access_summary.suppressed IS 'true when cases < settings.min_group_size: figures hidden';

-- refresh_access_measurements: writes the measurements of every access indicator for one
-- period from the raw cases, for every organisation with cases, its sub-organisations
-- included (like THL's area figures).  count_by NULL (the default) uses each indicator's
-- count_by: finished = cases that finished in the period (THL's completion share);
-- started = cases that became pending in the period, judged as of as_of (finished later =
-- still open; open past due = late; open within the limit = left out).  as_of NULL = today
-- in the region's time zone.  The value is the ratio on time / counted.  indicator_codes
-- limits the run to those access indicators (NULL = all).  Idempotent: the period's earlier
-- rows from this function are replaced.  Returns the number of rows written.
CREATE FUNCTION @region@.refresh_access_measurements(
    period_start date, period_end date,
    indicator_codes text[] DEFAULT NULL,
    count_by text DEFAULT NULL, as_of date DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    written bigint;
    cfg @region@.settings;
    judged_on date;
BEGIN
    IF period_start IS NULL OR period_end IS NULL OR period_end OPERATOR(pg_catalog.<) period_start THEN
        RAISE EXCEPTION 'invalid period: % .. %', period_start, period_end
            USING ERRCODE = '22023', DETAIL = 'Expected two dates with period_end on or after period_start.';
    END IF;
    IF count_by IS NOT NULL AND count_by OPERATOR(pg_catalog.<>) ALL (ARRAY['finished', 'started']) THEN
        RAISE EXCEPTION 'invalid count_by: "%"', count_by
            USING ERRCODE = '22023', DETAIL = 'Expected ''finished'', ''started'' or NULL (each indicator''s own count_by).';
    END IF;
    SELECT * INTO STRICT cfg FROM @region@.settings;
    judged_on := COALESCE(as_of, CAST(pg_catalog.timezone(cfg.time_zone, pg_catalog.now()) AS date));

    DELETE FROM @region@.measurements m
    USING @region@.indicators i
    WHERE i.code OPERATOR(pg_catalog.=) m.indicator_code AND i.deadline IS NOT NULL
      AND (indicator_codes IS NULL OR i.code OPERATOR(pg_catalog.=) ANY (indicator_codes))
      AND m.period_start OPERATOR(pg_catalog.=) refresh_access_measurements.period_start
      AND m.period_end OPERATOR(pg_catalog.=) refresh_access_measurements.period_end
      AND m.source OPERATOR(pg_catalog.=) 'refresh_access_measurements';

    INSERT INTO @region@.measurements
        (indicator_code, organization_code, period_start, period_end, value, source)
    SELECT x.indicator_code, x.organization_code,
           refresh_access_measurements.period_start, refresh_access_measurements.period_end,
           CAST((x.on_time OPERATOR(pg_catalog.||) '/') OPERATOR(pg_catalog.||) x.counted AS pekefb.indicator), 'refresh_access_measurements'
    FROM (
        SELECT c.indicator_code, t.ancestor_code AS organization_code,
               pg_catalog.count(*) FILTER (WHERE c.finished OPERATOR(pg_catalog.<=) c.due
                                          AND (c.basis OPERATOR(pg_catalog.=) 'finished' OR c.finished OPERATOR(pg_catalog.<=) judged_on)) AS on_time,
               pg_catalog.count(*) FILTER (WHERE c.basis OPERATOR(pg_catalog.=) 'finished' OR c.finished OPERATOR(pg_catalog.<=) judged_on
                                          OR judged_on OPERATOR(pg_catalog.>) c.due) AS counted
        FROM (
            SELECT c.indicator_code, c.organization_code, c.started, c.finished,
                   COALESCE(refresh_access_measurements.count_by, i.count_by) AS basis,
                   pekefb.due_date(c.started, i.deadline, cfg.calendar, cfg.extra_closing_days, cfg.roll_forward) AS due
            FROM @region@.cases c
            JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) c.indicator_code AND i.deadline IS NOT NULL
            WHERE (indicator_codes IS NULL OR i.code OPERATOR(pg_catalog.=) ANY (indicator_codes))
        ) c
        JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) c.organization_code
        WHERE CASE
                WHEN c.basis OPERATOR(pg_catalog.=) 'finished'
                THEN c.finished OPERATOR(pg_catalog.>=) refresh_access_measurements.period_start
                     AND c.finished OPERATOR(pg_catalog.<=) refresh_access_measurements.period_end
                ELSE c.started OPERATOR(pg_catalog.>=) refresh_access_measurements.period_start
                     AND c.started OPERATOR(pg_catalog.<=) refresh_access_measurements.period_end
                     AND c.started OPERATOR(pg_catalog.<=) judged_on
              END
        GROUP BY c.indicator_code, t.ancestor_code
    ) x
    WHERE x.counted OPERATOR(pg_catalog.>) 0;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$fn$;
COMMENT ON FUNCTION @region@.refresh_access_measurements(date, date, text[], text, date) IS
    'writes access indicators'' measurements (on time / counted, sub-organisations included) for one period from cases under the region''s calendar; idempotent';

-- ---- src/region/views_feedback.sql
-- feedback_summary, feedback_item_summary, feedback_theme_summary: client feedback per
-- organisation, service, calendar quarter of received_at in the region's time zone
-- (settings.time_zone, whatever the reader's session says) and respondent role, with
-- small-group suppression by settings.min_group_size.  As in every view of the region,
-- includes_sub_organizations = false rows count the organisation's own responses (a sum
-- over them counts each response once), true rows also those of every organisation below.

-- feedback_summary: groups with 1 <= responses < min_group_size show their size but NULL
-- figures and suppressed = true; an NPS or statement figure is also NULL when fewer than
-- min_group_size responses answered it.  The five statement columns are the national
-- base statements (codes easy, helped, safe, useful, understood); feedback_item_summary
-- has every statement code.
CREATE VIEW @region@.feedback_summary AS
SELECT g.organization_code,
       g.includes_sub_organizations,
       pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
       g.service,
       g.period_start,
       ((g.period_start OPERATOR(pg_catalog.+) interval '3 months') OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
       g.role,
       g.responses,
       g.nps_answers,
       CASE WHEN g.nps_answers OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.nps END AS nps,
       CASE WHEN g.easy_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.easy_mean END AS easy_mean,
       CASE WHEN g.easy_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.easy_agree END AS easy_agree_share,
       CASE WHEN g.helped_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.helped_mean END AS helped_mean,
       CASE WHEN g.helped_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.helped_agree END AS helped_agree_share,
       CASE WHEN g.safe_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.safe_mean END AS safe_mean,
       CASE WHEN g.safe_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.safe_agree END AS safe_agree_share,
       CASE WHEN g.useful_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.useful_mean END AS useful_mean,
       CASE WHEN g.useful_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.useful_agree END AS useful_agree_share,
       CASE WHEN g.understood_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.understood_mean END AS understood_mean,
       CASE WHEN g.understood_n OPERATOR(pg_catalog.>=) s.m AND g.responses OPERATOR(pg_catalog.>=) s.m THEN g.understood_agree END AS understood_agree_share,
       g.responses OPERATOR(pg_catalog.<) s.m AS suppressed
FROM (SELECT t.ancestor_code AS organization_code,
             x.includes_sub_organizations,
             r.service,
             pg_catalog.date_trunc('quarter', pg_catalog.timezone(st.time_zone, r.received_at))::date AS period_start,
             pekefb.role(r.response) AS role,
             pg_catalog.count(*) AS responses,
             pg_catalog.count(pekefb.nps_score(r.response)) AS nps_answers,
             pekefb.nps(r.response) AS nps,
             pg_catalog.count(pekefb.item(r.response, 'easy')) AS easy_n,
             pekefb.item_mean(r.response, 'easy') AS easy_mean,
             pekefb.agree_share(r.response, 'easy') AS easy_agree,
             pg_catalog.count(pekefb.item(r.response, 'helped')) AS helped_n,
             pekefb.item_mean(r.response, 'helped') AS helped_mean,
             pekefb.agree_share(r.response, 'helped') AS helped_agree,
             pg_catalog.count(pekefb.item(r.response, 'safe')) AS safe_n,
             pekefb.item_mean(r.response, 'safe') AS safe_mean,
             pekefb.agree_share(r.response, 'safe') AS safe_agree,
             pg_catalog.count(pekefb.item(r.response, 'useful')) AS useful_n,
             pekefb.item_mean(r.response, 'useful') AS useful_mean,
             pekefb.agree_share(r.response, 'useful') AS useful_agree,
             pg_catalog.count(pekefb.item(r.response, 'understood')) AS understood_n,
             pekefb.item_mean(r.response, 'understood') AS understood_mean,
             pekefb.agree_share(r.response, 'understood') AS understood_agree
      FROM @region@.feedback_responses r
      JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) r.organization_code
      CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
      CROSS JOIN @region@.settings st
      WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
      GROUP BY 1, 2, 3, 4, 5) g
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
CROSS JOIN (SELECT st.min_group_size AS m FROM @region@.settings st) s;
COMMENT ON VIEW @region@.feedback_summary IS
    'feedback per organisation, includes_sub_organizations (false: own responses, true: with all sub-organisations), service, quarter (region time zone) and role: responses, NPS, base-statement means and agree shares; groups of fewer than settings.min_group_size suppressed';
COMMENT ON COLUMN @region@.feedback_summary.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.feedback_summary.includes_sub_organizations IS 'false: the organisation''s own responses only (sum these to count each response once); true: with those of every organisation below it';
COMMENT ON COLUMN @region@.feedback_summary.organization_name IS 'name in pekefb.language (fi, sv; en uses the Finnish name)';
COMMENT ON COLUMN @region@.feedback_summary.service IS 'the service, e.g. neuvola';
COMMENT ON COLUMN @region@.feedback_summary.period_start IS 'first day of the calendar quarter of received_at in the region''s time zone';
COMMENT ON COLUMN @region@.feedback_summary.period_end IS 'last day of the calendar quarter';
COMMENT ON COLUMN @region@.feedback_summary.role IS 'respondent role; NULL for responses that did not give one';
COMMENT ON COLUMN @region@.feedback_summary.responses IS 'number of responses in the group (always shown)';
COMMENT ON COLUMN @region@.feedback_summary.nps_answers IS 'responses that answered the 0-10 recommendation question';
COMMENT ON COLUMN @region@.feedback_summary.nps IS 'NPS -100..100, unrounded; NULL when suppressed or fewer than min_group_size answers';
COMMENT ON COLUMN @region@.feedback_summary.easy_mean IS 'mean 1-5 of statement easy (asiointi helppoa); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.easy_agree_share IS 'share 0..1 of answers 4-5 to statement easy; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.helped_mean IS 'mean 1-5 of statement helped (sai apua); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.helped_agree_share IS 'share 0..1 of answers 4-5 to statement helped; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.safe_mean IS 'mean 1-5 of statement safe (olo turvallinen); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.safe_agree_share IS 'share 0..1 of answers 4-5 to statement safe; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.useful_mean IS 'mean 1-5 of statement useful (palvelu hyödyllistä); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.useful_agree_share IS 'share 0..1 of answers 4-5 to statement useful; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.understood_mean IS 'mean 1-5 of statement understood (tieto ymmärrettävää); NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.understood_agree_share IS 'share 0..1 of answers 4-5 to statement understood; NULL when suppressed or too few answers';
COMMENT ON COLUMN @region@.feedback_summary.suppressed IS 'true when 1 <= responses < settings.min_group_size: figures hidden';

-- feedback_item_summary: the same groups per statement code.  answers excludes "don't
-- know"; suppression is by answers (1 <= answers < min_group_size).
CREATE VIEW @region@.feedback_item_summary AS
WITH own AS (
    -- counted per organisation first: every response belongs to one organisation, so the
    -- rolled-up counts are sums of these (exact integers)
    SELECT r.organization_code,
           r.service,
           pg_catalog.date_trunc('quarter', pg_catalog.timezone(st.time_zone, r.received_at))::date AS period_start,
           pekefb.role(r.response) AS role,
           i.code AS item,
           pg_catalog.count(i.score) AS answers,
           pg_catalog.count(*) OPERATOR(pg_catalog.-) pg_catalog.count(i.score) AS dont_know,
           pg_catalog.sum(i.score) AS score_sum,
           pg_catalog.count(*) FILTER (WHERE i.score OPERATOR(pg_catalog.>=) 4) AS agree
    FROM @region@.feedback_responses r
    CROSS JOIN @region@.settings st
    CROSS JOIN LATERAL pekefb.items(r.response) i
    GROUP BY 1, 2, 3, 4, 5
)
SELECT g.organization_code,
       g.includes_sub_organizations,
       pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
       g.service,
       g.period_start,
       ((g.period_start OPERATOR(pg_catalog.+) interval '3 months') OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
       g.role,
       g.item,
       g.answers,
       g.dont_know,
       CASE WHEN g.answers OPERATOR(pg_catalog.>=) s.m THEN g.score_sum::double precision OPERATOR(pg_catalog./) g.answers END AS mean,
       CASE WHEN g.answers OPERATOR(pg_catalog.>=) s.m THEN g.agree::double precision OPERATOR(pg_catalog./) g.answers END AS agree_share,
       g.answers OPERATOR(pg_catalog.>=) 1 AND g.answers OPERATOR(pg_catalog.<) s.m AS suppressed
FROM (SELECT t.ancestor_code AS organization_code,
             x.includes_sub_organizations,
             w.service, w.period_start, w.role, w.item,
             CAST(pg_catalog.sum(w.answers) AS bigint) AS answers,
             CAST(pg_catalog.sum(w.dont_know) AS bigint) AS dont_know,
             CAST(pg_catalog.sum(w.score_sum) AS bigint) AS score_sum,
             CAST(pg_catalog.sum(w.agree) AS bigint) AS agree
      FROM own w
      JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) w.organization_code
      CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
      WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
      GROUP BY 1, 2, 3, 4, 5, 6) g
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) g.organization_code
CROSS JOIN (SELECT st.min_group_size AS m FROM @region@.settings st) s;
COMMENT ON VIEW @region@.feedback_item_summary IS
    'statement scores per organisation, includes_sub_organizations (false: own responses, true: with all sub-organisations), service, quarter (region time zone), role and statement: answers, mean 1-5, agree share (4-5); small groups suppressed';
COMMENT ON COLUMN @region@.feedback_item_summary.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.feedback_item_summary.includes_sub_organizations IS 'false: the organisation''s own responses only; true: with those of every organisation below it';
COMMENT ON COLUMN @region@.feedback_item_summary.organization_name IS 'name in pekefb.language';
COMMENT ON COLUMN @region@.feedback_item_summary.service IS 'the service, e.g. neuvola';
COMMENT ON COLUMN @region@.feedback_item_summary.period_start IS 'first day of the calendar quarter of received_at in the region''s time zone';
COMMENT ON COLUMN @region@.feedback_item_summary.period_end IS 'last day of the calendar quarter';
COMMENT ON COLUMN @region@.feedback_item_summary.role IS 'respondent role; NULL for responses that did not give one';
COMMENT ON COLUMN @region@.feedback_item_summary.item IS 'statement code, e.g. easy, helped, safe, useful, understood';
COMMENT ON COLUMN @region@.feedback_item_summary.answers IS 'answers scored 1-5 (always shown)';
COMMENT ON COLUMN @region@.feedback_item_summary.dont_know IS '"don''t know" answers (null scores)';
COMMENT ON COLUMN @region@.feedback_item_summary.mean IS 'mean score 1-5, unrounded; NULL when suppressed';
COMMENT ON COLUMN @region@.feedback_item_summary.agree_share IS 'share of answers 4 or 5 (0..1); NULL when suppressed';
COMMENT ON COLUMN @region@.feedback_item_summary.suppressed IS 'true when 1 <= answers < settings.min_group_size: figures hidden';

-- feedback_theme_summary: how many responses of an organisation and quarter mention each
-- theme of the qualitative coding.  The group is the organisation's responses in the
-- quarter: when 1 <= responses < min_group_size the mentions are hidden.
CREATE VIEW @region@.feedback_theme_summary AS
WITH base AS (
    SELECT r.organization_code,
           pg_catalog.date_trunc('quarter', pg_catalog.timezone(st.time_zone, r.received_at))::date AS period_start,
           r.themes
    FROM @region@.feedback_responses r
    CROSS JOIN @region@.settings st
), own_totals AS (
    -- counted per organisation first, then summed up the tree (each response belongs to
    -- one organisation)
    SELECT organization_code, period_start, pg_catalog.count(*) AS responses
    FROM base GROUP BY 1, 2
), own_mentions AS (
    SELECT b.organization_code, b.period_start, t.theme, pg_catalog.count(*) AS mentions
    FROM base b CROSS JOIN LATERAL (SELECT DISTINCT u.theme FROM pg_catalog.unnest(b.themes) AS u (theme)) t
    GROUP BY 1, 2, 3
), scope AS (
    SELECT t.organization_code, t.ancestor_code, x.includes_sub_organizations
    FROM @region@.organization_tree t
    CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
    WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
), totals AS (
    SELECT sc.ancestor_code AS organization_code, sc.includes_sub_organizations, w.period_start,
           CAST(pg_catalog.sum(w.responses) AS bigint) AS responses
    FROM own_totals w JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) w.organization_code
    GROUP BY 1, 2, 3
), mentions AS (
    SELECT sc.ancestor_code AS organization_code, sc.includes_sub_organizations, w.period_start, w.theme,
           CAST(pg_catalog.sum(w.mentions) AS bigint) AS mentions
    FROM own_mentions w JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) w.organization_code
    GROUP BY 1, 2, 3, 4
)
SELECT m.organization_code,
       m.includes_sub_organizations,
       pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
       m.period_start,
       ((m.period_start OPERATOR(pg_catalog.+) interval '3 months') OPERATOR(pg_catalog.-) interval '1 day')::date AS period_end,
       m.theme,
       t.responses,
       CASE WHEN t.responses OPERATOR(pg_catalog.>=) s.m THEN m.mentions END AS mentions,
       CASE WHEN t.responses OPERATOR(pg_catalog.>=) s.m THEN m.mentions::double precision OPERATOR(pg_catalog./) t.responses END AS share,
       t.responses OPERATOR(pg_catalog.<) s.m AS suppressed
FROM mentions m
JOIN totals t ON t.organization_code OPERATOR(pg_catalog.=) m.organization_code
             AND t.includes_sub_organizations OPERATOR(pg_catalog.=) m.includes_sub_organizations
             AND t.period_start OPERATOR(pg_catalog.=) m.period_start
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) m.organization_code
CROSS JOIN (SELECT st.min_group_size AS m FROM @region@.settings st) s;
COMMENT ON VIEW @region@.feedback_theme_summary IS
    'themes of free-text feedback per organisation, includes_sub_organizations (false: own responses, true: with all sub-organisations) and quarter (region time zone): responses mentioning each theme; small groups suppressed';
COMMENT ON COLUMN @region@.feedback_theme_summary.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.feedback_theme_summary.includes_sub_organizations IS 'false: the organisation''s own responses only; true: with those of every organisation below it';
COMMENT ON COLUMN @region@.feedback_theme_summary.organization_name IS 'name in pekefb.language';
COMMENT ON COLUMN @region@.feedback_theme_summary.period_start IS 'first day of the calendar quarter of received_at in the region''s time zone';
COMMENT ON COLUMN @region@.feedback_theme_summary.period_end IS 'last day of the calendar quarter';
COMMENT ON COLUMN @region@.feedback_theme_summary.theme IS 'a theme of the qualitative coding';
COMMENT ON COLUMN @region@.feedback_theme_summary.responses IS 'all responses of the organisation in the quarter (always shown)';
COMMENT ON COLUMN @region@.feedback_theme_summary.mentions IS 'responses whose themes include this theme; NULL when suppressed';
COMMENT ON COLUMN @region@.feedback_theme_summary.share IS 'mentions / responses (0..1); NULL when suppressed';
COMMENT ON COLUMN @region@.feedback_theme_summary.suppressed IS 'true when 1 <= responses < settings.min_group_size: mentions hidden';

-- ---- src/region/views_overview.sql
-- organization_overview: qualitative and quantitative information side by side, per
-- organisation, includes_sub_organizations and calendar year (of the measurement period;
-- of received_at in the region's time zone): how many indicators met their targets, the
-- feedback figures and the most frequent themes.  false rows count the organisation's own
-- measurements and responses, true rows also those of every organisation below it.
CREATE VIEW @region@.organization_overview AS
WITH scope AS (
    SELECT t.organization_code, t.ancestor_code, x.includes_sub_organizations
    FROM @region@.organization_tree t
    CROSS JOIN (VALUES (false), (true)) AS x (includes_sub_organizations)
    WHERE x.includes_sub_organizations OR t.depth OPERATOR(pg_catalog.=) 0
),
ind AS (
    SELECT sc.ancestor_code AS organization_code, sc.includes_sub_organizations,
           CAST(pg_catalog.date_trunc('year', st.period_start::timestamp) AS date) AS period_start,
           pg_catalog.count(*) FILTER (WHERE st.status OPERATOR(pg_catalog.<>) 'no target') AS indicators_with_target,
           pg_catalog.count(*) FILTER (WHERE st.status OPERATOR(pg_catalog.=) 'met') AS indicators_met,
           pg_catalog.count(*) FILTER (WHERE st.status OPERATOR(pg_catalog.=) 'missed') AS indicators_missed,
           -- numeric: an exact sum, so the mean is the same whatever order the rows come in
           CAST(pg_catalog.avg(CAST(st.attainment AS numeric)) AS double precision) AS mean_attainment
    FROM @region@.indicator_status st
    JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) st.organization_code
    WHERE pg_catalog.date_part('year', st.period_start::timestamp) OPERATOR(pg_catalog.=) pg_catalog.date_part('year', st.period_end::timestamp)
    GROUP BY 1, 2, 3
),
resp AS (
    SELECT sc.ancestor_code AS organization_code, sc.includes_sub_organizations,
           CAST(pg_catalog.date_trunc('year', pg_catalog.timezone(s.time_zone, f.received_at)) AS date) AS period_start,
           f.response, f.comment, f.themes
    FROM @region@.feedback_responses f
    JOIN scope sc ON sc.organization_code OPERATOR(pg_catalog.=) f.organization_code
    CROSS JOIN @region@.settings s
),
fb AS (
    SELECT r.organization_code, r.includes_sub_organizations, r.period_start,
           pg_catalog.count(*)          AS responses,
           pekefb.nps(r.response)       AS nps,
           pg_catalog.count(r.comment)  AS comments
    FROM resp r
    GROUP BY 1, 2, 3
),
th AS (
    SELECT x.organization_code, x.includes_sub_organizations, x.period_start,
           pg_catalog.string_agg(((x.theme OPERATOR(pg_catalog.||) ' (') OPERATOR(pg_catalog.||) x.mentions) OPERATOR(pg_catalog.||) ')', ', '
                                 ORDER BY x.mentions DESC, x.theme) AS top_themes
    FROM (
        SELECT r.organization_code, r.includes_sub_organizations, r.period_start,
               t.theme, pg_catalog.count(*) AS mentions,
               pg_catalog.row_number() OVER (
                   PARTITION BY r.organization_code, r.includes_sub_organizations, r.period_start
                   ORDER BY pg_catalog.count(*) DESC, t.theme) AS rank
        FROM resp r
        CROSS JOIN LATERAL pg_catalog.unnest(r.themes) AS t (theme)
        GROUP BY 1, 2, 3, 4
    ) x
    WHERE x.rank OPERATOR(pg_catalog.<=) 3
    GROUP BY 1, 2, 3
)
SELECT
    k.organization_code,
    k.includes_sub_organizations,
    pekefb.localized(o.name_fi, o.name_sv) AS organization_name,
    k.period_start,
    CAST(k.period_start OPERATOR(pg_catalog.+) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1 AS period_end,
    COALESCE(ind.indicators_with_target, 0)                              AS indicators_with_target,
    COALESCE(ind.indicators_met, 0)                                      AS indicators_met,
    COALESCE(ind.indicators_missed, 0)                                   AS indicators_missed,
    CASE WHEN ind.indicators_with_target OPERATOR(pg_catalog.>) 0
         THEN ind.indicators_met::double precision OPERATOR(pg_catalog./) ind.indicators_with_target END AS share_met,
    ind.mean_attainment,
    COALESCE(fb.responses, 0)                                            AS responses,
    CASE WHEN NOT x.suppressed THEN fb.nps END                           AS nps,
    CASE WHEN NOT x.suppressed THEN fb.comments END                      AS comments,
    CASE WHEN NOT x.suppressed THEN th.top_themes END                    AS top_themes,
    x.suppressed
FROM (SELECT organization_code, includes_sub_organizations, period_start FROM ind
      UNION SELECT organization_code, includes_sub_organizations, period_start FROM fb) k
JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) k.organization_code
LEFT JOIN ind ON ind.organization_code OPERATOR(pg_catalog.=) k.organization_code
             AND ind.includes_sub_organizations OPERATOR(pg_catalog.=) k.includes_sub_organizations
             AND ind.period_start OPERATOR(pg_catalog.=) k.period_start
LEFT JOIN fb  ON fb.organization_code OPERATOR(pg_catalog.=) k.organization_code
             AND fb.includes_sub_organizations OPERATOR(pg_catalog.=) k.includes_sub_organizations
             AND fb.period_start OPERATOR(pg_catalog.=) k.period_start
LEFT JOIN th  ON th.organization_code OPERATOR(pg_catalog.=) k.organization_code
             AND th.includes_sub_organizations OPERATOR(pg_catalog.=) k.includes_sub_organizations
             AND th.period_start OPERATOR(pg_catalog.=) k.period_start
CROSS JOIN @region@.settings s
CROSS JOIN LATERAL (
    SELECT COALESCE(fb.responses, 0) OPERATOR(pg_catalog.>=) 1
           AND COALESCE(fb.responses, 0) OPERATOR(pg_catalog.<=) (s.min_group_size OPERATOR(pg_catalog.-) 1) AS suppressed
) x;
COMMENT ON VIEW @region@.organization_overview IS
    'per organisation, includes_sub_organizations (false: its own measurements and responses, true: with all sub-organisations) and calendar year: indicators met and missed next to feedback responses, NPS and the most frequent themes';
COMMENT ON COLUMN @region@.organization_overview.organization_code IS 'the organisation (organizations.code)';
COMMENT ON COLUMN @region@.organization_overview.includes_sub_organizations IS 'false: the organisation''s own measurements and responses only; true: with those of every organisation below it';
COMMENT ON COLUMN @region@.organization_overview.organization_name IS 'name in pekefb.language';
COMMENT ON COLUMN @region@.organization_overview.period_start IS 'first day of the calendar year';
COMMENT ON COLUMN @region@.organization_overview.period_end IS 'last day of the calendar year';
COMMENT ON COLUMN @region@.organization_overview.indicators_with_target IS 'measurements within the year that have a target in force';
COMMENT ON COLUMN @region@.organization_overview.indicators_met IS 'of them, measurements that met their target';
COMMENT ON COLUMN @region@.organization_overview.indicators_missed IS 'of them, measurements that missed their target';
COMMENT ON COLUMN @region@.organization_overview.share_met IS 'indicators_met / indicators_with_target (0..1); NULL without targets';
COMMENT ON COLUMN @region@.organization_overview.mean_attainment IS 'mean attainment of those measurements (1 = target reached); NULL without targets';
COMMENT ON COLUMN @region@.organization_overview.responses IS 'feedback responses received in the year (always shown)';
COMMENT ON COLUMN @region@.organization_overview.nps IS 'NPS -100..100 of those responses; NULL when suppressed';
COMMENT ON COLUMN @region@.organization_overview.comments IS 'responses with a free-text comment; NULL when suppressed';
COMMENT ON COLUMN @region@.organization_overview.top_themes IS 'the three most frequent themes with their counts, e.g. odotusaika (12), ...; NULL when suppressed';
COMMENT ON COLUMN @region@.organization_overview.suppressed IS 'true when 1 <= responses < settings.min_group_size: feedback figures hidden';

$pekefb_region_text$;
COMMENT ON FUNCTION @extschema@._region_script() IS
    'the region script (src/region/*.sql) with @region@ for the schema: what create_region runs';

CREATE FUNCTION @extschema@._region_upgrades()
    RETURNS TABLE (from_version text, to_version text, script text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT u.from_version, u.to_version, u.script FROM (VALUES
        (NULL::text, NULL::text, NULL::text)
    ) AS u (from_version, to_version, script)
    WHERE u.from_version IS NOT NULL;
    END;
COMMENT ON FUNCTION @extschema@._region_upgrades() IS
    'the region upgrade steps (src/region/upgrade/FROM--TO.sql) with @region@ for the schema: what upgrade_region runs';
-- distribute: pekefb.distribute_region lays a region out on Citus (doc/citus.md): the small
-- tables become reference tables (a copy on every node), the row-level tables are
-- distributed on organization_code and colocated, so every join of the views stays on one
-- node.  The library itself needs nothing: its aggregates are pushed down as they are.

-- distribute_region(schema, shard_count): one transaction, in the caller's.  Row-level tables
-- are cases, feedback_responses and measurements (`row_level` below); every other table of
-- the schema becomes a reference table.  The foreign keys between the region's tables are
-- dropped first and added again at the end (Citus checks them then): made one by one, a
-- table that refers to a new reference table would be turned into a "Citus local table"
-- on the way, whose copy on the coordinator loses its TRUNCATE triggers.  The functions
-- the region's triggers call are created on every node (a trigger fires on each node's
-- copy of its table).  shard_count NULL: Citus' citus.shard_count.  Returns one row per
-- table: the table and how it is laid out.
CREATE FUNCTION @extschema@.distribute_region(schema name DEFAULT 'region', shard_count integer DEFAULT NULL)
RETURNS TABLE (table_name text, distribution text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    nsp name := distribute_region.schema;
    row_level text[] := ARRAY['cases', 'feedback_responses', 'measurements'];
    fk record;
    fks text[] := '{}';
    stmt text;
    tab name;
    rel pg_catalog.regclass;
    fn pg_catalog.regprocedure;
    colocate text := 'none';
    old_messages text := pg_catalog.current_setting('client_min_messages');
BEGIN
    PERFORM @extschema@._region_check_schema(nsp);
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'citus') THEN
        RAISE EXCEPTION 'extension "citus" is not installed'
            USING ERRCODE = '55000',
                  DETAIL = 'distribute_region lays a region out on a Citus cluster; this database has no citus extension.',
                  HINT = 'CREATE EXTENSION citus and add the worker nodes first (doc/citus.md).';
    END IF;
    IF pg_catalog.to_regclass(pg_catalog.format('%I.settings', nsp)) IS NULL THEN
        RAISE EXCEPTION 'schema "%" is not a pekefb region', nsp
            USING ERRCODE = '42P01', DETAIL = 'A region has a settings table; pekefb.create_region creates one.';
    END IF;
    IF shard_count OPERATOR(pg_catalog.<) 1 THEN
        RAISE EXCEPTION 'shard count must be at least 1: %', shard_count
            USING ERRCODE = '22023', DETAIL = 'Pass NULL for Citus'' default (citus.shard_count).';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_dist_partition p
               WHERE p.logicalrelid OPERATOR(pg_catalog.=) pg_catalog.format('%I.settings', nsp)::pg_catalog.regclass) THEN
        RAISE EXCEPTION 'region "%" is already distributed', nsp
            USING ERRCODE = '55000', DETAIL = 'Its tables are Citus tables already (pg_dist_partition).';
    END IF;

    -- The region's triggers work on shards (they name their tables by trigger argument and
    -- write only their own node's copies); Citus wants to be told.  Creating the reference
    -- tables and the distributed tables that refer to them in one transaction needs
    -- sequential shard operations.  Citus' notices on the way (data copied, ...) say
    -- nothing the caller needs.
    PERFORM pg_catalog.set_config('citus.enable_unsafe_triggers', 'on', true);
    PERFORM pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
    PERFORM pg_catalog.set_config('client_min_messages', 'warning', true);

    -- The functions the triggers call, on every node.
    FOR fn IN
        SELECT DISTINCT t.tgfoid::pg_catalog.regprocedure
        FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid
        WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace AND NOT t.tgisinternal
        UNION
        SELECT p.oid::pg_catalog.regprocedure FROM pg_catalog.pg_proc p
        WHERE p.pronamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace
          AND p.proname OPERATOR(pg_catalog.=) 'rebuild_organization_tree' AND p.pronargs OPERATOR(pg_catalog.=) 2
    LOOP
        PERFORM pg_catalog.create_distributed_function(fn);
    END LOOP;

    -- Foreign keys between two of the region's tables, dropped until the end (a table's
    -- reference to itself stays).
    FOR fk IN
        SELECT c.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid) AS def
        FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) k.conrelid
        WHERE k.connamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace AND k.contype OPERATOR(pg_catalog.=) 'f'
          AND k.conrelid OPERATOR(pg_catalog.<>) k.confrelid
        ORDER BY c.relname, k.conname
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %I.%I DROP CONSTRAINT %I', nsp, fk.relname, fk.conname);
        fks := fks OPERATOR(pg_catalog.||)
               pg_catalog.format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', nsp, fk.relname, fk.conname, fk.def);
    END LOOP;

    -- Reference tables: every table but the row-level ones.
    FOR tab IN
        SELECT c.relname FROM pg_catalog.pg_class c
        WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp::pg_catalog.regnamespace
          AND c.relkind OPERATOR(pg_catalog.=) 'r' AND NOT c.relname OPERATOR(pg_catalog.=) ANY (row_level)
        ORDER BY c.relname
    LOOP
        PERFORM pg_catalog.create_reference_table(pg_catalog.format('%I.%I', nsp, tab)::pg_catalog.regclass);
        table_name := pg_catalog.format('%I.%I', nsp, tab); distribution := 'reference';
        RETURN NEXT;
    END LOOP;

    -- Row-level tables, distributed on organization_code in one colocation group.
    FOREACH tab IN ARRAY row_level LOOP
        rel := pg_catalog.to_regclass(pg_catalog.format('%I.%I', nsp, tab));
        CONTINUE WHEN rel IS NULL;
        IF colocate OPERATOR(pg_catalog.=) 'none' AND shard_count IS NOT NULL THEN
            PERFORM pg_catalog.create_distributed_table(rel, 'organization_code', colocate_with => colocate,
                                                        shard_count => shard_count);
        ELSE
            PERFORM pg_catalog.create_distributed_table(rel, 'organization_code', colocate_with => colocate);
        END IF;
        colocate := pg_catalog.format('%I.%I', nsp, tab);
        table_name := colocate; distribution := 'distributed by organization_code';
        RETURN NEXT;
    END LOOP;

    FOREACH stmt IN ARRAY fks LOOP
        EXECUTE stmt;
    END LOOP;
    PERFORM pg_catalog.set_config('client_min_messages', old_messages, true);
END
$fn$;
COMMENT ON FUNCTION @extschema@.distribute_region(name, integer) IS
    'lays a region out on Citus: small tables as reference tables, cases, feedback_responses and measurements distributed on organization_code, colocated';
