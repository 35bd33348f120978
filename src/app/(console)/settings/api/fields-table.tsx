import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TSchemaField } from "@/lib/json-schema-fields";

/** Parameters or body fields: name, where (for parameters), type, required, description. */
export function FieldsTable({
  caption,
  fields,
  hasLocation = false,
}: {
  caption: string;
  fields: (TSchemaField & { location?: string })[];
  hasLocation?: boolean;
}) {
  if (!fields.length) return null;
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table>
        <caption className="sr-only">{caption}</caption>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            {hasLocation ? <TableHead>In</TableHead> : null}
            <TableHead>Type</TableHead>
            <TableHead>Required</TableHead>
            <TableHead>Description</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {fields.map((field) => (
            <TableRow key={`${field.location ?? ""}${field.name}`}>
              <TableCell className="font-mono text-xs">{field.name}</TableCell>
              {hasLocation ? <TableCell className="text-xs">{field.location}</TableCell> : null}
              <TableCell className="max-w-xs font-mono text-xs break-words whitespace-normal">{field.type}</TableCell>
              <TableCell className="text-xs">{field.isRequired ? "Yes" : "No"}</TableCell>
              <TableCell className="max-w-md text-xs whitespace-normal">{field.description ?? ""}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
