-- loading: what the region keeps for its loaders (views_loaders.sql, doc/loading.md): the
-- source keys of loaded cases and feedback responses, the mapping of a client-information
-- system's matter types to access indicators, the survey mappings (question -> statement,
-- answer label -> score, service and unit names -> codes), and THL Sotkanet's reference
-- figures with their mapping of Sotkanet region and indicator ids.

-- Cases keep the source system's id: a re-loaded extract updates its cases, never
-- duplicates them.  A loaded case's id is the system's name and its id (efica:123), so that
-- the primary key is the source key too, without an index of its own.
ALTER TABLE @region@.cases
    ADD COLUMN source_system text CHECK (source_system OPERATOR(pg_catalog.<>) ''),
    ADD COLUMN source_case_id text CHECK (source_case_id OPERATOR(pg_catalog.<>) ''),
    ADD CONSTRAINT cases_source_both CHECK ((source_system IS NULL) OPERATOR(pg_catalog.=) (source_case_id IS NULL)),
    ADD CONSTRAINT cases_source_id CHECK (source_system IS NULL
        OR case_id OPERATOR(pg_catalog.=) ((source_system OPERATOR(pg_catalog.||) ':') OPERATOR(pg_catalog.||) source_case_id));
COMMENT ON COLUMN @region@.cases.source_system IS 'the client-information system the case was loaded from (region.load_cases), NULL for cases written otherwise';
COMMENT ON COLUMN @region@.cases.source_case_id IS 'the source system''s id of the matter; one matter is one row per indicator it feeds';

CREATE TABLE @region@.case_mappings (
    matter_type    text NOT NULL CHECK (matter_type OPERATOR(pg_catalog.<>) ''),
    indicator_code text NOT NULL REFERENCES @region@.indicators (code),
    PRIMARY KEY (matter_type, indicator_code)
);
COMMENT ON TABLE @region@.case_mappings IS
    'which access indicators a matter type of the client-information system feeds (one matter can feed several, e.g. a child-welfare matter the 7-working-day and the 3-month indicators)';
COMMENT ON COLUMN @region@.case_mappings.matter_type IS 'the matter type as the extract writes it (compared ignoring case and surrounding spaces)';
COMMENT ON COLUMN @region@.case_mappings.indicator_code IS 'an access indicator (one with a deadline) the matter counts in';

-- Surveys: how a survey tool's export maps onto feedback_responses.
CREATE TABLE @region@.feedback_surveys (
    code                text PRIMARY KEY CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    tool                text NOT NULL CHECK (tool OPERATOR(pg_catalog.=) ANY (ARRAY['webropol', 'limesurvey'])),
    name                text,
    id_column           text NOT NULL DEFAULT 'id',
    submitted_column    text NOT NULL DEFAULT 'submitdate',
    language_column     text,
    organization_column text,
    organization_code   text REFERENCES @region@.organizations (code),
    service_column      text,
    service             text CHECK (service OPERATOR(pg_catalog.<>) ''),
    nps_column          text,
    comment_column      text,
    role                text,
    channel             text NOT NULL DEFAULT 'web',
    CONSTRAINT feedback_surveys_organization CHECK ((organization_column IS NULL) OPERATOR(pg_catalog.<>) (organization_code IS NULL)),
    CONSTRAINT feedback_surveys_service CHECK ((service_column IS NULL) OPERATOR(pg_catalog.<>) (service IS NULL))
);
COMMENT ON TABLE @region@.feedback_surveys IS
    'surveys whose exports region.load_webropol and region.load_limesurvey load: the columns of the export and the fixed values of its responses';
COMMENT ON COLUMN @region@.feedback_surveys.code IS 'stable key of the survey, kept with each loaded response (feedback_responses.survey_code)';
COMMENT ON COLUMN @region@.feedback_surveys.tool IS 'webropol or limesurvey';
COMMENT ON COLUMN @region@.feedback_surveys.name IS 'the survey''s title';
COMMENT ON COLUMN @region@.feedback_surveys.id_column IS 'the column holding the tool''s response id (LimeSurvey: id)';
COMMENT ON COLUMN @region@.feedback_surveys.submitted_column IS 'the column holding when the response was submitted, a local time; empty = incomplete, skipped (LimeSurvey: submitdate)';
COMMENT ON COLUMN @region@.feedback_surveys.language_column IS 'the column holding the answering language (LimeSurvey: startlanguage), NULL if none';
COMMENT ON COLUMN @region@.feedback_surveys.organization_column IS 'the column naming the unit (organisation code or name, or a name in feedback_names); NULL when organization_code is fixed';
COMMENT ON COLUMN @region@.feedback_surveys.organization_code IS 'the organisation of every response when the export has no unit column';
COMMENT ON COLUMN @region@.feedback_surveys.service_column IS 'the column naming the service (mapped by feedback_names); NULL when service is fixed';
COMMENT ON COLUMN @region@.feedback_surveys.service IS 'the service of every response when the export has no service column';
COMMENT ON COLUMN @region@.feedback_surveys.nps_column IS 'the recommendation question (0-10), NULL if the survey has none';
COMMENT ON COLUMN @region@.feedback_surveys.comment_column IS 'the open free-text question, NULL if none';
COMMENT ON COLUMN @region@.feedback_surveys.role IS 'the respondents'' role (parent, client, child, staff, partner, other), NULL if not known';
COMMENT ON COLUMN @region@.feedback_surveys.channel IS 'how the responses were given (default web)';

CREATE TABLE @region@.feedback_questions (
    survey_code text NOT NULL REFERENCES @region@.feedback_surveys (code) ON DELETE CASCADE,
    column_name text NOT NULL CHECK (column_name OPERATOR(pg_catalog.<>) ''),
    statement   text NOT NULL CHECK (statement OPERATOR(pg_catalog.~) '^[a-z0-9_]{1,32}$'),
    PRIMARY KEY (survey_code, column_name),
    CONSTRAINT feedback_questions_one_statement UNIQUE (survey_code, statement)
);
COMMENT ON TABLE @region@.feedback_questions IS 'which column of a survey''s export answers which 1-5 statement';
COMMENT ON COLUMN @region@.feedback_questions.survey_code IS 'the survey';
COMMENT ON COLUMN @region@.feedback_questions.column_name IS 'the column as the export''s header (or JSON key) names it, e.g. G01Q02 or a question text';
COMMENT ON COLUMN @region@.feedback_questions.statement IS 'the statement code in the responses, e.g. easy, helped, safe, useful, understood';

CREATE TABLE @region@.feedback_answers (
    survey_code text NOT NULL REFERENCES @region@.feedback_surveys (code) ON DELETE CASCADE,
    answer      text NOT NULL CHECK (answer OPERATOR(pg_catalog.<>) ''),
    score       integer CHECK (score OPERATOR(pg_catalog.>=) 0 AND score OPERATOR(pg_catalog.<=) 10),
    PRIMARY KEY (survey_code, answer)
);
COMMENT ON TABLE @region@.feedback_answers IS
    'answer labels (Finnish, Swedish) or answer codes of a survey and their scores; a plain number 0-10 needs no row';
COMMENT ON COLUMN @region@.feedback_answers.survey_code IS 'the survey';
COMMENT ON COLUMN @region@.feedback_answers.answer IS 'the answer as exported, e.g. Täysin samaa mieltä, Helt av samma åsikt, A5 (compared ignoring case and surrounding spaces)';
COMMENT ON COLUMN @region@.feedback_answers.score IS '1-5 for a statement, 0-10 for the recommendation question; NULL = don''t know (En osaa sanoa, Vet inte)';

CREATE TABLE @region@.feedback_names (
    survey_code text NOT NULL REFERENCES @region@.feedback_surveys (code) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['service', 'organization'])),
    name        text NOT NULL CHECK (name OPERATOR(pg_catalog.<>) ''),
    code        text NOT NULL CHECK (code OPERATOR(pg_catalog.<>) ''),
    PRIMARY KEY (survey_code, kind, name)
);
COMMENT ON TABLE @region@.feedback_names IS
    'service and unit names of a survey''s export and the service codes and organisation codes they stand for';
COMMENT ON COLUMN @region@.feedback_names.survey_code IS 'the survey';
COMMENT ON COLUMN @region@.feedback_names.kind IS 'service or organization';
COMMENT ON COLUMN @region@.feedback_names.name IS 'the name as exported (compared ignoring case and surrounding spaces)';
COMMENT ON COLUMN @region@.feedback_names.code IS 'the service code, or the organisation''s code in organizations';

-- Responses keep the survey and the tool's response id: re-loading an export is idempotent.
-- A loaded response's id is the survey's code and the tool's id (webropol-2025:123), so that
-- the primary key is the source key too, without an index of its own.  survey_code refers
-- to feedback_surveys, checked per statement (references.sql).
ALTER TABLE @region@.feedback_responses
    ADD COLUMN survey_code text,
    ADD COLUMN source_response_id text CHECK (source_response_id OPERATOR(pg_catalog.<>) ''),
    ADD CONSTRAINT feedback_responses_source_both CHECK ((survey_code IS NULL) OPERATOR(pg_catalog.=) (source_response_id IS NULL)),
    ADD CONSTRAINT feedback_responses_source_id CHECK (survey_code IS NULL
        OR response_id OPERATOR(pg_catalog.=) ((survey_code OPERATOR(pg_catalog.||) ':') OPERATOR(pg_catalog.||) source_response_id));
COMMENT ON COLUMN @region@.feedback_responses.survey_code IS 'the survey the response was loaded from (region.load_webropol, region.load_limesurvey), NULL otherwise';
COMMENT ON COLUMN @region@.feedback_responses.source_response_id IS 'the survey tool''s id of the response, unique per survey';

-- THL Sotkanet: the national and other regions' figures (domain.md section 4).
CREATE TABLE @region@.reference_areas (
    sotkanet_region   integer PRIMARY KEY,
    code              text NOT NULL UNIQUE CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    name_fi           text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv           text,
    category          text NOT NULL CHECK (category OPERATOR(pg_catalog.~) '^[A-Z0-9_-]+$'),
    organization_code text UNIQUE REFERENCES @region@.organizations (code)
);
COMMENT ON TABLE @region@.reference_areas IS
    'Sotkanet''s areas whose figures the region compares with: the nation, wellbeing areas, municipalities; kept apart from organizations, so no view counts them in the network';
COMMENT ON COLUMN @region@.reference_areas.sotkanet_region IS 'Sotkanet''s internal region id (the region of its data rows, not a municipality code)';
COMMENT ON COLUMN @region@.reference_areas.code IS 'stable key of the area, e.g. finland, pohjois-pohjanmaa';
COMMENT ON COLUMN @region@.reference_areas.name_fi IS 'Finnish name';
COMMENT ON COLUMN @region@.reference_areas.name_sv IS 'Swedish name';
COMMENT ON COLUMN @region@.reference_areas.category IS 'Sotkanet''s region category: MAA (the nation), HYVINVOINTIALUE, KUNTA, ...';
COMMENT ON COLUMN @region@.reference_areas.organization_code IS 'the network''s own organisation this area is (e.g. the wellbeing area itself), NULL for areas outside the network';

CREATE TABLE @region@.reference_indicators (
    sotkanet_indicator integer PRIMARY KEY,
    indicator_code     text NOT NULL REFERENCES @region@.indicators (code),
    factor             double precision NOT NULL DEFAULT 1 CHECK (factor OPERATOR(pg_catalog.<>) 0),
    title              text
);
CREATE INDEX reference_indicators_indicator_idx ON @region@.reference_indicators (indicator_code);
COMMENT ON TABLE @region@.reference_indicators IS 'which Sotkanet indicator corresponds to which indicator of the region';
COMMENT ON COLUMN @region@.reference_indicators.sotkanet_indicator IS 'Sotkanet''s indicator id';
COMMENT ON COLUMN @region@.reference_indicators.indicator_code IS 'the region''s indicator';
COMMENT ON COLUMN @region@.reference_indicators.factor IS 'Sotkanet''s value times factor is in the indicator''s convention (0.01 when Sotkanet gives percent and the indicator a share)';
COMMENT ON COLUMN @region@.reference_indicators.title IS 'Sotkanet''s title of the indicator';

CREATE TABLE @region@.reference_values (
    sotkanet_indicator integer NOT NULL REFERENCES @region@.reference_indicators (sotkanet_indicator),
    sotkanet_region    integer NOT NULL REFERENCES @region@.reference_areas (sotkanet_region),
    year               integer NOT NULL CHECK (year OPERATOR(pg_catalog.>=) 1900 AND year OPERATOR(pg_catalog.<=) 2200),
    gender             text NOT NULL CHECK (gender OPERATOR(pg_catalog.=) ANY (ARRAY['total', 'male', 'female'])),
    value              double precision,
    abs_value          double precision,
    loaded_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (sotkanet_indicator, sotkanet_region, year, gender),
    CONSTRAINT reference_values_some_value CHECK (value IS NOT NULL OR abs_value IS NOT NULL)
);
COMMENT ON TABLE @region@.reference_values IS 'Sotkanet''s figures as published: one row per indicator, area, year and gender (region.load_sotkanet)';
COMMENT ON COLUMN @region@.reference_values.sotkanet_indicator IS 'Sotkanet''s indicator id';
COMMENT ON COLUMN @region@.reference_values.sotkanet_region IS 'Sotkanet''s region id (reference_areas)';
COMMENT ON COLUMN @region@.reference_values.year IS 'the statistical year';
COMMENT ON COLUMN @region@.reference_values.gender IS 'total, male or female';
COMMENT ON COLUMN @region@.reference_values.value IS 'Sotkanet''s primary value in its own unit (percent, per 1 000, ...); NULL when only the absolute value is published';
COMMENT ON COLUMN @region@.reference_values.abs_value IS 'Sotkanet''s absolute value (a count), NULL when not published';
COMMENT ON COLUMN @region@.reference_values.loaded_at IS 'when the row was last written';
