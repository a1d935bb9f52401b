// Methods of bytes in templates (jinja/bytes.ts): decode and hex, and the
// str-like ones working on bytes (upper, lower, strip, split, startswith,
// count, find, replace, is* ...). Arguments that are sequences of bytes must be
// bytes (Python refuses str there).

import {
  bigOf,
  isInt,
  type PyDict,
  PyError,
  type PyValue,
  pyTypeName,
  typeError,
} from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import { decode, PyBytes } from "./bytes";
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

const METHODS: Record<string, Method> = {
  decode: (b, a, k) => {
    const [encoding, errors] = bindArgs("decode", a, k, ["encoding", "errors"]);
    return decode(b, encoding, errors);
  },
  hex: (b) =>
    b
      .items()
      .map((x) => x.toString(16).padStart(2, "0"))
      .join(""),
  upper: (b) => mapAscii(b, (c) => c.toUpperCase()),
  lower: (b) => mapAscii(b, (c) => c.toLowerCase()),
  strip: (b, a) => strip(b, a[0], true, true),
  lstrip: (b, a) => strip(b, a[0], true, false),
  rstrip: (b, a) => strip(b, a[0], false, true),
  startswith: (b, a) => b.latin1().startsWith(sub(a[0])),
  endswith: (b, a) => b.latin1().endsWith(sub(a[0])),
  count: (b, a) => {
    const needle = sub(a[0], true);
    const s = b.latin1();
    if (needle === "") return s.length + 1;
    return s.split(needle).length - 1;
  },
  find: (b, a) => b.latin1().indexOf(sub(a[0], true)),
  index: (b, a) => {
    const i = b.latin1().indexOf(sub(a[0], true));
    if (i < 0) throw new PyError("ValueError", "subsection not found");
    return i;
  },
  replace: (b, a) => PyBytes.fromLatin1(b.latin1().split(sub(a[0])).join(sub(a[1]))),
  split: (b, a, k) => {
    const [sep] = bindArgs("split", a, k, ["sep", "maxsplit"]);
    const s = b.latin1();
    const parts =
      sep === undefined || sep === null
        ? s.split(/[ \t\n\r\x0b\x0c]+/).filter((x) => x !== "")
        : s.split(sub(sep));
    return parts.map(PyBytes.fromLatin1);
  },
  isdigit: isAll(/^[0-9]+$/),
  isalpha: isAll(/^[A-Za-z]+$/),
  isalnum: isAll(/^[A-Za-z0-9]+$/),
  isspace: isAll(/^[ \t\n\r\x0b\x0c]+$/),
  islower: (b) => /[a-z]/.test(b.latin1()) && !/[A-Z]/.test(b.latin1()),
  isupper: (b) => /[A-Z]/.test(b.latin1()) && !/[a-z]/.test(b.latin1()),
};

export function bytesAttribute(b: PyBytes, name: string): JinjaCallable | undefined {
  const m = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  return m ? fn(name, (args, kwargs) => m(b, args, kwargs)) : undefined;
}
