import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { readSettledUntil } from "@/server/activity/activity.queries";
import { writeAudit } from "@/server/audit/write-audit";
import type { TPrincipal } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { TPage } from "@/server/http/pagination";
import { getMailSystemSettings } from "@/server/mail-system/mail-system-settings.service";
import { assertNoIssues, outboundFieldIssues } from "@/server/network/check-outbound-fields";
import type { TCreateWebhook, TDeliveryListQuery, TUpdateWebhook } from "./webhooks.schemas";
import { newWebhookSecret } from "./sign-webhook";

// Never the secret, nor the dispatcher's cursor (its position is shown as the last delivery).
const PUBLIC_FIELDS = {
  id: true,
  name: true,
  url: true,
  contentTypes: true,
  isEnabled: true,
  pausedReason: true,
  failedAttempts: true,
  nextAttemptAt: true,
  createdByName: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.WebhookSelect;

const DELIVERY_FIELDS = {
  id: true,
  attempt: true,
  at: true,
  durationMs: true,
  statusCode: true,
  error: true,
  isSuccess: true,
  recordCount: true,
  firstRecordId: true,
  lastRecordId: true,
} as const satisfies Prisma.WebhookDeliverySelect;

export type TWebhookView = Prisma.WebhookGetPayload<{ select: typeof PUBLIC_FIELDS }>;
export type TDeliveryView = Omit<Prisma.WebhookDeliveryGetPayload<{ select: typeof DELIVERY_FIELDS }>, "id"> & {
  id: string;
};

const RECENT_DELIVERIES = 10;

const deliveryView = ({
  id,
  ...delivery
}: Prisma.WebhookDeliveryGetPayload<{ select: typeof DELIVERY_FIELDS }>): TDeliveryView => ({
  ...delivery,
  id: String(id),
});

/** Settings › Integrations: every webhook with its latest deliveries. */
export async function listWebhooks(): Promise<{ items: (TWebhookView & { recentDeliveries: TDeliveryView[] })[] }> {
  const webhooks = await prisma.webhook.findMany({
    select: {
      ...PUBLIC_FIELDS,
      deliveries: { select: DELIVERY_FIELDS, orderBy: { id: "desc" }, take: RECENT_DELIVERIES },
    },
    orderBy: { createdAt: "asc" },
  });
  return {
    items: webhooks.map(({ deliveries, ...webhook }) => ({
      ...webhook,
      recentDeliveries: deliveries.map(deliveryView),
    })),
  };
}

/**
 * Makes a webhook and returns its secret, the only time it is shown. It receives the records that settle from now
 * on: its cursor starts at the feed's horizon, so every record is either before it or delivered.
 */
export async function createWebhook(
  input: TCreateWebhook,
  actor: TPrincipal,
): Promise<TWebhookView & { secret: string }> {
  await checkWebhookUrl(input.url);
  const secret = newWebhookSecret();
  const cursorAt = await readSettledUntil();
  return prisma.$transaction(async (tx) => {
    const webhook = await tx.webhook.create({
      data: { ...input, secret, cursorAt, createdById: actor.id, createdByName: actor.name },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(
      { actor, action: "webhook.create", targetType: "webhook", targetId: webhook.id, after: webhook },
      tx,
    );
    return { ...webhook, secret };
  });
}

/** The webhook's URL may not lead inside (SSRF) unless Allowed internal hosts names it: 400 on body.url. */
async function checkWebhookUrl(url: string): Promise<void> {
  const { allowedInternalHosts } = await getMailSystemSettings();
  assertNoIssues(await outboundFieldIssues([{ field: "url", host: new URL(url).hostname }], allowedInternalHosts));
}

/** Renames, repoints, or stops and resumes a webhook. Resuming clears the pause and retries the failed batch at once. */
export async function updateWebhook(id: string, input: TUpdateWebhook, actor: TPrincipal): Promise<TWebhookView> {
  if (input.url) await checkWebhookUrl(input.url);
  return prisma.$transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!before) throw notFound("The webhook");
    const isResumed = input.isEnabled === true && !before.isEnabled;
    const webhook = await tx.webhook.update({
      where: { id },
      data: { ...input, ...(isResumed ? { pausedReason: null, failedAttempts: 0, nextAttemptAt: null } : {}) },
      select: PUBLIC_FIELDS,
    });
    await writeAudit(
      { actor, action: "webhook.update", targetType: "webhook", targetId: id, before, after: webhook },
      tx,
    );
    return webhook;
  });
}

/** Deletes a webhook and its delivery log. A delivery under way finishes first (the dispatcher holds the row). */
export async function deleteWebhook(id: string, actor: TPrincipal): Promise<{ id: string }> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!before) throw notFound("The webhook");
    await tx.webhook.delete({ where: { id } });
    await writeAudit({ actor, action: "webhook.delete", targetType: "webhook", targetId: id, before }, tx);
    return { id };
  });
}

/** A webhook's delivery log, newest first: one row per attempt. */
export async function listDeliveries(id: string, query: TDeliveryListQuery): Promise<TPage<TDeliveryView>> {
  if (!(await prisma.webhook.count({ where: { id } }))) throw notFound("The webhook");
  const [total, deliveries] = await Promise.all([
    prisma.webhookDelivery.count({ where: { webhookId: id } }),
    prisma.webhookDelivery.findMany({
      where: { webhookId: id },
      select: DELIVERY_FIELDS,
      orderBy: { id: "desc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { items: deliveries.map(deliveryView), total, page: query.page, pageSize: query.pageSize };
}
