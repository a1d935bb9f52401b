// Turns Orquesta inspector entries into orqc diagnostics with precise ranges.

import type { YNode } from "../load/yaml-node";
import { schemaDiagnostics } from "../schema/schema-diagnostics";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import type { SourceFile } from "../source/source-file";
import { suggest } from "../source/suggest";
import { locate } from "./locate";
import type { OrquestaInspection } from "./orquesta";
import type { RawEntry } from "./orquesta-entry";

function semantic(file: SourceFile, root: YNode, e: RawEntry, taskNames: string[]): Diagnostic {
  const name = e.task ?? "";
  switch (e.check) {
    case "reserved":
      return diagnostic("ORQ2001", { name }, { file, range: locate(file, root, e.path, { key: true }) });
    case "start":
      return diagnostic("ORQ2002", {}, { file, range: locate(file, root, e.path, { key: true }) });
    case "undefined": {
      const target = e.variable ?? "";
      const range = locate(file, root, e.path, { expression: target, length: target.length });
      return diagnostic("ORQ2003", { name: target, suggestion: suggest(target, taskNames) }, { file, range });
    }
    case "join":
      return diagnostic("ORQ2004", { name }, { file, range: locate(file, root, e.path, { key: true }) });
    default:
      return diagnostic("ORQ2005", { name }, { file, range: locate(file, root, e.path, { key: true }) });
  }
}

function expression(file: SourceFile, root: YNode, e: RawEntry): Diagnostic {
  const at = { expression: e.expression ?? "", offset: e.exprOffset ?? 0 };
  const range = locate(file, root, e.path, at);
  if (e.language === null) {
    return diagnostic(
      "ORQ3003",
      {},
      { file, range: locate(file, root, e.path, { ...at, length: at.expression.length }) },
    );
  }
  const code = e.language === "jinja" ? "ORQ3002" : "ORQ3001";
  return diagnostic(code, { detail: e.message }, { file, range });
}

function context(file: SourceFile, root: YNode, e: RawEntry): Diagnostic {
  const name = e.variable ?? "";
  const range = locate(file, root, e.path, { expression: e.expression ?? "", needle: name });
  const isPrivate = e.message.includes("double underscores");
  return diagnostic(isPrivate ? "ORQ3005" : "ORQ3004", { name }, { file, range });
}

/** Diagnostics for everything Orquesta's inspector reports, duplicates removed. */
export function orquestaDiagnostics(
  file: SourceFile,
  root: YNode,
  result: OrquestaInspection,
  taskNames: string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const issues = result.syntax.flatMap((e) => (e.issue ? [e.issue] : []));
  out.push(...schemaDiagnostics(file, root, issues));
  for (const e of result.syntax) {
    if (!e.issue)
      out.push(
        diagnostic(
          "ORQ1004",
          { what: "a workflow definition", found: "something else" },
          { file, range: root.range },
        ),
      );
  }
  for (const e of result.semantics) out.push(semantic(file, root, e, taskNames));
  for (const e of result.expressions) out.push(expression(file, root, e));
  for (const e of result.context) out.push(context(file, root, e));
  const seen = new Set<string>();
  return out.filter((d) => {
    // Orquesta reports a Jinja problem once for the template and once for the expression.
    const id =
      d.code === "ORQ3002"
        ? `${d.code}|${d.range?.start}`
        : `${d.code}|${d.range?.start}|${d.range?.end}|${d.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
