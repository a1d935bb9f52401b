// Runs a golden scenario (shared/golden/README.md): derives the workflow input
// from the action parameters, builds the st2 context, scripts every action
// outcome, runs sub-workflows as children, and returns the trace.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildWorkflowIR } from "../../compiler/ir/build";
import type { WorkflowIR } from "../../compiler/ir/types";
import { isDict, type PyDict, type PyValue } from "../stdlib/py/value";
import type { Renderer } from "./conductor";
import type { ActionExecutor, ActionOutcome, ActionRequest } from "./executor";
import { inspectWorkflow } from "./inspection";
import { loadDefinition } from "./load-definition";
import { renderParamTemplate } from "./param-template";
import { childContext, rootContext, subworkflowResult } from "./st2-context";
import { applyParameterRules } from "./st2-params";
import type { Trace } from "./trace";
import { runWave } from "./wave";

export interface Outcome {
  readonly status?: string;
  readonly result?: PyValue;
  readonly item_id?: number;
}

export interface SubworkflowEntry {
  readonly workflow: string;
  readonly parameters?: Record<string, PyValue>;
  readonly config?: PyDict;
  readonly actions?: Record<string, Outcome | Outcome[]>;
  readonly subworkflows?: Record<string, SubworkflowEntry>;
}

export interface Scenario extends SubworkflowEntry {
  readonly input?: PyDict;
  readonly st2?: { user?: string; action?: string | null; pack?: string | null; api_user?: string };
  readonly datastore?: Record<string, PyValue>;
  readonly default?: Outcome;
  readonly mode?: string;
  readonly max_executions?: number;
}

export interface ScenarioOptions {
  /** Folder scenario paths are relative to (shared/). */
  readonly root: string;
  /** Where to read a workflow from; defaults to root + path. */
  readonly readWorkflow?: (path: string) => string;
  /** Sub-workflows found in packs, used when the scenario does not script a ref. */
  readonly packWorkflows?: ReadonlyMap<string, SubworkflowEntry>;
  /**
   * Compiled mode: the workflow of a call chain ("" for the run itself, then
   * refs joined by ">") comes from a compiled bundle, with its expression table.
   */
  readonly compiled?: CompiledUnits;
  /**
   * Interpreted mode: keep each workflow's loaded definition, inspection and
   * IR across runs (as orqc's daemon does) instead of loading them for every
   * execution (as Orquesta does). Keyed by path, text and context keys.
   */
  readonly definitions?: Map<string, LoadedWorkflow>;
}

/** A workflow file made ready to interpret. */
export interface LoadedWorkflow {
  readonly ir: WorkflowIR;
  readonly inspectionErrors: ReadonlyArray<{ [key: string]: PyValue }>;
}

function loadWorkflow(path: string, text: string, contextKeys: readonly string[]): LoadedWorkflow {
  const loaded = loadDefinition(path, text);
  const inspection = inspectWorkflow(path, text, contextKeys);
  return { ir: buildWorkflowIR(loaded.definition), inspectionErrors: inspection.errors };
}

export interface CompiledUnits {
  unit(chain: string): { readonly ir: WorkflowIR; readonly render: Renderer } | undefined;
}

/** Action outcomes of one script, consumed in order. */
class Script {
  private readonly used = new Map<string, Set<number>>();
  constructor(
    private readonly actions: Record<string, Outcome | Outcome[]>,
    private readonly fallback: Outcome,
  ) {}

  next(taskId: string, route: number, itemId: number | null): { outcome: Outcome; by: string } {
    for (const key of [`${taskId}__r${route}`, taskId]) {
      if (!Object.hasOwn(this.actions, key)) continue;
      const entry = this.actions[key]!;
      if (!Array.isArray(entry)) return { outcome: entry, by: key };
      let used = this.used.get(key);
      if (!used) this.used.set(key, (used = new Set()));
      for (let i = 0; i < entry.length; i++) {
        if (used.has(i)) continue;
        const e = entry[i]!;
        if (e.item_id !== undefined && e.item_id !== null && e.item_id !== itemId) continue;
        used.add(i);
        return { outcome: e, by: `${key}[${i}]` };
      }
    }
    return { outcome: this.fallback, by: "default" };
  }
}

interface RunContext {
  readonly opts: ScenarioOptions;
  readonly datastore: Record<string, PyValue>;
  readonly fallback: Outcome;
  readonly scripts: Map<string, Script>;
  readonly counter: { value: number };
  readonly maxExecutions: number;
}

export function runScenario(scenario: Scenario, opts: ScenarioOptions): Trace {
  const ctx: RunContext = {
    opts,
    datastore: scenario.datastore ?? {},
    fallback: scenario.default ?? { status: "succeeded", result: null },
    scripts: new Map(),
    counter: { value: 0 },
    maxExecutions: scenario.max_executions ?? 500,
  };
  let parentContext: PyDict = {};
  if (scenario.st2) {
    const s = scenario.st2;
    parentContext = rootContext("ex0", s.action ?? null, s.user ?? "stanley", s.pack ?? null);
    if (s.api_user !== undefined) {
      (parentContext.st2 as PyDict).api_user = s.api_user;
      (parentContext.parent as PyDict).api_user = s.api_user;
    }
  }
  const actionContext: PyDict = isDict(parentContext.parent) ? parentContext.parent : {};
  return runOne(scenario, scenario.input ?? {}, parentContext, actionContext, "", "ex0.wf", ctx);
}

function runOne(
  entry: SubworkflowEntry,
  given: PyDict,
  parentContext: PyDict,
  actionContext: PyDict,
  chain: string,
  wfExId: string,
  ctx: RunContext,
): Trace {
  const read = ctx.opts.readWorkflow ?? ((p: string) => readFileSync(resolve(ctx.opts.root, p), "utf8"));
  const compiled = ctx.opts.compiled?.unit(chain);
  // A compiled unit carries its workflow: the file is read only to interpret it.
  const text = compiled ? "" : read(entry.workflow);
  let input: PyDict = given;
  if (entry.parameters) {
    const res = applyParameterRules(
      given,
      entry.parameters,
      { datastore: ctx.datastore, actionContext, config: entry.config ?? {} },
      renderParamTemplate,
    );
    input = res.ok ? res.input : given;
  }
  let workflow: LoadedWorkflow;
  if (compiled) workflow = { ir: compiled.ir, inspectionErrors: [] };
  else {
    const keys = Object.keys(parentContext);
    const cache = ctx.opts.definitions;
    const key = `${entry.workflow}\u0000${keys.join("\u0000")}\u0000${text}`;
    const known = cache?.get(key);
    workflow = known ?? loadWorkflow(entry.workflow, text, keys);
    if (cache && !known) cache.set(key, workflow);
  }
  let script = ctx.scripts.get(chain);
  if (!script) ctx.scripts.set(chain, (script = new Script(entry.actions ?? {}, ctx.fallback)));
  const executor = new ScenarioExecutor(entry, script, chain, ctx, parentContext);
  return runWave(workflow.ir, {
    workflowPath: entry.workflow,
    input,
    parentContext,
    executor,
    inspectionErrors: workflow.inspectionErrors,
    workflowExecutionId: wfExId,
    datastore: ctx.datastore,
    counter: ctx.counter,
    maxExecutions: ctx.maxExecutions,
    ...(compiled ? { render: compiled.render } : {}),
  });
}

class ScenarioExecutor implements ActionExecutor {
  constructor(
    private readonly entry: SubworkflowEntry,
    private readonly script: Script,
    private readonly chain: string,
    private readonly ctx: RunContext,
    private readonly parentContext: PyDict,
  ) {}

  execute(req: ActionRequest): ActionOutcome {
    const sub = this.entry.subworkflows?.[req.action] ?? this.ctx.opts.packWorkflows?.get(req.action);
    if (sub) return this.runChild(req, sub);
    const { outcome, by } = this.script.next(req.taskId, req.route, req.itemId);
    return { status: outcome.status ?? "succeeded", result: outcome.result ?? null, scriptedBy: by };
  }

  private runChild(req: ActionRequest, sub: SubworkflowEntry): ActionOutcome {
    const { st2, parent } = childContext(this.parentContext, req) as { st2: PyDict; parent: PyDict };
    const given: PyDict = isDict(req.input) ? req.input : {};
    const chain = this.chain ? `${this.chain}>${req.action}` : req.action;
    const child = runOne(sub, given, { st2, parent }, parent, chain, `${req.actionExecutionId}.wf`, this.ctx);
    const result = subworkflowResult(child.status, child.errors, child.output);
    return { status: child.status, result, scriptedBy: "subworkflow", subworkflow: child };
  }
}
