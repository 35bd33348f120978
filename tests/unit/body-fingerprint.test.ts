import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyFingerprint } from "@/server/ingestion/body-fingerprint";

describe("bodyFingerprint", () => {
  it("is the same for copies that differ only in links, numbers, addresses, case and spacing", () => {
    const a = bodyFingerprint(
      "Invoice 4471 overdue",
      "Dear bob@contoso.test,\n pay at https://pay.example/x?id=1 within 3 days.",
    );
    const b = bodyFingerprint(
      "INVOICE 9 overdue",
      "Dear   alice.smith@contoso.test, pay at http://pay.example/other within 10 days.",
    );
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it("differs when the words differ", () => {
    expect(bodyFingerprint("Invoice overdue", "please pay")).not.toBe(
      bodyFingerprint("Invoice overdue", "please call"),
    );
    expect(bodyFingerprint("Invoice overdue", "please pay")).not.toBe(bodyFingerprint("Invoice paid", "please pay"));
  });

  it("ignores an inserted number or address anywhere between words", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom("42", "x@y.example", "https://t.example/a"),
        (words, at, noise) => {
          const noisy = [...words];
          noisy.splice(at % (words.length + 1), 0, noise);
          expect(bodyFingerprint("s", noisy.join(" "))).toBe(bodyFingerprint("s", words.join(" ")));
        },
      ),
    );
  });
});
