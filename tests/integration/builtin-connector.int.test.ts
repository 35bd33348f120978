// The built-in connector keeps the same contract as the Postfix/Dovecot one: its mail system is the tenant store, so
// delivering is the EmailEvents themselves and a folder is where an EmailEvent last was.
import { FOLDERS } from "@/server/actions/email-locations";
import { builtinConnector } from "@/server/connectors/builtin/builtin-connector";
import { prisma } from "@/server/db";
import { uniqueTag } from "../factories/console";
import { describeMailConnector } from "../support/mail-connector-contract";

const domain = `builtin-${uniqueTag()}.test`;
const mailboxes = Array.from({ length: 4 }, (_, index) => `user${index + 1}@${domain}`);

const copiesOf = (messageId: string, users: string[]) =>
  prisma.emailEvent.findMany({ where: { internetMessageId: messageId, recipientEmailAddress: { in: users } } });

describeMailConnector("built-in", {
  mailboxes: () => mailboxes,
  connector: async () => builtinConnector,
  // The campaign's EmailEvents are its delivery: they arrive in the Inbox.
  deliver: async () => undefined,
  fileIn: async (user, messageId, folder) => {
    const location = Object.entries(FOLDERS).find(([, name]) => name === folder)![0];
    await prisma.emailEvent.updateMany({
      where: { internetMessageId: messageId, recipientEmailAddress: user },
      data: { latestDeliveryLocation: location },
    });
  },
  foldersHolding: async (messageId, users) => {
    const copies = await copiesOf(messageId, users);
    return Object.fromEntries(
      users.map((user) => [
        user,
        copies
          .filter((copy) => copy.recipientEmailAddress === user)
          .flatMap((copy) => FOLDERS[copy.latestDeliveryLocation as keyof typeof FOLDERS] ?? []),
      ]),
    );
  },
});
