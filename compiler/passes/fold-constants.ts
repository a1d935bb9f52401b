// Pass: fold constant expressions.
// Input: a program. Output: expression strings that read nothing from the run
// (no ctx/item/result/task/st2kv/time/random, no `$`) and evaluate without
// error are replaced by their value; a `when` that is constantly true is
// dropped. Left alone: anything that fails (the error must surface at run
// time), values that still hold expression text (they would render again),
// keys, and with-items expressions.

import { isDict, type PyValue, truthy } from "../../runtime/stdlib/py/value";
import { constantOf } from "../expr/constant";
import type { NamedValueIR, TaskIR, TransitionIR, WorkflowIR } from "../ir/types";
import type { PassNote, PassResult, ProgramIR, WorkflowUnit } from "../program/types";
import { unitsOf } from "./update";

const PASS = "fold-constants";
class Folder {
  readonly notes: PassNote[] = [];
  constructor(private readonly unit: string) {}

  value(v: PyValue, where: string): PyValue {
    if (typeof v === "string") {
      const c = constantOf(v);
      if (!c) return v;
      this.notes.push({
        pass: PASS,
        kind: "changed",
        unit: this.unit,
        message: `${where}: folded ${JSON.stringify(v)}`,
      });
      return c.value;
    }
    if (Array.isArray(v)) {
      const out = v.map((x, i) => this.value(x, `${where}[${i}]`));
      return out.every((x, i) => x === v[i]) ? v : out;
    }
    if (isDict(v)) {
      let same = true;
      const out: { [k: string]: PyValue } = {};
      for (const k of Object.keys(v)) {
        const x = this.value(v[k]!, `${where}.${k}`);
        if (x !== v[k]) same = false;
        Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
      }
      return same ? v : out;
    }
    return v;
  }

  named(list: readonly NamedValueIR[], where: string): readonly NamedValueIR[] {
    const out = list.map((n) => {
      const value = this.value(n.value, `${where} "${n.name}"`);
      return value === n.value ? n : { ...n, value };
    });
    return out.every((n, i) => n === list[i]) ? list : out;
  }

  transition(task: TaskIR, tr: TransitionIR): TransitionIR {
    const publish = this.named(tr.publish, `task "${task.name}" next[${tr.index}] publish`);
    let condition = tr.condition;
    if (condition !== null) {
      const c = constantOf(condition);
      if (c && truthy(c.value)) {
        this.notes.push({
          pass: PASS,
          kind: "changed",
          unit: this.unit,
          task: task.name,
          message: `task "${task.name}" next[${tr.index}]: condition ${JSON.stringify(condition)} is always true`,
        });
        condition = null;
      }
    }
    return publish === tr.publish && condition === tr.condition ? tr : { ...tr, publish, condition };
  }

  task(task: TaskIR): TaskIR {
    const input = this.value(task.input, `task "${task.name}" input`);
    const next = task.next.map((tr) => this.transition(task, tr));
    const same = input === task.input && next.every((tr, i) => tr === task.next[i]);
    return same ? task : { ...task, input, next };
  }

  workflow(wf: WorkflowIR): WorkflowIR {
    const vars = this.named(wf.vars, "vars");
    const output = this.named(wf.output, "output");
    const tasks = wf.tasks.map((t) => this.task(t));
    const same = vars === wf.vars && output === wf.output && tasks.every((t, i) => t === wf.tasks[i]);
    return same ? wf : { ...wf, vars, output, tasks };
  }
}

export function foldConstants(program: ProgramIR): PassResult {
  const notes: PassNote[] = [];
  const units: Record<string, WorkflowUnit> = { ...program.units };
  let changed = false;
  for (const unit of unitsOf(program)) {
    const folder = new Folder(unit.id);
    const workflow = folder.workflow(unit.workflow);
    notes.push(...folder.notes);
    if (workflow !== unit.workflow) {
      units[unit.id] = { ...unit, workflow };
      changed = true;
    }
  }
  return { program: changed ? { ...program, units } : program, notes };
}
