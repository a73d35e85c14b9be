-- The demo's dashboard: the region's indicators for the latest year against the plan's
-- targets, the municipalities on the key access indicator, access by quarter, and
-- feedback next to the indicators.  Reads only the views, as a BI tool would.
\pset footer off
\pset null '–'
SELECT max(period_end) AS latest_end,
       date_trunc('year', max(period_end))::date AS latest_start,
       extract(year FROM max(period_end))::int AS latest_year
FROM region.indicator_status \gset

\echo
\echo '  pekefb — Keski-Pohjanmaan hyvinvointialue (Soite): indikaattorit ja tavoitteet vuonna ':latest_year
\echo
SELECT indicator_name AS "indikaattori",
       CASE unit WHEN '%' THEN to_char(100 * value, 'FM990.0') || ' %'
                 WHEN 'd' THEN to_char(value, 'FM99990.0') || ' pv'
                 ELSE to_char(value, 'FM9999999990') END AS "toteuma",
       value_text AS "luvut",
       COALESCE(target_text, '') AS "tavoite",
       to_char(attainment, 'FM990.00') AS "saavutus",
       status_label AS "tila",
       CASE WHEN change > 0 THEN '↑' WHEN change < 0 THEN '↓' WHEN change = 0 THEN '→' ELSE '' END AS "muutos"
FROM region.indicator_status
WHERE organization_code = 'soite'
  AND period_start >= :'latest_start' AND period_end <= :'latest_end'
  AND period_end - period_start > 300
ORDER BY theme, indicator_code;

\echo '  Kunnittain: lapsen ja perheen palvelutarpeen arviointi määräajassa'
SELECT organization_name AS "kunta", value_text AS "ajoissa/valmistuneet",
       to_char(100 * value, 'FM990.0') || ' %' AS "osuus", target_text AS "tavoite", status_label AS "tila"
FROM region.indicator_status s
JOIN region.organizations o ON o.code = s.organization_code AND o.kind = 'municipality'
WHERE indicator_code = 'pta-3kk' AND period_start = :'latest_start' AND period_end = :'latest_end'
ORDER BY denominator DESC;

\echo '  Määräajat neljänneksittäin (koko alue)'
SELECT indicator_name AS "indikaattori", to_char(period_start, 'YYYY-"Q"Q') AS "nelj.",
       cases AS "tapaukset", on_time AS "ajoissa", late AS "myöhässä", open_past_due AS "avoinna yli",
       to_char(100 * rate, 'FM990.0') || ' %' AS "osuus", median_wait AS "mediaani pv", p90_wait AS "p90 pv"
FROM region.access_summary
WHERE organization_code = 'soite' AND includes_sub_organizations AND period_kind = 'quarter'
  AND period_start >= :'latest_start'
ORDER BY indicator_code, period_start;

\echo '  Palaute indikaattorien rinnalla'
SELECT organization_name AS "organisaatio",
       indicators_met || '/' || indicators_with_target AS "tavoitteet",
       responses AS "vastauksia", round(nps::numeric) AS "NPS", top_themes AS "yleisimmät teemat"
FROM region.organization_overview
WHERE period_start = :'latest_start' AND NOT includes_sub_organizations
  AND (responses > 0 OR indicators_with_target > 0)
ORDER BY responses DESC, organization_name;

\echo '  Kommenttien teemat (alueen sanasto), koko alue'
SELECT theme_label AS "teema", sum(mentions) AS "mainintoja", sum(comments) AS "kommentteja"
FROM region.theme_summary
WHERE organization_code = 'soite' AND includes_sub_organizations AND period_kind = 'year'
  AND period_start = :'latest_start' AND source = 'lexicon' AND NOT suppressed
GROUP BY theme_label ORDER BY 2 DESC, 1;

\echo '  Tietojen laatu'
SELECT problem AS "ongelma", count(*) AS "rivejä" FROM region.data_quality GROUP BY 1 ORDER BY 1;
