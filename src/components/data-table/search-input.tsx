"use client";

import { Search } from "lucide-react";
import { useEffect, useState } from "react";

import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { useTableUrl } from "./use-table-url";

export type DataTableSearchInputProps = {
  /** URL param to write; defaults to `q`. */
  param?: string;
  placeholder?: string;
  /** Accessible name; defaults to the placeholder. */
  label?: string;
  debounceMs?: number;
  className?: string;
};

export function DataTableSearchInput({
  param = "q",
  placeholder = "Search",
  label,
  debounceMs = 300,
  className,
}: DataTableSearchInputProps) {
  const { getParam, setParams } = useTableUrl();
  const urlValue = getParam(param) ?? "";
  const [value, setValue] = useState(urlValue);
  const [isFocused, setIsFocused] = useState(false);
  const [seenUrlValue, setSeenUrlValue] = useState(urlValue);
  // Follow URL changes made elsewhere (Reset, back button), but never overwrite what the user is typing.
  if (urlValue !== seenUrlValue) {
    setSeenUrlValue(urlValue);
    if (!isFocused) setValue(urlValue);
  }

  useEffect(() => {
    const next = value.trim();
    if (next === urlValue) return;
    const timer = setTimeout(() => setParams({ [param]: next || null }), debounceMs);
    return () => clearTimeout(timer);
  }, [value, urlValue, param, debounceMs, setParams]);

  return (
    <div className={cn("relative w-full sm:w-64", className)}>
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <Input
        type="search"
        value={value}
        placeholder={placeholder}
        aria-label={label ?? placeholder}
        onChange={(event) => setValue(event.target.value)}
        onFocus={() => setIsFocused(true)}
        onBlur={() => setIsFocused(false)}
        className="h-8 pl-8"
      />
    </div>
  );
}
