import "server-only";
import { AppError } from "@/server/http/app-error";
import { BagKeysNeeded } from "@/server/hunting/kql/compile-bag-unpack";
import { compileHuntingQuery } from "@/server/hunting/run-hunting-query";
import type { TDetectionRuleBody, TEntityColumn } from "./detection-rules.schemas";

/** The columns that name the messages a Manual run starts on, and the users a compromised-user run starts on. */
export const MESSAGE_COLUMN: TEntityColumn = "NetworkMessageId";
export const USER_COLUMNS: TEntityColumn[] = ["AccountUpn", "SenderFromAddress"];

/**
 * Checks a rule's query before it is saved (created, edited or imported): it compiles, it returns a Timestamp (each
 * run keeps the rows after its watermark by it), and it returns every entity column the rule names. `path` prefixes
 * the issues, so an import can say which file is wrong.
 */
export function validateRuleQuery(
  rule: Pick<TDetectionRuleBody, "query" | "entityColumns" | "action">,
  path = "body",
): void {
  let columns: { name: string; type: string }[];
  try {
    columns = compileHuntingQuery(rule.query).columns;
  } catch (error) {
    // Its columns would depend on the rows of each run: a rule names them with an output schema instead.
    if (error instanceof BagKeysNeeded)
      throw new AppError(
        "BAD_REQUEST",
        "In a detection rule, evaluate bag_unpack needs its columns named: bag_unpack(Bag) : (Name:type, …)",
        [{ path: `${path}.query`, message: "evaluate bag_unpack without an output schema" }],
      );
    if (error instanceof AppError)
      throw new AppError(
        "BAD_REQUEST",
        error.message,
        error.issues?.map((issue) => ({ ...issue, path: `${path}.query` })),
      );
    throw error;
  }
  const names = new Set(columns.map((column) => column.name));
  const problems: { path: string; message: string }[] = [];
  if (!columns.some((column) => column.name === "Timestamp" && column.type === "datetime")) {
    problems.push({
      path: `${path}.query`,
      message: "must return a Timestamp column (datetime): each run reads the rows after its last one by it",
    });
  }
  const missing = rule.entityColumns.filter((column) => !names.has(column));
  if (missing.length)
    problems.push({ path: `${path}.entityColumns`, message: `the query does not return ${missing.join(", ")}` });
  if (
    rule.action === "StartInvestigation" &&
    !rule.entityColumns.some((column) => column === MESSAGE_COLUMN || USER_COLUMNS.includes(column))
  ) {
    problems.push({
      path: `${path}.action`,
      message: `starting an investigation needs NetworkMessageId (a Manual run on the messages) or ${USER_COLUMNS.join(" or ")} (a compromised-user run) among the entity columns`,
    });
  }
  if (rule.action === "RecommendEmailAction" && !rule.entityColumns.includes(MESSAGE_COLUMN)) {
    problems.push({
      path: `${path}.action`,
      message: "recommending an email action needs NetworkMessageId among the entity columns",
    });
  }
  if (problems.length)
    throw new AppError(
      "BAD_REQUEST",
      `The rule is not valid: ${problems.map((problem) => `${problem.path} ${problem.message}`).join("; ")}`,
      problems,
    );
}
