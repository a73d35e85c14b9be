-- Sample region: writes the files that region.sql loads through the loaders from the rows
-- generate.sql generates: measurements.csv (the statistics unit's CSV: Finnish names, dates
-- 1.1.2025, decimal comma) and cases.csv (the client-information system's extract).  Run once
-- in an empty database with the extension, from the checkout's top directory, when
-- generate.sql changes:  psql -d scratch -f test/sample/export_files.sql
\set ON_ERROR_STOP on
\set sample_generate 1
\ir region.sql
\copy (SELECT i.name_fi AS "Indikaattori", o.name_fi AS "Kunta", to_char(m.period_start, 'FMDD.FMMM.YYYY') AS "Alku", to_char(m.period_end, 'FMDD.FMMM.YYYY') AS "Loppu", pekefb.numerator(m.value) AS "Osoittaja", pekefb.denominator(m.value) AS "Nimittäjä", CASE WHEN pekefb.denominator(m.value) IS NULL THEN replace((pekefb.value(m.value) * CASE i.unit WHEN '%' THEN 100 ELSE 1 END)::text, '.', ',') END AS "Arvo", m.source AS "Lähde" FROM region.measurements m JOIN region.indicators i ON i.code = m.indicator_code JOIN region.organizations o ON o.code = m.organization_code WHERE m.source IS DISTINCT FROM 'refresh_access_measurements' ORDER BY m.period_start, i.name_fi, o.kind DESC, o.name_fi) TO 'test/sample/measurements.csv' WITH (FORMAT csv, DELIMITER ';', HEADER)
\copy (SELECT 'E' || to_char(row_number() OVER (ORDER BY c.started, c.case_id), 'FM000000') AS "Asiatunnus", CASE c.indicator_code WHEN 'ls-7arkipv' THEN 'Lastensuojeluasia' WHEN 'pta-3kk' THEN 'Palvelutarpeen arviointi' ELSE 'Mielenterveys, kiireetön hoito' END AS "Asiatyyppi", o.name_fi AS "Kunta", to_char(c.started, 'FMDD.FMMM.YYYY') AS "Vireille", to_char(c.finished, 'FMDD.FMMM.YYYY') AS "Ratkaistu" FROM region.cases c JOIN region.organizations o ON o.code = c.organization_code ORDER BY c.started, c.case_id) TO 'test/sample/cases.csv' WITH (FORMAT csv, DELIMITER ';', HEADER)
