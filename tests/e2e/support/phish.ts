// A phish campaign as a mail system and a user's Report button would deliver it: mailboxes and mail through the
// public ingestion API, then the report as a raw .eml to POST /api/v1/submissions. Fresh names each call.
import { expect, type APIRequestContext } from "@playwright/test";
import { createHash, randomUUID } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer/index.js";

const DOMAIN = "contoso.test";
const SENDER_IP = "192.0.2.77";
const FAILING = { spf: "fail", dkim: "none", dmarc: "fail", compAuth: "fail" };

export type TPhishCampaign = {
  url: string;
  urlDomain: string;
  subject: string;
  recipients: string[];
  reporter: string;
  investigationId: number;
};

/** Delivers the campaign; with `report` (the default) its first recipient reports it, which starts a run. */
export async function sendPhishCampaign(
  request: APIRequestContext,
  { recipients: count, report = true }: { recipients: number; report?: boolean },
): Promise<TPhishCampaign> {
  const tag = randomUUID().slice(0, 8);
  const recipients = Array.from({ length: count }, (_, index) => `staff${index}.${tag}@${DOMAIN}`);
  const mailboxes = recipients.map((address, index) => ({
    type: "mailbox",
    address,
    displayName: `Staff ${index} ${tag}`,
    department: "Sales",
    country: "US",
    createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
  }));
  const identity = await request.post("/api/v1/ingest/identity-events", { data: mailboxes });
  expect(identity.status(), await identity.text()).toBe(200);

  const sender = `it-helpdesk@c0ntoso-${tag}.test`;
  const url = `https://login.contoso-verify-${tag}.test/reset`;
  const subject = `Password expires today ${tag}`;
  const text = `Your password expires today. Keep it at ${url} to avoid losing access.`;
  const payload = `<html>fake sign-in ${tag}</html>`;
  const sha256 = createHash("sha256").update(payload).digest("hex");
  const copies = recipients.map((recipient, index) => {
    const networkMessageId = randomUUID();
    return {
      timestamp: new Date(Date.now() - (20 - (index % 10)) * 60_000).toISOString(),
      networkMessageId,
      internetMessageId: `<${networkMessageId}@c0ntoso-${tag}.test>`,
      senderFromAddress: sender,
      senderMailFromAddress: sender,
      senderDisplayName: "Contoso IT Helpdesk",
      senderIPv4: SENDER_IP,
      recipientEmailAddress: recipient,
      subject,
      emailDirection: "Inbound",
      deliveryAction: "Delivered",
      deliveryLocation: "Inbox/folder",
      authenticationDetails: FAILING,
      emailSize: 18_000,
      urls: [{ url }],
      attachments: [{ fileName: "Password-policy.html", fileType: "html", sha256, fileSize: payload.length }],
    };
  });
  const mail = await request.post("/api/v1/ingest/email-events", { data: copies });
  expect(mail.status(), await mail.text()).toBe(200);

  const reported = copies[0];
  const urlDomain = new URL(url).hostname;
  if (!report)
    return { url, urlDomain, subject, recipients, reporter: reported.recipientEmailAddress, investigationId: 0 };
  const eml = await new MailComposer({
    from: { name: reported.senderDisplayName, address: sender },
    to: reported.recipientEmailAddress,
    subject,
    messageId: reported.internetMessageId,
    date: new Date(reported.timestamp),
    text,
    html: `<p>Your password expires today.</p><p><a href="${url}">https://account.${DOMAIN}/password</a></p>`,
    headers: {
      "Authentication-Results": "spf=fail smtp.mailfrom=c0ntoso.test; dkim=none; dmarc=fail header.from=c0ntoso.test",
      Received: `from mail.c0ntoso.test ([${SENDER_IP}]) by mx1.${DOMAIN}`,
    },
    attachments: [{ filename: "Password-policy.html", content: payload, contentType: "text/html" }],
  })
    .compile()
    .build();
  const submission = await request.post(
    `/api/v1/submissions?reporter=${encodeURIComponent(reported.recipientEmailAddress)}`,
    { data: eml, headers: { "Content-Type": "message/rfc822" } },
  );
  expect(submission.status(), await submission.text()).toBe(201);
  const { investigationId } = (await submission.json()) as { investigationId: number };
  return { url, urlDomain, subject, recipients, reporter: reported.recipientEmailAddress, investigationId };
}

/** Waits for the in-process worker to finish the run; returns its status. */
export async function settledStatus(request: APIRequestContext, investigationId: number): Promise<string> {
  let status = "";
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/v1/investigations/${investigationId}`);
        status = ((await response.json()) as { status: string }).status;
        return ["Starting", "Running", "QueuedByThrottling"].includes(status);
      },
      { timeout: 90_000, intervals: [500, 1_000, 2_000] },
    )
    .toBe(false);
  return status;
}

/** Where the copies of a cluster are now: `{ "Inbox/folder": 25 }`. */
export async function clusterLocations(request: APIRequestContext, clusterId: number): Promise<Record<string, number>> {
  const response = await request.get(`/api/v1/clusters/${clusterId}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { countsByLocation: Record<string, number> }).countsByLocation;
}
