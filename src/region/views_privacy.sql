-- privacy: the minimum group size in force and the suppression rules every benchmark view
-- applies (doc/partners.md): primary suppression of a figure computed over 1 <= n < the
-- minimum, and complementary suppression so that no hidden figure can be recovered by
-- subtracting visible ones, along the organisation tree and between periods or groups.

-- min_group_size(): the minimum group size in force: the region's setting, raised (never
-- lowered) by the session's pekefb.min_group_size.  Runs with the owner's rights, so that
-- a reader granted a benchmark view alone (not settings) can read the view.  The views read
-- it as (SELECT (SELECT @region@.min_group_size()) AS m): the inner scalar subquery is an
-- InitPlan run once per query, whereas a plain call in a pulled-up subquery is run at every
-- reference of m, on every row (a SECURITY DEFINER function is never inlined).  PL/pgSQL:
-- on Citus, a view's function whose SQL-standard body names a table stops
-- create_reference_table (the function is created on the workers before the table).
CREATE FUNCTION @region@.min_group_size() RETURNS integer
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RETURN (SELECT pg_catalog.int4larger(s.min_group_size, pekefb.min_group_size()) FROM @region@.settings s);
END
$fn$;
COMMENT ON FUNCTION @region@.min_group_size() IS
    'the minimum group size in force: settings.min_group_size, or the session''s pekefb.min_group_size when that is larger (a session can raise it, never lower it)';

-- _tree_suppress(org, parent, incl, n, m): which cells of one group (the same figure of the
-- same period and breakdown, one cell per organisation and includes_sub_organizations) are
-- hidden.  Cells are the organisations' own figures (incl false, they partition the units)
-- and their totals (incl true: own plus every organisation below).  Rule:
--   1. primary: a cell with 1 <= n < m is hidden;
--   2. complementary, for each visible total T: the hidden part of T that no visible
--      sub-total covers (its own cell if hidden, plus its children's hidden totals) must
--      be empty or reach m units; when it is 1..m-1, T's own cell is hidden if visible,
--      otherwise the smallest visible child is hidden with everything below it.
-- A subtraction of visible cells from a visible total can then only yield a set of at
-- least m units (doc/partners.md).  Returns hidden flags in the order of the input; the
-- result does not depend on that order (ties are broken by code), so the callers build the
-- arrays with array_agg without ORDER BY (aggregates of one group see its rows in the same
-- order, so the arrays stay aligned) and skip a sort per array.
CREATE FUNCTION @region@._tree_suppress(org text[], parent text[], incl boolean[], n bigint[], m integer)
    RETURNS boolean[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    -- (in C: pekefb.tree_suppress, src/suppress_core.c; sql/suppress.sql checks it against
    -- the former PL/pgSQL body)
    RETURN pekefb.tree_suppress(org, parent, incl, n, m);
COMMENT ON FUNCTION @region@._tree_suppress(text[], text[], boolean[], bigint[], integer) IS
    'internal: primary and complementary suppression of one group''s cells along the organisation tree (doc/partners.md)';

-- _parts_suppress(total_hidden, n, hidden, m): complementary suppression between a total
-- and the parts it is the sum of (a quarter and its months, a year and its quarterly
-- groups).  A hidden total hides every part (else the parts would add up to it); for a
-- visible total, the hidden parts must be none or reach m units together, otherwise the
-- smallest visible parts are hidden too (ties: first in the input) until they do.
-- Returns the parts' hidden flags in the order of the input.
CREATE FUNCTION @region@._parts_suppress(total_hidden boolean, n bigint[], hidden boolean[], m integer)
    RETURNS boolean[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN pekefb.parts_suppress(total_hidden, n, hidden, m);
COMMENT ON FUNCTION @region@._parts_suppress(boolean, bigint[], boolean[], integer) IS
    'internal: complementary suppression between a total and its parts (doc/partners.md)';

-- _measurement_status: each measurement of the region's catalogue with its status
-- (suppressed, no target, target_pending, year_to_date, met, missed) and attainment,
-- whoever reads it: what the benchmark view organization_overview counts (indicator_status,
-- an own-data view, shows a member only its own rows even inside another view).  The target
-- in force, the status rules and the suppression are exactly those of indicator_status
-- (views_indicators.sql).
CREATE VIEW @region@._measurement_status AS
SELECT m.indicator_code, m.organization_code, m.period_start, m.period_end,
       j.status,
       CASE WHEN NOT h.hide THEN pekefb.attainment(m.value, t.target) END AS attainment
FROM @region@.measurements m
JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) m.indicator_code AND i.organization_code IS NULL
LEFT JOIN LATERAL (
    SELECT tg.target, tg.period_start, tg.period_end
    FROM @region@.targets tg
    WHERE tg.indicator_code OPERATOR(pg_catalog.=) m.indicator_code
      AND (tg.organization_code OPERATOR(pg_catalog.=) m.organization_code OR tg.organization_code IS NULL)
      AND tg.period_start OPERATOR(pg_catalog.<=) m.period_start
      AND tg.period_end OPERATOR(pg_catalog.>=) m.period_end
    ORDER BY tg.organization_code IS NULL, tg.period_end OPERATOR(pg_catalog.-) tg.period_start
    LIMIT 1
) t ON true
CROSS JOIN (SELECT (SELECT @region@.min_group_size()) AS mg) s
CROSS JOIN LATERAL (
    SELECT COALESCE(pekefb.denominator(m.value) OPERATOR(pg_catalog.>=) 1 AND pekefb.denominator(m.value) OPERATOR(pg_catalog.<) s.mg, false) AS hide
) h
-- a yearly target (one calendar year) and a measurement of part of that year
CROSS JOIN LATERAL (
    SELECT t.period_start IS NOT NULL
           AND pg_catalog.date_part('month', t.period_start::timestamp) OPERATOR(pg_catalog.=) 1
           AND pg_catalog.date_part('day', t.period_start::timestamp) OPERATOR(pg_catalog.=) 1
           AND t.period_end OPERATOR(pg_catalog.=) (CAST(t.period_start OPERATOR(pg_catalog.+) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1)
           AND (m.period_start OPERATOR(pg_catalog.>) t.period_start OR m.period_end OPERATOR(pg_catalog.<) t.period_end) AS part_of_year
) yt
CROSS JOIN LATERAL (
    SELECT CASE WHEN h.hide THEN 'suppressed'
                WHEN t.period_start IS NULL THEN 'no target'
                WHEN t.target IS NULL THEN 'target_pending'
                WHEN yt.part_of_year THEN 'year_to_date'
                WHEN pekefb.attained(m.value, t.target) THEN 'met'
                ELSE 'missed' END AS status
) j;
COMMENT ON VIEW @region@._measurement_status IS
    'internal: status and attainment of every measurement of the region''s catalogue, for organization_overview (not granted to members)';
