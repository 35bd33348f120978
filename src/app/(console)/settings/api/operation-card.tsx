import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { schemaAlternatives, schemaFields, schemaType, type TJsonSchema } from "@/lib/json-schema-fields";
import { ROLE_LABELS, type TRole } from "@/lib/roles";
import type { TOpenApiOperation } from "@/server/openapi/build-openapi";
import { ApiText } from "./api-text";
import { FieldsTable } from "./fields-table";

const METHOD_VARIANTS: Record<string, BadgeVariant> = {
  get: "info",
  post: "success",
  put: "medium",
  patch: "medium",
  delete: "high",
};

/** One route: method, path, role, and what it takes and gives, folded until opened. */
export function OperationCard({
  method,
  path,
  operation,
}: {
  method: string;
  path: string;
  operation: TOpenApiOperation;
}) {
  const role = operation["x-required-role"] as TRole | null;
  const parameters = operation.parameters.map((parameter) => ({
    name: parameter.name,
    location: parameter.in,
    type: schemaType(parameter.schema),
    isRequired: parameter.required,
    description: parameter.description,
  }));
  const success = Object.entries(operation.responses).find(([status]) => status.startsWith("2"));
  const responseSchema = success?.[1].content?.["application/json"]?.schema;
  return (
    <details id={operation.operationId} className="group rounded-lg border bg-card">
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-3 p-3 focus-visible:outline-2 focus-visible:outline-ring">
        <Badge variant={METHOD_VARIANTS[method]} className="w-16 justify-center font-mono uppercase">
          {method}
        </Badge>
        <code className="font-mono text-sm break-all">{path}</code>
        <span className="text-sm text-muted-foreground">{operation.summary}</span>
        <Badge variant="outline" className="ml-auto">
          {role ? ROLE_LABELS[role] : "Open"}
        </Badge>
      </summary>
      <div className="space-y-4 border-t p-4">
        {operation.description ? <ApiText text={operation.description} /> : null}
        <FieldsTable caption="Parameters" fields={parameters} hasLocation />
        {Object.entries(operation.requestBody?.content ?? {}).map(([mediaType, { schema }]) => (
          <BodySchema
            key={mediaType}
            title={`Request body (${mediaType})${operation.requestBody?.required ? "" : ", optional"}`}
            schema={schema}
          />
        ))}
        {responseSchema ? <BodySchema title={`Response ${success?.[0]}`} schema={responseSchema} /> : null}
        <p className="text-xs text-muted-foreground">
          Answers:{" "}
          {Object.entries(operation.responses)
            .map(([status, response]) => `${status} ${response.description}`)
            .join(" · ")}
        </p>
      </div>
    </details>
  );
}

function BodySchema({ title, schema }: { title: string; schema: TJsonSchema }) {
  const alternatives = schemaAlternatives(schema);
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-medium">{title}</h4>
      {alternatives.map((alternative, index) => {
        const fields = schemaFields(alternative.type === "array" ? (alternative.items as TJsonSchema) : alternative);
        const label =
          alternatives.length > 1
            ? `One of (${index + 1} of ${alternatives.length})`
            : alternative.type === "array"
              ? "An array of:"
              : null;
        return (
          <div key={index} className="space-y-1">
            {label ? <p className="text-xs text-muted-foreground">{label}</p> : null}
            {fields.length ? (
              <FieldsTable caption={title} fields={fields} />
            ) : (
              <p className="font-mono text-xs">{schemaType(alternative)}</p>
            )}
          </div>
        );
      })}
    </div>
  );
}
