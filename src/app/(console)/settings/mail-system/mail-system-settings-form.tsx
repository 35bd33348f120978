"use client";

import { SettingsForm } from "@/components/console/settings-form";
import { useSettingsForm } from "@/components/console/use-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { callApi } from "@/lib/api-client";
import type { TMailSystemSettingsView } from "@/server/mail-system/mail-system-settings.service";
import { ConnectionTest } from "./connection-test";
import { CheckField, SecretField, TextField, type TSecret } from "@/components/console/settings-fields";

type TConnector = TMailSystemSettingsView["connector"];

type TValues = {
  connector: TConnector;
  policyHost: string;
  policyPort: string;
  policyFailOpen: boolean;
  imapHost: string;
  imapPort: string;
  imapSecure: boolean;
  masterUser: string;
  masterPassword: TSecret;
  doveadmUrl: string;
  doveadmApiKey: TSecret;
  journalMailbox: string;
  maillogPath: string;
  rspamdUrl: string;
  rspamdControllerUrl: string;
  rspamdControllerPassword: TSecret;
  allowedInternalHosts: string;
};

const KEEP: TSecret = { value: "", isForgotten: false };

const valuesOf = (settings: TMailSystemSettingsView): TValues => ({
  connector: settings.connector,
  policyHost: settings.policyHost,
  policyPort: String(settings.policyPort),
  policyFailOpen: settings.policyFailOpen,
  imapHost: settings.imapHost ?? "",
  imapPort: settings.imapPort === null ? "" : String(settings.imapPort),
  imapSecure: settings.imapSecure,
  masterUser: settings.masterUser ?? "",
  masterPassword: KEEP,
  doveadmUrl: settings.doveadmUrl ?? "",
  doveadmApiKey: KEEP,
  journalMailbox: settings.journalMailbox ?? "",
  maillogPath: settings.maillogPath ?? "",
  rspamdUrl: settings.rspamdUrl ?? "",
  rspamdControllerUrl: settings.rspamdControllerUrl ?? "",
  rspamdControllerPassword: KEEP,
  allowedInternalHosts: settings.allowedInternalHosts.join(", "),
});

/** The API's body: blank fields are unset (null), an empty secret keeps the stored one, a forgotten one is removed. */
function payloadOf(values: TValues) {
  const text = (value: string) => value.trim() || null;
  const secret = ({ value, isForgotten }: TSecret) => (isForgotten ? null : value);
  return {
    connector: values.connector,
    policyHost: values.policyHost.trim(),
    policyPort: Number(values.policyPort),
    policyFailOpen: values.policyFailOpen,
    imapHost: text(values.imapHost),
    imapPort: values.imapPort.trim() ? Number(values.imapPort) : null,
    imapSecure: values.imapSecure,
    masterUser: text(values.masterUser),
    masterPassword: secret(values.masterPassword),
    doveadmUrl: text(values.doveadmUrl),
    doveadmApiKey: secret(values.doveadmApiKey),
    journalMailbox: text(values.journalMailbox),
    maillogPath: text(values.maillogPath),
    rspamdUrl: text(values.rspamdUrl),
    rspamdControllerUrl: text(values.rspamdControllerUrl),
    rspamdControllerPassword: secret(values.rspamdControllerPassword),
    allowedInternalHosts: values.allowedInternalHosts.split(/[\s,]+/).filter(Boolean),
  };
}

const CONNECTORS = [
  {
    value: "builtin",
    label: "Built-in",
    hint: "Actions change Breakwater's own tenant store only: for demos, or mail systems that report to Breakwater through its API.",
  },
  {
    value: "postfix-dovecot",
    label: "Postfix + Dovecot",
    hint: "Email actions move the messages in your Dovecot mailboxes, found by their exact Message-ID; each message's result and original folder are kept, so Move to Inbox restores it where it was.",
  },
] as const;

/** Settings › Mail system: which connector carries out actions, and how Breakwater reaches Postfix and Dovecot. */
export function MailSystemSettingsForm({
  settings,
  lockedBy,
  canEdit,
}: {
  settings: TMailSystemSettingsView;
  lockedBy: Partial<Record<keyof TValues, string>>;
  canEdit: boolean;
}) {
  const stored = valuesOf(settings);
  // Keyed by the settings as stored, not the form's values: a save empties the secret fields even when they were typed.
  const form = useSettingsForm(stored, JSON.stringify(settings), async (values) => {
    await callApi("PUT /api/v1/settings/mail-system", { body: payloadOf(values) });
    const where = values.connector === "postfix-dovecot" ? "in your Dovecot mailboxes" : "on Breakwater's tenant store";
    return `Mail system settings saved. Email actions now take effect ${where}.`;
  });
  const { values, setValues, isSaving } = form;
  const isReadOnly = !canEdit || isSaving;
  const set =
    <K extends keyof TValues>(key: K) =>
    (value: TValues[K]) =>
      setValues((current) => ({ ...current, [key]: value }));
  const field = (key: keyof TValues) => ({ id: `mail-${key}`, lockedBy: lockedBy[key], isReadOnly });

  return (
    <SettingsForm
      form={form}
      canEdit={canEdit}
      readOnlyNote="You can read these settings; changing or testing them needs the Security Administrator role."
      lastChange={settings}
      neverChanged="Never saved: the defaults and any BREAKWATER_* variables are in force."
      afterFooter={canEdit ? <ConnectionTest payload={() => payloadOf(values)} /> : null}
    >
      <Card>
        <CardHeader>
          <CardTitle>Connector</CardTitle>
          <CardDescription>Where approved and automated actions are carried out.</CardDescription>
        </CardHeader>
        <CardContent>
          <fieldset className="space-y-3">
            <legend className="sr-only">Connector</legend>
            {CONNECTORS.map((connector) => (
              <div key={connector.value} className="flex items-start gap-3">
                <input
                  id={`connector-${connector.value}`}
                  type="radio"
                  name="connector"
                  value={connector.value}
                  checked={values.connector === connector.value}
                  disabled={isReadOnly || Boolean(lockedBy.connector)}
                  onChange={() => set("connector")(connector.value)}
                  className="mt-0.5 size-4 accent-primary"
                  aria-describedby={`connector-${connector.value}-hint`}
                />
                <div className="space-y-1">
                  <Label htmlFor={`connector-${connector.value}`}>{connector.label}</Label>
                  <p id={`connector-${connector.value}-hint`} className="text-sm text-muted-foreground">
                    {connector.hint}
                  </p>
                </div>
              </div>
            ))}
            {lockedBy.connector ? (
              <p className="text-xs text-muted-foreground">
                Set by <code className="font-mono">{lockedBy.connector}</code> on the server.
              </p>
            ) : null}
          </fieldset>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sender policy service</CardTitle>
          <CardDescription>
            Postfix asks it about every sender (
            <code className="font-mono">
              check_policy_service inet:{values.policyHost || "host"}:{values.policyPort || "port"}
            </code>
            ): restricted users are refused with 550 5.1.8, and accepted recipients are counted against the sending
            limits.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <div className="grid max-w-md grid-cols-[1fr_7rem] gap-3">
            <TextField
              {...field("policyHost")}
              label="Address"
              value={values.policyHost}
              onChange={set("policyHost")}
            />
            <TextField
              {...field("policyPort")}
              label="Port"
              type="number"
              value={values.policyPort}
              onChange={set("policyPort")}
            />
          </div>
          <CheckField
            {...field("policyFailOpen")}
            label="Fail open"
            checked={values.policyFailOpen}
            onChange={set("policyFailOpen")}
            hint={
              <>
                Fail open (the default): when Breakwater cannot answer, mail flows and no one is refused until it is
                back; a console outage never stops your mail. Fail closed: Postfix answers 451 4.3.5 and senders retry
                later, so restricted users stay blocked but all mail waits while Breakwater is down. The service answers
                per this setting when it cannot reach its database; for Breakwater down altogether, Postfix decides: add{" "}
                <code className="font-mono">default_action=DUNNO</code> to{" "}
                <code className="font-mono">check_policy_service</code> to fail open, leave it out to fail closed.
              </>
            }
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Dovecot</CardTitle>
          <CardDescription>
            How remediation reaches the mailboxes. With a doveadm URL, messages are found and moved through
            doveadm&apos;s HTTP API (two requests for any number of mailboxes); otherwise over IMAP, logged in to each
            mailbox as <code className="font-mono">user*master</code>.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <div className="grid max-w-md grid-cols-[1fr_7rem] gap-3">
            <TextField
              {...field("imapHost")}
              label="IMAP host"
              value={values.imapHost}
              onChange={set("imapHost")}
              placeholder="127.0.0.1"
            />
            <TextField
              {...field("imapPort")}
              label="Port"
              type="number"
              value={values.imapPort}
              onChange={set("imapPort")}
              placeholder={values.imapSecure ? "993" : "143"}
            />
          </div>
          <CheckField
            {...field("imapSecure")}
            label="Implicit TLS (IMAPS)"
            checked={values.imapSecure}
            onChange={set("imapSecure")}
            hint="Off: plain IMAP, upgraded with STARTTLS when the server offers it."
          />
          <div className="grid max-w-xl grid-cols-1 gap-3 sm:grid-cols-2">
            <TextField
              {...field("masterUser")}
              label="Master user"
              value={values.masterUser}
              onChange={set("masterUser")}
              hint="A Dovecot master user (auth_master_user_separator = *)."
            />
            <SecretField
              {...field("masterPassword")}
              label="Master password"
              isStored={settings.hasMasterPassword}
              secret={values.masterPassword}
              onChange={set("masterPassword")}
            />
          </div>
          <div className="grid max-w-xl grid-cols-1 gap-3 sm:grid-cols-2">
            <TextField
              {...field("doveadmUrl")}
              label="doveadm HTTP API URL"
              type="url"
              value={values.doveadmUrl}
              onChange={set("doveadmUrl")}
              placeholder="http://127.0.0.1:8080"
            />
            <SecretField
              {...field("doveadmApiKey")}
              label="API key"
              isStored={settings.hasDoveadmApiKey}
              secret={values.doveadmApiKey}
              onChange={set("doveadmApiKey")}
              hint="Dovecot's doveadm_api_key."
            />
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Mail events</CardTitle>
          <CardDescription>
            Where Threat Explorer&apos;s mail events come from: Postfix&apos;s log for delivery, and a journal copy of
            each message for its URLs and attachments.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid max-w-xl grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField
            {...field("journalMailbox")}
            label="Journal mailbox"
            type="email"
            value={values.journalMailbox}
            onChange={set("journalMailbox")}
            hint="Gets a copy of every message (always_bcc); read over IMAP as the master user."
          />
          <TextField
            {...field("maillogPath")}
            label="Postfix log file"
            value={values.maillogPath}
            onChange={set("maillogPath")}
            placeholder="/var/log/mail.log"
            hint="Postfix's maillog_file, readable by Breakwater."
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>rspamd</CardTitle>
          <CardDescription>
            A second opinion on each judged message (its symbols become signals), and a learner: an analyst&apos;s
            assessment is learnt as spam or ham, and Phish and Malware become fuzzy hashes. Blocks reach rspamd as
            multimap maps from <code className="font-mono">/api/v1/rspamd/maps/&#123;kind&#125;</code>.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid max-w-xl grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField
            {...field("rspamdUrl")}
            label="Normal worker URL"
            type="url"
            value={values.rspamdUrl}
            onChange={set("rspamdUrl")}
            placeholder="http://127.0.0.1:11333"
            hint="Scans: POST /checkv2."
          />
          <TextField
            {...field("rspamdControllerUrl")}
            label="Controller URL"
            type="url"
            value={values.rspamdControllerUrl}
            onChange={set("rspamdControllerUrl")}
            placeholder="http://127.0.0.1:11334"
            hint="Learning and fuzzy hashes."
          />
          <SecretField
            {...field("rspamdControllerPassword")}
            label="Controller password"
            isStored={settings.hasRspamdControllerPassword}
            secret={values.rspamdControllerPassword}
            onChange={set("rspamdControllerPassword")}
            hint="The controller's enable_password (or password)."
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Allowed internal hosts</CardTitle>
          <CardDescription>
            Dovecot, doveadm and the webhooks (Settings › Integrations) are reached only on public addresses: a host
            that is or resolves to a loopback, private, carrier-grade NAT, link-local (the cloud metadata address among
            them), multicast or unspecified address is refused when saved and again at each connection, unless it is
            named here. Changes are audited.
          </CardDescription>
        </CardHeader>
        <CardContent className="max-w-xl">
          <TextField
            {...field("allowedInternalHosts")}
            label="Allowed internal hosts"
            value={values.allowedInternalHosts}
            onChange={set("allowedInternalHosts")}
            placeholder="mail.internal, 10.0.0.0/8, 127.0.0.1"
            hint="Host names, IP addresses or CIDR ranges, separated by commas. A name allows whatever it resolves to; an address or range allows any name that resolves into it."
          />
        </CardContent>
      </Card>
    </SettingsForm>
  );
}
