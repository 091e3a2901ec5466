-- CreateEnum
CREATE TYPE "DataSourceKind" AS ENUM ('http_json', 'prometheus', 'postgres');

-- CreateEnum
CREATE TYPE "FeedSchedule" AS ENUM ('hourly', 'daily', 'weekly');

-- CreateTable
CREATE TABLE "data_sources" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "kind" "DataSourceKind" NOT NULL,
    "url" VARCHAR(2000),
    "secrets_sealed" TEXT NOT NULL,
    "identity_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "data_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_result_feeds" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "key_result_id" UUID NOT NULL,
    "data_source_id" UUID NOT NULL,
    "expression" VARCHAR(4000) NOT NULL,
    "pointer" VARCHAR(500) NOT NULL DEFAULT '',
    "schedule" "FeedSchedule" NOT NULL DEFAULT 'daily',
    "next_run_at" TIMESTAMPTZ(3) NOT NULL,
    "last_run_at" TIMESTAMPTZ(3),
    "last_value" VARCHAR(40),
    "last_error" VARCHAR(1000),
    "failing_since" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "key_result_feeds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "data_sources_organization_id_id_key" ON "data_sources"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "data_sources_organization_id_name_key" ON "data_sources"("organization_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "key_result_feeds_key_result_id_key" ON "key_result_feeds"("key_result_id");

-- CreateIndex
CREATE INDEX "key_result_feeds_next_run_at_idx" ON "key_result_feeds"("next_run_at");

-- CreateIndex
CREATE INDEX "key_result_feeds_data_source_id_idx" ON "key_result_feeds"("data_source_id");

-- CreateIndex
CREATE UNIQUE INDEX "key_result_feeds_organization_id_key_result_id_key" ON "key_result_feeds"("organization_id", "key_result_id");

-- AddForeignKey
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_result_feeds" ADD CONSTRAINT "key_result_feeds_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_result_feeds" ADD CONSTRAINT "key_result_feeds_organization_id_key_result_id_fkey" FOREIGN KEY ("organization_id", "key_result_id") REFERENCES "key_results"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_result_feeds" ADD CONSTRAINT "key_result_feeds_organization_id_data_source_id_fkey" FOREIGN KEY ("organization_id", "data_source_id") REFERENCES "data_sources"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

