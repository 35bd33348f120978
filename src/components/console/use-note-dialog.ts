"use client";

import { useState, type FormEvent } from "react";

type TNoteDialogOptions<TTarget> = {
  /** Sends the decision; the optional note is trimmed, or undefined when left empty. */
  submit: (target: TTarget, note: string | undefined) => Promise<void>;
  /** Turns a failure into the message shown in the dialog; return null when the failure was handled otherwise. */
  describeError: (caught: unknown, target: TTarget) => string | null;
};

/**
 * The state of a confirmation dialog with an optional note (a comment, a reason): the target stays on screen while
 * the dialog animates closed, the note and error reset when a new target opens it, and one submission runs at a time.
 */
export function useNoteDialog<TTarget>(target: TTarget | null, { submit, describeError }: TNoteDialogOptions<TTarget>) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [shown, setShown] = useState(target);
  if (target && target !== shown) {
    setShown(target);
    setNote("");
    setError(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!shown) return;
    setIsSubmitting(true);
    setError(null);
    try {
      await submit(shown, note.trim() || undefined);
    } catch (caught) {
      setError(describeError(caught, shown));
    } finally {
      setIsSubmitting(false);
    }
  }

  return { shown, note, setNote, error, isSubmitting, handleSubmit, isOpen: target !== null };
}
