import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { orderFromSort, skipTake, type TPage } from "@/server/http/pagination";
import type { TRestrictedUserListQuery } from "./restrictions.schemas";

const LIST_FIELDS = {
  id: true,
  address: true,
  reason: true,
  restrictedAt: true,
  releasedAt: true,
  releasedByName: true,
  releaseReason: true,
  // The "User restricted from sending email" alert that points at this restriction; the newest if several do.
  alerts: { select: { id: true, title: true }, orderBy: { id: "desc" }, take: 1 },
} as const satisfies Prisma.RestrictedUserSelect;

type TRestrictedUserRow = Prisma.RestrictedUserGetPayload<{ select: typeof LIST_FIELDS }>;
export type TRestrictedUserListItem = Omit<TRestrictedUserRow, "alerts"> & {
  alert: { id: number; title: string } | null;
};

const STATE_WHERE = {
  restricted: { releasedAt: null },
  released: { releasedAt: { not: null } },
  all: {},
} as const satisfies Record<TRestrictedUserListQuery["state"], Prisma.RestrictedUserWhereInput>;

export async function listRestrictedUsers(query: TRestrictedUserListQuery): Promise<TPage<TRestrictedUserListItem>> {
  const where: Prisma.RestrictedUserWhereInput = {
    ...STATE_WHERE[query.state],
    ...(query.user ? { address: { contains: query.user, mode: "insensitive" } } : {}),
  };
  const { field, direction } = orderFromSort(query.sort);
  const order = field === "releasedAt" ? { sort: direction, nulls: "last" as const } : direction;
  const [rows, total] = await Promise.all([
    prisma.restrictedUser.findMany({
      where,
      select: LIST_FIELDS,
      orderBy: [{ [field]: order }, { id: direction }],
      ...skipTake(query),
    }),
    prisma.restrictedUser.count({ where }),
  ]);
  const items = rows.map(({ alerts, ...row }) => ({ ...row, alert: alerts[0] ?? null }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}
