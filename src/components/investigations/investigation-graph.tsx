"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import {
  AtSign,
  Bell,
  FileText,
  Globe,
  Layers,
  Link2,
  Mail,
  Megaphone,
  MoreHorizontal,
  Search,
  ShieldAlert,
  UserRound,
  Wrench,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { ClusterLink } from "@/components/clusters/cluster-link";
import { VerdictBadge } from "@/components/console/status-badges";
import { GRAPH_NODE_HEIGHT, GRAPH_NODE_WIDTH, layoutLeftToRight } from "@/lib/graph-layout";
import { cn } from "@/lib/utils";
import type {
  TGraphNode,
  TGraphNodeKind,
  TInvestigationGraph,
} from "@/server/investigations/build-investigation-graph";

const ICONS: Record<TGraphNodeKind, LucideIcon> = {
  alert: Bell,
  investigation: Search,
  mailbox: UserRound,
  email: Mail,
  cluster: Layers,
  url: Link2,
  file: FileText,
  ip: Globe,
  sender: AtSign,
  campaign: Megaphone,
  finding: ShieldAlert,
  action: Wrench,
  more: MoreHorizontal,
};

// The verdict shows twice: as a coloured edge here (seen at a glance across the graph) and in words on the badge.
const VERDICT_EDGE: Record<string, string> = {
  Malicious: "border-l-high",
  Suspicious: "border-l-medium",
  Clean: "border-l-success",
  Unknown: "border-l-border",
};

type TFlowNode = Node<{ entity: TGraphNode }, "entity">;

function NodeBody({ entity }: { entity: TGraphNode }) {
  const Icon = ICONS[entity.kind];
  return (
    <span className="flex min-w-0 items-start gap-2">
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium" title={entity.label}>
          {entity.label}
        </span>
        <span className="mt-0.5 flex items-center gap-1.5 text-xs text-muted-foreground">
          {entity.verdict && entity.verdict !== "Unknown" ? <VerdictBadge verdict={entity.verdict} /> : null}
          {entity.detail ? <span className="truncate">{entity.detail}</span> : null}
        </span>
      </span>
    </span>
  );
}

function EntityNode({ data: { entity } }: NodeProps<TFlowNode>) {
  const box = cn(
    // React Flow turns pointer events off on nodes that are neither selectable nor draggable; the link takes them back.
    "pointer-events-auto flex h-full w-full items-center rounded-md border border-l-4 bg-card px-2.5 py-1.5 text-left text-foreground shadow-xs",
    VERDICT_EDGE[entity.verdict ?? "Unknown"],
    entity.kind === "investigation" && "border-primary/60 bg-accent",
    (entity.href || entity.clusterId) && "hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring",
  );
  const label = `${entity.label}${entity.detail ? ` (${entity.detail})` : ""}${entity.verdict && entity.verdict !== "Unknown" ? `, ${entity.verdict}` : ""}`;
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} className="!opacity-0" />
      {entity.clusterId ? (
        <ClusterLink clusterId={entity.clusterId} className={cn(box, "text-foreground hover:no-underline")}>
          <span className="sr-only">{label}</span>
          <span aria-hidden className="min-w-0 flex-1">
            <NodeBody entity={entity} />
          </span>
        </ClusterLink>
      ) : entity.href ? (
        <Link href={entity.href} className={box} aria-label={label} data-kind={entity.kind}>
          <NodeBody entity={entity} />
        </Link>
      ) : (
        <div className={box} data-kind={entity.kind}>
          <NodeBody entity={entity} />
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} className="!opacity-0" />
    </>
  );
}

const NODE_TYPES = { entity: EntityNode };

/** The Investigation graph tab: drawn by React Flow, laid out by dagre; every node opens what it stands for. */
export function InvestigationGraph({ graph }: { graph: TInvestigationGraph }) {
  const { nodes, edges } = useMemo(() => {
    const positions = layoutLeftToRight(
      graph.nodes.map((node) => node.id),
      graph.edges,
    );
    const flowNodes: TFlowNode[] = graph.nodes.map((node) => ({
      id: node.id,
      type: "entity",
      position: positions.get(node.id) ?? { x: 0, y: 0 },
      data: { entity: node },
      width: GRAPH_NODE_WIDTH,
      height: GRAPH_NODE_HEIGHT,
      draggable: false,
      selectable: false,
      connectable: false,
    }));
    const flowEdges: Edge[] = graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: "smoothstep",
      focusable: false,
    }));
    return { nodes: flowNodes, edges: flowEdges };
  }, [graph]);

  // On a phone the whole graph would be too small to read: it opens at a readable zoom around its middle, to be
  // dragged about. Known only in the browser, so the canvas waits for it.
  const [minZoom, setMinZoom] = useState<number | null>(null);
  useEffect(() => setMinZoom(window.matchMedia("(max-width: 639px)").matches ? 0.6 : 0.2), []);

  return (
    <div className="space-y-2">
      <p className="text-sm text-muted-foreground">
        Each box opens what it stands for. Drag to move around; + and − zoom. The Entities tab lists them all.
      </p>
      <div
        role="figure"
        aria-label="Investigation graph"
        className="h-[28rem] overflow-hidden rounded-lg border bg-card shadow-xs sm:h-[36rem] lg:h-[40rem]"
      >
        {minZoom === null ? null : (
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            fitView
            fitViewOptions={{ padding: 0.08, minZoom, maxZoom: 1 }}
            minZoom={0.2}
            maxZoom={1.5}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            zoomOnScroll={false}
            preventScrolling={false}
            colorMode="system"
          >
            <Background gap={24} />
            <Controls showInteractive={false} />
          </ReactFlow>
        )}
      </div>
    </div>
  );
}
