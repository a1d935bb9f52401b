// Python's datetime.date and datetime.datetime, as workflows meet them: yaql's
// datetime functions (aware, with dateutil's tzutc/tzoffset zones) and PyYAML's
// timestamps (`2001-12-14` is a date; `2001-12-14 21:59:43` a naive datetime;
// with `Z` or `-05:00` an aware one whose zone is the standard library's
// datetime.timezone). A datetime keeps its wall-clock time and UTC offset.

import { PyError } from "./value";

export const US_PER_DAY = 86_400_000_000;
/** datetime's range, the years 1 to 9999: 0001-01-01 and 10000-01-01 as days since 1970-01-01. */
const MIN_DAY = -719_162;
const END_DAY = 2_932_897;

/** Which tzinfo a datetime carries: none, dateutil's (yaql), or datetime.timezone (PyYAML). */
export type Zone = "naive" | "dateutil" | "timezone";

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH_NAMES = [
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

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * The ValueError Python's date/datetime constructors raise for out-of-range
 * fields, or null when every field is valid.
 */
export function dateFieldError(
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  us = 0,
): string | null {
  if (y < 1 || y > 9999) return `year ${y} is out of range`;
  if (mo < 1 || mo > 12) return "month must be in 1..12";
  if (d < 1 || d > daysInMonth(y, mo)) return "day is out of range for month";
  if (h < 0 || h > 23) return "hour must be in 0..23";
  if (mi < 0 || mi > 59) return "minute must be in 0..59";
  if (s < 0 || s > 59) return "second must be in 0..59";
  if (us < 0 || us > 999_999) return "microsecond must be in 0..999999";
  return null;
}

/** The days of a month of the proleptic Gregorian calendar. */
export function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(mo) ? 30 : 31;
}

/** Microseconds since 1970-01-01 of a wall-clock time (proleptic Gregorian, any year). */
function wallOf(y: number, mo: number, d: number, h: number, mi: number, s: number, us: number): number {
  // Date.UTC reads the years 0 to 99 as 1900 to 1999; setUTCFullYear does not.
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  t.setUTCFullYear(y, mo - 1, d);
  return t.getTime() * 1000 + us;
}

/** A timedelta's days, and the seconds and microseconds after them (never negative), as Python normalises them. */
function timedeltaParts(us: number): { days: number; seconds: number; microseconds: number } {
  const days = Math.floor(us / US_PER_DAY);
  const rest = us - days * US_PER_DAY;
  const seconds = Math.floor(rest / 1_000_000);
  return { days, seconds, microseconds: rest - seconds * 1_000_000 };
}

/** timedelta's range: -999999999 days to 999999999 days 23:59:59.999999. */
const MIN_TIMEDELTA_US = -999_999_999 * US_PER_DAY;
const END_TIMEDELTA_US = 1_000_000_000 * US_PER_DAY;

/** Python's datetime.timedelta (yaql's timespan; a difference of two dates or datetimes). */
export class PyTimedelta {
  readonly pyOpaque = "datetime.timedelta";
  /** Whole microseconds (Python timedelta resolution). */
  constructor(readonly us: number) {
    if (!(us >= MIN_TIMEDELTA_US && us < END_TIMEDELTA_US))
      throw new PyError("OverflowError", "days must have magnitude <= 999999999");
  }

  hashKey(): string {
    return `td${this.us}`;
  }

  get parts(): { days: number; seconds: number; microseconds: number } {
    return timedeltaParts(this.us);
  }

  pyRepr(): string {
    return timedeltaRepr(this.us);
  }

  /** `1 day, 2:03:04.000005`. */
  pyStr(): string {
    const { days, seconds, microseconds } = this.parts;
    const h = Math.floor(seconds / 3600);
    const time = `${h}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}${microseconds ? `.${pad(microseconds, 6)}` : ""}`;
    return days ? `${days} day${Math.abs(days) === 1 ? "" : "s"}, ${time}` : time;
  }
}

/** Python's repr() of a timedelta: the non-zero of days, seconds, microseconds. */
export function timedeltaRepr(us: number): string {
  const { days, seconds, microseconds } = timedeltaParts(us);
  const parts = [
    ...(days ? [`days=${days}`] : []),
    ...(seconds ? [`seconds=${seconds}`] : []),
    ...(microseconds ? [`microseconds=${microseconds}`] : []),
  ];
  return `datetime.timedelta(${parts.length ? parts.join(", ") : "0"})`;
}

export class PyDateTime {
  readonly pyOpaque = "datetime.datetime";
  /** Days from 1970-01-01 to its wall-clock date. */
  readonly epochDay: number;
  /** Microseconds since its wall-clock midnight (the two parts keep every datetime exact). */
  readonly dayUs: number;
  /**
   * @param days days since 1970-01-01, and `dayUs` microseconds into that day (carried into days)
   * @param offsetUs the UTC offset in microseconds (0 for a naive datetime)
   */
  constructor(
    days: number,
    dayUs: number,
    readonly offsetUs: number,
    readonly zone: Zone = "dateutil",
  ) {
    const carry = Math.floor(dayUs / US_PER_DAY);
    this.epochDay = days + carry;
    this.dayUs = dayUs - carry * US_PER_DAY;
    if (!(this.epochDay >= MIN_DAY && this.epochDay < END_DAY))
      throw new PyError("OverflowError", "date value out of range");
  }

  /** A datetime from wall-clock microseconds since 1970 (a float: exact within 285 years of 1970). */
  static fromWallUs(wallUs: number, offsetUs: number, zone: Zone = "dateutil"): PyDateTime {
    const days = Math.floor(wallUs / US_PER_DAY);
    return new PyDateTime(days, wallUs - days * US_PER_DAY, offsetUs, zone);
  }

  /** Wall-clock microseconds since 1970 (a float past 285 years either way). */
  get wallUs(): number {
    return this.epochDay * US_PER_DAY + this.dayUs;
  }

  /** A datetime from its fields; Python's ValueError when one is out of range. */
  static of(
    y: number,
    mo: number,
    d: number,
    h = 0,
    mi = 0,
    s = 0,
    us = 0,
    offsetUs = 0,
    zone: Zone = "dateutil",
  ): PyDateTime {
    const error = dateFieldError(y, mo, d, h, mi, s, us);
    if (error !== null) throw new PyError("ValueError", error);
    const days = Math.floor(wallOf(y, mo, d, 0, 0, 0, 0) / US_PER_DAY);
    return new PyDateTime(days, ((h * 60 + mi) * 60 + s) * 1_000_000 + us, offsetUs, zone);
  }

  get naive(): boolean {
    return this.zone === "naive";
  }

  /** Equal datetimes hash alike; a naive one never equals an aware one. */
  hashKey(): string {
    if (this.naive) return `dtn${this.epochDay}:${this.dayUs}`;
    // in UTC, without building a datetime that could fall outside the years 1 to 9999
    const us = this.dayUs - this.offsetUs;
    const carry = Math.floor(us / US_PER_DAY);
    return `dt${this.epochDay + carry}:${us - carry * US_PER_DAY}`;
  }

  get utcUs(): number {
    return this.wallUs - this.offsetUs;
  }

  /** a - b in microseconds, by wall clocks or in UTC, exact while the result is within 285 years. */
  static difference(a: PyDateTime, b: PyDateTime, utc: boolean): number {
    const us = a.dayUs - b.dayUs - (utc ? a.offsetUs - b.offsetUs : 0);
    return (a.epochDay - b.epochDay) * US_PER_DAY + us;
  }

  /** The same wall time and offset with another zone (yaql's DateTime() reads a naive one as tzutc). */
  withZone(zone: Zone): PyDateTime {
    return new PyDateTime(this.epochDay, this.dayUs, this.offsetUs, zone);
  }

  private get date(): Date {
    return new Date(this.epochDay * 86_400_000);
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
    return Math.floor(this.dayUs / 3_600_000_000);
  }
  get minute(): number {
    return Math.floor(this.dayUs / 60_000_000) % 60;
  }
  get second(): number {
    return Math.floor(this.dayUs / 1_000_000) % 60;
  }
  get microsecond(): number {
    return this.dayUs % 1_000_000;
  }
  /** Monday is 0, as in Python. */
  get weekday(): number {
    return (this.date.getUTCDay() + 6) % 7;
  }

  plus(us: number): PyDateTime {
    const days = Math.trunc(us / US_PER_DAY);
    return new PyDateTime(
      this.epochDay + days,
      this.dayUs + (us - days * US_PER_DAY),
      this.offsetUs,
      this.zone,
    );
  }

  /** `+05:00`-style offset text, with seconds when the offset has them; "" when naive. */
  private offsetText(separator: string): string {
    if (this.naive) return "";
    const abs = Math.abs(this.offsetUs);
    const h = Math.trunc(abs / 3_600_000_000);
    const m = Math.trunc((abs % 3_600_000_000) / 60_000_000);
    const s = Math.trunc((abs % 60_000_000) / 1_000_000);
    return `${this.offsetUs < 0 ? "-" : "+"}${pad(h)}${separator}${pad(m)}${s ? `${separator}${pad(s)}` : ""}`;
  }

  /** Python's str(): isoformat with a space. */
  pyStr(): string {
    return this.isoformat(" ");
  }

  isoformat(separator = "T"): string {
    const frac = this.microsecond ? `.${pad(this.microsecond, 6)}` : "";
    // isoformat pads the year to four digits; strftime's %Y does not
    return `${pad(this.year, 4)}-${this.format(`%m-%d${separator}%H:%M:%S`)}${frac}${this.offsetText(":")}`;
  }

  /** Python's repr(): seconds and microseconds only when set, then the tzinfo's repr. */
  pyRepr(): string {
    const parts = [this.year, this.month, this.day, this.hour, this.minute];
    if (this.second || this.microsecond) parts.push(this.second);
    if (this.microsecond) parts.push(this.microsecond);
    const tz = this.tzinfoRepr();
    return `datetime.datetime(${parts.join(", ")}${tz === null ? "" : `, tzinfo=${tz}`})`;
  }

  private tzinfoRepr(): string | null {
    switch (this.zone) {
      case "naive":
        return null;
      case "dateutil":
        return this.offsetUs === 0 ? "tzutc()" : `tzoffset(None, ${Math.trunc(this.offsetUs / 1_000_000)})`;
      case "timezone":
        return this.offsetUs === 0
          ? "datetime.timezone.utc"
          : `datetime.timezone(${timedeltaRepr(this.offsetUs)})`;
    }
  }

  private tzname(): string {
    switch (this.zone) {
      case "naive":
        return "";
      // dateutil's tzutc is named UTC; its tzoffset(None, ...) has no name.
      case "dateutil":
        return this.offsetUs === 0 ? "UTC" : "";
      case "timezone":
        return this.offsetUs === 0 ? "UTC" : `UTC${this.offsetText(":")}`;
    }
  }

  /** The ISO 8601 year and week number: the week's Thursday decides the year. */
  private isoYearWeek(): [number, number] {
    const thursdayDay = this.epochDay + 3 - this.weekday;
    const thursday = new Date(thursdayDay * 86_400_000);
    const year = thursday.getUTCFullYear();
    const dayOfYear =
      Math.floor((thursday.getTime() - wallOf(year, 1, 1, 0, 0, 0, 0) / 1000) / 86_400_000) + 1;
    return [year, Math.floor((dayOfYear - 1) / 7) + 1];
  }

  /** Python's strftime (glibc's directives, C locale). */
  format(fmt: string): string {
    const start = wallOf(this.year, 1, 1, 0, 0, 0, 0) / 1000;
    const dayOfYear = Math.floor((this.epochDay * 86_400_000 - start) / 86_400_000) + 1;
    const sunday0 = (this.weekday + 1) % 7;
    // glibc's strftime: %E and %O modifiers change nothing in the C locale
    return fmt.replace(/%(?:[EO](?=[a-zA-Z]))?([a-zA-Z%])/g, (all, d: string) => {
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
          return String(Math.floor(this.year / 100));
        case "G":
          return String(this.isoYearWeek()[0]);
        case "g":
          return pad(this.isoYearWeek()[0] % 100);
        case "V":
          return pad(this.isoYearWeek()[1]);
        case "F":
          return `${this.year}-${pad(this.month)}-${pad(this.day)}`;
        case "k":
          return String(this.hour).padStart(2, " ");
        case "l":
          return String(this.hour % 12 === 0 ? 12 : this.hour % 12).padStart(2, " ");
        case "P":
          return this.hour < 12 ? "am" : "pm";
        case "r":
          return this.format("%I:%M:%S %p");
        case "n":
          return "\n";
        case "t":
          return "\t";
        case "s":
          // mktime() of the wall time; the machine's zone is UTC
          return String(this.epochDay * 86_400 + Math.floor(this.dayUs / 1_000_000));
        case "h":
          return MONTH_NAMES[this.month - 1]!.slice(0, 3);
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
          return String(this.year);
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
          return DAY_NAMES[this.weekday]!.slice(0, 3);
        case "A":
          return DAY_NAMES[this.weekday]!;
        case "b":
          return MONTH_NAMES[this.month - 1]!.slice(0, 3);
        case "B":
          return MONTH_NAMES[this.month - 1]!;
        case "w":
          return String((this.weekday + 1) % 7);
        case "z":
          return this.offsetText("");
        case "Z":
          return this.tzname();
        case "%":
          return "%";
        default:
          return all;
      }
    });
  }
}

/** Python's datetime.date (what PyYAML makes of `2001-12-14`). */
export class PyDate {
  readonly pyOpaque = "datetime.date";
  private readonly midnight: PyDateTime;

  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {
    this.midnight = PyDateTime.of(year, month, day, 0, 0, 0, 0, 0, "naive");
  }

  hashKey(): string {
    return `date${this.epochDay}`;
  }

  /** Days from 1970-01-01 (orders dates). */
  get epochDay(): number {
    return this.midnight.epochDay;
  }

  get weekday(): number {
    return this.midnight.weekday;
  }

  isoformat(): string {
    return `${pad(this.year, 4)}-${this.midnight.format("%m-%d")}`;
  }

  pyStr(): string {
    return this.isoformat();
  }

  pyRepr(): string {
    return `datetime.date(${this.year}, ${this.month}, ${this.day})`;
  }

  /** strftime: the time fields read as midnight, the zone fields as empty. */
  format(fmt: string): string {
    return this.midnight.format(fmt);
  }
}

/**
 * Python's `<` between dates, datetimes or timedeltas: -1, 0 or 1, or null when neither
 * is one; throws Python's TypeError for the pairs it refuses.
 */
export function compareDates(a: unknown, b: unknown): number | null {
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return Math.sign(a.us - b.us);
  const da = a instanceof PyDateTime || a instanceof PyDate;
  const db = b instanceof PyDateTime || b instanceof PyDate;
  if (!da && !db) return null;
  if (a instanceof PyDate && b instanceof PyDate) return Math.sign(a.epochDay - b.epochDay);
  if (a instanceof PyDateTime && b instanceof PyDateTime)
    return Math.sign(datetimeDifference(a, b, "compare"));
  if (da && db) throw new PyError("TypeError", "can't compare datetime.datetime to datetime.date");
  return null;
}

/**
 * Python's `+` and `-` between dates, datetimes and timedeltas, or undefined
 * for any other pair (the caller raises its "unsupported operand" TypeError).
 */
export function dateArithmetic(
  op: "+" | "-",
  a: unknown,
  b: unknown,
): PyDate | PyDateTime | PyTimedelta | undefined {
  if (a instanceof PyTimedelta && b instanceof PyTimedelta)
    return new PyTimedelta(op === "+" ? a.us + b.us : a.us - b.us);
  if (op === "+" && a instanceof PyTimedelta && (b instanceof PyDate || b instanceof PyDateTime))
    return dateArithmetic("+", b, a);
  if (b instanceof PyTimedelta) {
    const delta = op === "+" ? b.us : -b.us;
    // A date moves by whole days only: plus or minus timedelta.days, as Python's date does.
    if (a instanceof PyDate) {
      const days = op === "+" ? b.parts.days : -b.parts.days;
      const moved = new PyDateTime(a.epochDay + days, 0, 0, "naive");
      return new PyDate(moved.year, moved.month, moved.day);
    }
    if (a instanceof PyDateTime) return a.plus(delta);
    return undefined;
  }
  if (op !== "-") return undefined;
  if (a instanceof PyDate && b instanceof PyDate)
    return new PyTimedelta((a.epochDay - b.epochDay) * US_PER_DAY);
  if (a instanceof PyDateTime && b instanceof PyDateTime)
    return new PyTimedelta(datetimeDifference(a, b, "subtract"));
  return undefined;
}

/** a - b in microseconds: wall clocks when both are naive, UTC when both are aware; Python refuses a mix. */
function datetimeDifference(a: PyDateTime, b: PyDateTime, verb: "compare" | "subtract"): number {
  if (a.naive !== b.naive)
    throw new PyError("TypeError", `can't ${verb} offset-naive and offset-aware datetimes`);
  return PyDateTime.difference(a, b, !a.naive);
}
