"use client";

import type { ReactNode } from "react";

import type { ConsoleUser } from "./console-user";
import { Brand } from "./brand";
import { MobileNav } from "./mobile-nav";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu } from "./user-menu";

export type { ConsoleRole, ConsoleUser } from "./console-user";

export type ConsoleShellProps = { user: ConsoleUser; children: ReactNode };

export function ConsoleShell({ user, children }: ConsoleShellProps) {
  return (
    <div className="flex h-dvh overflow-hidden bg-background">
      <a
        href="#main-content"
        // Parked above the viewport rather than sr-only, so it can keep its padding when it slides in on focus.
        className="fixed top-2 left-2 z-[60] -translate-y-16 rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground shadow-md transition-transform outline-none focus:translate-y-0 focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 flex-col border-r border-sidebar-border bg-sidebar md:flex">
        <div className="flex h-14 shrink-0 items-center border-b border-sidebar-border px-4">
          <Brand />
        </div>
        <SidebarNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 shrink-0 items-center gap-2 border-b bg-card px-2 sm:px-4">
          <MobileNav />
          <Brand className="md:hidden" />
          <div className="ml-auto">
            <UserMenu user={user} />
          </div>
        </header>
        {/* tabIndex lets the skip link move focus here; only this region scrolls, the chrome stays put. */}
        <main id="main-content" tabIndex={-1} className="min-h-0 flex-1 overflow-y-auto outline-none">
          <div className="mx-auto w-full max-w-[1600px] p-4 md:p-6">{children}</div>
        </main>
      </div>
    </div>
  );
}
