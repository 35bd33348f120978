"use client";

import { ShieldPlus } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
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
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import {
  ENTITY_COLUMNS,
  FREQUENCY_LABELS,
  LOOK_BACK_OPTIONS,
  RULE_ACTION_LABELS,
  type TEntityColumn,
  type TFrequency,
  type TRuleAction,
} from "@/lib/detection-rules";

const SEVERITIES = ["Informational", "Low", "Medium", "High"] as const;

/**
 * Advanced hunting › Create detection rule: the query in the editor becomes a rule that runs on a schedule. Entity
 * columns start from the ones the last run returned; the server checks the query returns them (and Timestamp).
 */
export function CreateDetectionRuleDialog({ query, resultColumns }: { query: string; resultColumns: string[] }) {
  const [isOpen, setIsOpen] = useState(false);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [entities, setEntities] = useState<TEntityColumn[]>([]);

  const open = (next: boolean) => {
    setIsOpen(next);
    if (!next) return;
    setCreated(null);
    setError(null);
    setEntities(ENTITY_COLUMNS.filter((column) => resultColumns.includes(column)));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsSaving(true);
    setError(null);
    try {
      const rule = await callApi("POST /api/v1/detection-rules", {
        body: {
          name: String(form.get("name")),
          description: String(form.get("description") ?? ""),
          query,
          severity: form.get("severity") as (typeof SEVERITIES)[number],
          category: String(form.get("category")),
          frequency: form.get("frequency") as TFrequency,
          lookBackMinutes: Number(form.get("lookBack")),
          entityColumns: entities,
          action: form.get("action") as TRuleAction,
        },
      });
      setCreated(rule);
    } catch (caught) {
      setError(apiErrorMessage(caught, "The rule could not be created"));
    } finally {
      setIsSaving(false);
    }
  };

  const toggle = (column: TEntityColumn, isChecked: boolean) =>
    setEntities((current) => (isChecked ? [...current, column] : current.filter((name) => name !== column)));

  return (
    <Dialog open={isOpen} onOpenChange={open}>
      <DialogTrigger asChild>
        <Button variant="outline" disabled={!query.trim()}>
          <ShieldPlus aria-hidden />
          Create detection rule
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Create detection rule</DialogTitle>
          <DialogDescription>
            The query in the editor runs on a schedule and raises an alert per entity it matches. It must return
            Timestamp and the entity columns.
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <div className="space-y-4 text-sm">
            <p role="status">
              Detection rule <strong>{created.name}</strong> created.
            </p>
            <DialogFooter>
              <Button asChild variant="outline">
                <Link href="/settings/detection-rules">Settings › Detection rules</Link>
              </Button>
              <Button asChild>
                <Link href={`/settings/detection-rules/${created.id}`}>Open the rule</Link>
              </Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-3">
            <div className="space-y-1">
              <Label htmlFor="rule-name">Detection name</Label>
              <Input id="rule-name" name="name" required maxLength={120} />
            </div>
            <div className="space-y-1">
              <Label htmlFor="rule-description">Description</Label>
              <Textarea id="rule-description" name="description" maxLength={2000} rows={2} />
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <div className="space-y-1">
                <Label htmlFor="rule-severity">Severity</Label>
                <Select id="rule-severity" name="severity" defaultValue="Medium">
                  {SEVERITIES.map((severity) => (
                    <option key={severity}>{severity}</option>
                  ))}
                </Select>
              </div>
              <div className="space-y-1">
                <Label htmlFor="rule-category">Category</Label>
                <Input id="rule-category" name="category" required maxLength={80} defaultValue="Initial access" />
              </div>
              <div className="space-y-1">
                <Label htmlFor="rule-frequency">Frequency</Label>
                <Select id="rule-frequency" name="frequency" defaultValue="1h">
                  {Object.entries(FREQUENCY_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="space-y-1">
                <Label htmlFor="rule-look-back">Look-back</Label>
                <Select id="rule-look-back" name="lookBack" defaultValue="240">
                  {LOOK_BACK_OPTIONS.map((option) => (
                    <option key={option.minutes} value={option.minutes}>
                      {option.label}
                    </option>
                  ))}
                </Select>
              </div>
            </div>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">
                Impacted entities (the first one ticked is what each alert is about)
              </legend>
              <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
                {ENTITY_COLUMNS.map((column) => (
                  <label key={column} className="flex items-center gap-2 text-sm">
                    <Checkbox
                      checked={entities.includes(column)}
                      onChange={(event) => toggle(column, event.target.checked)}
                    />
                    {column}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="space-y-1">
              <Label htmlFor="rule-action">Actions</Label>
              <Select id="rule-action" name="action" defaultValue="AlertOnly">
                {Object.entries(RULE_ACTION_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </div>
            <FormError message={error} />
            <DialogFooter>
              <Button type="submit" disabled={isSaving || entities.length === 0}>
                {isSaving ? "Creating…" : "Create"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
