-- The parent of a team must be a team of the same organisation that is not the team itself or one of its sub-teams.
-- The application checks this too; the trigger makes a loop impossible even when a bug or raw SQL skips that check.
-- It takes the same per-organisation advisory lock as the tree changes of the application, so two moves at once cannot
-- each pass the check and together make a loop (under READ COMMITTED each statement below sees the commit of the other).
CREATE FUNCTION "teams_refuse_loop"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent_org uuid;
  makes_loop boolean;
BEGIN
  IF NEW.parent_id IS NULL THEN
    RETURN NEW;
  END IF;
  IF NEW.parent_id = NEW.id THEN
    RAISE EXCEPTION 'team % cannot be its own parent', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'teams_no_loop';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('keel:team-tree:' || NEW.organization_id::text, 0));
  SELECT organization_id INTO parent_org FROM teams WHERE id = NEW.parent_id;
  IF parent_org IS DISTINCT FROM NEW.organization_id THEN
    RAISE EXCEPTION 'team % cannot have a parent in another organisation', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'teams_no_loop';
  END IF;
  -- UNION (not UNION ALL) ends the walk even if a loop already existed before this trigger.
  WITH RECURSIVE up(id, parent_id) AS (
    SELECT id, parent_id FROM teams WHERE id = NEW.parent_id
    UNION
    SELECT t.id, t.parent_id FROM teams t JOIN up ON t.id = up.parent_id
  )
  SELECT EXISTS (SELECT 1 FROM up WHERE id = NEW.id) INTO makes_loop;
  IF makes_loop THEN
    RAISE EXCEPTION 'team % cannot move under its own sub-team %', NEW.id, NEW.parent_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'teams_no_loop';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "teams_no_loop"
  BEFORE INSERT OR UPDATE OF "parent_id", "organization_id" ON "teams"
  FOR EACH ROW EXECUTE FUNCTION "teams_refuse_loop"();
