import type { TContract } from "./contract";

// A seam for the tests alone: they hold every answer a route gives to its contract's response schema
// (tests/support/response-check.ts). Kept apart from with-route.ts so that setting it loads nothing else.

type TResponseCheck = (contract: TContract, payload: unknown) => void;

let responseCheck: TResponseCheck | null = null;

export function setResponseCheck(check: TResponseCheck | null): void {
  responseCheck = check;
}

export function currentResponseCheck(): TResponseCheck | null {
  return responseCheck;
}
