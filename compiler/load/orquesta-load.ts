// What Orquesta's own YAML loader (orquesta.utils.yml.safe_load) adds to
// PyYAML's safe_load for a workflow file: it replaces the mapping constructor
// to refuse duplicate keys, and that constructor does not expand `<<` merge
// keys, so a workflow holding either does not load at all.

import type { Diagnostic, Range } from "../source/diagnostic";
import { diagnostic } from "../source/make-diagnostic";
import { lineColOf } from "../source/source-file";
import type { ParsedYaml } from "./parse-yaml";

/**
 * A parsed file as Orquesta's loader reads a workflow: with a merge key (one
 * ORQ1006 each) or a duplicate key (ORQ1002, already reported) it does not
 * load at all, so it has no root. Every workflow reader goes through this
 * (pack metadata: metadataMergeKeys).
 */
export function asWorkflowFile(parsed: ParsedYaml): ParsedYaml {
  if (parsed.mergeKeys.length === 0 && parsed.duplicateKeys.length === 0) return parsed;
  const unmerged = parsed.mergeKeys.map((range: Range) =>
    diagnostic("ORQ1006", {}, { file: parsed.file, range }),
  );
  return { ...parsed, root: null, diagnostics: [...parsed.diagnostics, ...unmerged] };
}

/**
 * The merge keys of a pack metadata file (action metadata, pack.yaml, a
 * config or its schema), one ORQ1009 each. StackStorm registers them with
 * its `yaml_safe_load` (PyYAML's CSafeLoader) after registering the runners.
 * Loading the orquesta runner imports `orquesta.utils.yml`, which installs
 * Orquesta's mapping constructor on that same CSafeLoader class. So these
 * files are read as workflows are: duplicate keys refused (ORQ1002, reported
 * for every file) and merge keys not expanded. The merged reading is kept for
 * the checks that follow.
 */
export function metadataMergeKeys(parsed: ParsedYaml): Diagnostic[] {
  return parsed.mergeKeys.map((range) => diagnostic("ORQ1009", {}, { file: parsed.file, range }));
}

/**
 * Orquesta's message for a workflow file its loader refuses although PyYAML
 * reads it: the first merge key (PyYAML's ConstructorError with its mark) or
 * duplicate key in the file, as the mapping constructor meets them; undefined
 * when there is none.
 */
export function workflowLoadError(parsed: ParsedYaml): string | undefined {
  const merge = parsed.mergeKeys[0];
  const duplicate = parsed.duplicateKeys[0];
  if (duplicate && (!merge || duplicate.range.start < merge.start))
    return `found duplicate key "${duplicate.text}"`;
  if (!merge) return undefined;
  const { line, col } = lineColOf(parsed.file, merge.start);
  return `could not determine a constructor for the tag 'tag:yaml.org,2002:merge'\n  in "<unicode string>", line ${line}, column ${col}`;
}
