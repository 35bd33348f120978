import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { emailWhereSql } from "./email-filter-sql";
import { ZGuid } from "@/server/ingestion/ingestion.schemas";
import { ZEmailFilters, resolveWindow } from "./explorer.schemas";

/** Defender refuses to act on more than this many messages at once; so does Breakwater. */
export const MAX_SELECTION = 200_000;

// Messages picked in Threat Explorer: ticked rows (their NetworkMessageIds), or everything the search matches.
export const ZSelection = z.union([
  z.strictObject({ networkMessageIds: z.array(ZGuid).min(1).max(1000) }),
  z.strictObject({ filters: ZEmailFilters }),
]);
export type TSelection = z.infer<typeof ZSelection>;

/** A search's window is fixed when it is acted on, so a run looks at exactly what the analyst saw. */
export function freezeSelection(selection: TSelection, now = new Date()): TSelection {
  if (!("filters" in selection)) return selection;
  const { from, to } = resolveWindow(selection.filters, now);
  return { filters: { ...selection.filters, from, to, range: undefined } };
}

/** The selection as a condition on `"EmailEvent" e`. */
export function selectionWhereSql(selection: TSelection): Prisma.Sql {
  if ("networkMessageIds" in selection)
    return Prisma.sql`e."networkMessageId" = any(${selection.networkMessageIds}::uuid[])`;
  return emailWhereSql(selection.filters);
}

/** Reads a selection stored in a run's input back (dates come out of JSON as strings). */
export function storedSelection(value: unknown): TSelection {
  return ZSelection.parse(value);
}

/** How many message copies the selection holds; refuses (400) one beyond the limit without counting it all. */
export async function countSelection(selection: TSelection): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: bigint }[]>`
    select count(*) as count from (select 1 from "EmailEvent" e where ${selectionWhereSql(selection)} limit ${MAX_SELECTION + 1}) capped`;
  const count = Number(row.count);
  if (count > MAX_SELECTION) {
    throw new AppError(
      "BAD_REQUEST",
      `The selection holds more than ${MAX_SELECTION.toLocaleString("en-US")} messages: narrow the search (time range, sender, URL domain) and try again`,
      [{ path: "body", message: `more than ${MAX_SELECTION} messages` }],
    );
  }
  if (!count)
    throw new AppError("BAD_REQUEST", "The selection holds no messages", [{ path: "body", message: "no messages" }]);
  return count;
}
