// The browser's way to call the console's own API: JSON in, JSON out, and the API's error shape as an Error.
// A hunting query's 400 also says where in the query the problem is.
export type ApiIssue = { path: string; message: string; line?: number; column?: number };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

export async function apiRequest<T>(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error;
    throw new ApiError(response.status, error?.message ?? `Request failed (${response.status})`, error?.issues ?? []);
  }
  return payload as T;
}

/** What to tell the person after a failed request: the first invalid field when the API named one. */
export function apiErrorMessage(caught: unknown, fallback: string): string {
  const issue = caught instanceof ApiError ? caught.issues[0] : undefined;
  if (issue) return `${issue.path.replace(/^body\./, "")}: ${issue.message}`;
  return caught instanceof Error ? caught.message : fallback;
}
