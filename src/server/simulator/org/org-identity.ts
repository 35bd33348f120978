import "server-only";
import { createHash } from "node:crypto";
import type { Random } from "@/lib/random";
import type { TIdentityEventInput } from "@/server/ingestion/ingestion.schemas";
import { NEWSLETTERS } from "./org-directory";
import { subscribers } from "./org-mail";
import { isAdmin, type Org, type Person } from "./org-people";
import { businessTime, countFor, DAY_MS, isWorkingDay } from "./org-time";

type SignIn = Extract<TIdentityEventInput, { type: "signIn" }>;

const APPS = [
  "Office 365 Exchange Online",
  "Microsoft Teams",
  "Office 365 SharePoint Online",
  "Microsoft Office",
  "OfficeHome",
] as const;
const FAILURES = [
  "Invalid username or password.",
  "Strong authentication is required.",
  "The user didn't complete the MFA prompt.",
] as const;

/** One day of sign-ins: each person signs in on working days, from the office or from home; a few fail first. */
export function generateSignInDay(org: Org, random: Random, dayStart: number): SignIn[] {
  const working = isWorkingDay(dayStart);
  return org.people.flatMap((person) => {
    if (!working && !random.chance(0.1)) return [];
    const isRemote = random.chance(0.3);
    const place = isRemote
      ? { ipAddress: person.homeIp, isp: person.isp }
      : { ipAddress: random.pick(person.country.officeIps), isp: "Contoso Corporate Network" };
    const signIns: SignIn[] = [];
    for (let n = Math.max(1, countFor(random, 2.4)); n > 0; n--) {
      const timestamp = businessTime(random, dayStart, person.country.utcOffsetMinutes);
      const application = n === 1 ? APPS[0] : random.pick(APPS);
      if (random.chance(0.03)) {
        const failedAt = new Date(Date.parse(timestamp) - random.int(5_000, 90_000)).toISOString();
        signIns.push(signIn(person, place, failedAt, application, random.pick(FAILURES)));
      }
      signIns.push(signIn(person, place, timestamp, application, null));
    }
    return signIns;
  });
}

function signIn(
  person: Person,
  place: { ipAddress: string; isp: string },
  timestamp: string,
  application: string,
  failureReason: string | null,
): SignIn {
  return {
    type: "signIn",
    timestamp,
    accountUpn: person.address,
    accountDisplayName: person.displayName,
    actionType: failureReason ? "LogonFailed" : "LogonSuccess",
    application,
    logonType: "Interactive",
    protocol: "OAuth2",
    failureReason,
    deviceName: person.deviceName,
    ipAddress: place.ipAddress,
    countryCode: person.country.code,
    city: person.country.city,
    isp: place.isp,
  };
}

const CONSENT_APPS = [
  { appName: "Litware Calendar Sync", publisher: "Litware", scopes: ["User.Read", "Calendars.ReadWrite"] },
  { appName: "Proseware Notes", publisher: "Proseware", scopes: ["User.Read", "Notes.ReadWrite"] },
  { appName: "Fourth Coffee Expenses", publisher: "Fourth Coffee", scopes: ["User.Read", "Mail.Read"] },
] as const;

/** The mailboxes and their settled configuration: MFA, a few inbox rules and consents, admin roles, sessions. */
export function generateMailboxConfig(
  org: Org,
  random: Random,
  seed: number,
  from: number,
  to: number,
): TIdentityEventInput[] {
  const before = (maxDays: number) =>
    new Date(from - random.int(1, maxDays) * DAY_MS - random.int(0, DAY_MS)).toISOString();
  const mailboxes: TIdentityEventInput[] = org.people.map((person) => ({
    type: "mailbox",
    address: person.address,
    displayName: person.displayName,
    department: person.department,
    jobTitle: person.jobTitle,
    country: person.country.code,
    createdAt: before(1500),
  }));
  const config: TIdentityEventInput[] = [];
  for (const person of org.people) {
    const mailbox = person.address;
    const phone = `+1 555 01${String(random.int(0, 99)).padStart(2, "0")}`;
    if (isAdmin(person))
      config.push({ type: "mfaMethod", mailbox, method: "fido2", detail: "YubiKey 5 NFC", addedAt: before(600) });
    if (random.chance(0.92) || isAdmin(person)) {
      const device = random.pick(["iPhone 15", "Pixel 8", "Galaxy S23", "iPhone 13"]);
      config.push({
        type: "mfaMethod",
        mailbox,
        method: "authenticatorApp",
        detail: `Microsoft Authenticator on ${device}`,
        addedAt: before(900),
      });
    }
    if (random.chance(0.3))
      config.push({ type: "mfaMethod", mailbox, method: "phone", detail: phone, addedAt: before(900) });
    for (const role of person.adminRoles)
      config.push({ type: "roleAssignment", mailbox, role, assignedAt: before(700) });
    if (random.chance(0.04)) {
      const app = random.pick(CONSENT_APPS);
      config.push({
        type: "appConsent",
        mailbox,
        appId: appId(app.appName),
        appName: app.appName,
        publisher: app.publisher,
        scopes: [...app.scopes],
        consentedAt: before(300),
      });
    }
    const sessions = random.int(1, 2);
    for (let n = 0; n < sessions; n++) {
      const createdAt = to - random.int(1, 7) * DAY_MS + random.int(0, DAY_MS / 2);
      config.push({
        type: "session",
        mailbox,
        sessionId: random.uuid(),
        ipAddress: n === 0 ? random.pick(person.country.officeIps) : person.homeIp,
        country: person.country.code,
        client:
          n === 0 ? "Outlook for Windows" : random.pick(["Outlook for iOS", "Outlook on the web", "Teams for Android"]),
        createdAt: new Date(createdAt).toISOString(),
        lastSeenAt: new Date(Math.min(to - 60_000, createdAt + random.int(1, 72) * 3_600_000)).toISOString(),
      });
    }
  }
  return [...mailboxes, ...config, ...newsletterRules(org, random, seed, before)];
}

// A few readers file their newsletters away: the benign kind of inbox rule a compromise check must not flag.
function newsletterRules(
  org: Org,
  random: Random,
  seed: number,
  before: (maxDays: number) => string,
): TIdentityEventInput[] {
  return NEWSLETTERS.flatMap((newsletter) =>
    subscribers(org, seed, newsletter.address, newsletter.departments)
      .filter(() => random.chance(0.12))
      .map((person) => ({
        type: "inboxRule" as const,
        operation: "create" as const,
        mailbox: person.address,
        name: `Move ${newsletter.displayName}`,
        moveToFolder: "Newsletters",
        markAsRead: random.chance(0.3),
        conditions: { fromAddressContainsWords: [newsletter.address.split("@")[1]] },
        createdAt: before(400),
      })),
  );
}

// A stable GUID per app name, as a real app registration has.
function appId(name: string): string {
  const hex = createHash("sha1").update(name).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
