import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AUTH_VERDICTS, ZAuthenticationDetails } from "@/server/ingestion/authentication-details";
import { ZEmailEventInput } from "@/server/ingestion/ingestion.schemas";

// A row as Defender's advanced hunting exports EmailEvents (PascalCase columns turned camelCase by the shipper, the
// AuthenticationDetails column left as Defender writes it: a JSON string with PascalCase keys).
const defenderRow = {
  timestamp: "2025-02-03T09:15:00Z",
  networkMessageId: "8d0f9c1e-1234-4abc-9def-0123456789ab",
  internetMessageId: "<CAF1234@mail.fabrikam.example>",
  senderFromAddress: "jane.roe@fabrikam.example",
  senderMailFromAddress: "bounces@fabrikam.example",
  senderDisplayName: "Jane Roe",
  senderIPv4: "192.0.2.10",
  recipientEmailAddress: "ada@contoso.test",
  subject: "Invoice 4711",
  emailDirection: "Inbound",
  deliveryAction: "Delivered",
  deliveryLocation: "Inbox/folder",
  authenticationDetails: '{"SPF":"pass","DKIM":"pass","DMARC":"bestguesspass","CompAuth":"softpass"}',
  emailSize: 48_000,
};

const issuesOf = (value: unknown) => {
  const result = ZAuthenticationDetails.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
};

describe("AuthenticationDetails", () => {
  it("takes a Defender-shaped row: the JSON string with SPF/DKIM/DMARC/CompAuth keys", () => {
    expect(ZEmailEventInput.parse(defenderRow).authenticationDetails).toEqual({
      spf: "pass",
      dkim: "pass",
      dmarc: "bestguesspass",
      compAuth: "softpass",
    });
  });

  it("takes Defender's keys as an object, and verdicts in any case", () => {
    expect(ZAuthenticationDetails.parse({ SPF: "Pass", DKIM: "NONE", DMARC: "fail", CompAuth: "fail" })).toEqual({
      spf: "pass",
      dkim: "none",
      dmarc: "fail",
      compAuth: "fail",
    });
  });

  it("names the missing field instead of 'unknown SPF verdict undefined'", () => {
    expect(issuesOf({ DKIM: "pass", DMARC: "pass", CompAuth: "pass" })).toEqual([
      {
        path: "spf",
        message: "missing the SPF verdict; expected one of: pass, fail, softfail, neutral, none, temperror, permerror",
      },
    ]);
  });

  it("names a bad verdict, an unknown key and a key sent twice", () => {
    expect(issuesOf({ SPF: "maybe", DKIM: "pass", DMARC: "pass", CompAuth: "pass" })).toEqual([
      { path: "spf", message: expect.stringContaining('unknown SPF verdict "maybe"') },
    ]);
    expect(issuesOf({ SPF: "pass", DKIM: "pass", DMARC: "pass", CompAuth: "pass", ARC: "pass" })).toEqual([
      { path: "", message: expect.stringContaining('"ARC"') },
    ]);
    expect(issuesOf({ SPF: "pass", spf: "fail", DKIM: "pass", DMARC: "pass", CompAuth: "pass" })).toEqual([
      { path: "spf", message: "spf repeats SPF; send each verdict once" },
    ]);
    expect(issuesOf("{not json")).toEqual([
      { path: "", message: expect.stringContaining("JSON string must hold an object") },
    ]);
  });

  it("accepts every valid verdict under any casing of its key, and nothing else (property)", () => {
    const casing = (word: string) =>
      fc
        .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
        .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(""));
    const entry = <K extends keyof typeof AUTH_VERDICTS>(key: K) =>
      fc.tuple(
        casing(key),
        fc.constantFrom(...AUTH_VERDICTS[key]),
        casing("x").map(() => key),
      );
    fc.assert(
      fc.property(
        fc.tuple(entry("spf"), entry("dkim"), entry("dmarc"), entry("compAuth")),
        fc.boolean(),
        (entries, asString) => {
          const sent = Object.fromEntries(entries.map(([key, value]) => [key, value.toUpperCase()]));
          const parsed = ZAuthenticationDetails.parse(asString ? JSON.stringify(sent) : sent);
          expect(parsed).toEqual(Object.fromEntries(entries.map(([, value, key]) => [key, value])));
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (junk) => {
        fc.pre(!(AUTH_VERDICTS.spf as readonly string[]).includes(junk.toLowerCase()));
        const result = ZAuthenticationDetails.safeParse({ spf: junk, dkim: "pass", dmarc: "pass", compAuth: "pass" });
        expect(result.success).toBe(false);
        expect((result as z.ZodSafeParseError<unknown>).error.issues[0].path).toEqual(["spf"]);
      }),
    );
  });
});
