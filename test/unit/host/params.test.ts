// StackStorm's parameter layer for action runs: runner + action parameters,
// defaults, templates (config_context, st2kv), unknown and immutable checks.

import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../../runtime/backend/memory/index";
import { Datastore } from "../../../runtime/datastore/datastore";
import { actionParams, workflowInput } from "../../../runtime/host/params";
import { LOCAL_SHELL_PARAMS } from "../../../runtime/runners/runner-params";

const ctx = { config: { greeting: "hi" }, actionContext: { user: "stanley" }, user: "stanley" };

describe("action parameters", () => {
  it("fills defaults, renders templates and drops unset runner parameters", async () => {
    const out = await actionParams(
      { name: "ann" },
      LOCAL_SHELL_PARAMS,
      {
        name: { type: "string", required: true },
        cmd: { type: "string", default: "echo {{ config_context.greeting }} {{ name }}", immutable: true },
        count: { type: "integer", default: "3" },
      },
      ctx,
    );
    expect(out).toEqual({
      ok: true,
      params: { kwarg_op: "--", sudo: false, timeout: 60, name: "ann", cmd: "echo hi ann", count: 3 },
    });
  });

  it("refuses unknown and immutable parameters, and missing required ones", async () => {
    const meta = {
      cmd: { type: "string", default: "true", immutable: true },
      name: { type: "string", required: true },
    };
    expect(await actionParams({ nope: 1 }, LOCAL_SHELL_PARAMS, meta, ctx)).toEqual({
      ok: false,
      error: "Unknown parameter(s): nope",
    });
    expect(await actionParams({ cmd: "rm -rf /", name: "x" }, LOCAL_SHELL_PARAMS, meta, ctx)).toEqual({
      ok: false,
      error: "Override of immutable parameter(s) cmd is unsupported.",
    });
    expect(await actionParams({}, LOCAL_SHELL_PARAMS, meta, ctx)).toEqual({
      ok: false,
      error: "'name' is a required property",
    });
  });

  it("reads st2kv in workflow input templates", async () => {
    const ds = new Datastore(new MemoryBackend().kv);
    await ds.set({ scope: "system", name: "region", value: "eu" });
    const out = await workflowInput(
      {},
      { where: { type: "string", default: "{{ st2kv.system.region }}-1" } },
      { ...ctx, datastore: ds },
    );
    expect(out).toEqual({ ok: true, params: { where: "eu-1" } });
  });
});
