-- Region upgrade 0.2.0 -> 0.3.0, run by pekefb.upgrade_region with @region@ for the schema.
-- First the views and view functions of 0.2.0 go (they are code: upgrade_region runs the
-- current src/region/views_*.sql again after the steps, and grants their privileges again);
-- then the tables change.  Every change to a table part (src/region/*.sql other than
-- views_*.sql) since 0.2.0 has its statement here, so that an upgraded region equals a fresh
-- one (test/client/upgrade.sh).

DROP VIEW IF EXISTS @region@.organization_overview, @region@.indicator_status, @region@.access_summary,
    @region@.feedback_summary, @region@.feedback_item_summary, @region@.feedback_theme_summary;
DROP FUNCTION IF EXISTS @region@.refresh_access_measurements(date, date, text[], text, date);
-- The follow-up report's functions (views_report.sql: follow_up_report and _report_*, new in
-- 0.3.0) are code like the views: dropped where a region has them already (a region whose
-- step is run again), by name, so that a changed signature needs no edit here.
DO $drop_report$
DECLARE
    f pg_catalog.regprocedure;
BEGIN
    FOR f IN SELECT p.oid::pg_catalog.regprocedure FROM pg_catalog.pg_proc p
             WHERE p.pronamespace OPERATOR(pg_catalog.=) '@region@'::pg_catalog.regnamespace
               AND (p.proname OPERATOR(pg_catalog.~) '^_report_' OR p.proname OPERATOR(pg_catalog.=) 'follow_up_report')
    LOOP
        EXECUTE pg_catalog.format('DROP FUNCTION %s', f);
    END LOOP;
END
$drop_report$;

-- ---- table changes since 0.2.0 (add below, one block per feature, in the order of the parts)
