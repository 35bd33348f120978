// `npm run token -- create --name NAME --role reader|operator|admin` prints a new API token once;
// `npm run token -- list`, `npm run token -- revoke ID`.
import { parseArgs } from "node:util";
import { errorText } from "../src/lib/error-text";
import { withDatabase } from "./lib/database";

const USAGE = "usage: npm run token -- create --name NAME --role reader|operator|admin | list | revoke ID";
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, role: { type: "string" } },
});
const [command, id] = positionals;

await withDatabase(async () => {
  const { SYSTEM } = await import("../src/server/auth/principal");
  const { createToken, listTokens, revokeToken } = await import("../src/server/tokens/tokens.service");
  const { ZCreateTokenSchema } = await import("../src/server/tokens/tokens.schemas");
  const actor = { ...SYSTEM, name: "command line" };
  if (command === "create") {
    const input = ZCreateTokenSchema.safeParse({ name: values.name, role: values.role });
    if (!input.success)
      throw new Error(
        `${input.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}\n${USAGE}`,
      );
    const token = await createToken(input.data, actor);
    console.log(JSON.stringify({ id: token.id, name: token.name, role: token.role, token: token.secret }, null, 2));
    console.error("Store the token now: it is not shown again.");
  } else if (command === "list") {
    console.log(JSON.stringify(await listTokens(), null, 2));
  } else if (command === "revoke" && id) {
    await revokeToken(id, actor);
    console.log(`revoked ${id}`);
  } else {
    throw new Error(USAGE);
  }
  const { disconnectPrisma } = await import("../src/server/db");
  await disconnectPrisma();
}).catch((error) => {
  console.error(errorText(error));
  process.exit(2);
});
