"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import {
  ENTITY_COLUMNS,
  FREQUENCY_LABELS,
  LOOK_BACK_OPTIONS,
  lookBackLabel,
  RULE_ACTION_LABELS,
  RULE_SEVERITIES,
  type TEntityColumn,
  type TFrequency,
  type TRuleAction,
} from "@/lib/detection-rules";

/** What the form starts from: a new rule's defaults, or the rule being edited. */
export type TRuleFormValues = {
  name: string;
  description: string;
  query: string;
  severity: (typeof RULE_SEVERITIES)[number];
  category: string;
  frequency: TFrequency;
  lookBackMinutes: number;
  action: TRuleAction;
};

/** The form's fields read back, with the entity columns kept in the order they were ticked (the first names the alert). */
export function readRuleForm(form: FormData, entityColumns: TEntityColumn[]) {
  return {
    name: String(form.get("name")),
    description: String(form.get("description") ?? ""),
    severity: form.get("severity") as TRuleFormValues["severity"],
    category: String(form.get("category")),
    frequency: form.get("frequency") as TFrequency,
    lookBackMinutes: Number(form.get("lookBack")),
    entityColumns,
    action: form.get("action") as TRuleAction,
  };
}

/** The fields the form shows the API's objection beneath (the others are said above its buttons). */
const FIELDS_WITH_ERRORS: ReadonlySet<string> = new Set(["name", "query", "entityColumns", "action"]);

/** Whether the form shows a field's objection beneath it: the query only where it is a field (a rule's edit). */
export const showsErrorBeneath = (field: string, isQueryEditable: boolean) =>
  FIELDS_WITH_ERRORS.has(field) && (field !== "query" || isQueryEditable);

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-destructive">
      {message}
    </p>
  );
}

type TRuleFormFieldsProps = {
  /** Prefixes the fields' ids, so that two forms on one page never share one. */
  idPrefix: string;
  values: TRuleFormValues;
  entities: TEntityColumn[];
  onEntitiesChange: (next: TEntityColumn[]) => void;
  /** Shows the query as an editable field (a rule's edit); creating from Advanced hunting takes the editor's query. */
  isQueryEditable?: boolean;
  errors?: Record<string, string>;
};

/**
 * A detection rule's settings, as Advanced hunting › Create detection rule and a rule's Edit ask for them. Each field
 * shows the API's objection to it beneath it.
 */
export function RuleFormFields({
  idPrefix,
  values,
  entities,
  onEntitiesChange,
  isQueryEditable = false,
  errors = {},
}: TRuleFormFieldsProps) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const described = (field: string) => (errors[field] ? { "aria-describedby": id(`${field}-error`) } : {});
  const toggle = (column: TEntityColumn, isChecked: boolean) =>
    onEntitiesChange(isChecked ? [...entities, column] : entities.filter((name) => name !== column));
  return (
    <>
      <div className="space-y-1">
        <Label htmlFor={id("name")}>Detection name</Label>
        <Input
          id={id("name")}
          name="name"
          required
          maxLength={120}
          defaultValue={values.name}
          aria-invalid={Boolean(errors.name)}
          {...described("name")}
        />
        <FieldError id={id("name-error")} message={errors.name} />
      </div>
      <div className="space-y-1">
        <Label htmlFor={id("description")}>Description</Label>
        <Textarea
          id={id("description")}
          name="description"
          maxLength={2000}
          rows={2}
          defaultValue={values.description}
        />
      </div>
      {isQueryEditable ? (
        <div className="space-y-1">
          <Label htmlFor={id("query")}>Query</Label>
          <Textarea
            id={id("query")}
            name="query"
            required
            rows={8}
            spellCheck={false}
            className="font-mono text-xs"
            defaultValue={values.query}
            aria-invalid={Boolean(errors.query)}
            {...described("query")}
          />
          <FieldError id={id("query-error")} message={errors.query} />
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <Label htmlFor={id("severity")}>Severity</Label>
          <Select className="w-full" id={id("severity")} name="severity" defaultValue={values.severity}>
            {RULE_SEVERITIES.map((severity) => (
              <option key={severity}>{severity}</option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <Label htmlFor={id("category")}>Category</Label>
          <Input id={id("category")} name="category" required maxLength={80} defaultValue={values.category} />
        </div>
        <div className="space-y-1">
          <Label htmlFor={id("frequency")}>Frequency</Label>
          <Select className="w-full" id={id("frequency")} name="frequency" defaultValue={values.frequency}>
            {Object.entries(FREQUENCY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <Label htmlFor={id("look-back")}>Look-back</Label>
          <Select className="w-full" id={id("look-back")} name="lookBack" defaultValue={String(values.lookBackMinutes)}>
            {lookBackOptions(values.lookBackMinutes).map((option) => (
              <option key={option.minutes} value={option.minutes}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <fieldset className="space-y-1" {...described("entityColumns")}>
        <legend className="text-sm font-medium">
          Impacted entities (the first one ticked is what each alert is about)
        </legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {ENTITY_COLUMNS.map((column) => (
            <label key={column} className="flex min-w-0 items-center gap-2 text-sm break-all">
              <Checkbox
                checked={entities.includes(column)}
                onChange={(event) => toggle(column, event.target.checked)}
              />
              {column}
            </label>
          ))}
        </div>
        <FieldError id={id("entityColumns-error")} message={errors.entityColumns} />
      </fieldset>
      <div className="space-y-1">
        <Label htmlFor={id("action")}>Actions</Label>
        <Select
          className="w-full"
          id={id("action")}
          name="action"
          defaultValue={values.action}
          aria-invalid={Boolean(errors.action)}
          {...described("action")}
        >
          {Object.entries(RULE_ACTION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <FieldError id={id("action-error")} message={errors.action} />
      </div>
    </>
  );
}

/** The console's look-backs, with a rule's own when the API or an import set one the console does not offer. */
function lookBackOptions(current: number): { minutes: number; label: string }[] {
  if (LOOK_BACK_OPTIONS.some((option) => option.minutes === current)) return [...LOOK_BACK_OPTIONS];
  return [...LOOK_BACK_OPTIONS, { minutes: current, label: lookBackLabel(current) }].sort(
    (a, b) => a.minutes - b.minutes,
  );
}
