import { NextResponse, type NextRequest } from "next/server";
import { consoleBaseUrl } from "@/server/activity/feed-record";
import { makeNonce, securityHeaders } from "@/server/http/security-headers";

const isHttps = new URL(consoleBaseUrl()).protocol === "https:";
const isDev = process.env.NODE_ENV === "development";

/**
 * Runs before every request (no matcher: pages, API routes, static files): a fresh CSP nonce and the security
 * headers. Next.js reads the nonce from the request's Content-Security-Policy header while it renders a page, which
 * is why the policy goes on the request as well as on the response.
 */
export function proxy(request: NextRequest) {
  const headers = securityHeaders({ nonce: makeNonce(), isHttps, isDev });
  const forwarded = new Headers(request.headers);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
