-- CreateEnum
CREATE TYPE "ActivityContentType" AS ENUM ('Alert', 'AirInvestigation', 'ActionDecision');

-- CreateTable
CREATE TABLE "ActivityRecord" (
    "id" BIGSERIAL NOT NULL,
    "recordId" TEXT NOT NULL,
    "contentType" "ActivityContentType" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,

    CONSTRAINT "ActivityRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "contentTypes" "ActivityContentType"[],
    "secret" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "pausedReason" TEXT,
    "cursorAt" TIMESTAMPTZ(3) NOT NULL,
    "cursorId" BIGINT NOT NULL DEFAULT 0,
    "batchEndAt" TIMESTAMPTZ(3),
    "batchEndId" BIGINT,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" BIGSERIAL NOT NULL,
    "webhookId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "isSuccess" BOOLEAN NOT NULL,
    "recordCount" INTEGER NOT NULL,
    "firstRecordId" TEXT NOT NULL,
    "lastRecordId" TEXT NOT NULL,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ActivityRecord_recordId_key" ON "ActivityRecord"("recordId");

-- CreateIndex
CREATE INDEX "ActivityRecord_createdAt_id_idx" ON "ActivityRecord"("createdAt", "id");

-- CreateIndex
CREATE INDEX "ActivityRecord_contentType_createdAt_id_idx" ON "ActivityRecord"("contentType", "createdAt", "id");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_at_idx" ON "WebhookDelivery"("webhookId", "at");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── The SIEM feed: records written by triggers, in the transaction of the change ─────────────
-- The Prisma schema diff ignores functions and triggers, so they live only here.

-- A stored UTC timestamp (console columns are timestamp(3) holding UTC) as ISO text for the feed.
CREATE FUNCTION activity_utc(ts timestamp) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT to_char(ts, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- Appends one record. The feed promises that a record never appears below a horizon a reader was already given
-- (activity_settled_until), even when its transaction commits late. So the first record of a transaction takes a
-- shared advisory lock keyed by the current second (class 1112490310, "BWAF", seconds since 2000 to fit an int4)
-- and holds it until the transaction ends: a reader sees from pg_locks that records of that second may still
-- come. The lock is taken before the clock is read for createdAt, so a reader that does not see it read a clock
-- that is older than the record. `{seq}` in the record id becomes the id of the row.
CREATE FUNCTION activity_append(p_content_type "ActivityContentType", p_record_id text, p_payload jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := nextval(pg_get_serial_sequence('"ActivityRecord"', 'id'));
  v_record_id text := replace(p_record_id, '{seq}', v_id::text);
  v_at timestamptz;
BEGIN
  -- One lock per transaction is enough: its later records are newer than the first. The flag is transaction-local,
  -- and both it and the lock are undone together when a savepoint rolls back.
  IF current_setting('breakwater.activity_locked', true) IS DISTINCT FROM 'on' THEN
    PERFORM pg_advisory_xact_lock_shared(1112490310, (floor(extract(epoch FROM clock_timestamp())) - 946684800)::int);
    PERFORM set_config('breakwater.activity_locked', 'on', true);
  END IF;
  v_at := date_trunc('milliseconds', clock_timestamp());
  INSERT INTO "ActivityRecord" ("id", "recordId", "contentType", "createdAt", "payload")
  VALUES (v_id, v_record_id, p_content_type, v_at,
          p_payload || jsonb_build_object('Id', v_record_id, 'CreationTime', activity_utc(v_at AT TIME ZONE 'UTC'), 'Workload', 'Breakwater'));
END
$$;

-- The time below which the feed is final: every record with an earlier createdAt is committed and visible to any
-- statement that starts after this returns (read it first, then query the records in a later statement: a
-- statement takes its snapshot when it starts). The clock is read before the locks, so a record whose lock was
-- not yet taken is newer than the clock, and one whose lock is held is no older than the second of the lock.
CREATE FUNCTION activity_settled_until() RETURNS timestamptz VOLATILE LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := date_trunc('milliseconds', clock_timestamp());
  v_open bigint;
BEGIN
  SELECT min(objid::bigint) INTO v_open FROM pg_locks
  WHERE locktype = 'advisory' AND classid = 1112490310 AND objsubid = 2
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database());
  RETURN CASE WHEN v_open IS NULL THEN v_now ELSE least(v_now, to_timestamp(v_open + 946684800)) END;
END
$$;

-- Alerts: as the Security and Compliance Alerts record of the Management Activity API (RecordType 40).
CREATE FUNCTION activity_on_alert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM activity_append('Alert', 'alert:' || NEW.id, jsonb_build_object(
    'RecordType', 40,
    'Operation', 'AlertTriggered',
    'UserType', 4,
    'UserId', 'SecurityComplianceAlerts',
    'UserKey', 'SecurityComplianceAlerts',
    'ObjectId', NEW.id::text,
    'AlertId', NEW.id::text,
    'AlertType', 'System',
    'Name', NEW.title,
    'PolicyId', NEW."policyId",
    'Status', CASE NEW.status WHEN 'New' THEN 'Active' WHEN 'InProgress' THEN 'Investigating' ELSE 'Resolved' END,
    'Severity', NEW.severity,
    'Category', NEW.category,
    'Source', NEW."detectionSource",
    'Comments', 'New alert',
    'Data', jsonb_build_object(
      'UserAddress', NEW."userAddress",
      'EventCount', NEW."eventCount",
      'FirstActivityUtc', activity_utc(NEW."firstActivity"),
      'LastActivityUtc', activity_utc(NEW."lastActivity"),
      'InvestigationId', NEW."investigationId",
      'RestrictedUserId', NEW."restrictedUserId",
      'Details', NEW.details),
    'DeeplinkURL', '/alerts/' || NEW.id));
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_alert_created AFTER INSERT ON "Alert" FOR EACH ROW EXECUTE FUNCTION activity_on_alert();

-- Investigations: as the AirInvestigation record (RecordType 64, or 86 for manual ones), with the actions of the run.
-- Statuses read as the console shows them (src/lib/labels.ts, checked by tests/integration/activity-feed.int.test.ts).
CREATE FUNCTION activity_on_investigation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_alert_ids jsonb := coalesce((SELECT jsonb_agg(id::text ORDER BY id) FROM "Alert" WHERE "investigationId" = NEW.id), '[]');
  v_actions jsonb := coalesce((
    SELECT jsonb_agg(jsonb_build_object(
      'ID', a.id::text,
      'ActionId', a.id::text,
      'ActionType', a.type,
      'ActionStatus', CASE a.status WHEN 'PartiallyCompleted' THEN 'Partially completed' ELSE a.status::text END,
      'ApprovedBy', CASE WHEN a."decidedBy" = 'User' THEN a."decidedByName" END,
      'TimestampUtc', activity_utc(coalesce(a."decidedAt", a."createdAt")),
      'InvestigationId', NEW.id::text,
      'RelatedAlertIds', v_alert_ids,
      'StartTimeUtc', activity_utc(a."createdAt"),
      'EndTimeUtc', activity_utc(a."executedAt"),
      'Entities', jsonb_build_array(a.entity)) ORDER BY a.id)
    FROM "Action" a WHERE a."investigationId" = NEW.id), '[]');
  v_status text := CASE NEW.status
    WHEN 'NoThreatsFound' THEN 'No threats found'
    WHEN 'PendingAction' THEN 'Pending action'
    WHEN 'PartiallyInvestigated' THEN 'Partially investigated'
    WHEN 'PartiallyRemediated' THEN 'Partially remediated'
    WHEN 'TerminatedBySystem' THEN 'Terminated by system'
    WHEN 'TerminatedByUser' THEN 'Terminated by user'
    WHEN 'QueuedByThrottling' THEN 'Queued by throttling'
    WHEN 'TerminatedByThrottling' THEN 'Terminated by throttling'
    ELSE NEW.status::text END;
BEGIN
  PERFORM activity_append('AirInvestigation', 'investigation:' || NEW.id || ':status:{seq}', jsonb_build_object(
    'RecordType', CASE WHEN NEW.playbook = 'Manual' THEN 86 ELSE 64 END,
    'Operation', 'InvestigationStatusChanged',
    'UserType', 4,
    'UserId', 'AirInvestigation',
    'UserKey', 'AirInvestigation',
    'ObjectId', NEW.id::text,
    'InvestigationId', NEW.id::text,
    'InvestigationName', NEW.name,
    'InvestigationType', CASE NEW.playbook WHEN 'UserReportedMessage' THEN 'User-Reported Messages' WHEN 'CompromisedUser' THEN 'Compromised User' ELSE 'Manual' END,
    'StartTimeUtc', activity_utc(coalesce(NEW."startedAt", NEW."createdAt")),
    'LastUpdateTimeUtc', activity_utc(clock_timestamp() AT TIME ZONE 'UTC'),
    'EndTimeUtc', activity_utc(NEW."endedAt"),
    'Status', v_status,
    'PreviousStatus', CASE WHEN TG_OP = 'UPDATE' THEN OLD.status::text END,
    'DeeplinkURL', '/investigations/' || NEW.id,
    'Actions', v_actions,
    'Data', jsonb_build_object(
      'DetectionSource', NEW."detectionSource",
      'Users', to_jsonb(NEW.users),
      'ThreatCount', NEW."threatCount",
      'ActionCount', NEW."actionCount",
      'RelatedAlertIds', v_alert_ids,
      'Error', NEW.error)));
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_investigation_created AFTER INSERT ON "Investigation" FOR EACH ROW EXECUTE FUNCTION activity_on_investigation();
CREATE TRIGGER activity_investigation_status AFTER UPDATE OF status ON "Investigation" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION activity_on_investigation();

-- Action decisions (approve, reject, expiry, an action taken by hand) and the status changes that follow them, as
-- the AirAdminActionInvestigation record (RecordType 89): who decided what, and when. A recommendation made
-- Pending is not a decision: it shows in the Actions of its investigation.
CREATE FUNCTION activity_on_action() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM activity_append('ActionDecision', 'action:' || NEW.id || ':status:{seq}', jsonb_build_object(
    'RecordType', 89,
    'Operation', CASE
      WHEN NEW.status = 'Rejected' THEN 'ActionRejected'
      WHEN NEW.status = 'Expired' THEN 'ActionExpired'
      WHEN TG_OP = 'INSERT' THEN 'ActionTaken'
      WHEN OLD.status = 'Pending' THEN 'ActionApproved'
      ELSE 'ActionStatusChanged' END,
    'UserType', CASE WHEN NEW."decidedBy" = 'User' THEN 0 ELSE 4 END,
    'UserId', coalesce(NEW."decidedByName", 'Automation'),
    'UserKey', coalesce(NEW."decidedById", NEW."decidedBy"::text, 'System'),
    'ObjectId', NEW.id::text,
    'ActionId', NEW.id::text,
    'ActionType', NEW.type,
    'ActionStatus', CASE NEW.status WHEN 'PartiallyCompleted' THEN 'Partially completed' ELSE NEW.status::text END,
    'PreviousStatus', CASE WHEN TG_OP = 'UPDATE' THEN OLD.status::text END,
    'ActionSource', NEW.source,
    'DecidedBy', NEW."decidedBy",
    'DecidedById', NEW."decidedById",
    'DecidedByName', NEW."decidedByName",
    'DecidedAtUtc', activity_utc(NEW."decidedAt"),
    'ExecutedAtUtc', activity_utc(NEW."executedAt"),
    'Comment', NEW.comment,
    'Entities', jsonb_build_array(NEW.entity),
    'InvestigationId', NEW."investigationId"::text,
    'ClusterId', NEW."clusterId",
    'RevertOfId', NEW."revertOfId",
    'SuccessCount', NEW."successCount",
    'FailedCount', NEW."failedCount",
    'DeeplinkURL', CASE WHEN NEW."investigationId" IS NULL THEN '/action-center?view=history' ELSE '/investigations/' || NEW."investigationId" END));
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_action_taken AFTER INSERT ON "Action" FOR EACH ROW
  WHEN (NEW.status <> 'Pending') EXECUTE FUNCTION activity_on_action();
CREATE TRIGGER activity_action_decided AFTER UPDATE OF status, "decidedBy" ON "Action" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."decidedBy" IS DISTINCT FROM NEW."decidedBy") EXECUTE FUNCTION activity_on_action();
