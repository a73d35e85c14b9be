-- try(query), shared by the regression tests: \i test/regress/try.sql
-- try(query): runs a query and shows its error as SQLSTATE, message and DETAIL
CREATE FUNCTION pg_temp.try(q text, OUT state text, OUT message text, OUT detail text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    state := '00000';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL;
END $$;
