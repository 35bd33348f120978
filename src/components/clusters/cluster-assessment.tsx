"use client";

import { useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import type { TOutcome } from "@/components/console/outcome-notice";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { apiErrorMessage, callApi } from "@/lib/api-client";

// What an analyst says the whole campaign is; each teaches the engine (its senders, link hosts, files and bodies).
const ASSESSMENT_LABELS = { Phish: "Phish", Malware: "Malware", Spam: "Spam", Clean: "Clean (not a threat)" } as const;
type TAssessment = keyof typeof ASSESSMENT_LABELS;

const KIND_WORDS: Record<string, [string, string]> = {
  sender: ["sender", "senders"],
  urlHost: ["link host", "link hosts"],
  sha256: ["file", "files"],
  bodyFingerprint: ["body", "bodies"],
};

/** "1 sender, 2 link hosts and 1 file" from the route's "kind value" list. */
function learntSummary(learned: string[]): string {
  const counts = new Map<string, number>();
  for (const entry of learned) counts.set(entry.split(" ")[0], (counts.get(entry.split(" ")[0]) ?? 0) + 1);
  const parts = Object.entries(KIND_WORDS)
    .filter(([kind]) => counts.get(kind))
    .map(([kind, [one, many]]) => `${counts.get(kind)} ${counts.get(kind) === 1 ? one : many}`);
  if (!parts.length) return "nothing new (no sender, link host, file or body to learn)";
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** An operator's verdict on an email cluster, recorded with their name and in the audit log. */
export function ClusterAssessment({
  clusterId,
  onAssessed,
}: {
  clusterId: number;
  onAssessed: (outcome: TOutcome) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const assessment = String(new FormData(event.currentTarget).get("assessment")) as TAssessment;
    setIsSubmitting(true);
    setError(null);
    try {
      const result = await callApi("PUT /api/v1/clusters/{id}/assessment", {
        params: { id: clusterId },
        body: { assessment },
      });
      onAssessed({
        message: `Assessed the cluster as ${ASSESSMENT_LABELS[assessment]} and learnt ${learntSummary(result.learned)}. Later reports of this campaign are judged the same way.`,
        isClean: true,
      });
    } catch (caught) {
      setError(apiErrorMessage(caught, "The assessment was not saved"));
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-2">
      <p className="text-sm text-muted-foreground">
        Your verdict on the whole campaign. Its senders, link hosts, files and bodies become learnt knowledge (Settings
        › Detection lists it).
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {/* The section's heading says what this is; the label is for screen readers. */}
        <Label htmlFor={`cluster-assessment-${clusterId}`} className="sr-only">
          Assessment
        </Label>
        <Select id={`cluster-assessment-${clusterId}`} name="assessment" defaultValue="Phish" className="w-52">
          {Object.entries(ASSESSMENT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <Button type="submit" size="sm" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save assessment"}
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
