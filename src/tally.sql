-- tally: the shared transition state of the counting aggregates (src/tally.c, src/tally.h).
-- Three non-negative counters with text form "(a,b,n)"; partial aggregates travel as this
-- type between parallel workers and Citus nodes.

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

CREATE FUNCTION @extschema@.tally_eq(@extschema@.tally, @extschema@.tally) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.tally, RIGHTARG = @extschema@.tally,
    PROCEDURE = @extschema@.tally_eq, COMMUTATOR = OPERATOR(@extschema@.=)
);

CREATE FUNCTION @extschema@.tally_combine(@extschema@.tally, @extschema@.tally) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_share(@extschema@.tally) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_nps(@extschema@.tally) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

