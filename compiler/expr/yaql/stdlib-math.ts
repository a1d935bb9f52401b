// yaql's standard_library/math.py and date_time.py: conversions (int, float),
// number functions, bit operations, two-argument max/min, and the
// deterministic part of the datetime/timespan library.

import { PyDateTime, PyTimedelta } from "../../../runtime/stdlib/py/datetime";
import { floatFromText, intFromText } from "../../../runtime/stdlib/py/number-text";
import {
  bigOf,
  floatOf,
  isDict,
  isFloat,
  isInt,
  mkFloat,
  mkInt,
  numberOf,
  PyError,
  PyFloat,
  PyTuple,
  type PyValue,
  pyTypeName,
} from "../../../runtime/stdlib/py/value";
import { parseDateTimeText } from "./dateutil-parse";
import { floatToInt, pyAbs, pyPow, pyRound } from "./py-num";
import { pyStrptime } from "./py-strptime";
import { defFunction, defMethod, delegate, P, T } from "./types";
import { yTruthy } from "./values";

const N = T.number;
const intOf = (v: PyValue) => Number(typeof v === "boolean" ? (v ? 1 : 0) : v);

defFunction("abs", [P("op", N)], (_, a) => pyAbs(a.v(0)));
/** Python's int(v) for one argument (yaql's int() maps null to 0 before it). */
function pyInt(v: PyValue): number | bigint {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isInt(v)) return v;
  if (isFloat(v)) return floatToInt(numberOf(v));
  if (typeof v === "string") return intFromText(v);
  throw new PyError(
    "TypeError",
    `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(v)}'`,
  );
}

defFunction("int", [P("value", T.any)], (_, a) => {
  const v = a.v(0);
  return v === null ? 0 : pyInt(v);
});
defFunction("float", [P("value", T.any)], (_, a) => {
  const v = a.v(0);
  if (v === null) return new PyFloat(0);
  if (typeof v === "string") return floatFromText(v);
  if (typeof v === "boolean" || isInt(v) || isFloat(v)) return mkFloat(floatOf(v));
  throw new PyError(
    "TypeError",
    `float() argument must be a string or a real number, not '${pyTypeName(v)}'`,
  );
});
defFunction("random", [], () => mkFloat(Math.random()));
defFunction("random", [P("from", T.any), P("to", T.any)], (_, a) => randint(a.v(0), a.v(1)));

/** Python's `b + 1` as random.randint computes it before anything else. */
function plusOne(b: PyValue): PyValue {
  if (typeof b === "boolean") return b ? 2 : 1;
  if (isInt(b)) return mkInt(bigOf(b) + 1n);
  if (isFloat(b)) return mkFloat(numberOf(b) + 1);
  if (typeof b === "string") throw new PyError("TypeError", 'can only concatenate str (not "int") to str');
  if (b instanceof PyTuple || Array.isArray(b)) {
    const kind = Array.isArray(b) ? "list" : "tuple";
    throw new PyError("TypeError", `can only concatenate ${kind} (not "int") to ${kind}`);
  }
  throw new PyError("TypeError", `unsupported operand type(s) for +: '${pyTypeName(b)}' and 'int'`);
}

/** randrange()'s reading of a bound: an integer, or a value int() turns into an equal integer. */
function randrangeBound(v: PyValue, notInteger: string): bigint {
  if (typeof v === "boolean" || isInt(v)) return bigOf(v);
  const n = pyInt(v);
  if (typeof v === "string" || Number(n) !== numberOf(v)) throw new PyError("ValueError", notInteger);
  return BigInt(n);
}

/** A uniformly chosen integer in [0, width). */
function randomBelow(width: bigint): bigint {
  if (width <= 2n ** 53n) return BigInt(Math.floor(Math.random() * Number(width)));
  let r = 0n;
  for (let bits = 0n; 1n << bits < width; bits += 30n)
    r = (r << 30n) | BigInt(Math.floor(Math.random() * 2 ** 30));
  return r % width;
}

/** Python 3.11's random.randint(a, b), which is randrange(a, b + 1), errors included. */
function randint(a: PyValue, b: PyValue): PyValue {
  const stop = plusOne(b);
  const istart = randrangeBound(a, "non-integer arg 1 for randrange()");
  const istop = randrangeBound(stop, "non-integer stop for randrange()");
  const width = istop - istart;
  if (width <= 0n)
    throw new PyError("ValueError", `empty range for randrange() (${istart}, ${istop}, ${width})`);
  return mkInt(istart + randomBelow(width));
}

const bit = (name: string, f: (x: bigint, y: bigint) => bigint) =>
  defFunction(name, [P("left", T.int), P("right", T.int)], (_, a) => mkInt(f(bigOf(a.v(0)), bigOf(a.v(1)))));
// Python's &, | and ^ of two bools give a bool (True ^ False is True)
const logical = (name: string, f: (x: bigint, y: bigint) => bigint) =>
  defFunction(name, [P("left", T.int), P("right", T.int)], (_, a) => {
    const [x, y] = [a.v(0), a.v(1)];
    const r = f(bigOf(x), bigOf(y));
    return typeof x === "boolean" && typeof y === "boolean" ? r !== 0n : mkInt(r);
  });
logical("bitwiseAnd", (x, y) => x & y);
logical("bitwiseOr", (x, y) => x | y);
logical("bitwiseXor", (x, y) => x ^ y);
bit("shiftBitsRight", (x, y) => {
  if (y < 0n) throw new PyError("ValueError", "negative shift count");
  return x >> y;
});
bit("shiftBitsLeft", (x, y) => {
  if (y < 0n) throw new PyError("ValueError", "negative shift count");
  return x << y;
});
defFunction("bitwiseNot", [P("arg", T.int)], (_, a) => mkInt(~bigOf(a.v(0))));

defFunction("max", [P("a", T.any), P("b", T.any)], (c, a) =>
  yTruthy(delegate(c, "#operator_>", a.v(1), a.v(0))) ? a.v(1) : a.v(0),
);
defFunction("min", [P("a", T.any), P("b", T.any)], (c, a) =>
  yTruthy(delegate(c, "#operator_>", a.v(1), a.v(0))) ? a.v(0) : a.v(1),
);
defFunction("pow", [P("a", N), P("b", N), P("c", T.nullable(N), null)], (_, a) =>
  pyPow(a.v(0), a.v(1), a.v(2)),
);
defFunction("sign", [P("num", N)], (_, a) => {
  const n = numberOf(a.v(0));
  return n > 0 ? 1 : n < 0 ? -1 : 0;
});
defFunction("round", [P("number", N), P("ndigits", T.int, 0)], (_, a) => pyRound(a.v(0), intOf(a.v(1))));
defFunction("isInteger", [P("value", T.any)], (_, a) => isInt(a.v(0)));
defFunction("isNumber", [P("value", T.any)], (_, a) => isInt(a.v(0)) || isFloat(a.v(0)));

// ---------------------------------------------------------------- datetime

const DT = T.datetime;
const TS = T.timespan;
const dt = (v: PyValue) => v as unknown as PyDateTime;
/**
 * A parameter yaql types `yaqltypes.DateTime()`: a naive datetime (from YAML)
 * is read as UTC, with dateutil's tzutc.
 */
const aware = (v: PyValue) => {
  const d = dt(v);
  return d.naive ? d.withZone("dateutil") : d;
};
const ts = (v: PyValue) => v as unknown as PyTimedelta;
const ZERO = new PyTimedelta(0);

defFunction(
  "datetime",
  [
    P("year", T.int),
    P("month", T.int),
    P("day", T.int),
    P("hour", T.int, 0),
    P("minute", T.int, 0),
    P("second", T.int, 0),
    P("microsecond", T.int, 0),
    P("offset", TS, ZERO),
  ],
  (_, a) => {
    const f = [0, 1, 2, 3, 4, 5, 6].map((i) => intOf(a.v(i)));
    return PyDateTime.of(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!, f[6]!, ts(a.v(7)).us);
  },
);
defFunction("datetime", [P("timestamp", N), P("offset", TS, ZERO)], (_, a) => {
  const off = ts(a.v(1)).us;
  return PyDateTime.fromWallUs(Math.round(numberOf(a.v(0)) * 1_000_000) + off, off);
});
defFunction("datetime", [P("string", T.string), P("format", T.nullable(T.string), null)], (_, a) => {
  if (a.v(1) !== null) return pyStrptime(a.v(0) as string, a.v(1) as string);
  return parseDateTimeText(a.v(0) as string);
});
defFunction(
  "timespan",
  [
    P("days", T.int, 0),
    P("hours", T.int, 0),
    P("minutes", T.int, 0),
    P("seconds", T.integer, 0),
    P("milliseconds", T.integer, 0),
    P("microseconds", T.integer, 0),
  ],
  (_, a) => {
    const [d, h, m, s, ms, us] = [0, 1, 2, 3, 4, 5].map((i) => intOf(a.v(i)));
    return new PyTimedelta(((((d! * 24 + h!) * 60 + m!) * 60 + s!) * 1000 + ms!) * 1000 + us!);
  },
);
defFunction("now", [P("offset", TS, ZERO)], (_, a) => {
  const off = ts(a.v(0)).us;
  return PyDateTime.fromWallUs(Date.now() * 1000 + off, off);
});
defFunction("utctz", [], () => ZERO);
defFunction("localtz", [], () => ZERO);

const prop = (name: string, type: typeof DT, f: (v: PyValue) => PyValue) =>
  defFunction(`#property#${name}`, [P("obj", type)], (_, a) => f(a.v(0)));
prop("microseconds", TS, (v) => ts(v).us);
prop("milliseconds", TS, (v) => mkFloat(ts(v).us / 1000));
prop("seconds", TS, (v) => mkFloat(ts(v).us / 1_000_000));
prop("minutes", TS, (v) => mkFloat(ts(v).us / 60_000_000));
prop("hours", TS, (v) => mkFloat(ts(v).us / 3_600_000_000));
prop("days", TS, (v) => mkFloat(ts(v).us / 86_400_000_000));
prop("year", DT, (v) => dt(v).year);
prop("month", DT, (v) => dt(v).month);
prop("day", DT, (v) => dt(v).day);
prop("hour", DT, (v) => dt(v).hour);
prop("minute", DT, (v) => dt(v).minute);
prop("second", DT, (v) => dt(v).second);
prop("microsecond", DT, (v) => dt(v).microsecond);
prop("weekday", DT, (v) => dt(v).weekday);
prop("date", DT, (v) => {
  const d = aware(v);
  return PyDateTime.of(d.year, d.month, d.day, 0, 0, 0, 0, d.offsetUs, d.zone);
});
prop("time", DT, (v) => {
  const d = aware(v);
  return new PyTimedelta(d.dayUs);
});
// yaql's utc is `dt - dt.utcoffset()`: the wall time moves, the zone stays (so timestamp counts the offset twice).
const utcOf = (d: PyDateTime) => d.plus(-d.offsetUs);
prop("utc", DT, (v) => utcOf(aware(v)));
prop("offset", DT, (v) => new PyTimedelta(dt(v).offsetUs));
prop("timestamp", DT, (v) => {
  // yaql calls its utc() directly here, without the DateTime() conversion: `dt - None` for a naive one.
  if (dt(v).naive)
    throw new PyError("TypeError", "unsupported operand type(s) for -: 'datetime.datetime' and 'NoneType'");
  return mkFloat(utcOf(dt(v)).utcUs / 1_000_000);
});

defFunction("#operator_+", [P("dt", DT), P("ts", TS)], (_, a) => aware(a.v(0)).plus(ts(a.v(1)).us));
defFunction("#operator_+", [P("ts", TS), P("dt", DT)], (_, a) => aware(a.v(1)).plus(ts(a.v(0)).us));
defFunction("#operator_-", [P("dt", DT), P("ts", TS)], (_, a) => aware(a.v(0)).plus(-ts(a.v(1)).us));
defFunction(
  "#operator_-",
  [P("dt1", DT), P("dt2", DT)],
  (_, a) => new PyTimedelta(PyDateTime.difference(dt(a.v(0)), dt(a.v(1)), true)),
);
defFunction(
  "#operator_+",
  [P("ts1", TS), P("ts2", TS)],
  (_, a) => new PyTimedelta(ts(a.v(0)).us + ts(a.v(1)).us),
);
defFunction(
  "#operator_-",
  [P("ts1", TS), P("ts2", TS)],
  (_, a) => new PyTimedelta(ts(a.v(0)).us - ts(a.v(1)).us),
);
/** timedelta(microseconds=x): a float is rounded half to even, as Python's round(). */
function timespanOfMicroseconds(x: number): PyTimedelta {
  const f = Math.floor(x);
  const rest = x - f;
  return new PyTimedelta(rest > 0.5 || (rest === 0.5 && f % 2 !== 0) ? f + 1 : f);
}
/** yaql: timespan(microseconds => microseconds(ts) * n), in Python arithmetic. */
const scaled = (t: PyValue, n: PyValue) =>
  isFloat(n)
    ? timespanOfMicroseconds(ts(t).us * numberOf(n))
    : new PyTimedelta(Number(BigInt(ts(t).us) * bigOf(n)));
defFunction("#operator_*", [P("ts", TS), P("n", N)], (_, a) => scaled(a.v(0), a.v(1)));
defFunction("#operator_*", [P("n", N), P("ts", TS)], (_, a) => scaled(a.v(1), a.v(0)));
defFunction("#operator_/", [P("ts1", TS), P("ts2", TS)], (_, a) => {
  if (ts(a.v(1)).us === 0) throw new PyError("ZeroDivisionError", "float division by zero");
  return mkFloat(ts(a.v(0)).us / ts(a.v(1)).us);
});
defFunction("#operator_/", [P("ts", TS), P("n", N)], (_, a) => {
  if (numberOf(a.v(1)) === 0) throw new PyError("ZeroDivisionError", "division by zero");
  return timespanOfMicroseconds(ts(a.v(0)).us / numberOf(a.v(1)));
});
defFunction("#unary_operator_-", [P("ts", TS)], (_, a) => new PyTimedelta(-ts(a.v(0)).us));
defFunction("#unary_operator_+", [P("ts", TS)], (_, a) => a.v(0));

defMethod(
  "replace",
  [
    P("dt", DT),
    P("year", T.nullable(T.int), null),
    P("month", T.nullable(T.int), null),
    P("day", T.nullable(T.int), null),
    P("hour", T.nullable(T.int), null),
    P("minute", T.nullable(T.int), null),
    P("second", T.nullable(T.int), null),
    P("microsecond", T.nullable(T.int), null),
    P("offset", T.nullable(TS), null),
  ],
  (_, a) => {
    const d = aware(a.v(0));
    const pick = (i: number, dflt: number) => (a.v(i) === null ? dflt : intOf(a.v(i)));
    const offset = a.v(8) === null ? d.offsetUs : ts(a.v(8)).us;
    const zone = a.v(8) === null ? d.zone : "dateutil";
    return PyDateTime.of(
      pick(1, d.year),
      pick(2, d.month),
      pick(3, d.day),
      pick(4, d.hour),
      pick(5, d.minute),
      pick(6, d.second),
      pick(7, d.microsecond),
      offset,
      zone,
    );
  },
);
defMethod("format", [P("dt", DT), P("format", T.string)], (_, a) => aware(a.v(0)).format(a.v(1) as string));
defFunction("isDatetime", [P("value", T.any)], (_, a) => a.v(0) instanceof PyDateTime);
defFunction("isTimespan", [P("value", T.any)], (_, a) => a.v(0) instanceof PyTimedelta && !isDict(a.v(0)));
