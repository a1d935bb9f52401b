// orqc's YAML loading of a workflow file (compiler/load: the fast path or the
// full parser, PyYAML 1.1 scalar resolution, Orquesta's refusal of merge keys)
// printed in the shape pyyaml_reference.py prints
// PyYAML's: {path: typed} or {path: {"error": message, "at": "line:col"}}.
// Usage: node scripts/run-ts.mjs scripts/yaml-diff/orqc-yaml.ts FILE...

import { readFileSync } from "node:fs";
import { workflowLoadError } from "../../compiler/load/orquesta-load";
import { parseYaml } from "../../compiler/load/parse-yaml";
import { timestampFields } from "../../compiler/load/pyyaml-scalar";
import type { YNode } from "../../compiler/load/yaml-node";
import { lineColOf } from "../../compiler/source/source-file";
import { pyRepr } from "../../runtime/stdlib/py/text";
import { PyFloat } from "../../runtime/stdlib/py/value";

type Typed = { t: string; v: string | Typed[] | [Typed, Typed][] };

const TYPE_NAMES: Record<string, string> = {
  null: "None",
  bool: "bool",
  int: "int",
  float: "float",
  str: "str",
};

function typed(node: YNode): Typed {
  if (node.kind === "seq") return { t: "seq", v: node.items.map(typed) };
  if (node.kind === "map")
    return { t: "map", v: node.pairs.map((p): [Typed, Typed] => [typed(p.key), typed(p.value)]) };
  if (node.pyType === "timestamp") {
    // PyYAML gives a date or a datetime; only the type is compared.
    return { t: timestampFields(String(node.value))?.time ? "datetime" : "date", v: "*" };
  }
  const v = node.value;
  const value = node.pyType === "float" && typeof v === "number" ? new PyFloat(v) : v;
  return {
    t: TYPE_NAMES[node.pyType] ?? node.pyType,
    v: typeof v === "bigint" ? v.toString() : pyRepr(value as never),
  };
}

const out: Record<string, unknown> = {};
for (const path of process.argv.slice(2)) {
  const parsed = parseYaml({ path, text: readFileSync(path, "utf8") });
  const error = parsed.diagnostics.find((d) => d.severity === "error");
  const fatal = workflowLoadError(parsed) ?? error?.message;
  const at = error?.range ? lineColOf(parsed.file, error.range.start) : undefined;
  // An empty document (only comments, or nothing) loads as None, as in PyYAML.
  out[path] = fatal
    ? { error: fatal, ...(at ? { at: `${at.line}:${at.col}` } : {}) }
    : parsed.root
      ? typed(parsed.root)
      : { t: "None", v: "None" };
}
process.stdout.write(JSON.stringify(out));
