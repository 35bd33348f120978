import { describe, expect, it } from "vitest";
import { errorText } from "@/lib/error-text";

// `start failed:` and the CLIs print this: it must always say something.
describe("errorText", () => {
  it("gives the message of an error", () => {
    expect(errorText(new Error("port 3000 is already in use"))).toBe("port 3000 is already in use");
  });

  it("never says undefined for a library that rejected with nothing", () => {
    expect(errorText(undefined)).toBe("unknown error (none was given)");
    expect(errorText(null)).toBe("unknown error (none was given)");
  });

  it("names the refused addresses of Node's empty AggregateError", () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: "ECONNREFUSED" });
    expect(
      errorText(
        Object.assign(new AggregateError([refused("::1:5432"), refused("127.0.0.1:5432")], ""), {
          code: "ECONNREFUSED",
        }),
      ),
    ).toBe("connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432");
  });

  it("falls back to the code of an error without a message", () => {
    expect(errorText(Object.assign(new Error(""), { code: "EPIPE" }))).toBe("EPIPE");
  });

  it("shows other thrown values", () => {
    expect(errorText("plain")).toBe("plain");
    expect(errorText({ reason: 1 })).toBe('{"reason":1}');
  });
});
