// The errors Jinja raises while compiling an expression, before anything
// runs. Its code generator hands every expression node of an "optimised"
// kind (operators, `~`, comparisons, attribute and item access, filters,
// tests, calls, inline if) to the optimizer, which folds the node's subtree
// bottom-up: each node's as_const() computes it from constant children, and
// most failures there only mean "not constant" (Impossible). A few steps of
// as_const() are outside any `try`, so their errors escape and fail the
// compile: `~` turns its leading constant operands into text one by one
// (str() of a strict undefined such as `'a'.nope` or `[] | last` raises), an
// inline if and `and`/`or` take the truth of a constant test or left operand,
// and a dict literal hashes its constant keys. After the folding come the
// unknown filter and test names (checkNames), in the order code is generated.

import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { isDict, PyError, PySet, type PyValue, typeError } from "../../../runtime/stdlib/py/value";
import { exprChildren, type JinjaExpr } from "./ast";
import { checkNames, Evaluator, isConst } from "./evaluate";
import { Scope } from "./scope";
import { JinjaUndefined } from "./undefined";

/** The node kinds whose code generation runs the optimizer on their subtree (Jinja's @optimizeconst). */
const OPTIMIZED = new Set<JinjaExpr["kind"]>([
  "binop",
  "unary",
  "and",
  "or",
  "concat",
  "compare",
  "getattr",
  "getitem",
  "filter",
  "test",
  "call",
  "condexpr",
]);

const NO_CONTEXT: ExprEnv = { ctx: {} };
const NOT_CONSTANT: unique symbol = Symbol("not constant");

/** as_const() of a node: its value, or NOT_CONSTANT (Impossible). Constants never read the context. */
function constValue(n: JinjaExpr): PyValue | typeof NOT_CONSTANT {
  if (!isConst(n)) return NOT_CONSTANT;
  try {
    return new Evaluator(NO_CONTEXT).eval(n, new Scope(NO_CONTEXT), true);
  } catch {
    return NOT_CONSTANT;
  }
}

/** Raises what str(), bool() or hash() of a strict undefined raises. */
function failIfStrictUndefined(v: PyValue | typeof NOT_CONSTANT): void {
  if (v instanceof JinjaUndefined && v.strict) v.fail();
}

/** The escaping steps of one node's as_const() (its children were folded before). */
function checkNode(n: JinjaExpr): void {
  switch (n.kind) {
    case "concat":
      for (const part of n.nodes) {
        const v = constValue(part);
        if (v === NOT_CONSTANT) return;
        failIfStrictUndefined(v);
      }
      return;
    case "condexpr":
      failIfStrictUndefined(constValue(n.test));
      return;
    case "and":
    case "or":
      failIfStrictUndefined(constValue(n.left));
      return;
    case "dict":
      for (const p of n.pairs) {
        const key = constValue(p.key);
        if (key === NOT_CONSTANT || constValue(p.value) === NOT_CONSTANT) return;
        failIfStrictUndefined(key);
        if (Array.isArray(key) || isDict(key) || key instanceof PySet) {
          throw typeError(`unhashable type: '${Array.isArray(key) ? "list" : isDict(key) ? "dict" : "set"}'`);
        }
      }
      return;
    default:
      return;
  }
}

function foldSubtree(n: JinjaExpr): void {
  for (const c of exprChildren(n)) foldSubtree(c);
  checkNode(n);
}

function generate(n: JinjaExpr): void {
  if (OPTIMIZED.has(n.kind)) {
    foldSubtree(n);
    checkNames(n);
    return;
  }
  for (const c of exprChildren(n)) generate(c);
}

const checked = new WeakMap<JinjaExpr, PyError | null>();

/**
 * Throws the error compiling `ast` raises in Jinja (folding, then unknown
 * filter and test names), if any; the answer is kept per tree.
 */
export function checkCompile(ast: JinjaExpr): void {
  let error = checked.get(ast);
  if (error === undefined) {
    error = null;
    try {
      generate(ast);
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      error = e;
    }
    checked.set(ast, error);
  }
  if (error) throw error;
}

/** Only the folding errors of an expression whose names Jinja checks at run time (an `if` test). */
export function checkFolding(ast: JinjaExpr): void {
  const visit = (n: JinjaExpr): void => {
    if (OPTIMIZED.has(n.kind)) foldSubtree(n);
    else for (const c of exprChildren(n)) visit(c);
  };
  visit(ast);
}
