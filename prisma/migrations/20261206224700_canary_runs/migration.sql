-- AlterEnum
ALTER TYPE "ActionStatus" ADD VALUE 'StoppedAfterCanary';

-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "canary" JSONB;

-- AlterTable
ALTER TABLE "AutomationSettings" ADD COLUMN     "canaryAboveMessages" INTEGER,
ADD COLUMN     "canaryMaxFailedPercent" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "canarySampleMinimum" INTEGER NOT NULL DEFAULT 50,
ADD COLUMN     "canarySamplePercent" INTEGER NOT NULL DEFAULT 1;
