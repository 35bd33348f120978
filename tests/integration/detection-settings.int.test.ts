import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as forgetRoute } from "@/app/api/v1/settings/detection/learned/[id]/route";
import { GET as learnedRoute } from "@/app/api/v1/settings/detection/learned/route";
import { GET as getSettingsRoute, PUT as putSettingsRoute } from "@/app/api/v1/settings/detection/route";
import { PATCH as assessRoute } from "@/app/api/v1/submissions/[id]/route";
import { POST as submitRoute } from "@/app/api/v1/submissions/route";
import { BUILT_IN_SHARED_HOSTS } from "@/server/campaigns/shared-hosts";
import { prisma } from "@/server/db";
import { judgeMessage } from "@/server/intel/judge-message";
import { parseEml } from "@/server/submissions/parse-eml";
import { emailFrom } from "@/server/verdicts/email-input";
import { ensurePolicy, uniqueTag } from "../factories/console";
import { apiRequest, makeToken, routeContext } from "../factories/users";

// Settings › Detection and what analysts teach the engine: an assessment becomes knowledge about the campaign, later
// reports are judged by it with the analyst named, and an admin sees and removes it.

let admin: string;
let operator: string;
let reader: string;

beforeAll(async () => {
  await ensurePolicy("email-reported-by-user");
  [admin, operator, reader] = await Promise.all([makeToken("admin"), makeToken("operator"), makeToken("reader")]);
});

const answer = async (response: Response) => ({ status: response.status, body: await response.json() });
const getSettings = async (token = reader) =>
  answer(await getSettingsRoute(apiRequest("/api/v1/settings/detection", { token }), routeContext()));
const putSettings = async (body: unknown, token = admin) =>
  answer(
    await putSettingsRoute(apiRequest("/api/v1/settings/detection", { method: "PUT", token, body }), routeContext()),
  );
const learned = async (query = "", token = reader) =>
  answer(await learnedRoute(apiRequest(`/api/v1/settings/detection/learned${query}`, { token }), routeContext()));
const forget = async (id: number | string, token = admin) =>
  answer(
    await forgetRoute(
      apiRequest(`/api/v1/settings/detection/learned/${id}`, { method: "DELETE", token }),
      routeContext({ id: String(id) }),
    ),
  );

function eml(tag: string): string {
  return [
    `From: "Payroll" <payroll@payroll-${tag}.example>`,
    "To: alice@breakwater.test",
    `Subject: Salary statement ${tag}`,
    `Message-ID: <${tag}-${Math.random()}@payroll-${tag}.example>`,
    "Content-Type: text/html",
    "",
    `<p>Your statement is at <a href="https://files.payroll-${tag}.example/s">the portal</a>.</p>`,
    "",
  ].join("\r\n");
}

async function report(raw: string): Promise<string> {
  const request = new Request("http://localhost/api/v1/submissions?reporter=alice@breakwater.test", {
    method: "POST",
    headers: { authorization: `Bearer ${reader}`, "content-type": "message/rfc822" },
    body: raw,
  });
  const { status, body } = await answer(await submitRoute(request, routeContext()));
  expect(status).toBe(201);
  return body.submissionId;
}

const assess = async (id: string, assessment: string) =>
  answer(
    await assessRoute(
      apiRequest(`/api/v1/submissions/${id}`, { method: "PATCH", token: operator, body: { assessment } }),
      routeContext({ id }),
    ),
  );
const judge = async (raw: string) =>
  judgeMessage(emailFrom(await parseEml(Buffer.from(raw))), { receivedAt: new Date(), bodyFingerprint: null });

describe("/api/v1/settings/detection", () => {
  it("answers the defaults, saves an admin's trusted authserv-ids and brands with an audit row, and refuses others", async () => {
    expect((await getSettings()).body).toEqual({
      trustedAuthservIds: [],
      customBrands: [],
      learningDays: 90,
      campaignWindowDays: 7,
      sharedHosts: [...BUILT_IN_SHARED_HOSTS],
      isSharedHostsEdited: false,
      updatedAt: null,
      updatedBy: null,
    });
    const input = {
      trustedAuthservIds: ["MX1.Breakwater.test"],
      customBrands: [{ name: "Woodgrove Payroll", domains: ["woodgrove-payroll.example"] }],
      learningDays: 30,
    };
    expect((await putSettings(input, operator)).status).toBe(403);
    const { status, body } = await putSettings(input);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      trustedAuthservIds: ["mx1.breakwater.test"],
      customBrands: input.customBrands,
      learningDays: 30,
      updatedBy: "token factory admin",
    });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "detectionSettings.update" } });
    expect(audit.after).toMatchObject({ trustedAuthservIds: ["mx1.breakwater.test"], learningDays: 30 });
    expect(
      (await putSettings({ ...input, customBrands: [{ name: "X", domains: ["not a domain"] }] })).body.error.issues[0]
        .path,
    ).toMatch(/^body\.customBrands\.0\.(name|domains\.0)$/);
    expect((await putSettings({ ...input, learningDays: 0 })).body.error.issues[0].path).toBe("body.learningDays");
  });

  it("saves an admin's campaign window and shared hosts with an audit row, and restores the built-in list on null", async () => {
    // The brands of the test before stay: the next test judges with them.
    const base = {
      trustedAuthservIds: ["mx1.breakwater.test"],
      customBrands: [{ name: "Woodgrove Payroll", domains: ["woodgrove-payroll.example"] }],
      learningDays: 30,
    };
    const { status, body } = await putSettings({
      ...base,
      campaignWindowDays: 3,
      sharedHosts: ["Files.Example", "bit.ly"],
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      campaignWindowDays: 3,
      sharedHosts: ["files.example", "bit.ly"],
      isSharedHostsEdited: true,
    });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "detectionSettings.update" },
      orderBy: { id: "desc" },
    });
    expect(audit.after).toMatchObject({ campaignWindowDays: 3, sharedHosts: ["files.example", "bit.ly"] });
    // Left out, both stay as they are.
    expect((await putSettings(base)).body).toMatchObject({
      campaignWindowDays: 3,
      sharedHosts: ["files.example", "bit.ly"],
    });
    expect((await putSettings({ ...base, sharedHosts: ["not a host"] })).body.error.issues[0].path).toBe(
      "body.sharedHosts.0",
    );
    expect((await putSettings({ ...base, campaignWindowDays: 0 })).body.error.issues[0].path).toBe(
      "body.campaignWindowDays",
    );
    expect((await putSettings({ ...base, campaignWindowDays: 7, sharedHosts: null })).body).toMatchObject({
      campaignWindowDays: 7,
      sharedHosts: [...BUILT_IN_SHARED_HOSTS],
      isSharedHostsEdited: false,
    });
  });

  it("judges a display name borrowing an admin-added brand as impersonation", async () => {
    const raw = eml(uniqueTag()).replace('"Payroll"', '"Woodgrove Payroll"');
    const judged = await judge(raw);
    expect(judged.detection.signals.map((signal) => signal.id)).toContain("impersonation.brand_display_name");
  });
});

describe("learning from analysts", () => {
  it("turns a Phish assessment into knowledge that decides the next report of the campaign, citing the analyst; an admin removes it", async () => {
    const tag = uniqueTag();
    expect((await judge(eml(tag))).overall.verdict).not.toBe("Malicious");
    const first = await report(eml(tag));
    expect((await assess(first, "Phish")).status).toBe(200);

    const { body: page } = await learned(`?q=${tag}`);
    expect(page.items.map((item: { kind: string; value: string }) => `${item.kind} ${item.value}`).sort()).toEqual([
      `sender payroll@payroll-${tag}.example`,
      `urlHost files.payroll-${tag}.example`,
    ]);
    expect(page.items[0]).toMatchObject({
      assessment: "Phish",
      decidedByName: "token factory operator",
      submissionId: first,
    });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "submission.assess", targetId: first } });
    expect((audit.after as { learned: string[] }).learned).toContain(`sender payroll@payroll-${tag}.example`);

    const later = await judge(eml(tag));
    expect(later.overall).toMatchObject({ verdict: "Malicious", threatType: "Phish" });
    expect(later.overall.reasons[0]).toMatch(
      new RegExp(
        `^same campaign as submission ${first} \\(.+\\), judged Phish by token factory operator on \\d{4}-\\d{2}-\\d{2}$`,
      ),
    );

    // The analyst changes their mind: Clean replaces the knowledge rather than adding to it.
    await assess(first, "Clean");
    expect(
      (await learned(`?q=${tag}`)).body.items.every((item: { assessment: string }) => item.assessment === "Clean"),
    ).toBe(true);
    expect((await judge(eml(tag))).overall.verdict).toBe("Clean");

    const [sender] = (await learned(`?q=payroll@payroll-${tag}`)).body.items;
    expect((await forget(sender.id, reader)).status).toBe(403);
    expect((await forget(sender.id)).status).toBe(200);
    expect((await forget(sender.id)).status).toBe(404);
    expect((await forget("2147483648")).status).toBe(400);
    expect((await learned(`?q=payroll@payroll-${tag}`)).body.total).toBe(0);
    expect(
      await prisma.auditLog.count({ where: { action: "learnedVerdict.remove", targetId: String(sender.id) } }),
    ).toBe(1);
  });

  it("learns nothing from a bare verdict word other than Clean", async () => {
    const tag = uniqueTag();
    await assess(await report(eml(tag)), "Suspicious");
    expect((await learned(`?q=${tag}`)).body.total).toBe(0);
  });
});
