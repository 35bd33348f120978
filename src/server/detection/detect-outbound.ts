import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { raiseAlert } from "@/server/alerts/raise-alert";
import { prisma } from "@/server/db";
import { startInvestigation } from "@/server/investigations/start-investigation";
import { compromisedUserStart } from "@/server/playbooks/compromised-user/compromised-user-start";
import { restrictUser } from "@/server/restrictions/restrict-user";
import { internalDomains, sendingActivity, type TSendingActivity } from "./sending-activity";
import {
  exceededLimits,
  isSuspicious,
  sendingLimitsOf,
  suspiciousSignals,
  type TLimitBreach,
  type TSendingLimits,
} from "./sending-rules";

export const POLICY = {
  limit: "email-sending-limit-exceeded",
  suspicious: "suspicious-email-sending-patterns",
  restricted: "user-restricted-from-sending",
} as const;

export type TDetectionResult = { alertIds: number[]; restrictedUsers: string[]; investigationIds: number[] };

/** Who sent, and when the activity that fired was seen. */
type TSenderAt = Pick<TSendingActivity, "sender" | "asOf">;

const emptyResult = (): TDetectionResult => ({ alertIds: [], restrictedUsers: [], investigationIds: [] });

/** Runs the outbound detections on the senders of newly ingested mail, at ingestion time. */
export async function detectOutbound(insertedIds: bigint[]): Promise<TDetectionResult> {
  const result = emptyResult();
  if (!insertedIds.length) return result;
  const domains = await internalDomains();
  const senders = await prisma.$queryRaw<{ sender: string; asOf: Date }[]>`
    select "senderFromAddress" as sender, max(timestamp) as "asOf" from "EmailEvent"
    where id = any(${insertedIds}::bigint[]) and "emailDirection" <> 'Inbound' and "senderFromDomain" = any(${domains}::text[])
    group by 1`;
  const limits = await sendingLimits();
  for (const activity of await sendingActivity(senders, domains)) {
    const breaches = exceededLimits(activity, limits);
    const signals = suspiciousSignals(activity);
    if (!breaches.length && !isSuspicious(signals)) continue;
    await prisma.$transaction(async (tx) => {
      const raised = [
        ...(breaches.length ? await raiseLimitAlerts(activity, breaches, tx, result) : []),
        ...(isSuspicious(signals)
          ? [
              await raiseAlert(
                {
                  policyId: POLICY.suspicious,
                  userAddress: activity.sender,
                  dedupKey: `suspicious:${activity.sender}`,
                  title: `Suspicious email sending patterns detected: ${activity.sender}`,
                  detectionSource: "Outbound mail detection",
                  details: { signals },
                  activityAt: activity.asOf,
                },
                tx,
              ),
            ]
          : []),
      ].filter((alert) => alert !== null);
      result.alertIds.push(...raised.map((alert) => alert.id));
      const newAlertIds = raised.filter((alert) => alert.isNew).map((alert) => alert.id);
      if (newAlertIds.length) await investigate(activity, newAlertIds, tx, result);
    });
  }
  return result;
}

/**
 * The same limit detection for a sender counted elsewhere (the SMTP sender policy service counts recipients as Postfix
 * accepts them): the limit alert, the restriction and its alert, and the compromised-user run, as at ingestion.
 */
export async function detectLimitBreach(activity: TSenderAt, breaches: TLimitBreach[]): Promise<TDetectionResult> {
  const result = emptyResult();
  await prisma.$transaction(async (tx) => {
    const raised = (await raiseLimitAlerts(activity, breaches, tx, result)).filter((alert) => alert !== null);
    result.alertIds.push(...raised.map((alert) => alert.id));
    const newAlertIds = raised.filter((alert) => alert.isNew).map((alert) => alert.id);
    if (newAlertIds.length) await investigate(activity, newAlertIds, tx, result);
  });
  return result;
}

async function raiseLimitAlerts(
  activity: TSenderAt,
  breaches: TLimitBreach[],
  tx: Prisma.TransactionClient,
  result: TDetectionResult,
) {
  const limitAlert = await raiseAlert(
    {
      policyId: POLICY.limit,
      userAddress: activity.sender,
      dedupKey: `limit:${activity.sender}`,
      title: `Email sending limit exceeded: ${activity.sender}`,
      detectionSource: "Outbound mail detection",
      details: { breaches },
      activityAt: activity.asOf,
    },
    tx,
  );
  if (!limitAlert) return [];
  const restriction = await restrictUser(
    activity.sender,
    `Email sending limit exceeded: ${breaches.map((breach) => breach.description).join("; ")}`,
    tx,
  );
  await tx.alert.update({ where: { id: limitAlert.id }, data: { restrictedUserId: restriction.id } });
  if (!restriction.isNew) return [limitAlert];
  result.restrictedUsers.push(activity.sender);
  const restrictedAlert = await raiseAlert(
    {
      policyId: POLICY.restricted,
      userAddress: activity.sender,
      dedupKey: `restricted:${restriction.id}`,
      title: `User restricted from sending email: ${activity.sender}`,
      detectionSource: "Outbound mail detection",
      details: { reason: "Email sending limit exceeded", breaches },
      activityAt: activity.asOf,
      restrictedUserId: restriction.id,
    },
    tx,
  );
  return [limitAlert, restrictedAlert];
}

async function investigate(
  activity: TSenderAt,
  alertIds: number[],
  tx: Prisma.TransactionClient,
  result: TDetectionResult,
) {
  const run = await startInvestigation(
    compromisedUserStart(activity.sender, {
      detectionSource: "Outbound mail detection",
      input: {
        since: new Date(activity.asOf.getTime() - 24 * 3600_000).toISOString(),
        activityAt: activity.asOf.toISOString(),
      },
      alertIds,
    }),
    tx,
  );
  if (run.isNew) result.investigationIds.push(run.id);
}

async function sendingLimits(): Promise<TSendingLimits> {
  const policy = await prisma.alertPolicy.findUnique({ where: { id: POLICY.limit } });
  return sendingLimitsOf(policy?.settings);
}
