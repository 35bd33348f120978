import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatUtcSeconds } from "@/lib/email-format";
import { cn, formatNumber } from "@/lib/utils";
import type { TEmailMessage } from "@/server/explorer/get-email-message";

type TEntry = {
  key: string;
  at: Date;
  title: string;
  detail: string;
  recipients: string[];
  isFailure: boolean;
  isDelivery: boolean;
};

const who = (recipients: string[]) =>
  recipients.length <= 3
    ? recipients.join(", ")
    : `${recipients.slice(0, 2).join(", ")} and ${formatNumber(recipients.length - 2)} more`;

type TRecipient = TEmailMessage["recipients"][number];

/** "Delivered to Inbox", "Blocked (Quarantine)": what happened to one copy on arrival. */
const arrivalTitle = (recipient: TRecipient) =>
  recipient.deliveryAction === "Delivered"
    ? `Delivered to ${recipient.deliveryLocation}`
    : `${recipient.deliveryAction} (${recipient.deliveryLocation})`;

/** The timeline's summary agrees with its entries: a message blocked on arrival is not called delivered. */
function quietSummary(message: TEmailMessage): string {
  const arrivals = [...new Set(message.recipients.map(arrivalTitle))];
  return `${arrivals.length === 1 ? arrivals[0] : "Handled on arrival as below"}; nothing has happened to the message since.`;
}

/**
 * The delivery, then every post-delivery event. One action usually hits every recipient at the same moment, so
 * identical events are merged into one entry naming the recipients instead of repeating it per mailbox.
 */
function timelineEntries(message: TEmailMessage): TEntry[] {
  const entries = new Map<string, TEntry>();
  for (const recipient of message.recipients) {
    const key = `delivery ${recipient.deliveryAction} ${recipient.deliveryLocation}`;
    const entry = entries.get(key);
    if (entry) entry.recipients.push(recipient.recipientEmailAddress);
    else {
      entries.set(key, {
        key,
        at: new Date(recipient.timestamp),
        title: arrivalTitle(recipient),
        detail: "Original delivery",
        recipients: [recipient.recipientEmailAddress],
        isFailure: false,
        isDelivery: true,
      });
    }
  }
  for (const event of message.timeline) {
    const at = new Date(event.timestamp);
    const key = `${at.getTime()} ${event.action} ${event.actionType} ${event.actionTrigger} ${event.actionResult} ${event.deliveryLocation}`;
    const entry = entries.get(key);
    if (entry) entry.recipients.push(event.recipientEmailAddress);
    else {
      const detail = `${event.actionType} · by ${event.actionTrigger} · ${event.actionResult} · now in ${event.deliveryLocation}`;
      entries.set(key, {
        key,
        at,
        title: event.action,
        detail,
        recipients: [event.recipientEmailAddress],
        isFailure: event.actionResult !== "Success",
        isDelivery: false,
      });
    }
  }
  return [...entries.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function TimelineCard({ message }: { message: TEmailMessage }) {
  const entries = timelineEntries(message);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Timeline</CardTitle>
        <CardDescription>
          {message.timeline.length
            ? "Delivery, then everything that happened to the message afterwards (UTC)."
            : quietSummary(message)}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="relative space-y-4 border-l pl-5">
          {entries.map((entry) => (
            <li key={entry.key} className="relative">
              <span
                aria-hidden
                className={cn(
                  "absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full ring-4 ring-card",
                  entry.isDelivery ? "bg-info" : entry.isFailure ? "bg-high" : "bg-success",
                )}
              />
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <time dateTime={entry.at.toISOString()} className="text-xs text-muted-foreground tabular-nums">
                  {formatUtcSeconds(entry.at)}
                </time>
                <span className="font-medium">{entry.title}</span>
                {entry.isFailure ? <Badge variant="high">Failed</Badge> : null}
              </div>
              <p className="text-sm text-muted-foreground">{entry.detail}</p>
              <p className="text-sm break-words">
                {entry.recipients.length === 1 ? "Recipient" : `${formatNumber(entry.recipients.length)} recipients`}:{" "}
                {who(entry.recipients)}
              </p>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
