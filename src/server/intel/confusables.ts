// How a domain label reads to a person: the skeleton two labels share when a reader would take one for the other,
// and the edit distance between labels. Pure.
import { domainToUnicode } from "node:url";

// Letters from other scripts drawn like Latin ones, the usual material of homograph domains (IDN spoofing).
// Accented Latin letters need no entry: NFKD splits them into a base letter and a mark, and the mark is dropped.
export const LOOKALIKE_LETTERS: Record<string, string> = {
  // Cyrillic
  а: "a",
  с: "c",
  ԁ: "d",
  е: "e",
  һ: "h",
  і: "i",
  ј: "j",
  к: "k",
  ӏ: "l",
  о: "o",
  р: "p",
  ԛ: "q",
  ѕ: "s",
  у: "y",
  ԝ: "w",
  х: "x",
  ү: "y",
  // Greek
  α: "a",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  γ: "y",
  ω: "w",
  // Latin letters NFKD leaves whole
  ı: "i",
  ɩ: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  ħ: "h",
  ɡ: "g",
  ß: "ss",
};

// Look-alikes within ASCII itself: digits for letters, and letter pairs that render as one letter in most fonts.
const ASCII_LOOKALIKES: [RegExp, string][] = [
  [/rn/g, "m"],
  [/vv/g, "w"],
  [/0/g, "o"],
  [/1/g, "l"],
];

/** A punycode (xn--) label as people see it; the label itself when it is not one or does not decode. */
export function displayedLabel(label: string): string {
  return label.startsWith("xn--") ? domainToUnicode(label) || label : label;
}

/** The skeleton of a label: "xn--cntoso-wqf" (cоntoso), "c0ntoso" and "contoso" all read "contoso". */
export function skeleton(label: string): string {
  let text = displayedLabel(label).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  text = Array.from(text, (char) => LOOKALIKE_LETTERS[char] ?? char).join("");
  for (const [pattern, replacement] of ASCII_LOOKALIKES) text = text.replace(pattern, replacement);
  return text;
}

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours each count one,
 * because a swapped pair (micorsoft) is as common a typosquat as a changed letter. Stops early past `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    [before, previous] = [previous, current];
  }
  return Math.min(previous[b.length], limit + 1);
}
