-- feedback: one client-feedback response (src/feedback.c, src/feedback_core.c), its
-- accessors and the aggregates nps, item_mean and agree_share over pekefb.tally.
-- Text form: a JSON object, e.g. {"role":"parent","channel":"web","nps":9,"items":{"easy":4}};
-- see doc/feedback.md for the rules and limits.

CREATE TYPE @extschema@.feedback;

CREATE FUNCTION @extschema@.feedback_in(cstring) RETURNS @extschema@.feedback
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_out(@extschema@.feedback) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_recv(internal) RETURNS @extschema@.feedback
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_send(@extschema@.feedback) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.feedback (
    INPUT = @extschema@.feedback_in,
    OUTPUT = @extschema@.feedback_out,
    RECEIVE = @extschema@.feedback_recv,
    SEND = @extschema@.feedback_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.feedback IS
    'one client-feedback response (role, channel, NPS 0-10, statements scored 1-5 or null = don''t know, language), stored compactly; text form is JSON';

-- Equality (byte equality of the canonical binary form) and a hash opclass, so responses
-- can be compared, grouped and made DISTINCT.
CREATE FUNCTION @extschema@.feedback_eq(@extschema@.feedback, @extschema@.feedback) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_ne(@extschema@.feedback, @extschema@.feedback) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_hash(@extschema@.feedback) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feedback_eq(@extschema@.feedback, @extschema@.feedback) IS
    'whether two responses are the same (implements =)';
COMMENT ON FUNCTION @extschema@.feedback_ne(@extschema@.feedback, @extschema@.feedback) IS
    'whether two responses differ (implements <>)';
COMMENT ON FUNCTION @extschema@.feedback_hash(@extschema@.feedback) IS
    'hash of a response (hash opclass)';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
    PROCEDURE = @extschema@.feedback_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.feedback, RIGHTARG = @extschema@.feedback,
    PROCEDURE = @extschema@.feedback_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR CLASS @extschema@.feedback_hash_ops
    DEFAULT FOR TYPE @extschema@.feedback USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.feedback, @extschema@.feedback),
    FUNCTION 1 @extschema@.feedback_hash(@extschema@.feedback);

-- Casts: to json (a C function, so that the built-in to_json/to_jsonb/row_to_json nest a
-- response as an object rather than a string), to and from jsonb through the text form.
CREATE FUNCTION @extschema@.feedback_to_json(@extschema@.feedback) RETURNS json
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feedback_to_json(@extschema@.feedback) IS
    'a response as its canonical JSON object';
CREATE CAST (@extschema@.feedback AS json) WITH FUNCTION @extschema@.feedback_to_json(@extschema@.feedback);
CREATE CAST (@extschema@.feedback AS jsonb) WITH INOUT;
CREATE CAST (jsonb AS @extschema@.feedback) WITH INOUT;
CREATE CAST (json AS @extschema@.feedback) WITH INOUT;

-- Accessors
CREATE FUNCTION @extschema@.nps_score(@extschema@.feedback) RETURNS integer
    AS 'MODULE_PATHNAME', 'feedback_nps_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_score(@extschema@.feedback) IS
    'the 0-10 recommendation answer of a response; NULL if not given';
CREATE FUNCTION @extschema@.item(@extschema@.feedback, text) RETURNS integer
    AS 'MODULE_PATHNAME', 'feedback_item' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.item(@extschema@.feedback, text) IS
    'the 1-5 score of a statement; NULL if the statement is missing or answered "don''t know"';
CREATE FUNCTION @extschema@.role(@extschema@.feedback) RETURNS text
    AS 'MODULE_PATHNAME', 'feedback_role' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.role(@extschema@.feedback) IS
    'the respondent''s role (client, child, parent, staff, partner, other); NULL if not given';
CREATE FUNCTION @extschema@.channel(@extschema@.feedback) RETURNS text
    AS 'MODULE_PATHNAME', 'feedback_channel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.channel(@extschema@.feedback) IS
    'the channel of a response (web, sms, paper, kiosk, phone, meeting, other); NULL if not given';
CREATE FUNCTION @extschema@.lang(@extschema@.feedback) RETURNS text
    AS 'MODULE_PATHNAME', 'feedback_lang' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lang(@extschema@.feedback) IS
    'the language code of a response (fi, sv, en, se, smn, sms, ...); NULL if not given';
CREATE FUNCTION @extschema@.item_codes(@extschema@.feedback) RETURNS text[]
    AS 'MODULE_PATHNAME', 'feedback_item_codes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.item_codes(@extschema@.feedback) IS
    'the statement codes of a response in sorted order, "don''t know" answers included';
CREATE FUNCTION @extschema@.items(@extschema@.feedback, OUT code text, OUT score integer)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'feedback_items' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION @extschema@.items(@extschema@.feedback) IS
    'one row per statement of a response: code and score (NULL = "don''t know")';

-- item_counts: the statement counts of many responses at once (src/region/feedback_states.sql)
CREATE FUNCTION @extschema@.item_counts(responses @extschema@.feedback[], signs integer[],
    OUT item text, OUT answers bigint, OUT dont_know bigint, OUT score_sum bigint, OUT agree bigint)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'feedback_item_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION @extschema@.item_counts(@extschema@.feedback[], integer[]) IS
    'per statement code of the responses, each counted with its sign (1 adds, -1 subtracts; NULL pairs skipped): answers 1-5, "don''t know" answers, score sum, answers 4-5 (the feedback states'' statement rows)';

-- Aggregates.  All keep a pekefb.tally (a, b, n), combine with tally_combine and work as
-- moving (window) aggregates with an inverse transition.  NULL rows (the transition
-- functions are STRICT) and missing or "don't know" answers are skipped; no rows with an
-- answer gives NULL.
CREATE FUNCTION @extschema@.feedback_nps_trans(@extschema@.tally, @extschema@.feedback) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_nps_inv(@extschema@.tally, @extschema@.feedback) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int_nps_trans(@extschema@.tally, integer) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int_nps_inv(@extschema@.tally, integer) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_item_mean_trans(@extschema@.tally, @extschema@.feedback, text) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_item_mean_inv(@extschema@.tally, @extschema@.feedback, text) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_agree_trans(@extschema@.tally, @extschema@.feedback, text) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.feedback_agree_inv(@extschema@.tally, @extschema@.feedback, text) RETURNS @extschema@.tally
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feedback_nps_trans(@extschema@.tally, @extschema@.feedback) IS
    'transition of nps(feedback): a = promoters (9-10), b = detractors (0-6), n = answers';
COMMENT ON FUNCTION @extschema@.feedback_nps_inv(@extschema@.tally, @extschema@.feedback) IS
    'inverse transition of nps(feedback) for moving windows';
COMMENT ON FUNCTION @extschema@.int_nps_trans(@extschema@.tally, integer) IS
    'transition of nps(integer): a = promoters (9-10), b = detractors (0-6), n = answers; 22003 outside 0-10';
COMMENT ON FUNCTION @extschema@.int_nps_inv(@extschema@.tally, integer) IS
    'inverse transition of nps(integer) for moving windows';
COMMENT ON FUNCTION @extschema@.feedback_item_mean_trans(@extschema@.tally, @extschema@.feedback, text) IS
    'transition of item_mean: a = points above 1 (score - 1), n = 4 points per answer';
COMMENT ON FUNCTION @extschema@.feedback_item_mean_inv(@extschema@.tally, @extschema@.feedback, text) IS
    'inverse transition of item_mean for moving windows';
COMMENT ON FUNCTION @extschema@.feedback_agree_trans(@extschema@.tally, @extschema@.feedback, text) IS
    'transition of agree_share: a = answers 4 or 5, n = answers';
COMMENT ON FUNCTION @extschema@.feedback_agree_inv(@extschema@.tally, @extschema@.feedback, text) IS
    'inverse transition of agree_share for moving windows';

CREATE AGGREGATE @extschema@.nps(@extschema@.feedback) (
    SFUNC = @extschema@.feedback_nps_trans, STYPE = @extschema@.tally, INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_nps, COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.feedback_nps_trans, MINVFUNC = @extschema@.feedback_nps_inv,
    MSTYPE = @extschema@.tally, MINITCOND = '(0,0,0)', MFINALFUNC = @extschema@.tally_nps,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(@extschema@.feedback) IS
    'Net Promoter Score of the responses'' 0-10 answers: % promoters (9-10) - % detractors (0-6), -100..100, unrounded';
CREATE AGGREGATE @extschema@.nps(integer) (
    SFUNC = @extschema@.int_nps_trans, STYPE = @extschema@.tally, INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_nps, COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.int_nps_trans, MINVFUNC = @extschema@.int_nps_inv,
    MSTYPE = @extschema@.tally, MINITCOND = '(0,0,0)', MFINALFUNC = @extschema@.tally_nps,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(integer) IS
    'Net Promoter Score of 0-10 answers: % promoters (9-10) - % detractors (0-6), -100..100, unrounded';
CREATE AGGREGATE @extschema@.item_mean(@extschema@.feedback, text) (
    SFUNC = @extschema@.feedback_item_mean_trans, STYPE = @extschema@.tally, INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_mean, COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.feedback_item_mean_trans, MINVFUNC = @extschema@.feedback_item_mean_inv,
    MSTYPE = @extschema@.tally, MINITCOND = '(0,0,0)', MFINALFUNC = @extschema@.tally_mean,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.item_mean(@extschema@.feedback, text) IS
    'mean 1-5 score of a statement over the responses that answered it ("don''t know" left out)';
CREATE AGGREGATE @extschema@.agree_share(@extschema@.feedback, text) (
    SFUNC = @extschema@.feedback_agree_trans, STYPE = @extschema@.tally, INITCOND = '(0,0,0)',
    FINALFUNC = @extschema@.tally_share, COMBINEFUNC = @extschema@.tally_combine,
    MSFUNC = @extschema@.feedback_agree_trans, MINVFUNC = @extschema@.feedback_agree_inv,
    MSTYPE = @extschema@.tally, MINITCOND = '(0,0,0)', MFINALFUNC = @extschema@.tally_share,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.agree_share(@extschema@.feedback, text) IS
    'share (0..1) of a statement''s answers that agree (4 or 5 on the 1-5 scale); "don''t know" left out';
