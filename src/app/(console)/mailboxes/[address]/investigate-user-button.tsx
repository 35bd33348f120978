"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import { apiErrorMessage, callApi } from "@/lib/api-client";

/** Start by user: the compromised-user playbook on this mailbox, or the user's open (or just-concluded) run. */
export function InvestigateUserButton({ address }: { address: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setIsStarting] = useState(false);

  async function start() {
    setIsStarting(true);
    setError(null);
    try {
      const { investigationId } = await callApi("POST /api/v1/investigations", { body: { user: address } });
      router.push(`/investigations/${investigationId}?tab=log`);
    } catch (caught) {
      setError(apiErrorMessage(caught, "The investigation could not be started"));
      setIsStarting(false);
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button onClick={start} disabled={isStarting}>
        {isStarting ? "Starting…" : "Investigate user"}
      </Button>
      <FormError message={error} />
    </div>
  );
}
