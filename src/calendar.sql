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
