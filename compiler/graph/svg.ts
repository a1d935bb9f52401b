// A self-contained SVG drawing: nodes in layers (longest path from the start
// tasks, back edges ignored), edges as straight arrows. All text is escaped
// as XML character data.

import type { DrawableGraph, GraphNode } from "./model";

const ROW = 90;
const GAP = 24;
const CHAR = 7.2;
const HEIGHT = 34;

function xml(s: string): string {
  return s
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "?");
}

function layers(g: DrawableGraph): Map<string, number> {
  const out = new Map<string, GraphNode["id"][]>();
  for (const e of g.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const inbound = new Set(g.edges.map((e) => e.to));
  const layer = new Map<string, number>();
  const onStack = new Set<string>();
  const visit = (id: string, depth: number): void => {
    if ((layer.get(id) ?? -1) >= depth || onStack.has(id)) return;
    layer.set(id, depth);
    onStack.add(id);
    for (const next of out.get(id) ?? []) visit(next, depth + 1);
    onStack.delete(id);
  };
  for (const n of g.nodes) if (!inbound.has(n.id)) visit(n.id, 0);
  for (const n of g.nodes) if (!layer.has(n.id)) visit(n.id, 0);
  return layer;
}

function fill(n: GraphNode): string {
  if (n.kind === "command") return "#fde2e2";
  if (n.mode === "inline") return "#e8ecff";
  if (n.mode === "subworkflow") return "#e3f6e3";
  return "#ffffff";
}

export function toSvg(g: DrawableGraph): string {
  const layer = layers(g);
  const rows = new Map<number, GraphNode[]>();
  for (const n of g.nodes) {
    const l = layer.get(n.id) ?? 0;
    rows.set(l, [...(rows.get(l) ?? []), n]);
  }
  const pos = new Map<string, { x: number; y: number; w: number }>();
  let width = 0;
  for (const [l, ns] of rows) {
    let x = GAP;
    for (const n of ns) {
      const w = Math.max(60, n.label.length * CHAR + 20);
      pos.set(n.id, { x, y: GAP + l * ROW, w });
      x += w + GAP;
    }
    width = Math.max(width, x);
  }
  const height = GAP * 2 + (Math.max(0, ...rows.keys()) + 1) * ROW;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${xml(g.title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
  ];
  for (const e of g.edges) {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const x1 = a.x + a.w / 2;
    const y1 = a.y + HEIGHT;
    const x2 = b.x + b.w / 2;
    const y2 = b.y;
    const dash = e.kind === "call" ? ' stroke-dasharray="5,4"' : "";
    parts.push(
      `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#555"${dash} marker-end="url(#arrow)"/>`,
    );
    if (e.label)
      parts.push(
        `<text x="${(x1 + x2) / 2 + 4}" y="${(y1 + y2) / 2}" fill="#666" font-size="10">${xml(e.label)}</text>`,
      );
  }
  for (const n of g.nodes) {
    const p = pos.get(n.id)!;
    const rx = n.kind === "command" ? 16 : 6;
    parts.push(
      `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${HEIGHT}" rx="${rx}" fill="${fill(n)}" stroke="#333"/>`,
      `<text x="${p.x + p.w / 2}" y="${p.y + 21}" text-anchor="middle">${xml(n.label)}</text>`,
    );
  }
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
