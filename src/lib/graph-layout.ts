import dagre from "@dagrejs/dagre";

export const GRAPH_NODE_WIDTH = 232;
export const GRAPH_NODE_HEIGHT = 68;

/**
 * Top-left positions for nodes laid out left to right (alerts, then the investigation, then what it found, then the
 * actions on it), by dagre's layered layout: edges cross as little as it can manage.
 */
export function layoutLeftToRight(
  nodeIds: string[],
  edges: { source: string; target: string }[],
): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 16, ranksep: 72, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of nodeIds) graph.setNode(id, { width: GRAPH_NODE_WIDTH, height: GRAPH_NODE_HEIGHT });
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  // dagre gives centres; React Flow places nodes by their top-left corner.
  return new Map(
    nodeIds.map((id) => {
      const { x, y } = graph.node(id);
      return [id, { x: x - GRAPH_NODE_WIDTH / 2, y: y - GRAPH_NODE_HEIGHT / 2 }];
    }),
  );
}
