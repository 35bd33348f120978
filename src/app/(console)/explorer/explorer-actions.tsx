"use client";

import { ChevronDown } from "lucide-react";
import Link from "next/link";
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
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import { ACTION_CATALOGUE, EMAIL_ACTION_TYPES, type TEmailActionType } from "@/lib/actions/action-catalogue";
import { actionTypeLabel } from "@/lib/labels";
import { formatNumber } from "@/lib/utils";

/** Ticked rows, or everything the current search matches (the server freezes its window and counts it). */
export type TExplorerSelection = { networkMessageIds: string[] } | { filters: Record<string, unknown> };

/** What an action did, with where to see it; shown by the table, which outlives a cleared selection bar. */
export type TExplorerOutcome = TOutcome & { href: string; linkText: string };

type TChoice = "investigate" | TEmailActionType;
type TRequest = { choice: TChoice; selection: TExplorerSelection; description: string };

const isDestructive = (choice: TChoice) => choice !== "investigate" && ACTION_CATALOGUE[choice].isDestructive;
const title = (choice: TChoice) => (choice === "investigate" ? "Trigger investigation" : actionTypeLabel(choice));

/**
 * Threat Explorer's Actions: Trigger investigation (a Manual playbook run, with its alert) or Take action (an email
 * action carried out now, filed as Manual on the Action center's History), on the selection it is given.
 */
type TExplorerActionsProps = {
  selection: TExplorerSelection;
  description: string;
  label?: string;
  onDone: (outcome: TExplorerOutcome) => void;
};

export function ExplorerActions({ selection, description, label = "Actions", onDone }: TExplorerActionsProps) {
  const router = useRouter();
  const [request, setRequest] = useState<TRequest | null>(null);
  const dialog = useNoteDialog(request, {
    async submit({ choice, selection: picked }, comment) {
      if (choice === "investigate") {
        const started = await callApi("POST /api/v1/investigations", { body: picked });
        setRequest(null);
        onDone({
          message: `Investigation ${started.investigationId} started${"messageCount" in started ? ` on ${formatNumber(started.messageCount)} messages` : ""}.`,
          isClean: true,
          href: `/investigations/${started.investigationId}`,
          linkText: "Open the investigation",
        });
      } else {
        const taken = await callApi("POST /api/v1/explorer/actions", {
          body: { selection: picked, action: choice, ...(comment ? { comment } : {}) },
        });
        const failed = taken.failedCount ? `; ${formatNumber(taken.failedCount)} failed` : "";
        setRequest(null);
        onDone({
          message: `${actionTypeLabel(choice)}: ${formatNumber(taken.successCount)} messages done${failed}.`,
          isClean: taken.failedCount === 0,
          href: "/action-center?view=history&source=Manual",
          linkText: "See it on History",
        });
      }
      router.refresh();
    },
    describeError: (caught) => apiErrorMessage(caught, "The request failed"),
  });
  const open = (choice: TChoice) => setRequest({ choice, selection, description });

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button size="sm" variant="outline">
            {label} <ChevronDown aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => open("investigate")}>Trigger investigation</DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>Take action</DropdownMenuLabel>
          {EMAIL_ACTION_TYPES.map((choice) => (
            <DropdownMenuItem
              key={choice}
              variant={isDestructive(choice) ? "destructive" : "default"}
              onSelect={() => open(choice)}
            >
              {actionTypeLabel(choice)}
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog
        open={dialog.isOpen}
        onOpenChange={(isOpen) => (!isOpen && !dialog.isSubmitting ? setRequest(null) : undefined)}
      >
        <DialogContent>
          {dialog.shown ? (
            <form onSubmit={dialog.handleSubmit} className="space-y-4">
              <DialogHeader>
                <DialogTitle>{title(dialog.shown.choice)}?</DialogTitle>
                <DialogDescription>
                  {dialog.shown.choice === "investigate"
                    ? `A Manual investigation runs on ${dialog.shown.description}, and the alert "Investigation triggered manually" is raised.`
                    : `${actionTypeLabel(dialog.shown.choice)} on ${dialog.shown.description}, now. It is filed on the Action center's History as Manual.`}
                </DialogDescription>
              </DialogHeader>
              {dialog.shown.choice === "investigate" ? null : (
                <div className="space-y-2">
                  <Label htmlFor="explorer-action-comment">Comment (optional)</Label>
                  <Textarea
                    id="explorer-action-comment"
                    value={dialog.note}
                    onChange={(event) => dialog.setNote(event.target.value)}
                    maxLength={1000}
                  />
                </div>
              )}
              <FormError message={dialog.error} />
              <DialogFooter>
                <Button variant="outline" onClick={() => setRequest(null)} disabled={dialog.isSubmitting}>
                  Cancel
                </Button>
                <Button
                  type="submit"
                  variant={isDestructive(dialog.shown.choice) ? "destructive" : "default"}
                  disabled={dialog.isSubmitting}
                >
                  {dialog.isSubmitting ? "Working…" : title(dialog.shown.choice)}
                </Button>
              </DialogFooter>
            </form>
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

/** The last action's outcome above the table, with a link to what it made. */
export function ExplorerOutcome({ outcome, onDismiss }: { outcome: TExplorerOutcome; onDismiss: () => void }) {
  return (
    <div className="space-y-1">
      <OutcomeNotice outcome={outcome} onDismiss={onDismiss} />
      <Link href={outcome.href} className="text-sm text-link hover:underline">
        {outcome.linkText}
      </Link>
    </div>
  );
}
