// YAQL's datetime(text) is dateutil's parser.parse(text) with its default
// parserinfo (month-first, English names), then UTC for a naive result. This
// follows dateutil 2.8's algorithm: split the text into runs of letters,
// digits and single other characters; read each token as a number (a date
// part, a time, a compact YYYYMMDD...), a weekday or month name, AM/PM, a zone
// name or a +HHMM offset, or a word to skip; decide which of up to three
// numbers are year, month and day; fill what is missing from today at
// midnight. Any failure is Python's ValueError ("Unknown string format").

import { daysInMonth, PyDateTime } from "../../../runtime/stdlib/py/datetime";
import { digitsToAscii, parseFloatText } from "../../../runtime/stdlib/py/number-text";
import { pyIsDigit } from "../../../runtime/stdlib/py/unicode";
import { PyError } from "../../../runtime/stdlib/py/value";
import {
  ampmOf,
  fail,
  hmsOf,
  intOf,
  isJump,
  isUtcZone,
  monthOf,
  timeTokens,
  Unparsable,
  UTC_NAMES,
  weekdayOf,
} from "./dateutil-tokens";
import { Ymd } from "./dateutil-ymd";

// ---------------------------------------------------------------- numbers

/** A non-negative decimal token (Python's Decimal of it): its integer part and fraction digits. */
interface Dec {
  readonly int: number;
  readonly frac: string;
  readonly value: number;
}

function decimalOf(token: string): Dec {
  const f = parseFloatText(token);
  if (f === null || !Number.isFinite(f)) fail();
  const [i, frac = ""] = digitsToAscii(token).split(".");
  return { int: Number(i), frac: frac.replace(/0+$/, ""), value: f! };
}

/** int(60 * (value % 1)), exactly. */
const sixtieths = (d: Dec) => Number((60n * BigInt(d.frac || "0")) / 10n ** BigInt(d.frac.length));

function parseMs(token: string): [number, number] {
  if (!token.includes(".")) return [intOf(token), 0];
  const parts = token.split(".");
  if (parts.length !== 2) fail();
  return [intOf(parts[0]!), intOf(parts[1]!.padEnd(6, "0").slice(0, 6))];
}

const minSec = (d: Dec): [number, number | null] => [d.int, d.frac ? sixtieths(d) : null];
// ------------------------------------------------------------------ parse

interface Fields {
  year: number | null;
  month: number | null;
  day: number | null;
  weekday: number | null;
  hour: number | null;
  minute: number | null;
  second: number | null;
  microsecond: number | null;
  tzname: string | null;
  tzoffset: number | null;
  ampm: number | null;
}

const adjustAmpm = (hour: number, ampm: number) =>
  hour < 12 && ampm === 1 ? hour + 12 : hour === 12 && ampm === 0 ? 0 : hour;

const couldBeTzname = (res: Fields, token: string) =>
  res.hour !== null &&
  res.tzname === null &&
  res.tzoffset === null &&
  [...token].length <= 5 &&
  (/^[A-Z]+$/.test(token) || UTC_NAMES.includes(token));

function findHmsIndex(i: number, l: string[]): number | null {
  if (i + 1 < l.length && hmsOf(l[i + 1]!) !== null) return i + 1;
  if (i + 2 < l.length && l[i + 1] === " " && hmsOf(l[i + 2]!) !== null) return i + 2;
  if (i > 0 && hmsOf(l[i - 1]!) !== null) return i - 1;
  if (i > 1 && i === l.length - 1 && l[i - 1] === " " && hmsOf(l[i - 2]!) !== null) return i - 2;
  return null;
}

function numericToken(l: string[], i: number, ymd: Ymd, res: Fields): number {
  const repr = l[i]!;
  const value = decimalOf(repr);
  const len = [...repr].length;
  const next = l[i + 1];
  if (
    ymd.length === 3 &&
    (len === 2 || len === 4) &&
    res.hour === null &&
    (next === undefined || (next !== ":" && hmsOf(next) === null))
  ) {
    res.hour = intOf(repr.slice(0, 2));
    if (len === 4) res.minute = intOf(repr.slice(2));
  } else if (len === 6 || (len > 6 && repr.indexOf(".") === 6)) {
    if (ymd.length === 0 && !repr.includes(".")) {
      ymd.append(repr.slice(0, 2));
      ymd.append(repr.slice(2, 4));
      ymd.append(repr.slice(4));
    } else {
      res.hour = intOf(repr.slice(0, 2));
      res.minute = intOf(repr.slice(2, 4));
      [res.second, res.microsecond] = parseMs(repr.slice(4));
    }
  } else if (len === 8 || len === 12 || len === 14) {
    ymd.append(repr.slice(0, 4), "Y");
    ymd.append(repr.slice(4, 6));
    ymd.append(repr.slice(6, 8));
    if (len > 8) {
      res.hour = intOf(repr.slice(8, 10));
      res.minute = intOf(repr.slice(10, 12));
      if (len > 12) res.second = intOf(repr.slice(12));
    }
  } else if (findHmsIndex(i, l) !== null) {
    const at = findHmsIndex(i, l)!;
    let hms: number;
    if (at > i) {
      hms = hmsOf(l[at]!)!;
      i = at;
    } else hms = hmsOf(l[at]!)! + 1;
    if (hms === 0) {
      res.hour = value.int;
      if (value.frac) res.minute = sixtieths(value);
    } else if (hms === 1) [res.minute, res.second] = minSec(value);
    else if (hms === 2) [res.second, res.microsecond] = parseMs(repr);
  } else if (i + 2 < l.length && next === ":") {
    res.hour = value.int;
    [res.minute, res.second] = minSec(decimalOf(l[i + 2]!));
    if (i + 4 < l.length && l[i + 3] === ":") {
      [res.second, res.microsecond] = parseMs(l[i + 4]!);
      i += 2;
    }
    i += 2;
  } else if (next === "-" || next === "/" || next === ".") {
    const sep = next;
    ymd.append(repr);
    if (i + 2 < l.length && !isJump(l[i + 2]!)) {
      if (pyIsDigit(l[i + 2]!)) ymd.append(l[i + 2]!);
      else {
        const month = monthOf(l[i + 2]!);
        if (month === null) fail();
        ymd.append(month!, "M");
      }
      if (i + 3 < l.length && l[i + 3] === sep) {
        if (i + 4 >= l.length) fail();
        const month = monthOf(l[i + 4]!);
        if (month !== null) ymd.append(month, "M");
        else ymd.append(l[i + 4]!);
        i += 2;
      }
      i += 1;
    }
    i += 1;
  } else if (next === undefined || isJump(next)) {
    if (i + 2 < l.length && ampmOf(l[i + 2]!) !== null) {
      res.hour = adjustAmpm(value.int, ampmOf(l[i + 2]!)!);
      i += 1;
    } else ymd.append(value.value);
    i += 1;
  } else if (ampmOf(next) !== null && value.value >= 0 && value.value < 24) {
    res.hour = adjustAmpm(value.int, ampmOf(next)!);
    i += 1;
  } else if (ymd.couldBeDay(value.value)) ymd.append(value.value);
  else fail();
  return i;
}

function parseFields(text: string): Fields {
  const res: Fields = {
    year: null,
    month: null,
    day: null,
    weekday: null,
    hour: null,
    minute: null,
    second: null,
    microsecond: null,
    tzname: null,
    tzoffset: null,
    ampm: null,
  };
  const l = timeTokens(text);
  const ymd = new Ymd();
  for (let i = 0; i < l.length; i++) {
    const tok = l[i]!;
    if (parseFloatText(tok) !== null) i = numericToken(l, i, ymd, res);
    else if (weekdayOf(tok) !== null) res.weekday = weekdayOf(tok);
    else if (monthOf(tok) !== null) {
      ymd.append(monthOf(tok)!, "M");
      if (i + 1 < l.length) {
        if (l[i + 1] === "-" || l[i + 1] === "/") {
          const sep = l[i + 1];
          if (i + 2 >= l.length) fail();
          ymd.append(l[i + 2]!);
          if (i + 3 < l.length && l[i + 3] === sep) {
            if (i + 4 >= l.length) fail();
            ymd.append(l[i + 4]!);
            i += 2;
          }
          i += 2;
        } else if (
          i + 4 < l.length &&
          l[i + 1] === " " &&
          l[i + 3] === " " &&
          l[i + 2]!.toLowerCase() === "of"
        ) {
          if (pyIsDigit(l[i + 4]!)) ymd.append(String(convertYear(intOf(l[i + 4]!), false)), "Y");
          i += 4;
        }
      }
    } else if (ampmOf(tok) !== null) {
      if (res.hour === null || res.hour < 0 || res.hour > 12) fail();
      res.hour = adjustAmpm(res.hour!, ampmOf(tok)!);
      res.ampm = ampmOf(tok);
    } else if (couldBeTzname(res, tok)) {
      res.tzname = tok;
      res.tzoffset = UTC_NAMES.map((n) => n.toLowerCase()).includes(tok) ? 0 : null;
      if (i + 1 < l.length && (l[i + 1] === "+" || l[i + 1] === "-")) {
        l[i + 1] = l[i + 1] === "+" ? "-" : "+";
        res.tzoffset = null;
        if (isUtcZone(tok)) res.tzname = null;
      }
    } else if (res.hour !== null && (tok === "+" || tok === "-")) {
      const sign = tok === "+" ? 1 : -1;
      if (i + 1 >= l.length) fail();
      const off = l[i + 1]!;
      const len = [...off].length;
      let hours: number;
      let minutes: number;
      if (len === 4) {
        hours = intOf(off.slice(0, 2));
        minutes = intOf(off.slice(2));
      } else if (i + 2 < l.length && l[i + 2] === ":") {
        hours = intOf(off);
        if (i + 3 >= l.length) fail();
        minutes = intOf(l[i + 3]!);
        i += 2;
      } else if (len <= 2) {
        hours = intOf(off.slice(0, 2));
        minutes = 0;
      } else fail();
      res.tzoffset = sign * (hours! * 3600 + minutes! * 60);
      if (
        i + 5 < l.length &&
        isJump(l[i + 2]!) &&
        l[i + 3] === "(" &&
        l[i + 5] === ")" &&
        [...l[i + 4]!].length >= 3 &&
        couldBeTzname({ ...res, tzoffset: null }, l[i + 4]!)
      ) {
        res.tzname = l[i + 4]!;
        i += 4;
      }
      i += 1;
    } else if (!isJump(tok)) fail();
  }
  [res.year, res.month, res.day] = ymd.resolve();
  if (res.year !== null) res.year = convertYear(res.year, ymd.centurySpecified);
  if ((res.tzoffset === 0 && !res.tzname) || res.tzname === "Z" || res.tzname === "z") {
    res.tzname = "UTC";
    res.tzoffset = 0;
  } else if (res.tzoffset !== 0 && res.tzname && isUtcZone(res.tzname)) res.tzoffset = 0;
  return res;
}

/** A two-digit year within 50 years of the current one. */
function convertYear(year: number, centurySpecified: boolean): number {
  if (year >= 100 || centurySpecified) return year;
  const now = new Date().getUTCFullYear();
  let y = year + Math.floor(now / 100) * 100;
  if (y >= now + 50) y -= 100;
  else if (y < now - 50) y += 100;
  return y;
}

/** dateutil's parser.parse(text) as yaql calls it: a naive result is UTC. */
export function parseDateTimeText(text: string): PyDateTime {
  let res: Fields;
  try {
    res = parseFields(text);
  } catch (e) {
    if (e instanceof Unparsable || (e instanceof PyError && e.pyType === "ValueError"))
      throw new PyError("ValueError", `Unknown string format: ${text}`);
    throw e;
  }
  const given = [
    res.year,
    res.month,
    res.day,
    res.weekday,
    res.hour,
    res.minute,
    res.second,
    res.microsecond,
  ];
  if (given.every((v) => v === null) && res.tzname === null && res.tzoffset === null && res.ampm === null)
    throw new PyError("ValueError", `String does not contain a date: ${text}`);
  if (res.tzoffset !== null && Math.abs(res.tzoffset) >= 86_400)
    throw new PyError(
      "ValueError",
      "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).",
    );
  const today = new Date();
  const year = res.year ?? today.getUTCFullYear();
  const month = res.month ?? today.getUTCMonth() + 1;
  let day = res.day ?? today.getUTCDate();
  if (res.day === null && month >= 1 && month <= 12) day = Math.min(day, daysInMonth(year, month));
  let dt = PyDateTime.of(
    year,
    month,
    day,
    res.hour ?? 0,
    res.minute ?? 0,
    res.second ?? 0,
    res.microsecond ?? 0,
    (res.tzoffset ?? 0) * 1_000_000,
  );
  if (res.weekday !== null && !res.day) {
    const ahead = (res.weekday - dt.weekday + 7) % 7;
    if (ahead > 0) dt = dt.plus(ahead * 86_400_000_000);
  }
  return dt;
}
