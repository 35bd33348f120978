import "server-only";
import { createHash } from "node:crypto";
import type { Random } from "@/lib/random";
import type { TEmailEventInput } from "@/server/ingestion/ingestion.schemas";
import { DEPARTMENTS, NEWSLETTERS, ORG_DOMAIN, ORG_MAIL_IPS, PARTNERS, type Partner } from "./org-directory";
import {
  MALWARE_FILES,
  THREAT_SENDERS,
  fileFor,
  fillName,
  subjectFor,
  threatSubject,
  urlsFor,
  type MessageKind,
} from "./org-mail-content";
import type { Org, Person } from "./org-people";
import { businessTime, countFor, DAY_MS, isWorkingDay } from "./org-time";

type Auth = TEmailEventInput["authenticationDetails"];
type Attachment = NonNullable<TEmailEventInput["attachments"]>[number];
type Message = Omit<
  TEmailEventInput,
  "networkMessageId" | "internetMessageId" | "recipientEmailAddress" | "urls" | "attachments"
> & {
  recipients: string[];
  urls: string[];
  /** A file with a hash is the same file wherever it goes (a malware wave); the others get one per message. */
  files: (Omit<Attachment, "sha256"> & { sha256?: string })[];
};

const PASS: Auth = { spf: "pass", dkim: "pass", dmarc: "pass", compAuth: "pass" };
const DELIVERED = { deliveryAction: "Delivered", deliveryLocation: "Inbox/folder" } as const;
const DEPARTMENT_BY_NAME = new Map(DEPARTMENTS.map((department) => [department.name, department]));

/** One day of mail as EmailEvents rows (message × recipient), the same for the same seed, org and day. */
export function generateMailDay(org: Org, random: Random, seed: number, dayStart: number): TEmailEventInput[] {
  const working = isWorkingDay(dayStart);
  const volume = working ? 1 : 0.06;
  const messages: Message[] = [];
  for (const person of org.people) {
    const department = org.byDepartment.get(person.department) ?? [];
    for (let n = countFor(random, 9 * person.activity * volume); n > 0; n--)
      messages.push(internalMessage(random, org, person, department, dayStart));
    const rates = DEPARTMENT_BY_NAME.get(person.department)!;
    for (let n = countFor(random, rates.outboundPerDay * person.activity * volume); n > 0; n--)
      messages.push(outboundMessage(random, org, person, dayStart));
    for (let n = countFor(random, rates.inboundPerDay * person.activity * volume); n > 0; n--)
      messages.push(inboundMessage(random, org, person, department, dayStart));
  }
  messages.push(...newsletterMessages(random, org, seed, dayStart), ...threatMessages(random, org, dayStart, working));
  return messages.flatMap((message) => toRows(random, seed, message));
}

function internalMessage(random: Random, org: Org, sender: Person, department: Person[], dayStart: number): Message {
  const size = random.weighted<number | "team">([
    [1, 45],
    [2, 25],
    [3, 15],
    [4, 8],
    [5, 4],
    ["team", 3],
  ]);
  const recipients =
    size === "team"
      ? department.slice(0, 15).map((person) => person.address)
      : Array.from(
          { length: size },
          () =>
            (random.chance(0.7) && department.length > 1 ? random.pick(department) : random.pick(org.people)).address,
        );
  const site = sender.department.toLowerCase().replace(/\W+/g, "-");
  return {
    ...fromPerson(sender, random),
    timestamp: businessTime(random, dayStart, sender.country.utcOffsetMinutes),
    recipients: recipients.filter((address) => address !== sender.address),
    subject: subjectFor(random, "internal", { department: sender.department, partner: random.pick(PARTNERS).name }),
    emailDirection: "Intra-org",
    ...DELIVERED,
    authenticationDetails: PASS,
    emailSize: messageSize(random, 10.2),
    urls: random.chance(0.35) ? urlsFor(random, "internal", site) : [],
    files: random.chance(0.14) ? filesFor(random, random.pick(PARTNERS).name) : [],
  };
}

function outboundMessage(random: Random, org: Org, sender: Person, dayStart: number): Message {
  const partner = partnerFor(random, sender);
  const contacts = org.contacts.get(partner.domain) ?? [];
  return {
    ...fromPerson(sender, random),
    timestamp: businessTime(random, dayStart, sender.country.utcOffsetMinutes),
    recipients: random.sample(contacts, random.chance(0.75) ? 1 : 2).map((contact) => contact.address),
    subject: subjectFor(random, "outbound", { partner: partner.name }),
    emailDirection: "Outbound",
    deliveryAction: "Delivered",
    deliveryLocation: "On-premises/external",
    authenticationDetails: PASS,
    emailSize: messageSize(random, 10.4),
    urls: random.chance(0.3) ? urlsFor(random, "outbound", ORG_DOMAIN) : [],
    files: random.chance(0.18) ? filesFor(random, partner.name) : [],
  };
}

function inboundMessage(random: Random, org: Org, recipient: Person, department: Person[], dayStart: number): Message {
  const partner = partnerFor(random, recipient);
  const contact = random.pick(org.contacts.get(partner.domain) ?? []);
  const colleagues = random.chance(0.2)
    ? random.sample(department, random.int(1, 2)).map((person) => person.address)
    : [];
  return {
    timestamp: businessTime(random, dayStart, recipient.country.utcOffsetMinutes),
    senderFromAddress: contact.address,
    senderMailFromAddress: contact.address,
    senderDisplayName: contact.displayName,
    senderIPv4: partner.mailServerIp,
    recipients: [recipient.address, ...colleagues],
    subject: subjectFor(random, "inbound", { partner: partner.name }),
    emailDirection: "Inbound",
    ...DELIVERED,
    authenticationDetails: partner.kind === "supplier" && random.chance(0.1) ? { ...PASS, dkim: "none" } : PASS,
    emailSize: messageSize(random, 10.5),
    urls: random.chance(0.4) ? urlsFor(random, "inbound", partner.domain) : [],
    files: random.chance(0.22) ? filesFor(random, partner.name) : [],
  };
}

// Bulk senders address each subscriber with a message of its own, all sent within a few minutes.
function newsletterMessages(random: Random, org: Org, seed: number, dayStart: number): Message[] {
  const dayNumber = Math.floor(dayStart / DAY_MS);
  return NEWSLETTERS.flatMap((newsletter, index) => {
    const isDaily = newsletter.everyDays === 1;
    if ((isDaily && !isWorkingDay(dayStart)) || (dayNumber + index) % newsletter.everyDays !== 0) return [];
    const sendAt = dayStart + random.int(5 * 60, 14 * 60) * 60_000;
    const domain = newsletter.address.split("@")[1];
    const subject = `${newsletter.displayName} — ${isDaily ? "today's briefing" : "weekly digest"} #${dayNumber % 1000}`;
    return subscribers(org, seed, newsletter.address, newsletter.departments).map(
      (subscriber): Message => ({
        timestamp: new Date(sendAt + random.int(0, 600_000)).toISOString(),
        senderFromAddress: newsletter.address,
        senderMailFromAddress: `bounce-${random.hex(8)}@mail.${domain}`,
        senderDisplayName: newsletter.displayName,
        senderIPv4: newsletter.mailServerIp,
        recipients: [subscriber.address],
        subject,
        emailDirection: "Inbound",
        ...DELIVERED,
        authenticationDetails: PASS,
        emailSize: messageSize(random, 11),
        urls: urlsFor(random, "newsletter", domain),
        files: [],
      }),
    );
  });
}

/** Who reads a newsletter: mostly the departments it is written for. Stable across days for one seed. */
export function subscribers(org: Org, seed: number, newsletter: string, departments: readonly string[]): Person[] {
  return org.people.filter((person) => {
    const roll =
      createHash("sha1").update(`${seed}|${newsletter}|${person.address}`).digest().readUInt32BE(0) / 2 ** 32;
    return roll < (departments.includes(person.department) ? 0.45 : 0.05);
  });
}

function threatMessages(random: Random, org: Org, dayStart: number, working: boolean): Message[] {
  const messages: Message[] = [];
  const spam = THREAT_SENDERS.filter((sender) => sender.kind === "spam");
  for (let n = countFor(random, org.people.length * (working ? 0.35 : 0.25)); n > 0; n--) {
    messages.push(threatMessage(random, random.pick(spam), [random.pick(org.people)], dayStart, null));
  }
  if (random.chance(0.4)) {
    const sender = random.pick(THREAT_SENDERS.filter((template) => template.kind === "phish"));
    const targets = random.sample(org.people, random.int(2, Math.max(3, Math.round(org.people.length / 25))));
    for (const target of targets) messages.push(threatMessage(random, sender, [target], dayStart, null));
  }
  if (random.chance(0.25)) {
    const sender = random.pick(THREAT_SENDERS.filter((template) => template.kind === "malware"));
    const file = random.pick(MALWARE_FILES);
    const fileName = fillName(random, file.fileName);
    const sha256 = createHash("sha256")
      .update(`${fileName}\n${random.hex(32)}`)
      .digest("hex");
    const payload = {
      fileName,
      fileType: file.fileType,
      fileSize: random.int(20, 900) * 1024,
      sha256,
      threatTypes: ["Malware" as const],
    };
    for (const target of random.sample(org.people, random.int(1, 4)))
      messages.push(threatMessage(random, sender, [target], dayStart, payload));
  }
  return messages;
}

function threatMessage(
  random: Random,
  template: (typeof THREAT_SENDERS)[number],
  targets: Person[],
  dayStart: number,
  file: Message["files"][number] | null,
): Message {
  const threat = template.kind === "spam" ? "Spam" : template.kind === "phish" ? "Phish" : "Malware";
  const isQuarantined = template.kind === "malware" || random.chance(template.kind === "phish" ? 0.75 : 0.1);
  const domain = template.fromAddress.split("@")[1];
  const spoofed = template.methods.includes("Spoof external domain") || template.kind === "spam";
  return {
    timestamp: new Date(dayStart + random.int(0, DAY_MS - 1)).toISOString(),
    senderFromAddress: template.fromAddress,
    senderMailFromAddress: template.fromAddress,
    senderDisplayName: template.displayName,
    senderIPv4: `192.0.2.${random.int(100, 254)}`,
    recipients: targets.map((target) => target.address),
    subject: threatSubject(random, template),
    emailDirection: "Inbound",
    deliveryAction: isQuarantined ? "Blocked" : "Junked",
    deliveryLocation: isQuarantined ? "Quarantine" : "Junk folder",
    threatTypes: [threat],
    detectionMethods: { [threat]: [...template.methods] },
    authenticationDetails: spoofed
      ? { spf: random.pick(["softfail", "fail", "none"]), dkim: "none", dmarc: "fail", compAuth: "fail" }
      : PASS,
    emailSize: messageSize(random, 9.8),
    urls:
      template.kind === "malware"
        ? []
        : random.chance(template.kind === "spam" ? 0.9 : 1)
          ? urlsFor(random, template.kind as MessageKind, domain)
          : [],
    files: file ? [file] : [],
  };
}

function toRows(random: Random, seed: number, message: Message): TEmailEventInput[] {
  const { recipients, files, urls: links, ...fields } = message;
  const networkMessageId = random.uuid();
  const senderDomain = fields.senderFromAddress.split("@")[1];
  const internetMessageId = `<${random.hex(24).toUpperCase()}@${senderDomain}>`;
  const attachments = files.map((file, index) => ({
    ...file,
    sha256: file.sha256 ?? contentHash(seed, networkMessageId, index, file.fileName),
  }));
  const urls = links.map((url) => ({ url }));
  const emailSize = fields.emailSize + attachments.reduce((sum, file) => sum + file.fileSize, 0);
  return [...new Set(recipients)].map((recipientEmailAddress) => ({
    ...fields,
    emailSize,
    networkMessageId,
    internetMessageId,
    recipientEmailAddress,
    urls,
    attachments,
  }));
}

// The SHA-256 of a file whose made-up content is fixed by the seed, the message and the file's place in it.
function contentHash(seed: number, networkMessageId: string, index: number, fileName: string): string {
  return createHash("sha256").update(`${seed}\n${networkMessageId}\n${index}\n${fileName}`).digest("hex");
}

function fromPerson(person: Person, random: Random) {
  return {
    senderFromAddress: person.address,
    senderMailFromAddress: person.address,
    senderDisplayName: person.displayName,
    senderIPv4: random.pick(ORG_MAIL_IPS),
  };
}

function partnerFor(random: Random, person: Person): Partner {
  const related = PARTNERS.filter((partner) => partner.departments.includes(person.department));
  return random.pick(related.length ? related : PARTNERS);
}

function filesFor(random: Random, partner: string): Message["files"] {
  return Array.from({ length: random.chance(0.85) ? 1 : 2 }, () => fileFor(random, { partner }));
}

// Message sizes are log-normal: most are small, a few are large.
const messageSize = (random: Random, logMedian: number) => Math.round(Math.exp(random.normal(logMedian, 0.6)));
