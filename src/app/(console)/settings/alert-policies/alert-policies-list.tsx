"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { OutcomeNotice, type TOutcome } from "@/components/console/outcome-notice";
import type { Severity } from "@/generated/prisma/enums";
import { AlertPolicyCard } from "./alert-policy-card";

export type TPolicyRow = {
  id: string;
  name: string;
  description: string;
  category: string;
  severity: Severity;
  isEnabled: boolean;
  settings: unknown;
  updatedAt: Date;
};

export function AlertPoliciesList({ policies, canEdit }: { policies: TPolicyRow[]; canEdit: boolean }) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<TOutcome | null>(null);

  function onSaved(message: string) {
    setOutcome({ message, isClean: true });
    router.refresh();
  }

  return (
    <div className="space-y-4">
      {canEdit ? null : (
        <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
          You can read these policies; changing them needs the Security Administrator role.
        </p>
      )}
      {outcome ? <OutcomeNotice outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
      <ul className="space-y-4" aria-label="Alert policies">
        {policies.map((policy) => (
          <li key={policy.id}>
            <AlertPolicyCard policy={policy} canEdit={canEdit} onSaved={onSaved} />
          </li>
        ))}
      </ul>
    </div>
  );
}
