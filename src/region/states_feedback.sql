-- states_feedback: the stored rows of the feedback benchmark views (issue 13, doc/states.md).
-- feedback_summary, feedback_item_summary, feedback_theme_summary and organization_overview
-- (its feedback figures) read these tables, one per view, holding the view's rows themselves (suppressed, under the region's
-- min_group_size), so that a dashboard's query for one organisation and year reads a few
-- rows by an index instead of aggregating and suppressing every response.
--
-- The unit is the calendar year of the period in the region's time zone: the suppression
-- of the feedback views couples the groups of one year only (the tree within a quarter, the
-- quarters against their year: views_privacy_feedback.sql), so a year's rows are the same
-- whatever happens in another year.  A statement on feedback_responses marks the years it
-- touched (_feedback_rows_dirty); readers compute those years from the responses until
-- refresh_feedback_rows (views_feedback.sql) stores them again.  A change that touches every
-- year (the organisation tree, the time zone, TRUNCATE) marks the rows incomplete
-- (_feedback_rows_meta): nothing stored is read until the next refresh.
--
-- Internal (the names start with _): never granted to members; the views read them with
-- their owner's rights, as they read every response (a benchmark).

CREATE TABLE @region@._feedback_rows (
    organization_code          text NOT NULL,
    includes_sub_organizations boolean NOT NULL,
    service                    text NOT NULL,
    period_start               date NOT NULL,
    role                       text NOT NULL,
    unit_start                 date NOT NULL,
    responses                  bigint NOT NULL,
    nps_answers                bigint NOT NULL,
    nps                        double precision,
    easy_mean                  double precision,
    easy_agree_share           double precision,
    helped_mean                double precision,
    helped_agree_share         double precision,
    safe_mean                  double precision,
    safe_agree_share           double precision,
    useful_mean                double precision,
    useful_agree_share         double precision,
    understood_mean            double precision,
    understood_agree_share     double precision,
    suppressed                 boolean NOT NULL,
    -- (a dashboard filters on the organisation and the period; the refresh deletes by unit)
    PRIMARY KEY (organization_code, period_start, includes_sub_organizations, service, role)
);
CREATE INDEX _feedback_rows_unit ON @region@._feedback_rows (unit_start);
COMMENT ON TABLE @region@._feedback_rows IS
    'internal: the stored rows of feedback_summary (suppressed, names joined on read), per year unit; refreshed by refresh_feedback_rows (doc/states.md)';
COMMENT ON COLUMN @region@._feedback_rows.organization_code IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.includes_sub_organizations IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.service IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.period_start IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.role IS 'as feedback_summary, with an empty string for none (NULL there)';
COMMENT ON COLUMN @region@._feedback_rows.unit_start IS 'first day of the calendar year of period_start: rows are refreshed a year at a time';
COMMENT ON COLUMN @region@._feedback_rows.responses IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.nps_answers IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.nps IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.easy_mean IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.easy_agree_share IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.helped_mean IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.helped_agree_share IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.safe_mean IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.safe_agree_share IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.useful_mean IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.useful_agree_share IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.understood_mean IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.understood_agree_share IS 'as feedback_summary';
COMMENT ON COLUMN @region@._feedback_rows.suppressed IS 'as feedback_summary, under the min_group_size of _feedback_rows_meta';

CREATE TABLE @region@._feedback_item_rows (
    organization_code          text NOT NULL,
    includes_sub_organizations boolean NOT NULL,
    service                    text NOT NULL,
    period_start               date NOT NULL,
    role                       text NOT NULL,
    item                       text NOT NULL,
    unit_start                 date NOT NULL,
    answers                    bigint NOT NULL,
    dont_know                  bigint NOT NULL,
    mean                       double precision,
    agree_share                double precision,
    suppressed                 boolean NOT NULL,
    PRIMARY KEY (organization_code, period_start, includes_sub_organizations, service, role, item)
);
CREATE INDEX _feedback_item_rows_unit ON @region@._feedback_item_rows (unit_start);
COMMENT ON TABLE @region@._feedback_item_rows IS
    'internal: the stored rows of feedback_item_summary (suppressed, names joined on read), per year unit; refreshed by refresh_feedback_rows';
COMMENT ON COLUMN @region@._feedback_item_rows.organization_code IS 'as feedback_item_summary';
COMMENT ON COLUMN @region@._feedback_item_rows.includes_sub_organizations IS 'as feedback_item_summary';
COMMENT ON COLUMN @region@._feedback_item_rows.service IS 'as feedback_item_summary';
COMMENT ON COLUMN @region@._feedback_item_rows.period_start IS 'as feedback_item_summary';
COMMENT ON COLUMN @region@._feedback_item_rows.role IS 'as feedback_item_summary, with an empty string for none (NULL there)';
COMMENT ON COLUMN @region@._feedback_item_rows.item IS 'as feedback_item_summary';
COMMENT ON COLUMN @region@._feedback_item_rows.unit_start IS 'first day of the calendar year of period_start';
COMMENT ON COLUMN @region@._feedback_item_rows.answers IS 'as feedback_item_summary';
COMMENT ON COLUMN @region@._feedback_item_rows.dont_know IS 'as feedback_item_summary';
COMMENT ON COLUMN @region@._feedback_item_rows.mean IS 'as feedback_item_summary';
COMMENT ON COLUMN @region@._feedback_item_rows.agree_share IS 'as feedback_item_summary';
COMMENT ON COLUMN @region@._feedback_item_rows.suppressed IS 'as feedback_item_summary';

CREATE TABLE @region@._feedback_theme_rows (
    organization_code          text NOT NULL,
    includes_sub_organizations boolean NOT NULL,
    period_start               date NOT NULL,
    theme                      text,
    unit_start                 date NOT NULL,
    responses                  bigint NOT NULL,
    mentions                   bigint,
    share                      double precision,
    suppressed                 boolean NOT NULL,
    -- the key form of theme: a NULL element of feedback_responses.themes is a theme of
    -- feedback_theme_summary too ('-'; '+' and the theme otherwise: any text may be one)
    theme_key                  text NOT NULL GENERATED ALWAYS AS (COALESCE('+' OPERATOR(pg_catalog.||) theme, '-')) STORED,
    PRIMARY KEY (organization_code, period_start, includes_sub_organizations, theme_key)
);
CREATE INDEX _feedback_theme_rows_unit ON @region@._feedback_theme_rows (unit_start);
COMMENT ON TABLE @region@._feedback_theme_rows IS
    'internal: the stored rows of feedback_theme_summary (suppressed, names joined on read), per year unit; refreshed by refresh_feedback_rows';
COMMENT ON COLUMN @region@._feedback_theme_rows.organization_code IS 'as feedback_theme_summary';
COMMENT ON COLUMN @region@._feedback_theme_rows.includes_sub_organizations IS 'as feedback_theme_summary';
COMMENT ON COLUMN @region@._feedback_theme_rows.period_start IS 'as feedback_theme_summary';
COMMENT ON COLUMN @region@._feedback_theme_rows.theme IS 'as feedback_theme_summary';
COMMENT ON COLUMN @region@._feedback_theme_rows.unit_start IS 'first day of the calendar year of period_start';
COMMENT ON COLUMN @region@._feedback_theme_rows.responses IS 'as feedback_theme_summary';
COMMENT ON COLUMN @region@._feedback_theme_rows.mentions IS 'as feedback_theme_summary';
COMMENT ON COLUMN @region@._feedback_theme_rows.share IS 'as feedback_theme_summary';
COMMENT ON COLUMN @region@._feedback_theme_rows.suppressed IS 'as feedback_theme_summary';
COMMENT ON COLUMN @region@._feedback_theme_rows.theme_key IS 'theme as a key: ''-'' for NULL, ''+'' and the theme otherwise (generated)';

-- _feedback_overview_rows: the feedback figures of organization_overview (its yearly
-- responses, NPS, comments and top themes, suppressed), per organisation,
-- includes_sub_organizations and year; the indicator counts beside them are read from
-- measurements as they are (views_overview.sql).
CREATE TABLE @region@._feedback_overview_rows (
    organization_code          text NOT NULL,
    includes_sub_organizations boolean NOT NULL,
    period_start               date NOT NULL,
    responses                  bigint NOT NULL,
    nps                        double precision,
    comments                   bigint,
    top_themes                 text,
    suppressed                 boolean NOT NULL,
    PRIMARY KEY (organization_code, period_start, includes_sub_organizations)
);
CREATE INDEX _feedback_overview_rows_unit ON @region@._feedback_overview_rows (period_start);
COMMENT ON TABLE @region@._feedback_overview_rows IS
    'internal: the stored feedback figures of organization_overview (suppressed, under the min_group_size of _feedback_rows_meta), per year; refreshed by refresh_feedback_rows';
COMMENT ON COLUMN @region@._feedback_overview_rows.organization_code IS 'as organization_overview';
COMMENT ON COLUMN @region@._feedback_overview_rows.includes_sub_organizations IS 'as organization_overview';
COMMENT ON COLUMN @region@._feedback_overview_rows.period_start IS 'as organization_overview (the first day of the year: the unit the rows are refreshed by)';
COMMENT ON COLUMN @region@._feedback_overview_rows.responses IS 'as organization_overview';
COMMENT ON COLUMN @region@._feedback_overview_rows.nps IS 'as organization_overview';
COMMENT ON COLUMN @region@._feedback_overview_rows.comments IS 'as organization_overview';
COMMENT ON COLUMN @region@._feedback_overview_rows.top_themes IS 'as organization_overview';
COMMENT ON COLUMN @region@._feedback_overview_rows.suppressed IS 'as organization_overview';

-- _feedback_rows_dirty: the marks of the years whose stored rows are stale, one row per
-- statement and year (a statement on feedback_responses touched them since the last
-- refresh).  Appended only, never updated: writers take no row lock, so concurrent loads
-- never wait for each other or for a refresh here; refresh_feedback_rows deletes the marks
-- it saw when it began (those of writers that committed meanwhile stay).
CREATE TABLE @region@._feedback_rows_dirty (
    mark       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_start date NOT NULL
);
COMMENT ON TABLE @region@._feedback_rows_dirty IS
    'internal: the years (region time zone) whose feedback responses changed since the last refresh_feedback_rows, one mark per statement and year (written by the triggers on feedback_responses)';
COMMENT ON COLUMN @region@._feedback_rows_dirty.mark IS 'the mark''s number (refresh_feedback_rows deletes the marks it saw)';
COMMENT ON COLUMN @region@._feedback_rows_dirty.unit_start IS 'first day of the calendar year';

-- _feedback_rows_meta: one row: whether the stored rows are complete, and the
-- min_group_size they were suppressed with.
CREATE TABLE @region@._feedback_rows_meta (
    one            boolean PRIMARY KEY DEFAULT true CHECK (one),
    complete       boolean NOT NULL DEFAULT false,
    min_group_size integer
);
COMMENT ON TABLE @region@._feedback_rows_meta IS
    'internal: one row: whether the stored feedback rows are complete (false: nothing stored is read until refresh_feedback_rows recomputes all) and their min_group_size';
COMMENT ON COLUMN @region@._feedback_rows_meta.one IS 'always true (one row)';
COMMENT ON COLUMN @region@._feedback_rows_meta.complete IS 'false after a change that touches every year (organisation tree, time zone, TRUNCATE), and before the first refresh';
COMMENT ON COLUMN @region@._feedback_rows_meta.min_group_size IS 'settings.min_group_size the stored rows were suppressed with';
INSERT INTO @region@._feedback_rows_meta DEFAULT VALUES;

-- _feedback_rows_mark(): AFTER INSERT, UPDATE and DELETE statement trigger on
-- feedback_responses: the years of the rows the statement wrote or removed (received_at in
-- the region's time zone, from the first to the last) go stale.  As the owner (a member's load marks them too); under
-- the planner's defaults (a loader's statement may have switched join methods off, and a
-- big load must not be JIT-compiled, src/states.c).
CREATE FUNCTION @region@._feedback_rows_mark() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    SET jit = off SET enable_hashjoin = on SET enable_mergejoin = on SET enable_nestloop = on
    SET enable_hashagg = on SET enable_sort = on
AS $fn$
DECLARE
    first_at timestamptz;
    last_at timestamptz;
    o_first timestamptz;
    o_last timestamptz;
BEGIN
    -- every year from the statement's first response to its last (one pass for the two
    -- ends, no conversion per row: a year between them with none of the rows is marked too,
    -- and recomputed by the refresh to the same rows)
    IF TG_OP OPERATOR(pg_catalog.<>) 'DELETE' THEN
        SELECT pg_catalog.min(n.received_at), pg_catalog.max(n.received_at) INTO first_at, last_at FROM new_rows n;
    END IF;
    IF TG_OP OPERATOR(pg_catalog.<>) 'INSERT' THEN
        SELECT pg_catalog.min(o.received_at), pg_catalog.max(o.received_at) INTO o_first, o_last FROM old_rows o;
        first_at := LEAST(first_at, o_first);
        last_at := GREATEST(last_at, o_last);
    END IF;
    IF first_at IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO @region@._feedback_rows_dirty (unit_start)
    SELECT CAST(y AS date)
    FROM @region@.settings st
    CROSS JOIN LATERAL pg_catalog.generate_series(pg_catalog.date_trunc('year', pg_catalog.timezone(st.time_zone, first_at)),
                                                  pg_catalog.date_trunc('year', pg_catalog.timezone(st.time_zone, last_at)),
                                                  interval '1 year') AS g (y);
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@._feedback_rows_mark() IS
    'trigger: marks the years a statement on feedback_responses touched stale in the stored feedback rows';

-- _feedback_rows_clear(): a truncated feedback_responses leaves no stored rows.
CREATE FUNCTION @region@._feedback_rows_clear() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    TRUNCATE @region@._feedback_rows, @region@._feedback_item_rows, @region@._feedback_theme_rows,
             @region@._feedback_overview_rows, @region@._feedback_rows_dirty;
    UPDATE @region@._feedback_rows_meta SET complete = false;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@._feedback_rows_clear() IS
    'trigger: a truncated feedback_responses leaves no stored feedback rows';

-- _feedback_rows_stale(): the organisation tree (organizations' code or parent) or the
-- region's time zone changed: every stored row is stale until the next refresh.
CREATE FUNCTION @region@._feedback_rows_stale() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    UPDATE @region@._feedback_rows_meta SET complete = false WHERE complete;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@._feedback_rows_stale() IS
    'trigger: marks every stored feedback row stale (the organisation tree or the time zone changed)';

CREATE TRIGGER feedback_rows_insert AFTER INSERT ON @region@.feedback_responses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@._feedback_rows_mark();
CREATE TRIGGER feedback_rows_update AFTER UPDATE ON @region@.feedback_responses
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@._feedback_rows_mark();
CREATE TRIGGER feedback_rows_delete AFTER DELETE ON @region@.feedback_responses
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @region@._feedback_rows_mark();
CREATE TRIGGER feedback_rows_truncate AFTER TRUNCATE ON @region@.feedback_responses
    FOR EACH STATEMENT EXECUTE FUNCTION @region@._feedback_rows_clear();
CREATE TRIGGER organizations_feedback_rows AFTER UPDATE OF parent_code, code ON @region@.organizations
    FOR EACH STATEMENT EXECUTE FUNCTION @region@._feedback_rows_stale();
CREATE TRIGGER settings_feedback_rows AFTER UPDATE OF time_zone ON @region@.settings
    FOR EACH ROW WHEN (OLD.time_zone OPERATOR(pg_catalog.<>) NEW.time_zone)
    EXECUTE FUNCTION @region@._feedback_rows_stale();
