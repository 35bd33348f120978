import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "@/server/auth/principal";
import { prisma } from "@/server/db";
import { startPolicyServer, type TPolicyServer } from "@/server/mail-system/policy/policy-server";
import { startMailSandbox, type TMailSandbox } from "../../tools/mail-sandbox/mail-sandbox";
import { releaseRestrictedUser } from "@/server/restrictions/release-restricted-user";
import { restrictUser } from "@/server/restrictions/restrict-user";
import { ensurePolicy, uniqueTag } from "../factories/console";

// Through a real Postfix (the mail sandbox) asking the policy service, as a self-hosted install does.
const HOURLY_LIMIT = 4;
let policy: TPolicyServer;
let sandbox: TMailSandbox;
let domain: string;
const at = (name: string) => `${name}@${domain}`;

beforeAll(async () => {
  domain = `smtp-${uniqueTag()}.test`;
  const mailboxes = ["alice", "bob", "carol", "dave", "erin"].map(at);
  await prisma.mailbox.createMany({
    data: mailboxes.map((address) => ({ address, displayName: address, department: "Sales", country: "US" })),
  });
  await ensurePolicy("user-restricted-from-sending");
  await ensurePolicy("email-sending-limit-exceeded");
  await prisma.alertPolicy.update({
    where: { id: "email-sending-limit-exceeded" },
    data: { settings: { recipientsPerDay: 10_000, messagesPerMinute: 30, recipientsPerHour: HOURLY_LIMIT } },
  });
  policy = await startPolicyServer({ host: "127.0.0.1", port: 0, log: () => {} });
  sandbox = await startMailSandbox({ mailboxes, policy: { host: "127.0.0.1", port: policy.port } });
});

afterAll(async () => {
  await sandbox?.stop();
  await policy?.stop();
});

const message = (from: string, to: string[]) => ({ from, to, subject: `policy test ${uniqueTag()}`, text: "Hello." });
const smtp = () =>
  nodemailer.createTransport({ host: "127.0.0.1", port: sandbox.smtpPort, secure: false, ignoreTLS: true });
const submission = (user: string) =>
  nodemailer.createTransport({
    host: "127.0.0.1",
    port: sandbox.submissionPort,
    secure: false,
    ignoreTLS: true,
    auth: { user, pass: sandbox.passwordFor(user) },
  });
const refusal = (error: unknown) => ({
  code: (error as { responseCode?: number }).responseCode,
  response: (error as { response?: string }).response,
});

describe("Postfix asking the sender policy service", () => {
  it("refuses a restricted sender with 550 5.1.8; once released, the next message is accepted", async () => {
    const { id } = await prisma.$transaction((tx) => restrictUser(at("alice"), "test", tx));
    const refused = await smtp()
      .sendMail(message(at("alice"), [at("bob")]))
      .catch(refusal);
    expect(refused).toMatchObject({
      code: 550,
      response: `550 5.1.8 <${at("alice")}>: Sender address rejected: Access denied, bad outbound sender`,
    });

    await releaseRestrictedUser(id, "password reset", SYSTEM);
    const sent = await smtp().sendMail(message(at("alice"), [at("bob")]));
    expect(sent.accepted).toEqual([at("bob")]);
  });

  it("counts an authenticated account's accepted recipients: the message crossing the hourly limit raises both alerts and is refused, and so is the next, forged MAIL FROM or not", async () => {
    const carol = submission(at("carol"));
    // Authenticated as carol, sending as someone else: counted, and refused, as carol.
    const forged = { envelope: { from: "ceo@fabrikam.test", to: [at("bob"), at("dave"), at("erin")] } };
    expect(
      (await carol.sendMail({ ...message("ceo@fabrikam.test", [at("bob"), at("dave"), at("erin")]), ...forged }))
        .accepted,
    ).toHaveLength(3);

    const crossing = await carol.sendMail(message(at("carol"), [at("bob"), at("dave")])).catch(refusal);
    expect(crossing).toMatchObject({
      code: 550,
      response: "550 5.7.1 <END-OF-MESSAGE>: End-of-data rejected: Access denied, bad outbound sender",
    });
    const titles = (await prisma.alert.findMany({ where: { userAddress: at("carol") }, orderBy: { id: "asc" } })).map(
      (alert) => alert.title,
    );
    expect(titles).toEqual([
      `Email sending limit exceeded: ${at("carol")}`,
      `User restricted from sending email: ${at("carol")}`,
    ]);

    const next = await carol
      .sendMail({
        ...message("ceo@fabrikam.test", [at("bob")]),
        envelope: { from: "ceo@fabrikam.test", to: [at("bob")] },
      })
      .catch(refusal);
    expect(next).toMatchObject({
      code: 550,
      response: "550 5.1.8 <ceo@fabrikam.test>: Sender address rejected: Access denied, bad outbound sender",
    });
    expect(
      await prisma.sendingCount.findMany({
        where: { sender: at("carol") },
        select: { recipients: true, messages: true },
      }),
    ).toEqual([{ recipients: 5, messages: 2 }]);
  });
});
