import { notFound } from "@/server/http/app-error";
import { withRoute } from "@/server/http/with-route";
import { findMailboxConfigurations } from "@/server/mailboxes/get-mailbox-configuration";
import { ZMailboxParams } from "@/server/mailboxes/mailboxes.schemas";

export const GET = withRoute({ permission: "investigations:read", params: ZMailboxParams }, async ({ params }) => {
  const [mailbox] = await findMailboxConfigurations([params.address]);
  if (!mailbox) throw notFound(`Mailbox ${params.address}`);
  return mailbox;
});
