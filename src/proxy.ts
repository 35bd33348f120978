import { NextResponse, type NextRequest } from "next/server";
import { isMalformedPath } from "@/lib/malformed-path";

export function proxy(request: NextRequest) {
  if (isMalformedPath(request.nextUrl.pathname)) {
    const error = { code: "BAD_REQUEST", message: "The path is not valid percent-encoded UTF-8" };
    return request.nextUrl.pathname.startsWith("/api/")
      ? NextResponse.json({ error }, { status: 400 })
      : new NextResponse(error.message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  return NextResponse.next();
}
