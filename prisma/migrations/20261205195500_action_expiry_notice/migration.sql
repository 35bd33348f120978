-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "expiryNoticeAt" TIMESTAMP(3);

-- ───────────── The SIEM feed: a pending action's notice one day before it expires ─────────────
-- Written in the transaction that marks the notice sent (expiryNoticeAt from null to a time), so a tick that runs twice
-- (or on two workers) writes one record: the second update finds the column set and changes no row. Sent as an
-- ActionDecision record, so webhooks subscribed to decisions get it: the decision it asks for is still open.
CREATE FUNCTION activity_on_action_expiring() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM activity_append('ActionDecision', 'action:' || NEW.id || ':expiring', jsonb_build_object(
    'RecordType', 89,
    'Operation', 'ActionExpiringSoon',
    'UserType', 4,
    'UserId', 'Automation',
    'UserKey', 'System',
    'ObjectId', NEW.id::text,
    'ActionId', NEW.id::text,
    'ActionType', NEW.type,
    'ActionStatus', NEW.status::text,
    'ActionSource', NEW.source,
    'Entities', jsonb_build_array(NEW.entity),
    'InvestigationId', NEW."investigationId"::text,
    'ClusterId', NEW."clusterId",
    'CreatedAtUtc', activity_utc(NEW."createdAt"),
    'DeeplinkURL', '/action-center?sort=expiresAt' || CASE WHEN NEW."investigationId" IS NULL THEN '' ELSE '&investigation=' || NEW."investigationId" END));
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_action_expiring AFTER UPDATE OF "expiryNoticeAt" ON "Action" FOR EACH ROW
  WHEN (OLD."expiryNoticeAt" IS NULL AND NEW."expiryNoticeAt" IS NOT NULL) EXECUTE FUNCTION activity_on_action_expiring();
