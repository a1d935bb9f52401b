// core.ask in a run. The action first reports `pending` (journaled under the
// step's pending id and delivered, so the task goes pending and the workflow
// pausing/paused); the inquiry is then stored in the backend and the step only
// waits (the run gives its worker slot back). `orqc inquiry respond` journals
// the final outcome under the step id and wakes the execution; the TTL, when
// it runs out first, journals `timeout` instead. Whichever is journaled first
// wins (the journal's set-if-absent).

import type { InquiryRecord, JournalEntry, JsonObject } from "../backend/types";
import type { Work } from "../engine/region";
import { S } from "../engine/statuses";
import { inquiryId, pendingStepId, ttlTimerId } from "../inquiry/ids";
import type { ExecutionRun } from "./execution";
import { fromJson } from "./json";
import type { LiveWork } from "./live-steps";

/** How often a live wait looks for a response journaled by `orqc inquiry respond`. */
const POLL_MS = 250;

export class InquirySteps {
  /** Inquiry steps of this run still waiting for their final outcome. */
  private readonly waiting = new Map<string, JsonObject>();

  constructor(private readonly run: ExecutionRun) {}

  /**
   * The execution ended (canceled, or failed elsewhere) with inquiries still
   * open: they end canceled, as StackStorm cancels a workflow's pending
   * inquiries; a response that got in first stays.
   */
  async cancelOpen(): Promise<void> {
    const { backend } = this.run.services;
    for (const [stepId, parameters] of this.waiting) {
      const written = await backend.journal.record(this.run.execId, stepId, {
        kind: "action",
        status: S.canceled,
        value: parameters,
        at: Date.now(),
      });
      if (written.recorded) await this.mark(stepId, S.canceled);
    }
    this.waiting.clear();
  }

  /** Replays what the journal has of an inquiry step; false when it never went pending. */
  replay(work: Work): boolean {
    const { snapshot } = this.run;
    const pendingId = pendingStepId(work.stepId);
    const pending = snapshot.entries.get(pendingId);
    if (!pending) return false;
    this.run.deliver(
      work,
      pending.status ?? S.pending,
      fromJson(pending.value),
      seqOf(this.run, pendingId),
      pendingId,
    );
    const final = snapshot.entries.get(work.stepId);
    if (final) {
      this.run.deliver(
        work,
        final.status ?? S.succeeded,
        fromJson(final.value),
        seqOf(this.run, work.stepId),
      );
      return true;
    }
    this.run.steps.adopt(work, (lw) => this.wait(lw, pending.value as JsonObject));
    return true;
  }

  /** The action reported pending (live): journal that, open the inquiry, wait. */
  async asked(lw: LiveWork, result: JsonObject): Promise<void> {
    await this.run.steps.recordStep(lw, async () => ({ status: S.pending, result }), "pending");
    await this.wait(lw, result);
  }

  private async wait(lw: LiveWork, parameters: JsonObject): Promise<void> {
    this.waiting.set(lw.work.stepId, parameters);
    const { run } = this;
    const { backend, timeScale } = run.services;
    const work = lw.work;
    const ttlMinutes = typeof parameters.ttl === "number" && parameters.ttl > 0 ? parameters.ttl : 0;
    const expiresAt =
      ttlMinutes > 0
        ? (await run.journal.timer(ttlTimerId(work.stepId), ttlMinutes * 60_000 * timeScale)).dueAt
        : undefined;
    await this.open(work, parameters, expiresAt);
    lw.dueAt = expiresAt;
    const endAs = (status: string) =>
      this.finish(lw, { kind: "action", status, value: parameters, at: Date.now() });
    for (;;) {
      const answer = await backend.journal.get(run.execId, work.stepId);
      if (run.closed) return run.steps.drop(lw);
      if (answer) return this.finish(lw, answer);
      const left = expiresAt === undefined ? POLL_MS : expiresAt - Date.now();
      if (left <= 0) return endAs(S.expired);
      if (run.steps.canceledAll) return endAs(S.canceled);
      // Only now a wait: the run may give its slot back (the TTL, if any, brings it back).
      if (lw.state !== "inquiry") run.steps.setState(lw, "inquiry");
      const why = await run.steps.sleep(lw, Math.min(POLL_MS, left));
      if (why === "closed") return run.steps.drop(lw);
      if (why === "cancel") return endAs(S.canceled);
    }
  }

  /** Journals the final outcome (or takes the one journaled first) and marks the inquiry with it. */
  private async finish(lw: LiveWork, outcome: JournalEntry): Promise<void> {
    this.run.steps.setState(lw, "running");
    const report = await this.run.steps.recordStep(lw, async () => ({
      status: outcome.status ?? S.succeeded,
      result: outcome.value,
    }));
    this.waiting.delete(lw.work.stepId);
    if (report.status !== S.succeeded) await this.mark(lw.work.stepId, report.status);
  }

  /** A pending inquiry record takes the status its step ended with (a response marks it itself). */
  private async mark(stepId: string, status: string): Promise<void> {
    const { backend } = this.run.services;
    const stored = await backend.inquiries.get(inquiryId(this.run.execId, stepId));
    if (stored?.status === "pending")
      await backend.inquiries.put({ ...stored, status: status === S.canceled ? "canceled" : "timeout" });
  }

  /** Stores the inquiry unless it is stored already (a replay) or already answered. */
  private async open(work: Work, parameters: JsonObject, expiresAt: number | undefined): Promise<void> {
    const { run } = this;
    const { backend } = run.services;
    const id = inquiryId(run.execId, work.stepId);
    if (await backend.inquiries.get(id)) return;
    const inquiry: InquiryRecord = {
      id,
      execId: run.execId,
      rootId: run.record.rootId ?? run.execId,
      stepId: work.stepId,
      task: work.task,
      status: "pending",
      parameters,
      createdAt: Date.now(),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
    await backend.inquiries.put(inquiry);
    run.services.logger.info({ execution: run.execId, task: work.task, inquiry: id }, "inquiry pending");
  }
}

function seqOf(run: ExecutionRun, id: string): number {
  return run.snapshot.order.indexOf(id);
}
