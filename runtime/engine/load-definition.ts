// Reads a workflow file into the Python value Orquesta would see (the project
// loader: YAML 1.1, PyYAML scalars, duplicate keys rejected).

import { asWorkflowFile } from "../../compiler/load/orquesta-load";
import { parseYaml } from "../../compiler/load/parse-yaml";
import { toPyValue } from "../../compiler/load/yaml-node";
import { lineColOf } from "../../compiler/source/source-file";
import type { PyValue } from "../stdlib/py/value";

export interface LoadedDefinition {
  readonly definition: PyValue;
  /** Load problems (YAML syntax, duplicate keys) as `line:col: CODE message`; empty when fine. */
  readonly problems: readonly string[];
}

export function loadDefinition(path: string, text: string): LoadedDefinition {
  const parsed = asWorkflowFile(parseYaml({ path, text }));
  const problems = parsed.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => {
      const at = d.file && d.range ? lineColOf(d.file, d.range.start) : undefined;
      return `${at ? `${at.line}:${at.col}: ` : ""}${d.code} ${d.message}`;
    });
  return { definition: parsed.root ? toPyValue(parsed.root) : null, problems };
}
