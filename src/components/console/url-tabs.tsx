"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { cn, formatNumber } from "@/lib/utils";

export type UrlTab = { href: string; label: string; count?: number; isActive: boolean };

/**
 * Tabs that are links: the selected tab lives in the URL (shareable, back button works, rendered on the
 * server), so they are navigation with aria-current rather than an ARIA tablist that needs scripted focus.
 */
export function UrlTabs({ label, tabs, className }: { label: string; tabs: readonly UrlTab[]; className?: string }) {
  const navRef = useRef<HTMLElement>(null);
  const activeHref = tabs.find((tab) => tab.isActive)?.href;
  // On a phone the strip scrolls sideways; keep the selected tab in view (horizontally only, no page jump). From 640 px
  // up it wraps instead, so that no tab is out of sight on a laptop.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the selected tab changes; the DOM says which it is
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !active) return;
    const isHidden =
      active.offsetLeft < nav.scrollLeft || active.offsetLeft + active.offsetWidth > nav.scrollLeft + nav.clientWidth;
    if (isHidden) nav.scrollLeft = active.offsetLeft - (nav.clientWidth - active.offsetWidth) / 2;
  }, [activeHref]);
  return (
    <nav ref={navRef} aria-label={label} className={cn("relative -mx-1 mb-4 overflow-x-auto border-b", className)}>
      <ul className="flex min-w-max gap-1 px-1 sm:min-w-0 sm:flex-wrap">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              scroll={false}
              aria-current={tab.isActive ? "page" : undefined}
              className={cn(
                "-mb-px inline-flex h-10 items-center gap-1.5 border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors outline-none",
                "focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-ring",
                tab.isActive
                  ? "border-primary text-foreground"
                  : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
              )}
            >
              {tab.label}
              {tab.count !== undefined ? <span className="sr-only">, </span> : null}
              {tab.count !== undefined ? (
                <span
                  className={cn(
                    "rounded-full px-1.5 text-xs tabular-nums",
                    tab.isActive ? "bg-primary/10 text-foreground" : "bg-muted",
                  )}
                >
                  {formatNumber(tab.count)}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
