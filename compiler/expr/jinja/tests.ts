// Built-in Jinja tests (`x is defined`, `x is divisibleby 3`, `x is in l`, ...).

import {
  isDict,
  isFloat,
  isInt,
  isNumeric,
  PyComplex,
  PyFloat,
  type PyValue,
  pyEquals,
} from "../../../runtime/stdlib/py/value";
import { binaryOp } from "./arith";
import type { TestFn } from "./filter-types";
import { Markup } from "./markup";
import { assertHashable, compare, contains, equals, hasLen, isIterable, toStr } from "./protocol";
import { JinjaUndefined } from "./undefined";
import { JinjaCallable, PyRange } from "./values";

const arg = (a: PyValue[], i = 0): PyValue => a[i] ?? null;

/** `value in environment.filters` for a value that is not a string: false, or a failure when unhashable. */
function notAName(v: PyValue): false {
  assertHashable(v);
  return false;
}

function modEquals(v: PyValue, n: PyValue, r: number): boolean {
  return equals(binaryOp("%", v, n), r);
}

function isSequence(v: PyValue): boolean {
  if (v instanceof JinjaUndefined) return !v.strict && false;
  return hasLen(v) && (isIterable(v) || v instanceof PyRange);
}

function sameAs(a: PyValue, b: PyValue): boolean {
  if (a === null || b === null || typeof a === "boolean" || typeof b === "boolean") return a === b;
  if (isInt(a) && isInt(b)) return pyEquals(a, b) && Number(a) >= -5 && Number(a) <= 256;
  if (typeof a === "string" && typeof b === "string") return a === b;
  return a === b;
}

export const TESTS: Record<string, TestFn> = {
  odd: (_rt, v) => modEquals(v, 2, 1),
  even: (_rt, v) => modEquals(v, 2, 0),
  divisibleby: (_rt, v, a) => modEquals(v, arg(a), 0),
  defined: (_rt, v) => !(v instanceof JinjaUndefined),
  undefined: (_rt, v) => v instanceof JinjaUndefined,
  // `value in environment.filters`: an unhashable value fails
  filter: (rt, v) => (typeof v === "string" ? rt.hasFilter(v) : notAName(v)),
  test: (rt, v) => (typeof v === "string" ? rt.hasTest(v) : notAName(v)),
  none: (_rt, v) => v === null,
  boolean: (_rt, v) => typeof v === "boolean",
  false: (_rt, v) => v === false,
  true: (_rt, v) => v === true,
  integer: (_rt, v) => isInt(v),
  float: (_rt, v) => isFloat(v),
  lower: (_rt, v) => {
    const s = toStr(v);
    return /\p{Ll}|\p{Lu}|\p{Lt}/u.test(s) && s === s.toLowerCase();
  },
  upper: (_rt, v) => {
    const s = toStr(v);
    return /\p{Ll}|\p{Lu}|\p{Lt}/u.test(s) && s === s.toUpperCase();
  },
  string: (_rt, v) => typeof v === "string",
  mapping: (_rt, v) => isDict(v),
  number: (_rt, v) => isNumeric(v) || v instanceof PyFloat || v instanceof PyComplex,
  sequence: (_rt, v) => isSequence(v),
  iterable: (_rt, v) => {
    if (v instanceof JinjaUndefined && v.strict) v.fail();
    return isIterable(v);
  },
  callable: (_rt, v) => v instanceof JinjaCallable || v instanceof JinjaUndefined,
  sameas: (_rt, v, a) => sameAs(v, arg(a)),
  escaped: (_rt, v) => v instanceof Markup,
  in: (_rt, v, a) => contains(arg(a), v),
  "==": (_rt, v, a) => equals(v, arg(a)),
  eq: (_rt, v, a) => equals(v, arg(a)),
  equalto: (_rt, v, a) => equals(v, arg(a)),
  "!=": (_rt, v, a) => !equals(v, arg(a)),
  ne: (_rt, v, a) => !equals(v, arg(a)),
  ">": (_rt, v, a) => compare(v, arg(a), ">") > 0,
  gt: (_rt, v, a) => compare(v, arg(a), ">") > 0,
  greaterthan: (_rt, v, a) => compare(v, arg(a), ">") > 0,
  ">=": (_rt, v, a) => compare(v, arg(a), ">=") >= 0,
  ge: (_rt, v, a) => compare(v, arg(a), ">=") >= 0,
  "<": (_rt, v, a) => compare(v, arg(a), "<") < 0,
  lt: (_rt, v, a) => compare(v, arg(a), "<") < 0,
  lessthan: (_rt, v, a) => compare(v, arg(a), "<") < 0,
  "<=": (_rt, v, a) => compare(v, arg(a), "<=") <= 0,
  le: (_rt, v, a) => compare(v, arg(a), "<=") <= 0,
};
