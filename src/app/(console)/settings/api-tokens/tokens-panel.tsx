"use client";

import { FormError } from "@/components/console/form-error";
import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiRequest } from "@/lib/api-client";
import { ROLE_LABELS, ROLES, type TRole } from "@/lib/roles";
import { formatDateTime } from "@/lib/utils";

type TTokenRow = { id: string; name: string; role: TRole; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; createdByName: string };

export function TokensPanel({ tokens }: { tokens: TTokenRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function revoke(id: string) {
    setError(null);
    try {
      await apiRequest("DELETE", `/api/v1/tokens/${id}`);
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
        <EmptyState icon={KeyRound} title="No API tokens yet" description="Make one for each script or mail system, with the least role it needs." />
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
                <TableHead><span className="sr-only">Actions</span></TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((token) => (
                <TableRow key={token.id}>
                  <TableCell className="font-medium">{token.name}</TableCell>
                  <TableCell>{ROLE_LABELS[token.role]}</TableCell>
                  <TableCell className="font-mono text-xs">{token.prefix}…</TableCell>
                  <TableCell>{formatDateTime(token.createdAt)} <span className="text-muted-foreground">by {token.createdByName}</span></TableCell>
                  <TableCell>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</TableCell>
                  <TableCell>{token.revokedAt ? <Badge variant="outline">Revoked</Badge> : <Badge variant="success">Active</Badge>}</TableCell>
                  <TableCell className="text-right">
                    {token.revokedAt ? null : (
                      <Button variant="ghost" size="sm" onClick={() => revoke(token.id)} aria-label={`Revoke ${token.name}`}>
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

function NewTokenDialog({ onCreated }: { onCreated: () => void }) {
  const [isOpen, setIsOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const created = await apiRequest<{ secret: string }>("POST", "/api/v1/tokens", Object.fromEntries(new FormData(event.currentTarget)));
      setSecret(created.secret);
      onCreated();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not create the token");
    }
  }

  return (
    <Dialog open={isOpen} onOpenChange={(open) => (setIsOpen(open), setSecret(null), setError(null))}>
      <DialogTrigger asChild>
        <Button>New token</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{secret ? "Copy the token now" : "New API token"}</DialogTitle>
          <DialogDescription>
            {secret ? "It will not be shown again: only its hash is stored." : "Give it a name that says where it is used."}
          </DialogDescription>
        </DialogHeader>
        {secret ? (
          <Input readOnly value={secret} aria-label="Token secret" className="font-mono text-xs" onFocus={(event) => event.currentTarget.select()} />
        ) : (
          <form id="new-token" onSubmit={onSubmit} className="space-y-4">
            <div className="space-y-2">
              <Label htmlFor="token-name">Name</Label>
              <Input id="token-name" name="name" required maxLength={80} placeholder="e.g. postfix policy service" />
            </div>
            <div className="space-y-2">
              <Label htmlFor="token-role">Role</Label>
              <Select id="token-role" name="role" defaultValue="reader">
                {ROLES.map((role) => (
                  <option key={role} value={role}>{ROLE_LABELS[role]}</option>
                ))}
              </Select>
            </div>
            <FormError message={error} />
          </form>
        )}
        <DialogFooter>
          {secret ? (
            <Button onClick={() => setIsOpen(false)}>Done</Button>
          ) : (
            <Button type="submit" form="new-token">Create token</Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
