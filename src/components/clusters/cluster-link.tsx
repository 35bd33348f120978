"use client";

import type { MouseEvent, ReactNode } from "react";
import { cn } from "@/lib/utils";
import { useClusterParam } from "./use-cluster-param";

/** Opens a cluster's flyout on this page; a real link, so it can be copied or opened in a new tab. */
export function ClusterLink({
  clusterId,
  children,
  className,
}: {
  clusterId: number;
  children: ReactNode;
  className?: string;
}) {
  const { hrefFor, open } = useClusterParam();

  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    open(clusterId);
  }

  return (
    <a
      href={hrefFor(clusterId)}
      onClick={onClick}
      className={cn(
        "rounded-sm text-link hover:underline focus-visible:outline-2 focus-visible:outline-ring",
        className,
      )}
    >
      {children}
    </a>
  );
}
