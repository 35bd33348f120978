import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The labelled evaluation corpus of issue 13 (tests/corpus): which messages it holds, where each came from, and
// whether it may be tuned on. The split is a function of the file's bytes so that nobody can choose the held-out
// third by hand.

export const CORPUS_DIR = path.resolve(import.meta.dirname, "../../tests/corpus");
export const MANIFEST_PATH = path.join(CORPUS_DIR, "manifest.json");
export const CLASS_FOLDERS = { phish: "phish", benign: "benign" } as const;

export type CorpusLabel = keyof typeof CLASS_FOLDERS;
export type CorpusSplit = "tune" | "holdout";

export type CorpusEntry = {
  file: string;
  label: CorpusLabel;
  kind: string;
  source: string;
  licence: string;
  sha256: string;
  split: CorpusSplit;
  lang?: string;
};

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Held out when the first byte of the file's sha256, as an integer, is divisible by 3 (about a third). */
export const splitFor = (sha256: string): CorpusSplit =>
  parseInt(sha256.slice(0, 2), 16) % 3 === 0 ? "holdout" : "tune";

export const readManifest = (file = MANIFEST_PATH): CorpusEntry[] => JSON.parse(readFileSync(file, "utf8"));

/** Every .eml under the class folders, as manifest paths ("phish/x.eml"). */
export function listCorpusFiles(dir = CORPUS_DIR): string[] {
  return Object.values(CLASS_FOLDERS).flatMap((folder) => {
    const full = path.join(dir, folder);
    if (!existsSync(full)) return [];
    return readdirSync(full)
      .filter((name) => name.endsWith(".eml"))
      .map((name) => `${folder}/${name}`);
  });
}

/** The entries with sha256 and split taken from the files as they are now, sorted by file. */
export function recomputeManifest(entries: CorpusEntry[], dir = CORPUS_DIR): CorpusEntry[] {
  return entries
    .map((entry) => {
      const sha256 = sha256Hex(readFileSync(path.join(dir, entry.file)));
      return { ...entry, sha256, split: splitFor(sha256) };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** What is wrong with the manifest against the folders, in words; empty when it is right. */
export function manifestProblems(entries: CorpusEntry[], dir = CORPUS_DIR): string[] {
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const entry of entries) {
    if (listed.has(entry.file)) problems.push(`${entry.file}: listed twice`);
    listed.add(entry.file);
    if (CLASS_FOLDERS[entry.label] !== entry.file.split("/")[0])
      problems.push(`${entry.file}: label ${entry.label} is not its folder`);
    if (!entry.source?.trim()) problems.push(`${entry.file}: no source`);
    if (!entry.licence?.trim()) problems.push(`${entry.file}: no licence`);
    if (!entry.kind?.trim()) problems.push(`${entry.file}: no kind`);
    const full = path.join(dir, entry.file);
    if (!existsSync(full)) {
      problems.push(`${entry.file}: listed but missing`);
      continue;
    }
    const sha256 = sha256Hex(readFileSync(full));
    if (sha256 !== entry.sha256) problems.push(`${entry.file}: sha256 is ${sha256}, manifest says ${entry.sha256}`);
    if (splitFor(sha256) !== entry.split)
      problems.push(`${entry.file}: split should be ${splitFor(sha256)}, manifest says ${entry.split}`);
  }
  for (const file of listCorpusFiles(dir)) if (!listed.has(file)) problems.push(`${file}: not in the manifest`);
  return problems;
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
