import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeRspamdScan, isDnsBlind, rspamdSignals } from "@/server/rspamd/rspamd-signals";
import { scanOf, type TRspamdScan } from "@/server/rspamd/scan-message";
import { sendingHost } from "@/server/rspamd/sending-host";
import { parseEml } from "@/server/submissions/parse-eml";

// Recorded answers of Debian's rspamd 3.4 (POST /checkv2) on this offline machine: its DNS lookups time out.
const recorded = (name: string) =>
  scanOf(JSON.parse(readFileSync(path.resolve("tests/unit/fixtures/rspamd", name), "utf8")));
const byId = (scan: TRspamdScan) => Object.fromEntries(rspamdSignals(scan).map((signal) => [signal.id, signal]));

describe("rspamdSignals", () => {
  it("turns a phish scan's symbols into signals, Breakwater's own fuzzy hash decisive and rspamd's PHISHING a moderate Phish signal", () => {
    const signals = byId(recorded("offline-phish-fuzzy.json"));
    expect(signals["rspamd.BREAKWATER_FUZZY_PHISH"]).toMatchObject({
      category: "rspamd",
      weight: 6,
      threatType: "Phish",
    });
    expect(signals["rspamd.PHISHING"]).toEqual({
      id: "rspamd.PHISHING",
      category: "rspamd",
      weight: 1,
      threatType: "Phish",
      evidence: "rspamd PHISHING (+2): microsoftonline.com->login-microsoft.evil-phish.example",
    });
    expect(signals["rspamd.INVALID_POSTFIX_RECEIVED"]).toMatchObject({ weight: 1.5, threatType: null });
  });

  it("leaves out what needs DNS when the scan shows rspamd could not resolve, and remarks under half a point", () => {
    const scan = recorded("offline-phish-fuzzy.json");
    expect(scan.status === "ok" && isDnsBlind(scan.symbols)).toBe(true);
    const ids = Object.keys(byId(scan));
    for (const noise of [
      "HFILTER_HOSTNAME_UNKNOWN",
      "RDNS_NONE",
      "HFILTER_HELO_IP_A",
      "HFILTER_FROMHOST_NORES_A_OR_MX",
      "R_SPF_DNSFAIL",
      "DMARC_DNSFAIL",
      "ASN_FAIL",
      "RCVD_NO_TLS_LAST",
      "MIME_HTML_ONLY",
    ]) {
      expect(ids).not.toContain(`rspamd.${noise}`);
    }
    expect(ids).toEqual([
      "rspamd.BREAKWATER_FUZZY_PHISH",
      "rspamd.INVALID_POSTFIX_RECEIVED",
      "rspamd.PHISHING",
      "rspamd.HTTP_TO_HTTPS",
    ]);
  });

  it("keeps DNS-based symbols when the scan shows no failed lookup", () => {
    const scan = recorded("offline-phish-fuzzy.json");
    if (scan.status !== "ok") throw new Error("the fixture is a scan");
    const resolving = { ...scan, symbols: scan.symbols.filter((symbol) => !/_DNSFAIL$|_FAIL$/.test(symbol.name)) };
    expect(isDnsBlind(resolving.symbols)).toBe(false);
    expect(byId(resolving)["rspamd.HFILTER_HOSTNAME_UNKNOWN"]).toMatchObject({
      weight: 1.3,
      threatType: null,
      evidence: "rspamd HFILTER_HOSTNAME_UNKNOWN (+2.5)",
    });
    expect(byId(resolving)["rspamd.RDNS_NONE"]).toMatchObject({ weight: 0.5 });
  });

  it("reads a dangerous double extension as Malware and never counts DATE_IN_PAST, which says when a stored message was scanned", () => {
    const signals = byId(recorded("offline-double-extension.json"));
    expect(signals["rspamd.MIME_DOUBLE_BAD_EXTENSION"]).toMatchObject({
      weight: 1.5,
      threatType: "Malware",
      evidence: "rspamd MIME_DOUBLE_BAD_EXTENSION (+3): .pdf.exe",
    });
    expect(Object.keys(signals)).toEqual(["rspamd.MIME_DOUBLE_BAD_EXTENSION"]);
  });

  it("keeps any one rspamd symbol within ±3, towards clean when negative, and shortens long option lists", () => {
    const scan: TRspamdScan = {
      status: "ok",
      score: 0,
      action: "no action",
      symbols: [
        { name: "SOME_HUGE_RULE", score: 20, options: Array.from({ length: 7 }, (_, index) => `option-${index}`) },
        { name: "PHISHED_OPENPHISH", score: -5, options: [] },
      ],
    };
    expect(rspamdSignals(scan)).toEqual([
      {
        id: "rspamd.SOME_HUGE_RULE",
        category: "rspamd",
        weight: 3,
        threatType: null,
        evidence: "rspamd SOME_HUGE_RULE (+20): option-0, option-1, option-2, option-3, option-4 and 2 more",
      },
      {
        id: "rspamd.PHISHED_OPENPHISH",
        category: "rspamd",
        weight: -2.5,
        threatType: null,
        evidence: "rspamd PHISHED_OPENPHISH (-5)",
      },
    ]);
  });

  it("gives nothing for a scan that did not happen, and says why", () => {
    expect(rspamdSignals({ status: "unavailable", reason: "connect ECONNREFUSED 127.0.0.1:1" })).toEqual([]);
    expect(rspamdSignals({ status: "not-configured" })).toEqual([]);
    expect(describeRspamdScan({ status: "unavailable", reason: "connect ECONNREFUSED 127.0.0.1:1" })).toBe(
      "rspamd: unavailable (connect ECONNREFUSED 127.0.0.1:1); judged without it",
    );
    expect(scanOf("<html>502 Bad Gateway</html>")).toEqual({
      status: "unavailable",
      reason: "the answer is not rspamd's JSON",
    });
    expect(scanOf({ score: 1 })).toEqual({
      status: "unavailable",
      reason: "the answer has no score, action or symbols",
    });
  });
});

describe("sendingHost", () => {
  const headersOf = async (lines: string[]) =>
    (await parseEml(Buffer.from(`${[...lines, "From: someone@fabrikam.example"].join("\r\n")}\r\n\r\nbody\r\n`)))
      .headers;

  it("takes IP, HELO and reverse DNS name from the Received header the organisation's server wrote for the sending IP", async () => {
    const headers = await headersOf([
      "Received: from mx.contoso.example (mx.contoso.example [10.0.0.5])",
      "\tby mailbox.contoso.example (Postfix) with LMTP id 1; Sat, 5 Dec 2026 10:00:01 +0000",
      "Received: from mail.evil-phish.example (unknown [203.0.113.7])",
      "\tby mx.contoso.example (Postfix) with ESMTP id 2; Sat, 5 Dec 2026 10:00:00 +0000",
      "Received: from forged.example (forged.example [198.51.100.99]) by nowhere; Sat, 5 Dec 2026 09:00:00 +0000",
      "Authentication-Results: mx.contoso.example; spf=fail smtp.mailfrom=evil-phish.example smtp.remote-ip=203.0.113.7",
    ]);
    expect(sendingHost(headers)).toEqual({ ip: "203.0.113.7", helo: "mail.evil-phish.example", hostname: null });
  });

  it("reads Exim's form and a resolved name, and gives nulls for a message with no external hop", async () => {
    expect(
      sendingHost(
        await headersOf([
          "Received: from host7.fabrikam.example ([198.51.100.20] helo=smtp.fabrikam.example)",
          " by mx.contoso.example with esmtp id 1",
        ]),
      ),
    ).toEqual({
      ip: "198.51.100.20",
      helo: "smtp.fabrikam.example",
      hostname: null,
    });
    expect(
      sendingHost(
        await headersOf([
          "Received: from smtp.fabrikam.example (smtp.fabrikam.example [198.51.100.20]) by mx.contoso.example",
        ]),
      ),
    ).toEqual({
      ip: "198.51.100.20",
      helo: "smtp.fabrikam.example",
      hostname: "smtp.fabrikam.example",
    });
    expect(
      sendingHost(
        await headersOf(["Received: from laptop (localhost [127.0.0.1]) by mx.contoso.example", "Subject: hi"]),
      ),
    ).toEqual({ ip: null, helo: null, hostname: null });
  });
});
