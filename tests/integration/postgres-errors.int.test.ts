// What a route answers for the errors PostgreSQL itself raises under load, made for real rather than imitated.
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { errorResponse, toAppError } from "@/server/http/error-response";

async function thrownBy(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the work to fail");
}

describe("PostgreSQL's own errors", () => {
  it("a statement cancelled by statement_timeout (57014) is a 503 with Retry-After: the server is overloaded, the request is fine", async () => {
    const error = await thrownBy(() =>
      prisma.$transaction(async (tx) => {
        await tx.$queryRaw`select set_config('statement_timeout', '50', true)`;
        await tx.$queryRaw`select pg_sleep(2)`;
      }),
    );
    const response = errorResponse(toAppError(error));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("took too long") },
    });
  });
});
