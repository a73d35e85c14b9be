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
