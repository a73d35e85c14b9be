-- network_setup: a small region "net" for the network and privacy tests
-- (\i test/regress/network_setup.sql), minimum group size 3:
--   alue (wellbeing area)
--   |- kunta_a (municipality) -- srk_a (parish)
--   |- kunta_b (municipality)
--   `- ngo
-- and five roles: pekefb_test_admin (admin of the area), pekefb_test_analyst (read, kunta_a),
-- pekefb_test_ngo (write, ngo), pekefb_test_parish (write, srk_a), pekefb_test_loader (write,
-- kunta_a and kunta_b).  Members are made with add_member when the region has it, else
-- with the GRANTs a DBA would write by hand (so the attack tests run on older code too).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pekefb;
DROP SCHEMA IF EXISTS net CASCADE;
DROP ROLE IF EXISTS pekefb_test_admin;
DROP ROLE IF EXISTS pekefb_test_analyst;
DROP ROLE IF EXISTS pekefb_test_ngo;
DROP ROLE IF EXISTS pekefb_test_parish;
DROP ROLE IF EXISTS pekefb_test_loader;
RESET client_min_messages;
CREATE ROLE pekefb_test_admin;
CREATE ROLE pekefb_test_analyst;
CREATE ROLE pekefb_test_ngo;
CREATE ROLE pekefb_test_parish;
CREATE ROLE pekefb_test_loader;

SELECT pekefb.create_region('net', 'alue', 'Alue', min_group_size => 3);
INSERT INTO net.organizations (code, name_fi, kind, parent_code) VALUES
  ('kunta_a', 'Kunta A', 'municipality', 'alue'),
  ('srk_a', 'Seurakunta A', 'parish', 'kunta_a'),
  ('kunta_b', 'Kunta B', 'municipality', 'alue'),
  ('ngo', 'Järjestö', 'ngo', 'alue');
INSERT INTO net.indicators (code, name_fi, unit, deadline) VALUES
  ('care', 'Hoitoon 14 vrk:ssa', '%', '14 days');
INSERT INTO net.indicators (code, name_fi, unit) VALUES
  ('visits', 'Käynnit', '');
INSERT INTO net.targets (indicator_code, organization_code, period_start, period_end, target) VALUES
  ('care', NULL, '2020-01-01', '2020-12-31', '>= 80%');
-- cases in January 2020: kunta_a 4, srk_a 1, kunta_b 3, ngo 3 (and 1 in February)
INSERT INTO net.cases (indicator_code, organization_code, case_id, started, finished) VALUES
  ('care', 'kunta_a', 'a1', '2020-01-02', '2020-01-10'),
  ('care', 'kunta_a', 'a2', '2020-01-03', '2020-01-30'),
  ('care', 'kunta_a', 'a3', '2020-01-06', '2020-01-08'),
  ('care', 'kunta_a', 'a4', '2020-01-07', '2020-01-09'),
  ('care', 'srk_a',   's1', '2020-01-08', '2020-02-28'),
  ('care', 'kunta_b', 'b1', '2020-01-02', '2020-01-03'),
  ('care', 'kunta_b', 'b2', '2020-01-02', '2020-01-04'),
  ('care', 'kunta_b', 'b3', '2020-01-03', '2020-01-31'),
  ('care', 'ngo',     'n1', '2020-01-02', '2020-01-05'),
  ('care', 'ngo',     'n2', '2020-01-03', '2020-01-06'),
  ('care', 'ngo',     'n3', '2020-01-04', '2020-01-07'),
  ('care', 'ngo',     'n4', '2020-02-04', '2020-02-07');
-- feedback in the first quarter of 2020: kunta_a 4 parents, srk_a a staff member (a
-- comment that names a person) and a parent, kunta_b 3 parents, ngo 3 parents; in the
-- second quarter one kunta_b parent of another service
INSERT INTO net.feedback_responses (organization_code, response_id, received_at, service, response, comment, themes) VALUES
  ('kunta_a', 'fa1', '2020-01-10 10:00+02', 'neuvola', '{"role":"parent","nps":10,"items":{"easy":5}}', 'Hyvä palvelu', '{palvelu}'),
  ('kunta_a', 'fa2', '2020-01-11 10:00+02', 'neuvola', '{"role":"parent","nps":9,"items":{"easy":4}}', NULL, '{}'),
  ('kunta_a', 'fa3', '2020-02-12 10:00+02', 'neuvola', '{"role":"parent","nps":8,"items":{"easy":4}}', NULL, '{}'),
  ('kunta_a', 'fa4', '2020-03-13 10:00+02', 'neuvola', '{"role":"parent","nps":7,"items":{"easy":3}}', 'Pitkä odotus', '{odotusaika}'),
  ('srk_a',   'fs1', '2020-01-14 10:00+02', 'neuvola', '{"role":"staff","nps":0,"items":{"easy":1}}', 'Esihenkilö Matti kohtelee huonosti', '{johtaminen}'),
  ('srk_a',   'fs2', '2020-01-15 10:00+02', 'neuvola', '{"role":"parent","nps":0,"items":{"easy":1}}', NULL, '{}'),
  ('kunta_b', 'fb1', '2020-01-15 10:00+02', 'neuvola', '{"role":"parent","nps":10,"items":{"easy":5}}', NULL, '{}'),
  ('kunta_b', 'fb2', '2020-01-16 10:00+02', 'neuvola', '{"role":"parent","nps":10,"items":{"easy":5}}', NULL, '{}'),
  ('kunta_b', 'fb3', '2020-01-17 10:00+02', 'neuvola', '{"role":"parent","nps":6,"items":{"easy":2}}', NULL, '{}'),
  ('kunta_b', 'fb4', '2020-05-17 10:00+03', 'perheneuvola', '{"role":"parent","nps":0,"items":{"easy":1}}', 'Ei apua', '{apu}'),
  ('ngo',     'fn1', '2020-01-18 10:00+02', 'neuvola', '{"role":"parent","nps":9,"items":{"easy":4}}', 'Kiitos', '{palvelu}'),
  ('ngo',     'fn2', '2020-01-19 10:00+02', 'neuvola', '{"role":"parent","nps":9,"items":{"easy":4}}', NULL, '{}'),
  ('ngo',     'fn3', '2020-01-20 10:00+02', 'neuvola', '{"role":"parent","nps":3,"items":{"easy":2}}', NULL, '{}');
SELECT net.refresh_access_measurements('2020-01-01', '2020-03-31');
INSERT INTO net.measurements (indicator_code, organization_code, period_start, period_end, value, source) VALUES
  ('visits', 'ngo', '2020-01-01', '2020-03-31', '120', 'ngo'),
  ('visits', 'kunta_b', '2020-01-01', '2020-03-31', '340', 'kunta_b');

DO $$
BEGIN
    IF pg_catalog.to_regprocedure('net.add_member(name,text,text)') IS NOT NULL THEN
        PERFORM net.add_member('pekefb_test_admin', 'alue', 'admin');
        PERFORM net.add_member('pekefb_test_analyst', 'kunta_a', 'read');
        PERFORM net.add_member('pekefb_test_ngo', 'ngo', 'write');
        PERFORM net.add_member('pekefb_test_parish', 'srk_a', 'write');
        PERFORM net.add_member('pekefb_test_loader', 'kunta_a', 'write');
        PERFORM net.add_member('pekefb_test_loader', 'kunta_b', 'write');
    ELSE
        -- what a DBA does by hand without membership: grants, and a policy of their own
        GRANT USAGE ON SCHEMA net TO pekefb_test_admin, pekefb_test_analyst, pekefb_test_ngo,
                                     pekefb_test_parish, pekefb_test_loader;
        GRANT SELECT ON ALL TABLES IN SCHEMA net TO pekefb_test_admin, pekefb_test_analyst, pekefb_test_ngo,
                                                    pekefb_test_parish, pekefb_test_loader;
        GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA net TO pekefb_test_ngo, pekefb_test_parish,
                                                                    pekefb_test_loader, pekefb_test_admin;
        GRANT UPDATE ON net.settings TO pekefb_test_admin;
        ALTER TABLE net.measurements ENABLE ROW LEVEL SECURITY;
        ALTER TABLE net.feedback_responses ENABLE ROW LEVEL SECURITY;
        ALTER TABLE net.cases ENABLE ROW LEVEL SECURITY;
        CREATE POLICY by_hand ON net.measurements USING (
            current_user = 'pekefb_test_admin'
            OR (current_user = 'pekefb_test_ngo' AND organization_code = 'ngo')
            OR (current_user = 'pekefb_test_parish' AND organization_code = 'srk_a')
            OR (current_user IN ('pekefb_test_analyst', 'pekefb_test_loader') AND organization_code IN ('kunta_a', 'srk_a')));
        CREATE POLICY by_hand ON net.feedback_responses USING (
            current_user = 'pekefb_test_admin'
            OR (current_user = 'pekefb_test_ngo' AND organization_code = 'ngo')
            OR (current_user = 'pekefb_test_parish' AND organization_code = 'srk_a'));
        CREATE POLICY by_hand ON net.cases USING (
            current_user = 'pekefb_test_admin'
            OR (current_user = 'pekefb_test_ngo' AND organization_code = 'ngo'));
    END IF;
END $$;
