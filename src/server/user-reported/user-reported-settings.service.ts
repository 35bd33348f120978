import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { DEFAULT_FEEDBACK_TEMPLATES, FEEDBACK_OUTCOMES, type TFeedbackTemplates } from "./feedback-templates";
import { DEFAULT_SUBJECT_TAGS, REPORT_TYPES, type TReportType, type TSubjectTags } from "./report-type";
import type { TUserReportedSettingsInput } from "./user-reported-settings.schemas";

export type TUserReportedConfig = {
  isEnabled: boolean;
  mailbox: string | null;
  /** The mailbox's own IMAP password; null: the mail system's master user opens it. */
  password: string | null;
  processedFolder: string;
  unusableFolder: string;
  reportTypeHeader: string;
  subjectTags: TSubjectTags;
  defaultReportType: TReportType;
  isFeedbackEnabled: boolean;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: boolean;
  feedbackFrom: string | null;
  feedbackTemplates: TFeedbackTemplates;
};

export type TUserReportedSettings = TUserReportedConfig & { updatedAt: Date | null; updatedBy: string | null };

/** What leaves the server: never the password, only whether one is stored. */
export type TUserReportedSettingsView = Omit<TUserReportedSettings, "password"> & { hasPassword: boolean };

// Off until an admin names the mailbox; feedback is opt-in, as Defender's.
const DEFAULTS: TUserReportedConfig = {
  isEnabled: false,
  mailbox: null,
  password: null,
  processedFolder: "Processed",
  unusableFolder: "Unusable",
  reportTypeHeader: "X-Phish-Report-Type",
  subjectTags: DEFAULT_SUBJECT_TAGS,
  defaultReportType: "phish",
  isFeedbackEnabled: false,
  smtpHost: null,
  smtpPort: null,
  smtpSecure: false,
  feedbackFrom: null,
  feedbackTemplates: DEFAULT_FEEDBACK_TEMPLATES,
};

type TDb = Pick<Prisma.TransactionClient, "userReportedSettings">;

// The JSON columns hold what the form saved; a part missing from an older row takes the default.
function subjectTagsOf(value: unknown): TSubjectTags {
  const stored = (value ?? {}) as Partial<Record<TReportType, unknown>>;
  return Object.fromEntries(
    REPORT_TYPES.map((type) => [
      type,
      Array.isArray(stored[type]) ? (stored[type] as string[]) : DEFAULT_SUBJECT_TAGS[type],
    ]),
  ) as TSubjectTags;
}

function templatesOf(value: unknown): TFeedbackTemplates {
  const stored = (value ?? {}) as Partial<TFeedbackTemplates>;
  return Object.fromEntries(
    FEEDBACK_OUTCOMES.map((outcome) => [
      outcome,
      stored[outcome]?.subject && stored[outcome]?.body ? stored[outcome] : DEFAULT_FEEDBACK_TEMPLATES[outcome],
    ]),
  ) as TFeedbackTemplates;
}

/** The settings in force, password included (server side only): row id 1, or the defaults. */
export async function getUserReportedSettings(db: TDb = prisma): Promise<TUserReportedSettings> {
  const row = await db.userReportedSettings.findUnique({ where: { id: 1 } });
  if (!row) return { ...DEFAULTS, updatedAt: null, updatedBy: null };
  const { id: _id, subjectTags, feedbackTemplates, defaultReportType, ...rest } = row;
  return {
    ...rest,
    subjectTags: subjectTagsOf(subjectTags),
    feedbackTemplates: templatesOf(feedbackTemplates),
    defaultReportType: (REPORT_TYPES as readonly string[]).includes(defaultReportType)
      ? (defaultReportType as TReportType)
      : "phish",
  };
}

export function userReportedSettingsView({ password, ...settings }: TUserReportedSettings): TUserReportedSettingsView {
  return { ...settings, hasPassword: password !== null };
}

export async function getUserReportedSettingsView(): Promise<TUserReportedSettingsView> {
  return userReportedSettingsView(await getUserReportedSettings());
}

const invalid = (field: string, message: string) =>
  new AppError("BAD_REQUEST", `Invalid body.${field}: ${message}`, [{ path: `body.${field}`, message }]);

/** What the switches need, named by the form field to fill in. */
function assertUsable(config: TUserReportedConfig): void {
  if (config.isEnabled && !config.mailbox) throw invalid("mailbox", "is needed to read reports");
  if (config.processedFolder === config.unusableFolder)
    throw invalid("unusableFolder", "must differ from the processed folder");
  if (config.isFeedbackEnabled) {
    if (!config.smtpHost) throw invalid("smtpHost", "is needed to send feedback");
    if (!config.feedbackFrom) throw invalid("feedbackFrom", "is needed to send feedback");
  }
}

/** Saves the form (Security Administrator), audited in the same transaction, never with the password in the audit entry. */
export async function updateUserReportedSettings(
  input: TUserReportedSettingsInput,
  actor: TPrincipal,
): Promise<TUserReportedSettingsView> {
  return prisma.$transaction(async (tx) => {
    // Locked: two admins saving at once must each see, and audit, the other's change as their "before".
    await tx.$executeRaw`select 1 from "UserReportedSettings" where id = 1 for update`;
    const stored = await getUserReportedSettings(tx);
    const config: TUserReportedConfig = {
      ...input,
      password: input.password === undefined || input.password === "" ? stored.password : input.password,
    };
    assertUsable(config);
    const data = { ...config, updatedBy: actor.name };
    await tx.userReportedSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await writeAudit(
      {
        actor,
        action: "userReportedSettings.update",
        targetType: "userReportedSettings",
        targetId: 1,
        before: auditView(stored),
        after: { ...auditView(config), ...(config.password !== stored.password ? { passwordChanged: true } : {}) },
      },
      tx,
    );
    return userReportedSettingsView(await getUserReportedSettings(tx));
  });
}

function auditView({ password, ...config }: TUserReportedConfig) {
  const {
    updatedAt: _at,
    updatedBy: _by,
    ...visible
  } = config as TUserReportedConfig & { updatedAt?: unknown; updatedBy?: unknown };
  return { ...visible, hasPassword: password !== null };
}
