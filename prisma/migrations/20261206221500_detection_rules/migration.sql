-- CreateEnum
CREATE TYPE "DetectionFrequency" AS ENUM ('FiveMinutes', 'OneHour', 'TwentyFourHours');

-- CreateEnum
CREATE TYPE "DetectionRuleAction" AS ENUM ('AlertOnly', 'StartInvestigation', 'RecommendEmailAction');

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "detectionRuleId" TEXT;

-- CreateTable
CREATE TABLE "DetectionRule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "query" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "category" TEXT NOT NULL,
    "frequency" "DetectionFrequency" NOT NULL,
    "lookBackMinutes" INTEGER NOT NULL,
    "entityColumns" TEXT[],
    "action" "DetectionRuleAction" NOT NULL DEFAULT 'AlertOnly',
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "isBuiltIn" BOOLEAN NOT NULL DEFAULT false,
    "disabledReason" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "watermark" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "nextRunAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DetectionRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DetectionRuleRun" (
    "id" BIGSERIAL NOT NULL,
    "ruleId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "windowFrom" TIMESTAMP(3) NOT NULL,
    "windowTo" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "isTruncated" BOOLEAN NOT NULL DEFAULT false,
    "alertCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "DetectionRuleRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Alert_detectionRuleId_createdAt_idx" ON "Alert"("detectionRuleId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DetectionRule_name_key" ON "DetectionRule"("name");

-- CreateIndex
CREATE INDEX "DetectionRule_isEnabled_nextRunAt_idx" ON "DetectionRule"("isEnabled", "nextRunAt");

-- CreateIndex
CREATE INDEX "DetectionRuleRun_ruleId_startedAt_idx" ON "DetectionRuleRun"("ruleId", "startedAt");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_detectionRuleId_fkey" FOREIGN KEY ("detectionRuleId") REFERENCES "DetectionRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetectionRuleRun" ADD CONSTRAINT "DetectionRuleRun_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "DetectionRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── The SIEM feed: every change to a custom detection rule ─────────────
-- Written from the rule's audit record, in the transaction of the change: a person's create, edit, switch, delete or
-- import, and Breakwater's own Auto-disable. Shaped as an admin configuration record (RecordType 1) with the audit
-- action as the Operation, the rule as the object, and its state before and after.
ALTER TYPE "ActivityContentType" ADD VALUE 'DetectionRule';

CREATE FUNCTION activity_on_detection_rule_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM activity_append('DetectionRule', 'detection-rule:' || coalesce(NEW."targetId", '') || ':{seq}', jsonb_build_object(
    'RecordType', 1,
    'Operation', NEW.action,
    'UserType', CASE WHEN NEW."actorType" = 'system' THEN 4 ELSE 0 END,
    'UserId', NEW."actorName",
    'UserKey', coalesce(NEW."actorId", NEW."actorName"),
    'ObjectId', NEW."targetId",
    'Data', jsonb_build_object('Before', NEW.before, 'After', NEW.after),
    'DeeplinkURL', '/settings/detection-rules/' || coalesce(NEW."targetId", '')));
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_detection_rule_audit AFTER INSERT ON "AuditLog" FOR EACH ROW
  WHEN (NEW."targetType" = 'detectionRule') EXECUTE FUNCTION activity_on_detection_rule_audit();
