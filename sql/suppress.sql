-- suppress: pekefb.tree_suppress and pekefb.parts_suppress (src/suppress_core.c), which
-- the region's _tree_suppress and _parts_suppress call for every view that suppresses,
-- hide exactly the cells the former PL/pgSQL bodies hid (copied below as pg_temp
-- functions, from 0.3.0 before the C version): random groups of random four-level trees,
-- with ties of equal counts, codes ordered differently bytewise and in the collation, a
-- NULL code, repeated total cells, several min_group_size; then by hand, and bad input.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
RESET client_min_messages;
\set SHOW_CONTEXT never
CREATE FUNCTION pg_temp.old_tree_suppress(org text[], parent text[], incl boolean[], n bigint[], m integer)
    RETURNS boolean[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    k integer := COALESCE(pg_catalog.array_length(org, 1), 0);
    prim boolean[];
    hid boolean[];
    totals jsonb;       -- org of each total cell -> its position: finds a total by code (a
                        -- binary search; array_position per cell made a group of k cells k^2)
    own integer[];      -- per total cell: its own cell
    r bigint[];         -- per total cell: hidden mass not covered by a visible sub-total
    best integer[];     -- per total cell: its smallest visible child total
    cut text[] := '{}';
    i integer;
    p integer;
    up integer;
    steps integer;
BEGIN
    IF k OPERATOR(pg_catalog.=) 0 THEN
        RETURN '{}';
    END IF;
    prim := pg_catalog.array_fill(false, ARRAY[k]);
    r := pg_catalog.array_fill(0::bigint, ARRAY[k]);
    own := pg_catalog.array_fill(NULL::integer, ARRAY[k]);
    best := own;
    -- (the first total cell of a code wins, as array_position found it: jsonb keeps the last)
    SELECT pg_catalog.jsonb_object_agg(x.o, x.i ORDER BY x.i DESC) INTO totals
    FROM ROWS FROM (pg_catalog.unnest(org), pg_catalog.unnest(incl)) WITH ORDINALITY AS x (o, inc, i)
    WHERE x.inc AND x.o IS NOT NULL;
    FOR i IN 1 .. k LOOP
        prim[i] := n[i] OPERATOR(pg_catalog.>=) 1 AND n[i] OPERATOR(pg_catalog.<) m;
    END LOOP;
    hid := prim;
    FOR i IN 1 .. k LOOP
        IF incl[i] THEN
            CONTINUE WHEN parent[i] IS NULL;                      -- the top
            p := CAST(totals OPERATOR(pg_catalog.->>) parent[i] AS integer);   -- the parent's total
            CONTINUE WHEN p IS NULL;
            IF prim[i] THEN
                r[p] := r[p] OPERATOR(pg_catalog.+) n[i];
            ELSIF n[i] OPERATOR(pg_catalog.>) 0
                  AND (best[p] IS NULL OR n[i] OPERATOR(pg_catalog.<) n[best[p]]
                       OR (n[i] OPERATOR(pg_catalog.=) n[best[p]] AND org[i] OPERATOR(pg_catalog.<) org[best[p]])) THEN
                best[p] := i;
            END IF;
        ELSE
            p := CAST(totals OPERATOR(pg_catalog.->>) org[i] AS integer);      -- its own total
            CONTINUE WHEN p IS NULL;
            own[p] := i;
            IF prim[i] THEN r[p] := r[p] OPERATOR(pg_catalog.+) n[i]; END IF;
        END IF;
    END LOOP;
    FOR i IN 1 .. k LOOP
        CONTINUE WHEN NOT incl[i] OR prim[i] OR r[i] OPERATOR(pg_catalog.=) 0 OR r[i] OPERATOR(pg_catalog.>=) m;
        IF own[i] IS NOT NULL AND NOT prim[own[i]] AND n[own[i]] OPERATOR(pg_catalog.>) 0 THEN
            hid[own[i]] := true;
        ELSIF best[i] IS NOT NULL THEN
            cut := cut OPERATOR(pg_catalog.||) org[best[i]];
        END IF;
    END LOOP;
    IF pg_catalog.cardinality(cut) OPERATOR(pg_catalog.>) 0 THEN
        -- hide every cell of an organisation at or below a cut child (walk up its parents;
        -- every organisation with a cell has its ancestors' total cells in the group)
        FOR i IN 1 .. k LOOP
            up := CAST(totals OPERATOR(pg_catalog.->>) org[i] AS integer); steps := 0;
            WHILE up IS NOT NULL AND steps OPERATOR(pg_catalog.<=) k LOOP
                IF org[up] OPERATOR(pg_catalog.=) ANY (cut) THEN hid[i] := true; EXIT; END IF;
                up := CASE WHEN parent[up] IS NULL THEN NULL
                           ELSE CAST(totals OPERATOR(pg_catalog.->>) parent[up] AS integer) END;
                steps := steps OPERATOR(pg_catalog.+) 1;
            END LOOP;
        END LOOP;
    END IF;
    RETURN hid;
END
$fn$;
CREATE FUNCTION pg_temp.old_parts_suppress(total_hidden boolean, n bigint[], hidden boolean[], m integer)
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

-- random groups: a tree of 1 + 3 + 9 + 27 organisations (codes with '-', '.' and '_'), each
-- with its own cell and its total, counts 0..12 skewed small (ties), m in 3, 5, 10
CREATE TEMP TABLE groups AS
WITH RECURSIVE t (code, parent, depth) AS (
    SELECT 'r'::text, NULL::text, 0
    UNION ALL
    SELECT t.code || (ARRAY['-a', '.b', '_c'])[c], t.code, t.depth + 1
    FROM t, generate_series(1, 3) c WHERE t.depth < 3
)
SELECT g, m, array_agg(x.code ORDER BY x.code, x.incl) AS org, array_agg(x.parent ORDER BY x.code, x.incl) AS parent,
       array_agg(x.incl ORDER BY x.code, x.incl) AS incl, array_agg(x.n ORDER BY x.code, x.incl) AS n
FROM generate_series(1, 400) g
CROSS JOIN LATERAL (SELECT (ARRAY[3, 5, 10])[1 + g % 3] AS m) mm
CROSS JOIN LATERAL (
    SELECT t.code, t.parent, i.incl,
           (floor(power(abs(hashint4(g * 1000 + hashint4(hashtext(t.code)) % 997 + i.incl::int)) / 2147483648.0, 2) * 13))::bigint AS n
    FROM t CROSS JOIN (VALUES (false), (true)) i (incl)
    WHERE abs(hashint4(g * 31 + hashtext(t.code))) % 7 <> 0     -- a seventh of the cells missing
) x
GROUP BY g, m;
SELECT count(*) AS groups, sum(cardinality(n)) AS cells FROM groups;
SELECT count(*) FILTER (WHERE pekefb.tree_suppress(org, parent, incl, n, m)
                              IS DISTINCT FROM pg_temp.old_tree_suppress(org, parent, incl, n, m)) AS groups_differing,
       sum((SELECT count(*) FILTER (WHERE h) FROM unnest(pekefb.tree_suppress(org, parent, incl, n, m)) h)) AS cells_hidden
FROM groups;
-- the same groups with a NULL code and a repeated total cell (the first total of a code
-- counts), in reverse order
SELECT count(*) FILTER (WHERE pekefb.tree_suppress(o, p, i, nn, m) IS DISTINCT FROM pg_temp.old_tree_suppress(o, p, i, nn, m)) AS groups_differing
FROM (SELECT m, ARRAY(SELECT u FROM unnest(org || ARRAY[NULL, org[2]]) WITH ORDINALITY AS x (u, k) ORDER BY k DESC) AS o,
             ARRAY(SELECT u FROM unnest(parent || ARRAY['r', parent[2]]) WITH ORDINALITY AS x (u, k) ORDER BY k DESC) AS p,
             ARRAY(SELECT u FROM unnest(incl || ARRAY[true, true]) WITH ORDINALITY AS x (u, k) ORDER BY k DESC) AS i,
             ARRAY(SELECT u FROM unnest(n || ARRAY[2::bigint, 1]) WITH ORDINALITY AS x (u, k) ORDER BY k DESC) AS nn
      FROM groups) x;
-- parts: random totals and parts (1-12 of them), flags as the tree left them
SELECT count(*) FILTER (WHERE pekefb.parts_suppress(th, n, h, m) IS DISTINCT FROM pg_temp.old_parts_suppress(th, n, h, m)) AS parts_differing,
       count(*) AS totals
FROM (SELECT g, (g % 11 = 0) AS th, (ARRAY[3, 5, 10])[1 + g % 3] AS m,
             array_agg((abs(hashint4(g * 13 + p)) % 9)::bigint ORDER BY p) AS n,
             array_agg(abs(hashint4(g * 17 + p)) % 5 = 0 ORDER BY p) AS h
      FROM generate_series(1, 2000) g, generate_series(1, 1 + g % 12) p
      GROUP BY g) x;

-- by hand (min_group_size 5): r above a and b; a's 3 cases hidden, r has no own cell, so
-- b's total (the smallest visible child) is cut with b's own cell
SELECT pekefb.tree_suppress('{r,a,a,b,b}', '{NULL,r,r,r,r}', '{t,f,t,f,t}', '{13,3,3,10,10}', 5) AS hidden;
-- ties: a and b 10 each, r's own 3 hidden: the child first in code order (a) is cut
SELECT pekefb.tree_suppress('{r,r,a,a,b,b}', '{NULL,NULL,r,r,r,r}', '{f,t,f,t,f,t}', '{3,23,10,10,10,10}', 5) AS hidden;
-- parts: a visible quarter whose January (2) is hidden hides February (4) too; a hidden
-- total hides every part
SELECT pekefb.parts_suppress(false, '{2,4,6}', '{t,f,f}', 3) AS months, pekefb.parts_suppress(true, '{2,4,6}', '{f,f,f}', 3) AS under_hidden;

-- bad input
SELECT pekefb.tree_suppress('{a}', '{}', '{t}', '{1}', 5);
SELECT pekefb.tree_suppress('{a}', '{NULL}', '{NULL}', '{1}', 5);
SELECT pekefb.tree_suppress('{{a}}', '{{NULL}}', '{{t}}', '{{1}}', 5);
-- (a tree's hidden mass is of counts under m each, so it cannot overflow; the parts' can)
SELECT pekefb.parts_suppress(false, '{1,2}', '{t}', 5);
SELECT pekefb.parts_suppress(false, '{9223372036854775807,1}', '{t,t}', 5);
-- NULLs: as the PL/pgSQL had them
SELECT pekefb.parts_suppress(NULL, '{1,4}', '{t,f}', 3) AS null_total, pekefb.parts_suppress(true, NULL, '{f}', 3) AS no_parts_hidden_total,
       pekefb.parts_suppress(false, NULL, '{f}', 3) AS no_parts, pekefb.parts_suppress(true, '{1,2}', NULL, 3) AS null_flags_hidden_total,
       pekefb.parts_suppress(false, '{1,2}', NULL, 3) AS null_flags, pekefb.parts_suppress(false, '{1,4}', '{t,f}', NULL) AS null_m,
       pekefb.tree_suppress(NULL, '{}', '{}', '{}', 5) AS strict;
