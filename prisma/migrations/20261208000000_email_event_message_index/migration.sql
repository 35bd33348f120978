-- EmailEvents by month lost the lookup by message: the unique (networkMessageId, recipientEmailAddress) index moved to
-- EmailEventKey (a partitioned table's unique index must hold its partition key), and nothing on EmailEvent took its
-- place, so every read of a message's rows (its page, a cluster's messages, Explorer's URL-domain filter, hunting joins
-- on NetworkMessageId) scanned every partition: a 7-day URL-domain search took 5.7 s at 1M rows. With the timestamp
-- and id beside the message, Explorer's URL-domain count and page read this index alone (1M rows: 38 ms and 34 ms).
-- CreateIndex
CREATE INDEX "EmailEvent_networkMessageId_timestamp_id_idx" ON "EmailEvent"("networkMessageId", "timestamp", "id");
