-- CreateTable
CREATE TABLE "key_result_dependencies" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "key_result_id" UUID NOT NULL,
    "depends_on_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_result_dependencies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "objective_supports" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "objective_id" UUID NOT NULL,
    "supports_objective_id" UUID,
    "supports_key_result_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "objective_supports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "key_result_dependencies_organization_id_depends_on_id_idx" ON "key_result_dependencies"("organization_id", "depends_on_id");

-- CreateIndex
CREATE UNIQUE INDEX "key_result_dependencies_key_result_id_depends_on_id_key" ON "key_result_dependencies"("key_result_id", "depends_on_id");

-- CreateIndex
CREATE UNIQUE INDEX "key_result_dependencies_organization_id_id_key" ON "key_result_dependencies"("organization_id", "id");

-- CreateIndex
CREATE INDEX "objective_supports_objective_id_idx" ON "objective_supports"("objective_id");

-- CreateIndex
CREATE INDEX "objective_supports_organization_id_supports_objective_id_idx" ON "objective_supports"("organization_id", "supports_objective_id");

-- CreateIndex
CREATE INDEX "objective_supports_organization_id_supports_key_result_id_idx" ON "objective_supports"("organization_id", "supports_key_result_id");

-- CreateIndex
CREATE UNIQUE INDEX "objective_supports_organization_id_id_key" ON "objective_supports"("organization_id", "id");

-- AddForeignKey
ALTER TABLE "key_result_dependencies" ADD CONSTRAINT "key_result_dependencies_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_result_dependencies" ADD CONSTRAINT "key_result_dependencies_organization_id_key_result_id_fkey" FOREIGN KEY ("organization_id", "key_result_id") REFERENCES "key_results"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_result_dependencies" ADD CONSTRAINT "key_result_dependencies_organization_id_depends_on_id_fkey" FOREIGN KEY ("organization_id", "depends_on_id") REFERENCES "key_results"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objective_supports" ADD CONSTRAINT "objective_supports_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objective_supports" ADD CONSTRAINT "objective_supports_organization_id_objective_id_fkey" FOREIGN KEY ("organization_id", "objective_id") REFERENCES "objectives"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objective_supports" ADD CONSTRAINT "objective_supports_organization_id_supports_objective_id_fkey" FOREIGN KEY ("organization_id", "supports_objective_id") REFERENCES "objectives"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objective_supports" ADD CONSTRAINT "objective_supports_organization_id_supports_key_result_id_fkey" FOREIGN KEY ("organization_id", "supports_key_result_id") REFERENCES "key_results"("organization_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
