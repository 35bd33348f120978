import "server-only";
import type { Playbook } from "@/generated/prisma/enums";
import { compromisedUser } from "./compromised-user/compromised-user";
import type { TPlaybookDefinition } from "./playbook.types";
import { userReportedMessage } from "./user-reported-message/user-reported-message";

// The manual (Threat Explorer) playbook comes with its issue; a run of it fails visibly.
export const PLAYBOOKS: Partial<Record<Playbook, TPlaybookDefinition>> = {
  CompromisedUser: compromisedUser,
  UserReportedMessage: userReportedMessage,
};
