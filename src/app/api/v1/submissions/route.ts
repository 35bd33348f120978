import { withRoute } from "@/server/http/with-route";
import { readSubmission, SUBMISSION_MEDIA_TYPES } from "@/server/submissions/read-submission";
import { submitMessage } from "@/server/submissions/submit-message";
import { listSubmissions } from "@/server/submissions/submissions.queries";
import { ZSubmissionListQuery, ZSubmitQuery } from "@/server/submissions/submissions.schemas";

export const GET = withRoute({ permission: "submissions:read", query: ZSubmissionListQuery }, ({ query }) => listSubmissions(query));

export const POST = withRoute({ permission: "submissions:create", query: ZSubmitQuery, status: 201, accepts: SUBMISSION_MEDIA_TYPES }, async ({ request, query, principal }) => {
  const { submissionId, alertId, investigationId } = await submitMessage(await readSubmission(request, query, principal), principal);
  return { submissionId, alertId, investigationId };
});
