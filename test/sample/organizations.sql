-- Sample region, part 1: the network of Central Ostrobothnia (Keski-Pohjanmaa), the region of
-- Soite's plan (shared/seeds/002_*.txt): the wellbeing area, its eight municipalities, and
-- NGOs and parishes of the family-centre network.
-- The wellbeing area itself, the root, was registered by pekefb.create_region (region.sql).
INSERT INTO region.organizations (code, name_fi, name_sv, kind, parent_code) VALUES
  ('halsua',     'Halsua',     'Halsua',     'municipality', 'soite'),
  ('kannus',     'Kannus',     'Kannus',     'municipality', 'soite'),
  ('kaustinen',  'Kaustinen',  'Kaustby',    'municipality', 'soite'),
  ('kokkola',    'Kokkola',    'Karleby',    'municipality', 'soite'),
  ('lestijarvi', 'Lestijärvi', 'Lestijärvi', 'municipality', 'soite'),
  ('perho',      'Perho',      'Perho',      'municipality', 'soite'),
  ('toholampi',  'Toholampi',  'Toholampi',  'municipality', 'soite'),
  ('veteli',     'Veteli',     'Vetil',      'municipality', 'soite'),
  ('mll-kp',     'MLL:n Keski-Pohjanmaan piiri', 'MLL Mellersta Österbottens distrikt', 'ngo', 'soite'),
  ('ensikoti',   'Kokkolan ensi- ja turvakoti ry', 'Karleby mödra- och skyddshem rf', 'ngo', 'soite'),
  ('folkhalsan', 'Folkhälsan Karleby', 'Folkhälsan i Karleby', 'ngo', 'soite'),
  ('kokkola-srk','Kokkolan suomalainen seurakunta', 'Karleby finska församling', 'parish', 'kokkola'),
  ('karleby-fs', 'Kokkolan ruotsalainen seurakunta', 'Karleby svenska församling', 'parish', 'kokkola'),
  ('kaustinen-srk','Kaustisen seurakunta', 'Kaustby församling', 'parish', 'kaustinen');
