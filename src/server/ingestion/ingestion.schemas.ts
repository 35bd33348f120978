// What the ingestion API accepts. Field names follow Defender's advanced-hunting columns, in camelCase
// (`networkMessageId` for NetworkMessageId) like the rest of the v1 API and the Prisma models, so one spelling
// runs from the request to the table. Objects are strict: a PascalCase or misspelt key is an error, never
// silently dropped. Domains, counts and ReportIds are derived on the server, never taken from the client.
import "server-only";
import { z } from "zod";
import { isStorableDate, STORABLE_DATE_ERROR } from "@/server/http/safe-date";
import { safe, ZSafeJson, ZText as ZSafeText } from "@/server/http/safe-text";
import { type TAuthenticationDetails, ZAuthenticationDetails } from "./authentication-details";

export const EMAIL_DIRECTIONS = ["Inbound", "Outbound", "Intra-org"] as const;
export const DELIVERY_ACTIONS = ["Delivered", "Junked", "Blocked", "Replaced"] as const;
export const DELIVERY_LOCATIONS = [
  "Inbox/folder",
  "Junk folder",
  "Quarantine",
  "Deleted items",
  "Dropped",
  "Failed",
  "On-premises/external",
] as const;
export const THREAT_TYPES = ["Phish", "Malware", "Spam"] as const;
export const DETECTION_METHODS = [
  "Advanced filter",
  "General filter",
  "Bulk",
  "Campaign",
  "Domain reputation",
  "File detonation",
  "File detonation reputation",
  "File reputation",
  "Fingerprint matching",
  "Impersonation brand",
  "Impersonation domain",
  "Impersonation user",
  "Mixed analysis detection",
  "Spoof DMARC",
  "Spoof external domain",
  "Spoof intra-org",
  "URL detonation",
  "URL detonation reputation",
  "URL malicious reputation",
  "Antimalware protection",
] as const;
export const CONFIDENCE_LEVELS = ["High", "Normal", "Low"] as const;
export const URL_LOCATIONS = ["Body", "Subject", "Attachment", "QRCode", "Header"] as const;

const enumOf = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: (issue) => `unknown ${what} ${JSON.stringify(issue.input)}; expected one of: ${values.join(", ")}`,
  });

// Stored as sent (no trimming): the shared text schema's NUL and surrogate checks, a 400 naming the field.
export const ZText = (max: number) => ZSafeText(max, { trim: false });

export const ZEmailAddress = z
  .email({ error: (issue) => `not an email address: ${JSON.stringify(issue.input)}` })
  .max(320)
  .toLowerCase();

// Microsoft's ids are GUIDs that need not carry an RFC 4122 version, so any 8-4-4-4-12 hex form is accepted.
export const ZGuid = z.guid({ error: (issue) => `not a UUID: ${JSON.stringify(issue.input)}` }).toLowerCase();

export const ZTimestamp = z.iso
  .datetime({
    offset: true,
    error: (issue) =>
      `not an ISO 8601 date-time with Z or an offset (e.g. 2025-01-31T09:30:00Z): ${JSON.stringify(issue.input)}`,
  })
  .refine(isStorableDate, { error: STORABLE_DATE_ERROR });

export const ZSha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, { error: (issue) => `not a SHA-256 (64 hex digits): ${JSON.stringify(issue.input)}` })
  .toLowerCase();

export const ZThreatType = enumOf(THREAT_TYPES, "threat type");
export const ZDetectionMethod = enumOf(DETECTION_METHODS, "detection method");

export const ZEmailUrlInput = z.strictObject({
  url: safe(
    z.url({ protocol: /^https?$/, error: (issue) => `not an http(s) URL: ${JSON.stringify(issue.input)}` }).max(2048),
  ),
  urlLocation: enumOf(URL_LOCATIONS, "URL location").default("Body"),
});

export const ZEmailAttachmentInput = z.strictObject({
  fileName: ZText(255).min(1),
  fileType: ZText(64).min(1),
  sha256: ZSha256,
  fileSize: z.int().min(0).max(2_147_483_647),
  threatTypes: z.array(ZThreatType).max(THREAT_TYPES.length).default([]),
});

/** One message and one recipient, as a row of Defender's EmailEvents. */
export const ZEmailEventInput = z.strictObject({
  timestamp: ZTimestamp,
  networkMessageId: ZGuid,
  internetMessageId: ZText(998).regex(/^<[^<>\s]+>$/, {
    error: "must look like <local@host>, angle brackets included",
  }),
  senderFromAddress: ZEmailAddress,
  senderMailFromAddress: ZEmailAddress,
  senderDisplayName: ZText(256),
  senderIPv4: z.ipv4({ error: (issue) => `not an IPv4 address: ${JSON.stringify(issue.input)}` }).nullish(),
  recipientEmailAddress: ZEmailAddress,
  subject: ZText(1000),
  emailDirection: enumOf(EMAIL_DIRECTIONS, "email direction"),
  deliveryAction: enumOf(DELIVERY_ACTIONS, "delivery action"),
  deliveryLocation: enumOf(DELIVERY_LOCATIONS, "delivery location"),
  threatTypes: z.array(ZThreatType).max(THREAT_TYPES.length).default([]),
  // Defender's own shape: the methods that found each threat type, e.g. { "Phish": ["URL detonation"] }.
  detectionMethods: z
    .partialRecord(ZThreatType, z.array(ZDetectionMethod).min(1).max(DETECTION_METHODS.length))
    .default({}),
  // The mail system's own verdict, when it has one. A row that names a threat keeps these as sent; a row that names
  // none is judged by Breakwater's detection engine, which fills them (see judge-email-events.ts).
  threatNames: z.array(ZText(256).min(1)).max(50).default([]),
  confidenceLevel: z.partialRecord(ZThreatType, enumOf(CONFIDENCE_LEVELS, "confidence level")).default({}),
  bulkComplaintLevel: z.int().min(0).max(9).nullish(),
  // What the mail system's policies did: e.g. "Block" by "Tenant Allow/Block List", "MoveToJmf" by a user's junk rule.
  orgLevelAction: ZText(64).default(""),
  orgLevelPolicy: ZText(256).default(""),
  userLevelAction: ZText(64).default(""),
  userLevelPolicy: ZText(256).default(""),
  authenticationDetails: ZAuthenticationDetails,
  emailSize: z.int().min(0).max(2_147_483_647),
  // See body-fingerprint.ts: the copies of one campaign share it. Optional: not every mail system can compute it.
  bodyFingerprint: z
    .string()
    .regex(/^[0-9a-f]{32}$/, { error: "must be 32 lowercase hex digits (see bodyFingerprint)" })
    .nullish(),
  urls: z.array(ZEmailUrlInput).max(1000).default([]),
  attachments: z.array(ZEmailAttachmentInput).max(250).default([]),
});

export const ZEmailEventBatch = z.array(ZEmailEventInput);

// Code that builds rows (the simulator, the mail log follower) writes the canonical spelling; the wire takes more.
export type TEmailEventInput = Omit<z.input<typeof ZEmailEventInput>, "authenticationDetails"> & {
  authenticationDetails: TAuthenticationDetails;
};
export type TEmailEvent = z.output<typeof ZEmailEventInput>;
export type TThreatType = z.output<typeof ZThreatType>;
export type TDetectionMethod = z.output<typeof ZDetectionMethod>;

// ───────────── identity and mailbox configuration ─────────────

export const LOGON_ACTION_TYPES = ["LogonSuccess", "LogonFailed"] as const;
export const MFA_METHOD_TYPES = ["authenticatorApp", "phone", "fido2", "email", "softwareOath"] as const;

const ZIpAddress = z.union([z.ipv4(), z.ipv6()], {
  error: (issue) => `not an IP address: ${JSON.stringify(issue.input)}`,
});
const ZCountryCode = z.string().regex(/^[A-Z]{2}$/, { error: "must be an ISO 3166 two-letter country code, e.g. US" });
const ZName = ZText(256).trim().min(1);

const ZSignInEvent = z.strictObject({
  type: z.literal("signIn"),
  timestamp: ZTimestamp,
  accountUpn: ZEmailAddress,
  accountDisplayName: ZName,
  actionType: enumOf(LOGON_ACTION_TYPES, "logon action type"),
  application: ZName,
  logonType: ZName,
  protocol: ZName,
  failureReason: ZText(512).nullish(),
  deviceName: ZText(256).nullish(),
  ipAddress: ZIpAddress,
  countryCode: ZCountryCode,
  city: ZText(128).nullish(),
  isp: ZText(256).nullish(),
});

const ZMailboxEvent = z.strictObject({
  type: z.literal("mailbox"),
  address: ZEmailAddress,
  displayName: ZName,
  department: ZName,
  jobTitle: ZText(256).nullish(),
  country: ZCountryCode,
  createdAt: ZTimestamp.optional(),
});

// Rules have no id a mail system shares, so a rule is known by its mailbox and name: "create" of an existing name
// updates it (re-sending a batch changes nothing), "update" of a missing one creates it.
const ZInboxRuleEvent = z.strictObject({
  type: z.literal("inboxRule"),
  operation: enumOf(["create", "update"], "inbox rule operation"),
  mailbox: ZEmailAddress,
  name: ZName,
  isEnabled: z.boolean().optional(),
  isHidden: z.boolean().optional(),
  forwardTo: ZEmailAddress.nullish(),
  redirectTo: ZEmailAddress.nullish(),
  deleteMessage: z.boolean().optional(),
  moveToFolder: ZText(256).nullish(),
  markAsRead: z.boolean().optional(),
  conditions: ZSafeJson(z.record(z.string(), z.unknown())).optional(),
  createdAt: ZTimestamp.optional(),
  createdFromIPAddress: ZIpAddress.nullish(),
});

const ZForwardingEvent = z
  .strictObject({
    type: z.literal("forwarding"),
    operation: enumOf(["set", "clear"], "forwarding operation"),
    mailbox: ZEmailAddress,
    forwardingSmtpAddress: ZEmailAddress.nullish(),
    deliverToMailboxAndForward: z.boolean().default(false),
  })
  .refine((event) => event.operation === "clear" || event.forwardingSmtpAddress, {
    error: "forwardingSmtpAddress is required to set forwarding",
    path: ["forwardingSmtpAddress"],
  });

const ZMfaMethodEvent = z.strictObject({
  type: z.literal("mfaMethod"),
  mailbox: ZEmailAddress,
  method: enumOf(MFA_METHOD_TYPES, "MFA method"),
  detail: ZText(256).min(1),
  addedAt: ZTimestamp.optional(),
});

const ZAppConsentEvent = z.strictObject({
  type: z.literal("appConsent"),
  mailbox: ZEmailAddress,
  appId: ZGuid,
  appName: ZName,
  publisher: ZText(256).nullish(),
  scopes: z.array(ZText(256).min(1)).min(1).max(200),
  consentedAt: ZTimestamp.optional(),
});

const ZRoleAssignmentEvent = z.strictObject({
  type: z.literal("roleAssignment"),
  mailbox: ZEmailAddress,
  role: ZName,
  assignedAt: ZTimestamp.optional(),
});

const ZSessionEvent = z.strictObject({
  type: z.literal("session"),
  mailbox: ZEmailAddress,
  sessionId: ZGuid,
  ipAddress: ZIpAddress,
  country: ZCountryCode,
  client: ZName,
  createdAt: ZTimestamp.optional(),
  lastSeenAt: ZTimestamp.optional(),
});

/** A sign-in or a change to a mailbox's configuration. */
export const ZIdentityEventInput = z.discriminatedUnion("type", [
  ZSignInEvent,
  ZMailboxEvent,
  ZInboxRuleEvent,
  ZForwardingEvent,
  ZMfaMethodEvent,
  ZAppConsentEvent,
  ZRoleAssignmentEvent,
  ZSessionEvent,
]);

export const ZIdentityEventBatch = z.array(ZIdentityEventInput);

export type TIdentityEventInput = z.input<typeof ZIdentityEventInput>;
export type TIdentityEvent = z.output<typeof ZIdentityEventInput>;
export type TIdentityEventType = TIdentityEvent["type"];
export type TIdentityEventOf<K extends TIdentityEventType> = Extract<TIdentityEvent, { type: K }>;
