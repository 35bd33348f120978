"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

type TCopyState = "idle" | "copied" | "failed";

/** The cluster's saved query as text, to read or to paste into Advanced hunting. */
export function ClusterQuery({ text }: { text: string }) {
  const [state, setState] = useState<TCopyState>("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // No clipboard outside a secure context (plain http on another host): the text stays selectable.
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }

  return (
    <div className="relative">
      <pre className="max-h-48 overflow-auto rounded-md border bg-muted/40 p-3 pr-11 font-mono text-xs break-all whitespace-pre-wrap">
        {text}
      </pre>
      <Button variant="ghost" size="icon-sm" className="absolute top-1 right-1" onClick={copy} aria-label="Copy query">
        {state === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
      </Button>
      <p aria-live="polite" className={state === "failed" ? "mt-1 text-xs text-destructive" : "sr-only"}>
        {state === "copied"
          ? "Query copied"
          : state === "failed"
            ? "Copying is not available here: select the text instead."
            : ""}
      </p>
    </div>
  );
}
