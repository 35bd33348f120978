import type { Metadata } from "next";
import { UrlTabs } from "@/components/console/url-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { parseLenient } from "@/server/http/pagination";
import { listRestrictedUsers } from "@/server/restrictions/restrictions.queries";
import { ZRestrictedUserListQuery } from "@/server/restrictions/restrictions.schemas";
import { RestrictedUsersTable } from "./restricted-users-table";

export const metadata: Metadata = { title: "Restricted users" };

const STATE_TABS = [
  { state: "restricted", label: "Restricted" },
  { state: "released", label: "Released" },
  { state: "all", label: "All" },
] as const;

export default async function RestrictedUsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePermission("restrictedUsers:read");
  const query = parseLenient(ZRestrictedUserListQuery, await searchParams);
  const page = await listRestrictedUsers(query);
  return (
    <div>
      <PageHeader title="Restricted users" description="Users blocked from sending email, why, and since when." />
      <UrlTabs
        label="Restriction state"
        tabs={STATE_TABS.map((tab) => {
          // The user search survives a tab switch: "is this person restricted, or were they ever?"
          const params = new URLSearchParams({
            ...(tab.state === "restricted" ? {} : { state: tab.state }),
            ...(query.user ? { user: query.user } : {}),
          });
          return {
            href: `/restricted-users${params.size ? `?${params}` : ""}`,
            label: tab.label,
            isActive: query.state === tab.state,
          };
        })}
      />
      <RestrictedUsersTable
        state={query.state}
        data={page}
        sort={query.sort}
        canRelease={can(principal.role, "restrictedUsers:release")}
      />
    </div>
  );
}
