/** One CSV field as RFC 4180 wants it: quoted when it holds a comma, quote or line break, quotes doubled. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line and one line per row, CRLF-separated as RFC 4180 asks. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return `${[columns, ...rows.map((row) => columns.map((column) => row[column]))].map((fields) => fields.map(csvField).join(",")).join("\r\n")}\r\n`;
}
