-- AlterTable
ALTER TABLE "EmailEvent" ADD COLUMN     "bulkComplaintLevel" INTEGER,
ADD COLUMN     "emailClusterId" BIGINT,
ADD COLUMN     "orgLevelAction" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "orgLevelPolicy" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "threatNames" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "userLevelAction" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "userLevelPolicy" TEXT NOT NULL DEFAULT '';
