"use client";

import { RotateCw } from "lucide-react";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";

/** Any console page that fails to load: the shell and navigation stay, the page offers to try again. */
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  // Server errors reach the browser without their message (by design); the digest matches the server log.
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <ErrorState
      className="rounded-lg border bg-card"
      description={
        <>
          The page could not be loaded. This is often brief: try again in a moment.
          {digest ? <span className="mt-1 block text-xs">Reference: {digest}</span> : null}
        </>
      }
      action={
        <Button variant="outline" onClick={() => retry()}>
          <RotateCw aria-hidden />
          Retry
        </Button>
      }
    />
  );
}
