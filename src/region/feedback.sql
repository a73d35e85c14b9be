-- feedback_responses: client, staff and partner feedback, one row per response, and its
-- bulk loader import_feedback (the library's pekefb.import_feedback on this table).

CREATE TABLE @region@.feedback_responses (
    organization_code text NOT NULL,
    response_id       text NOT NULL DEFAULT (pg_catalog.gen_random_uuid())::text CHECK (response_id OPERATOR(pg_catalog.<>) ''),
    received_at       timestamptz NOT NULL,
    service           text NOT NULL CHECK (service OPERATOR(pg_catalog.<>) ''),
    response          pekefb.feedback NOT NULL,
    comment           text,
    themes            text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (organization_code, response_id)
);
-- per-organisation queries use the primary key, per-period queries a BRIN index (responses
-- arrive roughly in time order, so it stays tiny and effective); no other b-tree, for load
-- speed (doc/loading.md, "Speed")
CREATE INDEX feedback_responses_time_brin
    ON @region@.feedback_responses USING brin (received_at);
COMMENT ON TABLE @region@.feedback_responses IS
    'client, staff and partner feedback responses: one row per response, with free-text comment and themes';
COMMENT ON COLUMN @region@.feedback_responses.organization_code IS 'the organisation whose service the response is about (an organizations code, checked per statement: references.sql)';
COMMENT ON COLUMN @region@.feedback_responses.response_id IS 'the survey''s id of the response, unique per organisation (a random uuid when none is given)';
COMMENT ON COLUMN @region@.feedback_responses.received_at IS 'when the response was given';
COMMENT ON COLUMN @region@.feedback_responses.service IS 'the service, e.g. neuvola, perheneuvola, lastensuojelu';
COMMENT ON COLUMN @region@.feedback_responses.response IS 'the structured answers: role, channel, NPS, statements, language';
COMMENT ON COLUMN @region@.feedback_responses.comment IS 'free-text comment (open feedback), NULL if none';
COMMENT ON COLUMN @region@.feedback_responses.themes IS 'themes of the comment assigned by coding, e.g. {odotusaika,digipalvelut}';

-- import_feedback(document): loads a JSON array of feedback records into this region's
-- feedback_responses, all or nothing.  The caller needs INSERT on feedback_responses and
-- SELECT on organizations (every record's organisation is checked).
CREATE FUNCTION @region@.import_feedback(document text) RETURNS bigint
    LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
    RETURN pekefb.import_feedback('@region@.feedback_responses'::pg_catalog.regclass, document);
COMMENT ON FUNCTION @region@.import_feedback(text) IS
    'loads a JSON array of feedback records into feedback_responses, all or nothing; returns the number of rows';
