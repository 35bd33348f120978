import "server-only";
import { type Document, parseAllDocuments, stringify } from "yaml";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { AppError, notFound } from "@/server/http/app-error";
import { ZDetectionRuleBody, type TDetectionRuleBody } from "./detection-rules.schemas";
import { bodyOf, createDetectionRule, updateDetectionRule, type TDetectionRule } from "./detection-rules.service";
import { validateRuleQuery } from "./validate-rule-query";

export type TRuleFile = { name: string; content: string };

/** A rule as a YAML file: the fields a person writes, the query as a block so that it reads as it was typed. */
export function ruleToYaml(rule: TDetectionRuleBody): string {
  const { name, description, severity, category, frequency, lookBackMinutes, entityColumns, action, isEnabled, query } =
    rule;
  return stringify(
    { name, description, severity, category, frequency, lookBackMinutes, entityColumns, action, isEnabled, query },
    { lineWidth: 0 },
  );
}

/** A file name from the rule's name: lower case, words joined by dashes. */
export function ruleFileName(name: string): string {
  return `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "rule"
  }.yaml`;
}

/** Every rule, or the one named by id (404 when there is none), one YAML file each: what an import takes back. */
export async function exportDetectionRules(id?: string): Promise<{ files: TRuleFile[] }> {
  const rows = await prisma.detectionRule.findMany({ where: id ? { id } : {}, orderBy: { name: "asc" } });
  if (id && rows.length === 0) throw notFound("The detection rule");
  return { files: rows.map((row) => ({ name: ruleFileName(row.name), content: ruleToYaml(bodyOf(row)) })) };
}

/**
 * A file's rules: one per YAML document, so that a file of all the rules (documents separated by `---`, as Export all
 * writes it) imports as well as one file per rule. A 400 says which file and, for YAML that does not parse, which line;
 * for a field that is wrong, which field (and which document, in a file of several). `path` is where the file sits in
 * the request (body.files[2].content).
 */
export function parseRuleFile(file: TRuleFile, path: string): TDetectionRuleBody[] {
  const documents = parseAllDocuments(file.content);
  if (!Array.isArray(documents) || documents.length === 0)
    throw new AppError("BAD_REQUEST", `${file.name} holds no detection rule`, [{ path, message: "no YAML document" }]);
  return documents.map((document, index) =>
    parseRuleDocument(document, documents.length > 1 ? `${file.name} (rule ${index + 1})` : file.name, path),
  );
}

function parseRuleDocument(document: Document, name: string, path: string): TDetectionRuleBody {
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0].line ?? 1;
    const column = error.linePos?.[0].col ?? 1;
    const reason = error.message.split(" at line ")[0];
    const message = `${name}: line ${line}, column ${column}: ${reason}`;
    throw new AppError("BAD_REQUEST", `The YAML is not valid: ${message}`, [
      { path, message: `line ${line}: ${reason}` },
    ]);
  }
  const parsed = ZDetectionRuleBody.safeParse(document.toJS());
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: [name, ...issue.path].join("."),
      message: issue.message,
    }));
    throw new AppError(
      "BAD_REQUEST",
      `${name} is not a valid detection rule: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}`,
      issues,
    );
  }
  validateRuleQuery(parsed.data, name);
  return parsed.data;
}

/**
 * Imports rules as code: every file is parsed and validated before any is saved, so a bad file changes nothing. A rule
 * whose name exists is updated in place (its watermark and history stay), any other is created.
 */
export async function importDetectionRules(
  files: TRuleFile[],
  principal: TPrincipal,
): Promise<{ created: TDetectionRule[]; updated: TDetectionRule[] }> {
  const rules = files.flatMap((file, index) => parseRuleFile(file, `body.files[${index}].content`));
  const names = rules.map((rule) => rule.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate)
    throw new AppError("BAD_REQUEST", `Two files define the rule "${duplicate}"`, [
      { path: "body.files", message: `"${duplicate}" is defined twice` },
    ]);
  const existing = new Map(
    (await prisma.detectionRule.findMany({ where: { name: { in: names } }, select: { id: true, name: true } })).map(
      (row) => [row.name, row.id],
    ),
  );
  const created: TDetectionRule[] = [];
  const updated: TDetectionRule[] = [];
  for (const rule of rules) {
    const id = existing.get(rule.name);
    if (id) updated.push(await updateDetectionRule(id, rule, principal));
    else created.push(await createDetectionRule(rule, principal));
  }
  return { created, updated };
}
