import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { parseLenient } from "@/server/http/pagination";
import { ZUserListQuery } from "@/server/users/users.schemas";
import { listUsers } from "@/server/users/users.service";
import { NewUserDialog } from "./new-user-dialog";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePermission("users:manage");
  const query = parseLenient(ZUserListQuery, await searchParams);
  const page = await listUsers(query);
  return (
    <div>
      <PageHeader
        title="Users"
        description="People who can sign in to the console, and their roles."
        actions={<NewUserDialog />}
      />
      <UsersTable data={page} sort={query.sort} currentUserId={principal.id ?? ""} />
    </div>
  );
}
