-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "revertOfId" INTEGER;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "assessedAt" TIMESTAMP(3),
ADD COLUMN     "assessedByName" TEXT,
ADD COLUMN     "assessment" "Verdict",
ADD COLUMN     "bodyFingerprint" TEXT,
ADD COLUMN     "senderDomain" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'eml',
ADD COLUMN     "threatType" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "ThreatIndicator" ADD COLUMN     "actionId" INTEGER;

-- CreateIndex
CREATE INDEX "Action_revertOfId_idx" ON "Action"("revertOfId");

-- CreateIndex
CREATE INDEX "EmailEvent_internetMessageId_idx" ON "EmailEvent"("internetMessageId");

-- CreateIndex
CREATE INDEX "EmailEvent_bodyFingerprint_idx" ON "EmailEvent"("bodyFingerprint");

-- CreateIndex
CREATE INDEX "Submission_networkMessageId_idx" ON "Submission"("networkMessageId");

-- CreateIndex
CREATE INDEX "Submission_senderDomain_createdAt_idx" ON "Submission"("senderDomain", "createdAt");

-- CreateIndex
CREATE INDEX "Submission_bodyFingerprint_idx" ON "Submission"("bodyFingerprint");

-- CreateIndex
CREATE INDEX "Submission_verdict_createdAt_idx" ON "Submission"("verdict", "createdAt");

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_revertOfId_fkey" FOREIGN KEY ("revertOfId") REFERENCES "Action"("id") ON DELETE SET NULL ON UPDATE CASCADE;
