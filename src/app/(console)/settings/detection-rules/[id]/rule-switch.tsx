"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import { apiErrorMessage, callApi } from "@/lib/api-client";

/** Turn on (the query is checked again first) or Turn off. */
export function RuleSwitch({ id, isEnabled }: { id: string; isEnabled: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const flip = async () => {
    setIsSaving(true);
    setError(null);
    try {
      await callApi("PATCH /api/v1/detection-rules/{id}", { params: { id }, body: { isEnabled: !isEnabled } });
      router.refresh();
    } catch (caught) {
      setError(apiErrorMessage(caught, "The rule could not be changed"));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <div className="space-y-2">
      <Button variant="outline" onClick={flip} disabled={isSaving}>
        {isEnabled ? "Turn off" : "Turn on"}
      </Button>
      <FormError message={error} />
    </div>
  );
}
