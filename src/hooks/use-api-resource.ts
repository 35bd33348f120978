"use client";

import { useEffect, useState } from "react";
import {
  apiErrorMessage,
  apiRequest,
  apiUrl,
  type TApiAnswer,
  type TApiInput,
  type TApiRouteKey,
  type TInputArgument,
} from "@/lib/api-client";

type TLoaded<T> = { key: string; data: T | null; error: string | null };

export type TApiResource<T> = {
  /** The last answer; kept while the next one loads, so a table pages without flashing empty. */
  data: T | null;
  error: string | null;
  isLoading: boolean;
  reload: () => void;
};

type TOptions = {
  /** What to say when the request fails without a message of its own. */
  failure?: string;
  /** Changing it loads again, for a caller that knows the data changed (it moved the messages). */
  refreshKey?: number;
};

/**
 * One GET of the console's API from a client component (a flyout's details), named by its contract and typed by its
 * response schema, again whenever the URL (path parameters, query) changes or reload() is called. An answer that
 * arrives after the URL moved on is dropped, so a slow page 1 never overwrites page 2.
 */
export function useApiResource<TKey extends TApiRouteKey & `GET ${string}`>(
  route: TKey,
  input: TApiInput<TKey>,
  { failure = "The data could not be loaded", refreshKey = 0 }: TOptions = {},
): TApiResource<TApiAnswer<TKey>> {
  const url = apiUrl(route, ...([input] as TInputArgument<TKey>));
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<TLoaded<TApiAnswer<TKey>>>({ key: "", data: null, error: null });
  const key = `${version}.${refreshKey} ${url}`;

  useEffect(() => {
    let isCurrent = true;
    apiRequest<TApiAnswer<TKey>>("GET", url).then(
      (data) => isCurrent && setLoaded({ key, data, error: null }),
      (caught: unknown) =>
        isCurrent && setLoaded((previous) => ({ key, data: previous.data, error: apiErrorMessage(caught, failure) })),
    );
    return () => {
      isCurrent = false;
    };
  }, [url, key, failure]);

  return {
    data: loaded.data,
    error: loaded.key === key ? loaded.error : null,
    isLoading: loaded.key !== key,
    reload: () => setVersion((value) => value + 1),
  };
}
