-- Region upgrade 0.2.0 -> 0.3.0, run by pekefb.upgrade_region with @region@ for the schema.
-- First the views and view functions of 0.2.0 go (they are code: upgrade_region runs the
-- current src/region/views_*.sql again after the steps, and grants their privileges again);
-- then the tables change.  Every change to a table part (src/region/*.sql other than
-- views_*.sql) since 0.2.0 has its statement here, so that an upgraded region equals a fresh
-- one (test/client/upgrade.sh).

DROP VIEW IF EXISTS @region@.organization_overview, @region@.indicator_status, @region@.access_summary,
    @region@.feedback_summary, @region@.feedback_item_summary, @region@.feedback_theme_summary;
DROP FUNCTION IF EXISTS @region@.refresh_access_measurements(date, date, text[], text, date);

-- ---- table changes since 0.2.0 (add below, one block per feature, in the order of the parts)

-- ---- thl (issue 11): the view functions new in 0.3.0 (views_access.sql) go too, so that
-- the views can be made again also where they exist (a region re-run through this step);
-- the units wd (working days) and per 1000 (Sotkanet PER1000); a
-- target NULL is "to be set later" (comment).
DROP FUNCTION IF EXISTS @region@.access_summary_on(date, text), @region@.data_date();
ALTER TABLE @region@.indicators DROP CONSTRAINT indicators_unit_check;
ALTER TABLE @region@.indicators ADD CONSTRAINT indicators_unit_check
    CHECK (unit OPERATOR(pg_catalog.=) ANY (ARRAY['%', 'd', '', 'wd', 'per 1000']));
COMMENT ON COLUMN @region@.indicators.unit IS
    '% (share, stored as a fraction of one), per 1000 (rate per 1 000, e.g. Sotkanet PER1000, stored as a fraction of one), d (days), wd (working days) or empty (plain number)';
COMMENT ON COLUMN @region@.targets.target IS 'the target level, e.g. >= 90% (unit: the indicator''s); NULL = to be set later (tavoitetaso määritellään myöhemmin: indicator_status says target_pending)';
