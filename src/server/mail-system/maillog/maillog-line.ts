// One line of Postfix's log, as `maillog_file` (or a syslog daemon) writes it, read into what it says about one
// queued message. Pure and total: a line it does not know is `null`, never an error.

export type TLineHead = { at: number; host: string; daemon: string; pid: string };

export type TMaillogFact =
  | {
      kind: "client";
      queueId: string;
      ip: string;
      /** XFORWARD from an after-queue content filter: the queue id and client of the message this one is a copy of. */
      origQueueId: string | null;
      origClientIp: string | null;
    }
  | { kind: "messageId"; queueId: string; messageId: string }
  | { kind: "header"; queueId: string; header: THeader; recipient: string | null }
  | { kind: "queued"; queueId: string; from: string; size: number }
  | {
      kind: "delivery";
      queueId: string;
      recipient: string;
      originalRecipient: string | null;
      status: TDeliveryStatus;
      detail: string;
    }
  | { kind: "expired"; queueId: string }
  | { kind: "removed"; queueId: string }
  | {
      kind: "refused";
      queueId: string;
      action: TRefusal;
      header: THeader | null;
      from: string | null;
      recipient: string | null;
      detail: string;
    }
  | {
      kind: "refusedBeforeQueue";
      action: TRefusal;
      clientIp: string | null;
      from: string;
      recipient: string;
      detail: string;
    };

/** A Subject or From header as header_checks logged it (raw: encoded words are still encoded). */
export type THeader = { name: "subject" | "from"; value: string };
export type TDeliveryStatus = "sent" | "deferred" | "bounced" | "expired";
/** What a content check or a restriction did: refused at SMTP, accepted then thrown away, or put in the hold queue. */
export type TRefusal = "reject" | "discard" | "hold";

export type TMaillogLine = TLineHead & { fact: TMaillogFact };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// Postfix's own log (and traditional syslog): "Nov 29 22:28:17 mx postfix/smtpd[14681]: ...". Local time, no year.
const SYSLOG_LINE =
  /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? (\S+) ([^\s[\]:]+)(?:\[(\d+)\])?: /;
// rsyslog's default on current distributions: "2026-11-29T22:28:17.123456+00:00 mx postfix/smtpd[14681]: ...".
const RFC3339_LINE =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})) (\S+) ([^\s[\]:]+)(?:\[(\d+)\])?: /;
// Short ids are hex; long ids (enable_long_queue_ids: time in base 52, "z", inode in base 51) use an alphabet
// without vowels, so no English word ("warning", "NOQUEUE") is taken for one.
const QUEUE_ID =
  /^([0-9A-F]{6,16}|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,14}z[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-y]{1,10}): /;

/**
 * Reads one line. `referenceAt` places a syslog time stamp, which has no year, in the year that puts it nearest to
 * that instant (the previous line's time): the log of a December read in January lands in the right year.
 */
export function parseMaillogLine(line: string, referenceAt: number): TMaillogLine | null {
  const head = lineHead(line, referenceAt);
  if (!head) return null;
  const program = head.program;
  const slash = program.lastIndexOf("/");
  if (slash < 0 || !program.slice(0, slash).startsWith("postfix")) return null;
  const daemon = program.slice(slash + 1);
  const fact = daemonFact(daemon, line.slice(head.length));
  return fact && { at: head.at, host: head.host, daemon, pid: head.pid, fact };
}

function lineHead(
  line: string,
  referenceAt: number,
): { at: number; host: string; program: string; pid: string; length: number } | null {
  const syslog = SYSLOG_LINE.exec(line);
  if (syslog) {
    const [whole, mon, day, hh, mm, ss, fraction, host, program, pid] = syslog;
    const month = MONTHS.indexOf(mon);
    if (month < 0) return null;
    const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
    const year = new Date(referenceAt).getFullYear();
    const candidates = [year - 1, year, year + 1].map((y) =>
      new Date(y, month, Number(day), Number(hh), Number(mm), Number(ss), ms).getTime(),
    );
    const at = candidates.reduce((best, t) => (Math.abs(t - referenceAt) < Math.abs(best - referenceAt) ? t : best));
    return Number.isFinite(at) ? { at, host, program, pid: pid ?? "", length: whole.length } : null;
  }
  const rfc = RFC3339_LINE.exec(line);
  if (!rfc) return null;
  const at = Date.parse(rfc[1]);
  return Number.isFinite(at) ? { at, host: rfc[2], program: rfc[3], pid: rfc[4] ?? "", length: rfc[0].length } : null;
}

function daemonFact(daemon: string, text: string): TMaillogFact | null {
  if (text.startsWith("NOQUEUE: ")) return daemon === "smtpd" ? refusedBeforeQueue(text.slice(9)) : null;
  const id = QUEUE_ID.exec(text);
  if (!id) return null;
  const queueId = id[1];
  const rest = text.slice(id[0].length);
  // qmgr removes a message once it is done; postsuper when an administrator deletes it (postsuper -d).
  if (rest === "removed") return { kind: "removed", queueId };
  switch (daemon) {
    case "smtpd": {
      // "client=localhost[127.0.0.1], orig_queue_id=5A1B2C3D4E, orig_client=mx.example[203.0.113.7]" when a content
      // filter re-injects with XFORWARD (smtpd logs the forwarded attributes after any sasl_* ones).
      const client = /^client=[^[\s]*\[([^\]]+)\]/.exec(rest);
      if (client)
        return {
          kind: "client",
          queueId,
          ip: client[1],
          origQueueId: /, orig_queue_id=([0-9A-Za-z]+)/.exec(rest)?.[1] ?? null,
          origClientIp: /, orig_client=[^[\s]*\[([^\]]+)\]/.exec(rest)?.[1] ?? null,
        };
      return refusal(queueId, rest);
    }
    case "cleanup": {
      const messageId = /^message-id=(\S*)/.exec(rest);
      if (messageId) return { kind: "messageId", queueId, messageId: messageId[1] };
      if (rest.startsWith("info: ")) {
        const { text, to } = withEnvelopeSuffix(rest.slice(6));
        const header = headerOf(text);
        return header && { kind: "header", queueId, header, recipient: to };
      }
      return refusal(queueId, rest);
    }
    case "qmgr": {
      const queued = /^from=<(.*?)>, size=(\d+), nrcpt=\d+/.exec(rest);
      if (queued) return { kind: "queued", queueId, from: queued[1].toLowerCase(), size: Number(queued[2]) };
      if (/^from=<.*?>, status=expired/.test(rest)) return { kind: "expired", queueId };
      return null;
    }
    default:
      return delivery(queueId, rest);
  }
}

// Every delivery agent (lmtp, smtp, local, virtual, pipe, discard, error, ...) logs a recipient's attempt the same way.
function delivery(queueId: string, rest: string): TMaillogFact | null {
  const match =
    /^to=<([^>]*)>, (?:orig_to=<([^>]*)>, )?relay=.*?status=(sent|deferred|bounced|expired)(?: \((.*)\))?$/.exec(rest);
  if (!match) return null;
  const [, recipient, originalRecipient, status, detail] = match;
  return {
    kind: "delivery",
    queueId,
    recipient: recipient.toLowerCase(),
    originalRecipient: originalRecipient?.toLowerCase() ?? null,
    status: status as TDeliveryStatus,
    detail: detail ?? "",
  };
}

// "reject: header Subject: x from c[1.2.3.4]; from=<a> to=<b> proto=ESMTP helo=<h>: 5.7.1 text" (cleanup), or
// "reject: END-OF-MESSAGE from c[1.2.3.4]: 550 5.7.1 text; from=<a> proto=ESMTP helo=<h>" (smtpd, after DATA).
function refusal(queueId: string, rest: string): TMaillogFact | null {
  const match = /^(?:milter-)?(reject|discard|hold): /.exec(rest);
  if (!match) return null;
  const { head, text, from, to, reason } = withEnvelopeSuffix(rest.slice(match[0].length));
  // smtpd's form names the stage and client before its reason; cleanup's gives the reason after the envelope.
  const stage = /^[A-Z-]+ from [^[\s]*\[[^\]]*\](?::\d+)?: /.exec(head);
  return {
    kind: "refused",
    queueId,
    action: match[1] as TRefusal,
    header: headerOf(text),
    from,
    recipient: to,
    detail: stage ? head.slice(stage[0].length) : reason || text,
  };
}

// "header Subject: Quarterly invoice" (header_checks' text of the header it matched).
function headerOf(text: string): THeader | null {
  const match = /^header (Subject|From):[ \t]?/i.exec(text);
  return (
    match && { name: match[1].toLowerCase() === "subject" ? "subject" : "from", value: text.slice(match[0].length) }
  );
}

// "reject: RCPT from c[1.2.3.4]: 550 5.1.8 <a>: Sender address rejected: ...; from=<a> to=<b> proto=ESMTP helo=<h>"
function refusedBeforeQueue(rest: string): TMaillogFact | null {
  const match = /^(?:milter-)?(reject|discard|hold): \S+ from [^[\s]*\[([^\]]+)\][^:]*: /.exec(rest);
  if (!match) return null;
  const { text, from, to } = withEnvelopeSuffix(rest.slice(match[0].length));
  if (from === null || !to) return null;
  return {
    kind: "refusedBeforeQueue",
    action: match[1] as TRefusal,
    clientIp: match[2],
    from,
    recipient: to,
    detail: text,
  };
}

/**
 * Splits "TEXT[ from CLIENT]; from=<a> to=<b> proto=P helo=<h>[: REASON]" (head is all before "; from=<"). The suffix is found from the end (its
 * last "; from=<"), so a subject that itself contains such text cannot move it, and the split is linear in the line.
 */
function withEnvelopeSuffix(value: string): {
  head: string;
  text: string;
  from: string | null;
  to: string | null;
  reason: string;
} {
  const at = value.lastIndexOf("; from=<");
  if (at < 0) return { head: value, text: value, from: null, to: null, reason: "" };
  const head = value.slice(0, at);
  const client = head.lastIndexOf(" from ");
  const envelope = /^; from=<([^>]*)>(?: to=<([^>]*)>)?(?: proto=\S+)?(?: helo=<[^>]*>)?(?:: (.*))?$/.exec(
    value.slice(at),
  );
  return {
    head,
    text: client < 0 ? head : head.slice(0, client),
    from: envelope ? envelope[1].toLowerCase() : null,
    to: envelope?.[2]?.toLowerCase() || null,
    reason: envelope?.[3] ?? "",
  };
}
