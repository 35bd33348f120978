"use client";

import { FormError } from "@/components/console/form-error";
import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { SecretOnceDialog } from "@/components/console/secret-once-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { callApi, type TApiInput } from "@/lib/api-client";
import { ROLE_LABELS, ROLES, type TRole } from "@/lib/roles";
import { formatDateTime } from "@/lib/utils";

type TTokenRow = {
  id: string;
  name: string;
  role: TRole;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdByName: string;
};

export function TokensPanel({ tokens }: { tokens: TTokenRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function revoke(id: string) {
    setError(null);
    try {
      await callApi("DELETE /api/v1/tokens/{id}", { params: { id } });
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not revoke the token");
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <NewTokenDialog onCreated={() => router.refresh()} />
      </div>
      <FormError message={error} />
      {tokens.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No API tokens yet"
          description="Make one for each script or mail system, with the least role it needs."
        />
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Token</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((token) => (
                <TableRow key={token.id}>
                  <TableCell className="font-medium">{token.name}</TableCell>
                  <TableCell>{ROLE_LABELS[token.role]}</TableCell>
                  <TableCell className="font-mono text-xs">{token.prefix}…</TableCell>
                  <TableCell>
                    {formatDateTime(token.createdAt)}{" "}
                    <span className="text-muted-foreground">by {token.createdByName}</span>
                  </TableCell>
                  <TableCell>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</TableCell>
                  <TableCell>
                    {token.revokedAt ? (
                      <Badge variant="outline">Revoked</Badge>
                    ) : (
                      <Badge variant="success">Active</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    {token.revokedAt ? null : (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => revoke(token.id)}
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}

const NEW_TOKEN_WORDS = {
  trigger: "New token",
  formId: "new-token",
  title: "New API token",
  description: "Give it a name that says where it is used.",
  submit: "Create token",
  secretTitle: "Copy the token now",
  secretDescription: "It will not be shown again: only its hash is stored.",
  secretLabel: "Token secret",
};

async function createToken(form: FormData): Promise<string> {
  const body = Object.fromEntries(form) as TApiInput<"POST /api/v1/tokens">["body"];
  return (await callApi("POST /api/v1/tokens", { body })).secret;
}

function NewTokenDialog({ onCreated }: { onCreated: () => void }) {
  return (
    <SecretOnceDialog
      words={NEW_TOKEN_WORDS}
      create={createToken}
      describeError={(caught) => (caught instanceof Error ? caught.message : "Could not create the token")}
      onCreated={onCreated}
    >
      <div className="space-y-2">
        <Label htmlFor="token-name">Name</Label>
        <Input id="token-name" name="name" required maxLength={80} placeholder="e.g. postfix policy service" />
      </div>
      <div className="space-y-2">
        <Label htmlFor="token-role">Role</Label>
        <Select id="token-role" name="role" defaultValue="reader">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </Select>
      </div>
    </SecretOnceDialog>
  );
}
