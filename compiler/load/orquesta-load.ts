// What Orquesta's own YAML loader (orquesta.utils.yml.safe_load) adds to
// PyYAML's safe_load for a workflow file: it replaces the mapping constructor
// to refuse duplicate keys, and that constructor does not expand `<<` merge
// keys, so a workflow holding one does not load at all.

import type { Range } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import { lineColOf } from "../source/source-file";
import type { ParsedYaml } from "./parse-yaml";

/**
 * A parsed file as Orquesta's loader reads a workflow: with a merge key it
 * does not load at all (no root, one ORQ1006 per merge key). Every workflow
 * reader goes through this; action metadata keeps PyYAML's merged reading.
 */
export function asWorkflowFile(parsed: ParsedYaml): ParsedYaml {
  if (parsed.mergeKeys.length === 0) return parsed;
  const unmerged = parsed.mergeKeys.map((range: Range) =>
    diagnostic("ORQ1006", {}, { file: parsed.file, range }),
  );
  return { ...parsed, root: null, diagnostics: [...parsed.diagnostics, ...unmerged] };
}

/**
 * Orquesta's message for a workflow file it cannot load because of a merge key
 * (PyYAML's ConstructorError with its mark), or undefined when there is none.
 */
export function mergeKeyLoadError(parsed: ParsedYaml): string | undefined {
  const first = parsed.mergeKeys[0];
  if (!first) return undefined;
  const { line, col } = lineColOf(parsed.file, first.start);
  return `could not determine a constructor for the tag 'tag:yaml.org,2002:merge'\n  in "<unicode string>", line ${line}, column ${col}`;
}
