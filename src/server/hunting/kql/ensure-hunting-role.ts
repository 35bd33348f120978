import "server-only";
import { HUNTING_TABLES } from "@/lib/hunting-schema";
import { prisma } from "@/server/db";
import { readEnv } from "@/server/env";

/** The role hunting queries run as: it can read the six hunting tables and nothing else of ours. */
export const HUNTING_ROLE = "breakwater_hunting";

// Serialises concurrent set-ups against one database (GRANT on one object from two sessions can fail).
const SETUP_LOCK = 7_319_004_231;

const ensured = new Map<string, Promise<void>>();

/**
 * Creates the hunting role if missing, grants it exactly SELECT on the hunting tables (revoking anything else in
 * the schema), and makes sure the app's user may SET ROLE to it. Idempotent; runs once per process and database,
 * and again after a failure.
 */
export function ensureHuntingRole(): Promise<void> {
  const key = readEnv().DATABASE_URL ?? "";
  let pending = ensured.get(key);
  if (!pending) {
    pending = setUpRole().catch((error: unknown) => {
      ensured.delete(key);
      throw error;
    });
    ensured.set(key, pending);
  }
  return pending;
}

async function setUpRole(): Promise<void> {
  // Table names come from the schema map, never from a query; role and schema names are fixed or the server's.
  const tables = HUNTING_TABLES.map((table) => `%1$I.${quote(table.model)}`).join(", ");
  try {
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK}::bigint)`;
      await tx.$executeRawUnsafe(`DO $hunting$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${HUNTING_ROLE}') THEN
    BEGIN
      CREATE ROLE ${HUNTING_ROLE} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database's set-up got there first
    END;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %1$I TO ${HUNTING_ROLE}', current_schema());
  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %1$I FROM ${HUNTING_ROLE}', current_schema());
  EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %1$I FROM ${HUNTING_ROLE}', current_schema());
  EXECUTE format('GRANT SELECT ON ${tables} TO ${HUNTING_ROLE}', current_schema());
  IF NOT pg_has_role(current_user, '${HUNTING_ROLE}', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT ${HUNTING_ROLE} TO %I', current_user);
    EXCEPTION WHEN unique_violation THEN NULL;
    END;
  END IF;
END
$hunting$`);
    });
  } catch (error) {
    throw new Error(
      `Advanced hunting runs queries as the database role ${HUNTING_ROLE}, and setting it up failed (${error instanceof Error ? error.message : String(error)}). ` +
        `Connect as a user that may create roles, or have an administrator run: CREATE ROLE ${HUNTING_ROLE} NOLOGIN; ` +
        `GRANT USAGE ON SCHEMA public TO ${HUNTING_ROLE}; GRANT SELECT ON ${HUNTING_TABLES.map((table) => quote(table.model)).join(", ")} TO ${HUNTING_ROLE}; ` +
        `GRANT ${HUNTING_ROLE} TO <the app's user>;`,
      { cause: error },
    );
  }
}

const quote = (name: string) => `"${name}"`;
