// Header values as Postfix logs them (header_checks INFO): raw, with RFC 2047 encoded words and, where the header
// was folded, its line break printed as "?".

const ENCODED_WORD = /=\?([^?\s]{1,40})\?([BbQq])\?([^?\s]*)\?=/g;

/** "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=" → "Grüße". A word in an unknown charset stays as it was. */
export function decodeMimeWords(value: string): string {
  // Between two encoded words, whitespace (and the "?" that stands for a fold's line break) is not part of the text.
  const joined = value.replace(/(\?=)\??[ \t]+(?==\?)/g, "$1");
  return joined.replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => {
    try {
      const bytes =
        encoding.toUpperCase() === "B"
          ? Buffer.from(text, "base64")
          : Buffer.from(
              text
                .replace(/_/g, " ")
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              "latin1",
            );
      return new TextDecoder(charset.split("*")[0], { fatal: false }).decode(bytes);
    } catch {
      return word;
    }
  });
}

/** `Alice <alice@x.example>`, `"Bank" <info@x.example>`, `alice@x.example (Alice)`: the address and display name. */
export function parseFromHeader(value: string): { address: string; name: string } | null {
  const angle = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (angle) return { address: angle[1].toLowerCase(), name: displayName(value.slice(0, angle.index)) };
  const bare = /^\s*([^\s<>"(),;]+@[^\s<>"(),;]+)\s*(?:\((.*)\))?\s*$/.exec(value);
  return bare ? { address: bare[1].toLowerCase(), name: displayName(bare[2] ?? "") } : null;
}

function displayName(raw: string): string {
  const trimmed = raw.trim();
  const unquoted =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
      ? trimmed.slice(1, -1).replace(/\\(.)/g, "$1")
      : trimmed;
  return decodeMimeWords(unquoted).trim();
}
