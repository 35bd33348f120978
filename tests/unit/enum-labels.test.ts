import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACRONYM_WORDS,
  ACTION_SOURCE_LABELS,
  ACTION_STATUS_LABELS,
  ALERT_STATUS_LABELS,
  enumLabel,
  humanize,
  INVESTIGATION_STATUS_LABELS,
} from "@/lib/labels";

const ACRONYMS = ["MFA", "SMTP", "URL", "IP", "DKIM", "SPF", "DMARC"];

// Every enum of the schema, read from the schema itself so that an enum added later is held to the same rule.
function schemaEnums(): Map<string, string[]> {
  const schema = readFileSync(path.join(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  const enums = new Map<string, string[]>();
  for (const match of schema.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    enums.set(
      match[1],
      match[2]
        .split("\n")
        .map((line) => line.replace(/\/\/.*$/, "").trim())
        .filter(Boolean),
    );
  }
  return enums;
}

/** Words of a label that spell an acronym in the wrong case ("Mfa", "Urls"). */
function misCasedAcronyms(label: string): string[] {
  return label.split(/[\s(),:/-]+/).filter((word) => {
    const stem = word.replace(/s$/, "");
    return ACRONYMS.some((acronym) => stem.toUpperCase() === acronym) && stem !== stem.toUpperCase();
  });
}

describe("enumLabel", () => {
  const enums = schemaEnums();

  it("reads the schema's enums", () => {
    expect(enums.get("InvestigationStatus")).toContain("TerminatedByThrottling");
    expect(enums.size).toBeGreaterThanOrEqual(10);
  });

  it("labels every enum value of the schema: capitalised, words apart, acronyms upper-case", () => {
    for (const [name, values] of enums) {
      for (const value of values) {
        const label = enumLabel(value);
        expect(label, `${name}.${value}`).toMatch(/^[A-Z0-9]/);
        expect(label, `${name}.${value}`).not.toMatch(/[a-z][A-Z]/);
        expect(misCasedAcronyms(label), `${name}.${value} → ${label}`).toEqual([]);
      }
    }
  });

  it("uses Defender's words where the console has them", () => {
    for (const labels of [
      INVESTIGATION_STATUS_LABELS,
      ACTION_STATUS_LABELS,
      ACTION_SOURCE_LABELS,
      ALERT_STATUS_LABELS,
    ]) {
      for (const [value, label] of Object.entries(labels))
        if (value !== "Pending" && value !== "Manual") expect(enumLabel(value)).toBe(label);
    }
    expect(enumLabel("NoThreatsFound")).toBe("No threats found");
    expect(enumLabel("similarUrls")).toBe("Similar URLs");
  });

  it("fixes the words the issue found", () => {
    expect(enumLabel("mfaMethod")).toBe("MFA method");
    expect(humanize("smtp-forwarding")).toBe("SMTP forwarding");
    expect(humanize("url-clicks")).toBe("URL clicks");
    expect(enumLabel("authenticatorApp")).toBe("Authenticator app");
    expect(humanize("dkimSignature")).toBe("DKIM signature");
    expect(humanize("spf_dmarc_result")).toBe("SPF DMARC result");
    expect(humanize("senderIp")).toBe("Sender IP");
  });

  it("keeps any acronym upper-case wherever it stands in any spelling of a key", () => {
    const word = fc.oneof(
      fc.constantFrom(...ACRONYMS.map((acronym) => acronym.toLowerCase())),
      fc
        .stringMatching(/^[a-z]{2,8}$/)
        .filter((plain) => !ACRONYM_WORDS.some((acronym) => acronym.toLowerCase() === plain)),
    );
    const spelling = fc.constantFrom("camel", "snake", "kebab");
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), spelling, (words, style) => {
        const key =
          style === "camel"
            ? words.map((part, index) => (index ? part.charAt(0).toUpperCase() + part.slice(1) : part)).join("")
            : words.join(style === "snake" ? "_" : "-");
        const label = humanize(key);
        expect(misCasedAcronyms(label)).toEqual([]);
        expect(label.split(" ")).toHaveLength(words.length);
        for (const [index, part] of label.split(" ").entries()) {
          const isAcronym = (ACRONYM_WORDS as readonly string[]).includes(part);
          if (!isAcronym && index > 0) expect(part).toBe(part.toLowerCase());
        }
      }),
    );
  });
});
