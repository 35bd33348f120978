import "server-only";

const BLOCK_TAGS = new Set(["br", "p", "div", "tr", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"]);
// What a browser never shows as text; an unclosed one hides the rest, as in a browser.
const HIDDEN_TAGS = new Set(["script", "style"]);

/**
 * The text a reader sees in an HTML body. A forward scan over the tags with indexOf, not regexes over the whole
 * document: a reported message is hostile input, and `<` without `>` by the million must cost linear time.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let position = 0;
  while (position < html.length) {
    const start = html.indexOf("<", position);
    const end = start === -1 ? -1 : html.indexOf(">", start);
    if (end === -1) {
      parts.push(html.slice(position));
      break;
    }
    const name =
      /^\/?([a-z][a-z0-9]*)/i.exec(html.slice(start + 1, Math.min(end, start + 12)))?.[1].toLowerCase() ?? "";
    parts.push(html.slice(position, start), BLOCK_TAGS.has(name) ? "\n" : " ");
    position = end + 1;
    if (HIDDEN_TAGS.has(name) && html[start + 1] !== "/") position = afterClosingTag(html, name, position);
  }
  return decodeEntities(parts.join(""))
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function afterClosingTag(html: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}\\s*>`, "gi");
  closing.lastIndex = from;
  const match = closing.exec(html);
  return match ? match.index + match[0].length : html.length;
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,8}|#[0-9]{1,10}|[a-z]+);/gi, (entity, name: string) => {
    if (!name.startsWith("#")) return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    const codePoint = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
  });
}
