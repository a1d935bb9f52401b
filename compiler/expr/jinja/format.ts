// Python string formatting: `'%s' % x` (printf style) and str.format() with
// the format-spec mini-language, for str, int and float values.

import { toExponentialExact, toFixedExact } from "../../../runtime/stdlib/py/float-decimal";
import { intDecimal } from "../../../runtime/stdlib/py/int-text";
import { digitsToAscii, floatFromText, intFromText } from "../../../runtime/stdlib/py/number-text";
import { codePointEscape, complexPartRepr, floatRepr } from "../../../runtime/stdlib/py/text";
import {
  bigOf,
  isDict,
  isFloat,
  isNumeric,
  numberOf,
  PyComplex,
  type PyDict,
  PyError,
  PyTuple,
  type PyValue,
  pyTypeName,
  typeError,
  valueError,
} from "../../../runtime/stdlib/py/value";
import { htmlEscape } from "./html-escape";
import { escapeText, Markup } from "./markup";
import { toRepr, toStr } from "./protocol";
import { JinjaUndefined } from "./undefined";

// ------------------------------------------------------------ number rendering

const INT_MAX = 2 ** 31 - 1;

function nonFinite(n: number): string {
  return Number.isNaN(n) ? "nan" : n > 0 ? "inf" : "-inf";
}

function fixed(n: number, prec: number): string {
  if (!Number.isFinite(n)) return nonFinite(n);
  const text = toFixedExact(Math.abs(n), prec);
  return n < 0 ? `-${text}` : text;
}

function sci(digits: string, exp: number, alt: boolean, strip: boolean): string {
  let m = digits.length > 1 || alt ? `${digits[0]}.${digits.slice(1)}` : digits;
  if (strip && m.includes(".")) m = m.replace(/\.?0+$/, "");
  return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function expo(n: number, prec: number, upper = false): string {
  if (!Number.isFinite(n)) return nonFinite(n);
  const [digits, exp] = toExponentialExact(Math.abs(n), prec);
  const text = sci(digits, exp, false, false);
  return upper ? text.toUpperCase() : text;
}

/** 'g' formatting; `noType` is the spec without a type, which switches to exponents one digit earlier. */
function general(n: number, prec: number, alt: boolean, noType = false): string {
  if (!Number.isFinite(n)) return nonFinite(n);
  const p = prec === 0 ? 1 : prec;
  const [digits, exp] = toExponentialExact(Math.abs(n), p - 1);
  if (exp < -4 || exp >= (noType ? p - 1 : p)) return sci(digits, exp, alt, !alt);
  let text = toFixedExact(Math.abs(n), Math.max(0, p - 1 - exp));
  if (!alt && text.includes(".")) text = text.replace(/\.?0+$/, "");
  return text;
}

interface Spec {
  fill: string;
  align: string;
  sign: string;
  /** `z`: a negative zero after rounding is written without its sign (floats only). */
  noNegativeZero: boolean;
  alt: boolean;
  width: number;
  grouping: string;
  precision: number | undefined;
  type: string;
}

// Width and precision may be written in any Unicode decimal digits; the 0 flag only in ASCII.
const SPEC = /^(?:(.)?([<>=^]))?([+\- ]?)(z?)(#?)(0?)(\p{Nd}*)([,_]?)(?:\.(\p{Nd}+))?([bcdeEfFgGnosxX%]?)$/su;

function parseSpec(spec: string, forStr: boolean): Spec {
  const m = SPEC.exec(spec);
  if (!m) throw valueError("Invalid format specifier");
  const fillGiven = m[1] !== undefined;
  // A 0 before the width makes 0 the fill where no fill is written and, for a
  // number with no alignment written, pads after the sign (Python 3.10+).
  const zero = m[6] === "0";
  return {
    fill: fillGiven ? m[1]! : zero ? "0" : " ",
    align: m[2] ?? (zero && !fillGiven && !forStr ? "=" : ""),
    sign: m[3] ?? "",
    noNegativeZero: m[4] === "z",
    alt: m[5] === "#",
    width: m[7] ? Number(digitsToAscii(m[7])) : 0,
    grouping: m[8] ?? "",
    precision: m[9] !== undefined ? Number(digitsToAscii(m[9])) : undefined,
    type: m[10] ?? "",
  };
}

/**
 * Digits with a separator every `size` from the right; with `minWidth`, led by
 * zeros (grouped too) until the whole is at least that wide, as Python's
 * zero padding with grouping does ('{:06,}' of 3 is 00,003).
 */
function group(digits: string, sep: string, size: number, minWidth = 0): string {
  let n = digits.length;
  const width = (k: number) => k + (sep ? Math.floor((k - 1) / size) : 0);
  while (width(n) < minWidth) n++;
  const padded = "0".repeat(n - digits.length) + digits;
  if (!sep) return padded;
  let out = "";
  for (let i = 0; i < padded.length; i++) {
    if (i > 0 && (padded.length - i) % size === 0) out += sep;
    out += padded[i];
  }
  return out;
}

/** The ValueError Python raises for a spec that does not apply to a str. */
function checkStrSpec(s: Spec): void {
  if (s.type && s.type !== "s") throw valueError(`Unknown format code '${s.type}' for object of type 'str'`);
  if (s.sign) throw valueError("Sign not allowed in string format specifier");
  if (s.noNegativeZero) throw valueError("Negative zero coercion (z) not allowed in string format specifier");
  if (s.alt) throw valueError("Alternate form (#) not allowed in string format specifier");
  if (s.align === "=") throw valueError("'=' alignment not allowed in string format specifier");
  if (s.grouping) throw valueError(`Cannot specify '${s.grouping}' with 's'.`);
}

/** The ValueError Python raises for a spec that does not apply to a number. */
function checkNumberSpec(s: Spec, float: boolean): void {
  const type = s.type;
  const kind = float ? "float" : "int";
  if (!(float ? "eEfFgGn%" : "bcdoxXneEfFgG%").includes(type) || type === "s") {
    throw valueError(`Unknown format code '${type}' for object of type '${kind}'`);
  }
  const intType = !float && (type === "" || "bcdoxXn".includes(type));
  if (intType && s.precision !== undefined)
    throw valueError("Precision not allowed in integer format specifier");
  if (intType && s.noNegativeZero)
    throw valueError("Negative zero coercion (z) not allowed in integer format specifier");
  if (type === "c") {
    if (s.sign) throw valueError("Sign not allowed with integer format specifier 'c'");
    if (s.alt) throw valueError("Alternate form (#) not allowed with integer format specifier 'c'");
  }
  if (
    s.grouping &&
    (type === "n" || type === "c" || (s.grouping === "," && type !== "" && "boxX".includes(type)))
  ) {
    throw valueError(`Cannot specify '${s.grouping}' with '${type}'.`);
  }
}

/** Text padded to the width: the fill on the side(s) the alignment says. */
function pad(text: string, s: Spec, defaultAlign: string): string {
  const n = Math.max(0, s.width - Array.from(text).length);
  const align = s.align || defaultAlign;
  if (align === "<") return text + s.fill.repeat(n);
  if (align === "^") return s.fill.repeat(Math.floor(n / 2)) + text + s.fill.repeat(Math.ceil(n / 2));
  return s.fill.repeat(n) + text;
}

/**
 * A number laid out as Python's calc_number_widths does: sign and prefix,
 * the integer digits (grouped, zero padded when the fill is 0 and the
 * alignment `=`), then the rest (fraction, exponent, %), padded to the width.
 */
function layoutNumber(sign: string, prefix: string, body: string, s: Spec, groupSize: number): string {
  const intLength = groupSize === 4 ? body.length : (/^\d*/.exec(body)?.[0].length ?? 0);
  const rest = body.slice(intLength);
  const lead = sign + prefix;
  const zeroPad = s.fill === "0" && s.align === "=";
  const minWidth = zeroPad ? s.width - lead.length - Array.from(rest).length : 0;
  const number = group(body.slice(0, intLength), s.grouping, groupSize, minWidth) + rest;
  if ((s.align || ">") !== "=") return pad(lead + number, s, ">");
  const n = Math.max(0, s.width - Array.from(lead + number).length);
  return lead + s.fill.repeat(n) + number;
}

/** Alternate form of a float: a decimal point even where no digit follows it. */
function withPoint(body: string): string {
  if (body.includes(".") || !/^\d/.test(body)) return body;
  const at = body.search(/[eE%]/);
  return at < 0 ? `${body}.` : `${body.slice(0, at)}.${body.slice(at)}`;
}

/** format(value, spec) for str, int and float values. */
export function formatWithSpec(v: PyValue, spec: string): string {
  if (spec === "") return toStr(v);
  if (v instanceof Markup) v = v.text;
  const s = parseSpec(spec, typeof v === "string");
  if (typeof v === "string") {
    checkStrSpec(s);
    const text = s.precision !== undefined ? Array.from(v).slice(0, s.precision).join("") : v;
    return pad(text, s, "<");
  }
  if (v instanceof PyComplex) return formatComplex(v, s);
  if (!isNumeric(v)) {
    throw typeError(`unsupported format string passed to ${pyTypeName(v)}.__format__`);
  }
  checkNumberSpec(s, isFloat(v));
  const type = s.type;
  if (!isFloat(v) && (type === "" || "bcdoxXn".includes(type))) {
    const big = bigOf(v);
    const neg = big < 0n;
    const abs = neg ? -big : big;
    const sign = neg ? "-" : s.sign === "-" ? "" : s.sign;
    if (type === "c") return layoutNumber(sign, "", charOf(big), { ...s, grouping: "" }, 3);
    const radix = type === "b" ? 2 : type === "o" ? 8 : type === "x" || type === "X" ? 16 : 10;
    const prefix = s.alt && radix !== 10 ? `0${type}` : "";
    const digits = radix === 10 ? intDecimal(abs) : abs.toString(radix);
    return layoutNumber(sign, prefix, type === "X" ? digits.toUpperCase() : digits, s, radix === 10 ? 3 : 4);
  }
  const n = numberOf(v);
  const abs = Math.abs(n);
  // CPython's float formatting takes the precision as a C int
  if (s.precision !== undefined && s.precision > INT_MAX) throw valueError("precision too big");
  let body: string;
  if (type === "") {
    body = s.precision !== undefined ? general(abs, s.precision, s.alt, true) : floatRepr(abs);
    // no type with a precision: like 'g', but fixed-point keeps one digit after the point ('{:.3}' of 1.0 is 1.0)
    if (s.precision !== undefined && /^\d+$/.test(body)) body += ".0";
    if (!isFloat(v) && s.precision === undefined) body = String(abs);
    body = withAlternateForm(body, abs, s);
  } else body = floatDigits(abs, type, s);
  return layoutNumber(floatSign(n, body, s), "", body, s, 3);
}

/** The digits of a float's magnitude for a presentation type (e, f, g, %, their upper cases, n as g). */
function floatDigits(abs: number, type: string, s: Spec): string {
  const precision = s.precision ?? 6;
  let body: string;
  if (type === "%") body = `${fixed(abs * 100, precision)}%`;
  else if (type === "f" || type === "F") body = fixed(abs, precision);
  else if (type === "e" || type === "E") body = expo(abs, precision, type === "E");
  else body = general(abs, precision, s.alt);
  if (type === "F" || type === "E" || type === "G") body = body.toUpperCase();
  return withAlternateForm(body, abs, s);
}

function withAlternateForm(body: string, abs: number, s: Spec): string {
  return s.alt && Number.isFinite(abs) ? withPoint(body) : body;
}

/** A float's sign: `-` when negative (a negative zero that `z` drops excepted), otherwise `positive`. */
function floatSign(n: number, body: string, s: Spec, positive = s.sign === "-" ? "" : s.sign): string {
  const negative = (n < 0 || Object.is(n, -0)) && !(s.noNegativeZero && !/[1-9]/.test(body));
  return negative ? "-" : positive;
}

/**
 * format(complex, spec) as CPython's format_complex_internal: each part
 * formatted as a float (the imaginary one with a sign, then `j`), no type
 * meaning str()'s form (parentheses, the real part left out when it is +0),
 * the width applied to the whole; zero padding and `=` are refused.
 */
function formatComplex(c: PyComplex, s: Spec): string {
  if (s.fill === "0") throw valueError("Zero padding is not allowed in complex format specifier");
  if (s.align === "=") throw valueError("Alignment flag '=' not allowed in complex format specifier");
  if (!"eEfFgGn".includes(s.type))
    throw valueError(`Unknown format code '${s.type}' for object of type 'complex'`);
  if (s.grouping && s.type === "n") throw valueError(`Cannot specify '${s.grouping}' with 'n'.`);
  const bare = s.type === "";
  const skipRe = bare && c.re === 0 && !Object.is(c.re, -0);
  // Each part laid out as a float with no width: the width pads the whole.
  const unpadded = { ...s, width: 0 };
  const part = (n: number, positive: string): string => {
    const abs = Math.abs(n);
    const body =
      bare && s.precision === undefined
        ? withAlternateForm(complexPartRepr(abs), abs, s)
        : floatDigits(abs, bare ? "g" : s.type, s);
    return layoutNumber(floatSign(n, body, s, positive), "", body, unpadded, 3);
  };
  const requested = s.sign === "-" ? "" : s.sign;
  const im = `${part(c.im, skipRe ? requested : "+")}j`;
  const text = skipRe ? im : bare ? `(${part(c.re, requested)}${im})` : part(c.re, requested) + im;
  return pad(text, s, ">");
}

function charOf(code: bigint): string {
  if (code < 0n || code > 0x10ffffn) throw new PyError("OverflowError", "%c arg not in range(0x110000)");
  return String.fromCodePoint(Number(code));
}

// ------------------------------------------------------------ printf style

function numberFromText(text: string, conv: string): PyValue {
  return "diu".includes(conv) ? intFromText(text) : floatFromText(text);
}

const PERCENT = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;

/**
 * `fmt % arg`. With `escaping` (a Markup's `%`), every argument is wrapped as
 * MarkupSafe's _MarkupEscapeHelper: %s and %r give escaped text, %c and the
 * integer conversions that need __index__ (%o, %x, %X) refuse it.
 */
export function percentFormat(fmt: string, arg: PyValue, escaping = false): string {
  // like Python, any non-tuple, non-str value with __getitem__ (a dict, a list)
  // is taken as the mapping, so unused it raises no "not all arguments converted"
  const isMap = isDict(arg) || Array.isArray(arg) || arg instanceof JinjaUndefined;
  const items = arg instanceof PyTuple ? arg.items.slice() : [arg];
  let used = 0;
  let usedMap = false;
  const nextArg = (): PyValue => {
    if (used >= items.length) throw typeError("not enough arguments for format string");
    return items[used++]!;
  };
  const out = fmt.replace(
    PERCENT,
    (m: string, key: string | undefined, flags: string, width, prec, conv: string, at: number) => {
      if (m === "%%") return "%";
      const w = width === "*" ? Number(nextArg()) : width ? Number(width) : 0;
      if (prec !== undefined && prec !== "*" && Number(prec) > INT_MAX) throw valueError("precision too big");
      const p = prec === "*" ? Number(nextArg()) : prec !== undefined ? Number(prec) : undefined;
      let v: PyValue;
      if (key !== undefined) {
        if (!isMap) throw typeError("format requires a mapping");
        // every item of an undefined value fails, strict or not
        if (arg instanceof JinjaUndefined) arg.fail();
        if (Array.isArray(arg)) throw typeError("list indices must be integers or slices, not str");
        usedMap = true;
        const d = arg as PyDict;
        if (!Object.hasOwn(d, key)) throw new PyError("KeyError", `'${key}'`);
        v = d[key]!;
      } else v = nextArg();
      // Python 3.11 reads `%5%` as a conversion: it takes an argument, then refuses the type
      if (conv === "%")
        throw new PyError(
          "ValueError",
          `unsupported format character '%' (0x25) at index ${at + m.length - 1}`,
        );
      return percentOne(v, conv, flags, w, p, escaping);
    },
  );
  if (!usedMap && used < items.length && !(isMap && items.length === 1)) {
    throw typeError("not all arguments converted during string formatting");
  }
  return out;
}

/** Python's ascii(): repr() with every non-ASCII character escaped (\xe9, \u20ac, \U0001f600). */
export function asciiRepr(v: PyValue): string {
  let out = "";
  for (const ch of toRepr(v)) {
    const code = ch.codePointAt(0)!;
    out += code < 0x80 ? ch : codePointEscape(code);
  }
  return out;
}

/** `%.3d` and kin: the precision is a minimum count of digits (zeros in front), then prefix, sign and width. */
function percentIntPrecision(n: bigint, conv: string, flags: string, width: number, prec: number): string {
  const radix = conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10;
  const abs = n < 0n ? -n : n;
  let digits = radix === 10 ? intDecimal(abs) : abs.toString(radix);
  if (conv === "X") digits = digits.toUpperCase();
  digits = digits.padStart(prec, "0");
  const prefix = flags.includes("#") && radix !== 10 ? `0${conv}` : "";
  const sign = n < 0n ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const text = sign + prefix + digits;
  if (flags.includes("-")) return text.padEnd(width);
  if (flags.includes("0")) return sign + prefix + digits.padStart(width - sign.length - prefix.length, "0");
  return text.padStart(width);
}

function percentOne(
  v: PyValue,
  conv: string,
  flags: string,
  width: number,
  prec: number | undefined,
  escaping = false,
): string {
  const left = flags.includes("-");
  const zero = flags.includes("0") && !left;
  const sign = flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  let spec = `${left ? "<" : ""}${sign}${flags.includes("#") ? "#" : ""}${zero ? "0" : ""}${width || ""}`;
  if (conv === "s" || conv === "r" || conv === "a") {
    const repr = conv === "a" ? asciiRepr(v) : conv === "r" ? toRepr(v) : "";
    let text =
      conv === "s"
        ? escaping
          ? escapeText(typeof v === "string" || v instanceof Markup ? v : toStr(v))
          : toStr(v)
        : escaping
          ? htmlEscape(repr)
          : repr;
    if (prec !== undefined) text = Array.from(text).slice(0, prec).join("");
    return formatWithSpec(text, `${left ? "<" : ">"}${width || ""}`);
  }
  // an undefined value's int() and float() fail, strict or not
  if (v instanceof JinjaUndefined && !"rsac".includes(conv)) v.fail();
  if (escaping && "coxX".includes(conv))
    throw typeError(`%${conv} format: an integer is required, not _MarkupEscapeHelper`);
  if (v instanceof Markup) v = v.text;
  // _MarkupEscapeHelper converts with int() and float(), which read strings too
  if (escaping && typeof v === "string" && "diueEfFgG".includes(conv)) v = numberFromText(v, conv);
  if (conv === "c") {
    let ch: string;
    if (typeof v === "string" && Array.from(v).length === 1) ch = v;
    else if (isNumeric(v) && !isFloat(v)) ch = charOf(bigOf(v));
    else throw typeError("%c requires int or char");
    return formatWithSpec(ch, `${left ? "<" : ">"}${width || ""}`);
  }
  if (!isNumeric(v)) {
    throw typeError(
      `%${conv} format: a ${"diouxX".includes(conv) ? "real number" : "real number"} is required, not ${pyTypeName(v)}`,
    );
  }
  if ("oxX".includes(conv) && isFloat(v))
    throw typeError(`%${conv} format: an integer is required, not float`);
  if ("diuoxX".includes(conv)) {
    const n = isFloat(v) ? BigInt(Math.trunc(numberOf(v))) : bigOf(v);
    if (prec !== undefined) return percentIntPrecision(n, conv, flags, width, prec);
    return formatWithSpec(n, `${spec}${"diu".includes(conv) ? "d" : conv}`);
  }
  if (prec !== undefined) spec += `.${prec}`;
  return formatWithSpec(v, `${spec}${conv}`);
}
