-- ───────────── The SIEM feed: who stopped an investigation, and why ─────────────
-- Stop investigation (src/server/investigations/stop-investigation.ts) sets stoppedBy* and stopReason in the same
-- UPDATE as the status, so the trigger reads them from NEW. Its record names the analyst as the actor (UserType 0,
-- UserId, UserKey, as alert triage and action decisions do) and carries the reason as Comment (as decisions do);
-- every other investigation record stays the system's (UserType 4, AirInvestigation). Only the function changes:
-- the triggers that call it stay as they are.
CREATE OR REPLACE FUNCTION activity_on_investigation() RETURNS trigger LANGUAGE plpgsql AS $$
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
  -- The triggers fire only when the status changes, so a record with this status is the stop itself.
  v_stopped_by_user boolean := NEW.status = 'TerminatedByUser' AND NEW."stoppedByName" IS NOT NULL;
BEGIN
  PERFORM activity_append('AirInvestigation', 'investigation:' || NEW.id || ':status:{seq}', jsonb_build_object(
    'RecordType', CASE WHEN NEW.playbook = 'Manual' THEN 86 ELSE 64 END,
    'Operation', 'InvestigationStatusChanged',
    'UserType', CASE WHEN v_stopped_by_user THEN 0 ELSE 4 END,
    'UserId', CASE WHEN v_stopped_by_user THEN NEW."stoppedByName" ELSE 'AirInvestigation' END,
    'UserKey', CASE WHEN v_stopped_by_user THEN coalesce(NEW."stoppedById", NEW."stoppedByName") ELSE 'AirInvestigation' END,
    'ObjectId', NEW.id::text,
    'InvestigationId', NEW.id::text,
    'InvestigationName', NEW.name,
    'InvestigationType', CASE NEW.playbook WHEN 'UserReportedMessage' THEN 'User-Reported Messages' WHEN 'CompromisedUser' THEN 'Compromised User' ELSE 'Manual' END,
    'StartTimeUtc', activity_utc(coalesce(NEW."startedAt", NEW."createdAt")),
    'LastUpdateTimeUtc', activity_utc(clock_timestamp() AT TIME ZONE 'UTC'),
    'EndTimeUtc', activity_utc(NEW."endedAt"),
    'Status', v_status,
    'PreviousStatus', CASE WHEN TG_OP = 'UPDATE' THEN OLD.status::text END,
    'Comment', CASE WHEN v_stopped_by_user THEN NEW."stopReason" END,
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
