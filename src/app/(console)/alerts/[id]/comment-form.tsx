"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { apiErrorMessage, callApi } from "@/lib/api-client";

/** A comment on the alert's history without changing anything else. */
export function CommentForm({ alertId }: { alertId: number }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      await callApi("POST /api/v1/alerts/{id}/comments", {
        params: { id: alertId },
        body: { comment: comment.trim() },
      });
      setComment("");
      router.refresh();
    } catch (caught) {
      setError(apiErrorMessage(caught, "The comment could not be saved"));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2">
      <Label htmlFor="alert-comment" className="sr-only">
        New comment
      </Label>
      <Textarea
        id="alert-comment"
        value={comment}
        maxLength={2000}
        disabled={isSaving}
        onChange={(event) => setComment(event.target.value)}
        placeholder="Add a comment"
      />
      <FormError message={error} />
      <Button type="submit" size="sm" variant="outline" disabled={isSaving || !comment.trim()}>
        {isSaving ? "Saving…" : "Comment"}
      </Button>
    </form>
  );
}
