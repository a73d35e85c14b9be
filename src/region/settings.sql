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
    pekefb_version     text NOT NULL,
    language           text NOT NULL DEFAULT 'fi' CHECK (language OPERATOR(pg_catalog.~) '^[a-z]{2,3}$')
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
COMMENT ON COLUMN @region@.settings.language IS 'the region''s main language (fi, sv, ...): the language of a free-text comment whose response does not give one (doc/themes.md)';

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
