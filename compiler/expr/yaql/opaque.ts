// Non-data values of the YAQL standard library: compiled regexes, datetimes
// and timespans. Datetimes keep their wall-clock time and UTC offset, as
// Python's aware datetime does.

import { copyRegExp } from "../../../runtime/stdlib/functions/py-regex";
import { PyError } from "../../../runtime/stdlib/py/value";
import { compilePyRegex, type PyRegexFlags } from "./py-regex";

export class YaqlRegex {
  readonly pyOpaque = "re.Pattern";
  readonly re: RegExp;
  constructor(
    readonly pattern: string,
    flags: PyRegexFlags = {},
  ) {
    this.re = compilePyRegex(pattern, flags);
  }
  /** A fresh global RegExp (exec state is per use). */
  fresh(): RegExp {
    return copyRegExp(this.re, this.re.flags);
  }
}

export const US_PER_DAY = 86_400_000_000;

/** timedelta's range: -999999999 days to 999999999 days 23:59:59.999999. */
const MIN_TIMESPAN_US = -999_999_999 * 86_400_000_000;
const END_TIMESPAN_US = 1_000_000_000 * 86_400_000_000;
/** datetime's range of wall-clock times: the years 1 to 9999. */
const MIN_WALL_US = -62_135_596_800_000_000;
const END_WALL_US = 253_402_300_800_000_000;

export class YaqlTimespan {
  readonly pyOpaque = "datetime.timedelta";
  /** Whole microseconds (Python timedelta resolution). */
  constructor(readonly us: number) {
    if (!(us >= MIN_TIMESPAN_US && us < END_TIMESPAN_US))
      throw new PyError("OverflowError", "days must have magnitude <= 999999999");
  }
  hashKey(): string {
    return `td${this.us}`;
  }
}

export class YaqlDateTime {
  readonly pyOpaque = "datetime.datetime";
  /**
   * @param wallUs wall-clock time as microseconds since 1970-01-01 00:00 in its own offset
   * @param offsetUs the UTC offset in microseconds
   */
  constructor(
    readonly wallUs: number,
    readonly offsetUs: number,
  ) {
    if (!(wallUs >= MIN_WALL_US && wallUs < END_WALL_US))
      throw new PyError("OverflowError", "date value out of range");
  }

  static of(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, us = 0, offsetUs = 0): YaqlDateTime {
    // Date.UTC reads the years 0 to 99 as 1900 to 1999; setUTCFullYear does not.
    const check = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
    check.setUTCFullYear(y, mo - 1, d);
    const ms = check.getTime();
    if (
      check.getUTCFullYear() !== y ||
      check.getUTCMonth() !== mo - 1 ||
      check.getUTCDate() !== d ||
      h > 23 ||
      mi > 59 ||
      s > 59 ||
      us > 999_999 ||
      Math.min(h, mi, s, us) < 0
    ) {
      throw new RangeError("day is out of range for month");
    }
    return new YaqlDateTime(ms * 1000 + us, offsetUs);
  }

  hashKey(): string {
    return `dt${this.utcUs}`;
  }

  get utcUs(): number {
    return this.wallUs - this.offsetUs;
  }

  private get date(): Date {
    return new Date(Math.floor(this.wallUs / 1000));
  }

  get year(): number {
    return this.date.getUTCFullYear();
  }
  get month(): number {
    return this.date.getUTCMonth() + 1;
  }
  get day(): number {
    return this.date.getUTCDate();
  }
  get hour(): number {
    return this.date.getUTCHours();
  }
  get minute(): number {
    return this.date.getUTCMinutes();
  }
  get second(): number {
    return this.date.getUTCSeconds();
  }
  get microsecond(): number {
    return ((this.wallUs % 1_000_000) + 1_000_000) % 1_000_000;
  }
  /** Monday is 0, as in Python. */
  get weekday(): number {
    return (this.date.getUTCDay() + 6) % 7;
  }

  plus(us: number): YaqlDateTime {
    return new YaqlDateTime(this.wallUs + us, this.offsetUs);
  }

  /** Python's strftime for the common directives. */
  format(fmt: string): string {
    const pad = (n: number, w = 2) => String(n).padStart(w, "0");
    const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    const months = [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ];
    const off = this.offsetUs / 60_000_000;
    const offText = `${off < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(off) / 60))}${pad(Math.abs(off) % 60)}`;
    const start = Date.UTC(this.year, 0, 1);
    const dayOfYear = Math.floor((Math.floor(this.wallUs / 1000) - start) / 86_400_000) + 1;
    const sunday0 = (this.weekday + 1) % 7;
    return fmt.replace(/%([a-zA-Z%])/g, (all, d: string) => {
      switch (d) {
        case "U":
          return pad(Math.floor((dayOfYear - 1 + 7 - sunday0) / 7));
        case "W":
          return pad(Math.floor((dayOfYear - 1 + 7 - this.weekday) / 7));
        case "u":
          return String(this.weekday + 1);
        case "e":
          return String(this.day).padStart(2, " ");
        case "C":
          return pad(Math.floor(this.year / 100));
        case "h":
          return months[this.month - 1]!.slice(0, 3);
        case "D":
        case "x":
          return this.format("%m/%d/%y");
        case "T":
        case "X":
          return this.format("%H:%M:%S");
        case "R":
          return this.format("%H:%M");
        case "c":
          return this.format("%a %b %e %H:%M:%S %Y");
        case "Y":
          return pad(this.year, 4);
        case "y":
          return pad(this.year % 100);
        case "m":
          return pad(this.month);
        case "d":
          return pad(this.day);
        case "H":
          return pad(this.hour);
        case "I":
          return pad(this.hour % 12 === 0 ? 12 : this.hour % 12);
        case "p":
          return this.hour < 12 ? "AM" : "PM";
        case "M":
          return pad(this.minute);
        case "S":
          return pad(this.second);
        case "f":
          return pad(this.microsecond, 6);
        case "j":
          return pad(dayOfYear, 3);
        case "a":
          return days[this.weekday]!.slice(0, 3);
        case "A":
          return days[this.weekday]!;
        case "b":
          return months[this.month - 1]!.slice(0, 3);
        case "B":
          return months[this.month - 1]!;
        case "w":
          return String((this.weekday + 1) % 7);
        case "z":
          return offText;
        case "Z":
          // dateutil's tzutc is named UTC; its tzoffset(None, ...) has no name.
          return this.offsetUs === 0 ? "UTC" : "";
        case "%":
          return "%";
        default:
          return all;
      }
    });
  }
}

/** ISO-like datetime text (what dateutil parses in practice); naive means UTC. */
export function parseDateTime(text: string): YaqlDateTime {
  const m =
    /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(
      text,
    );
  if (!m) throw new RangeError(`Unknown string format: ${text}`);
  let offsetUs = 0;
  const tz = m[8];
  if (tz && tz.toUpperCase() !== "Z") {
    const sign = tz.startsWith("-") ? -1 : 1;
    const digits = tz.slice(1).replace(":", "");
    offsetUs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000_000;
  }
  const us = m[7] ? Number(m[7].padEnd(6, "0")) : 0;
  return YaqlDateTime.of(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    us,
    offsetUs,
  );
}
