-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('reader', 'operator', 'admin');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('Informational', 'Low', 'Medium', 'High');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('New', 'InProgress', 'Resolved');

-- CreateEnum
CREATE TYPE "InvestigationStatus" AS ENUM ('Starting', 'Running', 'NoThreatsFound', 'PendingAction', 'PartiallyInvestigated', 'Remediated', 'PartiallyRemediated', 'Failed', 'TerminatedBySystem', 'TerminatedByUser', 'QueuedByThrottling', 'TerminatedByThrottling');

-- CreateEnum
CREATE TYPE "Playbook" AS ENUM ('UserReportedMessage', 'CompromisedUser', 'Manual');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('Pending', 'Running', 'Completed', 'Failed', 'Skipped');

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('Malicious', 'Suspicious', 'Clean', 'Unknown');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('Pending', 'Running', 'Completed', 'PartiallyCompleted', 'Failed', 'Rejected', 'Expired', 'Reverted');

-- CreateEnum
CREATE TYPE "ActionSource" AS ENUM ('AutomatedInvestigation', 'AutomatedEmailAction', 'Manual');

-- CreateEnum
CREATE TYPE "DecidedBy" AS ENUM ('Automation', 'User');

-- CreateTable
CREATE TABLE "Mailbox" (
    "id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "jobTitle" TEXT,
    "country" TEXT NOT NULL,
    "isAccountEnabled" BOOLEAN NOT NULL DEFAULT true,
    "forwardingSmtpAddress" TEXT,
    "deliverToMailboxAndForward" BOOLEAN NOT NULL DEFAULT false,
    "passwordChangedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mailbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxRule" (
    "id" TEXT NOT NULL,
    "mailboxId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "isHidden" BOOLEAN NOT NULL DEFAULT false,
    "forwardTo" TEXT,
    "redirectTo" TEXT,
    "deleteMessage" BOOLEAN NOT NULL DEFAULT false,
    "moveToFolder" TEXT,
    "markAsRead" BOOLEAN NOT NULL DEFAULT false,
    "conditions" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdFromIPAddress" TEXT,

    CONSTRAINT "InboxRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MfaMethod" (
    "id" TEXT NOT NULL,
    "mailboxId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "isRemoved" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "MfaMethod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppConsent" (
    "id" TEXT NOT NULL,
    "mailboxId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "appName" TEXT NOT NULL,
    "publisher" TEXT,
    "scopes" TEXT[],
    "consentedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AppConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" TEXT NOT NULL,
    "mailboxId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "mailboxId" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailEvent" (
    "id" BIGSERIAL NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "networkMessageId" UUID NOT NULL,
    "internetMessageId" TEXT NOT NULL,
    "senderFromAddress" TEXT NOT NULL,
    "senderFromDomain" TEXT NOT NULL,
    "senderMailFromAddress" TEXT NOT NULL,
    "senderMailFromDomain" TEXT NOT NULL,
    "senderDisplayName" TEXT NOT NULL,
    "senderIPv4" TEXT,
    "recipientEmailAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "emailDirection" TEXT NOT NULL,
    "deliveryAction" TEXT NOT NULL,
    "deliveryLocation" TEXT NOT NULL,
    "latestDeliveryLocation" TEXT NOT NULL,
    "latestDeliveryAction" TEXT,
    "threatTypes" TEXT NOT NULL DEFAULT '',
    "detectionMethods" TEXT NOT NULL DEFAULT '',
    "confidenceLevel" TEXT NOT NULL DEFAULT '',
    "authenticationDetails" JSONB NOT NULL DEFAULT '{}',
    "attachmentCount" INTEGER NOT NULL DEFAULT 0,
    "urlCount" INTEGER NOT NULL DEFAULT 0,
    "emailSize" INTEGER NOT NULL DEFAULT 0,
    "bodyFingerprint" TEXT,
    "additionalActions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reportId" TEXT NOT NULL,

    CONSTRAINT "EmailEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailUrlInfo" (
    "id" BIGSERIAL NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "networkMessageId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "urlDomain" TEXT NOT NULL,
    "urlLocation" TEXT NOT NULL DEFAULT 'Body',
    "reportId" TEXT NOT NULL,

    CONSTRAINT "EmailUrlInfo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailAttachmentInfo" (
    "id" BIGSERIAL NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "networkMessageId" UUID NOT NULL,
    "senderFromAddress" TEXT NOT NULL,
    "recipientEmailAddress" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "threatTypes" TEXT NOT NULL DEFAULT '',
    "detectionMethods" TEXT NOT NULL DEFAULT '',
    "reportId" TEXT NOT NULL,

    CONSTRAINT "EmailAttachmentInfo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailPostDeliveryEvent" (
    "id" BIGSERIAL NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "networkMessageId" UUID NOT NULL,
    "internetMessageId" TEXT NOT NULL,
    "recipientEmailAddress" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actionType" TEXT NOT NULL,
    "actionTrigger" TEXT NOT NULL,
    "actionResult" TEXT NOT NULL,
    "deliveryLocation" TEXT NOT NULL,
    "threatTypes" TEXT NOT NULL DEFAULT '',
    "detectionMethods" TEXT NOT NULL DEFAULT '',
    "actionId" INTEGER,
    "reportId" TEXT NOT NULL,

    CONSTRAINT "EmailPostDeliveryEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UrlClickEvent" (
    "id" BIGSERIAL NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "url" TEXT NOT NULL,
    "actionType" TEXT NOT NULL,
    "accountUpn" TEXT NOT NULL,
    "workload" TEXT NOT NULL DEFAULT 'Email',
    "networkMessageId" UUID,
    "threatTypes" TEXT NOT NULL DEFAULT '',
    "detectionMethods" TEXT NOT NULL DEFAULT '',
    "ipAddress" TEXT NOT NULL,
    "isClickedThrough" BOOLEAN NOT NULL DEFAULT false,
    "urlChain" TEXT NOT NULL DEFAULT '',
    "reportId" TEXT NOT NULL,

    CONSTRAINT "UrlClickEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityLogonEvent" (
    "id" BIGSERIAL NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "actionType" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "logonType" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "failureReason" TEXT,
    "accountUpn" TEXT NOT NULL,
    "accountDisplayName" TEXT NOT NULL,
    "deviceName" TEXT,
    "ipAddress" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "city" TEXT,
    "isp" TEXT,
    "reportId" TEXT NOT NULL,

    CONSTRAINT "IdentityLogonEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreatIndicator" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "threatType" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreatIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "isDisabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastSignInAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertPolicy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "policyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'New',
    "category" TEXT NOT NULL,
    "userAddress" TEXT,
    "detectionSource" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "dedupKey" TEXT,
    "eventCount" INTEGER NOT NULL DEFAULT 1,
    "firstActivity" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActivity" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignee" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "investigationId" INTEGER,
    "restrictedUserId" INTEGER,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Investigation" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "playbook" "Playbook" NOT NULL,
    "status" "InvestigationStatus" NOT NULL DEFAULT 'Starting',
    "detectionSource" TEXT NOT NULL,
    "users" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "threatCount" INTEGER NOT NULL DEFAULT 0,
    "actionCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "input" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "Investigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvestigationStep" (
    "id" TEXT NOT NULL,
    "investigationId" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'Pending',
    "risk" TEXT NOT NULL DEFAULT 'None',
    "findings" JSONB NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "InvestigationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvestigationLog" (
    "id" BIGSERIAL NOT NULL,
    "investigationId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL DEFAULT 'info',
    "stepKey" TEXT,
    "message" TEXT NOT NULL,

    CONSTRAINT "InvestigationLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "investigationId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL DEFAULT 'Unknown',
    "stepKey" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailCluster" (
    "id" SERIAL NOT NULL,
    "investigationId" INTEGER,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" JSONB NOT NULL,
    "queryText" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL DEFAULT 'Unknown',
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "countsByLocation" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailCluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailClusterMember" (
    "clusterId" INTEGER NOT NULL,
    "emailEventId" BIGINT NOT NULL,

    CONSTRAINT "EmailClusterMember_pkey" PRIMARY KEY ("clusterId","emailEventId")
);

-- CreateTable
CREATE TABLE "Action" (
    "id" SERIAL NOT NULL,
    "investigationId" INTEGER,
    "clusterId" INTEGER,
    "type" TEXT NOT NULL,
    "source" "ActionSource" NOT NULL,
    "status" "ActionStatus" NOT NULL DEFAULT 'Pending',
    "entity" TEXT NOT NULL,
    "target" JSONB NOT NULL DEFAULT '{}',
    "dedupKey" TEXT NOT NULL,
    "decidedBy" "DecidedBy",
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,
    "executedAt" TIMESTAMP(3),
    "result" JSONB,
    "successCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RestrictedUser" (
    "id" SERIAL NOT NULL,
    "address" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "restrictedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedAt" TIMESTAMP(3),
    "releasedById" TEXT,
    "releasedByName" TEXT,
    "releaseReason" TEXT,

    CONSTRAINT "RestrictedUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "similarFiles" BOOLEAN NOT NULL DEFAULT false,
    "similarUrls" BOOLEAN NOT NULL DEFAULT false,
    "action" TEXT NOT NULL DEFAULT 'softDelete',
    "pendingExpiryDays" INTEGER NOT NULL DEFAULT 7,
    "retentionDays" INTEGER NOT NULL DEFAULT 14,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "AutomationSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "reporter" TEXT NOT NULL,
    "networkMessageId" UUID,
    "internetMessageId" TEXT,
    "subject" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL DEFAULT 'Unknown',
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "alertId" INTEGER,
    "investigationId" INTEGER,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Mailbox_address_key" ON "Mailbox"("address");

-- CreateIndex
CREATE INDEX "Mailbox_department_idx" ON "Mailbox"("department");

-- CreateIndex
CREATE INDEX "InboxRule_mailboxId_idx" ON "InboxRule"("mailboxId");

-- CreateIndex
CREATE INDEX "MfaMethod_mailboxId_idx" ON "MfaMethod"("mailboxId");

-- CreateIndex
CREATE INDEX "AppConsent_mailboxId_idx" ON "AppConsent"("mailboxId");

-- CreateIndex
CREATE INDEX "RoleAssignment_mailboxId_idx" ON "RoleAssignment"("mailboxId");

-- CreateIndex
CREATE INDEX "UserSession_mailboxId_idx" ON "UserSession"("mailboxId");

-- CreateIndex
CREATE INDEX "EmailEvent_timestamp_idx" ON "EmailEvent"("timestamp");

-- CreateIndex
CREATE INDEX "EmailEvent_senderFromAddress_timestamp_idx" ON "EmailEvent"("senderFromAddress", "timestamp");

-- CreateIndex
CREATE INDEX "EmailEvent_recipientEmailAddress_timestamp_idx" ON "EmailEvent"("recipientEmailAddress", "timestamp");

-- CreateIndex
CREATE INDEX "EmailEvent_senderFromDomain_idx" ON "EmailEvent"("senderFromDomain");

-- CreateIndex
CREATE INDEX "EmailEvent_latestDeliveryLocation_idx" ON "EmailEvent"("latestDeliveryLocation");

-- CreateIndex
CREATE UNIQUE INDEX "EmailEvent_networkMessageId_recipientEmailAddress_key" ON "EmailEvent"("networkMessageId", "recipientEmailAddress");

-- CreateIndex
CREATE INDEX "EmailUrlInfo_urlDomain_idx" ON "EmailUrlInfo"("urlDomain");

-- CreateIndex
CREATE INDEX "EmailUrlInfo_url_idx" ON "EmailUrlInfo"("url");

-- CreateIndex
CREATE UNIQUE INDEX "EmailUrlInfo_networkMessageId_url_key" ON "EmailUrlInfo"("networkMessageId", "url");

-- CreateIndex
CREATE INDEX "EmailAttachmentInfo_sha256_idx" ON "EmailAttachmentInfo"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "EmailAttachmentInfo_networkMessageId_recipientEmailAddress__key" ON "EmailAttachmentInfo"("networkMessageId", "recipientEmailAddress", "sha256");

-- CreateIndex
CREATE INDEX "EmailPostDeliveryEvent_networkMessageId_idx" ON "EmailPostDeliveryEvent"("networkMessageId");

-- CreateIndex
CREATE INDEX "EmailPostDeliveryEvent_timestamp_idx" ON "EmailPostDeliveryEvent"("timestamp");

-- CreateIndex
CREATE INDEX "EmailPostDeliveryEvent_actionId_idx" ON "EmailPostDeliveryEvent"("actionId");

-- CreateIndex
CREATE UNIQUE INDEX "UrlClickEvent_reportId_key" ON "UrlClickEvent"("reportId");

-- CreateIndex
CREATE INDEX "UrlClickEvent_accountUpn_timestamp_idx" ON "UrlClickEvent"("accountUpn", "timestamp");

-- CreateIndex
CREATE INDEX "UrlClickEvent_url_idx" ON "UrlClickEvent"("url");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityLogonEvent_reportId_key" ON "IdentityLogonEvent"("reportId");

-- CreateIndex
CREATE INDEX "IdentityLogonEvent_accountUpn_timestamp_idx" ON "IdentityLogonEvent"("accountUpn", "timestamp");

-- CreateIndex
CREATE INDEX "IdentityLogonEvent_timestamp_idx" ON "IdentityLogonEvent"("timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "ThreatIndicator_kind_value_key" ON "ThreatIndicator"("kind", "value");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_idx" ON "AuditLog"("actorId");

-- CreateIndex
CREATE INDEX "AuditLog_action_idx" ON "AuditLog"("action");

-- CreateIndex
CREATE UNIQUE INDEX "AlertPolicy_name_key" ON "AlertPolicy"("name");

-- CreateIndex
CREATE INDEX "Alert_createdAt_idx" ON "Alert"("createdAt");

-- CreateIndex
CREATE INDEX "Alert_policyId_createdAt_idx" ON "Alert"("policyId", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_severity_createdAt_idx" ON "Alert"("severity", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_status_createdAt_idx" ON "Alert"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_userAddress_idx" ON "Alert"("userAddress");

-- CreateIndex
CREATE INDEX "Alert_dedupKey_status_idx" ON "Alert"("dedupKey", "status");

-- CreateIndex
CREATE INDEX "Alert_investigationId_idx" ON "Alert"("investigationId");

-- CreateIndex
CREATE INDEX "Investigation_status_createdAt_idx" ON "Investigation"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Investigation_playbook_createdAt_idx" ON "Investigation"("playbook", "createdAt");

-- CreateIndex
CREATE INDEX "Investigation_createdAt_idx" ON "Investigation"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InvestigationStep_investigationId_key_key" ON "InvestigationStep"("investigationId", "key");

-- CreateIndex
CREATE INDEX "InvestigationLog_investigationId_at_idx" ON "InvestigationLog"("investigationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_investigationId_kind_entity_key" ON "Evidence"("investigationId", "kind", "entity");

-- CreateIndex
CREATE INDEX "EmailCluster_investigationId_idx" ON "EmailCluster"("investigationId");

-- CreateIndex
CREATE INDEX "EmailClusterMember_emailEventId_idx" ON "EmailClusterMember"("emailEventId");

-- CreateIndex
CREATE INDEX "Action_status_createdAt_idx" ON "Action"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Action_source_createdAt_idx" ON "Action"("source", "createdAt");

-- CreateIndex
CREATE INDEX "Action_type_createdAt_idx" ON "Action"("type", "createdAt");

-- CreateIndex
CREATE INDEX "Action_decidedBy_decidedAt_idx" ON "Action"("decidedBy", "decidedAt");

-- CreateIndex
CREATE INDEX "Action_investigationId_idx" ON "Action"("investigationId");

-- CreateIndex
CREATE INDEX "Action_clusterId_idx" ON "Action"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "Action_dedupKey_key" ON "Action"("dedupKey");

-- CreateIndex
CREATE INDEX "RestrictedUser_address_releasedAt_idx" ON "RestrictedUser"("address", "releasedAt");

-- CreateIndex
CREATE INDEX "RestrictedUser_restrictedAt_idx" ON "RestrictedUser"("restrictedAt");

-- CreateIndex
CREATE INDEX "Submission_createdAt_idx" ON "Submission"("createdAt");

-- AddForeignKey
ALTER TABLE "InboxRule" ADD CONSTRAINT "InboxRule_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MfaMethod" ADD CONSTRAINT "MfaMethod_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppConsent" ADD CONSTRAINT "AppConsent_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "Mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "AlertPolicy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_restrictedUserId_fkey" FOREIGN KEY ("restrictedUserId") REFERENCES "RestrictedUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationStep" ADD CONSTRAINT "InvestigationStep_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvestigationLog" ADD CONSTRAINT "InvestigationLog_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailCluster" ADD CONSTRAINT "EmailCluster_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailClusterMember" ADD CONSTRAINT "EmailClusterMember_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "EmailCluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_investigationId_fkey" FOREIGN KEY ("investigationId") REFERENCES "Investigation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "EmailCluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
