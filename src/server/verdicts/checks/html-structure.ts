// What the HTML does that a reader cannot see: forms that collect what they type, text hidden from them, a body that
// is one picture and a link, link text showing another site than the one it opens.
import { linkTextMismatch } from "@/server/intel/heuristics";
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

// Hidden text with this many letters is a message of its own, not a newsletter's preheader.
const HIDDEN_TEXT_MIN = 40;

export const htmlStructureCheck: TCheck = {
  name: "html-structure",
  run(email) {
    const signals: TSignal[] = [];
    const html = email.html;
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
      if (/<img\b/i.test(html) && email.urls.length > 0 && visible < 20)
        signals.push(
          signal("html.image_only", 3.5, "The body is an image and a link, with almost no text a filter could read"),
        );
    }
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
