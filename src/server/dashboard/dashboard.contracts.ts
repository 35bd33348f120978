import { z } from "zod";
import { defineContract } from "@/server/http/contract";
import { ZWireDate } from "@/server/http/wire";

const ZCount = z.number().int();
const ZDayCounts = <const TKey extends string>(keys: readonly TKey[]) =>
  z.object({
    day: ZWireDate,
    ...(Object.fromEntries(keys.map((key) => [key, ZCount])) as Record<TKey, typeof ZCount>),
  });

export const DASHBOARD_ROUTES = {
  counts: defineContract({
    method: "GET",
    path: "/api/v1/dashboard",
    permission: "console:read",
    summary: "Home counts",
    description: "What the home page shows: open alerts, running investigations, pending actions, restricted users.",
    response: z.object({
      activeAlerts: ZCount,
      runningInvestigations: ZCount,
      pendingActions: ZCount,
      restrictedUsers: ZCount,
      mailboxes: ZCount,
      emailEventsLast24h: ZCount,
      threatsLast24h: ZCount,
      emailEventsTotal: ZCount,
      isEmailEventsTotalEstimated: z.boolean(),
    }),
  }),
  trends: defineContract({
    method: "GET",
    path: "/api/v1/dashboard/trends",
    permission: "console:read",
    summary: "Home trends",
    description:
      "The last 30 days as Home shows them: alerts and investigations per UTC day by status, pending actions by age up to the expiry, actions decided by automation and in all, and the mean seconds from a run's first alert to its first remediation.",
    response: z.object({
      from: ZWireDate,
      alerts: z.array(ZDayCounts(["New", "InProgress", "Resolved"])),
      investigations: z.array(ZDayCounts(["running", "pendingAction", "noThreats", "remediated", "other"])),
      pendingByAge: z.array(z.object({ ageDays: ZCount, count: ZCount })),
      pendingExpiryDays: ZCount,
      decided: z.object({ automated: ZCount, total: ZCount }),
      remediation: z.object({ investigations: ZCount, meanSeconds: z.number().nullable() }),
    }),
  }),
};
