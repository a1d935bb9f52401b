// Sub-workflow calls. Compiled: the callee unit runs here as a child region
// with its own context and input rules. Interpreted: an orquesta (or
// orqc-bundle) action is a child execution of its own (its own job); the
// parent does not hold a slot while it waits: it yields and the child's end
// enqueues a wake-up for it.

import { createHash } from "node:crypto";
import type { WorkflowUnit } from "../../compiler/program/types";
import type { ExecutionState, JsonObject, JsonValue } from "../backend/types";
import { Region, type Work } from "../engine/region";
import { type CallSite, childContext } from "../engine/st2-context";
import { COMPLETED, S } from "../engine/statuses";
import { checkedOutcome } from "../output-schema/index";
import { isDict, type PyDict, type PyValue } from "../stdlib/py/value";
import type { ResolvedAction } from "./actions";
import type { ExecutionRun } from "./execution";
import { fromJson, toJsonObject, toJsonValue } from "./json";
import type { LiveWork } from "./live-steps";
import { workflowInput, workflowInputSync } from "./params";
import type { Target } from "./programs";
import { type ExecutionContext, RESULT_ID, secretNamesOf } from "./record-context";

/** A child execution's id: derived from the parent and the step, so a replay finds the same child. */
export function childExecutionId(parentId: string, stepId: string): string {
  return `c${createHash("sha256").update(`${parentId}\n${stepId}`).digest("hex").slice(0, 24)}`;
}

export function wakeJobId(parentId: string, childId: string): string {
  return `${parentId}.w.${childId}`;
}

function callSite(work: Work): CallSite {
  return {
    taskId: work.task,
    route: work.route,
    itemId: work.itemId,
    action: work.action,
    actionExecutionId: work.actionExecutionId,
    taskExecutionId: work.taskExecutionId,
    workflowExecutionId: work.region.spec.wfExId,
  };
}

export class ChildCalls {
  private readonly regions = new Map<Region, Work>();
  private readonly starting = new Set<Region>();
  private readonly childIds = new Set<string>();

  constructor(private readonly run: ExecutionRun) {}

  // ------------------------------------------------------------ compiled: in-process regions

  startRegion(work: Work): { status: string; result: PyValue } | null {
    const program = this.run.program.program;
    const unitId = work.region.spec.calls?.[work.task];
    const unit = unitId && program ? program.units[unitId] : undefined;
    if (!unit) return fail(`The compiled program has no unit for task "${work.task}".`);
    const context = childContext(work.region.spec.parentContext, callSite(work));
    const given = isDict(work.input) ? work.input : {};
    const input = workflowInputSync(given, unit.parameters, {
      config: (unit.pack && this.run.preloaded.get(unit.pack)) || {},
      actionContext: context.parent as PyDict,
      kv: this.run.preloadedKv,
    });
    if (!input.ok) return fail(input.error);
    const child = new Region(
      {
        ir: unit.workflow,
        input: input.params,
        parentContext: context,
        prefix: `${work.region.spec.prefix}${work.task}@${work.route}.${work.itemId ?? "-"}.${work.attempt}|`,
        unit: unit.id,
        path: unit.path,
        wfExId: `${work.actionExecutionId}.wf`,
        modes: unit.modes,
        calls: unit.calls,
        ...(work.region.spec.render ? { render: work.region.spec.render } : {}),
      },
      this.run,
    );
    work.region.children.set(work, child);
    this.regions.set(child, work);
    this.starting.add(child);
    child.start();
    this.starting.delete(child);
    return child.done ? this.outcomeOf(child) : null;
  }

  regionDone(child: Region): void {
    if (this.starting.has(child)) return;
    const work = this.regions.get(child);
    if (!work) return;
    const { status, result } = this.outcomeOf(child);
    work.region.complete(work, status, result);
  }

  /** An inlined workflow's outcome, checked against its action's output_schema as its own execution would be. */
  private outcomeOf(child: Region): { status: string; result: PyValue } {
    const outcome = { status: child.status, result: child.result() };
    if (!this.run.services.validateOutputSchema) return outcome;
    const unit = this.run.program.program?.units[child.spec.unit];
    const schema = unit ? unitOutputSchema(unit) : undefined;
    if (schema === undefined) return outcome;
    const checked = checkedOutcome(true, "orquesta", schema, {
      status: outcome.status,
      result: toJsonValue(outcome.result),
    });
    return checked.status === outcome.status
      ? outcome
      : { status: checked.status, result: fromJson(checked.result) };
  }

  // ------------------------------------------------------------ interpreted: child executions

  async runExecution(lw: LiveWork, action: ResolvedAction): Promise<void> {
    const { run } = this;
    const { backend } = run.services;
    const work = lw.work;
    const childId = childExecutionId(run.execId, work.stepId);
    this.childIds.add(childId);
    let rec = await backend.executions.get(childId);
    if (!rec) {
      const context = childContext(work.region.spec.parentContext, callSite(work), childId);
      const given = isDict(work.input) ? work.input : {};
      const input = await run.config(action.pack).then(
        (config) =>
          workflowInput(given, action.parameters, {
            config,
            actionContext: context.parent as PyDict,
            datastore: run.services.datastore,
            user: run.user,
          }),
        (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
      );
      if (!input.ok) {
        return run.steps.record(lw, async () => ({
          status: S.failed,
          result: { error: input.error, traceback: "" },
        }));
      }
      const target: Target =
        action.runnerType === "orqc-bundle"
          ? { kind: "bundle", ref: action.ref }
          : { kind: "workflow", path: action.workflowPath ?? "", ref: action.ref };
      const secrets = secretNamesOf(action.parameters);
      const ctx: ExecutionContext = {
        target,
        st2: toJsonObject(context),
        ...(secrets.length > 0 ? { secrets } : {}),
      };
      const created = await backend.executions.create({
        id: childId,
        ref: action.ref,
        input: toJsonObject(input.params),
        parentId: run.execId,
        rootId: run.record.rootId ?? run.execId,
        user: run.user,
        context: ctx as unknown as JsonObject,
      });
      rec = created.record;
      if (created.created) await backend.queue.enqueue(childId, null, { jobId: childId });
    }
    lw.childPaused = rec.status === S.paused;
    run.steps.setState(lw, "child");
    let pause = 20;
    let state: ExecutionState | undefined = rec;
    while (state && !COMPLETED.has(state.status)) {
      const why = await run.steps.sleep(lw, pause);
      if (why === "closed") return run.steps.drop(lw);
      pause = Math.min(500, Math.ceil(pause * 1.5));
      state = await backend.executions.state(childId);
      lw.childPaused = state?.status === S.paused;
    }
    // Polled by status only; the whole record once the child has ended.
    if (state !== rec) rec = state ? await backend.executions.get(childId) : undefined;
    run.steps.setState(lw, "running");
    if (!rec) {
      const error = `The child execution ${childId} (${action.ref}) was lost: its record is gone.`;
      return run.steps.record(lw, async () => ({ status: S.failed, result: { error, traceback: "" } }));
    }
    const raw = await backend.journal.get(childId, RESULT_ID);
    const result = raw ? raw.value : (rec.result ?? null);
    const status = rec.status;
    return run.steps.record(lw, async () => ({ status, result }));
  }

  async cancelAll(): Promise<void> {
    await this.flagAll("cancel", true);
  }

  /** Sets a control flag on every child execution this run started, and wakes them to act on it. */
  async flagAll(flag: "cancel" | "pause", on: boolean): Promise<void> {
    const { backend } = this.run.services;
    for (const id of this.childIds) {
      const rec = await backend.executions.setFlag(id, flag, on);
      if (!rec || COMPLETED.has(rec.status)) continue;
      if (flag === "pause" && !on)
        await backend.executions.patch(id, { status: S.running }, [S.paused, S.pausing]);
      await backend.queue.enqueue(id, null, { jobId: `${id}.${flag}.${on ? 1 : 0}.${Date.now()}` });
    }
  }

  async wakeParent(parentId: string, childId: string): Promise<void> {
    await this.run.services.backend.queue.enqueue(parentId, null, { jobId: wakeJobId(parentId, childId) });
  }

  /** The child paused while the parent waits for it: the parent wakes to show paused as well. */
  async pausedParent(parentId: string, childId: string): Promise<void> {
    const jobId = `${wakeJobId(parentId, childId)}.paused.${Date.now()}`;
    await this.run.services.backend.queue.enqueue(parentId, null, { jobId });
  }
}

/** A unit's output_schema as JSON, converted once per loaded bundle (validation caches by the object). */
const outputSchemas = new WeakMap<WorkflowUnit, JsonValue | undefined>();
function unitOutputSchema(unit: WorkflowUnit): JsonValue | undefined {
  if (!outputSchemas.has(unit))
    outputSchemas.set(
      unit,
      unit.outputSchema === null || unit.outputSchema === undefined
        ? undefined
        : toJsonValue(unit.outputSchema),
    );
  return outputSchemas.get(unit);
}

function fail(error: string): { status: string; result: PyValue } {
  return { status: S.failed, result: toJsonValue({ error, traceback: "" }) as PyValue };
}
