/**
 * Where to send someone after sign-in: a path of the console itself, never another site. The value is read the way a
 * browser will read it (the URL API, against the console's origin), so the tricks that fool prefix checks — a
 * backslash (`/\evil.example`, which browsers treat as `//`), a tab or newline they strip (`/%09/evil.example`), a
 * scheme-relative `//host`, a look-alike host (`http://localhost:3000.evil.example`), `javascript:` — all resolve
 * to another origin and fall back to Home.
 */
export function safeCallbackPath(value: string | null | undefined, consoleOrigin: string): string {
  if (!value) return "/";
  let url: URL;
  try {
    url = new URL(value, consoleOrigin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(consoleOrigin).origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil.example` is the console's own path `//evil.example`, which a browser would read as another host.
  return path.startsWith("//") ? "/" : path;
}
