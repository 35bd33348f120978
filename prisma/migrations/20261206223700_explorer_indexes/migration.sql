-- Threat Explorer's subject "contains" filter is served by a trigram index (shipped with PostgreSQL's contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "EmailEvent_latestDeliveryLocation_idx";

-- DropIndex
DROP INDEX "EmailEvent_recipientEmailAddress_timestamp_idx";

-- DropIndex
DROP INDEX "EmailEvent_senderFromAddress_timestamp_idx";

-- DropIndex
DROP INDEX "EmailEvent_senderFromDomain_idx";

-- DropIndex
DROP INDEX "EmailUrlInfo_urlDomain_idx";

-- CreateIndex
CREATE INDEX "EmailEvent_senderFromAddress_timestamp_id_idx" ON "EmailEvent"("senderFromAddress", "timestamp", "id");

-- CreateIndex
CREATE INDEX "EmailEvent_recipientEmailAddress_timestamp_id_idx" ON "EmailEvent"("recipientEmailAddress", "timestamp", "id");

-- CreateIndex
CREATE INDEX "EmailEvent_senderFromDomain_timestamp_id_idx" ON "EmailEvent"("senderFromDomain", "timestamp", "id");

-- CreateIndex
CREATE INDEX "EmailEvent_emailDirection_timestamp_id_idx" ON "EmailEvent"("emailDirection", "timestamp", "id");

-- CreateIndex
CREATE INDEX "EmailEvent_latestDeliveryLocation_timestamp_id_senderFromAd_idx" ON "EmailEvent"("latestDeliveryLocation", "timestamp", "id", "senderFromAddress", "recipientEmailAddress");

-- CreateIndex
CREATE INDEX "EmailEvent_subject_trgm_idx" ON "EmailEvent" USING GIN ("subject" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "EmailEvent_threat_timestamp_idx" ON "EmailEvent"("timestamp", "id", "threatTypes") WHERE ("threatTypes" <> '');

-- CreateIndex
CREATE INDEX "EmailUrlInfo_urlDomain_timestamp_networkMessageId_idx" ON "EmailUrlInfo"("urlDomain", "timestamp", "networkMessageId");

-- Sort by subject: an expression index, because a btree entry holds at most ~2.7 kB and a subject may be 1,000
-- four-byte characters; Explorer orders by the first 200 characters, then by time.
CREATE INDEX "EmailEvent_subject_prefix_timestamp_id_idx" ON "EmailEvent"(left("subject", 200), "timestamp", "id");

-- A sender given as a domain matches it and its subdomains: spelled backwards that is an equality or a prefix
-- (text_pattern_ops, whatever the database's collation), so this index finds them within the window.
CREATE INDEX "EmailEvent_senderFromDomain_reversed_idx" ON "EmailEvent"(reverse("senderFromDomain") text_pattern_ops, "timestamp");
