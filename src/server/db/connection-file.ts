// While the embedded PostgreSQL runs, the process that started it (npm start, or a command-line tool that needed
// it) says where it is in `<data folder>/connection.json`, readable by its owner only (the URL holds the password).
// The command-line tools connect through it instead of starting a second server on the same data folder, and a
// second `npm start` refuses to take a folder a live process owns. The file is removed when that process stops;
// one left by a killed process names a dead owner and is taken as stale.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { errorText } from "../../lib/error-text";
import { isProcessAlive } from "./process-control";

export type TConnectionInfo = {
  /** The breakwater database on the embedded server. */
  url: string;
  /** The process that owns the server: it stops it, and removes this file. */
  pid: number;
  /** What that process is, for the messages ("npm start", "npm run simulate"). */
  owner: string;
  postmasterPid: number | null;
  /** The console's server process group (npm start only). */
  nextPid?: number;
  startedAt: string;
};

export const connectionFilePath = (dataDir: string) => path.resolve(dataDir, "connection.json");

export function writeConnectionFile(file: string, info: TConnectionInfo): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(draft, 0o600);
  renameSync(draft, file);
}

/** The file's content, or null when there is none. Throws, saying what to set, when it cannot be read. */
export function readConnectionFile(file: string): TConnectionInfo | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as TConnectionInfo;
  } catch (error) {
    throw new Error(
      `cannot read ${file} (${errorText(error)}): set DATABASE_URL to the database that \`npm start\` uses`,
    );
  }
}

/** The running server's connection, when a live process owns it (not this one). */
export function liveConnection(file: string): TConnectionInfo | null {
  const info = readConnectionFile(file);
  return info && info.pid !== process.pid && isProcessAlive(info.pid) ? info : null;
}

/** Removes the file if this process wrote it (another may own it by now). */
export function removeConnectionFile(file: string): void {
  try {
    if (readConnectionFile(file)?.pid === process.pid) rmSync(file, { force: true });
  } catch {
    // unreadable: not ours to remove
  }
}
