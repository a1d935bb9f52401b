// Actions that run now (not replayed): wait out the task or retry delay
// (short waits in process; long ones journaled as timers so the run can give
// its slot back), run the action through its runner with StackStorm's
// parameter rules, and record the outcome in the journal before it is
// delivered to the conductor.

import type { JsonObject, JsonValue } from "../backend/types";
import type { Work } from "../engine/region";
import { S } from "../engine/statuses";
import { pendingStepId } from "../inquiry/ids";
import type { StepReport } from "../journal/journal";
import { checkedOutcome } from "../output-schema/index";
import { isDict, type PyDict } from "../stdlib/py/value";
import type { ResolvedAction } from "./actions";
import type { ExecutionRun } from "./execution";
import { fromJson, toJsonObject } from "./json";
import { actionParams } from "./params";

export type LiveState =
  | "starting"
  | "sleeping"
  | "timer"
  | "running"
  | "recording"
  | "child"
  | "parked"
  | "inquiry";

export interface LiveWork {
  readonly work: Work;
  state: LiveState;
  dueAt?: number;
  /** A child execution this step waits for is paused (e.g. on an inquiry): the caller shows paused too. */
  childPaused?: boolean;
  interrupt?: (why: "closed" | "cancel") => void;
}

type Outcome = { status: string; result: JsonValue };
const ACTIVE_STATES = new Set<LiveState>(["starting", "sleeping", "running", "recording"]);

export class LiveSteps {
  private readonly works = new Map<string, LiveWork>();
  private canceled = false;

  constructor(private readonly run: ExecutionRun) {}

  /** Steps using the worker now (running, recording, short sleeps). */
  active(): number {
    let n = 0;
    for (const w of this.works.values()) if (ACTIVE_STATES.has(w.state)) n++;
    return n;
  }

  /** Steps that only wait (long timers, child executions, inquiries, parked by a shutdown). */
  waits(): LiveWork[] {
    return [...this.works.values()].filter((w) => !ACTIVE_STATES.has(w.state));
  }

  start(work: Work): void {
    this.adopt(work, (lw) => this.go(lw));
  }

  /** Tracks a step driven by `body` (an action run, or a replayed inquiry that waits again). */
  adopt(work: Work, body: (lw: LiveWork) => Promise<void>): void {
    const lw: LiveWork = { work, state: "starting" };
    this.works.set(work.stepId, lw);
    body(lw).catch((err: unknown) => this.crashed(lw, err));
  }

  /**
   * Cancel as StackStorm does: actions already running are not killed (their
   * results are recorded as they come); task and retry delays end as canceled,
   * and nothing starts any more. Child workflow executions are canceled by
   * the caller (child-calls.ts).
   */
  cancelAll(): void {
    this.canceled = true;
    for (const w of this.works.values()) {
      if (w.state !== "timer" && w.state !== "sleeping" && w.state !== "inquiry") continue;
      // Active again at once, so the run does not mistake it for a wait and yield.
      w.state = "starting";
      w.interrupt?.("cancel");
    }
  }

  /** cancelAll was called: steps that start waiting now end as canceled. */
  get canceledAll(): boolean {
    return this.canceled;
  }

  /** The run gives its slot back: waits are dropped (the journal has their timers). */
  closeAll(): void {
    for (const w of [...this.works.values()]) w.interrupt?.("closed");
  }

  drop(lw: LiveWork): void {
    this.works.delete(lw.work.stepId);
  }

  setState(lw: LiveWork, state: LiveState): void {
    lw.state = state;
    this.run.wake();
  }

  sleep(lw: LiveWork, ms: number): Promise<"done" | "closed" | "cancel"> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        lw.interrupt = undefined;
        resolve("done");
      }, ms);
      lw.interrupt = (why) => {
        clearTimeout(timer);
        lw.interrupt = undefined;
        resolve(why);
      };
    });
  }

  private async go(lw: LiveWork): Promise<void> {
    const { run } = this;
    const s = run.services;
    const work = lw.work;
    if (work.delay > 0) {
      const ms = work.delay * 1000 * s.timeScale;
      const due = ms <= s.shortWaitMs ? Date.now() + ms : (await run.journal.timer(work.timerId, ms)).dueAt;
      const remaining = due - Date.now();
      if (remaining > 0 && !this.canceled) {
        lw.dueAt = due;
        this.setState(lw, remaining > s.shortWaitMs ? "timer" : "sleeping");
        const why = await this.sleep(lw, remaining);
        if (why === "closed") return this.drop(lw);
        if (why === "cancel") return this.record(lw, async () => ({ status: S.canceled, result: null }));
      }
    }
    if (run.closed) return this.drop(lw);
    // Canceled before its action started: it never runs.
    if (this.canceled) return this.record(lw, async () => ({ status: S.canceled, result: null }));
    if (s.draining) {
      lw.interrupt = () => this.drop(lw);
      return this.setState(lw, "parked");
    }
    this.setState(lw, "running");
    if (run.lease && !(await run.lease.ensure())) return this.drop(lw);
    await run.values.flush();
    const action = s.catalog.resolve(work.action);
    if (action && (action.runnerType === "orquesta" || action.runnerType === "orqc-bundle"))
      return run.children.runExecution(lw, action);
    if (action?.runnerType === "inquirer") {
      // Asking has no side effect, so it runs before anything is journaled.
      const asked = await this.invoke(work, action);
      if (asked.status === S.pending) return run.inquiries.asked(lw, asked.result as JsonObject);
      return this.record(lw, async () => asked);
    }
    await this.record(lw, () => this.invoke(work, action));
  }

  /** Journals the outcome (exactly once per step id), then delivers it in arrival order. */
  async record(lw: LiveWork, produce: () => Promise<Outcome>): Promise<void> {
    await this.recordStep(lw, produce);
  }

  /**
   * `record`, returning what was journaled. The "pending" phase of an inquiry
   * has its own journal id and leaves the step tracked (it goes on waiting).
   */
  async recordStep(
    lw: LiveWork,
    produce: () => Promise<Outcome>,
    phase: "final" | "pending" = "final",
  ): Promise<StepReport> {
    const { run } = this;
    const id = phase === "pending" ? pendingStepId(lw.work.stepId) : lw.work.stepId;
    let counted = false;
    try {
      const report = await run.journal.step(id, async () => {
        const out = await produce();
        if (run.killed) throw new Killed();
        await run.controlBeforeResult();
        if (run.killed) throw new Killed();
        lw.state = "recording";
        run.recording++;
        counted = true;
        return out;
      });
      if (!report.replayed) await run.refreshKv();
      if (phase === "final") this.works.delete(lw.work.stepId);
      run.deliver(lw.work, report.status, fromJson(report.result), report.seq, id);
      return report;
    } finally {
      if (counted) run.recording--;
      run.wake();
    }
  }

  private async invoke(work: Work, action: ResolvedAction | undefined): Promise<Outcome> {
    const { run } = this;
    const s = run.services;
    if (!action)
      return failed(
        `The action "${work.action}" is not registered (no pack given to the worker defines it).`,
      );
    const runner = s.runners.get(action.runnerType);
    if (!runner)
      return failed(`The runner "${action.runnerType}" of action "${action.ref}" is not supported.`);
    let config: PyDict;
    try {
      config = await run.config(action.pack);
    } catch (e) {
      return failed(e instanceof Error ? e.message : String(e));
    }
    const caller = work.region.spec.parentContext;
    const actionContext: PyDict = {
      user: run.user,
      pack: action.pack,
      ...(isDict(caller.st2) ? { parent: caller.st2 } : {}),
    };
    const given = isDict(work.input) ? work.input : {};
    const params = await actionParams(given, runner.runnerParameters, action.parameters, {
      config,
      actionContext,
      datastore: s.datastore,
      user: run.user,
    });
    if (!params.ok) return failed(params.error);
    const out = await s.runners.runAction(action.runnerType, toJsonObject(params.params), {
      action: action.info,
      user: run.user,
      execId: run.execId,
      config: toJsonObject(config),
      datastore: s.datastore,
      secrets: s.secrets,
      logger: s.logger,
    });
    s.metrics?.taskLatency.observe({ runner: action.runnerType, status: out.status }, out.durationMs / 1000);
    return checkedOutcome(s.validateOutputSchema, action.runnerType, action.outputSchema, {
      status: out.status,
      result: out.result,
    });
  }

  private crashed(lw: LiveWork, err: unknown): void {
    this.works.delete(lw.work.stepId);
    if (err instanceof Killed || this.run.killed) return;
    const message = err instanceof Error ? err.message : String(err);
    this.run.services.logger.error(
      { execution: this.run.execId, task: lw.work.task, step: lw.work.stepId, err: message },
      "step failed in the host",
    );
    this.run.hostError(message);
  }
}

/** The worker died while the action ran: its outcome is not recorded (it runs again elsewhere). */
class Killed extends Error {}

function failed(error: string): Outcome {
  return { status: S.failed, result: { error, traceback: "" } };
}
