"use client";

import { FileUp, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import { OutcomeNotice, type TOutcome } from "@/components/console/outcome-notice";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { ApiError, type ApiIssue } from "@/lib/api-client";

type TImportResult = { imported: number; created: number; updated: number };
type TFailure = { message: string; issues: ApiIssue[] };

const EXAMPLE = [
  "type,value,threatType,description",
  "domain,login-contoso.example,Phish,Credential harvesting",
  "sha256,<64 hex digits>,Malware,Invoice dropper",
].join("\n");

// The API takes the CSV itself as the body, which apiRequest (JSON only) does not send.
async function postCsv(body: Blob | string, source: string): Promise<TImportResult> {
  const query = source ? `?${new URLSearchParams({ source })}` : "";
  const response = await fetch(`/api/v1/threat-indicators${query}`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body,
  });
  const payload = await response.json().catch(() => null);
  if (!response.ok)
    throw new ApiError(
      response.status,
      payload?.error?.message ?? `Import failed (${response.status})`,
      payload?.error?.issues ?? [],
    );
  return payload as TImportResult;
}

// "body.line 3.value" → "Line 3, value": what a person fixing the file looks for.
function issueLocation(path: string): string {
  const [line, ...field] = path.replace(/^body\.?/, "").split(".");
  return line ? [line.replace(/^line/, "Line"), ...field].join(", ") : "The file";
}

/** Upload a .csv file or paste CSV text; a rejected file lists each bad line so it can be fixed and sent again. */
export function ImportPanel() {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState("");
  const [source, setSource] = useState("");
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const [failure, setFailure] = useState<TFailure | null>(null);

  function clearFile() {
    setFile(null);
    if (fileInput.current) fileInput.current.value = "";
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitting(true);
    setFailure(null);
    setOutcome(null);
    try {
      const result = await postCsv(file ?? text, source.trim());
      setOutcome({
        message: `Imported ${result.imported.toLocaleString()} indicators: ${result.created.toLocaleString()} new, ${result.updated.toLocaleString()} updated.`,
        isClean: true,
      });
      clearFile();
      setText("");
      router.refresh();
    } catch (caught) {
      setFailure(
        caught instanceof ApiError
          ? { message: caught.message, issues: caught.issues }
          : { message: "The import failed; try again", issues: [] },
      );
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Import indicators</CardTitle>
        <CardDescription>
          A CSV file with the header <code className="text-xs">type,value,threatType,description</code>. Types: url,
          domain, sha256, ip, sender; threat types: Phish, Malware, Spam. An indicator already listed is updated. If any
          row is invalid, nothing is imported.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="space-y-4">
          <div className="space-y-2">
            <Label htmlFor="indicator-file">CSV file</Label>
            <div className="flex flex-wrap items-center gap-2">
              <Input
                id="indicator-file"
                ref={fileInput}
                type="file"
                accept=".csv,text/csv"
                className="w-auto py-1.5"
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
              {file ? (
                <Button type="button" variant="ghost" size="sm" onClick={clearFile} aria-label={`Remove ${file.name}`}>
                  <X aria-hidden />
                  Remove
                </Button>
              ) : null}
            </div>
          </div>
          {file ? null : (
            <div className="space-y-2">
              <Label htmlFor="indicator-text">Or paste CSV</Label>
              <Textarea
                id="indicator-text"
                rows={5}
                value={text}
                onChange={(event) => setText(event.target.value)}
                placeholder={EXAMPLE}
                className="font-mono text-xs"
                spellCheck={false}
              />
            </div>
          )}
          <div className="space-y-2">
            <Label htmlFor="indicator-source">Source (optional)</Label>
            <Input
              id="indicator-source"
              value={source}
              onChange={(event) => setSource(event.target.value)}
              maxLength={200}
              placeholder="e.g. Vendor feed 2025-06-01; defaults to “Import by” your name"
              className="max-w-md"
            />
          </div>
          {failure ? <ImportFailure failure={failure} /> : null}
          {outcome ? <OutcomeNotice outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
          <Button type="submit" disabled={isSubmitting || (!file && !text.trim())}>
            <FileUp aria-hidden />
            {isSubmitting ? "Importing…" : "Import"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function ImportFailure({ failure }: { failure: TFailure }) {
  return (
    <div className="space-y-2">
      <FormError message={failure.message} />
      {failure.issues.length > 1 ? (
        <ul
          aria-label="Invalid lines"
          className="max-h-60 space-y-1 overflow-y-auto rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-sm"
        >
          {failure.issues.map((issue, index) => (
            <li key={index}>
              <span className="font-medium">{issueLocation(issue.path)}</span>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
