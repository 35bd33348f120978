import { notFound } from "@/server/http/app-error";
import { withRoute } from "@/server/http/with-route";
import { assessSubmission } from "@/server/submissions/assess-submission";
import { SUBMISSION_ROUTES } from "@/server/submissions/submissions.contracts";
import { getSubmission } from "@/server/submissions/submissions.queries";

export const GET = withRoute(SUBMISSION_ROUTES.get, async ({ params }) => {
  const submission = await getSubmission(params.id);
  if (!submission) throw notFound("The submission");
  return submission;
});

export const PATCH = withRoute(SUBMISSION_ROUTES.assess, ({ params, body, principal }) =>
  assessSubmission(params.id, body, principal),
);
