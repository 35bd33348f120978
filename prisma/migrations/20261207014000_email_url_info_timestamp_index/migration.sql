-- A hunting query's time filter on EmailUrlInfo (a detection rule's "links of the last hour") reads the rows of its
-- window by this index instead of the whole table: joined to EmailEvents on NetworkMessageId, the table was scanned
-- once per matching message.
-- CreateIndex
CREATE INDEX "EmailUrlInfo_timestamp_idx" ON "EmailUrlInfo"("timestamp");
