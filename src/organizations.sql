-- organizations: the family-centre network (wellbeing area, municipalities, NGOs, parishes,
-- companies, state agencies).  Extension-owned and dumped by pg_dump.

CREATE TABLE @extschema@.organizations (
    code        text PRIMARY KEY
                CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    name_fi     text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv     text,
    kind        text NOT NULL
                CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['wellbeing_area', 'municipality', 'ngo', 'parish',
                                                      'company', 'state'])),
    parent_code text REFERENCES @extschema@.organizations (code) ON UPDATE CASCADE,
    CHECK (NOT (parent_code OPERATOR(pg_catalog.=) code))
);
CREATE INDEX organizations_parent_idx ON @extschema@.organizations (parent_code);
COMMENT ON TABLE @extschema@.organizations IS
    'the family-centre network: wellbeing area, municipalities, NGOs, parishes, companies, state';
COMMENT ON COLUMN @extschema@.organizations.code IS 'stable key: lower-case letters, digits, _ . -';
COMMENT ON COLUMN @extschema@.organizations.parent_code IS 'the organisation this one belongs to (NULL for the top)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organizations', '');

