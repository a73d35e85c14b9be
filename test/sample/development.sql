-- Sample region, development work: the programme, investments, work packages and actions of
-- Soite's RRF plan (shared/seeds/002_*.txt, section 4.2), their stage targets from the
-- plan's rough schedules ("karkea aikataulu") and made-up progress 2023–2025 (a few actions
-- behind, one ahead), linked to the plan's indicators of the sample and to the feedback
-- services they concern.  Loaded by region.sql (a region of 0.3.0 or later); on its own
-- after an upgrade: psql -f test/sample/development.sql.

INSERT INTO region.development_items (code, parent_code, kind, name_fi, name_sv, name_en, organization_code,
                                      planned_start, planned_end, scale) VALUES
  ('rrf', NULL, 'programme',
   'Tulevaisuuden sosiaali- ja terveyskeskus -ohjelma, RRF-hanke (pilari 4)',
   'Framtidens social- och hälsocentral, RRF-projekt (pelare 4)',
   'Health and social services centre of the future, RRF project (pillar 4)', 'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv1', 'rrf', 'investment',
   'Investointi 1: Edistetään hoitotakuun toteutumista ja puretaan hoito-, kuntoutus- ja palveluvelkaa',
   'Investering 1: Vårdgarantin och avveckling av vård-, rehabiliterings- och serviceskulden',
   'Investment 1: Care guarantee and the care, rehabilitation and service backlog', 'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv2', 'rrf', 'investment',
   'Investointi 2: Vahvistetaan ennaltaehkäisyä ja ongelmien varhaista tunnistamista',
   'Investering 2: Förebyggande och tidig identifiering av problem',
   'Investment 2: Prevention and early identification of problems', 'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv3', 'rrf', 'investment',
   'Investointi 3: Vahvistetaan kustannusvaikuttavuutta tukevaa tietopohjaa ja vaikuttavuusperusteista ohjausta',
   'Investering 3: Kunskapsunderlag och effektbaserad styrning',
   'Investment 3: Knowledge base and impact-based steering', 'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv4', 'rrf', 'investment',
   'Investointi 4: Otetaan käyttöön hoitotakuuta edistävät digitaaliset innovaatiot',
   'Investering 4: Digitala innovationer som främjar vårdgarantin',
   'Investment 4: Digital innovations for the care guarantee', 'soite', '2023-01-01', '2025-12-31', NULL),
  -- Investment 1
  ('inv1-tp1', 'inv1', 'work_package', 'TP1: Ikääntyneet', 'AP1: Äldre', 'WP1: Older people',
   'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv1-tp1-suu', 'inv1-tp1', 'action', 'Suun terveydenhuollon jononpurku', 'Avveckling av kön inom munhälsovården',
   'Clearing the oral-care queue', NULL, '2023-01-01', '2025-12-31', NULL),
  ('inv1-tp2', 'inv1', 'work_package', 'TP2: Perhekeskuspalvelujen lapset, nuoret ja vanhemmat',
   'AP2: Barn, unga och föräldrar i familjecentrets tjänster', 'WP2: Children, young people and parents of the family centre',
   'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv1-tp2-jalkautuva', 'inv1-tp2', 'action', 'Neuvolatyön jalkautuvan tuen malli',
   'Modell för uppsökande stöd inom rådgivningen', 'Outreach support model of the child-health clinic',
   NULL, '2023-01-01', '2025-12-31', 'described'),
  ('inv1-tp2-ls-arviointi', 'inv1-tp2', 'action', 'Lastensuojelun monialaisen palvelutarpeen arvioinnin malli',
   'Modell för sektorsövergripande bedömning av servicebehovet inom barnskyddet',
   'Multi-professional service-need assessment model of child welfare', NULL, '2023-01-01', '2025-12-31', 'described'),
  ('inv1-tp2-psykkari', 'inv1-tp2', 'action', 'Koulujen psykkaritoiminnan malli', 'Modell för psykiatriska skolsjukskötare',
   'School psychiatric nurse model', NULL, '2023-01-01', '2025-12-31', 'evaluated'),
  ('inv1-tp3', 'inv1', 'work_package', 'TP3: Mielenterveys- ja päihdepalvelut', 'AP3: Mentalvårds- och missbrukartjänster',
   'WP3: Mental-health and substance-abuse services', 'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv1-tp3-pikkulapsi', 'inv1-tp3', 'action', 'Pikkulapsipsykiatrian hoidon tarpeen arvioinnin malli',
   'Modell för bedömning av vårdbehovet inom småbarnspsykiatrin', 'Infant-psychiatry care-need assessment model',
   NULL, '2023-01-01', '2024-12-31', 'implementation'),
  -- Investment 2
  ('inv2-tp2', 'inv2', 'work_package', 'TP2: Matalan kynnyksen palvelut', 'AP2: Lågtröskeltjänster', 'WP2: Low-threshold services',
   'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv2-tp2-ryhmat', 'inv2-tp2', 'action', 'Matalan kynnyksen monialainen ryhmätoiminta', 'Sektorsövergripande lågtröskelgrupper',
   'Low-threshold multi-professional group activity', NULL, '2023-01-01', '2025-12-31', 'implementation'),
  ('inv2-tp2-talous', 'inv2-tp2', 'action', 'Talousneuvonnan ja -ohjauksen toimintamalli', 'Modell för ekonomisk rådgivning',
   'Financial counselling model', NULL, '2023-04-01', '2023-12-31', 'described'),
  -- Investment 3
  ('inv3-tp1', 'inv3', 'work_package', 'TP1: Kirjaamiskäytäntöjen kehittäminen', 'AP1: Utveckling av dokumentationen',
   'WP1: Documentation practices', 'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv3-tp1-koulutus', 'inv3-tp1', 'action', 'Kirjaamisen koulutusrakenne', 'Utbildningsstruktur för dokumentation',
   'Training structure for documentation', NULL, '2023-01-01', '2025-12-31', 'approval'),
  ('inv3-tp1-ohjeet', 'inv3-tp1', 'action', 'Yhdenmukaiset kirjaamisohjeet vahvistettu', 'Enhetliga dokumentationsanvisningar fastställda',
   'Uniform documentation guidelines confirmed', NULL, '2023-01-01', '2025-12-31', 'yes_no'),
  ('inv3-tp4', 'inv3', 'work_package', 'TP4: TKIO-toimintamallin käyttöönotto ja juurruttaminen',
   'AP4: Ibruktagande och förankring av FUI-modellen', 'WP4: Adopting and embedding the RDI model',
   'soite', '2023-01-01', '2025-12-31', 'implementation'),
  ('inv3-tp4-suunnitelma', 'inv3-tp4', 'action', 'TKIO-toimeenpanosuunnitelman käyttöönotto',
   'Ibruktagande av FUI-verkställighetsplanen', 'Adopting the RDI implementation plan',
   NULL, '2023-01-01', '2025-12-31', 'implementation'),
  -- Investment 4
  ('inv4-tp1', 'inv4', 'work_package', 'TP1: Kansalaisten digitaaliset palvelut', 'AP1: Digitala tjänster för invånarna',
   'WP1: Digital services for residents', 'soite', '2023-01-01', '2025-12-31', NULL),
  ('inv4-tp1-omaolo', 'inv4-tp1', 'action', 'Omaolo- ja sähköisten asiointipalvelujen laajentaminen',
   'Utvidgning av Omaolo och e-tjänsterna', 'Extending Omaolo and e-services', NULL, '2023-01-01', '2025-12-31', 'implementation');

-- Stage targets from the plan's rough schedules (the last day of the half-year or year).
INSERT INTO region.stage_targets (item_code, due_date, stage, note) VALUES
  -- "1-4/2025 toimintamallit vahvistetaan käyttöön otettaviksi": the models described by 2024
  ('inv1-tp2-jalkautuva', '2024-12-31', 'kuvattu', 'TP2 karkea aikataulu'),
  ('inv1-tp2-ls-arviointi', '2024-12-31', 'kuvattu', 'TP2 karkea aikataulu'),
  ('inv1-tp2-psykkari', '2025-12-31', 'arvioitu ja kehitetty', 'TP2 mittarit'),
  -- "Q3-4/2023 mallin valmistelu, Q 1-2/2024 mallin pilotointi ja Q 3-4/2024 mallin juurruttaminen"
  ('inv1-tp3-pikkulapsi', '2023-12-31', 'valmistelu', 'TP3 karkea aikataulu'),
  ('inv1-tp3-pikkulapsi', '2024-06-30', 'kokeilu ja arviointi', 'TP3 karkea aikataulu'),
  ('inv1-tp3-pikkulapsi', '2024-12-31', 'juurruttaminen', 'TP3 karkea aikataulu'),
  ('inv2-tp2-ryhmat', '2023-12-31', 'valmistelu', NULL),
  ('inv2-tp2-ryhmat', '2024-12-31', 'käyttöönotto', NULL),
  ('inv2-tp2-ryhmat', '2025-12-31', 'juurruttaminen', NULL),
  -- "Q 2-4/2023: Toimintamallin valmistelu, valmis Q 4/2023 mennessä"
  ('inv2-tp2-talous', '2023-12-31', 'kuvattu', 'TP2 karkea aikataulu'),
  ('inv3-tp1-koulutus', '2023-12-31', 'suunniteltu', NULL),
  ('inv3-tp1-koulutus', '2024-12-31', 'valmisteltu', NULL),
  ('inv3-tp1-koulutus', '2025-06-30', 'vahvistettu', '1-4/2025 vahvistetaan koulutusrakenne'),
  ('inv3-tp1-ohjeet', '2025-12-31', 'kyllä', '1-4/2025 yhdenmukaiset kirjaamisohjeet'),
  -- "Q1-2/2023 ... Q 3-4/2023 – Q 1-4/2024 mallin toteuttaminen ja arviointi. Q 1-4/2025 ... juurruttaminen"
  ('inv3-tp4', '2023-06-30', 'valmistelu', 'TP4 karkea aikataulu'),
  ('inv3-tp4', '2024-06-30', 'kokeilu ja arviointi', 'TP4 karkea aikataulu'),
  ('inv3-tp4', '2024-12-31', 'käyttöönotto', 'TP4 karkea aikataulu'),
  ('inv3-tp4', '2025-12-31', 'juurruttaminen', 'TP4 karkea aikataulu'),
  ('inv3-tp4-suunnitelma', '2023-12-31', 'valmistelu', NULL),
  ('inv3-tp4-suunnitelma', '2024-12-31', 'käyttöönotto', NULL),
  ('inv3-tp4-suunnitelma', '2025-12-31', 'juurruttaminen', NULL),
  ('inv4-tp1-omaolo', '2023-06-30', 'valmistelu', NULL),
  ('inv4-tp1-omaolo', '2023-12-31', 'käyttöönotto', NULL),
  ('inv4-tp1-omaolo', '2025-06-30', 'juurruttaminen', NULL);

-- Progress as the project's quarterly reports to the steering group might have recorded it.
INSERT INTO region.development_progress (item_code, on_date, stage, assessment, assessed_by) VALUES
  ('inv1-tp2-jalkautuva', '2023-09-30', 'ei kuvattu', 'Työntekijät rekrytoitu, kehittämistyö käynnissä.', 'hankejohtaja'),
  ('inv1-tp2-jalkautuva', '2024-11-29', 'kuvattu', 'Malli kuvattu ja esitelty ohjausryhmälle.', 'hankejohtaja'),
  ('inv1-tp2-ls-arviointi', '2023-09-30', 'ei kuvattu', 'Työryhmä koottu.', 'hankejohtaja'),
  ('inv1-tp2-ls-arviointi', '2024-12-20', 'ei kuvattu', 'Kuvaus kesken: henkilöstövaihdokset viivästyttivät.', 'hankejohtaja'),
  ('inv1-tp2-ls-arviointi', '2025-09-15', 'kuvattu', 'Malli kuvattu, käyttöönotto 2026.', 'hankejohtaja'),
  ('inv1-tp2-psykkari', '2024-06-28', 'ei arvioitu ja kehitetty', 'Toiminta käynnissä kahdeksalla koululla.', 'hankejohtaja'),
  ('inv1-tp2-psykkari', '2025-12-19', 'ei arvioitu ja kehitetty', 'Arviointiraportti valmistuu keväällä 2026.', 'hankejohtaja'),
  ('inv1-tp3-pikkulapsi', '2023-10-31', 'valmistelu', 'Mallin valmistelu alkanut.', 'vastuualuejohtaja'),
  ('inv1-tp3-pikkulapsi', '2024-04-30', 'kokeilu ja arviointi', 'Pilotti käynnissä Kokkolassa.', 'vastuualuejohtaja'),
  ('inv1-tp3-pikkulapsi', '2024-12-16', 'käyttöönotto', 'Käytössä koko alueella, juurruttaminen siirtyy 2025.', 'vastuualuejohtaja'),
  ('inv1-tp3-pikkulapsi', '2025-05-30', 'juurruttaminen', 'Osa perustoimintaa.', 'vastuualuejohtaja'),
  ('inv2-tp2-ryhmat', '2023-11-15', 'valmistelu', 'Ryhmien suunnittelu yhdessä järjestöjen kanssa.', 'hyte-koordinaattori'),
  ('inv2-tp2-ryhmat', '2024-10-31', 'käyttöönotto', 'Kymmenen ryhmää käynnissä.', 'hyte-koordinaattori'),
  ('inv2-tp2-ryhmat', '2025-10-31', 'käyttöönotto', 'Rahoitus vuodelle 2026 auki; juurruttaminen kesken.', 'hyte-koordinaattori'),
  ('inv2-tp2-talous', '2023-12-15', 'ei kuvattu', 'Valmistelu kesken.', 'sosiaalityön johtaja'),
  ('inv2-tp2-talous', '2024-02-15', 'kuvattu', 'Toimintamalli kuvattu asiakkaille ja ammattilaisille.', 'sosiaalityön johtaja'),
  ('inv3-tp1-koulutus', '2023-11-30', 'suunniteltu', 'Koulutusrakenteen luonnos.', 'kirjaamiskoordinaattori'),
  ('inv3-tp1-koulutus', '2024-10-15', 'valmisteltu', 'Koulutusrakenne valmisteltu.', 'kirjaamiskoordinaattori'),
  ('inv3-tp1-koulutus', '2025-03-14', 'vahvistettu', 'Johtoryhmä vahvisti koulutusrakenteen.', 'kirjaamiskoordinaattori'),
  ('inv3-tp1-ohjeet', '2024-06-28', 'ei', 'Ohjeet kommenteilla.', 'kirjaamiskoordinaattori'),
  ('inv3-tp1-ohjeet', '2025-10-15', 'kyllä', 'Yhdenmukaiset kirjaamisohjeet vahvistettu.', 'kirjaamiskoordinaattori'),
  ('inv3-tp4', '2023-03-31', 'valmistelu', 'TKIO-koordinaattori aloitti.', 'tkio-päällikkö'),
  ('inv3-tp4', '2023-12-15', 'kokeilu ja arviointi', 'Toimintamallin vuosikello koekäytössä.', 'tkio-päällikkö'),
  ('inv3-tp4', '2024-11-29', 'käyttöönotto', 'Toimintamalli käytössä.', 'tkio-päällikkö'),
  ('inv3-tp4', '2025-11-28', 'juurruttaminen', 'Toimintamalli osa johtamisjärjestelmää.', 'tkio-päällikkö'),
  ('inv3-tp4-suunnitelma', '2023-10-31', 'valmistelu', 'Ensimmäinen versio työn alla.', 'tkio-päällikkö'),
  ('inv3-tp4-suunnitelma', '2024-09-30', 'kokeilu ja arviointi', 'Suunnitelma kokeilussa kahdella vastuualueella.', 'tkio-päällikkö'),
  ('inv3-tp4-suunnitelma', '2025-06-30', 'käyttöönotto', 'Käytössä; juurruttaminen vuonna 2026.', 'tkio-päällikkö'),
  ('inv4-tp1-omaolo', '2023-03-31', 'valmistelu', 'Palveluvalikoima päätetty.', 'digijohtaja'),
  ('inv4-tp1-omaolo', '2023-12-01', 'käyttöönotto', 'Uudet Omaolo-palvelut käytössä.', 'digijohtaja'),
  ('inv4-tp1-omaolo', '2025-06-13', 'juurruttaminen', 'Osa palveluvalikkoa.', 'digijohtaja');

-- What each item should move: the plan's indicators that the sample has.
INSERT INTO region.development_indicators (item_code, indicator_code) VALUES
  ('inv1-tp1', 'suun-kiireeton'), ('inv1-tp1-suu', 'suun-kiireeton'),
  ('inv1-tp2', 'pta-3kk'), ('inv1-tp2', 'ls-7arkipv'), ('inv1-tp2', 'neuvola-18kk-4v'), ('inv1-tp2', 'lene'),
  ('inv1-tp2-jalkautuva', 'neuvola-18kk-4v'), ('inv1-tp2-jalkautuva', 'lene'),
  ('inv1-tp2-ls-arviointi', 'pta-3kk'), ('inv1-tp2-ls-arviointi', 'ls-7arkipv'),
  ('inv1-tp3', 'mt-hoitotakuu'), ('inv1-tp3', 'paihde-saatavuus'),
  ('inv2-tp2', 'monialaiset-ryhmat'), ('inv2-tp2-ryhmat', 'monialaiset-ryhmat'),
  ('inv4-tp1', 'omaolo'), ('inv4-tp1', 'sahkoinen-asiointi'), ('inv4-tp1', 'sahkoiset-lomakkeet'),
  ('inv4-tp1-omaolo', 'omaolo'), ('inv4-tp1-omaolo', 'sahkoinen-asiointi');

-- What clients said about the services the work concerns.
INSERT INTO region.development_services (item_code, service) VALUES
  ('inv1-tp2', 'neuvola'), ('inv1-tp2', 'lastensuojelu'), ('inv1-tp2', 'koulupsykiatrinen sairaanhoitaja'),
  ('inv1-tp2-jalkautuva', 'neuvola'), ('inv1-tp2-ls-arviointi', 'lastensuojelu'),
  ('inv1-tp2-psykkari', 'koulupsykiatrinen sairaanhoitaja'),
  ('inv2-tp2', 'perhekeskuksen kohtaamispaikka'), ('inv2-tp2-ryhmat', 'perhekeskuksen kohtaamispaikka');

ANALYZE region.stage_scales, region.stages, region.development_items, region.development_progress,
        region.stage_targets, region.development_indicators, region.development_services;
