import "server-only";
import { z } from "zod";
import { isDatabaseUnavailable } from "@/server/db/database-unavailable";
import { isLockTimeout, isStatementTimeout, isTransactionStartTimeout } from "@/server/db/postgres-error";
import { AppError, type ErrorIssue } from "./app-error";

/** Seconds a client is told to wait while the database is unavailable (a restart usually takes a few). */
export const RETRY_AFTER_SECONDS = 5;

export function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join(".") || "(root)",
    message: issue.message,
  }));
}

function prismaCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined;
}

/** Maps anything thrown in a route to the one JSON error shape; internals never leave the server. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const issues = issuesOf(error);
    return new AppError(
      "BAD_REQUEST",
      `Invalid ${issues[0]?.path ?? "input"}: ${issues[0]?.message ?? "bad input"}`,
      issues,
    );
  }
  // A lock held past DATABASE_LOCK_TIMEOUT_MS: someone else is changing the same record (deciding the same action).
  if (isLockTimeout(error))
    return new AppError(
      "CONFLICT",
      "Another request is changing this record right now: reload to see its outcome, or try again in a moment",
    );
  switch (prismaCode(error)) {
    case "P2025":
      return new AppError("NOT_FOUND", "The record was not found");
    case "P2002":
      return new AppError("CONFLICT", "A record with the same unique value already exists");
  }
  if (isDatabaseUnavailable(error))
    return new AppError("SERVICE_UNAVAILABLE", "The database is unavailable; try again in a few seconds");
  // The pool stayed full for Prisma's whole wait: the server is overloaded, not wrong, so the client may retry.
  if (isTransactionStartTimeout(error))
    return new AppError("SERVICE_UNAVAILABLE", "Every database connection is busy; try again in a few seconds");
  // A statement past DATABASE_STATEMENT_TIMEOUT_MS: the database is too busy for this request now, so it may be retried.
  if (isStatementTimeout(error))
    return new AppError(
      "SERVICE_UNAVAILABLE",
      "The database took too long to answer this request; try again in a few seconds",
    );
  return new AppError("INTERNAL", "Something went wrong on the server");
}

export function errorResponse(error: AppError): Response {
  const body = {
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  };
  const retryAfter = error.retryAfterSeconds ?? (error.status === 503 ? RETRY_AFTER_SECONDS : undefined);
  return Response.json(body, {
    status: error.status,
    headers: retryAfter ? { "retry-after": String(retryAfter) } : {},
  });
}
