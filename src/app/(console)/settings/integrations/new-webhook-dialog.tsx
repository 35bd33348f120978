"use client";

import { SecretOnceDialog } from "@/components/console/secret-once-dialog";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import { ACTIVITY_CONTENT_TYPE_LABELS } from "@/lib/labels";

type TContentType = keyof typeof ACTIVITY_CONTENT_TYPE_LABELS;
const CONTENT_TYPES = Object.keys(ACTIVITY_CONTENT_TYPE_LABELS) as TContentType[];

const WORDS = {
  trigger: "New webhook",
  formId: "new-webhook",
  title: "New webhook",
  description: "Records that happen from now on are sent to this URL.",
  submit: "Add webhook",
  secretTitle: "Copy the signing secret now",
  secretDescription: "It will not be shown again. Your receiver checks each delivery's signature with it.",
  secretLabel: "Signing secret",
};

async function createWebhook(form: FormData): Promise<string> {
  const body = {
    name: String(form.get("name")),
    url: String(form.get("url")),
    contentTypes: form.getAll("contentTypes") as TContentType[],
  };
  const created = await callApi("POST /api/v1/webhooks", { body });
  return created.secret;
}

/** Adds a webhook, then shows its secret: the one time it can be copied. */
export function NewWebhookDialog({ onCreated }: { onCreated: () => void }) {
  return (
    <SecretOnceDialog
      words={WORDS}
      create={createWebhook}
      describeError={(caught) => apiErrorMessage(caught, "Could not add the webhook")}
      onCreated={onCreated}
    >
      <div className="space-y-2">
        <Label htmlFor="webhook-name">Name</Label>
        <Input id="webhook-name" name="name" required maxLength={80} placeholder="e.g. Sentinel" />
      </div>
      <div className="space-y-2">
        <Label htmlFor="webhook-url">URL</Label>
        <Input
          id="webhook-url"
          name="url"
          type="url"
          required
          maxLength={2000}
          placeholder="https://siem.example.com/breakwater"
          aria-describedby="webhook-url-hint"
        />
        <p id="webhook-url-hint" className="text-xs text-muted-foreground">
          A public address. An internal one (loopback, private, link-local) must first be named in Allowed internal
          hosts on Settings › Mail system.
        </p>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Send</legend>
        {CONTENT_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm">
            <Checkbox name="contentTypes" value={type} defaultChecked />
            {ACTIVITY_CONTENT_TYPE_LABELS[type]}
          </label>
        ))}
      </fieldset>
    </SecretOnceDialog>
  );
}
