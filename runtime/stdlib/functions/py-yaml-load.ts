// PyYAML's safe_load for StackStorm's from_yaml_string: the reading of the
// workflow loader (compiler/load, checked against PyYAML's C loader), with
// yaml.safe_load's own rules: a repeated key keeps its last value, and what
// PyYAML refuses raises its exception.

import { parseYamlData } from "../../../compiler/load/parse-yaml";
import { resolvePlainScalar } from "../../../compiler/load/pyyaml-scalar";
import { toPyValue } from "../../../compiler/load/yaml-node";
import { PyError, type PyValue } from "../py/value";

/** Whether a plain scalar of this text reads back as a str (and not a bool, a number, a date, null, `<<` or `=`). */
export function plainReadsAsStr(text: string): boolean {
  return text !== "<<" && text !== "=" && resolvePlainScalar(text).pyType === "str";
}

/** yaml.safe_load(text): one document (None for an empty stream). */
export function pyYamlSafeLoad(text: string): PyValue {
  const data = parseYamlData(text);
  if ("error" in data) throw new PyError(data.type, data.error);
  return data.root === null ? null : toPyValue(data.root);
}
