// Postfix's log folded into messages: a message's lines share its queue id and come over many entries, from
// smtpd (client), cleanup (headers, Message-ID), qmgr (sender, size, "removed") and the delivery agents (one line per
// recipient and attempt). `applyLine` is a pure fold; each recipient's final outcome lands in `ready`, which the
// follower drains into EmailEvents. The state is plain JSON, so it can be kept in the database between runs.
import { createHash } from "node:crypto";
import { decodeMimeWords } from "./header-words";
import {
  parseMaillogLine,
  type TDeliveryStatus,
  type THeader,
  type TLineHead,
  type TMaillogFact,
} from "./maillog-line";

export type TMaillogOutcome = "sent" | "bounced" | "expired" | "refused" | "discarded" | "removed";

/** One message and one recipient whose fate is known: what becomes one EmailEvents row. */
export type TMaillogDelivery = {
  networkMessageId: string;
  queueId: string;
  host: string;
  receivedAt: number;
  at: number;
  messageId: string | null;
  clientIp: string | null;
  envelopeFrom: string | null;
  headerFrom: string | null;
  subject: string | null;
  size: number | null;
  recipient: string;
  originalRecipient: string | null;
  outcome: TMaillogOutcome;
  /** The delivery agent that settled it (lmtp, smtp, local, ...), or null when Postfix refused or dropped it. */
  transport: string | null;
  detail: string;
};

export type TRecipientState = {
  address: string;
  originalRecipient: string | null;
  status: TDeliveryStatus;
  transport: string;
  detail: string;
  isReported: boolean;
};

export type TMessageState = {
  host: string;
  firstAt: number;
  lastAt: number;
  clientIp: string | null;
  messageId: string | null;
  subject: string | null;
  headerFrom: string | null;
  envelopeFrom: string | null;
  size: number | null;
  isQueued: boolean;
  isHeld: boolean;
  refusal: { outcome: "refused" | "discarded"; at: number; detail: string } | null;
  /**
   * Set when this message is another's copy re-injected by an after-queue content filter: its rows are the original
   * message's (its NetworkMessageId, client, time and the headers header_checks logged before the filter).
   */
  origin?: TOrigin;
  /** This message's copies re-injected by a content filter (their queue ids): its own hand-offs to them are no rows. */
  reinjectedAs?: string[];
  /** Recipients named in smtpd/cleanup lines: the only ones known for a message that never reached the queue manager. */
  envelopeRecipients: string[];
  recipients: TRecipientState[];
};

export type TOrigin = {
  networkMessageId: string;
  clientIp: string | null;
  receivedAt: number;
  subject: string | null;
  headerFrom: string | null;
};

export type TMaillogState = {
  /** The last line's time: where the next year-less time stamp is placed. */
  referenceAt: number;
  sweepAt: number;
  /** By messageKey(host, queue id): two Postfix hosts (or instances) logging to one file may use the same queue id. */
  messages: Record<string, TMessageState>;
  ready: TMaillogDelivery[];
};

// A refused message's own lines may come after the refusal (smtpd logs an END-OF-MESSAGE reject before cleanup's
// header lines): wait this long for them before reporting it.
export const REFUSAL_SETTLE_MS = 5_000;
// Lines of a session that never became a queued message (lost connection during DATA, ...) are dropped after this.
const FRAGMENT_TTL_MS = 3_600_000;
// Longer than Postfix's maximal_queue_lifetime (5 days): a message still queued logs an attempt well within it.
const QUEUED_TTL_MS = 7 * 86_400_000;
const SWEEP_EVERY_MS = 1_000;
const MAX_ENVELOPE_RECIPIENTS = 1_000;

export function createMaillogState(referenceAt: number): TMaillogState {
  return { referenceAt, sweepAt: 0, messages: {}, ready: [] };
}

/** The state after one more line. Never throws; a line it does not know changes nothing but the clock. */
export function applyLine(state: TMaillogState, line: string): TMaillogState {
  return applyLines(state, [line]);
}

/** `applyLine` over many lines, copying the state once instead of once a line. */
export function applyLines(state: TMaillogState, lines: readonly string[]): TMaillogState {
  const fold = new Fold(state);
  for (const line of lines) fold.apply(line);
  return fold.state;
}

/** Reports refused messages whose lines have settled by `at` and forgets stale fragments; the follower calls it when idle. */
export function settleMaillog(state: TMaillogState, at: number): TMaillogState {
  const fold = new Fold(state);
  fold.sweep(at);
  return fold.state;
}

/** A message's key in the state (and in MaillogPending): its host and queue id. */
export const messageKey = (host: string, queueId: string) => `${host} ${queueId}`;
const queueIdOf = (key: string) => key.slice(key.indexOf(" ") + 1);

// The delivery agent's reply when the next hop queued the message: a content filter's re-injection says this too.
const QUEUED_AS = /queued as ([0-9A-Za-z]+)\)?$/;

/** A v5-style UUID (SHA-1 of a namespace and a name): re-reading the same lines gives the same NetworkMessageId. */
export function maillogMessageUuid(name: string): string {
  const bytes = createHash("sha1").update(NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
const NAMESPACE = Buffer.from("7d1f3c52a4e94b0f9b6a2c8e5d4f1a30", "hex");

// Copy-on-write: the given state is never changed; a message is copied the first time this fold touches it.
class Fold {
  readonly state: TMaillogState;
  private readonly copied = new Set<string>();

  constructor(previous: TMaillogState) {
    this.state = { ...previous, messages: { ...previous.messages }, ready: [...previous.ready] };
  }

  apply(text: string): void {
    const line = parseMaillogLine(text, this.state.referenceAt);
    if (!line) return;
    this.state.referenceAt = line.at;
    this.fact(line, line.fact);
    if (line.at >= this.state.sweepAt) this.sweep(line.at);
  }

  sweep(at: number): void {
    this.state.sweepAt = at + SWEEP_EVERY_MS;
    for (const [key, message] of Object.entries(this.state.messages)) {
      if (message.refusal && at - message.refusal.at >= REFUSAL_SETTLE_MS) {
        const { outcome, detail } = message.refusal;
        for (const recipient of message.envelopeRecipients)
          this.report(queueIdOf(key), message, {
            recipient,
            originalRecipient: null,
            outcome,
            transport: null,
            detail,
            at: message.refusal.at,
          });
        delete this.state.messages[key];
      } else if (!message.isHeld && at - message.lastAt >= (message.isQueued ? QUEUED_TTL_MS : FRAGMENT_TTL_MS)) {
        delete this.state.messages[key];
      }
    }
  }

  private fact(head: TLineHead, fact: TMaillogFact): void {
    if (fact.kind === "refusedBeforeQueue") {
      if (fact.action === "hold") return;
      // No queue id: a message refused at RCPT is known by its session (host, smtpd process, second, sender), which
      // gives the recipients of one transaction one NetworkMessageId.
      const networkMessageId = maillogMessageUuid(
        `NOQUEUE\n${head.host}\n${head.pid}\n${Math.floor(head.at / 1000)}\n${fact.from}`,
      );
      this.state.ready.push({
        networkMessageId,
        queueId: "NOQUEUE",
        host: head.host,
        receivedAt: head.at,
        at: head.at,
        messageId: null,
        clientIp: fact.clientIp,
        envelopeFrom: fact.from,
        headerFrom: null,
        subject: null,
        size: null,
        recipient: fact.recipient,
        originalRecipient: null,
        outcome: fact.action === "reject" ? "refused" : "discarded",
        transport: null,
        detail: fact.detail,
      });
      return;
    }
    const message = this.edit(fact.queueId, head);
    message.lastAt = Math.max(message.lastAt, head.at);
    switch (fact.kind) {
      case "client":
        message.clientIp = fact.origClientIp ?? fact.ip;
        if (fact.origQueueId) this.linkCopy(head, fact.origQueueId, fact.queueId, message);
        return;
      case "messageId":
        message.messageId = fact.messageId;
        if (!message.origin && isLoopback(message.clientIp)) {
          const original = this.inFlightOriginal(head.host, fact.queueId, fact.messageId);
          if (original) this.linkCopy(head, original, fact.queueId, message);
        }
        return;
      case "header":
        setHeader(message, fact.header);
        this.addEnvelopeRecipient(message, fact.recipient);
        return;
      case "queued":
        message.isQueued = true;
        message.isHeld = false;
        message.envelopeFrom = fact.from;
        message.size = fact.size;
        return;
      case "delivery":
        this.delivery(fact.queueId, message, head, fact);
        return;
      case "expired":
        for (const recipient of message.recipients)
          if (!recipient.isReported && recipient.status === "deferred")
            this.settleRecipient(fact.queueId, message, recipient, "expired", head.at);
        return;
      case "removed":
        this.removed(fact.queueId, message, head);
        return;
      case "refused":
        if (fact.header) setHeader(message, fact.header);
        message.envelopeFrom ??= fact.from;
        this.addEnvelopeRecipient(message, fact.recipient);
        if (fact.action === "hold") message.isHeld = true;
        else
          message.refusal ??= {
            outcome: fact.action === "reject" ? "refused" : "discarded",
            at: head.at,
            detail: fact.detail,
          };
        return;
    }
  }

  private delivery(
    queueId: string,
    message: TMessageState,
    head: TLineHead,
    fact: Extract<TMaillogFact, { kind: "delivery" }>,
  ): void {
    let recipient = message.recipients.find((entry) => entry.address === fact.recipient);
    if (recipient?.isReported) return;
    if (!recipient) {
      recipient = {
        address: fact.recipient,
        originalRecipient: null,
        status: fact.status,
        transport: head.daemon,
        detail: "",
        isReported: false,
      };
      message.recipients.push(recipient);
    }
    Object.assign(recipient, {
      originalRecipient: fact.originalRecipient,
      status: fact.status,
      transport: head.daemon,
      detail: fact.detail,
    });
    if (fact.status === "sent" && this.handOff(queueId, message, head, fact.detail)) {
      recipient.isReported = true;
      return;
    }
    if (fact.status !== "deferred") this.settleRecipient(queueId, message, recipient, fact.status, head.at);
  }

  /**
   * An after-queue content filter: the message went out by SMTP and came back into this same Postfix as a new queue
   * id ("250 ... queued as <id>" is the filter's reply). The copy carries this message's rows, so this recipient
   * gets none here and a filtered message is not counted twice. The copy is known by then when the filter forwarded
   * the original queue id (XFORWARD) or the Message-ID matched (linkCopy); otherwise it is still open when the reply
   * is logged, as its lines come first. A relay to any other server (whose queue id is none of this host's
   * messages) is a delivery as before.
   */
  private handOff(queueId: string, message: TMessageState, head: TLineHead, detail: string): boolean {
    const next = QUEUED_AS.exec(detail)?.[1];
    if (!next || next === queueId) return false;
    if (message.reinjectedAs?.includes(next)) return true;
    if (!Object.hasOwn(this.state.messages, messageKey(head.host, next))) return false;
    this.linkCopy(head, queueId, next, this.edit(next, head));
    return true;
  }

  /** Makes `copy` (queue id copyId) the filtered copy of the message `originalId` on the same host, if that is open. */
  private linkCopy(head: TLineHead, originalId: string, copyId: string, copy: TMessageState): void {
    const key = messageKey(head.host, originalId);
    if (originalId === copyId || !Object.hasOwn(this.state.messages, key)) return;
    const original = this.edit(originalId, head);
    if (!original.reinjectedAs?.includes(copyId)) original.reinjectedAs = [...(original.reinjectedAs ?? []), copyId];
    copy.origin ??= original.origin ?? {
      networkMessageId: this.networkMessageId(originalId, original),
      clientIp: original.clientIp,
      receivedAt: original.firstAt,
      subject: original.subject,
      headerFrom: original.headerFrom,
    };
  }

  /**
   * A filter that does not forward the queue id re-injects from this host with the same Message-ID while the
   * original waits for its reply: queued, not removed, a recipient still without an outcome. Only a loopback client
   * is taken for the filter (FILTER_README's layout), so mail from elsewhere reusing a Message-ID is never folded in.
   */
  private inFlightOriginal(host: string, copyId: string, messageId: string): string | null {
    for (const [key, message] of Object.entries(this.state.messages)) {
      if (
        message.host === host &&
        message.messageId === messageId &&
        message.isQueued &&
        (!message.recipients.length || message.recipients.some((recipient) => !recipient.isReported))
      ) {
        const queueId = queueIdOf(key);
        if (queueId !== copyId) return queueId;
      }
    }
    return null;
  }

  // "removed" ends a message. Recipients still waiting then were deleted from the queue (postsuper -d), never delivered.
  private removed(queueId: string, message: TMessageState, { host, at }: TLineHead): void {
    const waiting = message.recipients.filter((recipient) => !recipient.isReported);
    for (const recipient of waiting) this.settleRecipient(queueId, message, recipient, "removed", at);
    if (message.isHeld && !message.recipients.length) {
      for (const recipient of message.envelopeRecipients)
        this.report(queueId, message, {
          recipient,
          originalRecipient: null,
          outcome: "removed",
          transport: null,
          detail: "removed from the hold queue",
          at,
        });
    }
    delete this.state.messages[messageKey(host, queueId)];
  }

  private settleRecipient(
    queueId: string,
    message: TMessageState,
    recipient: TRecipientState,
    outcome: TMaillogOutcome,
    at: number,
  ): void {
    recipient.isReported = true;
    const transport = outcome === "removed" ? null : recipient.transport;
    this.report(queueId, message, {
      recipient: recipient.address,
      originalRecipient: recipient.originalRecipient,
      outcome,
      transport,
      detail: recipient.detail,
      at,
    });
  }

  private report(
    queueId: string,
    message: TMessageState,
    outcome: Pick<TMaillogDelivery, "recipient" | "originalRecipient" | "outcome" | "transport" | "detail" | "at">,
  ): void {
    this.state.ready.push({
      networkMessageId: this.networkMessageId(queueId, message),
      queueId,
      host: message.host,
      receivedAt: message.origin?.receivedAt ?? message.firstAt,
      messageId: message.messageId,
      clientIp: message.origin ? message.origin.clientIp : message.clientIp,
      envelopeFrom: message.envelopeFrom,
      // The copy's own header lines, if any: the filter may have rewritten them; else those logged before the filter.
      headerFrom: message.headerFrom ?? message.origin?.headerFrom ?? null,
      subject: message.subject ?? message.origin?.subject ?? null,
      size: message.size,
      ...outcome,
    });
  }

  // The host is part of the name: two hosts may give two messages one queue id (and no Message-ID).
  private networkMessageId(queueId: string, message: TMessageState): string {
    return (
      message.origin?.networkMessageId ?? maillogMessageUuid(`${message.host}\n${queueId}\n${message.messageId ?? ""}`)
    );
  }

  private addEnvelopeRecipient(message: TMessageState, recipient: string | null): void {
    if (
      recipient &&
      message.envelopeRecipients.length < MAX_ENVELOPE_RECIPIENTS &&
      !message.envelopeRecipients.includes(recipient)
    )
      message.envelopeRecipients.push(recipient);
  }

  private edit(queueId: string, head: TLineHead): TMessageState {
    const key = messageKey(head.host, queueId);
    const existing = Object.hasOwn(this.state.messages, key) ? this.state.messages[key] : undefined;
    if (existing && this.copied.has(key)) return existing;
    const message: TMessageState = existing ? structuredClone(existing) : newMessage(head);
    this.state.messages[key] = message;
    this.copied.add(key);
    return message;
  }
}

const isLoopback = (ip: string | null) => ip !== null && (ip.startsWith("127.") || ip === "::1");

// The first Subject and From win: a second one is a forgery's trick, and the recipient's client shows the first.
function setHeader(message: TMessageState, header: THeader): void {
  if (header.name === "subject") message.subject ??= decodeMimeWords(header.value);
  else message.headerFrom ??= header.value;
}

function newMessage(head: TLineHead): TMessageState {
  return {
    host: head.host,
    firstAt: head.at,
    lastAt: head.at,
    clientIp: null,
    messageId: null,
    subject: null,
    headerFrom: null,
    envelopeFrom: null,
    size: null,
    isQueued: false,
    isHeld: false,
    refusal: null,
    envelopeRecipients: [],
    recipients: [],
  };
}
