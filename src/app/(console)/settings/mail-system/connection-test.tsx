"use client";

import { CircleCheck, CircleX } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import { apiErrorMessage, callApi, type TApiAnswer, type TApiInput } from "@/lib/api-client";

type TTestResult = TApiAnswer<"POST /api/v1/settings/mail-system/test">;

/** Test connection: the form as it stands (saved or not) against the real services, each check with what failed. */
export function ConnectionTest({
  payload,
}: {
  payload: () => TApiInput<"POST /api/v1/settings/mail-system/test">["body"];
}) {
  const [isTesting, setIsTesting] = useState(false);
  const [result, setResult] = useState<TTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function test() {
    setIsTesting(true);
    setError(null);
    setResult(null);
    try {
      setResult(await callApi("POST /api/v1/settings/mail-system/test", { body: payload() }));
    } catch (caught) {
      setError(apiErrorMessage(caught, "The connection test did not run"));
    } finally {
      setIsTesting(false);
    }
  }

  return (
    <div className="space-y-3">
      <Button variant="outline" onClick={test} disabled={isTesting}>
        {isTesting ? "Testing…" : "Test connection"}
      </Button>
      <FormError message={error} />
      {result ? (
        <div role="status" className="space-y-2 rounded-md border p-3">
          <p className="text-sm font-medium">
            {result.ok
              ? "Every check passed."
              : `${result.checks.filter((check) => !check.ok).length} of ${result.checks.length} checks failed.`}
          </p>
          <ul className="space-y-1.5">
            {result.checks.map((check) => (
              <li key={check.name} className="flex items-start gap-2 text-sm">
                {check.ok ? (
                  <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
                ) : (
                  <CircleX aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
                )}
                <span>
                  <span className="font-medium">{check.name}</span>
                  <span className="sr-only">{check.ok ? ": ok" : ": failed"}</span>{" "}
                  <span className="break-all text-muted-foreground">{check.detail}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
