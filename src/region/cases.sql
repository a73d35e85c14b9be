-- cases: the raw process events behind access indicators.  The key holds organization_code,
-- so that the table can be distributed on it (Citus); it leads with the indicator and the
-- case's id, so that a matter that moved to another organisation is found by its id.  The
-- primary key is the table's only index and its references are checked per statement
-- (references.sql): loads are the table's main use, the views read every case anyway.

CREATE TABLE @region@.cases (
    organization_code text NOT NULL,
    indicator_code    text NOT NULL,
    case_id           text NOT NULL DEFAULT (pg_catalog.gen_random_uuid())::text CHECK (case_id OPERATOR(pg_catalog.<>) ''),
    started           date NOT NULL,
    finished          date,
    PRIMARY KEY (indicator_code, case_id, organization_code),
    CONSTRAINT cases_finished_after_started CHECK (finished OPERATOR(pg_catalog.>=) started)
);
COMMENT ON TABLE @region@.cases IS
    'raw process events behind access indicators: when a matter became pending (started) and was done (finished, NULL while open)';
COMMENT ON COLUMN @region@.cases.organization_code IS 'the organisation that handles the case (an organizations code, checked per statement: references.sql)';
COMMENT ON COLUMN @region@.cases.indicator_code IS 'the access indicator the case counts in (one with a deadline; an indicators code, checked per statement)';
COMMENT ON COLUMN @region@.cases.case_id IS 'the source system''s id of the case, unique per organisation and indicator (a random uuid when none is given)';
COMMENT ON COLUMN @region@.cases.started IS 'the day the matter became pending (vireille), a local date';
COMMENT ON COLUMN @region@.cases.finished IS 'the day it was done, a local date; NULL while open';
