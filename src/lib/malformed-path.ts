/**
 * A path Next cannot decode (`/alerts/%FF`, a lone `%`): Next throws while it reads the route's params and answers
 * a bare 500. Refused up front as a 400 instead (src/proxy.ts).
 */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
