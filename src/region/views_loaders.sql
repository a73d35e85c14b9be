-- views_loaders: the region's loaders (doc/loading.md) and the national comparison view.
-- Every loader takes the whole file as one text argument (psql: \set content `cat f.csv`
-- then SELECT * FROM region.load_x(:'content')), reads it with pekefb.read_csv or
-- pekefb.read_json (C), maps and checks it set-based, and upserts it in one statement: all
-- or nothing, idempotent (a row whose values are unchanged is not written), and SECURITY
-- INVOKER, so row-level security applies to the caller.  Loads of one kind into one region
-- take a transaction-level advisory lock, so two sessions loading overlapping files wait for
-- each other instead of deadlocking.  Each returns the counts inserted, updated, unchanged
-- and skipped.

-- loader_memory(content): a loader holds the file's rows in memory while it checks and
-- writes them (a few times the file's size; more than the default work_mem for a file of
-- some 10 000 lines, which would then spill to temporary files): work_mem becomes four
-- times the file's size (at most 1 GB, never less than it is) until the calling loader
-- returns (its SET clause restores it).  No SET clause of its own, which would restore the
-- setting when this function returns; its body is schema-qualified throughout.
CREATE FUNCTION @region@.loader_memory(content text) RETURNS void
    LANGUAGE sql VOLATILE PARALLEL UNSAFE
    BEGIN ATOMIC
        SELECT pg_catalog.set_config('work_mem',
            ((GREATEST(pg_catalog.pg_size_bytes(pg_catalog.current_setting('work_mem')),
                       LEAST(4::bigint OPERATOR(pg_catalog.*) pg_catalog.octet_length(content), 1073741824::bigint))
              OPERATOR(pg_catalog./) 1024)::text) OPERATOR(pg_catalog.||) 'kB', true);
    END;
COMMENT ON FUNCTION @region@.loader_memory(text) IS
    'sets work_mem for the calling loader to four times the file''s size (at most 1 GB, never lower), so that its rows do not spill to temporary files';

-- loader_joins(file_rows, tbl, row_bytes): the join of a loader's statement with its table,
-- chosen from the file's size beside the table's, which the planner cannot see (it takes every
-- file for 1 000 rows, the readers' ROWS, and a bulk load leaves the table's statistics stale:
-- it then probed the primary key once per record of a big file, or hashed a big table for a
-- few lines).  A file tiny beside the table (file_rows under a twentieth of its rows, taken at
-- row_bytes each) probes the primary key (no hash or merge join); a file of more than 1 000
-- rows hashes the table (no nested loop); in between the planner chooses.  Measured: a probe
-- by the primary key 6-10 us, a hashed row about 2 us.  The settings hold until the calling
-- loader returns (its SET clause restores them); no SET clause of its own, its body
-- schema-qualified throughout.  A NULL argument changes nothing (STRICT).
CREATE FUNCTION @region@.loader_joins(file_rows bigint, tbl regclass, row_bytes integer) RETURNS void
    LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
    BEGIN ATOMIC
        SELECT pg_catalog.set_config('enable_hashjoin', 'off', true), pg_catalog.set_config('enable_mergejoin', 'off', true)
        WHERE (file_rows OPERATOR(pg_catalog.*) 20)
              OPERATOR(pg_catalog.<=) (pg_catalog.pg_relation_size(tbl) OPERATOR(pg_catalog./) GREATEST(row_bytes, 1));
        SELECT pg_catalog.set_config('enable_nestloop', 'off', true)
        WHERE (file_rows OPERATOR(pg_catalog.*) 20)
              OPERATOR(pg_catalog.>) (pg_catalog.pg_relation_size(tbl) OPERATOR(pg_catalog./) GREATEST(row_bytes, 1))
          AND file_rows OPERATOR(pg_catalog.>) 1000;
    END;
COMMENT ON FUNCTION @region@.loader_joins(bigint, regclass, integer) IS
    'chooses the join of the calling loader''s statement with its table from the file''s size: probes of the primary key for a file under a twentieth of the table, a hash join for a bigger one of more than 1 000 rows';

-- loader_unknown(what, names, lines, known, unit): raises 22023 listing every unknown name
-- with the line (or record) it first appears on and the nearest known name.
CREATE FUNCTION @region@.loader_unknown(what text, names text[], lines bigint[], known text[], unit text DEFAULT 'line')
    RETURNS void
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    listed text;
BEGIN
    IF names IS NULL OR cardinality(names) = 0 THEN
        RETURN;
    END IF;
    SELECT string_agg(format('%s %s: "%s"%s', unit, l.line, l.name,
                             COALESCE(format(' (did you mean "%s"?)', pekefb.closest_name(l.name, known)), '')),
                      '; ' ORDER BY l.line)
    INTO listed
    FROM unnest(names, lines) AS l (name, line);
    RAISE EXCEPTION 'unknown % in the file: "%"%', what, names[1],
                    CASE WHEN cardinality(names) > 1 THEN format(' and %s more', cardinality(names) - 1) ELSE '' END
        USING ERRCODE = '22023',
              DETAIL = format('Not known as a code or a Finnish or Swedish name: %s.', listed),
              HINT = 'Correct the file, or add the missing rows to the region''s tables first.';
END
$fn$;
COMMENT ON FUNCTION @region@.loader_unknown(text, text[], bigint[], text[], text) IS
    'raises 22023 listing unknown names with their first line and the nearest known name (used by the loaders)';

-- load_measurements(content, source): the statistics unit's CSV.  Columns by header name
-- (Finnish, Swedish or English): indikaattori (code or name), organisaatio / kunta (code
-- or name), alku and loppu (dates) or vuosi (year), osoittaja and nimittäjä (a ratio) or
-- arvo (a quantity; percent for a share), and an optional lähde.  Re-loading a corrected
-- file updates the changed rows and nothing else.
-- Two paths (doc/loading.md, "Speed"): the fast one reads, converts, maps and checks the
-- file and writes it in ONE statement, which writes nothing when any line has a problem
-- (a check of the careful path would fail, or a year the fast path does not convert); the
-- careful one then runs the checks one by one in temp tables and raises the error naming
-- the line and field (or loads the file when nothing was wrong after all).
CREATE FUNCTION @region@.load_measurements(content text, source text DEFAULT NULL)
    RETURNS TABLE (inserted bigint, updated bigint, unchanged bigint, skipped bigint)
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
    SET enable_nestloop = on SET enable_hashjoin = on SET enable_mergejoin = on
AS $fn$
#variable_conflict use_column
DECLARE
    bad record;
    total bigint;
    n_lines bigint;
    problem boolean;
    n_ins bigint;
    n_upd bigint;
    u_names text[];
    u_lines bigint[];
    distributed boolean := false;
    writer text := CURRENT_USER;
    -- the columns by header name (Finnish, English, Swedish), in the order of r.fields
    cols constant text[] := ARRAY['indikaattori|indicator|mittari|indikator',
                                  'organisaatio|organization|kunta|alue|organisation|kommun|område',
                                  '?alku|period_start|alkupäivä|start|början', '?loppu|period_end|loppupäivä|end|slut',
                                  '?vuosi|year|år', '?osoittaja|numerator|täljare', '?nimittäjä|denominator|nämnare',
                                  '?arvo|value|värde', '?lähde|source|källa'];
BEGIN
    IF content IS NULL THEN
        RAISE EXCEPTION 'load_measurements needs the file''s content' USING ERRCODE = '22004',
            DETAIL = 'Pass the CSV file as text, e.g. \set content `cat measurements.csv` and SELECT * FROM region.load_measurements(:''content'').';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('@region@.load_measurements'));
    PERFORM @region@.loader_memory(content);

    -- The join with the table from the file's size (loader_joins: a probe by the period
    -- index, which a planner with stale statistics may guess best, costs 60 us), the lines
    -- estimated at some 50 bytes (counting them would read the whole file once more), the
    -- table's rows at about 100.  The settings hold for the fast path only.
    n_lines := octet_length(content) / 50;
    PERFORM @region@.loader_joins(n_lines, '@region@.measurements', 100);

    -- The fast path, one statement.  w: the file read, converted (a bad number or date
    -- raises here, as in the careful path) and mapped by pekefb.measurement_rows (names to
    -- codes: the code first, then the Finnish, then the Swedish name, ignoring case; the
    -- period; the value in the indicator's unit; whether a check of the careful path would
    -- fail on the line, or two lines give one key: problem), beside the row the table has for
    -- the line's key (joined on the primary key's columns).  g gates the writes: nothing is
    -- written when a line has a problem.  Unchanged rows are left out (no trigger fires for
    -- them); new rows are inserted in the key's order, changed ones upserted (a row deleted
    -- meanwhile is inserted again).  A key another session inserted meanwhile or a row the
    -- caller may not read or write raise here: the fast path is undone and the careful path
    -- decides.
    -- Citus cannot plan the fast statement ("could not find attribute -1 in subquery
    -- targetlist"): a distributed region loads by the careful path.
    IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
        EXECUTE 'SELECT EXISTS (SELECT FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid OPERATOR(pg_catalog.=) $1)'
            INTO distributed USING '@region@.measurements'::pg_catalog.regclass;
    END IF;
    IF distributed THEN
        problem := true;
    ELSE
    BEGIN
        WITH w AS (
            -- the file read, converted and mapped in one pass (pekefb.measurement_rows, in
            -- the order of the primary key), each line beside the row the table has for its key
            SELECT r.indicator_code AS ic, r.organization_code AS oc, r.period_start AS ps, r.period_end AS pe,
                   r.value, r.source AS src, r.problem,
                   o.ctid AS found, o.value AS old_value, o.source AS old_source
            FROM pekefb.measurement_rows(content, cols, load_measurements.source,
                     ARRAY(SELECT unnest(ARRAY[n.name, n.code]) FROM (
                         SELECT DISTINCT ON (n.name) n.name, n.code FROM (
                             SELECT lower(i.code) AS name, i.code, 0 AS pref FROM @region@.indicators i
                             UNION ALL SELECT lower(i.name_fi), i.code, 1 FROM @region@.indicators i
                             UNION ALL SELECT lower(i.name_sv), i.code, 2 FROM @region@.indicators i WHERE i.name_sv IS NOT NULL) n
                         ORDER BY n.name, n.pref, n.code) n),
                     ARRAY(SELECT unnest(ARRAY[i.code, i.unit]) FROM @region@.indicators i),
                     ARRAY(SELECT unnest(ARRAY[n.name, n.code]) FROM (
                         SELECT DISTINCT ON (n.name) n.name, n.code FROM (
                             SELECT lower(o.code) AS name, o.code, 0 AS pref FROM @region@.organizations o
                             UNION ALL SELECT lower(o.name_fi), o.code, 1 FROM @region@.organizations o
                             UNION ALL SELECT lower(o.name_sv), o.code, 2 FROM @region@.organizations o WHERE o.name_sv IS NOT NULL) n
                         ORDER BY n.name, n.pref, n.code) n)) r
            LEFT JOIN @region@.measurements o
                   ON o.organization_code = r.organization_code AND o.indicator_code = r.indicator_code
                  AND o.period_start = r.period_start AND o.period_end = r.period_end
        ), g AS (
            -- (a key on two lines is a problem of both: measurement_rows marks them)
            SELECT count(*) AS total, COALESCE(bool_or(w.problem), false) AS problem,
                   COALESCE(bool_or(w.found IS NOT NULL), false) AS old
            FROM w
        ), ins AS (
            -- (the stamp given as the database gives it, the writer's name looked up once, not
            -- by the column's default for every row)
            INSERT INTO @region@.measurements (indicator_code, organization_code, period_start, period_end, value, source,
                                               loaded_at, loaded_by)
            SELECT w.ic, w.oc, w.ps, w.pe, w.value, w.src, now(), writer
            FROM w WHERE w.found IS NULL AND NOT (SELECT g.problem FROM g)
            RETURNING 1
        ), up AS (
            INSERT INTO @region@.measurements AS t (indicator_code, organization_code, period_start, period_end, value, source)
            SELECT v.ic, v.oc, v.ps, v.pe, v.value, v.src
            FROM (SELECT w.ic, w.oc, w.ps, w.pe, w.src, w.old_value, w.old_source, w.value
                  -- (none on a first load: w is then not read again)
                  FROM w WHERE w.found IS NOT NULL AND (SELECT g.old AND NOT g.problem FROM g)
                  OFFSET 0) v
            WHERE NOT (v.old_value OPERATOR(pekefb.=) v.value AND (v.src IS NULL OR v.old_source IS NOT DISTINCT FROM v.src))
            ON CONFLICT (organization_code, indicator_code, period_start, period_end) DO UPDATE
                SET value = EXCLUDED.value, source = COALESCE(EXCLUDED.source, t.source)
                WHERE t.value OPERATOR(pekefb.<>) EXCLUDED.value
                   OR (EXCLUDED.source IS NOT NULL AND t.source IS DISTINCT FROM EXCLUDED.source)
            RETURNING (t.xmax::text = '0') AS fresh)
        SELECT g.total, g.problem,
               (SELECT count(*) FROM ins) + (SELECT count(*) FILTER (WHERE up.fresh) FROM up),
               (SELECT count(*) FILTER (WHERE NOT up.fresh) FROM up)
        INTO total, problem, n_ins, n_upd
        FROM g;
    EXCEPTION WHEN unique_violation OR cardinality_violation OR insufficient_privilege THEN
        problem := true;
    END;
    END IF;
    PERFORM set_config('enable_nestloop', 'on', true), set_config('enable_hashjoin', 'on', true), set_config('enable_mergejoin', 'on', true);
    IF NOT problem THEN
        RETURN QUERY SELECT n_ins, n_upd, total - n_ins - n_upd, 0::bigint;
        RETURN;
    END IF;

    -- The careful path: a line has a problem; find the first one, check by check.
    CREATE TEMP TABLE pekefb_load_rows ON COMMIT DROP AS
    SELECT r.line, btrim(r.fields[1]) AS ind, btrim(r.fields[2]) AS org,
           pekefb.load_date(r.fields[3], r.line, 'alku') AS period_start,
           pekefb.load_date(r.fields[4], r.line, 'loppu') AS period_end,
           pekefb.load_number(r.fields[5], r.line, 'vuosi') AS year,
           pekefb.load_number(r.fields[6], r.line, 'osoittaja') AS num,
           pekefb.load_number(r.fields[7], r.line, 'nimittäjä') AS den,
           pekefb.load_number(r.fields[8], r.line, 'arvo') AS val,
           COALESCE(r.fields[9], load_measurements.source) AS src
    FROM pekefb.read_csv(content, cols) r;
    SELECT count(*) INTO total FROM pekefb_load_rows;

    SELECT * INTO bad FROM pekefb_load_rows r
    WHERE r.ind IS NULL OR r.org IS NULL OR (r.year IS NULL AND (r.period_start IS NULL OR r.period_end IS NULL))
       OR (r.val IS NULL AND (r.num IS NULL OR r.den IS NULL)) OR (r.val IS NOT NULL AND (r.num IS NOT NULL OR r.den IS NOT NULL))
       OR (r.num IS NULL) <> (r.den IS NULL)
    ORDER BY r.line LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'incomplete measurement on line %: %', bad.line,
            CASE WHEN bad.ind IS NULL THEN 'field "indikaattori" is empty'
                 WHEN bad.org IS NULL THEN 'field "organisaatio" is empty'
                 WHEN bad.year IS NULL AND (bad.period_start IS NULL OR bad.period_end IS NULL) THEN 'no period'
                 WHEN bad.val IS NOT NULL THEN 'both a value and a ratio'
                 ELSE 'no value' END
            USING ERRCODE = '22023',
                  DETAIL = 'Each line names an indicator and an organisation, a period (alku and loppu, or vuosi) and either osoittaja and nimittäjä or arvo.';
    END IF;

    -- names: codes, Finnish and Swedish names, compared ignoring case
    CREATE TEMP TABLE pekefb_load_names ON COMMIT DROP AS
    SELECT DISTINCT ON (kind, name) kind, name, code FROM (
        SELECT 'i' AS kind, lower(i.code) AS name, i.code, 0 AS pref FROM @region@.indicators i
        UNION ALL SELECT 'i', lower(i.name_fi), i.code, 1 FROM @region@.indicators i
        UNION ALL SELECT 'i', lower(i.name_sv), i.code, 2 FROM @region@.indicators i WHERE i.name_sv IS NOT NULL
        UNION ALL SELECT 'o', lower(o.code), o.code, 0 FROM @region@.organizations o
        UNION ALL SELECT 'o', lower(o.name_fi), o.code, 1 FROM @region@.organizations o
        UNION ALL SELECT 'o', lower(o.name_sv), o.code, 2 FROM @region@.organizations o WHERE o.name_sv IS NOT NULL) n
    ORDER BY kind, name, pref, code;
    SELECT array_agg(u.name ORDER BY u.line), array_agg(u.line ORDER BY u.line) INTO u_names, u_lines
    FROM (SELECT r.ind AS name, min(r.line) AS line FROM pekefb_load_rows r
          WHERE NOT EXISTS (SELECT FROM pekefb_load_names n WHERE n.kind = 'i' AND n.name = lower(r.ind))
          GROUP BY r.ind) u;
    PERFORM @region@.loader_unknown('indicator', u_names, u_lines,
        (SELECT array_agg(x) FROM (SELECT i.code FROM @region@.indicators i UNION ALL SELECT i.name_fi FROM @region@.indicators i
                                   UNION ALL SELECT i.name_sv FROM @region@.indicators i WHERE i.name_sv IS NOT NULL) AS k (x)));
    SELECT array_agg(u.name ORDER BY u.line), array_agg(u.line ORDER BY u.line) INTO u_names, u_lines
    FROM (SELECT r.org AS name, min(r.line) AS line FROM pekefb_load_rows r
          WHERE NOT EXISTS (SELECT FROM pekefb_load_names n WHERE n.kind = 'o' AND n.name = lower(r.org))
          GROUP BY r.org) u;
    PERFORM @region@.loader_unknown('organisation', u_names, u_lines,
        (SELECT array_agg(x) FROM (SELECT o.code FROM @region@.organizations o UNION ALL SELECT o.name_fi FROM @region@.organizations o
                                   UNION ALL SELECT o.name_sv FROM @region@.organizations o WHERE o.name_sv IS NOT NULL) AS k (x)));

    CREATE TEMP TABLE pekefb_load_m ON COMMIT DROP AS
    SELECT r.line, ni.code AS indicator_code, no.code AS organization_code, i.unit,
           COALESCE(r.period_start, make_date(r.year::integer, 1, 1)) AS period_start,
           COALESCE(r.period_end, make_date(r.year::integer, 12, 31)) AS period_end,
           r.num, r.den, r.val, r.src
    FROM pekefb_load_rows r
    JOIN pekefb_load_names ni ON ni.kind = 'i' AND ni.name = lower(r.ind)
    JOIN pekefb_load_names no ON no.kind = 'o' AND no.name = lower(r.org)
    JOIN @region@.indicators i ON i.code = ni.code;

    SELECT * INTO bad FROM pekefb_load_m m
    WHERE m.period_end < m.period_start OR m.den <= 0 OR m.num < 0 OR (m.unit = '%' AND m.num > m.den)
    ORDER BY m.line LIMIT 1;
    IF FOUND THEN
        IF bad.period_end < bad.period_start THEN
            RAISE EXCEPTION 'invalid period on line %: % .. %', bad.line, to_char(bad.period_start, 'FMDD.FMMM.YYYY'), to_char(bad.period_end, 'FMDD.FMMM.YYYY')
                USING ERRCODE = '22008', DETAIL = 'The period''s last day (loppu) must not be before its first day (alku).';
        ELSIF bad.den <= 0 OR bad.num < 0 THEN
            RAISE EXCEPTION 'invalid ratio on line %: "%/%"', bad.line, bad.num, bad.den
                USING ERRCODE = '22003', DETAIL = 'The denominator (nimittäjä) must be greater than zero and the numerator (osoittaja) not negative.';
        ELSE
            RAISE EXCEPTION 'numerator above denominator on line %: "%/%" for indicator "%"', bad.line, bad.num, bad.den, bad.indicator_code
                USING ERRCODE = '22003', DETAIL = format('Indicator "%s" is a share: its numerator (osoittaja) cannot exceed its denominator (nimittäjä).', bad.indicator_code);
        END IF;
    END IF;
    SELECT m.indicator_code, m.organization_code, m.period_start, array_agg(m.line ORDER BY m.line) AS lines INTO bad
    FROM pekefb_load_m m GROUP BY m.indicator_code, m.organization_code, m.period_start, m.period_end
    HAVING count(*) > 1 ORDER BY min(m.line) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'duplicate measurement on lines %', array_to_string(bad.lines, ', ')
            USING ERRCODE = '22P04',
                  DETAIL = format('Indicator "%s", organisation "%s", period from %s appears more than once; a file gives each measurement once.',
                                  bad.indicator_code, bad.organization_code, to_char(bad.period_start, 'FMDD.FMMM.YYYY'));
    END IF;

    -- (the parsed rows through a materialised CTE, beside the table's rows by a join: so
    -- Citus can join a distributed table with a temporary one)
    WITH lm AS MATERIALIZED (
        SELECT m.indicator_code, m.organization_code, m.period_start, m.period_end, m.src,
               (CASE WHEN m.num IS NOT NULL THEN m.num::text || '/' || m.den::text || CASE m.unit WHEN 'd' THEN ' d' ELSE '' END
                     ELSE m.val::text || CASE m.unit WHEN 'd' THEN ' d' WHEN '%' THEN '%' ELSE '' END END)::pekefb.indicator AS value
        FROM pekefb_load_m m),
    up AS (
        INSERT INTO @region@.measurements AS t (indicator_code, organization_code, period_start, period_end, value, source)
        SELECT m.indicator_code, m.organization_code, m.period_start, m.period_end, m.value, m.src
        FROM lm m
        LEFT JOIN @region@.measurements o
               ON o.organization_code = m.organization_code AND o.indicator_code = m.indicator_code
              AND o.period_start = m.period_start AND o.period_end = m.period_end
        -- unchanged rows are left out before the insert (no trigger fires for them)
        WHERE o.organization_code IS NULL OR o.value::text <> m.value::text
           OR (m.src IS NOT NULL AND o.source IS DISTINCT FROM m.src)
        ORDER BY m.organization_code, m.indicator_code, m.period_start
        ON CONFLICT (organization_code, indicator_code, period_start, period_end) DO UPDATE
            SET value = EXCLUDED.value, source = COALESCE(EXCLUDED.source, t.source)
            WHERE t.value::text <> EXCLUDED.value::text
               OR (EXCLUDED.source IS NOT NULL AND t.source IS DISTINCT FROM EXCLUDED.source)
        RETURNING (t.xmax::text = '0') AS fresh)
    SELECT count(*) FILTER (WHERE up.fresh), count(*) FILTER (WHERE NOT up.fresh) INTO n_ins, n_upd FROM up;
    DROP TABLE pekefb_load_rows, pekefb_load_names, pekefb_load_m;
    RETURN QUERY SELECT n_ins, n_upd, total - n_ins - n_upd, 0::bigint;
END
$fn$;
COMMENT ON FUNCTION @region@.load_measurements(text, text) IS
    'loads the statistics unit''s CSV of measurements (columns by header, names or codes, Finnish numbers and dates), all or nothing; re-loading updates only changed values; returns inserted, updated, unchanged, skipped';

-- load_cases(content, source_system): a client-information system's extract (CSV).
-- Columns: id (the system's matter id), asiatyyppi (matter type, mapped to indicators by
-- case_mappings), organisaatio / kunta (code or name), vireille (started) and ratkaistu
-- (finished, empty while open).  A matter of a type without a mapping is skipped; a matter
-- loaded before is updated in place (also when it finished since, or moved to another
-- organisation); matters missing from the extract are left as they are.
-- One statement reads the file, maps it, compares it with the cases there (by the primary
-- key's indicator and case id) and writes it (new cases inserted, changed ones updated,
-- moved ones deleted and inserted), only when its checks find nothing wrong; when they do,
-- load_cases_check reads the file again and names the first fault.  Loads of cases wait
-- for each other (the advisory lock); a case another writer inserts meanwhile makes the
-- load fail on the primary key rather than be overwritten.
CREATE FUNCTION @region@.load_cases(content text, source_system text)
    RETURNS TABLE (inserted bigint, updated bigint, unchanged bigint, skipped bigint)
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
    -- the file's rows are many more than the planner guesses: a merge join would sort them
    SET enable_mergejoin = off SET plan_cache_mode = auto SET enable_nestloop = on SET enable_hashjoin = on
AS $fn$
#variable_conflict use_column
DECLARE
    ok boolean;
    n_skip bigint;
    skipped_types text;
    n_ins bigint;
    n_upd bigint;
    n_same bigint;
    n_moved bigint;
    sys text := btrim(source_system);
BEGIN
    IF content IS NULL OR sys IS NULL OR sys = '' THEN
        RAISE EXCEPTION 'load_cases needs the file''s content and the source system''s name' USING ERRCODE = '22004',
            DETAIL = 'Pass the CSV extract as text and the system it comes from, e.g. SELECT * FROM region.load_cases(:''content'', ''efica'').';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('@region@.load_cases'));
    PERFORM @region@.loader_memory(content);
    -- The join with the table from the file's size (loader_joins; lines of some 50 bytes,
    -- cases of some 150), in a plan made for this call (a plan cached by an earlier call
    -- would not follow the settings).
    PERFORM @region@.loader_joins(octet_length(content) / 50, '@region@.cases', 150);
    PERFORM pg_catalog.set_config('plan_cache_mode', 'force_custom_plan', true);
    WITH names AS (
        SELECT DISTINCT ON (name) name, code FROM (
            SELECT lower(o.code) AS name, o.code, 0 AS pref FROM @region@.organizations o
            UNION ALL SELECT lower(o.name_fi), o.code, 1 FROM @region@.organizations o
            UNION ALL SELECT lower(o.name_sv), o.code, 2 FROM @region@.organizations o WHERE o.name_sv IS NOT NULL) n
        ORDER BY name, pref, code),
    cur AS MATERIALIZED (
        -- the file's lines read and mapped in one pass (pekefb.case_rows: the organisation
        -- and indicators of each line, an unmapped matter one row without an indicator, in
        -- the order of the primary key), each beside the case of the same matter and
        -- indicator there (in its organisation or, moved, in another)
        SELECT r.line, r.id, r.matter, r.started, r.finished, r.organization_code, r.indicator_code, r.case_id, r.fault,
               c.organization_code AS old_org,
               c.started = r.started AND c.finished IS NOT DISTINCT FROM r.finished AS same
        FROM pekefb.case_rows(content, ARRAY['id|tunnus|asiatunnus|case_id|ärende',
                                             'asiatyyppi|matter_type|tyyppi|ärendetyp',
                                             'organisaatio|organization|kunta|yksikkö|organisation|kommun',
                                             'vireille|vireilletulo|started|anhängig',
                                             '?ratkaistu|päätetty|finished|valmis|avgjord'],
                              sys,
                              ARRAY(SELECT unnest(ARRAY[n.name, n.code]) FROM names n),
                              ARRAY(SELECT unnest(ARRAY[m.matter, m.indicator_code])
                                    FROM (SELECT DISTINCT lower(btrim(m.matter_type)) AS matter, m.indicator_code
                                          FROM @region@.case_mappings m) m)) r
        LEFT JOIN @region@.cases c ON c.indicator_code = r.indicator_code AND c.case_id = r.case_id),
    checks AS MATERIALIZED (
        -- ok: no line to refuse; old: cases of the file there already (none on a first load:
        -- the statements below that need them then do not read cur again)
        SELECT NOT COALESCE(bool_or(s.fault), false) AS ok,
               count(*) FILTER (WHERE s.old_org IS NOT NULL) > 0 AS old,
               count(*) FILTER (WHERE s.old_org = s.organization_code AND s.same) AS n_same,
               count(*) FILTER (WHERE s.indicator_code IS NULL) AS n_skip,
               string_agg(DISTINCT s.matter, ', ') FILTER (WHERE s.indicator_code IS NULL) AS skipped_types
        FROM cur s),
    moved AS (
        -- a matter that moved to another organisation: its old row goes, the new one counts as an update
        DELETE FROM @region@.cases c USING cur
        WHERE cur.old_org <> cur.organization_code AND (SELECT k.ok AND k.old FROM checks k)
          AND c.indicator_code = cur.indicator_code AND c.case_id = cur.case_id AND c.organization_code = cur.old_org
        RETURNING 1),
    fresh AS (
        INSERT INTO @region@.cases (organization_code, indicator_code, case_id, source_system, source_case_id, started, finished)
        SELECT cur.organization_code, cur.indicator_code, cur.case_id, sys, cur.id, cur.started, cur.finished
        FROM cur
        WHERE cur.indicator_code IS NOT NULL AND cur.old_org IS DISTINCT FROM cur.organization_code AND (SELECT k.ok FROM checks k)
        RETURNING 1),
    changed AS (
        UPDATE @region@.cases t SET started = cur.started, finished = cur.finished
        FROM cur
        WHERE cur.old_org = cur.organization_code AND NOT cur.same AND (SELECT k.ok AND k.old FROM checks k)
          AND t.indicator_code = cur.indicator_code AND t.case_id = cur.case_id AND t.organization_code = cur.organization_code
        RETURNING 1)
    SELECT k.ok, k.n_skip, k.skipped_types, (SELECT count(*) FROM fresh), (SELECT count(*) FROM changed),
           k.n_same, (SELECT count(*) FROM moved)
    INTO ok, n_skip, skipped_types, n_ins, n_upd, n_same, n_moved
    FROM checks k;
    IF ok IS NOT TRUE THEN
        PERFORM @region@.load_cases_check(content);
        RAISE EXCEPTION 'load_cases found a fault it cannot name' USING ERRCODE = 'XX000';
    END IF;
    IF n_skip > 0 THEN
        RAISE NOTICE 'load_cases skipped % matters of types without a mapping in case_mappings: %', n_skip, skipped_types;
    END IF;
    RETURN QUERY SELECT n_ins - n_moved, n_upd + n_moved, n_same, n_skip;
END
$fn$;
COMMENT ON FUNCTION @region@.load_cases(text, text) IS
    'loads a client-information system''s extract of cases (CSV) through case_mappings, all or nothing; cases keyed by the system''s id: re-loading updates, never duplicates; counts are of case rows (one matter can feed several indicators), skipped of matters';

-- load_cases_check(content): the first fault of an extract that load_cases refused, raised
-- with its line: an incomplete line or one finished before it started, a matter listed
-- twice, unknown organisations (all of them, with the nearest known name).
CREATE FUNCTION @region@.load_cases_check(content text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
DECLARE
    bad record;
    u_names text[];
    u_lines bigint[];
BEGIN
    CREATE TEMP TABLE pekefb_load_rows ON COMMIT DROP AS
    SELECT r.line, btrim(r.fields[1]) AS id, lower(btrim(r.fields[2])) AS matter, btrim(r.fields[3]) AS org,
           pekefb.load_date(r.fields[4], r.line, 'vireille') AS started,
           pekefb.load_date(r.fields[5], r.line, 'ratkaistu') AS finished
    FROM pekefb.read_csv(content, ARRAY['id|tunnus|asiatunnus|case_id|ärende',
                                        'asiatyyppi|matter_type|tyyppi|ärendetyp',
                                        'organisaatio|organization|kunta|yksikkö|organisation|kommun',
                                        'vireille|vireilletulo|started|anhängig',
                                        '?ratkaistu|päätetty|finished|valmis|avgjord']) r;
    SELECT * INTO bad FROM pekefb_load_rows r
    WHERE r.id IS NULL OR r.matter IS NULL OR r.org IS NULL OR r.started IS NULL OR r.finished < r.started
    ORDER BY r.line LIMIT 1;
    IF FOUND THEN
        IF bad.finished < bad.started THEN
            RAISE EXCEPTION 'case finished before it started on line %: % .. %', bad.line,
                to_char(bad.started, 'FMDD.FMMM.YYYY'), to_char(bad.finished, 'FMDD.FMMM.YYYY')
                USING ERRCODE = '22008', DETAIL = 'The day a matter was decided (ratkaistu) cannot be before the day it became pending (vireille).';
        END IF;
        RAISE EXCEPTION 'incomplete case on line %: field "%" is empty', bad.line,
            CASE WHEN bad.id IS NULL THEN 'id' WHEN bad.matter IS NULL THEN 'asiatyyppi' WHEN bad.org IS NULL THEN 'organisaatio' ELSE 'vireille' END
            USING ERRCODE = '22023', DETAIL = 'Each line has the matter''s id, its type, its organisation and the day it became pending.';
    END IF;
    SELECT r.id, array_agg(r.line ORDER BY r.line) AS lines INTO bad
    FROM pekefb_load_rows r GROUP BY r.id HAVING count(*) > 1 ORDER BY min(r.line) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'duplicate case id "%" on lines %', bad.id, array_to_string(bad.lines, ', ')
            USING ERRCODE = '22P04', DETAIL = 'An extract lists each matter once.';
    END IF;
    SELECT array_agg(u.name ORDER BY u.line), array_agg(u.line ORDER BY u.line) INTO u_names, u_lines
    FROM (SELECT r.org AS name, min(r.line) AS line FROM pekefb_load_rows r
          WHERE NOT EXISTS (SELECT FROM @region@.organizations o
                            WHERE lower(r.org) IN (lower(o.code), lower(o.name_fi), lower(o.name_sv)))
          GROUP BY r.org) u;
    PERFORM @region@.loader_unknown('organisation', u_names, u_lines,
        (SELECT array_agg(x) FROM (SELECT o.code FROM @region@.organizations o UNION ALL SELECT o.name_fi FROM @region@.organizations o
                                   UNION ALL SELECT o.name_sv FROM @region@.organizations o WHERE o.name_sv IS NOT NULL) AS k (x)));
    DROP TABLE pekefb_load_rows;
END
$fn$;
COMMENT ON FUNCTION @region@.load_cases_check(text) IS
    'raises the first fault of a cases extract that load_cases refused, naming its line (used by load_cases)';

-- loader_answer(map, answer): an answer's score as the items of a feedback response write it:
-- "1".."5", "null" for don't know, "?" for an answer the survey's labels (map: each label as
-- written and in lower case -> score) do not know or whose score is no statement score.
CREATE FUNCTION @region@.loader_answer(map jsonb, answer text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN map OPERATOR(pg_catalog.?) answer THEN
            CASE WHEN (map OPERATOR(pg_catalog.->>) answer) IS NULL THEN 'null'
                 WHEN (map OPERATOR(pg_catalog.->>) answer) OPERATOR(pg_catalog.=) ANY (ARRAY['1', '2', '3', '4', '5'])
                     THEN map OPERATOR(pg_catalog.->>) answer
                 ELSE '?' END
        WHEN map OPERATOR(pg_catalog.?) pg_catalog.lower(pg_catalog.btrim(answer)) THEN
            CASE WHEN (map OPERATOR(pg_catalog.->>) pg_catalog.lower(pg_catalog.btrim(answer))) IS NULL THEN 'null'
                 WHEN (map OPERATOR(pg_catalog.->>) pg_catalog.lower(pg_catalog.btrim(answer))) OPERATOR(pg_catalog.=) ANY (ARRAY['1', '2', '3', '4', '5'])
                     THEN map OPERATOR(pg_catalog.->>) pg_catalog.lower(pg_catalog.btrim(answer))
                 ELSE '?' END
        WHEN pg_catalog.btrim(answer) OPERATOR(pg_catalog.=) ANY (ARRAY['1', '2', '3', '4', '5']) THEN pg_catalog.btrim(answer)
        ELSE '?' END;
COMMENT ON FUNCTION @region@.loader_answer(jsonb, text) IS
    'an answer''s score through a survey''s label map: 1-5, null (don''t know) or ? (unknown); used by the feedback loaders';

-- load_feedback(survey, content, json): the common part of load_webropol and load_limesurvey:
-- the export's records (CSV or LimeSurvey's JSON) through the survey's mapping.  Built for
-- speed (doc/loading.md): the reader's records are mapped in one pass into one temp table
-- (names and services looked up in jsonb maps made once per load, the response built by one
-- C call, pekefb.load_response), checked by one aggregate pass (and a hash aggregate for
-- duplicate ids); only when a check fails are the file's records read again to name the
-- line, field and value.  One join by the primary key then finds the new and the changed
-- responses: the changed are updated, the new inserted, the unchanged not written.
CREATE FUNCTION @region@.load_feedback(survey text, content text, is_json boolean)
    RETURNS TABLE (inserted bigint, updated bigint, unchanged bigint, skipped bigint)
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
    SET plan_cache_mode = auto SET enable_nestloop = on SET enable_hashjoin = on SET enable_mergejoin = on
AS $fn$
#variable_conflict use_column
DECLARE
    s @region@.feedback_surveys;
    cols text[];
    unit text := CASE WHEN is_json THEN 'record' ELSE 'line' END;
    reader text := CASE WHEN is_json THEN 'pekefb.read_json($1, $2)' ELSE 'pekefb.read_csv($1, $2)' END;
    tz text;
    lang_default text;
    chk record;
    fault record;
    bad record;
    u_names text[];
    u_lines bigint[];
    amap jsonb;         -- answer label (as written, and lower-case trimmed) -> score
    stmts text[];       -- the statements of the questions, in the order of their fields (8, 9, ...)
    unknown_sql text;   -- the test for a record with an unknown answer (errors only)
    olow jsonb;         -- organisation name (lower-case trimmed) -> code
    omap jsonb;         -- organisation name as written -> code (olow of the name lower-case trimmed)
    vlow jsonb;         -- service name (lower-case trimmed) -> code
    vmap jsonb;         -- service name as written -> code
    nmap jsonb;         -- recommendation answer as written -> score 0-10, -1 if none
    lmap jsonb;         -- amap with the scores as strings "1".."5" (null = don't know, "?" = no statement score)
    no_id bigint;
    unknown_org bigint := 0;
    bad_answer bigint;
    bad_field bigint;
    unbuilt boolean := false;
BEGIN
    IF content IS NULL THEN
        RAISE EXCEPTION 'the feedback loaders need the export''s content' USING ERRCODE = '22004',
            DETAIL = 'Pass the export as text, e.g. \set content `cat export.csv` and SELECT * FROM region.load_webropol(''survey'', :''content'').';
    END IF;
    SELECT * INTO s FROM @region@.feedback_surveys fs WHERE fs.code = survey;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown survey: "%"', survey USING ERRCODE = '22023',
            DETAIL = 'Register the survey and its mapping in feedback_surveys, feedback_questions and feedback_answers first.';
    END IF;
    SELECT st.time_zone, st.language INTO tz, lang_default FROM @region@.settings st;
    PERFORM pg_advisory_xact_lock(hashtext('@region@.load_feedback'));
    PERFORM @region@.loader_memory(content);
    -- the plans do not depend on the file: generic plans keep the file a parameter (a custom
    -- plan would copy the whole text into the plan as a constant); Citus plans these
    -- statements only with their parameters' values, so where it is installed they stay custom
    IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NULL THEN
        PERFORM pg_catalog.set_config('plan_cache_mode', 'force_generic_plan', true);
    END IF;
    -- fields 1-7: id, submitted, language, organisation, service, nps, comment; then the questions
    SELECT array_agg(q.column_name ORDER BY q.statement) INTO cols
    FROM @region@.feedback_questions q WHERE q.survey_code = s.code;
    cols := ARRAY[s.id_column, s.submitted_column, '?' || COALESCE(s.language_column, ''),
                  '?' || COALESCE(s.organization_column, ''), '?' || COALESCE(s.service_column, ''),
                  '?' || COALESCE(s.nps_column, ''), '?' || COALESCE(s.comment_column, '')]
            || COALESCE(array(SELECT '?' || c FROM unnest(cols) c), '{}');
    -- an optional spec of only "?" is not allowed: an absent column gets a name no header has
    cols := array(SELECT CASE WHEN c = '?' THEN '?pekefb-none' ELSE c END FROM unnest(cols) c);

    -- the maps (jsonb, one lookup per field): organisations by the survey's names, then
    -- codes and Finnish and Swedish names, compared lower-case trimmed (olow); services by
    -- the survey's names (vlow); answers by label as written, then lower-case trimmed (amap).
    -- omap and vmap give the same code for a name as written (so that the usual names need
    -- no lower()), nmap the recommendation score of a label or number as written.
    WITH low AS (
        SELECT DISTINCT ON (x.name) x.name, x.code
        FROM (SELECT lower(btrim(fn.name)) AS name, fn.code, 0 AS pref FROM @region@.feedback_names fn
              WHERE fn.survey_code = s.code AND fn.kind = 'organization'
              UNION ALL SELECT lower(o.code), o.code, 1 FROM @region@.organizations o
              UNION ALL SELECT lower(o.name_fi), o.code, 2 FROM @region@.organizations o
              UNION ALL SELECT lower(o.name_sv), o.code, 3 FROM @region@.organizations o WHERE o.name_sv IS NOT NULL) x
        ORDER BY x.name, x.pref, x.code)
    SELECT (SELECT jsonb_object_agg(low.name, low.code) FROM low),
           (SELECT jsonb_object_agg(k.raw, low.code)
            FROM (SELECT fn.name FROM @region@.feedback_names fn WHERE fn.survey_code = s.code AND fn.kind = 'organization'
                  UNION SELECT o.code FROM @region@.organizations o
                  UNION SELECT o.name_fi FROM @region@.organizations o
                  UNION SELECT o.name_sv FROM @region@.organizations o WHERE o.name_sv IS NOT NULL
                  UNION SELECT low.name FROM low) k (raw)
            JOIN low ON low.name = lower(btrim(k.raw)))
    INTO olow, omap;
    WITH low AS (
        SELECT DISTINCT ON (lower(btrim(fn.name))) lower(btrim(fn.name)) AS name, fn.code FROM @region@.feedback_names fn
        WHERE fn.survey_code = s.code AND fn.kind = 'service' ORDER BY lower(btrim(fn.name)), fn.code)
    SELECT (SELECT jsonb_object_agg(low.name, low.code) FROM low),
           (SELECT jsonb_object_agg(k.raw, low.code)
            FROM (SELECT fn.name FROM @region@.feedback_names fn WHERE fn.survey_code = s.code AND fn.kind = 'service'
                  UNION SELECT low.name FROM low) k (raw)
            JOIN low ON low.name = lower(btrim(k.raw)))
    INTO vlow, vmap;
    SELECT jsonb_object_agg(l.label, l.score) INTO amap
    FROM (SELECT DISTINCT ON (x.label) x.label, x.score
          FROM (SELECT fa.answer AS label, fa.score, 0 AS pref FROM @region@.feedback_answers fa WHERE fa.survey_code = s.code
                UNION ALL SELECT lower(btrim(fa.answer)), fa.score, 1 FROM @region@.feedback_answers fa WHERE fa.survey_code = s.code) x
          ORDER BY x.label, x.pref) l;
    amap := COALESCE(amap, '{}');
    -- the same with each score as load_response takes it fastest: "1".."5", null, or "?" (no statement score)
    SELECT jsonb_object_agg(a.key, CASE WHEN jsonb_typeof(a.value) = 'null' THEN 'null'::jsonb
                                        WHEN a.value #>> '{}' = ANY (ARRAY['1', '2', '3', '4', '5']) THEN to_jsonb(a.value #>> '{}')
                                        ELSE '"?"'::jsonb END)
    INTO lmap FROM jsonb_each(amap) a;
    lmap := COALESCE(lmap, '{}');
    olow := COALESCE(olow, '{}');
    omap := COALESCE(omap, '{}');
    vlow := COALESCE(vlow, '{}');
    vmap := COALESCE(vmap, '{}');
    SELECT jsonb_object_agg(k.raw, COALESCE(CASE WHEN jsonb_typeof(amap -> lower(btrim(k.raw))) = 'number' THEN (amap ->> lower(btrim(k.raw)))::integer END,
                                            CASE WHEN btrim(k.raw) ~ '^([0-9]|10)$' THEN btrim(k.raw)::integer END, -1))
    INTO nmap
    FROM (SELECT a.key FROM jsonb_object_keys(amap) a (key) UNION SELECT d::text FROM generate_series(0, 10) d) k (raw);
    SELECT array_agg(q.statement ORDER BY q.k),
           string_agg(format('(r.fields[%s] IS NOT NULL AND @region@.loader_answer($3, r.fields[%s]) = ''?'')', 7 + q.k, 7 + q.k), ' OR ' ORDER BY q.k)
    INTO stmts, unknown_sql
    FROM (SELECT fq.statement, row_number() OVER (ORDER BY fq.statement) AS k
          FROM @region@.feedback_questions fq WHERE fq.survey_code = s.code) q;
    -- the survey's role and channel must be the type's (else the type says what is wrong)
    IF pekefb.load_response(s.role, s.channel, 0, NULL, NULL, NULL, NULL, NULL) IS NULL THEN
        PERFORM ('{' || concat_ws(',', '"role":' || to_json(s.role)::text, '"channel":' || to_json(s.channel)::text) || ',"nps":0}')::pekefb.feedback;
    END IF;

    -- The join with the table from the file's size (loader_joins; records of 150-300 bytes,
    -- taken at 150, responses of some 300; measured, 50 000 records beside 50 000 responses:
    -- 290 ms probing the primary key where hashing the table took 48 ms), in a plan made for
    -- this call (a plan cached by an earlier call would not follow the settings).
    PERFORM @region@.loader_joins(octet_length(content) / 150, '@region@.feedback_responses', 300);
    PERFORM pg_catalog.set_config('plan_cache_mode', 'force_custom_plan', true);

    -- One statement: the records mapped in one pass (pekefb.feedback_rows, f: every field
    -- mapped, received_at read there, a bad time reported at once; submitted = false for an
    -- incomplete response, skipped; response NULL when the record has no answer or a
    -- problem; fault for a record the load must refuse: no id, organisation or service, an
    -- answer that builds no response, a bad language, an id seen before), the counts and
    -- checks in one pass over them (chk), and only when no record has a fault the writes.  A
    -- submitted response without any answer carries nothing: skipped and counted.  One join
    -- by the primary key finds the responses that are new or changed (m); the changed are
    -- updated, the new inserted by a plain INSERT (loads serialise on the advisory lock, so no
    -- other load inserts them meanwhile; ON CONFLICT's speculative insertion would double the
    -- cost of writing the rows).  When a check fails, the records are mapped again into a
    -- temporary table and the first problem is named (below).
    WITH f AS MATERIALIZED (
        -- (all columns: the function's rows are stored as they are, not projected again)
        SELECT * FROM pekefb.feedback_rows(content, is_json, cols, jsonb_build_object(
            'unit', unit, 'submitted_column', s.submitted_column, 'survey', s.code, 'time_zone', tz,
            'organization', s.organization_code, 'service', s.service, 'role', s.role, 'channel', s.channel,
            'statements', to_jsonb(COALESCE(stmts, '{}')), 'omap', omap, 'olow', olow, 'vmap', vmap, 'vlow', vlow,
            'nmap', nmap, 'amap', amap, 'lmap', lmap))),
    checks AS MATERIALIZED (
        SELECT count(*) AS total, count(*) FILTER (WHERE NOT f.submitted) AS incomplete,
               count(*) FILTER (WHERE f.submitted AND f.empty) AS empty, COALESCE(bool_or(f.fault), false) AS fault
        FROM f),
    m AS MATERIALIZED (
        SELECT f.organization_code, f.response_id, f.id, f.received_at, f.service, f.comment,
               f.response, COALESCE(f.lang, lang_default) AS language, o.response_id IS NOT NULL AS known
        FROM f
        LEFT JOIN @region@.feedback_responses o
               ON o.organization_code = f.organization_code AND o.response_id = f.response_id
              -- (a response id "survey:id" is only the survey's: the other surveys' rows are left out early)
              AND (o.survey_code = s.code OR o.survey_code IS NULL)
        WHERE f.submitted AND NOT f.empty
          AND (o.response_id IS NULL OR o.received_at <> f.received_at OR o.service <> f.service
               OR o.response OPERATOR(pekefb.<>) f.response OR o.comment IS DISTINCT FROM f.comment
               OR o.survey_code IS DISTINCT FROM s.code)),
    upd AS (
        UPDATE @region@.feedback_responses AS t
        SET received_at = m.received_at, service = m.service, response = m.response, comment = m.comment,
            survey_code = s.code, source_response_id = m.id, language = m.language
        FROM m
        -- (the checks gate the writes, not the join: Citus plans no outer join with a
        -- condition that is a constant of the statement)
        WHERE m.known AND t.organization_code = m.organization_code AND t.response_id = m.response_id
          AND (SELECT NOT k.fault FROM checks k)
        RETURNING 1),
    ins AS (
        INSERT INTO @region@.feedback_responses (organization_code, response_id, received_at, service, response, comment,
                                                survey_code, source_response_id, language)
        SELECT m.organization_code, m.response_id, m.received_at, m.service, m.response, m.comment, s.code, m.id, m.language
        FROM m
        WHERE NOT m.known AND (SELECT NOT k.fault FROM checks k)
        ORDER BY m.received_at
        RETURNING 1)
    SELECT k.total, k.incomplete, k.empty, k.fault, (SELECT count(*) FROM ins) AS n_ins, (SELECT count(*) FROM upd) AS n_upd
    INTO chk FROM checks k;

    IF chk.fault THEN
    CREATE TEMP TABLE pekefb_load_f ON COMMIT DROP AS
    SELECT * FROM pekefb.feedback_rows(content, is_json, cols, jsonb_build_object(
        'unit', unit, 'submitted_column', s.submitted_column, 'survey', s.code, 'time_zone', tz,
        'organization', s.organization_code, 'service', s.service, 'role', s.role, 'channel', s.channel,
        'statements', to_jsonb(COALESCE(stmts, '{}')), 'omap', omap, 'olow', olow, 'vmap', vmap, 'vlow', vlow,
        'nmap', nmap, 'amap', amap, 'lmap', lmap));
    -- which fault: a record that cannot be loaded, an id on two records (or both)
    SELECT COALESCE(bool_or(f.repeated), false) AS repeated,
           COALESCE(bool_or(f.submitted AND (f.id IS NULL OR f.organization_code IS NULL OR f.service IS NULL
                                             OR (f.response IS NULL AND NOT f.empty)
                                             OR (f.lang <> ALL ('{fi,sv,en}'::text[]) AND f.lang !~ '^[a-z]{2}$'))), false) AS bad
    INTO fault FROM pekefb_load_f f;
    IF fault.bad THEN
        SELECT min(f.line) FILTER (WHERE f.id IS NULL) AS no_id,
               count(*) FILTER (WHERE f.organization_code IS NULL) AS unknown_org,
               bool_or(f.response IS NULL AND NOT f.empty) AS unbuilt,
               min(f.line) FILTER (WHERE f.nps NOT BETWEEN 0 AND 10 OR f.service IS NULL OR f.lang !~ '^[a-z]{2}$') AS bad_field
        INTO bad FROM pekefb_load_f f WHERE f.submitted;
        no_id := bad.no_id;
        unknown_org := bad.unknown_org;
        bad_field := bad.bad_field;
        unbuilt := bad.unbuilt;
        IF unbuilt THEN
            -- the first record with an unknown answer: the file read again
            EXECUTE format($q$
            SELECT min(r.line) FROM %s r JOIN pekefb_load_f f ON f.line = r.line
            WHERE f.submitted AND f.response IS NULL AND NOT f.empty AND (%s)
            $q$, reader, COALESCE(unknown_sql, 'false')) INTO bad_answer USING content, cols, amap;
        END IF;
    END IF;

    IF no_id IS NOT NULL THEN
        RAISE EXCEPTION 'response without an id on % %', unit, no_id USING ERRCODE = '22023',
            DETAIL = format('Every submitted response has its id in column "%s".', s.id_column);
    END IF;
    IF fault.repeated THEN
        SELECT f.id INTO bad FROM pekefb_load_f f WHERE f.submitted GROUP BY f.id HAVING count(*) > 1 ORDER BY min(f.line) LIMIT 1;
        RAISE EXCEPTION 'duplicate response id "%" on %s %', bad.id, unit,
                        (SELECT string_agg(f.line::text, ', ' ORDER BY f.line) FROM pekefb_load_f f WHERE f.submitted AND f.id = bad.id)
            USING ERRCODE = '22P04', DETAIL = 'An export lists each response once.';
    END IF;
    IF unknown_org > 0 THEN
        EXECUTE format($q$
        SELECT array_agg(u.name ORDER BY u.line), array_agg(u.line ORDER BY u.line)
        FROM (SELECT COALESCE(btrim(r.fields[4]), '') AS name, min(r.line) AS line
              FROM %s r JOIN pekefb_load_f f ON f.line = r.line
              WHERE f.submitted AND f.organization_code IS NULL GROUP BY 1) u
        $q$, reader) INTO u_names, u_lines USING content, cols;
        PERFORM @region@.loader_unknown('organisation', u_names, u_lines,
            (SELECT array_agg(x) FROM (SELECT o.name_fi FROM @region@.organizations o
                                       UNION ALL SELECT fn.name FROM @region@.feedback_names fn
                                       WHERE fn.survey_code = s.code AND fn.kind = 'organization') AS k (x)), unit);
    END IF;
    IF bad_answer IS NOT NULL THEN
        EXECUTE format($q$
        SELECT q.column_name, r.fields[7 + q.k] AS answer
        FROM %s r,
             (SELECT fq.column_name, row_number() OVER (ORDER BY fq.statement) AS k
              FROM @region@.feedback_questions fq WHERE fq.survey_code = $3) q
        WHERE r.line = $4 AND r.fields[7 + q.k] IS NOT NULL AND @region@.loader_answer($5, r.fields[7 + q.k]) = '?'
        ORDER BY q.k LIMIT 1
        $q$, reader) INTO bad USING content, cols, s.code, bad_answer, amap;
        RAISE EXCEPTION 'unknown answer "%" on % %, field "%"', bad.answer, unit, bad_answer, bad.column_name
            USING ERRCODE = '22023',
                  DETAIL = format('Expected an answer label of survey "%s" with a score 1-5 or don''t know in feedback_answers, or a number 1-5%s.',
                                  s.code, COALESCE(format('; the nearest label is "%s"', pekefb.closest_name(bad.answer,
                                      (SELECT array_agg(fa.answer) FROM @region@.feedback_answers fa WHERE fa.survey_code = s.code))), ''));
    END IF;
    IF bad_field IS NOT NULL THEN
        SELECT * INTO bad FROM pekefb_load_f f WHERE f.line = bad_field;
        IF bad.service IS NULL THEN
            RAISE EXCEPTION 'response without a service on % %', unit, bad.line USING ERRCODE = '22023',
                DETAIL = format('Expected a service name in column "%s".', s.service_column);
        ELSIF bad.lang !~ '^[a-z]{2}$' THEN
            RAISE EXCEPTION 'invalid language on % %, field "%"', unit, bad.line, s.language_column USING ERRCODE = '22023',
                DETAIL = 'Expected a language code such as fi, sv or en.';
        END IF;
        EXECUTE format('SELECT r.fields[6] FROM %s r WHERE r.line = $3', reader) INTO bad USING content, cols, bad_field;
        RAISE EXCEPTION 'invalid recommendation answer "%" on % %, field "%"', bad.fields, unit, bad_field, s.nps_column
            USING ERRCODE = '22003', DETAIL = 'Expected a number 0-10, or an answer code with its score in feedback_answers.';
    END IF;
    IF unbuilt THEN         -- not reached: every reason for no response is reported above
        RAISE EXCEPTION 'invalid response in the file' USING ERRCODE = '22023',
            DETAIL = 'A response could not be built from the fields of a record.';
    END IF;

    RAISE EXCEPTION 'load_feedback found a fault it cannot name' USING ERRCODE = 'XX000';
    END IF;
    RETURN QUERY SELECT chk.n_ins, chk.n_upd, chk.total - chk.incomplete - chk.empty - chk.n_ins - chk.n_upd, chk.incomplete + chk.empty;
END
$fn$;
COMMENT ON FUNCTION @region@.load_feedback(text, text, boolean) IS
    'the common part of load_webropol and load_limesurvey: an export''s records through the survey''s mapping';

-- load_webropol(survey, content): a Webropol CSV export (one column per question, answer labels).
-- (PL/pgSQL, not an SQL-standard body, so that it records no dependency on load_feedback: an
-- upgrade drops the view functions one by one.)
CREATE FUNCTION @region@.load_webropol(survey text, content text)
    RETURNS TABLE (inserted bigint, updated bigint, unchanged bigint, skipped bigint)
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
BEGIN
    RETURN QUERY SELECT * FROM @region@.load_feedback(survey, content, false);
END
$fn$;
COMMENT ON FUNCTION @region@.load_webropol(text, text) IS
    'loads a Webropol CSV export of a survey registered in feedback_surveys, all or nothing; incomplete responses skipped; returns inserted, updated, unchanged, skipped';

-- load_limesurvey(survey, content): a LimeSurvey response export, CSV or JSON (told apart by
-- the first character that is not white space: { or [ is JSON).
CREATE FUNCTION @region@.load_limesurvey(survey text, content text)
    RETURNS TABLE (inserted bigint, updated bigint, unchanged bigint, skipped bigint)
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
DECLARE
    -- the first character is looked for in the file's start (no copy of a large file), in
    -- the whole file only when its start is all white space
    start text := pg_catalog.substr(content, 1, 4096);
BEGIN
    -- (a byte-order mark, U+FEFF, found by its code: a \u escape would not parse in a
    -- database whose encoding has no such character, e.g. LATIN1)
    IF pg_catalog.ltrim((CASE WHEN pg_catalog.ascii(start) OPERATOR(pg_catalog.=) 65279 THEN pg_catalog.substr(start, 2) ELSE start END),
                        E' \t\r\n') OPERATOR(pg_catalog.=) '' THEN
        start := content;
    END IF;
    RETURN QUERY SELECT * FROM @region@.load_feedback(survey, content,
        substr(ltrim((CASE WHEN pg_catalog.ascii(start) OPERATOR(pg_catalog.=) 65279 THEN pg_catalog.substr(start, 2) ELSE start END), E' \t\r\n'), 1, 1) = ANY (ARRAY['{', '[']));
END
$fn$;
COMMENT ON FUNCTION @region@.load_limesurvey(text, text) IS
    'loads a LimeSurvey response export (CSV, or its JSON) of a survey registered in feedback_surveys, all or nothing; incomplete responses (no submitdate) skipped; returns inserted, updated, unchanged, skipped';

-- load_sotkanet(content): THL Sotkanet's data, its JSON rows ({"indicator", "region",
-- "year", "gender", "value", "absValue"}) or its ;-separated CSV (indicator;region;year;
-- gender;primary value;absolute value).  Rows of indicators or regions not in
-- reference_indicators / reference_areas are skipped (and counted); every gender and rows
-- with only an absolute value are kept.
CREATE FUNCTION @region@.load_sotkanet(content text)
    RETURNS TABLE (inserted bigint, updated bigint, unchanged bigint, skipped bigint)
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD'
AS $fn$
#variable_conflict use_column
DECLARE
    is_json boolean;
    unit text;
    bad record;
    total bigint;
    n_skip bigint;
    n_ins bigint;
    n_upd bigint;
    -- a value, not now() in the upsert: Citus wants the DO UPDATE clause's functions immutable
    loaded timestamptz := pg_catalog.now();
BEGIN
    IF content IS NULL THEN
        RAISE EXCEPTION 'load_sotkanet needs the file''s content' USING ERRCODE = '22004',
            DETAIL = 'Pass Sotkanet''s JSON or CSV as text, e.g. SELECT * FROM region.load_sotkanet(:''content'').';
    END IF;
    is_json := substr(ltrim((CASE WHEN pg_catalog.ascii(content) OPERATOR(pg_catalog.=) 65279 THEN pg_catalog.substr(content, 2) ELSE content END), E' \t\r\n'), 1, 1) = ANY (ARRAY['{', '[']);
    unit := CASE WHEN is_json THEN 'record' ELSE 'line' END;
    PERFORM pg_advisory_xact_lock(hashtext('@region@.load_sotkanet'));
    IF is_json THEN
        CREATE TEMP TABLE pekefb_load_rows ON COMMIT DROP AS SELECT r.line, r.fields
        FROM pekefb.read_json(content, ARRAY['indicator', 'region', 'year', '?gender', '?value', '?absValue']) r;
    ELSE
        CREATE TEMP TABLE pekefb_load_rows ON COMMIT DROP AS SELECT r.line, r.fields
        FROM pekefb.read_csv(content, ARRAY['indicator', 'region', 'year', '?gender', '?primary value|primary.value|value',
                                            '?absolute value|absolute.value|absvalue']) r;
    END IF;
    CREATE TEMP TABLE pekefb_load_s ON COMMIT DROP AS
    SELECT r.line, pekefb.load_number(r.fields[1], r.line, 'indicator', unit) AS ind,
           pekefb.load_number(r.fields[2], r.line, 'region', unit) AS reg,
           pekefb.load_number(r.fields[3], r.line, 'year', unit) AS year,
           lower(COALESCE(btrim(r.fields[4]), 'total')) AS gender,
           pekefb.load_number(r.fields[5], r.line, 'value', unit)::double precision AS value,
           pekefb.load_number(r.fields[6], r.line, 'absValue', unit)::double precision AS abs_value
    FROM pekefb_load_rows r;
    SELECT count(*) INTO total FROM pekefb_load_s;
    SELECT * INTO bad FROM pekefb_load_s s
    WHERE s.ind <> trunc(s.ind) OR s.reg <> trunc(s.reg) OR s.year <> trunc(s.year) OR s.year NOT BETWEEN 1900 AND 2200
       OR s.gender <> ALL (ARRAY['total', 'male', 'female'])
    ORDER BY s.line LIMIT 1;
    IF FOUND THEN
        IF bad.gender <> ALL (ARRAY['total', 'male', 'female']) THEN
            RAISE EXCEPTION 'invalid gender "%" on % %', bad.gender, unit, bad.line USING ERRCODE = '22023',
                DETAIL = 'Expected total, male or female.';
        END IF;
        RAISE EXCEPTION 'invalid Sotkanet row on % %: indicator %, region %, year %', unit, bad.line, bad.ind, bad.reg, bad.year
            USING ERRCODE = '22003', DETAIL = 'Expected whole numbers for indicator and region ids and a year between 1900 and 2200.';
    END IF;
    -- rows without any value are published by Sotkanet for suppressed figures: skipped
    DELETE FROM pekefb_load_s s WHERE s.value IS NULL AND s.abs_value IS NULL;
    SELECT s.ind, s.reg, s.year, s.gender, array_agg(s.line ORDER BY s.line) AS lines INTO bad
    FROM pekefb_load_s s GROUP BY 1, 2, 3, 4 HAVING count(*) > 1 ORDER BY min(s.line) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'duplicate Sotkanet row on %s %', unit, array_to_string(bad.lines, ', ') USING ERRCODE = '22P04',
            DETAIL = format('Indicator %s, region %s, year %s, gender %s appears more than once.', bad.ind, bad.reg, bad.year, bad.gender);
    END IF;
    WITH up AS (
        INSERT INTO @region@.reference_values AS t (sotkanet_indicator, sotkanet_region, year, gender, value, abs_value)
        SELECT s.ind::integer, s.reg::integer, s.year::integer, s.gender, s.value, s.abs_value
        FROM pekefb_load_s s
        JOIN @region@.reference_indicators ri ON ri.sotkanet_indicator = s.ind
        JOIN @region@.reference_areas ra ON ra.sotkanet_region = s.reg
        ON CONFLICT (sotkanet_indicator, sotkanet_region, year, gender) DO UPDATE
            SET value = EXCLUDED.value, abs_value = EXCLUDED.abs_value, loaded_at = loaded
            WHERE t.value IS DISTINCT FROM EXCLUDED.value OR t.abs_value IS DISTINCT FROM EXCLUDED.abs_value
        RETURNING (t.xmax::text = '0') AS fresh)
    SELECT count(*) FILTER (WHERE up.fresh), count(*) FILTER (WHERE NOT up.fresh) INTO n_ins, n_upd FROM up;
    SELECT total - count(*) INTO n_skip FROM pekefb_load_s s
    JOIN @region@.reference_indicators ri ON ri.sotkanet_indicator = s.ind
    JOIN @region@.reference_areas ra ON ra.sotkanet_region = s.reg;
    DROP TABLE pekefb_load_rows, pekefb_load_s;
    RETURN QUERY SELECT n_ins, n_upd, total - n_skip - n_ins - n_upd, n_skip;
END
$fn$;
COMMENT ON FUNCTION @region@.load_sotkanet(text) IS
    'loads THL Sotkanet data (JSON rows or ;-separated CSV) into reference_values for the mapped indicators and areas, all or nothing; returns inserted, updated, unchanged, skipped (unmapped or empty rows)';

-- national_comparison: the region's own figure beside the nation's and every other area's.
CREATE VIEW @region@.national_comparison WITH (security_invoker = true) AS
SELECT ri.indicator_code,
       own.organization_code,
       pekefb.localized(ra.name_fi, COALESCE(ra.name_sv, ra.name_fi), ra.name_fi) AS area_name,
       pg_catalog.make_date(v.year, 1, 1) AS period_start,
       pg_catalog.make_date(v.year, 12, 31) AS period_end,
       v.year,
       v.gender,
       ra.code AS area_code,
       ra.category AS area_category,
       (ra.sotkanet_region OPERATOR(pg_catalog.=) own.sotkanet_region) AS is_own_area,
       (v.value OPERATOR(pg_catalog.*) ri.factor) AS area_value,
       v.abs_value AS area_abs_value,
       om.value AS own_value,
       (ov.value OPERATOR(pg_catalog.*) ri.factor) AS own_reference_value,
       (nv.value OPERATOR(pg_catalog.*) ri.factor) AS national_value,
       ri.sotkanet_indicator
FROM @region@.reference_values v
JOIN @region@.reference_indicators ri ON ri.sotkanet_indicator OPERATOR(pg_catalog.=) v.sotkanet_indicator
JOIN @region@.reference_areas ra ON ra.sotkanet_region OPERATOR(pg_catalog.=) v.sotkanet_region
CROSS JOIN @region@.reference_areas own
LEFT JOIN @region@.reference_values ov
       ON ov.sotkanet_indicator OPERATOR(pg_catalog.=) v.sotkanet_indicator AND ov.sotkanet_region OPERATOR(pg_catalog.=) own.sotkanet_region
      AND ov.year OPERATOR(pg_catalog.=) v.year AND ov.gender OPERATOR(pg_catalog.=) v.gender
-- the own figure by a join, not a correlated subquery (Citus cannot plan a correlated
-- subquery beside reference tables)
LEFT JOIN (SELECT m.indicator_code, m.organization_code, m.period_start, m.period_end, pekefb.value(m.value) AS value
           FROM @region@.measurements m) om
       ON om.indicator_code OPERATOR(pg_catalog.=) ri.indicator_code AND om.organization_code OPERATOR(pg_catalog.=) own.organization_code
      AND om.period_start OPERATOR(pg_catalog.=) pg_catalog.make_date(v.year, 1, 1)
      AND om.period_end OPERATOR(pg_catalog.=) pg_catalog.make_date(v.year, 12, 31)
LEFT JOIN LATERAL (
    SELECT n.value FROM @region@.reference_values n
    JOIN @region@.reference_areas na ON na.sotkanet_region OPERATOR(pg_catalog.=) n.sotkanet_region AND na.category OPERATOR(pg_catalog.=) 'MAA'
    WHERE n.sotkanet_indicator OPERATOR(pg_catalog.=) v.sotkanet_indicator AND n.year OPERATOR(pg_catalog.=) v.year
      AND n.gender OPERATOR(pg_catalog.=) v.gender
    ORDER BY na.sotkanet_region LIMIT 1) nv ON true
WHERE own.organization_code IS NOT NULL;
COMMENT ON VIEW @region@.national_comparison IS
    'the region''s own figures beside Sotkanet''s national and other areas'' figures: one row per indicator, own organisation (an area in reference_areas with an organization_code), year, gender and compared area; an organisation''s own_value is its own row of measurements (no sub-organisations added)';
COMMENT ON COLUMN @region@.national_comparison.indicator_code IS 'the region''s indicator (reference_indicators)';
COMMENT ON COLUMN @region@.national_comparison.organization_code IS 'the network''s own organisation compared (its area in reference_areas)';
COMMENT ON COLUMN @region@.national_comparison.area_name IS 'name of the compared area in the label language (pekefb.language; English falls back to Finnish)';
COMMENT ON COLUMN @region@.national_comparison.period_start IS 'first day of the statistical year';
COMMENT ON COLUMN @region@.national_comparison.period_end IS 'last day of the statistical year';
COMMENT ON COLUMN @region@.national_comparison.year IS 'the statistical year';
COMMENT ON COLUMN @region@.national_comparison.gender IS 'total, male or female, as Sotkanet publishes it';
COMMENT ON COLUMN @region@.national_comparison.area_code IS 'the compared area (reference_areas.code): the nation, another wellbeing area, the own area itself';
COMMENT ON COLUMN @region@.national_comparison.area_category IS 'Sotkanet''s category of the compared area: MAA, HYVINVOINTIALUE, KUNTA, ...';
COMMENT ON COLUMN @region@.national_comparison.is_own_area IS 'true on the row of the organisation''s own area';
COMMENT ON COLUMN @region@.national_comparison.area_value IS 'Sotkanet''s value of the compared area in the indicator''s convention (times reference_indicators.factor), NULL when only an absolute value is published';
COMMENT ON COLUMN @region@.national_comparison.area_abs_value IS 'Sotkanet''s absolute value of the compared area (a count), NULL when not published';
COMMENT ON COLUMN @region@.national_comparison.own_value IS 'the organisation''s own measured value of the year (measurements, value as a number; a share as a fraction of one)';
COMMENT ON COLUMN @region@.national_comparison.own_reference_value IS 'Sotkanet''s value for the organisation''s own area, in the indicator''s convention';
COMMENT ON COLUMN @region@.national_comparison.national_value IS 'Sotkanet''s value for the nation (category MAA), in the indicator''s convention';
COMMENT ON COLUMN @region@.national_comparison.sotkanet_indicator IS 'Sotkanet''s indicator id';
