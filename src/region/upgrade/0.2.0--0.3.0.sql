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
