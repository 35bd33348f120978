import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPolicyParser, formatPolicyAnswer, type TPolicyEvent } from "@/server/mail-system/policy/policy-protocol";

const bytes = (text: string) => Buffer.from(text, "utf8");
const parseAll = (chunks: Uint8Array[], limits?: Parameters<typeof createPolicyParser>[0]) => {
  const parser = createPolicyParser(limits);
  return chunks.flatMap((chunk) => parser.push(chunk));
};
// Maps compare by entries in toEqual; plain objects read better in a failure.
const plain = (events: TPolicyEvent[]) =>
  events.map((event) => (event.type === "request" ? Object.fromEntries(event.request) : event.type));

const POSTFIX_REQUEST = [
  "request=smtpd_access_policy",
  "protocol_state=RCPT",
  "protocol_name=ESMTP",
  "client_address=127.0.0.1",
  "helo_name=client.example",
  "sender=alice@contoso.test",
  "recipient=bob@fabrikam.test",
  "recipient_count=0",
  "sasl_username=alice@contoso.test",
  "size=12345",
  "",
  "",
].join("\n");

describe("createPolicyParser", () => {
  it("reads Postfix's name=value lines up to the empty line", () => {
    expect(plain(parseAll([bytes(POSTFIX_REQUEST)]))).toEqual([
      {
        request: "smtpd_access_policy",
        protocol_state: "RCPT",
        protocol_name: "ESMTP",
        client_address: "127.0.0.1",
        helo_name: "client.example",
        sender: "alice@contoso.test",
        recipient: "bob@fabrikam.test",
        recipient_count: "0",
        sasl_username: "alice@contoso.test",
        size: "12345",
      },
    ]);
  });

  it("reads many requests on one connection, in order, and tolerates \\r\\n", () => {
    const events = parseAll([
      bytes("protocol_state=RCPT\r\nsender=a@x.test\r\n\r\nprotocol_state=END-OF-MESSAGE\nsender=b@x.test\n\n"),
    ]);
    expect(plain(events)).toEqual([
      { protocol_state: "RCPT", sender: "a@x.test" },
      { protocol_state: "END-OF-MESSAGE", sender: "b@x.test" },
    ]);
  });

  it("keeps empty values and '=' inside values, ignores lines with no name, and owes nothing for stray empty lines", () => {
    const events = parseAll([bytes("\n\nsender=\nccert_subject=CN=a=b\nno equals sign\n=orphan\n\n\n")]);
    expect(plain(events)).toEqual([{ sender: "", ccert_subject: "CN=a=b" }]);
  });

  it("stores names like __proto__ as data", () => {
    const [event] = parseAll([bytes("__proto__=x\nconstructor=y\n\n")]);
    expect(event.type === "request" && [...event.request]).toEqual([
      ["__proto__", "x"],
      ["constructor", "y"],
    ]);
  });

  it("decodes UTF-8 that a chunk boundary cuts in the middle of a character", () => {
    const whole = bytes("sender=jörg@beispiel.test\n\n");
    const cut = whole.indexOf(0xc3) + 1;
    expect(plain(parseAll([whole.subarray(0, cut), whole.subarray(cut)]))).toEqual([{ sender: "jörg@beispiel.test" }]);
  });

  it("skips a request past the size limits up to its empty line, owes it one answer, and reads the next", () => {
    const limits = { maxRequestBytes: 64, maxAttributes: 3 };
    const long = `sender=${"a".repeat(100)}\n\n`;
    const many = "a=1\nb=2\nc=3\nd=4\n\n";
    const next = "sender=ok@x.test\n\n";
    expect(plain(parseAll([bytes(long + many + next)], limits))).toEqual([
      "tooLarge",
      "tooLarge",
      { sender: "ok@x.test" },
    ]);
    // Cut into single bytes, a long line's "\r" or tail is never taken for the empty line that ends it.
    const oneByOne = [...bytes(`sender=${"a".repeat(100)}\r\n\r\n${next}`)].map((byte) => Uint8Array.of(byte));
    expect(plain(parseAll(oneByOne, limits))).toEqual(["tooLarge", { sender: "ok@x.test" }]);
  });

  it("does not keep the caller's buffer: a reused buffer does not change a request still being read", () => {
    const parser = createPolicyParser();
    const buffer = bytes("sender=abc");
    expect(parser.push(buffer)).toEqual([]);
    buffer.fill(0x7a);
    expect(plain(parser.push(bytes("\n\n")))).toEqual([{ sender: "abc" }]);
  });

  it("never throws, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
        parseAll(chunks, { maxRequestBytes: 100, maxAttributes: 4 });
      }),
    );
  });

  it("reads the same whatever the chunk boundaries", () => {
    // Bytes weighted towards the protocol's own: '=', '\r', '\n', letters.
    const protocolByte = fc.oneof(
      fc.constantFrom(0x3d, 0x0d, 0x0a, 0x0a, 0x61, 0x62),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(fc.array(protocolByte, { maxLength: 400 }), fc.array(fc.nat(), { maxLength: 10 }), (data, cuts) => {
        const whole = Uint8Array.from(data);
        const points = [...new Set(cuts.map((cut) => cut % (whole.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((start, index) => whole.subarray(start, [...points, whole.length][index]));
        const limits = { maxRequestBytes: 60, maxAttributes: 5 };
        expect(plain(parseAll(chunks, limits))).toEqual(plain(parseAll([whole], limits)));
      }),
    );
  });

  it("gives back what was written: any attributes, serialised, parse to themselves", () => {
    const name = fc.stringMatching(/^[a-z_]{1,20}$/);
    const value = fc.string({ unit: "grapheme", maxLength: 40 }).map((text) => text.replace(/[\r\n]/g, ""));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, value), { minLength: 1, maxLength: 10, selector: ([key]) => key }),
        (attributes) => {
          const text = `${attributes.map(([key, text]) => `${key}=${text}`).join("\n")}\n\n`;
          expect(plain(parseAll([bytes(text)]))).toEqual([Object.fromEntries(attributes)]);
        },
      ),
    );
  });
});

describe("formatPolicyAnswer", () => {
  it("is action= and an empty line", () => {
    expect(formatPolicyAnswer("DUNNO")).toBe("action=DUNNO\n\n");
    expect(formatPolicyAnswer("550 5.1.8 Access denied, bad outbound sender")).toBe(
      "action=550 5.1.8 Access denied, bad outbound sender\n\n",
    );
  });

  it("never lets a line break end the answer early", () => {
    expect(formatPolicyAnswer("451 4.3.5 a\r\nb\nc")).toBe("action=451 4.3.5 a b c\n\n");
  });
});
