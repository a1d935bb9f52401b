// Resolves plain YAML scalars the way PyYAML's SafeLoader does (YAML 1.1
// implicit resolvers): StackStorm reads workflows with PyYAML, so `yes`/`on`
// are booleans, `010` is octal 8, `1e3` stays a string and `2020-01-01` is a date.

/** The Python type a scalar was resolved to. */
export type PyScalarType = "null" | "bool" | "int" | "float" | "str" | "timestamp";

export interface ResolvedScalar {
  readonly pyType: PyScalarType;
  /** JSON-compatible value: timestamps are kept as their source text. */
  readonly value: null | boolean | number | bigint | string;
}

const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const NULL_RE = /^(?:~|null|Null|NULL|)$/;
const INT_RE =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP_RE =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

function toInt(text: string): number | bigint {
  let s = text.replace(/_/g, "");
  let sign = 1n;
  if (s[0] === "-") {
    sign = -1n;
    s = s.slice(1);
  } else if (s[0] === "+") s = s.slice(1);
  let big: bigint;
  if (s === "0") big = 0n;
  else if (s.startsWith("0b")) big = BigInt(s);
  else if (s.startsWith("0x")) big = BigInt(s);
  else if (s[0] === "0") big = BigInt(`0o${s.slice(1)}`);
  else if (s.includes(":")) {
    big = 0n;
    for (const part of s.split(":")) big = big * 60n + BigInt(part);
  } else big = BigInt(s);
  big *= sign;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function toFloat(text: string): number {
  let s = text.replace(/_/g, "").toLowerCase();
  let sign = 1;
  if (s[0] === "-") {
    sign = -1;
    s = s.slice(1);
  } else if (s[0] === "+") s = s.slice(1);
  if (s === ".inf") return sign * Number.POSITIVE_INFINITY;
  if (s === ".nan") return Number.NaN;
  if (s.includes(":")) {
    let value = 0;
    for (const part of s.split(":")) value = value * 60 + Number.parseFloat(part);
    return sign * value;
  }
  return sign * Number.parseFloat(s);
}

/** Resolves a plain (unquoted, untagged) scalar. */
export function resolvePlainScalar(text: string): ResolvedScalar {
  if (NULL_RE.test(text)) return { pyType: "null", value: null };
  if (BOOL_RE.test(text)) return { pyType: "bool", value: /^(?:yes|true|on)$/i.test(text) };
  if (INT_RE.test(text)) return { pyType: "int", value: toInt(text) };
  if (FLOAT_RE.test(text)) return { pyType: "float", value: toFloat(text) };
  if (TIMESTAMP_RE.test(text)) return { pyType: "timestamp", value: text };
  return { pyType: "str", value: text };
}

/** Resolves a scalar carrying an explicit standard tag (`!!int 3`, `!!str yes`). */
export function resolveTaggedScalar(tag: string, text: string): ResolvedScalar | undefined {
  switch (tag) {
    case "tag:yaml.org,2002:str":
      return { pyType: "str", value: text };
    case "tag:yaml.org,2002:null":
      return { pyType: "null", value: null };
    case "tag:yaml.org,2002:bool":
      return BOOL_RE.test(text) ? resolvePlainScalar(text) : undefined;
    case "tag:yaml.org,2002:int":
      return INT_RE.test(text) ? { pyType: "int", value: toInt(text) } : undefined;
    case "tag:yaml.org,2002:float":
      return FLOAT_RE.test(text) || INT_RE.test(text) ? { pyType: "float", value: toFloat(text) } : undefined;
    case "tag:yaml.org,2002:timestamp":
      return TIMESTAMP_RE.test(text) ? { pyType: "timestamp", value: text } : undefined;
    default:
      return undefined;
  }
}
