import { withRoute } from "@/server/http/with-route";
import { readSubmission } from "@/server/submissions/read-submission";
import { submitMessage } from "@/server/submissions/submit-message";
import { SUBMISSION_ROUTES } from "@/server/submissions/submissions.contracts";
import { listSubmissions } from "@/server/submissions/submissions.queries";

export const GET = withRoute(SUBMISSION_ROUTES.list, ({ query }) => listSubmissions(query));

export const POST = withRoute(SUBMISSION_ROUTES.submit, async ({ request, query, principal }) => {
  const { submissionId, alertId, investigationId } = await submitMessage(
    await readSubmission(request, query, principal),
    principal,
  );
  return { submissionId, alertId, investigationId };
});
