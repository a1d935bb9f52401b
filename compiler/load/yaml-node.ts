// The YAML tree the rest of the compiler reads: plain data with the source range
// of every node, so any later diagnostic can point back into the file.

import { dictSet, newDict, PyFloat, type PyValue } from "../../runtime/stdlib/py/index";
import type { Range } from "../source/diagnostic";
import type { PyScalarType } from "./pyyaml-scalar";

export type ScalarStyle = "plain" | "single" | "double" | "literal" | "folded";

export interface YScalar {
  readonly kind: "scalar";
  readonly pyType: PyScalarType;
  readonly value: null | boolean | number | bigint | string;
  readonly style: ScalarStyle;
  /** The whole scalar, quotes included. */
  readonly range: Range;
  /** Tagged `!!binary`: the decoded bytes, which yaml.safe_load (from_yaml_string) makes; workflow specs read the text. */
  readonly binary?: Uint8Array;
}

export interface YPair {
  readonly key: YNode;
  readonly value: YNode;
}

export interface YMap {
  readonly kind: "map";
  readonly pairs: readonly YPair[];
  readonly range: Range;
  /** Tagged `!!set`: yaml.safe_load makes a set of the keys (workflow specs read the mapping). */
  readonly set?: true;
}

export interface YSeq {
  readonly kind: "seq";
  readonly items: readonly YNode[];
  readonly range: Range;
  /**
   * Tagged `!!omap` or `!!pairs`: every item is a mapping of one pair, which
   * yaml.safe_load makes a (key, value) tuple (workflow specs read the list).
   */
  readonly pairs?: true;
}

export type YNode = YScalar | YMap | YSeq;

/** JSON-compatible data as the JSON schema sees it (bigints become numbers, dates stay text). */
export type JsonData = null | boolean | number | string | JsonData[] | { [key: string]: JsonData };

/** Python's str() of a scalar key, which is what a dict key becomes after json round trips. */
export function keyText(node: YNode): string {
  if (node.kind !== "scalar") return node.kind === "map" ? "{...}" : "[...]";
  const v = node.value;
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  return String(v);
}

export function mapGet(map: YMap, key: string): YNode | undefined {
  return mapPair(map, key)?.value;
}

/** Mappings this large are looked up through an index (a workflow's tasks, say), smaller ones by a scan. */
const INDEXED_FROM = 16;
const indexes = new WeakMap<YMap, Map<string, YPair>>();

export function mapPair(map: YMap, key: string): YPair | undefined {
  if (map.pairs.length < INDEXED_FROM) {
    for (const pair of map.pairs) if (keyText(pair.key) === key) return pair;
    return undefined;
  }
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    // The first of equal keys wins, as in the scan.
    for (const pair of map.pairs) {
      const text = keyText(pair.key);
      if (!index.has(text)) index.set(text, pair);
    }
    indexes.set(map, index);
  }
  return index.get(key);
}

export function toJsonData(node: YNode, timestamp?: (text: string) => JsonData): JsonData {
  switch (node.kind) {
    case "scalar": {
      const v = node.value;
      if (timestamp && node.pyType === "timestamp") return timestamp(String(v));
      return typeof v === "bigint" ? Number(v) : v;
    }
    case "seq":
      return node.items.map((item) => toJsonData(item, timestamp));
    case "map": {
      const out: { [key: string]: JsonData } = {};
      for (const pair of node.pairs) {
        const key = keyText(pair.key);
        const value = toJsonData(pair.value, timestamp);
        // "__proto__" must stay a data key, not replace the prototype.
        if (key === "__proto__")
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      return out;
    }
  }
}

/** A path into a YAML tree: map keys and list indexes. */
export type NodePath = readonly (string | number)[];

/** Finds the node at a path; returns the deepest node reached when the path runs out. */
export function nodeAt(root: YNode, path: NodePath): { node: YNode; key?: YNode; complete: boolean } {
  let node = root;
  let key: YNode | undefined;
  for (const step of path) {
    if (node.kind === "map" && typeof step === "string") {
      const pair = mapPair(node, step);
      if (!pair) return { node, complete: false, ...(key ? { key } : {}) };
      key = pair.key;
      node = pair.value;
    } else if (node.kind === "seq" && typeof step === "number" && node.items[step]) {
      key = undefined;
      node = node.items[step]!;
    } else return { node, complete: false };
  }
  return { node, complete: true, ...(key ? { key } : {}) };
}

/** The key node of a map entry at `path` (the last step must be a string). */
export function keyNodeAt(root: YNode, path: NodePath): YNode | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!parent.complete || parent.node.kind !== "map" || typeof last !== "string") return undefined;
  return mapPair(parent.node, last)?.key;
}

/**
 * Python value of a node (PyYAML's view): integral floats stay floats, dates
 * stay text unless `timestamp` builds them.
 */
export function toPyValue(node: YNode, timestamp?: (text: string) => PyValue): PyValue {
  switch (node.kind) {
    case "scalar": {
      const v = node.value;
      if (timestamp && node.pyType === "timestamp") return timestamp(String(v));
      if (node.pyType === "float" && typeof v === "number" && (Number.isInteger(v) || !Number.isFinite(v))) {
        return new PyFloat(v);
      }
      return v;
    }
    case "seq":
      return node.items.map((item) => toPyValue(item, timestamp));
    case "map": {
      const out = newDict();
      for (const pair of node.pairs) dictSet(out, keyText(pair.key), toPyValue(pair.value, timestamp));
      return out;
    }
  }
}
