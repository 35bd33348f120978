import "server-only";
import type { Playbook } from "@/generated/prisma/enums";
import { compromisedUser } from "./compromised-user/compromised-user";
import type { TPlaybookDefinition } from "./playbook.types";

// The user-reported message and manual playbooks come with their issues; a run of one of them fails visibly.
export const PLAYBOOKS: Partial<Record<Playbook, TPlaybookDefinition>> = {
  CompromisedUser: compromisedUser,
};
