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
  h: `(?<b>${MONTHS.join("|")})`,
  B: `(?<B>${MONTH_NAMES.join("|")})`,
  a: "(?:mon|tue|wed|thu|fri|sat|sun)",
  A: `(?:${DAY_NAMES})`,
  z: "(?<z>[+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d)?|z)",
  "%": "%",
};

/** datetime.strptime(text, format), naive results in UTC. */
export function pyStrptime(text: string, format: string): PyDateTime {
  let source = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === "%" && i + 1 < format.length) {
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
  let year =
    g.Y !== undefined
      ? Number(g.Y)
      : g.y !== undefined
        ? Number(g.y) + (Number(g.y) < 69 ? 2000 : 1900)
        : 1900;
  let month = g.m
    ? Number(g.m)
    : g.b
      ? MONTHS.indexOf(g.b.toLowerCase()) + 1
      : g.B
        ? MONTH_NAMES.indexOf(g.B.toLowerCase()) + 1
        : 1;
  let day = g.d ? Number(g.d) : 1;
  if (g.j && !g.m && !g.d && !g.b && !g.B) {
    const date = new Date(Date.UTC(2000, 0, Number(g.j)));
    date.setUTCFullYear(year, 0, Number(g.j));
    [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  }
  let hour = g.H ? Number(g.H) : 0;
  if (g.I) hour = (Number(g.I) % 12) + (g.p?.toLowerCase() === "pm" ? 12 : 0);
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
