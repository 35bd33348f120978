// Text as the content checks compare it: lower case, accents and zero-width characters gone, spaces collapsed, and
// Greek or Cyrillic look-alike letters inside Latin words read as the Latin letters they imitate, so
// "Vérifiez  votre\u200b compte", "vеrifiez votrе compte" (Cyrillic е) and "verifiez votre compte" match one phrase.
import { LOOKALIKE_LETTERS } from "@/server/intel/confusables";

// With Unicode's tag characters and its supplementary variation selectors: "Se\u{E0139}r\u{E0139}vice" renders as
// "Service" and matches no filter's word. (The emoji variation selectors U+FE00–FE0F stay: honest names carry emoji.)
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;

export function foldText(text: string): string {
  const folded = text
    .replace(SMALL_CAPITALS, (letter) => SMALL_CAPITAL_LETTERS[letter] ?? letter)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(INVISIBLE, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
  return GREEK_OR_CYRILLIC.test(folded) ? folded.replace(/\p{L}+/gu, unmaskWord) : folded;
}

// Small capitals are letters of their own to Unicode (NFKD leaves them): "ᴘᴀʏᴍᴇɴᴛ" must read "payment".
const SMALL_CAPITAL_LETTERS: Record<string, string> = Object.fromEntries(
  Array.from("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", (letter, index) => [letter, "abcdefghijklmnoprstuvwyz"[index]]),
);
const SMALL_CAPITALS = new RegExp(`[${Object.keys(SMALL_CAPITAL_LETTERS).join("")}]`, "gu");

/**
 * Letters drawn from Unicode's typographic blocks instead of the alphabet: small capitals, mathematical bold or
 * script, fullwidth, circled or squared letters. They read as words to a person and as symbols
 * to a word filter, which is why lures write their names and subjects in them.
 */
export function styledLetters(text: string): string | null {
  return (
    /(?:[\u1d00-\u1d2b\u0299\u0262\u029c\u026a\u029f\u0274\u0280\u028f\ua730\ua731]|[\u{1d400}-\u{1d6a3}]|[\uff21-\uff3a\uff41-\uff5a]|[\u24b6-\u24e9]|[\u{1f130}-\u{1f189}]){3,}/u.exec(
      text,
    )?.[0] ?? null
  );
}

const GREEK_OR_CYRILLIC = /[\u0370-\u03ff\u0400-\u052f]/;

// Only words that mix in Latin letters are disguises: a Greek or Russian sentence stays as written.
function unmaskWord(word: string): string {
  if (!/[a-z]/.test(word) || !GREEK_OR_CYRILLIC.test(word)) return word;
  return Array.from(word, (char) => LOOKALIKE_LETTERS[char] ?? char).join("");
}

/** Zero-width, bidi-control and soft-hyphen characters: honest senders have no use for them in a name or subject. */
export function invisibleCharacters(text: string): number {
  return text.match(INVISIBLE)?.length ?? 0;
}

/** Combining marks stacked on a letter beyond what any language writes (two or more on one base). */
export function hasStackedMarks(text: string): boolean {
  return /\p{L}[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff]{2,}/u.test(text.normalize("NFD"));
}

/** A word mixing Latin letters with Greek or Cyrillic ones ("Αviatiοn"): a homoglyph made to pass for a real word. */
export function mixedScriptWord(text: string): string | null {
  // Invisible characters inside a word would split it into harmless pieces: "Ꮇ\u{E0139}icrosoft" is one word.
  for (const word of text
    .replace(INVISIBLE, "")
    .normalize("NFC")
    .split(/[^\p{L}]+/u)) {
    // Latin with Han, kana or Hangul in one token is ordinary in East Asian text; with any other script it is a disguise.
    if (
      word.length >= 3 &&
      /\p{Script=Latin}/u.test(word) &&
      /[^\p{Script=Latin}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Common}\p{M}]/u.test(
        word,
      )
    )
      return word;
  }
  return null;
}

/** A capitalised word with a digit or a lower-case l standing in for a letter ("CONFlRM", "PAYPA1", "0FFICE"). */
export function obfuscatedWord(text: string): string | null {
  return (
    /(?<![\p{L}\p{N}])(?=[A-Z0-9l]{0,40}[A-Z]{2})(?:[A-Z]{1,40}[l01][A-Z]{1,40}|[01l][A-Z]{3,40})(?![\p{L}\p{N}])/u.exec(
      text,
    )?.[0] ?? null
  );
}

/** Marks of non-Latin scripts (Syriac, Hebrew, Arabic, Cyrillic) set on Latin letters: "amܿazoܿn" hides a word from filters. */
export function hasForeignMarks(text: string): boolean {
  return /[A-Za-z][\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0711\u0730-\u074a]+[A-Za-z]/.test(text);
}
