-- privacy: the minimum group size in force and the suppression rules every benchmark view
-- applies (doc/partners.md): primary suppression of a figure computed over 1 <= n < the
-- minimum, and complementary suppression so that no hidden figure can be recovered by
-- subtracting visible ones, along the organisation tree and between periods or groups.

-- min_group_size(): the minimum group size in force: the region's setting, raised (never
-- lowered) by the session's pekefb.min_group_size.
CREATE FUNCTION @region@.min_group_size() RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN (SELECT pg_catalog.int4larger(s.min_group_size, pekefb.min_group_size()) FROM @region@.settings s);
COMMENT ON FUNCTION @region@.min_group_size() IS
    'the minimum group size in force: settings.min_group_size, or the session''s pekefb.min_group_size when that is larger (a session can raise it, never lower it)';

-- settings_guard(): only the region's owner or a superuser changes min_group_size (an admin
-- granted UPDATE on settings may change the calendar, not the privacy threshold).
CREATE FUNCTION @region@.settings_guard() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF NEW.min_group_size IS DISTINCT FROM OLD.min_group_size AND NOT @region@.is_region_owner() THEN
        RAISE EXCEPTION 'permission denied to change min_group_size of region "@region@"'
            USING ERRCODE = '42501',
                  DETAIL = 'Only the owner of the region or a superuser changes the minimum group size; a session can raise it with SET pekefb.min_group_size.';
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.settings_guard() IS
    'trigger: only the region''s owner or a superuser changes settings.min_group_size';
CREATE TRIGGER settings_guard BEFORE UPDATE ON @region@.settings
    FOR EACH ROW EXECUTE FUNCTION @region@.settings_guard();

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
-- least m units (doc/partners.md).  Returns hidden flags in the order of the input.
CREATE FUNCTION @region@._tree_suppress(org text[], parent text[], incl boolean[], n bigint[], m integer)
    RETURNS boolean[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    k integer := COALESCE(pg_catalog.array_length(org, 1), 0);
    prim boolean[] := '{}';
    hid boolean[];
    cut text[] := '{}';
    i integer;
    j integer;
    own_i integer;
    r bigint;
    best integer;
    up text;
    steps integer;
BEGIN
    FOR i IN 1 .. k LOOP
        prim[i] := n[i] OPERATOR(pg_catalog.>=) 1 AND n[i] OPERATOR(pg_catalog.<) m;
    END LOOP;
    hid := prim;
    FOR i IN 1 .. k LOOP
        CONTINUE WHEN NOT incl[i] OR prim[i];
        r := 0; own_i := NULL; best := NULL;
        FOR j IN 1 .. k LOOP
            IF NOT incl[j] AND org[j] OPERATOR(pg_catalog.=) org[i] THEN
                own_i := j;
                IF prim[j] THEN r := r OPERATOR(pg_catalog.+) n[j]; END IF;
            ELSIF incl[j] AND parent[j] OPERATOR(pg_catalog.=) org[i] THEN
                IF prim[j] THEN
                    r := r OPERATOR(pg_catalog.+) n[j];
                ELSIF n[j] OPERATOR(pg_catalog.>) 0
                      AND (best IS NULL OR n[j] OPERATOR(pg_catalog.<) n[best]
                           OR (n[j] OPERATOR(pg_catalog.=) n[best] AND org[j] OPERATOR(pg_catalog.<) org[best])) THEN
                    best := j;
                END IF;
            END IF;
        END LOOP;
        CONTINUE WHEN r OPERATOR(pg_catalog.=) 0 OR r OPERATOR(pg_catalog.>=) m;
        IF own_i IS NOT NULL AND NOT prim[own_i] AND n[own_i] OPERATOR(pg_catalog.>) 0 THEN
            hid[own_i] := true;
        ELSIF best IS NOT NULL THEN
            cut := cut OPERATOR(pg_catalog.||) org[best];
        END IF;
    END LOOP;
    IF pg_catalog.cardinality(cut) OPERATOR(pg_catalog.>) 0 THEN
        -- hide every cell of an organisation at or below a cut child (walk up its parents;
        -- every organisation with a cell has its ancestors' total cells in the group)
        FOR i IN 1 .. k LOOP
            up := org[i]; steps := 0;
            WHILE up IS NOT NULL AND steps OPERATOR(pg_catalog.<=) k LOOP
                IF up OPERATOR(pg_catalog.=) ANY (cut) THEN hid[i] := true; EXIT; END IF;
                SELECT parent[j] INTO up FROM pg_catalog.generate_subscripts(org, 1) AS j
                WHERE org[j] OPERATOR(pg_catalog.=) up AND incl[j] LIMIT 1;
                steps := steps OPERATOR(pg_catalog.+) 1;
            END LOOP;
        END LOOP;
    END IF;
    RETURN hid;
END
$fn$;
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
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    k integer := COALESCE(pg_catalog.array_length(n, 1), 0);
    hid boolean[] := hidden;
    h bigint := 0;
    i integer;
    best integer;
BEGIN
    IF total_hidden THEN
        RETURN pg_catalog.array_fill(true, ARRAY[k]);
    END IF;
    FOR i IN 1 .. k LOOP
        IF hid[i] THEN h := h OPERATOR(pg_catalog.+) n[i]; END IF;
    END LOOP;
    WHILE h OPERATOR(pg_catalog.>) 0 AND h OPERATOR(pg_catalog.<) m LOOP
        best := NULL;
        FOR i IN 1 .. k LOOP
            IF NOT hid[i] AND n[i] OPERATOR(pg_catalog.>) 0
               AND (best IS NULL OR n[i] OPERATOR(pg_catalog.<) n[best]) THEN
                best := i;
            END IF;
        END LOOP;
        EXIT WHEN best IS NULL;
        hid[best] := true;
        h := h OPERATOR(pg_catalog.+) n[best];
    END LOOP;
    RETURN hid;
END
$fn$;
COMMENT ON FUNCTION @region@._parts_suppress(boolean, bigint[], boolean[], integer) IS
    'internal: complementary suppression between a total and its parts (doc/partners.md)';
