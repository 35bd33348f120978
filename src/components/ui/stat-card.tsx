import Link from "next/link";
import type { ReactNode } from "react";

import { cn } from "@/lib/utils";
import { focusRing } from "./button";

export type StatTone = "neutral" | "high" | "medium" | "low" | "success" | "info";

const toneBar: Record<StatTone, string> = {
  neutral: "bg-informational",
  high: "bg-high",
  medium: "bg-medium",
  low: "bg-low",
  success: "bg-success",
  info: "bg-info",
};

export type StatCardProps = {
  label: string;
  value: ReactNode;
  /** A short line under the value, e.g. "in the last 7 days". */
  hint?: ReactNode;
  /** Makes the whole card a link, e.g. to a pre-filtered list. */
  href?: string;
  tone?: StatTone;
  className?: string;
};

export function StatCard({ label, value, hint, href, tone = "neutral", className }: StatCardProps) {
  const body = (
    <>
      <span aria-hidden className={cn("absolute inset-y-0 left-0 w-1 rounded-l-lg", toneBar[tone])} />
      <span className="block text-sm break-words text-muted-foreground">{label}</span>
      <span className="mt-1 block text-2xl font-semibold tabular-nums">{value}</span>
      {hint ? <span className="mt-0.5 block text-xs break-words text-muted-foreground">{hint}</span> : null}
    </>
  );
  const classes = cn(
    "relative block rounded-lg border bg-card py-3 pr-4 pl-5 text-card-foreground shadow-xs",
    className,
  );
  if (!href) {
    return (
      <div data-slot="stat-card" className={classes}>
        {body}
      </div>
    );
  }
  return (
    <Link data-slot="stat-card" href={href} className={cn(classes, "transition-colors hover:bg-muted/60", focusRing)}>
      {body}
    </Link>
  );
}
