// The Python signatures of the str, list, tuple, dict, int and float methods
// that templates call (`s.upper()`, `d.get(k, 0)`). Python checks the
// argument count and keywords before the method runs: `s.upper(1)` is a
// TypeError, which the method code, reading its arguments leniently, would
// not notice.

import { checkCInt } from "../../../runtime/stdlib/py/c-int";
import { dictKeys } from "../../../runtime/stdlib/py/dict";
import { type PyDict, type PyValue, typeError } from "../../../runtime/stdlib/py/value";
import { fn, type JinjaCallable, type NativeCall } from "./values";

export type MethodOwner = "str" | "list" | "tuple" | "dict" | "int" | "float" | "complex" | "range";

interface Param {
  readonly name: string;
  readonly optional: boolean;
  /** A C integer Python converts the argument to while it parses the call: past its range, OverflowError. */
  readonly cType?: "ssize_t" | "int";
  /** Positional-only (most builtins), positional or keyword, or keyword-only. */
  readonly kind: "positional" | "either" | "keyword";
}

interface Signature {
  readonly params: readonly Param[];
  /** The params a call may give by position. */
  readonly positional: readonly Param[];
  readonly varargs: boolean;
  readonly varkw: boolean;
  /** The positions of the params read as C integers (most methods have none). */
  readonly cInts: readonly number[];
}

/**
 * A signature as text, one word per parameter: `name`, `name=` (has a
 * default), `k:name` (may be given by keyword), `kw:name` (keyword-only),
 * `*` and `**`; `name#` is read as a C ssize_t, `name%` as a C int.
 */
function parse(spec: string): Signature {
  const params: Param[] = [];
  let varargs = false;
  let varkw = false;
  for (const word of spec.split(" ").filter((w) => w)) {
    if (word === "*") varargs = true;
    else if (word === "**") varkw = true;
    else {
      const [prefix, rest] = word.includes(":") ? (word.split(":") as [string, string]) : ["", word];
      const bare = rest.replace(/=$/, "");
      const marker = bare.at(-1);
      params.push({
        name: bare.replace(/[#%]$/, ""),
        optional: rest.endsWith("="),
        kind: prefix === "k" ? "either" : prefix === "kw" ? "keyword" : "positional",
        ...(marker === "#" ? { cType: "ssize_t" as const } : marker === "%" ? { cType: "int" as const } : {}),
      });
    }
  }
  const cInts = params.flatMap((p, i) => (p.cType ? [i] : []));
  return { params, positional: params.filter((p) => p.kind !== "keyword"), varargs, varkw, cInts };
}

const FIND = "sub start= end=";
const AFFIX = "prefix start= end=";

const SPECS: Record<MethodOwner, Record<string, string>> = {
  str: {
    capitalize: "",
    casefold: "",
    center: "width# fillchar=",
    count: FIND,
    encode: "k:encoding= k:errors=",
    endswith: AFFIX,
    expandtabs: "k:tabsize%=",
    find: FIND,
    format: "* **",
    format_map: "mapping",
    index: FIND,
    isalnum: "",
    isalpha: "",
    isascii: "",
    isdecimal: "",
    isdigit: "",
    isidentifier: "",
    islower: "",
    isnumeric: "",
    isprintable: "",
    isspace: "",
    istitle: "",
    isupper: "",
    join: "iterable",
    ljust: "width# fillchar=",
    lower: "",
    lstrip: "chars=",
    maketrans: "x y= z=",
    partition: "sep",
    removeprefix: "prefix",
    removesuffix: "suffix",
    replace: "old new count#=",
    rfind: FIND,
    rindex: FIND,
    rjust: "width# fillchar=",
    rpartition: "sep",
    rsplit: "k:sep= k:maxsplit#=",
    rstrip: "chars=",
    split: "k:sep= k:maxsplit#=",
    splitlines: "k:keepends%=",
    startswith: AFFIX,
    strip: "chars=",
    swapcase: "",
    title: "",
    translate: "table",
    upper: "",
    zfill: "width#",
  },
  list: {
    append: "object",
    clear: "",
    copy: "",
    count: "value",
    extend: "iterable",
    index: "value start= stop=",
    insert: "index# object",
    pop: "index#=",
    remove: "value",
    reverse: "",
    sort: "kw:key= kw:reverse=",
  },
  tuple: { count: "value", index: "value start= stop=" },
  range: { count: "value", index: "value" },
  dict: {
    clear: "",
    copy: "",
    fromkeys: "iterable value=",
    get: "key default=",
    items: "",
    keys: "",
    pop: "key default=",
    popitem: "",
    setdefault: "key default=",
    update: "other= **",
    values: "",
  },
  int: {
    as_integer_ratio: "",
    bit_count: "",
    bit_length: "",
    conjugate: "",
    from_bytes: "k:bytes k:byteorder= kw:signed=",
    to_bytes: "k:length= k:byteorder= kw:signed=",
  },
  float: { as_integer_ratio: "", conjugate: "", fromhex: "string", hex: "", is_integer: "" },
  complex: { conjugate: "" },
};

const SIGNATURES = new Map<string, Signature>();
for (const [owner, methods] of Object.entries(SPECS))
  for (const [name, spec] of Object.entries(methods)) SIGNATURES.set(`${owner}.${name}`, parse(spec));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Raises Python's TypeError where `owner.name` cannot take these arguments. */
export function checkMethodCall(
  owner: MethodOwner,
  name: string,
  args: readonly PyValue[],
  kwargs: PyDict,
): void {
  const s = SIGNATURES.get(`${owner}.${name}`);
  if (s) check(s, owner, name, args, kwargs);
}

function check(
  s: Signature,
  owner: MethodOwner,
  name: string,
  args: readonly PyValue[],
  kwargs: PyDict,
): void {
  const qualified = `${owner}.${name}()`;
  const { positional } = s;
  if (args.length > positional.length && !s.varargs) {
    if (positional.length === 0) throw typeError(`${qualified} takes no arguments (${args.length} given)`);
    throw typeError(`${name} expected at most ${plural(positional.length, "argument")}, got ${args.length}`);
  }
  const byKeyword = new Set<string>();
  for (const key of dictKeys(kwargs)) {
    const i = s.params.findIndex((p) => p.name === key && p.kind !== "positional");
    if (i < 0) {
      if (s.varkw) continue;
      if (s.params.every((p) => p.kind === "positional"))
        throw typeError(`${qualified} takes no keyword arguments`);
      throw typeError(`${qualified} got an unexpected keyword argument '${key}'`);
    }
    if (i < args.length) throw typeError(`${qualified} got multiple values for argument '${key}'`);
    byKeyword.add(key);
  }
  const missing = s.params.filter(
    (p, i) => !p.optional && !byKeyword.has(p.name) && (p.kind === "keyword" || i >= args.length),
  );
  if (missing.length > 0) {
    const needed = positional.filter((p) => !p.optional).length;
    throw typeError(`${name}() expected at least ${plural(needed, "argument")}, got ${args.length}`);
  }
  for (const i of s.cInts) {
    const p = s.params[i]!;
    const v =
      i < args.length && p.kind !== "keyword" ? args[i] : byKeyword.has(p.name) ? kwargs[p.name] : undefined;
    if (v !== undefined) checkCInt(v, p.cType!);
  }
}

/** A bound builtin method whose calls are checked against its Python signature first. */
export function method(owner: MethodOwner, name: string, invoke: NativeCall): JinjaCallable {
  const s = SIGNATURES.get(`${owner}.${name}`);
  if (!s) return fn(name, invoke);
  return fn(name, (args, kwargs) => {
    check(s, owner, name, args, kwargs);
    return invoke(args, kwargs);
  });
}
