// Python str methods reachable from templates (`'a,b'.split(',')`,
// `s.startswith(('x', 'y'))`, `'{}'.format(x)` ...), as bound callables.

import { dictSet } from "../../../runtime/stdlib/py/dict";
import { strRepr } from "../../../runtime/stdlib/py/text";
import {
  casefold,
  PY_SPACE,
  pyCapitalize,
  pyIsDigit,
  pyIsIdentifier,
  pyIsLower,
  pyIsNumeric,
  pyIsTitle,
  pyIsUpper,
  pyTitle,
  swapcase,
} from "../../../runtime/stdlib/py/unicode";
import {
  bigOf,
  isDict,
  isInt,
  type PyDict,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
  valueError,
} from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import { encode } from "./bytes";
import { htmlUnescape } from "./html-escape";
import { escapeArg, Markup, markupSeen, textOf } from "./markup";
import { checkMethodCall, method } from "./method-signatures";
import { chars, escapeValue, iterate, toStr } from "./protocol";
import { strFormat } from "./str-format";
import { pyMakeTrans, pyTranslate } from "./translate-table";
import { JinjaCallable } from "./values";

const WS = new RegExp(`^[${PY_SPACE}]+$`, "u");
const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`, "u");
const SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, "u");

function needStr(v: PyValue | undefined, what: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw typeError(`${what} arg must be None or str`);
  return v;
}

function stripChars(s: string, set: string | undefined, left: boolean, right: boolean): string {
  const cs = chars(s);
  const inSet = (c: string) => (set === undefined ? WS.test(c) : set.includes(c));
  let a = 0;
  let b = cs.length;
  if (left) while (a < b && inSet(cs[a]!)) a++;
  if (right) while (b > a && inSet(cs[b - 1]!)) b--;
  return cs.slice(a, b).join("");
}

/** The whitespace a split without a separator cuts at: str's (Unicode's) or bytes' (ASCII). */
export interface Whitespace {
  readonly leading: RegExp;
  readonly run: RegExp;
}
const STR_WHITESPACE: Whitespace = { leading: LEADING_SPACE, run: SPACE_RUN };
export const ASCII_WHITESPACE: Whitespace = { leading: /^[\t-\r ]+/, run: /[\t-\r ]+/ };

export function splitWhitespace(s: string, maxsplit: number, space = STR_WHITESPACE): string[] {
  const out: string[] = [];
  let rest = s.replace(space.leading, "");
  while (rest.length > 0) {
    if (maxsplit >= 0 && out.length >= maxsplit) {
      out.push(rest);
      break;
    }
    const m = space.run.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

/** Python's str.splitlines(). */
export function splitLines(s: string, keepends = false): string[] {
  const out: string[] = [];
  const re = /\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(s.slice(last, keepends ? m.index + m[0].length : m.index));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

/** str.split(sep, maxsplit); without a separator, runs of `space`. */
export function splitText(
  s: string,
  sep: string | undefined,
  maxsplit: number,
  space = STR_WHITESPACE,
): string[] {
  if (sep === undefined) return splitWhitespace(s, maxsplit, space);
  if (sep === "") throw valueError("empty separator");
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** str.rsplit(sep, maxsplit); without a separator, runs of `space`. */
export function rsplitText(
  s: string,
  sep: string | undefined,
  maxsplit: number,
  space = STR_WHITESPACE,
): string[] {
  if (maxsplit < 0) return splitText(s, sep, -1, space);
  if (sep === undefined) {
    const rev = splitWhitespace(chars(s).reverse().join(""), maxsplit, space);
    return rev.map((p) => chars(p).reverse().join("")).reverse();
  }
  if (sep === "") throw valueError("empty separator");
  const parts = s.split(sep);
  if (parts.length <= maxsplit + 1) return parts;
  const cut = parts.length - maxsplit;
  return [parts.slice(0, cut).join(sep), ...parts.slice(cut)];
}

export { pyCapitalize, pyTitle };

/** An int argument (None is not one), `dflt` when not given. */
function intArg(v: PyValue | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!isInt(v) && typeof v !== "boolean")
    throw typeError(`'${pyTypeName(v)}' object cannot be interpreted as an integer`);
  return Number(bigOf(v));
}

/** A str argument of a str method. */
function strArg(v: PyValue): string {
  if (typeof v !== "string") throw typeError(`must be str, not ${pyTypeName(v)}`);
  return v;
}

/**
 * The bounds str.find and its kin search within, as CPython adjusts them: the
 * end is clamped to the length, the start is not (a start past the end finds
 * nothing, not even ""). Bounds may be None, as in a slice.
 */
function window(
  s: string,
  start: PyValue | undefined,
  end: PyValue | undefined,
): { cs: string[]; from: number; to: number } {
  const cs = chars(s);
  const n = cs.length;
  let from = intArg(start ?? undefined, 0);
  let to = intArg(end ?? undefined, n);
  if (from < 0) from = Math.max(0, from + n);
  to = to < 0 ? Math.max(0, to + n) : Math.min(to, n);
  return { cs, from, to };
}

function find(s: string, args: PyValue[], fromRight: boolean): number {
  const sub = args[0];
  if (typeof sub !== "string") throw typeError(`must be str, not ${pyTypeName(sub ?? null)}`);
  const { cs, from, to } = window(s, args[1], args[2]);
  if (to - from < chars(sub).length) return -1;
  const text = cs.slice(from, to).join("");
  const idx = fromRight ? text.lastIndexOf(sub) : text.indexOf(sub);
  return idx < 0 ? -1 : from + chars(text.slice(0, idx)).length;
}

function affix(s: string, args: PyValue[], name: string, atStart: boolean): boolean {
  const what = args[0];
  const { cs, from, to } = window(s, args[1], args[2]);
  const options = what instanceof PyTuple ? what.items : [what ?? null];
  return options.some((item) => {
    const o = item instanceof Markup ? item.text : item;
    if (typeof o !== "string") {
      throw typeError(`${name} first arg must be str or a tuple of str, not ${pyTypeName(o)}`);
    }
    const len = chars(o).length;
    if (to - len < from) return false;
    const at = atStart ? from : to - len;
    return cs.slice(at, at + len).join("") === o;
  });
}

function justify(s: string, args: PyValue[], kind: "l" | "r" | "c"): string {
  const width = intArg(args[0], 0);
  const fill = args[1] === undefined ? " " : args[1];
  if (typeof fill !== "string")
    throw typeError(`The fill character must be a unicode character, not ${pyTypeName(fill)}`);
  if (chars(fill).length !== 1) throw typeError("The fill character must be exactly one character long");
  const n = chars(s).length;
  const total = Math.max(0, width - n);
  if (kind === "l") return s + fill.repeat(total);
  if (kind === "r") return fill.repeat(total) + s;
  const left = Math.floor(total / 2) + (total & width & 1);
  return fill.repeat(left) + s + fill.repeat(total - left);
}

export type StrMethod = (s: string, args: PyValue[], kwargs: PyDict) => PyValue;

const test =
  (re: RegExp): StrMethod =>
  (s) =>
    s.length > 0 && re.test(s);

const METHODS: Record<string, StrMethod> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => casefold(s),
  swapcase: (s) => swapcase(s),
  title: (s) => pyTitle(s),
  capitalize: (s) => pyCapitalize(s),
  strip: (s, a) => stripChars(s, needStr(a[0], "strip"), true, true),
  lstrip: (s, a) => stripChars(s, needStr(a[0], "lstrip"), true, false),
  rstrip: (s, a) => stripChars(s, needStr(a[0], "rstrip"), false, true),
  split: (s, a, k) => {
    const [sep, max] = bindArgs("split", a, k, ["sep", "maxsplit"]);
    return splitText(s, needStr(sep, "split"), intArg(max, -1));
  },
  rsplit: (s, a, k) => {
    const [sep, max] = bindArgs("rsplit", a, k, ["sep", "maxsplit"]);
    return rsplitText(s, needStr(sep, "rsplit"), intArg(max, -1));
  },
  splitlines: (s, a, k) => {
    const [keep] = bindArgs("splitlines", a, k, ["keepends"]);
    if (keep === null) throw typeError("'NoneType' object cannot be interpreted as an integer");
    return splitLines(s, keep !== undefined && intArg(keep, 0) !== 0);
  },
  join: (s, a) =>
    iterate(a[0] ?? null)
      .map((x) => {
        if (x instanceof Markup) return x.text;
        if (typeof x !== "string")
          throw typeError(`sequence item: expected str instance, ${pyTypeName(x)} found`);
        return x;
      })
      .join(s),
  replace: (s, a) => {
    const [old, rep, count] = a;
    if (typeof old !== "string" || typeof rep !== "string") throw typeError("replace() argument must be str");
    return pyReplace(s, old, rep, intArg(count, -1));
  },
  startswith: (s, a) => affix(s, a, "startswith", true),
  endswith: (s, a) => affix(s, a, "endswith", false),
  find: (s, a) => find(s, a, false),
  rfind: (s, a) => find(s, a, true),
  index: (s, a) => {
    const i = find(s, a, false);
    if (i < 0) throw valueError("substring not found");
    return i;
  },
  rindex: (s, a) => {
    const i = find(s, a, true);
    if (i < 0) throw valueError("substring not found");
    return i;
  },
  count: (s, a) => {
    const sub = a[0];
    if (typeof sub !== "string") throw typeError(`must be str, not ${pyTypeName(sub ?? null)}`);
    const { cs, from, to } = window(s, a[1], a[2]);
    if (to - from < chars(sub).length) return 0;
    return sub === "" ? to - from + 1 : cs.slice(from, to).join("").split(sub).length - 1;
  },
  format: (s, a, k) => strFormat(s, a, k),
  // Python looks the mapping up only for a named field: a text without one
  // takes anything, and a field of a non-mapping fails as a missing key would.
  format_map: (s, a) => {
    const mapping = a[0]!;
    return strFormat(s, [], isDict(mapping) ? mapping : {});
  },
  zfill: (s, a) => {
    const width = intArg(a[0], 0);
    const sign = s[0] === "-" || s[0] === "+" ? s[0] : "";
    const body = sign ? s.slice(1) : s;
    return sign + "0".repeat(Math.max(0, width - chars(s).length)) + body;
  },
  ljust: (s, a) => justify(s, a, "l"),
  rjust: (s, a) => justify(s, a, "r"),
  center: (s, a) => justify(s, a, "c"),
  partition: (s, a) => {
    const sep = strArg(a[0]!);
    if (sep === "") throw valueError("empty separator");
    const i = s.indexOf(sep);
    return i < 0 ? new PyTuple([s, "", ""]) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = strArg(a[0]!);
    if (sep === "") throw valueError("empty separator");
    const i = s.lastIndexOf(sep);
    return i < 0 ? new PyTuple(["", "", s]) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s, a) => {
    const prefix = strArg(a[0]!);
    return s.startsWith(prefix) ? s.slice(prefix.length) : s;
  },
  removesuffix: (s, a) => {
    const suffix = strArg(a[0]!);
    return suffix !== "" && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
  },
  translate: (s, a, k) => {
    const [table] = bindArgs("translate", a, k, ["table"]);
    return pyTranslate(s, table ?? null);
  },
  maketrans: (_s, a) => pyMakeTrans(a),
  expandtabs: (s, a, k) => {
    const [tabsize] = bindArgs("expandtabs", a, k, ["tabsize"]);
    const size = intArg(tabsize, 8);
    let col = 0;
    let out = "";
    for (const c of s) {
      if (c === "\t") {
        const n = size > 0 ? size - (col % size) : 0;
        out += " ".repeat(n);
        col += n;
      } else {
        out += c;
        col = c === "\n" || c === "\r" ? 0 : col + 1;
      }
    }
    return out;
  },
  isdigit: pyIsDigit,
  isdecimal: test(/^\p{Nd}+$/u),
  isnumeric: pyIsNumeric,
  isalpha: test(/^\p{L}+$/u),
  isalnum: test(/^[\p{L}\p{Nd}\p{Nl}\p{No}]+$/u),
  isspace: test(WS),
  isidentifier: pyIsIdentifier,
  isascii: (s) => !/[^\x00-\x7f]/.test(s),
  isprintable: (s) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|[^\S ]/u.test(s),
  islower: pyIsLower,
  isupper: pyIsUpper,
  istitle: pyIsTitle,
  encode: (s, a, k) => {
    const [encoding, errors] = bindArgs("encode", a, k, ["encoding", "errors"]);
    return encode(s, encoding, errors);
  },
};

/** A str method by name (bytes reuses the ones that do not depend on character classes). */
export function strMethod(name: string): StrMethod | undefined {
  return Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
}

export function strAttribute(s: string, name: string): JinjaCallable | undefined {
  const m = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  if (!m) return undefined;
  // format and format_map show a Markup argument as one (`{!r}`)
  if (name === "format" || name === "format_map")
    return method("str", name, (args, kwargs) => m(s, args, kwargs));
  return method("str", name, (args, kwargs) =>
    markupSeen() ? m(s, args.map(textOf), plainKwargs(kwargs)) : m(s, args, kwargs),
  );
}

function plainKwargs(kwargs: PyDict): PyDict {
  const out: PyDict = {};
  for (const k of Object.keys(kwargs)) dictSet(out, k, textOf(kwargs[k]!));
  return out;
}

/** The str methods MarkupSafe wraps: str and Markup arguments escaped, the result a Markup. */
const ESCAPING = new Set([
  "capitalize",
  "title",
  "lower",
  "upper",
  "replace",
  "ljust",
  "rjust",
  "lstrip",
  "rstrip",
  "center",
  "strip",
  "translate",
  "expandtabs",
  "swapcase",
  "zfill",
]);

const markupList = (v: PyValue): PyValue => (Array.isArray(v) ? v.map((x) => new Markup(toStr(x))) : v);
const markupTuple = (v: PyValue): PyValue =>
  v instanceof PyTuple ? new PyTuple(v.items.map((x) => new Markup(toStr(x)))) : v;

/** Markup's own methods, then str's (whose results are plain). */
const MARKUP_METHODS: Record<string, (m: Markup, args: PyValue[], kwargs: PyDict) => PyValue> = {
  split: (m, a, k) => markupList(METHODS.split!(m.text, a.map(textOf), plainKwargs(k))),
  rsplit: (m, a, k) => markupList(METHODS.rsplit!(m.text, a.map(textOf), plainKwargs(k))),
  splitlines: (m, a, k) => markupList(METHODS.splitlines!(m.text, a, k)),
  partition: (m, a, k) =>
    markupTuple(
      METHODS.partition!(
        m.text,
        a.map((x) => escapeValue(x).text),
        k,
      ),
    ),
  rpartition: (m, a, k) =>
    markupTuple(
      METHODS.rpartition!(
        m.text,
        a.map((x) => escapeValue(x).text),
        k,
      ),
    ),
  join: (m, a) =>
    new Markup(
      iterate(a[0] ?? null)
        .map((x) => escapeValue(x).text)
        .join(m.text),
    ),
  format: (m, a, k) => new Markup(strFormat(m.text, a, k, true)),
  format_map: (m, a) => {
    if (a.length !== 1) throw typeError(`format_map() takes exactly one argument (${a.length} given)`);
    const d = a[0]!;
    if (typeof d !== "object" || d === null || Array.isArray(d))
      throw typeError("format_map() argument must be a mapping");
    return new Markup(strFormat(m.text, [], d as PyDict, true));
  },
  unescape: (m) => htmlUnescape(m.text),
  striptags: (m) => stripTags(m.text),
  escape: (_m, a) => {
    if (a.length !== 1)
      throw typeError(`escape() takes 2 positional arguments but ${a.length + 1} were given`);
    return escapeValue(a[0]!);
  },
};

export function markupAttribute(m: Markup, name: string): JinjaCallable | undefined {
  // Markup's methods are Python functions: bound, their repr names the Markup
  const bound = (qualname: string) => `<bound method ${qualname} of Markup(${strRepr(m.text)})>`;
  const own = Object.hasOwn(MARKUP_METHODS, name) ? MARKUP_METHODS[name] : undefined;
  if (own) {
    const repr =
      name === "format_map"
        ? undefined
        : name === "escape"
          ? "<bound method Markup.escape of <class 'markupsafe.Markup'>>"
          : bound(`Markup.${name}`);
    return new JinjaCallable("method", name, (args, kwargs) => own(m, args, kwargs), repr);
  }
  const str = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  if (!str) return undefined;
  if (ESCAPING.has(name)) {
    return new JinjaCallable(
      "method",
      name,
      (args, kwargs) => {
        checkMethodCall("str", name, args, kwargs);
        const k: PyDict = {};
        for (const key of Object.keys(kwargs)) dictSet(k, key, escapeArg(kwargs[key]!));
        return new Markup(toStr(str(m.text, args.map(escapeArg), k)));
      },
      bound(`str.${name}`),
    );
  }
  return method("str", name, (args, kwargs) => str(m.text, args.map(textOf), plainKwargs(kwargs)));
}

/** Markup.striptags: comments and tags removed, whitespace collapsed, entities unescaped. */
export function stripTags(s: string): string {
  const text = s.replace(/<!--[\s\S]*?-->/g, "").replace(/<[\s\S]*?>/g, "");
  return htmlUnescape(splitWhitespace(text, -1).join(" "));
}

/** Python's str.replace: at most `count` replacements (all when negative); an empty `old` matches before every character and at the end. */
export function pyReplace(s: string, old: string, rep: string, count: number): string {
  const parts = old === "" ? ["", ...chars(s), ""] : s.split(old);
  const sep = old;
  let out = parts[0]!;
  let left = count < 0 ? Number.POSITIVE_INFINITY : count;
  for (let i = 1; i < parts.length; i++) out += (left-- > 0 ? rep : sep) + parts[i];
  return out;
}
