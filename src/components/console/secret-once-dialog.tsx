"use client";

import { useState, type FormEvent, type ReactNode } from "react";
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

type TSecretOnceDialogProps = {
  /** Names the trigger button, the form and the submit button. */
  words: {
    trigger: string;
    formId: string;
    title: string;
    description: string;
    submit: string;
    secretTitle: string;
    secretDescription: string;
    secretLabel: string;
  };
  /** Creates the thing from the form's fields and answers its secret. */
  create: (form: FormData) => Promise<string>;
  describeError: (caught: unknown) => string;
  onCreated: () => void;
  /** The form's fields (and nothing else: the error and the submit button are the dialog's). */
  children: ReactNode;
};

/** Makes something with a secret (an API token, a webhook), then shows the secret: the one time it can be copied. */
export function SecretOnceDialog({ words, create, describeError, onCreated, children }: TSecretOnceDialogProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      setSecret(await create(new FormData(event.currentTarget)));
      onCreated();
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <Dialog open={isOpen} onOpenChange={(open) => (setIsOpen(open), setSecret(null), setError(null))}>
      <DialogTrigger asChild>
        <Button>{words.trigger}</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{secret ? words.secretTitle : words.title}</DialogTitle>
          <DialogDescription>{secret ? words.secretDescription : words.description}</DialogDescription>
        </DialogHeader>
        {secret ? (
          <Input
            readOnly
            value={secret}
            aria-label={words.secretLabel}
            className="font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
        ) : (
          <form id={words.formId} onSubmit={onSubmit} className="space-y-4">
            {children}
            <FormError message={error} />
          </form>
        )}
        <DialogFooter>
          {secret ? (
            <Button onClick={() => setIsOpen(false)}>Done</Button>
          ) : (
            <Button type="submit" form={words.formId}>
              {words.submit}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
