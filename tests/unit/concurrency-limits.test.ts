import { describe, expect, it } from "vitest";
import { withActionLock } from "@/server/actions/with-action-lock";
import type { TPrincipal } from "@/server/auth/principal";
import { AppError } from "@/server/http/app-error";
import { withHuntingSlot } from "@/server/hunting/limit-hunting-queries";

// Read on first use by both: a queue wait past 300 ms is a 409; two hunting queries per user.
process.env.DATABASE_LOCK_TIMEOUT_MS = "300";
process.env.BREAKWATER_HUNTING_QUERIES_PER_USER = "2";

const reader = (id: string): TPrincipal => ({ kind: "user", id, name: id, role: "reader" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A piece of work that runs until `release()` is called. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { release, work: () => done.then(() => "done") };
}

describe("withHuntingSlot", () => {
  it("runs two queries of one user at once, answers the third 429 with Retry-After, and frees the slot when one ends", async () => {
    const first = gate();
    const running = [withHuntingSlot(reader("ana"), first.work), withHuntingSlot(reader("ana"), first.work)];
    const refused = await withHuntingSlot(reader("ana"), async () => "ran").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS", status: 429, retryAfterSeconds: 5 });
    // Another user is not held back by Ana's queries.
    expect(await withHuntingSlot(reader("bob"), async () => "ran")).toBe("ran");
    first.release();
    expect(await Promise.all(running)).toEqual(["done", "done"]);
    expect(await withHuntingSlot(reader("ana"), async () => "ran")).toBe("ran");
  });

  it("frees the slot when a query fails", async () => {
    for (let n = 0; n < 3; n++)
      await expect(withHuntingSlot(reader("cy"), async () => Promise.reject(new Error("bad query")))).rejects.toThrow(
        "bad query",
      );
    expect(await withHuntingSlot(reader("cy"), async () => "ran")).toBe("ran");
  });
});

describe("withActionLock", () => {
  it("runs the work on one action one at a time, in arrival order, and other actions alongside", async () => {
    const order: string[] = [];
    const step = (name: string) => async () => {
      order.push(`${name} start`);
      await sleep(20);
      order.push(`${name} end`);
    };
    await Promise.all([withActionLock(1, step("a")), withActionLock(1, step("b")), withActionLock(2, step("other"))]);
    expect(order.indexOf("a end")).toBeLessThan(order.indexOf("b start"));
    expect(order.indexOf("other start")).toBeLessThan(order.indexOf("a end"));
  });

  it("answers 409 to a request that waits longer than DATABASE_LOCK_TIMEOUT_MS, and passes the work's own errors on", async () => {
    const held = gate();
    const holder = withActionLock(3, held.work);
    await expect(withActionLock(3, async () => "ran")).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Action 3 is being decided or carried out by another request/),
    });
    held.release();
    await holder;
    await expect(
      withActionLock(3, async () => Promise.reject(new AppError("NOT_FOUND", "Action 3 was not found"))),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
