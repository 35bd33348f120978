import "server-only";
import { prisma } from "@/server/db";

const RECENT = 20;

/** The reporting mailbox's latest items: what became a submission, what was set aside and why. */
export function listRecentReportingItems() {
  return prisma.reportingItem.findMany({
    orderBy: { id: "desc" },
    take: RECENT,
    select: {
      id: true,
      createdAt: true,
      status: true,
      reason: true,
      reporter: true,
      reportType: true,
      isInlineForward: true,
      subject: true,
      submissionId: true,
    },
  });
}

/** The latest feedback notices sent (or tried) to reporters. */
export function listRecentReporterNotices() {
  return prisma.reporterNotice.findMany({
    orderBy: { id: "desc" },
    take: RECENT,
    select: {
      id: true,
      createdAt: true,
      sentAt: true,
      reporter: true,
      trigger: true,
      outcome: true,
      subject: true,
      status: true,
      error: true,
      submissionId: true,
    },
  });
}

export type TRecentReportingItem = Awaited<ReturnType<typeof listRecentReportingItems>>[number];
export type TRecentReporterNotice = Awaited<ReturnType<typeof listRecentReporterNotices>>[number];
