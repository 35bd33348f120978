"use client";

import { useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { apiErrorMessage, apiRequest } from "@/lib/api-client";
import { ACTIVITY_CONTENT_TYPE_LABELS } from "@/lib/labels";

const CONTENT_TYPES = Object.keys(ACTIVITY_CONTENT_TYPE_LABELS) as (keyof typeof ACTIVITY_CONTENT_TYPE_LABELS)[];

/** Adds a webhook, then shows its secret: the one time it can be copied. */
export function NewWebhookDialog({ onCreated }: { onCreated: () => void }) {
  const [isOpen, setIsOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    try {
      const created = await apiRequest<{ secret: string }>("POST", "/api/v1/webhooks", {
        name: form.get("name"),
        url: form.get("url"),
        contentTypes: form.getAll("contentTypes"),
      });
      setSecret(created.secret);
      onCreated();
    } catch (caught) {
      setError(apiErrorMessage(caught, "Could not add the webhook"));
    }
  }

  return (
    <Dialog open={isOpen} onOpenChange={(open) => (setIsOpen(open), setSecret(null), setError(null))}>
      <DialogTrigger asChild>
        <Button>New webhook</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{secret ? "Copy the signing secret now" : "New webhook"}</DialogTitle>
          <DialogDescription>
            {secret ? "It will not be shown again. Your receiver checks each delivery's signature with it." : "Records that happen from now on are sent to this URL."}
          </DialogDescription>
        </DialogHeader>
        {secret ? (
          <Input readOnly value={secret} aria-label="Signing secret" className="font-mono text-xs" onFocus={(event) => event.currentTarget.select()} />
        ) : (
          <form id="new-webhook" onSubmit={onSubmit} className="space-y-4">
            <div className="space-y-2">
              <Label htmlFor="webhook-name">Name</Label>
              <Input id="webhook-name" name="name" required maxLength={80} placeholder="e.g. Sentinel" />
            </div>
            <div className="space-y-2">
              <Label htmlFor="webhook-url">URL</Label>
              <Input id="webhook-url" name="url" type="url" required maxLength={2000} placeholder="https://siem.example.com/breakwater" />
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
            <FormError message={error} />
          </form>
        )}
        <DialogFooter>
          {secret ? (
            <Button onClick={() => setIsOpen(false)}>Done</Button>
          ) : (
            <Button type="submit" form="new-webhook">Add webhook</Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
