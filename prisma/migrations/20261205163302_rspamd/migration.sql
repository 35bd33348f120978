-- AlterTable
ALTER TABLE "MailSystemSettings" ADD COLUMN     "rspamdControllerPassword" TEXT,
ADD COLUMN     "rspamdControllerUrl" TEXT,
ADD COLUMN     "rspamdUrl" TEXT;

-- CreateTable
CREATE TABLE "SubmissionMessage" (
    "submissionId" TEXT NOT NULL,
    "raw" BYTEA NOT NULL,

    CONSTRAINT "SubmissionMessage_pkey" PRIMARY KEY ("submissionId")
);

-- AddForeignKey
ALTER TABLE "SubmissionMessage" ADD CONSTRAINT "SubmissionMessage_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
