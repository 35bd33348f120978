// Every check the engine runs, in the order their signals are listed. A new check is a file beside these and a line here.
import type { TCheck } from "../check";
import { alertDisplayNameCheck } from "./alert-display-name";
import { attachmentsCheck } from "./attachments";
import { authenticationCheck } from "./authentication";
import { bulkMailCheck } from "./bulk-mail";
import { callbackLureCheck } from "./callback-lure";
import { contentCheck } from "./content";
import { documentsCheck } from "./documents";
import { freemailLureCheck } from "./freemail-lure";
import { htmlStructureCheck } from "./html-structure";
import { impersonationCheck } from "./impersonation";
import { learnedCheck } from "./learned";
import { linksCheck } from "./links";
import { messageFindingsCheck } from "./message-findings";
import { randomTokensCheck } from "./random-tokens";
import { senderShapeCheck } from "./sender-shape";
import { styledLettersCheck } from "./styled-letters";
import { systemMailCheck } from "./system-mail";
import { templatePlaceholdersCheck } from "./template-placeholders";
import { tenantHistoryCheck } from "./tenant-history";
import { threatIntelCheck } from "./threat-intel";

export const CHECKS: TCheck[] = [
  learnedCheck,
  threatIntelCheck,
  authenticationCheck,
  impersonationCheck,
  styledLettersCheck,
  contentCheck,
  callbackLureCheck,
  freemailLureCheck,
  htmlStructureCheck,
  randomTokensCheck,
  templatePlaceholdersCheck,
  senderShapeCheck,
  alertDisplayNameCheck,
  messageFindingsCheck,
  linksCheck,
  attachmentsCheck,
  documentsCheck,
  bulkMailCheck,
  systemMailCheck,
  tenantHistoryCheck,
];
