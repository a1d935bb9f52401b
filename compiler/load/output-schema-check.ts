// Warnings about an action's `output_schema` that StackStorm reads
// differently from what its author likely meant (runtime/output-schema):
// one on a runner that names no output key has no effect; a legacy schema (a
// bare map of properties, no "type") has its secrets masked but is never
// validated; an object's `required` list is not checked (StackStorm's dialect
// reads `required: true` on each property).

import { LIST_OF_SUBSCHEMAS, MAP_OF_SUBSCHEMAS, ONE_SUBSCHEMA } from "../../runtime/output-schema/dialect";
import { outputKeyOf } from "../../runtime/output-schema/index";
import type { Diagnostic } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import type { SourceFile } from "../source/source-file";
import { canonicalRunner } from "./action-registry";
import { keyText, mapGet, type YMap, type YNode } from "./yaml-node";

export function outputSchemaDiagnostics(
  file: SourceFile,
  root: YMap,
  ref: string,
  runnerType: string,
): Diagnostic[] {
  const schema = mapGet(root, "output_schema");
  if (schema?.kind !== "map" || schema.pairs.length === 0) return [];
  const at = (node: YNode) => ({ file, range: node.range });
  const runner = canonicalRunner(runnerType);
  if (!outputKeyOf(runner)) return [diagnostic("ORQ1033", { ref, runner }, at(schema))];
  if (!mapGet(schema, "type")) return [diagnostic("ORQ1034", { ref }, at(schema))];
  const out: Diagnostic[] = [];
  const visit = (node: YNode | undefined, path: string): void => {
    if (!node) return;
    if (node.kind === "seq") {
      node.items.forEach((item, i) => {
        visit(item, `${path}[${i}]`);
      });
      return;
    }
    if (node.kind !== "map") return;
    for (const pair of node.pairs) {
      const key = keyText(pair.key);
      const value = pair.value;
      if (key === "required" && value.kind === "seq")
        out.push(diagnostic("ORQ1035", { ref, path }, at(pair.key)));
      else if (MAP_OF_SUBSCHEMAS.has(key) && value.kind === "map")
        for (const p of value.pairs) visit(p.value, `${path}.${key}.${keyText(p.key)}`);
      else if (ONE_SUBSCHEMA.has(key) || LIST_OF_SUBSCHEMAS.has(key)) visit(value, `${path}.${key}`);
    }
  };
  visit(schema, "output_schema");
  return out;
}
