-- indicators, targets and measurements: the indicator catalogue, the target levels and the
-- measured values.  Foreign keys are single-column (a BI tool follows them); that a target's
-- or a measurement's unit is its indicator's is checked by a trigger instead.

CREATE TABLE @region@.indicators (
    code             text PRIMARY KEY
                     CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    name_fi          text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv          text,
    name_en          text,
    unit             text NOT NULL DEFAULT '' CHECK (unit OPERATOR(pg_catalog.=) ANY (ARRAY['%', 'd', '', 'wd', 'per 1000'])),
    period           text NOT NULL DEFAULT 'year'
                     CHECK (period OPERATOR(pg_catalog.=) ANY (ARRAY['month', 'quarter', 'half_year', 'year'])),
    theme            text,
    source           text,
    deadline         pekefb.deadline,
    count_by         text CHECK (count_by OPERATOR(pg_catalog.=) ANY (ARRAY['finished', 'started'])),
    higher_is_better boolean,
    description      text,
    CONSTRAINT indicators_access_is_share CHECK (deadline IS NULL OR unit OPERATOR(pg_catalog.=) '%'),
    CONSTRAINT indicators_count_by_needs_deadline CHECK ((count_by IS NULL) OPERATOR(pg_catalog.=) (deadline IS NULL))
);
COMMENT ON TABLE @region@.indicators IS
    'indicator catalogue; an indicator with a deadline is an access indicator computed from cases';
COMMENT ON COLUMN @region@.indicators.code IS 'stable key: lower-case letters, digits, _ . -';
COMMENT ON COLUMN @region@.indicators.name_fi IS 'Finnish name';
COMMENT ON COLUMN @region@.indicators.name_sv IS 'Swedish name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.indicators.name_en IS 'English name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.indicators.unit IS
    '% (share, stored as a fraction of one), per 1000 (rate per 1 000, e.g. Sotkanet PER1000, stored as a fraction of one), d (days), wd (working days) or empty (plain number)';
COMMENT ON COLUMN @region@.indicators.period IS 'the usual reporting period: month, quarter, half_year or year';
COMMENT ON COLUMN @region@.indicators.theme IS 'theme for grouping, e.g. neuvola, lastensuojelu';
COMMENT ON COLUMN @region@.indicators.source IS 'where the figures come from, e.g. the source system';
COMMENT ON COLUMN @region@.indicators.deadline IS
    'statutory time limit of an access indicator (NULL for other indicators)';
COMMENT ON COLUMN @region@.indicators.count_by IS
    'counting basis of an access indicator: finished (cases completed in the period, THL''s completion share; default) or started (cases that became pending in the period); NULL for other indicators';
COMMENT ON COLUMN @region@.indicators.higher_is_better IS 'true when a higher value is better, false when lower is, NULL when not stated';
COMMENT ON COLUMN @region@.indicators.description IS 'definition of the indicator in prose';

CREATE TABLE @region@.targets (
    target_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_code    text NOT NULL REFERENCES @region@.indicators (code),
    organization_code text REFERENCES @region@.organizations (code),
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    target            pekefb.target,
    note              text,
    loaded_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    loaded_by         text NOT NULL DEFAULT CURRENT_USER,
    source            text,
    CONSTRAINT targets_period_order CHECK (period_end OPERATOR(pg_catalog.>=) period_start),
    CONSTRAINT targets_one_per_period UNIQUE NULLS NOT DISTINCT (indicator_code, organization_code, period_start)
);
CREATE INDEX targets_lookup_idx ON @region@.targets (indicator_code, period_start, period_end);
COMMENT ON TABLE @region@.targets IS
    'target levels per indicator and period; organization_code NULL = the whole region (applies to every organisation without its own target)';
COMMENT ON COLUMN @region@.targets.target_id IS 'surrogate key (identity)';
COMMENT ON COLUMN @region@.targets.indicator_code IS 'the indicator';
COMMENT ON COLUMN @region@.targets.organization_code IS 'the organisation whose target this is; NULL = the whole region';
COMMENT ON COLUMN @region@.targets.period_start IS 'first day of the period (inclusive)';
COMMENT ON COLUMN @region@.targets.period_end IS 'last day of the period (inclusive)';
COMMENT ON COLUMN @region@.targets.target IS 'the target level, e.g. >= 90% (unit: the indicator''s); NULL = to be set later (tavoitetaso määritellään myöhemmin: indicator_status says target_pending)';
COMMENT ON COLUMN @region@.targets.note IS 'free text, e.g. where the target comes from';
COMMENT ON COLUMN @region@.targets.loaded_at IS 'when the row was last written (set by the database on insert and update; earlier versions in target_history)';
COMMENT ON COLUMN @region@.targets.loaded_by IS 'the role that last wrote the row (set by the database)';
COMMENT ON COLUMN @region@.targets.source IS 'where the target comes from, e.g. the decision that set it';

CREATE TABLE @region@.measurements (
    indicator_code    text NOT NULL,
    organization_code text NOT NULL,
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    value             pekefb.indicator NOT NULL,
    source            text,
    loaded_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    loaded_by         text NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (organization_code, indicator_code, period_start, period_end),
    CONSTRAINT measurements_period_order CHECK (period_end OPERATOR(pg_catalog.>=) period_start)
);
-- The primary key is the only index (the views read every measurement; an organisation's
-- figures are found by it), for load speed (doc/loading.md, "Speed").
COMMENT ON TABLE @region@.measurements IS
    'measured values: one row per indicator, organisation and period (inclusive dates)';
COMMENT ON COLUMN @region@.measurements.indicator_code IS 'the indicator (an indicators code, checked per statement: references.sql)';
COMMENT ON COLUMN @region@.measurements.organization_code IS 'the organisation the figure is about (as its source reports it; an organizations code, checked per statement)';
COMMENT ON COLUMN @region@.measurements.period_start IS 'first day of the period (inclusive)';
COMMENT ON COLUMN @region@.measurements.period_end IS 'last day of the period (inclusive)';
COMMENT ON COLUMN @region@.measurements.value IS 'the measured value: a ratio such as 698/788 or a quantity such as 4.78 d (unit: the indicator''s)';
COMMENT ON COLUMN @region@.measurements.source IS 'where the figure comes from; region.cases for figures written by refresh_access_measurements';
COMMENT ON COLUMN @region@.measurements.loaded_at IS 'when the row was last written (set by the database on insert and update, whatever the loader gives; earlier versions in measurement_history)';
COMMENT ON COLUMN @region@.measurements.loaded_by IS 'the role that last wrote the row (set by the database)';

-- A target's and a measurement's unit must be its indicator's; an indicator's unit cannot
-- change while values in the old unit refer to it.  A missing indicator is left to the
-- foreign key.  The trigger's argument names the table (indicators, targets, measurements):
-- on Citus the trigger also fires on the shards, whose names carry a shard number.  On a
-- shard of a distributed region the indicators check reads only targets (a reference table
-- with a copy on every node): measurements are spread over the workers, which a trigger on
-- a shard cannot query.
CREATE FUNCTION @region@.check_unit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    want text;
    have text;
BEGIN
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'indicators' THEN
        IF TG_RELID OPERATOR(pg_catalog.=) '@region@.indicators'::pg_catalog.regclass THEN
            SELECT pekefb.unit(m.value) INTO have FROM @region@.measurements m
            WHERE m.indicator_code OPERATOR(pg_catalog.=) NEW.code
              AND pekefb.unit(m.value) OPERATOR(pg_catalog.<>) NEW.unit LIMIT 1;
        END IF;
        IF have IS NULL THEN
            SELECT pekefb.unit(t.target) INTO have FROM @region@.targets t
            WHERE t.indicator_code OPERATOR(pg_catalog.=) NEW.code
              AND pekefb.unit(t.target) OPERATOR(pg_catalog.<>) NEW.unit LIMIT 1;
        END IF;
        IF have IS NOT NULL THEN
            RAISE EXCEPTION 'unit "%" of indicator "%" does not match its values in unit "%"', NEW.unit, NEW.code, have
                USING ERRCODE = '23514', DETAIL = 'Measurements and targets of an indicator are in the indicator''s unit.';
        END IF;
        RETURN NEW;
    END IF;
    SELECT i.unit INTO want FROM @region@.indicators i WHERE i.code OPERATOR(pg_catalog.=) NEW.indicator_code;
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'targets' THEN
        have := pekefb.unit(NEW.target);
    ELSE
        have := pekefb.unit(NEW.value);
    END IF;
    IF have OPERATOR(pg_catalog.<>) want THEN
        RAISE EXCEPTION 'unit "%" of the % does not match unit "%" of indicator "%"',
                        have, CASE WHEN TG_ARGV[0] OPERATOR(pg_catalog.=) 'targets' THEN 'target' ELSE 'value' END,
                        want, NEW.indicator_code
            USING ERRCODE = '23514', DETAIL = 'Measurements and targets of an indicator are in the indicator''s unit.';
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.check_unit() IS 'trigger: a target''s or a measurement''s unit must be its indicator''s';
CREATE TRIGGER indicators_unit BEFORE UPDATE OF unit ON @region@.indicators
    FOR EACH ROW EXECUTE FUNCTION @region@.check_unit('indicators');
CREATE TRIGGER targets_unit BEFORE INSERT OR UPDATE ON @region@.targets
    FOR EACH ROW EXECUTE FUNCTION @region@.check_unit('targets');

-- check_units(): the same test for measurements, once per statement over the rows written
-- (new_rows): a load writes many measurements, and a row trigger would look up the
-- indicator once per row.  On Citus, pekefb.distribute_region puts check_unit's row form
-- back (shards have no transition tables).
CREATE FUNCTION @region@.check_units() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    bad record;
BEGIN
    -- each indicator and unit once (a hash aggregate), then their indicators
    SELECT u.have, i.unit AS want, u.indicator_code INTO bad
    FROM (SELECT DISTINCT n.indicator_code, pekefb.unit(n.value) AS have FROM new_rows n) u
    JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) u.indicator_code
    WHERE u.have OPERATOR(pg_catalog.<>) i.unit
    ORDER BY u.indicator_code, u.have
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unit "%" of the value does not match unit "%" of indicator "%"', bad.have, bad.want, bad.indicator_code
            USING ERRCODE = '23514', DETAIL = 'Measurements and targets of an indicator are in the indicator''s unit.';
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.check_units() IS 'trigger: the units of the measurements a statement wrote are their indicators''';
CREATE TRIGGER measurements_unit_insert AFTER INSERT ON @region@.measurements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.check_units();
CREATE TRIGGER measurements_unit_update AFTER UPDATE ON @region@.measurements
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.check_units();

-- An access indicator counts by completion unless told otherwise.
CREATE FUNCTION @region@.indicators_defaults() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF NEW.deadline IS NOT NULL AND NEW.count_by IS NULL THEN
        NEW.count_by := 'finished';
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.indicators_defaults() IS 'trigger: an access indicator without count_by counts by finished';
CREATE TRIGGER indicators_defaults BEFORE INSERT OR UPDATE ON @region@.indicators
    FOR EACH ROW EXECUTE FUNCTION @region@.indicators_defaults();

-- loaded_at and loaded_by follow every write, inserts and updates, whatever the writer gives
-- (a loader cannot forge them): the transaction's start time and the current role.  An
-- update that changes nothing else is skipped (the row, its stamp and its history stay as
-- they were), so that re-loading the same figures changes nothing.  The same function
-- stamps measurements and targets.  An inserted measurement calls it only when its stamp
-- is not already the right one (the columns' defaults are): a load inserts many.
CREATE FUNCTION @region@.stamp_loaded() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        NEW.loaded_at := OLD.loaded_at;
        NEW.loaded_by := OLD.loaded_by;
        IF NEW::text OPERATOR(pg_catalog.=) OLD::text THEN
            RETURN NULL;
        END IF;
    END IF;
    NEW.loaded_at := pg_catalog.now();
    NEW.loaded_by := CURRENT_USER;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.stamp_loaded() IS
    'trigger: sets loaded_at and loaded_by of a measurement or target on insert and update; skips an update that changes nothing';
CREATE TRIGGER measurements_loaded BEFORE INSERT ON @region@.measurements
    FOR EACH ROW WHEN (NOT COALESCE(pekefb.stamped_now(NEW.loaded_at, NEW.loaded_by), false))
    EXECUTE FUNCTION @region@.stamp_loaded();
CREATE TRIGGER measurements_loaded_update BEFORE UPDATE ON @region@.measurements
    FOR EACH ROW EXECUTE FUNCTION @region@.stamp_loaded();
CREATE TRIGGER targets_loaded BEFORE INSERT OR UPDATE ON @region@.targets
    FOR EACH ROW EXECUTE FUNCTION @region@.stamp_loaded();
