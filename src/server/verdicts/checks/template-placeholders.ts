// Mail-merge fields the sending kit failed to fill: "sent to {EMAIL}", "Hello {name}", "[%random_string]". Phishing
// and spam kits stamp each copy from a template, and a broken run leaves the field names in the text. A sign, not a
// verdict: an honest newsletter's test send does it too. Mailing-list posts are left alone: they quote code.
import { htmlToText } from "@/server/submissions/html-text";
import type { TCheck } from "../check";
import { hasHeader } from "../email-input";

const FIELD =
  "e-?mail|name|first_?name|last_?name|full_?name|fname|lname|recipient|user_?name|random\\w*|rand_\\w+|hash\\w*";
// {{name}} and {$name} (Handlebars, PHP), %EMAIL% and %%email%%, [[email]] and [%random%], *|FNAME|* (Mailchimp).
const PLACEHOLDER = new RegExp(
  `\\{\\{\\s*(?:${FIELD})\\s*\\}\\}|\\{\\$?(?:${FIELD})\\}|%%?(?:${FIELD})%%?|\\[\\[\\s*(?:${FIELD})\\s*\\]\\]|\\[%\\s*(?:${FIELD})\\s*%?\\]|\\*\\|(?:${FIELD})\\|\\*`,
  "i",
);
const READ_CHARS = 20_000;

/** The first unfilled mail-merge field in `text`, if any. */
export function unfilledPlaceholder(text: string): string | null {
  return PLACEHOLDER.exec(text.slice(0, READ_CHARS))?.[0] ?? null;
}

export const templatePlaceholdersCheck: TCheck = {
  name: "template-placeholders",
  run(email) {
    if (hasHeader(email, "list-id")) return [];
    const body = email.textBody.trim() ? email.textBody : htmlToText(email.html.slice(0, READ_CHARS * 5));
    const found = unfilledPlaceholder(`${email.senderDisplayName}\n${email.subject}\n${body}`);
    if (!found) return [];
    return [
      {
        id: "content.unfilled_placeholder",
        category: "content",
        weight: 1.5,
        threatType: "Phish",
        evidence: `The text carries "${found}", a mail-merge field the sending kit left unfilled: each copy is stamped from a template`,
      },
    ];
  },
};
