-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "alreadyCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ActionReversal" (
    "actionId" INTEGER NOT NULL,
    "revertId" INTEGER NOT NULL,
    "copies" INTEGER NOT NULL,
    "ofCopies" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionReversal_pkey" PRIMARY KEY ("actionId","revertId")
);

-- CreateIndex
CREATE INDEX "ActionReversal_revertId_idx" ON "ActionReversal"("revertId");

-- CreateIndex
CREATE INDEX "EmailActionResult_emailEventId_idx" ON "EmailActionResult"("emailEventId");

-- AddForeignKey
ALTER TABLE "ActionReversal" ADD CONSTRAINT "ActionReversal_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionReversal" ADD CONSTRAINT "ActionReversal_revertId_fkey" FOREIGN KEY ("revertId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Data. Before this migration the built-in connector kept no result per copy: each copy an action moved (one
-- EmailPostDeliveryEvent) becomes a Success row, where it was before unknown (a Move to Inbox then puts it in the Inbox).
INSERT INTO "EmailActionResult" ("actionId", "emailEventId", "result", "toFolder", "updatedAt")
SELECT DISTINCT ON (p."actionId", e."id") p."actionId", e."id", 'Success',
  CASE p."deliveryLocation" WHEN 'Inbox/folder' THEN 'INBOX' WHEN 'Junk folder' THEN 'Junk' WHEN 'Deleted items' THEN 'Deleted Items' WHEN 'Recoverable items' THEN 'Recoverable Items' END,
  p."timestamp"
FROM "EmailPostDeliveryEvent" p
JOIN "EmailEvent" e ON e."networkMessageId" = p."networkMessageId" AND e."recipientEmailAddress" = p."recipientEmailAddress"
WHERE p."actionId" IS NOT NULL AND p."actionResult" = 'Success'
ON CONFLICT ("actionId", "emailEventId") DO NOTHING;

UPDATE "Action" SET "alreadyCount" = ("result"->>'alreadyInDestination')::int
WHERE jsonb_typeof("result"->'alreadyInDestination') = 'number';

-- Reverts made before: each moved back what it moved of its original.
INSERT INTO "ActionReversal" ("actionId", "revertId", "copies", "ofCopies")
SELECT r."revertOfId", r."id", (r."result"->>'succeeded')::int, GREATEST(o."successCount", (r."result"->>'succeeded')::int)
FROM "Action" r JOIN "Action" o ON o."id" = r."revertOfId"
WHERE jsonb_typeof(r."result"->'succeeded') = 'number' AND (r."result"->>'succeeded')::int > 0;
