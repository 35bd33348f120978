// A sender's name or a subject written in letters from Unicode's typographic blocks ("ᴘᴀʏᴍᴇɴᴛ ᴅᴇᴄʟɪɴᴇᴅ",
// "𝐏𝐚𝐲𝐏𝐚𝐥"): a person reads the word, a keyword filter sees symbols. Organisations write their names in letters.
// Weak on its own (marketing subjects use bold letters too); the words themselves are read through it (foldText).
import type { TCheck } from "../check";
import { styledLetters } from "../text";

export const styledLettersCheck: TCheck = {
  name: "styled-letters",
  run(email) {
    const where = [
      { field: "display name", text: email.senderDisplayName },
      { field: "subject", text: email.subject },
    ];
    for (const { field, text } of where) {
      const styled = styledLetters(text);
      if (styled)
        return [
          {
            id: "impersonation.styled_letters",
            category: "impersonation",
            weight: 1.5,
            threatType: "Phish",
            evidence: `The ${field} writes "${styled}" in look-alike letters (small capitals, mathematical or fullwidth letters) that word filters do not read`,
            entity: { kind: "sender", value: email.senderAddress },
          },
        ];
    }
    return [];
  },
};
