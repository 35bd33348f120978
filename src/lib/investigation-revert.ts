// What Revert investigation will undo and what it cannot, as GET /api/v1/investigations/{id}/revert/preview answers
// and the confirm dialog shows it; POST …/revert answers the same lists with what each revert did.
import type { TActionFamily } from "./actions/action-catalogue";

export type TRevertItem = {
  actionId: number;
  type: string;
  family: TActionFamily;
  entity: string;
  /** Email actions: the copies it moved that go back, and by which revert (Move to Inbox, or Move to Junk for a Move to Inbox). */
  messages: number;
  to: "inbox" | "junk" | null;
  /** Email actions: how many copies return to each folder they were moved from ("INBOX", "Junk"…). */
  byFolder: Record<string, number>;
};

/** An action the revert leaves as it is, with why: it cannot be undone, it was already, or it did nothing to undo. */
export type TRevertRefusal = { actionId: number; type: string; family: TActionFamily; entity: string; reason: string };

export type TInvestigationRevertPreview = {
  investigationId: number;
  revertable: TRevertItem[];
  refused: TRevertRefusal[];
  alreadyReverted: TRevertRefusal[];
  nothingToUndo: TRevertRefusal[];
};

export type TInvestigationRevert = TInvestigationRevertPreview & {
  reverted: (TRevertItem & {
    revertId: number;
    status: string;
    succeeded: number;
    alreadyInDestination: number;
    failed: number;
  })[];
  /** Undone by someone else between the preview and the revert (another click, a revert from History). */
  skipped: TRevertRefusal[];
};
