-- history: the earlier versions of measurements and targets.  Every UPDATE or DELETE of a
-- measurement or a target keeps the version it replaces, with who wrote it, when (valid
-- from its loaded_at until the change) and from which source, so that the figures can be
-- read as they stood at any past moment (region.measurements_as_of, targets_as_of,
-- indicator_status_as_of in views_quality.sql; doc/quality.md).  Kept by statement triggers
-- with transition tables: one INSERT per changing statement, however many rows it changes.
-- A version written and replaced within one transaction was never seen by anyone else and
-- is not kept.  TRUNCATE keeps nothing (it is the DBA's tool).

CREATE TABLE @region@.measurement_history (
    history_id        bigint GENERATED ALWAYS AS IDENTITY,
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    indicator_code    text NOT NULL REFERENCES @region@.indicators (code),
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    value             pekefb.indicator NOT NULL,
    source            text,
    loaded_by         text NOT NULL,
    valid_from        timestamptz NOT NULL,
    valid_to          timestamptz NOT NULL,
    changed_by        text NOT NULL,
    change            text NOT NULL CHECK (change OPERATOR(pg_catalog.=) ANY (ARRAY['update', 'delete'])),
    PRIMARY KEY (organization_code, history_id),
    CONSTRAINT measurement_history_valid_order CHECK (valid_to OPERATOR(pg_catalog.>) valid_from)
);
CREATE INDEX measurement_history_key_idx
    ON @region@.measurement_history (indicator_code, organization_code, period_start, period_end, valid_from);
CREATE INDEX measurement_history_valid_idx ON @region@.measurement_history (valid_from, valid_to);
COMMENT ON TABLE @region@.measurement_history IS
    'earlier versions of measurements: each row is a version that was in measurements from valid_from until valid_to, when an update replaced it or a delete removed it; kept by triggers, do not write';
COMMENT ON COLUMN @region@.measurement_history.history_id IS 'surrogate key (identity), in the order the versions were kept';
COMMENT ON COLUMN @region@.measurement_history.organization_code IS 'the organisation of the version';
COMMENT ON COLUMN @region@.measurement_history.indicator_code IS 'the indicator of the version';
COMMENT ON COLUMN @region@.measurement_history.period_start IS 'first day of the version''s period (inclusive)';
COMMENT ON COLUMN @region@.measurement_history.period_end IS 'last day of the version''s period (inclusive)';
COMMENT ON COLUMN @region@.measurement_history.value IS 'the value the version had';
COMMENT ON COLUMN @region@.measurement_history.source IS 'where the version''s figure came from (measurements.source)';
COMMENT ON COLUMN @region@.measurement_history.loaded_by IS 'the role that wrote the version';
COMMENT ON COLUMN @region@.measurement_history.valid_from IS 'when the version was written (its loaded_at): it was in force from then';
COMMENT ON COLUMN @region@.measurement_history.valid_to IS 'when it was replaced or removed (exclusive): it was in force until then';
COMMENT ON COLUMN @region@.measurement_history.changed_by IS 'the role that replaced or removed it';
COMMENT ON COLUMN @region@.measurement_history.change IS 'update (replaced by a newer version) or delete (removed)';

CREATE TABLE @region@.target_history (
    history_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target_id         bigint NOT NULL,
    indicator_code    text NOT NULL REFERENCES @region@.indicators (code),
    organization_code text REFERENCES @region@.organizations (code),
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    target            pekefb.target,
    note              text,
    source            text,
    loaded_by         text NOT NULL,
    valid_from        timestamptz NOT NULL,
    valid_to          timestamptz NOT NULL,
    changed_by        text NOT NULL,
    change            text NOT NULL CHECK (change OPERATOR(pg_catalog.=) ANY (ARRAY['update', 'delete'])),
    CONSTRAINT target_history_valid_order CHECK (valid_to OPERATOR(pg_catalog.>) valid_from)
);
CREATE INDEX target_history_key_idx ON @region@.target_history (indicator_code, period_start, period_end, valid_from);
COMMENT ON TABLE @region@.target_history IS
    'earlier versions of targets: each row is a version that was in targets from valid_from until valid_to, when an update replaced it or a delete removed it; kept by triggers, do not write';
COMMENT ON COLUMN @region@.target_history.history_id IS 'surrogate key (identity), in the order the versions were kept';
COMMENT ON COLUMN @region@.target_history.target_id IS 'the target''s key (targets.target_id)';
COMMENT ON COLUMN @region@.target_history.indicator_code IS 'the indicator of the version';
COMMENT ON COLUMN @region@.target_history.organization_code IS 'the organisation of the version; NULL = the whole region';
COMMENT ON COLUMN @region@.target_history.period_start IS 'first day of the version''s period (inclusive)';
COMMENT ON COLUMN @region@.target_history.period_end IS 'last day of the version''s period (inclusive)';
COMMENT ON COLUMN @region@.target_history.target IS 'the target level the version had (NULL = to be set later)';
COMMENT ON COLUMN @region@.target_history.note IS 'the version''s note';
COMMENT ON COLUMN @region@.target_history.source IS 'where the version came from (targets.source)';
COMMENT ON COLUMN @region@.target_history.loaded_by IS 'the role that wrote the version';
COMMENT ON COLUMN @region@.target_history.valid_from IS 'when the version was written (its loaded_at): it was in force from then';
COMMENT ON COLUMN @region@.target_history.valid_to IS 'when it was replaced or removed (exclusive): it was in force until then';
COMMENT ON COLUMN @region@.target_history.changed_by IS 'the role that replaced or removed it';
COMMENT ON COLUMN @region@.target_history.change IS 'update (replaced by a newer version) or delete (removed)';

-- keep_history(): after an UPDATE or DELETE statement on measurements or targets (the
-- trigger's argument), the replaced rows (transition table old_rows) go to the history,
-- valid from their loaded_at until now().  Rows written in this same transaction (loaded_at
-- = now()) were never visible to others and are not kept.
CREATE FUNCTION @region@.keep_history() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    what text := pg_catalog.lower(TG_OP);
BEGIN
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'measurements' THEN
        INSERT INTO @region@.measurement_history
            (organization_code, indicator_code, period_start, period_end, value, source, loaded_by,
             valid_from, valid_to, changed_by, change)
        SELECT o.organization_code, o.indicator_code, o.period_start, o.period_end, o.value, o.source, o.loaded_by,
               o.loaded_at, pg_catalog.now(), CURRENT_USER, what
        FROM old_rows o
        WHERE o.loaded_at OPERATOR(pg_catalog.<) pg_catalog.now();
    ELSE
        INSERT INTO @region@.target_history
            (target_id, indicator_code, organization_code, period_start, period_end, target, note, source, loaded_by,
             valid_from, valid_to, changed_by, change)
        SELECT o.target_id, o.indicator_code, o.organization_code, o.period_start, o.period_end, o.target, o.note,
               o.source, o.loaded_by, o.loaded_at, pg_catalog.now(), CURRENT_USER, what
        FROM old_rows o
        WHERE o.loaded_at OPERATOR(pg_catalog.<) pg_catalog.now();
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.keep_history() IS
    'trigger: keeps the rows an UPDATE or DELETE of measurements or targets replaces in measurement_history or target_history';
CREATE TRIGGER measurements_history_update AFTER UPDATE ON @region@.measurements
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_history('measurements');
CREATE TRIGGER measurements_history_delete AFTER DELETE ON @region@.measurements
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_history('measurements');
CREATE TRIGGER targets_history_update AFTER UPDATE ON @region@.targets
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_history('targets');
CREATE TRIGGER targets_history_delete AFTER DELETE ON @region@.targets
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@.keep_history('targets');

-- The same for one row (FOR EACH ROW): on Citus, whose shards have no transition tables,
-- pekefb.distribute_region puts these triggers in place of the four statement triggers.
CREATE FUNCTION @region@.keep_history_row() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF OLD.loaded_at OPERATOR(pg_catalog.>=) pg_catalog.now() THEN
        RETURN NULL;
    END IF;
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'measurements' THEN
        INSERT INTO @region@.measurement_history
            (organization_code, indicator_code, period_start, period_end, value, source, loaded_by,
             valid_from, valid_to, changed_by, change)
        VALUES (OLD.organization_code, OLD.indicator_code, OLD.period_start, OLD.period_end, OLD.value, OLD.source,
                OLD.loaded_by, OLD.loaded_at, pg_catalog.now(), CURRENT_USER, pg_catalog.lower(TG_OP));
    ELSE
        INSERT INTO @region@.target_history
            (target_id, indicator_code, organization_code, period_start, period_end, target, note, source, loaded_by,
             valid_from, valid_to, changed_by, change)
        VALUES (OLD.target_id, OLD.indicator_code, OLD.organization_code, OLD.period_start, OLD.period_end, OLD.target,
                OLD.note, OLD.source, OLD.loaded_by, OLD.loaded_at, pg_catalog.now(), CURRENT_USER, pg_catalog.lower(TG_OP));
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.keep_history_row() IS
    'trigger (one row): keeps the row an UPDATE or DELETE of measurements or targets replaces in its history table; used on Citus';
