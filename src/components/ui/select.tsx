import { ChevronDown } from "lucide-react";
import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";
import { fieldClasses } from "./input";

/**
 * A styled native <select>: accessible and mobile-friendly for free; pass <option>s as children.
 * `className` sizes the wrapper (e.g. "w-full"); every other prop goes to the <select>.
 */
export function Select({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <div className={cn("relative inline-flex", className)}>
      <select data-slot="select" className={cn(fieldClasses, "h-9 cursor-pointer appearance-none pr-8")} {...props}>
        {children}
      </select>
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
