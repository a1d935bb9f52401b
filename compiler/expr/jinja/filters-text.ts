// Built-in Jinja filters on strings and numbers (Jinja2 3.1 semantics):
// upper, lower, title, replace, trim, int, float, round, format, tojson, ...

import { checkCInt } from "../../../runtime/stdlib/py/c-int";
import { complexAbs } from "../../../runtime/stdlib/py/complex";
import { PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import { dictKeys } from "../../../runtime/stdlib/py/dict";
import { originalKey } from "../../../runtime/stdlib/py/key-index";
import { isPySpace, PY_SPACE } from "../../../runtime/stdlib/py/unicode";
import {
  bigOf,
  isDict,
  isFloat,
  isInt,
  isNumeric,
  mkFloat,
  mkInt,
  numberOf,
  PyComplex,
  PyError,
  PyFloat,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { PySlice, sliceValue } from "./access";
import { bindArgs } from "./args";
import { binaryOp } from "./arith";
import { PyBytes } from "./bytes";
import type { FilterFn } from "./filter-types";
import { percentFormat } from "./format";
import { htmlEscape } from "./html-escape";
import { pyJsonDumps } from "./json-dumps";
import { Markup } from "./markup";
import { pyCapitalize, pyReplace, splitLines, stripTags } from "./methods-str";
import { pyPformat } from "./pprint";
import {
  chars,
  compare,
  escapeValue,
  isIterable,
  isTrue,
  iterate,
  markupOf,
  pyLen,
  toRepr,
  toStr,
} from "./protocol";
import { doInt, pyRound, toPyFloat } from "./py-numbers";
import { JinjaUndefined } from "./undefined";
import { doUrlize } from "./urlize-filter";
import { textwrap } from "./wordwrap";

const filterError = (msg: string) => new PyError("FilterArgumentError", msg);

/** int() and float() read ASCII bytes as the text they spell; other bytes they refuse (undefined here). */
function bytesAsText(v: PyValue): PyValue | undefined {
  if (!(v instanceof PyBytes)) return v;
  return v.data.every((b) => b < 0x80) ? v.latin1() : undefined;
}

export function intParam(v: PyValue | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!isInt(v) && typeof v !== "boolean")
    throw typeError(`'${pyTypeName(v)}' object cannot be interpreted as an integer`);
  return Number(bigOf(v));
}

// ------------------------------------------------------------ html and urls

function urlQuote(v: PyValue, forQs: boolean): string {
  const text = toStr(v);
  const safe = forQs ? "" : "/";
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.\-~]/.test(ch) || safe.includes(ch)) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return forQs ? out.replace(/%20/g, "+") : out;
}

/** math.ceil or math.floor of a float: a Python int. */
function floatToInt(x: number, method: "ceil" | "floor"): PyValue {
  if (Number.isNaN(x)) throw new PyError("ValueError", "cannot convert float NaN to integer");
  if (!Number.isFinite(x)) throw new PyError("OverflowError", "cannot convert float infinity to integer");
  return mkInt(BigInt(method === "ceil" ? Math.ceil(x) : Math.floor(x)));
}

/** Jinja's `_word_beginning_split_re`, ([-\s({\[<]+), with Python's \s. */
const WORD_BEGINNING = new RegExp(`([-${PY_SPACE}({[<]+)`, "u");

/** Python's round(x) with no digits. */
function roundToInt(v: PyValue): PyValue {
  const r = pyRound(v, 0);
  return isFloat(r) ? floatToInt(numberOf(r), "floor") : r;
}

export const TEXT_FILTERS: Record<string, FilterFn> = {
  upper: (_rt, v) => toStr(v).toUpperCase(),
  lower: (_rt, v) => toStr(v).toLowerCase(),
  capitalize: (_rt, v) => pyCapitalize(toStr(v)),
  title: (_rt, v) =>
    toStr(v)
      .split(WORD_BEGINNING)
      .filter((x) => x)
      .map((item) => {
        const cs = chars(item);
        return cs[0]!.toUpperCase() + cs.slice(1).join("").toLowerCase();
      })
      .join(""),
  replace: (_rt, v, a, k) => {
    const [old, rep, count] = bindArgs("do_replace", a, k, ["old", "new", "count"], 2);
    const s = toStr(v);
    const o = toStr(old!);
    const r = toStr(rep!);
    if (count !== undefined) checkCInt(count, "ssize_t");
    return pyReplace(s, o, r, count === undefined || count === null ? -1 : intParam(count, -1));
  },
  trim: (_rt, v, a, k) => {
    const [set] = bindArgs("do_trim", a, k, ["chars"]);
    const cs = chars(toStr(v));
    if (set !== undefined && set !== null && typeof set !== "string" && !(set instanceof Markup))
      throw typeError("strip arg must be None or str");
    const inSet = (c: string) => (set === undefined || set === null ? isPySpace(c) : toStr(set).includes(c));
    let i = 0;
    let j = cs.length;
    while (i < j && inSet(cs[i]!)) i++;
    while (j > i && inSet(cs[j - 1]!)) j--;
    return cs.slice(i, j).join("");
  },
  striptags: (_rt, v) => stripTags(toStr(v)),
  center: (_rt, v, a, k) => {
    const [w] = bindArgs("do_center", a, k, ["width"]);
    const s = toStr(v);
    if (w !== undefined) checkCInt(w, "ssize_t");
    const width = intParam(w, 80);
    const total = Math.max(0, width - chars(s).length);
    const left = Math.floor(total / 2) + (total & width & 1);
    return " ".repeat(left) + s + " ".repeat(total - left);
  },
  indent: (_rt, v, a, k) => {
    const [w, first, blank] = bindArgs("do_indent", a, k, ["width", "first", "blank"]);
    if (v instanceof JinjaUndefined) v.fail();
    if (typeof v !== "string")
      throw typeError(`unsupported operand type(s) for +=: '${pyTypeName(v)}' and 'str'`);
    const ind = typeof w === "string" ? w : (binaryOp("*", " ", w === undefined ? 4 : w) as string);
    const lines = splitLines(`${v}\n`);
    let rv: string;
    if (blank !== undefined && isTrue(blank)) rv = lines.join(`\n${ind}`);
    else
      rv =
        lines[0]! +
        lines
          .slice(1)
          .map((l) => `\n${l ? ind + l : l}`)
          .join("");
    return first !== undefined && isTrue(first) ? ind + rv : rv;
  },
  truncate: (_rt, v, a, k) => {
    const [len, kill, end, lee] = bindArgs("do_truncate", a, k, ["length", "killwords", "end", "leeway"]);
    // Jinja's steps in Python arithmetic: any value with a len() is cut, and
    // the arguments fail only where Python's operators would.
    const length = len === undefined ? 255 : len;
    const endText = end === undefined ? "..." : end;
    const leeway = lee === undefined || lee === null ? 5 : lee;
    const endLength = pyLen(endText);
    if (compare(length, endLength, ">=") < 0)
      throw new PyError("AssertionError", `expected length >= ${endLength}, got ${toRepr(length)}`);
    if (compare(leeway, 0, ">=") < 0)
      throw new PyError("AssertionError", `expected leeway >= 0, got ${toRepr(leeway)}`);
    if (compare(pyLen(v), binaryOp("+", length, leeway), "<=") <= 0) return v;
    const head = sliceValue(v, new PySlice(null, binaryOp("-", length, endLength), null));
    if (kill !== undefined && isTrue(kill)) return binaryOp("+", head, endText);
    if (typeof head !== "string")
      throw new PyError("AttributeError", `'${pyTypeName(head)}' object has no attribute 'rsplit'`);
    const cut = head.lastIndexOf(" ");
    return binaryOp("+", cut < 0 ? head : head.slice(0, cut), endText);
  },
  wordcount: (_rt, v) => (toStr(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length,
  wordwrap: (_rt, v, a, k) => {
    const [w, bl, ws, bh] = bindArgs("do_wordwrap", a, k, [
      "width",
      "break_long_words",
      "wrapstring",
      "break_on_hyphens",
    ]);
    if (v instanceof JinjaUndefined) v.fail();
    if (typeof v !== "string")
      throw new PyError("AttributeError", `'${pyTypeName(v)}' object has no attribute 'splitlines'`);
    const sep = ws === undefined || ws === null ? "\n" : ws;
    if (typeof sep !== "string")
      throw new PyError("AttributeError", `'${pyTypeName(sep)}' object has no attribute 'join'`);
    const width = w === undefined ? 79 : w;
    const breakLong = bl === undefined || isTrue(bl);
    const hyphens = bh === undefined || isTrue(bh);
    return splitLines(v)
      .map((line) => {
        // textwrap compares the width as a number and slices with it only to break a long word
        if (!isNumeric(width))
          throw typeError(`'<=' not supported between instances of '${pyTypeName(width)}' and 'int'`);
        const lines = textwrap(line, numberOf(width), breakLong, hyphens);
        if (lines === null) throw new PyError("ValueError", `invalid width ${toRepr(width)} (must be > 0)`);
        return lines.join(sep);
      })
      .join(sep);
  },
  escape: (_rt, v) => escapeValue(v),
  e: (_rt, v) => escapeValue(v),
  forceescape: (_rt, v) => new Markup(htmlEscape(toStr(v))),
  safe: (_rt, v) => markupOf(v),
  string: (_rt, v) => (v instanceof Markup ? v : toStr(v)),
  pprint: (_rt, v) => pyPformat(v),
  urlize: (_rt, v, a, k) => {
    const [limit, nofollow, target, rel, schemes] = bindArgs("do_urlize", a, k, [
      "trim_url_limit",
      "nofollow",
      "target",
      "rel",
      "extra_schemes",
    ]);
    return doUrlize(v, { limit, nofollow, target, rel, schemes });
  },
  urlencode: (_rt, v) => {
    if (typeof v === "string" || !isIterable(v)) return urlQuote(v, false);
    const pairs = isDict(v)
      ? dictKeys(v).map((key) => [originalKey(v, key), v[key]!] as const)
      : iterate(v).map((p) => {
          const kv = iterate(p);
          if (kv.length !== 2) {
            throw new PyError(
              "ValueError",
              kv.length > 2
                ? "too many values to unpack (expected 2)"
                : `not enough values to unpack (expected 2, got ${kv.length})`,
            );
          }
          return [kv[0]!, kv[1]!] as const;
        });
    return pairs.map(([key, val]) => `${urlQuote(key, true)}=${urlQuote(val, true)}`).join("&");
  },
  format: (_rt, v, a, k) => {
    if (a.length > 0 && Object.keys(k).length > 0)
      throw filterError("can't handle positional and keyword arguments at the same time");
    const arg = Object.keys(k).length > 0 ? k : new PyTuple(a);
    if (v instanceof Markup) return new Markup(percentFormat(v.text, arg, true));
    return percentFormat(toStr(v), arg);
  },
  int: (_rt, v, a, k) => {
    const [d, base] = bindArgs("do_int", a, k, ["default", "base"]);
    if (v instanceof JinjaUndefined) v.fail();
    const text = bytesAsText(v);
    const dflt = d === undefined ? 0 : d;
    // int(text, base) with a base that is not an int fails, and Jinja falls back to float()
    const b = base === undefined ? 10 : isInt(base) || typeof base === "boolean" ? Number(bigOf(base)) : -1;
    return text === undefined ? dflt : doInt(text, dflt, b);
  },
  float: (_rt, v, a, k) => {
    const [d] = bindArgs("do_float", a, k, ["default"]);
    if (v instanceof JinjaUndefined) v.fail();
    const text = bytesAsText(v);
    const dflt = d === undefined ? new PyFloat(0) : d;
    if (text === undefined) return dflt;
    try {
      return mkFloat(toPyFloat(text));
    } catch (e) {
      if (e instanceof PyError && (e.pyType === "TypeError" || e.pyType === "ValueError")) return dflt;
      throw e;
    }
  },
  abs: (_rt, v) => {
    if (v instanceof PyComplex) return complexAbs(v);
    if (v instanceof PyTimedelta) return new PyTimedelta(Math.abs(v.us));
    if (!isNumeric(v)) throw typeError(`bad operand type for abs(): '${pyTypeName(v)}'`);
    if (isFloat(v)) return mkFloat(Math.abs(numberOf(v)));
    const n = bigOf(v);
    return mkInt(n < 0n ? -n : n);
  },
  round: (_rt, v, a, k) => {
    const [p, method] = bindArgs("do_round", a, k, ["precision", "method"]);
    const m = method === undefined ? "common" : method;
    if (m !== "common" && m !== "ceil" && m !== "floor")
      throw filterError("method must be common, ceil or floor");
    // round(x, None) is round(x): an int
    if (p === null && m === "common") return roundToInt(v);
    if (p !== undefined && !isInt(p) && typeof p !== "boolean")
      throw typeError(`'${pyTypeName(p)}' object cannot be interpreted as an integer`);
    const precision = p === undefined ? 0 : Number(bigOf(p));
    if (m === "common") {
      if (p === undefined && isFloat(v)) return pyRound(v, 0);
      return pyRound(v, precision);
    }
    // Jinja: math.ceil/floor(value * 10**precision) / 10**precision, in Python
    // arithmetic (an undefined value fails in the *, before math sees it).
    const scale = binaryOp("**", mkInt(10), p === undefined ? mkInt(0) : p);
    const x = binaryOp("*", v, scale);
    if (!isNumeric(x)) throw typeError(`must be real number, not ${pyTypeName(x)}`);
    return binaryOp("/", isFloat(x) ? floatToInt(numberOf(x), m) : x, scale);
  },
  filesizeformat: (_rt, v, a, k) => {
    const [binary] = bindArgs("do_filesizeformat", a, k, ["binary"]);
    const bytes = toPyFloat(v);
    const bin = binary !== undefined && isTrue(binary);
    const base = bin ? 1024 : 1000;
    const prefixes = bin
      ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
      : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    if (bytes === 1) return "1 Byte";
    if (bytes < base) {
      // f"{int(bytes)} Bytes": every digit of a large float, and int() of -inf fails
      if (!Number.isFinite(bytes))
        throw new PyError("OverflowError", "cannot convert float infinity to integer");
      return `${BigInt(Math.trunc(bytes))} Bytes`;
    }
    let unit = base;
    for (let i = 0; i < prefixes.length; i++) {
      unit = base ** (i + 2);
      // f"{base * bytes / unit:.1f}": Python's rounding, and inf/nan as such
      if (bytes < unit || i === prefixes.length - 1)
        return `${percentFormat("%.1f", mkFloat((base * bytes) / unit))} ${prefixes[i]}`;
    }
    return "";
  },
  tojson: (_rt, v, a, k) => {
    const [indent] = bindArgs("do_tojson", a, k, ["indent"]);
    // json.dumps writes a str without looking at the indent
    const ind =
      indent === undefined || indent === null || typeof v === "string" || v instanceof Markup
        ? null
        : typeof indent === "string" || indent instanceof Markup
          ? toStr(indent)
          : (binaryOp("*", " ", indent) as string);
    return new Markup(
      pyJsonDumps(v, { sortKeys: true, indent: ind })
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026")
        .replace(/'/g, "\\u0027"),
    );
  },
  xmlattr: (_rt, v, a, k) => {
    const [autospace] = bindArgs("do_xmlattr", a, k, ["autospace"]);
    if (v instanceof JinjaUndefined) v.fail();
    if (!isDict(v)) throw typeError("xmlattr requires a mapping");
    const items: string[] = [];
    for (const key of dictKeys(v)) {
      const val = v[key]!;
      if (val === null || val instanceof JinjaUndefined) continue;
      const orig = originalKey(v, key);
      if (typeof orig !== "string" && !(orig instanceof Markup))
        throw typeError(`expected string or bytes-like object, got '${pyTypeName(orig)}'`);
      // Jinja's pattern is `[\s/>=]` under re.ASCII
      if (/[ \t-\r/>=]/.test(key))
        throw new PyError("ValueError", `Invalid character in attribute name: ${toRepr(orig)}`);
      items.push(`${escapeValue(orig).text}="${escapeValue(val).text}"`);
    }
    const rv = items.join(" ");
    return (autospace === undefined || isTrue(autospace)) && rv ? ` ${rv}` : rv;
  },
};
