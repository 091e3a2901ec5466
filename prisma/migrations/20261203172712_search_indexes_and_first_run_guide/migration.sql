-- The command menu searches titles containing the typed text, served by trigram indexes. pg_trgm is in the contrib package of Postgres and is a trusted extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "guide_dismissed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "key_results_title_trgm_idx" ON "key_results" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "objectives_title_trgm_idx" ON "objectives" USING GIN ("title" gin_trgm_ops);

