"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TOutcome } from "./outcome-notice";

/**
 * A list's one-row dialog (release, assess, delete): which row it is open for, and the outcome notice it leaves when
 * it is done, after which the list is read again from the server.
 */
export function useRowDialog<TTarget>() {
  const router = useRouter();
  const [target, setTarget] = useState<TTarget | null>(null);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  return {
    target,
    open: setTarget,
    close: () => setTarget(null),
    outcome,
    dismissOutcome: () => setOutcome(null),
    done(next: TOutcome) {
      setTarget(null);
      setOutcome(next);
      router.refresh();
    },
  };
}
