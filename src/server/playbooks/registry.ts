import "server-only";
import type { Playbook } from "@/generated/prisma/enums";
import { compromisedUser } from "./compromised-user/compromised-user";
import { manual } from "./manual/manual";
import type { TPlaybookDefinition } from "./playbook.types";
import { userReportedMessage } from "./user-reported-message/user-reported-message";

export const PLAYBOOKS: Record<Playbook, TPlaybookDefinition> = {
  CompromisedUser: compromisedUser,
  UserReportedMessage: userReportedMessage,
  Manual: manual,
};
