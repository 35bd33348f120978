"use client";

import { createContext, use, useCallback, useMemo, useState, type ReactNode } from "react";
import { apiErrorMessage, callApi } from "@/lib/api-client";

type TChoices = Record<string, Record<string, boolean>>;
type TPreferences = {
  choices: TChoices;
  save: (table: string, columns: Record<string, boolean>) => Promise<string | null>;
};

const TablePreferencesContext = createContext<TPreferences | null>(null);

/**
 * Each list's column choice for the signed-in person, loaded with the console layout (so a list renders its columns
 * on the first paint) and saved to the server, so it follows the person to another browser.
 */
export function TablePreferencesProvider({ initial, children }: { initial: TChoices; children: ReactNode }) {
  const [choices, setChoices] = useState(initial);
  const save = useCallback(async (table: string, columns: Record<string, boolean>) => {
    setChoices((current) => ({ ...current, [table]: columns }));
    try {
      await callApi("PUT /api/v1/me/table-columns/{table}", { params: { table }, body: { columns } });
      return null;
    } catch (caught) {
      return apiErrorMessage(caught, "The column choice could not be saved");
    }
  }, []);
  const value = useMemo(() => ({ choices, save }), [choices, save]);
  return <TablePreferencesContext value={value}>{children}</TablePreferencesContext>;
}

/** One table's saved choice, and a way to change it; outside the console layout (no provider) choices last the visit. */
export function useColumnChoice(table: string) {
  const preferences = use(TablePreferencesContext);
  const [local, setLocal] = useState<Record<string, boolean> | undefined>(undefined);
  const choice = preferences ? preferences.choices[table] : local;
  const save = useCallback(
    async (columns: Record<string, boolean>) => {
      if (preferences) return preferences.save(table, columns);
      setLocal(columns);
      return null;
    },
    [preferences, table],
  );
  return { choice, save };
}
