import "server-only";
import type { TPrincipal } from "@/server/auth/principal";
import { AppError } from "@/server/http/app-error";
import { readBytes } from "@/server/http/read-body";
import { parseInput } from "@/server/http/with-route";
import { ZSubmitJsonBody } from "./submissions.schemas";
import type { TSubmitMessageInput } from "./submit-message";

export const MAX_EML_BYTES = 10 * 1024 * 1024;
const MAX_JSON_BYTES = 1024 * 1024;

/**
 * What a POST to /api/v1/submissions reports: the message itself (`message/rfc822`, as a Report button sends it)
 * or a reference to a stored one (JSON). The reporter defaults to the caller's own address, which a signed-in
 * person has and an API token does not.
 */
export async function readSubmission(
  request: Request,
  query: { reporter?: string },
  principal: TPrincipal,
): Promise<TSubmitMessageInput> {
  const mediaType = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (mediaType === "message/rfc822") {
    const reporter = query.reporter ?? ownAddress(principal, "query.reporter");
    return { kind: "eml", raw: await readBytes(request, MAX_EML_BYTES), reporter };
  }
  if (mediaType === "application/json") {
    const body = parseInput(ZSubmitJsonBody, parseJson(await readBytes(request, MAX_JSON_BYTES)), "body");
    return {
      kind: "networkMessageId",
      networkMessageId: body.networkMessageId,
      reporter: body.reporter ?? ownAddress(principal, "body.reporter"),
    };
  }
  throw new AppError(
    "UNSUPPORTED_MEDIA_TYPE",
    `Send the message as message/rfc822, or JSON naming a networkMessageId (got ${mediaType ? `"${mediaType}"` : "no Content-Type"})`,
  );
}

function ownAddress(principal: TPrincipal, path: string): string {
  if (principal.email) return principal.email.toLowerCase();
  const message = "name the user who reported the message (the caller has no email address of its own)";
  throw new AppError("BAD_REQUEST", `Invalid ${path}: ${message}`, [{ path, message }]);
}

function parseJson(bytes: Buffer): unknown {
  if (!bytes.length) return undefined;
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid body: it is not valid JSON", [
      { path: "body", message: "not valid JSON" },
    ]);
  }
}
