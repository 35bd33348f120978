"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/console/form-error";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { apiErrorMessage, callApi, type TApiInput } from "@/lib/api-client";
import { ROLE_LABELS, ROLES } from "@/lib/roles";

export function NewUserDialog() {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The API names whatever field is missing or invalid.
    const form = Object.fromEntries(new FormData(event.currentTarget)) as TApiInput<"POST /api/v1/users">["body"];
    setIsPending(true);
    setError(null);
    try {
      await callApi("POST /api/v1/users", { body: form });
      setIsOpen(false);
      router.refresh();
    } catch (caught) {
      setError(apiErrorMessage(caught, "Could not create the user"));
    } finally {
      setIsPending(false);
    }
  }

  return (
    <Dialog open={isOpen} onOpenChange={(open) => (setIsOpen(open), setError(null))}>
      <DialogTrigger asChild>
        <Button>New user</Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>New user</DialogTitle>
            <DialogDescription>
              They sign in with this email and password; they can be disabled at any time.
            </DialogDescription>
          </DialogHeader>
          <div className="space-y-2">
            <Label htmlFor="new-user-name">Name</Label>
            <Input id="new-user-name" name="name" required maxLength={120} />
          </div>
          <div className="space-y-2">
            <Label htmlFor="new-user-email">Email</Label>
            <Input id="new-user-email" name="email" type="email" required />
          </div>
          <div className="space-y-2">
            <Label htmlFor="new-user-role">Role</Label>
            <Select id="new-user-role" name="role" defaultValue="reader">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-2">
            <Label htmlFor="new-user-password">Initial password</Label>
            <Input
              id="new-user-password"
              name="password"
              type="password"
              minLength={12}
              required
              autoComplete="new-password"
            />
            <p className="text-xs text-muted-foreground">At least 12 characters.</p>
          </div>
          <FormError message={error} />
          <DialogFooter>
            <Button type="submit" disabled={isPending}>
              {isPending ? "Creating…" : "Create user"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
