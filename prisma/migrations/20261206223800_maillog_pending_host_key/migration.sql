-- The follower's partly-seen messages are keyed by host and queue id ("<host> <queue id>"): two Postfix hosts may
-- give two messages the same queue id. Each stored message knows its host, so the rows already there keep theirs.
ALTER TABLE "MaillogPending" RENAME COLUMN "queueId" TO "key";
UPDATE "MaillogPending" SET "key" = ("data"->'message'->>'host') || ' ' || "key";
