-- AlterTable
ALTER TABLE "DetectionSettings" ADD COLUMN     "campaignWindowDays" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "sharedHosts" JSONB;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "campaignId" INTEGER;

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "firstSeen" TIMESTAMP(3) NOT NULL,
    "lastSeen" TIMESTAMP(3) NOT NULL,
    "investigationId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionKey" (
    "submissionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubmissionKey_pkey" PRIMARY KEY ("submissionId","kind","value")
);

-- CreateIndex
CREATE INDEX "Campaign_lastSeen_idx" ON "Campaign"("lastSeen");

-- CreateIndex
CREATE INDEX "Campaign_firstSeen_idx" ON "Campaign"("firstSeen");

-- CreateIndex
CREATE INDEX "SubmissionKey_kind_value_createdAt_idx" ON "SubmissionKey"("kind", "value", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_campaignId_idx" ON "Submission"("campaignId");

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionKey" ADD CONSTRAINT "SubmissionKey_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
