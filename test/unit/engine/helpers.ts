// Test helpers: run a YAML workflow with scripted outcomes per task.

import { buildWorkflowIR } from "../../../compiler/ir/build";
import type { ActionExecutor, ActionRequest } from "../../../runtime/engine/executor";
import { loadDefinition } from "../../../runtime/engine/load-definition";
import type { Trace } from "../../../runtime/engine/trace";
import { runWave, WaveInterpreter } from "../../../runtime/engine/wave";
import type { PyDict, PyValue } from "../../../runtime/stdlib/py/value";

export type Outcomes = Record<string, Array<{ status: string; result?: PyValue }>>;

export class ListExecutor implements ActionExecutor {
  readonly requests: ActionRequest[] = [];
  constructor(private readonly outcomes: Outcomes = {}) {}
  execute(req: ActionRequest) {
    this.requests.push(req);
    const next = this.outcomes[req.taskId]?.shift();
    return { status: next?.status ?? "succeeded", result: next?.result ?? null };
  }
}

export function irOf(yaml: string) {
  const loaded = loadDefinition("wf.yaml", yaml);
  return buildWorkflowIR(loaded.definition);
}

export function run(yaml: string, outcomes: Outcomes = {}, input: PyDict = {}): Trace {
  return runWave(irOf(yaml), {
    workflowPath: "wf.yaml",
    input,
    parentContext: {},
    executor: new ListExecutor(outcomes),
  });
}

export function interpreter(yaml: string, executor: ActionExecutor, input: PyDict = {}): WaveInterpreter {
  return new WaveInterpreter(irOf(yaml), { workflowPath: "wf.yaml", input, parentContext: {}, executor });
}

/** (id, route, status) of every task record. */
export function taskRuns(t: Trace): string[] {
  return t.tasks.map((r) => `${r.id}@${r.route}:${r.status}`);
}
