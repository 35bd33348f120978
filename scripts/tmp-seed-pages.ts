// Temporary: sample rows for looking at the console pages. Deleted after use.
import { prisma, disconnectPrisma } from "../src/server/db";

const h = (hours: number) => new Date(Date.now() - hours * 3_600_000);

const cu = await prisma.investigation.create({
  data: {
    name: "Email sending limit exceeded involving ryan.cho@contoso.test",
    playbook: "CompromisedUser",
    status: "PendingAction",
    detectionSource: "Email sending limit exceeded",
    users: ["ryan.cho@contoso.test"],
    createdAt: h(3),
    startedAt: h(3),
    threatCount: 4,
    actionCount: 5,
  },
});
await prisma.investigationStep.createMany({
  data: [
    { investigationId: cu.id, phase: "root", key: "sending-anomalies", name: "Sending anomalies against the user's baseline", position: 1, status: "Completed", risk: "High", findings: ["1,240 messages in 1 hour", "baseline 12/hour"], startedAt: h(3), endedAt: new Date(h(3).getTime() + 4000) },
    { investigationId: cu.id, phase: "root", key: "forwarding", name: "SMTP forwarding and inbox rules", position: 2, status: "Completed", risk: "High", findings: ["Forward to exfil@mailinator.test"], startedAt: h(3), endedAt: new Date(h(3).getTime() + 9000) },
    { investigationId: cu.id, phase: "root", key: "mfa", name: "MFA methods and devices added", position: 3, status: "Completed", findings: [], startedAt: h(3), endedAt: new Date(h(3).getTime() + 2000) },
    { investigationId: cu.id, phase: "hunting", key: "sent-by-user", name: "Messages sent by the user", position: 4, status: "Completed", risk: "Medium", findings: ["1 cluster"], startedAt: h(3), endedAt: new Date(h(3).getTime() + 30000) },
    { investigationId: cu.id, phase: "remediation", key: "recommend", name: "Recommend response actions", position: 5, status: "Running", startedAt: h(2.9) },
  ],
});
await prisma.investigationLog.createMany({
  data: [
    { investigationId: cu.id, at: h(3), message: "Investigation started by alert 1" },
    { investigationId: cu.id, at: h(2.99), stepKey: "sending-anomalies", message: "1,240 messages in the last hour against a baseline of 12 per hour" },
    { investigationId: cu.id, at: h(2.98), stepKey: "forwarding", level: "warn", message: "Inbox rule 'xx' forwards all mail to exfil@mailinator.test and marks it read" },
    { investigationId: cu.id, at: h(2.9), stepKey: "recommend", message: "5 actions recommended; waiting for approval" },
  ],
});
await prisma.evidence.createMany({
  data: [
    { investigationId: cu.id, kind: "mailbox", entity: "ryan.cho@contoso.test", verdict: "Suspicious", stepKey: "sending-anomalies" },
    { investigationId: cu.id, kind: "inboxRule", entity: "ryan.cho@contoso.test: 'xx' forward to exfil@mailinator.test", verdict: "Malicious", stepKey: "forwarding" },
    { investigationId: cu.id, kind: "ip", entity: "198.51.100.23", verdict: "Suspicious", stepKey: "sending-anomalies" },
  ],
});
const cluster = await prisma.emailCluster.create({
  data: { investigationId: cu.id, kind: "sentByUser", name: "Messages sent by ryan.cho@contoso.test, last 24 hours", query: { sender: "ryan.cho@contoso.test" }, queryText: "SenderFromAddress == 'ryan.cho@contoso.test' and Timestamp > ago(1d)", verdict: "Malicious", messageCount: 1240 },
});
const mk = (data: Record<string, unknown>) => prisma.action.create({ data: { dedupKey: crypto.randomUUID(), source: "AutomatedInvestigation", entity: "ryan.cho@contoso.test", investigationId: cu.id, ...data } as never });
await mk({ type: "softDelete", entity: "Messages sent by ryan.cho@contoso.test, last 24 hours", clusterId: cluster.id, createdAt: h(2.9) });
await mk({ type: "disableInboxRule", entity: "Inbox rule 'xx' of ryan.cho@contoso.test", createdAt: h(2.9) });
await mk({ type: "revokeSessions", createdAt: h(2.9) });
await mk({ type: "resetPassword", status: "Completed", decidedBy: "User", decidedByName: "Olga Operator", decidedAt: h(1), comment: "Confirmed with the user by phone", createdAt: h(2.9) });
await mk({ type: "removeForwarding", status: "Rejected", decidedBy: "User", decidedByName: "Olga Operator", decidedAt: h(1.5), comment: "Forwarding is to the user's own archive", createdAt: h(2.9) });

const urm = await prisma.investigation.create({
  data: { name: "User-reported message: 'Your mailbox is almost full'", playbook: "UserReportedMessage", status: "Remediated", detectionSource: "Email reported by user as malware or phish", users: ["ana.silva@contoso.test", "li.wei@contoso.test", "omar.haddad@contoso.test"], createdAt: h(26), startedAt: h(26), endedAt: h(25.8), threatCount: 2, actionCount: 1 },
});
const c2 = await prisma.emailCluster.create({ data: { investigationId: urm.id, kind: "similarUrls", name: "Similar URLs: mailbox-quota.example", query: {}, queryText: "Url has 'mailbox-quota.example'", verdict: "Malicious", messageCount: 37 } });
await prisma.action.create({ data: { dedupKey: crypto.randomUUID(), investigationId: urm.id, clusterId: c2.id, type: "softDelete", source: "AutomatedInvestigation", status: "Completed", entity: "Similar URLs: mailbox-quota.example", decidedBy: "Automation", decidedAt: h(25.8), createdAt: h(25.9), successCount: 37 } });
const manual = await prisma.investigation.create({ data: { name: "Manual investigation on 3 messages", playbook: "Manual", status: "Running", detectionSource: "Investigation triggered manually", users: ["ben.ng@contoso.test"], createdAt: h(0.2), startedAt: h(0.2) } });
await prisma.investigation.create({ data: { name: "User-reported message: 'Lunch on Friday?'", playbook: "UserReportedMessage", status: "NoThreatsFound", detectionSource: "Email reported by user as malware or phish", users: ["kim.lee@contoso.test"], createdAt: h(50), startedAt: h(50), endedAt: h(49.99) } });
await prisma.investigation.create({ data: { name: "Suspicious email sending patterns involving tom.b@contoso.test", playbook: "CompromisedUser", status: "Starting", detectionSource: "Suspicious email sending patterns detected", users: ["tom.b@contoso.test"], createdAt: h(0.01) } });

const r1 = await prisma.restrictedUser.create({ data: { address: "ryan.cho@contoso.test", reason: "Email sending limit exceeded (10,000 recipients per day)", restrictedAt: h(3) } });
const r2 = await prisma.restrictedUser.create({ data: { address: "sam.patel@contoso.test", reason: "Suspicious email sending patterns", restrictedAt: h(40), releasedAt: h(20), releasedByName: "Olga Operator", releaseReason: "Password reset and forwarding removed" } });

const alert = (data: Record<string, unknown>) => prisma.alert.create({ data: { category: "Threat management", detectionSource: "Breakwater detection", ...data } as never });
await alert({ policyId: "email-sending-limit-exceeded", title: "Email sending limit exceeded", severity: "Medium", status: "InProgress", userAddress: "ryan.cho@contoso.test", eventCount: 3, firstActivity: h(3.2), lastActivity: h(3), createdAt: h(3), investigationId: cu.id, details: { recipientsLastDay: 10_412, limitPerDay: 10_000, messagesLastHour: 1240, topRecipientDomains: ["gmail.test", "yahoo.test"], window: { from: h(27).toISOString(), to: h(3).toISOString() } } });
await alert({ policyId: "user-restricted-from-sending", title: "User restricted from sending email", severity: "High", status: "New", userAddress: "ryan.cho@contoso.test", firstActivity: h(3), lastActivity: h(3), createdAt: h(3), restrictedUserId: r1.id, investigationId: cu.id, details: { reason: "Outbound limit exceeded", isAutomatic: true } });
await alert({ policyId: "user-restricted-from-sending", title: "User restricted from sending email", severity: "High", status: "Resolved", userAddress: "sam.patel@contoso.test", firstActivity: h(40), lastActivity: h(40), createdAt: h(40), restrictedUserId: r2.id });
await alert({ policyId: "email-reported-by-user", title: "Email reported by user as malware or phish", severity: "Informational", status: "Resolved", userAddress: "ana.silva@contoso.test", eventCount: 3, firstActivity: h(26), lastActivity: h(25), createdAt: h(26), investigationId: urm.id, details: { subject: "Your mailbox is almost full", sender: "it-support@mailbox-quota.example", reporters: ["ana.silva@contoso.test", "li.wei@contoso.test", "omar.haddad@contoso.test"] } });
await alert({ policyId: "investigation-triggered-manually", title: "Investigation triggered manually", severity: "Informational", status: "New", userAddress: "ben.ng@contoso.test", firstActivity: h(0.2), lastActivity: h(0.2), createdAt: h(0.2), investigationId: manual.id, details: { triggeredBy: "Olga Operator", messageCount: 3 } });
await alert({ policyId: "suspicious-email-sending-patterns", title: "Suspicious email sending patterns detected", severity: "Medium", status: "New", userAddress: "tom.b@contoso.test", eventCount: 14, firstActivity: h(1), lastActivity: h(0.01), createdAt: h(0.01), details: { sentLastHour: 180, baselinePerHour: 9, externalRecipientShare: 0.92, spamVerdictShare: 0.4 } });
for (let i = 0; i < 30; i++) {
  await alert({ policyId: "email-reported-by-user", title: "Email reported by user as malware or phish", severity: "Informational", status: "Resolved", userAddress: `user${i}@contoso.test`, firstActivity: h(24 * 3 + i), lastActivity: h(24 * 3 + i), createdAt: h(24 * 3 + i) });
}
console.log("seeded", { cu: cu.id, urm: urm.id });
await disconnectPrisma();
