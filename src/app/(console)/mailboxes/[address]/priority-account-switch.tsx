"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/console/form-error";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { apiErrorMessage, callApi } from "@/lib/api-client";

/** An admin's priority account tag: previews of what an action touches list these mailboxes first. */
export function PriorityAccountSwitch({ address, isPriority }: { address: string; isPriority: boolean }) {
  const router = useRouter();
  const [checked, setChecked] = useState(isPriority);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(next: boolean) {
    setIsSaving(true);
    setError(null);
    try {
      await callApi("PUT /api/v1/mailboxes/{address}/priority", { params: { address }, body: { isPriority: next } });
      setChecked(next);
      router.refresh();
    } catch (caught) {
      setError(apiErrorMessage(caught, "The priority account tag could not be saved"));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <Switch id="priority-account" checked={checked} disabled={isSaving} onCheckedChange={toggle} />
        <Label htmlFor="priority-account">Priority account</Label>
      </div>
      <FormError message={error} />
    </div>
  );
}
