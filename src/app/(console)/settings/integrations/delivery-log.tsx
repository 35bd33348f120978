import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/utils";

export type TDeliveryRow = {
  id: string;
  attempt: number;
  at: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  isSuccess: boolean;
  recordCount: number;
  firstRecordId: string;
  lastRecordId: string;
};

/** The latest attempts, newest first (GET /api/v1/webhooks/{id}/deliveries has the rest). */
export function DeliveryLog({ name, deliveries }: { name: string; deliveries: TDeliveryRow[] }) {
  if (!deliveries.length)
    return <p className="text-xs text-muted-foreground">No deliveries yet: records are sent as they happen.</p>;
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table>
        <caption className="sr-only">Latest deliveries of {name}</caption>
        <TableHeader>
          <TableRow>
            <TableHead>Time</TableHead>
            <TableHead>Attempt</TableHead>
            <TableHead>Records</TableHead>
            <TableHead>Result</TableHead>
            <TableHead>Duration</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {deliveries.map((delivery) => (
            <TableRow key={delivery.id}>
              <TableCell className="text-xs">{formatDateTime(delivery.at)}</TableCell>
              <TableCell className="text-xs">{delivery.attempt}</TableCell>
              <TableCell className="font-mono text-xs">
                {delivery.recordCount} ({delivery.firstRecordId}
                {delivery.recordCount > 1 ? ` … ${delivery.lastRecordId}` : ""})
              </TableCell>
              <TableCell className="text-xs">
                {delivery.isSuccess ? (
                  <span className="text-success-foreground">{delivery.statusCode} delivered</span>
                ) : (
                  <span className="text-destructive">
                    {delivery.statusCode ? `${delivery.statusCode}: ` : ""}
                    {delivery.error}
                  </span>
                )}
              </TableCell>
              <TableCell className="text-xs">{delivery.durationMs} ms</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
