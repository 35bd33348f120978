// The supervisor's watchdog. `npm start` runs it as a separate process (its own process group, so a terminal's
// Ctrl-C does not reach it) and tells it, one JSON line at a time on its stdin, which children to stop and which file
// to remove if `npm start` dies without doing it itself (kill -9, a crash). The kernel closes that pipe when the
// supervisor dies, however it dies; a clean stop sends {"release":true} first and nothing is touched.
import { readFileSync, rmSync } from "node:fs";

const targets = new Map(); // pid (negative: a process group) -> signal
const files = new Map(); // path -> owner pid written in it
let isReleased = false;
let isReaping = false;
let pending = "";
const parent = process.ppid;

process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  pending += chunk;
  for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n")) {
    const message = JSON.parse(pending.slice(0, end));
    pending = pending.slice(end + 1);
    if (message.watch) targets.set(message.watch, message.signal ?? "SIGTERM");
    if (message.forget) targets.delete(message.forget);
    if (message.file) files.set(message.file, message.owner);
    if (message.release) isReleased = true;
  }
});
process.stdin.on("close", () => void reap());
// In case the pipe is held open by something else: a parent that went away leaves this process to init.
setInterval(() => process.ppid !== parent && void reap(), 1_000);
for (const signal of ["SIGINT", "SIGHUP", "SIGTERM"]) process.on(signal, () => {});

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
};
const send = (pid, signal) => {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
};

async function reap() {
  if (isReaping) return;
  isReaping = true;
  if (isReleased) process.exit(0);
  for (const [file, owner] of files) {
    try {
      if (JSON.parse(readFileSync(file, "utf8")).pid === owner) rmSync(file, { force: true });
    } catch {
      // gone already, or not ours
    }
  }
  const watched = [...targets.keys()].filter(isAlive);
  if (watched.length)
    console.error(`[breakwater] npm start ended without stopping its children: stopping ${watched.join(", ")}`);
  for (const pid of watched) send(pid, targets.get(pid));
  const deadline = Date.now() + 15_000;
  while (watched.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of watched.filter(isAlive)) send(pid, "SIGKILL");
  process.exit(0);
}
