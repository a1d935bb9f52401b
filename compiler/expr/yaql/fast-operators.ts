// Number and string arithmetic/comparison computed directly: the results the
// standard library's operator overloads give, without resolving the overloads
// on every call. Used by the evaluator, translated code and delegate().

import {
  compareStrings,
  isFloat,
  mkInt,
  PyFloat,
  type PyValue,
  pyCompare,
} from "../../../runtime/stdlib/py/value";
import type { YaqlNode } from "./ast";
import { pyAdd, pyFloorDiv, pyMod, pyMul, pySub, pyTrueDiv } from "./py-num";

const FAST_OPS: Record<string, true> = {
  "+": true,
  "-": true,
  "*": true,
  "/": true,
  mod: true,
  "<": true,
  ">": true,
  "<=": true,
  ">=": true,
};

/**
 * A literal that no overload of the operator accepts makes yaql reject the
 * call before evaluating anything, so such calls take the regular path.
 */
function mayBeFast(op: string, node: YaqlNode): boolean {
  const value = node.kind === "keyword" ? node.name : node.kind === "const" ? node.value : undefined;
  return value === undefined || literalMayBeFast(op, value);
}

function literalMayBeFast(op: string, value: PyValue): boolean {
  return isNumberValue(value) || (typeof value === "string" && STRING_OPS[op] === true);
}

/** The operators with an overload taking a string on either side. */
const STRING_OPS: Record<string, true> = {
  "+": true,
  "*": true,
  "<": true,
  ">": true,
  "<=": true,
  ">=": true,
};

function isNumberValue(v: PyValue): boolean {
  return typeof v === "number" || typeof v === "bigint" || v instanceof PyFloat;
}

export function fastOperator(op: string, a: PyValue, b: PyValue): PyValue | undefined {
  if (isNumberValue(a) && isNumberValue(b)) {
    switch (op) {
      case "+":
        return pyAdd(a, b);
      case "-":
        return pySub(a, b);
      case "*":
        return pyMul(a, b);
      case "/":
        return isFloat(a) || isFloat(b) ? pyTrueDiv(a, b) : pyFloorDiv(a, b);
      case "mod":
        return pyMod(a, b);
      default:
        return compareResult(op, pyCompare(a, b, op));
    }
  }
  if (typeof a === "string" && typeof b === "string") {
    if (op === "+") return a + b;
    if (op in COMPARE) return compareResult(op, compareStrings(a, b));
  }
  return undefined;
}

const COMPARE: Record<string, true> = { "<": true, ">": true, "<=": true, ">=": true };

function compareResult(op: string, r: number): boolean {
  return op === "<" ? r < 0 : op === ">" ? r > 0 : op === "<=" ? r <= 0 : r >= 0;
}

/** Operators whose evaluated operands go to Evaluator.operator when no literal operand rules it out. */
export function isFastOperator(op: string, left: YaqlNode, right: YaqlNode): boolean {
  return op in FAST_OPS && mayBeFast(op, left) && mayBeFast(op, right);
}

/**
 * `#operator_<op>` called with two values (yaql's Delegate, as orderBy, max
 * and sum do): the direct result where the operands are numbers or strings
 * that the regular resolution would hand to the same overload, else undefined.
 * Delegated values are literal nodes to yaql, hence the mayBeFast check.
 */
export function fastDelegatedOperator(name: string, a: PyValue, b: PyValue): PyValue | undefined {
  const op = DELEGATED_OPS.get(name);
  if (op === undefined || !literalMayBeFast(op, a) || !literalMayBeFast(op, b)) return undefined;
  return fastOperator(op, typeof a === "bigint" ? mkInt(a) : a, typeof b === "bigint" ? mkInt(b) : b);
}

const DELEGATED_OPS: ReadonlyMap<string, string> = new Map(
  Object.keys(FAST_OPS).map((op) => [`#operator_${op}`, op]),
);
