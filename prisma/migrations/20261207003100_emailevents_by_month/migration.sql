-- EmailEvents partitioned by month of "timestamp": retention drops a month's partition instead of deleting its rows
-- one by one, and a time-bounded query (every Explorer page, most hunting) reads only the months it names.
--
-- A unique constraint of a partitioned table must hold the partition key, so (networkMessageId,
-- recipientEmailAddress) can no longer be one: a message and recipient re-sent with another timestamp would land in
-- another month. Its one-row-per-message-and-recipient rule moves to "EmailEventKey", an ordinary table with that
-- key, which a BEFORE INSERT trigger fills: an insert whose key is already there is skipped, as the writers' ON
-- CONFLICT DO NOTHING did (and a concurrent insert of the same key waits for the first to commit, as it did).
-- The primary key becomes (id, timestamp); ids still come from the same sequence, so they stay unique and
-- increasing, and the hunting replicator's cursor on them keeps its meaning.

CREATE TABLE "EmailEventKey" (
    "networkMessageId" UUID NOT NULL,
    "recipientEmailAddress" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailEventKey_pkey" PRIMARY KEY ("networkMessageId","recipientEmailAddress")
);

-- Only retention reads it by time, a range of months, and keys arrive roughly in time order: BRIN.
CREATE INDEX "EmailEventKey_timestamp_idx" ON "EmailEventKey" USING BRIN ("timestamp");

-- The existing table steps aside; its indexes and triggers are remembered (whatever earlier migrations made, named
-- in schema.prisma or not) to be made again on the partitioned table, so every partition gets them.
ALTER TABLE "EmailEvent" RENAME TO "EmailEvent_unpartitioned";
ALTER TABLE "EmailEvent_unpartitioned" RENAME CONSTRAINT "EmailEvent_pkey" TO "EmailEvent_unpartitioned_pkey";
ALTER SEQUENCE "EmailEvent_id_seq" OWNED BY NONE;

CREATE TEMP TABLE email_event_rebuild ON COMMIT DROP AS
  SELECT 'index' AS kind, pg_get_indexdef(i.indexrelid) AS definition
  FROM pg_index i
  WHERE i.indrelid = '"EmailEvent_unpartitioned"'::regclass AND NOT i.indisprimary AND NOT i.indisunique
  UNION ALL
  SELECT 'trigger', pg_get_triggerdef(t.oid)
  FROM pg_trigger t
  WHERE t.tgrelid = '"EmailEvent_unpartitioned"'::regclass AND NOT t.tgisinternal;

CREATE TABLE "EmailEvent" (LIKE "EmailEvent_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("timestamp");
ALTER TABLE "EmailEvent" ADD CONSTRAINT "EmailEvent_pkey" PRIMARY KEY ("id", "timestamp");
-- LIKE copies an array column's type without its declared dimensions (pg_attribute.attndims 0); ClickHouse's
-- postgresql() table function, which the hunting replica's bulk fill reads through, then refuses a table whose arrays
-- are all empty. Declaring the type again sets them, on the parent and its partitions, without a rewrite.
ALTER TABLE "EmailEvent" ALTER COLUMN "additionalActions" TYPE TEXT[];
ALTER SEQUENCE "EmailEvent_id_seq" OWNED BY "EmailEvent"."id";

-- Rows of a month with no partition of its own wait here (a far-future timestamp, an import of old mail) until the
-- worker's maintenance gives their month one (breakwater_email_event_month moves them there).
CREATE TABLE "EmailEvent_default" PARTITION OF "EmailEvent" DEFAULT;

-- Makes the partition of the month holding `at`, if it is missing: that month's rows leave the DEFAULT partition
-- for it first (a new partition's range must not overlap rows the default holds). Moving rows between partitions
-- keeps their ids and keys, and fires no trigger (the new table has none until it is attached). Returns whether it
-- made one. One at a time (an advisory lock), so two workers never both make the same month.
CREATE FUNCTION breakwater_email_event_month("at" TIMESTAMP(3)) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  month_start TIMESTAMP(3) := date_trunc('month', "at");
  month_end TIMESTAMP(3) := date_trunc('month', "at") + INTERVAL '1 month';
  partition_name TEXT := 'EmailEvent_p' || to_char(date_trunc('month', "at"), 'YYYY_MM');
BEGIN
  PERFORM pg_advisory_xact_lock(7319004519);
  IF EXISTS (
    SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = '"EmailEvent"'::regclass AND c.relname = partition_name
  ) THEN
    RETURN FALSE;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE "EmailEvent" INCLUDING DEFAULTS)', partition_name);
  EXECUTE format(
    'WITH moved AS (DELETE FROM "EmailEvent_default" WHERE "timestamp" >= $1 AND "timestamp" < $2 RETURNING *) '
    'INSERT INTO %I SELECT * FROM moved', partition_name) USING month_start, month_end;
  EXECUTE format('ALTER TABLE "EmailEvent" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', partition_name, month_start, month_end);
  RETURN TRUE;
END
$$;

-- A partition for every month the existing rows fall in, and from last month to three months ahead.
SELECT breakwater_email_event_month(month)
FROM (
  SELECT DISTINCT date_trunc('month', "timestamp") AS month FROM "EmailEvent_unpartitioned"
  UNION
  SELECT date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => ahead) FROM generate_series(-1, 3) AS ahead
) AS months
ORDER BY month;

INSERT INTO "EmailEvent" SELECT * FROM "EmailEvent_unpartitioned";
INSERT INTO "EmailEventKey" ("networkMessageId", "recipientEmailAddress", "timestamp")
  SELECT "networkMessageId", "recipientEmailAddress", "timestamp" FROM "EmailEvent_unpartitioned";

DROP TABLE "EmailEvent_unpartitioned";

-- The old table's indexes and triggers, now on the partitioned parent (after the copy: building an index once is
-- cheaper than keeping it up to date row by row).
DO $rebuild$
DECLARE
  statement TEXT;
BEGIN
  FOR statement IN SELECT definition FROM email_event_rebuild ORDER BY kind LOOP
    EXECUTE replace(statement, '"EmailEvent_unpartitioned"', '"EmailEvent"');
  END LOOP;
END
$rebuild$;

CREATE FUNCTION breakwater_email_event_key() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "EmailEventKey" ("networkMessageId", "recipientEmailAddress", "timestamp")
  VALUES (NEW."networkMessageId", NEW."recipientEmailAddress", NEW."timestamp")
  ON CONFLICT DO NOTHING;
  IF FOUND THEN
    RETURN NEW;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "EmailEvent_key" BEFORE INSERT ON "EmailEvent" FOR EACH ROW EXECUTE FUNCTION breakwater_email_event_key();

ANALYZE "EmailEvent";

-- How long EmailEvents are kept (Settings › Automation settings); the worker drops whole months older than this.
ALTER TABLE "AutomationSettings" ADD COLUMN "emailEventsRetentionDays" INTEGER NOT NULL DEFAULT 180;

-- Dropping a month fires no trigger, so the ClickHouse copy is told how far retention went, and trims itself.
ALTER TABLE "HuntingReplica" ADD COLUMN "emailEventsBefore" TIMESTAMP(3),
ADD COLUMN "emailEventsTrimmedBefore" TIMESTAMP(3);
