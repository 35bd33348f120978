import "server-only";
import type { Playbook } from "@/generated/prisma/enums";
import { compromisedUser } from "./compromised-user/compromised-user";
import type { TPlaybook } from "./define-playbook";
import { manual } from "./manual/manual";
import { userReportedMessage } from "./user-reported-message/user-reported-message";

export const PLAYBOOKS: Record<Playbook, TPlaybook> = {
  CompromisedUser: compromisedUser,
  UserReportedMessage: userReportedMessage,
  Manual: manual,
};
