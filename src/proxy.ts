import { NextResponse, type NextRequest } from "next/server";
import { isMalformedPath } from "@/lib/malformed-path";
import { consoleBaseUrl } from "@/server/activity/feed-record";
import { makeNonce, securityHeaders } from "@/server/http/security-headers";
import { readEnv } from "@/server/env";

const isHttps = new URL(consoleBaseUrl()).protocol === "https:";
const isDev = readEnv().NODE_ENV === "development";

/**
 * Runs before every request (no matcher: pages, API routes, static files). A path Next cannot decode (%FF) is a 400
 * here, before Next answers it with a bare 500. Then a fresh CSP nonce and the security headers: Next.js reads the
 * nonce from the request's Content-Security-Policy header while it renders a page, which is why the policy goes on the
 * request as well as on the response.
 */
export function proxy(request: NextRequest) {
  const headers = securityHeaders({ nonce: makeNonce(), isHttps, isDev });
  const response = isMalformedPath(request.nextUrl.pathname)
    ? malformedPath(request)
    : forward(request, headers["Content-Security-Policy"]);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function malformedPath(request: NextRequest): NextResponse {
  const error = { code: "BAD_REQUEST", message: "The path is not valid percent-encoded UTF-8" };
  return request.nextUrl.pathname.startsWith("/api/")
    ? NextResponse.json({ error }, { status: 400 })
    : new NextResponse(error.message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function forward(request: NextRequest, policy: string): NextResponse {
  const forwarded = new Headers(request.headers);
  forwarded.set("Content-Security-Policy", policy);
  return NextResponse.next({ request: { headers: forwarded } });
}
