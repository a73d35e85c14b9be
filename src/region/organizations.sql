-- organizations: the family-centre network (wellbeing area, municipalities, NGOs, parishes,
-- companies, state agencies), and organization_tree, each organisation with every
-- organisation above it, kept by a trigger (a table, not a recursive view, so that it works
-- when the region is distributed on Citus).

CREATE TABLE @region@.organizations (
    code        text PRIMARY KEY
                CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    name_fi     text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv     text,
    kind        text NOT NULL
                CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['wellbeing_area', 'municipality', 'ngo', 'parish', 'company', 'state', 'nation'])),
    parent_code text REFERENCES @region@.organizations (code),
    CONSTRAINT organizations_not_own_parent CHECK (parent_code OPERATOR(pg_catalog.<>) code)
);
CREATE INDEX organizations_parent_idx ON @region@.organizations (parent_code);
COMMENT ON TABLE @region@.organizations IS
    'the family-centre network: wellbeing area (the root), municipalities, NGOs, parishes, companies, state agencies';
COMMENT ON COLUMN @region@.organizations.code IS 'stable key: lower-case letters, digits, _ . -';
COMMENT ON COLUMN @region@.organizations.name_fi IS 'Finnish name';
COMMENT ON COLUMN @region@.organizations.name_sv IS 'Swedish name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.organizations.kind IS 'wellbeing_area, municipality, ngo, parish, company, state or nation';
COMMENT ON COLUMN @region@.organizations.parent_code IS 'the organisation this one belongs to (NULL for the top); no cycles';

CREATE TABLE @region@.organization_tree (
    organization_code text NOT NULL REFERENCES @region@.organizations (code) ON DELETE CASCADE,
    ancestor_code     text NOT NULL REFERENCES @region@.organizations (code) ON DELETE CASCADE,
    depth             integer NOT NULL CHECK (depth OPERATOR(pg_catalog.>=) 0),
    PRIMARY KEY (organization_code, ancestor_code)
);
CREATE INDEX organization_tree_ancestor_idx ON @region@.organization_tree (ancestor_code);
COMMENT ON TABLE @region@.organization_tree IS
    'each organisation paired with itself (depth 0) and every organisation above it; kept by triggers on organizations, do not write';
COMMENT ON COLUMN @region@.organization_tree.organization_code IS 'an organisation';
COMMENT ON COLUMN @region@.organization_tree.ancestor_code IS 'the organisation itself or one above it';
COMMENT ON COLUMN @region@.organization_tree.depth IS 'levels between them: 0 = itself, 1 = its parent, ...';

-- rebuild_organization_tree(orgs, tree): the same for a given pair of tables: the region's
-- own, or on Citus the two tables' copies (shard placements) on one node, which the trigger
-- on a placement of organizations rebuilds in the node's own transaction.
CREATE FUNCTION @region@.rebuild_organization_tree(orgs pg_catalog.regclass, tree pg_catalog.regclass) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    level integer := 0;
    added bigint;
    total bigint;
    on_cycle text;
BEGIN
    EXECUTE pg_catalog.format('DELETE FROM %s', tree);
    EXECUTE pg_catalog.format('INSERT INTO %s (organization_code, ancestor_code, depth) '
                              'SELECT o.code, o.code, 0 FROM %s o', tree, orgs);
    GET DIAGNOSTICS total = ROW_COUNT;
    LOOP
        EXECUTE pg_catalog.format(
            'SELECT t.organization_code FROM %s t JOIN %s o ON o.code OPERATOR(pg_catalog.=) t.ancestor_code '
            'WHERE t.depth OPERATOR(pg_catalog.=) $1 AND o.parent_code OPERATOR(pg_catalog.=) t.organization_code '
            'ORDER BY t.organization_code LIMIT 1', tree, orgs)
            INTO on_cycle USING level;
        IF on_cycle IS NOT NULL THEN
            RAISE EXCEPTION 'cycle in @region@.organizations: organisation "%" is its own ancestor', on_cycle
                USING ERRCODE = '23514',
                      DETAIL = 'Following parent_code from it leads back to it; the network must be a tree.';
        END IF;
        EXECUTE pg_catalog.format(
            'INSERT INTO %s (organization_code, ancestor_code, depth) '
            'SELECT t.organization_code, o.parent_code, $1 OPERATOR(pg_catalog.+) 1 '
            'FROM %s t JOIN %s o ON o.code OPERATOR(pg_catalog.=) t.ancestor_code '
            'WHERE t.depth OPERATOR(pg_catalog.=) $1 AND o.parent_code IS NOT NULL', tree, tree, orgs)
            USING level;
        GET DIAGNOSTICS added = ROW_COUNT;
        EXIT WHEN added OPERATOR(pg_catalog.=) 0;
        total := total OPERATOR(pg_catalog.+) added;
        level := level OPERATOR(pg_catalog.+) 1;
    END LOOP;
    RETURN total;
END
$fn$;
COMMENT ON FUNCTION @region@.rebuild_organization_tree(pg_catalog.regclass, pg_catalog.regclass) IS
    'recomputes the organisation tree table tree from the organisations table orgs (the region''s, or their copies on one Citus node); returns the number of pairs';

-- rebuild_organization_tree(): recomputes organization_tree from parent_code, level by level
-- (no recursive query), and refuses a cycle naming an organisation on it.  Called by the
-- trigger after every change of organizations; callable by hand (e.g. after a bulk load
-- with triggers disabled).
CREATE FUNCTION @region@.rebuild_organization_tree() RETURNS bigint
    LANGUAGE sql SET search_path = pg_catalog, pg_temp
    RETURN @region@.rebuild_organization_tree('@region@.organizations'::pg_catalog.regclass,
                                              '@region@.organization_tree'::pg_catalog.regclass);
COMMENT ON FUNCTION @region@.rebuild_organization_tree() IS
    'recomputes organization_tree from organizations.parent_code; refuses cycles; returns the number of pairs';

-- The trigger rebuilds the tree after every statement that changes organizations.  On Citus
-- (a distributed region, pekefb.distribute_region) the region's tables are reference tables
-- with a copy on every node, and the trigger fires on each node's copy of organizations,
-- where it rebuilds that node's copy of organization_tree (a trigger there may not write
-- to the other nodes).
CREATE FUNCTION @region@.organizations_changed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    tree pg_catalog.regclass;
BEGIN
    IF TG_RELID OPERATOR(pg_catalog.=) '@region@.organizations'::pg_catalog.regclass THEN
        PERFORM @region@.rebuild_organization_tree();
    ELSE
        -- a placement (shard) of the reference table, named organizations_<shard id>
        -- a placement (shard) of the reference table, named organizations_<shard id>; while
        -- distribute_region copies organizations to a node that has no copy of
        -- organization_tree yet there is nothing to rebuild (the tree's copy follows).
        EXECUTE 'SELECT pg_catalog.to_regclass(pg_catalog.format(''%I.%I'', $1, ''organization_tree_'' OPERATOR(pg_catalog.||) s.shardid))'
                ' FROM pg_catalog.pg_dist_shard s WHERE s.logicalrelid OPERATOR(pg_catalog.=) $2'
            INTO tree USING TG_TABLE_SCHEMA, '@region@.organization_tree'::pg_catalog.regclass;
        IF tree IS NOT NULL THEN
            PERFORM @region@.rebuild_organization_tree(TG_RELID, tree);
        END IF;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.organizations_changed() IS 'trigger: keeps organization_tree in step with organizations';
CREATE TRIGGER organizations_tree AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @region@.organizations
    FOR EACH STATEMENT EXECUTE FUNCTION @region@.organizations_changed();

ALTER TABLE @region@.settings ADD CONSTRAINT settings_area_code_fkey
    FOREIGN KEY (area_code) REFERENCES @region@.organizations (code);
