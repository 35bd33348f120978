import { z } from "zod";
import { defineContract } from "@/server/http/contract";

export const HEALTH_ROUTES = {
  health: defineContract({
    method: "GET",
    path: "/api/health",
    permission: null,
    summary: "Health",
    description: '`{ status: "ok", db: "ok" }` when the app and its database are up; 503 when the database is not.',
    response: z.object({ status: z.enum(["ok", "degraded"]), db: z.enum(["ok", "down"]) }),
  }),
};
