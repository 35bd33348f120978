import { z } from "zod";
import { defineContract } from "@/server/http/contract";
import { ZPage, ZWireDate } from "@/server/http/wire";
import { ZAuditListQuery } from "./audit.queries";

const ZAuditEntry = z.object({
  id: z.string(),
  at: ZWireDate,
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  targetName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

export const AUDIT_ROUTES = {
  list: defineContract({
    method: "GET",
    path: "/api/v1/audit",
    permission: "audit:read",
    summary: "Audit log",
    description: "Who did what, when, to what, with before and after.",
    query: ZAuditListQuery,
    response: ZPage(ZAuditEntry),
  }),
};
