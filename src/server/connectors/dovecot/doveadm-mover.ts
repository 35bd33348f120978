import "server-only";
import { runDoveadm, type TDoveadmCommand, type TDoveadmSettings } from "./doveadm-client";
import {
  BATCH_SIZE,
  byUser,
  chunks,
  isSameMessageId,
  type TCopy,
  type TCopyOutcome,
  type TMover,
} from "./mail-moves.types";
import type { TFolder } from "@/server/actions/email-locations";

type TMove = { user: string; from: TFolder; destination: TFolder | null; copies: TCopy[]; uids: Set<string> };

/**
 * Moves copies through doveadm's HTTP API in two round trips whatever the number of mailboxes: one request that
 * locates every copy (per mailbox, one `fetch` of up to 50 Message-IDs OR-ed over all the folders they may be in,
 * keeping exact Message-IDs only), then one that moves them (one `move` or `expunge` by UID per mailbox, folder and
 * destination). Commands name their mailbox, so only the cluster's mailboxes are opened, with any userdb.
 */
export function doveadmMover(settings: TDoveadmSettings): TMover {
  return async (copies, notFound) => {
    const outcomes = new Map<bigint, TCopyOutcome>();
    const fail = (list: TCopy[], reason: string) =>
      list.forEach((copy) =>
        outcomes.set(copy.emailEventId, { emailEventId: copy.emailEventId, result: "Failed", reason }),
      );
    const lookups = [...byUser(copies)].flatMap(([user, list]) =>
      chunks(list, BATCH_SIZE).map((batch) => ({ user, copies: batch })),
    );
    const answers = await runDoveadm(
      settings,
      lookups.map(({ user, copies: batch }) => locateCommand(user, batch)),
    );

    const moves = new Map<string, TMove>();
    lookups.forEach(({ user, copies: batch }, index) => {
      const answer = answers[index];
      if ("error" in answer) return fail(batch, answer.error);
      for (const copy of batch) {
        const inFolder = (folder: TFolder) =>
          answer.rows
            .filter((row) => row.mailbox === folder && isSameMessageId(row["hdr.message-id"], copy.messageId))
            .map((row) => row.uid);
        const from = copy.sources.find((folder) => inFolder(folder).length);
        if (from) {
          const key = JSON.stringify([user, from, copy.destination]);
          const move = moves.get(key) ?? {
            user,
            from,
            destination: copy.destination,
            copies: [],
            uids: new Set<string>(),
          };
          move.copies.push(copy);
          inFolder(from).forEach((uid) => move.uids.add(uid));
          moves.set(key, move);
        } else if (copy.destination && inFolder(copy.destination).length) {
          outcomes.set(copy.emailEventId, {
            emailEventId: copy.emailEventId,
            result: "AlreadyInDestination",
            toFolder: copy.destination,
          });
        } else {
          fail([copy], notFound);
        }
      }
    });

    const planned = [...moves.values()];
    const moved = await runDoveadm(settings, planned.map(moveCommand));
    planned.forEach((move, index) => {
      const answer = moved[index];
      if ("error" in answer) return fail(move.copies, answer.error);
      for (const copy of move.copies)
        outcomes.set(copy.emailEventId, {
          emailEventId: copy.emailEventId,
          result: "Success",
          fromFolder: move.from,
          toFolder: move.destination,
        });
    });
    return copies.map((copy) => outcomes.get(copy.emailEventId)!);
  };
}

/** doveadm's search query: `( mailbox A OR mailbox B ) ( header message-id <x> OR header message-id <y> )`; it wants parentheses around ORs. */
function locateCommand(user: string, copies: TCopy[]): TDoveadmCommand {
  const folders = [
    ...new Set(copies.flatMap((copy) => [...copy.sources, ...(copy.destination ? [copy.destination] : [])])),
  ];
  const messageIds = [...new Set(copies.map((copy) => copy.messageId))];
  const anyOf = (terms: string[][]) => ["(", ...terms.flatMap((term, index) => (index ? ["OR", ...term] : term)), ")"];
  const query = [
    ...anyOf(folders.map((folder) => ["mailbox", folder])),
    ...anyOf(messageIds.map((id) => ["header", "message-id", id])),
  ];
  return ["fetch", { user, field: ["uid", "mailbox", "hdr.message-id"], query }];
}

function moveCommand(move: TMove): TDoveadmCommand {
  const query = ["mailbox", move.from, "uid", [...move.uids].join(",")];
  return move.destination
    ? ["move", { user: move.user, destinationMailbox: move.destination, query }]
    : ["expunge", { user: move.user, query }];
}
