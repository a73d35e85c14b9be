-- report_check: parses the HTML of region.follow_up_report and compares every figure with
-- its view (sql/report.sql and test/client/report.sh \i it).  Defines, in pg_temp:
--   report_figures(doc)            every element with a data-view attribute: its tag, its
--                                  data-* attributes as jsonb and its displayed text
--   report_compare(schema, doc)    per view: figures, matched to exactly one view row, exact
--                                  value equal to the view's, display equal to the value
--                                  rounded as shown, suppressed cells NULL in the view
--   report_mismatches(schema, doc) the figures that fail one of these, for the diff
-- The view row of a figure is found by its keys (data-indicator, data-organization, data-sub,
-- data-period-kind, data-period-start, data-period-end, data-service, data-role,
-- data-theme); data-column names the view's column and data-value is its exact value.
SET extra_float_digits = 1;
CREATE TEMP TABLE report_figs (n bigint, tag text, a jsonb, shown text);

CREATE FUNCTION pg_temp.report_unescape(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT replace(replace(replace(replace(replace(t, '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&')
$$;

CREATE FUNCTION pg_temp.report_figures(doc text)
RETURNS TABLE (n bigint, tag text, a jsonb, shown text) LANGUAGE sql STABLE AS $$
    SELECT row_number() OVER (), e.m[1],
           (SELECT jsonb_object_agg(x[1], pg_temp.report_unescape(x[2]))
            FROM regexp_matches(e.m[2], 'data-([a-z-]+)="([^"]*)"', 'g') AS x),
           pg_temp.report_unescape(e.m[3])
    FROM regexp_matches(doc, '<(td|span|circle|rect)\s([^>]*data-view="[^>]*?)/?>(?:([^<]*)</(?:td|span)>)?', 'g') AS e (m)
$$;

-- report_rows: the figures in report_figs (loaded from doc by the regular expression of
-- report_figures, or, when doc is NULL, as loaded by the caller: test/client/report.sh
-- parses the document with an HTML parser) with their view rows.
CREATE FUNCTION pg_temp.report_rows(reg text, doc text)
RETURNS TABLE (n bigint, view_name text, col text, doc_value text, shown text, suppressed boolean,
               matches bigint, view_value jsonb)
LANGUAGE plpgsql AS $$
DECLARE
    v record;
BEGIN
    IF doc IS NOT NULL THEN
        TRUNCATE report_figs;
        INSERT INTO report_figs SELECT * FROM pg_temp.report_figures(doc);
    END IF;
    FOR v IN SELECT * FROM (VALUES
        ('indicator_status', $c$w.indicator_code = f.a->>'indicator' AND w.organization_code = f.a->>'organization'
                              AND w.period_start = (f.a->>'period-start')::date AND w.period_end = (f.a->>'period-end')::date$c$),
        ('organization_overview', $c$w.organization_code = f.a->>'organization' AND w.includes_sub_organizations = (f.a->>'sub')::boolean
                                   AND w.period_start = (f.a->>'period-start')::date$c$),
        ('access_summary', $c$w.indicator_code = f.a->>'indicator' AND w.organization_code = f.a->>'organization'
                            AND w.includes_sub_organizations = (f.a->>'sub')::boolean AND w.period_kind = f.a->>'period-kind'
                            AND w.period_start = (f.a->>'period-start')::date$c$),
        ('feedback_summary', $c$w.organization_code = f.a->>'organization' AND w.includes_sub_organizations = (f.a->>'sub')::boolean
                              AND w.service = f.a->>'service' AND w.role IS NOT DISTINCT FROM nullif(f.a->>'role', '')
                              AND w.period_start = (f.a->>'period-start')::date$c$),
        ('feedback_theme_summary', $c$w.organization_code = f.a->>'organization' AND w.includes_sub_organizations = (f.a->>'sub')::boolean
                                    AND w.theme = f.a->>'theme' AND w.period_start = (f.a->>'period-start')::date$c$)
    ) AS k (view_name, cond) LOOP
        RETURN QUERY EXECUTE format(
            'SELECT f.n, %L::text, f.a->>''column'', f.a->>''value'', f.shown, coalesce((f.a->>''suppressed'')::boolean, false),
                    count(w.*), (array_agg(to_jsonb(w) -> (f.a->>''column'')))[1]
             FROM report_figs f LEFT JOIN %I.%I w ON %s
             WHERE f.a->>''view'' = %L
             GROUP BY f.n, f.a, f.shown', v.view_name, reg, v.view_name, v.cond, v.view_name);
    END LOOP;
    -- figures of a view the check does not know
    RETURN QUERY SELECT f.n, f.a->>'view', f.a->>'column', f.a->>'value', f.shown, false, 0::bigint, NULL::jsonb
                 FROM report_figs f
                 WHERE f.a->>'view' NOT IN ('indicator_status', 'organization_overview', 'access_summary',
                                            'feedback_summary', 'feedback_theme_summary');
END $$;

-- report_judge: the verdicts for one figure: value equal (exact: the same double, or the
-- same text), display equal (the first number shown is the value rounded to the digits
-- shown, times 100 where a % follows it), suppression consistent.
CREATE FUNCTION pg_temp.report_judge(doc_value text, shown text, suppressed boolean, view_value jsonb,
                                     OUT value_equal boolean, OUT display_equal boolean, OUT suppressed_ok boolean)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    m text[];
    x numeric;
BEGIN
    value_equal := CASE
        WHEN view_value IS NULL OR jsonb_typeof(view_value) = 'null' THEN doc_value = ''
        WHEN jsonb_typeof(view_value) = 'number' THEN doc_value <> '' AND doc_value::float8 = (view_value #>> '{}')::float8
        ELSE doc_value = view_value #>> '{}' END;
    suppressed_ok := NOT suppressed OR (view_value IS NULL OR jsonb_typeof(view_value) = 'null');
    display_equal := true;
    IF shown IS NOT NULL AND doc_value <> '' AND jsonb_typeof(view_value) = 'number' THEN
        m := regexp_match(replace(shown, ',', '.'), '^[^0-9-]*(-?[0-9]+)(\.[0-9]+)?\s*(%?)');
        IF m IS NULL THEN
            display_equal := false;
        ELSE
            x := (view_value #>> '{}')::numeric * CASE WHEN m[3] = '%' THEN 100 ELSE 1 END;
            display_equal := round(x, coalesce(length(m[2]) - 1, 0)) = (m[1] || coalesce(m[2], ''))::numeric;
        END IF;
    END IF;
END $$;

CREATE FUNCTION pg_temp.report_compare(reg text, doc text)
RETURNS TABLE (view_name text, figures bigint, matched bigint, values_equal bigint, displays_equal bigint,
               suppressed_shown bigint, suppressed_ok bigint)
LANGUAGE sql AS $$
    SELECT r.view_name, count(*), count(*) FILTER (WHERE r.matches = 1),
           count(*) FILTER (WHERE j.value_equal), count(*) FILTER (WHERE j.display_equal),
           count(*) FILTER (WHERE r.suppressed), count(*) FILTER (WHERE r.suppressed AND j.suppressed_ok)
    FROM pg_temp.report_rows(reg, doc) r
    CROSS JOIN LATERAL pg_temp.report_judge(r.doc_value, r.shown, r.suppressed, r.view_value) j
    GROUP BY r.view_name ORDER BY r.view_name
$$;

CREATE FUNCTION pg_temp.report_mismatches(reg text, doc text)
RETURNS TABLE (n bigint, view_name text, col text, doc_value text, shown text, view_value jsonb, matches bigint)
LANGUAGE sql AS $$
    SELECT r.n, r.view_name, r.col, r.doc_value, r.shown, r.view_value, r.matches
    FROM pg_temp.report_rows(reg, doc) r
    CROSS JOIN LATERAL pg_temp.report_judge(r.doc_value, r.shown, r.suppressed, r.view_value) j
    WHERE r.matches <> 1 OR NOT j.value_equal OR NOT j.display_equal OR NOT j.suppressed_ok
    ORDER BY r.n
$$;
