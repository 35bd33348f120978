"use client";

import { useState, type KeyboardEvent, type RefObject } from "react";
import { fieldClasses } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** Line and column (from 1) of an offset in the text, as the API counts them in its errors. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The offset of a line and column (from 1), clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split("\n");
  const lineIndex = Math.min(Math.max(line, 1), lines.length) - 1;
  const start = lines.slice(0, lineIndex).reduce((sum, current) => sum + current.length + 1, 0);
  return start + Math.min(Math.max(column, 1) - 1, lines[lineIndex].length);
}

type TQueryEditorProps = {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  describedBy?: string;
};

/** A monospace textarea with line numbers and a caret position; Ctrl/Cmd+Enter runs the query. */
export function QueryEditor({ value, onChange, onRun, textareaRef, describedBy }: TQueryEditorProps) {
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  const [scrollTop, setScrollTop] = useState(0);
  const lineCount = value.split("\n").length;
  const trackCaret = () => {
    const textarea = textareaRef.current;
    if (textarea) setCaret(positionOf(textarea.value, textarea.selectionStart));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  };

  return (
    <div>
      <div className={cn(fieldClasses, "flex h-auto overflow-hidden p-0 font-mono text-sm")}>
        {/* The gutter scrolls with the text, so each number stays beside its line. */}
        <div
          aria-hidden
          className="w-10 shrink-0 overflow-hidden border-r bg-muted/50 py-2 text-right text-muted-foreground select-none"
        >
          <div style={{ transform: `translateY(-${scrollTop}px)` }}>
            {Array.from({ length: lineCount }, (_, index) => (
              <div key={index} className="pr-2 leading-6">
                {index + 1}
              </div>
            ))}
          </div>
        </div>
        <textarea
          ref={textareaRef}
          aria-label="Query"
          aria-describedby={describedBy}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          rows={10}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            trackCaret();
          }}
          onKeyDown={onKeyDown}
          onKeyUp={trackCaret}
          onClick={trackCaret}
          onSelect={trackCaret}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          className="min-w-0 flex-1 resize-y bg-transparent px-3 py-2 leading-6 whitespace-pre outline-none"
        />
      </div>
      <p className="mt-1 text-right text-xs text-muted-foreground tabular-nums" aria-live="off">
        Line {caret.line}, column {caret.column}
      </p>
    </div>
  );
}
