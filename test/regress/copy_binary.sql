-- copy_binary(src, dst), shared by the regression tests: \i test/regress/copy_binary.sql
-- copy_binary(src, dst): copies every row of table src into table dst through COPY's binary
-- format without any file: the COPY BINARY stream (header, one tuple per row, each column
-- as its type's send() output, trailer) is built in SQL and read back with
-- COPY dst FROM PROGRAM (base64 -d), so the receive functions of dst's column types parse
-- exactly what the send functions of src's wrote.  Nothing is written to disk.
CREATE FUNCTION pg_temp.copy_binary(src regclass, dst regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    fields text;
    ncols int;
    stream bytea;
BEGIN
    SELECT string_agg(format('CASE WHEN %1$I IS NULL THEN int4send(-1) '
                             'ELSE int4send(length(%2$s(%1$I))) || %2$s(%1$I) END',
                             a.attname, t.typsend::regproc::text), ' || ' ORDER BY a.attnum),
           count(*)
      INTO fields, ncols
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = src AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE format('SELECT coalesce(string_agg(int2send(%s::int2) || %s, ''''::bytea), ''''::bytea) FROM %s',
                   ncols, fields, src) INTO stream;
    stream := '\x5047434f50590aff0d0a00'::bytea || int4send(0) || int4send(0)
              || stream || int2send((-1)::int2);
    EXECUTE format('COPY %s FROM PROGRAM %L (FORMAT binary)', dst,
                   format('printf %%s %s | base64 -d', replace(encode(stream, 'base64'), E'\n', '')));
END $$;
