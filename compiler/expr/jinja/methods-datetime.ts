// Attributes and methods of Python's date, datetime and timedelta in Jinja
// (what `from_yaml_string` makes of YAML timestamps, and their differences):
// `d.year`, `d.isoformat()`, `d.strftime('%Y')`, `dt.date()`, `td.days` ...

import { PyDate, type PyDateTime, type PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import { mkFloat, type PyValue, pyTypeName, typeError } from "../../../runtime/stdlib/py/value";
import { bindArgs } from "./args";
import type { JinjaCallable } from "./values";
import { fn } from "./values";

/** Days from 0001-01-01 (day 1) to 1970-01-01: Python's toordinal() of the epoch. */
const EPOCH_ORDINAL = 719_163;
type DateField = "year" | "month" | "day";
type TimeField = "hour" | "minute" | "second" | "microsecond";
const DATE_FIELDS: ReadonlySet<string> = new Set<DateField>(["year", "month", "day"]);
const TIME_FIELDS: ReadonlySet<string> = new Set<TimeField>(["hour", "minute", "second", "microsecond"]);
/** Methods datetime takes from date as they are. */
const INHERITED = new Set(["weekday", "isoweekday", "toordinal"]);

/** The value of `obj.name` for a date or datetime, or undefined when Python has no such attribute. */
export function dateAttribute(obj: PyDate | PyDateTime, name: string): PyValue | undefined {
  if (DATE_FIELDS.has(name)) return obj[name as DateField];
  // A method datetime inherits from date names date in its messages.
  const owner = obj instanceof PyDate || INHERITED.has(name) ? "date" : "datetime";
  const call = (invoke: () => PyValue) => noArguments(`${owner}.${name}`, invoke);
  switch (name) {
    case "weekday":
      return call(() => obj.weekday);
    case "isoweekday":
      return call(() => obj.weekday + 1);
    case "toordinal":
      return call(() => obj.epochDay + EPOCH_ORDINAL);
    case "ctime":
      return call(() => obj.format("%a %b %e %H:%M:%S %Y"));
    case "strftime":
      return fn(
        name,
        (args, kwargs) => {
          const [format] = bindArgs("strftime", args, kwargs, ["format"], 1);
          if (typeof format !== "string")
            throw typeError(`strftime() argument 1 must be str, not ${pyTypeName(format ?? null)}`);
          return obj.format(format);
        },
        "method",
      );
  }
  if (obj instanceof PyDate) return name === "isoformat" ? call(() => obj.isoformat()) : undefined;
  if (TIME_FIELDS.has(name)) return obj[name as TimeField];
  switch (name) {
    case "isoformat":
      return fn(
        name,
        (args, kwargs) => {
          const [sep] = bindArgs("isoformat", args, kwargs, ["sep"]);
          if (sep !== undefined && (typeof sep !== "string" || [...sep].length !== 1))
            throw typeError(`isoformat() argument 1 must be a unicode character, not ${pyTypeName(sep)}`);
          return obj.isoformat(sep ?? "T");
        },
        "method",
      );
    case "date":
      return call(() => new PyDate(obj.year, obj.month, obj.day));
    case "timestamp":
      // A naive datetime is local time; StackStorm's hosts run in UTC.
      return call(() => mkFloat(obj.utcUs / 1_000_000));
  }
  return undefined;
}

/** `td.days`, `td.seconds`, `td.microseconds` and `td.total_seconds()` of a timedelta. */
export function timedeltaAttribute(td: PyTimedelta, name: string): PyValue | undefined {
  switch (name) {
    case "days":
    case "seconds":
    case "microseconds":
      return td.parts[name];
    case "total_seconds":
      return noArguments("timedelta.total_seconds", () => mkFloat(td.us / 1_000_000));
  }
  return undefined;
}

/** A bound method that takes no arguments, refusing any as Python does (`date.weekday() takes no arguments`). */
function noArguments(qualified: string, invoke: () => PyValue): JinjaCallable {
  const name = qualified.slice(qualified.lastIndexOf(".") + 1);
  return fn(
    name,
    (args, kwargs) => {
      if (args.length > 0 || Object.keys(kwargs).length > 0)
        throw typeError(`${qualified}() takes no arguments (${args.length} given)`);
      return invoke();
    },
    "method",
  );
}
