// Methods of bytes in templates (jinja/bytes.ts): decode and hex, and the
// str-like ones working on bytes (upper, lower, strip, split, startswith,
// count, find, replace, is* ...). Arguments that are sequences of bytes must be
// bytes (Python refuses str there).

import { checkCInt } from "../../../runtime/stdlib/py/c-int";
import {
  bigOf,
  isInt,
  type PyDict,
  PyError,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import { decode, PyBytes } from "./bytes";
import { ASCII_WHITESPACE, rsplitText, splitText, strMethod } from "./methods-str";
import { fn, type JinjaCallable } from "./values";

type Method = (b: PyBytes, args: PyValue[], kwargs: PyDict) => PyValue;

/** A bytes argument (or an int 0-255 where Python takes one) as latin-1 text. */
function sub(v: PyValue | undefined, intOk = false): string {
  if (v instanceof PyBytes) return v.latin1();
  if (intOk && (isInt(v ?? null) || typeof v === "boolean")) {
    const n = Number(bigOf(v!));
    if (n < 0 || n > 255) throw new PyError("ValueError", "byte must be in range(0, 256)");
    return String.fromCharCode(n);
  }
  throw typeError(`a bytes-like object is required, not '${pyTypeName(v ?? null)}'`);
}

const ASCII_SPACE = " \t\n\r\x0b\x0c";
const mapAscii = (b: PyBytes, f: (c: string) => string) =>
  PyBytes.fromLatin1(b.latin1().replace(/[\x00-\x7f]/g, f));
const isAll = (re: RegExp) => (b: PyBytes) => b.length > 0 && re.test(b.latin1());

function strip(b: PyBytes, chars: PyValue | undefined, left: boolean, right: boolean): PyBytes {
  const set = chars === undefined || chars === null ? ASCII_SPACE : sub(chars);
  let s = b.latin1();
  let i = 0;
  let j = s.length;
  if (left) while (i < j && set.includes(s[i]!)) i++;
  if (right) while (j > i && set.includes(s[j - 1]!)) j--;
  s = s.slice(i, j);
  return PyBytes.fromLatin1(s);
}

/** bytes.hex(sep, bytes_per_sep): a separator every |n| bytes, counted from the right when n > 0. */
function hex(b: PyBytes, a: PyValue[], k: PyDict): string {
  const [sep, per] = bindArgs("hex", a, k, ["sep", "bytes_per_sep"]);
  const digits = b.items().map((x) => x.toString(16).padStart(2, "0"));
  if (sep === undefined) return digits.join("");
  const text = sep instanceof PyBytes ? sep.latin1() : sep;
  if (typeof text !== "string") throw typeError(`sep must be str or bytes.`);
  if (text.length !== 1) throw new PyError("ValueError", "sep must be length 1.");
  if (text > "\x7f") throw new PyError("ValueError", "sep must be ASCII.");
  if (per !== undefined) checkCInt(per, "int");
  const n = per === undefined ? 1 : Number(bigOf(per));
  if (n === 0 || digits.length === 0) return digits.join("");
  const size = Math.abs(n);
  const groups: string[] = [];
  if (n > 0)
    for (let end = digits.length; end > 0; end -= size)
      groups.unshift(digits.slice(Math.max(0, end - size), end).join(""));
  else for (let i = 0; i < digits.length; i += size) groups.push(digits.slice(i, i + size).join(""));
  return groups.join(text);
}

/** Results of a str method on latin-1 text, as bytes. */
function asBytes(v: PyValue): PyValue {
  if (typeof v === "string") return PyBytes.fromLatin1(v);
  if (Array.isArray(v)) return v.map(asBytes);
  if (v instanceof PyTuple) return new PyTuple(v.items.map(asBytes));
  return v;
}

/**
 * The str method of the same name on the latin-1 text: its first `bytesArgs`
 * arguments must be bytes (an int 0-255 too with `intOk`; a tuple of bytes
 * with `tupleOk`), given to it as text; text results come back as bytes.
 */
function viaStr(name: string, bytesArgs: number, opts: { intOk?: boolean; tupleOk?: boolean } = {}): Method {
  const m = strMethod(name)!;
  return (b, a, k) => {
    const args = a.map((x, i) => {
      if (i >= bytesArgs) return x;
      if (opts.tupleOk && x instanceof PyTuple) return new PyTuple(x.items.map((y) => sub(y)));
      return sub(x, opts.intOk);
    });
    return asBytes(m(b.latin1(), args, k));
  };
}

const ASCII_TITLE = /^(?:[^A-Za-z]*[A-Z][a-z]*)+[^A-Za-z]*$/;

const METHODS: Record<string, Method> = {
  decode: (b, a, k) => {
    const [encoding, errors] = bindArgs("decode", a, k, ["encoding", "errors"]);
    return decode(b, encoding, errors);
  },
  hex,
  upper: (b) => mapAscii(b, (c) => c.toUpperCase()),
  lower: (b) => mapAscii(b, (c) => c.toLowerCase()),
  swapcase: (b) => mapAscii(b, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())),
  capitalize: (b) => {
    const s = b.latin1().replace(/[A-Z]/g, (c) => c.toLowerCase());
    return PyBytes.fromLatin1(s.replace(/^[a-z]/, (c) => c.toUpperCase()));
  },
  title: (b) =>
    PyBytes.fromLatin1(
      b.latin1().replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()),
    ),
  strip: (b, a) => strip(b, a[0], true, true),
  lstrip: (b, a) => strip(b, a[0], true, false),
  rstrip: (b, a) => strip(b, a[0], false, true),
  startswith: viaStr("startswith", 1, { tupleOk: true }),
  endswith: viaStr("endswith", 1, { tupleOk: true }),
  count: viaStr("count", 1, { intOk: true }),
  find: viaStr("find", 1, { intOk: true }),
  rfind: viaStr("rfind", 1, { intOk: true }),
  index: viaStr("index", 1, { intOk: true }),
  rindex: viaStr("rindex", 1, { intOk: true }),
  replace: viaStr("replace", 2),
  partition: viaStr("partition", 1),
  rpartition: viaStr("rpartition", 1),
  removeprefix: viaStr("removeprefix", 1),
  removesuffix: viaStr("removesuffix", 1),
  split: (b, a, k) => splitBytes(b, a, k, false),
  rsplit: (b, a, k) => splitBytes(b, a, k, true),
  isdigit: isAll(/^[0-9]+$/),
  isalpha: isAll(/^[A-Za-z]+$/),
  isalnum: isAll(/^[A-Za-z0-9]+$/),
  isspace: isAll(/^[ \t\n\r\x0b\x0c]+$/),
  isascii: (b) => !/[^\x00-\x7f]/.test(b.latin1()),
  istitle: (b) => ASCII_TITLE.test(b.latin1()) && !/[A-Z][A-Z]|[a-z][A-Z]/.test(b.latin1()),
  islower: (b) => /[a-z]/.test(b.latin1()) && !/[A-Z]/.test(b.latin1()),
  isupper: (b) => /[A-Z]/.test(b.latin1()) && !/[a-z]/.test(b.latin1()),
};

/** bytes.split()/rsplit(): str's on the latin-1 text, cutting at ASCII whitespace only. */
function splitBytes(b: PyBytes, a: PyValue[], k: PyDict, fromRight: boolean): PyValue {
  const [sep, max] = bindArgs(fromRight ? "rsplit" : "split", a, k, ["sep", "maxsplit"]);
  const separator = sep === undefined || sep === null ? undefined : sub(sep);
  if (max !== undefined && !isInt(max) && typeof max !== "boolean")
    throw typeError(`'${pyTypeName(max)}' object cannot be interpreted as an integer`);
  if (max !== undefined) checkCInt(max, "ssize_t");
  const n = max === undefined ? -1 : Number(bigOf(max));
  return (fromRight ? rsplitText : splitText)(b.latin1(), separator, n, ASCII_WHITESPACE).map(
    PyBytes.fromLatin1,
  );
}

export function bytesAttribute(b: PyBytes, name: string): JinjaCallable | undefined {
  const m = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  return m ? fn(name, (args, kwargs) => m(b, args, kwargs)) : undefined;
}
