-- test/bench/timing.sql: the one timing method of the benchmarks in test/bench/, loaded into
-- each benchmark database (schema bench).
--
-- The build machine is shared: a neighbour's slow spell can stretch every query for tens of
-- seconds, so one query's best time and another's, taken minutes apart, do not make a fair
-- ratio.  bench.compare runs the queries to be compared in turn, round after round, and takes
-- each ratio within a round (the queries of a round run back to back, so a slow spell hits
-- them alike); the ratio reported is the median over the rounds.  Times are executor times
-- (EXPLAIN (ANALYZE, TIMING OFF)), so planning, network and client are left out.

CREATE SCHEMA bench;

-- One execution time of q in ms.  setting ('name=value', or '' for none) is in force for this
-- run only.
CREATE FUNCTION bench.run_ms(q text, setting text DEFAULT '') RETURNS double precision
LANGUAGE plpgsql AS $$
DECLARE
    plan json;
    name text := split_part(setting, '=', 1);
    old text;
BEGIN
    IF setting <> '' THEN
        old := current_setting(name);
        PERFORM set_config(name, substr(setting, length(name) + 2), false);
    END IF;
    EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
    IF setting <> '' THEN
        PERFORM set_config(name, old, false);
    END IF;
    RETURN (plan -> 0 ->> 'Execution Time')::double precision;
END $$;

-- bench.compare(queries, settings, rounds): one warm-up run of every query, then `rounds`
-- rounds that run every query once, in order.  One row per query (i = its position):
--   best_ms    its fastest run;
--   vs_first   median over the rounds of (its time / the first query's time in that round);
--   vs_prev    median over the rounds of (its time / the previous query's time in that round).
-- settings[i] (optional) is bench.run_ms's setting for query i.
CREATE FUNCTION bench.compare(queries text[], settings text[] DEFAULT '{}', rounds int DEFAULT 7)
RETURNS TABLE (i int, best_ms double precision, vs_first double precision, vs_prev double precision)
LANGUAGE plpgsql AS $$
DECLARE
    n int := array_length(queries, 1);
    t double precision[];
BEGIN
    IF to_regclass('pg_temp.bench_runs') IS NULL THEN
        CREATE TEMP TABLE bench_runs (round int, q int, ms double precision);
    END IF;
    DELETE FROM bench_runs;
    FOR r IN 0..rounds LOOP
        t := '{}';
        FOR k IN 1..n LOOP
            t := t || bench.run_ms(queries[k], coalesce(settings[k], ''));
        END LOOP;
        IF r > 0 THEN				-- round 0 is the warm-up
            INSERT INTO bench_runs SELECT r, k, t[k] FROM generate_series(1, n) k;
        END IF;
    END LOOP;
    RETURN QUERY
    SELECT x.q, min(x.ms),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ms / f.ms),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ms / p.ms)
    FROM bench_runs x
    JOIN bench_runs f ON f.round = x.round AND f.q = 1
    JOIN bench_runs p ON p.round = x.round AND p.q = greatest(x.q - 1, 1)
    GROUP BY x.q ORDER BY x.q;
END $$;
