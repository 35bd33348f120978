"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/console/form-error";
import { OutcomeNotice, type TOutcome } from "@/components/console/outcome-notice";
import { useNoteDialog } from "@/components/console/use-note-dialog";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import type {
  TInvestigationRevert,
  TInvestigationRevertPreview,
  TRevertItem,
  TRevertRefusal,
} from "@/lib/investigation-revert";
import { actionTypeLabel } from "@/lib/labels";
import { formatNumber } from "@/lib/utils";

const FOLDER_NAMES: Record<string, string> = {
  INBOX: "Inbox",
  Junk: "Junk",
  "Deleted Items": "Deleted Items",
  "Recoverable Items": "Recoverable Items",
  Quarantine: "Quarantine",
};

/** "40 messages back: 30 to Inbox, 10 to Junk", or "Lifted" for a block. */
function undoneText(item: TRevertItem): string {
  if (item.family !== "email") return "Lifted";
  if (item.to === "junk") return `${formatNumber(item.messages)} messages to Junk`;
  const folders = Object.entries(item.byFolder).map(
    ([folder, count]) => `${formatNumber(count)} to ${FOLDER_NAMES[folder] ?? folder}`,
  );
  return `${formatNumber(item.messages)} messages back: ${folders.join(", ")}`;
}

function ActionList({
  title,
  items,
  describe,
}: {
  title: string;
  items: (TRevertItem | TRevertRefusal)[];
  describe: (item: TRevertItem & TRevertRefusal) => string;
}) {
  if (!items.length) return null;
  return (
    <section className="space-y-1" aria-label={title}>
      <h3 className="text-sm font-medium">{title}</h3>
      <ul className="max-h-40 space-y-1 overflow-y-auto rounded-md border px-3 py-2 text-sm">
        {items.map((item) => (
          <li key={item.actionId} className="break-words">
            <span className="font-medium">{actionTypeLabel(item.type)}</span>{" "}
            <span className="text-muted-foreground">
              #{item.actionId} · {item.entity}
            </span>
            <span className="block text-xs text-muted-foreground">
              {describe(item as TRevertItem & TRevertRefusal)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function summarise(outcome: TInvestigationRevert): TOutcome {
  const moved = outcome.reverted.reduce((sum, item) => sum + (item.family === "email" ? item.succeeded : 0), 0);
  const failed = outcome.reverted.reduce((sum, item) => sum + item.failed, 0);
  const parts = [
    `Reverted ${outcome.reverted.length} action${outcome.reverted.length === 1 ? "" : "s"} (${formatNumber(moved)} messages moved back)`,
  ];
  if (failed) parts.push(`${formatNumber(failed)} messages failed`);
  if (outcome.refused.length) parts.push(`${outcome.refused.length} cannot be undone`);
  if (outcome.skipped.length) parts.push(`${outcome.skipped.length} already undone meanwhile`);
  return { message: `${parts.join("; ")}.`, isClean: failed === 0 && outcome.skipped.length === 0 };
}

/**
 * Revert investigation: previews what the run's actions will undo (each copy back to its own folder, blocks lifted)
 * and what cannot be undone, then undoes it on confirmation, each revert an action of its own on History.
 */
export function RevertInvestigationButton({ investigationId }: { investigationId: number }) {
  const router = useRouter();
  const [preview, setPreview] = useState<TInvestigationRevertPreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const dialog = useNoteDialog(preview, {
    async submit(shown, comment) {
      const reverted = await callApi("POST /api/v1/investigations/{id}/revert", {
        params: { id: shown.investigationId },
        body: comment ? { comment } : {},
      });
      setPreview(null);
      setOutcome(summarise(reverted));
      router.refresh();
    },
    describeError: (caught) => apiErrorMessage(caught, "The investigation could not be reverted"),
  });
  const { isSubmitting, shown } = dialog;
  const close = () => (isSubmitting ? undefined : setPreview(null));

  async function open() {
    setLoadError(null);
    try {
      setPreview(await callApi("GET /api/v1/investigations/{id}/revert/preview", { params: { id: investigationId } }));
    } catch (caught) {
      setLoadError(apiErrorMessage(caught, "What would be reverted could not be read"));
    }
  }

  return (
    <>
      <Button variant="outline" onClick={open}>
        Revert investigation
      </Button>
      {loadError ? <FormError message={loadError} /> : null}
      {outcome ? (
        <div className="max-w-sm basis-full">
          <OutcomeNotice outcome={outcome} onDismiss={() => setOutcome(null)} />
        </div>
      ) : null}
      <Dialog open={dialog.isOpen} onOpenChange={(isOpen) => (!isOpen ? close() : undefined)}>
        <DialogContent>
          {shown ? (
            <form onSubmit={dialog.handleSubmit} className="space-y-4">
              <DialogHeader>
                <DialogTitle>Revert investigation {shown.investigationId}?</DialogTitle>
                <DialogDescription>
                  {shown.revertable.length
                    ? "Each action below is undone by a revert of its own, shown on the Action center's History: messages go back to the folder each was in, blocks are lifted."
                    : "Nothing this investigation did can be undone."}
                </DialogDescription>
              </DialogHeader>
              <ActionList title="Will be undone" items={shown.revertable} describe={undoneText} />
              <ActionList title="Cannot be undone" items={shown.refused} describe={(item) => item.reason} />
              <ActionList title="Already reverted" items={shown.alreadyReverted} describe={(item) => item.reason} />
              {shown.revertable.length ? (
                <div className="space-y-2">
                  <Label htmlFor="revert-investigation-comment">Comment (optional)</Label>
                  <Textarea
                    id="revert-investigation-comment"
                    value={dialog.note}
                    onChange={(event) => dialog.setNote(event.target.value)}
                    maxLength={1000}
                    placeholder="e.g. False positive: a newsletter from a partner"
                  />
                </div>
              ) : null}
              <FormError message={dialog.error} />
              <DialogFooter>
                <Button variant="outline" type="button" onClick={close} disabled={isSubmitting}>
                  Cancel
                </Button>
                <Button type="submit" variant="destructive" disabled={isSubmitting || !shown.revertable.length}>
                  {isSubmitting ? "Reverting…" : "Revert investigation"}
                </Button>
              </DialogFooter>
            </form>
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
