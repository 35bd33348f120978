import "server-only";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { ZTableColumnsBody, type TTableColumns } from "./table-columns.schemas";

const PREFIX = "table:";

// A choice of columns belongs to a person; an API token stands for no one, so it has none to keep.
function ownerId(principal: TPrincipal): string {
  if (principal.kind !== "user" || !principal.id)
    throw new AppError("FORBIDDEN", "Column choices belong to a signed-in user; API tokens have none");
  return principal.id;
}

/** The caller's column choices for every table, by table id; a stored value that no longer parses is left out. */
export async function listTableColumns(principal: TPrincipal): Promise<Record<string, TTableColumns>> {
  const rows = await prisma.userPreference.findMany({
    where: { userId: ownerId(principal), key: { startsWith: PREFIX } },
    select: { key: true, value: true },
  });
  const choices: Record<string, TTableColumns> = {};
  for (const row of rows) {
    const parsed = ZTableColumnsBody.shape.columns.safeParse(row.value);
    if (parsed.success) choices[row.key.slice(PREFIX.length)] = parsed.data;
  }
  return choices;
}

/** Replaces the caller's choice for one table. */
export async function saveTableColumns(
  table: string,
  columns: TTableColumns,
  principal: TPrincipal,
): Promise<{ table: string; columns: TTableColumns }> {
  const userId = ownerId(principal);
  const key = `${PREFIX}${table}`;
  await prisma.userPreference.upsert({
    where: { userId_key: { userId, key } },
    create: { userId, key, value: columns },
    update: { value: columns },
  });
  return { table, columns };
}
