import "server-only";

export type TSecurityHeaderOptions = {
  /** A fresh random value per request: Next.js puts it on every script it renders (read from the request's CSP). */
  nonce: string;
  /** Served over https (NEXTAUTH_URL): only then HSTS and upgrade-insecure-requests, which would break plain http. */
  isHttps: boolean;
  /** `next dev`: React needs eval for its debugging aids; never in production. */
  isDev: boolean;
};

/**
 * The headers on every response (pages, API, static files), set by src/proxy.ts.
 * - Scripts run only with this response's nonce, or when loaded by such a script ('strict-dynamic': Next.js's chunk
 *   loader); inline event handlers, `javascript:` URLs and injected <script> tags never run.
 * - Styles allow 'unsafe-inline': React renders `style` attributes (bar widths in charts) and Radix injects a <style>
 *   while a dialog is open, and a nonce cannot cover attributes. Style injection cannot run code.
 * - No page may be framed (frame-ancestors, and X-Frame-Options for older browsers), no body is sniffed into another
 *   type, no other origin reads or opens the console's responses, and the console's URLs (investigation ids, search
 *   terms) are not sent as Referer to other sites.
 */
export function securityHeaders({ nonce, isHttps, isDev }: TSecurityHeaderOptions): Record<string, string> {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": policy,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(isHttps ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** 128 random bits, base64: what a CSP nonce-source takes. */
export function makeNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
