"use client";

import { Download, Play } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { ApiError, callApi } from "@/lib/api-client";
import { toCsv } from "@/lib/csv";
import { downloadText } from "@/lib/download";
import { formatNumber } from "@/lib/utils";
import { CreateDetectionRuleDialog } from "./create-detection-rule-dialog";
import { CHART_KINDS, isChartKind, type TChartKind, type THuntingResult } from "./hunting-result";
import { offsetOf, QueryEditor } from "./query-editor";
import { ResultsChart } from "./results-chart";
import { ResultsTable } from "./results-table";
import { SAMPLE_QUERIES } from "./sample-queries";
import { SavedQueriesPanel, type TSavedQueryView } from "./saved-queries-panel";
import { SchemaPanel, type TSchemaTable } from "./schema-panel";

function downloadCsv(result: THuntingResult) {
  downloadText(
    `hunting-${new Date().toISOString().replace(/[:.]/g, "-")}.csv`,
    toCsv(
      result.columns.map((column) => column.name),
      result.rows,
    ),
    "text/csv;charset=utf-8",
  );
}

/** The query editor with the schema and saved queries beside it, and the last run's results, chart and CSV below. */
export function HuntingWorkspace({
  tables,
  savedQueries,
  initialQuery,
  canCreateRule,
}: {
  tables: TSchemaTable[];
  savedQueries: TSavedQueryView[];
  initialQuery?: string;
  canCreateRule: boolean;
}) {
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<string>(initialQuery ?? SAMPLE_QUERIES[0].query);
  const [result, setResult] = useState<THuntingResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  // "auto" follows the query's `render`; a choice here overrides it until the next run.
  const [chartChoice, setChartChoice] = useState<TChartKind | "auto" | "none">("auto");
  const rendered = result && isChartKind(result.chart) ? result.chart : null;
  const chartKind = chartChoice === "auto" ? rendered : chartChoice === "none" ? null : chartChoice;
  // Each run starts the table again at its first page.
  const [runCount, setRunCount] = useState(0);

  const focusAt = (offset: number) => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(offset, offset);
  };

  const run = async () => {
    if (isRunning || !query.trim()) return;
    setIsRunning(true);
    setError(null);
    try {
      setResult(await callApi("POST /api/v1/hunting/query", { body: { query } }));
      setChartChoice("auto");
      setRunCount((count) => count + 1);
    } catch (caught) {
      setResult(null);
      setError(caught instanceof Error ? caught.message : "The query could not be run");
      const issue = caught instanceof ApiError ? caught.issues[0] : undefined;
      if (issue?.line && issue.column) focusAt(offsetOf(query, issue.line, issue.column));
    } finally {
      setIsRunning(false);
    }
  };

  const insert = (name: string) => {
    const textarea = textareaRef.current;
    const start = textarea?.selectionStart ?? query.length;
    const end = textarea?.selectionEnd ?? query.length;
    setQuery(query.slice(0, start) + name + query.slice(end));
    // After React has put the new text in, so the caret lands behind the inserted name.
    requestAnimationFrame(() => focusAt(start + name.length));
  };

  return (
    <div className="space-y-4">
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[12rem_minmax(0,1fr)_14rem]">
        <SchemaPanel tables={tables} onInsert={insert} />
        <div className="space-y-2">
          <QueryEditor
            value={query}
            onChange={setQuery}
            onRun={run}
            textareaRef={textareaRef}
            describedBy={error ? "query-error" : undefined}
          />
          {error ? (
            <p id="query-error" role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <div className="flex items-center gap-3">
            <Button onClick={run} disabled={isRunning || !query.trim()}>
              <Play aria-hidden />
              {isRunning ? "Running…" : "Run query"}
            </Button>
            <span className="text-xs text-muted-foreground">Ctrl+Enter or ⌘+Enter runs the query</span>
            {canCreateRule ? (
              <div className="ml-auto">
                <CreateDetectionRuleDialog
                  query={query}
                  resultColumns={result?.columns.map((column) => column.name) ?? []}
                />
              </div>
            ) : null}
          </div>
        </div>
        <SavedQueriesPanel initial={savedQueries} query={query} onOpen={setQuery} />
      </div>
      {result ? (
        <Card>
          <CardContent className="space-y-4 pt-6">
            <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
              <p role="status" className="tabular-nums">
                {formatNumber(result.rowCount)} {result.rowCount === 1 ? "row" : "rows"} in{" "}
                {formatNumber(Math.round(result.elapsedMs))} ms
                {result.truncated ? (
                  <span className="text-medium-foreground"> · truncated at {formatNumber(result.rowCount)} rows</span>
                ) : null}
              </p>
              <div className="ml-auto flex items-center gap-2">
                <Label htmlFor="chart-kind">Chart</Label>
                <Select
                  id="chart-kind"
                  value={chartChoice}
                  onChange={(event) => setChartChoice(event.target.value as TChartKind | "auto" | "none")}
                  className="w-44"
                >
                  <option value="auto">{rendered ? `As rendered (${rendered})` : "None"}</option>
                  {rendered ? <option value="none">None</option> : null}
                  {CHART_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {kind}
                    </option>
                  ))}
                </Select>
                <Button
                  variant="outline"
                  size="sm"
                  onClick={() => downloadCsv(result)}
                  disabled={result.columns.length === 0}
                >
                  <Download aria-hidden />
                  Export CSV
                </Button>
              </div>
            </div>
            {chartKind ? <ResultsChart result={result} kind={chartKind} /> : null}
            <ResultsTable key={runCount} result={result} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
