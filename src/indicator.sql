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
