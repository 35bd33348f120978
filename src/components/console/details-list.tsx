import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

export type DetailsItem = { label: string; value: ReactNode };

/** Label/value pairs: one column on a phone, label beside value from `sm` up. */
export function DetailsList({ items, className }: { items: readonly DetailsItem[]; className?: string }) {
  return (
    <dl className={cn("divide-y text-sm", className)}>
      {items.map((item) => (
        <div key={item.label} className="grid grid-cols-1 gap-0.5 py-2 sm:grid-cols-[12rem_1fr] sm:gap-4">
          <dt className="text-muted-foreground">{item.label}</dt>
          <dd className="min-w-0 break-words">{item.value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
