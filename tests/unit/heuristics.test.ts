import fc from "fast-check";
import { domainToASCII } from "node:url";
import { describe, expect, it } from "vitest";
import { editDistance, skeleton } from "@/server/intel/confusables";
import { parentDomains } from "@/server/intel/domain-names";
import { displayNameSpoof, judgeHeuristics, linkTextMismatch, lookalikeDomain } from "@/server/intel/heuristics";

const ORG = ["contoso.com", "fabrikam-corp.co.uk"];
const PEOPLE = ["José Álvarez", "Ada Lovelace"];

describe("lookalikeDomain", () => {
  it.each([
    [
      domainToASCII("cоntoso.com"),
      "contoso.com",
      "imitates contoso.com with look-alike characters (it displays as cоntoso.com)",
    ],
    [domainToASCII("соntоsо.net"), "contoso.com", "look-alike characters"],
    ["c0nt0so.com", "contoso.com", "c0nt0so.com imitates contoso.com with look-alike characters"],
    ["contoso.net", "contoso.com", "contoso.net carries the organisation's name under another suffix than contoso.com"],
    ["contosso.com", "contoso.com", "contosso.com is one edit away from contoso.com"],
    ["cnotoso.com", "contoso.com", "one edit away"],
    ["fabrikamcorp.co.uk", "fabrikam-corp.co.uk", "one edit away"],
    ["fabrikam-crop.com", "fabrikam-corp.co.uk", "one edit away"],
    ["fabricam-korp.com", "fabrikam-corp.co.uk", "two edits away from fabrikam-corp.co.uk"],
    ["contoso-secure.com", "contoso.com", "contoso-secure.com uses the name of contoso.com"],
    ["secure-contoso.com", "contoso.com", "uses the name of contoso.com"],
    [
      "contoso.login-verify.net",
      "contoso.com",
      "contoso.login-verify.net uses the name of contoso.com on another site (login-verify.net)",
    ],
    ["mycontosoportal.com", "contoso.com", "uses the name of contoso.com"],
  ])("flags %s as imitating %s", (domain, target, reason) => {
    const found = lookalikeDomain(domain, ORG);
    expect(found?.target).toBe(target);
    expect(found?.reason).toContain(reason);
  });

  // Found by the property test: the skeleton of "aarna" ("aama", rn read as m) is shorter than the name as written.
  it("counts one edit by the name as written, whatever its skeleton's length", () => {
    expect(lookalikeDomain("uarna.com", ["aarna.com"])).toEqual({
      target: "aarna.com",
      reason: "uarna.com is one edit away from aarna.com",
    });
  });

  it.each([
    "contoso.com",
    "CONTOSO.COM.",
    "mail.contoso.com",
    "eu.mail.contoso.com",
    "fabrikam-corp.co.uk",
    "contest.com",
    "microsoft.com",
    "example.com",
    "192.0.2.1",
    "",
    "not a domain",
  ])("leaves %j alone", (domain) => {
    expect(lookalikeDomain(domain, ORG)).toBeNull();
  });

  it("reads the rn-for-m trick both ways", () => {
    expect(lookalikeDomain("modem.com", ["modern.com"])?.reason).toContain("look-alike characters");
    expect(lookalikeDomain("rnicrosoft.com", ["microsoft.com"])?.reason).toContain("look-alike characters");
  });

  it("ignores short names for near misses, which have many honest neighbours", () => {
    expect(lookalikeDomain("acne.com", ["acme.com"])).toBeNull();
  });
});

describe("displayNameSpoof", () => {
  const sender = "billing@evil.example";

  it("flags an address of another domain in the display name", () => {
    expect(displayNameSpoof("ceo@contoso.com", sender, ORG)).toBe(
      "The display name shows ceo@contoso.com but the message comes from billing@evil.example",
    );
    expect(displayNameSpoof("Payments <payments@paypal.com>", sender, ORG)).toContain("payments@paypal.com");
  });

  it("flags a display name naming the organisation's domain", () => {
    expect(displayNameSpoof("Contoso.com IT Helpdesk", sender, ORG)).toBe(
      "The display name names the organisation's domain contoso.com but the sender billing@evil.example is outside it",
    );
  });

  it("flags exactly the name of a person in the organisation, ignoring case, accents and spacing", () => {
    expect(displayNameSpoof("jose  alvarez", sender, ORG, PEOPLE)).toContain(
      '"jose  alvarez" is the name of a person in the organisation',
    );
    expect(displayNameSpoof("ADA LOVELACE", sender, ORG, PEOPLE)).not.toBeNull();
    expect(displayNameSpoof("Ada Lovelace (Finance)", sender, ORG, PEOPLE)).toBeNull();
  });

  it("leaves internal senders and honest external ones alone", () => {
    expect(displayNameSpoof("Ada Lovelace", "ada@contoso.com", ORG, PEOPLE)).toBeNull();
    expect(displayNameSpoof("ceo@contoso.com", "ceo@mail.contoso.com", ORG)).toBeNull();
    expect(displayNameSpoof("support@paypal.com", "support@mail.paypal.com", ORG)).toBeNull();
    expect(displayNameSpoof("Fabrikam Sales", "sales@fabrikam.example", ORG, PEOPLE)).toBeNull();
    expect(displayNameSpoof("notcontoso.company news", sender, ORG)).toBeNull();
  });
});

describe("linkTextMismatch", () => {
  it.each([
    [
      "www.contoso.com",
      "https://evil.example/login",
      "The link text shows www.contoso.com but the link goes to evil.example",
    ],
    [
      "https://contoso.com/reset",
      "http://198.51.100.4/reset",
      "The link text shows contoso.com but the link goes to 198.51.100.4",
    ],
    ["Sign in at portal.office.com now", "https://office.evil.example", "shows portal.office.com"],
    ["(https://contoso.com)", "https://evil.example", "shows contoso.com"],
    ["contoso.test/hr/benefits", "https://benefits-contoso.example/login", "shows contoso.test"],
  ])("flags %j → %s", (text, href, reason) => {
    expect(linkTextMismatch(text, href)).toContain(reason);
  });

  it.each([
    [null, "https://evil.example"],
    ["Click here", "https://evil.example"],
    ["report.pdf", "https://evil.example/report.pdf"],
    ["contoso.com", "https://www.contoso.com/login"],
    ["www.contoso.co.uk", "https://login.contoso.co.uk"],
    ["Write to billing@contoso.com", "https://evil.example"],
    ["https://contoso.com", "mailto:someone@evil.example"],
  ])("leaves %j → %s alone", (text, href) => {
    expect(linkTextMismatch(text, href)).toBeNull();
  });
});

describe("judgeHeuristics", () => {
  it("makes a link to a look-alike domain malicious, and a borrowed name or mismatched text suspicious", () => {
    const result = judgeHeuristics({
      senderAddress: "it@contoso-secure.com",
      senderDisplayName: "Ada Lovelace",
      urls: [
        { url: "https://contoso-login.com/a", linkText: "Reset password" },
        { url: "https://evil.example/b", linkText: "www.contoso.com" },
        { url: "https://docs.fabrikam.example/c" },
      ],
      orgDomains: ORG,
      orgPeople: PEOPLE,
    });
    expect(result.sender).toEqual({
      malicious: [],
      suspicious: [
        "Sender domain contoso-secure.com uses the name of contoso.com",
        'The display name "Ada Lovelace" is the name of a person in the organisation, but the sender it@contoso-secure.com is outside it',
      ],
    });
    expect(result.urls["https://contoso-login.com/a"]).toEqual({
      malicious: ["Link domain contoso-login.com uses the name of contoso.com"],
      suspicious: [],
    });
    expect(result.urls["https://evil.example/b"]).toEqual({
      malicious: [],
      suspicious: ["The link text shows www.contoso.com but the link goes to evil.example"],
    });
    expect(result.urls["https://docs.fabrikam.example/c"]).toEqual({ malicious: [], suspicious: [] });
  });
});

describe("helpers", () => {
  it("measures edits with neighbour swaps as one", () => {
    expect(editDistance("contoso", "cnotoso", 2)).toBe(1);
    expect(editDistance("contoso", "contest", 2)).toBe(2);
    expect(editDistance("contoso", "fabrikam", 2)).toBe(3);
  });

  it("reads skeletons through punycode, accents and digits", () => {
    expect(skeleton("xn--cntoso-wqf")).toBe("contoso");
    expect(skeleton("cöntoso")).toBe("contoso");
    expect(skeleton("vvebmail")).toBe("webmail");
  });

  it("lists parent domains down to the registrable one", () => {
    expect(parentDomains("a.b.evil.co.uk")).toEqual(["a.b.evil.co.uk", "b.evil.co.uk", "evil.co.uk"]);
    expect(parentDomains("198.51.100.4")).toEqual(["198.51.100.4"]);
  });
});

// Properties: the promises the playbook relies on, over generated names rather than a few hand-picked ones.
const letters = "abcdefghijklmnopqrstuvwxyz";
const label = (min: number) => fc.string({ unit: fc.constantFrom(...letters), minLength: min, maxLength: 15 });
const suffix = fc.constantFrom("com", "net", "org", "co.uk", "de", "test");
const orgDomain = fc.tuple(label(3), suffix).map(([name, tld]) => `${name}.${tld}`);
const subdomain = fc.array(
  fc
    .string({ unit: fc.constantFrom(...letters, ..."0123456789-"), minLength: 1, maxLength: 12 })
    .filter((part) => !/^-|-$/.test(part)),
  { minLength: 1, maxLength: 3 },
);

// Latin letters whose Cyrillic twin the skeleton knows.
const HOMOGLYPHS: Record<string, string> = { a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у" };

describe("properties", () => {
  it("never flags the organisation's own domains or their subdomains", () => {
    fc.assert(
      fc.property(orgDomain, subdomain, fc.boolean(), (domain, labels, isSub) => {
        const host = isSub ? `${labels.join(".")}.${domain}` : domain;
        expect(lookalikeDomain(host, [domain, "contoso.com"])).toBeNull();
      }),
    );
  });

  it("always flags a one-letter substitution in a name of five letters or more", () => {
    fc.assert(
      fc.property(label(5), suffix, fc.nat(), fc.constantFrom(...letters), (name, tld, at, letter) => {
        const index = at % name.length;
        fc.pre(name[index] !== letter);
        const changed = `${name.slice(0, index)}${letter}${name.slice(index + 1)}.${tld}`;
        expect(lookalikeDomain(changed, [`${name}.${tld}`])?.target).toBe(`${name}.${tld}`);
      }),
    );
  });

  it("always flags a punycode homoglyph of the organisation's name", () => {
    const withTwinLetter = label(3).filter((name) => [...name].some((char) => char in HOMOGLYPHS));
    fc.assert(
      fc.property(withTwinLetter, suffix, fc.nat(), (name, tld, pick) => {
        const positions = [...name].flatMap((char, index) => (char in HOMOGLYPHS ? [index] : []));
        const index = positions[pick % positions.length];
        const spoof = domainToASCII(`${name.slice(0, index)}${HOMOGLYPHS[name[index]]}${name.slice(index + 1)}.${tld}`);
        expect(spoof.startsWith("xn--")).toBe(true);
        const found = lookalikeDomain(spoof, [`${name}.${tld}`]);
        expect(found?.reason).toContain("look-alike characters");
      }),
    );
  });

  // Generating 100 web URLs with queries and fragments takes seconds on a busy 2-core machine: a test timeout of its own.
  it("never reports a mismatch for link text equal to its link", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(linkTextMismatch(url, url)).toBeNull();
      }),
    );
  });

  it("never throws on arbitrary text", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }),
      fc.webUrl(),
      fc.domain(),
      fc.emailAddress(),
    );
    fc.assert(
      fc.property(text, text, text, fc.array(text, { maxLength: 3 }), (a, b, c, more) => {
        lookalikeDomain(a, [b, ...more]);
        displayNameSpoof(a, b, [c, ...more], more);
        linkTextMismatch(a, b);
        linkTextMismatch(null, c);
        judgeHeuristics({
          senderAddress: a,
          senderDisplayName: b,
          urls: [{ url: c, linkText: a }],
          orgDomains: more,
          orgPeople: [a],
        });
      }),
      { numRuns: 300 },
    );
  });
});
