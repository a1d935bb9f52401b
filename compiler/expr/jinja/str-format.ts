// Python's str.format() / format_map() as Jinja's SandboxedFormatter runs it:
// `{}` / `{0}` / `{name}` fields, `.attr` and `[key]` lookups through the
// sandbox, `!r`/`!s` conversions and format specs.

import { digitsToAscii } from "../../../runtime/stdlib/py/number-text";
import { type PyDict, PyError, type PyValue, valueError } from "../../../runtime/stdlib/py/value";
import { getAttr, getItem } from "./access";
import { asciiRepr, formatWithSpec } from "./format";
import { htmlEscape } from "./html-escape";
import { Markup } from "./markup";
import { toRepr, toStr } from "./protocol";
import { JinjaUndefined } from "./undefined";

/**
 * `fmt.format(*args, **kwargs)`. With `escaping` (a Markup's format), each
 * field is escaped after formatting, as MarkupSafe's EscapeFormatter does; a
 * Markup field takes no format spec.
 */
export function strFormat(fmt: string, args: readonly PyValue[], kwargs: PyDict, escaping = false): string {
  let out = "";
  let auto = 0;
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i]!;
    if (ch === "}") {
      if (fmt[i + 1] === "}") {
        out += "}";
        i += 2;
        continue;
      }
      throw valueError("Single '}' encountered in format string");
    }
    if (ch !== "{") {
      out += ch;
      i++;
      continue;
    }
    if (fmt[i + 1] === "{") {
      out += "{";
      i += 2;
      continue;
    }
    const close = findClose(fmt, i + 1);
    const field = fmt.slice(i + 1, close);
    i = close + 1;
    const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
    if (!m) throw valueError("expected ':' after conversion specifier");
    const [, name = "", conv, rawSpec = ""] = m;
    let value = resolveField(name, args, kwargs, () => auto++);
    if (value instanceof JinjaUndefined) value.fail();
    const spec = rawSpec.includes("{") ? strFormat(rawSpec, args, kwargs, escaping) : rawSpec;
    if (conv === "r") value = toRepr(value);
    else if (conv === "a") value = asciiRepr(value);
    else if (conv === "s") value = toStr(value);
    if (!escaping) out += formatWithSpec(value, spec);
    else if (value instanceof Markup) {
      if (spec) throw valueError("Unsupported format specification for Markup.");
      out += value.text;
    } else out += htmlEscape(formatWithSpec(value, spec));
  }
  return out;
}

function findClose(fmt: string, from: number): number {
  let depth = 1;
  for (let j = from; j < fmt.length; j++) {
    if (fmt[j] === "{") depth++;
    else if (fmt[j] === "}" && --depth === 0) return j;
  }
  throw valueError("expected '}' before end of string");
}

/** A field name or index Python reads as a number: Unicode decimal digits. */
const DECIMAL = /^\p{Nd}+$/u;

function resolveField(
  name: string,
  args: readonly PyValue[],
  kwargs: PyDict,
  nextAuto: () => number,
): PyValue {
  const m = /^([^.[]*)(.*)$/s.exec(name)!;
  const first = m[1]!;
  let value: PyValue;
  if (first === "") {
    const n = nextAuto();
    if (n >= args.length)
      throw new PyError("IndexError", `Replacement index ${n} out of range for positional args tuple`);
    value = args[n]!;
  } else if (DECIMAL.test(first)) {
    const n = Number(digitsToAscii(first));
    if (n >= args.length)
      throw new PyError("IndexError", `Replacement index ${n} out of range for positional args tuple`);
    value = args[n]!;
  } else {
    if (!Object.hasOwn(kwargs, first)) throw new PyError("KeyError", `'${first}'`);
    value = kwargs[first]!;
  }
  const rest = m[2]!;
  const re = /\.([^.[]+)|\[([^\]]+)\]/gy;
  let pos = 0;
  while (pos < rest.length) {
    re.lastIndex = pos;
    const part = re.exec(rest);
    if (!part) break;
    pos = re.lastIndex;
    if (part[1] !== undefined) value = getAttr(value, part[1]);
    else {
      const key = part[2]!;
      value = getItem(value, DECIMAL.test(key) ? Number(digitsToAscii(key)) : key);
    }
  }
  if (pos < rest.length) throw valueError("Only '.' or '[' may follow ']' in format field specifier");
  return value;
}
