import { benchActionCenterList } from "./bench-action-center-list";
import { benchActionPreview } from "./bench-action-preview";
import { benchConcurrentApprovals } from "./bench-concurrent-approvals";
import { benchDetectionRules } from "./bench-detection-rules";
import { benchDovecotSoftDelete } from "./bench-dovecot-soft-delete";
import { benchExplorerSearch } from "./bench-explorer-search";
import { benchHuntingSummarize } from "./bench-hunting-summarize";
import { benchIngestEmailEvents } from "./bench-ingest-email-events";
import { benchJudgeIngestedMail } from "./bench-judge-ingested-mail";
import { benchInvestigationBurst } from "./bench-investigation-burst";
import { benchPolicyService } from "./bench-policy-service";
import { benchReplicationLag } from "./bench-replication-lag";
import { benchSoftDeleteCluster } from "./bench-soft-delete-cluster";
import { benchSubmissionToPending } from "./bench-submission-to-pending";
import type { Benchmark } from "./bench.types";

export const BENCHMARKS: Record<string, Benchmark> = {
  ingestEmailEvents: benchIngestEmailEvents,
  investigationBurst: benchInvestigationBurst,
  softDeleteCluster: benchSoftDeleteCluster,
  actionCenterList: benchActionCenterList,
  submissionToPending: benchSubmissionToPending,
  policyService: benchPolicyService,
  dovecotSoftDelete: benchDovecotSoftDelete,
  explorerSearch: benchExplorerSearch,
  huntingSummarize: benchHuntingSummarize,
  concurrentApprovals: benchConcurrentApprovals,
  judgeIngestedMail: benchJudgeIngestedMail,
  actionPreview: benchActionPreview,
  detectionRules: benchDetectionRules,
  replicationLag: benchReplicationLag,
};
