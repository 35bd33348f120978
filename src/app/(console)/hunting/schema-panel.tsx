"use client";

import { focusRing } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export type TSchemaTable = {
  name: string;
  description: string;
  columns: readonly { name: string; type: string; description: string }[];
};

/** The hunting tables and their columns; a click puts the name into the query at the caret. */
export function SchemaPanel({ tables, onInsert }: { tables: TSchemaTable[]; onInsert: (name: string) => void }) {
  return (
    <nav aria-label="Schema" className="max-h-[28rem] overflow-y-auto rounded-md border bg-card p-2 text-sm">
      <p className="px-1 pb-1 text-xs font-semibold text-muted-foreground uppercase">Schema</p>
      <ul>
        {tables.map((table) => (
          <li key={table.name}>
            <details>
              <summary className="flex cursor-pointer items-center gap-1 rounded-sm px-1 py-0.5 hover:bg-muted">
                <button
                  type="button"
                  title={`Insert ${table.name}: ${table.description}`}
                  onClick={() => onInsert(table.name)}
                  className={cn("rounded-sm font-mono font-semibold text-link hover:underline", focusRing)}
                >
                  {table.name}
                </button>
              </summary>
              <ul className="ml-4 border-l pl-2">
                {table.columns.map((column) => (
                  <li key={column.name} className="flex items-baseline justify-between gap-2">
                    <button
                      type="button"
                      title={`Insert ${column.name}: ${column.description}`}
                      onClick={() => onInsert(column.name)}
                      className={cn("truncate rounded-sm font-mono text-xs hover:underline", focusRing)}
                    >
                      {column.name}
                    </button>
                    <span className="shrink-0 font-mono text-[11px] text-muted-foreground">{column.type}</span>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </nav>
  );
}
