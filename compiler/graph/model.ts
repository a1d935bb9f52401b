// A drawable graph of a workflow: tasks, transitions, and (flattened) the
// inlined sub-workflows as clusters. Renderers (mermaid, dot, svg) read this.

import type { ProgramIR, TaskMode } from "../program/types";

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly cluster: string | null;
  readonly kind: "task" | "command";
  readonly mode?: TaskMode;
  readonly action?: string | null;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly kind: "transition" | "call";
}

export interface GraphCluster {
  readonly id: string;
  readonly label: string;
}

export interface DrawableGraph {
  readonly title: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly clusters: readonly GraphCluster[];
}

const COMMANDS = new Set(["continue", "fail", "noop", "retry"]);

function edgeLabel(condition: string | null, publish: number): string {
  const parts: string[] = [];
  if (condition) parts.push(condition.length > 40 ? `${condition.slice(0, 37)}...` : condition);
  if (publish > 0) parts.push(`publish ${publish}`);
  return parts.join(" / ");
}

/** The graph of a program: only the root unit, or (flattened) every inlined unit as a cluster. */
export function graphOf(program: ProgramIR, flattened: boolean): DrawableGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const clusters: GraphCluster[] = [];
  let counter = 0;
  const addUnit = (unitId: string, cluster: string | null, seen: readonly string[]): string[] => {
    const unit = program.units[unitId]!;
    const ids = new Map<string, string>();
    for (const t of unit.workflow.tasks) {
      const id = `n${counter++}`;
      ids.set(t.name, id);
      nodes.push({
        id,
        label: t.name,
        cluster,
        kind: "task",
        mode: unit.modes[t.name] ?? "dispatch",
        action: t.action,
      });
    }
    const commandNode = (name: string) => {
      const id = `n${counter++}`;
      nodes.push({ id, label: name, cluster, kind: "command" });
      return id;
    };
    const inbound = new Set<string>();
    for (const t of unit.workflow.tasks) {
      for (const tr of t.next) {
        for (const target of tr.targets) {
          if (target === "continue") continue;
          const to =
            ids.get(target) ?? (COMMANDS.has(target) ? commandNode(target) : commandNode(`${target}?`));
          inbound.add(target);
          edges.push({
            from: ids.get(t.name)!,
            to,
            label: edgeLabel(tr.condition, tr.publish.length),
            kind: "transition",
          });
        }
      }
    }
    if (flattened) {
      for (const t of unit.workflow.tasks) {
        const callee = unit.calls[t.name];
        if (!callee || seen.includes(callee)) continue;
        const clusterId = `c${counter++}`;
        clusters.push({ id: clusterId, label: `${t.name}: ${callee} (inlined)` });
        const starts = addUnit(callee, clusterId, [...seen, callee]);
        for (const s of starts) edges.push({ from: ids.get(t.name)!, to: s, label: "", kind: "call" });
      }
    }
    return unit.workflow.tasks.filter((t) => !inbound.has(t.name)).map((t) => ids.get(t.name)!);
  };
  addUnit(program.root, null, [program.root]);
  return { title: program.units[program.root]!.path, nodes, edges, clusters };
}
