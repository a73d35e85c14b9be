-- obligations: who reports which indicator, at which periodicity and by which day after the
-- period.  The region's data_quality view (views_quality.sql) lists the periods whose
-- figure is missing after its due date, or came in late (doc/quality.md).

CREATE TABLE @region@.reporting_obligations (
    organization_code  text NOT NULL REFERENCES @region@.organizations (code),
    indicator_code     text NOT NULL REFERENCES @region@.indicators (code),
    periodicity        text NOT NULL
                       CHECK (periodicity OPERATOR(pg_catalog.=) ANY (ARRAY['month', 'quarter', 'half_year', 'year'])),
    first_period_start date NOT NULL
                       CONSTRAINT reporting_obligations_month_start
                       CHECK (pg_catalog.date_part('day', first_period_start::pg_catalog.timestamp) OPERATOR(pg_catalog.=) 1),
    last_period_end    date,
    due_days           integer NOT NULL CHECK (due_days OPERATOR(pg_catalog.>=) 0),
    responsible        text,
    note               text,
    PRIMARY KEY (organization_code, indicator_code, periodicity),
    CONSTRAINT reporting_obligations_period_order CHECK (last_period_end OPERATOR(pg_catalog.>=) first_period_start)
);
CREATE INDEX reporting_obligations_indicator_idx ON @region@.reporting_obligations (indicator_code);
COMMENT ON TABLE @region@.reporting_obligations IS
    'reporting obligations: the organisation reports the indicator for every period of the periodicity from first_period_start on (to last_period_end), due_days calendar days after the period''s last day';
COMMENT ON COLUMN @region@.reporting_obligations.organization_code IS 'the organisation whose figure is expected (measurements.organization_code)';
COMMENT ON COLUMN @region@.reporting_obligations.indicator_code IS 'the indicator to report';
COMMENT ON COLUMN @region@.reporting_obligations.periodicity IS 'length of each reported period: month, quarter, half_year or year';
COMMENT ON COLUMN @region@.reporting_obligations.first_period_start IS 'first day of the first period to report (the first of a month; the periods follow one another from it, e.g. 2024-04-01 for THL''s half-years 1.4.-30.9. and 1.10.-31.3.)';
COMMENT ON COLUMN @region@.reporting_obligations.last_period_end IS 'last day of the last period to report; NULL while the obligation runs';
COMMENT ON COLUMN @region@.reporting_obligations.due_days IS 'the figure is due this many calendar days after the period''s last day (0 = on that day)';
COMMENT ON COLUMN @region@.reporting_obligations.responsible IS 'who reports: a role or a contact, e.g. tilastoyksikkö / tilastot@example.fi';
COMMENT ON COLUMN @region@.reporting_obligations.note IS 'free text, e.g. the decision behind the obligation';
