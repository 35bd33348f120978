import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { listTokens } from "@/server/tokens/tokens.service";
import { TokensPanel } from "./tokens-panel";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  await requirePagePermission("tokens:manage");
  const tokens = await listTokens();
  return (
    <div>
      <PageHeader
        title="API tokens"
        description="For scripts, reporting add-ins and mail systems. Send as Authorization: Bearer <token>. The secret is shown once, when the token is made."
      />
      <TokensPanel
        tokens={tokens.map((token) => ({ ...token, createdByName: token.createdBy?.name ?? "command line" }))}
      />
    </div>
  );
}
