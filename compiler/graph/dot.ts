// Graphviz DOT text; every label is a quoted DOT string with escapes.

import type { DrawableGraph, GraphNode } from "./model";

function q(s: string): string {
  return `"${s
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/[\r\n\u2028\u2029]/g, " ")}"`;
}

function attrs(n: GraphNode): string {
  if (n.kind === "command") return `label=${q(n.label)}, shape=diamond`;
  if (n.mode === "subworkflow") return `label=${q(n.label)}, shape=box3d`;
  if (n.mode === "inline") return `label=${q(n.label)}, shape=box, style="rounded,dashed"`;
  return `label=${q(n.label)}, shape=box`;
}

export function toDot(g: DrawableGraph): string {
  const lines = [
    `digraph workflow {`,
    `  label=${q(g.title)};`,
    "  rankdir=TB;",
    "  node [fontname=Helvetica];",
  ];
  for (const n of g.nodes.filter((x) => x.cluster === null)) lines.push(`  ${n.id} [${attrs(n)}];`);
  for (const c of g.clusters) {
    lines.push(`  subgraph cluster_${c.id} {`, `    label=${q(c.label)};`, "    style=rounded;");
    for (const n of g.nodes.filter((x) => x.cluster === c.id)) lines.push(`    ${n.id} [${attrs(n)}];`);
    lines.push("  }");
  }
  for (const e of g.edges) {
    const style = e.kind === "call" ? ", style=dashed" : "";
    lines.push(`  ${e.from} -> ${e.to} [label=${q(e.label)}${style}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
