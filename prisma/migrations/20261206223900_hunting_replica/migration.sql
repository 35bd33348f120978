-- CreateTable
CREATE TABLE "HuntingChange" (
    "seq" BIGSERIAL NOT NULL,
    "tableName" TEXT NOT NULL,
    "rowId" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HuntingChange_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "HuntingReplica" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "isEnabled" BOOLEAN NOT NULL DEFAULT false,
    "epoch" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    "copiedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HuntingReplica_pkey" PRIMARY KEY ("id")
);

-- While a ClickHouse replica is on, every insert, update and delete on the six hunting tables leaves the ids it
-- touched in "HuntingChange", in the same transaction: the replicator copies them and deletes them together.
-- Statement-level triggers with transition tables: one insert of a batch costs one extra INSERT … SELECT.
CREATE FUNCTION breakwater_hunting_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "HuntingReplica" WHERE "isEnabled") THEN
    INSERT INTO "HuntingChange" ("tableName", "rowId") SELECT TG_TABLE_NAME, id FROM changed_rows;
  END IF;
  RETURN NULL;
END
$$;

DO $triggers$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['EmailEvent', 'EmailUrlInfo', 'EmailAttachmentInfo', 'EmailPostDeliveryEvent', 'IdentityLogonEvent', 'UrlClickEvent'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION breakwater_hunting_change()', name || '_hunting_insert', name);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION breakwater_hunting_change()', name || '_hunting_update', name);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION breakwater_hunting_change()', name || '_hunting_delete', name);
  END LOOP;
END
$triggers$;
