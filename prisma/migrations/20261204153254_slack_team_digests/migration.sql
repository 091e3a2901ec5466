-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "slack_channel_id" VARCHAR(40);

-- CreateTable
CREATE TABLE "slack_digest_posts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "week" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_digest_posts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "slack_digest_posts_organization_id_idx" ON "slack_digest_posts"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "slack_digest_posts_team_id_week_key" ON "slack_digest_posts"("team_id", "week");

-- AddForeignKey
ALTER TABLE "slack_digest_posts" ADD CONSTRAINT "slack_digest_posts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

