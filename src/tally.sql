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

