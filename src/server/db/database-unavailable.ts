// Whether an error means "PostgreSQL cannot be reached right now" (down, restarting, shutting down, unreachable),
// as opposed to a fault in the query or the data. The web tier answers these with 503 and Retry-After; the worker
// and the dispatcher wait for the database instead of counting a failed attempt.

// Node's socket errors, and the driver adapter's kinds for them (@prisma/adapter-pg convertDriverError).
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Prisma's own: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
// PostgreSQL's SQLSTATEs: class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections.
const SQLSTATES = /^(08...|57P0[1-3]|53300)$/;
// node-postgres says these in words only.
const MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
];

type TErrorLike = {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
};

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const { code, kind, originalCode, message, cause, errors, meta } = error as TErrorLike;
  if (typeof code === "string" && (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || SQLSTATES.test(code)))
    return true;
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
  if (typeof originalCode === "string" && SQLSTATES.test(originalCode)) return true;
  if (typeof message === "string" && MESSAGES.some((text) => message.includes(text))) return true;
  // Prisma wraps the adapter's error (meta.driverAdapterError.cause); Node wraps per-address attempts (AggregateError).
  const nested = [cause, meta?.driverAdapterError, ...(Array.isArray(errors) ? errors : [])];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
