// PyYAML's safe_load for StackStorm's from_yaml_string: the reading of the
// workflow loader (compiler/load, checked against PyYAML's C loader), with
// yaml.safe_load's own rules: a repeated key keeps its last value, what
// PyYAML refuses raises its exception, and timestamps are Python's date and
// datetime objects (workflow files keep them as their text).

import { parseYamlData, scalarOrigin } from "../../../compiler/load/parse-yaml";
import { resolvePlainScalar, timestampValue } from "../../../compiler/load/pyyaml-scalar";
import { toPyValue, type YNode } from "../../../compiler/load/yaml-node";
import type { PyDict } from "../py/value";
import { PyError, PySet, PyTuple, type PyValue } from "../py/value";

/** How an evaluator sets a mapping key that may not be a str (1, None, 1.5 stay what they are). */
export type SetKey = (d: PyDict, key: PyValue, value: PyValue) => void;

/** How a language holds the language-neutral parts of yaml.safe_load's result. */
export interface YamlLoadRules {
  readonly setKey: SetKey;
  /**
   * `!!binary` data: Python bytes in Jinja; yaql, for which bytes are a sequence
   * of ints, a tuple (so `.len()` counts bytes and the result is a list of ints).
   */
  readonly bytes: (data: Uint8Array) => PyValue;
}

/** Whether a plain scalar of this text reads back as a str (and not a bool, a number, a date, null, `<<` or `=`). */
export function plainReadsAsStr(text: string): boolean {
  if (text === "<<" || text === "=") return false;
  const resolved = resolvePlainScalar(text);
  return "pyType" in resolved && resolved.pyType === "str";
}

/**
 * Timestamps are objects: an anchored one and its aliases are one date (which
 * to_yaml_string then writes with an anchor), as PyYAML's constructor shares it.
 */
function build(node: YNode, rules: YamlLoadRules, dates: Map<object, PyValue>): PyValue {
  if (node.kind === "seq") {
    if (!node.pairs) return node.items.map((item) => build(item, rules, dates));
    // !!omap and !!pairs: (key, value) tuples, every item a one-pair mapping (checked by the loader)
    return node.items.map((item) => {
      const pair = item.kind === "map" ? item.pairs[0] : undefined;
      if (!pair) return build(item, rules, dates);
      return new PyTuple([build(pair.key, rules, dates), build(pair.value, rules, dates)]);
    });
  }
  if (node.kind === "scalar") {
    if (node.binary) return rules.bytes(node.binary);
    if (node.pyType !== "timestamp") return toPyValue(node);
    const origin = scalarOrigin(node);
    const known = origin ? dates.get(origin) : undefined;
    if (known !== undefined) return known;
    const value = timestampValue(String(node.value));
    if (origin) dates.set(origin, value);
    return value;
  }
  if (node.set) return new PySet(node.pairs.map((pair) => build(pair.key, rules, dates)));
  const d: PyDict = {};
  for (const pair of node.pairs)
    rules.setKey(d, build(pair.key, rules, dates), build(pair.value, rules, dates));
  return d;
}

/** yaml.safe_load(text): one document (None for an empty stream), held as the language's `rules` say. */
export function pyYamlSafeLoad(text: string, rules: YamlLoadRules): PyValue {
  const data = parseYamlData(text);
  if ("error" in data) throw new PyError(data.type, data.error);
  return data.root === null ? null : build(data.root, rules, new Map());
}
