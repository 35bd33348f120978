// x-uuencode (also x-uue, uuencode): the pre-MIME binary encoding that some mailers still use for attachments and
// that mailparser leaves undecoded. Decoded by hand because no well-kept npm package does only this.

const MAX_LINES = 2_000_000;

/**
 * The bytes of a `begin <mode> <name>` … `end` block; null when the text holds no begin line. Tolerant as real mail
 * needs: CRLF or LF, trailing spaces a relay stripped (short lines are padded), backquote or space for zero, and a
 * missing `end` (the data stops at the first line that is not uuencoded).
 */
export function uudecode(encoded: Buffer): Buffer | null {
  const lines = encoded.toString("latin1").split(/\r?\n|\r/, MAX_LINES);
  const begin = lines.findIndex((line) => /^begin(?:-base64)? +[0-7]{1,4} +\S/.test(line));
  if (begin === -1 || lines[begin].startsWith("begin-base64")) return null;
  const chunks: Buffer[] = [];
  for (const line of lines.slice(begin + 1)) {
    if (line === "end" || line.startsWith("end ")) break;
    if (!line) continue;
    const length = sixBits(line.charCodeAt(0));
    if (length === 0) continue;
    if (length > 45 || !/^[ -`]+$/.test(line.trimEnd())) break;
    const bytes = Buffer.alloc(length);
    const body = line.slice(1).padEnd(Math.ceil(length / 3) * 4, " ");
    for (let out = 0, at = 0; out < length; at += 4) {
      const [a, b, c, d] = [0, 1, 2, 3].map((offset) => sixBits(body.charCodeAt(at + offset)));
      const triple = (a << 18) | (b << 12) | (c << 6) | d;
      for (const shift of [16, 8, 0]) if (out < length) bytes[out++] = (triple >> shift) & 0xff;
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

const sixBits = (code: number) => (code - 32) & 0x3f;
