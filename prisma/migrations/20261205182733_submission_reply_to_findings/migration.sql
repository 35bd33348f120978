-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "findings" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "replyTo" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "wrapper" JSONB;
