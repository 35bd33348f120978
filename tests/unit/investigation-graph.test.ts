import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildInvestigationGraph,
  MAX_PER_GROUP,
  type TGraphSource,
} from "@/server/investigations/build-investigation-graph";

const victim = "megan@contoso.test";

function compromisedUser(overrides: Partial<TGraphSource> = {}): TGraphSource {
  return {
    investigation: {
      id: 7,
      name: `Compromised user: ${victim}`,
      status: "PendingAction",
      playbook: "CompromisedUser",
      users: [victim],
    },
    alerts: [
      { id: 1, title: `Email sending limit exceeded: ${victim}`, severity: "High" },
      { id: 2, title: `User restricted from sending email: ${victim}`, severity: "High" },
    ],
    alertTotal: 2,
    evidence: [
      { kind: "mailbox", entity: victim, verdict: "Malicious" },
      { kind: "forwarding", entity: `${victim} → drop@evil.test`, verdict: "Malicious" },
      { kind: "inboxRule", entity: `${victim}: “.”`, verdict: "Malicious" },
      { kind: "logon", entity: `${victim}: impossibleTravel`, verdict: "Suspicious" },
      { kind: "emailCluster", entity: "Sent by megan", verdict: "Malicious" },
    ],
    evidenceTotals: { mailbox: 1, forwarding: 1, inboxRule: 1, logon: 1, emailCluster: 1 },
    clusters: [{ id: 40, name: `Messages sent by ${victim}`, verdict: "Malicious", messageCount: 512 }],
    actions: [
      { id: 100, type: "softDelete", status: "Pending", entity: `Messages sent by ${victim}`, clusterId: 40 },
      { id: 101, type: "removeForwarding", status: "Pending", entity: `${victim} → drop@evil.test`, clusterId: null },
      { id: 102, type: "revokeSessions", status: "Completed", entity: victim, clusterId: null },
    ],
    mailboxes: [victim],
    restricted: [victim],
    ...overrides,
  };
}

const parentOf = (graph: ReturnType<typeof buildInvestigationGraph>, id: string) =>
  graph.edges.filter((edge) => edge.target === id).map((edge) => edge.source);

describe("the investigation graph", () => {
  it("leads from the alerts into the investigation, and from it to the user, the findings on the account and the actions on each", () => {
    const graph = buildInvestigationGraph(compromisedUser());
    expect(parentOf(graph, "investigation")).toEqual(["alert:1", "alert:2"]);
    const mailbox = graph.nodes.find((node) => node.id === `mailbox:${victim}`);
    expect(mailbox).toMatchObject({
      kind: "mailbox",
      verdict: "Malicious",
      isRestricted: true,
      href: `/mailboxes/${encodeURIComponent(victim)}`,
    });
    expect(mailbox?.detail).toBe("Investigated user · restricted");
    expect(parentOf(graph, `mailbox:${victim}`)).toEqual(["investigation"]);
    // Findings on the account hang under its mailbox, named without the address again.
    const forwarding = graph.nodes.find((node) => node.id === `finding:forwarding:${victim} → drop@evil.test`);
    expect(forwarding?.label).toBe("→ drop@evil.test");
    expect(parentOf(graph, forwarding!.id)).toEqual([`mailbox:${victim}`]);
    // Each action under what it acts on; a cluster opens its flyout and reads as one node with its count.
    expect(parentOf(graph, "action:100")).toEqual(["cluster:40"]);
    expect(parentOf(graph, "action:101")).toEqual([forwarding!.id]);
    expect(parentOf(graph, "action:102")).toEqual([`mailbox:${victim}`]);
    expect(graph.nodes.find((node) => node.id === "cluster:40")).toMatchObject({
      clusterId: 40,
      detail: "Email cluster · 512 messages",
    });
    expect(graph.nodes.find((node) => node.id === "action:100")?.href).toBe("/action-center?investigation=7");
    expect(graph.nodes.find((node) => node.id === "action:102")?.href).toBe(
      "/action-center?view=history&investigation=7",
    );
    // The cluster's own evidence row is the cluster node, not a second node.
    expect(graph.nodes.filter((node) => node.label.includes("Sent by megan"))).toEqual([]);
  });

  it("hangs the reported email's URLs, files, sender and IP under it, and links a reporter with no mailbox nowhere", () => {
    const graph = buildInvestigationGraph({
      investigation: {
        id: 9,
        name: "User-reported message: Invoice",
        status: "Running",
        playbook: "UserReportedMessage",
        users: ["rita@contoso.test"],
      },
      alerts: [{ id: 5, title: "Email reported by user as malware or phish: Invoice", severity: "Informational" }],
      alertTotal: 1,
      evidence: [
        { kind: "email", entity: "<abc@evil.test>", verdict: "Malicious" },
        { kind: "url", entity: "https://evil.test/login", verdict: "Malicious" },
        { kind: "file", entity: "ab".repeat(32), verdict: "Clean" },
        { kind: "ip", entity: "203.0.113.9", verdict: "Suspicious" },
        { kind: "sender", entity: "billing@evil.test", verdict: "Malicious" },
      ],
      evidenceTotals: { email: 1, url: 1, file: 1, ip: 1, sender: 1 },
      clusters: [],
      actions: [{ id: 1, type: "blockUrl", status: "Pending", entity: "https://evil.test/login", clusterId: null }],
      mailboxes: [],
      restricted: [],
    });
    const email = "email:email:<abc@evil.test>";
    expect(parentOf(graph, "action:1")).toEqual(["url:url:https://evil.test/login"]);
    for (const id of [
      "url:url:https://evil.test/login",
      `file:file:${"ab".repeat(32)}`,
      "ip:ip:203.0.113.9",
      "sender:sender:billing@evil.test",
    ]) {
      expect(parentOf(graph, id)).toEqual([email]);
    }
    expect(graph.nodes.find((node) => node.id === "mailbox:rita@contoso.test")).toMatchObject({
      detail: "Reporter",
      href: undefined,
    });
    expect(graph.entityCount).toBe(6);
  });

  it("turns a crowd into a few nodes and one '+N more' that opens the Entities tab, counting what the query left out", () => {
    const clickers = Array.from({ length: 30 }, (_, index) => ({
      kind: "mailbox",
      entity: `user${index}@contoso.test`,
      verdict: index === 29 ? ("Malicious" as const) : ("Clean" as const),
    }));
    const graph = buildInvestigationGraph(
      compromisedUser({
        evidence: clickers,
        evidenceTotals: { mailbox: 500 },
        alerts: Array.from({ length: 9 }, (_, id) => ({ id: id + 1, title: `Alert ${id}`, severity: "Low" as const })),
        alertTotal: 40,
      }),
    );
    const mailboxes = graph.nodes.filter((node) => node.kind === "mailbox");
    expect(mailboxes).toHaveLength(MAX_PER_GROUP - 1);
    // What needs a look comes first.
    expect(mailboxes[0].verdict).toBe("Malicious");
    const more = graph.nodes.find((node) => node.id === "more:investigation:mailboxes");
    // 31 mailboxes read (the victim and 30 clickers), 7 shown, and 470 the query did not send.
    expect(more).toMatchObject({ label: "+494 more mailboxes", href: "/investigations/7?tab=entities&kind=mailbox" });
    expect(graph.nodes.find((node) => node.id === "more:investigation:alerts")).toMatchObject({
      label: "+33 more alerts",
    });
    expect(parentOf(graph, "investigation")).toContain("more:investigation:alerts");
  });

  it("never draws an edge to a node it does not have, nor a node twice, nor more than a group's worth under one node", () => {
    const kinds = [
      "mailbox",
      "email",
      "url",
      "file",
      "ip",
      "sender",
      "campaign",
      "forwarding",
      "inboxRule",
      "logon",
      "mfaMethod",
      "emailCluster",
    ];
    const verdicts = ["Malicious", "Suspicious", "Clean", "Unknown"] as const;
    const entity = fc.oneof(
      fc.emailAddress(),
      fc.emailAddress().map((address) => `${address}: rule`),
      fc.webUrl(),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ kind: fc.constantFrom(...kinds), entity, verdict: fc.constantFrom(...verdicts) }), {
          selector: (item) => `${item.kind}|${item.entity}`,
          maxLength: 60,
        }),
        fc.array(
          fc.record({
            type: fc.constantFrom("softDelete", "removeForwarding", "revokeSessions"),
            entity,
            clusterId: fc.option(fc.constantFrom(40, 41), { nil: null }),
          }),
          { maxLength: 30 },
        ),
        (evidence, actions) => {
          const graph = buildInvestigationGraph(
            compromisedUser({
              evidence,
              evidenceTotals: Object.fromEntries(
                kinds.map((kind) => [kind, evidence.filter((item) => item.kind === kind).length]),
              ),
              actions: actions.map((action, id) => ({ ...action, id, status: "Pending" as const })),
            }),
          );
          const ids = graph.nodes.map((node) => node.id);
          expect(new Set(ids).size).toBe(ids.length);
          const known = new Set(ids);
          expect(graph.edges.filter((edge) => !known.has(edge.source) || !known.has(edge.target))).toEqual([]);
          // Every node but the investigation hangs by one edge: into it for an alert, out of its parent for the rest.
          const hangers = new Map<string, number>();
          for (const edge of graph.edges)
            for (const end of [edge.source, edge.target])
              if (end !== "investigation" && (end === edge.target) !== end.startsWith("alert:"))
                hangers.set(end, (hangers.get(end) ?? 0) + 1);
          expect(ids.filter((id) => id !== "investigation" && hangers.get(id) !== 1)).toEqual([]);
          const kindOf = new Map(graph.nodes.map((node) => [node.id, node.kind]));
          const children = new Map<string, number>();
          for (const edge of graph.edges) {
            const key = `${edge.source}|${kindOf.get(edge.target)}`;
            if (kindOf.get(edge.target) !== "more") children.set(key, (children.get(key) ?? 0) + 1);
          }
          for (const [key, count] of children) expect(count, key).toBeLessThanOrEqual(MAX_PER_GROUP);
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);
});
