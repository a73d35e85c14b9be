-- The name of the setting that forces parallel plans, shared by the parallel tests:
-- \i test/regress/parallel.sql, then SET :force_parallel = on. It is force_parallel_mode up
-- to PostgreSQL 15 and debug_parallel_query from 16 on; one expected file serves both.
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
            THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END AS force_parallel \gset
