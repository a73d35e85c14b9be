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

CREATE FUNCTION @extschema@.target_eq(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_eq(@extschema@.target, @extschema@.target) IS
    'same direction, unit and numbers';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target,
    PROCEDURE = @extschema@.target_eq, COMMUTATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
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
