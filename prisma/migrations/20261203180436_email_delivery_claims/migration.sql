-- AlterTable
ALTER TABLE "email_messages" ADD COLUMN     "next_attempt_at" TIMESTAMPTZ(3);

