// The one error the KQL engine throws for anything wrong with a query: the route turns it into a 400 that points
// at the spot, so an analyst pasting a published query sees what to change, and nothing reaches the database.

export type TSourcePosition = { line: number; column: number };

export class KqlError extends Error {
  readonly line: number;
  readonly column: number;

  /** `reason` says what is wrong, without the position; `message` adds "(line L, column C)". */
  constructor(
    readonly reason: string,
    position: TSourcePosition,
  ) {
    super(`${reason} (line ${position.line}, column ${position.column})`);
    this.name = "KqlError";
    this.line = position.line;
    this.column = position.column;
  }
}

export const notSupported = (what: string, position: TSourcePosition) =>
  new KqlError(`\`${what}\` is not supported yet`, position);
