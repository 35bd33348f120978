// Random strings stamped on the subject or display name ("Pendente - YydtzJJTBF", "Protocolo 7793574292872"): each
// copy of a campaign made unique so that filters cannot match copies. Honest mail numbers orders, not every copy.
import type { TCheck } from "../check";

const MIXED_TOKEN =
  /(?<![\p{L}\p{N}])(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[0-9]?)[A-Za-z0-9]{9,}(?![\p{L}\p{N}])/u;
const LONG_NUMBER = /(?<![\p{N}])[0-9]{10,}(?![\p{N}])/u;

/** A token with mixed case in odd places (not a word, not CamelCase of two words) or a long bare number. */
function randomToken(text: string): string | null {
  for (const match of text.matchAll(new RegExp(MIXED_TOKEN, "gu"))) {
    const token = match[0];
    const caseChanges = [...token].filter(
      (char, index) => index > 0 && /[a-z]/.test(token[index - 1]) && /[A-Z]/.test(char),
    ).length;
    if (caseChanges >= 3 || /[0-9]/.test(token)) return token;
  }
  return LONG_NUMBER.exec(text)?.[0] ?? null;
}

export const randomTokensCheck: TCheck = {
  name: "random-tokens",
  run(email) {
    // The start of each is enough, and keeps the lookaheads linear on a hostile megabyte-long subject.
    const token = randomToken(email.subject.slice(0, 300)) ?? randomToken(email.senderDisplayName.slice(0, 200));
    if (!token) return [];
    return [
      {
        id: "content.random_token",
        category: "content",
        weight: 2.5,
        threatType: "Phish",
        evidence: `The subject or display name carries a random-looking token (${token}), a way to make each copy unique to filters`,
      },
    ];
  },
};
