"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { OutcomeNotice, type TOutcome } from "@/components/console/outcome-notice";
import { VerdictBadge } from "@/components/console/status-badges";
import { Button } from "@/components/ui/button";
import { Dialog, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { SheetContent } from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { useApiResource } from "@/hooks/use-api-resource";
import { clusterKindLabel } from "@/lib/labels";
import { formatDateTime, formatNumber } from "@/lib/utils";
import { ClusterActions, RevertButtons, revertableAction } from "./cluster-actions";
import { ClusterAssessment } from "./cluster-assessment";
import { ClusterLocations } from "./cluster-locations";
import { ClusterMessages } from "./cluster-messages";
import { ClusterQuery } from "./cluster-query";
import { RevertDialog, type TRevertRequest } from "./revert-dialog";
import { useClusterParam } from "./use-cluster-param";

type TClusterFlyoutProps = {
  /** On the Action center's History tab, for people who may decide: Move to Inbox / Move to Junk on a remediated cluster. */
  canRevert?: boolean;
  /** For people who may assess: an analyst's verdict on the whole cluster, learnt as knowledge about the campaign. */
  canAssess?: boolean;
};

/** The details of the cluster named by `?cluster=` in the URL, in a panel on the right; render once per page. */
export function ClusterFlyout({ canRevert = false, canAssess = false }: TClusterFlyoutProps) {
  const { clusterId, close } = useClusterParam();
  // Opened by a link rather than a Radix trigger, so Radix has nothing to give focus back to: keep what had it.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <Dialog open={clusterId !== null} onOpenChange={(isOpen) => (isOpen ? undefined : close())}>
      {clusterId !== null ? (
        <SheetContent
          onOpenAutoFocus={() => {
            opener.current = focusedOpener();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (opener.current?.isConnected) opener.current.focus();
          }}
        >
          {/* Keyed: another cluster starts with its own filters, page and outcome. */}
          <ClusterDetails key={clusterId} clusterId={clusterId} canRevert={canRevert} canAssess={canAssess} />
        </SheetContent>
      ) : null}
    </Dialog>
  );
}

/** What had focus when the flyout opened; for a menu item, which is gone once its menu closes, the menu's button. */
function focusedOpener(): HTMLElement | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return null;
  const menuButtonId = active.closest("[role=menu]")?.getAttribute("aria-labelledby");
  return (menuButtonId ? document.getElementById(menuButtonId) : null) ?? active;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

function ClusterDetails({
  clusterId,
  canRevert,
  canAssess,
}: {
  clusterId: number;
  canRevert: boolean;
  canAssess: boolean;
}) {
  const router = useRouter();
  const [version, setVersion] = useState(0);
  const resource = useApiResource(
    "GET /api/v1/clusters/{id}",
    { params: { id: clusterId } },
    { failure: "The cluster could not be loaded", refreshKey: version },
  );
  const [locations, setLocations] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const [revert, setRevert] = useState<TRevertRequest | null>(null);
  const cluster = resource.data;
  const revertable = canRevert && cluster ? revertableAction(cluster.actions) : null;

  function onReverted(next: TOutcome) {
    setRevert(null);
    setOutcome(next);
    // The messages moved: this cluster's counts and list, and the page behind (History's statuses), are stale.
    setVersion((value) => value + 1);
    router.refresh();
  }

  function onAssessed(next: TOutcome) {
    setOutcome(next);
    // The cluster's verdict changed: here and in the page behind (the investigation's cluster table).
    setVersion((value) => value + 1);
    router.refresh();
  }

  return (
    <>
      <header className="space-y-1 border-b px-4 py-3 pr-12 sm:px-6">
        <p className="text-xs font-medium text-muted-foreground">
          {cluster ? clusterKindLabel(cluster.kind) : "Email cluster"}
        </p>
        <DialogTitle className="break-words">{cluster?.name ?? `Cluster ${clusterId}`}</DialogTitle>
        <DialogDescription asChild>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            {cluster ? (
              <>
                <VerdictBadge verdict={cluster.verdict} />
                <span>{formatNumber(cluster.messageCount)} messages</span>
                <span aria-hidden>·</span>
                <span>created {formatDateTime(cluster.createdAt)}</span>
                {cluster.investigationId ? (
                  <Link href={`/investigations/${cluster.investigationId}`} className="text-link hover:underline">
                    Investigation #{cluster.investigationId}
                    {cluster.investigation ? ` · ${cluster.investigation.name}` : ""}
                  </Link>
                ) : null}
              </>
            ) : (
              <span>{resource.error ? "Not available" : "Loading…"}</span>
            )}
          </div>
        </DialogDescription>
      </header>
      <div className="flex-1 space-y-6 overflow-y-auto px-4 py-4 sm:px-6">
        {!cluster ? (
          resource.error ? (
            <ErrorState
              title="The cluster could not be shown"
              description={resource.error}
              action={
                <Button variant="outline" size="sm" onClick={resource.reload}>
                  Try again
                </Button>
              }
            />
          ) : (
            <div role="status" aria-label="Loading cluster" className="space-y-3">
              <Skeleton className="h-16 w-full" />
              <Skeleton className="h-24 w-full" />
              <Skeleton className="h-40 w-full" />
            </div>
          )
        ) : (
          <>
            {outcome ? <OutcomeNotice outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
            {resource.error ? (
              <p role="alert" className="text-sm text-destructive">
                {resource.error}
              </p>
            ) : null}
            {revertable ? (
              <RevertButtons action={revertable} onRevert={(to) => setRevert({ action: revertable, to })} />
            ) : null}
            {canAssess ? (
              <Section title="Assessment">
                <ClusterAssessment clusterId={clusterId} onAssessed={onAssessed} />
              </Section>
            ) : null}
            <Section title="Query">
              <ClusterQuery text={cluster.queryText} />
            </Section>
            <Section title="Messages by location">
              <ClusterLocations
                counts={cluster.countsByLocation}
                selected={locations}
                onToggle={(location) =>
                  setLocations(
                    locations.includes(location)
                      ? locations.filter((item) => item !== location)
                      : [...locations, location],
                  )
                }
              />
            </Section>
            <Section title="Messages">
              <ClusterMessages clusterId={clusterId} locations={locations} version={version} />
            </Section>
            <Section title="Actions">
              <ClusterActions actions={cluster.actions} />
            </Section>
          </>
        )}
      </div>
      <RevertDialog request={revert} onClose={() => setRevert(null)} onReverted={onReverted} />
    </>
  );
}
