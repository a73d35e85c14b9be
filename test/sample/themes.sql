-- Sample region, themes: the theme catalogue of the demo (the themes its comments show) and
-- the lexicon that codes the free-text comments by them, in Finnish and Swedish.  Terms are
-- written in any inflected form: they are stemmed like the comments (doc/themes.md), so
-- "odotusaika" also finds "odotusajat" and "väntetid" finds "Väntetiden".  Inserting the
-- lexicon codes every comment already loaded (and each later one as it arrives).
INSERT INTO region.themes (code, label_fi, label_sv, label_en, description) VALUES
  ('odotusaika', 'Odotusaika', 'Väntetid', 'Waiting time', 'how soon the service was reached: queues, waiting times, quick help'),
  ('digipalvelut', 'Digipalvelut', 'Digitala tjänster', 'Digital services', 'online booking, chat, electronic forms'),
  ('aukioloajat', 'Aukioloajat', 'Öppettider', 'Opening hours', 'when the service is open or reachable'),
  ('tiedonkulku', 'Tiedonkulku', 'Informationsflöde', 'Flow of information', 'information between services and to the family, language of service'),
  ('saavutettavuus', 'Saavutettavuus', 'Tillgänglighet', 'Accessibility', 'getting to the service: premises, distances, language'),
  ('ystävällisyys', 'Ystävällisyys', 'Vänlighet', 'Friendliness', 'how the family was met: kindness, listening, a welcoming place');

INSERT INTO region.theme_lexicon (theme, lang, term) VALUES
  ('odotusaika', 'fi', 'odotusaika'), ('odotusaika', 'fi', 'jono'), ('odotusaika', 'fi', 'nopeasti'),
  ('odotusaika', 'fi', 'samalla viikolla'),
  ('odotusaika', 'sv', 'väntetid'), ('odotusaika', 'sv', 'kö'), ('odotusaika', 'sv', 'snabbt'),
  ('digipalvelut', 'fi', 'digipalvelu'), ('digipalvelut', 'fi', 'chat'), ('digipalvelut', 'fi', 'sähköinen asiointi'),
  ('digipalvelut', 'sv', 'digitala'), ('digipalvelut', 'sv', 'chatt'), ('digipalvelut', 'sv', 'tidsbokning'),
  ('aukioloajat', 'fi', 'aukioloaika'), ('aukioloajat', 'fi', 'virka-aikaan'), ('aukioloajat', 'fi', 'auki vain'),
  ('aukioloajat', 'sv', 'öppettider'), ('aukioloajat', 'sv', 'öppet'),
  ('tiedonkulku', 'fi', 'tiedonkulku'), ('tiedonkulku', 'fi', 'tieto ei kulkenut'), ('tiedonkulku', 'fi', 'tiedottaminen'),
  ('tiedonkulku', 'sv', 'informationen'), ('tiedonkulku', 'sv', 'på svenska'),
  ('saavutettavuus', 'fi', 'vaikea päästä'), ('saavutettavuus', 'fi', 'kohtaamispaikka'), ('saavutettavuus', 'fi', 'esteetön'),
  ('saavutettavuus', 'sv', 'service på svenska'), ('saavutettavuus', 'sv', 'svårt att komma'),
  ('ystävällisyys', 'fi', 'ystävällinen'), ('ystävällisyys', 'fi', 'ystävällisesti'), ('ystävällisyys', 'fi', 'kuunteli'),
  ('ystävällisyys', 'fi', 'mukava'),
  ('ystävällisyys', 'sv', 'vänlig'), ('ystävällisyys', 'sv', 'välkomna');
