// Settings › User reported settings through its route: the mailbox password never leaves the server, an empty one
// keeps the stored one, only admins change it (the route fuzz covers 401), each change is audited, and a switch turned on without what it needs
// is a 400 naming the field.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getRoute, PUT as putRoute } from "@/app/api/v1/settings/user-reported/route";
import { prisma } from "@/server/db";
import { DEFAULT_FEEDBACK_TEMPLATES } from "@/server/user-reported/feedback-templates";
import { DEFAULT_SUBJECT_TAGS } from "@/server/user-reported/report-type";
import { apiRequest, makeToken, routeContext } from "../factories/users";

let adminToken: string;
let operatorToken: string;
let readerToken: string;

beforeAll(async () => {
  [adminToken, operatorToken, readerToken] = await Promise.all([
    makeToken("admin"),
    makeToken("operator"),
    makeToken("reader"),
  ]);
});

async function answer(response: Response) {
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

const get = async (token = readerToken) =>
  answer(await getRoute(apiRequest("/api/v1/settings/user-reported", { token }), routeContext()));
const put = async (body: unknown, token = adminToken) =>
  answer(await putRoute(apiRequest("/api/v1/settings/user-reported", { method: "PUT", token, body }), routeContext()));
const audits = () =>
  prisma.auditLog.findMany({ where: { action: "userReportedSettings.update" }, orderBy: { id: "asc" } });

const FORM = {
  isEnabled: true,
  mailbox: "Phish-Reports@Org.test",
  password: "reporting-secret",
  processedFolder: "Processed",
  unusableFolder: "Unusable",
  reportTypeHeader: "X-Phish-Report-Type",
  subjectTags: { ...DEFAULT_SUBJECT_TAGS, phish: ["[Phish]", "[Suspicious]"] },
  defaultReportType: "phish",
  isFeedbackEnabled: true,
  smtpHost: "127.0.0.1",
  smtpPort: 2525,
  smtpSecure: false,
  feedbackFrom: "security@org.test",
  feedbackTemplates: {
    ...DEFAULT_FEEDBACK_TEMPLATES,
    clean: { subject: "All clear: {{subject}}", body: "No threat in {{subject}}." },
  },
};

describe("/api/v1/settings/user-reported", () => {
  it("is off before anyone saved, with Defender-style subject tags and templates", async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      isEnabled: false,
      mailbox: null,
      hasPassword: false,
      isFeedbackEnabled: false,
      subjectTags: DEFAULT_SUBJECT_TAGS,
      feedbackTemplates: DEFAULT_FEEDBACK_TEMPLATES,
      updatedAt: null,
    });
    expect(body).not.toHaveProperty("password");
  });

  it("saves the form for an admin, audited without the password, and never sends the password back", async () => {
    const { status, body, text } = await put(FORM);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      isEnabled: true,
      mailbox: "phish-reports@org.test",
      hasPassword: true,
      feedbackTemplates: FORM.feedbackTemplates,
      updatedBy: expect.any(String),
    });
    expect(text).not.toContain("reporting-secret");
    expect((await prisma.userReportedSettings.findUniqueOrThrow({ where: { id: 1 } })).password).toBe(
      "reporting-secret",
    );
    const [audit] = await audits();
    expect(JSON.stringify([audit.before, audit.after])).not.toContain("reporting-secret");
    expect(audit.after).toMatchObject({ isEnabled: true, hasPassword: true, passwordChanged: true });
  });

  it("keeps the stored password when the form leaves it empty, and drops it on null", async () => {
    expect((await put({ ...FORM, password: "" })).body.hasPassword).toBe(true);
    expect((await prisma.userReportedSettings.findUniqueOrThrow({ where: { id: 1 } })).password).toBe(
      "reporting-secret",
    );
    expect((await put({ ...FORM, password: null })).body.hasPassword).toBe(false);
  });

  it("answers 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ ...FORM, mailbox: null }, "body.mailbox"],
      [{ ...FORM, smtpHost: null }, "body.smtpHost"],
      [{ ...FORM, feedbackFrom: null }, "body.feedbackFrom"],
      [{ ...FORM, unusableFolder: "Processed" }, "body.unusableFolder"],
      [{ ...FORM, processedFolder: "inbox" }, "body.processedFolder"],
      [{ ...FORM, reportTypeHeader: "X Report: type" }, "body.reportTypeHeader"],
      [{ ...FORM, defaultReportType: "scam" }, "body.defaultReportType"],
      [
        { ...FORM, feedbackTemplates: { ...FORM.feedbackTemplates, threat: { subject: "", body: "x" } } },
        "body.feedbackTemplates.threat.subject",
      ],
      [{ ...FORM, smtpPort: 70000 }, "body.smtpPort"],
    ];
    for (const [body, path] of cases) {
      const answered = await put(body);
      expect(answered.status, path).toBe(400);
      expect(
        answered.body.error.issues.map((issue: { path: string }) => issue.path),
        path,
      ).toContain(path);
    }
  });

  it("lets readers and operators read but not change it", async () => {
    expect((await get(operatorToken)).status).toBe(200);
    expect((await put(FORM, operatorToken)).status).toBe(403);
    expect((await put(FORM, readerToken)).status).toBe(403);
  });
});
