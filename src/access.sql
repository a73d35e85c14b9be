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
