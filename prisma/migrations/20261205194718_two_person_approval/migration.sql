-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "firstApprovedAt" TIMESTAMP(3),
ADD COLUMN     "firstApprovedById" TEXT,
ADD COLUMN     "firstApprovedByName" TEXT;

-- CreateTable
CREATE TABLE "ApprovalRuleSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "rules" JSONB NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "ApprovalRuleSettings_pkey" PRIMARY KEY ("id")
);
