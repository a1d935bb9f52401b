// Resolves plain YAML scalars the way PyYAML's SafeLoader does (YAML 1.1
// implicit resolvers): StackStorm reads workflows with PyYAML, so `yes`/`on`
// are booleans, `010` is octal 8, `1e3` stays a string and `2020-01-01` is a date.

import { decodeBase64 } from "../../runtime/stdlib/py/base64";
import { dateFieldError, PyDate, PyDateTime, timedeltaRepr } from "../../runtime/stdlib/py/datetime";
import { encodeErrorMessage, strRepr } from "../../runtime/stdlib/py/text";

/** The Python type a scalar was resolved to. */
export type PyScalarType = "null" | "bool" | "int" | "float" | "str" | "timestamp";

export interface ResolvedScalar {
  readonly pyType: PyScalarType;
  /** JSON-compatible value: timestamps are kept as their source text. */
  readonly value: null | boolean | number | bigint | string;
  /**
   * Tagged `!!binary` (valid base64): the bytes yaml.safe_load makes of it,
   * which from_yaml_string keeps; workflow specs read the text.
   */
  readonly binary?: Uint8Array;
}

const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const NULL_RE = /^(?:~|null|Null|NULL|)$/;
const INT_RE =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT_RE =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP_RE =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

/**
 * Resolves a plain (unquoted, untagged) scalar, and constructs it as the
 * resolved tag's constructor does: an int of more than 4,300 decimal digits
 * raises there (Python 3.11's limit on int()).
 */
export function resolvePlainScalar(text: string): TaggedScalar {
  const head = pythonDollarHead(text);
  if (NULL_RE.test(head)) return { pyType: "null", value: null };
  if (BOOL_RE.test(head)) return resolveTaggedScalar(`${YAML_TAG}bool`, text);
  if (INT_RE.test(head)) return constructInt(text);
  if (FLOAT_RE.test(head)) return constructFloat(text);
  if (TIMESTAMP_RE.test(head)) return constructTimestamp(text);
  return { pyType: "str", value: text };
}

/**
 * What a pattern ending in `$` must match for Python's re to match `text`:
 * its `$` also matches before a final "\n" (a quoted or block scalar tagged
 * `!` is resolved like a plain one, and may end in one). A lone "\n" is left
 * as it is: no resolver is registered for its first character.
 */
export function pythonDollarHead(text: string): string {
  return text.length > 1 && text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** What a tagged scalar constructs to, or the error PyYAML raises constructing it. */
export type TaggedScalar = ResolvedScalar | ConstructionError;

/** The exception PyYAML's constructor raises, with Python's exception type. */
export interface ConstructionError {
  readonly error: string;
  readonly type: "KeyError" | "ValueError" | "IndexError" | "AttributeError" | "ConstructorError";
}

const YAML_TAG = "tag:yaml.org,2002:";
/** Python 3.11's sys.get_int_max_str_digits() default: int() of a longer decimal text raises. */
export const MAX_INT_DIGITS = 4300;
const BOOL_VALUES: Record<string, boolean> = {
  yes: true,
  no: false,
  true: true,
  false: false,
  on: true,
  off: false,
};
const PY_SPACE = /^[\s\u001c-\u001f\u0085]+|[\s\u001c-\u001f\u0085]+$/g;
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-f]+$/i };
const PREFIX: Record<number, RegExp> = { 2: /^0b/i, 8: /^0o/i, 16: /^0x/i };

/** Python's int(text, base) for ASCII text (underscores already removed), or null where it raises. */
function pyIntOf(text: string, base: number): bigint | null {
  let s = text.replace(PY_SPACE, "");
  let negative = false;
  if (s[0] === "-" || s[0] === "+") {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  const prefix = PREFIX[base];
  if (prefix?.test(s)) s = s.slice(2);
  if (!DIGITS[base]!.test(s)) return null;
  const value = base === 10 ? BigInt(s) : BigInt(`0${{ 2: "b", 8: "o", 16: "x" }[base]}${s}`);
  return negative ? -value : value;
}

/** Python's float(text), or null where it raises. */
function pyFloatOf(text: string): number | null {
  const s = text.replace(PY_SPACE, "");
  if (/^[-+]?(?:inf|infinity)$/i.test(s)) return s[0] === "-" ? -Infinity : Infinity;
  if (/^[-+]?nan$/i.test(s)) return Number.NaN;
  if (!/^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/i.test(s)) return null;
  return Number(s);
}

const intResult = (v: bigint): ResolvedScalar => ({
  pyType: "int",
  value: v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v,
});

/** PyYAML's construct_yaml_int. */
function constructInt(text: string): TaggedScalar {
  let value = text.replace(/_/g, "");
  if (value === "") return { error: "string index out of range", type: "IndexError" };
  const sign = value[0] === "-" ? -1n : 1n;
  if (value[0] === "-" || value[0] === "+") value = value.slice(1);
  const parse = (digits: string, base: number): TaggedScalar => {
    if (base === 10 && digits.trim().replace(/^[-+]/, "").length > MAX_INT_DIGITS)
      return {
        error: `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`,
        type: "ValueError",
      };
    const n = pyIntOf(digits, base);
    return n === null
      ? { error: `invalid literal for int() with base ${base}: ${strRepr(digits)}`, type: "ValueError" }
      : intResult(sign * n);
  };
  if (value === "0") return intResult(0n);
  if (value.startsWith("0b")) return parse(value.slice(2), 2);
  if (value.startsWith("0x")) return parse(value.slice(2), 16);
  if (value === "") return { error: "string index out of range", type: "IndexError" };
  if (value[0] === "0") return parse(value, 8);
  if (value.includes(":")) {
    let total = 0n;
    for (const part of value.split(":")) {
      const n = pyIntOf(part, 10);
      if (n === null)
        return { error: `invalid literal for int() with base 10: ${strRepr(part)}`, type: "ValueError" };
      total = total * 60n + n;
    }
    return intResult(sign * total);
  }
  return parse(value, 10);
}

/** The fields of a timestamp, as PyYAML's construct_yaml_timestamp reads them. */
export interface TimestampFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Absent for a date (`2001-12-14`). */
  readonly time?: {
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    readonly microsecond: number;
    /** null: naive; otherwise the UTC offset (0 for `Z`). */
    readonly offsetUs: number | null;
  };
}

// construct_yaml_timestamp's own pattern: looser than the resolver's (`!!timestamp 2001-1-2` is a date).
const TIMESTAMP_FIELDS_RE =
  /^([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9]{2}))?))?)?$/;
const DAY_US = 86_400_000_000;

/** The fields of a timestamp text, or null when construct_yaml_timestamp's pattern does not match it. */
export function timestampFields(text: string): TimestampFields | null {
  const m = TIMESTAMP_FIELDS_RE.exec(pythonDollarHead(text));
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (m[4] === undefined) return date;
  let offsetUs: number | null = null;
  if (m[9] !== undefined) {
    const minutes = Number(m[10]) * 60 + Number(m[11] ?? 0);
    offsetUs = (m[9] === "-" ? -minutes : minutes) * 60_000_000;
  } else if (m[8] === "Z") offsetUs = 0;
  const fraction = m[7] ? Number(m[7].slice(0, 6).padEnd(6, "0")) : 0;
  return {
    ...date,
    time: {
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6]!),
      microsecond: fraction,
      offsetUs,
    },
  };
}

/** The date or datetime PyYAML makes of a timestamp the loader accepted (its fields are valid). */
export function timestampValue(text: string): PyDate | PyDateTime {
  const f = timestampFields(text)!;
  const t = f.time;
  if (!t) return new PyDate(f.year, f.month, f.day);
  const zone = t.offsetUs === null ? "naive" : "timezone";
  return PyDateTime.of(
    f.year,
    f.month,
    f.day,
    t.hour,
    t.minute,
    t.second,
    t.microsecond,
    t.offsetUs ?? 0,
    zone,
  );
}

/** PyYAML's construct_yaml_timestamp: the text when Python's date/datetime accept it, else the ValueError. */
function constructTimestamp(text: string): TaggedScalar {
  const f = timestampFields(text);
  if (f === null) return { error: "'NoneType' object has no attribute 'groupdict'", type: "AttributeError" };
  const t = f.time;
  // The zone is made before the datetime, so its error comes first.
  if (t && t.offsetUs !== null && Math.abs(t.offsetUs) >= DAY_US)
    return {
      error: `offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${timedeltaRepr(t.offsetUs)}.`,
      type: "ValueError",
    };
  const error = t
    ? dateFieldError(f.year, f.month, f.day, t.hour, t.minute, t.second, t.microsecond)
    : dateFieldError(f.year, f.month, f.day);
  return error === null ? { pyType: "timestamp", value: text } : { error, type: "ValueError" };
}

/** PyYAML's construct_yaml_float. */
function constructFloat(text: string): TaggedScalar {
  let value = text.replace(/_/g, "").toLowerCase();
  if (value === "") return { error: "string index out of range", type: "IndexError" };
  const sign = value[0] === "-" ? -1 : 1;
  if (value[0] === "-" || value[0] === "+") value = value.slice(1);
  if (value === ".inf") return { pyType: "float", value: sign * Number.POSITIVE_INFINITY };
  if (value === ".nan") return { pyType: "float", value: Number.NaN };
  if (value.includes(":")) {
    let total = 0;
    for (const part of value.split(":")) {
      const n = pyFloatOf(part);
      if (n === null)
        return { error: `could not convert string to float: ${strRepr(part)}`, type: "ValueError" };
      total = total * 60 + n;
    }
    return { pyType: "float", value: sign * total };
  }
  const n = pyFloatOf(value);
  return n === null
    ? { error: `could not convert string to float: ${strRepr(value)}`, type: "ValueError" }
    : { pyType: "float", value: sign * n };
}

/**
 * Constructs a scalar carrying an explicit tag (`!!int 3`, `!!str yes`) as
 * PyYAML's SafeConstructor does, errors included (`!!int 1.5`, `!!bool maybe`,
 * an unknown `!tag`).
 */
export function resolveTaggedScalar(tag: string, text: string): TaggedScalar {
  switch (tag) {
    case `${YAML_TAG}str`:
      return { pyType: "str", value: text };
    case `${YAML_TAG}binary`:
      return constructBinary(text);
    case `${YAML_TAG}null`:
      return { pyType: "null", value: null };
    case `${YAML_TAG}bool`: {
      // PyYAML looks the lower-cased text up, and its KeyError names that
      const key = text.toLowerCase();
      const v = Object.hasOwn(BOOL_VALUES, key) ? BOOL_VALUES[key] : undefined;
      return v === undefined ? { error: strRepr(key), type: "KeyError" } : { pyType: "bool", value: v };
    }
    case `${YAML_TAG}int`:
      return constructInt(text);
    case `${YAML_TAG}float`:
      return constructFloat(text);
    case `${YAML_TAG}timestamp`:
      return constructTimestamp(text);
    case `${YAML_TAG}seq`:
    case `${YAML_TAG}omap`:
    case `${YAML_TAG}pairs`:
      return { error: "expected a sequence node, but found scalar", type: "ConstructorError" };
    case `${YAML_TAG}map`:
    case `${YAML_TAG}set`:
      return { error: "expected a mapping node, but found scalar", type: "ConstructorError" };
    default:
      return { error: `could not determine a constructor for the tag '${tag}'`, type: "ConstructorError" };
  }
}

/** PyYAML's construct_yaml_binary: the text must be ASCII and base64 that binascii decodes. */
function constructBinary(text: string): TaggedScalar {
  const notAscii = encodeErrorMessage("ascii", text);
  if (notAscii)
    return { error: `failed to convert base64 data into ascii: ${notAscii}`, type: "ConstructorError" };
  const decoded = decodeBase64(text);
  if ("error" in decoded)
    return { error: `failed to decode base64 data: ${decoded.error}`, type: "ConstructorError" };
  return { pyType: "str", value: text, binary: decoded };
}

/**
 * What PyYAML's SafeConstructor says of an explicit tag on a collection
 * (`!!int {a: 1}`, `!!map [1]`, `!foo [x]`), or undefined when it constructs
 * the collection (`!!seq`, `!!map`, and `!!omap`, `!!pairs`, `!!set` of the
 * right kind, which orqc reads as the plain collection).
 */
export function collectionTagError(tag: string, found: "mapping" | "sequence"): string | undefined {
  switch (tag) {
    case `${YAML_TAG}str`:
    case `${YAML_TAG}binary`:
    case `${YAML_TAG}null`:
    case `${YAML_TAG}bool`:
    case `${YAML_TAG}int`:
    case `${YAML_TAG}float`:
    case `${YAML_TAG}timestamp`:
      return `expected a scalar node, but found ${found}`;
    case `${YAML_TAG}seq`:
      return found === "mapping" ? "expected a sequence node, but found mapping" : undefined;
    case `${YAML_TAG}omap`:
    case `${YAML_TAG}pairs`:
      return found === "mapping" ? "expected a sequence, but found mapping" : undefined;
    case `${YAML_TAG}map`:
    case `${YAML_TAG}set`:
      return found === "sequence" ? "expected a mapping node, but found sequence" : undefined;
    default:
      return `could not determine a constructor for the tag '${tag}'`;
  }
}
