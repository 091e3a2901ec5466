-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "submission_key" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "comments_organization_id_author_id_submission_key_key" ON "comments"("organization_id", "author_id", "submission_key");

