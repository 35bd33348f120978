import { prisma } from "@/server/db";

/**
 * Settings › Mail system › Allowed internal hosts, as an admin saves it: tests whose receivers and mail servers run on
 * loopback allow it by setting, as the sandbox does (nothing internal is reachable by default).
 */
export async function allowInternalHosts(hosts: string[] = ["127.0.0.1"]) {
  await prisma.mailSystemSettings.upsert({
    where: { id: 1 },
    create: { id: 1, allowedInternalHosts: hosts },
    update: { allowedInternalHosts: hosts },
  });
}
