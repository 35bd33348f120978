"use client";

import { Ellipsis, Link2, Microscope, UserRound, UserRoundCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { OutcomeNotice, type TOutcome } from "@/components/console/outcome-notice";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
// The same confirmation as on Restricted users, so a release reads and audits the same from either page.
import { ReleaseDialog, type TReleaseTarget } from "../../restricted-users/release-dialog";

type TAlertMoreOptionsProps = {
  alertId: number;
  investigationId: number | null;
  restrictedUser: { id: number; address: string; isReleased: boolean } | null;
  canRelease: boolean;
};

/** Defender's More options (…) on an alert: each item only when it applies to this alert and the role allows it. */
export function AlertMoreOptions({ alertId, investigationId, restrictedUser, canRelease }: TAlertMoreOptionsProps) {
  const router = useRouter();
  const [release, setRelease] = useState<TReleaseTarget | null>(null);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);

  async function copyLink() {
    const url = `${window.location.origin}/alerts/${alertId}`;
    try {
      await navigator.clipboard.writeText(url);
      setOutcome({ message: "Link to this alert copied.", isClean: true });
    } catch {
      // No clipboard (a page served over plain HTTP, or permission denied): show the link to copy by hand.
      setOutcome({ message: `Copy this link: ${url}`, isClean: false });
    }
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="icon" aria-label="More options" title="More options">
            <Ellipsis aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {restrictedUser ? (
            // state=all: the link must still find the user after a release.
            <DropdownMenuItem
              onSelect={() =>
                router.push(`/restricted-users?state=all&user=${encodeURIComponent(restrictedUser.address)}`)
              }
            >
              <UserRound aria-hidden />
              View restricted user details
            </DropdownMenuItem>
          ) : null}
          {investigationId ? (
            <DropdownMenuItem onSelect={() => router.push(`/investigations/${investigationId}`)}>
              <Microscope aria-hidden />
              Open investigation
            </DropdownMenuItem>
          ) : null}
          {restrictedUser && !restrictedUser.isReleased && canRelease ? (
            <DropdownMenuItem onSelect={() => setRelease({ id: restrictedUser.id, address: restrictedUser.address })}>
              <UserRoundCheck aria-hidden />
              Release user
            </DropdownMenuItem>
          ) : null}
          <DropdownMenuItem onSelect={copyLink}>
            <Link2 aria-hidden />
            Copy link
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ReleaseDialog
        target={release}
        onClose={() => setRelease(null)}
        onReleased={(next) => {
          setRelease(null);
          setOutcome(next);
          router.refresh();
        }}
      />
      {outcome ? (
        // Fixed at the bottom: the header's button row has no room for a message.
        <div className="fixed inset-x-4 bottom-4 z-40 bg-background sm:left-auto sm:w-96">
          <OutcomeNotice outcome={outcome} onDismiss={() => setOutcome(null)} />
        </div>
      ) : null}
    </>
  );
}
