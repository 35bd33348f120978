// What the HTML does that a reader cannot see: forms that collect what they type, text hidden from them, a body that
// is one picture and a link, link text showing another site than the one it opens, a link host no parser can read.
import { linkTextMismatch } from "@/server/intel/heuristics";
import { decodeEntities } from "@/server/submissions/html-text";
import type { TCheck } from "../check";
import type { TSignal } from "../signal";

const signal = (id: string, weight: number, evidence: string, entity?: TSignal["entity"]): TSignal => ({
  id,
  category: "content",
  weight,
  threatType: "Phish",
  evidence,
  ...(entity ? { entity } : {}),
});

// A picture shown by an <img>, or drawn as a block's CSS background (which hides it from image-counting filters).
const PICTURE = /<img\b|background(?:-image)?\s*:[^;"'<>]{0,100}?url\s*\(|\bbackground\s*=\s*["']?https?:/i;

// Hidden text with this many letters is a message of its own, not a newsletter's preheader.
const HIDDEN_TEXT_MIN = 40;

export const htmlStructureCheck: TCheck = {
  name: "html-structure",
  run(email) {
    const signals: TSignal[] = [];
    const html = email.html;
    const garbled = html ? garbledLinkHost(html) : null;
    if (html) {
      // Bounded repetitions throughout: a hostile body of unclosed tags must cost linear time, not quadratic.
      if (/<input\b[^>]{0,300}type\s*=\s*["']?password/i.test(html))
        signals.push(
          signal(
            "html.password_form",
            5,
            "The message holds a form with a password field: honest senders never collect passwords in mail",
          ),
        );
      else if (/<form\b/i.test(html) && /<input\b/i.test(html))
        signals.push(signal("html.form", 2.5, "The message holds a form that sends what is typed into it elsewhere"));
      const hidden = hiddenTextLength(html);
      if (hidden >= HIDDEN_TEXT_MIN)
        signals.push(
          signal(
            "html.hidden_text",
            1,
            `${hidden} characters of the body are hidden (zero-size or invisible text), a way to fool filters`,
          ),
        );
      const visible = email.textBody.replace(/\s+/g, "").length;
      if (PICTURE.test(html) && (email.urls.length > 0 || garbled) && visible < 20)
        signals.push(
          signal("html.image_only", 3.5, "The body is an image and a link, with almost no text a filter could read"),
        );
    }
    if (garbled)
      signals.push(
        signal(
          "links.garbled_host",
          2.5,
          `A link's host "${garbled}" holds control or invisible characters that no domain name has: written so that link scanners cannot read where it leads`,
        ),
      );
    for (const url of email.urls) {
      const mismatch = linkTextMismatch(url.linkText, url.url);
      if (mismatch) {
        signals.push(signal("links.text_mismatch", 1.5, mismatch, { kind: "url", value: url.url }));
        break;
      }
    }
    return signals;
  },
};

/** Characters inside elements styled to be unseen (font-size 0, display none with text, visibility hidden). */
function hiddenTextLength(html: string): number {
  let total = 0;
  for (const match of html
    .slice(0, 200_000)
    .matchAll(
      /<(span|div|p|font|td)\b[^>]{0,300}?style\s*=\s*["'][^"'>]{0,300}?(font-size\s*:\s*0(?:px|pt|em)?\s*[;"']|visibility\s*:\s*hidden|opacity\s*:\s*0\s*[;"'])[^>]{0,300}>([^<]{0,2000})/gi,
    )) {
    total += match[3].trim().length;
  }
  return total;
}

/**
 * The host of the first http(s) link whose host holds control or format characters (`&#159;` in
 * "http://ðvJ2t&#159;ge.example"): URL parsers reject it, so the link escapes every link check, while mail clients
 * still open something. Shown with those characters as "?".
 */
function garbledLinkHost(html: string): string | null {
  for (const match of html.slice(0, 200_000).matchAll(/<a\b[^>]{0,300}?href\s*=\s*["']?([^"'>]{0,300})/gi)) {
    const host = /^\s*https?:\/\/([^/?#\s]{1,253})/i.exec(decodeEntities(match[1]))?.[1];
    if (host && /[\p{Cc}\p{Cf}]/u.test(host)) return host.replace(/[\p{Cc}\p{Cf}]/gu, "?");
  }
  return null;
}
