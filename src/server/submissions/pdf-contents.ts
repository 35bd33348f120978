import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { TDocumentContents } from "@/server/verdicts/email-input";

// A PDF is where a lure hides from the filters that read only the mail: the text and the link are on the page. What
// is read is bounded, because every journaled and reported message goes through here: a few pages, a few thousand
// characters, and a PDF that cannot be read is reported as unread (null), never as a throw.
//
// PDF.js runs in a worker thread of its own, not on the server's event loop: in Node it parses on promises alone, so
// a timer cannot interrupt it, and a compressed stream can inflate to gigabytes. The worker has a memory ceiling and
// is terminated when a document takes longer than its time; the next document gets a new one.
export const PDF_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxPages: 3,
  maxText: 5000,
  maxLinks: 20,
  timeoutMs: 3000,
} as const;
type TLimits = Record<keyof typeof PDF_LIMITS, number>;

const PDF_MAGIC = Buffer.from("%PDF-");
// The specification lets a PDF carry junk before its header; readers accept it within the first kilobyte.
const MAGIC_WINDOW = 1024;
const WORKER_MEMORY_MB = 256;
/** How long loading PDF.js into a new worker may take before the document is reported unread. */
const WORKER_START_TIMEOUT_MS = 60_000;

/** Whether the bytes are a PDF, whatever the attachment's name or declared type says. */
export function isPdf(data: Buffer): boolean {
  return data.subarray(0, MAGIC_WINDOW).includes(PDF_MAGIC);
}

/** The first pages' text and link targets, whether it needs a password; null when not a PDF, too big, unreadable or too slow. */
export async function readPdf(data: Buffer, limits: Partial<TLimits> = {}): Promise<TDocumentContents | null> {
  const bounds: TLimits = { ...PDF_LIMITS, ...limits };
  if (data.length > bounds.maxBytes || !isPdf(data)) return null;
  // One document at a time through the one worker: the work stays bounded however many messages arrive at once.
  const turn = queue.then(() => readInWorker(data, bounds));
  queue = turn.catch(() => null);
  return turn.catch(() => null);
}

let queue: Promise<unknown> = Promise.resolve();
let worker: TPdfWorker | null = null;

type TPdfWorker = { thread: Worker; isReady: Promise<boolean> };

async function readInWorker(data: Buffer, bounds: TLimits): Promise<TDocumentContents | null> {
  const current = (worker ??= startWorker());
  // A document's time limit starts once PDF.js is loaded: loading it into a new thread takes seconds on a busy machine,
  // which CI runs showed as readable PDFs reported unread.
  if (!(await current.isReady)) {
    retire(current);
    return null;
  }
  return new Promise((resolve) => {
    const { thread } = current;
    const finish = (result: TDocumentContents | null, isBroken: boolean) => {
      clearTimeout(timer);
      thread.off("message", onMessage).off("error", onFailure).off("exit", onFailure);
      if (isBroken) retire(current);
      resolve(result);
    };
    const onMessage = (message: TDocumentContents | null) => finish(message, false);
    const onFailure = () => finish(null, true);
    const timer = setTimeout(onFailure, bounds.timeoutMs);
    thread.on("message", onMessage).on("error", onFailure).on("exit", onFailure);
    thread.postMessage({ data: new Uint8Array(data), bounds });
  });
}

function retire(current: TPdfWorker) {
  if (worker === current) worker = null;
  void current.thread.terminate();
}

function startWorker(): TPdfWorker {
  // Resolved from the app's own node_modules at run time: the worker's code is a script, outside the bundler.
  const unpdf = createRequire(path.join(process.cwd(), "package.json")).resolve("unpdf");
  const thread = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { unpdf },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB },
  });
  // An idle worker must not keep a script or a test run alive.
  thread.unref();
  const isReady = new Promise<boolean>((resolve) => {
    const done = (isLoaded: boolean) => {
      clearTimeout(timer);
      thread.off("message", onMessage).off("error", onFailure).off("exit", onFailure);
      resolve(isLoaded);
    };
    const onMessage = (message: unknown) => done(message === "ready");
    const onFailure = () => done(false);
    const timer = setTimeout(onFailure, WORKER_START_TIMEOUT_MS);
    thread.on("message", onMessage).on("error", onFailure).on("exit", onFailure);
  });
  return { thread, isReady };
}

// Plain JavaScript: it runs as the worker's script. No eval (fonts compiled to functions), no system fonts.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const library = require(workerData.unpdf).getResolvedPDFJS();
library.then(() => parentPort.postMessage("ready"), () => parentPort.postMessage("unavailable"));
parentPort.on("message", async ({ data, bounds }) => {
  let task = null;
  try {
    const pdfjs = await library;
    task = pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0, stopAtErrors: false, enableXfa: false });
    const document = await task.promise;
    const texts = [];
    const links = new Set();
    let length = 0;
    for (let number = 1; number <= Math.min(document.numPages, bounds.maxPages) && length < bounds.maxText; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const text = content.items.map((item) => item.str || "").join(" ").replace(/\\s+/g, " ").trim();
      texts.push(text);
      length += text.length;
      for (const annotation of await page.getAnnotations()) {
        const target = typeof annotation.url === "string" ? annotation.url : typeof annotation.unsafeUrl === "string" ? annotation.unsafeUrl : null;
        if (target && /^https?:\\/\\//i.test(target) && links.size < bounds.maxLinks) links.add(target.slice(0, 2000));
      }
    }
    const text = texts.join("\\n").replaceAll("\\u0000", "").slice(0, bounds.maxText);
    // Links written as text on the page are as good as annotated ones to a reader who copies them.
    for (const match of text.matchAll(/https?:\\/\\/[^\\s"'<>()]{4,2000}/gi)) if (links.size < bounds.maxLinks) links.add(match[0]);
    parentPort.postMessage({ text, links: [...links], pages: document.numPages, isEncrypted: false });
  } catch (error) {
    parentPort.postMessage(error && error.name === "PasswordException" ? { text: "", links: [], pages: 0, isEncrypted: true } : null);
  } finally {
    if (task) await task.destroy().catch(() => undefined);
  }
});
`;
