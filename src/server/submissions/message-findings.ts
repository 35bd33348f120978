import "server-only";
import type { AddressObject, EmailAddress } from "mailparser";

/**
 * What is wrong with how a message is written, found while reading it: shown to the analyst on the submission and
 * read by the detection engine (checks/message-findings.ts). Never a reason to refuse the message.
 */
export type TMessageFinding = { id: TMessageFindingId; evidence: string };
export type TMessageFindingId =
  | "from_no_address"
  | "address_malformed"
  | "recipient_malformed"
  | "header_repeated"
  | "header_first_line_folded"
  | "original_unreadable";

// RFC 5322 §3.6: the fields a message has at most once. A second Subject or From is how some phish show one text to
// a filter and another to the reader (each client picks a different one).
const SINGLETON_FIELDS = [
  "from",
  "sender",
  "reply-to",
  "to",
  "cc",
  "bcc",
  "subject",
  "date",
  "message-id",
  "in-reply-to",
  "references",
];
const ADDRESS_FIELDS: [string, string][] = [
  ["from", "From"],
  ["reply-to", "Reply-To"],
  ["sender", "Sender"],
  ["to", "To"],
  ["cc", "Cc"],
];
// Recipients' addresses are the organisation's own or the sender's choice of cover; they say less about the sender.
const RECIPIENT_FIELDS = ["to", "cc"];
const MAX_SHOWN = 200;

export function repeatedHeaders(keys: readonly string[]): TMessageFinding[] {
  const counts = new Map<string, number>();
  for (const key of keys) if (SINGLETON_FIELDS.includes(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([key, count]) => ({
      id: "header_repeated",
      evidence: `The ${fieldName(key)} header appears ${count} times (a message has one)`,
    }));
}

/** Entries of the address headers that are not an address (`user@domain,com` reads as "user@domain" and "com"). */
export function malformedAddresses(headers: Map<string, unknown>): TMessageFinding[] {
  return ADDRESS_FIELDS.flatMap(([key, name]) => {
    const entries = flatten(headers.get(key) as AddressObject | AddressObject[] | undefined);
    const bad = entries.filter((entry) => !isAddress(entry.address ?? ""));
    // A From with no address at all is its own finding (fromWithoutAddress).
    if (!bad.length || (key === "from" && !entries.some((entry) => entry.address?.includes("@")))) return [];
    const shown = bad
      .map((entry) => entry.address || entry.name)
      .filter(Boolean)
      .join(", ");
    return [
      {
        id: RECIPIENT_FIELDS.includes(key) ? ("recipient_malformed" as const) : ("address_malformed" as const),
        evidence: `The ${name} header holds what is not an email address: ${clip(shown || "(nothing)")}`,
      },
    ];
  });
}

export function fromWithoutAddress(fromText: string): TMessageFinding {
  return {
    id: "from_no_address",
    evidence: fromText.trim()
      ? `The From header has no email address ("${clip(fromText.trim())}")`
      : "The message has no From header",
  };
}

function flatten(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const entries = (list: EmailAddress[]): EmailAddress[] =>
    list.flatMap((entry) => (entry.group ? entries(entry.group) : [entry]));
  return [header ?? []].flat().flatMap((object) => entries(object.value ?? []));
}

// A domain of dotted labels (letters of any script, digits, hyphens) or an address literal; RFC 5321 forbids a bare name.
const ADDRESS =
  /^[^@\s]+@(?:(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,63}|\[[0-9a-f:.]+\])$/iu;
export const isAddress = (text: string) => text.length <= 320 && ADDRESS.test(text);

const fieldName = (key: string) =>
  key
    .replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`)
    .replace("Message-Id", "Message-ID");
const clip = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text);
