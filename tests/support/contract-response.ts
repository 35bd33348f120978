import type { TContract } from "@/server/http/contract";

/** Throws, naming the route and the fields, when a route's answer is not what its contract says. */
export function assertContractResponse(contract: TContract, payload: unknown): void {
  if (!contract.response) return;
  const result = contract.response.safeParse(payload);
  if (result.success) return;
  const fields = result.error.issues
    .map((issue) => `${issue.path.join(".") || "(the answer)"}: ${issue.message}`)
    .slice(0, 5);
  throw new Error(
    `${contract.method} ${contract.path} answered outside its contract's response schema — ${fields.join("; ")}`,
  );
}
