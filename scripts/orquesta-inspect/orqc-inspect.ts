// orqc's reimplementation of Orquesta's inspector on workflow files, printed in
// the shape inspect_workflows.py --raw prints the real one in:
// {path: {"errors": {category: [{message, spec_path, schema_path, expression?, type?}]}}}
// (or {"load": why} when the YAML cannot be read).
// Usage: node scripts/run-ts.mjs scripts/orquesta-inspect/orqc-inspect.ts FILE...

import { readFileSync } from "node:fs";
import { inspectOrquestaNode, ST2_CONTEXT_KEYS } from "../../compiler/inspect/orquesta";
import { parseYaml } from "../../compiler/load/parse-yaml";

type Entry = Record<string, string | null>;

function inspectFile(path: string): { load: string } | { errors: Record<string, Entry[]> } {
  const parsed = parseYaml({ path, text: readFileSync(path, "utf8") });
  const fatal = parsed.diagnostics.find((d) => d.severity === "error");
  if (fatal) return { load: fatal.message };
  const raw = inspectOrquestaNode(parsed.root, ST2_CONTEXT_KEYS);
  const errors: Record<string, Entry[]> = {};
  for (const category of ["syntax", "semantics", "expressions", "context"] as const) {
    if (raw[category].length === 0) continue;
    errors[category] = raw[category].map((e) => {
      const entry: Entry = { message: e.message, schema_path: e.schema_path, spec_path: e.spec_path };
      if (e.expression !== undefined) entry.expression = e.expression;
      if (category === "expressions" || category === "context") entry.type = e.language ?? null;
      return entry;
    });
  }
  return { errors };
}

const out: Record<string, unknown> = {};
for (const path of process.argv.slice(2)) out[path] = inspectFile(path);
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
