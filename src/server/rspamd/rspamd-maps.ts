import "server-only";
import { z } from "zod";
import { INDICATOR_KINDS, type TIndicatorKind } from "@/lib/threat-indicators";
import { prisma } from "@/server/db";

export const ZRspamdMapParams = z.object({
  kind: z.enum(INDICATOR_KINDS, { error: `must be one of ${INDICATOR_KINDS.join(", ")}` }),
});

/**
 * Every threat indicator of a kind as an rspamd map: one key a line, in the form rspamd's multimap looks it up by
 * (README: "rspamd"). Lines starting with # are comments to rspamd. Indicators are stored normalised
 * (threat-indicators.schemas.ts), which is already what rspamd compares: lower-case hosts, addresses and hashes.
 */
export async function rspamdMap(kind: TIndicatorKind): Promise<string> {
  const rows = await prisma.threatIndicator.findMany({
    where: { kind },
    select: { value: true },
    orderBy: { value: "asc" },
  });
  const keys = [...new Set(rows.flatMap((row) => (kind === "url" ? urlKeys(row.value) : [row.value])))];
  return `# Breakwater threat indicators: ${kind}, ${rows.length} ${rows.length === 1 ? "entry" : "entries"}\n${keys.map((key) => `${key}\n`).join("")}`;
}

/**
 * A URL as rspamd's url:get_text() may write it (the `full` filter): stored as the URL parser's href, which always
 * has a path ("https://evil.example/") and keeps a #fragment, while rspamd writes the link as it came, host
 * lower-cased ("https://evil.example"). Every spelling goes in, so each matches.
 */
function urlKeys(href: string): string[] {
  const url = new URL(href);
  const withoutFragment = href.replace(/#.*$/, "");
  const keys = [href, withoutFragment];
  if (url.pathname === "/" && !url.search) keys.push(withoutFragment.replace(/\/$/, ""));
  return keys;
}
