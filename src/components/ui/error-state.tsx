import { TriangleExclamationPoint } from "lucide-react";
import type { ReactNode } from "react";

import { cn } from "@/lib/utils";

export type ErrorStateProps = {
  title?: string;
  /** What went wrong, in words a user can act on; never a stack trace. */
  description?: ReactNode;
  /** Usually a "Try again" button (an error.tsx boundary's `reset`). */
  action?: ReactNode;
  className?: string;
};

export function ErrorState({
  title = "Something went wrong",
  description = "The data could not be loaded. Try again in a moment.",
  action,
  className,
}: ErrorStateProps) {
  return (
    <div
      role="alert"
      data-slot="error-state"
      className={cn("flex flex-col items-center justify-center gap-2 px-6 py-12 text-center", className)}
    >
      <div className="mb-1 flex size-11 items-center justify-center rounded-full bg-high-subtle text-high-foreground">
        <TriangleExclamationPoint className="size-5" aria-hidden />
      </div>
      <p className="text-base font-semibold">{title}</p>
      {description ? <div className="max-w-md text-sm text-muted-foreground">{description}</div> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
