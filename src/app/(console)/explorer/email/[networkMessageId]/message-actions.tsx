"use client";

import { useState } from "react";
import { ExplorerActions, ExplorerOutcome, type TExplorerOutcome } from "../../explorer-actions";

/** Take action or Trigger investigation on this message (every recipient's copy), as from Explorer's list. */
export function MessageActions({
  networkMessageId,
  recipientCount,
}: {
  networkMessageId: string;
  recipientCount: number;
}) {
  const [outcome, setOutcome] = useState<TExplorerOutcome | null>(null);
  const copies = recipientCount === 1 ? "its one copy" : `all ${recipientCount} recipients' copies`;
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <ExplorerActions
        selection={{ networkMessageIds: [networkMessageId] }}
        description={`this message (${copies})`}
        onDone={setOutcome}
      />
      {outcome ? <ExplorerOutcome outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
    </div>
  );
}
