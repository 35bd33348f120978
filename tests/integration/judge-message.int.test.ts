import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { judgeMessage } from "@/server/intel/judge-message";
import { emailFrom } from "@/server/verdicts/email-input";
import { hoursAgo, insertEmails, sha256Of } from "../factories/email";

// Each rule of the verdict engine on a real database: threat indicators, what the organisation's mail has shown
// (malware in a stored file, Safe Links clicks, domains seen before) and the heuristics.

const now = new Date();
const KNOWN_URL = "https://docs.fabrikam.example/q3-report";
const MALWARE_FILE = sha256Of("invoice.xlsm");
const INDICATOR_FILE = sha256Of("payload.iso");

beforeAll(async () => {
  await prisma.mailbox.createMany({
    data: [
      { address: "ada@contoso.test", displayName: "Ada Lovelace", department: "Finance", country: "GB" },
      { address: "jose@contoso.test", displayName: "José  Álvarez", department: "Sales", country: "ES" },
    ],
  });
  await insertEmails([
    // Partners the organisation has long heard from, and a link it has long seen.
    { timestamp: hoursAgo(24 * 10, now), sender: "news@fabrikam.example", urls: [KNOWN_URL] },
    { timestamp: hoursAgo(48, now), sender: "hello@newpartner.example" },
    // Only today: the copies of a campaign that arrived with the reported message.
    {
      timestamp: hoursAgo(2, now),
      sender: "promo@fresh-campaign.example",
      urls: ["https://fresh-campaign.example/win"],
    },
    {
      timestamp: hoursAgo(24 * 3, now),
      sender: "billing@litware.example",
      attachments: [{ fileName: "invoice.xlsm", threatTypes: ["Malware"] }],
    },
  ]);
  await prisma.threatIndicator.createMany({
    data: [
      { kind: "sender", value: "ceo-office@evil-sender.example", threatType: "Phish", source: "Import by Admin" },
      { kind: "domain", value: "bad-domain.example", threatType: "Phish", source: "Vendor feed" },
      { kind: "ip", value: "203.0.113.66", threatType: "Spam", source: "Vendor feed" },
      { kind: "url", value: "https://bad-url.example/login?next=%2F", threatType: "Phish", source: "Vendor feed" },
      { kind: "sha256", value: INDICATOR_FILE, threatType: "Malware", source: "Vendor feed" },
    ],
  });
  await prisma.urlClickEvent.create({
    data: {
      timestamp: hoursAgo(1, now),
      url: "https://detonated.example/x",
      actionType: "ClickBlocked",
      accountUpn: "ada@contoso.test",
      threatTypes: "Malware",
      ipAddress: "198.51.100.9",
      reportId: "click-1",
    },
  });
});

type TTestMessage = {
  senderAddress: string;
  senderDisplayName: string;
  senderIPv4: string | null;
  urls: { url: string; linkText?: string | null }[];
  sha256s: string[];
};

// The engine's input as a reported message without headers or body would give it: only sender, links and files.
function message(overrides: Partial<TTestMessage> = {}) {
  const input = {
    senderAddress: "news@fabrikam.example",
    senderDisplayName: "Fabrikam News",
    senderIPv4: "192.0.2.10",
    urls: [],
    sha256s: [],
    ...overrides,
  };
  return emailFrom({
    subject: "",
    senderAddress: input.senderAddress,
    senderDisplayName: input.senderDisplayName,
    mailFromAddress: input.senderAddress,
    replyTo: [],
    recipients: [],
    senderIPv4: input.senderIPv4,
    headers: [],
    authentication: { spf: "none", dkim: "none", dmarc: "none", compAuth: "none" },
    contentType: "",
    textBody: "",
    html: "",
    urls: input.urls.map((url) => ({ url: url.url, domain: "", linkText: url.linkText ?? null })),
    attachments: input.sha256s.map((sha256) => ({ fileName: "", contentType: "", size: 0, sha256 })),
  });
}

const judge = (email: ReturnType<typeof message>) => judgeMessage(email, { receivedAt: now, bodyFingerprint: null });

describe("judgeMessage", () => {
  it("finds a known sender, a known link and a harmless file clean", async () => {
    const judged = await judge(
      message({ urls: [{ url: KNOWN_URL, linkText: "Q3 report" }], sha256s: [sha256Of("minutes.docx")] }),
    );
    expect(judged.sender).toEqual({ verdict: "Clean", threatType: "", reasons: [] });
    expect(judged.urls[KNOWN_URL].verdict).toBe("Clean");
    expect(judged.files[sha256Of("minutes.docx")].verdict).toBe("Clean");
    expect(judged.overall).toMatchObject({ verdict: "Clean", threatType: "" });
  });

  describe("the sender", () => {
    it("is malicious on an indicator for its address, its domain or a parent of it, or its sending IP", async () => {
      const byAddress = await judge(message({ senderAddress: "CEO-Office@evil-sender.example" }));
      expect(byAddress.sender).toMatchObject({ verdict: "Malicious", threatType: "Phish" });
      expect(byAddress.sender.reasons[0]).toBe(
        "Sender ceo-office@evil-sender.example matches a threat indicator (Phish, from Import by Admin)",
      );

      const byParentDomain = await judge(message({ senderAddress: "x@mail.bad-domain.example" }));
      expect(byParentDomain.sender.verdict).toBe("Malicious");
      expect(byParentDomain.sender.reasons[0]).toBe(
        "Sender domain bad-domain.example matches a threat indicator (Phish, from Vendor feed)",
      );

      const byIp = await judge(message({ senderIPv4: "203.0.113.66" }));
      expect(byIp.sender).toMatchObject({
        verdict: "Malicious",
        threatType: "Spam",
        reasons: ["Sending IP 203.0.113.66 matches a threat indicator (Spam, from Vendor feed)"],
      });
    });

    it("is malicious from a look-alike of the organisation's domain: no honest sender imitates it", async () => {
      const judged = await judge(message({ senderAddress: "it@c0ntoso.test" }));
      expect(judged.sender.verdict).toBe("Malicious");
      expect(judged.sender.reasons).toContain(
        "Sender domain c0ntoso.test imitates contoso.test with look-alike characters",
      );
    });

    it("is suspicious when its display name is a person's in the organisation, whatever the accents and case", async () => {
      const judged = await judge(message({ senderDisplayName: "jose alvarez" }));
      expect(judged.sender).toMatchObject({
        verdict: "Suspicious",
        threatType: "Phish",
        reasons: [
          'The display name "jose alvarez" is the name of a person in the organisation, but the sender news@fabrikam.example is outside it',
        ],
      });
    });

    it("is new from a domain with no mail earlier than a day before, even with campaign copies today, but that alone is no verdict", async () => {
      const judged = await judge(message({ senderAddress: "promo@fresh-campaign.example" }));
      expect(judged.detection.signals.map((signal) => signal.evidence)).toContain(
        "Sender domain fresh-campaign.example is new: no mail came from it earlier than a day before this message (weak on its own)",
      );
      expect(judged.overall.verdict).toBe("Clean");
      const known = await judge(message({ senderAddress: "hello@newpartner.example" }));
      expect(known.detection.signals.map((signal) => signal.id)).not.toContain("tenant.first_seen_domain");
    });

    it("is clean from inside the organisation, even with no mail history", async () => {
      const judged = await judge(message({ senderAddress: "ada@contoso.test", senderDisplayName: "Ada Lovelace" }));
      expect(judged.sender.verdict).toBe("Clean");
    });
  });

  describe("a URL", () => {
    it("is malicious on an indicator for the URL as the parser writes it, or for its host's domain", async () => {
      const url = "HTTPS://BAD-URL.example/login?next=%2F";
      const domainUrl = "https://cdn.bad-domain.example/a.js";
      const judged = await judge(message({ urls: [{ url }, { url: domainUrl }] }));
      expect(judged.urls[url]).toMatchObject({
        verdict: "Malicious",
        threatType: "Phish",
        reasons: expect.arrayContaining([`URL ${url} matches a threat indicator (Phish, from Vendor feed)`]),
      });
      expect(judged.urls[domainUrl].reasons).toContain(
        "Link domain bad-domain.example matches a threat indicator (Phish, from Vendor feed)",
      );
    });

    it("is malicious when its host imitates the organisation's domain", async () => {
      const url = "https://contoso-test-login.example/sso";
      const judged = await judge(message({ urls: [{ url }] }));
      expect(judged.urls[url]).toMatchObject({
        verdict: "Malicious",
        threatType: "Phish",
        reasons: expect.arrayContaining(["Link domain contoso-test-login.example uses the name of contoso.test"]),
      });
    });

    it("is malicious when Safe Links found a threat there on a click", async () => {
      const url = "https://detonated.example/x";
      const judged = await judge(message({ urls: [{ url }] }));
      expect(judged.urls[url]).toMatchObject({
        verdict: "Malicious",
        threatType: "Malware",
        reasons: expect.arrayContaining([`Safe Links found Malware at ${url} when it was clicked (ClickBlocked)`]),
      });
    });

    it("is suspicious when its text shows another site and the message shows another sign; the mismatch alone is a signal, not a verdict", async () => {
      const url = "https://docs.fabrikam.example/other";
      const link = { url, linkText: "https://www.woodgrovebank.example/statement" };
      const alone = await judge(message({ urls: [link] }));
      expect(alone.detection.signals.map((signal) => signal.evidence)).toContain(
        "The link text shows www.woodgrovebank.example but the link goes to docs.fabrikam.example",
      );
      expect(alone.urls[url].verdict).toBe("Clean");
      const spoofed = await judge(message({ senderDisplayName: "Ada Lovelace", urls: [link] }));
      expect(spoofed.urls[url]).toMatchObject({
        verdict: "Suspicious",
        reasons: ["The link text shows www.woodgrovebank.example but the link goes to docs.fabrikam.example"],
      });
    });

    it("is new to the organisation's mail as a weak signal that never decides alone, even with a new sender", async () => {
      const url = "https://never-seen.example/form";
      const fromNewSender = await judge(
        message({ senderAddress: "promo@fresh-campaign.example", urls: [{ url }, { url: KNOWN_URL }] }),
      );
      expect(fromNewSender.detection.signals.find((signal) => signal.id === "links.new_host")).toMatchObject({
        weight: 0.5,
        entity: { kind: "url", value: url },
      });
      expect(fromNewSender.overall.verdict).toBe("Clean");
      expect(fromNewSender.urls[url].verdict).toBe("Clean");
    });

    it("is unknown when it is not a web link", async () => {
      const judged = await judge(message({ urls: [{ url: "mailto:someone@fabrikam.example" }] }));
      expect(judged.urls["mailto:someone@fabrikam.example"].verdict).toBe("Unknown");
      expect(judged.overall.verdict).toBe("Clean");
    });
  });

  describe("a file", () => {
    it("is malicious on an indicator for its hash, or when a stored copy carried malware", async () => {
      const upper = INDICATOR_FILE.toUpperCase();
      const judged = await judge(message({ sha256s: [upper, MALWARE_FILE] }));
      expect(judged.files[upper]).toMatchObject({
        verdict: "Malicious",
        threatType: "Malware",
        reasons: [`File ${INDICATOR_FILE} matches a threat indicator (Malware, from Vendor feed)`],
      });
      expect(judged.files[MALWARE_FILE]).toEqual({
        verdict: "Malicious",
        threatType: "Malware",
        reasons: [`File ${MALWARE_FILE} was detected as malware in a stored message`],
      });
    });
  });

  describe("the message", () => {
    it("is as bad as its worst entity, malware first among equals, with every reason of the worst entities", async () => {
      const judged = await judge(
        message({
          senderDisplayName: "Ada Lovelace",
          urls: [{ url: "https://contoso-test-login.example/sso" }],
          sha256s: [MALWARE_FILE],
        }),
      );
      expect(judged.sender.verdict).toBe("Suspicious");
      expect(judged.overall.verdict).toBe("Malicious");
      // Malware's score holds the file and the signs that speak of no type; it outranks the look-alike link's phish.
      expect(judged.overall.threatType).toBe("Malware");
      expect(judged.overall.reasons[0]).toBe(`File ${MALWARE_FILE} was detected as malware in a stored message`);
      expect(judged.urls["https://contoso-test-login.example/sso"]).toMatchObject({
        verdict: "Malicious",
        reasons: expect.arrayContaining(["Link domain contoso-test-login.example uses the name of contoso.test"]),
      });
    });

    it("leaves what cannot be checked unknown and judges the rest", async () => {
      const judged = await judge(
        message({ senderAddress: "not an address", urls: [{ url: "not a url" }], sha256s: ["abc"] }),
      );
      expect(judged.urls["not a url"].verdict).toBe("Unknown");
      expect(judged.files.abc.verdict).toBe("Unknown");
      expect(judged.overall.verdict).toBe("Clean");
    });

    it("judges many links and files at once", async () => {
      const urls = Array.from({ length: 300 }, (_, index) => ({
        url: `https://cdn${index}.bad-domain.example/${index}`,
      }));
      const sha256s = Array.from({ length: 300 }, (_, index) => sha256Of(`file-${index}`));
      const judged = await judge(message({ urls, sha256s: [...sha256s, MALWARE_FILE] }));
      expect(Object.values(judged.urls).every((url) => url.verdict === "Malicious")).toBe(true);
      expect(Object.values(judged.files).filter((file) => file.verdict === "Malicious")).toHaveLength(1);
    });
  });
});
