"use client";

import * as SheetPrimitive from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Brand } from "./brand";
import { SidebarNav } from "./sidebar-nav";

/** Below md the sidebar becomes a left sheet; Radix gives it the focus trap and Esc to close. */
export function MobileNav() {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <SheetPrimitive.Root open={isOpen} onOpenChange={setIsOpen}>
      <SheetPrimitive.Trigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open navigation">
          <Menu aria-hidden />
        </Button>
      </SheetPrimitive.Trigger>
      <SheetPrimitive.Portal>
        <SheetPrimitive.Overlay className="fixed inset-0 z-50 bg-black/50 data-[state=open]:animate-fade-in md:hidden" />
        <SheetPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col border-r border-sidebar-border bg-sidebar shadow-lg outline-none data-[state=open]:animate-slide-in-left md:hidden"
        >
          <div className="flex h-14 shrink-0 items-center justify-between border-b border-sidebar-border px-4">
            <SheetPrimitive.Title asChild>
              <Brand />
            </SheetPrimitive.Title>
            <SheetPrimitive.Close asChild>
              <Button variant="ghost" size="icon-sm" aria-label="Close navigation">
                <X aria-hidden />
              </Button>
            </SheetPrimitive.Close>
          </div>
          <SidebarNav onNavigate={() => setIsOpen(false)} />
        </SheetPrimitive.Content>
      </SheetPrimitive.Portal>
    </SheetPrimitive.Root>
  );
}
