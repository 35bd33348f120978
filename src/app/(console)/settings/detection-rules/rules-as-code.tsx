"use client";

import { Download, Upload } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { callApi } from "@/lib/api-client";
import { joinRuleFiles } from "@/lib/detection-rules";
import { downloadText } from "@/lib/download";

const YAML_TYPE = "application/yaml;charset=utf-8";

/** Export: one rule's YAML file (with `id`), or every rule in one file of YAML documents, which Import takes back. */
export function ExportRulesButton({ id }: { id?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isExporting, setIsExporting] = useState(false);
  const exportRules = async () => {
    setIsExporting(true);
    setError(null);
    try {
      const { files } = await callApi("GET /api/v1/detection-rules/export", { query: { id } });
      if (id && files[0]) downloadText(files[0].name, files[0].content, YAML_TYPE);
      else downloadText("detection-rules.yaml", joinRuleFiles(files), YAML_TYPE);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The export failed");
    } finally {
      setIsExporting(false);
    }
  };
  return (
    <div className="space-y-1">
      <Button variant="outline" onClick={exportRules} disabled={isExporting}>
        <Download aria-hidden />
        {id ? "Export" : "Export all"}
      </Button>
      <FormError message={error} />
    </div>
  );
}

type TImported = { created: { id: string; name: string }[]; updated: { id: string; name: string }[] };

/**
 * Import: YAML files uploaded, or YAML pasted, one rule per document. Nothing is saved unless every rule is valid; the
 * API's 400 says which file and line is wrong, and is shown as it is.
 */
export function ImportRulesDialog() {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<TImported | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const open = (next: boolean) => {
    setIsOpen(next);
    if (!next) return;
    setError(null);
    setImported(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const uploads = form.getAll("files").filter((file): file is File => file instanceof File && file.size > 0);
    const pasted = String(form.get("yaml") ?? "");
    const files = [
      ...(await Promise.all(uploads.map(async (file) => ({ name: file.name, content: await file.text() })))),
      ...(pasted.trim() ? [{ name: "pasted.yaml", content: pasted }] : []),
    ];
    if (!files.length) {
      setError("Choose a YAML file or paste a rule");
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      setImported(await callApi("POST /api/v1/detection-rules/import", { body: { files } }));
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The import failed");
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Dialog open={isOpen} onOpenChange={open}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <Upload aria-hidden />
          Import
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Import detection rules</DialogTitle>
          <DialogDescription>
            YAML as Export writes it: one rule per file, or several separated by ---. A rule whose name exists is
            updated; nothing is saved unless every rule is valid.
          </DialogDescription>
        </DialogHeader>
        {imported ? (
          <div role="status" className="space-y-2 text-sm">
            <p>
              Imported {imported.created.length} new and updated {imported.updated.length} existing rules.
            </p>
            <ul className="list-disc space-y-1 pl-5">
              {[...imported.created, ...imported.updated].map((rule) => (
                <li key={rule.id}>
                  <Link href={`/settings/detection-rules/${rule.id}`} className="text-link hover:underline">
                    {rule.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-3">
            <div className="space-y-1">
              <Label htmlFor="import-files">YAML files</Label>
              <Input
                id="import-files"
                name="files"
                type="file"
                accept=".yaml,.yml,application/yaml,text/yaml"
                multiple
              />
            </div>
            <div className="space-y-1">
              <Label htmlFor="import-yaml">Or paste YAML</Label>
              <Textarea id="import-yaml" name="yaml" rows={10} spellCheck={false} className="font-mono text-xs" />
            </div>
            <FormError message={error} />
            <DialogFooter>
              <Button type="submit" disabled={isSaving}>
                {isSaving ? "Importing…" : "Import"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
