import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatNumber } from "@/lib/utils";
import type { THuntingTableInfo } from "@/server/hunting/hunting.queries";

const rowCountLabel = (count: number) => (count === 0 ? "No rows yet" : `≈ ${formatNumber(count)} rows`);

export function HuntingTableCard({ table }: { table: THuntingTableInfo }) {
  const headingId = `${table.name}-heading`;
  return (
    // scroll-mt keeps the heading clear of the top edge when the table list jumps here.
    <section id={table.name} aria-labelledby={headingId} className="scroll-mt-4">
      <Card>
        <CardHeader className="gap-1 sm:flex-row sm:items-baseline sm:justify-between">
          <div className="space-y-1">
            <CardTitle id={headingId} className="font-mono">
              {table.name}
            </CardTitle>
            <CardDescription>{table.description}</CardDescription>
          </div>
          <p className="text-sm text-muted-foreground tabular-nums">{rowCountLabel(table.approximateRowCount)}</p>
        </CardHeader>
        <CardContent>
          <div className="overflow-hidden rounded-md border">
            <Table aria-label={`${table.name} columns`}>
              <TableHeader>
                <TableRow>
                  <TableHead className="sm:w-56">Column</TableHead>
                  {/* On a phone the type sits under the name, leaving the width to the description. */}
                  <TableHead className="hidden w-24 sm:table-cell">Type</TableHead>
                  <TableHead>Description</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {table.columns.map((column) => (
                  <TableRow key={column.name}>
                    <TableCell className="align-top font-mono text-xs font-medium sm:align-middle">
                      {column.name}
                      <span className="block font-normal text-muted-foreground sm:hidden">{column.type}</span>
                    </TableCell>
                    <TableCell className="hidden font-mono text-xs text-muted-foreground sm:table-cell">
                      {column.type}
                    </TableCell>
                    <TableCell className="whitespace-normal wrap-anywhere text-muted-foreground sm:min-w-64">
                      {column.description}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </CardContent>
      </Card>
    </section>
  );
}
