import { notFound } from "@/server/http/app-error";
import { withRoute } from "@/server/http/with-route";
import { findMailboxConfigurations } from "@/server/mailboxes/get-mailbox-configuration";
import { MAILBOX_ROUTES } from "@/server/mailboxes/mailboxes.contracts";

export const GET = withRoute(MAILBOX_ROUTES.configuration, async ({ params }) => {
  const [mailbox] = await findMailboxConfigurations([params.address]);
  if (!mailbox) throw notFound(`Mailbox ${params.address}`);
  return mailbox;
});
