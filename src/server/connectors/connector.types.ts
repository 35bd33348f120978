import type { Prisma } from "@/generated/prisma/client";
import type { TEmailActionRun, TExecution } from "./execution.types";

export type TConnectorName = "builtin" | "postfix-dovecot";

export type TConnectionCheck = { name: string; ok: boolean; detail: string };

/**
 * Where the engine's actions become real. The built-in connector acts on the tenant store alone; a mail-system
 * connector (Postfix + Dovecot) moves the messages in the real mailboxes and refuses senders at SMTP, and keeps the
 * tenant store in step, so that Threat Explorer, clusters and hunting show what the mail system now holds.
 */
export interface TMailConnector {
  readonly name: TConnectorName;
  /**
   * Carries out one email action on its cluster, inside the decision's transaction (the action row is locked, so it
   * runs once). Records per copy what happened; on a retry only copies that failed before are tried again.
   */
  executeEmailAction(action: TEmailActionRun, tx: Prisma.TransactionClient): Promise<TExecution>;
  /** Checks each service it needs (policy service, IMAP or doveadm, journal mailbox): whether it answered as that service. */
  testConnection(): Promise<TConnectionCheck[]>;
}
