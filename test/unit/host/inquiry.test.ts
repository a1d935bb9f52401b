// core.ask in the host: the task goes pending and the workflow paused while a
// parallel branch keeps running; a response (checked against the schema)
// resumes it; a second response, an invalid one and a late one are refused;
// a worker dying while the inquiry waits changes nothing; the TTL times the
// inquiry out; an inquiry in an interpreted sub-workflow pauses both.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../../compiler/compile";
import { translateExpression } from "../../../compiler/emit/translator";
import { MemoryBackend } from "../../../runtime/backend/memory/index";
import type { Backend, InquiryRecord } from "../../../runtime/backend/types";
import { controlExecution } from "../../../runtime/host/control";
import { respondInquiry } from "../../../runtime/host/inquiry-respond";
import { closeSharedPythonPool } from "../../../runtime/runners/python/pool";
import { embedded, waitDone } from "./helpers";

afterAll(() => closeSharedPythonPool());

const ASK_PACK = join(import.meta.dirname, "fixtures/askt");

async function pendingInquiry(backend: Backend, execId: string, timeoutMs = 10_000): Promise<InquiryRecord> {
  const start = Date.now();
  for (;;) {
    const rec = await backend.executions.get(execId);
    const found = (await backend.inquiries.list("pending")).find((i) => i.rootId === execId);
    if (found && rec?.status === "paused") return found;
    if (Date.now() - start > timeoutMs) throw new Error(`no paused inquiry for ${execId}: ${rec?.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

type TraceEv = { ev: string; task?: string; status?: string; replayed?: boolean };
const taskEvents = (context: unknown) =>
  ((context as { trace: TraceEv[] }).trace ?? [])
    .filter((e) => e.ev === "task.finished")
    .map((e) => `${e.task}:${e.status}`);

describe("core.ask", () => {
  it("pauses on the inquiry while the other branch runs, then resumes on a valid response", async () => {
    const host = embedded({ packs: [ASK_PACK] });
    const id = await host.submit("askt.approve");
    const inquiry = await pendingInquiry(host.backend, id);
    expect(inquiry.task).toBe("ask");
    expect(inquiry.parameters).toMatchObject({ roles: [], users: [], route: "", ttl: 1440 });
    expect(inquiry.parameters.schema).toMatchObject({ properties: { continue: { type: "boolean" } } });
    const paused = await host.backend.executions.get(id);
    // The side branch finished while the inquiry waited.
    expect(taskEvents(paused?.context)).toEqual(["ask:pending", "side:succeeded"]);
    const journal = await host.backend.journal.load(id);
    expect(journal.entries.get("ask/0/-/0/pending")?.status).toBe("pending");

    const bad = await respondInquiry(host.backend, inquiry.id, { continue: "yes" });
    expect(bad).toMatchObject({ ok: false, kind: "invalid" });
    expect(!bad.ok && bad.error).toContain("'yes' is not of type 'boolean'");
    const missing = await respondInquiry(host.backend, inquiry.id, {});
    expect(!missing.ok && missing.error).toContain("'continue' is a required property");
    expect((await host.backend.inquiries.get(inquiry.id))?.status).toBe("pending");

    const ok = await respondInquiry(host.backend, inquiry.id, { continue: true });
    expect(ok.ok).toBe(true);
    const again = await respondInquiry(host.backend, inquiry.id, { continue: false });
    expect(again).toMatchObject({ ok: false, kind: "closed" });
    expect(!again.ok && again.error).toContain("already responded");

    const done = await waitDone(host.backend, id);
    await host.close();
    expect(done.status).toBe("succeeded");
    expect(done.result).toEqual({ output: { note: "none", side: "side" } });
    expect(taskEvents(done.context)).toEqual([
      "ask:pending",
      "side:succeeded",
      "ask:succeeded",
      "done:succeeded",
    ]);
    expect((await host.backend.inquiries.get(inquiry.id))?.response).toEqual({
      continue: true,
      note: "none",
    });
  }, 20_000);

  it("takes responses only from the users the inquiry lists", async () => {
    const host = embedded({ packs: [ASK_PACK] });
    const id = await host.submit("askt.restricted");
    const inquiry = await pendingInquiry(host.backend, id);
    const refused = await respondInquiry(host.backend, inquiry.id, { continue: true });
    expect(refused).toMatchObject({ ok: false, kind: "unauthorized" });
    expect(refused.ok ? "" : refused.error).toContain('user "stanley" may not respond');
    expect((await respondInquiry(host.backend, inquiry.id, { continue: true }, Date.now(), "carol")).ok).toBe(
      false,
    );
    expect((await respondInquiry(host.backend, inquiry.id, { continue: true }, Date.now(), "bob")).ok).toBe(
      true,
    );
    const done = await waitDone(host.backend, id);
    await host.close();
    expect(done.result).toEqual({ output: { answer: { continue: true } } });
  }, 20_000);

  it("a false answer ends the workflow without the next task", async () => {
    const host = embedded({ packs: [ASK_PACK] });
    const id = await host.submit("askt.simple");
    const inquiry = await pendingInquiry(host.backend, id);
    expect((await respondInquiry(host.backend, inquiry.id, { continue: false })).ok).toBe(true);
    const done = await waitDone(host.backend, id);
    await host.close();
    expect(done.status).toBe("succeeded");
    expect(done.result).toEqual({ output: { answer: null } });
  }, 20_000);

  it("gives the same trace when the worker dies between pending and the response", async () => {
    const backend = new MemoryBackend();
    const first = embedded({ packs: [ASK_PACK], backend, leaseMs: 300 });
    const id = await first.submit("askt.approve");
    // Dies as soon as the pending outcome is journaled, while the other branch still runs.
    const start = Date.now();
    while (!(await backend.journal.get(id, "ask/0/-/0/pending")) && Date.now() - start < 10_000)
      await new Promise((r) => setTimeout(r, 2));
    await first.worker.crash();
    const second = embedded({ packs: [ASK_PACK], backend, leaseMs: 300 });
    const inquiry = await pendingInquiry(backend, id);
    const paused = await backend.executions.get(id);
    const pausedTrace = ((paused?.context as { trace?: TraceEv[] } | undefined)?.trace ?? []).filter(
      (e) => e.ev === "task.finished",
    );
    expect(pausedTrace.map((e) => `${e.task}:${e.status}:${e.replayed === true}`)).toEqual([
      "ask:pending:true",
      "side:succeeded:false",
    ]);
    expect((await respondInquiry(backend, inquiry.id, { continue: true, note: "ok" })).ok).toBe(true);
    const done = await waitDone(backend, id);
    await second.close();
    expect(done.status).toBe("succeeded");
    expect(done.result).toEqual({ output: { note: "ok", side: "side" } });
    expect(taskEvents(done.context)).toEqual([
      "ask:pending",
      "side:succeeded",
      "ask:succeeded",
      "done:succeeded",
    ]);
    const journal = await backend.journal.load(id);
    expect(journal.order.filter((s) => !s.startsWith("~"))).toEqual([
      "ask/0/-/0/pending",
      "side/0/-/0",
      "ask/0/-/0",
      "done/0/-/0",
    ]);
  }, 20_000);

  it("times out after the TTL (scaled): the task fails, a late response is refused", async () => {
    const host = embedded({ packs: [ASK_PACK], timeScale: 0.012 });
    const id = await host.submit("askt.approve", { ttl: 1 });
    const done = await waitDone(host.backend, id);
    expect(done.status).toBe("failed");
    expect(taskEvents(done.context)).toContain("ask:timeout");
    const [inquiry] = (await host.backend.inquiries.list()).filter((i) => i.rootId === id);
    expect(inquiry?.status).toBe("timeout");
    const late = await respondInquiry(host.backend, inquiry!.id, { continue: true });
    await host.close();
    expect(!late.ok && late.error).toContain("timed out");
  }, 20_000);

  it("pauses a sub-workflow and its parent; the response resumes both", async () => {
    const host = embedded({ packs: [ASK_PACK] });
    const id = await host.submit("askt.parent");
    const inquiry = await pendingInquiry(host.backend, id);
    expect(inquiry.execId).not.toBe(id);
    expect((await host.backend.executions.get(inquiry.execId))?.status).toBe("paused");
    expect((await respondInquiry(host.backend, inquiry.id, { continue: true, note: "child" })).ok).toBe(true);
    const done = await waitDone(host.backend, id);
    const child = await host.backend.executions.get(inquiry.execId);
    await host.close();
    expect(child?.status).toBe("succeeded");
    expect(done.status).toBe("succeeded");
    expect(done.result).toEqual({ output: { child: { note: "child", side: "side" } } });
  }, 20_000);

  it("pauses a compiled bundle whose inlined sub-workflow asks; the response resumes it", async () => {
    const out = mkdtempSync(join(tmpdir(), "orqc-ask-bundles-"));
    const built = await compile({
      paths: [ASK_PACK],
      outDir: out,
      force: true,
      translate: translateExpression,
    });
    expect(built.reports.filter((r) => r.status === "failed")).toEqual([]);
    const host = embedded({ packs: [ASK_PACK], bundlesDir: out });
    const id = await host.submit("askt.parent");
    const inquiry = await pendingInquiry(host.backend, id);
    expect(inquiry.execId).toBe(id);
    expect((await respondInquiry(host.backend, inquiry.id, { continue: true })).ok).toBe(true);
    const done = await waitDone(host.backend, id);
    await host.close();
    expect(done.status).toBe("succeeded");
    expect(done.result).toEqual({ output: { child: { note: "none", side: "side" } } });
    expect(await host.backend.executions.list({ parentId: id })).toEqual([]);
  }, 60_000);

  it("cancels a workflow paused on an inquiry: the inquiry ends canceled", async () => {
    const host = embedded({ packs: [ASK_PACK] });
    const id = await host.submit("askt.simple");
    const inquiry = await pendingInquiry(host.backend, id);
    expect((await controlExecution(host.backend, id, "cancel")).ok).toBe(true);
    const done = await waitDone(host.backend, id);
    const late = await respondInquiry(host.backend, inquiry.id, { continue: true });
    await host.close();
    expect(done.status).toBe("canceled");
    expect((await host.backend.inquiries.get(inquiry.id))?.status).toBe("canceled");
    expect(!late.ok && late.error).toContain("already canceled");
  }, 20_000);

  it("asks once per with-items item; the task completes when every item is answered", async () => {
    const host = embedded({ packs: [ASK_PACK] });
    const id = await host.submit("askt.items");
    await pendingInquiry(host.backend, id);
    const both = (await host.backend.inquiries.list("pending")).filter((i) => i.rootId === id);
    expect(both.map((i) => i.stepId).sort()).toEqual(["ask/0/0/0", "ask/0/1/0"]);
    const [first, second] = both.sort((a, b) => a.stepId.localeCompare(b.stepId));
    expect((await respondInquiry(host.backend, second!.id, { continue: false })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect((await host.backend.executions.get(id))?.status).toBe("paused");
    expect((await respondInquiry(host.backend, first!.id, { continue: true })).ok).toBe(true);
    const done = await waitDone(host.backend, id);
    await host.close();
    expect(done.status).toBe("succeeded");
    expect(done.result).toEqual({ output: { answers: [true, false] } });
  }, 20_000);

  it("refuses an unknown inquiry id", async () => {
    const out = await respondInquiry(new MemoryBackend(), "qnope", { continue: true });
    expect(out).toMatchObject({ ok: false, kind: "unknown" });
  });
});
