-- The feed horizon must never move back: a consumer reads a window page by page, and a later page answered with
-- an earlier horizon than an earlier page would shift the pages and send records twice. A lock keyed by its second
-- could sit before a horizon already given out (a reader at 10:00:00.500 with no lock open, then a transaction at
-- 10:00:00.700 locking the second 10:00:00). So the lock now carries the millisecond of the first record of its
-- transaction: it is taken after every earlier reader read its clock, so its key is no earlier than their horizons.
-- Two int4 keys: the class "BWAF" (0x42574146) keeps its top 22 bits and lends its low 10 to the time, and the
-- second key holds the low 32 bits of the milliseconds since 2000 (42 bits in all, enough until 2139).

CREATE OR REPLACE FUNCTION activity_append(p_content_type "ActivityContentType", p_record_id text, p_payload jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := nextval(pg_get_serial_sequence('"ActivityRecord"', 'id'));
  v_record_id text := replace(p_record_id, '{seq}', v_id::text);
  v_ms bigint;
  v_at timestamptz;
BEGIN
  -- One lock per transaction is enough: its later records are newer than the first. The flag is transaction-local,
  -- and both it and the lock are undone together when a savepoint rolls back.
  IF current_setting('breakwater.activity_locked', true) IS DISTINCT FROM 'on' THEN
    v_ms := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint - 946684800000;
    PERFORM pg_advisory_xact_lock_shared(
      ((1086928 << 10) + (v_ms >> 32))::int,
      ((v_ms & 4294967295) - CASE WHEN (v_ms & 2147483648) <> 0 THEN 4294967296 ELSE 0 END)::int);
    PERFORM set_config('breakwater.activity_locked', 'on', true);
  END IF;
  v_at := date_trunc('milliseconds', clock_timestamp());
  INSERT INTO "ActivityRecord" ("id", "recordId", "contentType", "createdAt", "payload")
  VALUES (v_id, v_record_id, p_content_type, v_at,
          p_payload || jsonb_build_object('Id', v_record_id, 'CreationTime', activity_utc(v_at AT TIME ZONE 'UTC'), 'Workload', 'Breakwater'));
END
$$;

CREATE OR REPLACE FUNCTION activity_settled_until() RETURNS timestamptz VOLATILE LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := date_trunc('milliseconds', clock_timestamp());
  v_open bigint;
BEGIN
  SELECT min(((classid::bigint & 1023) << 32) + objid::bigint) INTO v_open FROM pg_locks
  WHERE locktype = 'advisory' AND objsubid = 2 AND (classid::bigint >> 10) = 1086928
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database());
  RETURN CASE WHEN v_open IS NULL THEN v_now ELSE least(v_now, timestamptz '2000-01-01 00:00:00+00' + v_open * interval '1 millisecond') END;
END
$$;
