import { z } from "zod";
import { defineContract } from "@/server/http/contract";

export const HEALTH_ROUTES = {
  health: defineContract({
    method: "GET",
    path: "/api/health",
    permission: null,
    summary: "Health",
    description:
      '`{ status: "ok", db: "ok", hunting }` when the app and its database are up, with where advanced hunting runs and the ClickHouse copy\'s lag (`hunting.lagSeconds`, `pending` changes); 503 when the database is not.',
    response: z.object({
      status: z.enum(["ok", "degraded"]),
      db: z.enum(["ok", "down"]),
      hunting: z
        .object({
          store: z.enum(["postgres", "clickhouse"]),
          replica: z.enum(["off", "embedded", "server"]),
          lagSeconds: z.number(),
          pending: z.number().int(),
          isCaughtUp: z.boolean(),
        })
        .optional(),
    }),
  }),
};
