// Python's datetime.strptime for yaql's datetime(string, format): the common
// directives; a naive result is UTC, as yaql makes it.

import { PyDateTime } from "../../../runtime/stdlib/py/datetime";
import { isPySpace, PY_SPACE } from "../../../runtime/stdlib/py/unicode";
import { PyError } from "../../../runtime/stdlib/py/value";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const DAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

const DIRECTIVES: Record<string, string> = {
  Y: "(?<Y>\\d{4})",
  m: "(?<m>1[0-2]|0[1-9]|[1-9])",
  d: "(?<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
  H: "(?<H>2[0-3]|[0-1]\\d|\\d)",
  I: "(?<I>1[0-2]|0[1-9]|[1-9])",
  M: "(?<M>[0-5]\\d|\\d)",
  S: "(?<S>6[0-1]|[0-5]\\d|\\d)",
  f: "(?<f>\\d{1,6})",
  y: "(?<y>\\d\\d)",
  j: "(?<j>36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])",
  p: "(?<p>am|pm)",
  b: `(?<b>${MONTHS.join("|")})`,
  B: `(?<B>${MONTH_NAMES.join("|")})`,
  a: "(?<a>mon|tue|wed|thu|fri|sat|sun)",
  A: `(?<A>${DAY_NAMES})`,
  w: "(?<w>[0-6])",
  u: "(?<u>[1-7])",
  U: "(?<U>5[0-3]|[0-4]\\d|\\d)",
  W: "(?<W>5[0-3]|[0-4]\\d|\\d)",
  V: "(?<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)",
  G: "(?<G>\\d\\d\\d\\d)",
  // the zone names Python knows on a UTC machine; they leave the result naive
  Z: "(?<Z>utc|gmt)",
  z: "(?<z>[+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d)?|z)",
  "%": "%",
};

/** The C locale's %c, %x and %X, written out (a %% stays as it is). */
function expandLocale(format: string): string {
  return format.replace(/%(.)/gs, (all, d: string) => LOCALE_FORMATS[d] ?? all);
}
const LOCALE_FORMATS: Record<string, string> = { c: "%a %b %d %H:%M:%S %Y", x: "%m/%d/%y", X: "%H:%M:%S" };

/** Days since 0001-01-01 plus one, as date.toordinal(). */
const ordinalOf = (y: number, m: number, d: number) => PyDateTime.of(y, m, d).epochDay + 719_163;
const dateOfOrdinal = (n: number): [number, number, number] => {
  const dt = new PyDateTime(n - 719_163, 0, 0);
  return [dt.year, dt.month, dt.day];
};
const weekdayOf = (y: number, m: number, d: number) => PyDateTime.of(y, m, d).weekday;

/** The day of the year from a %U (weeks from Sunday) or %W (from Monday) week and a weekday. */
function julianFromWeek(year: number, week: number, weekday: number, mondayFirst: boolean): number {
  let first = weekdayOf(year, 1, 1);
  let day = weekday;
  if (!mondayFirst) {
    first = (first + 1) % 7;
    day = (day + 1) % 7;
  }
  if (week === 0) return 1 + day - first;
  return 1 + ((7 - first) % 7) + 7 * (week - 1) + day;
}

/** The year and day of the year of an ISO year, week and weekday (1-7). */
function julianFromIsoWeek(isoYear: number, week: number, isoWeekday: number): [number, number] {
  const correction = weekdayOf(isoYear, 1, 4) + 1 + 3;
  let ordinal = week * 7 + isoWeekday - correction;
  if (ordinal < 1) {
    ordinal += ordinalOf(isoYear, 1, 1);
    isoYear -= 1;
    ordinal -= ordinalOf(isoYear, 1, 1);
  }
  return [isoYear, ordinal];
}

const ISO_WEEK_NEEDS =
  "must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u').";

/** datetime.strptime(text, format), naive results in UTC. */
export function pyStrptime(text: string, rawFormat: string): PyDateTime {
  const format = expandLocale(rawFormat);
  let source = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === "%") {
      if (i + 1 >= format.length) throw new PyError("ValueError", `stray % in format '${format}'`);
      const d = format[++i]!;
      const re = DIRECTIVES[d];
      if (re === undefined)
        throw new PyError("ValueError", `'${d}' is a bad directive in format '${format}'`);
      if (re.startsWith("(?<") && source.includes(re.slice(0, 6)))
        throw new PyError("error", `redefinition of group name '${d}'`);
      source += re;
    } else if (isPySpace(c)) {
      // a run of whitespace in the format matches any run in the text
      if (!isPySpace(format[i - 1] ?? "")) source += `[${PY_SPACE}]+`;
    } else source += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  const m = new RegExp(`^${source}$`, "i").exec(text);
  if (!m) throw new PyError("ValueError", `time data '${text}' does not match format '${format}'`);
  const g = m.groups ?? {};
  // Python reads the groups in the pattern's order: a later one overrides an earlier one
  let year: number | null = null;
  let month = 1;
  let day = 1;
  let hour = 0;
  let weekday: number | null = null;
  let julian: number | null = null;
  let week: number | null = null;
  let mondayFirst = false;
  for (const [key, value] of Object.entries(g)) {
    if (value === undefined) continue;
    if (key === "Y") year = Number(value);
    else if (key === "y") year = Number(value) + (Number(value) <= 68 ? 2000 : 1900);
    else if (key === "m") month = Number(value);
    else if (key === "b") month = MONTHS.indexOf(value.toLowerCase()) + 1;
    else if (key === "B") month = MONTH_NAMES.indexOf(value.toLowerCase()) + 1;
    else if (key === "d") day = Number(value);
    else if (key === "H") hour = Number(value);
    else if (key === "I") {
      hour = Number(value);
      const ampm = (g.p ?? "").toLowerCase();
      if (ampm === "" || ampm === "am") hour = hour === 12 ? 0 : hour;
      else if (hour !== 12) hour += 12;
    } else if (key === "a")
      weekday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].indexOf(value.toLowerCase());
    else if (key === "A") weekday = DAY_NAMES.split("|").indexOf(value.toLowerCase());
    else if (key === "w") weekday = (Number(value) + 6) % 7;
    else if (key === "u") weekday = Number(value) - 1;
    else if (key === "j") julian = Number(value);
    else if (key === "U" || key === "W") {
      week = Number(value);
      mondayFirst = key === "W";
    }
  }
  const isoYear = g.G ? Number(g.G) : null;
  const isoWeek = g.V ? Number(g.V) : null;
  if (year === null && isoYear !== null) {
    if (isoWeek === null || weekday === null)
      throw new PyError(
        "ValueError",
        "ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u').",
      );
    if (julian !== null)
      throw new PyError(
        "ValueError",
        "Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.",
      );
  } else if (week === null && isoWeek !== null) {
    if (weekday === null) throw new PyError("ValueError", `ISO week directive '%V' ${ISO_WEEK_NEEDS}`);
    throw new PyError(
      "ValueError",
      "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.",
    );
  }
  let leapYearFix = false;
  if (year === null && month === 2 && day === 29) {
    year = 1904;
    leapYearFix = true;
  } else if (year === null) year = 1900;
  if (julian === null && weekday !== null) {
    if (week !== null) julian = julianFromWeek(year, week, weekday, mondayFirst);
    else if (isoYear !== null && isoWeek !== null)
      [year, julian] = julianFromIsoWeek(isoYear, isoWeek, weekday + 1);
    if (julian !== null && julian <= 0) {
      year -= 1;
      julian += (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
    }
  }
  try {
    if (julian !== null) [year, month, day] = dateOfOrdinal(julian - 1 + ordinalOf(year, 1, 1));
  } catch (e) {
    throw new PyError("ValueError", e instanceof Error ? e.message : String(e));
  }
  if (leapYearFix) year = 1900;
  const us = g.f ? Number(g.f.padEnd(6, "0")) : 0;
  let offsetUs = 0;
  if (g.z && g.z.toLowerCase() !== "z") {
    const digits = g.z.slice(1).replace(/:/g, "");
    const seconds =
      Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60 + Number(digits.slice(4) || 0);
    offsetUs = (g.z.startsWith("-") ? -1 : 1) * seconds * 1_000_000;
  }
  try {
    return PyDateTime.of(year, month, day, hour, g.M ? Number(g.M) : 0, g.S ? Number(g.S) : 0, us, offsetUs);
  } catch (e) {
    throw new PyError("ValueError", e instanceof Error ? e.message : String(e));
  }
}
