"use client";

import { CirclePlus } from "lucide-react";
import { useState, type ReactNode } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useTableUrl } from "./use-table-url";

export type FacetOption = { value: string; label: string; icon?: ReactNode };

export type DataTableFacetedFilterProps = {
  /** URL param to write; several values are comma-separated (`severity=high,medium`). */
  param: string;
  title: string;
  options: readonly FacetOption[];
  /** false: pick at most one value (radio items). */
  isMulti?: boolean;
};

export function DataTableFacetedFilter({ param, title, options, isMulti = true }: DataTableFacetedFilterProps) {
  const { getListParam, setParams } = useTableUrl();
  const urlValues = getListParam(param);
  const urlKey = urlValues.join(",");
  // Local copy so quick successive toggles build on each other while the URL update is still pending.
  const [selected, setSelected] = useState(urlValues);
  const [seenKey, setSeenKey] = useState(urlKey);
  if (urlKey !== seenKey) {
    setSeenKey(urlKey);
    setSelected(urlValues);
  }

  function apply(values: string[]) {
    setSelected(values);
    setParams({ [param]: values });
  }

  const selectedOptions = options.filter((option) => selected.includes(option.value));

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" className="border-dashed">
          <CirclePlus aria-hidden />
          {title}
          {selectedOptions.length > 0 ? (
            <>
              <span aria-hidden className="mx-0.5 h-4 w-px bg-border" />
              {selectedOptions.length > 2 ? (
                <Badge variant="secondary" className="rounded-sm px-1.5">
                  {selectedOptions.length} selected
                </Badge>
              ) : (
                selectedOptions.map((option) => (
                  <Badge key={option.value} variant="secondary" className="rounded-sm px-1.5">
                    {option.label}
                  </Badge>
                ))
              )}
            </>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-56">
        <DropdownMenuLabel>{title}</DropdownMenuLabel>
        {isMulti ? (
          options.map((option) => (
            <DropdownMenuCheckboxItem
              key={option.value}
              checked={selected.includes(option.value)}
              // Keep the menu open so several values can be picked in one go.
              onSelect={(event) => event.preventDefault()}
              onCheckedChange={(isChecked) =>
                apply(isChecked ? [...selected, option.value] : selected.filter((value) => value !== option.value))
              }
            >
              {option.icon}
              {option.label}
            </DropdownMenuCheckboxItem>
          ))
        ) : (
          <DropdownMenuRadioGroup value={selected[0] ?? ""} onValueChange={(value) => apply([value])}>
            {options.map((option) => (
              <DropdownMenuRadioItem key={option.value} value={option.value}>
                {option.icon}
                {option.label}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
        )}
        {selected.length > 0 ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => apply([])} className="justify-center">
              Clear filter
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
