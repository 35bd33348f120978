import { Fragment } from "react";

/** The registry's descriptions: paragraphs, `code` and *emphasis*, without a Markdown dependency. */
export function ApiText({ text }: { text: string }) {
  return (
    <>
      {text.split("\n\n").map((paragraph, index) => (
        <p key={index} className="text-sm text-muted-foreground">
          {paragraph.split(/(`[^`]+`|\*[^*]+\*)/).map((part, partIndex) =>
            part.startsWith("`") ? (
              <code key={partIndex} className="rounded bg-muted px-1 font-mono text-xs text-foreground">
                {part.slice(1, -1)}
              </code>
            ) : part.startsWith("*") && part.length > 2 ? (
              <em key={partIndex}>{part.slice(1, -1)}</em>
            ) : (
              <Fragment key={partIndex}>{part}</Fragment>
            ),
          )}
        </p>
      ))}
    </>
  );
}
