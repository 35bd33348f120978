-- AlterTable
ALTER TABLE "Investigation" ADD COLUMN     "stopReason" TEXT,
ADD COLUMN     "stoppedById" TEXT,
ADD COLUMN     "stoppedByName" TEXT;
