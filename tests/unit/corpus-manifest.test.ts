import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CORPUS_DIR,
  countBy,
  listCorpusFiles,
  manifestProblems,
  readManifest,
  sha256Hex,
  splitFor,
} from "../../scripts/lib/corpus-manifest";

// The labelled corpus of issue 13 is only worth its figures while every message is the one its manifest names,
// from a source and licence we can show, and the held-out third is fixed by the bytes rather than chosen.

const entries = readManifest();

describe("evaluation corpus manifest", () => {
  it("lists every .eml of the class folders, each existing with its sha256 and the split its hash decides", () => {
    expect(manifestProblems(entries)).toEqual([]);
  });

  it("holds at least 150 messages of each class", () => {
    const perClass = countBy(entries, (e) => e.label);
    expect(perClass.phish).toBeGreaterThanOrEqual(150);
    expect(perClass.benign).toBeGreaterThanOrEqual(150);
  });

  it("names a source and a licence for every message", () => {
    for (const entry of entries) {
      expect(entry.source, entry.file).toMatch(/^github:[\w.-]+\/[\w.-]+@[0-9a-f]{40}:\S/);
      expect(entry.licence.trim(), entry.file).not.toBe("");
    }
  });

  it("holds out the messages whose hash starts with a byte divisible by 3, about a third of each class", () => {
    expect(splitFor("00ff")).toBe("holdout");
    expect(splitFor("03ff")).toBe("holdout");
    expect(splitFor("01ff")).toBe("tune");
    expect(splitFor("ffaa")).toBe("holdout"); // 255 = 3 × 85
    for (const label of ["phish", "benign"]) {
      const ofClass = entries.filter((e) => e.label === label);
      const share = ofClass.filter((e) => e.split === "holdout").length / ofClass.length;
      expect(share, label).toBeGreaterThan(0.25);
      expect(share, label).toBeLessThan(0.42);
    }
  });

  it("keeps each message under 1 MiB, with a lowercase safe file name", () => {
    expect(listCorpusFiles().length).toBe(entries.length);
    for (const entry of entries) {
      expect(entry.file).toMatch(/^(phish|benign)\/[a-z0-9._-]+\.eml$/);
      expect(statSync(path.join(CORPUS_DIR, entry.file)).size, entry.file).toBeLessThanOrEqual(1024 * 1024);
    }
  });
});

describe("manifestProblems", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "corpus-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sample = entries.filter((e) => e.label === "phish").slice(0, 2);
  for (const entry of sample) cpSync(path.join(CORPUS_DIR, entry.file), path.join(dir, entry.file));

  it("names a changed file, a missing file, an unlisted file and a wrong split", () => {
    const [first, second] = sample;
    writeFileSync(path.join(dir, first.file), "tampered");
    writeFileSync(path.join(dir, "phish/extra.eml"), "From: x@example.com\r\n\r\nhi\r\n");
    const wrongSplit = { ...second, split: second.split === "tune" ? ("holdout" as const) : ("tune" as const) };
    const missing = { ...second, file: "phish/gone.eml" };
    const problems = manifestProblems([first, wrongSplit, missing], dir).join("\n");
    expect(problems).toContain(`${first.file}: sha256 is ${sha256Hex(Buffer.from("tampered"))}`);
    expect(problems).toContain(`${second.file}: split should be ${second.split}`);
    expect(problems).toContain("phish/gone.eml: listed but missing");
    expect(problems).toContain("phish/extra.eml: not in the manifest");
  });
});
