-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "decisionPreview" JSONB;

-- AlterTable
ALTER TABLE "Mailbox" ADD COLUMN     "isPriority" BOOLEAN NOT NULL DEFAULT false;
