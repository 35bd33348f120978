// The advanced-hunting schema: Defender's table and column names (PascalCase) over the tenant store's Prisma models
// (camelCase). It is the one place the two spellings meet: the schema reference page lists it, and the hunting
// query engine resolves the names a query uses through it. Pure data and lookups, no I/O.

export type TKustoType = "datetime" | "string" | "int" | "long" | "bool" | "dynamic";

export type THuntingModel =
  | "EmailEvent"
  | "EmailUrlInfo"
  | "EmailAttachmentInfo"
  | "EmailPostDeliveryEvent"
  | "IdentityLogonEvent"
  | "UrlClickEvent";

/**
 * `field` is the Prisma field the column reads. It is null for a column Defender documents that Breakwater does not
 * record (always empty, so published queries that name it still run) or computes from other fields (AccountName).
 */
export type THuntingColumn = { name: string; field: string | null; type: TKustoType; description: string };

export type THuntingTable = {
  name: string;
  model: THuntingModel;
  description: string;
  columns: readonly THuntingColumn[];
  /** Prisma fields deliberately left out of hunting (surrogate keys that mean nothing to an analyst). */
  hiddenFields: readonly string[];
};

type TColumnSpec = [name: string, field: string | null, type: TKustoType, description: string];

const columns = (specs: TColumnSpec[]): THuntingColumn[] =>
  specs.map(([name, field, type, description]) => ({ name, field, type, description }));

/** A column of Defender's schema with no data here: empty text, or null for other types. */
const unrecorded = (name: string, type: TKustoType, description: string): TColumnSpec => [
  name,
  null,
  type,
  `${description} (not recorded by Breakwater: always empty)`,
];

const SENDER_OBJECT_ID = unrecorded("SenderObjectId", "string", "Microsoft Entra ID of the sender's account");
const RECIPIENT_OBJECT_ID = unrecorded("RecipientObjectId", "string", "Microsoft Entra ID of the recipient");
const THREAT_NAMES = unrecorded("ThreatNames", "string", "Detection names of the malware or other threats found");

const TIMESTAMP: TColumnSpec = ["Timestamp", "timestamp", "datetime", "Date and time the event was recorded (UTC)"];
const NETWORK_MESSAGE_ID: TColumnSpec = [
  "NetworkMessageId",
  "networkMessageId",
  "string",
  "Unique identifier the mail system gives the message",
];
const THREAT_TYPES: TColumnSpec = [
  "ThreatTypes",
  "threatTypes",
  "string",
  "Verdicts: Phish, Malware or Spam, comma separated; empty when clean",
];
const DETECTION_METHODS: TColumnSpec = [
  "DetectionMethods",
  "detectionMethods",
  "string",
  "Technologies that found each threat, as JSON",
];
const REPORT_ID: TColumnSpec = ["ReportId", "reportId", "string", "Identifier of the event, unique per row"];

export const HUNTING_TABLES: readonly THuntingTable[] = [
  {
    name: "EmailEvents",
    model: "EmailEvent",
    description: "One row per message and recipient: sender, delivery and verdicts.",
    hiddenFields: ["id"],
    // Defender's order, then Breakwater's additions.
    columns: columns([
      TIMESTAMP,
      NETWORK_MESSAGE_ID,
      ["InternetMessageId", "internetMessageId", "string", "Message-ID header set by the sending system"],
      ["SenderMailFromAddress", "senderMailFromAddress", "string", "Envelope sender (MAIL FROM, Return-Path)"],
      ["SenderFromAddress", "senderFromAddress", "string", "Address in the From header, the sender the recipient sees"],
      ["SenderDisplayName", "senderDisplayName", "string", "Display name in the From header"],
      SENDER_OBJECT_ID,
      ["SenderMailFromDomain", "senderMailFromDomain", "string", "Domain of SenderMailFromAddress"],
      ["SenderFromDomain", "senderFromDomain", "string", "Domain of SenderFromAddress"],
      ["SenderIPv4", "senderIPv4", "string", "IPv4 address of the last server that relayed the message"],
      unrecorded("SenderIPv6", "string", "IPv6 address of the last server that relayed the message"),
      ["RecipientEmailAddress", "recipientEmailAddress", "string", "Recipient, after distribution lists are expanded"],
      RECIPIENT_OBJECT_ID,
      ["Subject", "subject", "string", "Subject of the message"],
      [
        "EmailClusterId",
        "emailClusterId",
        "long",
        "Group of similar messages: copies with the same body fingerprint share it; empty until the content is known",
      ],
      ["EmailDirection", "emailDirection", "string", "Inbound, Outbound or Intra-org"],
      ["DeliveryAction", "deliveryAction", "string", "Delivered, Junked, Blocked or Replaced"],
      [
        "DeliveryLocation",
        "deliveryLocation",
        "string",
        "Where the message was delivered: Inbox/folder, Junk folder, Quarantine, …",
      ],
      THREAT_TYPES,
      [
        "ThreatNames",
        "threatNames",
        "string",
        "What decided the verdict: the detection engine's deciding signal ids (e.g. auth.dmarc_fail), or the mail system's own names",
      ],
      DETECTION_METHODS,
      [
        "ConfidenceLevel",
        "confidenceLevel",
        "string",
        "Confidence of each threat type's verdict (High, Normal, Low), as JSON",
      ],
      [
        "BulkComplaintLevel",
        "bulkComplaintLevel",
        "int",
        "Bulk complaint level (BCL) 0–9; empty when the message was not judged",
      ],
      unrecorded("EmailAction", "string", "Final action on the message from verdict, policies and user actions"),
      unrecorded("EmailActionPolicy", "string", "Policy that decided the final action"),
      unrecorded("EmailActionPolicyGuid", "string", "Identifier of that policy"),
      ["AuthenticationDetails", "authenticationDetails", "dynamic", "SPF, DKIM, DMARC and CompAuth results"],
      ["AttachmentCount", "attachmentCount", "int", "Number of attachments"],
      ["UrlCount", "urlCount", "int", "Number of URLs in the message"],
      unrecorded("EmailLanguage", "string", "Detected language of the content"),
      unrecorded("Connectors", "string", "Connectors the message was routed through"),
      ["OrgLevelAction", "orgLevelAction", "string", "Action from an organisation-level policy, e.g. Block"],
      ["OrgLevelPolicy", "orgLevelPolicy", "string", "Organisation-level policy that acted, e.g. Restricted users"],
      [
        "UserLevelAction",
        "userLevelAction",
        "string",
        "Action from the recipient's mailbox policy, as the mail system reported it",
      ],
      [
        "UserLevelPolicy",
        "userLevelPolicy",
        "string",
        "Recipient's mailbox policy that acted, as the mail system reported it",
      ],
      REPORT_ID,
      unrecorded("AdditionalFields", "string", "Additional information about the event"),
      [
        "LatestDeliveryLocation",
        "latestDeliveryLocation",
        "string",
        "Where the message is now, after any post-delivery action",
      ],
      [
        "LatestDeliveryAction",
        "latestDeliveryAction",
        "string",
        "The last action on the message: its delivery action, then any action after delivery",
      ],
      ["EmailSize", "emailSize", "long", "Breakwater addition: size of the message in bytes"],
      [
        "BodyFingerprint",
        "bodyFingerprint",
        "string",
        "Breakwater addition: hash of the normalised body, to find similar messages",
      ],
      [
        "AdditionalActions",
        "additionalActions",
        "dynamic",
        "Breakwater addition: actions after delivery, as Threat Explorer shows them",
      ],
    ]),
  },
  {
    name: "EmailUrlInfo",
    model: "EmailUrlInfo",
    description: "URLs found in messages, one row per message and URL.",
    hiddenFields: ["id"],
    columns: columns([
      TIMESTAMP,
      NETWORK_MESSAGE_ID,
      ["Url", "url", "string", "Full URL"],
      ["UrlDomain", "urlDomain", "string", "Host name of the URL"],
      ["UrlLocation", "urlLocation", "string", "Where the URL was found: Body, Subject, Attachment, QRCode or Header"],
      REPORT_ID,
    ]),
  },
  {
    name: "EmailAttachmentInfo",
    model: "EmailAttachmentInfo",
    description: "Files attached to messages, one row per message, recipient and file.",
    hiddenFields: ["id"],
    columns: columns([
      TIMESTAMP,
      NETWORK_MESSAGE_ID,
      ["SenderFromAddress", "senderFromAddress", "string", "Address in the From header"],
      unrecorded("SenderDisplayName", "string", "Display name in the From header"),
      SENDER_OBJECT_ID,
      ["RecipientEmailAddress", "recipientEmailAddress", "string", "Recipient of the message"],
      RECIPIENT_OBJECT_ID,
      ["FileName", "fileName", "string", "Name of the file"],
      ["FileType", "fileType", "string", "File extension or type"],
      ["SHA256", "sha256", "string", "SHA-256 of the file"],
      ["FileSize", "fileSize", "long", "Size of the file in bytes"],
      THREAT_TYPES,
      THREAT_NAMES,
      DETECTION_METHODS,
      REPORT_ID,
    ]),
  },
  {
    name: "EmailPostDeliveryEvents",
    model: "EmailPostDeliveryEvent",
    description: "What happened to messages after delivery: ZAP, manual and automated remediation, redirection.",
    hiddenFields: ["id"],
    columns: columns([
      TIMESTAMP,
      NETWORK_MESSAGE_ID,
      ["InternetMessageId", "internetMessageId", "string", "Message-ID header set by the sending system"],
      ["Action", "action", "string", "What was done, e.g. Soft delete or Moved to junk folder"],
      ["ActionType", "actionType", "string", "Automated Remediation, Manual Remediation, ZAP or Redirection"],
      ["ActionTrigger", "actionTrigger", "string", "Who started it: Automation, AdminAction or SpecialAction"],
      ["ActionResult", "actionResult", "string", "Success or Error"],
      ["RecipientEmailAddress", "recipientEmailAddress", "string", "Mailbox the action applied to"],
      ["DeliveryLocation", "deliveryLocation", "string", "Where the message is after the action"],
      THREAT_TYPES,
      DETECTION_METHODS,
      ["ActionId", "actionId", "int", "Breakwater addition: the Action center action that did this"],
      REPORT_ID,
    ]),
  },
  {
    name: "IdentityLogonEvents",
    model: "IdentityLogonEvent",
    description: "Sign-ins of the organisation's accounts, successful and failed.",
    hiddenFields: ["id"],
    columns: columns([
      TIMESTAMP,
      ["ActionType", "actionType", "string", "LogonSuccess or LogonFailed"],
      ["Application", "application", "string", "Application signed in to"],
      ["LogonType", "logonType", "string", "Kind of sign-in, e.g. Interactive"],
      ["Protocol", "protocol", "string", "Protocol used, e.g. OAuth2 or IMAP"],
      ["FailureReason", "failureReason", "string", "Why a failed sign-in failed"],
      ["AccountName", null, "string", "User name of the account: AccountUpn before the @"],
      ["AccountDomain", null, "string", "Domain of the account: AccountUpn after the @"],
      ["AccountUpn", "accountUpn", "string", "User principal name of the account"],
      unrecorded("AccountSid", "string", "Security identifier (SID) of the account"),
      unrecorded("AccountObjectId", "string", "Microsoft Entra ID of the account"),
      ["AccountDisplayName", "accountDisplayName", "string", "Display name of the account"],
      ["DeviceName", "deviceName", "string", "Device the sign-in came from"],
      unrecorded("DeviceType", "string", "Kind of device, e.g. workstation or mobile"),
      unrecorded("OSPlatform", "string", "Operating system of the device"),
      ["IPAddress", "ipAddress", "string", "IP address the sign-in came from"],
      unrecorded("Port", "int", "TCP port of the connection"),
      unrecorded("DestinationDeviceName", "string", "Server that processed the sign-in"),
      unrecorded("DestinationIPAddress", "string", "IP address of that server"),
      unrecorded("DestinationPort", "int", "Port of that server"),
      unrecorded("TargetDeviceName", "string", "Device the action applied to"),
      unrecorded("TargetAccountDisplayName", "string", "Account the action applied to"),
      ["Location", null, "string", "City and country of the IP address: City, CountryCode"],
      ["Isp", "isp", "string", "Internet service provider of the IP address"],
      REPORT_ID,
      unrecorded("AdditionalFields", "dynamic", "Additional information about the event"),
      ["CountryCode", "countryCode", "string", "Breakwater addition: two-letter country of the IP address"],
      ["City", "city", "string", "Breakwater addition: city of the IP address"],
    ]),
  },
  {
    name: "UrlClickEvents",
    model: "UrlClickEvent",
    description: "Clicks on links protected by Safe Links, allowed and blocked.",
    hiddenFields: ["id"],
    columns: columns([
      TIMESTAMP,
      ["Url", "url", "string", "URL that was clicked"],
      ["ActionType", "actionType", "string", "ClickAllowed, ClickBlocked, ClickBlockedByTenantPolicy, …"],
      ["AccountUpn", "accountUpn", "string", "User principal name of the account that clicked"],
      ["Workload", "workload", "string", "Where the link was, e.g. Email"],
      ["NetworkMessageId", "networkMessageId", "string", "Message the link was in, when it came by email"],
      THREAT_TYPES,
      DETECTION_METHODS,
      ["IPAddress", "ipAddress", "string", "IP address of the device that clicked"],
      ["IsClickedThrough", "isClickedThrough", "bool", "Whether the user went on past a warning page"],
      ["UrlChain", "urlChain", "string", "Redirects followed, in order"],
      REPORT_ID,
    ]),
  },
];

/** A table by its hunting name; exact, as in Kusto, where names are case-sensitive. */
export function findHuntingTable(name: string): THuntingTable | undefined {
  return HUNTING_TABLES.find((table) => table.name === name);
}

/** A column of a table by its hunting name, with the Prisma field it reads. */
export function findHuntingColumn(table: THuntingTable, name: string): THuntingColumn | undefined {
  return table.columns.find((column) => column.name === name);
}
