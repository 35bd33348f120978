-- CreateEnum
CREATE TYPE "AlertClassification" AS ENUM ('TruePositive', 'InformationalExpectedActivity', 'FalsePositive');

-- CreateEnum
CREATE TYPE "AlertDetermination" AS ENUM ('MultistageAttack', 'MaliciousUserActivity', 'CompromisedAccount', 'Phishing', 'Malware', 'UnwantedSoftware', 'SecurityTest', 'LineOfBusinessApplication', 'ConfirmedActivity', 'NotMalicious', 'NotEnoughDataToValidate', 'Other');

-- AlterTable
ALTER TABLE "Alert" DROP COLUMN "assignee",
ADD COLUMN     "assigneeId" TEXT,
ADD COLUMN     "classification" "AlertClassification",
ADD COLUMN     "determination" "AlertDetermination",
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "AutomationSettings" ADD COLUMN     "resolveAlertsOnRunEnd" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "AlertHistory" (
    "id" BIGSERIAL NOT NULL,
    "alertId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "comment" TEXT,

    CONSTRAINT "AlertHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertHistory_alertId_at_idx" ON "AlertHistory"("alertId", "at");

-- CreateIndex
CREATE INDEX "Alert_assigneeId_createdAt_idx" ON "Alert"("assigneeId", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_classification_createdAt_idx" ON "Alert"("classification", "createdAt");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertHistory" ADD CONSTRAINT "AlertHistory_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── The SIEM feed: every triage change or comment on an alert, in the transaction of the change ─────────────
-- One record per AlertHistory row (the alert's "Comments and history"), shaped as the Security and Compliance Alerts
-- record (RecordType 40) with Operation AlertUpdated: the alert as it now stands, who changed it, and what changed.
-- AFTER triggers run when their statement is done, so a bulk change's records read the alerts as it left them.
CREATE FUNCTION activity_on_alert_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_alert "Alert"%ROWTYPE;
  v_assignee "User"%ROWTYPE;
BEGIN
  SELECT * INTO v_alert FROM "Alert" WHERE id = NEW."alertId";
  SELECT * INTO v_assignee FROM "User" WHERE id = v_alert."assigneeId";
  PERFORM activity_append('Alert', 'alert:' || NEW."alertId" || ':update:{seq}', jsonb_build_object(
    'RecordType', 40,
    'Operation', 'AlertUpdated',
    'UserType', CASE WHEN NEW."actorType" = 'system' THEN 4 ELSE 0 END,
    'UserId', NEW."actorName",
    'UserKey', coalesce(NEW."actorId", NEW."actorName"),
    'ObjectId', NEW."alertId"::text,
    'AlertId', NEW."alertId"::text,
    'AlertType', 'System',
    'Name', v_alert.title,
    'PolicyId', v_alert."policyId",
    'Status', CASE v_alert.status WHEN 'New' THEN 'Active' WHEN 'InProgress' THEN 'Investigating' ELSE 'Resolved' END,
    'Severity', v_alert.severity,
    'Category', v_alert.category,
    'Source', v_alert."detectionSource",
    'AssignedTo', v_assignee.email,
    'Classification', v_alert.classification,
    'Determination', v_alert.determination,
    'Comments', NEW.comment,
    'Data', jsonb_build_object(
      'UserAddress', v_alert."userAddress",
      'InvestigationId', v_alert."investigationId",
      'ResolvedAtUtc', activity_utc(v_alert."resolvedAt"),
      'Changes', NEW.changes),
    'DeeplinkURL', '/alerts/' || NEW."alertId"));
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_alert_history AFTER INSERT ON "AlertHistory" FOR EACH ROW EXECUTE FUNCTION activity_on_alert_history();
