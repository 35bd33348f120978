import "server-only";
import { watch, type FSWatcher } from "node:fs";
import { open, readdir, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { internalDomains } from "@/server/detection/sending-activity";
import { detectOutbound } from "@/server/detection/detect-outbound";
import { ZEmailEventInput, type TEmailEvent } from "@/server/ingestion/ingestion.schemas";
import { maillogEmailEvent } from "./maillog-events";
import { tryFollowerLock, type TFollowerLock } from "./maillog-lock";
import { loadMaillogProgress, saveMaillogBatch, type TMaillogPosition } from "./maillog-store";
import { applyLines, createMaillogState, settleMaillog, type TMaillogState, type TMessageState } from "./parse-maillog";

// Follows Postfix's log file the way `tail -F` does, and turns it into EmailEvents. Each batch of whole lines is
// one transaction: its rows, the partly-seen messages, and the cursor (file inode and byte offset) after its last
// line. A crash replays at most the batch that did not commit; a replayed row is skipped by its unique key.
// Rotation: a renamed file is read to its end (through the open handle, or found again by inode after a
// restart) before the new file is read from 0; a file that shrinks (copytruncate) is read again from 0.

export type TMaillogFollowerOptions = {
  path: string;
  /** Not a recipient: its always_bcc copy of each message gets no row. */
  journalMailbox?: string | null;
  /** How often the file is checked when fs.watch says nothing (it misses changes on some file systems). */
  pollMs?: number;
  log?: (message: string) => void;
};

export type TMaillogFollower = { stop(): Promise<void> };

const CHUNK_BYTES = 256 * 1024;
const LOCK_RETRY_MS = 5_000;
const DOMAINS_TTL_MS = 60_000;

type TOpenFile = { handle: FileHandle; inode: string; offset: number; isRenamed: boolean };

/** Starts following `path` (or standing by, while another process follows it); stop() ends after the batch in hand. */
export async function startMaillogFollower(options: TMaillogFollowerOptions): Promise<TMaillogFollower> {
  const follower = new Follower(options);
  const loop = follower.run();
  return {
    async stop() {
      follower.stop();
      await loop;
    },
  };
}

class Follower {
  private state: TMaillogState = createMaillogState(Date.now());
  private position: TMaillogPosition | null = null;
  private file: TOpenFile | null = null;
  private domains = { values: [] as string[], at: 0 };
  private isStopped = false;
  private wake = () => {};
  private readonly buffer = Buffer.alloc(CHUNK_BYTES);
  private readonly log: (message: string) => void;

  constructor(private readonly options: TMaillogFollowerOptions) {
    this.log = options.log ?? ((message) => console.log(`[maillog] ${message}`));
  }

  private async load(): Promise<void> {
    await this.file?.handle.close().catch(() => {});
    const { cursor, messages } = await loadMaillogProgress(this.options.path);
    // The cursor was last written about when its last line was read: year-less time stamps are placed near it.
    this.state = { ...createMaillogState(cursor?.updatedAt.getTime() ?? Date.now()), messages };
    this.position = cursor && { inode: cursor.inode, offset: cursor.offset };
    this.file = await this.openFromCursor();
  }

  async run(): Promise<void> {
    let isStandingBy = false;
    while (!this.isStopped) {
      let lock: TFollowerLock | null;
      try {
        lock = await tryFollowerLock(this.options.path);
      } catch (error) {
        this.log(`could not reach the database: ${error instanceof Error ? error.message : String(error)}`);
        await this.sleep(LOCK_RETRY_MS);
        continue;
      }
      if (!lock) {
        if (!isStandingBy) this.log(`another process follows ${this.options.path}: standing by`);
        isStandingBy = true;
        await this.sleep(LOCK_RETRY_MS);
        continue;
      }
      isStandingBy = false;
      try {
        await this.follow(lock);
      } finally {
        await lock.release();
        await this.file?.handle.close().catch(() => {});
        this.file = null;
      }
    }
  }

  stop(): void {
    this.isStopped = true;
    this.wake();
  }

  private async follow(lock: TFollowerLock): Promise<void> {
    const watcher = this.watchFolder();
    try {
      await this.load();
      while (!this.isStopped && lock.isHeld()) {
        try {
          if (await this.step()) continue;
        } catch (error) {
          this.log(
            `stopped on an error, resuming from the stored cursor: ${error instanceof Error ? error.message : String(error)}`,
          );
          await this.sleep();
          if (!this.isStopped) await this.load();
          continue;
        }
        await this.sleep();
      }
    } catch (error) {
      this.log(`could not load the follower's progress: ${error instanceof Error ? error.message : String(error)}`);
      await this.sleep();
    } finally {
      watcher?.close();
    }
  }

  /** Does one thing (a batch, a rotation, a settle); false when there is nothing to do until the file changes. */
  private async step(): Promise<boolean> {
    if (!this.file) {
      this.file = await openAt(this.options.path, 0);
      if (!this.file) return false;
    }
    const file = this.file;
    const { bytesRead } = await file.handle.read(this.buffer, 0, CHUNK_BYTES, file.offset);
    // (A negative start would make lastIndexOf search from the buffer's end, in bytes left by an earlier read.)
    const end = bytesRead ? this.buffer.lastIndexOf(0x0a, bytesRead - 1) : -1;
    // A line longer than a whole chunk is taken as it is rather than waited for forever.
    const consumed = end >= 0 ? end + 1 : bytesRead === CHUNK_BYTES ? bytesRead : 0;
    if (consumed) {
      await this.commit(this.buffer.toString("utf8", 0, consumed).split("\n"), {
        inode: file.inode,
        offset: file.offset + consumed,
      });
      return true;
    }
    const current = await stat(this.options.path).catch(() => null);
    if (current && String(current.ino) === file.inode) {
      if (current.size < file.offset) {
        this.log(`${this.options.path} was truncated: reading it again from the start`);
        await this.commit([], { inode: file.inode, offset: 0 });
        return true;
      }
      return this.settle();
    }
    if (!current) return false;
    // Renamed and replaced. Postfix may still write to the old file until it reopens its log: one more quiet
    // check before leaving it, and its last line, if it has no line break, is taken as it is.
    if (!file.isRenamed) {
      file.isRenamed = true;
      return false;
    }
    const rest = this.buffer.toString("utf8", 0, bytesRead);
    const next = await openAt(this.options.path, 0);
    if (!next) return false;
    await file.handle.close();
    this.file = next;
    await this.commit(rest ? [rest] : [], { inode: next.inode, offset: 0 });
    return true;
  }

  // Refused messages wait a few seconds for their late lines; when the log is quiet the clock settles them.
  private async settle(): Promise<boolean> {
    if (!this.position || !Object.values(this.state.messages).some((message) => message.refusal)) return false;
    const settled = settleMaillog(this.state, Date.now());
    if (!settled.ready.length && !changedMessages(this.state.messages, settled.messages).hasChanges) return false;
    await this.commit(null, this.position, settled);
    return true;
  }

  private async commit(lines: string[] | null, to: TMaillogPosition, settled?: TMaillogState): Promise<void> {
    const next = settled ?? applyLines(this.state, lines ?? []);
    const events = await this.events(next);
    const { changed, removed } = changedMessages(this.state.messages, next.messages);
    const inserted = await saveMaillogBatch({
      path: this.options.path,
      from: this.position,
      to,
      events,
      changedMessages: changed,
      removedKeys: removed,
    });
    this.state = { ...next, ready: [] };
    this.position = to;
    if (this.file?.inode === to.inode) this.file.offset = to.offset;
    if (inserted.length) {
      this.log(`${inserted.length} mail event${inserted.length === 1 ? "" : "s"} from ${this.options.path}`);
      // As the ingestion API does: outbound detections look at the new rows (after the commit, like theirs).
      await detectOutbound(inserted).catch((error) => this.log(`outbound detections failed: ${error}`));
    }
  }

  private async events(state: TMaillogState): Promise<TEmailEvent[]> {
    if (!state.ready.length) return [];
    if (Date.now() - this.domains.at > DOMAINS_TTL_MS)
      this.domains = { values: await internalDomains(), at: Date.now() };
    const context = { orgDomains: this.domains.values, journalMailbox: this.options.journalMailbox ?? null };
    return state.ready.flatMap((delivery) => {
      const input = maillogEmailEvent(delivery, context);
      if (!input) return [];
      const parsed = ZEmailEventInput.safeParse(input);
      if (parsed.success) return [parsed.data];
      // One odd line (an address Postfix accepted but the schema does not) must not stop the log behind it.
      this.log(
        `skipped ${delivery.queueId} to ${delivery.recipient}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`,
      );
      return [];
    });
  }

  private async openFromCursor(): Promise<TOpenFile | null> {
    const { path: file } = this.options;
    const current = await stat(file).catch(() => null);
    const cursor = this.position;
    if (!cursor) return openAt(file, 0);
    if (current && String(current.ino) === cursor.inode)
      return openAt(file, current.size < cursor.offset ? 0 : cursor.offset);
    const renamed = await findByInode(file, cursor.inode);
    if (renamed) {
      this.log(`${file} was rotated while stopped: finishing ${renamed} first`);
      const opened = await openAt(renamed, cursor.offset);
      return opened && { ...opened, isRenamed: true };
    }
    this.log(
      `${file} was rotated while stopped and its old file is gone: lines after offset ${cursor.offset} of it are lost`,
    );
    return openAt(file, 0);
  }

  private watchFolder(): FSWatcher | null {
    try {
      const name = path.basename(this.options.path);
      const watcher = watch(path.dirname(this.options.path), (_event, changed) => changed === name && this.wake());
      watcher.on("error", () => watcher.close());
      return watcher;
    } catch {
      return null;
    }
  }

  private sleep(ms = this.options.pollMs ?? 1_000): Promise<void> {
    if (this.isStopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

async function openAt(file: string, offset: number): Promise<TOpenFile | null> {
  const handle = await open(file, "r").catch(() => null);
  if (!handle) return null;
  const { ino } = await handle.stat();
  return { handle, inode: String(ino), offset, isRenamed: false };
}

// logrotate's and `postfix logrotate`'s renamed files keep the log's name as a prefix (maillog.1, maillog.20260101-...).
async function findByInode(file: string, inode: string): Promise<string | null> {
  const folder = path.dirname(file);
  const names = (await readdir(folder).catch(() => [])).filter(
    (name) => name.startsWith(path.basename(file)) && name !== path.basename(file),
  );
  for (const name of names) {
    const info = await stat(path.join(folder, name)).catch(() => null);
    if (info && String(info.ino) === inode) return path.join(folder, name);
  }
  return null;
}

// The fold copies what it changes, so a changed message is a different object.
function changedMessages(before: Record<string, TMessageState>, after: Record<string, TMessageState>) {
  const changed = Object.fromEntries(Object.entries(after).filter(([key, message]) => before[key] !== message));
  const removed = Object.keys(before).filter((key) => !Object.hasOwn(after, key));
  return { changed, removed, hasChanges: Object.keys(changed).length > 0 || removed.length > 0 };
}
