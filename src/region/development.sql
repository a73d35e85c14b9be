-- development work: the plan's hierarchy of development items (programme > investment >
-- work package > action), the ordered stage scales they are measured on (implementation
-- stages and yes/no milestones, with the seed plan's scales shipped as defaults), progress
-- recorded over time, stage targets, and the links from an item to the outcome indicators
-- it should move and to the feedback services it concerns (doc/development.md).  Stages
-- are not indicators: they never enter indicators, targets or measurements.

CREATE TABLE @region@.stage_scales (
    scale     text PRIMARY KEY
              CHECK (scale OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    milestone boolean NOT NULL DEFAULT false,
    name_fi   text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv   text,
    name_en   text
);
COMMENT ON TABLE @region@.stage_scales IS
    'ordered vocabularies development items are measured on: implementation stages, or yes/no milestones (two stages, rank 0 = not done, 1 = done)';
COMMENT ON COLUMN @region@.stage_scales.scale IS 'stable key: lower-case letters, digits, _ . -';
COMMENT ON COLUMN @region@.stage_scales.milestone IS 'true for a yes/no milestone: its stages have rank 0 (not done) and 1 (done)';
COMMENT ON COLUMN @region@.stage_scales.name_fi IS 'Finnish name of the scale';
COMMENT ON COLUMN @region@.stage_scales.name_sv IS 'Swedish name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.stage_scales.name_en IS 'English name (NULL: the Finnish one is used)';

CREATE TABLE @region@.stages (
    scale    text NOT NULL REFERENCES @region@.stage_scales (scale),
    stage    text NOT NULL CHECK (stage OPERATOR(pg_catalog.<>) ''),
    rank     integer NOT NULL CHECK (rank OPERATOR(pg_catalog.>=) 0),
    label_fi text NOT NULL CHECK (label_fi OPERATOR(pg_catalog.<>) ''),
    label_sv text,
    label_en text,
    PRIMARY KEY (scale, stage),
    CONSTRAINT stages_one_per_rank UNIQUE (scale, rank)
);
COMMENT ON TABLE @region@.stages IS
    'the stages of each scale in order: a higher rank is further along (e.g. valmistelu 1 < kokeilu ja arviointi 2 < kayttoonotto 3 < juurruttaminen 4)';
COMMENT ON COLUMN @region@.stages.scale IS 'the scale (stage_scales.scale)';
COMMENT ON COLUMN @region@.stages.stage IS 'the stage as recorded in progress and targets, e.g. valmistelu';
COMMENT ON COLUMN @region@.stages.rank IS 'order within the scale: higher = further along (0 and 1 on a milestone scale)';
COMMENT ON COLUMN @region@.stages.label_fi IS 'Finnish label';
COMMENT ON COLUMN @region@.stages.label_sv IS 'Swedish label (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.stages.label_en IS 'English label (NULL: the Finnish one is used)';

CREATE TABLE @region@.development_items (
    code              text PRIMARY KEY
                      CHECK (code OPERATOR(pg_catalog.~) '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    parent_code       text REFERENCES @region@.development_items (code),
    kind              text NOT NULL
                      CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['programme', 'investment', 'work_package', 'action'])),
    name_fi           text NOT NULL CHECK (name_fi OPERATOR(pg_catalog.<>) ''),
    name_sv           text,
    name_en           text,
    organization_code text REFERENCES @region@.organizations (code),
    planned_start     date,
    planned_end       date,
    scale             text REFERENCES @region@.stage_scales (scale),
    description       text,
    CONSTRAINT development_items_not_own_parent CHECK (parent_code OPERATOR(pg_catalog.<>) code),
    CONSTRAINT development_items_planned_order CHECK (planned_end OPERATOR(pg_catalog.>=) planned_start),
    CONSTRAINT development_items_planned_finite CHECK (pg_catalog.isfinite(planned_start) AND pg_catalog.isfinite(planned_end))
);
CREATE INDEX development_items_parent_idx ON @region@.development_items (parent_code);
CREATE INDEX development_items_organization_idx ON @region@.development_items (organization_code);
COMMENT ON INDEX @region@.development_items_organization_idx IS
    'the items of an organisation (and, by IS NULL, those of the wellbeing area): the organisation filter of development_status and development_summary';
COMMENT ON TABLE @region@.development_items IS
    'development work as planned: programme > investment > work package > action (a child''s kind is below its parent''s; no cycles)';
COMMENT ON COLUMN @region@.development_items.code IS 'stable key: lower-case letters, digits, _ . -';
COMMENT ON COLUMN @region@.development_items.parent_code IS 'the item this one belongs to (NULL for the top); its kind is above this one''s';
COMMENT ON COLUMN @region@.development_items.kind IS 'programme, investment, work_package (tyopaketti) or action (toimenpide)';
COMMENT ON COLUMN @region@.development_items.name_fi IS 'Finnish name';
COMMENT ON COLUMN @region@.development_items.name_sv IS 'Swedish name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.development_items.name_en IS 'English name (NULL: the Finnish one is used)';
COMMENT ON COLUMN @region@.development_items.organization_code IS 'the responsible organisation (vastuutaho); its indicators and feedback are read for the item';
COMMENT ON COLUMN @region@.development_items.planned_start IS 'planned first day of the work';
COMMENT ON COLUMN @region@.development_items.planned_end IS 'planned last day of the work (>= planned_start)';
COMMENT ON COLUMN @region@.development_items.scale IS 'the stage scale progress is measured on (stage_scales.scale); NULL: not measured by stages';
COMMENT ON COLUMN @region@.development_items.description IS 'what the item is about, in prose';

CREATE TABLE @region@.development_progress (
    item_code   text NOT NULL REFERENCES @region@.development_items (code),
    on_date     date NOT NULL,
    stage       text NOT NULL,
    assessment  text,
    assessed_by text NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (item_code, on_date),
    CONSTRAINT development_progress_on_date_finite CHECK (pg_catalog.isfinite(on_date))
);
COMMENT ON TABLE @region@.development_progress IS
    'progress over time: on a date the item had reached a stage of its scale (or a milestone state), with a short assessment';
COMMENT ON COLUMN @region@.development_progress.item_code IS 'the development item';
COMMENT ON COLUMN @region@.development_progress.on_date IS 'the day of the assessment';
COMMENT ON COLUMN @region@.development_progress.stage IS 'the stage reached, one of the item''s scale (stages.stage)';
COMMENT ON COLUMN @region@.development_progress.assessment IS 'short assessment text, e.g. for the steering group';
COMMENT ON COLUMN @region@.development_progress.assessed_by IS 'who assessed (default: the role that recorded it)';

CREATE TABLE @region@.stage_targets (
    item_code text NOT NULL REFERENCES @region@.development_items (code),
    due_date  date NOT NULL,
    stage     text NOT NULL,
    note      text,
    PRIMARY KEY (item_code, due_date),
    CONSTRAINT stage_targets_due_date_finite CHECK (pg_catalog.isfinite(due_date))
);
COMMENT ON TABLE @region@.stage_targets IS
    'stage targets: the stage of its scale an item should have reached by a date';
COMMENT ON COLUMN @region@.stage_targets.item_code IS 'the development item';
COMMENT ON COLUMN @region@.stage_targets.due_date IS 'the day by which the stage is due (inclusive)';
COMMENT ON COLUMN @region@.stage_targets.stage IS 'the stage due, one of the item''s scale (stages.stage)';
COMMENT ON COLUMN @region@.stage_targets.note IS 'free text, e.g. where the target comes from';

CREATE TABLE @region@.development_indicators (
    item_code      text NOT NULL REFERENCES @region@.development_items (code),
    indicator_code text NOT NULL REFERENCES @region@.indicators (code),
    PRIMARY KEY (item_code, indicator_code)
);
CREATE INDEX development_indicators_indicator_idx ON @region@.development_indicators (indicator_code);
COMMENT ON TABLE @region@.development_indicators IS
    'the outcome indicators a development item should move (what we did next to what changed)';
COMMENT ON COLUMN @region@.development_indicators.item_code IS 'the development item';
COMMENT ON COLUMN @region@.development_indicators.indicator_code IS 'the indicator (indicators.code)';

CREATE TABLE @region@.development_services (
    item_code text NOT NULL REFERENCES @region@.development_items (code),
    service   text NOT NULL CHECK (service OPERATOR(pg_catalog.<>) ''),
    PRIMARY KEY (item_code, service)
);
COMMENT ON TABLE @region@.development_services IS
    'the feedback services a development item concerns (what clients said), as in feedback_responses.service';
COMMENT ON COLUMN @region@.development_services.item_code IS 'the development item';
COMMENT ON COLUMN @region@.development_services.service IS 'the service, e.g. neuvola (feedback_responses.service)';

-- development_items_check(): after every statement on development_items, the hierarchy is
-- a forest whose kinds go down from parent to child.  First cycles (followed level by
-- level, no recursive query), then the kind order.  The table checked is the trigger's own
-- (on Citus, a node's copy of the reference table).
CREATE FUNCTION @region@.development_items_check() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    codes     text[];
    ancestors text[];
    on_cycle  text;
    bad       record;
BEGIN
    EXECUTE pg_catalog.format(
        'SELECT pg_catalog.array_agg(i.code ORDER BY i.code), pg_catalog.array_agg(i.parent_code ORDER BY i.code) '
        'FROM %s i WHERE i.parent_code IS NOT NULL', TG_RELID::pg_catalog.regclass)
        INTO codes, ancestors;
    -- Each round moves every item's ancestor one level up; an item on a cycle meets itself
    -- within as many rounds as the cycle is long, and chains without a cycle run out.
    WHILE codes IS NOT NULL LOOP
        SELECT pg_catalog.min(u.code) INTO on_cycle
        FROM ROWS FROM (pg_catalog.unnest(codes), pg_catalog.unnest(ancestors)) AS u (code, anc) WHERE u.code OPERATOR(pg_catalog.=) u.anc;
        IF on_cycle IS NOT NULL THEN
            RAISE EXCEPTION 'cycle in %.development_items: item "%" is its own ancestor', TG_TABLE_SCHEMA, on_cycle
                USING ERRCODE = '23514',
                      DETAIL = 'Following parent_code from it leads back to it; development items form a tree.';
        END IF;
        EXECUTE pg_catalog.format(
            'SELECT pg_catalog.array_agg(u.code ORDER BY u.code), pg_catalog.array_agg(p.parent_code ORDER BY u.code) '
            'FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) AS u (code, anc) JOIN %s p ON p.code OPERATOR(pg_catalog.=) u.anc '
            'WHERE p.parent_code IS NOT NULL', TG_RELID::pg_catalog.regclass)
            INTO codes, ancestors USING codes, ancestors;
    END LOOP;
    EXECUTE pg_catalog.format(
        'SELECT c.code, c.kind, p.code AS parent, p.kind AS parent_kind FROM %s c JOIN %s p ON p.code OPERATOR(pg_catalog.=) c.parent_code '
        'WHERE pg_catalog.array_position($1, c.kind) OPERATOR(pg_catalog.<=) pg_catalog.array_position($1, p.kind) '
        'ORDER BY c.code LIMIT 1', TG_RELID::pg_catalog.regclass, TG_RELID::pg_catalog.regclass)
        INTO bad USING ARRAY['programme', 'investment', 'work_package', 'action'];
    IF bad.code IS NOT NULL THEN
        RAISE EXCEPTION 'development item "%" of kind "%" cannot belong to item "%" of kind "%"',
                        bad.code, bad.kind, bad.parent, bad.parent_kind
            USING ERRCODE = '23514',
                  DETAIL = 'A child''s kind is below its parent''s: programme > investment > work_package > action.';
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION @region@.development_items_check() IS
    'trigger: development items form a tree whose kinds go down from parent to child (programme > investment > work_package > action)';
CREATE TRIGGER development_items_check AFTER INSERT OR UPDATE ON @region@.development_items
    FOR EACH STATEMENT EXECUTE FUNCTION @region@.development_items_check();

-- check_stage(): a progress record's or a stage target's stage belongs to its item's scale;
-- an item's scale cannot change, nor a stage be renamed, moved or deleted, while records
-- refer to it; a milestone scale has ranks 0 and 1 only.  The trigger's argument names the
-- table (on Citus the trigger also fires on the copies, whose names carry a shard number).
CREATE FUNCTION @region@.check_stage() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    item_scale text;
    is_milestone boolean;
    known text;
    used text;
BEGIN
    IF TG_ARGV[0] OPERATOR(pg_catalog.=) 'development_items' THEN
        SELECT x.stage INTO used FROM (
            SELECT p.stage FROM @region@.development_progress p WHERE p.item_code OPERATOR(pg_catalog.=) OLD.code
            UNION ALL
            SELECT t.stage FROM @region@.stage_targets t WHERE t.item_code OPERATOR(pg_catalog.=) OLD.code) x
        WHERE NOT EXISTS (SELECT FROM @region@.stages s WHERE s.scale OPERATOR(pg_catalog.=) NEW.scale
                                                         AND s.stage OPERATOR(pg_catalog.=) x.stage)
        ORDER BY 1 LIMIT 1;
        IF used IS NOT NULL THEN
            RAISE EXCEPTION 'scale of development item "%" cannot change to "%": stage "%" is recorded for it',
                            OLD.code, NEW.scale, used
                USING ERRCODE = '23514', DETAIL = 'Progress and stage targets of an item are stages of the item''s scale.';
        END IF;
        RETURN NEW;
    ELSIF TG_ARGV[0] OPERATOR(pg_catalog.=) 'stages' THEN
        IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
            used := OLD.stage;
        ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
            IF NEW.scale OPERATOR(pg_catalog.<>) OLD.scale OR NEW.stage OPERATOR(pg_catalog.<>) OLD.stage THEN
                used := OLD.stage;
            END IF;
        END IF;
        IF used IS NOT NULL THEN
            SELECT i.code INTO used FROM @region@.development_items i
            WHERE i.scale OPERATOR(pg_catalog.=) OLD.scale
              AND (EXISTS (SELECT FROM @region@.development_progress p WHERE p.item_code OPERATOR(pg_catalog.=) i.code
                                                                        AND p.stage OPERATOR(pg_catalog.=) OLD.stage)
                   OR EXISTS (SELECT FROM @region@.stage_targets t WHERE t.item_code OPERATOR(pg_catalog.=) i.code
                                                                    AND t.stage OPERATOR(pg_catalog.=) OLD.stage))
            ORDER BY 1 LIMIT 1;
            IF used IS NOT NULL THEN
                RAISE EXCEPTION 'stage "%" of scale "%" is recorded for development item "%"', OLD.stage, OLD.scale, used
                    USING ERRCODE = '23503', DETAIL = 'A stage in use cannot be renamed, moved or deleted; add a new one instead.';
            END IF;
        END IF;
        IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
            RETURN OLD;
        END IF;
        SELECT c.milestone INTO is_milestone FROM @region@.stage_scales c WHERE c.scale OPERATOR(pg_catalog.=) NEW.scale;
        IF is_milestone AND NEW.rank OPERATOR(pg_catalog.>) 1 THEN
            RAISE EXCEPTION 'rank % of stage "%" is not allowed on milestone scale "%"', NEW.rank, NEW.stage, NEW.scale
                USING ERRCODE = '23514', DETAIL = 'A milestone has two states: rank 0 (not done) and rank 1 (done).';
        END IF;
        RETURN NEW;
    ELSIF TG_ARGV[0] OPERATOR(pg_catalog.=) 'stage_scales' THEN
        IF NEW.milestone THEN
            SELECT s.stage INTO used FROM @region@.stages s
            WHERE s.scale OPERATOR(pg_catalog.=) NEW.scale AND s.rank OPERATOR(pg_catalog.>) 1 ORDER BY s.rank LIMIT 1;
            IF used IS NOT NULL THEN
                RAISE EXCEPTION 'scale "%" cannot be a milestone: stage "%" has a rank above 1', NEW.scale, used
                    USING ERRCODE = '23514', DETAIL = 'A milestone has two states: rank 0 (not done) and rank 1 (done).';
            END IF;
        END IF;
        RETURN NEW;
    END IF;
    -- development_progress, stage_targets
    SELECT i.scale INTO item_scale FROM @region@.development_items i WHERE i.code OPERATOR(pg_catalog.=) NEW.item_code;
    IF NOT FOUND THEN
        RETURN NEW;   -- the foreign key reports the unknown item
    END IF;
    IF item_scale IS NULL THEN
        RAISE EXCEPTION 'development item "%" has no stage scale: stage "%" cannot be recorded', NEW.item_code, NEW.stage
            USING ERRCODE = '23514', DETAIL = 'Set development_items.scale first (see table stage_scales).';
    END IF;
    IF NOT EXISTS (SELECT FROM @region@.stages s WHERE s.scale OPERATOR(pg_catalog.=) item_scale
                                                  AND s.stage OPERATOR(pg_catalog.=) NEW.stage) THEN
        SELECT pg_catalog.string_agg(s.stage, ' < ' ORDER BY s.rank) INTO known
        FROM @region@.stages s WHERE s.scale OPERATOR(pg_catalog.=) item_scale;
        RAISE EXCEPTION 'invalid stage "%" for development item "%"', NEW.stage, NEW.item_code
            USING ERRCODE = '23514',
                  DETAIL = pg_catalog.format('The item is measured on scale "%s", whose stages are: %s.', item_scale, COALESCE(known, 'none'));
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION @region@.check_stage() IS
    'trigger: progress and stage targets record stages of their item''s scale; stages in use stay; milestone scales have ranks 0 and 1';
CREATE TRIGGER development_progress_stage BEFORE INSERT OR UPDATE ON @region@.development_progress
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('development_progress');
CREATE TRIGGER stage_targets_stage BEFORE INSERT OR UPDATE ON @region@.stage_targets
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('stage_targets');
CREATE TRIGGER development_items_scale BEFORE UPDATE OF scale ON @region@.development_items
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('development_items');
CREATE TRIGGER stages_in_use BEFORE INSERT OR UPDATE OR DELETE ON @region@.stages
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('stages');
CREATE TRIGGER stage_scales_milestone BEFORE INSERT OR UPDATE ON @region@.stage_scales
    FOR EACH ROW EXECUTE FUNCTION @region@.check_stage('stage_scales');

-- The seed plan's scales (shared/seeds/002, domain.md 8.1), shipped as every region's
-- defaults; the Swedish and English labels have no source (UNCONFIRMED, domain.md 8.1).
INSERT INTO @region@.stage_scales (scale, milestone, name_fi, name_sv, name_en) VALUES
  ('implementation', false, 'Käyttöönoton ja juurruttamisen vaihe', 'Fas av ibruktagande och förankring', 'Stage of adoption and embedding'),
  ('approval', false, 'Valmistelun vaihe', 'Beredningsfas', 'Stage of preparation'),
  ('described', true, 'Malli kuvattu', 'Modellen beskriven', 'Model described'),
  ('evaluated', true, 'Arvioitu ja kehitetty', 'Utvärderad och utvecklad', 'Evaluated and developed'),
  ('yes_no', true, 'Kyllä / ei', 'Ja / nej', 'Yes / no');
INSERT INTO @region@.stages (scale, stage, rank, label_fi, label_sv, label_en) VALUES
  ('implementation', 'valmistelu', 1, 'valmistelu', 'beredning', 'preparation'),
  ('implementation', 'kokeilu ja arviointi', 2, 'kokeilu ja arviointi', 'försök och utvärdering', 'trial and evaluation'),
  ('implementation', 'käyttöönotto', 3, 'käyttöönotto', 'ibruktagande', 'adoption'),
  ('implementation', 'juurruttaminen', 4, 'juurruttaminen', 'förankring', 'embedding'),
  ('approval', 'suunniteltu', 1, 'suunniteltu', 'planerad', 'planned'),
  ('approval', 'valmisteltu', 2, 'valmisteltu', 'beredd', 'prepared'),
  ('approval', 'vahvistettu', 3, 'vahvistettu', 'fastställd', 'confirmed'),
  ('described', 'ei kuvattu', 0, 'ei kuvattu', 'inte beskriven', 'not described'),
  ('described', 'kuvattu', 1, 'kuvattu', 'beskriven', 'described'),
  ('evaluated', 'ei arvioitu ja kehitetty', 0, 'ei arvioitu ja kehitetty', 'inte utvärderad och utvecklad', 'not evaluated and developed'),
  ('evaluated', 'arvioitu ja kehitetty', 1, 'arvioitu ja kehitetty', 'utvärderad och utvecklad', 'evaluated and developed'),
  ('yes_no', 'ei', 0, 'ei', 'nej', 'no'),
  ('yes_no', 'kyllä', 1, 'kyllä', 'ja', 'yes');
