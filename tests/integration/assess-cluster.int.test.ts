import { beforeAll, describe, expect, it } from "vitest";
import { PUT as assessRoute } from "@/app/api/v1/clusters/[id]/assessment/route";
import { prisma } from "@/server/db";
import { bodyFingerprint } from "@/server/ingestion/body-fingerprint";
import { judgeMessage } from "@/server/intel/judge-message";
import { uniqueTag } from "../factories/console";
import { insertEmails, sha256Of } from "../factories/email";
import { engineEmail } from "../factories/engine-email";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let reader: string;
let operator: string;

beforeAll(async () => {
  [reader, operator] = await Promise.all([makeToken("reader"), makeToken("operator")]);
});

/** A campaign's copies stored and gathered in a cluster, as hunting makes one. */
async function campaignCluster(tag: string) {
  const fingerprint = bodyFingerprint(`Invoice ${tag}`, `Please pay invoice ${tag}`);
  const copies = await insertEmails(
    Array.from({ length: 3 }, (_, index) => ({
      timestamp: new Date(Date.now() - 60_000 * (index + 1)),
      sender: `billing@pay-${tag}.test`,
      subject: `Invoice ${tag}`,
      bodyFingerprint: fingerprint,
      urls: [`https://pay-${tag}.example/invoice/${index}`, "https://www.google.com/search?q=x"],
      attachments: [{ fileName: `invoice-${tag}.html`, sha256: sha256Of(`payload ${tag}`) }],
    })),
  );
  const events = await prisma.emailEvent.findMany({
    where: { networkMessageId: { in: copies.map((copy) => copy.networkMessageId) } },
    select: { id: true },
  });
  const cluster = await prisma.emailCluster.create({
    data: {
      kind: "similarUrls",
      name: `Similar URLs ${tag}`,
      query: {},
      queryText: `url has pay-${tag}.example`,
      messageCount: events.length,
      members: { create: events.map((event) => ({ emailEventId: event.id })) },
    },
  });
  return { cluster, fingerprint };
}

const assess = (id: string | number, body: unknown, token?: string) =>
  assessRoute(
    apiRequest(`/api/v1/clusters/${id}/assessment`, { method: "PUT", token, body }),
    routeContext({ id: String(id) }),
  ).then(async (response) => ({ status: response.status, body: await response.json() }));

describe("PUT /api/v1/clusters/{id}/assessment", () => {
  it("answers 401 for a bad token, 403 for a reader, 400 naming the field, 404 for an unknown cluster", async () => {
    const { cluster } = await campaignCluster(uniqueTag());
    expect((await assess(cluster.id, { assessment: "Phish" }, "bw_not-a-token")).status).toBe(401);
    expect((await assess(cluster.id, { assessment: "Phish" }, reader)).status).toBe(403);
    const bad = await assess(cluster.id, { assessment: "Malicious" }, operator);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.assessment");
    expect((await assess(2_000_000_000, { assessment: "Phish" }, operator)).status).toBe(404);
    expect((await prisma.emailCluster.findUniqueOrThrow({ where: { id: cluster.id } })).verdict).toBe("Unknown");
  });

  it("sets the cluster's verdict, learns its campaign with an audit row, and a later message of it is decided citing the cluster", async () => {
    const tag = uniqueTag();
    const { cluster, fingerprint } = await campaignCluster(tag);
    const { status, body } = await assess(cluster.id, { assessment: "Phish" }, operator);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: cluster.id, verdict: "Malicious", assessment: "Phish" });
    // The campaign's own hosts, files and body; not the shared site every message links to.
    expect(body.learned.sort()).toEqual(
      [
        `bodyFingerprint ${fingerprint}`,
        `sender billing@pay-${tag}.test`,
        `sha256 ${sha256Of(`payload ${tag}`)}`,
        `urlHost pay-${tag}.example`,
      ].sort(),
    );
    expect((await prisma.emailCluster.findUniqueOrThrow({ where: { id: cluster.id } })).verdict).toBe("Malicious");
    const rows = await prisma.learnedVerdict.findMany({ where: { clusterId: cluster.id } });
    expect(rows.map((row) => [row.kind, row.assessment, row.decidedByName, row.submissionId])).toContainEqual([
      "urlHost",
      "Phish",
      "token factory operator",
      null,
    ]);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "cluster.assess", targetId: String(cluster.id) },
    });
    expect(audit.after).toMatchObject({ verdict: "Malicious", assessment: "Phish" });

    const later = engineEmail({
      senderAddress: `someone@other-${tag}.test`,
      mailFromAddress: `someone@other-${tag}.test`,
      urls: [{ url: `https://pay-${tag}.example/invoice/9`, domain: `pay-${tag}.example`, linkText: null }],
    });
    const judged = await judgeMessage(later, { receivedAt: new Date(), bodyFingerprint: null });
    expect(judged.detection).toMatchObject({ verdict: "Malicious", threatType: "Phish" });
    expect(judged.detection.deciding[0].evidence).toMatch(
      new RegExp(
        `^same campaign as email cluster ${cluster.id} \\(urlHost pay-${tag}\\.example\\), judged Phish by token factory operator on `,
      ),
    );
  });

  it("lets a later assessment of the cluster replace the earlier one (Clean allows the campaign)", async () => {
    const tag = uniqueTag();
    const { cluster } = await campaignCluster(tag);
    await assess(cluster.id, { assessment: "Phish" }, operator);
    expect((await assess(cluster.id, { assessment: "Clean" }, operator)).body).toMatchObject({
      verdict: "Clean",
      assessment: "Clean",
    });
    const row = await prisma.learnedVerdict.findUniqueOrThrow({
      where: { kind_value: { kind: "sender", value: `billing@pay-${tag}.test` } },
    });
    expect(row).toMatchObject({ assessment: "Clean", clusterId: cluster.id });
  });
});
