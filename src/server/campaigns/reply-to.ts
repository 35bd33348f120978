import type { THeader } from "@/server/submissions/message-headers";

const ADDRESS = /[^\s<>",;:@]+@[^\s<>",;:@]+\.[^\s<>",;:@]+/g;

/**
 * The Reply-To addresses of a reported message, lower case: the parsed list when the report has one, else read from
 * its stored headers. The one place campaign keys take Reply-To from, so a dedicated parsed field can replace it.
 */
export function reportedReplyTo(message: { replyTo?: string[] | null; headers?: THeader[] | null }): string[] {
  const parsed = (message.replyTo ?? []).map((address) => address.trim().toLowerCase()).filter(Boolean);
  if (parsed.length) return [...new Set(parsed)].slice(0, 10);
  const values = (message.headers ?? [])
    .filter((header) => header.key.toLowerCase() === "reply-to")
    .map((header) => header.value);
  return [
    ...new Set(values.flatMap((value) => value.match(ADDRESS) ?? []).map((address) => address.toLowerCase())),
  ].slice(0, 10);
}
