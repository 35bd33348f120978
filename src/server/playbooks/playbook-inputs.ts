import { z } from "zod";
import type { Playbook } from "@/generated/prisma/enums";
import { type TSelection, ZSelection } from "@/server/explorer/selection";

// What each playbook is started on, checked when a run starts and again when its steps read it. Unknown keys are
// dropped rather than refused, so that runs stored before a field was retired still read.

const ZInstant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** A compromised-user run: when the suspicious activity happened and since when the user sent it (from the alert). */
export const ZCompromisedUserInput = z.object({
  since: ZInstant.optional(),
  activityAt: ZInstant.optional(),
  triggeredBy: z.string().optional(),
});

/** A user-reported message run: the submission it investigates, and what identifies the message. */
export const ZUserReportedMessageInput = z.object({
  submissionId: z.string().min(1),
  internetMessageId: z.string().nullish(),
  networkMessageId: z.string().nullish(),
  bodyFingerprint: z.string().nullish(),
  senderDomain: z.string().optional(),
});

// Started with a parsed selection, stored as JSON (its dates as text): read back through the same schema.
const ZStoredSelection = z
  .custom<TSelection>((value) => ZSelection.safeParse(value).success, "not a Threat Explorer selection")
  .transform((value) => ZSelection.parse(value));

/** A manual run: the messages selected in Threat Explorer (a search's window already fixed), and who selected them. */
export const ZManualInput = z.object({
  selection: ZStoredSelection,
  messageCount: z.number().int().nonnegative(),
  triggeredBy: z.string(),
});

export const PLAYBOOK_INPUTS = {
  CompromisedUser: ZCompromisedUserInput,
  UserReportedMessage: ZUserReportedMessageInput,
  Manual: ZManualInput,
} as const satisfies Record<Playbook, z.ZodType>;

/** What a caller starts a playbook with (stored as JSON). */
export type TPlaybookInputOf<P extends Playbook> = z.input<(typeof PLAYBOOK_INPUTS)[P]>;
/** What a step reads (dates as dates). */
export type TCompromisedUserInput = z.output<typeof ZCompromisedUserInput>;
export type TUserReportedMessageInput = z.output<typeof ZUserReportedMessageInput>;
export type TManualInput = z.output<typeof ZManualInput>;
