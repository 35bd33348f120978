import { z } from "zod";
import { defineContract } from "@/server/http/contract";
import { ZTableColumnsBody, ZTableColumnsMap, ZTableColumnsParams } from "./table-columns.schemas";

export const PREFERENCE_ROUTES = {
  listColumns: defineContract({
    method: "GET",
    path: "/api/v1/me/table-columns",
    permission: "console:read",
    isUsersOnly: true,
    summary: "My column choices",
    description: "Which columns each list shows for the signed-in user, by table id.",
    response: ZTableColumnsMap,
  }),
  saveColumns: defineContract({
    method: "PUT",
    path: "/api/v1/me/table-columns/{table}",
    permission: "console:read",
    isUsersOnly: true,
    summary: "Choose a list's columns",
    description:
      "Shown (true) or hidden (false) per column id; columns not named keep the table's default. Replaces the previous choice.",
    params: ZTableColumnsParams,
    body: ZTableColumnsBody,
    response: z.object({ table: z.string(), columns: ZTableColumnsBody.shape.columns }),
  }),
};
