import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/console/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guard";
import { buildOpenApi, type TOpenApiOperation } from "@/server/openapi/build-openapi";
import { ApiText } from "./api-text";
import { OperationCard } from "./operation-card";

export const metadata: Metadata = { title: "API" };

export default async function ApiPage() {
  await requirePagePermission("console:read");
  const document = buildOpenApi();
  const groups = new Map<string, { method: string; path: string; operation: TOpenApiOperation }[]>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const tag = operation.tags[0];
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, operation }]);
    }
  }
  return (
    <div className="space-y-6">
      <BackLink href="/settings" label="Settings" />
      <PageHeader
        title="API"
        description="Every route of the public API, with the role it needs and what it takes, made from the same schemas the routes check."
        actions={
          <Link
            href="/api/v1/openapi.json"
            className="text-sm font-medium text-primary underline-offset-4 hover:underline"
            prefetch={false}
          >
            OpenAPI document (JSON)
          </Link>
        }
        className="mb-0"
      />
      <ApiText text={document.info.description} />
      <nav aria-label="API sections" className="flex flex-wrap gap-2 text-sm">
        {[...groups.keys()].map((tag) => (
          <a key={tag} href={`#api-${tag}`} className="rounded-md border px-2 py-1 hover:bg-accent">
            {tag}
          </a>
        ))}
      </nav>
      {[...groups].map(([tag, operations]) => (
        <section key={tag} id={`api-${tag}`} aria-labelledby={`api-${tag}-title`} className="space-y-2">
          <h2 id={`api-${tag}-title`} className="text-base font-semibold">
            {tag}
          </h2>
          {operations.map(({ method, path, operation }) => (
            <OperationCard key={`${method} ${path}`} method={method} path={path} operation={operation} />
          ))}
        </section>
      ))}
    </div>
  );
}
