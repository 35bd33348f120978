import "server-only";
import { z } from "zod";
import { ZListQuery } from "@/server/http/pagination";
import { MIN_DATE, ZDate } from "@/server/http/safe-date";
import { ZFilterText, ZText } from "@/server/http/safe-text";
import { DELIVERY_ACTIONS, EMAIL_DIRECTIONS, ZGuid, ZSha256 } from "@/server/ingestion/ingestion.schemas";

export const EMAIL_SORT_FIELDS = ["timestamp", "senderFromAddress", "recipientEmailAddress", "subject"] as const;
export const THREAT_FILTERS = ["Phish", "Malware", "Spam", "None", "any"] as const;
/** The buckets of the volume chart, most severe first: a message with several threats counts under the first. */
export const VOLUME_THREATS = ["Malware", "Phish", "Spam", "None"] as const;
export const TIME_RANGES = ["24h", "7d", "30d"] as const;
/** Defender's Explorer views (seed 002): each narrows the search before its filters; All email narrows nothing. */
export const EXPLORER_VIEWS = ["all", "malware", "phish", "submissions"] as const;
export const RANGE_DAYS: Record<TTimeRange, number> = { "24h": 1, "7d": 7, "30d": 30 };
export const DEFAULT_RANGE: TTimeRange = "7d";
// Defender keeps 30 days in Explorer; a cap also keeps a hand-made `from=2000-01-01` from scanning everything.
export const MAX_WINDOW_DAYS = 31;
export const MAX_HOURLY_WINDOW_DAYS = 7;
export const DAY_MS = 86_400_000;

export type TTimeRange = (typeof TIME_RANGES)[number];
export type TThreatFilter = (typeof THREAT_FILTERS)[number];
export type TExplorerView = (typeof EXPLORER_VIEWS)[number];
export type TVolumeThreat = (typeof VOLUME_THREATS)[number];

/** Empty means "not given", so `?sender=` from a cleared form field does not filter on "". */
const ZLowerText = (max: number) =>
  ZText(max)
    .toLowerCase()
    .transform((value) => value || undefined)
    .optional();

/**
 * A comma-separated list (`threat=Phish,Malware`), the URL contract of multi-value filters. Validated by hand so
 * that a bad value is reported on the parameter itself (`query.threat`), not on an index inside it.
 */
function ZCommaList<const T extends readonly string[]>(allowed: T | null, what: string) {
  return ZText(2000, { trim: false })
    .transform((text, ctx) => {
      const values = [
        ...new Set(
          text
            .split(",")
            .map((part) => part.trim())
            .filter(Boolean),
        ),
      ];
      const unknown = allowed
        ? values.filter((value) => !allowed.includes(value))
        : values.filter((value) => value.length > 100);
      if (unknown.length) {
        const expected = allowed ? `; expected one of: ${allowed.join(", ")}` : " (at most 100 characters each)";
        ctx.addIssue({
          code: "custom",
          message: `unknown ${what} ${JSON.stringify(unknown[0])}${expected}`,
          input: text,
        });
        return z.NEVER;
      }
      return values.length ? (values as unknown as T[number][]) : undefined;
    })
    .optional();
}

const filterShape = {
  view: z.enum(EXPLORER_VIEWS).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  /** Relative to `to` (default now); ignored when `from` is given. */
  range: z.enum(TIME_RANGES).optional(),
  sender: ZLowerText(320),
  recipient: ZLowerText(320),
  subject: ZFilterText(500),
  senderIp: z.ipv4({ error: (issue) => `not an IPv4 address: ${JSON.stringify(issue.input)}` }).optional(),
  senderDomain: ZLowerText(255),
  urlDomain: ZLowerText(255),
  sha256: ZSha256.optional(),
  threat: ZCommaList(THREAT_FILTERS, "threat"),
  direction: ZCommaList(EMAIL_DIRECTIONS, "direction"),
  deliveryAction: ZCommaList(DELIVERY_ACTIONS, "delivery action"),
  // Free text: later remediation writes locations (e.g. Recoverable items) that ingestion never does.
  location: ZCommaList(null, "location"),
  additionalAction: ZFilterText(200),
};

type TWindowInput = { from?: Date; to?: Date; range?: TTimeRange; interval?: "day" | "hour" };

function checkWindow(value: TWindowInput, ctx: z.RefinementCtx) {
  const { from, to } = resolveWindow(value);
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days <= 0) ctx.addIssue({ code: "custom", path: ["from"], message: "must be before `to`", input: value.from });
  else if (days > MAX_WINDOW_DAYS)
    ctx.addIssue({
      code: "custom",
      path: ["from"],
      message: `the window is at most ${MAX_WINDOW_DAYS} days`,
      input: value.from,
    });
  else if (value.interval === "hour" && days > MAX_HOURLY_WINDOW_DAYS) {
    ctx.addIssue({
      code: "custom",
      path: ["interval"],
      message: `hourly buckets need a window of at most ${MAX_HOURLY_WINDOW_DAYS} days`,
      input: value.interval,
    });
  }
}

/** The search window: `from`/`to` when given, else the `range` (default 7 days) before `to` (default now). */
export function resolveWindow({ from, to, range }: TWindowInput, now = new Date()): { from: Date; to: Date } {
  const end = to ?? now;
  // A `to` in the first days of year 1 would put a range's start before it, which PostgreSQL cannot read (a 500).
  return {
    from: from ?? new Date(Math.max(MIN_DATE.getTime(), end.getTime() - RANGE_DAYS[range ?? DEFAULT_RANGE] * DAY_MS)),
    to: end,
  };
}

export const ZEmailFilters = z.object(filterShape).superRefine(checkWindow);
export type TEmailFilters = z.infer<typeof ZEmailFilters>;

export const ZEmailSearchQuery = ZListQuery(EMAIL_SORT_FIELDS, "-timestamp")
  .extend(filterShape)
  .superRefine(checkWindow);
export type TEmailSearchQuery = z.infer<typeof ZEmailSearchQuery>;

export const ZEmailVolumeQuery = z
  .object({ ...filterShape, interval: z.enum(["day", "hour"]).default("day") })
  .superRefine(checkWindow);
export type TEmailVolumeQuery = z.infer<typeof ZEmailVolumeQuery>;

export const ZEmailMessageParams = z.object({ networkMessageId: ZGuid });
