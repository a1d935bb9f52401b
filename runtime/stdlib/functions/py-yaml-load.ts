// PyYAML's safe_load (YAML 1.1): the `yaml` package parses the structure and
// every plain scalar is resolved here with PyYAML's implicit resolvers, so
// `yes` is True, `010` is 8, `1e3` is a str and `1.0` stays a float.

import { isAlias, isMap, isScalar, isSeq, type Node, parseAllDocuments, Scalar } from "yaml";
import { dictKeys, dictSet } from "../py/dict";
import { checkIntTextDigits } from "../py/int-text";
import { pyStr } from "../py/text";
import { isDict, mkFloat, mkInt, type PyDict, PyError, PySet, type PyValue } from "../py/value";

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

/** The tag PyYAML's resolver gives a plain scalar. */
export function resolvePlainTag(
  text: string,
): "bool" | "float" | "int" | "null" | "timestamp" | "merge" | "value" | "str" {
  if (BOOL.test(text)) return "bool";
  if (FLOAT.test(text)) return "float";
  if (INT.test(text)) return "int";
  if (NULL.test(text)) return "null";
  if (TIMESTAMP.test(text)) return "timestamp";
  if (text === "<<") return "merge";
  if (text === "=") return "value";
  return "str";
}

function sexagesimal(text: string): number {
  let value = 0;
  for (const part of text.split(":")) value = value * 60 + Number(part);
  return value;
}

export function constructInt(text: string): PyValue {
  let t = text.replace(/_/g, "");
  let sign = 1n;
  if (t[0] === "-" || t[0] === "+") {
    if (t[0] === "-") sign = -1n;
    t = t.slice(1);
  }
  let v: bigint;
  if (t === "0") v = 0n;
  else if (t.startsWith("0b")) v = BigInt(`0b${t.slice(2)}`);
  else if (t.startsWith("0x")) v = BigInt(`0x${t.slice(2)}`);
  else if (t.startsWith("0")) v = BigInt(`0o${t.slice(1)}`);
  else if (t.includes(":")) v = BigInt(sexagesimal(t));
  else {
    checkIntTextDigits(t.length);
    v = BigInt(t);
  }
  return mkInt(sign * v);
}

export function constructFloat(text: string): PyValue {
  let t = text.replace(/_/g, "").toLowerCase();
  let sign = 1;
  if (t[0] === "-" || t[0] === "+") {
    if (t[0] === "-") sign = -1;
    t = t.slice(1);
  }
  if (t === ".inf") return mkFloat(sign * Number.POSITIVE_INFINITY);
  if (t === ".nan") return mkFloat(Number.NaN);
  if (t.includes(":")) return mkFloat(sign * sexagesimal(t));
  return mkFloat(sign * Number(t));
}

function constructPlain(text: string): PyValue {
  switch (resolvePlainTag(text)) {
    case "bool":
      return /^(?:yes|true|on)$/i.test(text);
    case "float":
      return constructFloat(text);
    case "int":
      return constructInt(text);
    case "null":
      return null;
    case "merge":
    case "value":
      throw constructorError(
        `could not determine a constructor for the tag 'tag:yaml.org,2002:${resolvePlainTag(text)}'`,
      );
    default:
      // Timestamps become datetime objects in Python; their ISO text is the closest data.
      return text;
  }
}

const TAG_PREFIX = "tag:yaml.org,2002:";

function constructScalar(node: Scalar): PyValue {
  const text = String(node.value ?? "");
  const tag = node.tag;
  if (!tag || tag === "!") return node.type === Scalar.PLAIN && !tag ? constructPlain(text) : text;
  switch (tag.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : tag) {
    case "str":
      return text;
    case "int":
      if (!INT.test(text)) throw constructorError(`invalid literal for int(): '${text}'`);
      return constructInt(text);
    case "float":
      return constructFloat(text);
    case "bool":
      return /^(?:yes|true|on)$/i.test(text);
    case "null":
      return null;
    case "timestamp":
      return text;
    default:
      throw constructorError(`could not determine a constructor for the tag '${tag}'`);
  }
}

function constructorError(message: string): PyError {
  return new PyError("ConstructorError", message);
}

/** yaml.safe_load(text): one document (None for an empty stream). */
export function pyYamlSafeLoad(text: string): PyValue {
  const docs = parseAllDocuments(text, { version: "1.1", schema: "failsafe", uniqueKeys: false });
  if (!Array.isArray(docs)) return null;
  if (docs.length > 1) throw new PyError("ComposerError", "expected a single document in the stream");
  const doc = docs[0];
  if (!doc) return null;
  const error = doc.errors[0];
  if (error) throw new PyError("ScannerError", error.message.split("\n")[0] ?? "invalid YAML");
  const cache = new Map<Node, PyValue>();
  const build = (node: unknown): PyValue => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return build(node.resolve(doc));
    const n = node as Node;
    const cached = cache.get(n);
    if (cached !== undefined) return cached;
    if (isScalar(n)) return constructScalar(n);
    if (isSeq(n)) {
      const out: PyValue[] = [];
      cache.set(n, out);
      for (const item of n.items) out.push(build(item));
      return out;
    }
    if (isMap(n)) {
      const out: PyDict = {};
      cache.set(n, out);
      const merged: [string, PyValue][] = [];
      for (const pair of n.items) {
        const isMerge = isScalar(pair.key) && pair.key.type === Scalar.PLAIN && pair.key.value === "<<";
        if (isMerge) {
          const src = build(pair.value);
          for (const m of Array.isArray(src) ? [...src].reverse() : [src]) {
            if (!isDict(m)) throw constructorError("expected a mapping for merging");
            for (const k of dictKeys(m)) merged.push([k, m[k]!]);
          }
          continue;
        }
        dictSet(out, keyText(build(pair.key)), build(pair.value));
      }
      if (merged.length === 0) return out;
      const withMerge: PyDict = {};
      for (const [k, v] of merged) dictSet(withMerge, k, v);
      for (const k of dictKeys(out)) dictSet(withMerge, k, out[k]!);
      cache.set(n, withMerge);
      return withMerge;
    }
    return null;
  };
  return build(doc.contents);
}

function keyText(key: PyValue): string {
  if (Array.isArray(key) || isDict(key) || key instanceof PySet)
    throw constructorError("found unhashable key while constructing a mapping");
  return pyStr(key);
}
