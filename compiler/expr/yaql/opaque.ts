// Non-data values of the YAQL standard library: compiled regexes (datetimes
// are the shared PyDateTime, runtime/stdlib/py/datetime.ts; their text is
// read by dateutil-parse.ts).

import { copyRegExp, type PyRegex } from "../../../runtime/stdlib/functions/py-regex";
import { strRepr } from "../../../runtime/stdlib/py/text";
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
  /** Python's repr() of the compiled pattern. */
  repr(): string {
    return `re.compile(${strRepr(this.pattern)})`;
  }
  /** A fresh global RegExp (exec state is per use). */
  fresh(): RegExp {
    return copyRegExp(this.re, this.re.flags);
  }
}
