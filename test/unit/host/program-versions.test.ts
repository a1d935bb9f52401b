// A workflow file edited while executions run: executions started before the
// edit finish with the definition they started with (their later runs replay
// it), executions submitted afterwards run the new one, without restarting
// the worker.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { controlExecution } from "../../../runtime/host/control";
import { embedded, waitDone } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pack(): string {
  const root = mkdtempSync(join(tmpdir(), "orqc-versions-"));
  const dir = join(root, "ver");
  mkdirSync(join(dir, "actions", "workflows"), { recursive: true });
  writeFileSync(join(dir, "pack.yaml"), "ref: ver\nname: ver\nversion: 0.1.0\n");
  writeFileSync(
    join(dir, "actions", "flow.yaml"),
    "name: flow\nrunner_type: orquesta\nentry_point: workflows/flow.yaml\nparameters: {}\n",
  );
  return root;
}

const flow = (said: string) => `version: 1.0
tasks:
  busy:
    action: core.local cmd="sleep 0.6; echo busy"
    next:
      - when: <% succeeded() %>
        do: last
  last:
    action: core.echo message="${said}"
    next:
      - when: <% succeeded() %>
        publish:
          - said: <% result().stdout %>
output:
  - said: <% ctx().said %>
`;

describe("programs that change on disk", () => {
  it("keeps an execution on the definition it started with; new executions get the edited one", async () => {
    const root = pack();
    const file = join(root, "ver", "actions", "workflows", "flow.yaml");
    writeFileSync(file, flow("one"));
    const host = embedded({ packs: [root] });
    const first = await host.submit("ver.flow", {});
    await sleep(200);
    // a pause makes the rest of the execution a second run, which replays the first
    expect((await controlExecution(host.backend, first, "pause")).ok).toBe(true);
    writeFileSync(file, flow("two, after an edit"));
    await sleep(900);
    expect((await controlExecution(host.backend, first, "resume")).ok).toBe(true);
    const a = await waitDone(host.backend, first, 10_000);
    const second = await host.submit("ver.flow", {});
    const b = await waitDone(host.backend, second, 10_000);
    await host.close();
    expect(a.result).toEqual({ output: { said: "one" } });
    expect(b.result).toEqual({ output: { said: "two, after an edit" } });
  }, 20_000);
});
