import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

export const fieldClasses = cn(
  "w-full min-w-0 rounded-md border border-input bg-card px-3 text-sm text-foreground shadow-xs transition-colors",
  "placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-50",
  "outline-none focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-solid focus-visible:-outline-offset-1 focus-visible:outline-ring",
  "aria-invalid:border-destructive",
);

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return <input data-slot="input" type={type} className={cn(fieldClasses, "h-9 py-1", className)} {...props} />;
}
