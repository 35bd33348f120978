-- ───────────── The SIEM feed: the first of two approvals ─────────────
-- A two-person rule's first approval leaves the action Pending: the feed now says it happened (ActionFirstApproved,
-- by the first approver) and every later record of the action names the first approver beside who decided.
CREATE OR REPLACE FUNCTION activity_on_action() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM activity_append('ActionDecision', 'action:' || NEW.id || ':status:{seq}', jsonb_build_object(
    'RecordType', 89,
    'Operation', CASE
      WHEN NEW.status = 'Rejected' THEN 'ActionRejected'
      WHEN NEW.status = 'Expired' THEN 'ActionExpired'
      WHEN TG_OP = 'INSERT' THEN 'ActionTaken'
      WHEN OLD.status = 'Pending' AND NEW.status = 'Pending' THEN 'ActionFirstApproved'
      WHEN OLD.status = 'Pending' THEN 'ActionApproved'
      ELSE 'ActionStatusChanged' END,
    'UserType', CASE WHEN NEW."decidedBy" = 'User' OR (NEW.status = 'Pending' AND NEW."firstApprovedById" <> 'Automation') THEN 0 ELSE 4 END,
    'UserId', coalesce(NEW."decidedByName", NEW."firstApprovedByName", 'Automation'),
    'UserKey', coalesce(NEW."decidedById", NEW."firstApprovedById", NEW."decidedBy"::text, 'System'),
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
    'FirstApprovedById', NEW."firstApprovedById",
    'FirstApprovedByName', NEW."firstApprovedByName",
    'FirstApprovedAtUtc', activity_utc(NEW."firstApprovedAt"),
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

CREATE TRIGGER activity_action_first_approved AFTER UPDATE OF "firstApprovedAt" ON "Action" FOR EACH ROW
  WHEN (OLD."firstApprovedAt" IS NULL AND NEW."firstApprovedAt" IS NOT NULL AND NEW.status = 'Pending') EXECUTE FUNCTION activity_on_action();
