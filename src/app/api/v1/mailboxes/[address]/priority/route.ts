import { withRoute } from "@/server/http/with-route";
import { ZMailboxParams, ZPriorityBody } from "@/server/mailboxes/mailboxes.schemas";
import { setMailboxPriority } from "@/server/mailboxes/set-mailbox-priority";

export const PUT = withRoute({ permission: "settings:write", params: ZMailboxParams, body: ZPriorityBody }, ({ params, body, principal }) =>
  setMailboxPriority(params.address, body.isPriority, principal),
);
