import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PDF_LIMITS, isPdf, readPdf } from "@/server/submissions/pdf-contents";
import { minimalPdf } from "../factories/pdf";

const LURE = minimalPdf({
  lines: ["Your account has been suspended.", "Verify your account at https://written.example/x"],
  link: "https://evil.example/login",
});

describe("reading a PDF attachment", () => {
  it("reads the first pages' text, the link annotations and the links written on the page", async () => {
    const read = await readPdf(LURE);
    expect(read).toMatchObject({ pages: 1, isEncrypted: false });
    expect(read?.text).toContain("Your account has been suspended.");
    expect(read?.links).toEqual(["https://evil.example/login", "https://written.example/x"]);
  });

  it("knows a PDF by its bytes, not by its name or declared type", () => {
    expect(isPdf(LURE)).toBe(true);
    expect(isPdf(Buffer.concat([Buffer.from("junk before the header\n"), LURE]))).toBe(true);
    expect(isPdf(Buffer.from("GIF89a %PDF- far away".padEnd(2000, " ")))).toBe(true);
    expect(isPdf(Buffer.concat([Buffer.alloc(2000, 0x20), Buffer.from("%PDF-")]))).toBe(false);
  });

  it("says a PDF is locked when it needs a password", async () => {
    expect(await readPdf(minimalPdf({ lines: ["secret"], isEncrypted: true }))).toEqual({
      text: "",
      links: [],
      pages: 0,
      isEncrypted: true,
    });
  });

  it("answers null, not a throw, for what is not a PDF, is too big, is broken or takes too long", async () => {
    expect(await readPdf(Buffer.from("hello"))).toBeNull();
    expect(await readPdf(Buffer.from("%PDF-1.7 nothing else"))).toBeNull();
    expect(await readPdf(LURE, { maxBytes: 100 })).toBeNull();
  });

  it("gives up on a PDF that takes longer than its time limit", async () => {
    const heavy = minimalPdf({ lines: Array.from({ length: 30_000 }, (_, line) => `line ${line}`) });
    // The same PDF reads with the default limit: a null under 20 ms is the limit giving up, not a damaged file.
    expect(await readPdf(heavy, { timeoutMs: 20 })).toBeNull();
    expect((await readPdf(heavy))?.text).toMatch(/^line 0 line 1/);
  });

  it("keeps the text and the links within their limits", async () => {
    const long = minimalPdf({
      lines: Array.from({ length: 40 }, (_, line) => `line ${line} https://host${line}.example/p ${"x".repeat(150)}`),
    });
    const read = await readPdf(long, { maxText: 500, maxLinks: 5 });
    expect(read?.text.length).toBeLessThanOrEqual(500);
    expect(read?.links.length).toBeLessThanOrEqual(5);
  });

  it("never throws on a damaged PDF: truncated, bytes changed, bytes inserted (property)", async () => {
    const damage = fc.oneof(
      fc.nat({ max: LURE.length }).map((end) => (pdf: Buffer) => pdf.subarray(0, end)),
      fc
        .array(fc.tuple(fc.nat({ max: LURE.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 20,
        })
        .map((changes) => (pdf: Buffer) => {
          const copy = Buffer.from(pdf);
          for (const [at, value] of changes) copy[at] = value;
          return copy;
        }),
      fc.tuple(fc.nat({ max: LURE.length }), fc.uint8Array({ minLength: 1, maxLength: 200 })).map(
        ([at, bytes]) =>
          (pdf: Buffer) =>
            Buffer.concat([pdf.subarray(0, at), bytes, pdf.subarray(at)]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(damage, async (change) => {
        const read = await readPdf(change(LURE), { timeoutMs: 2000 });
        if (read) {
          expect(read.text.length).toBeLessThanOrEqual(PDF_LIMITS.maxText);
          expect(read.links.length).toBeLessThanOrEqual(PDF_LIMITS.maxLinks);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
