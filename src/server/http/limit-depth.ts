import "server-only";
import { AppError } from "./app-error";

/** Deeper than any body a route takes (the deepest, an inbox rule's conditions, is a few levels). */
export const MAX_INPUT_DEPTH = 32;

/**
 * Refuses a value nested deeper than `maxDepth` before zod sees it: zod's checks and error formatting recurse, and
 * a 10,000-level array inside a field overflowed the stack (a 500). Walked with a stack of its own, not recursion.
 */
export function assertShallow(value: unknown, where: string, maxDepth = MAX_INPUT_DEPTH): void {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth >= maxDepth) {
      const message = `nested deeper than ${maxDepth} levels`;
      throw new AppError("BAD_REQUEST", `Invalid ${where}: ${message}`, [{ path: where, message }]);
    }
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
}
