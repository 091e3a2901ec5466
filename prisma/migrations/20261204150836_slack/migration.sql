-- CreateTable
CREATE TABLE "slack_installations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "slack_team_id" VARCHAR(40) NOT NULL,
    "slack_team_name" VARCHAR(200) NOT NULL,
    "bot_user_id" VARCHAR(40) NOT NULL,
    "bot_token_sealed" TEXT NOT NULL,
    "installed_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "slack_installations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slack_user_links" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "slack_user_id" VARCHAR(40) NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_user_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "slack_installations_organization_id_key" ON "slack_installations"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "slack_installations_slack_team_id_key" ON "slack_installations"("slack_team_id");

-- CreateIndex
CREATE INDEX "slack_user_links_user_id_idx" ON "slack_user_links"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "slack_user_links_organization_id_slack_user_id_key" ON "slack_user_links"("organization_id", "slack_user_id");

-- AddForeignKey
ALTER TABLE "slack_installations" ADD CONSTRAINT "slack_installations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slack_installations" ADD CONSTRAINT "slack_installations_installed_by_id_fkey" FOREIGN KEY ("installed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slack_user_links" ADD CONSTRAINT "slack_user_links_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slack_user_links" ADD CONSTRAINT "slack_user_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

