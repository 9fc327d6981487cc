-- An organization's ID is permanent: no UPDATE may change it.
CREATE OR REPLACE FUNCTION organizations_id_is_permanent() RETURNS trigger AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id THEN
    RAISE EXCEPTION 'organization id is permanent' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organizations_id_is_permanent
  BEFORE UPDATE OF id ON organizations
  FOR EACH ROW EXECUTE FUNCTION organizations_id_is_permanent();
--> statement-breakpoint
-- The ID of a deleted organization never comes back.
CREATE OR REPLACE FUNCTION organizations_id_not_tombstoned() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM deleted_organizations WHERE id = NEW.id) THEN
    RAISE EXCEPTION 'organization id belongs to a deleted organization' USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organizations_id_not_tombstoned
  BEFORE INSERT ON organizations
  FOR EACH ROW EXECUTE FUNCTION organizations_id_not_tombstoned();
