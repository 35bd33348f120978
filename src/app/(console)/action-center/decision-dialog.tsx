"use client";

import { ActionPreview, useActionPreviews } from "@/components/actions/action-preview";
import { FormError } from "@/components/console/form-error";
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
import { summariseDecisions, type TDecision, type TDecisionOutcome } from "@/lib/decision-outcome";
import { actionTypeLabel } from "@/lib/labels";
import { PREVIEW_LOCATIONS, type TPreviewLocation } from "@/lib/preview-locations";
import { formatNumber } from "@/lib/utils";
import type { TActionRow } from "./action-columns";

export type TDecisionRequest = { decision: TDecision; actions: TActionRow[] };

type TDecisionDialogProps = {
  /** null: closed. */
  request: TDecisionRequest | null;
  onClose: () => void;
  onDecided: (outcome: TDecisionOutcome) => void;
};

const LISTED = 5;

const WORDS: Record<TDecision, { verb: string; busy: string; consequence: string }> = {
  approve: { verb: "Approve", busy: "Approving…", consequence: "Approved actions run at once on the mail system." },
  reject: {
    verb: "Reject",
    busy: "Rejecting…",
    consequence: "Rejected actions are not carried out; they move to History.",
  },
};

function describe(action: TActionRow): string {
  const messages = action.cluster ? ` (${formatNumber(action.cluster.messageCount)} messages)` : "";
  return `${actionTypeLabel(action.type)}: ${action.entity}${messages}`;
}

/** What approving touches, counted now: the whole preview for one action, the sum of copies for many. */
function LivePreview({ actions }: { actions: TActionRow[] }) {
  const loaded = useActionPreviews(actions.slice(0, LISTED).map((action) => action.id));
  const frame = "space-y-2 rounded-md border px-3 py-2 text-sm";
  if (!loaded)
    return (
      <p className={`${frame} text-muted-foreground`} role="status">
        Counting what this touches now…
      </p>
    );
  if (loaded.error !== null) return <FormError message={loaded.error} />;
  const [first] = loaded.previews;
  if (loaded.previews.length === 1 && first) {
    return (
      <section aria-label="Blast radius" className={frame}>
        <h3 className="text-xs font-semibold uppercase text-muted-foreground">What this touches now</h3>
        <ActionPreview preview={first} />
      </section>
    );
  }
  const totals = Object.fromEntries(PREVIEW_LOCATIONS.map((location) => [location, 0])) as Record<
    TPreviewLocation,
    number
  >;
  let live = 0;
  for (const preview of loaded.previews) {
    if (preview.kind !== "email") continue;
    live += preview.liveCount;
    for (const location of PREVIEW_LOCATIONS) totals[location] += preview.byLocation[location] ?? 0;
  }
  return (
    <section aria-label="Blast radius" className={frame}>
      <p>
        {formatNumber(live)} messages to move now
        {actions.length > LISTED ? ` in the first ${LISTED} actions` : ""}
        {PREVIEW_LOCATIONS.filter((location) => totals[location] > 0)
          .map((location) => ` · ${location} ${formatNumber(totals[location])}`)
          .join("")}
      </p>
    </section>
  );
}

/** Confirms a decision on one or more pending actions, with an optional comment kept in History and the audit log. */
export function DecisionDialog({ request, onClose, onDecided }: TDecisionDialogProps) {
  const dialog = useNoteDialog(request, {
    async submit({ decision, actions }, comment) {
      const { results } = await callApi("POST /api/v1/actions/decide", {
        body: { ids: actions.map((action) => action.id), decision, ...(comment ? { comment } : {}) },
      });
      onDecided(summariseDecisions(decision, results));
    },
    describeError: (caught) => apiErrorMessage(caught, "The decision failed"),
  });
  if (!dialog.shown) return null;
  const { decision, actions } = dialog.shown;
  const words = WORDS[decision];
  const count = actions.length;
  const { isSubmitting } = dialog;

  return (
    <Dialog open={dialog.isOpen} onOpenChange={(isOpen) => (!isOpen && !isSubmitting ? onClose() : undefined)}>
      <DialogContent className={decision === "approve" ? "max-w-2xl" : undefined}>
        <form onSubmit={dialog.handleSubmit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>
              {words.verb} {count === 1 ? "this action" : `${formatNumber(count)} actions`}?
            </DialogTitle>
            <DialogDescription>{words.consequence}</DialogDescription>
          </DialogHeader>
          <ul className="max-h-40 space-y-1 overflow-y-auto rounded-md border bg-muted/40 px-3 py-2 text-sm">
            {actions.slice(0, LISTED).map((action) => (
              <li key={action.id} className="break-words">
                {describe(action)}
              </li>
            ))}
            {count > LISTED ? <li className="text-muted-foreground">and {formatNumber(count - LISTED)} more</li> : null}
          </ul>
          {decision === "approve" ? <LivePreview actions={actions} /> : null}
          <div className="space-y-2">
            <Label htmlFor="decision-comment">Comment (optional)</Label>
            <Textarea
              id="decision-comment"
              value={dialog.note}
              onChange={(event) => dialog.setNote(event.target.value)}
              maxLength={1000}
              placeholder={
                decision === "approve"
                  ? "e.g. Confirmed with the user; ticket INC-1042"
                  : "e.g. Expected behaviour, confirmed with the mailbox owner"
              }
            />
            <p className="text-xs text-muted-foreground">Shown on History and in the audit log.</p>
          </div>
          <FormError message={dialog.error} />
          <DialogFooter>
            <Button variant="outline" onClick={onClose} disabled={isSubmitting}>
              Cancel
            </Button>
            <Button type="submit" variant={decision === "reject" ? "destructive" : "default"} disabled={isSubmitting}>
              {isSubmitting ? words.busy : count === 1 ? words.verb : `${words.verb} ${formatNumber(count)}`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
