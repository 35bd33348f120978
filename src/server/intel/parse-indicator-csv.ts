import "server-only";
import { CsvError, parse } from "csv-parse/sync";
import { AppError, type ErrorIssue } from "@/server/http/app-error";
import { issuesOf } from "@/server/http/error-response";
import { MAX_IMPORT_ROWS, ZIndicatorRow, type TIndicatorRow } from "./threat-indicators.schemas";

// Enough to fix a file by; a feed in the wrong format would otherwise answer with 50,000 issues.
const MAX_ISSUES = 50;
const HEADER_HELP = "type,value,threatType,description (description may be left out)";

// Header names as they are read, case-insensitively; vendor feeds call the first column "kind" as often as "type".
const COLUMN_OF_HEADER: Record<string, "type" | "value" | "threatType" | "description"> = {
  type: "type",
  kind: "type",
  value: "value",
  threattype: "threatType",
  description: "description",
};
const REQUIRED_COLUMNS = ["type", "value", "threatType"] as const;

type TRecord = { record: string[]; info: { lines: number } };

/**
 * The indicators of a CSV file, every row valid, or a 400 listing the bad rows as `body.line N.column`: a feed half
 * imported would leave the admin guessing what is in force, so one bad row rejects the file.
 */
export function parseIndicatorCsv(csvText: string): TIndicatorRow[] {
  const [header, ...rows] = readRecords(csvText);
  if (!header) throw invalid([{ path: "body", message: `the file is empty; it needs the header ${HEADER_HELP}` }]);
  const columns = headerColumns(header.record);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} indicators; split it into smaller files`,
    );
  }
  if (!rows.length) throw invalid([{ path: "body.line 2", message: "the file has a header but no indicators" }]);
  const indicators: TIndicatorRow[] = [];
  const issues: ErrorIssue[] = [];
  let badRows = 0;
  for (const { record, info } of rows) {
    const line = `line ${info.lines}`;
    if (record.length !== columns.length) {
      badRows++;
      issues.push({ path: `body.${line}`, message: `has ${record.length} fields; the header has ${columns.length}` });
      continue;
    }
    const result = ZIndicatorRow.safeParse(Object.fromEntries(columns.map((column, index) => [column, record[index]])));
    if (result.success) {
      indicators.push(result.data);
    } else {
      badRows++;
      issues.push(...issuesOf(result.error, ["body", line]));
    }
  }
  if (badRows) throw invalid(issues, `${badRows} of ${rows.length} rows are invalid`);
  return indicators;
}

function readRecords(csvText: string): TRecord[] {
  try {
    return parse(csvText, {
      bom: true,
      trim: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // Files saved on Windows and on Unix both come in, and a header saved by one editor may precede rows from another.
      record_delimiter: ["\r\n", "\n", "\r"],
      // The header, the limit, and one more to tell that the limit was passed.
      to: MAX_IMPORT_ROWS + 2,
    }) as unknown as TRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw invalid([{ path: `body.line ${error.lines}`, message: error.message }]);
  }
}

function headerColumns(header: string[]): string[] {
  const columns = header.map((name) => COLUMN_OF_HEADER[name.toLowerCase()]);
  const issues: ErrorIssue[] = [];
  header.forEach((name, index) => {
    if (!columns[index])
      issues.push({ path: `body.line 1.${name}`, message: `unknown column "${name}"; expected ${HEADER_HELP}` });
    else if (columns.indexOf(columns[index]) !== index)
      issues.push({ path: `body.line 1.${name}`, message: `the column ${columns[index]} appears twice` });
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.includes(column))
      issues.push({ path: "body.line 1", message: `the header has no ${column} column; expected ${HEADER_HELP}` });
  }
  if (issues.length) throw invalid(issues);
  return columns;
}

function invalid(issues: ErrorIssue[], summary?: string): AppError {
  const first = `${issues[0].path.replace(/^body\.?/, "") || "the file"}: ${issues[0].message}`;
  const message = summary ? `Nothing was imported: ${summary} (first, ${first})` : `Nothing was imported: ${first}`;
  return new AppError("BAD_REQUEST", message, issues.slice(0, MAX_ISSUES));
}
