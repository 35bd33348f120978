import "server-only";
import { consoleBaseUrl } from "@/server/activity/feed-record";
import { AppError } from "./app-error";

/** What a state-changing route takes unless it declares otherwise (`accepts` on withRoute). */
export const JSON_BODY = ["application/json"] as const;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The CSRF rule for every state-changing API call (POST, PUT, PATCH, DELETE):
 * - a body must declare one of the route's media types. Forms and `no-cors` fetches can only send
 *   text/plain, multipart/form-data or urlencoded bodies without a CORS preflight, and this server answers no
 *   preflight, so another site cannot send JSON (or .eml, NDJSON, CSV) at all;
 * - a call that rides on the browser's cookies must come from the console's own pages: the browser's
 *   `Sec-Fetch-Site` must say same-origin, or, where a browser sends no Fetch Metadata (plain http on a
 *   non-localhost host), its `Origin` must be the console's. With neither header a cookie call is refused.
 *   Same-site is not enough: another port on the same host (`localhost:8080`) is same-site for SameSite cookies.
 * - a bearer-token call carries no ambient credential a foreign page could borrow, so it needs no Origin.
 */
export function assertSameOrigin(request: Request, accepts: readonly string[] = JSON_BODY): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  if (!isBearer(request)) assertOwnPage(request);
  assertMediaType(request, accepts);
}

function isBearer(request: Request): boolean {
  return request.headers.get("authorization")?.trim().toLowerCase().startsWith("bearer ") ?? false;
}

function assertOwnPage(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  // The browser computes Sec-Fetch-Site itself (no page can set it), so when it is there it decides.
  if (site) {
    if (site === "same-origin") return;
    throw crossOrigin(`the browser says it came from a ${site} page`);
  }
  if (origin) {
    if (ownOrigins(request).has(origin)) return;
    throw crossOrigin(`it came from ${origin}`);
  }
  // No cookie, no session to borrow: the route's own authorisation answers (401 for a protected route).
  if (!request.headers.has("cookie")) return;
  throw crossOrigin("it says neither Origin nor Sec-Fetch-Site");
}

/** The console's public URL, and the origin the request itself was addressed to (behind no proxy they are one). */
function ownOrigins(request: Request): Set<string> {
  const origins = new Set([new URL(consoleBaseUrl()).origin]);
  const host = request.headers.get("host");
  if (host) origins.add(`${new URL(request.url).protocol}//${host}`);
  return origins;
}

function crossOrigin(why: string): AppError {
  return new AppError(
    "CROSS_ORIGIN",
    `Refused: a signed-in browser may change things only from the console's own pages, and ${why}`,
  );
}

function assertMediaType(request: Request, accepts: readonly string[]): void {
  const mediaType = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (mediaType ? accepts.includes(mediaType) : !hasBody(request)) return;
  throw new AppError(
    "UNSUPPORTED_MEDIA_TYPE",
    `Send the body as ${accepts.join(" or ")} (got ${mediaType ? `"${mediaType}"` : "no Content-Type"})`,
  );
}

/** HTTP/1.1's own rule: a request has a body when it declares a length above 0 or a transfer encoding. */
function hasBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  return length !== null ? Number(length) !== 0 : request.headers.has("transfer-encoding");
}
