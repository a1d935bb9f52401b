// The runtime API: everything compiled bundles use. A bundle's module imports
// only types from here ("orqc:runtime") and receives the API object itself
// when it is loaded, so the emitted JS has no imports at all.

import { renderValue } from "../../compiler/expr/index";
import type { ProgramIR } from "../../compiler/program/types";
import { pyJsonLoads } from "../stdlib/functions/py-json";
import { ops } from "../stdlib/ops/index";
import { PyFloat, PySet, PyTuple, type PyValue } from "../stdlib/py/value";
import type { ExpressionFn, ExpressionTable } from "./render";

export type { ExprEnv } from "../stdlib/functions/env";
export type { PyValue } from "../stdlib/py/value";

export { compiledRenderer, type ExpressionFn, type ExpressionTable } from "./render";
export type ProgramData = ProgramIR;

export interface BundleMeta {
  readonly compiler: string;
  readonly inputHash: string;
}

export interface CompiledBundle {
  readonly meta: BundleMeta;
  readonly program: ProgramData;
  readonly expressions: ExpressionTable;
}

function defineBundle(bundle: CompiledBundle): CompiledBundle {
  return bundle;
}

/** An expression the translator could not compile: rendered by the evaluator. */
function interpreted(text: string): ExpressionFn {
  return (env) => renderValue(text, env);
}

export const runtimeApi = {
  /** The operations translated expressions call (same functions the evaluators use). */
  ops,
  defineBundle,
  interpreted,
  float: (n: number): PyFloat => new PyFloat(n),
  tuple: (items: PyValue[]): PyTuple => new PyTuple(items),
  set: (items: PyValue[]): PySet => new PySet(items),
  /** Data nested too deeply to write out as literals (compiler/emit/literals.ts), as Python's json text. */
  data: (json: string): PyValue => pyJsonLoads(json),
};

export type RuntimeApi = typeof runtimeApi;
