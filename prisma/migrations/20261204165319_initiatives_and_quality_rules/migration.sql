-- CreateEnum
CREATE TYPE "InitiativeStatus" AS ENUM ('planned', 'in_progress', 'done', 'dropped');

-- AlterEnum
ALTER TYPE "KeyResultType" ADD VALUE 'initiatives';

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "disabled_quality_rules" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "initiatives" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "key_result_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "status" "InitiativeStatus" NOT NULL DEFAULT 'planned',
    "due_date" DATE,
    "url" VARCHAR(2000),
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "initiatives_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "initiatives_key_result_id_position_idx" ON "initiatives"("key_result_id", "position");

-- CreateIndex
CREATE INDEX "initiatives_organization_id_owner_id_idx" ON "initiatives"("organization_id", "owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "initiatives_organization_id_id_key" ON "initiatives"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_organization_id_key_result_id_fkey" FOREIGN KEY ("organization_id", "key_result_id") REFERENCES "key_results"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Initiatives announce themselves to webhooks like every other change (lib/webhooks/events.ts).
CREATE OR REPLACE FUNCTION "keel_webhook_event_type"(action text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE action
    WHEN 'checkin.created' THEN 'check_in.created'
    WHEN 'checkin.updated' THEN 'check_in.updated'
    WHEN 'keyresult.created' THEN 'key_result.created'
    WHEN 'keyresult.updated' THEN 'key_result.updated'
    WHEN 'keyresult.target_changed' THEN 'key_result.updated'
    WHEN 'keyresult.scored' THEN 'key_result.updated'
    WHEN 'objective.created' THEN 'objective.created'
    WHEN 'objective.updated' THEN 'objective.updated'
    WHEN 'objective.title_changed' THEN 'objective.updated'
    WHEN 'objective.aligned' THEN 'objective.updated'
    WHEN 'objective.abandoned' THEN 'objective.abandoned'
    WHEN 'cycle.activated' THEN 'cycle.activated'
    WHEN 'cycle.closed' THEN 'cycle.closed'
    WHEN 'comment.created' THEN 'comment.created'
    WHEN 'initiative.created' THEN 'initiative.created'
    WHEN 'initiative.updated' THEN 'initiative.updated'
    WHEN 'initiative.deleted' THEN 'initiative.deleted'
  END
$$;
