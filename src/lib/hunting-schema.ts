// The advanced-hunting schema: Defender's table and column names (PascalCase) over the tenant store's Prisma models
// (camelCase). It is the one place the two spellings meet: the schema reference page lists it, and the hunting
// query engine resolves the names a query uses through it. Pure data and lookups, no I/O.

export type TKustoType = "datetime" | "string" | "int" | "long" | "bool" | "dynamic";

export type THuntingModel = "EmailEvent" | "EmailUrlInfo" | "EmailAttachmentInfo" | "EmailPostDeliveryEvent" | "IdentityLogonEvent" | "UrlClickEvent";

export type THuntingColumn = { name: string; field: string; type: TKustoType; description: string };

export type THuntingTable = {
  name: string;
  model: THuntingModel;
  description: string;
  columns: readonly THuntingColumn[];
  /** Prisma fields deliberately left out of hunting (surrogate keys that mean nothing to an analyst). */
  hiddenFields: readonly string[];
};

type TColumnSpec = [name: string, field: string, type: TKustoType, description: string];

const columns = (specs: TColumnSpec[]): THuntingColumn[] => specs.map(([name, field, type, description]) => ({ name, field, type, description }));

const TIMESTAMP: TColumnSpec = ["Timestamp", "timestamp", "datetime", "Date and time the event was recorded (UTC)"];
const NETWORK_MESSAGE_ID: TColumnSpec = ["NetworkMessageId", "networkMessageId", "string", "Unique identifier the mail system gives the message"];
const THREAT_TYPES: TColumnSpec = ["ThreatTypes", "threatTypes", "string", "Verdicts: Phish, Malware or Spam, comma separated; empty when clean"];
const DETECTION_METHODS: TColumnSpec = ["DetectionMethods", "detectionMethods", "string", "Technologies that found each threat, as JSON"];
const REPORT_ID: TColumnSpec = ["ReportId", "reportId", "string", "Identifier of the event, unique per row"];

export const HUNTING_TABLES: readonly THuntingTable[] = [
  {
    name: "EmailEvents",
    model: "EmailEvent",
    description: "One row per message and recipient: sender, delivery and verdicts.",
    hiddenFields: ["id"],
    columns: columns([
      TIMESTAMP,
      NETWORK_MESSAGE_ID,
      ["InternetMessageId", "internetMessageId", "string", "Message-ID header set by the sending system"],
      ["SenderFromAddress", "senderFromAddress", "string", "Address in the From header, the sender the recipient sees"],
      ["SenderFromDomain", "senderFromDomain", "string", "Domain of SenderFromAddress"],
      ["SenderMailFromAddress", "senderMailFromAddress", "string", "Envelope sender (MAIL FROM, Return-Path)"],
      ["SenderMailFromDomain", "senderMailFromDomain", "string", "Domain of SenderMailFromAddress"],
      ["SenderDisplayName", "senderDisplayName", "string", "Display name in the From header"],
      ["SenderIPv4", "senderIPv4", "string", "IPv4 address of the last server that relayed the message"],
      ["RecipientEmailAddress", "recipientEmailAddress", "string", "Recipient, after distribution lists are expanded"],
      ["Subject", "subject", "string", "Subject of the message"],
      ["EmailDirection", "emailDirection", "string", "Inbound, Outbound or Intra-org"],
      ["DeliveryAction", "deliveryAction", "string", "Delivered, Junked, Blocked or Replaced"],
      ["DeliveryLocation", "deliveryLocation", "string", "Where the message was delivered: Inbox/folder, Junk folder, Quarantine, …"],
      ["LatestDeliveryLocation", "latestDeliveryLocation", "string", "Where the message is now, after any post-delivery action"],
      ["LatestDeliveryAction", "latestDeliveryAction", "string", "The last action taken on the message after delivery"],
      THREAT_TYPES,
      DETECTION_METHODS,
      ["ConfidenceLevel", "confidenceLevel", "string", "Confidence of the phish and spam verdicts, as JSON"],
      ["AuthenticationDetails", "authenticationDetails", "dynamic", "SPF, DKIM, DMARC and CompAuth results"],
      ["AttachmentCount", "attachmentCount", "int", "Number of attachments"],
      ["UrlCount", "urlCount", "int", "Number of URLs in the message"],
      ["EmailSize", "emailSize", "long", "Size of the message in bytes"],
      ["BodyFingerprint", "bodyFingerprint", "string", "Breakwater addition: hash of the normalised body, to find similar messages"],
      ["AdditionalActions", "additionalActions", "dynamic", "Breakwater addition: actions after delivery, as Threat Explorer shows them"],
      REPORT_ID,
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
      ["RecipientEmailAddress", "recipientEmailAddress", "string", "Recipient of the message"],
      ["FileName", "fileName", "string", "Name of the file"],
      ["FileType", "fileType", "string", "File extension or type"],
      ["SHA256", "sha256", "string", "SHA-256 of the file"],
      ["FileSize", "fileSize", "long", "Size of the file in bytes"],
      THREAT_TYPES,
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
      ["AccountUpn", "accountUpn", "string", "User principal name of the account"],
      ["AccountDisplayName", "accountDisplayName", "string", "Display name of the account"],
      ["DeviceName", "deviceName", "string", "Device the sign-in came from"],
      ["IPAddress", "ipAddress", "string", "IP address the sign-in came from"],
      ["CountryCode", "countryCode", "string", "Two-letter country of the IP address"],
      ["City", "city", "string", "City of the IP address"],
      ["ISP", "isp", "string", "Internet service provider of the IP address"],
      REPORT_ID,
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
