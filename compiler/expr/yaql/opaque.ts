// Non-data values of the YAQL standard library: compiled regexes and
// timespans, and the parsing of datetime text (datetimes themselves are the
// shared PyDateTime, runtime/stdlib/py/datetime.ts).

import { copyRegExp, type PyRegex } from "../../../runtime/stdlib/functions/py-regex";
import { PyDateTime } from "../../../runtime/stdlib/py/datetime";
import { PyError } from "../../../runtime/stdlib/py/value";
import { compilePyRegex, type PyRegexFlags } from "./py-regex";

export class YaqlRegex {
  readonly pyOpaque = "re.Pattern";
  readonly rx: PyRegex;
  readonly re: RegExp;
  constructor(
    readonly pattern: string,
    flags: PyRegexFlags = {},
  ) {
    this.rx = compilePyRegex(pattern, flags);
    this.re = copyRegExp(this.rx.re, this.rx.re.flags.replace("y", ""));
  }
  /** A fresh global RegExp (exec state is per use). */
  fresh(): RegExp {
    return copyRegExp(this.re, this.re.flags);
  }
}

/** ISO-like datetime text (what dateutil parses in practice); naive means UTC. */
export function parseDateTime(text: string): PyDateTime {
  const m =
    /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(
      text,
    );
  if (!m) throw new PyError("ValueError", `Unknown string format: ${text}`);
  let offsetUs = 0;
  const tz = m[8];
  if (tz && tz.toUpperCase() !== "Z") {
    const sign = tz.startsWith("-") ? -1 : 1;
    const digits = tz.slice(1).replace(":", "");
    offsetUs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000_000;
  }
  const us = m[7] ? Number(m[7].padEnd(6, "0")) : 0;
  return PyDateTime.of(
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
