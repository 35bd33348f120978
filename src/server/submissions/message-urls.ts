import "server-only";
import { decodeEntities, htmlToText } from "./html-text";

export type TMessageUrl = { url: string; domain: string; linkText: string | null };

export const MAX_URLS = 1000;
const MAX_LINK_TEXT = 500;

/**
 * The links a reader could follow: every http(s) `<a href>` with the text shown for it (a link whose text names
 * another domain than its target is the classic phish), then bare URLs in the text body. One entry per URL, the
 * first occurrence winning, so a link keeps its text when the same URL also appears bare.
 */
export function messageUrls(html: string, text: string): TMessageUrl[] {
  const byUrl = new Map<string, TMessageUrl>();
  const add = (href: string, linkText: string | null) => {
    if (byUrl.size >= MAX_URLS) return;
    const parsed = httpUrl(href);
    if (parsed && !byUrl.has(parsed.href))
      byUrl.set(parsed.href, { url: parsed.href, domain: parsed.hostname.replace(/\.$/, ""), linkText });
  };
  for (const anchor of anchors(html)) add(anchor.href, anchor.text);
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"'`[\]{}|\\^]+/gi))
    add(withoutTrailingPunctuation(match[0]), null);
  return [...byUrl.values()];
}

// A sentence's full stop or a closing bracket after a bare URL is not part of it. A loop from the end, not a regex
// anchored at $: that one retries from every position of a long run of dots (quadratic on a hostile body).
function withoutTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && ".,;:!?)".includes(url[end - 1])) end -= 1;
  return url.slice(0, end);
}

function httpUrl(text: string): URL | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * Anchors by a single forward scan over the tags (not one regex over the document): a message full of unclosed
 * `<a` must cost linear time, never quadratic. A new `<a>` closes an unclosed one, as browsers do.
 */
function anchors(html: string): { href: string; text: string | null }[] {
  const found: { href: string; text: string | null }[] = [];
  let open: { href: string; textStart: number } | null = null;
  const close = (textEnd: number) => {
    if (open) found.push({ href: open.href, text: visibleText(html.slice(open.textStart, textEnd)) });
    open = null;
  };
  for (let start = html.indexOf("<"); start !== -1; ) {
    const end = html.indexOf(">", start);
    if (end === -1) break;
    const tag = html.slice(start + 1, end);
    if (/^\/a\s*$/i.test(tag)) close(start);
    else if (/^a[\s/]/i.test(tag)) {
      close(start);
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i.exec(tag);
      if (href) open = { href: decodeEntities(href[1] ?? href[2] ?? href[3]), textStart: end + 1 };
    }
    start = html.indexOf("<", end);
  }
  close(html.length);
  return found;
}

function visibleText(fragment: string): string | null {
  const text = htmlToText(fragment).replace(/\s+/g, " ");
  return text ? text.slice(0, MAX_LINK_TEXT) : null;
}
