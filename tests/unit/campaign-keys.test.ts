import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeKeys } from "@/lib/campaign-keys";
import { campaignKeys } from "@/server/campaigns/campaign-keys";
import { reportedReplyTo } from "@/server/campaigns/reply-to";
import { BUILT_IN_SHARED_HOSTS, isSharedHost } from "@/server/campaigns/shared-hosts";

const report = {
  internetMessageId: "<a1@evil.example>",
  senderAddress: "HR@Northwind.example",
  replyTo: ["Desk@Mailbox.example"],
  headers: [],
  urls: [
    { url: "https://secure-docs.example/review" },
    { url: "https://bit.ly/abc" },
    { url: "https://docs.google.com/forms/x" },
    { url: "https://portal.contoso.com/hr" },
  ],
  attachments: [{ sha256: "AB".repeat(32) }, { sha256: "ab".repeat(32) }],
  bodyFingerprint: "f00d",
};

describe("campaignKeys", () => {
  it("takes the Message-ID, sender, Reply-To, link hosts but the excluded ones, each file once, and the body", () => {
    expect(campaignKeys(report, [...BUILT_IN_SHARED_HOSTS, "contoso.com"])).toEqual([
      { kind: "messageId", value: "<a1@evil.example>" },
      { kind: "sender", value: "hr@northwind.example" },
      { kind: "replyTo", value: "desk@mailbox.example" },
      { kind: "urlHost", value: "secure-docs.example" },
      { kind: "sha256", value: "ab".repeat(32) },
      { kind: "bodyFingerprint", value: "f00d" },
    ]);
  });

  it("reads Reply-To from the stored headers when the report has no parsed list, and skips one equal to the sender", () => {
    const keys = campaignKeys(
      {
        ...report,
        replyTo: null,
        headers: [{ key: "reply-to", value: '"Desk" <Other@Mailbox.example>, hr@northwind.example' }],
      },
      BUILT_IN_SHARED_HOSTS,
    );
    expect(keys.filter((key) => key.kind === "replyTo")).toEqual([{ kind: "replyTo", value: "other@mailbox.example" }]);
  });
});

describe("isSharedHost", () => {
  it.each([
    ["bit.ly", true],
    ["docs.google.com", true],
    ["evil-google.com", false],
    ["google.com.evil.example", false],
  ])("%s → %s", (host, expected) => {
    expect(isSharedHost(host, BUILT_IN_SHARED_HOSTS)).toBe(expected);
  });
});

describe("reportedReplyTo", () => {
  it("answers at most ten lower-case addresses for any header value, never throwing", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ key: fc.constantFrom("reply-to", "Reply-To", "from"), value: fc.string({ maxLength: 300 }) }),
          { maxLength: 5 },
        ),
        (headers) => {
          const addresses = reportedReplyTo({ headers });
          expect(addresses.length).toBeLessThanOrEqual(10);
          for (const address of addresses) expect(address).toMatch(/^[^\sA-Z@]+@[^\sA-Z@]+$/);
        },
      ),
    );
  });
});

describe("describeKeys", () => {
  it("names each shared key as a person reads it", () => {
    expect(
      describeKeys([
        { kind: "replyTo", value: "a@b.example" },
        { kind: "urlHost", value: "x.example" },
        { kind: "sha256", value: "ab".repeat(32) },
        { kind: "bodyFingerprint", value: "f" },
      ]),
    ).toBe("Reply-To a@b.example, link host x.example, file SHA-256 abababababab…, body");
  });
});
