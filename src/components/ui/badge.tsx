import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

/**
 * Severity tones (high/medium/low/informational) match Defender's alert severities; success, info and
 * destructive cover statuses (Remediated, Running, Failed ...). Pages map their domain values to these.
 */
export type BadgeVariant =
  | "default"
  | "secondary"
  | "outline"
  | "high"
  | "medium"
  | "low"
  | "informational"
  | "success"
  | "info"
  | "destructive";

const variantClasses: Record<BadgeVariant, string> = {
  default: "border-transparent bg-primary text-primary-foreground",
  secondary: "border-transparent bg-secondary text-secondary-foreground",
  outline: "border-border text-foreground",
  high: "border-high/30 bg-high-subtle text-high-foreground",
  medium: "border-medium/30 bg-medium-subtle text-medium-foreground",
  low: "border-low/40 bg-low-subtle text-low-foreground",
  informational: "border-informational/30 bg-informational-subtle text-informational-foreground",
  success: "border-success/30 bg-success-subtle text-success-foreground",
  info: "border-info/30 bg-info-subtle text-info-foreground",
  destructive: "border-transparent bg-destructive text-destructive-foreground",
};

const dotClasses: Partial<Record<BadgeVariant, string>> = {
  high: "bg-high",
  medium: "bg-medium",
  low: "bg-low",
  informational: "bg-informational",
  success: "bg-success",
  info: "bg-info",
};

export type BadgeProps = ComponentProps<"span"> & {
  variant?: BadgeVariant;
  /** A leading colour dot, so the tone survives for readers who cannot tell the colours apart by text colour. */
  hasDot?: boolean;
};

export function Badge({ className, variant = "secondary", hasDot = false, children, ...props }: BadgeProps) {
  const dot = hasDot ? dotClasses[variant] : undefined;
  return (
    <span
      data-slot="badge"
      className={cn(
        "inline-flex w-fit shrink-0 items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap [&_svg]:size-3",
        variantClasses[variant],
        className,
      )}
      {...props}
    >
      {dot ? <span aria-hidden className={cn("size-1.5 rounded-full", dot)} /> : null}
      {children}
    </span>
  );
}
