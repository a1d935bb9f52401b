// Constructors translated code uses for Python literals that have no plain
// JavaScript form: floats that look integral, big integers, tuples, sets, dicts.

import { type ExprErrorCategory, ExpressionError } from "../../../compiler/expr/errors";
import { newDict } from "../py/dict";
import { mkInt, PyError, PyFloat, PySet, PyTuple, type PyValue } from "../py/value";

/** A float literal: 1.0, inf, nan, -0.0 (kept boxed so it stays a float). */
export function float(n: number): PyFloat {
  return new PyFloat(n);
}

/** An int literal outside ±(2^53-1), written as decimal digits. */
export function int(digits: string): PyValue {
  return mkInt(BigInt(digits));
}

export function tuple(items: PyValue[]): PyTuple {
  return new PyTuple(items);
}

export function set(items: PyValue[]): PySet {
  return new PySet(items);
}

/** A dict from [key, value] pairs ("__proto__" stays data). */
export function dict(entries: [string, PyValue][]): PyValue {
  return newDict(entries);
}

/** Throws the ExpressionError the evaluator reports for a value that cannot be evaluated (e.g. a syntax error). */
export function fail(category: ExprErrorCategory, message: string, reason?: string): never {
  throw new ExpressionError(category, message, reason);
}

/** Throws a PyError (wrapped by the caller like any other evaluation failure). */
export function raise(pyType: string, message: string, category: ExprErrorCategory = "evaluation"): never {
  throw new PyError(pyType, message, category);
}
