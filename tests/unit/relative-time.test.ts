import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { relativeTime } from "@/lib/relative-time";

const now = new Date("2026-12-05T18:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("relativeTime", () => {
  it("says a recent moment as people do", () => {
    expect(relativeTime(ago(10_000), now)).toBe("just now");
    expect(relativeTime(ago(5 * 60_000), now)).toBe("5 minutes ago");
    expect(relativeTime(ago(3 * 3_600_000), now)).toBe("3 hours ago");
    expect(relativeTime(ago(26 * 3_600_000), now)).toBe("yesterday");
    expect(relativeTime(ago(4 * 86_400_000), now)).toBe("4 days ago");
    expect(relativeTime(new Date(now.getTime() + 2 * 3_600_000), now)).toBe("in 2 hours");
  });

  it("leaves a month or more to the exact date, and never says a past moment is in the future", () => {
    expect(relativeTime(ago(30 * 86_400_000), now)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * 86_400_000 - 1 }), (ms) => {
        const text = relativeTime(ago(ms), now);
        expect(text).not.toBeNull();
        expect(text).not.toMatch(/^in /);
      }),
    );
  });
});
