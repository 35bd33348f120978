import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/utils";
import { requirePagePermission } from "@/server/auth/page-guard";
import { ZSubmissionIdParams } from "@/server/submissions/submissions.schemas";
import { getSubmissionView } from "@/server/submissions/submission-view";
import { AuthenticationCard } from "../../explorer/email/[networkMessageId]/message-overview";
import { CampaignCard } from "./campaign-card";
import { AttachmentsCard, HeadersCard, LinksCard, ReportCard } from "./message-facts";
import { VerdictCard } from "./verdict-card";

type TProps = { params: Promise<{ id: string }> };

// The title and the page read the same submission; cache() makes that one read per request.
const loadSubmission = cache(async (id: string) => {
  const parsed = ZSubmissionIdParams.safeParse({ id });
  return parsed.success ? getSubmissionView(parsed.data.id) : null;
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  await requirePagePermission("submissions:read");
  const submission = await loadSubmission((await params).id);
  return { title: submission ? `${submission.subject || "(no subject)"} · Submissions` : "Submission not found" };
}

export default async function SubmissionPage({ params }: TProps) {
  await requirePagePermission("submissions:read");
  const submission = await loadSubmission((await params).id);
  if (!submission) notFound();
  const auth = submission.details.authentication;
  return (
    <div className="space-y-4">
      <Link
        href="/submissions"
        className="inline-flex items-center gap-1.5 rounded-sm text-sm text-link hover:underline focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-ring"
      >
        <ArrowLeft className="size-4" aria-hidden />
        Submissions
      </Link>
      <PageHeader
        className="mb-2"
        title={submission.subject || "(no subject)"}
        description={`Reported by ${submission.reporter} on ${formatDateTime(submission.createdAt)} · from ${submission.sender}`}
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <VerdictCard submission={submission} className="min-w-0 lg:col-span-2" />
        <AuthenticationCard
          details={{ SPF: auth.spf, DKIM: auth.dkim, DMARC: auth.dmarc, CompAuth: auth.compAuth ?? auth.compauth }}
          className="min-w-0 self-start"
        />
      </div>
      <ReportCard submission={submission} />
      <CampaignCard submission={submission} />
      <LinksCard urls={submission.details.urls} />
      <AttachmentsCard attachments={submission.details.attachments} />
      <HeadersCard headers={submission.details.headers} total={submission.details.headerCount} />
    </div>
  );
}
