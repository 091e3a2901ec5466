-- AlterTable
ALTER TABLE "check_in_versions" ADD COLUMN     "channel" VARCHAR(20);

-- AlterTable
ALTER TABLE "check_ins" ADD COLUMN     "channel" VARCHAR(20);
