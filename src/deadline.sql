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
