// yaql's overload resolution, reduced to what the standard library needs.
// A call collects the overloads of a name that fit as a function (no
// receiver) or as a method (`x.f()`), binds positional and `name => value`
// arguments to each overload's parameters, evaluates the eager arguments once,
// and calls the first overload whose parameter types accept them. Lazy
// parameters (lambdas, mapping rules, keywords) receive the unevaluated node.

import type { ExprEnv } from "../../../runtime/stdlib/functions/env";
import { pyStr } from "../../../runtime/stdlib/py/text";
import { mkInt, PyError, type PyValue } from "../../../runtime/stdlib/py/value";
import { usesReceiver, type YaqlArg, type YaqlNode } from "./ast";
import { YaqlContext } from "./context";

export interface Engine {
  readonly env: ExprEnv;
  evaluate(node: YaqlNode, ctx: YaqlContext): PyValue;
}

export type Lambda = (...args: PyValue[]) => PyValue;
export type CtxLambda = (ctx: YaqlContext) => PyValue;

/** A `key => value` argument of a no-kwargs function, evaluated (eager) or not (lazy). */
export interface MappingRule {
  readonly source: () => PyValue;
  readonly destination: () => PyValue;
}

export type Lazy = "lambda" | "methodLambda" | "ctxLambda" | "mapping" | "keyword" | "expression";

export interface TypeSpec {
  readonly name: string;
  readonly check: (v: PyValue) => boolean;
  readonly lazy?: Lazy;
  /** For eager mapping-rule parameters: the argument must be written `key => value`. */
  readonly mapping?: boolean;
}

export interface ParamSpec {
  readonly name: string;
  readonly type: TypeSpec;
  readonly hasDefault: boolean;
  readonly default?: PyValue;
  readonly rest?: boolean;
  readonly kwOnly?: boolean;
}

export interface CallCtx {
  readonly engine: Engine;
  /** The context the function body runs in (a child of the caller's). */
  readonly ctx: YaqlContext;
}

export type Impl = (c: CallCtx, a: Args) => PyValue;

export interface Overload {
  readonly name: string;
  readonly asFunction: boolean;
  readonly asMethod: boolean;
  readonly noKwargs: boolean;
  readonly params: readonly ParamSpec[];
  /** Accepts any other keyword arguments (`**kwargs`). */
  readonly kwRest?: boolean;
  readonly impl: Impl;
}

/** Bound arguments in parameter order; accessors keep the casts in one place. */
export class Args {
  constructor(
    private readonly values: unknown[],
    readonly kwargs: Map<string, PyValue>,
  ) {}
  v(i: number): PyValue {
    return this.values[i] as PyValue;
  }
  f(i: number): Lambda | null {
    return (this.values[i] as Lambda | null) ?? null;
  }
  cf(i: number): CtxLambda | null {
    return (this.values[i] as CtxLambda | null) ?? null;
  }
  rest(i: number): PyValue[] {
    return this.values[i] as PyValue[];
  }
  restF(i: number): Lambda[] {
    return this.values[i] as Lambda[];
  }
  rules(i: number): MappingRule[] {
    return this.values[i] as MappingRule[];
  }
  present(i: number): boolean {
    return this.values[i] !== NO_VALUE;
  }
}

/** The marker for "argument not given" (yaql's NO_VALUE). */
export const NO_VALUE: PyValue = Object.freeze({ pyOpaque: "NoValue" });

export function yaqlError(pyType: string, message: string): PyError {
  return new PyError(pyType, message);
}

export function noMatching(name: string, receiver: PyValue | undefined): PyError {
  return receiver === undefined
    ? yaqlError("NoMatchingFunctionException", `No function "${name}" matches supplied arguments`)
    : yaqlError(
        "NoMatchingMethodException",
        `No method "${name}" for receiver ${describe(receiver)} matches supplied arguments`,
      );
}

function ambiguous(name: string, receiver: PyValue | undefined): PyError {
  return receiver === undefined
    ? yaqlError("AmbiguousFunctionException", `Ambiguous function "${name}"`)
    : yaqlError("AmbiguousMethodException", `Ambiguous method "${name}" for receiver ${describe(receiver)}`);
}

export function describe(v: PyValue): string {
  try {
    return pyStr(v);
  } catch {
    return "<object>";
  }
}

type Slot =
  | { readonly kind: "value"; readonly value: PyValue }
  /** The receiver of a method call while planning: present, its value not known yet. */
  | { readonly kind: "receiver" }
  | { readonly kind: "node"; readonly node: YaqlNode }
  | { readonly kind: "rule"; readonly key: YaqlNode; readonly value: YaqlNode }
  | { readonly kind: "novalue" };

interface Binding {
  /** For each parameter: indexes into the positional slots (rest: several) or a kwarg name. */
  readonly params: { pos: number[]; kw?: string }[];
  readonly extraKw: string[];
}

function bind(ov: Overload, slots: readonly Slot[], kwNodes: ReadonlyMap<string, YaqlNode>): Binding | null {
  const kwNames = [...kwNodes.keys()];
  const used = new Set<string>();
  const params: { pos: number[]; kw?: string }[] = [];
  let next = 0;
  for (const p of ov.params) {
    if (p.rest) {
      const pos: number[] = [];
      while (next < slots.length) {
        if (slots[next]!.kind === "novalue") return null;
        pos.push(next++);
      }
      params.push({ pos });
      continue;
    }
    if (!p.kwOnly && next < slots.length && slots[next]!.kind !== "novalue") {
      if (kwNames.includes(p.name)) return null;
      params.push({ pos: [next++] });
      continue;
    }
    if (!p.kwOnly && next < slots.length) next++; // a skipped argument takes the default
    if (kwNames.includes(p.name)) {
      used.add(p.name);
      params.push({ pos: [], kw: p.name });
    } else if (p.hasDefault) params.push({ pos: [] });
    else return null;
  }
  if (next < slots.length) return null;
  const extraKw = kwNames.filter((k) => !used.has(k));
  if (extraKw.length > 0 && !ov.kwRest) return null;
  const literalAt = (pos: number) => {
    const slot = slots[pos]!;
    return slot.kind === "node" ? literalValue(slot.node) : undefined;
  };
  const kwLiteral = (kw: string) => literalValue(kwNodes.get(kw)!);
  return literalsFit(ov, params, literalAt, kwLiteral) ? { params, extraKw } : null;
}

/**
 * Like yaql, an overload is rejected before anything is evaluated when a
 * literal argument bound to an eager parameter does not have its type.
 */
function literalsFit(
  ov: Overload,
  params: Binding["params"],
  literalAt: (pos: number) => PyValue | undefined,
  kwLiteral: (kw: string) => PyValue | undefined,
): boolean {
  return ov.params.every(({ type }, i) => {
    if (type.lazy) return true;
    const bound = params[i]!;
    const literals = bound.kw !== undefined ? [kwLiteral(bound.kw)] : bound.pos.map(literalAt);
    return literals.every((literal) => literal === undefined || (!type.mapping && type.check(literal)));
  });
}

function literalValue(node: YaqlNode): PyValue | undefined {
  if (node.kind === "keyword") return node.name;
  if (node.kind === "const") return typeof node.value === "bigint" ? mkInt(node.value) : node.value;
  return undefined;
}

function lazyOf(ov: Overload, b: Binding): Set<number> {
  const lazy = new Set<number>();
  ov.params.forEach((p, i) => {
    if (p.type.lazy) for (const pos of b.params[i]!.pos) lazy.add(pos);
  });
  return lazy;
}

/**
 * What a call site's argument nodes decide before anything is evaluated: the
 * slots, the keyword nodes, and the overloads they bind to (with the
 * receiver, if any, taken as present but not yet checked).
 */
export interface CallPlan {
  /** The failure yaql raises for these nodes before evaluating anything. */
  readonly error?: () => PyError;
  readonly slots: readonly Slot[];
  readonly kwNodes: ReadonlyMap<string, YaqlNode>;
  readonly candidates: readonly Candidate[];
}

interface Candidate {
  readonly ov: Overload;
  readonly b: Binding;
  readonly lazy: Set<number>;
  readonly lazyKw: Set<string>;
  /** The type the receiver must have (the parameter bound to slot 0), when it is checked at binding. */
  readonly receiverType?: TypeSpec;
}

const RECEIVER: Slot = { kind: "receiver" };

export function planCall(
  overloads: readonly Overload[],
  argNodes: readonly YaqlArg[],
  hasReceiver: boolean,
): CallPlan {
  const noKwargs = overloads[0]!.noKwargs;
  const slots: Slot[] = hasReceiver ? [RECEIVER] : [];
  const kwNodes = new Map<string, YaqlNode>();
  for (const arg of argNodes) {
    if (arg.kind === "novalue") slots.push({ kind: "novalue" });
    else if (arg.kind === "mapping") {
      if (noKwargs) slots.push({ kind: "rule", key: arg.key, value: arg.value });
      else {
        // A repeated name takes the later value (yaql's translate_args fills a dict).
        if (arg.key.kind !== "keyword") {
          const error = () =>
            yaqlError("MappingTranslationException", "Cannot convert mapping to keyword argument");
          return { error, slots, kwNodes, candidates: [] };
        }
        kwNodes.set(arg.key.name, arg.value);
      }
    } else slots.push({ kind: "node", node: arg });
  }
  const candidates: Candidate[] = [];
  for (const ov of overloads) {
    const b = bind(ov, slots, kwNodes);
    if (!b) continue;
    const lazy = lazyOf(ov, b);
    const lazyKw = new Set(ov.params.flatMap((p, i) => (p.type.lazy && b.params[i]!.kw ? [p.name] : [])));
    const at = hasReceiver ? ov.params.findIndex((_, i) => b.params[i]!.pos.includes(0)) : -1;
    const type = at >= 0 ? ov.params[at]!.type : undefined;
    const receiverType = type && !type.lazy && !type.mapping ? type : undefined;
    candidates.push({ ov, b, lazy, lazyKw, ...(receiverType ? { receiverType } : {}) });
  }
  return { slots: hasReceiver ? slots.slice(1) : slots, kwNodes, candidates };
}

/** Plans per call site: argument node lists of parsed (or translated) expressions are immutable. */
const plans = new WeakMap<readonly YaqlArg[], Map<string, CallPlan>>();

/**
 * Calls `name` with the given overloads (already filtered to functions or
 * methods). `site`: `argNodes` is a call site's own list from a parsed or
 * translated expression (the same object at every evaluation), so the binding
 * of overloads to its nodes is planned once and kept; false for lists made for
 * one call.
 */
export function callOverloads(
  engine: Engine,
  name: string,
  overloads: readonly Overload[],
  argNodes: readonly YaqlArg[],
  caller: YaqlContext,
  receiver: PyValue | undefined,
  site = false,
): PyValue {
  const hasReceiver = receiver !== undefined;
  let plan: CallPlan | undefined;
  if (!site && argNodes.every(isConstNode))
    plan = valuesPlan(overloads, argNodes as YaqlConst[], hasReceiver);
  else if (site) {
    let byName = plans.get(argNodes);
    if (!byName) plans.set(argNodes, (byName = new Map()));
    const key = hasReceiver ? `.${name}` : name;
    plan = byName.get(key);
    if (!plan) byName.set(key, (plan = planCall(overloads, argNodes, hasReceiver)));
  }
  return runPlan(engine, name, plan ?? planCall(overloads, argNodes, hasReceiver), caller, receiver);
}

type YaqlConst = Extract<YaqlNode, { kind: "const" }>;

function isConstNode(arg: YaqlArg): arg is YaqlConst {
  return arg.kind === "const";
}

/** A stand-in argument for planning: any node that is not a literal. */
const OPAQUE_ARGUMENT: YaqlNode = { kind: "dollar", name: "$", start: 0, end: 0 };

/** Plans of calls with n value arguments, per overload list: binding does not depend on the values. */
const valuePlans = new WeakMap<readonly Overload[], Map<string, CallPlan>>();

/**
 * The plan of a call whose arguments are all values (operators and
 * delegated calls on evaluated operands): the binding planned once for the
 * number of arguments, then bind()'s check of literal arguments applied to
 * these values, which removes the same candidates.
 */
function valuesPlan(
  overloads: readonly Overload[],
  args: readonly YaqlConst[],
  hasReceiver: boolean,
): CallPlan {
  let byShape = valuePlans.get(overloads);
  if (!byShape) valuePlans.set(overloads, (byShape = new Map()));
  const shape = `${hasReceiver ? "." : ""}${args.length}`;
  let structure = byShape.get(shape);
  if (!structure) {
    structure = planCall(overloads, new Array<YaqlArg>(args.length).fill(OPAQUE_ARGUMENT), hasReceiver);
    byShape.set(shape, structure);
  }
  const first = hasReceiver ? 1 : 0;
  const literals = args.map(literalValue);
  const literalAt = (pos: number) => (pos < first ? undefined : literals[pos - first]);
  const candidates = structure.candidates.filter((c) =>
    literalsFit(c.ov, c.b.params, literalAt, () => undefined),
  );
  const slots = args.map((node): Slot => ({ kind: "node", node }));
  return { slots, kwNodes: structure.kwNodes, candidates };
}

export function runPlan(
  engine: Engine,
  name: string,
  plan: CallPlan,
  caller: YaqlContext,
  receiver: PyValue | undefined,
): PyValue {
  if (plan.error) throw plan.error();
  const slots: readonly Slot[] =
    receiver === undefined ? plan.slots : [{ kind: "value", value: receiver }, ...plan.slots];
  const kwNodes = plan.kwNodes;
  const fitting = fittingCandidates(plan, name, receiver);
  const { lazy, lazyKw } = fitting[0]!;

  // Evaluate the eager arguments once, left to right.
  const values: Slot[] = slots.map((s, i): Slot => {
    if (lazy.has(i) || s.kind === "value" || s.kind === "novalue" || s.kind === "receiver") return s;
    if (s.kind === "node") return { kind: "value", value: engine.evaluate(s.node, caller) };
    const pair: MappingPair = {
      pyOpaque: "MappingRule",
      source: engine.evaluate(s.key, caller),
      destination: engine.evaluate(s.value, caller),
    };
    return { kind: "value", value: pair };
  });
  const kwValues = kwNodes.size === 0 ? NO_KWARGS : new Map<string, Slot>();
  for (const [k, node] of kwNodes) {
    kwValues.set(
      k,
      lazyKw.has(k) ? { kind: "node", node } : { kind: "value", value: engine.evaluate(node, caller) },
    );
  }

  const callCtx: CallCtx = { engine, ctx: caller.child() };
  const noArguments = slots.length === 0 && kwNodes.size === 0;
  return callFirstBinding(fitting, name, receiver, values, kwValues, callCtx, noArguments, lazy);
}

/** Like yaql, an overload whose receiver type does not fit is rejected before anything is evaluated. */
function fittingCandidates(
  plan: CallPlan,
  name: string,
  receiver: PyValue | undefined,
): readonly Candidate[] {
  const fitting =
    receiver === undefined
      ? plan.candidates
      : plan.candidates.filter((c) => !c.receiverType || c.receiverType.check(receiver));
  if (fitting.length === 0) throw noMatching(name, receiver);
  return fitting;
}

/** Calls the first overload the evaluated arguments bind to (with `lazy`: of those with that lazy set). */
function callFirstBinding(
  fitting: readonly Candidate[],
  name: string,
  receiver: PyValue | undefined,
  values: readonly Slot[],
  kwValues: Map<string, Slot>,
  callCtx: CallCtx,
  noArguments: boolean,
  lazy?: Set<number>,
): PyValue {
  let chosen: { ov: Overload; args: Args } | undefined;
  for (const c of fitting) {
    if (lazy && !sameSet(c.lazy, lazy)) continue;
    const bound = convertArgs(c.ov, c.b, values, kwValues, callCtx);
    if (!bound) continue;
    // With no arguments nothing tells overloads apart: yaql calls that ambiguous.
    if (chosen && noArguments) throw ambiguous(name, receiver);
    chosen ??= { ov: c.ov, args: bound };
    if (!noArguments) break;
  }
  if (chosen) return chosen.ov.impl(callCtx, chosen.args);
  throw noMatching(name, receiver);
}

/** Whether every argument of a plan is evaluated before the call: no lazy parameter, keyword, mapping or skipped argument. */
export function isEagerPlan(plan: CallPlan): boolean {
  return (
    !plan.error &&
    plan.kwNodes.size === 0 &&
    plan.slots.every((s) => s.kind === "node") &&
    plan.candidates.every((c) => c.lazy.size === 0 && c.lazyKw.size === 0 && c.b.extraKw.length === 0)
  );
}

const NO_KWARGS: Map<string, Slot> = new Map();

/** runPlan for an eager plan (isEagerPlan): the same steps without what lazy and keyword arguments need. */
export function runEagerPlan(
  engine: Engine,
  name: string,
  plan: CallPlan,
  caller: YaqlContext,
  receiver: PyValue | undefined,
): PyValue {
  const fitting = fittingCandidates(plan, name, receiver);
  const values: Slot[] = receiver === undefined ? [] : [{ kind: "value", value: receiver }];
  for (const s of plan.slots)
    values.push({ kind: "value", value: engine.evaluate((s as { node: YaqlNode }).node, caller) });
  const callCtx: CallCtx = { engine, ctx: caller.child() };
  return callFirstBinding(fitting, name, receiver, values, NO_KWARGS, callCtx, values.length === 0);
}

function sameSet(a: Set<number>, b: Set<number>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function convertArgs(
  ov: Overload,
  b: Binding,
  values: readonly Slot[],
  kwValues: Map<string, Slot>,
  c: CallCtx,
): Args | null {
  const out: unknown[] = [];
  for (let i = 0; i < ov.params.length; i++) {
    const p = ov.params[i]!;
    const slot = b.params[i]!;
    if (p.rest) {
      const list: unknown[] = [];
      for (const pos of slot.pos) {
        const v = convertOne(p.type, values[pos]!, c);
        if (v === REJECT) return null;
        list.push(v);
      }
      out.push(list);
      continue;
    }
    if (slot.kw === undefined && slot.pos.length === 0) {
      out.push(p.type.lazy ? null : (p.default ?? null));
      continue;
    }
    const raw = slot.kw !== undefined ? kwValues.get(slot.kw)! : values[slot.pos[0]!]!;
    const v = convertOne(p.type, raw, c);
    if (v === REJECT) return null;
    out.push(v);
  }
  const extra = new Map<string, PyValue>();
  for (const k of b.extraKw) {
    const slot = kwValues.get(k)!;
    if (slot.kind !== "value") return null;
    extra.set(k, slot.value);
  }
  return new Args(out, extra);
}

const REJECT = Symbol("reject");

function convertOne(type: TypeSpec, raw: Slot, c: CallCtx): unknown {
  const node = raw.kind === "node" ? raw.node : null;
  switch (type.lazy) {
    case "lambda":
    case "methodLambda": {
      if (node === null) return raw.kind === "rule" ? REJECT : null;
      if (type.lazy === "methodLambda" && !usesReceiver(node)) return REJECT;
      return makeLambda(node, c);
    }
    case "ctxLambda":
      if (node === null) return null;
      return (ctx: YaqlContext) => c.engine.evaluate(node, ctx);
    case "keyword":
      return node?.kind === "keyword" ? node.name : REJECT;
    case "expression":
      return node ?? REJECT;
    case "mapping": {
      if (raw.kind !== "rule") return REJECT;
      const rule: MappingRule = {
        source: () => c.engine.evaluate(raw.key, c.ctx),
        destination: () => c.engine.evaluate(raw.value, c.ctx),
      };
      return rule;
    }
    default: {
      const value = raw.kind === "value" ? raw.value : NO_VALUE;
      if (type.mapping) return isMappingPair(value) ? value : REJECT;
      if (isMappingPair(value) || value === NO_VALUE) return REJECT;
      return type.check(value) ? value : REJECT;
    }
  }
}

export interface MappingPair {
  readonly pyOpaque: "MappingRule";
  readonly source: PyValue;
  readonly destination: PyValue;
}

export function isMappingPair(v: unknown): v is MappingPair {
  return typeof v === "object" && v !== null && (v as { pyOpaque?: string }).pyOpaque === "MappingRule";
}

export function makeLambda(node: YaqlNode, c: CallCtx): Lambda {
  return (...args: PyValue[]) => {
    const ctx = c.ctx.child();
    args.forEach((a, i) => {
      ctx.set(`$${i + 1}`, a);
    });
    return c.engine.evaluate(node, ctx);
  };
}

export { YaqlContext };
