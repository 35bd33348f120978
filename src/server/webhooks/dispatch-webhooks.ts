import "server-only";
import { findActivityRecords, readSettledUntil } from "@/server/activity/activity.queries";
import { consoleBaseUrl, toFeedRecord } from "@/server/activity/feed-record";
import { writeAudit } from "@/server/audit/write-audit";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { backoffMs, outageLog } from "@/server/db/wait-for-database";
import { getMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { guardedFetch } from "@/server/network/guarded-fetch";
import { OutboundRefusedError } from "@/server/network/outbound-target";
import { SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER } from "./sign-webhook";

export type TRetryPolicy = { baseMs: number; factor: number; maxAttempts: number };

/**
 * A failed batch is sent again after 1 s, 4 s, 16 s, 64 s and 256 s (six attempts over about six minutes); after the
 * sixth the webhook pauses, keeping its place, until an admin enables it again. Nothing is dropped.
 */
export const WEBHOOK_RETRY: TRetryPolicy = { baseMs: 1_000, factor: 4, maxAttempts: 6 };

const BATCH_SIZE = 100;
// A backlog drains in full batches, a bounded number per pass, so that one busy webhook cannot hold up the others.
const MAX_BATCHES_PER_PASS = 20;
// Each webhook in flight holds a database connection (its row lock) during its POST.
const PARALLEL_WEBHOOKS = 4;
const REQUEST_TIMEOUT_MS = 10_000;
const KEPT_DELIVERIES = 1_000;

type TOutcome = "idle" | "sent" | "full" | "failed";

/** The wait before attempt `failedAttempts + 1`. */
function retryDelayMs(failedAttempts: number, policy: TRetryPolicy): number {
  return policy.baseMs * policy.factor ** (failedAttempts - 1);
}

/** One pass: every enabled webhook whose retry time has come gets its next batches. */
export async function dispatchWebhooks({ retry = WEBHOOK_RETRY }: { retry?: TRetryPolicy } = {}): Promise<void> {
  const now = new Date();
  const due = await prisma.webhook.findMany({
    where: { isEnabled: true, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    select: { id: true },
  });
  const baseUrl = consoleBaseUrl();
  // Read once, before any row is locked: the send checks each target against it (SSRF).
  const { allowedInternalHosts } = await getMailSystemSettings();
  for (let index = 0; index < due.length; index += PARALLEL_WEBHOOKS) {
    await Promise.all(
      due.slice(index, index + PARALLEL_WEBHOOKS).map(async ({ id }) => {
        for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
          if ((await deliverNextBatch(id, retry, baseUrl, allowedInternalHosts)) !== "full") break;
        }
      }),
    );
  }
}

/**
 * Sends the records after the webhook's cursor, up to the feed's horizon (the same rule as the feed, so nothing is
 * sent twice or skipped), and moves the cursor past them when the endpoint answers 2xx. A failed batch is remembered
 * by its end, so that each retry carries exactly the same records.
 */
async function deliverNextBatch(
  webhookId: string,
  retry: TRetryPolicy,
  baseUrl: string,
  allowedInternalHosts: readonly string[],
): Promise<TOutcome> {
  return prisma.$transaction(
    async (tx) => {
      // Locked for the whole attempt: another worker's dispatcher skips it, and a delete or disable waits for it.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        select id from "Webhook" where id = ${webhookId} and "isEnabled" and ("nextAttemptAt" is null or "nextAttemptAt" <= ${new Date()})
        for update skip locked`;
      if (!locked.length) return "idle";
      const webhook = await tx.webhook.findUniqueOrThrow({ where: { id: webhookId } });
      const to =
        webhook.batchEndAt && webhook.batchEndId !== null
          ? { at: webhook.batchEndAt, id: webhook.batchEndId }
          : { before: await readSettledUntil(tx) };
      const rows = await findActivityRecords(
        { contentTypes: webhook.contentTypes, from: { at: webhook.cursorAt, afterId: webhook.cursorId }, to },
        { take: BATCH_SIZE },
        tx,
      );
      if (!rows.length) return "idle";

      const attempt = webhook.failedAttempts + 1;
      const sentAt = new Date();
      // The time is inside the signed body too, so a receiver can refuse an old delivery replayed to it.
      const body = JSON.stringify({
        webhookId,
        attempt,
        sentAt: sentAt.toISOString(),
        records: rows.map((row) => toFeedRecord(row, baseUrl)),
      });
      const { statusCode, error } = await post(
        webhook.url,
        body,
        {
          [SIGNATURE_HEADER]: signWebhookBody(webhook.secret, body),
          [TIMESTAMP_HEADER]: String(Math.floor(sentAt.getTime() / 1000)),
          "x-breakwater-webhook": webhookId,
          "x-breakwater-attempt": String(attempt),
        },
        allowedInternalHosts,
      );
      const last = rows[rows.length - 1];
      await tx.webhookDelivery.create({
        data: {
          webhookId,
          attempt,
          at: sentAt,
          durationMs: Date.now() - sentAt.getTime(),
          statusCode,
          error,
          isSuccess: error === null,
          recordCount: rows.length,
          firstRecordId: rows[0].recordId,
          lastRecordId: last.recordId,
        },
      });
      await tx.$executeRaw`
        delete from "WebhookDelivery" where "webhookId" = ${webhookId}
          and id <= (select id from "WebhookDelivery" where "webhookId" = ${webhookId} order by id desc offset ${KEPT_DELIVERIES} limit 1)`;
      if (error === null) {
        await tx.webhook.update({
          where: { id: webhookId },
          data: {
            cursorAt: last.createdAt,
            cursorId: last.id,
            batchEndAt: null,
            batchEndId: null,
            failedAttempts: 0,
            nextAttemptAt: null,
          },
        });
        return rows.length === BATCH_SIZE ? "full" : "sent";
      }
      const batchEnd = { failedAttempts: attempt, batchEndAt: last.createdAt, batchEndId: last.id };
      if (attempt < retry.maxAttempts) {
        await tx.webhook.update({
          where: { id: webhookId },
          data: { ...batchEnd, nextAttemptAt: new Date(Date.now() + retryDelayMs(attempt, retry)) },
        });
        return "failed";
      }
      const pausedReason = `Paused after ${attempt} failed attempts (last: ${error}). Enable it to send the same records again.`;
      await tx.webhook.update({
        where: { id: webhookId },
        data: { ...batchEnd, isEnabled: false, pausedReason, nextAttemptAt: null },
      });
      await writeAudit(
        {
          actor: SYSTEM,
          action: "webhook.pause",
          targetType: "webhook",
          targetId: webhookId,
          before: { isEnabled: true },
          after: { isEnabled: false, pausedReason },
        },
        tx,
      );
      return "failed";
    },
    { timeout: REQUEST_TIMEOUT_MS + 20_000, maxWait: 10_000 },
  );
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  allowedInternalHosts: readonly string[],
): Promise<{ statusCode: number | null; error: string | null }> {
  try {
    // Redirects are not followed: a signed batch goes to the URL an admin entered, and nowhere else. The connection
    // goes only to an address checked as it is made (SSRF, DNS rebinding).
    const response = await guardedFetch(
      url,
      {
        method: "POST",
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        headers: { "content-type": "application/json", "user-agent": "Breakwater-Webhooks/1", ...headers },
      },
      allowedInternalHosts,
    );
    await response.body?.cancel();
    return { statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (caught) {
    return { statusCode: null, error: fetchErrorText(caught) };
  }
}

function fetchErrorText(caught: unknown): string {
  if (caught instanceof DOMException && caught.name === "TimeoutError")
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = caught instanceof Error ? (caught.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause instanceof OutboundRefusedError) return `refused: ${cause.message}`.slice(0, 500);
  const text = cause?.code ?? cause?.message ?? (caught instanceof Error ? caught.message : String(caught));
  return text.slice(0, 500);
}

/**
 * The dispatcher loop the worker runs: a pass every `intervalMs` (passes never overlap). A pass that fails (the
 * database is away) is tried again after a growing delay, said once in the log, until one succeeds.
 */
export function startWebhookDispatcher({
  intervalMs = 1_000,
  retry = WEBHOOK_RETRY,
}: {
  intervalMs?: number;
  retry?: TRetryPolicy;
} = {}): { stop(): Promise<void> } {
  let isStopped = false;
  let running = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  const outage = outageLog((message) => console.error(`[webhooks] ${message}`));
  const tick = () => {
    running = dispatchWebhooks({ retry })
      .then(
        () => {
          failures = 0;
          outage.recovered();
        },
        (error) => {
          failures++;
          outage.failed(error);
        },
      )
      .finally(() => {
        if (!isStopped) timer = setTimeout(tick, failures ? Math.max(intervalMs, backoffMs(failures - 1)) : intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
