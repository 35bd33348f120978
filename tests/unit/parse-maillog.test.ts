import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeMimeWords, parseFromHeader } from "@/server/mail-system/maillog/header-words";
import { parseMaillogLine } from "@/server/mail-system/maillog/maillog-line";
import {
  applyLine,
  applyLines,
  createMaillogState,
  REFUSAL_SETTLE_MS,
  settleMaillog,
  type TMaillogDelivery,
  type TMaillogState,
} from "@/server/mail-system/maillog/parse-maillog";

// A real log: Postfix 3.7.11 with maillog_file, header_checks (HOLD, DISCARD, REJECT, INFO on Subject and From),
// always_bcc to journal@, smtpd on two ports (one with syslog_name=postfix/submission), LMTP delivery to a server
// answering 451 for tempfail@ and 550 for nouser@, a relay that refuses connections, a sender access map refusing
// restricted@ at RCPT and an end-of-data restriction refusing limited@. maximal_queue_lifetime = 0, so deferred
// mail expires at once.
const FIXTURE = readFileSync(path.join(import.meta.dirname, "fixtures/postfix-3.7.maillog"), "utf8").split("\n");
// Local time: Postfix writes the wall clock of its own host, with no zone.
const NOV_29 = new Date(2026, 10, 29, 23, 0, 0).getTime();

const byRecipient = (ready: TMaillogDelivery[], queueId: string) =>
  Object.fromEntries(
    ready.filter((delivery) => delivery.queueId === queueId).map((delivery) => [delivery.recipient, delivery]),
  );

describe("parse-maillog on a real Postfix log", () => {
  const state = settleMaillog(applyLines(createMaillogState(NOV_29), FIXTURE), NOV_29);

  it("gives each delivered recipient its message's facts, from every daemon's lines", () => {
    const invoice = byRecipient(state.ready, "D9F9A23E7EC");
    expect(Object.keys(invoice).sort()).toEqual([
      "bob@breakwater.test",
      "carol@breakwater.test",
      "journal@breakwater.test",
    ]);
    expect(invoice["bob@breakwater.test"]).toMatchObject({
      outcome: "sent",
      transport: "lmtp",
      clientIp: "127.0.0.1",
      messageId: "<8a51d58e-df38-3cf7-3cd8-ce5c08891c8b@contoso.example>",
      subject: "Quarterly invoice",
      headerFrom: "Alice Sender <alice@contoso.example>",
      envelopeFrom: "alice@contoso.example",
      size: 843,
      receivedAt: new Date(2026, 10, 29, 22, 36, 49).getTime(),
    });
    expect(invoice["bob@breakwater.test"].networkMessageId).toBe(invoice["carol@breakwater.test"].networkMessageId);
  });

  it("reads the submission service's prefix like smtpd's", () => {
    const viaSubmission = byRecipient(state.ready, "5DCBB23E7EE");
    expect(viaSubmission["bob@breakwater.test"]).toMatchObject({
      outcome: "sent",
      clientIp: "127.0.0.1",
      subject: "Quarterly invoice",
    });
  });

  it("keeps a deferred recipient waiting, then settles it when the message expires, and a bounce when the server refuses", () => {
    const tempfail = byRecipient(state.ready, "EA97B23E7EE");
    expect(tempfail["erin@breakwater.test"].outcome).toBe("sent");
    expect(tempfail["tempfail@breakwater.test"]).toMatchObject({ outcome: "expired", transport: "lmtp" });
    expect(byRecipient(state.ready, "0982723E7EF")["nouser@breakwater.test"]).toMatchObject({
      outcome: "bounced",
      detail: expect.stringContaining("550 5.1.1"),
    });
    expect(byRecipient(state.ready, "163F523E7EE")["someone@external.example"]).toMatchObject({
      outcome: "expired",
      transport: "smtp",
    });
  });

  it("reports Postfix's own non-delivery notices with the null sender", () => {
    expect(byRecipient(state.ready, "1093923E7F0")["dave@breakwater.test"]).toMatchObject({
      outcome: "sent",
      envelopeFrom: "",
      headerFrom: null,
      clientIp: null,
    });
  });

  it("decodes an encoded Subject, and a folded one whose line break Postfix printed as '?'", () => {
    expect(byRecipient(state.ready, "163F523E7EE")["someone@external.example"].subject).toBe("école outbound");
    expect(byRecipient(state.ready, "113B423E7F5")["bob@breakwater.test"].subject).toBe("Grüße aus Zürich – ünïcödé");
  });

  it("reports refusals: at RCPT (no queue id), by a header check, by DISCARD, and after DATA with lines that come later", () => {
    const refusedAtRcpt = state.ready.filter((delivery) => delivery.queueId === "NOQUEUE");
    expect(refusedAtRcpt).toHaveLength(2);
    expect(refusedAtRcpt[0]).toMatchObject({
      outcome: "refused",
      envelopeFrom: "restricted@breakwater.test",
      recipient: "bob@breakwater.test",
      clientIp: "127.0.0.1",
    });
    expect(refusedAtRcpt[0].networkMessageId).not.toBe(refusedAtRcpt[1].networkMessageId);
    expect(byRecipient(state.ready, "EDB5E23E7F5")["carol@breakwater.test"]).toMatchObject({
      outcome: "refused",
      subject: "reject me please",
      detail: "5.7.1 content refused",
    });
    expect(byRecipient(state.ready, "E12A423E7F5")["bob@breakwater.test"]).toMatchObject({
      outcome: "discarded",
      subject: "drop me please",
    });
    // smtpd logged the refusal before cleanup logged the headers and the Message-ID: they are still this message's.
    expect(byRecipient(state.ready, "0598D23E7F5")["carol@breakwater.test"]).toMatchObject({
      outcome: "refused",
      subject: "too many",
      messageId: "<6b1bf5d8-e0c7-7d68-df95-e2a532c42687@breakwater.test>",
      detail: expect.stringContaining("Sending limit exceeded"),
    });
  });

  it("keeps held messages pending (they are released or deleted later) and nothing else", () => {
    expect(Object.keys(state.messages).sort()).toEqual(["mx 2677823E7EF", "mx 8F9B723E7EE", "mx D3E3723E7F0"]);
    expect(state.messages["mx 2677823E7EF"]).toMatchObject({
      isHeld: true,
      subject: "hold me please",
      envelopeRecipients: ["bob@breakwater.test"],
    });
  });

  it("reports every recipient once", () => {
    const keys = state.ready.map((delivery) => `${delivery.networkMessageId} ${delivery.recipient}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(state.ready).toHaveLength(33);
  });
});

describe("parse-maillog, line by line", () => {
  const at = (time: string) => `Mar  3 ${time} mx`;
  const lines = [
    `${at("10:00:00")} postfix/smtpd[10]: 4BXyQk0Rzvz9v: client=mail.fabrikam.example[198.51.100.7]`,
    `${at("10:00:00")} postfix/cleanup[11]: 4BXyQk0Rzvz9v: message-id=<a1@fabrikam.example>`,
    `${at("10:00:01")} postfix/qmgr[12]: 4BXyQk0Rzvz9v: from=<news@fabrikam.example>, size=2048, nrcpt=2 (queue active)`,
    `${at("10:00:02")} postfix/lmtp[13]: 4BXyQk0Rzvz9v: to=<alias@breakwater.test>, orig_to=<team@breakwater.test>, relay=mail[private/dovecot-lmtp], delay=1, delays=0/0/0/1, dsn=4.2.0, status=deferred (host said: 451 try later)`,
    `${at("10:00:02")} postfix/lmtp[13]: 4BXyQk0Rzvz9v: to=<bob@breakwater.test>, relay=mail[private/dovecot-lmtp], delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Saved)`,
    `${at("10:05:02")} postfix/lmtp[14]: 4BXyQk0Rzvz9v: to=<alias@breakwater.test>, orig_to=<team@breakwater.test>, relay=mail[private/dovecot-lmtp], delay=300, delays=0/0/0/1, dsn=4.2.0, status=deferred (host said: 451 try later)`,
    `${at("10:15:02")} postfix/lmtp[15]: 4BXyQk0Rzvz9v: to=<alias@breakwater.test>, orig_to=<team@breakwater.test>, relay=mail[private/dovecot-lmtp], delay=900, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Saved)`,
    `${at("10:15:02")} postfix/qmgr[12]: 4BXyQk0Rzvz9v: removed`,
  ];
  const reference = new Date(2026, 2, 3, 12).getTime();

  it("reports a recipient deferred several times once, with its final status, as soon as it has it", () => {
    const early = applyLines(createMaillogState(reference), lines.slice(0, 6));
    expect(early.ready.map((delivery) => [delivery.recipient, delivery.outcome])).toEqual([
      ["bob@breakwater.test", "sent"],
    ]);
    const done = applyLines(early, lines.slice(6));
    expect(done.ready.map((delivery) => [delivery.recipient, delivery.outcome, delivery.originalRecipient])).toEqual([
      ["bob@breakwater.test", "sent", null],
      ["alias@breakwater.test", "sent", "team@breakwater.test"],
    ]);
    expect(done.messages).toEqual({});
    expect(done.ready[1]).toMatchObject({
      queueId: "4BXyQk0Rzvz9v",
      clientIp: "198.51.100.7",
      size: 2048,
      receivedAt: new Date(2026, 2, 3, 10).getTime(),
    });
  });

  it("is pure: the state it is given is never changed", () => {
    const before = applyLines(createMaillogState(reference), lines.slice(0, 4));
    const copy = structuredClone(before);
    applyLines(before, lines.slice(4));
    settleMaillog(before, reference + 86_400_000);
    expect(before).toEqual(copy);
  });

  it("gives the same NetworkMessageId to the same queue id and Message-ID, on any run", () => {
    const first = applyLines(createMaillogState(reference), lines).ready[0].networkMessageId;
    const again = applyLines(createMaillogState(reference + 3_600_000), lines).ready[0].networkMessageId;
    expect(first).toBe(again);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("places a year-less time stamp in the year nearest to the last line, across New Year", () => {
    const newYear = new Date(2027, 0, 1, 0, 0, 5).getTime();
    expect(parseMaillogLine("Dec 31 23:59:58 mx postfix/qmgr[1]: ABCDEF123: removed", newYear)?.at).toBe(
      new Date(2026, 11, 31, 23, 59, 58).getTime(),
    );
    expect(
      parseMaillogLine(
        "Jan  1 00:00:07 mx postfix/qmgr[1]: ABCDEF123: removed",
        new Date(2026, 11, 31, 23, 59, 58).getTime(),
      )?.at,
    ).toBe(new Date(2027, 0, 1, 0, 0, 7).getTime());
  });

  it("reads rsyslog's RFC 3339 time stamps and any postfix-* syslog name", () => {
    const line = parseMaillogLine(
      "2026-03-03T10:00:02.123456+01:00 mx postfix-out/smtp[99]: 3F2A1B4C5D: to=<x@y.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect refused)",
      reference,
    );
    expect(line).toMatchObject({
      at: Date.parse("2026-03-03T09:00:02.123Z"),
      daemon: "smtp",
      fact: { kind: "delivery", status: "deferred", recipient: "x@y.example" },
    });
  });

  it("ignores what is not a message's line: warnings, connects, other programs", () => {
    for (const line of [
      "Mar  3 10:00:00 mx postfix/smtpd[1]: warning: hostname example does not resolve to address 192.0.2.1",
      "Mar  3 10:00:00 mx postfix/smtpd[1]: connect from unknown[192.0.2.1]",
      "Mar  3 10:00:00 mx dovecot: lmtp(bob@breakwater.test): msgid=<a1@x>: saved mail to INBOX",
      "Mar  3 10:00:00 mx postfix/anvil[1]: statistics: max connection rate 1/60s",
      "not a log line",
    ]) {
      expect(parseMaillogLine(line, reference)).toBeNull();
    }
  });

  it("settles a refused message only once its late lines had time to come", () => {
    const refused = applyLines(createMaillogState(reference), [
      `${at("10:00:00")} postfix/smtpd[1]: 0598D23E7F5: client=localhost[127.0.0.1]`,
      `${at("10:00:00")} postfix/smtpd[1]: 0598D23E7F5: reject: END-OF-MESSAGE from localhost[127.0.0.1]: 550 5.7.1 <x@breakwater.test>: Sender address rejected: limit; from=<x@breakwater.test> proto=ESMTP helo=<h>`,
    ]);
    const withHeader = applyLine(
      refused,
      `${at("10:00:01")} postfix/cleanup[2]: 0598D23E7F5: info: header Subject: hi from localhost[127.0.0.1]; from=<x@breakwater.test> to=<y@breakwater.test> proto=ESMTP helo=<h>`,
    );
    const refusedAt = new Date(2026, 2, 3, 10).getTime();
    expect(settleMaillog(withHeader, refusedAt + REFUSAL_SETTLE_MS - 1).ready).toEqual([]);
    expect(settleMaillog(withHeader, refusedAt + REFUSAL_SETTLE_MS).ready).toMatchObject([
      { recipient: "y@breakwater.test", subject: "hi", outcome: "refused" },
    ]);
  });
});

describe("header words", () => {
  it("decodes RFC 2047 words (B and Q, several charsets) and leaves unknown charsets as they are", () => {
    expect(decodeMimeWords("=?UTF-8?B?w6ljb2xl?= outbound")).toBe("école outbound");
    expect(decodeMimeWords("=?ISO-8859-1?Q?caf=E9?= =?ISO-8859-1?Q?_cr=E8me?=")).toBe("café crème");
    expect(decodeMimeWords("=?x-unknown?Q?abc?=")).toBe("=?x-unknown?Q?abc?=");
  });

  it("reads the address and display name of a From header", () => {
    expect(parseFromHeader('"=?UTF-8?Q?Z=C3=BCrich_Bank?=" <Info@Zurich.example>')).toEqual({
      address: "info@zurich.example",
      name: "Zürich Bank",
    });
    expect(parseFromHeader("alice@contoso.example (Alice A.)")).toEqual({
      address: "alice@contoso.example",
      name: "Alice A.",
    });
    expect(parseFromHeader("undisclosed-recipients:;")).toBeNull();
  });
});

describe("parse-maillog with several hosts and a content filter", () => {
  const message = (
    host: string,
    queueId: string,
    subject: string,
    clientIp: string,
    to: string[],
    relay = "mail.breakwater.test[private/dovecot-lmtp]",
    reply = "250 2.0.0 Saved",
  ) => [
    `Nov 29 22:40:01 ${host} postfix/smtpd[10]: ${queueId}: client=sender.example[${clientIp}]`,
    `Nov 29 22:40:01 ${host} postfix/cleanup[11]: ${queueId}: info: header Subject: ${subject} from sender.example[${clientIp}]; from=<a@sender.example> to=<${to[0]}> proto=ESMTP helo=<sender.example>`,
    `Nov 29 22:40:01 ${host} postfix/cleanup[11]: ${queueId}: message-id=<${subject.replace(/\W/g, "")}@sender.example>`,
    `Nov 29 22:40:01 ${host} postfix/qmgr[12]: ${queueId}: from=<a@sender.example>, size=900, nrcpt=${to.length} (queue active)`,
    ...to.map(
      (recipient) =>
        `Nov 29 22:40:02 ${host} postfix/${relay.includes("lmtp") ? "lmtp" : "smtp"}[13]: ${queueId}: to=<${recipient}>, relay=${relay}, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (${reply})`,
    ),
    `Nov 29 22:40:02 ${host} postfix/qmgr[12]: ${queueId}: removed`,
  ];

  it("keeps two hosts' messages with the same queue id apart, interleaved in one log", () => {
    const [one, two] = [
      message("mx1", "4F1A2B3C4D", "From mx1", "198.51.100.1", ["bob@breakwater.test"]),
      message("mx2", "4F1A2B3C4D", "From mx2", "198.51.100.2", ["bob@breakwater.test"]),
    ];
    const state = applyLines(
      createMaillogState(NOV_29),
      one.flatMap((line, index) => [line, two[index]]),
    );
    expect(state.ready.map((delivery) => [delivery.host, delivery.subject, delivery.clientIp])).toEqual([
      ["mx1", "From mx1", "198.51.100.1"],
      ["mx2", "From mx2", "198.51.100.2"],
    ]);
    expect(state.ready[0].networkMessageId).not.toBe(state.ready[1].networkMessageId);
    expect(state.messages).toEqual({});
  });

  it("gives a message through an after-queue content filter one row per recipient, as delivered after the filter, from the original client", () => {
    const to = ["bob@breakwater.test", "carol@breakwater.test"];
    const [received, ...toFilter] = message(
      "mx",
      "5A1B2C3D4E",
      "Filtered",
      "203.0.113.7",
      to,
      "127.0.0.1[127.0.0.1]:10025",
      "250 2.0.0 Ok: queued as 6B2C3D4E5F",
    );
    // The filter hands the message back to Postfix (a new queue id, from localhost) before it answers "queued as".
    const reinjected = message("mx", "6B2C3D4E5F", "Filtered", "127.0.0.1", to);
    const lines = [
      received,
      ...toFilter.slice(0, 3),
      ...reinjected.slice(0, 4),
      ...toFilter.slice(3),
      ...reinjected.slice(4),
    ];
    const state = applyLines(createMaillogState(NOV_29), lines);
    expect(
      state.ready.map((delivery) => [delivery.recipient, delivery.transport, delivery.clientIp, delivery.queueId]),
    ).toEqual([
      ["bob@breakwater.test", "lmtp", "203.0.113.7", "6B2C3D4E5F"],
      ["carol@breakwater.test", "lmtp", "203.0.113.7", "6B2C3D4E5F"],
    ]);
    expect(new Set(state.ready.map((delivery) => delivery.networkMessageId)).size).toBe(1);
    expect(state.messages).toEqual({});
    // A relay to another server (its queue id is none of this host's messages) is a delivery, as before.
    const relayed = applyLines(
      createMaillogState(NOV_29),
      message(
        "mx",
        "7C2D3E4F5A",
        "Relayed",
        "203.0.113.8",
        ["partner@contoso.example"],
        "mx.contoso.example[192.0.2.25]:25",
        "250 2.0.0 Ok: queued as 1234ABCD",
      ),
    );
    expect(relayed.ready.map((delivery) => [delivery.recipient, delivery.transport, delivery.outcome])).toEqual([
      ["partner@contoso.example", "smtp", "sent"],
    ]);
  });
});

describe("parse-maillog with an after-queue content filter (lines of Postfix 3.7.11 with FILTER_README's setup)", () => {
  // The filter answers as amavisd-new does; the re-injection smtpd runs no header_checks (no Subject/From lines)
  // and adds always_bcc (journal@) after the filter. Client made external; otherwise as logged.
  const original = "399C320C2F9";
  const copy = "7392220C013";
  const messageId = "<c5f1a914-14ac-c33d-edfb-383f7b74eab2@sender.example>";
  const envelope =
    "from mail.fabrikam.example[198.51.100.7]; from=<a@sender.example> to=<carol@f.test> proto=ESMTP helo=<mail.fabrikam.example>";
  const received = [
    `Dec 06 00:35:03 mx postfix/smtpd[21767]: ${original}: client=mail.fabrikam.example[198.51.100.7]`,
    `Dec 06 00:35:03 mx postfix/cleanup[21782]: ${original}: info: header From: A <a@sender.example> ${envelope}`,
    `Dec 06 00:35:03 mx postfix/cleanup[21782]: ${original}: info: header Subject: Filtered one ${envelope}`,
    `Dec 06 00:35:03 mx postfix/cleanup[21782]: ${original}: message-id=${messageId}`,
    `Dec 06 00:35:03 mx postfix/qmgr[21763]: ${original}: from=<a@sender.example>, size=450, nrcpt=2 (queue active)`,
  ];
  const reinjected = (isXforward: boolean, { client = "localhost[127.0.0.1]", id = copy } = {}) => [
    `Dec 06 00:35:03 mx postfix/smtpd[21771]: ${id}: client=${client}${isXforward ? `, orig_queue_id=${original}, orig_client=mail.fabrikam.example[198.51.100.7]` : ""}`,
    `Dec 06 00:35:03 mx postfix/cleanup[21782]: ${id}: message-id=${messageId}`,
    `Dec 06 00:35:03 mx postfix/qmgr[21763]: ${id}: from=<a@sender.example>, size=609, nrcpt=3 (queue active)`,
  ];
  const filterReply = (reply = `250 2.0.0 from MTA(smtp:[127.0.0.1]:38253): 250 2.0.0 Ok: queued as ${copy}`) => [
    ...["bob", "carol"].map(
      (name) =>
        `Dec 06 00:35:04 mx postfix/smtp[21783]: ${original}: to=<${name}@f.test>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.37, delays=0.23/0.11/0.02/0.02, dsn=${reply.slice(4, 9)}, status=${reply.startsWith("250") ? "sent" : "bounced"} (${reply.startsWith("250") ? "" : "host 127.0.0.1[127.0.0.1] said: "}${reply})`,
    ),
    `Dec 06 00:35:04 mx postfix/qmgr[21763]: ${original}: removed`,
  ];
  const delivered = (id = copy) => [
    ...["bob", "carol", "journal"].map(
      (name) =>
        `Dec 06 00:35:05 mx postfix/lmtp[21785]: ${id}: to=<${name}@f.test>, relay=127.0.0.1[127.0.0.1]:36057, delay=0.29, delays=0.01/0.1/0.01/0.17, dsn=2.0.0, status=sent (250 2.0.0 <${name}@f.test> EI2aIretFGsJVQAAg+zDdQ Saved)`,
    ),
    `Dec 06 00:35:05 mx postfix/qmgr[21763]: ${id}: removed`,
  ];
  const rows = (lines: string[]) => {
    const state = applyLines(createMaillogState(new Date(2026, 11, 6, 1, 0, 0).getTime()), lines);
    expect(state.messages).toEqual({});
    return state.ready;
  };
  const asDelivered = [
    ["bob@f.test", "sent", "lmtp", copy],
    ["carol@f.test", "sent", "lmtp", copy],
    ["journal@f.test", "sent", "lmtp", copy],
  ];

  it.each([
    ["with XFORWARD, the filter's reply logged before the copy's delivery", true, "reply-first"],
    ["with XFORWARD, the copy delivered before the filter's reply is logged", true, "copy-first"],
    ["without XFORWARD, the filter's reply logged before the copy's delivery", false, "reply-first"],
    ["without XFORWARD, the copy delivered before the filter's reply is logged", false, "copy-first"],
  ])(
    "gives one row per recipient, %s: the final delivery's, with the original's client, time and headers",
    (_, isXforward, order) => {
      const ready = rows([
        ...received,
        ...reinjected(isXforward as boolean),
        ...(order === "reply-first" ? [...filterReply(), ...delivered()] : [...delivered(), ...filterReply()]),
      ]);
      expect(ready.map((row) => [row.recipient, row.outcome, row.transport, row.queueId])).toEqual(asDelivered);
      for (const row of ready)
        expect(row).toMatchObject({
          clientIp: "198.51.100.7",
          subject: "Filtered one",
          headerFrom: "A <a@sender.example>",
          messageId,
          receivedAt: new Date(2026, 11, 6, 0, 35, 3).getTime(),
        });
      expect(new Set(ready.map((row) => row.networkMessageId)).size).toBe(1);
    },
  );

  it("gives the filter's refusal as the recipients' outcome when nothing comes back", () => {
    const ready = rows([...received, ...filterReply("554 5.7.0 Reject, id=21767-01 - VIRUS: Eicar-Signature")]);
    expect(ready.map((row) => [row.recipient, row.outcome, row.clientIp])).toEqual([
      ["bob@f.test", "bounced", "198.51.100.7"],
      ["carol@f.test", "bounced", "198.51.100.7"],
    ]);
  });

  it("does not fold in a message from another client that reuses the Message-ID while the original is in the filter", () => {
    const other = "8A1B2C3D4E5";
    const ready = rows([
      ...received,
      ...reinjected(false, { client: "evil.example[203.0.113.66]", id: other }),
      ...delivered(other),
      ...reinjected(false),
      ...filterReply(),
      ...delivered(),
    ]);
    expect(ready.map((row) => [row.recipient, row.queueId, row.clientIp])).toEqual([
      ["bob@f.test", other, "203.0.113.66"],
      ["carol@f.test", other, "203.0.113.66"],
      ["journal@f.test", other, "203.0.113.66"],
      ["bob@f.test", copy, "198.51.100.7"],
      ["carol@f.test", copy, "198.51.100.7"],
      ["journal@f.test", copy, "198.51.100.7"],
    ]);
    expect(ready[0].networkMessageId).not.toBe(ready[3].networkMessageId);
  });
});

describe("parse-maillog properties", () => {
  // Real lines, real lines cut or spliced at random, and noise: what a damaged or hostile log could hold.
  const realLine = fc.constantFrom(...FIXTURE.filter(Boolean));
  const anyLine = fc.oneof(
    realLine,
    fc.tuple(realLine, fc.nat(), fc.string()).map(([line, at, text]) => line.slice(0, at % (line.length + 1)) + text),
    fc
      .tuple(realLine, realLine, fc.nat())
      .map(([a, b, at]) => a.slice(0, at % (a.length + 1)) + b.slice(at % (b.length + 1))),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.constantFrom(
      "Nov 29 22:36:49 mx postfix/qmgr[1]: __proto__: removed",
      "Nov 29 22:36:49 mx postfix/lmtp[1]: ABCDEF1: to=<__proto__>, relay=x, status=sent (ok)",
    ),
  );
  // What the database keeps between runs is JSON.
  const persisted = (state: TMaillogState): TMaillogState => JSON.parse(JSON.stringify(state)) as TMaillogState;

  it("never throws on any line", () => {
    fc.assert(
      fc.property(
        fc.array(anyLine, { maxLength: 60 }),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (lines, reference) => {
          const state = settleMaillog(applyLines(createMaillogState(reference), lines), reference);
          expect(Array.isArray(state.ready)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives the same result in one run as in two runs with the state carried over (as stored)", () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 80 }), fc.nat(), (lines, cut) => {
        const at = cut % (lines.length + 1);
        const once = applyLines(createMaillogState(NOV_29), lines);
        const first = persisted(applyLines(createMaillogState(NOV_29), lines.slice(0, at)));
        const twice = applyLines({ ...first, ready: [] }, lines.slice(at));
        expect([...first.ready, ...twice.ready]).toEqual(once.ready);
        expect(persisted(twice).messages).toEqual(persisted(once).messages);
        expect(lines.reduce(applyLine, createMaillogState(NOV_29))).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});
