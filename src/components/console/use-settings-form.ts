"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiErrorMessage } from "@/lib/api-client";
import type { TOutcome } from "./outcome-notice";

/**
 * The state of a settings form saved as a whole: the values being edited, whether they differ from what is stored,
 * saving (one at a time), its error or outcome, and Discard. `storedKey` changes when the server's settings do (the
 * refresh after a save), which makes them the new starting point.
 */
export function useSettingsForm<TValues>(
  stored: TValues,
  storedKey: string,
  save: (values: TValues) => Promise<string>,
) {
  const router = useRouter();
  const [values, setValues] = useState(stored);
  const [seen, setSeen] = useState(storedKey);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  if (storedKey !== seen) {
    setSeen(storedKey);
    setValues(stored);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    setOutcome(null);
    try {
      setOutcome({ message: await save(values), isClean: true });
      router.refresh();
    } catch (caught) {
      setError(apiErrorMessage(caught, "The settings were not saved"));
    } finally {
      setIsSaving(false);
    }
  }

  return {
    values,
    setValues,
    isChanged: JSON.stringify(values) !== JSON.stringify(stored),
    isSaving,
    error,
    outcome,
    dismissOutcome: () => setOutcome(null),
    discard: () => (setValues(stored), setError(null)),
    onSubmit,
  };
}

/** What a settings form's frame reads of the hook: saving, its outcome and error, Discard. */
export type TSettingsForm = Pick<
  ReturnType<typeof useSettingsForm>,
  "onSubmit" | "outcome" | "dismissOutcome" | "error" | "isChanged" | "isSaving" | "discard"
>;
