// yaql's standard_library/strings.py and regex.py. Python str semantics:
// lengths and positions count code points, split() without a separator splits
// on runs of whitespace, regexes use Python syntax (py-regex.ts).

import { copyRegExp, pyMatchAll } from "../../../runtime/stdlib/functions/py-regex";
import { pySub as pySubTemplate } from "../../../runtime/stdlib/functions/py-regex-sub";
import { checkCInt } from "../../../runtime/stdlib/py/c-int";
import { newDict } from "../../../runtime/stdlib/py/dict";
import { PY_SPACE } from "../../../runtime/stdlib/py/unicode";
import { isInt, type PyDict, PyError, PyTuple, type PyValue } from "../../../runtime/stdlib/py/value";
import type { YaqlContext } from "./context";
import type { Args, CallCtx, CtxLambda } from "./dispatch";
import { YaqlRegex } from "./opaque";
import { repeatCount } from "./py-num";
import { pySplit, pySub } from "./py-regex";
import { defBoth, defFunction, defMethod, P, R, T } from "./types";
import { iter, toArray, ydictEntries } from "./values";
import { yaqlStrFunction } from "./yaql-str";

const S = T.string;
const SN = T.nullable(T.string);
const str = (v: PyValue) => v as string;
const intOf = (v: PyValue) => Number(typeof v === "boolean" ? (v ? 1 : 0) : v);
/** A count Python reads as a C ssize_t (str.replace, str.split, re.sub ...): OverflowError beyond. */
const ssizeOf = (v: PyValue) => {
  checkCInt(v, "ssize_t");
  return intOf(v);
};
const cps = (s: string) => Array.from(s);
const WS = PY_SPACE;
const TRAILING_WORD = new RegExp(`[${PY_SPACE}]+([^${PY_SPACE}]*)$`, "u");
const LEADING_SPACE = new RegExp(`^[${WS}]+`, "u");
const TRAILING_SPACE = new RegExp(`[${WS}]+$`, "u");
const SPACE_RUN = new RegExp(`[${WS}]+`, "u");

function escapeForClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, "\\$&");
}

function pyStripImpl(s: string, chars: PyValue, left: boolean, right: boolean): string {
  const cls = chars === null ? WS : escapeForClass(str(chars));
  if (cls === "") return s;
  let out = s;
  if (left) out = out.replace(chars === null ? LEADING_SPACE : new RegExp(`^[${cls}]+`, "u"), "");
  if (right) out = out.replace(chars === null ? TRAILING_SPACE : new RegExp(`[${cls}]+$`, "u"), "");
  return out;
}

/** Python str.split / str.rsplit. */
function pySplitStr(s: string, sep: PyValue, maxSplit: number, fromRight: boolean): string[] {
  if (sep === null) {
    const words = s.split(SPACE_RUN).filter((w) => w !== "");
    if (maxSplit < 0 || words.length <= maxSplit + 1) return words;
    const trimmed = pyStripImpl(s, null, !fromRight, fromRight);
    const out: string[] = [];
    let rest = trimmed;
    const re = SPACE_RUN;
    if (!fromRight) {
      for (let i = 0; i < maxSplit; i++) {
        const m = re.exec(rest);
        if (!m) break;
        out.push(rest.slice(0, m.index));
        rest = rest.slice(m.index + m[0].length);
      }
      out.push(rest);
      return out;
    }
    for (let i = 0; i < maxSplit; i++) {
      const m = TRAILING_WORD.exec(rest);
      if (!m) break;
      out.unshift(m[1]!);
      rest = rest.slice(0, m.index);
    }
    out.unshift(rest);
    return out;
  }
  const sp = str(sep);
  if (sp === "") throw new PyError("ValueError", "empty separator");
  const parts = s.split(sp);
  if (maxSplit < 0 || parts.length <= maxSplit + 1) return parts;
  if (!fromRight) return [...parts.slice(0, maxSplit), parts.slice(maxSplit).join(sp)];
  const keep = parts.length - maxSplit;
  return [parts.slice(0, keep).join(sp), ...parts.slice(keep)];
}

function pyReplace(s: string, old: string, repl: string, count: number): string {
  if (count < 0) {
    if (old === "") return cps(s).reduce((acc, ch) => acc + ch + repl, repl);
    return s.split(old).join(repl);
  }
  let out = "";
  let rest = s;
  for (let i = 0; i < count; i++) {
    if (old === "") {
      if (i === 0) {
        out += repl;
        continue;
      }
      if (rest === "") break;
      const first = cps(rest)[0]!;
      out += first + repl;
      rest = rest.slice(first.length);
      continue;
    }
    const idx = rest.indexOf(old);
    if (idx < 0) break;
    out += rest.slice(0, idx) + repl;
    rest = rest.slice(idx + old.length);
  }
  return out + rest;
}

/** Python's str.find / rfind over code points, with slice-style bounds. */
function pyFind(s: string, sub: string, start: number, end: number | null, last: boolean): number {
  const chars = cps(s);
  const n = chars.length;
  // CPython clamps the end to the length but not the start: past the end, nothing is found
  const from = start < 0 ? Math.max(0, n + start) : start;
  const to = end === null ? n : end < 0 ? Math.max(0, n + end) : Math.min(end, n);
  if (to - from < cps(sub).length) return sub === "" && from <= to ? (last ? to : from) : -1;
  const hay = chars.slice(from, to).join("");
  const idx = last ? hay.lastIndexOf(sub) : hay.indexOf(sub);
  return idx < 0 ? -1 : from + cps(hay.slice(0, idx)).length;
}

defMethod("toUpper", [P("string", S)], (_, a) => str(a.v(0)).toUpperCase());
defMethod("toLower", [P("string", S)], (_, a) => str(a.v(0)).toLowerCase());
defBoth("len", [P("string", S)], (_, a) => cps(str(a.v(0))).length);
defMethod("split", [P("string", S), P("separator", SN, null), P("maxSplits", T.int, -1)], (_, a) =>
  pySplitStr(str(a.v(0)), a.v(1), ssizeOf(a.v(2)), false),
);
defMethod("rightSplit", [P("string", S), P("separator", SN, null), P("maxSplits", T.int, -1)], (_, a) =>
  pySplitStr(str(a.v(0)), a.v(1), ssizeOf(a.v(2)), true),
);
defMethod("join", [P("sequence", T.iterable), P("separator", S)], (_, a) =>
  toArray(a.v(0))
    .map(yaqlStrFunction)
    .join(str(a.v(1))),
);
defMethod("join", [P("separator", S), P("sequence", T.iterable)], (_, a) =>
  toArray(a.v(1))
    .map(yaqlStrFunction)
    .join(str(a.v(0))),
);
defFunction("str", [P("value", T.any)], (_, a) => yaqlStrFunction(a.v(0)));
defFunction("concat", [R("args", S)], (_, a) => a.rest(0).join(""));
defFunction("#operator_+", [P("left", S), P("right", S)], (_, a) => str(a.v(0)) + str(a.v(1)));
defMethod("trim", [P("string", S), P("chars", SN, null)], (_, a) =>
  pyStripImpl(str(a.v(0)), a.v(1), true, true),
);
defMethod("trimLeft", [P("string", S), P("chars", SN, null)], (_, a) =>
  pyStripImpl(str(a.v(0)), a.v(1), true, false),
);
defMethod("trimRight", [P("string", S), P("chars", SN, null)], (_, a) =>
  pyStripImpl(str(a.v(0)), a.v(1), false, true),
);
defBoth("norm", [P("string", SN), P("chars", SN, null)], (_, a) => {
  if (a.v(0) === null) return null;
  const v = pyStripImpl(str(a.v(0)), a.v(1), true, true);
  return v === "" ? null : v;
});
defBoth("isEmpty", [P("string", SN), P("trim", T.bool, true), P("chars", SN, null)], (_, a) => {
  if (a.v(0) === null) return true;
  const s = a.v(1) ? pyStripImpl(str(a.v(0)), a.v(2), true, true) : str(a.v(0));
  return s === "";
});
defMethod("replace", [P("string", S), P("old", S), P("new", S), P("count", T.int, -1)], (_, a) =>
  pyReplace(str(a.v(0)), str(a.v(1)), str(a.v(2)), ssizeOf(a.v(3))),
);
defMethod("replace", [P("string", S), P("replacements", T.mapping), P("count", T.int, -1)], (_, a) => {
  let s = str(a.v(0));
  for (const [k, v] of ydictEntries(a.v(1) as PyDict)) {
    s = pyReplace(s, yaqlStrFunction(k), yaqlStrFunction(v), ssizeOf(a.v(2)));
  }
  return s;
});
const repeatStr = (s: PyValue, n: PyValue) => str(s).repeat(repeatCount(n, str(s).length));
defFunction("#operator_*", [P("left", S), P("right", T.int)], (_, a) => repeatStr(a.v(0), a.v(1)));
defFunction("#operator_*", [P("left", T.int), P("right", S)], (_, a) => repeatStr(a.v(1), a.v(0)));
defMethod("substring", [P("string", S), P("start", T.int), P("length", T.int, -1)], (_, a) => {
  const chars = cps(str(a.v(0)));
  let start = intOf(a.v(1));
  let length = intOf(a.v(2));
  if (length < 0) length = chars.length;
  if (start < 0) start += chars.length;
  const from = start < 0 ? Math.max(0, chars.length + start) : start;
  const to = start + length < 0 ? Math.max(0, chars.length + start + length) : start + length;
  return chars.slice(from, Math.max(from, to)).join("");
});
defMethod("indexOf", [P("string", S), P("sub", S), P("start", T.int, 0)], (_, a) =>
  pyFind(str(a.v(0)), str(a.v(1)), intOf(a.v(2)), null, false),
);
defMethod("indexOf", [P("string", S), P("sub", S), P("start", T.int), P("length", T.int)], (_, a) => {
  const n = cps(str(a.v(0))).length;
  let start = intOf(a.v(2));
  let length = intOf(a.v(3));
  if (start < 0) start += n;
  if (length < 0) length = n - start;
  return pyFind(str(a.v(0)), str(a.v(1)), start, start + length, false);
});
defMethod("lastIndexOf", [P("string", S), P("sub", S), P("start", T.int, 0)], (_, a) =>
  pyFind(str(a.v(0)), str(a.v(1)), intOf(a.v(2)), null, true),
);
defMethod("lastIndexOf", [P("string", S), P("sub", S), P("start", T.int), P("length", T.int)], (_, a) => {
  const n = cps(str(a.v(0))).length;
  let start = intOf(a.v(2));
  let length = intOf(a.v(3));
  if (start < 0) start += n;
  if (length < 0) length = n - start;
  return pyFind(str(a.v(0)), str(a.v(1)), start, start + length, true);
});
defMethod("toCharArray", [P("string", S)], (_, a) => new PyTuple(cps(str(a.v(0)))));
defFunction(
  "characters",
  [
    "digits",
    "hexdigits",
    "asciiLowercase",
    "asciiUppercase",
    "asciiLetters",
    "letters",
    "octdigits",
    "punctuation",
    "printable",
    "lowercase",
    "uppercase",
    "whitespace",
  ].map((n) => P(n, T.nullable(T.bool), false)),
  (_, a) => {
    const sets = [
      "0123456789",
      "0123456789abcdefABCDEF",
      "abcdefghijklmnopqrstuvwxyz",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ];
    let s = "";
    sets.forEach((chars, i) => {
      if (a.v(i)) s += chars;
    });
    if (a.v(5) || a.v(10) || a.v(9))
      throw new PyError("AttributeError", "module 'string' has no attribute 'letters'");
    if (a.v(6)) s += "01234567";
    if (a.v(7)) s += "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    if (a.v(11)) s += " \t\n\r\x0b\x0c";
    return new PyTuple([...new Set(cps(s))]);
  },
);
defFunction("isString", [P("arg", T.any)], (_, a) => typeof a.v(0) === "string");
defMethod("startsWith", [P("string", S), R("prefixes", S)], (_, a) =>
  (a.rest(1) as string[]).some((p) => str(a.v(0)).startsWith(p)),
);
defMethod("endsWith", [P("string", S), R("suffixes", S)], (_, a) =>
  (a.rest(1) as string[]).some((p) => str(a.v(0)).endsWith(p)),
);
defFunction("hex", [P("num", T.nullable(T.number))], (_, a) => {
  const v = a.v(0);
  if (!isInt(v)) throw new PyError("TypeError", "'float' object cannot be interpreted as an integer");
  const n = BigInt(v);
  return n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
});

// ---------------------------------------------------------------- regex

const RX = T.regex;
const rx = (v: PyValue) => v as unknown as YaqlRegex;

defFunction(
  "regex",
  [
    P("pattern", S),
    P("ignoreCase", T.nullable(T.bool), false),
    P("multiLine", T.nullable(T.bool), false),
    P("dotAll", T.nullable(T.bool), false),
  ],
  (_, a) =>
    new YaqlRegex(str(a.v(0)), {
      ignoreCase: !!a.v(1),
      multiLine: !!a.v(2),
      dotAll: !!a.v(3),
      unicode: true,
    }),
);

function search(re: RegExp, s: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(s);
}
const patternOf = (v: PyValue) => (v instanceof YaqlRegex ? v.fresh() : new YaqlRegex(str(v)).fresh());

defMethod(
  "matches",
  [P("regexp", RX), P("string", S)],
  (_, a) => search(patternOf(a.v(0)), str(a.v(1))) !== null,
);
defMethod(
  "matches",
  [P("string", S), P("regexp", S)],
  (_, a) => search(patternOf(a.v(1)), str(a.v(0))) !== null,
);
for (const [op, want] of [
  ["=~", true],
  ["!~", false],
] as const) {
  defFunction(
    `#operator_${op}`,
    [P("string", S), P("regexp", RX)],
    (_, a) => (search(patternOf(a.v(1)), str(a.v(0))) !== null) === want,
  );
  defFunction(
    `#operator_${op}`,
    [P("string", S), P("pattern", S)],
    (_, a) => (search(patternOf(a.v(1)), str(a.v(0))) !== null) === want,
  );
}

const cpIndex = (s: string, i: number) => cps(s.slice(0, i)).length;

function publishMatch(ctx: YaqlContext, s: string, m: RegExpExecArray): void {
  const indices = m.indices!;
  for (let g = 0; g < m.length; g++) {
    const span = indices[g];
    const rec: PyDict = newDict([
      ["value", m[g] ?? null],
      ["start", span ? cpIndex(s, span[0]) : -1],
      ["end", span ? cpIndex(s, span[1]) : -1],
    ]);
    ctx.set(`$${g + 1}`, rec);
  }
  // yaql then runs `for key, value in match.groupdict().values()`: each named group's
  // text is unpacked into two characters, the second read as a group name.
  for (const text of Object.values(m.groups ?? {})) {
    if (text === undefined) throw new PyError("TypeError", "cannot unpack non-iterable NoneType object");
    const chars = [...text];
    if (chars.length !== 2)
      throw new PyError(
        "ValueError",
        chars.length < 2
          ? `not enough values to unpack (expected 2, got ${chars.length})`
          : "too many values to unpack (expected 2)",
      );
    const [key, name] = chars as [string, string];
    const span = m.groups && name in m.groups ? indices.groups?.[name] : undefined;
    if (!(m.groups && name in m.groups)) throw new PyError("IndexError", "no such group");
    ctx.set(
      `$${key}`,
      newDict([
        ["value", name],
        ["start", span ? cpIndex(s, span[0]) : -1],
        ["end", span ? cpIndex(s, span[1]) : -1],
      ]),
    );
  }
}

function withIndices(r: YaqlRegex): RegExp {
  return copyRegExp(r.re, `${r.re.flags}d`);
}

defMethod("search", [P("regexp", RX), P("string", S), P("selector", T.ctxLambda, null)], (c, a) => {
  const s = str(a.v(1));
  const m = search(withIndices(rx(a.v(0))), s);
  if (m === null) return null;
  const selector = a.cf(2);
  if (!selector) return m[0];
  const ctx = c.ctx.child();
  publishMatch(ctx, s, m);
  return selector(ctx);
});
defMethod("searchAll", [P("regexp", RX), P("string", S), P("selector", T.ctxLambda, null)], (c, a) => {
  const s = str(a.v(1));
  return iter(matchesSelected(c, a, s, a.cf(2)));
});
// A module-level generator function: one created per call is costly in V8 (see stdlib-queries.ts).
function* matchesSelected(c: CallCtx, a: Args, s: string, selector: CtxLambda | null): Generator<PyValue> {
  for (const m of pyMatchAll(withIndices(rx(a.v(0))), s)) {
    if (!selector) yield m[0];
    else {
      const ctx = c.ctx.child();
      publishMatch(ctx, s, m);
      yield selector(ctx);
    }
  }
}
const splitBy = (r: PyValue, s: PyValue, max: PyValue) => pySplit(rx(r).fresh(), str(s), ssizeOf(max));
defMethod("split", [P("regexp", RX), P("string", S), P("maxSplit", T.int, 0)], (_, a) =>
  splitBy(a.v(0), a.v(1), a.v(2)),
);
defMethod("split", [P("string", S), P("regexp", RX), P("maxSplit", T.int, 0)], (_, a) =>
  splitBy(a.v(1), a.v(0), a.v(2)),
);
const replaceBy = (r: PyValue, s: PyValue, repl: PyValue, count: PyValue) =>
  pySubTemplate(rx(r).rx, str(repl), str(s), ssizeOf(count));
defMethod("replace", [P("regexp", RX), P("string", S), P("repl", S), P("count", T.int, 0)], (_, a) =>
  replaceBy(a.v(0), a.v(1), a.v(2), a.v(3)),
);
defMethod("replace", [P("string", S), P("regexp", RX), P("repl", S), P("count", T.int, 0)], (_, a) =>
  replaceBy(a.v(1), a.v(0), a.v(2), a.v(3)),
);
const replaceWith = (
  c: { ctx: YaqlContext },
  r: PyValue,
  s: PyValue,
  repl: ((ctx: YaqlContext) => PyValue) | null,
  count: PyValue,
) =>
  pySub(
    withIndices(rx(r)),
    str(s),
    (m) => {
      const ctx = c.ctx.child();
      publishMatch(ctx, str(s), m);
      return str(repl!(ctx));
    },
    intOf(count),
  );
defMethod(
  "replaceBy",
  [P("regexp", RX), P("string", S), P("repl", T.ctxLambda), P("count", T.int, 0)],
  (c, a) => replaceWith(c, a.v(0), a.v(1), a.cf(2), a.v(3)),
);
defMethod(
  "replaceBy",
  [P("string", S), P("regexp", RX), P("repl", T.ctxLambda), P("count", T.int, 0)],
  (c, a) => replaceWith(c, a.v(1), a.v(0), a.cf(2), a.v(3)),
);
defFunction("escapeRegex", [P("string", S)], (_, a) =>
  str(a.v(0)).replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, "\\$&"),
);
defFunction("isRegex", [P("value", T.any)], (_, a) => a.v(0) instanceof YaqlRegex);
