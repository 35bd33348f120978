import type { ActionStatus, InvestigationStatus, Playbook, Severity, Verdict } from "@/generated/prisma/enums";
import { entityKindLabel, entityKindPlural } from "@/lib/entity-kind-labels";
import { ACTION_STATUS_LABELS, actionTypeLabel } from "@/lib/labels";

// The Investigation graph, as data: alert → investigation → mailboxes, emails, clusters, URLs, files, IPs and what the
// checks found on each account → the actions recommended on them. Pure, so it is tested without a database; the page
// lays it out and draws it (React Flow, dagre).

export type TGraphNodeKind =
  | "alert"
  | "investigation"
  | "mailbox"
  | "email"
  | "cluster"
  | "url"
  | "file"
  | "ip"
  | "sender"
  | "campaign"
  | "finding"
  | "action"
  | "more";

export type TGraphNode = {
  id: string;
  kind: TGraphNodeKind;
  label: string;
  /** A second line: what the entity is to this investigation, a count, a status. */
  detail?: string;
  verdict?: Verdict;
  /** Where a click goes: an entity's page, a tab of this investigation, the Action center. */
  href?: string;
  /** A cluster opens its flyout on this page instead. */
  clusterId?: number;
  isRestricted?: boolean;
};

export type TGraphEdge = { id: string; source: string; target: string };

export type TInvestigationGraph = { nodes: TGraphNode[]; edges: TGraphEdge[]; entityCount: number };

export type TGraphSource = {
  investigation: { id: number; name: string; status: InvestigationStatus; playbook: Playbook; users: string[] };
  /** The first alerts; alertTotal counts them all. */
  alerts: { id: number; title: string; severity: Severity }[];
  alertTotal: number;
  /** May hold only the first rows of each kind (see evidenceTotals); the rest is counted in a "more" node. */
  evidence: { kind: string; entity: string; verdict: Verdict }[];
  evidenceTotals: Record<string, number>;
  clusters: { id: number; name: string; verdict: Verdict; messageCount: number }[];
  actions: { id: number; type: string; status: ActionStatus; entity: string; clusterId: number | null }[];
  /** Addresses that have a mailbox in the tenant store (a page to open). */
  mailboxes: string[];
  /** Addresses restricted from sending right now. */
  restricted: string[];
};

/** More than this many of one kind under one node read as one "+N more" node that opens the Entities tab. */
export const MAX_PER_GROUP = 8;

const ENTITY_KINDS: Record<string, TGraphNodeKind> = {
  email: "email",
  url: "url",
  file: "file",
  ip: "ip",
  sender: "sender",
  campaign: "campaign",
};
// Kinds the checks of an account record as "<address>: what" or "<address> → where".
const ACCOUNT_FINDINGS = new Set(["forwarding", "inboxRule", "mfaMethod", "appConsent", "role", "logon"]);
// Hung under the reported email when there is one: they are its parts.
const PARTS_OF_EMAIL = new Set(["url", "file", "ip", "sender", "campaign"]);
// The clusters table is what a cluster node shows; its evidence row repeats it.
const SKIPPED_KINDS = new Set(["emailCluster"]);
const PENDING_FIRST: Record<Verdict, number> = { Malicious: 0, Suspicious: 1, Unknown: 2, Clean: 3 };

export function buildInvestigationGraph(source: TGraphSource): TInvestigationGraph {
  const { investigation } = source;
  const nodes: TGraphNode[] = [];
  const edges: TGraphEdge[] = [];
  const base = `/investigations/${investigation.id}`;
  const root = "investigation";
  const link = (from: string, to: string) => edges.push({ id: `${from}->${to}`, source: from, target: to });

  /** Adds children under a parent, at most MAX_PER_GROUP of them; the rest (and `hidden` more) as one node. */
  function addGroup(
    parent: string,
    group: string,
    children: TGraphNode[],
    more: { label: string; href: string; hidden?: number },
  ) {
    const sorted = [...children].sort(
      (a, b) => PENDING_FIRST[a.verdict ?? "Unknown"] - PENDING_FIRST[b.verdict ?? "Unknown"],
    );
    const shown = sorted.length > MAX_PER_GROUP ? sorted.slice(0, MAX_PER_GROUP - 1) : sorted;
    for (const child of shown) {
      nodes.push(child);
      link(parent, child.id);
    }
    const rest = sorted.length - shown.length + (more.hidden ?? 0);
    if (rest > 0) {
      const id = `more:${parent}:${group}`;
      nodes.push({ id, kind: "more", label: `+${rest.toLocaleString("en-US")} more ${more.label}`, href: more.href });
      link(parent, id);
    }
  }

  nodes.push({
    id: root,
    kind: "investigation",
    label: investigation.name,
    detail: `Investigation ${investigation.id}`,
    href: `${base}?tab=summary`,
  });
  addGroup(
    root,
    "alerts",
    source.alerts.map((alert) => ({
      id: `alert:${alert.id}`,
      kind: "alert" as const,
      label: alert.title,
      detail: `${alert.severity} alert`,
      href: `/alerts/${alert.id}`,
    })),
    { label: "alerts", href: `${base}?tab=alerts`, hidden: Math.max(0, source.alertTotal - source.alerts.length) },
  );
  // Alerts lead into the investigation: the edges go that way so the layout puts them first.
  for (const edge of edges) Object.assign(edge, { id: `${edge.target}->${root}`, source: edge.target, target: root });

  const evidence = source.evidence.filter((item) => !SKIPPED_KINDS.has(item.kind));
  const restricted = new Set(source.restricted.map((address) => address.toLowerCase()));
  const hasMailbox = new Set(source.mailboxes.map((address) => address.toLowerCase()));

  // Mailboxes: the users the run is about, then every mailbox the evidence names.
  const mailboxVerdicts = new Map<string, Verdict>();
  for (const user of investigation.users) mailboxVerdicts.set(user.toLowerCase(), "Unknown");
  for (const item of evidence)
    if (item.kind === "mailbox") mailboxVerdicts.set(item.entity.toLowerCase(), item.verdict);
  const subjects = new Set(investigation.users.map((user) => user.toLowerCase()));
  const mailboxNodes = [...mailboxVerdicts].map(
    ([address, verdict]): TGraphNode => ({
      id: `mailbox:${address}`,
      kind: "mailbox",
      label: address,
      detail: [
        subjects.has(address)
          ? investigation.playbook === "CompromisedUser"
            ? "Investigated user"
            : "Reporter"
          : "Mailbox",
        restricted.has(address) ? "restricted" : null,
      ]
        .filter(Boolean)
        .join(" · "),
      verdict,
      isRestricted: restricted.has(address),
      href: mailboxHref(address, hasMailbox.has(address), restricted.has(address)),
    }),
  );
  const hiddenMailboxes = Math.max(
    0,
    (source.evidenceTotals.mailbox ?? 0) - evidence.filter((item) => item.kind === "mailbox").length,
  );
  addGroup(root, "mailboxes", mailboxNodes, {
    label: "mailboxes",
    href: `${base}?tab=entities&kind=mailbox`,
    hidden: hiddenMailboxes,
  });

  // What the checks found on each account hangs under that account's mailbox.
  const findingsByParent = new Map<string, TGraphNode[]>();
  const entityNodes: TGraphNode[] = [];
  for (const item of evidence) {
    if (item.kind === "mailbox") continue;
    if (ACCOUNT_FINDINGS.has(item.kind)) {
      const owner = ownerOf(item.entity, mailboxVerdicts);
      const parent = owner && nodes.some((node) => node.id === `mailbox:${owner}`) ? `mailbox:${owner}` : root;
      const node: TGraphNode = {
        id: `finding:${item.kind}:${item.entity}`,
        kind: "finding",
        label: withoutOwner(item.entity, owner),
        detail: entityKindLabel(item.kind),
        verdict: item.verdict,
        href: `${base}?tab=entities&kind=${item.kind}`,
      };
      findingsByParent.set(parent, [...(findingsByParent.get(parent) ?? []), node]);
      continue;
    }
    const kind = ENTITY_KINDS[item.kind] ?? "finding";
    entityNodes.push({
      id: `${kind}:${item.kind}:${item.entity}`,
      kind,
      label: item.entity,
      detail: entityKindLabel(item.kind),
      verdict: item.verdict,
      href: `${base}?tab=entities&kind=${item.kind}`,
    });
  }
  for (const [parent, children] of findingsByParent)
    addGroup(parent, "findings", children, { label: "findings", href: `${base}?tab=entities` });

  // The reported email, and its URLs, files, sender and sending IP under it.
  const emails = entityNodes.filter((node) => node.kind === "email");
  const emailParent = emails.length === 1 ? emails[0].id : root;
  const kinds = [...new Set(evidence.map((item) => item.kind))].filter(
    (kind) => kind !== "mailbox" && !ACCOUNT_FINDINGS.has(kind),
  );
  for (const kind of kinds) {
    const children = entityNodes.filter((node) => node.id.startsWith(`${ENTITY_KINDS[kind] ?? "finding"}:${kind}:`));
    const parent = PARTS_OF_EMAIL.has(kind) ? emailParent : root;
    const hidden = Math.max(
      0,
      (source.evidenceTotals[kind] ?? 0) - evidence.filter((item) => item.kind === kind).length,
    );
    addGroup(parent, kind, children, {
      label: entityKindPlural(kind),
      href: `${base}?tab=entities&kind=${kind}`,
      hidden,
    });
  }

  // Clusters are one node each, however many messages they hold: the flyout lists them.
  addGroup(
    root,
    "clusters",
    source.clusters.map((cluster) => ({
      id: `cluster:${cluster.id}`,
      kind: "cluster" as const,
      label: cluster.name,
      detail: `Email cluster · ${cluster.messageCount.toLocaleString("en-US")} message${cluster.messageCount === 1 ? "" : "s"}`,
      verdict: cluster.verdict,
      clusterId: cluster.id,
    })),
    { label: "clusters", href: `${base}?tab=summary` },
  );

  // Each action under what it acts on: its cluster, the finding it removes, the URL or sender it blocks, the mailbox,
  // or the run itself.
  const actionsByParent = new Map<string, TGraphNode[]>();
  const nodeIds = new Set(nodes.map((node) => node.id));
  for (const action of source.actions) {
    const candidates = [
      action.clusterId !== null ? `cluster:${action.clusterId}` : null,
      ...[...ACCOUNT_FINDINGS].map((kind) => `finding:${kind}:${action.entity}`),
      // Block URL and Block sender act on the URL or the sender the email carried.
      ...Object.entries(ENTITY_KINDS).map(([kind, nodeKind]) => `${nodeKind}:${kind}:${action.entity}`),
      `mailbox:${action.entity.toLowerCase()}`,
    ];
    const parent = candidates.find((id): id is string => id !== null && nodeIds.has(id)) ?? root;
    const node: TGraphNode = {
      id: `action:${action.id}`,
      kind: "action",
      label: actionTypeLabel(action.type),
      detail: ACTION_STATUS_LABELS[action.status],
      href: `/action-center?${action.status === "Pending" ? "" : "view=history&"}investigation=${investigation.id}`,
    };
    actionsByParent.set(parent, [...(actionsByParent.get(parent) ?? []), node]);
  }
  for (const [parent, children] of actionsByParent)
    addGroup(parent, "actions", children, { label: "actions", href: `${base}?tab=pending` });

  const entityCount = nodes.filter(
    (node) => node.kind !== "investigation" && node.kind !== "alert" && node.kind !== "action" && node.kind !== "more",
  ).length;
  return { nodes, edges, entityCount };
}

/** A mailbox opens its page; with no mailbox in the tenant store, its restriction (when there is one). */
function mailboxHref(address: string, hasMailbox: boolean, isRestricted: boolean): string | undefined {
  if (hasMailbox) return `/mailboxes/${encodeURIComponent(address)}`;
  if (isRestricted) return `/restricted-users?state=all&user=${encodeURIComponent(address)}`;
  return undefined;
}

/** "alice@contoso.test: hidden rule" and "alice@contoso.test → x@evil.test" belong to alice's mailbox. */
function ownerOf(entity: string, mailboxes: Map<string, Verdict>): string | null {
  const match = /^([^\s:→]+@[^\s:→]+)\s*(?::|→)/.exec(entity);
  const address = match?.[1].toLowerCase() ?? null;
  return address && mailboxes.has(address) ? address : null;
}

function withoutOwner(entity: string, owner: string | null): string {
  if (!owner) return entity;
  return (
    entity
      .slice(owner.length)
      .replace(/^\s*:\s*/, "")
      .trim() || entity
  );
}
