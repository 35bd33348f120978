"use client";

import { Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import { Button, focusRing } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { apiErrorMessage, callApi } from "@/lib/api-client";
import { cn } from "@/lib/utils";
import { SAMPLE_QUERIES } from "./sample-queries";

export type TSavedQueryView = { id: string; name: string; query: string };

function QueryList({
  label,
  items,
  onOpen,
  onDelete,
}: {
  label: string;
  items: readonly { name: string; query: string; id?: string }[];
  onOpen: (query: string) => void;
  onDelete?: (id: string) => void;
}) {
  return (
    <section aria-label={label}>
      <p className="px-1 pb-1 text-xs font-semibold text-muted-foreground uppercase">{label}</p>
      {items.length === 0 ? <p className="px-1 text-xs text-muted-foreground">None yet.</p> : null}
      <ul>
        {items.map((item) => (
          <li key={item.id ?? item.name} className="flex items-center gap-1">
            <button
              type="button"
              title={item.query}
              onClick={() => onOpen(item.query)}
              className={cn(
                "min-w-0 flex-1 truncate rounded-sm px-1 py-0.5 text-left text-link hover:underline",
                focusRing,
              )}
            >
              {item.name}
            </button>
            {onDelete && item.id ? (
              <Button
                variant="ghost"
                size="icon-sm"
                className="size-6"
                aria-label={`Delete ${item.name}`}
                onClick={() => onDelete(item.id as string)}
              >
                <Trash2 aria-hidden />
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Sample queries to start from, and the signed-in user's own saved ones: open, save the current query, delete. */
export function SavedQueriesPanel({
  initial,
  query,
  onOpen,
}: {
  initial: TSavedQueryView[];
  query: string;
  onOpen: (query: string) => void;
}) {
  const [saved, setSaved] = useState(initial);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      const created = await callApi("POST /api/v1/hunting/saved-queries", { body: { name, query } });
      setSaved((current) => [...current, created].sort((a, b) => a.name.localeCompare(b.name)));
      setName("");
    } catch (caught) {
      setError(apiErrorMessage(caught, "The query could not be saved"));
    } finally {
      setIsSaving(false);
    }
  };
  const remove = async (id: string) => {
    setError(null);
    try {
      await callApi("DELETE /api/v1/hunting/saved-queries/{id}", { params: { id } });
      setSaved((current) => current.filter((item) => item.id !== id));
    } catch (caught) {
      setError(apiErrorMessage(caught, "The query could not be deleted"));
    }
  };

  return (
    <div className="space-y-3 rounded-md border bg-card p-2 text-sm">
      <QueryList label="Sample queries" items={SAMPLE_QUERIES} onOpen={onOpen} />
      <QueryList label="Saved queries" items={saved} onOpen={onOpen} onDelete={remove} />
      <form onSubmit={save} className="flex gap-1">
        <Input
          aria-label="Saved query name"
          placeholder="Name"
          required
          maxLength={120}
          value={name}
          onChange={(event) => setName(event.target.value)}
          className="h-8"
        />
        <Button type="submit" size="sm" variant="outline" disabled={isSaving || !query.trim()}>
          Save
        </Button>
      </form>
      <FormError message={error} />
    </div>
  );
}
