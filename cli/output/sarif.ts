// Diagnostics as a SARIF 2.1.0 log (`--format sarif`), the format code
// scanning services read (GitHub's upload-sarif action among them). One rule
// per diagnostic code of the catalog, one result per diagnostic.

import { isAbsolute, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { type DiagnosticCode, MESSAGES } from "../../compiler/source/messages";
import { VERSION } from "../version";
import type { JsonDiagnostic } from "./diagnostics";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const LEVEL: Record<string, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
};

interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

function region(d: JsonDiagnostic): SarifRegion | undefined {
  if (d.line === null) return undefined;
  return {
    startLine: d.line,
    ...(d.column !== null ? { startColumn: d.column } : {}),
    ...(d.endLine !== null ? { endLine: d.endLine } : {}),
    ...(d.endColumn !== null ? { endColumn: d.endColumn } : {}),
  };
}

/** A file path as a SARIF URI: relative paths stay relative (to where orqc ran), absolute ones are file: URIs. */
const uriOf = (path: string): string =>
  isAbsolute(path) ? pathToFileURL(path).href : path.split(sep).map(encodeURIComponent).join("/");

export function toSarif(diags: readonly JsonDiagnostic[]): object {
  const codes = [...new Set(diags.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((code) => {
    const def = MESSAGES[code as DiagnosticCode];
    return {
      id: code,
      shortDescription: { text: def?.title || code },
      defaultConfiguration: { level: LEVEL[def?.severity ?? "error"] ?? "error" },
    };
  });
  const results = diags.map((d) => {
    const r = region(d);
    return {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: LEVEL[d.severity] ?? "error",
      message: { text: d.message },
      ...(d.file !== null
        ? {
            locations: [
              { physicalLocation: { artifactLocation: { uri: uriOf(d.file) }, ...(r ? { region: r } : {}) } },
            ],
          }
        : {}),
    };
  });
  return {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "orqc", version: VERSION, rules },
        },
        results,
      },
    ],
  };
}
