import { notFound } from "@/server/http/app-error";
import { withRoute } from "@/server/http/with-route";
import { assessSubmission } from "@/server/submissions/assess-submission";
import { getSubmission } from "@/server/submissions/submissions.queries";
import { ZAssessSubmissionBody, ZSubmissionIdParams } from "@/server/submissions/submissions.schemas";

export const GET = withRoute({ permission: "submissions:read", params: ZSubmissionIdParams }, async ({ params }) => {
  const submission = await getSubmission(params.id);
  if (!submission) throw notFound("The submission");
  return submission;
});

export const PATCH = withRoute({ permission: "submissions:assess", params: ZSubmissionIdParams, body: ZAssessSubmissionBody }, ({ params, body, principal }) =>
  assessSubmission(params.id, body, principal),
);
