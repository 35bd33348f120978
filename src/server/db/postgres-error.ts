/** PostgreSQL's SQLSTATE and message under a Prisma error from the pg driver adapter, or null when there is none. */
export function postgresError(error: unknown): { code: string; message: string } | null {
  const cause = (
    error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } }
  )?.meta?.driverAdapterError?.cause;
  return cause?.originalCode ? { code: cause.originalCode, message: cause.originalMessage ?? "" } : null;
}

/** 55P03 lock_not_available: a lock wait ran past lock_timeout (db.ts), or a NOWAIT lock was taken. */
export const isLockTimeout = (error: unknown) => postgresError(error)?.code === "55P03";

/** 57014 query_canceled: a statement ran past statement_timeout (db.ts). */
export const isStatementTimeout = (error: unknown) => postgresError(error)?.code === "57014";

/** Prisma's P2028 before a transaction began: the pool stayed full for the whole wait (every connection busy). */
export function isTransactionStartTimeout(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "P2028" && typeof message === "string" && message.includes("Unable to start a transaction");
}
