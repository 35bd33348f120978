import { createHash } from "node:crypto";

/**
 * A hash of a message's subject and body with what varies per recipient taken out (links, numbers, addresses,
 * spacing, case), so that the copies of one campaign share it while their personalised details differ.
 */
export function bodyFingerprint(subject: string, body: string): string {
  const normalise = (text: string) =>
    text
      .toLowerCase()
      .replace(/https?:\/\/\S+/g, " ")
      // The lookbehind starts a match only at the start of an address: without it a long run of letters is rescanned
      // from every position (quadratic), and a 10 MiB report would hold the server for minutes.
      .replace(/(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ")
      .replace(/\d+/g, " ")
      .replace(/[^\p{L}]+/gu, " ")
      .trim();
  return createHash("sha256")
    .update(`${normalise(subject)}\n${normalise(body)}`)
    .digest("hex")
    .slice(0, 32);
}
