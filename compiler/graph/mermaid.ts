// Mermaid flowchart text. Labels are quoted with Mermaid's entity escapes, so
// any task name or condition stays text.

import type { DrawableGraph, GraphNode } from "./model";

function text(s: string): string {
  return `"${s.replace(/[&"<>#]/g, (c) => `#${c.charCodeAt(0)};`).replace(/[\r\n\u2028\u2029]/g, " ")}"`;
}

function shape(n: GraphNode): string {
  if (n.kind === "command") return `{{${text(n.label)}}}`;
  if (n.mode === "subworkflow") return `[[${text(n.label)}]]`;
  if (n.mode === "inline") return `(${text(n.label)})`;
  return `[${text(n.label)}]`;
}

export function toMermaid(g: DrawableGraph): string {
  const lines = ["flowchart TD"];
  const byCluster = new Map<string | null, GraphNode[]>();
  for (const n of g.nodes) byCluster.set(n.cluster, [...(byCluster.get(n.cluster) ?? []), n]);
  for (const n of byCluster.get(null) ?? []) lines.push(`  ${n.id}${shape(n)}`);
  for (const c of g.clusters) {
    lines.push(`  subgraph ${c.id}[${text(c.label)}]`);
    for (const n of byCluster.get(c.id) ?? []) lines.push(`    ${n.id}${shape(n)}`);
    lines.push("  end");
  }
  for (const e of g.edges) {
    const arrow = e.kind === "call" ? "-.->" : "-->";
    lines.push(e.label ? `  ${e.from} ${arrow}|${text(e.label)}| ${e.to}` : `  ${e.from} ${arrow} ${e.to}`);
  }
  lines.push("  classDef inline fill:#eef,stroke:#88a;", "  classDef sub fill:#efe,stroke:#8a8;");
  const inline = g.nodes.filter((n) => n.mode === "inline").map((n) => n.id);
  const sub = g.nodes.filter((n) => n.mode === "subworkflow").map((n) => n.id);
  if (inline.length) lines.push(`  class ${inline.join(",")} inline;`);
  if (sub.length) lines.push(`  class ${sub.join(",")} sub;`);
  return `${lines.join("\n")}\n`;
}
