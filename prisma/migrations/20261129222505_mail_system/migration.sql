-- CreateTable
CREATE TABLE "MailSystemSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "connector" TEXT NOT NULL DEFAULT 'builtin',
    "policyHost" TEXT NOT NULL DEFAULT '127.0.0.1',
    "policyPort" INTEGER NOT NULL DEFAULT 10040,
    "policyFailOpen" BOOLEAN NOT NULL DEFAULT true,
    "imapHost" TEXT,
    "imapPort" INTEGER,
    "imapSecure" BOOLEAN NOT NULL DEFAULT false,
    "masterUser" TEXT,
    "masterPassword" TEXT,
    "doveadmUrl" TEXT,
    "doveadmApiKey" TEXT,
    "journalMailbox" TEXT,
    "maillogPath" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "MailSystemSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailActionResult" (
    "actionId" INTEGER NOT NULL,
    "emailEventId" BIGINT NOT NULL,
    "result" TEXT NOT NULL,
    "reason" TEXT,
    "fromFolder" TEXT,
    "toFolder" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailActionResult_pkey" PRIMARY KEY ("actionId","emailEventId")
);

-- CreateTable
CREATE TABLE "MaillogCursor" (
    "path" TEXT NOT NULL,
    "inode" TEXT NOT NULL,
    "offset" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaillogCursor_pkey" PRIMARY KEY ("path")
);

-- CreateTable
CREATE TABLE "MaillogPending" (
    "queueId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaillogPending_pkey" PRIMARY KEY ("queueId")
);

-- CreateTable
CREATE TABLE "SendingCount" (
    "sender" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "messages" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SendingCount_pkey" PRIMARY KEY ("sender","hour")
);

-- CreateIndex
CREATE INDEX "EmailActionResult_actionId_result_idx" ON "EmailActionResult"("actionId", "result");

-- CreateIndex
CREATE INDEX "SendingCount_hour_idx" ON "SendingCount"("hour");
