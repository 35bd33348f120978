"use client";

import { CheckField } from "@/components/console/settings-fields";
import { SettingsForm } from "@/components/console/settings-form";
import { useSettingsForm } from "@/components/console/use-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AUTOMATABLE_ACTIONS } from "@/lib/actions/action-catalogue";
import { callApi } from "@/lib/api-client";

export type TAutomationSettingsView = {
  similarFiles: boolean;
  similarUrls: boolean;
  retentionDays: number;
  emailEventsRetentionDays: number;
  pendingExpiryDays: number;
  resolveAlertsOnRunEnd: boolean;
  canaryAboveMessages: number | null;
  canarySamplePercent: number;
  canarySampleMinimum: number;
  canaryMaxFailedPercent: number;
  updatedAt: Date | null;
  updatedBy: string | null;
};

type TValues = {
  similarFiles: boolean;
  similarUrls: boolean;
  retentionDays: string;
  emailEventsRetentionDays: string;
  pendingExpiryDays: string;
  resolveAlertsOnRunEnd: boolean;
  isCanaryOn: boolean;
  canaryAboveMessages: string;
  canarySamplePercent: string;
  canarySampleMinimum: string;
  canaryMaxFailedPercent: string;
};

// With canary runs off the count field still offers a sensible first value when an admin turns them on.
const CANARY_ABOVE_DEFAULT = 1000;

const valuesOf = (settings: TAutomationSettingsView): TValues => ({
  similarFiles: settings.similarFiles,
  similarUrls: settings.similarUrls,
  retentionDays: String(settings.retentionDays),
  emailEventsRetentionDays: String(settings.emailEventsRetentionDays),
  pendingExpiryDays: String(settings.pendingExpiryDays),
  resolveAlertsOnRunEnd: settings.resolveAlertsOnRunEnd,
  isCanaryOn: settings.canaryAboveMessages !== null,
  canaryAboveMessages: String(settings.canaryAboveMessages ?? CANARY_ABOVE_DEFAULT),
  canarySamplePercent: String(settings.canarySamplePercent),
  canarySampleMinimum: String(settings.canarySampleMinimum),
  canaryMaxFailedPercent: String(settings.canaryMaxFailedPercent),
});

// Defender's own explanations of the two cluster types an organization can opt in to.
const CLUSTERS = [
  {
    key: "similarFiles",
    label: "Similar files",
    hint: "When the automated investigation recognizes a malicious file, it creates a cluster of all messages that contain the file. Selecting this opts the organization in to automated remediation of these malicious file clusters.",
  },
  {
    key: "similarUrls",
    label: "Similar URLs",
    hint: "When the automated investigation recognizes a malicious URL, it creates a cluster of all messages that contain the URL. Selecting this opts the organization in to automated remediation of these malicious URL clusters.",
  },
] as const;

function savedMessage({ similarFiles, similarUrls, isCanaryOn, canaryAboveMessages }: TValues): string {
  const kinds = [similarFiles && "Similar files", similarUrls && "Similar URLs"].filter(Boolean);
  const canary = isCanaryOn
    ? ` Email actions on more than ${Number(canaryAboveMessages).toLocaleString("en-US")} messages run on a sample first.`
    : "";
  if (!kinds.length)
    return `Automation settings saved. No cluster is remediated automatically: every remediation waits for approval in the Action center.${canary}`;
  return `Automation settings saved. ${kinds.join(" and ")} clusters are now soft deleted without waiting for approval.${canary}`;
}

type TNumberField = {
  id: string;
  label: string;
  hint: string;
  min?: number;
  max: number;
  value: string;
  isReadOnly: boolean;
  onChange: (value: string) => void;
};

function NumberField({ id, label, hint, min = 1, max, value, isReadOnly, onChange }: TNumberField) {
  return (
    <div className="max-w-sm space-y-1.5">
      <Label htmlFor={id} className="block">
        {label}
      </Label>
      <Input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        required
        readOnly={isReadOnly}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-hint`}
        className="w-28"
      />
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {hint}
      </p>
    </div>
  );
}

/** Defender's MDO automation settings: the cluster types to remediate automatically, and the remediation action. */
export function AutomationSettingsForm({ settings, canEdit }: { settings: TAutomationSettingsView; canEdit: boolean }) {
  const stored = valuesOf(settings);
  const form = useSettingsForm(stored, JSON.stringify(stored), async (values) => {
    const body = {
      similarFiles: values.similarFiles,
      similarUrls: values.similarUrls,
      action: AUTOMATABLE_ACTIONS[0],
      retentionDays: Number(values.retentionDays),
      emailEventsRetentionDays: Number(values.emailEventsRetentionDays),
      pendingExpiryDays: Number(values.pendingExpiryDays),
      resolveAlertsOnRunEnd: values.resolveAlertsOnRunEnd,
      canaryAboveMessages: values.isCanaryOn ? Number(values.canaryAboveMessages) : null,
      canarySamplePercent: Number(values.canarySamplePercent),
      canarySampleMinimum: Number(values.canarySampleMinimum),
      canaryMaxFailedPercent: Number(values.canaryMaxFailedPercent),
    };
    await callApi("PUT /api/v1/settings/automation", { body });
    return savedMessage(values);
  });
  const { values, setValues, isSaving } = form;
  const isReadOnly = !canEdit || isSaving;

  return (
    <SettingsForm
      form={form}
      canEdit={canEdit}
      lastChange={settings}
      neverChanged="Never changed: nothing is remediated without approval."
    >
      <Card>
        <CardHeader>
          <CardTitle>Message clusters</CardTitle>
          <CardDescription>
            The automated investigation creates a cluster around a malicious file or URL and checks where its messages
            are. Clusters of the types selected here are remediated without SecOps approval; the others show as Pending
            actions in the Action center, as they do today.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <fieldset className="space-y-3">
            <legend className="sr-only">Message clusters to remediate automatically</legend>
            {CLUSTERS.map((cluster) => (
              <CheckField
                key={cluster.key}
                id={`cluster-${cluster.key}`}
                label={cluster.label}
                hint={cluster.hint}
                isReadOnly={isReadOnly}
                checked={values[cluster.key]}
                onChange={(checked) => setValues({ ...values, [cluster.key]: checked })}
              />
            ))}
          </fieldset>
          <p className="rounded-md border border-info/30 bg-info-subtle px-3 py-2 text-sm text-info-foreground">
            Clusters larger than 10,000 messages are never remediated automatically: they always wait as a Pending
            action for review.
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Remediation action</CardTitle>
          <CardDescription>The action taken on the message clusters selected above.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <fieldset>
            <legend className="sr-only">Remediation action</legend>
            <div className="flex items-start gap-3">
              <input
                id="action-soft-delete"
                type="radio"
                name="action"
                value={AUTOMATABLE_ACTIONS[0]}
                defaultChecked
                disabled={isReadOnly}
                className="mt-0.5 size-4 accent-primary"
                aria-describedby="action-soft-delete-hint"
              />
              <div className="space-y-1">
                <Label htmlFor="action-soft-delete">Soft delete</Label>
                <p id="action-soft-delete-hint" className="text-sm text-muted-foreground">
                  Currently the only action. Messages move to each mailbox&apos;s Recoverable Items folder, and can be
                  restored (Move to Inbox or Move to Junk from the cluster on the Action center&apos;s History tab)
                  while they are kept.
                </p>
              </div>
            </div>
          </fieldset>
          <NumberField
            id="retention-days"
            label="Keep soft-deleted messages for (days)"
            hint="Restoring is possible for this long; after it the messages are gone. Verify your legal obligations for email retention, including messages marked as malicious."
            max={365}
            value={values.retentionDays}
            isReadOnly={isReadOnly}
            onChange={(retentionDays) => setValues({ ...values, retentionDays })}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Pending actions</CardTitle>
          <CardDescription>
            Remediation that is not automatic waits in the Action center for a Security Operator to approve or reject
            it.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <NumberField
            id="pending-expiry-days"
            label="Pending actions expire after (days)"
            hint="An action nobody approves or rejects in this time expires, and its investigation ends as Terminated by system."
            max={90}
            value={values.pendingExpiryDays}
            isReadOnly={isReadOnly}
            onChange={(pendingExpiryDays) => setValues({ ...values, pendingExpiryDays })}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Mail data</CardTitle>
          <CardDescription>
            EmailEvents, the mail Threat Explorer searches and Advanced hunting reads, are kept by calendar month.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <NumberField
            id="email-events-retention-days"
            label="Keep EmailEvents for (days)"
            hint="A month of EmailEvents is deleted once all of it is older than this, so up to a month more is kept. Threat Explorer and hunting look back 30 days."
            min={30}
            max={3650}
            value={values.emailEventsRetentionDays}
            isReadOnly={isReadOnly}
            onChange={(emailEventsRetentionDays) => setValues({ ...values, emailEventsRetentionDays })}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Canary runs</CardTitle>
          <CardDescription>
            A large email action, approved or automatic, first runs on a sample spread across mailboxes and checks what
            the mail system did with it. Only a sample whose failures stay within the threshold lets the rest run;
            otherwise the action stops as Partially completed — stopped after canary, and says why.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <CheckField
            id="canary-on"
            label="Run large email actions as a canary first"
            hint="Off: every approved email action moves all its messages at once."
            isReadOnly={isReadOnly}
            checked={values.isCanaryOn}
            onChange={(isCanaryOn) => setValues({ ...values, isCanaryOn })}
          />
          {values.isCanaryOn ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <NumberField
                id="canary-above-messages"
                label="Canary above (messages)"
                hint="Actions on more messages than this run on a sample first."
                max={10_000_000}
                value={values.canaryAboveMessages}
                isReadOnly={isReadOnly}
                onChange={(canaryAboveMessages) => setValues({ ...values, canaryAboveMessages })}
              />
              <NumberField
                id="canary-sample-percent"
                label="Sample size (% of the messages)"
                hint="The sample is this share of the messages, and at least the minimum below."
                max={100}
                value={values.canarySamplePercent}
                isReadOnly={isReadOnly}
                onChange={(canarySamplePercent) => setValues({ ...values, canarySamplePercent })}
              />
              <NumberField
                id="canary-sample-minimum"
                label="Sample at least (messages)"
                hint="Taken one per mailbox before a second from any mailbox."
                max={10_000}
                value={values.canarySampleMinimum}
                isReadOnly={isReadOnly}
                onChange={(canarySampleMinimum) => setValues({ ...values, canarySampleMinimum })}
              />
              <NumberField
                id="canary-max-failed-percent"
                label="Stop when more than (% of the sample) fail"
                hint="0 stops on any failure in the sample."
                min={0}
                max={100}
                value={values.canaryMaxFailedPercent}
                isReadOnly={isReadOnly}
                onChange={(canaryMaxFailedPercent) => setValues({ ...values, canaryMaxFailedPercent })}
              />
            </div>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Alerts</CardTitle>
          <CardDescription>What happens to an investigation&apos;s alerts when it finishes.</CardDescription>
        </CardHeader>
        <CardContent>
          <CheckField
            id="resolve-alerts-on-run-end"
            label="Resolve alerts when their investigation ends Remediated or No threats found"
            hint="Open alerts of the investigation become Resolved, by Automation, with a comment in their history. Alerts of investigations that end any other way stay open for an analyst."
            isReadOnly={isReadOnly}
            checked={values.resolveAlertsOnRunEnd}
            onChange={(resolveAlertsOnRunEnd) => setValues({ ...values, resolveAlertsOnRunEnd })}
          />
        </CardContent>
      </Card>
    </SettingsForm>
  );
}
