-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "reportType" TEXT,
ADD COLUMN     "reportingItemId" TEXT;

-- CreateTable
CREATE TABLE "UserReportedSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "isEnabled" BOOLEAN NOT NULL DEFAULT false,
    "mailbox" TEXT,
    "password" TEXT,
    "processedFolder" TEXT NOT NULL DEFAULT 'Processed',
    "unusableFolder" TEXT NOT NULL DEFAULT 'Unusable',
    "reportTypeHeader" TEXT NOT NULL DEFAULT 'X-Phish-Report-Type',
    "subjectTags" JSONB NOT NULL DEFAULT '{}',
    "defaultReportType" TEXT NOT NULL DEFAULT 'phish',
    "isFeedbackEnabled" BOOLEAN NOT NULL DEFAULT false,
    "smtpHost" TEXT,
    "smtpPort" INTEGER,
    "smtpSecure" BOOLEAN NOT NULL DEFAULT false,
    "feedbackFrom" TEXT,
    "feedbackTemplates" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "UserReportedSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingItem" (
    "id" SERIAL NOT NULL,
    "itemId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "reporter" TEXT,
    "reportType" TEXT,
    "isInlineForward" BOOLEAN NOT NULL DEFAULT false,
    "subject" TEXT NOT NULL DEFAULT '',
    "submissionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportingItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReporterNotice" (
    "id" SERIAL NOT NULL,
    "submissionId" TEXT NOT NULL,
    "reporter" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "ReporterNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportingItem_itemId_key" ON "ReportingItem"("itemId");

-- CreateIndex
CREATE INDEX "ReportingItem_createdAt_idx" ON "ReportingItem"("createdAt");

-- CreateIndex
CREATE INDEX "ReporterNotice_createdAt_idx" ON "ReporterNotice"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReporterNotice_submissionId_trigger_outcome_key" ON "ReporterNotice"("submissionId", "trigger", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_reportingItemId_key" ON "Submission"("reportingItemId");

-- AddForeignKey
ALTER TABLE "ReporterNotice" ADD CONSTRAINT "ReporterNotice_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
