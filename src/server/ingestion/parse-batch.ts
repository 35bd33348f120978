import { AppError } from "@/server/http/app-error";

/** A JSON array, or NDJSON (one JSON object a line), as mail systems and log shippers send them. */
export function parseJsonOrNdjson(text: string, contentType: string | null): unknown[] {
  const isNdjson =
    contentType?.includes("ndjson") ||
    contentType?.includes("jsonlines") ||
    (!text.trimStart().startsWith("[") && text.includes("\n"));
  if (!isNdjson) {
    const value = parseLine(text, "body");
    if (!Array.isArray(value))
      throw new AppError("BAD_REQUEST", "Invalid body: expected a JSON array of events or NDJSON", [
        { path: "body", message: "expected an array" },
      ]);
    return value;
  }
  return text
    .split("\n")
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line)
    .map(({ line, index }) => parseLine(line, `body.line ${index + 1}`));
}

function parseLine(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", `Invalid ${path}: not valid JSON`, [{ path, message: "not valid JSON" }]);
  }
}
