import "server-only";
import type { Random } from "@/lib/random";
import type { TDetectionMethod } from "@/server/ingestion/ingestion.schemas";

// What the simulated mail says: subjects, links and files, by kind of message. Placeholders are filled from
// the generator so that subjects vary the way real ones do.

const PROJECTS = ["Atlas", "Beacon", "Cobalt", "Delta", "Evergreen", "Falcon", "Harbor", "Summit"] as const;
const QUARTERS = ["Q1", "Q2", "Q3", "Q4"] as const;

const INTERNAL_SUBJECTS: Record<string, readonly string[]> = {
  Executive: [
    "Board deck — draft for review",
    "Leadership offsite agenda",
    "{q} priorities",
    "Re: All-hands talking points",
  ],
  Finance: [
    "{q} budget review",
    "Invoice approval needed: {partner}",
    "Month-end close checklist",
    "Expense report questions",
    "Re: Forecast update",
  ],
  "Human Resources": [
    "Onboarding checklist for new hire",
    "Open enrolment reminder",
    "Interview schedule — {project} role",
    "Re: Policy update",
  ],
  IT: [
    "Maintenance window this weekend",
    "Re: Laptop refresh",
    "Change request CR-{n}",
    "Patch Tuesday summary",
    "VPN certificate renewal",
  ],
  Legal: ["Contract redlines — {partner}", "NDA for {partner}", "Re: Trademark filing", "Privacy review for {project}"],
  Marketing: [
    "Campaign brief: {project}",
    "Updated slides for {partner}",
    "Social calendar for next week",
    "Re: Webinar landing page",
  ],
  Sales: [
    "Pipeline review {q}",
    "Re: {partner} renewal",
    "Deal desk: {partner} discount",
    "Account plan — {partner}",
    "Forecast call notes",
  ],
  Operations: [
    "Shipment delays from {partner}",
    "Re: Warehouse schedule",
    "PO {n} needs sign-off",
    "{project} weekly status",
    "Vendor scorecard {q}",
  ],
};
const COMMON_SUBJECTS = [
  "Re: Quick question",
  "Meeting notes — {project}",
  "Action items from today's sync",
  "PTO next week",
  "Lunch on Friday?",
  "Fw: {project} timeline",
  "Re: Re: Follow-up",
];
const OUTBOUND_SUBJECTS = [
  "Proposal for {partner}",
  "Re: Order #{n}",
  "Contract draft v{v}",
  "Follow-up from our call",
  "Re: Quote request",
  "Invoice INV-{n} from Contoso",
  "Meeting request: {project}",
];
const INBOUND_SUBJECTS = [
  "Invoice {n} from {partner}",
  "Re: Quote request",
  "Shipping confirmation #{n}",
  "Meeting request: {project}",
  "Re: Proposal for {partner}",
  "Statement for {q}",
  "Updated price list",
];

export type MessageKind = "internal" | "outbound" | "inbound" | "newsletter" | "spam" | "phish" | "malware";

type Fill = { partner?: string; department?: string };

function fill(random: Random, template: string, { partner = "Fabrikam" }: Fill): string {
  return template
    .replace("{project}", random.pick(PROJECTS))
    .replace("{q}", random.pick(QUARTERS))
    .replace("{partner}", partner)
    .replace("{n}", String(random.int(1000, 99999)))
    .replace("{v}", String(random.int(2, 9)));
}

export function subjectFor(random: Random, kind: "internal" | "outbound" | "inbound", context: Fill): string {
  const pool =
    kind === "internal"
      ? random.chance(0.6)
        ? (INTERNAL_SUBJECTS[context.department ?? ""] ?? COMMON_SUBJECTS)
        : COMMON_SUBJECTS
      : kind === "outbound"
        ? OUTBOUND_SUBJECTS
        : INBOUND_SUBJECTS;
  return fill(random, random.pick(pool), context);
}

export type FileTemplate = { name: string; type: string; minKb: number; maxKb: number };

const FILES: readonly FileTemplate[] = [
  { name: "{project} status.docx", type: "docx", minKb: 40, maxKb: 400 },
  { name: "{q} budget.xlsx", type: "xlsx", minKb: 60, maxKb: 900 },
  { name: "{project} overview.pptx", type: "pptx", minKb: 500, maxKb: 6000 },
  { name: "Invoice-{n}.pdf", type: "pdf", minKb: 50, maxKb: 300 },
  { name: "Contract-{partner}.pdf", type: "pdf", minKb: 120, maxKb: 900 },
  { name: "Screenshot {n}.png", type: "png", minKb: 80, maxKb: 1500 },
  { name: "Meeting notes.docx", type: "docx", minKb: 20, maxKb: 120 },
  { name: "Price list {q}.xlsx", type: "xlsx", minKb: 40, maxKb: 400 },
];

export function fileFor(random: Random, context: Fill): { fileName: string; fileType: string; fileSize: number } {
  const file = random.pick(FILES);
  return {
    fileName: fill(random, file.name, context),
    fileType: file.type,
    fileSize: random.int(file.minKb, file.maxKb) * 1024,
  };
}

/**
 * Links a message of this kind carries: the organisation's intranet, a partner's portal, a newsletter's tracker.
 * `domain` is the sender's domain; for internal mail, the department's site name.
 */
export function urlsFor(random: Random, kind: MessageKind, domain: string): string[] {
  switch (kind) {
    case "internal":
      return [
        random.pick([
          `https://contoso.sharepoint.example/sites/${domain}/Shared%20Documents/${random.pick(PROJECTS)}-${random.int(1, 40)}.docx`,
          `https://teams.contoso.example/l/meetup-join/${random.hex(16)}`,
          `https://wiki.contoso.example/display/${random.pick(PROJECTS).toLowerCase()}/${random.int(100, 999)}`,
        ]),
      ];
    case "outbound":
      return [
        random.pick([
          `https://www.contoso.test/products/${random.pick(PROJECTS).toLowerCase()}`,
          `https://share.contoso.example/s/${random.hex(12)}`,
        ]),
      ];
    case "inbound":
      return [
        random.pick([
          `https://portal.${domain}/orders/${random.int(10000, 99999)}`,
          `https://www.${domain}/`,
          `https://docs.${domain}/view/${random.hex(10)}`,
        ]),
      ];
    case "newsletter":
      return Array.from({ length: random.int(3, 6) }, (_, i) => `https://click.${domain}/t/${random.hex(10)}${i}`);
    case "spam":
      return [`https://${domain}/offer?id=${random.hex(8)}`];
    case "phish":
      return [`https://${domain}/${random.pick(["login", "verify", "secure/auth", "owa"])}/${random.hex(12)}`];
    case "malware":
      return [];
  }
}

export type ThreatTemplate = {
  kind: "spam" | "phish" | "malware";
  fromAddress: string;
  displayName: string;
  subjects: readonly string[];
  methods: readonly TDetectionMethod[];
};

// Senders of unwanted mail. The lookalike hosts imitate well-known brands only under .example.
export const THREAT_SENDERS: readonly ThreatTemplate[] = [
  {
    kind: "spam",
    fromAddress: "deals@mega-discounts.example",
    displayName: "Mega Discounts",
    subjects: ["Limited time offer: 70% off", "Your exclusive coupon inside"],
    methods: ["Advanced filter", "Bulk"],
  },
  {
    kind: "spam",
    fromAddress: "winner@prize-center.example",
    displayName: "Prize Center",
    subjects: ["Congratulations! You've been selected", "Claim your reward today"],
    methods: ["General filter", "Domain reputation"],
  },
  {
    kind: "spam",
    fromAddress: "info@crypto-yields.example",
    displayName: "Crypto Yields",
    subjects: ["Earn 12% weekly — guaranteed", "Last chance to join"],
    methods: ["Advanced filter", "Domain reputation"],
  },
  {
    kind: "spam",
    fromAddress: "support@parcel-notice.example",
    displayName: "Parcel Notice",
    subjects: ["Your package could not be delivered", "Delivery fee pending"],
    methods: ["General filter"],
  },
  {
    kind: "phish",
    fromAddress: "no-reply@micros0ft-365.example",
    displayName: "Microsoft 365",
    subjects: ["Action required: your password expires today", "Unusual sign-in activity"],
    methods: ["URL detonation reputation", "Impersonation brand"],
  },
  {
    kind: "phish",
    fromAddress: "helpdesk@contoso-support.example",
    displayName: "Contoso IT Helpdesk",
    subjects: ["Mailbox storage full — verify your account", "Re-validate your VPN access"],
    methods: ["Impersonation domain", "URL malicious reputation"],
  },
  {
    kind: "phish",
    fromAddress: "dse@docusign-secure.example",
    displayName: "DocuSign",
    subjects: ["Please review and sign: Payroll adjustment", "Completed: Q4 bonus letter"],
    methods: ["URL detonation", "Impersonation brand"],
  },
  {
    kind: "phish",
    fromAddress: "voicemail@pbx-notify.example",
    displayName: "Voice Mail",
    subjects: ["You have 3 new voicemails", "Missed call from +1 (555) 010-0199"],
    methods: ["URL detonation reputation", "Spoof external domain"],
  },
  {
    kind: "malware",
    fromAddress: "accounts@invoice-portal.example",
    displayName: "Accounts Receivable",
    subjects: ["Overdue invoice INV-{n}", "Remittance advice {n}"],
    methods: ["File detonation", "Antimalware protection"],
  },
  {
    kind: "malware",
    fromAddress: "scanner@fax-relay.example",
    displayName: "Scan to Email",
    subjects: ["Scanned document {n}", "Fax received: {n} pages"],
    methods: ["File reputation", "Antimalware protection"],
  },
];

export const MALWARE_FILES = [
  { fileName: "Invoice_{n}.zip", fileType: "zip" },
  { fileName: "Remittance_{n}.html", fileType: "html" },
  { fileName: "Scan_{n}.iso", fileType: "iso" },
] as const;

export function threatSubject(random: Random, template: ThreatTemplate): string {
  return fill(random, random.pick(template.subjects), {});
}

export function fillName(random: Random, template: string): string {
  return fill(random, template, {});
}
