-- cases: the raw process events behind access indicators.  Keyed by organisation first, so
-- that the table can be distributed on organization_code (Citus).

CREATE TABLE @region@.cases (
    organization_code text NOT NULL REFERENCES @region@.organizations (code),
    indicator_code    text NOT NULL REFERENCES @region@.indicators (code),
    case_id           text NOT NULL DEFAULT (pg_catalog.gen_random_uuid())::text CHECK (case_id OPERATOR(pg_catalog.<>) ''),
    started           date NOT NULL,
    finished          date,
    PRIMARY KEY (organization_code, indicator_code, case_id),
    CONSTRAINT cases_finished_after_started CHECK (finished OPERATOR(pg_catalog.>=) started)
);
CREATE INDEX cases_indicator_started_idx ON @region@.cases (indicator_code, organization_code, started);
CREATE INDEX cases_indicator_finished_idx ON @region@.cases (indicator_code, finished);
COMMENT ON TABLE @region@.cases IS
    'raw process events behind access indicators: when a matter became pending (started) and was done (finished, NULL while open)';
COMMENT ON COLUMN @region@.cases.organization_code IS 'the organisation that handles the case';
COMMENT ON COLUMN @region@.cases.indicator_code IS 'the access indicator the case counts in (one with a deadline)';
COMMENT ON COLUMN @region@.cases.case_id IS 'the source system''s id of the case, unique per organisation and indicator (a random uuid when none is given)';
COMMENT ON COLUMN @region@.cases.started IS 'the day the matter became pending (vireille), a local date';
COMMENT ON COLUMN @region@.cases.finished IS 'the day it was done, a local date; NULL while open';
