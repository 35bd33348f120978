"use client";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

export function PreviewDialog() {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button>Approve</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Approve 3 actions?</DialogTitle>
          <DialogDescription>Soft delete moves 1,204 messages to Recoverable Items. You can undo it from History.</DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="comment">Comment</Label>
          <Textarea id="comment" placeholder="Why (optional)" />
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <DialogClose asChild>
            <Button>Approve</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
