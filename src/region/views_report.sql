-- follow_up_report: the steering group's follow-up report (seurantaraportti) for an
-- organisation with its sub-organisations and a period, as one self-contained HTML document
-- (inline CSS and SVG, no JavaScript, A4-printable) or as Markdown, in Finnish, Swedish or
-- English (doc/report.md).
--
-- Every figure is read from a view of the region, never recomputed from the tables, so it
-- is suppressed exactly as the view suppresses it; the functions are SECURITY INVOKER, so
-- row-level security applies to whoever calls the report.  The report is a set of section
-- functions, each reading one view (or a small set): _report_summary (organization_overview),
-- _report_indicators (indicator_status), _report_access (access_summary, and
-- indicator_status for the target), _report_feedback (feedback_summary),
-- _report_themes (feedback_theme_summary), _report_comments (feedback_comments),
-- _report_development (development_status), _report_quality (data_quality) and
-- _report_rules (the suppression rules).  A section whose view does not exist in this
-- region is left out.  Every figure cell of the HTML carries its view, keys, column and
-- exact value as data-* attributes (test/client/report.sh compares them with the views).

-- _report_label: every text of the report in fi, sv and en (the one translation table).
-- An unknown key comes back as itself, so a missing label is visible, never empty.
CREATE FUNCTION @region@._report_label(key text, lang text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT COALESCE((
    SELECT CASE lang WHEN 'sv' THEN t.sv WHEN 'en' THEN t.en ELSE t.fi END
    FROM (VALUES
        ('title', 'Seurantaraportti', 'Uppföljningsrapport', 'Follow-up report'),
        ('period', 'Kausi', 'Period', 'Period'),
        ('organization', 'Organisaatio', 'Organisation', 'Organisation'),
        ('with_sub', 'alaorganisaatioineen', 'med underorganisationer', 'with its sub-organisations'),
        ('generated', 'Laadittu', 'Upprättad', 'Generated'),
        ('region', 'Alue', 'Område', 'Region'),
        ('contents', 'Sisältö', 'Innehåll', 'Contents'),
        ('sec_summary', 'Yhteenveto', 'Sammanfattning', 'Summary'),
        ('sec_indicators', 'Indikaattorit ja tavoitteet', 'Indikatorer och mål', 'Indicators and targets'),
        ('sec_missing', 'Tavoitteen alittavat kunnat ja yksiköt', 'Kommuner och enheter som inte når målet', 'Municipalities and units that miss the target'),
        ('sec_access', 'Palvelujen saatavuus lakisääteisissä määräajoissa', 'Tillgång inom lagstadgade tidsfrister', 'Access within statutory deadlines'),
        ('sec_development', 'Kehittämistyön eteneminen', 'Utvecklingsarbetets framsteg', 'Development work'),
        ('sec_feedback', 'Asiakas-, henkilöstö- ja kumppanipalaute', 'Klient-, personal- och partnerrespons', 'Client, staff and partner feedback'),
        ('sec_nps', 'Suositteluindeksi (NPS) neljänneksittäin', 'Rekommendationsindex (NPS) per kvartal', 'Recommendation score (NPS) by quarter'),
        ('sec_statements', 'Väittämät: samaa mieltä olevien osuus', 'Påståenden: andel som instämmer', 'Statements: share agreeing'),
        ('sec_themes', 'Palautteen yleisimmät teemat', 'Vanligaste teman i responsen', 'Top themes of the feedback'),
        ('sec_comments', 'Poimintoja avoimista vastauksista', 'Urval av fritextsvar', 'Selected comments'),
        ('sec_quality', 'Tietojen laatu', 'Datakvalitet', 'Data quality'),
        ('sec_rules', 'Tietosuoja- ja laskentasäännöt', 'Regler för dataskydd och beräkning', 'Suppression and calculation rules'),
        ('indicator', 'Indikaattori', 'Indikator', 'Indicator'),
        ('value', 'Toteuma', 'Utfall', 'Value'),
        ('figures', 'Luvut', 'Tal', 'Figures'),
        ('target', 'Tavoite', 'Mål', 'Target'),
        ('status', 'Tila', 'Status', 'Status'),
        ('attainment', 'Saavutus', 'Måluppfyllelse', 'Attainment'),
        ('trend', 'Kehitys', 'Utveckling', 'Trend'),
        ('previous', 'Edellinen kausi', 'Föregående period', 'Previous period'),
        ('unit', 'Kunta tai yksikkö', 'Kommun eller enhet', 'Municipality or unit'),
        ('units_missing', 'Alittavat kunnat ja yksiköt (toteuma), heikoin ensin', 'Kommuner och enheter under målet (utfall), svagast först', 'Municipalities and units below the target (value), weakest first'),
        ('met', 'saavutettu', 'uppnått', 'met'),
        ('missed', 'ei saavutettu', 'inte uppnått', 'missed'),
        ('no target', 'ei tavoitetta', 'inget mål', 'no target'),
        ('target_pending', 'tavoitetaso määritellään myöhemmin', 'målnivån fastställs senare', 'target level to be set'),
        ('year_to_date', 'vuoden kertymä', 'hittills i år', 'year to date'),
        ('none_missing', 'Yksikään kunta tai yksikkö ei alittanut tavoitetta (niiden luvuista, jotka on ladattu).', 'Ingen kommun eller enhet underskred målet (av de tal som laddats).', 'No municipality or unit missed its target (of the figures loaded).'),
        ('no_rows', 'Ei tietoja tältä kaudelta.', 'Inga uppgifter för perioden.', 'No figures for the period.'),
        ('cases', 'Tapauksia', 'Ärenden', 'Cases'),
        ('on_time', 'Ajoissa', 'I tid', 'On time'),
        ('late', 'Myöhässä', 'Försenade', 'Late'),
        ('open_past_due', 'Avoinna, määräaika ylittynyt', 'Öppna, tidsfristen överskriden', 'Open past due'),
        ('open_within', 'Avoinna määräajassa', 'Öppna inom tidsfristen', 'Open within the limit'),
        ('rate', 'Määräajassa', 'Inom tidsfristen', 'Within the limit'),
        ('median', 'Mediaani', 'Median', 'Median'),
        ('p90', '90. persentiili', '90:e percentilen', '90th percentile'),
        ('wait_days', 'odotus, pv', 'väntetid, dagar', 'wait, days'),
        ('deadline', 'Määräaika', 'Tidsfrist', 'Deadline'),
        ('judged_on', 'Avoimet tapaukset arvioitu päivänä', 'Öppna ärenden bedömda dagen', 'Open cases judged on'),
        ('access_note', 'Kausi määräytyy indikaattorin laskentaperusteen mukaan (vireilletulo- tai valmistumispäivä); hoitotakuu kuukausittain, muut THL:n puolivuosittain (1.4.–30.9., 1.10.–31.3.) kun raportin kausi kattaa niitä kaksi tai useamman, muuten neljänneksittäin. Osuus = ajoissa / (ajoissa + myöhässä + avoinna yli määräajan).', 'Perioden följer indikatorns beräkningsgrund (dagen ärendet inleddes eller blev klart); vårdgarantin per månad, övriga per THL-halvår (1.4–30.9, 1.10–31.3) när rapportperioden omfattar två eller fler, annars per kvartal. Andel = i tid / (i tid + försenade + öppna efter tidsfristen).', 'The period follows the indicator''s counting basis (the day the matter became pending or was done); the care guarantee by month, the others by THL half-year (1.4.–30.9., 1.10.–31.3.) where the report''s period holds two or more of them, else by quarter. Rate = on time / (on time + late + open past due).'),
        ('responses', 'Vastauksia', 'Svar', 'Responses'),
        ('nps', 'NPS', 'NPS', 'NPS'),
        ('comments', 'Avoimia vastauksia', 'Fritextsvar', 'Comments'),
        ('top_themes', 'Yleisimmät teemat', 'Vanligaste teman', 'Top themes'),
        ('indicators_met', 'Tavoitteet saavutettu', 'Mål uppnådda', 'Targets met'),
        ('share_met', 'Osuus saavutettu', 'Andel uppnådda', 'Share met'),
        ('year', 'Vuosi', 'År', 'Year'),
        ('role', 'Vastaajaryhmä', 'Svarsgrupp', 'Respondents'),
        ('service', 'Palvelu', 'Tjänst', 'Service'),
        ('quarter', 'Neljännes', 'Kvartal', 'Quarter'),
        ('latest_quarter', 'viimeisin neljännes', 'senaste kvartal', 'latest quarter'),
        ('change_note', 'Nuoli: muutos edellisestä neljänneksestä.', 'Pil: förändring från föregående kvartal.', 'Arrow: change from the previous quarter.'),
        ('theme', 'Teema', 'Tema', 'Theme'),
        ('mentions', 'mainintoja', 'omnämnanden', 'mentions'),
        ('nps_trend', 'NPS vuosittain', 'NPS per år', 'NPS by year'),
        ('role_parent', 'vanhemmat', 'föräldrar', 'parents'),
        ('role_client', 'asiakkaat', 'klienter', 'clients'),
        ('role_child', 'lapset ja nuoret', 'barn och unga', 'children and young people'),
        ('role_staff', 'henkilöstö', 'personal', 'staff'),
        ('role_partner', 'yhteistyökumppanit', 'samarbetspartner', 'partners'),
        ('role_none', 'ei ilmoitettu', 'inte angiven', 'not given'),
        ('item_easy', 'Asiointi oli helppoa', 'Det var lätt att uträtta ärenden', 'Easy to use'),
        ('item_helped', 'Sain apua', 'Jag fick hjälp', 'Got help'),
        ('item_safe', 'Olo oli turvallinen', 'Jag kände mig trygg', 'Felt safe'),
        ('item_useful', 'Palvelu oli hyödyllistä', 'Tjänsten var nyttig', 'Useful'),
        ('item_understood', 'Tieto oli ymmärrettävää', 'Informationen var begriplig', 'Understandable'),
        ('legend_line', 'Kaaviot: yhtenäinen viiva ja täytetyt pallot = toteuma, katkoviiva = tavoite; pystyakselilla yksikkö, vaaka-akselilla kausi.', 'Diagram: heldragen linje och fyllda punkter = utfall, streckad linje = mål; enheten på den lodräta axeln, perioden på den vågräta.', 'Charts: solid line and filled dots = value, dashed line = target; unit on the vertical axis, period on the horizontal axis.'),
        ('legend_bars', 'Pylväs = määräajassa-osuus, katkoviiva = tavoite; ympyrä = odotuksen mediaani, neliö = 90. persentiili, katkoviiva = määräaika (kalenteripäivinä).', 'Stapel = andel inom tidsfristen, streckad linje = mål; cirkel = medianväntetid, kvadrat = 90:e percentilen, streckad linje = tidsfristen (kalenderdagar).', 'Bar = share within the limit, dashed line = target; circle = median wait, square = 90th percentile, dashed line = the deadline (calendar days).'),
        ('chart_rate', 'Määräajassa-osuus kausittain', 'Andel inom tidsfristen per period', 'Share within the limit by period'),
        ('chart_waits', 'Odotusajan jakauma kausittain', 'Väntetidens fördelning per period', 'Wait distribution by period'),
        ('chart_trend', 'Kehitys edellisiin kausiin', 'Utveckling jämfört med tidigare perioder', 'Trend over the previous periods'),
        ('suppressed', 'piilotettu: liian pieni ryhmä', 'dold: för liten grupp', 'hidden: group too small'),
        ('markdown_charts', 'Kaaviot ovat HTML-versiossa; tässä kehitys on merkkijonona (▁…█, vanhin ensin).', 'Diagrammen finns i HTML-versionen; här visas utvecklingen som tecken (▁…█, äldst först).', 'The charts are in the HTML version; here the trend is shown as characters (▁…█, oldest first).'),
        ('dev_item', 'Toimenpide', 'Åtgärd', 'Action'),
        ('dev_due', 'Tavoitevaihe ja määräpäivä', 'Målfas och förfallodag', 'Stage due and date'),
        ('dev_reached', 'Saavutettu vaihe', 'Uppnådd fas', 'Stage reached'),
        ('dev_assessment', 'Viimeisin arvio', 'Senaste bedömning', 'Latest assessment'),
        ('dev_indicators', 'Mittarit', 'Indikatorer', 'Indicators'),
        ('dev_behind', 'Aikataulusta jäljessä', 'Efter tidsplanen', 'Behind schedule'),
        ('dev_on_schedule', 'Kaikki toimenpiteet ovat aikataulussa.', 'Alla åtgärder följer tidsplanen.', 'All actions are on schedule.'),
        ('dq_problem', 'Puute', 'Brist', 'Problem'),
        ('dq_detail', 'Syy', 'Orsak', 'Reason'),
        ('dq_due', 'Määräpäivä', 'Förfallodag', 'Due'),
        ('dq_responsible', 'Vastuutaho', 'Ansvarig', 'Responsible'),
        ('dq_none', 'Kaudelta ei puutu tietoja.', 'Inga uppgifter saknas för perioden.', 'Nothing is missing or late for the period.'),
        ('comments_none', 'Ei avoimia vastauksia, jotka sinulla on oikeus nähdä.', 'Inga fritextsvar som du har rätt att se.', 'No comments that you are allowed to see.'),
        ('comments_note', 'Enintään kolme tuoreinta vastausta kustakin tavoitteen alittavasta yksiköstä; vain oman organisaation lukijoille (rivitason suojaus).', 'Högst tre av de senaste svaren från varje enhet som inte når målet; endast för läsare i den egna organisationen (radnivåskydd).', 'At most three recent comments from each unit that misses a target; shown only to readers of that unit (row-level security).'),
        ('received', 'Saapunut', 'Mottagen', 'Received'),
        ('comment', 'Vastaus', 'Svar', 'Comment'),
        ('rule_min', 'Luku piilotetaan, kun se on laskettu alle %s vastaajasta tai tapauksesta (1 ≤ n < %s); se näytetään muodossa ”< %s”. Nolla näytetään nollana.', 'Ett tal döljs när det är beräknat på färre än %s svarande eller ärenden (1 ≤ n < %s); det visas som ”< %s”. Noll visas som noll.', 'A figure is hidden when it is computed over fewer than %s respondents or cases (1 ≤ n < %s); it is shown as “< %s”. Zero is shown as zero.'),
        ('rule_views', 'Jokainen luku on luettu alueen näkymästä sellaisenaan, eikä raportti laske lukuja uudelleen: näkymien piilotussäännöt pätevät siis raporttiin sellaisinaan.', 'Varje tal läses som sådant ur områdets vyer; rapporten räknar inte om något, så vyernas regler för att dölja tal gäller som de är.', 'Every figure is read as it is from the region''s views; the report recomputes nothing, so the views'' suppression rules apply unchanged.'),
        ('rule_indicator', 'Indikaattorit (indicator_status): luvut sellaisina kuin ne on ladattu tai julkaistu (esim. THL, Sotkanet); organisaation rivi sisältää sen alaorganisaatiot.', 'Indikatorer (indicator_status): talen som de laddats eller publicerats (t.ex. THL, Sotkanet); organisationens rad omfattar dess underorganisationer.', 'Indicators (indicator_status): figures as loaded or published (e.g. THL, Sotkanet); an organisation''s row includes its sub-organisations.'),
        ('rule_access', 'Saatavuus (access_summary): kauden luvut piilotetaan, kun tapauksia on alle %s.', 'Tillgång (access_summary): periodens tal döljs när ärendena är färre än %s.', 'Access (access_summary): a period''s figures are hidden when it has fewer than %s cases.'),
        ('rule_feedback', 'Palaute (feedback_summary): ryhmän luvut piilotetaan, kun vastauksia on alle %s; NPS tai väittämä piilotetaan myös, kun siihen on vastannut alle %s.', 'Respons (feedback_summary): gruppens tal döljs när svaren är färre än %s; NPS eller ett påstående döljs också när färre än %s har besvarat det.', 'Feedback (feedback_summary): a group''s figures are hidden when it has fewer than %s responses; an NPS or statement figure is also hidden when fewer than %s answered it.'),
        ('rule_themes', 'Teemat (feedback_theme_summary): maininnat piilotetaan, kun neljänneksen vastauksia on alle %s.', 'Teman (feedback_theme_summary): omnämnanden döljs när kvartalets svar är färre än %s.', 'Themes (feedback_theme_summary): mentions are hidden when the quarter has fewer than %s responses.'),
        ('rule_overview', 'Yhteenveto (organization_overview): palauteluvut piilotetaan, kun vuoden vastauksia on 1–%s.', 'Sammanfattning (organization_overview): responstalen döljs när årets svar är 1–%s.', 'Summary (organization_overview): the feedback figures are hidden when the year has 1–%s responses.'),
        ('rule_comments', 'Avoimia vastauksia ei näytetä vertailunäkymissä; raportti näyttää ne vain lukijalle, jolla on oikeus yksikön omiin tietoihin.', 'Fritextsvar visas aldrig i jämförelsevyer; rapporten visar dem endast för läsare med rätt till enhetens egna uppgifter.', 'Comments appear in no benchmark view; the report shows them only to a reader with the right to the unit''s own data.'),
        ('rule_rls', 'Raportti ajetaan lukijan oikeuksin (SECURITY INVOKER): rivitason suojaus rajaa sen siihen, mitä lukija saa nähdä.', 'Rapporten körs med läsarens rättigheter (SECURITY INVOKER): radnivåskyddet begränsar den till det läsaren får se.', 'The report runs with the reader''s rights (SECURITY INVOKER): row-level security limits it to what the reader may see.'),
        ('rule_rounding', 'Luvut pyöristetään vasta esitettäessä (osuudet 0,1 prosenttiyksikköön, NPS kokonaislukuun); tarkat arvot ovat HTML-version data-value-määritteissä.', 'Talen avrundas först vid presentationen (andelar till 0,1 procentenhet, NPS till heltal); de exakta värdena finns i HTML-versionens data-value-attribut.', 'Figures are rounded only for display (shares to 0.1 percentage points, NPS to an integer); the exact values are in the data-value attributes of the HTML version.'),
        ('days', 'pv', 'd', 'd')
    ) AS t (k, fi, sv, en)
    WHERE t.k OPERATOR(pg_catalog.=) key), key)
$fn$;
COMMENT ON FUNCTION @region@._report_label(text, text) IS
    'follow_up_report: the text of a label in fi, sv or en (the report''s one translation table); an unknown key returns itself';

-- _report_escape: a text from the data made safe for the format: HTML entities for
-- & < > " ' (html), backslash escapes for the characters Markdown gives a meaning to and
-- line breaks as spaces (markdown).  NULL becomes the empty string.
CREATE FUNCTION @region@._report_escape(t text, fmt text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE
    WHEN t IS NULL THEN ''
    WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN
        pg_catalog.regexp_replace(pg_catalog.regexp_replace(pg_catalog.regexp_replace(
            t, '([\\`*_\[\]|#~])', '\\\1', 'g'), '([<&])(?=[A-Za-z0-9/!?#])', '\\\1', 'g'),
            '[[:cntrl:]]+', ' ', 'g')
    ELSE
        pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
            t, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
END
$fn$;
COMMENT ON FUNCTION @region@._report_escape(text, text) IS
    'follow_up_report: a text from the data escaped for html (entities) or markdown (backslashes); NULL gives the empty string';

-- _report_number: a figure for display, rounded for reading only: a share (unit %) as a
-- percentage with one decimal, days with one decimal, other numbers with the given
-- decimals (none for a whole number); decimal comma in fi and sv, point in en.  NULL
-- stays NULL.
CREATE FUNCTION @region@._report_number(x double precision, unit text, lang text, decimals integer DEFAULT 1)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN n.s IS NULL THEN NULL
            ELSE pg_catalog.concat(CASE WHEN lang OPERATOR(pg_catalog.=) 'en' THEN n.s ELSE pg_catalog.replace(n.s, '.', ',') END,
                                   CASE unit WHEN '%' THEN CASE WHEN lang OPERATOR(pg_catalog.=) 'en' THEN '%' ELSE ' %' END
                                             WHEN 'd' THEN pg_catalog.concat(' ', @region@._report_label('days', lang))
                                             ELSE '' END) END
FROM (SELECT CASE WHEN x IS NULL OR x::text OPERATOR(pg_catalog.=) ANY (ARRAY['NaN', 'Infinity', '-Infinity']) THEN x::text
                  WHEN unit OPERATOR(pg_catalog.=) '%'
                  THEN pg_catalog.round(CAST(x OPERATOR(pg_catalog.*) 100 AS numeric), GREATEST(COALESCE(decimals, 1), 0))::text
                  WHEN COALESCE(unit, '') OPERATOR(pg_catalog.=) '' AND x OPERATOR(pg_catalog.=) pg_catalog.trunc(x)
                  THEN pg_catalog.round(CAST(x AS numeric))::text
                  ELSE pg_catalog.round(CAST(x AS numeric), GREATEST(COALESCE(decimals, 1), 0))::text END AS s) n
$fn$;
COMMENT ON FUNCTION @region@._report_number(double precision, text, text, integer) IS
    'follow_up_report: a figure rounded for display (a share as a percentage), decimal comma in fi and sv';

-- _report_svgnum: a coordinate for SVG: one decimal, always with a point (numeric output
-- does not depend on lc_numeric or any other setting).
CREATE FUNCTION @region@._report_svgnum(x double precision) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.round(CAST(x AS numeric), 1)::text
$fn$;
COMMENT ON FUNCTION @region@._report_svgnum(double precision) IS
    'follow_up_report: an SVG coordinate with one decimal and a decimal point, whatever the locale';

-- _report_period: a period's label: the year, a quarter (2025 Q1), a month (3/2025) or
-- the two dates (Finnish and Swedish d.m.yyyy, English ISO).
CREATE FUNCTION @region@._report_period(s date, e date, lang text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE
    WHEN s IS NULL OR e IS NULL THEN ''
    WHEN pg_catalog.date_part('month', s::timestamp) OPERATOR(pg_catalog.=) 1
         AND pg_catalog.date_part('day', s::timestamp) OPERATOR(pg_catalog.=) 1
         AND e OPERATOR(pg_catalog.=) (CAST(s::timestamp OPERATOR(pg_catalog.+) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1)
        THEN pg_catalog.to_char(s, 'YYYY')
    WHEN pg_catalog.date_part('day', s::timestamp) OPERATOR(pg_catalog.=) 1
         AND pg_catalog.date_part('month', s::timestamp)::integer OPERATOR(pg_catalog.%) 3 OPERATOR(pg_catalog.=) 1
         AND e OPERATOR(pg_catalog.=) (CAST(s::timestamp OPERATOR(pg_catalog.+) interval '3 months' AS date) OPERATOR(pg_catalog.-) 1)
        THEN pg_catalog.to_char(s, 'YYYY "Q"Q')
    WHEN pg_catalog.date_part('day', s::timestamp) OPERATOR(pg_catalog.=) 1
         AND e OPERATOR(pg_catalog.=) (CAST(s::timestamp OPERATOR(pg_catalog.+) interval '1 month' AS date) OPERATOR(pg_catalog.-) 1)
        THEN pg_catalog.to_char(s, 'FMMM/YYYY')
    WHEN lang OPERATOR(pg_catalog.=) 'en'
        THEN pg_catalog.concat(pg_catalog.to_char(s, 'YYYY-MM-DD'), '–', pg_catalog.to_char(e, 'YYYY-MM-DD'))
    ELSE pg_catalog.concat(pg_catalog.to_char(s, 'FMDD.FMMM.YYYY'), '–', pg_catalog.to_char(e, 'FMDD.FMMM.YYYY'))
END
$fn$;
COMMENT ON FUNCTION @region@._report_period(date, date, text) IS
    'follow_up_report: the label of a period (year, quarter, month or two dates)';

-- _report_period_short: a period's label on a chart's axis: 2025, Q1/25, 3/25, or the
-- start month (4/25) of another length.
CREATE FUNCTION @region@._report_period_short(s date, e date) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE
    WHEN s IS NULL OR e IS NULL THEN ''
    WHEN pg_catalog.date_part('month', s::timestamp) OPERATOR(pg_catalog.=) 1
         AND pg_catalog.date_part('day', s::timestamp) OPERATOR(pg_catalog.=) 1
         AND e OPERATOR(pg_catalog.=) (CAST(s::timestamp OPERATOR(pg_catalog.+) interval '1 year' AS date) OPERATOR(pg_catalog.-) 1)
        THEN pg_catalog.to_char(s, 'YYYY')
    WHEN pg_catalog.date_part('day', s::timestamp) OPERATOR(pg_catalog.=) 1
         AND e OPERATOR(pg_catalog.=) (CAST(s::timestamp OPERATOR(pg_catalog.+) interval '3 months' AS date) OPERATOR(pg_catalog.-) 1)
         AND (pg_catalog.date_part('month', s::timestamp)::integer OPERATOR(pg_catalog.%) 3) OPERATOR(pg_catalog.=) 1
        THEN pg_catalog.to_char(s, '"Q"Q/YY')
    ELSE pg_catalog.to_char(s, 'FMMM/YY')
END
$fn$;
COMMENT ON FUNCTION @region@._report_period_short(date, date) IS
    'follow_up_report: the short label of a period on a chart axis';

-- _report_deadline: a statutory time limit (deadline text, e.g. 7 working days) in the
-- report's language.
CREATE FUNCTION @region@._report_deadline(deadline_text text, lang text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN lang OPERATOR(pg_catalog.=) 'en' OR deadline_text IS NULL
                 OR deadline_text OPERATOR(pg_catalog.!~) '^[0-9]+ (days?|working days?|months?)$' THEN deadline_text
            ELSE pg_catalog.concat(pg_catalog.split_part(deadline_text, ' ', 1), ' ',
                     CASE WHEN deadline_text OPERATOR(pg_catalog.~) 'working'
                          THEN CASE lang WHEN 'sv' THEN 'vardagar' ELSE 'arkipäivää' END
                          WHEN deadline_text OPERATOR(pg_catalog.~) 'month'
                          THEN CASE lang WHEN 'sv' THEN 'månader' ELSE 'kuukautta' END
                          ELSE CASE lang WHEN 'sv' THEN 'dygn' ELSE 'vrk' END END) END
$fn$;
COMMENT ON FUNCTION @region@._report_deadline(text, text) IS
    'follow_up_report: a statutory time limit in the report''s language (14 vrk, 7 arkipäivää, 3 kuukautta)';

-- _report_attrs: the data-* attributes that tie a figure of the HTML to its view row:
-- view, then key/value pairs (a NULL value gives an empty attribute), escaped.
CREATE FUNCTION @region@._report_attrs(view_name text, VARIADIC kv text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.concat(pg_catalog.format(' data-view="%s"', @region@._report_escape(view_name, 'html')),
       (SELECT pg_catalog.string_agg(pg_catalog.format(' data-%s="%s"',
                                         pg_catalog.regexp_replace(kv[i], '[^a-z0-9-]', '', 'g'),
                                         @region@._report_escape(kv[i OPERATOR(pg_catalog.+) 1], 'html')), '' ORDER BY i)
        FROM pg_catalog.generate_series(1, COALESCE(pg_catalog.array_length(kv, 1), 0), 2) AS g (i)))
$fn$;
COMMENT ON FUNCTION @region@._report_attrs(text, text[]) IS
    'follow_up_report: data-view and data-<key> attributes that name the view row of a figure';

-- _report_cell: one figure: in html a cell (or a span) with its view row's attributes,
-- the column, its exact value and its display; a suppressed figure shows "< min" and a
-- missing one "–"; in markdown the display only.
CREATE FUNCTION @region@._report_cell(fmt text, attrs text, column_name text, exact text, shown text,
                                      suppressed boolean, min_n integer, tag text DEFAULT 'td')
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN @region@._report_escape(d.shown, 'markdown')
       ELSE pg_catalog.format('<%s class="%s"%s data-column="%s" data-value="%s"%s>%s</%s>',
                              tag, CASE WHEN COALESCE(suppressed, false) AND exact IS NULL THEN 'num sup' ELSE 'num' END,
                              COALESCE(attrs, ''), @region@._report_escape(column_name, 'html'),
                              @region@._report_escape(exact, 'html'),
                              CASE WHEN COALESCE(suppressed, false) AND exact IS NULL THEN ' data-suppressed="true"' ELSE '' END,
                              @region@._report_escape(d.shown, 'html'), tag) END
FROM (SELECT CASE WHEN shown IS NOT NULL THEN shown
                  WHEN COALESCE(suppressed, false) THEN pg_catalog.concat('< ', min_n)
                  ELSE '–' END AS shown) d
$fn$;
COMMENT ON FUNCTION @region@._report_cell(text, text, text, text, text, boolean, integer, text) IS
    'follow_up_report: one figure as an html cell with its view row, column and exact value (data-*), or its markdown text';

-- _report_spark: a trend as characters for Markdown (oldest first; · for a missing value).
CREATE FUNCTION @region@._report_spark(vals double precision[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.string_agg(
           CASE WHEN v.x IS NULL THEN '·'
                WHEN r.hi OPERATOR(pg_catalog.=) r.lo THEN '▄'
                ELSE pg_catalog.substr('▁▂▃▄▅▆▇█',
                         1 OPERATOR(pg_catalog.+) pg_catalog.floor((v.x OPERATOR(pg_catalog.-) r.lo)
                             OPERATOR(pg_catalog./) (r.hi OPERATOR(pg_catalog.-) r.lo) OPERATOR(pg_catalog.*) 7.999)::integer, 1) END,
           '' ORDER BY v.i)
FROM pg_catalog.unnest(vals) WITH ORDINALITY AS v (x, i)
CROSS JOIN (SELECT pg_catalog.min(u.x) AS lo, pg_catalog.max(u.x) AS hi FROM pg_catalog.unnest(vals) AS u (x)) r
$fn$;
COMMENT ON FUNCTION @region@._report_spark(double precision[]) IS
    'follow_up_report: a trend as block characters (Markdown charts)';

-- _report_scale: where a value lies on a chart's vertical axis: lo at bottom, hi at top
-- (values outside are drawn at the edge).
CREATE FUNCTION @region@._report_scale(v double precision, lo double precision, hi double precision,
                                       top double precision, bottom double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT top OPERATOR(pg_catalog.+)
       (((bottom OPERATOR(pg_catalog.-) top) OPERATOR(pg_catalog.*) (hi OPERATOR(pg_catalog.-) LEAST(GREATEST(v, lo), hi)))
        OPERATOR(pg_catalog./) NULLIF(hi OPERATOR(pg_catalog.-) lo, 0))
$fn$;
COMMENT ON FUNCTION @region@._report_scale(double precision, double precision, double precision, double precision, double precision) IS
    'follow_up_report: the vertical SVG coordinate of a value on an axis from lo (bottom) to hi (top)';

-- _report_finite: true for a number that can be drawn (not NULL, NaN or infinite).
CREATE FUNCTION @region@._report_finite(x double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT x IS NOT NULL AND x::text OPERATOR(pg_catalog.<>) ALL (ARRAY['NaN', 'Infinity', '-Infinity'])
$fn$;
COMMENT ON FUNCTION @region@._report_finite(double precision) IS
    'follow_up_report: whether a number can be drawn (not NULL, NaN or infinite)';

-- _report_svg_line: a small line chart of a value over periods with its targets: labelled
-- axes (unit on the vertical, periods on the horizontal axis), the value as a solid line
-- with filled dots (each dot carries its view row's data-* attributes), each period's
-- target as a dashed step, so it reads in grey-scale print.  Numbers in the SVG have a
-- decimal point whatever the locale.
CREATE FUNCTION @region@._report_svg_line(labels text[], vals double precision[], targets double precision[],
                                          unit text, lang text, title text, point_attrs text[] DEFAULT NULL,
                                          fixed_lo double precision DEFAULT NULL, fixed_hi double precision DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    w constant double precision := 210;
    h constant double precision := 84;
    l constant double precision := 38;
    r constant double precision := 6;
    t constant double precision := 10;
    bottom constant double precision := 68;   -- h - 16: the horizontal axis
    n integer := COALESCE(pg_catalog.array_length(labels, 1), 0);
    k constant double precision := CASE WHEN unit OPERATOR(pg_catalog.=) '%' THEN 100 ELSE 1 END;
    lo double precision;
    hi double precision;
    span double precision;
    vmin double precision;
    step double precision;
    half double precision;
    svg text;
BEGIN
    IF n OPERATOR(pg_catalog.=) 0 THEN
        RETURN '';
    END IF;
    SELECT pg_catalog.min(u.x OPERATOR(pg_catalog.*) k), pg_catalog.max(u.x OPERATOR(pg_catalog.*) k) INTO lo, hi
    FROM (SELECT pg_catalog.unnest(vals) UNION ALL SELECT pg_catalog.unnest(targets)) AS u (x)
    WHERE @region@._report_finite(u.x);
    SELECT pg_catalog.min(u.x) INTO vmin FROM pg_catalog.unnest(vals) AS u (x) WHERE @region@._report_finite(u.x);
    IF lo IS NULL THEN
        lo := 0;
        hi := 1;
    END IF;
    IF fixed_lo IS NOT NULL THEN
        lo := fixed_lo;
    END IF;
    IF fixed_hi IS NOT NULL THEN
        hi := fixed_hi;
    END IF;
    IF hi OPERATOR(pg_catalog.<=) lo THEN
        lo := lo OPERATOR(pg_catalog.-) 1;
        hi := hi OPERATOR(pg_catalog.+) 1;
    END IF;
    IF fixed_lo IS NULL AND fixed_hi IS NULL THEN
        span := hi OPERATOR(pg_catalog.-) lo;
        lo := lo OPERATOR(pg_catalog.-) (span OPERATOR(pg_catalog.*) 0.15);
        hi := hi OPERATOR(pg_catalog.+) (span OPERATOR(pg_catalog.*) 0.15);
        IF lo OPERATOR(pg_catalog.<) 0 AND COALESCE(vmin, 0) OPERATOR(pg_catalog.>=) 0 THEN
            lo := 0;
        END IF;
    END IF;
    -- x of period i: evenly over the plot, 8 units in from each end
    step := CASE WHEN n OPERATOR(pg_catalog.=) 1 THEN 0
                 ELSE (w OPERATOR(pg_catalog.-) l OPERATOR(pg_catalog.-) r OPERATOR(pg_catalog.-) 16) OPERATOR(pg_catalog./) (n OPERATOR(pg_catalog.-) 1) END;
    half := (w OPERATOR(pg_catalog.-) l OPERATOR(pg_catalog.-) r) OPERATOR(pg_catalog./) GREATEST(n, 2) OPERATOR(pg_catalog./) 2;
    WITH p AS (
        SELECT g.i, labels[g.i] AS label, vals[g.i] OPERATOR(pg_catalog.*) k AS v, targets[g.i] OPERATOR(pg_catalog.*) k AS tv,
               point_attrs[g.i] AS attrs,
               CASE WHEN n OPERATOR(pg_catalog.=) 1 THEN l OPERATOR(pg_catalog.+) ((w OPERATOR(pg_catalog.-) l OPERATOR(pg_catalog.-) r) OPERATOR(pg_catalog./) 2)
                    ELSE l OPERATOR(pg_catalog.+) 8 OPERATOR(pg_catalog.+) ((g.i OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog.*) step) END AS x
        FROM pg_catalog.generate_series(1, n) AS g (i)
    ), py AS (
        SELECT p.*,
               CASE WHEN @region@._report_finite(p.v) THEN @region@._report_scale(p.v, lo, hi, t, bottom) END AS y,
               CASE WHEN @region@._report_finite(p.tv) THEN @region@._report_scale(p.tv, lo, hi, t, bottom) END AS ty
        FROM p
    )
    SELECT pg_catalog.concat(
        pg_catalog.format('<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="%s"><title>%s</title>',
                          w, h, w, h, @region@._report_escape(title, 'html'), @region@._report_escape(title, 'html')),
        -- the axes, the unit of the vertical one, three ticks, the periods under the horizontal one
        pg_catalog.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="0.8"/>', l, t, l, bottom),
        pg_catalog.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="0.8"/>', l, bottom, w OPERATOR(pg_catalog.-) r, bottom),
        pg_catalog.format('<text x="2" y="7" font-size="7">%s</text>',
                          @region@._report_escape(CASE unit WHEN '%' THEN '%' WHEN 'd' THEN @region@._report_label('days', lang) ELSE '' END, 'html')),
        (SELECT pg_catalog.string_agg(pg_catalog.format(
                    '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="0.3" stroke-dasharray="1 2"/><text x="%s" y="%s" font-size="7" text-anchor="end">%s</text>',
                    l, @region@._report_svgnum(tk.yy), w OPERATOR(pg_catalog.-) r, @region@._report_svgnum(tk.yy),
                    l OPERATOR(pg_catalog.-) 2, @region@._report_svgnum(tk.yy OPERATOR(pg_catalog.+) 2.5),
                    @region@._report_escape(@region@._report_number(tk.v, '', lang,
                        CASE WHEN (hi OPERATOR(pg_catalog.-) lo) OPERATOR(pg_catalog.<) 10 THEN 1 ELSE 0 END), 'html')), '' ORDER BY tk.v)
         FROM (SELECT tick.v, @region@._report_scale(tick.v, lo, hi, t, bottom) AS yy
               FROM (VALUES (lo), ((lo OPERATOR(pg_catalog.+) hi) OPERATOR(pg_catalog./) 2), (hi)) AS tick (v)) tk),
        (SELECT pg_catalog.string_agg(pg_catalog.format('<text x="%s" y="%s" font-size="7" text-anchor="middle">%s</text>',
                    @region@._report_svgnum(py.x), h OPERATOR(pg_catalog.-) 5, @region@._report_escape(py.label, 'html')), '' ORDER BY py.i)
         FROM py WHERE n OPERATOR(pg_catalog.<=) 6 OR ((n OPERATOR(pg_catalog.-) py.i) OPERATOR(pg_catalog.%) 2) OPERATOR(pg_catalog.=) 0),
        -- targets: a dashed step per period
        (SELECT pg_catalog.string_agg(pg_catalog.format('<line class="target" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="1.2" stroke-dasharray="4 2"/>',
                    @region@._report_svgnum(GREATEST(l, py.x OPERATOR(pg_catalog.-) half)), @region@._report_svgnum(py.ty),
                    @region@._report_svgnum(LEAST(w OPERATOR(pg_catalog.-) r, py.x OPERATOR(pg_catalog.+) half)), @region@._report_svgnum(py.ty)), '' ORDER BY py.i)
         FROM py WHERE py.ty IS NOT NULL),
        -- values: a solid line and filled dots
        (SELECT pg_catalog.format('<polyline fill="none" stroke="#000" stroke-width="1.5" points="%s"/>',
                    pg_catalog.string_agg(pg_catalog.concat(@region@._report_svgnum(py.x), ',', @region@._report_svgnum(py.y)), ' ' ORDER BY py.i))
         FROM py WHERE py.y IS NOT NULL HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 1),
        (SELECT pg_catalog.string_agg(pg_catalog.format('<circle class="point" cx="%s" cy="%s" r="2.5" fill="#000"%s/>',
                    @region@._report_svgnum(py.x), @region@._report_svgnum(py.y), COALESCE(py.attrs, '')), '' ORDER BY py.i)
         FROM py WHERE py.y IS NOT NULL),
        '</svg>')
    INTO svg;
    RETURN svg;
END
$fn$;
COMMENT ON FUNCTION @region@._report_svg_line(text[], double precision[], double precision[], text, text, text, text[], double precision, double precision) IS
    'follow_up_report: an inline SVG line chart of values (solid, dots) and targets (dashed steps) with labelled axes';

-- _report_svg_access: two small charts of an access indicator's periods: the share within
-- the limit as bars on 0..100 % with the target as a dashed line, and the wait
-- distribution (median as a filled circle, 90th percentile as an open square, joined by a
-- line) with a calendar-day deadline as a dashed line.  A suppressed period has no bar
-- (a dash) and no markers.
CREATE FUNCTION @region@._report_svg_access(labels text[], rates double precision[], medians double precision[],
                                            p90s double precision[], target double precision, deadline_days double precision,
                                            lang text, point_attrs text[] DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    w constant double precision := 300;
    h constant double precision := 96;
    l constant double precision := 30;
    t constant double precision := 12;
    bottom constant double precision := 80;   -- h - 16: the horizontal axis
    n integer := COALESCE(pg_catalog.array_length(labels, 1), 0);
    slot double precision;
    wmax double precision;
    ty double precision;
    axes text;
    rates_svg text;
    waits_svg text;
BEGIN
    IF n OPERATOR(pg_catalog.=) 0 THEN
        RETURN '';
    END IF;
    slot := (w OPERATOR(pg_catalog.-) l OPERATOR(pg_catalog.-) 4) OPERATOR(pg_catalog./) n;
    SELECT GREATEST(pg_catalog.max(u.x), COALESCE(deadline_days, 0), 1) OPERATOR(pg_catalog.*) 1.1 INTO wmax
    FROM pg_catalog.unnest(p90s) AS u (x) WHERE @region@._report_finite(u.x);
    wmax := COALESCE(wmax, 1.1);
    axes := pg_catalog.concat(
        pg_catalog.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="0.8"/><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="0.8"/>',
                          l, t, l, bottom, l, bottom, w OPERATOR(pg_catalog.-) 4, bottom),
        (SELECT pg_catalog.string_agg(pg_catalog.format('<text x="%s" y="%s" font-size="6.5" text-anchor="middle">%s</text>',
                     @region@._report_svgnum(l OPERATOR(pg_catalog.+) (slot OPERATOR(pg_catalog.*) (g.i OPERATOR(pg_catalog.-) 0.5))),
                     h OPERATOR(pg_catalog.-) 5, @region@._report_escape(labels[g.i], 'html')), '' ORDER BY g.i)
         FROM pg_catalog.generate_series(1, n) AS g (i)
         WHERE n OPERATOR(pg_catalog.<=) 8 OR (g.i OPERATOR(pg_catalog.%) 2) OPERATOR(pg_catalog.=) 1));

    -- the share within the limit
    ty := CASE WHEN @region@._report_finite(target) THEN @region@._report_scale(target, 0, 1, t, bottom) END;
    WITH p AS (
        SELECT g.i, rates[g.i] AS rate, point_attrs[g.i] AS attrs,
               l OPERATOR(pg_catalog.+) (slot OPERATOR(pg_catalog.*) (g.i OPERATOR(pg_catalog.-) 0.5)) AS x
        FROM pg_catalog.generate_series(1, n) AS g (i)
    )
    SELECT pg_catalog.concat(
        pg_catalog.format('<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="%s"><title>%s</title>',
                          w, h, w, h, @region@._report_escape(@region@._report_label('chart_rate', lang), 'html'),
                          @region@._report_escape(@region@._report_label('chart_rate', lang), 'html')),
        '<text x="2" y="8" font-size="7">%</text>', axes,
        (SELECT pg_catalog.string_agg(pg_catalog.format('<text x="%s" y="%s" font-size="7" text-anchor="end">%s</text><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="0.3" stroke-dasharray="1 2"/>',
                     l OPERATOR(pg_catalog.-) 2, @region@._report_svgnum(tk.yy OPERATOR(pg_catalog.+) 2.5), tk.v,
                     l, @region@._report_svgnum(tk.yy), w OPERATOR(pg_catalog.-) 4, @region@._report_svgnum(tk.yy)), '' ORDER BY tk.v)
         FROM (SELECT tick.v, @region@._report_scale(tick.v, 0, 100, t, bottom) AS yy
               FROM (VALUES (0), (50), (100)) AS tick (v)) tk),
        (SELECT pg_catalog.string_agg(CASE
                     WHEN NOT @region@._report_finite(p.rate)
                     THEN pg_catalog.format('<text x="%s" y="%s" font-size="7" text-anchor="middle">–</text>',
                                            @region@._report_svgnum(p.x), bottom OPERATOR(pg_catalog.-) 2)
                     ELSE pg_catalog.format('<rect class="bar" x="%s" y="%s" width="%s" height="%s" fill="#9a9a9a" stroke="#000" stroke-width="0.6"%s/>',
                          @region@._report_svgnum(p.x OPERATOR(pg_catalog.-) (slot OPERATOR(pg_catalog.*) 0.3)),
                          @region@._report_svgnum(@region@._report_scale(p.rate, 0, 1, t, bottom)),
                          @region@._report_svgnum(slot OPERATOR(pg_catalog.*) 0.6),
                          @region@._report_svgnum(bottom OPERATOR(pg_catalog.-) @region@._report_scale(p.rate, 0, 1, t, bottom)),
                          COALESCE(p.attrs, '')) END, '' ORDER BY p.i)
         FROM p),
        CASE WHEN ty IS NOT NULL THEN
            pg_catalog.format('<line class="target" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="1.4" stroke-dasharray="5 2"/><text x="%s" y="%s" font-size="7" text-anchor="end">%s %s</text>',
                l, @region@._report_svgnum(ty), w OPERATOR(pg_catalog.-) 4, @region@._report_svgnum(ty),
                w OPERATOR(pg_catalog.-) 4, @region@._report_svgnum(GREATEST(ty OPERATOR(pg_catalog.-) 2, 7)),
                @region@._report_escape(pg_catalog.lower(@region@._report_label('target', lang)), 'html'),
                @region@._report_escape(@region@._report_number(target, '%', lang, 0), 'html')) END,
        '</svg>')
    INTO rates_svg;

    -- the wait distribution
    ty := CASE WHEN @region@._report_finite(deadline_days) THEN @region@._report_scale(deadline_days, 0, wmax, t, bottom) END;
    WITH p AS (
        SELECT g.i, medians[g.i] AS med, p90s[g.i] AS p90,
               l OPERATOR(pg_catalog.+) (slot OPERATOR(pg_catalog.*) (g.i OPERATOR(pg_catalog.-) 0.5)) AS x
        FROM pg_catalog.generate_series(1, n) AS g (i)
    )
    SELECT pg_catalog.concat(
        pg_catalog.format('<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="%s"><title>%s</title>',
                          w, h, w, h, @region@._report_escape(@region@._report_label('chart_waits', lang), 'html'),
                          @region@._report_escape(@region@._report_label('chart_waits', lang), 'html')),
        pg_catalog.format('<text x="2" y="8" font-size="7">%s</text>', @region@._report_escape(@region@._report_label('wait_days', lang), 'html')),
        axes,
        (SELECT pg_catalog.string_agg(pg_catalog.format('<text x="%s" y="%s" font-size="7" text-anchor="end">%s</text><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="0.3" stroke-dasharray="1 2"/>',
                     l OPERATOR(pg_catalog.-) 2, @region@._report_svgnum(tk.yy OPERATOR(pg_catalog.+) 2.5), pg_catalog.round(CAST(tk.v AS numeric)),
                     l, @region@._report_svgnum(tk.yy), w OPERATOR(pg_catalog.-) 4, @region@._report_svgnum(tk.yy)), '' ORDER BY tk.v)
         FROM (SELECT tick.v, @region@._report_scale(tick.v, 0, wmax, t, bottom) AS yy
               FROM (VALUES (0::double precision), (wmax OPERATOR(pg_catalog./) 2), (wmax)) AS tick (v)) tk),
        CASE WHEN ty IS NOT NULL THEN
            pg_catalog.format('<line class="target" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="1.2" stroke-dasharray="5 2"/><text x="%s" y="%s" font-size="7" text-anchor="end">%s %s</text>',
                l, @region@._report_svgnum(ty), w OPERATOR(pg_catalog.-) 4, @region@._report_svgnum(ty),
                w OPERATOR(pg_catalog.-) 4, @region@._report_svgnum(GREATEST(ty OPERATOR(pg_catalog.-) 2, 7)),
                @region@._report_escape(pg_catalog.lower(@region@._report_label('deadline', lang)), 'html'),
                @region@._report_escape(@region@._report_number(deadline_days, 'd', lang, 0), 'html')) END,
        (SELECT pg_catalog.string_agg(pg_catalog.format(
                     '<line x1="%1$s" y1="%2$s" x2="%1$s" y2="%3$s" stroke="#000" stroke-width="0.8"/><circle cx="%1$s" cy="%2$s" r="2.4" fill="#000"/><rect x="%4$s" y="%5$s" width="4.4" height="4.4" fill="#fff" stroke="#000" stroke-width="1"/>',
                     @region@._report_svgnum(p.x),
                     @region@._report_svgnum(@region@._report_scale(p.med, 0, wmax, t, bottom)),
                     @region@._report_svgnum(@region@._report_scale(p.p90, 0, wmax, t, bottom)),
                     @region@._report_svgnum(p.x OPERATOR(pg_catalog.-) 2.2),
                     @region@._report_svgnum(@region@._report_scale(p.p90, 0, wmax, t, bottom) OPERATOR(pg_catalog.-) 2.2)), '' ORDER BY p.i)
         FROM p WHERE @region@._report_finite(p.med) AND @region@._report_finite(p.p90)),
        '</svg>')
    INTO waits_svg;
    RETURN pg_catalog.concat('<div class="charts">', rates_svg, waits_svg, '</div>');
END
$fn$;
COMMENT ON FUNCTION @region@._report_svg_access(text[], double precision[], double precision[], double precision[], double precision, double precision, text, text[]) IS
    'follow_up_report: inline SVG charts of an access indicator: share within the limit (bars, target dashed) and waits (median, 90th percentile, deadline dashed)';

-- _report_table: a table from its header and rows, each row already in the format (html
-- cells, or markdown text joined with |); widths (html) are the columns' shares in percent.
CREATE FUNCTION @region@._report_table(fmt text, header text[], rows_ text[], css_class text DEFAULT NULL,
                                      widths integer[] DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN
    pg_catalog.concat('| ', pg_catalog.array_to_string(
                          ARRAY(SELECT @region@._report_escape(x, 'markdown') FROM pg_catalog.unnest(header) AS x), ' | '), E' |\n|',
                      pg_catalog.repeat('---|', COALESCE(pg_catalog.array_length(header, 1), 0)), E'\n',
                      pg_catalog.array_to_string(rows_, E'\n'), E'\n\n')
ELSE
    pg_catalog.concat(pg_catalog.format('<table%s>', CASE WHEN css_class IS NULL THEN '' ELSE pg_catalog.format(' class="%s"', css_class) END),
                      CASE WHEN widths IS NOT NULL THEN pg_catalog.concat('<colgroup>',
                          pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.format('<col style="width:%s%%">', x) FROM pg_catalog.unnest(widths) AS x), ''),
                          '</colgroup>') END,
                      '<thead><tr>',
                      pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.format('<th>%s</th>', @region@._report_escape(x, 'html'))
                                                       FROM pg_catalog.unnest(header) AS x), ''),
                      '</tr></thead><tbody>', pg_catalog.array_to_string(rows_, ''), E'</tbody></table>\n')
END
$fn$;
COMMENT ON FUNCTION @region@._report_table(text, text[], text[], text, integer[]) IS
    'follow_up_report: a table (html or markdown) from a header and rows of formatted cells, with column widths in percent (html)';

-- _report_row: one table row from formatted cells.
CREATE FUNCTION @region@._report_row(fmt text, VARIADIC cells text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown'
            THEN pg_catalog.concat('| ', pg_catalog.array_to_string(cells, ' | ', ''), ' |')
            ELSE pg_catalog.concat('<tr>', pg_catalog.array_to_string(cells, '', ''), '</tr>') END
$fn$;
COMMENT ON FUNCTION @region@._report_row(text, text[]) IS
    'follow_up_report: a table row (html or markdown) from formatted cells';

-- _report_text: a text cell (html td or markdown text), escaped.
CREATE FUNCTION @region@._report_text(fmt text, t text, tag text DEFAULT 'td') RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN @region@._report_escape(t, 'markdown')
            ELSE pg_catalog.format('<%s>%s</%s>', tag, @region@._report_escape(t, 'html'), tag) END
$fn$;
COMMENT ON FUNCTION @region@._report_text(text, text, text) IS
    'follow_up_report: an escaped text cell (html) or text (markdown)';

-- _report_heading: a section heading (h2, or h3 with level 3) and an optional note.
CREATE FUNCTION @region@._report_heading(fmt text, level integer, anchor text, title text, note text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN
    pg_catalog.concat(pg_catalog.repeat('#', level), ' ', @region@._report_escape(title, 'markdown'), E'\n\n',
                      CASE WHEN note IS NOT NULL THEN pg_catalog.concat(@region@._report_escape(note, 'markdown'), E'\n\n') END)
ELSE
    pg_catalog.concat(pg_catalog.format('<h%s%s>%s</h%s>', level,
                                        CASE WHEN anchor IS NULL THEN '' ELSE pg_catalog.format(' id="%s"', anchor) END,
                                        @region@._report_escape(title, 'html'), level),
                      CASE WHEN note IS NOT NULL THEN pg_catalog.format('<p class="note">%s</p>', @region@._report_escape(note, 'html')) END,
                      E'\n')
END
$fn$;
COMMENT ON FUNCTION @region@._report_heading(text, integer, text, text, text) IS
    'follow_up_report: a heading (html h2/h3 or markdown #) with an optional note';

-- _report_paragraph: a paragraph of escaped text.
CREATE FUNCTION @region@._report_paragraph(fmt text, t text, css_class text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN t IS NULL THEN ''
            WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN pg_catalog.concat(@region@._report_escape(t, 'markdown'), E'\n\n')
            ELSE pg_catalog.format(E'<p%s>%s</p>\n', CASE WHEN css_class IS NULL THEN '' ELSE pg_catalog.format(' class="%s"', css_class) END,
                                   @region@._report_escape(t, 'html')) END
$fn$;
COMMENT ON FUNCTION @region@._report_paragraph(text, text, text) IS
    'follow_up_report: a paragraph of escaped text (html p or markdown)';

-- _report_role: the label of a respondent role.
CREATE FUNCTION @region@._report_role(role text, lang text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE WHEN role IS NULL THEN @region@._report_label('role_none', lang)
            WHEN role OPERATOR(pg_catalog.=) ANY (ARRAY['parent', 'client', 'child', 'staff', 'partner'])
            THEN @region@._report_label(pg_catalog.concat('role_', role), lang)
            ELSE role END
$fn$;
COMMENT ON FUNCTION @region@._report_role(text, text) IS
    'follow_up_report: the label of a respondent role (parent, client, child, staff, partner; others as given)';

-- _report_name: an organisation's or indicator's name in the report's language (the
-- labels of the views follow the session's pekefb.language, the report its own argument).
CREATE FUNCTION @region@._report_name(name_fi text, name_sv text, name_en text, lang text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT CASE lang WHEN 'sv' THEN COALESCE(name_sv, name_fi) WHEN 'en' THEN COALESCE(name_en, name_fi) ELSE name_fi END
$fn$;
COMMENT ON FUNCTION @region@._report_name(text, text, text, text) IS
    'follow_up_report: a name in the report''s language (Finnish where a translation is missing)';

-- _report_summary: organization_overview for the organisation with its sub-organisations,
-- every calendar year the period touches and up to four years before: indicators met,
-- responses, NPS, comments and top themes, and the NPS by year as a chart.
CREATE FUNCTION @region@._report_summary(org text, p_start date, p_end date, lang text, fmt text, min_n integer)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_orgs text[];
    v_organization_overview @region@.organization_overview[];
    rows_ text[];
    labels text[];
    nps double precision[];
    attrs text[];
    chart text := '';
BEGIN
    -- the views' rows of the organisation and those below it, read once (each query below
    -- reads them from the array: Citus plans these queries only over rows already read)
    v_orgs := ARRAY(SELECT t.organization_code FROM @region@.organization_tree t
                    WHERE t.ancestor_code OPERATOR(pg_catalog.=) org);
    SELECT pg_catalog.array_agg(x) INTO v_organization_overview FROM @region@.organization_overview x
    WHERE x.organization_code OPERATOR(pg_catalog.=) ANY (v_orgs);
    SELECT pg_catalog.array_agg(@region@._report_row(fmt,
               @region@._report_text(fmt, @region@._report_period(v.period_start, v.period_end, lang)),
               @region@._report_cell(fmt, a.attrs, 'indicators_met', v.indicators_met::text,
                                     pg_catalog.concat(v.indicators_met, ' / ', v.indicators_with_target), false, min_n),
               @region@._report_cell(fmt, a.attrs, 'share_met', v.share_met::text, @region@._report_number(v.share_met, '%', lang), false, min_n),
               @region@._report_cell(fmt, a.attrs, 'responses', v.responses::text, v.responses::text, false, min_n),
               @region@._report_cell(fmt, a.attrs, 'nps', v.nps::text, @region@._report_number(v.nps, '', lang, 0), v.suppressed, min_n),
               @region@._report_cell(fmt, a.attrs, 'comments', v.comments::text, v.comments::text, v.suppressed, min_n),
               CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN @region@._report_escape(COALESCE(v.top_themes, CASE WHEN v.suppressed THEN pg_catalog.concat('< ', min_n) END), 'markdown')
                    ELSE pg_catalog.format('<td class="text%s"%s data-column="top_themes" data-value="%s">%s</td>',
                                           CASE WHEN v.suppressed THEN ' sup' ELSE '' END, a.attrs,
                                           @region@._report_escape(v.top_themes, 'html'),
                                           @region@._report_escape(COALESCE(v.top_themes, CASE WHEN v.suppressed THEN pg_catalog.concat('< ', min_n) END), 'html')) END)
               ORDER BY v.period_start),
           pg_catalog.array_agg(pg_catalog.to_char(v.period_start, 'YYYY') ORDER BY v.period_start),
           pg_catalog.array_agg(v.nps ORDER BY v.period_start),
           pg_catalog.array_agg(a.attrs OPERATOR(pg_catalog.||) ' data-column="nps" data-value="' OPERATOR(pg_catalog.||) COALESCE(v.nps::text, '') OPERATOR(pg_catalog.||) '"' ORDER BY v.period_start)
    INTO rows_, labels, nps, attrs
    FROM pg_catalog.unnest(v_organization_overview) v
    CROSS JOIN LATERAL (SELECT @region@._report_attrs('organization_overview', 'organization', v.organization_code,
                                   'sub', v.includes_sub_organizations::text, 'period-start', v.period_start::text) AS attrs) a
    WHERE v.organization_code OPERATOR(pg_catalog.=) org AND v.includes_sub_organizations
      AND (v.responses OPERATOR(pg_catalog.>) 0 OR v.indicators_with_target OPERATOR(pg_catalog.>) 0)
      AND v.period_end OPERATOR(pg_catalog.>=) CAST(pg_catalog.date_trunc('year', p_start::timestamp) OPERATOR(pg_catalog.-) interval '4 years' AS date)
      AND v.period_start OPERATOR(pg_catalog.<=) p_end;
    IF rows_ IS NULL THEN
        RETURN pg_catalog.concat(@region@._report_heading(fmt, 2, 'summary', @region@._report_label('sec_summary', lang)),
                                 @region@._report_paragraph(fmt, @region@._report_label('no_rows', lang)));
    END IF;
    IF fmt OPERATOR(pg_catalog.=) 'html' THEN
        chart := pg_catalog.format('<figure>%s<figcaption>%s</figcaption></figure>',
                     @region@._report_svg_line(labels, nps, NULL, '', lang, @region@._report_label('nps_trend', lang), attrs, -100, 100),
                     @region@._report_escape(@region@._report_label('nps_trend', lang), 'html'));
    ELSE
        chart := pg_catalog.concat(@region@._report_escape(@region@._report_label('nps_trend', lang), 'markdown'), ': ',
                                   @region@._report_spark(nps), E'\n\n');
    END IF;
    RETURN pg_catalog.concat(
        @region@._report_heading(fmt, 2, 'summary', @region@._report_label('sec_summary', lang)),
        @region@._report_table(fmt, ARRAY[@region@._report_label('year', lang), @region@._report_label('indicators_met', lang),
                                          @region@._report_label('share_met', lang), @region@._report_label('responses', lang),
                                          @region@._report_label('nps', lang), @region@._report_label('comments', lang),
                                          @region@._report_label('top_themes', lang)], rows_, 'summary', ARRAY[7, 13, 12, 11, 6, 12, 39]),
        chart);
END
$fn$;
COMMENT ON FUNCTION @region@._report_summary(text, date, date, text, text, integer) IS
    'follow_up_report section: organization_overview by year (targets met, responses, NPS, themes) with the NPS trend';

-- _report_indicators: indicator_status for the organisation's own rows whose period lies in
-- the report's period: value, figures, target, status, attainment and the trend over up to
-- four previous periods of the same length (a chart); then, per indicator and period, the
-- sub-organisations whose row missed its target, the weakest (lowest attainment) first.
CREATE FUNCTION @region@._report_indicators(org text, p_start date, p_end date, lang text, fmt text, min_n integer)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_orgs text[];
    v_indicator_status @region@.indicator_status[];
    rows_ text[];
    charts text[];
    missing text[];
BEGIN
    -- the views' rows of the organisation and those below it, read once (each query below
    -- reads them from the array: Citus plans these queries only over rows already read)
    v_orgs := ARRAY(SELECT t.organization_code FROM @region@.organization_tree t
                    WHERE t.ancestor_code OPERATOR(pg_catalog.=) org);
    SELECT pg_catalog.array_agg(x) INTO v_indicator_status FROM @region@.indicator_status x
    WHERE x.organization_code OPERATOR(pg_catalog.=) ANY (v_orgs);
    SELECT pg_catalog.array_agg(@region@._report_row(fmt,
               @region@._report_text(fmt, @region@._report_name(i.name_fi, i.name_sv, i.name_en, lang)),
               @region@._report_text(fmt, @region@._report_period(s.period_start, s.period_end, lang)),
               @region@._report_cell(fmt, a.attrs, 'value', s.value::text, @region@._report_number(s.value, s.unit, lang), false, min_n),
               @region@._report_text(fmt, s.value_text),
               @region@._report_text(fmt, s.target_text),
               CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown'
                    THEN pg_catalog.concat(CASE s.status WHEN 'met' THEN '✔ ' WHEN 'missed' THEN '✘ ' ELSE '' END,
                                           @region@._report_escape(@region@._report_label(s.status, lang), 'markdown'))
                    ELSE pg_catalog.format('<td class="status %s"%s data-column="status" data-value="%s">%s%s</td>',
                                           pg_catalog.replace(s.status, ' ', '-'), a.attrs, @region@._report_escape(s.status, 'html'),
                                           CASE s.status WHEN 'met' THEN '✔ ' WHEN 'missed' THEN '✘ ' ELSE '' END,
                                           @region@._report_escape(@region@._report_label(s.status, lang), 'html')) END,
               @region@._report_cell(fmt, a.attrs, 'attainment', s.attainment::text, @region@._report_number(s.attainment, '%', lang, 0), false, min_n),
               @region@._report_cell(fmt, a.attrs, 'previous_value', s.previous_value::text, @region@._report_number(s.previous_value, s.unit, lang), false, min_n),
               CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN tr.spark END)
               ORDER BY i.theme, s.indicator_code, s.period_start, s.period_end),
           pg_catalog.array_agg(pg_catalog.format('<figure class="small">%s<figcaption>%s, %s</figcaption></figure>',
                   @region@._report_svg_line(tr.labels, tr.vals, tr.targets, s.unit, lang,
                       pg_catalog.concat(@region@._report_label('chart_trend', lang), ': ', @region@._report_name(i.name_fi, i.name_sv, i.name_en, lang)),
                       tr.attrs),
                   @region@._report_escape(@region@._report_name(i.name_fi, i.name_sv, i.name_en, lang), 'html'),
                   @region@._report_escape(@region@._report_period(s.period_start, s.period_end, lang), 'html'))
               ORDER BY i.theme, s.indicator_code, s.period_start, s.period_end)
    INTO rows_, charts
    FROM pg_catalog.unnest(v_indicator_status) s
    JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) s.indicator_code
    CROSS JOIN LATERAL (SELECT @region@._report_attrs('indicator_status', 'indicator', s.indicator_code, 'organization', s.organization_code,
                                   'period-start', s.period_start::text, 'period-end', s.period_end::text) AS attrs) a
    CROSS JOIN LATERAL (
        SELECT pg_catalog.array_agg(@region@._report_period_short(x.period_start, x.period_end) ORDER BY x.period_start) AS labels,
               pg_catalog.array_agg(x.value ORDER BY x.period_start) AS vals,
               pg_catalog.array_agg(x.target_value ORDER BY x.period_start) AS targets,
               pg_catalog.array_agg(@region@._report_attrs('indicator_status', 'indicator', x.indicator_code, 'organization', x.organization_code,
                                        'period-start', x.period_start::text, 'period-end', x.period_end::text)
                                    OPERATOR(pg_catalog.||) ' data-column="value" data-value="' OPERATOR(pg_catalog.||) COALESCE(x.value::text, '') OPERATOR(pg_catalog.||) '"'
                                    ORDER BY x.period_start) AS attrs,
               @region@._report_spark(pg_catalog.array_agg(x.value ORDER BY x.period_start)) AS spark
        FROM (SELECT y.indicator_code, y.organization_code, y.period_start, y.period_end, y.value, y.target_value
              FROM pg_catalog.unnest(v_indicator_status) y
              WHERE y.indicator_code OPERATOR(pg_catalog.=) s.indicator_code
                AND y.organization_code OPERATOR(pg_catalog.=) s.organization_code
                AND y.period_end OPERATOR(pg_catalog.<=) s.period_end
                AND pg_catalog.age((y.period_end OPERATOR(pg_catalog.+) 1)::timestamp, y.period_start::timestamp)
                    OPERATOR(pg_catalog.=) pg_catalog.age((s.period_end OPERATOR(pg_catalog.+) 1)::timestamp, s.period_start::timestamp)
              ORDER BY y.period_start DESC LIMIT 5) x
    ) tr
    WHERE s.organization_code OPERATOR(pg_catalog.=) org
      AND s.period_start OPERATOR(pg_catalog.>=) p_start AND s.period_end OPERATOR(pg_catalog.<=) p_end;

    SELECT pg_catalog.array_agg(@region@._report_row(fmt,
               @region@._report_text(fmt, @region@._report_name(m.name_fi, m.name_sv, m.name_en, lang)),
               @region@._report_text(fmt, @region@._report_period(m.period_start, m.period_end, lang)),
               @region@._report_text(fmt, m.target_text),
               CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN m.units
                    ELSE pg_catalog.format('<td class="units">%s</td>', m.units) END)
               ORDER BY m.theme, m.indicator_code, m.period_start, m.period_end)
    INTO missing
    FROM (
        SELECT s.indicator_code, s.period_start, s.period_end, s.target_text, i.name_fi, i.name_sv, i.name_en, i.theme,
               pg_catalog.string_agg(
                   CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown'
                        THEN pg_catalog.concat(@region@._report_escape(@region@._report_name(o.name_fi, o.name_sv, NULL, lang), 'markdown'), ' ',
                                               @region@._report_escape(@region@._report_number(s.value, s.unit, lang), 'markdown'))
                        ELSE pg_catalog.concat('<span class="unit">', @region@._report_escape(@region@._report_name(o.name_fi, o.name_sv, NULL, lang), 'html'), ' ',
                                               @region@._report_cell(fmt, a.attrs, 'value', s.value::text, @region@._report_number(s.value, s.unit, lang), false, min_n, 'span'),
                                               '</span>') END,
                   ', ' ORDER BY s.attainment, s.organization_code) AS units
        FROM pg_catalog.unnest(v_indicator_status) s
        JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) s.indicator_code
        JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) s.organization_code
        JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) s.organization_code
                                         AND t.ancestor_code OPERATOR(pg_catalog.=) org AND t.depth OPERATOR(pg_catalog.>) 0
        CROSS JOIN LATERAL (SELECT @region@._report_attrs('indicator_status', 'indicator', s.indicator_code, 'organization', s.organization_code,
                                       'period-start', s.period_start::text, 'period-end', s.period_end::text) AS attrs) a
        WHERE s.status OPERATOR(pg_catalog.=) 'missed'
          AND s.period_start OPERATOR(pg_catalog.>=) p_start AND s.period_end OPERATOR(pg_catalog.<=) p_end
        GROUP BY s.indicator_code, s.period_start, s.period_end, s.target_text, i.name_fi, i.name_sv, i.name_en, i.theme
    ) m;

    RETURN pg_catalog.concat(
        @region@._report_heading(fmt, 2, 'indicators', @region@._report_label('sec_indicators', lang),
                                 CASE WHEN fmt OPERATOR(pg_catalog.=) 'markdown' THEN @region@._report_label('markdown_charts', lang) END),
        CASE WHEN rows_ IS NULL THEN @region@._report_paragraph(fmt, @region@._report_label('no_rows', lang))
             WHEN fmt OPERATOR(pg_catalog.=) 'markdown'
             THEN @region@._report_table(fmt, ARRAY[@region@._report_label('indicator', lang), @region@._report_label('period', lang),
                                                    @region@._report_label('value', lang), @region@._report_label('figures', lang),
                                                    @region@._report_label('target', lang), @region@._report_label('status', lang),
                                                    @region@._report_label('attainment', lang), @region@._report_label('previous', lang),
                                                    @region@._report_label('trend', lang)], rows_, 'indicators')
             ELSE pg_catalog.concat(
                      @region@._report_table(fmt, ARRAY[@region@._report_label('indicator', lang), @region@._report_label('period', lang),
                                                        @region@._report_label('value', lang), @region@._report_label('figures', lang),
                                                        @region@._report_label('target', lang), @region@._report_label('status', lang),
                                                        @region@._report_label('attainment', lang), @region@._report_label('previous', lang)],
                                             rows_, 'indicators', ARRAY[26, 10, 9, 13, 10, 13, 9, 10]),
                      @region@._report_heading(fmt, 3, 'trends', @region@._report_label('chart_trend', lang), @region@._report_label('legend_line', lang)),
                      '<div class="smallmultiples">', pg_catalog.array_to_string(charts, ''), E'</div>\n') END,
        @region@._report_heading(fmt, 3, 'missing', @region@._report_label('sec_missing', lang)),
        CASE WHEN missing IS NULL THEN @region@._report_paragraph(fmt, @region@._report_label('none_missing', lang))
             ELSE @region@._report_table(fmt, ARRAY[@region@._report_label('indicator', lang), @region@._report_label('period', lang),
                                                    @region@._report_label('target', lang), @region@._report_label('units_missing', lang)],
                                         missing, 'missing', ARRAY[28, 11, 9, 52]) END);
END
$fn$;
COMMENT ON FUNCTION @region@._report_indicators(text, date, date, text, text, integer) IS
    'follow_up_report section: indicator_status against targets with trends, and the municipalities and units that miss';

-- _report_access: access_summary for the organisation with its sub-organisations, per
-- access indicator: the care guarantee (a deadline in calendar days) by month, the others
-- by THL's half-year where two or more of them lie inside the report's period (e.g. a
-- report for 1.4.2025-31.3.2026), else by quarter (a calendar year holds only one THL
-- half-year); periods inside the report's period.  The target drawn is the indicator's in indicator_status for the organisation
-- and a period inside the report's (the latest).
CREATE FUNCTION @region@._report_access(org text, p_start date, p_end date, lang text, fmt text, min_n integer)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_orgs text[];
    v_indicator_status @region@.indicator_status[];
    v_access_summary @region@.access_summary[];
    ind record;
    out_ text := '';
    rows_ text[];
    labels text[];
    rates double precision[];
    medians double precision[];
    p90s double precision[];
    attrs text[];
    kind text;
    tgt double precision;
    tgt_text text;
    ddays double precision;
    judged date;
BEGIN
    -- the views' rows of the organisation and those below it, read once (each query below
    -- reads them from the array: Citus plans these queries only over rows already read)
    v_orgs := ARRAY(SELECT t.organization_code FROM @region@.organization_tree t
                    WHERE t.ancestor_code OPERATOR(pg_catalog.=) org);
    SELECT pg_catalog.array_agg(x) INTO v_indicator_status FROM @region@.indicator_status x
    WHERE x.organization_code OPERATOR(pg_catalog.=) ANY (v_orgs);
    SELECT pg_catalog.array_agg(x) INTO v_access_summary FROM @region@.access_summary x
    WHERE x.organization_code OPERATOR(pg_catalog.=) ANY (v_orgs);
    FOR ind IN
        SELECT a.indicator_code, a.deadline_text, i.name_fi, i.name_sv, i.name_en, i.theme,
               pg_catalog.array_agg(DISTINCT a.period_kind) AS kinds,
               pg_catalog.count(*) FILTER (WHERE a.period_kind OPERATOR(pg_catalog.=) 'half_year') AS half_years
        FROM pg_catalog.unnest(v_access_summary) a
        JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) a.indicator_code
        WHERE a.organization_code OPERATOR(pg_catalog.=) org AND a.includes_sub_organizations
          AND a.period_start OPERATOR(pg_catalog.>=) p_start AND a.period_end OPERATOR(pg_catalog.<=) p_end
        GROUP BY a.indicator_code, a.deadline_text, i.name_fi, i.name_sv, i.name_en, i.theme
        ORDER BY i.theme, a.indicator_code
    LOOP
        ddays := NULL;
        IF ind.deadline_text OPERATOR(pg_catalog.~) '^[0-9]+ days?$' THEN
            kind := 'month';
            ddays := pg_catalog.split_part(ind.deadline_text, ' ', 1)::double precision;
        ELSIF ind.half_years OPERATOR(pg_catalog.>=) 2 OR NOT 'quarter' OPERATOR(pg_catalog.=) ANY (ind.kinds) THEN
            kind := 'half_year';
        ELSE
            kind := 'quarter';
        END IF;
        IF NOT kind OPERATOR(pg_catalog.=) ANY (ind.kinds) THEN
            kind := ind.kinds[1];
        END IF;
        SELECT s.target_value, s.target_text INTO tgt, tgt_text
        FROM pg_catalog.unnest(v_indicator_status) s
        WHERE s.indicator_code OPERATOR(pg_catalog.=) ind.indicator_code AND s.organization_code OPERATOR(pg_catalog.=) org
          AND s.period_start OPERATOR(pg_catalog.>=) p_start AND s.period_end OPERATOR(pg_catalog.<=) p_end
          AND s.target_value IS NOT NULL
        ORDER BY s.period_end DESC, s.period_start LIMIT 1;
        SELECT pg_catalog.array_agg(@region@._report_row(fmt,
                   @region@._report_text(fmt, @region@._report_period(a.period_start, a.period_end, lang)),
                   @region@._report_cell(fmt, x.attrs, 'cases', a.cases::text, a.cases::text, false, min_n),
                   @region@._report_cell(fmt, x.attrs, 'on_time', a.on_time::text, a.on_time::text, a.suppressed, min_n),
                   @region@._report_cell(fmt, x.attrs, 'late', a.late::text, a.late::text, a.suppressed, min_n),
                   @region@._report_cell(fmt, x.attrs, 'open_past_due', a.open_past_due::text, a.open_past_due::text, a.suppressed, min_n),
                   @region@._report_cell(fmt, x.attrs, 'open_within', a.open_within::text, a.open_within::text, a.suppressed, min_n),
                   @region@._report_cell(fmt, x.attrs, 'rate', a.rate::text, @region@._report_number(a.rate, '%', lang), a.suppressed, min_n),
                   @region@._report_cell(fmt, x.attrs, 'median_wait', a.median_wait::text, a.median_wait::text, a.suppressed, min_n),
                   @region@._report_cell(fmt, x.attrs, 'p90_wait', a.p90_wait::text, a.p90_wait::text, a.suppressed, min_n))
                   ORDER BY a.period_start),
               pg_catalog.array_agg(CASE WHEN kind OPERATOR(pg_catalog.=) 'month' THEN pg_catalog.to_char(a.period_start, 'FMMM')
                                         ELSE @region@._report_period_short(a.period_start, a.period_end) END ORDER BY a.period_start),
               pg_catalog.array_agg(a.rate ORDER BY a.period_start),
               pg_catalog.array_agg(a.median_wait::double precision ORDER BY a.period_start),
               pg_catalog.array_agg(a.p90_wait::double precision ORDER BY a.period_start),
               pg_catalog.array_agg(x.attrs OPERATOR(pg_catalog.||) ' data-column="rate" data-value="' OPERATOR(pg_catalog.||) COALESCE(a.rate::text, '') OPERATOR(pg_catalog.||) '"' ORDER BY a.period_start),
               pg_catalog.max(a.judged_on)
        INTO rows_, labels, rates, medians, p90s, attrs, judged
        FROM pg_catalog.unnest(v_access_summary) a
        CROSS JOIN LATERAL (SELECT @region@._report_attrs('access_summary', 'indicator', a.indicator_code, 'organization', a.organization_code,
                                       'sub', a.includes_sub_organizations::text, 'period-kind', a.period_kind,
                                       'period-start', a.period_start::text) AS attrs) x
        WHERE a.indicator_code OPERATOR(pg_catalog.=) ind.indicator_code AND a.organization_code OPERATOR(pg_catalog.=) org
          AND a.includes_sub_organizations AND a.period_kind OPERATOR(pg_catalog.=) kind
          AND a.period_start OPERATOR(pg_catalog.>=) p_start AND a.period_end OPERATOR(pg_catalog.<=) p_end;
        out_ := pg_catalog.concat(out_,
            @region@._report_heading(fmt, 3, NULL, @region@._report_name(ind.name_fi, ind.name_sv, ind.name_en, lang),
                pg_catalog.concat(@region@._report_label('deadline', lang), ': ', @region@._report_deadline(ind.deadline_text, lang),
                                  CASE WHEN tgt_text IS NOT NULL THEN pg_catalog.concat(' · ', @region@._report_label('target', lang), ': ', tgt_text) END,
                                  ' · ', @region@._report_label('judged_on', lang), ' ', pg_catalog.to_char(judged, 'YYYY-MM-DD'))),
            CASE WHEN fmt OPERATOR(pg_catalog.=) 'html'
                 THEN pg_catalog.format('<figure>%s</figure>', @region@._report_svg_access(labels, rates, medians, p90s, tgt, ddays, lang, attrs))
                 ELSE pg_catalog.concat(@region@._report_escape(@region@._report_label('rate', lang), 'markdown'), ': ',
                                        @region@._report_spark(rates), E'\n\n') END,
            @region@._report_table(fmt, ARRAY[@region@._report_label('period', lang), @region@._report_label('cases', lang),
                                              @region@._report_label('on_time', lang), @region@._report_label('late', lang),
                                              @region@._report_label('open_past_due', lang), @region@._report_label('open_within', lang),
                                              @region@._report_label('rate', lang),
                                              pg_catalog.concat(@region@._report_label('median', lang), ' (', @region@._report_label('days', lang), ')'),
                                              pg_catalog.concat(@region@._report_label('p90', lang), ' (', @region@._report_label('days', lang), ')')],
                                   rows_, 'access', ARRAY[10, 10, 9, 10, 14, 12, 13, 11, 11]));
    END LOOP;
    RETURN pg_catalog.concat(
        @region@._report_heading(fmt, 2, 'access', @region@._report_label('sec_access', lang), @region@._report_label('access_note', lang)),
        CASE WHEN fmt OPERATOR(pg_catalog.=) 'html' AND out_ OPERATOR(pg_catalog.<>) '' THEN @region@._report_paragraph(fmt, @region@._report_label('legend_bars', lang), 'note') END,
        CASE WHEN out_ OPERATOR(pg_catalog.=) '' THEN @region@._report_paragraph(fmt, @region@._report_label('no_rows', lang)) ELSE out_ END);
END
$fn$;
COMMENT ON FUNCTION @region@._report_access(text, date, date, text, text, integer) IS
    'follow_up_report section: access_summary per access indicator (care guarantee by month, others by half-year or quarter) with the wait distribution';

-- _report_feedback: feedback_summary for the organisation with its sub-organisations, per
-- respondent role and service: the NPS (with the number of responses) of every quarter of
-- the period (the last eight at most), then the five base statements' agree shares of the
-- latest quarter with the change from the quarter before (an arrow).  A missing figure is
-- "< min" when the view hid it (the group is suppressed, or 1 <= answers < min: the NPS
-- answers of feedback_summary, a statement's answers of feedback_item_summary), "–" when
-- nobody answered.
CREATE FUNCTION @region@._report_feedback(org text, p_start date, p_end date, lang text, fmt text, min_n integer)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_orgs text[];
    v_feedback_summary @region@.feedback_summary[];
    v_feedback_item_summary @region@.feedback_item_summary[];
    quarters date[];
    latest date;
    nps_rows text[];
    st_rows text[];
BEGIN
    -- the views' rows of the organisation and those below it, read once (each query below
    -- reads them from the array: Citus plans these queries only over rows already read)
    v_orgs := ARRAY(SELECT t.organization_code FROM @region@.organization_tree t
                    WHERE t.ancestor_code OPERATOR(pg_catalog.=) org);
    SELECT pg_catalog.array_agg(x) INTO v_feedback_summary FROM @region@.feedback_summary x
    WHERE x.organization_code OPERATOR(pg_catalog.=) ANY (v_orgs);
    SELECT pg_catalog.array_agg(x) INTO v_feedback_item_summary FROM @region@.feedback_item_summary x
    WHERE x.organization_code OPERATOR(pg_catalog.=) ANY (v_orgs);
    SELECT pg_catalog.array_agg(q.period_start ORDER BY q.period_start) INTO quarters
    FROM (SELECT DISTINCT f.period_start FROM pg_catalog.unnest(v_feedback_summary) f
          WHERE f.organization_code OPERATOR(pg_catalog.=) org AND f.includes_sub_organizations
            AND f.period_start OPERATOR(pg_catalog.>=) p_start AND f.period_end OPERATOR(pg_catalog.<=) p_end
          ORDER BY f.period_start DESC LIMIT 8) q;
    IF quarters IS NULL THEN
        RETURN pg_catalog.concat(@region@._report_heading(fmt, 2, 'feedback', @region@._report_label('sec_feedback', lang)),
                                 @region@._report_paragraph(fmt, @region@._report_label('no_rows', lang)));
    END IF;
    latest := quarters[pg_catalog.array_length(quarters, 1)];

    -- NPS by quarter: one row per role and service, one cell per quarter
    SELECT pg_catalog.array_agg(@region@._report_row(fmt, VARIADIC
               ARRAY[@region@._report_text(fmt, CASE WHEN g.first THEN @region@._report_role(g.role, lang) END), @region@._report_text(fmt, g.service)]
               OPERATOR(pg_catalog.||) g.cells) ORDER BY g.role_rank, g.role, g.service)
    INTO nps_rows
    FROM (SELECT g0.*, pg_catalog.row_number() OVER (PARTITION BY g0.role ORDER BY g0.service) OPERATOR(pg_catalog.=) 1 AS first FROM (
        SELECT k.role, k.service,
               pg_catalog.array_position(ARRAY['parent', 'client', 'child', 'staff', 'partner'], k.role) AS role_rank,
               pg_catalog.array_agg(CASE WHEN f.responses IS NULL THEN @region@._report_cell(fmt, NULL, 'nps', NULL, NULL, false, min_n)
                   WHEN fmt OPERATOR(pg_catalog.=) 'markdown'
                   THEN pg_catalog.concat(@region@._report_cell(fmt, NULL, 'nps', NULL, @region@._report_number(f.nps, '', lang, 0), f.nps IS NULL AND (f.suppressed OR f.nps_answers OPERATOR(pg_catalog.>=) 1), min_n),
                                          ' (n=', f.responses, ')')
                   ELSE pg_catalog.format('<td class="num"><span%s data-column="nps" data-value="%s"%s>%s</span> <span class="n"%s data-column="responses" data-value="%s">(n=%s)</span></td>',
                            x.attrs, COALESCE(f.nps::text, ''),
                            CASE WHEN f.nps IS NULL AND (f.suppressed OR f.nps_answers OPERATOR(pg_catalog.>=) 1) THEN ' data-suppressed="true" class="sup"' ELSE '' END,
                            COALESCE(@region@._report_number(f.nps, '', lang, 0),
                                     CASE WHEN f.suppressed OR f.nps_answers OPERATOR(pg_catalog.>=) 1 THEN pg_catalog.concat('&lt; ', min_n) ELSE '–' END),
                            x.attrs, f.responses, f.responses) END
                   ORDER BY q.i) AS cells
        FROM (SELECT DISTINCT f.role, f.service FROM pg_catalog.unnest(v_feedback_summary) f
              WHERE f.organization_code OPERATOR(pg_catalog.=) org AND f.includes_sub_organizations
                AND f.period_start OPERATOR(pg_catalog.=) ANY (quarters)) k
        CROSS JOIN pg_catalog.unnest(quarters) WITH ORDINALITY AS q (period_start, i)
        LEFT JOIN pg_catalog.unnest(v_feedback_summary) f
               ON f.organization_code OPERATOR(pg_catalog.=) org AND f.includes_sub_organizations
              AND f.period_start OPERATOR(pg_catalog.=) q.period_start
              AND f.service OPERATOR(pg_catalog.=) k.service AND f.role IS NOT DISTINCT FROM k.role
        CROSS JOIN LATERAL (SELECT @region@._report_attrs('feedback_summary', 'organization', org, 'sub', 'true',
                                       'service', k.service, 'role', k.role, 'period-start', q.period_start::text) AS attrs) x
        GROUP BY k.role, k.service
    ) g0) g;

    -- statements of the latest quarter, with the change from the quarter before
    SELECT pg_catalog.array_agg(@region@._report_row(fmt, VARIADIC
               ARRAY[@region@._report_text(fmt, @region@._report_role(f.role, lang)), @region@._report_text(fmt, f.service),
                     @region@._report_cell(fmt, x.attrs, 'responses', f.responses::text, f.responses::text, false, min_n)]
               OPERATOR(pg_catalog.||) ARRAY(
                   SELECT @region@._report_cell(fmt, x.attrs, pg_catalog.concat(it.item, '_agree_share'), it.cur::text,
                              CASE WHEN it.cur IS NULL THEN NULL
                                   ELSE pg_catalog.concat(@region@._report_number(it.cur, '%', lang, 0),
                                        CASE WHEN it.prev IS NULL THEN ''
                                             WHEN it.cur OPERATOR(pg_catalog.>) it.prev THEN ' ↑'
                                             WHEN it.cur OPERATOR(pg_catalog.<) it.prev THEN ' ↓' ELSE ' →' END) END,
                              it.cur IS NULL AND (f.suppressed OR COALESCE(fi.answers, 0) OPERATOR(pg_catalog.>=) 1), min_n)
                   FROM (VALUES (1, 'easy', f.easy_agree_share, pf.easy_agree_share),
                                (2, 'helped', f.helped_agree_share, pf.helped_agree_share),
                                (3, 'safe', f.safe_agree_share, pf.safe_agree_share),
                                (4, 'useful', f.useful_agree_share, pf.useful_agree_share),
                                (5, 'understood', f.understood_agree_share, pf.understood_agree_share)) AS it (k, item, cur, prev)
                   LEFT JOIN pg_catalog.unnest(v_feedback_item_summary) fi
                          ON fi.organization_code OPERATOR(pg_catalog.=) f.organization_code AND fi.includes_sub_organizations
                         AND fi.period_start OPERATOR(pg_catalog.=) f.period_start AND fi.service OPERATOR(pg_catalog.=) f.service
                         AND fi.role IS NOT DISTINCT FROM f.role AND fi.item OPERATOR(pg_catalog.=) it.item
                   ORDER BY it.k))
               ORDER BY pg_catalog.array_position(ARRAY['parent', 'client', 'child', 'staff', 'partner'], f.role), f.role, f.service)
    INTO st_rows
    FROM pg_catalog.unnest(v_feedback_summary) f
    LEFT JOIN pg_catalog.unnest(v_feedback_summary) pf
           ON pf.organization_code OPERATOR(pg_catalog.=) f.organization_code AND pf.includes_sub_organizations
          AND pf.period_start OPERATOR(pg_catalog.=) CAST(f.period_start OPERATOR(pg_catalog.-) interval '3 months' AS date)
          AND pf.service OPERATOR(pg_catalog.=) f.service AND pf.role IS NOT DISTINCT FROM f.role
    CROSS JOIN LATERAL (SELECT @region@._report_attrs('feedback_summary', 'organization', f.organization_code, 'sub', 'true',
                                   'service', f.service, 'role', f.role, 'period-start', f.period_start::text) AS attrs) x
    WHERE f.organization_code OPERATOR(pg_catalog.=) org AND f.includes_sub_organizations
      AND f.period_start OPERATOR(pg_catalog.=) latest;

    RETURN pg_catalog.concat(
        @region@._report_heading(fmt, 2, 'feedback', @region@._report_label('sec_feedback', lang)),
        @region@._report_heading(fmt, 3, NULL, @region@._report_label('sec_nps', lang)),
        @region@._report_table(fmt, ARRAY[@region@._report_label('role', lang), @region@._report_label('service', lang)]
                                    OPERATOR(pg_catalog.||) ARRAY(SELECT @region@._report_period(q, CAST(q OPERATOR(pg_catalog.+) interval '3 months' AS date) OPERATOR(pg_catalog.-) 1, lang)
                                                                  FROM pg_catalog.unnest(quarters) AS q),
                               nps_rows, 'feedback',
                               ARRAY[14, 22] OPERATOR(pg_catalog.||) pg_catalog.array_fill(64 OPERATOR(pg_catalog./) pg_catalog.array_length(quarters, 1), ARRAY[pg_catalog.array_length(quarters, 1)])),
        @region@._report_heading(fmt, 3, NULL,
            pg_catalog.concat(@region@._report_label('sec_statements', lang), ', ', @region@._report_label('latest_quarter', lang), ' ',
                              @region@._report_period(latest, CAST(latest OPERATOR(pg_catalog.+) interval '3 months' AS date) OPERATOR(pg_catalog.-) 1, lang)),
            @region@._report_label('change_note', lang)),
        @region@._report_table(fmt, ARRAY[@region@._report_label('role', lang), @region@._report_label('service', lang),
                                          @region@._report_label('responses', lang),
                                          @region@._report_label('item_easy', lang), @region@._report_label('item_helped', lang),
                                          @region@._report_label('item_safe', lang), @region@._report_label('item_useful', lang),
                                          @region@._report_label('item_understood', lang)], st_rows, 'statements',
                               ARRAY[13, 21, 9, 11, 11, 12, 11, 12]));
END
$fn$;
COMMENT ON FUNCTION @region@._report_feedback(text, date, date, text, text, integer) IS
    'follow_up_report section: feedback_summary NPS by quarter and the base statements'' agree shares with their change';

-- _report_themes: feedback_theme_summary for the organisation with its sub-organisations:
-- the six themes mentioned most in a quarter of the period, their mentions and share per
-- quarter (the last eight quarters at most); "–" where the view has no row (no mention).
CREATE FUNCTION @region@._report_themes(org text, p_start date, p_end date, lang text, fmt text, min_n integer)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_orgs text[];
    v_feedback_theme_summary @region@.feedback_theme_summary[];
    quarters date[];
    rows_ text[];
BEGIN
    -- the views' rows of the organisation and those below it, read once (each query below
    -- reads them from the array: Citus plans these queries only over rows already read)
    v_orgs := ARRAY(SELECT t.organization_code FROM @region@.organization_tree t
                    WHERE t.ancestor_code OPERATOR(pg_catalog.=) org);
    SELECT pg_catalog.array_agg(x) INTO v_feedback_theme_summary FROM @region@.feedback_theme_summary x
    WHERE x.organization_code OPERATOR(pg_catalog.=) ANY (v_orgs);
    SELECT pg_catalog.array_agg(q.period_start ORDER BY q.period_start) INTO quarters
    FROM (SELECT DISTINCT f.period_start FROM pg_catalog.unnest(v_feedback_theme_summary) f
          WHERE f.organization_code OPERATOR(pg_catalog.=) org AND f.includes_sub_organizations
            AND f.period_start OPERATOR(pg_catalog.>=) p_start AND f.period_end OPERATOR(pg_catalog.<=) p_end
          ORDER BY f.period_start DESC LIMIT 8) q;
    IF quarters IS NULL THEN
        RETURN '';
    END IF;
    SELECT pg_catalog.array_agg(@region@._report_row(fmt, VARIADIC ARRAY[@region@._report_text(fmt, g.theme)] OPERATOR(pg_catalog.||) g.cells)
                                ORDER BY g.top DESC NULLS LAST, g.theme)
    INTO rows_
    FROM (
        SELECT k.theme, k.top,
               pg_catalog.array_agg(@region@._report_cell(fmt,
                   CASE WHEN f.theme IS NOT NULL THEN
                       @region@._report_attrs('feedback_theme_summary', 'organization', org, 'sub', 'true', 'theme', k.theme,
                                              'period-start', q.period_start::text) END,
                   'mentions', f.mentions::text,
                   CASE WHEN f.mentions IS NOT NULL THEN pg_catalog.concat(f.mentions, ' (', @region@._report_number(f.share, '%', lang, 0), ')') END,
                   f.suppressed, min_n) ORDER BY q.i) AS cells
        FROM (SELECT f.theme, pg_catalog.max(f.mentions) AS top
              FROM pg_catalog.unnest(v_feedback_theme_summary) f
              WHERE f.organization_code OPERATOR(pg_catalog.=) org AND f.includes_sub_organizations
                AND f.period_start OPERATOR(pg_catalog.=) ANY (quarters)
              GROUP BY f.theme ORDER BY pg_catalog.max(f.mentions) DESC NULLS LAST, f.theme LIMIT 6) k
        CROSS JOIN pg_catalog.unnest(quarters) WITH ORDINALITY AS q (period_start, i)
        LEFT JOIN pg_catalog.unnest(v_feedback_theme_summary) f
               ON f.organization_code OPERATOR(pg_catalog.=) org AND f.includes_sub_organizations
              AND f.period_start OPERATOR(pg_catalog.=) q.period_start AND f.theme OPERATOR(pg_catalog.=) k.theme
        GROUP BY k.theme, k.top
    ) g;
    RETURN pg_catalog.concat(
        @region@._report_heading(fmt, 3, 'themes', @region@._report_label('sec_themes', lang)),
        @region@._report_table(fmt, ARRAY[@region@._report_label('theme', lang)]
                                    OPERATOR(pg_catalog.||) ARRAY(SELECT pg_catalog.concat(@region@._report_period(q, CAST(q OPERATOR(pg_catalog.+) interval '3 months' AS date) OPERATOR(pg_catalog.-) 1, lang),
                                                                                           ' (', @region@._report_label('mentions', lang), ')')
                                                                  FROM pg_catalog.unnest(quarters) AS q),
                               rows_, 'themes',
                               ARRAY[24] OPERATOR(pg_catalog.||) pg_catalog.array_fill(76 OPERATOR(pg_catalog./) pg_catalog.array_length(quarters, 1), ARRAY[pg_catalog.array_length(quarters, 1)])));
END
$fn$;
COMMENT ON FUNCTION @region@._report_themes(text, date, date, text, text, integer) IS
    'follow_up_report section: the top themes of feedback_theme_summary per quarter';

-- _report_comments: when the region has the own-data view feedback_comments
-- (organization_code, received_on, service, role, comment, themes): at most three recent
-- comments of the period from each unit (the organisation or one below it) that missed a
-- target in indicator_status in the period.  Row-level security decides what the reader
-- sees; the section is left out where the view does not exist.
CREATE FUNCTION @region@._report_comments(org text, p_start date, p_end date, lang text, fmt text, min_n integer)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    rows_ text[];
BEGIN
    IF pg_catalog.to_regclass('@region@.feedback_comments') IS NULL THEN
        RETURN '';
    END IF;
    EXECUTE $q$
        -- the views read once, first (Citus plans the rest only over rows already read)
        WITH v_indicator_status AS MATERIALIZED (SELECT * FROM @region@.indicator_status),
             v_feedback_comments AS MATERIALIZED (SELECT * FROM @region@.feedback_comments)
        SELECT pg_catalog.array_agg(@region@._report_row($4,
                   @region@._report_text($4, @region@._report_name(o.name_fi, o.name_sv, NULL, $5)),
                   @region@._report_text($4, pg_catalog.to_char(c.received_on, 'YYYY-MM-DD')),
                   @region@._report_text($4, c.service),
                   @region@._report_text($4, c.comment))
                   ORDER BY o.code, c.received_on DESC)
        FROM (SELECT DISTINCT s.organization_code
              FROM v_indicator_status s
              JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) s.organization_code
                                               AND t.ancestor_code OPERATOR(pg_catalog.=) $1
              WHERE s.status OPERATOR(pg_catalog.=) 'missed'
                AND s.period_start OPERATOR(pg_catalog.>=) $2 AND s.period_end OPERATOR(pg_catalog.<=) $3) u
        JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) u.organization_code
        CROSS JOIN LATERAL (
            SELECT fc.received_on, fc.service, fc.comment
            FROM v_feedback_comments fc
            WHERE fc.organization_code OPERATOR(pg_catalog.=) u.organization_code
              AND fc.received_on OPERATOR(pg_catalog.>=) $2 AND fc.received_on OPERATOR(pg_catalog.<=) $3
            ORDER BY fc.received_on DESC, fc.response_id LIMIT 3) c
    $q$ INTO rows_ USING org, p_start, p_end, fmt, lang;
    RETURN pg_catalog.concat(
        @region@._report_heading(fmt, 3, 'comments', @region@._report_label('sec_comments', lang), @region@._report_label('comments_note', lang)),
        CASE WHEN rows_ IS NULL THEN @region@._report_paragraph(fmt, @region@._report_label('comments_none', lang))
             ELSE @region@._report_table(fmt, ARRAY[@region@._report_label('unit', lang), @region@._report_label('received', lang),
                                                    @region@._report_label('service', lang), @region@._report_label('comment', lang)],
                                         rows_, 'comments') END);
END
$fn$;
COMMENT ON FUNCTION @region@._report_comments(text, date, date, text, text, integer) IS
    'follow_up_report section: recent comments (feedback_comments, own-data view) of units that miss a target; left out without the view';

-- _report_development: when the region has the view development_status, the work packages
-- and actions of the organisation and those below it as judged at the end of the period
-- (development_status's quarter row ending on or before period_end), behind schedule first:
-- the stage due and reached, the status, the latest assessment and the linked indicators
-- with their status (doc/development.md).  Left out where the view does not exist.
CREATE FUNCTION @region@._report_development(org text, p_start date, p_end date, lang text, fmt text, min_n integer)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    rows_ text[];
    behind bigint;
BEGIN
    IF pg_catalog.to_regclass('@region@.development_status') IS NULL THEN
        RETURN '';
    END IF;
    EXECUTE $q$
        -- the views read once, first (Citus plans the rest only over rows already read)
        WITH v_development_status AS MATERIALIZED (SELECT * FROM @region@.development_status)
        SELECT pg_catalog.array_agg(@region@._report_row($4,
                   @region@._report_text($4, d.item_name),
                   @region@._report_text($4, pg_catalog.concat(d.stage_due_label, ' ', pg_catalog.to_char(d.due_on, 'YYYY-MM-DD'))),
                   @region@._report_text($4, d.stage_reached_label),
                   @region@._report_text($4, d.status_label),
                   @region@._report_text($4, d.assessment),
                   @region@._report_text($4, d.indicator_statuses))
                   ORDER BY d.status OPERATOR(pg_catalog.=) 'behind' DESC, d.kind, d.item_code),
               pg_catalog.count(*) FILTER (WHERE d.status OPERATOR(pg_catalog.=) 'behind')
        FROM v_development_status d
        JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) d.organization_code
                                         AND t.ancestor_code OPERATOR(pg_catalog.=) $1
        WHERE d.period_kind OPERATOR(pg_catalog.=) 'quarter'
          AND d.kind OPERATOR(pg_catalog.=) ANY (ARRAY['work_package', 'action'])
          AND d.period_end OPERATOR(pg_catalog.=) (
              SELECT pg_catalog.max(q.period_end) FROM v_development_status q
              WHERE q.period_kind OPERATOR(pg_catalog.=) 'quarter' AND q.period_end OPERATOR(pg_catalog.<=) $3
                AND q.period_end OPERATOR(pg_catalog.>=) $2)
    $q$ INTO rows_, behind USING org, p_start, p_end, fmt, lang;
    IF rows_ IS NULL THEN
        RETURN '';   -- no development work recorded for the organisation
    END IF;
    RETURN pg_catalog.concat(
        @region@._report_heading(fmt, 2, 'development', @region@._report_label('sec_development', lang)),
        CASE WHEN COALESCE(behind, 0) OPERATOR(pg_catalog.=) 0 THEN @region@._report_paragraph(fmt, @region@._report_label('dev_on_schedule', lang)) END,
        CASE WHEN rows_ IS NOT NULL THEN
            @region@._report_table(fmt, ARRAY[@region@._report_label('dev_item', lang), @region@._report_label('dev_due', lang),
                                              @region@._report_label('dev_reached', lang), @region@._report_label('status', lang),
                                              @region@._report_label('dev_assessment', lang), @region@._report_label('dev_indicators', lang)],
                                   rows_, 'development') END);
END
$fn$;
COMMENT ON FUNCTION @region@._report_development(text, date, date, text, text, integer) IS
    'follow_up_report section: development_status (stages reached vs due, behind schedule first); left out without the view';

-- _report_quality: when the region has the view data_quality, its rows for the
-- organisation and those below it whose period overlaps the report's: the problem (missing,
-- late, implausible ...), the figure, the due day, who reports it and the reason in the
-- report's language (reason_fi, reason_sv, reason_en).  Left out where the view does not
-- exist.
CREATE FUNCTION @region@._report_quality(org text, p_start date, p_end date, lang text, fmt text, min_n integer)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    rows_ text[];
BEGIN
    IF pg_catalog.to_regclass('@region@.data_quality') IS NULL THEN
        RETURN '';
    END IF;
    EXECUTE $q$
        -- the views read once, first (Citus plans the rest only over rows already read)
        WITH v_data_quality AS MATERIALIZED (SELECT * FROM @region@.data_quality)
        SELECT pg_catalog.array_agg(@region@._report_row($4,
                   @region@._report_text($4, @region@._report_name(i.name_fi, i.name_sv, i.name_en, $5)),
                   @region@._report_text($4, @region@._report_name(o.name_fi, o.name_sv, NULL, $5)),
                   @region@._report_text($4, @region@._report_period(q.period_start, q.period_end, $5)),
                   @region@._report_text($4, q.problem),
                   @region@._report_text($4, q.value_text),
                   @region@._report_text($4, pg_catalog.to_char(q.due_date, 'YYYY-MM-DD')),
                   @region@._report_text($4, q.responsible),
                   @region@._report_text($4, CASE $5 WHEN 'sv' THEN q.reason_sv WHEN 'en' THEN q.reason_en ELSE q.reason_fi END))
                   ORDER BY q.problem, q.indicator_code, o.code, q.period_start)
        FROM v_data_quality q
        JOIN @region@.organization_tree t ON t.organization_code OPERATOR(pg_catalog.=) q.organization_code
                                         AND t.ancestor_code OPERATOR(pg_catalog.=) $1
        JOIN @region@.organizations o ON o.code OPERATOR(pg_catalog.=) q.organization_code
        LEFT JOIN @region@.indicators i ON i.code OPERATOR(pg_catalog.=) q.indicator_code
        WHERE q.period_start OPERATOR(pg_catalog.<=) $3 AND q.period_end OPERATOR(pg_catalog.>=) $2
    $q$ INTO rows_ USING org, p_start, p_end, fmt, lang;
    RETURN pg_catalog.concat(
        @region@._report_heading(fmt, 2, 'quality', @region@._report_label('sec_quality', lang)),
        CASE WHEN rows_ IS NULL THEN @region@._report_paragraph(fmt, @region@._report_label('dq_none', lang))
             ELSE @region@._report_table(fmt, ARRAY[@region@._report_label('indicator', lang), @region@._report_label('unit', lang),
                                                    @region@._report_label('period', lang), @region@._report_label('dq_problem', lang),
                                                    @region@._report_label('value', lang), @region@._report_label('dq_due', lang),
                                                    @region@._report_label('dq_responsible', lang), @region@._report_label('dq_detail', lang)],
                                         rows_, 'quality', ARRAY[18, 12, 11, 11, 9, 10, 10, 19]) END);
END
$fn$;
COMMENT ON FUNCTION @region@._report_quality(text, date, date, text, text, integer) IS
    'follow_up_report section: data_quality (what is missing or late for the period); left out without the view';

-- _report_rules: the rules the figures follow, with the region's minimum group size.
CREATE FUNCTION @region@._report_rules(lang text, fmt text, min_n integer) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT pg_catalog.concat(
    @region@._report_heading(fmt, 2, 'rules', @region@._report_label('sec_rules', lang)),
    CASE WHEN fmt OPERATOR(pg_catalog.=) 'html' THEN '<ul class="rules">' END,
    (SELECT pg_catalog.string_agg(CASE WHEN fmt OPERATOR(pg_catalog.=) 'html'
                                       THEN pg_catalog.format('<li>%s</li>', @region@._report_escape(r.t, 'html'))
                                       ELSE pg_catalog.concat('- ', @region@._report_escape(r.t, 'markdown'), E'\n') END, '' ORDER BY r.i)
     FROM (VALUES
         (1, pg_catalog.format(@region@._report_label('rule_min', lang), min_n, min_n, min_n)),
         (2, @region@._report_label('rule_views', lang)),
         (3, @region@._report_label('rule_indicator', lang)),
         (4, pg_catalog.format(@region@._report_label('rule_access', lang), min_n)),
         (5, pg_catalog.format(@region@._report_label('rule_feedback', lang), min_n, min_n)),
         (6, pg_catalog.format(@region@._report_label('rule_themes', lang), min_n)),
         (7, pg_catalog.format(@region@._report_label('rule_overview', lang), min_n OPERATOR(pg_catalog.-) 1)),
         (8, @region@._report_label('rule_comments', lang)),
         (9, @region@._report_label('rule_rls', lang)),
         (10, @region@._report_label('rule_rounding', lang))) AS r (i, t)),
    CASE WHEN fmt OPERATOR(pg_catalog.=) 'html' THEN E'</ul>\n' ELSE E'\n' END)
$fn$;
COMMENT ON FUNCTION @region@._report_rules(text, text, integer) IS
    'follow_up_report section: the suppression and calculation rules, with the region''s minimum group size';

-- follow_up_report: the whole document.  Checks its arguments (22004 for a NULL, 22023 for
-- an unknown language, format or organisation, 22008 for an infinite date and 22023 for a
-- period that ends before it starts; each message quotes the input), then assembles the
-- sections.  SECURITY INVOKER: the views and row-level security decide what the reader
-- sees.  Output settings are fixed for the call (extra_float_digits = 1: data-value is
-- the exact value; DateStyle ISO), so the document does not depend on the session.
CREATE FUNCTION @region@.follow_up_report(organization_code text, period_start date, period_end date,
                                          language text DEFAULT 'fi', format text DEFAULT 'html')
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 1
SET DateStyle = 'ISO, YMD'
AS $fn$
DECLARE
    v_org text := follow_up_report.organization_code;
    v_start date := follow_up_report.period_start;
    v_end date := follow_up_report.period_end;
    v_lang text := follow_up_report.language;
    v_fmt text := follow_up_report.format;
    o record;
    min_n integer;
    region_name text;
    tz text;
    title text;
    body text;
    css constant text := $css$
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
html { background: #fff; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; line-height: 1.35; color: #000; background: #fff; margin: 0 auto; padding: 8mm 6mm; max-width: 190mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1.5px solid #000; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 1mm 0 2mm; }
p.note, .note { font-size: 8pt; color: #333; }
p.meta { font-size: 9pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 1mm 0 3mm; font-size: 8pt; }
th, td { border: 0.6px solid #777; padding: 1mm 1.2mm; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
th { background: #e6e6e6; text-align: left; font-weight: bold; font-size: 7pt; word-break: normal; overflow-wrap: anywhere; hyphens: auto; }
td.num { text-align: right; white-space: nowrap; }
td.num span.n { font-size: 7pt; color: #444; }
.sup { font-style: italic; color: #444; }
td.status.missed { font-weight: bold; }
td.chart { padding: 0.5mm; text-align: center; }
tr { break-inside: avoid; }
div.smallmultiples { display: flex; flex-wrap: wrap; gap: 2mm 3mm; }
figure.small { width: 56mm; margin: 0; }
figure.small svg { width: 56mm; height: auto; }
figure.small figcaption { font-size: 7pt; line-height: 1.2; }
span.unit { white-space: nowrap; }
figure { margin: 1mm 0 2mm; break-inside: avoid; }
figcaption { font-size: 8pt; color: #333; }
div.charts { display: flex; flex-wrap: wrap; gap: 4mm; }
div.charts svg { width: 48%; height: auto; max-width: 300px; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; fill: #000; }
ul.rules { font-size: 8.5pt; padding-left: 5mm; }
nav ol { font-size: 8.5pt; margin: 0; padding-left: 5mm; columns: 2; }
footer { margin-top: 6mm; font-size: 7.5pt; color: #444; border-top: 0.6px solid #777; padding-top: 1mm; }
@media print { body { padding: 0; max-width: none; } a { color: #000; text-decoration: none; } }
$css$;
BEGIN
    IF v_lang IS NULL THEN
        RAISE EXCEPTION 'language must not be null'
            USING ERRCODE = '22004', DETAIL = 'Expected fi, sv or en.';
    END IF;
    IF v_lang OPERATOR(pg_catalog.<>) ALL (ARRAY['fi', 'sv', 'en']) THEN
        RAISE EXCEPTION 'invalid language: "%"', v_lang
            USING ERRCODE = '22023', DETAIL = 'Expected fi, sv or en.';
    END IF;
    IF v_fmt IS NULL THEN
        RAISE EXCEPTION 'format must not be null'
            USING ERRCODE = '22004', DETAIL = 'Expected html or markdown.';
    END IF;
    IF v_fmt OPERATOR(pg_catalog.<>) ALL (ARRAY['html', 'markdown']) THEN
        RAISE EXCEPTION 'invalid format: "%"', v_fmt
            USING ERRCODE = '22023', DETAIL = 'Expected html or markdown.';
    END IF;
    IF v_org IS NULL THEN
        RAISE EXCEPTION 'organization_code must not be null'
            USING ERRCODE = '22004', DETAIL = 'Expected the code of an organisation of the region (organizations.code).';
    END IF;
    IF v_start IS NULL OR v_end IS NULL THEN
        RAISE EXCEPTION 'period must not be null: % .. %', COALESCE(v_start::text, 'NULL'), COALESCE(v_end::text, 'NULL')
            USING ERRCODE = '22004', DETAIL = 'Expected two dates, period_start and period_end (inclusive).';
    END IF;
    IF NOT pg_catalog.isfinite(v_start) OR NOT pg_catalog.isfinite(v_end) THEN
        RAISE EXCEPTION 'invalid period: "% .. %"', v_start, v_end
            USING ERRCODE = '22008', DETAIL = 'Expected finite dates.';
    END IF;
    IF v_end OPERATOR(pg_catalog.<) v_start THEN
        RAISE EXCEPTION 'invalid period: "% .. %"', v_start, v_end
            USING ERRCODE = '22023', DETAIL = 'Expected period_end on or after period_start.';
    END IF;
    SELECT og.code, og.name_fi, og.name_sv INTO o
    FROM @region@.organizations og WHERE og.code OPERATOR(pg_catalog.=) v_org;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown organisation: "%"', v_org
            USING ERRCODE = '22023', DETAIL = 'Expected the code of an organisation of the region that you may see (organizations.code).';
    END IF;
    IF pg_catalog.to_regprocedure('@region@.min_group_size()') IS NOT NULL THEN
        EXECUTE 'SELECT @region@.min_group_size()' INTO min_n;
    ELSE
        SELECT st.min_group_size INTO min_n FROM @region@.settings st;
    END IF;
    SELECT st.name, st.time_zone INTO region_name, tz FROM @region@.settings st;
    min_n := COALESCE(min_n, 5);

    title := pg_catalog.concat(@region@._report_label('title', v_lang), ': ',
                               @region@._report_name(o.name_fi, o.name_sv, NULL, v_lang), ', ',
                               @region@._report_period(v_start, v_end, v_lang));
    body := pg_catalog.concat(
        @region@._report_summary(v_org, v_start, v_end, v_lang, v_fmt, min_n),
        @region@._report_indicators(v_org, v_start, v_end, v_lang, v_fmt, min_n),
        @region@._report_access(v_org, v_start, v_end, v_lang, v_fmt, min_n),
        @region@._report_development(v_org, v_start, v_end, v_lang, v_fmt, min_n),
        @region@._report_feedback(v_org, v_start, v_end, v_lang, v_fmt, min_n),
        @region@._report_themes(v_org, v_start, v_end, v_lang, v_fmt, min_n),
        @region@._report_comments(v_org, v_start, v_end, v_lang, v_fmt, min_n),
        @region@._report_quality(v_org, v_start, v_end, v_lang, v_fmt, min_n),
        @region@._report_rules(v_lang, v_fmt, min_n));

    IF v_fmt OPERATOR(pg_catalog.=) 'markdown' THEN
        RETURN pg_catalog.concat(
            '# ', @region@._report_escape(title, 'markdown'), E'\n\n',
            @region@._report_escape(pg_catalog.concat(
                @region@._report_label('organization', v_lang), ': ', @region@._report_name(o.name_fi, o.name_sv, NULL, v_lang),
                ' (', o.code, ') ', @region@._report_label('with_sub', v_lang), ' · ',
                @region@._report_label('period', v_lang), ': ', pg_catalog.to_char(v_start, 'YYYY-MM-DD'), ' – ', pg_catalog.to_char(v_end, 'YYYY-MM-DD'), ' · ',
                @region@._report_label('generated', v_lang), ' ', pg_catalog.to_char(pg_catalog.timezone(tz, pg_catalog.now()), 'YYYY-MM-DD HH24:MI'), ' (', tz, ')'),
                'markdown'), E'\n\n',
            body);
    END IF;
    RETURN pg_catalog.concat(
        '<!DOCTYPE html>', E'\n', pg_catalog.format('<html lang="%s"><head><meta charset="utf-8">', v_lang),
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        pg_catalog.format('<meta name="generator" content="pekefb follow_up_report"><title>%s</title>', @region@._report_escape(title, 'html')),
        '<style>', css, '</style></head>', E'\n',
        pg_catalog.format('<body data-organization="%s" data-period-start="%s" data-period-end="%s" data-language="%s" data-min-group-size="%s">',
                          @region@._report_escape(o.code, 'html'), v_start, v_end, v_lang, min_n), E'\n',
        pg_catalog.format('<header><h1>%s</h1><p class="meta">%s: <strong>%s</strong> (%s) %s · %s: %s · %s: %s</p><p class="note">%s %s (%s)</p></header>',
                          @region@._report_escape(@region@._report_label('title', v_lang), 'html'),
                          @region@._report_escape(@region@._report_label('organization', v_lang), 'html'),
                          @region@._report_escape(@region@._report_name(o.name_fi, o.name_sv, NULL, v_lang), 'html'),
                          @region@._report_escape(o.code, 'html'),
                          @region@._report_escape(@region@._report_label('with_sub', v_lang), 'html'),
                          @region@._report_escape(@region@._report_label('period', v_lang), 'html'),
                          @region@._report_escape(@region@._report_period(v_start, v_end, v_lang), 'html'),
                          @region@._report_escape(@region@._report_label('region', v_lang), 'html'),
                          @region@._report_escape(region_name, 'html'),
                          @region@._report_escape(@region@._report_label('generated', v_lang), 'html'),
                          pg_catalog.to_char(pg_catalog.timezone(tz, pg_catalog.now()), 'YYYY-MM-DD HH24:MI'),
                          @region@._report_escape(tz, 'html')), E'\n',
        '<main>', body, '</main>', E'\n',
        '<footer>pekefb · region.follow_up_report</footer>', E'\n',
        '</body></html>', E'\n');
END
$fn$;
COMMENT ON FUNCTION @region@.follow_up_report(text, date, date, text, text) IS
    'the steering group''s follow-up report for an organisation with its sub-organisations and a period: one self-contained html (default) or markdown document in fi (default), sv or en; every figure read from the views, so suppressed as they are; SECURITY INVOKER (row-level security applies)';
