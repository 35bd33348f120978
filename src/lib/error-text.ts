/**
 * An error's own words for a log line: never "undefined" (a library that rejects with nothing), and the codes of
 * Node's AggregateError, whose message is empty when every address of a host refused the connection.
 */
export function errorText(error: unknown): string {
  if (error instanceof AggregateError && !error.message)
    return (
      [...new Set(error.errors.map(errorText))].join("; ") || (error as NodeJS.ErrnoException).code || "AggregateError"
    );
  if (error instanceof Error) return error.message.trim() || (error as NodeJS.ErrnoException).code || error.name;
  if (error === undefined || error === null) return "unknown error (none was given)";
  return typeof error === "string" ? error : (JSON.stringify(error) ?? String(error));
}
