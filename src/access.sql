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
