import { withRoute } from "@/server/http/with-route";
import { MAILBOX_ROUTES } from "@/server/mailboxes/mailboxes.contracts";
import { setMailboxPriority } from "@/server/mailboxes/set-mailbox-priority";

export const PUT = withRoute(MAILBOX_ROUTES.setPriority, ({ params, body, principal }) =>
  setMailboxPriority(params.address, body.isPriority, principal),
);
