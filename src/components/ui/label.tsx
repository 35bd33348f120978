import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

export function Label({ className, ...props }: ComponentProps<"label">) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the primitive; its callers pass htmlFor or wrap the control
    <label
      data-slot="label"
      className={cn("text-sm leading-none font-medium text-foreground peer-disabled:opacity-50", className)}
      {...props}
    />
  );
}
