-- Every link between two rows of one organisation now names the organisation on both sides, so the database itself
-- refuses a link across organisations (an objective aligned to another organisation's key result, a key result under
-- another organisation's objective, a team member who is not a member of the organisation...), whatever the code does.
-- See docs/decisions/0008-tenancy-in-the-database-citus-and-replicas.md.
--
-- Written by `npm run db:migration`, then edited by hand where Prisma cannot say it:
--   * optional links use `ON DELETE SET NULL (column)`: a plain SET NULL would also null organization_id (NOT NULL)
--     and fail; Prisma's schema says SetNull and cannot name the column (PostgreSQL 15 or later).
--   * team memberships of people who are no longer members are deleted before their new foreign key is added (member
--     removal has always deleted them, so this only clears rows left by a bug or by hand).
--   * keel_uuidv7(), the database's default for organizations.id (see schema.prisma), is defined here.
--   * the team-loop trigger stops checking the parent's organisation: the composite foreign key does it, with the
--     standard foreign-key error.
-- A database that holds a link across organisations fails here, naming the constraint and the row: such a row is a
-- leak between tenants and needs a person to look at it, not a silent repair.

-- A UUID version 7 (RFC 9562) like Prisma's uuid(7) and lib/db/uuid.ts: 48 bits of Unix milliseconds, version and
-- variant bits, the rest random. PostgreSQL 18 has uuidv7(); this works from 13 on (gen_random_uuid is built in).
CREATE FUNCTION "keel_uuidv7"() RETURNS uuid
LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- AlterTable
ALTER TABLE "organizations" ALTER COLUMN "id" SET DEFAULT keel_uuidv7();

-- DropForeignKey
ALTER TABLE "check_in_versions" DROP CONSTRAINT "check_in_versions_check_in_id_fkey";

-- DropForeignKey
ALTER TABLE "check_ins" DROP CONSTRAINT "check_ins_key_result_id_fkey";

-- DropForeignKey
ALTER TABLE "comments" DROP CONSTRAINT "comments_objective_id_fkey";

-- DropForeignKey
ALTER TABLE "key_results" DROP CONSTRAINT "key_results_cycle_id_fkey";

-- DropForeignKey
ALTER TABLE "key_results" DROP CONSTRAINT "key_results_objective_id_fkey";

-- DropForeignKey
ALTER TABLE "nudges" DROP CONSTRAINT "nudges_team_id_fkey";

-- DropForeignKey
ALTER TABLE "objectives" DROP CONSTRAINT "objectives_carried_from_id_fkey";

-- DropForeignKey
ALTER TABLE "objectives" DROP CONSTRAINT "objectives_cycle_id_fkey";

-- DropForeignKey
ALTER TABLE "objectives" DROP CONSTRAINT "objectives_parent_key_result_id_fkey";

-- DropForeignKey
ALTER TABLE "objectives" DROP CONSTRAINT "objectives_parent_objective_id_fkey";

-- DropForeignKey
ALTER TABLE "objectives" DROP CONSTRAINT "objectives_team_id_fkey";

-- DropForeignKey
ALTER TABLE "organizations" DROP CONSTRAINT "organizations_default_cycle_id_fkey";

-- DropForeignKey
ALTER TABLE "team_memberships" DROP CONSTRAINT "team_memberships_team_id_fkey";

-- DropForeignKey
ALTER TABLE "teams" DROP CONSTRAINT "teams_parent_id_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "check_ins_organization_id_id_key" ON "check_ins"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "cycles_organization_id_id_key" ON "cycles"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "key_results_organization_id_id_key" ON "key_results"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "objectives_organization_id_id_key" ON "objectives"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "teams_organization_id_id_key" ON "teams"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_id_default_cycle_id_fkey" FOREIGN KEY ("id", "default_cycle_id") REFERENCES "cycles"("organization_id", "id") ON DELETE SET NULL ("default_cycle_id") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_organization_id_parent_id_fkey" FOREIGN KEY ("organization_id", "parent_id") REFERENCES "teams"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_organization_id_team_id_fkey" FOREIGN KEY ("organization_id", "team_id") REFERENCES "teams"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Team memberships of people who are not members of the team's organisation grant nothing and cannot stay.
DELETE FROM "team_memberships" tm
 WHERE NOT EXISTS (SELECT 1 FROM "memberships" m WHERE m."organization_id" = tm."organization_id" AND m."user_id" = tm."user_id");

-- AddForeignKey
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_organization_id_user_id_fkey" FOREIGN KEY ("organization_id", "user_id") REFERENCES "memberships"("organization_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_organization_id_cycle_id_fkey" FOREIGN KEY ("organization_id", "cycle_id") REFERENCES "cycles"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_organization_id_team_id_fkey" FOREIGN KEY ("organization_id", "team_id") REFERENCES "teams"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_organization_id_parent_objective_id_fkey" FOREIGN KEY ("organization_id", "parent_objective_id") REFERENCES "objectives"("organization_id", "id") ON DELETE SET NULL ("parent_objective_id") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_organization_id_parent_key_result_id_fkey" FOREIGN KEY ("organization_id", "parent_key_result_id") REFERENCES "key_results"("organization_id", "id") ON DELETE SET NULL ("parent_key_result_id") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_organization_id_carried_from_id_fkey" FOREIGN KEY ("organization_id", "carried_from_id") REFERENCES "objectives"("organization_id", "id") ON DELETE SET NULL ("carried_from_id") ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_results" ADD CONSTRAINT "key_results_organization_id_cycle_id_fkey" FOREIGN KEY ("organization_id", "cycle_id") REFERENCES "cycles"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_results" ADD CONSTRAINT "key_results_organization_id_objective_id_fkey" FOREIGN KEY ("organization_id", "objective_id") REFERENCES "objectives"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_organization_id_key_result_id_fkey" FOREIGN KEY ("organization_id", "key_result_id") REFERENCES "key_results"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_in_versions" ADD CONSTRAINT "check_in_versions_organization_id_check_in_id_fkey" FOREIGN KEY ("organization_id", "check_in_id") REFERENCES "check_ins"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_organization_id_objective_id_fkey" FOREIGN KEY ("organization_id", "objective_id") REFERENCES "objectives"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_organization_id_team_id_fkey" FOREIGN KEY ("organization_id", "team_id") REFERENCES "teams"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The parent's organisation is the foreign key's to check now; the walk stays inside the team's own organisation, so
-- a parent elsewhere finds no loop here and is then refused by teams_organization_id_parent_id_fkey.
CREATE OR REPLACE FUNCTION "teams_refuse_loop"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
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
  -- UNION (not UNION ALL) ends the walk even if a loop already existed before this trigger.
  WITH RECURSIVE up(id, parent_id) AS (
    SELECT id, parent_id FROM teams WHERE organization_id = NEW.organization_id AND id = NEW.parent_id
    UNION
    SELECT t.id, t.parent_id FROM teams t JOIN up ON t.organization_id = NEW.organization_id AND t.id = up.parent_id
  )
  SELECT EXISTS (SELECT 1 FROM up WHERE id = NEW.id) INTO makes_loop;
  IF makes_loop THEN
    RAISE EXCEPTION 'team % cannot move under its own sub-team %', NEW.id, NEW.parent_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'teams_no_loop';
  END IF;
  RETURN NEW;
END;
$$;
