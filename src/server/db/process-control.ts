// Small process helpers for the supervisor and the embedded server: is it alive, stop it and wait.

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Sends `signal` (to a process group when `pid` is negative), waits up to `graceMs` for it to go, then SIGKILLs it.
 * True when it is gone.
 */
export async function stopProcess(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<boolean> {
  const send = (which: NodeJS.Signals) => {
    try {
      process.kill(pid, which);
    } catch {
      // already gone
    }
  };
  send(signal);
  const deadline = Date.now() + graceMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!isProcessAlive(pid)) return true;
  send("SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 500));
  return !isProcessAlive(pid);
}
