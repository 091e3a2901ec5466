-- CreateEnum
CREATE TYPE "ApiTokenKind" AS ENUM ('personal', 'organization');

-- AlterEnum
ALTER TYPE "ApiTokenScope" ADD VALUE 'checkins_write';

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "created_by_id" UUID,
ADD COLUMN     "kind" "ApiTokenKind" NOT NULL DEFAULT 'personal';

-- AlterTable
ALTER TABLE "check_in_versions" ADD COLUMN     "api_token_id" UUID;

-- AlterTable
ALTER TABLE "check_ins" ADD COLUMN     "api_token_id" UUID;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "is_integration" BOOLEAN NOT NULL DEFAULT false;

-- AddForeignKey
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_api_token_id_fkey" FOREIGN KEY ("api_token_id") REFERENCES "api_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_in_versions" ADD CONSTRAINT "check_in_versions_api_token_id_fkey" FOREIGN KEY ("api_token_id") REFERENCES "api_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

