"use client";

import { SettingsForm } from "@/components/console/settings-form";
import { useSettingsForm } from "@/components/console/use-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { callApi } from "@/lib/api-client";
import { CheckField, SecretField, TextField, type TSecret } from "@/components/console/settings-fields";

type TReportType = "phish" | "junk" | "notJunk";
type TOutcome = "threat" | "spam" | "clean";
type TTemplate = { subject: string; body: string };

export type TUserReportedSettingsView = {
  isEnabled: boolean;
  mailbox: string | null;
  hasPassword: boolean;
  processedFolder: string;
  unusableFolder: string;
  reportTypeHeader: string;
  subjectTags: Record<TReportType, string[]>;
  defaultReportType: TReportType;
  isFeedbackEnabled: boolean;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: boolean;
  feedbackFrom: string | null;
  feedbackTemplates: Record<TOutcome, TTemplate>;
  updatedAt: Date | null;
  updatedBy: string | null;
};

type TValues = {
  isEnabled: boolean;
  mailbox: string;
  password: TSecret;
  processedFolder: string;
  unusableFolder: string;
  reportTypeHeader: string;
  subjectTags: Record<TReportType, string>;
  defaultReportType: TReportType;
  isFeedbackEnabled: boolean;
  smtpHost: string;
  smtpPort: string;
  smtpSecure: boolean;
  feedbackFrom: string;
  feedbackTemplates: Record<TOutcome, TTemplate>;
};

const REPORT_TYPES: { type: TReportType; label: string }[] = [
  { type: "phish", label: "Phishing" },
  { type: "junk", label: "Junk" },
  { type: "notJunk", label: "Not junk" },
];

const OUTCOMES: { outcome: TOutcome; label: string; when: string }[] = [
  { outcome: "threat", label: "Threat found", when: "The verdict is malicious (phish or malware)." },
  { outcome: "spam", label: "Junk", when: "The verdict is suspicious, or the analyst called it spam." },
  { outcome: "clean", label: "No threat found", when: "The verdict is clean." },
];

const PLACEHOLDERS = ["reporter", "subject", "sender", "reportedAt", "verdict", "threatType", "reportType"];

const valuesOf = (settings: TUserReportedSettingsView): TValues => ({
  isEnabled: settings.isEnabled,
  mailbox: settings.mailbox ?? "",
  password: { value: "", isForgotten: false },
  processedFolder: settings.processedFolder,
  unusableFolder: settings.unusableFolder,
  reportTypeHeader: settings.reportTypeHeader,
  subjectTags: {
    phish: settings.subjectTags.phish.join("\n"),
    junk: settings.subjectTags.junk.join("\n"),
    notJunk: settings.subjectTags.notJunk.join("\n"),
  },
  defaultReportType: settings.defaultReportType,
  isFeedbackEnabled: settings.isFeedbackEnabled,
  smtpHost: settings.smtpHost ?? "",
  smtpPort: settings.smtpPort === null ? "" : String(settings.smtpPort),
  smtpSecure: settings.smtpSecure,
  feedbackFrom: settings.feedbackFrom ?? "",
  feedbackTemplates: settings.feedbackTemplates,
});

const orNull = (text: string) => (text.trim() ? text.trim() : null);
const tagsOf = (text: string) =>
  text
    .split("\n")
    .map((tag) => tag.trim())
    .filter(Boolean);

/** The API's body: blank fields are unset (null), an empty password keeps the stored one, a forgotten one is removed. */
function payloadOf(values: TValues) {
  return {
    isEnabled: values.isEnabled,
    mailbox: orNull(values.mailbox),
    password: values.password.isForgotten ? null : values.password.value,
    processedFolder: values.processedFolder.trim(),
    unusableFolder: values.unusableFolder.trim(),
    reportTypeHeader: values.reportTypeHeader.trim(),
    subjectTags: {
      phish: tagsOf(values.subjectTags.phish),
      junk: tagsOf(values.subjectTags.junk),
      notJunk: tagsOf(values.subjectTags.notJunk),
    },
    defaultReportType: values.defaultReportType,
    isFeedbackEnabled: values.isFeedbackEnabled,
    smtpHost: orNull(values.smtpHost),
    smtpPort: values.smtpPort.trim() ? Number(values.smtpPort) : null,
    smtpSecure: values.smtpSecure,
    feedbackFrom: orNull(values.feedbackFrom),
    feedbackTemplates: values.feedbackTemplates,
  };
}

/** Defender's User reported settings: the reporting mailbox, how a report's type is read, and the reporter's feedback. */
export function UserReportedSettingsForm({
  settings,
  canEdit,
}: {
  settings: TUserReportedSettingsView;
  canEdit: boolean;
}) {
  const stored = valuesOf(settings);
  const form = useSettingsForm(stored, JSON.stringify(settings), async (values) => {
    await callApi("PUT /api/v1/settings/user-reported", { body: payloadOf(values) });
    if (!values.isEnabled) return "User reported settings saved. The reporting mailbox is not read.";
    return `User reported settings saved. The worker reads ${values.mailbox.trim()} from its next pass${values.isFeedbackEnabled ? ", and reporters are told the verdict" : ""}.`;
  });
  const { values, setValues, isSaving } = form;
  const isReadOnly = !canEdit || isSaving;
  const set =
    <K extends keyof TValues>(key: K) =>
    (value: TValues[K]) =>
      setValues({ ...values, [key]: value });

  return (
    <SettingsForm
      form={form}
      canEdit={canEdit}
      lastChange={settings}
      neverChanged="Never changed: the reporting mailbox is not read."
    >
      <Card>
        <CardHeader>
          <CardTitle>Reporting mailbox</CardTitle>
          <CardDescription>
            Users forward suspicious messages here as attachments (what Outlook&apos;s Report button and most add-ins
            do). The worker reads it over IMAP on the mail system&apos;s Dovecot, submits each reported original as if
            it were uploaded, and files the item. Items that are not from an authenticated user of the organisation are
            set aside, never trusted.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <CheckField
            id="is-enabled"
            label="Read the reporting mailbox"
            isReadOnly={isReadOnly}
            checked={values.isEnabled}
            onChange={set("isEnabled")}
            hint="Uses the IMAP server set on Settings › Mail system."
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id="mailbox"
              label="Reporting mailbox"
              type="email"
              placeholder="phish-reports@contoso.com"
              isReadOnly={isReadOnly}
              value={values.mailbox}
              onChange={set("mailbox")}
            />
            <SecretField
              id="password"
              label="Mailbox password"
              isReadOnly={isReadOnly}
              isStored={settings.hasPassword}
              secret={values.password}
              onChange={set("password")}
              hint="Without one, the mail system's master user opens the mailbox."
            />
            <TextField
              id="processed-folder"
              label="Processed folder"
              isReadOnly={isReadOnly}
              value={values.processedFolder}
              onChange={set("processedFolder")}
              hint="Where items go once submitted."
            />
            <TextField
              id="unusable-folder"
              label="Unusable folder"
              isReadOnly={isReadOnly}
              value={values.unusableFolder}
              onChange={set("unusableFolder")}
              hint="Where items go that cannot be submitted; the reason is in the list below."
            />
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Report type</CardTitle>
          <CardDescription>
            What the user says the message is: read from the add-in&apos;s header when it has one, else from a tag at
            the start of the item&apos;s subject (after any &quot;FW:&quot;), else the default below.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <TextField
            id="report-type-header"
            label="Add-in header"
            isReadOnly={isReadOnly}
            value={values.reportTypeHeader}
            onChange={set("reportTypeHeader")}
            hint='Its value names the type: "phish", "junk", "not junk" (or 3, 1, 2).'
          />
          <div className="grid gap-4 sm:grid-cols-3">
            {REPORT_TYPES.map(({ type, label }) => (
              <div key={type} className="space-y-1.5">
                <Label htmlFor={`tags-${type}`} className="block">
                  {label} subject tags
                </Label>
                <Textarea
                  id={`tags-${type}`}
                  rows={4}
                  readOnly={isReadOnly}
                  value={values.subjectTags[type]}
                  onChange={(event) =>
                    setValues({ ...values, subjectTags: { ...values.subjectTags, [type]: event.target.value } })
                  }
                  aria-describedby="tags-hint"
                  className="font-mono text-xs"
                  spellCheck={false}
                />
              </div>
            ))}
          </div>
          <p id="tags-hint" className="text-xs text-muted-foreground">
            One tag per line, matched at the start of the subject regardless of case.
          </p>
          <div className="space-y-1.5">
            <Label htmlFor="default-report-type" className="block">
              When neither says
            </Label>
            <Select
              id="default-report-type"
              value={values.defaultReportType}
              disabled={isReadOnly}
              onChange={(event) => set("defaultReportType")(event.target.value as TReportType)}
            >
              {REPORT_TYPES.map(({ type, label }) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Feedback to reporters</CardTitle>
          <CardDescription>
            When the investigation&apos;s verdict is in, or an analyst assesses the report, the user who reported it
            through the mailbox gets an email saying what was found. Every notice is listed below.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <CheckField
            id="is-feedback-enabled"
            label="Email the reporter the result"
            isReadOnly={isReadOnly}
            checked={values.isFeedbackEnabled}
            onChange={set("isFeedbackEnabled")}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id="smtp-host"
              label="SMTP relay"
              placeholder="127.0.0.1"
              isReadOnly={isReadOnly}
              value={values.smtpHost}
              onChange={set("smtpHost")}
              hint="Your Postfix; a loopback or private address must be in Allowed internal hosts (Mail system)."
            />
            <TextField
              id="smtp-port"
              label="SMTP port"
              type="number"
              placeholder="25"
              isReadOnly={isReadOnly}
              value={values.smtpPort}
              onChange={set("smtpPort")}
              className="w-28"
            />
            <TextField
              id="feedback-from"
              label="Sent from"
              type="email"
              placeholder="security@contoso.com"
              isReadOnly={isReadOnly}
              value={values.feedbackFrom}
              onChange={set("feedbackFrom")}
            />
            <CheckField
              id="smtp-secure"
              label="TLS from the start (port 465)"
              isReadOnly={isReadOnly}
              checked={values.smtpSecure}
              onChange={set("smtpSecure")}
            />
          </div>
          <p className="text-xs text-muted-foreground">
            Placeholders:{" "}
            {PLACEHOLDERS.map((name, index) => (
              <span key={name}>
                {index ? ", " : ""}
                <code className="font-mono">{`{{${name}}}`}</code>
              </span>
            ))}
            .
          </p>
          {OUTCOMES.map(({ outcome, label, when }) => (
            <fieldset key={outcome} className="space-y-2 rounded-md border p-3">
              <legend className="px-1 text-sm font-medium">{label}</legend>
              <p className="text-xs text-muted-foreground">{when}</p>
              <div className="space-y-1.5">
                <Label htmlFor={`template-${outcome}-subject`} className="block">
                  Subject
                </Label>
                <Input
                  id={`template-${outcome}-subject`}
                  readOnly={isReadOnly}
                  value={values.feedbackTemplates[outcome].subject}
                  onChange={(event) =>
                    setValues({
                      ...values,
                      feedbackTemplates: {
                        ...values.feedbackTemplates,
                        [outcome]: { ...values.feedbackTemplates[outcome], subject: event.target.value },
                      },
                    })
                  }
                />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor={`template-${outcome}-body`} className="block">
                  Message
                </Label>
                <Textarea
                  id={`template-${outcome}-body`}
                  rows={8}
                  readOnly={isReadOnly}
                  value={values.feedbackTemplates[outcome].body}
                  onChange={(event) =>
                    setValues({
                      ...values,
                      feedbackTemplates: {
                        ...values.feedbackTemplates,
                        [outcome]: { ...values.feedbackTemplates[outcome], body: event.target.value },
                      },
                    })
                  }
                />
              </div>
            </fieldset>
          ))}
        </CardContent>
      </Card>
    </SettingsForm>
  );
}
